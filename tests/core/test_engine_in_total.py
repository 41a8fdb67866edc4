"""Reps counted in total (``count: in_total``) as the engine runs and journals them: the
count runs 1..N across both sides, each key press counts for the side it was made on, and
each side's set is journalled as its share of the total (odd: the first side one more)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from guide_app.core.clock import FakeClock
from guide_app.core.engine import Event, RepCounted, RepUndone, Runner, SetDone
from guide_app.core.history import Journal
from guide_app.core.loader import Library
from guide_app.core.model import Exercise, Session
from guide_app.core.plan import Plan, Side, expand
from guide_app.core.readout import Readout
from guide_app.core.session_run import SessionRun
from tests.helpers.content import run_to_end
from tests.helpers.fakes import FakeVoice

L, R = Side.LEFT, Side.RIGHT


def march(**dosage: Any) -> Exercise:
    """A version-2 march (the legs alternate) with these dosage fields."""
    return Exercise.model_validate(
        {
            "version": 2,
            "kind": "exercise",
            "id": "march",
            "name": "March",
            "summary": "A drill for tests.",
            "position": "standing",
            "pictures": {"start": "assets/pictures/x.svg"},
            "cues": ["Stand tall."],
            "sides": "alternating",
            "dosage": {"sets": 1, "reps": 5, "count": "in_total", **dosage},
        }
    )


def session_of(**dosage: Any) -> Session:
    block = {"exercise": "march", **({"dosage": dosage} if dosage else {})}
    return Session.model_validate(
        {"version": 2, "kind": "session", "id": "s", "title": "Test", "blocks": [block]}
    )


def plan_of(ex: Exercise, ready: float | None = None, **block: Any) -> Plan:
    return expand(session_of(**block), {ex.id: ex}, affected="left", ready_seconds=ready)


def of(kind: type[Any], events: list[Event]) -> list[Any]:
    return [e for e in events if isinstance(e, kind)]


def sets(events: list[Event]) -> list[tuple[Side, int, int, int, bool]]:
    """Each journalled set: side, set number, done, planned, skipped."""
    return [(e.side, e.set, e.done_reps, e.planned_reps, e.skipped) for e in of(SetDone, events)]


def started(plan: Plan) -> tuple[Runner, FakeClock, list[Event]]:
    """A runner past its get-ready (which waits for a key), at the first rep."""
    clock = FakeClock(100.0)
    runner = Runner(plan, clock)
    events = runner.start() + runner.next()
    return runner, clock, events


def test_a_march_of_5_in_total_journals_3_left_and_2_right_as_done() -> None:
    runner, clock, events = started(plan_of(march()))
    events += run_to_end(runner, clock)
    assert sets(events) == [(L, 1, 3, 3, False), (R, 1, 2, 2, False)]
    counted = of(RepCounted, events)
    assert [(e.side, e.rep, e.of) for e in counted] == [
        (L, 1, 5),
        (R, 2, 5),
        (L, 3, 5),
        (R, 4, 5),
        (L, 5, 5),
    ], "the count runs 1..5 across both legs"
    assert runner.state.reps_done == {("march", L): 3, ("march", R): 2}


def test_an_even_total_and_a_range_split_evenly() -> None:
    runner, clock, events = started(plan_of(march(reps="10-12")))
    events += run_to_end(runner, clock)
    assert sets(events) == [(L, 1, 6, 6, False), (R, 1, 6, 6, False)]
    assert [(e.reps_range.low, e.reps_range.high) for e in of(SetDone, events)] == [(5, 6), (5, 6)]


def test_back_takes_one_press_off_the_side_it_was_made_on() -> None:
    runner, clock, events = started(plan_of(march()))
    events += runner.next() + runner.next()  # 1 left, 2 right
    assert runner.state.set_reps == 2
    events += runner.back()
    assert [(e.side, e.rep) for e in of(RepUndone, events)] == [(R, 2)]
    assert runner.state.set_reps == 1
    assert runner.state.step.side is R and runner.state.step.rep == 2
    events += run_to_end(runner, clock)
    assert sets(events) == [(L, 1, 3, 3, False), (R, 1, 2, 2, False)]


def test_the_count_while_running_is_the_total_across_both_legs() -> None:
    runner, _, _ = started(plan_of(march(reps=10)))
    for n in range(1, 4):
        runner.next()
        assert runner.state.set_reps == n, "both legs' presses count toward the set"
    assert runner.state.step.rep == 4 and runner.state.step.reps == 10


def test_stopping_part_way_journals_what_each_side_did_of_its_share() -> None:
    runner, _, events = started(plan_of(march()))
    events += runner.next() + runner.next() + runner.next()  # left, right, left
    events += runner.stop()
    assert sets(events) == [(L, 1, 2, 3, True), (R, 1, 1, 2, True)]


def test_repeating_the_set_starts_both_sides_again_from_nothing() -> None:
    runner, clock, events = started(plan_of(march()))
    events += runner.next() + runner.next() + runner.next()
    events += runner.repeat_set()
    assert runner.state.set_reps == 0 and runner.state.step.rep == 1
    events += run_to_end(runner, clock)
    assert sets(events) == [(L, 1, 3, 3, False), (R, 1, 2, 2, False)]


def test_reps_each_side_are_journalled_as_before() -> None:
    runner, clock, events = started(plan_of(march(reps=3, count="each_side")))
    events += run_to_end(runner, clock)
    assert sets(events) == [(L, 1, 3, 3, False), (R, 1, 3, 3, False)]


def test_a_side_left_on_its_own_does_the_whole_total() -> None:
    plan = plan_of(march(sets=2, per_side={"unaffected": {"sets": 1}}))
    runner, clock, events = started(plan)
    events += run_to_end(runner, clock)
    assert sets(events) == [(L, 1, 3, 3, False), (R, 1, 2, 2, False), (L, 2, 5, 5, False)]


def test_only_one_side_does_the_whole_total() -> None:
    runner, clock, events = started(plan_of(march(reps=10), only="affected"))
    events += run_to_end(runner, clock)
    assert sets(events) == [(L, 1, 10, 10, False)]
    assert [e.rep for e in of(RepCounted, events)] == list(range(1, 11))


# --------------------------------------------------------------------------- the session


def shown(run: SessionRun) -> Readout:
    readout = run.readout()
    assert readout is not None
    return readout


def test_the_journal_and_the_screen_of_a_march_in_total(tmp_path: Path) -> None:
    ex = march(reps=10)
    clock = FakeClock(1000.0)
    db = tmp_path / "history.sqlite3"
    run = SessionRun(
        Library(exercises={ex.id: ex}), clock, FakeVoice(), lambda: Journal(db, clock=clock)
    )
    run.start_plan(plan_of(ex))
    run.begin()
    run.next()  # the get-ready waits for a key
    assert shown(run).big == "0 / 10"
    run.next()
    run.next()
    run.next()
    assert shown(run).big == "3 / 10", "the count on screen runs across both legs"
    run.back()
    assert shown(run).big == "2 / 10"
    while not run.done:
        run.next()
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT side, set_number, planned_reps, done_reps, skipped FROM sets ORDER BY id"
    ).fetchall()
    connection.close()
    assert rows == [("left", 1, 5, 5, 0), ("right", 1, 5, 5, 0)]
