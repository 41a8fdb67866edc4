"""The clinician's PDF report: written headless, readable as text, left against right; and
``guide-app history export --pdf``."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument

from guide_app.cli import build_parser
from guide_app.cli import history as history_command
from guide_app.core.clock import FakeClock
from guide_app.core.history import (
    EffortRating,
    Journal,
    Measurement,
    PainReport,
    SetRecord,
)
from guide_app.core.loader import bundled_root, load_library
from guide_app.paths import JOURNAL_NAME
from guide_app.ui.report import ensure_application, write_pdf

LIBRARY = load_library([bundled_root()])
DAY_ONE = datetime(2025, 3, 3, 9, 0)
OFFSETS = (0, 2, 4, 9, 11)  # five sessions over two weeks
ROOT = Path(__file__).resolve().parents[1]
GENERATED = datetime(2025, 3, 20, 9, 30)


def seed(journal: Journal) -> None:
    """Clamshells 3x20 left and 2x20 right in five sessions; a skipped fire hydrant set;
    hip rotation measured per side; pain and effort on the left."""
    for n, offset in enumerate(OFFSETS):
        start = (DAY_ONE + timedelta(days=offset)).timestamp()
        row = journal.begin_session(
            "hip-external-rotation",
            "Hip external rotation",
            programme_id="hip-external-rotation",
            phase="Foundation",
            affected_side="left",
            started_at=start,
        )
        at = iter(start + 60 * k for k in range(1, 100))
        for number in (1, 2, 3):
            journal.record_set(row, SetRecord("clamshell", "left", number, 20, 20, at=next(at)))
        for number in (1, 2):
            journal.record_set(row, SetRecord("clamshell", "right", number, 20, 20, at=next(at)))
        skipped = n == 1
        journal.record_set(
            row, SetRecord("fire-hydrant", "left", 1, 15, 6 if skipped else 15, skipped=skipped)
        )
        journal.record_set(row, SetRecord("fire-hydrant", "right", 1, 15, 15, at=next(at)))
        for side, value in (("left", 30 + 2 * n), ("right", 45)):
            journal.record_measurement(
                row, Measurement("Prone hip external rotation", side, value, "degrees")
            )
        if n == 0:
            journal.record_pain(row, PainReport("clamshell", "left", 4, "outside of the hip"))
        journal.record_effort(row, EffortRating("clamshell", "left", 8 - n))
        journal.end_session(row, at=next(at))


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal(tmp_path / "data" / JOURNAL_NAME) as opened:
        yield opened


def pdf_text(path: Path) -> tuple[int, str]:
    """The number of pages and the text of every page (via QtPdf)."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = document.pageCount()
    text = "\n".join(document.getAllText(page).text() for page in range(pages))
    document.close()
    return pages, text


def test_the_report_is_a_pdf_with_left_against_right(qapp, journal: Journal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed(journal)
    path = tmp_path / "report.pdf"
    written = write_pdf(journal, LIBRARY, path, generated=datetime(2025, 3, 20, 9, 30))
    assert path.read_bytes().startswith(b"%PDF")
    pages, text = pdf_text(path)
    assert pages == written >= 1
    assert "Session Guide: exercise report" in text
    assert "Period: Mon 3 Mar 2025 to Fri 14 Mar 2025" in text
    assert "Generated: Thu 20 Mar 2025 09:30" in text
    assert "Affected side: ◀ Left" in text
    # Exercise, left sets and reps, right sets and reps, left − right, left as % of right.
    assert re.search(r"Clamshell\s+15\s+300\s+10\s+200\s+\+100\s+150%", text)
    assert re.search(r"Fire Hydrant\s+4\s+66\s+5\s+75\s+-9\s+88%\s+1", text)
    # Measurements per side, pain, effort, and the sessions set by set.
    assert "Prone hip external rotation (degrees)" in text
    assert re.search(r"Fri 14 Mar 2025\s+38\s+45\s+-7", text)
    assert re.search(r"Mon 3 Mar 2025\s+Clamshell\s+◀ Left\s+4/10\s+outside of the hip", text)
    assert "8 → 4 (5 ratings)" in text
    assert "3 × 20" in text and "2 × 20" in text
    assert re.search(r"1 \(6 of 15 reps\s+done\)", text)


def test_a_date_range_narrows_every_table(qapp, journal: Journal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed(journal)
    path = tmp_path / "week.pdf"
    write_pdf(journal, LIBRARY, path, since=date(2025, 3, 4), until=date(2025, 3, 7))
    _, text = pdf_text(path)
    assert "Period: Tue 4 Mar 2025 to Fri 7 Mar 2025" in text
    assert re.search(r"Clamshell\s+6\s+120\s+4\s+80\s+\+40\s+150%", text)
    assert "Mon 3 Mar" not in text.replace("Period:", "")
    assert "10 Mar" not in text


def test_an_empty_journal_gives_a_report_that_says_so(qapp, journal: Journal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.pdf"
    assert write_pdf(journal, LIBRARY, path, title="Nothing yet") == 1
    pages, text = pdf_text(path)
    assert pages == 1
    assert "Nothing yet" in text and "No sessions recorded yet" in text


def test_no_second_application_is_made(qapp) -> None:  # type: ignore[no-untyped-def]
    assert ensure_application() is qapp


def test_history_export_pdf(qapp, journal: Journal, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    seed(journal)
    out = tmp_path / "clinic.pdf"
    data_dir = str(journal.path.parent)
    argv = ["history", "export", "--pdf", str(out), "--since", "2025-03-05"]
    parser = _parser()
    assert history_command.run(parser.parse_args([*argv, "--data-dir", data_dir])) == 0
    assert "page report to" in capsys.readouterr().err
    _, text = pdf_text(out)
    assert re.search(r"Clamshell\s+12\s+240\s+8\s+160", text)

    # A folder that isn't there: a message and exit status 1, no traceback.
    missing = tmp_path / "no-such-folder" / "r.pdf"
    argv = ["history", "export", "--pdf", str(missing), "--data-dir", data_dir]
    assert history_command.run(parser.parse_args(argv)) == 1
    assert "does not exist" in capsys.readouterr().err


def test_history_export_pdf_without_history_creates_no_journal(qapp, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "nothing-here"
    out = tmp_path / "r.pdf"
    argv = ["history", "export", "--pdf", str(out), "--data-dir", str(empty)]
    assert history_command.run(_parser().parse_args(argv)) == 0
    assert "No history yet" in capsys.readouterr().err
    assert "No sessions recorded yet" in pdf_text(out)[1]
    assert not empty.exists()


def test_the_command_needs_no_display(journal: Journal, tmp_path: Path) -> None:
    """The real command in a fresh process with no display and no platform chosen: it
    makes its own offscreen application."""
    seed(journal)
    journal.close()
    out = tmp_path / "headless.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    data_dir = str(journal.path.parent)
    command = [sys.executable, "-m", "guide_app", "--no-user-library", "--data-dir", data_dir]
    result = subprocess.run(
        [*command, "history", "export", "--pdf", str(out)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


class _Parser:
    """The app's own parser, without the user's library folder."""

    def parse_args(self, argv: list[str]) -> argparse.Namespace:
        return build_parser().parse_args(["--no-user-library", *argv])


def _parser() -> _Parser:
    return _Parser()


def test_the_report_reads_the_journal_in_a_few_statements(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """No read per session: the report of a long journal takes the statements of a short one,
    and "generated" is the wall time of the injected clock."""
    counts = []
    for copies in (1, 8):
        with Journal(tmp_path / f"{copies}.sqlite3") as journal:
            for _ in range(copies):
                seed(journal)
            statements: list[str] = []
            journal._connection.set_trace_callback(statements.append)
            path = tmp_path / f"{copies}.pdf"
            write_pdf(journal, LIBRARY, path, clock=FakeClock(wall_start=GENERATED.timestamp()))
            journal._connection.set_trace_callback(None)
            counts.append(len(statements))
    assert counts[0] == counts[1] <= 8, counts
    assert "Generated: Thu 20 Mar 2025 09:30" in pdf_text(path)[1]


def test_a_new_report_is_readable_by_the_user_alone(qapp, journal: Journal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The report holds health data: a new file is 0600 whatever the umask; a file the
    person made readable by others before keeps the permissions they chose."""
    import stat

    old = os.umask(0o022)
    try:
        seed(journal)
        new = tmp_path / "report.pdf"
        write_pdf(journal, LIBRARY, new, generated=GENERATED)
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
        chosen = tmp_path / "shared.pdf"
        chosen.write_bytes(b"")
        chosen.chmod(0o644)
        write_pdf(journal, LIBRARY, chosen, generated=GENERATED)
        assert stat.S_IMODE(chosen.stat().st_mode) == 0o644
        assert chosen.stat().st_size > 1000
    finally:
        os.umask(old)
