"""Recording what happened, in the core: the resume words, effort ratings that wait to be
given, holds cut short, and pain on the summary (issue 11, items 16, 17, 19 and 20)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal, SetRecord
from guide_app.core.notice import Notice
from guide_app.core.readout import Readout
from guide_app.core.resume import saved_words
from guide_app.core.session_run import SessionRun
from guide_app.core.sides import Side
from guide_app.core.steps import StepKind
from guide_app.core.summary import Summary
from tests.helpers.content import bundled_library
from tests.helpers.fakes import FakeJournal, FakeVoice


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return bundled_library()


def started(library, journal: object, session: str = "first-session"):  # type: ignore[no-untyped-def]
    clock = FakeClock(1000.0)
    run = SessionRun(library, clock, FakeVoice(), lambda: journal)  # type: ignore[arg-type,return-value]
    notices: list[Notice] = []
    finished: list[Summary] = []
    run.on_notice = notices.append
    run.on_finished = finished.append
    run.start(SessionChoice(session=library.sessions[session], affected="left"))
    run.voice_prepared(1, 1)
    return run, clock, notices, finished


def until(run: SessionRun, clock: FakeClock, done: Callable[[Readout], bool]) -> Readout:
    """Carry on like a patient person (a key 3 s after a step that waits for one) until
    ``done`` holds for the readout."""
    for _ in range(10_000):
        readout = run.readout()
        assert readout is not None
        if done(readout) or run.done:
            return readout
        at = run.wake_at()
        if at is None:
            clock.advance(3)
            run.next()
        else:
            clock.set(max(at, clock.now()))
            run.tick()
    raise AssertionError("never got there")


# --------------------------------------------------------------------------- item 16


def test_resume_words_count_done_and_skipped_sets_apart() -> None:
    assert saved_words(9, 6) == "9 sets were done, 6 skipped"
    assert saved_words(1, 0) == "1 set was done"
    assert saved_words(9, 5, cut_short=1) == "9 sets were done, 1 cut short, 5 skipped"


def test_a_run_that_saved_nothing_is_not_offered_for_resuming(library) -> None:  # type: ignore[no-untyped-def]
    journal = FakeJournal()
    first, _clock, _, _ = started(library, journal)
    assert first.readout().kind is StepKind.NOTE  # type: ignore[union-attr]
    # The app dies on the welcome note: the session row is running, with nothing in it.
    second = SessionRun(library, FakeClock(), FakeVoice(), lambda: journal)
    assert second.interrupted() is None, "nothing was saved: there is nothing to resume"
    assert journal.sessions[1].record.state == "stopped", "the empty run is closed"


def test_a_run_with_sets_is_offered_with_its_sets(library) -> None:  # type: ignore[no-untyped-def]
    journal = FakeJournal()
    first, clock, _, _ = started(library, journal)
    until(first, clock, lambda r: r.exercise_name == "Clamshell")  # the bridge: 2 sets
    second = SessionRun(library, FakeClock(), FakeVoice(), lambda: journal)
    pending = second.interrupted()
    assert pending is not None and len(pending[1]) == 2


# --------------------------------------------------------------------------- item 17


def test_the_effort_question_stays_open_into_the_next_exercise(library) -> None:  # type: ignore[no-untyped-def]
    journal = FakeJournal()
    run, clock, notices, _ = started(library, journal)
    readout = until(run, clock, lambda r: r.effort_for is not None)
    assert readout.effort_for == "Bridge with Band"
    readout = until(run, clock, lambda r: r.kind is StepKind.PHASE)  # the clamshell is under way
    clock.advance(4)
    run.tick()
    assert run.readout().effort_for == "Bridge with Band", "still open: not answered yet"  # type: ignore[union-attr]
    assert run.rate_effort(6)
    assert [(e.exercise_id, e.side, e.score) for e in journal.effort] == [
        ("glute-bridge", Side.BOTH, 6)
    ]
    assert run.readout().effort_for is None  # type: ignore[union-attr]
    assert "6" in notices[-1].text and "Bridge with Band" in notices[-1].text, "it says so"


def test_a_rating_key_with_nothing_to_rate_says_so(library) -> None:  # type: ignore[no-untyped-def]
    journal = FakeJournal()
    run, clock, notices, _ = started(library, journal)
    until(run, clock, lambda r: r.kind is StepKind.REP)
    assert not run.rate_effort(7)
    assert journal.effort == []
    assert notices and "rate" in notices[-1].text.lower(), "the key press is not met by silence"


def test_every_exercise_can_be_rated_on_the_summary(library) -> None:  # type: ignore[no-untyped-def]
    journal = FakeJournal()
    run, clock, _, finished = started(library, journal)
    until(run, clock, lambda r: False)  # to the end
    (summary,) = finished
    rated = {row.exercise_id for row in summary.rows}
    assert {"glute-bridge", "clamshell", "figure-4-stretch", "fire-hydrant"} <= rated
    last = [row for row in summary.rows if row.exercise_id == "fire-hydrant"]
    assert [row.side for row in last] == [Side.LEFT, Side.RIGHT]
    assert run.rate("fire-hydrant", Side.RIGHT, 8)
    assert run.rate("fire-hydrant", Side.RIGHT, 5)  # changed on the summary: replaced
    assert [(e.exercise_id, e.side, e.score) for e in journal.effort] == [
        ("fire-hydrant", Side.RIGHT, 5)
    ]
    assert run.summary().effort == {("fire-hydrant", Side.RIGHT): 5}


def test_a_rating_given_during_the_session_is_on_the_summary(library) -> None:  # type: ignore[no-untyped-def]
    journal = FakeJournal()
    run, clock, _, finished = started(library, journal)
    until(run, clock, lambda r: r.effort_for is not None)
    run.rate_effort(4)
    run.stop()
    (summary,) = finished
    assert summary.effort == {("glute-bridge", Side.BOTH): 4}


# --------------------------------------------------------------------------- item 19


def test_a_hold_cut_short_is_recorded_with_the_seconds_held(library) -> None:  # type: ignore[no-untyped-def]
    journal = FakeJournal()
    run, clock, _, finished = started(library, journal)
    until(run, clock, lambda r: r.kind is StepKind.HOLD and r.exercise_name == "Figure-4 Stretch")
    clock.advance(1.27756)
    run.next()  # Space after a second and a bit of a 20-second hold
    run.stop()
    [held] = [s for s in journal.sessions[1].sets if s.exercise_id == "figure-4-stretch"]
    assert held.hold_planned == 20 and held.hold_achieved == pytest.approx(1.27756)
    assert held.skipped and held.cut_short, "not a completed set"
    (summary,) = finished
    [row] = [r for r in summary.rows if r.exercise_id == "figure-4-stretch" and r.side is Side.LEFT]
    assert (row.sets_done, row.cut_short, row.skipped_sets) == (0, 1, 0)
    assert row.hold_planned == 20 and row.hold_seconds == pytest.approx(1.27756)
    assert row.unit == "holds"


def test_a_hold_held_to_its_end_is_a_completed_set(library) -> None:  # type: ignore[no-untyped-def]
    journal = FakeJournal()
    run, clock, _, finished = started(library, journal)
    until(run, clock, lambda r: r.exercise_name == "Figure-4 Stretch" and r.side is Side.RIGHT)
    run.stop()
    [held] = [s for s in journal.sessions[1].sets if s.exercise_id == "figure-4-stretch"]
    assert held.hold_achieved == 20 and not held.skipped and not held.cut_short
    (summary,) = finished
    [row] = [r for r in summary.rows if r.exercise_id == "figure-4-stretch" and r.side is Side.LEFT]
    assert (row.sets_done, row.sets_planned, row.cut_short) == (1, 1, 0)


def test_set_records_say_cut_short_apart_from_skipped() -> None:
    full = SetRecord("x", Side.LEFT, 1, 1, 1, hold_planned=30, hold_achieved=30)
    cut = SetRecord("x", Side.LEFT, 1, 1, 1, hold_planned=30, hold_achieved=1.2, skipped=True)
    nothing = SetRecord("x", Side.LEFT, 2, 1, 0, hold_planned=30, hold_achieved=0, skipped=True)
    reps = SetRecord("y", Side.LEFT, 1, 10, 4, skipped=True)
    assert [r.cut_short for r in (full, cut, nothing, reps)] == [False, True, False, True]
    assert (full.planned_hold_seconds, reps.planned_hold_seconds) == (30, None)


# --------------------------------------------------------------------------- item 20


def test_pain_reports_are_on_the_summary(library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(1000.0)
    run = SessionRun(library, clock, FakeVoice(), lambda: Journal(tmp_path / "h.db", clock=clock))
    finished: list[Summary] = []
    run.on_finished = finished.append
    run.start(SessionChoice(session=library.sessions["first-session"], affected="left"))
    run.voice_prepared(1, 1)
    until(run, clock, lambda r: r.exercise_name == "Clamshell" and r.kind is StepKind.PHASE)
    run.record_pain(8, "front of the hip")
    run.stop()
    (summary,) = finished
    [pain] = summary.pain
    assert (pain.exercise, pain.side, pain.score, pain.where) == (
        "Clamshell",
        Side.LEFT,
        8,
        "front of the hip",
    )
    run.shutdown()
