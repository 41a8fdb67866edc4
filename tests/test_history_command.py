"""``guide-app history export`` and ``guide-app history totals`` through ``run()``, on a
journal in a temporary data folder."""

from __future__ import annotations

import argparse
import csv
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from guide_app.cli import build_parser
from guide_app.cli import history as history_command
from guide_app.core.clock import FakeClock
from guide_app.core.history import CSV_COLUMNS, Journal, SetRecord
from guide_app.paths import JOURNAL_NAME, journal_path

DAY_ONE = datetime(2025, 3, 3, 9, 0)


def parse(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(["--no-user-library", *argv])


def run(argv: list[str]) -> int:
    return history_command.run(parse(argv))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Five days of clamshells (3x20 left, 2x20 right) and a hold on both sides."""
    folder = tmp_path / "data"
    clock = FakeClock(wall_start=DAY_ONE.timestamp())
    with Journal(folder / JOURNAL_NAME, clock=clock) as journal:
        for day in range(5):
            clock.set(timedelta(days=day).total_seconds())
            row = journal.begin_session("hip-rehab", "Hip rehab", programme_id="hip")
            for number in (1, 2, 3):
                journal.record_set(row, SetRecord("clamshell", "left", number, 20, 20))
            for number in (1, 2):
                journal.record_set(row, SetRecord("clamshell", "right", number, 20, 20))
            journal.record_set(
                row, SetRecord("bridge-hold", "both", 1, 1, 1, hold_planned=30, hold_achieved=30)
            )
            journal.end_session(row)
    return folder


def test_export_csv_to_the_screen(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["history", "export", "--csv", "--data-dir", str(data_dir)]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + 5 * 6
    assert rows[1][:6] == ["2025-03-03", "Hip rehab", "hip", "clamshell", "left", "1"]


def test_export_csv_to_a_file_between_two_dates(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "clinic.csv"
    argv = ["history", "export", "--csv", str(out), "--since", "2025-03-04"]
    code = run([*argv, "--until", "2025-03-05", "--data-dir", str(data_dir)])
    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 2 * 6
    assert {r["date"] for r in rows} == {"2025-03-04", "2025-03-05"}
    assert "wrote 12 rows to" in capsys.readouterr().err


def test_export_needs_a_format(data_dir: Path) -> None:
    with pytest.raises(SystemExit):
        parse(["history", "export", "--data-dir", str(data_dir)])


def test_a_date_that_is_not_a_date_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse(["history", "export", "--csv", "--since", "last week"])
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_totals_table_left_against_right(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["history", "totals", "--data-dir", str(data_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["exercise", "side", "sets", "reps", "hold", "s", "skipped"]
    table = [line.split() for line in lines[2:]]
    assert ["bridge-hold", "both", "5", "5", "150", "0"] in table
    assert ["clamshell", "left", "15", "300", "0", "0"] in table
    assert ["right", "10", "200", "0", "0"] in table
    assert any("150% of right" in line for line in lines)


def test_totals_for_one_exercise_and_an_empty_range(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["history", "totals", "--exercise", "bridge-hold", "--data-dir", str(data_dir)])
    out = capsys.readouterr().out
    assert "bridge-hold" in out and "clamshell" not in out
    run(["history", "totals", "--since", "2030-01-01", "--data-dir", str(data_dir)])
    assert capsys.readouterr().out.strip() == "No sets recorded in that range."


def test_no_history_yet_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "nothing-here"
    assert run(["history", "export", "--csv", "--data-dir", str(empty)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == ",".join(CSV_COLUMNS)
    assert "No history yet" in captured.err
    assert run(["history", "totals", "--data-dir", str(empty)]) == 0
    assert not empty.exists()


def test_a_storage_fault_is_a_message_and_exit_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    (folder / JOURNAL_NAME).mkdir(parents=True)  # a folder where the file goes
    assert run(["history", "totals", "--data-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert str(folder) in err and "Traceback" not in err


def test_a_corrupt_journal_is_moved_aside_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / JOURNAL_NAME).write_bytes(b"\x00garbage" * 100)
    assert run(["history", "totals", "--data-dir", str(folder)]) == 0
    assert "moved aside" in capsys.readouterr().err
    assert len(list(folder.glob("history.sqlite3.corrupt-*"))) == 1


def test_history_alone_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["history"]) == 2
    assert "export" in capsys.readouterr().err


def test_the_default_data_dir_honours_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    path = journal_path(None)
    assert path == tmp_path / "xdg" / "SessionGuide" / "guide-app" / "history.sqlite3"


def test_exports_are_readable_by_the_user_alone(data_dir: Path, tmp_path: Path) -> None:
    """Pain scores and where it hurts are health data: a new export is 0600, with or
    without a history, whatever the umask lets others read."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        out = tmp_path / "clinic.csv"
        assert run(["history", "export", "--csv", str(out), "--data-dir", str(data_dir)]) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        header_only = tmp_path / "empty.csv"
        argv = ["history", "export", "--csv", str(header_only), "--data-dir", str(tmp_path / "x")]
        assert run(argv) == 0
        assert stat.S_IMODE(header_only.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_a_title_a_spreadsheet_would_run_is_exported_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    with Journal(folder / JOURNAL_NAME) as journal:
        row = journal.begin_session("s", '=HYPERLINK("http://x.example","open me")')
        journal.record_set(row, SetRecord("clamshell", "left", 1, 20, 20))  # type: ignore[arg-type]
    assert run(["history", "export", "--csv", "--data-dir", str(folder)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["session"] == '\'=HYPERLINK("http://x.example","open me")'
    assert rows[0]["set"] == "1"
