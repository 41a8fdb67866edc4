"""The clinician's PDF at scale: older weeks as weekly totals per side, only the recent
sessions set by set, few pages however long the period; corrected entries marked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument

from guide_app.cli import build_parser
from guide_app.cli import history as history_command
from guide_app.core.clock import FakeClock
from guide_app.core.history import EffortRating, Journal, Measurement, PainReport, SetRecord
from guide_app.core.loader import bundled_root, load_library
from guide_app.paths import JOURNAL_NAME
from guide_app.ui.report import write_pdf
from tests.helpers.history_scale import (
    CORRECTED_EVERY,
    SETS_A_SESSION,
    SKIPPED_EVERY,
    MadeHistory,
    make_history,
)

LIBRARY = load_library([bundled_root()])
TODAY = datetime(2026, 11, 30, 9)
CLOCK = FakeClock(wall_start=TODAY.timestamp())


def pdf_pages(path: Path) -> list[str]:
    """The text of each page."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = [document.getAllText(page).text() for page in range(document.pageCount())]
    document.close()
    return pages


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> MadeHistory:
    """A year of daily sessions (30 Nov 2025 to 29 Nov 2026), 36 sets each."""
    return make_history(tmp_path_factory.mktemp("year") / JOURNAL_NAME, 365)


@pytest.fixture(scope="module")
def year_report(qapp, year: MadeHistory, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("report") / "year.pdf"
    with Journal(year.path) as journal:
        written = write_pdf(journal, LIBRARY, path, clock=CLOCK)
    return written, pdf_pages(path)


def test_a_year_is_a_few_pages_of_weeks_and_two_weeks_of_sessions(year_report) -> None:  # type: ignore[no-untyped-def]
    written, pages = year_report
    assert written == len(pages) <= 30
    text = "\n".join(pages)
    assert "Period: Sun 30 Nov 2025 to Sun 29 Nov 2026" in text
    assert "Sessions: 365 sessions, 365 finished" in text
    assert "Shown: weekly totals up to Sun 15 Nov 2026, then each session from Mon 16 Nov 2026" in (
        " ".join(text.split())
    )
    assert "Week by week, per side" in text
    assert "Recent sessions, set by set (from Mon 16 Nov 2026)" in text
    # Only the last two weeks are listed session by session.
    headings = re.findall(r"(\w{3} \d+ \w{3} 2026) · Hip external rotation ·", text)
    assert headings[0] == "Mon 16 Nov 2026" and headings[-1] == "Sun 29 Nov 2026"
    assert len(headings) == 14


def _week_row(text: str, monday: str) -> list[str]:
    """The cells of the weekly table's row for the week from ``monday`` (empty cells
    leave no text)."""
    flat = " ".join(text.split())
    match = re.search(rf"(?<!\d){re.escape(monday)} (.*?) (?=\d+ \w{{3,4}} 20\d\d|Week from)", flat)
    assert match, f"no row for the week from {monday}"
    return match.group(1).split()


def test_older_weeks_are_summed_per_side(year_report, year: MadeHistory) -> None:  # type: ignore[no-untyped-def]
    """The week from Monday 31 August 2026: seven sessions; per side sets done, sets
    skipped, reps and seconds held; the highest pain; the entries corrected since."""
    _, pages = year_report
    monday = date(2026, 8, 31)
    days = [(monday + timedelta(days=k) - year.first).days for k in range(7)]
    skipped = sum(1 for n in days if n % SKIPPED_EVERY == 0)
    pain = max(n % 5 for n in days if n % 2 == 0)
    numbers = range(days[0] * SETS_A_SESSION + 1, (days[-1] + 1) * SETS_A_SESSION + 1)
    corrected = sum(1 for k in numbers if k % CORRECTED_EVERY == 0)
    sets, reps = 7 * 18, 7 * 3 * (20 + 12 + 15 + 10 + 12 + 1)
    right_reps = 7 * 3 * (15 + 12 + 10 + 8 + 12 + 1)
    expected = ["7", str(sets - skipped)]
    expected += [str(skipped)] if skipped else []
    expected += [str(reps - 6 * skipped), "630", str(sets), str(right_reps), "630"]
    expected += [f"{pain}/10"] + ([str(corrected)] if corrected else [])
    assert skipped == 1  # a fire hydrant set cut short on the left
    assert _week_row("\n".join(pages), "31 Aug 2026") == expected


def test_the_measurements_of_older_weeks_are_weekly_means(year_report) -> None:  # type: ignore[no-untyped-def]
    _, pages = year_report
    flat = " ".join("\n".join(pages).split())
    assert "Older weeks: the week's mean on each side. Recent days: each value." in flat
    assert re.search(r"Week from Prone hip external rotation \(degrees\)", flat)
    assert re.search(r"Sun 29 Nov 2026 40 45 -5", flat)  # a recent day, its own values


def test_the_recent_pain_is_listed_and_older_pain_is_in_the_weeks(year_report) -> None:  # type: ignore[no-untyped-def]
    _, pages = year_report
    flat = " ".join("\n".join(pages).split())
    assert "Older weeks: the highest pain of each week is in the weekly table." in flat
    listed = re.findall(r"(\w{3} \d+ \w{3} 2026) Clamshell ◀ Left \d/10", flat)
    assert listed and all(day.endswith("Nov 2026") and int(day.split()[1]) >= 16 for day in listed)


def test_every_hundredth_set_corrected_is_marked(year_report) -> None:  # type: ignore[no-untyped-def]
    _, pages = year_report
    text = "\n".join(pages)
    assert "†" in text
    assert "Corrected in the history window after it was recorded" in " ".join(text.split())


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal(tmp_path / "data" / JOURNAL_NAME, clock=CLOCK) as opened:
        yield opened


def _session(journal: Journal, day: date) -> tuple[int, list[SetRecord]]:
    start = datetime.combine(day, datetime.min.time()).timestamp() + 9 * 3600
    row = journal.begin_session(
        "hip-external-rotation",
        "Hip external rotation",
        programme_id="hip-external-rotation",
        affected_side="left",
        started_at=start,
    )
    sets = [
        journal.record_set(row, SetRecord("clamshell", side, n, 20, 20, at=start + 60 * n))
        for side in ("left", "right")
        for n in (1, 2, 3)
    ]
    journal.record_measurement(row, Measurement("Hip rotation", "left", 30, "degrees"))
    journal.record_pain(row, PainReport("clamshell", "left", 3))
    journal.record_effort(row, EffortRating("clamshell", "left", 6))
    journal.end_session(row, at=start + 900)
    return row, sets


def test_a_corrected_set_is_marked_with_a_note(qapp, journal: Journal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _session(journal, date(2026, 11, 27))
    _, other = _session(journal, date(2026, 11, 28))
    uid = other[4].uid  # the second set on the right, 28 November
    assert uid is not None
    assert journal.correct("set", uid, {"done_reps": 14}, "miscounted") is not None
    path = tmp_path / "corrected.pdf"
    write_pdf(journal, LIBRARY, path, clock=CLOCK)
    flat = " ".join("\n".join(pdf_pages(path)).split())
    assert "Right ▶ 20, 14, 20† 3 × 20" in flat  # the corrected set's group is marked
    assert "Right ▶ 3 × 20 3 × 20" in flat  # the set of the 27th was not corrected
    assert flat.count("†") == 2  # the mark and its note
    assert "† Corrected in the history window after it was recorded" in flat


def test_a_short_period_is_not_summed(qapp, journal: Journal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for day in (date(2026, 11, 20), date(2026, 11, 27)):
        _session(journal, day)
    path = tmp_path / "short.pdf"
    write_pdf(journal, LIBRARY, path, clock=CLOCK)
    flat = " ".join("\n".join(pdf_pages(path)).split())
    assert "Week by week" not in flat and "Shown:" not in flat and "†" not in flat
    assert "Sessions, set by set" in flat and "Recent sessions" not in flat
    assert "Fri 20 Nov 2026 · Hip external rotation" in flat


def test_the_command_line_report_sums_older_weeks_too(  # type: ignore[no-untyped-def]
    qapp, year: MadeHistory, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "clinic.pdf"
    argv = ["--no-user-library", "history", "export", "--pdf", str(out)]
    argv += ["--since", "2026-06-01", "--data-dir", str(year.path.parent)]
    assert history_command.run(build_parser().parse_args(argv)) == 0
    assert "page report to" in capsys.readouterr().err
    pages = pdf_pages(out)
    flat = " ".join("\n".join(pages).split())
    assert "Period: Mon 1 Jun 2026 to Sun 29 Nov 2026" in flat
    assert "Week by week, per side" in flat
    assert re.search(r"Week from .*(?<!\d)1 Jun 2026 7 ", flat)
    assert "31 May 2026" not in flat
    assert len(pages) <= 30
