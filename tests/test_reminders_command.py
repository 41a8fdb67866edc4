"""``guide-app reminders --ics FILE``: a person's schedule as a calendar file, from the
journal in a temporary data folder and the bundled library."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest

from guide_app.cli import build_parser
from guide_app.cli import reminders as reminders_command
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.people import Person
from guide_app.paths import JOURNAL_NAME

TODAY = datetime(2026, 11, 30, 9)


def run(argv: list[str]) -> int:
    args: argparse.Namespace = build_parser().parse_args(["--no-user-library", *argv])
    return reminders_command.run(args, clock=FakeClock(wall_start=TODAY.timestamp()))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Me (Achilles heel drops twice a day, reminders at 8:00 and 18:00) and JS
    (piriformis, several times a week, reminded at 7:15)."""
    folder = tmp_path / "data"
    with Journal(folder / JOURNAL_NAME, clock=FakeClock(wall_start=TODAY.timestamp())) as j:
        me = j.person_by_row(1)
        j.update_person(
            Person(
                me.row,
                me.uid,
                programme_id="achilles-eccentric-alfredson",
                started_on=date(2026, 11, 16),
                reminders=("08:00", "18:00"),
            )
        )
        j.add_person(
            Person(
                0,
                "",
                name="JS",
                programme_id="piriformis",
                started_on=date(2026, 11, 30),
                reminders=("07:15",),
            )
        )
    return folder


def read(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert isinstance(calendar, icalendar.Calendar)
    return list(calendar.walk("VEVENT"))


def test_the_default_person_s_four_weeks(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "me.ics"
    assert run(["reminders", "--ics", str(out), "--data-dir", str(data_dir)]) == 0
    events = read(out)
    assert len(events) == 28 * 2
    assert events[0].decoded("dtstart") == datetime(2026, 11, 30, 8, 0)
    assert str(events[0]["summary"]) == "Eccentric heel drops (Alfredson)"
    assert "wrote 56 reminders" in capsys.readouterr().err
    again = tmp_path / "again.ics"
    assert run(["--data-dir", str(data_dir), "reminders", "--ics", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_another_person_by_name_or_row_for_two_weeks(data_dir: Path, tmp_path: Path) -> None:
    by_name, by_row = tmp_path / "js.ics", tmp_path / "2.ics"
    argv = ["reminders", "--weeks", "2", "--data-dir", str(data_dir), "--person"]
    assert run([*argv, "js", "--ics", str(by_name)]) == 0
    assert run([*argv, "2", "--ics", str(by_row)]) == 0
    assert by_name.read_bytes() == by_row.read_bytes()
    events = read(by_name)
    assert len(events) == 2 * 3  # several times a week: three days a week
    assert {e.decoded("dtstart").time().isoformat() for e in events} == {"07:15:00"}


def test_a_person_without_times_or_unknown_is_told_why(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.ics"
    with Journal(data_dir / JOURNAL_NAME) as journal:
        journal.add_person(Person(0, "", name="Ann", programme_id="piriformis"))
    argv = ["reminders", "--ics", str(out), "--data-dir", str(data_dir), "--person"]
    assert run([*argv, "Ann"]) == 1
    assert "Ann has no reminder times" in capsys.readouterr().err
    assert run([*argv, "Bob"]) == 1
    assert "No person 'Bob' here. The people here: 1: Me" in capsys.readouterr().err
    assert not out.exists()


def test_no_journal_yet_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.ics"
    empty = tmp_path / "empty"
    assert run(["reminders", "--ics", str(out), "--data-dir", str(empty)]) == 1
    assert "No one has reminder times yet" in capsys.readouterr().err
    assert not out.exists() and not empty.exists()
