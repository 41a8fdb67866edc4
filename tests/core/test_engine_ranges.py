"""Holds and rests given as a range (30-45 s): timed at the low end, "next" ends them
early, and ``Runner.extend()`` adds the rest of the range once, with the 3-2-1 at the new end.

The plans here are written step by step: a step with ``up_to`` is what the planner makes of
``hold: 30-45`` (its tests say so); these tests are about how the engine runs one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from guide_app.core.clock import FakeClock
from guide_app.core.engine import (
    Countdown,
    Ending,
    Event,
    HalfWay,
    HoldProgress,
    Runner,
    SessionDone,
    SetDone,
    StepExtended,
    StepFinished,
    StepStarted,
)
from guide_app.core.plan import Plan, Range, Side, Step, StepKind, expand
from tests.helpers.content import block, exercise, library, session

B = Side.BOTH


def of(kind: type[Any], events: list[Event]) -> list[Any]:
    return [e for e in events if isinstance(e, kind)]


HOLD = Step(
    kind=StepKind.HOLD,
    duration=30.0,
    up_to=45.0,
    block=0,
    exercise="stretch",
    name="Stretch",
    side=B,
    set=1,
    sets=2,
    rep=1,
    reps=1,
    reps_range=Range(1, 1),
    count_unit="holds",
    hold=30.0,
    ends_rep=True,
    ends_set=True,
)
REST = Step(
    kind=StepKind.REST,
    duration=60.0,
    up_to=120.0,
    block=0,
    exercise="stretch",
    name="Stretch",
    side=B,
    set=2,
    sets=2,
)
END = Step(kind=StepKind.END, duration=0.0)


def plan(*steps: Step) -> Plan:
    return Plan(session="ranges", title="Ranges", steps=(*steps, END))


def two_holds() -> Plan:
    return plan(HOLD, REST, replace(HOLD, set=2))


def running(p: Plan) -> tuple[Runner, FakeClock, list[Event]]:
    clock = FakeClock()
    runner = Runner(p, clock)
    return runner, clock, runner.start()


def test_a_range_is_timed_at_its_low_end() -> None:
    runner, _clock, events = running(plan(HOLD))
    events += runner.advance(100)
    assert of(SessionDone, events)[0].at == 30
    [done] = of(SetDone, events)
    assert (done.done_reps, done.held_seconds, done.skipped) == (1, 30, False)


def test_extend_moves_the_end_to_the_top_of_the_range_with_the_3_2_1_there() -> None:
    runner, clock, events = running(plan(HOLD))
    clock.set(20)
    events += runner.advance()
    added = runner.extend()
    [extended] = of(StepExtended, added)
    assert (extended.at, extended.index, extended.seconds) == (20, 0, 15)
    assert extended.step.duration == 45 and runner.step.duration == 45
    assert runner.state.time_left == 25
    events += added + runner.advance(100)
    assert [(e.at, e.seconds_left) for e in of(Countdown, events)] == [(42, 3), (43, 2), (44, 1)]
    assert [e.at for e in of(HalfWay, events)] == [15]  # said once, not again at 22.5
    assert [e.held for e in of(HoldProgress, events)] == list(range(1, 45))
    assert {e.of for e in of(HoldProgress, events) if e.at > 20} == {45}
    [finished] = of(StepFinished, events)
    assert (finished.at, finished.ending) == (45, Ending.TIME)
    [done] = of(SetDone, events)
    assert (done.held_seconds, done.hold, done.skipped) == (45, 30, False)


def test_extend_during_the_old_countdown_counts_down_again_at_the_new_end() -> None:
    runner, clock, events = running(plan(HOLD))
    clock.set(28.5)
    events += runner.advance()
    events += runner.extend()
    events += runner.advance(100)
    assert [(e.at, e.seconds_left) for e in of(Countdown, events)] == [
        (27, 3),
        (28, 2),
        (42, 3),
        (43, 2),
        (44, 1),
    ]


def test_extend_works_once() -> None:
    runner, clock, _ = running(plan(HOLD))
    clock.set(5)
    assert of(StepExtended, runner.extend())
    clock.set(6)
    assert not of(StepExtended, runner.extend())
    assert runner.next_deadline() is not None and runner.step.duration == 45


def test_extend_does_nothing_on_a_step_without_a_range_or_a_clock() -> None:
    exact = replace(HOLD, up_to=None)
    runner, clock, _ = running(plan(exact))
    clock.set(5)
    assert not of(StepExtended, runner.extend())
    assert runner.step.duration == 30
    until_key = Step(kind=StepKind.READY, duration=None, block=0, up_to=45.0)
    runner, clock, _ = running(plan(until_key, HOLD))
    assert not of(StepExtended, runner.extend())
    runner, _clock, _ = running(plan(HOLD))
    runner.stop()
    assert not of(StepExtended, runner.extend())
    assert Runner(plan(HOLD), FakeClock()).extend() == []  # not started


def test_next_ends_a_hold_early_and_the_seconds_actually_held_are_recorded() -> None:
    runner, clock, events = running(plan(HOLD))
    clock.set(12.5)
    events += runner.next()
    [done] = of(SetDone, events)
    assert (done.done_reps, done.held_seconds) == (1, 12.5)
    runner, clock, events = running(plan(HOLD))
    clock.set(10)
    events += runner.extend()
    clock.set(38)
    events += runner.next()
    [done] = of(SetDone, events)
    assert (done.held_seconds, done.skipped) == (38, False)


def test_a_pause_shifts_the_extended_end_too() -> None:
    runner, clock, events = running(plan(HOLD))
    clock.set(10)
    runner.pause()
    clock.set(50)
    events += runner.extend()  # added while paused: the session stays paused
    assert runner.paused and of(StepExtended, events)
    assert runner.state.time_left == 35
    events += runner.resume()
    events += runner.advance(1000)
    assert of(SessionDone, events)[0].at == 45 + 40


def test_extending_a_rest_starts_what_follows_at_the_top_of_the_range() -> None:
    runner, clock, events = running(two_holds())
    clock.set(40)
    events += runner.advance()
    assert runner.step.kind is StepKind.REST
    events += runner.extend()
    events += runner.advance(1000)
    holds = [e.at for e in of(StepStarted, events) if e.step.kind is StepKind.HOLD]
    assert holds == [0, 30 + 120]
    rest_countdown = [e.at for e in of(Countdown, events) if e.kind is StepKind.REST]
    assert rest_countdown == [147, 148, 149]


def test_next_ends_a_range_rest_early() -> None:
    runner, clock, events = running(two_holds())
    clock.set(45)
    events += runner.advance()
    events += runner.next()
    assert runner.step.kind is StepKind.HOLD and runner.next_deadline() == 46


def test_back_after_extending_starts_the_step_again_at_its_low_end() -> None:
    runner, clock, _ = running(two_holds())
    clock.set(40)
    runner.advance()
    runner.extend()
    clock.set(50)
    runner.back()  # back to the first hold
    clock.set(85)
    runner.advance()  # its 30 s, then the rest again from 80
    assert runner.step.kind is StepKind.REST and runner.step.duration == 60
    assert of(StepExtended, runner.extend())


def test_a_planned_hold_of_30_to_45_seconds_runs_and_extends_the_same_way() -> None:
    stretch = exercise("stretch", sides="both", sets=1, hold="30-45")
    p = expand(session(block("stretch")), library(stretch), ready_seconds=None)
    [hold] = [s for s in p.steps if s.kind is StepKind.HOLD]
    assert (hold.duration, hold.up_to) == (30, 45)
    runner, clock, events = running(p)
    events += runner.next()  # start when ready, at 0
    clock.set(20)
    events += runner.extend()
    events += runner.advance(100)
    assert [e.at for e in of(Countdown, events)] == [42, 43, 44]
    [done] = of(SetDone, events)
    assert (done.held_seconds, done.skipped) == (45, False)
