"""Correcting history (issue 15, part 7): a set, a measurement, a pain or effort entry
corrected or deleted is read back changed (or not at all), marked corrected, and what it
was is kept in the journal's corrections; its row is never removed."""

from __future__ import annotations

import io
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from guide_app.core.clock import FakeClock
from guide_app.core.history import (
    EffortRating,
    Journal,
    Measurement,
    PainReport,
    SetRecord,
    StorageError,
)
from guide_app.core.history_corrections import Correction
from guide_app.core.journal_lock import Held, ReadOnlyJournal
from guide_app.core.people import Person
from guide_app.core.sides import Side

START = datetime(2026, 11, 30, 9).timestamp()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(wall_start=START)


@pytest.fixture
def journal(tmp_path: Path, clock: FakeClock) -> Journal:
    journal = Journal(tmp_path / "history.sqlite3", clock=clock)
    row = journal.begin_session("hip", "Hip rehab")
    journal.record_set(row, SetRecord("clamshell", Side.LEFT, 1, 15, 15, load="5 kg"))
    journal.record_set(row, SetRecord("clamshell", Side.LEFT, 2, 15, 12, skipped=True))
    journal.record_set(row, SetRecord("clamshell", Side.RIGHT, 1, 15, 15))
    journal.record_measurement(row, Measurement("hip rotation", Side.LEFT, 35.0, "degrees"))
    journal.record_pain(row, PainReport("clamshell", Side.LEFT, 3, "outer hip"))
    journal.record_effort(row, EffortRating("clamshell", Side.LEFT, 6))
    journal.end_session(row)
    return journal


def _row(journal: Journal) -> int:
    (session,) = journal.sessions()
    return session.row


def test_a_corrected_set_is_read_back_corrected_and_keeps_what_it_was(
    journal: Journal, clock: FakeClock
) -> None:
    row = _row(journal)
    second = journal.sets_for(row)[1]
    assert journal.side_totals()["clamshell"][Side.LEFT].reps == 27
    clock.advance(3600)

    journal.correct(
        "set",
        second.uid,
        {"done_reps": 15, "skipped": False, "load": "5kg"},
        reason="counted wrong",
    )

    sets = journal.sets_for(row)
    assert (sets[1].done_reps, sets[1].skipped, sets[1].load) == (15, False, "5 kg")
    assert sets[1].corrected and not sets[0].corrected and not sets[2].corrected
    left = journal.side_totals()["clamshell"][Side.LEFT]
    assert (left.sets, left.reps, left.skipped) == (2, 30, 0)
    (detail,) = journal.session_details()
    assert [s.done_reps for s in detail.sets] == [15, 15, 15]
    assert detail.sets[1].corrected
    assert journal.session_summaries()[0].sets_done == 3

    (correction,) = journal.corrections_for(second.uid)
    assert correction == journal.corrections()[0]
    assert correction.kind == "set" and correction.entry == second.uid
    assert correction.before == {
        "planned_reps": 15,
        "done_reps": 12,
        "hold_achieved": None,
        "load": None,
        "skipped": True,
    }
    assert correction.after is not None and correction.after["done_reps"] == 15
    assert correction.after["load"] == "5 kg" and correction.after["skipped"] is False
    assert correction.reason == "counted wrong"
    assert correction.at == START + 3600
    assert correction.session == row and not correction.deleted


def test_a_deleted_entry_is_in_no_read_but_its_row_is_kept(
    journal: Journal, tmp_path: Path
) -> None:
    row = _row(journal)
    right = journal.sets_for(row)[2]
    (measurement,) = journal.measurements_for(row)
    (pain,) = journal.pain_for(row)
    (effort,) = journal.effort_for(row)

    journal.delete_entry("set", right.uid, reason="not done")
    journal.delete_entry("measurement", measurement.uid)
    journal.delete_entry("pain", pain.uid)
    journal.delete_entry("effort", effort.uid)

    assert [s.side for s in journal.sets_for(row)] == [Side.LEFT, Side.LEFT]
    assert Side.RIGHT not in journal.side_totals()["clamshell"]
    assert journal.measurements_for(row) == journal.pain_for(row) == []
    assert journal.effort_for(row) == []
    assert journal.measurements_over_time("hip rotation") == []
    assert journal.measurement_units() == {}
    summary = journal.session_summaries()[0]
    assert (summary.sets, summary.highest_pain) == (2, None)
    (detail,) = journal.session_details()
    assert (len(detail.sets), detail.measurements, detail.pain, detail.effort) == (2, (), (), ())
    out = io.StringIO()
    assert journal.export_csv(out) == 2

    deletions = journal.corrections()
    assert [c.kind for c in deletions] == ["set", "measurement", "pain", "effort"]
    assert all(c.deleted and c.after is None for c in deletions)
    assert deletions[0].before["done_reps"] == 15 and deletions[0].reason == "not done"
    check = sqlite3.connect(tmp_path / "history.sqlite3")
    assert check.execute("SELECT count(*) FROM sets").fetchone()[0] == 3
    assert check.execute("SELECT deleted FROM pain").fetchall() == [(1,)]


def test_a_measurement_pain_and_effort_are_corrected(journal: Journal) -> None:
    row = _row(journal)
    (measurement,) = journal.measurements_for(row)
    (pain,) = journal.pain_for(row)
    (effort,) = journal.effort_for(row)

    journal.correct("measurement", measurement.uid, {"value": 40.5})
    journal.correct("pain", pain.uid, {"score": 5, "location": "groin", "moment": "after"})
    journal.correct("effort", effort.uid, {"score": 8})

    (m,) = journal.measurements_for(row)
    assert (m.value, m.unit, m.corrected) == (40.5, "degrees", True)
    (p,) = journal.pain_for(row)
    assert (p.score, p.where, p.moment, p.corrected) == (5, "groin", "after", True)
    (e,) = journal.effort_for(row)
    assert (e.score, e.corrected) == (8, True)
    assert journal.session_summaries()[0].highest_pain == 5
    before = {c.kind: c.before for c in journal.corrections()}
    assert before == {
        "measurement": {"value": 35.0, "unit": "degrees"},
        "pain": {"score": 3, "location": "outer hip", "moment": None},
        "effort": {"score": 6},
    }


@pytest.mark.parametrize(
    ("kind", "changes", "field"),
    [
        ("set", {"done_reps": -1}, "Reps done"),
        ("set", {"planned_reps": 2.5}, "Reps planned"),
        ("set", {"hold_achieved": -3.0}, "Seconds held"),
        ("set", {"load": "heavy"}, "Load"),
        ("set", {"exercise_id": "squat"}, "exercise_id"),
        ("measurement", {"value": float("nan")}, "Value"),
        ("measurement", {"unit": "  "}, "Unit"),
        ("pain", {"score": 11}, "Pain"),
        ("pain", {"moment": "yesterday"}, "When"),
        ("effort", {"score": True}, "Effort"),
    ],
)
def test_a_bad_value_is_refused_naming_its_field(
    journal: Journal, kind: str, changes: dict[str, object], field: str
) -> None:
    row = _row(journal)
    entries = {
        "set": journal.sets_for(row),
        "measurement": journal.measurements_for(row),
        "pain": journal.pain_for(row),
        "effort": journal.effort_for(row),
    }
    uid = entries[kind][0].uid
    assert uid is not None
    with pytest.raises(ValueError, match=field):
        journal.correct(kind, uid, changes)
    assert journal.corrections() == []
    assert not any(e.corrected for e in entries[kind])


def test_an_unknown_or_deleted_entry_is_refused(journal: Journal) -> None:
    first = journal.sets_for(_row(journal))[0]
    assert first.uid is not None
    with pytest.raises(ValueError, match="no such"):
        journal.correct("set", "0" * 32, {"done_reps": 3})
    with pytest.raises(ValueError, match="kind"):
        journal.correct("stretch", first.uid, {"done_reps": 3})
    journal.delete_entry("set", first.uid)
    with pytest.raises(ValueError, match="deleted"):
        journal.correct("set", first.uid, {"done_reps": 3})
    with pytest.raises(ValueError, match="deleted"):
        journal.delete_entry("set", first.uid)


def test_nothing_changed_keeps_no_correction(journal: Journal) -> None:
    first = journal.sets_for(_row(journal))[0]
    assert first.uid is not None
    assert journal.correct("set", first.uid, {"done_reps": 15, "load": "5 kg"}) is None
    assert journal.corrections() == [] and not journal.sets_for(_row(journal))[0].corrected


def test_undoing_the_last_correction_puts_the_entry_back(journal: Journal) -> None:
    row = _row(journal)
    second = journal.sets_for(row)[1]
    assert second.uid is not None
    journal.correct("set", second.uid, {"done_reps": 14})
    journal.correct("set", second.uid, {"done_reps": 15, "skipped": False})

    undone = journal.undo_correction(second.uid)
    assert isinstance(undone, Correction) and undone.after is not None
    assert (undone.before["done_reps"], undone.after["done_reps"]) == (14, 15)
    assert journal.sets_for(row)[1].done_reps == 14 and journal.sets_for(row)[1].corrected
    journal.undo_correction(second.uid)
    assert journal.sets_for(row)[1] == second and not journal.sets_for(row)[1].corrected
    kept = journal.corrections_for(second.uid)  # the trail stays: two changes, two undone
    assert [c.after["done_reps"] for c in kept if c.after] == [14, 15, 14, 12]
    assert [c.reason for c in kept][2:] == ["undone", "undone"]
    assert journal.undo_correction(second.uid) is None

    journal.delete_entry("set", second.uid)
    assert len(journal.sets_for(row)) == 2
    journal.restore_entry("set", second.uid)
    assert journal.sets_for(row)[1] == second
    with pytest.raises(ValueError, match="not deleted"):
        journal.restore_entry("set", second.uid)


def test_corrections_are_listed_for_the_persons_sessions_in_the_period(
    journal: Journal, clock: FakeClock
) -> None:
    mine = journal.sets_for(_row(journal))[0]
    other = journal.add_person(Person(0, "", name="J.S."))
    clock.advance(2 * 86400)
    theirs = journal.begin_session("knee", "Knee", person=other.row)
    their_set = journal.record_set(theirs, SetRecord("squat", Side.RIGHT, 1, 8, 8))
    assert mine.uid is not None and their_set.uid is not None
    journal.correct("set", mine.uid, {"done_reps": 10})
    journal.correct("set", their_set.uid, {"done_reps": 6})

    assert [c.entry for c in journal.corrections()] == [mine.uid]
    assert journal.corrections(since=date(2026, 12, 1)) == []
    assert len(journal.corrections(until=date(2026, 11, 30))) == 1
    journal.person = other.row
    assert [c.entry for c in journal.corrections()] == [their_set.uid]
    assert journal.corrections_for(mine.uid)[0].after == {
        "planned_reps": 15,
        "done_reps": 10,
        "hold_achieved": None,
        "load": "5 kg",
        "skipped": False,
    }


def test_a_journal_another_copy_owns_refuses_corrections(
    journal: Journal, tmp_path: Path, clock: FakeClock
) -> None:
    uid = journal.sets_for(_row(journal))[0].uid
    assert uid is not None
    journal.close()
    with ReadOnlyJournal(tmp_path / "history.sqlite3", Held(tmp_path, 4242), clock=clock) as other:
        for attempt in (
            lambda: other.correct("set", uid, {"done_reps": 3}),
            lambda: other.delete_entry("set", uid),
            lambda: other.undo_correction(uid),
            lambda: other.restore_entry("set", uid),
        ):
            with pytest.raises(StorageError, match="4242"):
                attempt()
        assert other.corrections() == [] and other.sets_for(1)[0].done_reps == 15
