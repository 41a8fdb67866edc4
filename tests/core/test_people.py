"""People on one machine (journal version 5): a version-4 journal becomes the first
person's history with nothing lost; each person reads only their own sessions; every
session and entry gets an id that is the same wherever it moves."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from guide_app.core.clock import FakeClock
from guide_app.core.history import MIGRATIONS, SCHEMA_VERSION, Journal, PainReport, SetRecord
from guide_app.core.people import Person, reminder_times
from guide_app.core.sides import Side
from tests.helpers.journals import version_4_journal


def test_a_version_4_journal_becomes_the_first_persons_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    version_4_journal(path)
    with Journal(path, clock=FakeClock()) as journal:
        (person,) = journal.people()
        assert person.row == 1 and person.is_default and person.name == ""
        assert person.shown_name() == "Me"
        (session,) = journal.sessions()
        assert (session.title, session.person) == ("Hip rehab", 1)
        sets = journal.sets_for(session.row)
        assert [(s.exercise_id, s.done_reps, s.load) for s in sets] == [
            ("clamshell", 15, "5 kg"),
            ("clamshell", 12, None),
        ]
        uids = [session.uid, *(s.uid for s in sets)]
        uids += [m.uid for m in journal.measurements_for(session.row)]
        uids += [p.uid for p in journal.pain_for(session.row)]
        uids += [e.uid for e in journal.effort_for(session.row)]
        assert all(u and len(u) == 32 for u in uids) and len(set(uids)) == len(uids) == 6
        assert journal.pain_for(session.row)[0].moment is None
        assert not any(s.corrected for s in sets)
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)


def test_each_person_reads_only_their_own_sessions(tmp_path: Path) -> None:
    clock = FakeClock()
    with Journal(tmp_path / "history.sqlite3", clock=clock) as journal:
        other = journal.add_person(Person(0, "", name="J.S.", affected=Side.RIGHT))
        mine = journal.begin_session("hip", "Hip")
        journal.record_set(mine, SetRecord("clamshell", Side.LEFT, 1, 10, 10))
        journal.end_session(mine)
        theirs = journal.begin_session("knee", "Knee", person=other.row)
        journal.record_set(theirs, SetRecord("squat", Side.RIGHT, 1, 8, 8))
        journal.record_pain(theirs, PainReport(None, Side.RIGHT, 2, moment="next_morning"))
        journal.end_session(theirs)
        assert [s.title for s in journal.sessions()] == ["Hip"]
        assert list(journal.side_totals()) == ["clamshell"]
        journal.person = other.row
        assert [s.title for s in journal.sessions()] == ["Knee"]
        assert list(journal.side_totals()) == ["squat"]
        assert [log.session.title for log in journal.session_logs()] == ["Knee"]
        assert journal.pain_for(theirs)[0].moment == "next_morning"
        assert [p.shown_name() for p in journal.people()] == ["Me", "J.S."]
        with pytest.raises(ValueError, match="sessions in the history"):
            journal.remove_person(other.row)


def test_a_person_keeps_their_programme_and_reminders(tmp_path: Path) -> None:
    with Journal(tmp_path / "history.sqlite3", clock=FakeClock()) as journal:
        added = journal.add_person(
            Person(
                0,
                "",
                name="Ana",
                affected=Side.LEFT,
                weaker=Side.LEFT,
                programme_id="achilles-pain-monitoring",
                started_on=date(2026, 11, 14),
                reminders=reminder_times("18:30, 8:00"),
            )
        )
        assert journal.person_by_row(added.row) == added
        assert added.reminders == ("08:00", "18:30")
        assert added.display_name() == ""
        journal.update_person(Person(**{**_fields(added), "show_name": True}))
        assert journal.person_by_row(added.row).display_name() == "Ana"
        journal.remove_person(added.row)
        assert [p.row for p in journal.people()] == [1]
    with pytest.raises(ValueError, match="not a time of day"):
        reminder_times("8 o'clock")


def _fields(person: Person) -> dict[str, object]:
    return {name: getattr(person, name) for name in Person.__slots__}
