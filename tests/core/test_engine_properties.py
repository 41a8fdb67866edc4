"""Properties of the engine over random dosages and random commands at random times."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from guide_app.core.clock import FakeClock
from guide_app.core.engine import (
    Event,
    RepCounted,
    RepUndone,
    Runner,
    SessionDone,
    SetDone,
    SetUndone,
)
from guide_app.core.model import Exercise
from guide_app.core.plan import WORK_KINDS, Plan, Side, expand, rep_units
from tests.helpers.content import block, circuit, exercise, library, note, session

COMMANDS = (
    "advance",
    "next",
    "back",
    "pause",
    "resume",
    "skip_exercise",
    "skip_side",
    "repeat_set",
)
HALVES = st.integers(1, 8).map(lambda n: n / 2)  # 0.5 .. 4 s, exact in binary
WAITS = st.integers(0, 24).map(lambda n: n / 4)  # 0 .. 6 s


@st.composite
def dosages(draw: st.DrawFn, *, timed_only: bool = False) -> tuple[str, dict[str, Any]]:
    sides = draw(st.sampled_from(["both", "one_at_a_time", "alternating"]))
    pace = draw(st.sampled_from(["tempo", "hold"] if timed_only else ["self", "tempo", "hold"]))
    d: dict[str, Any] = {"sets": draw(st.integers(1, 3)), "pace": pace}
    low = draw(st.integers(1, 3))
    d["reps"] = f"{low}-{low + draw(st.integers(0, 2))}"
    if pace == "tempo":
        phases = draw(st.lists(st.integers(0, 6).map(lambda n: n / 2), min_size=1, max_size=3))
        if sum(phases) == 0:
            phases[0] = 1.0
        d["tempo"] = {name: s for name, s in zip(("out", "hold", "back"), phases, strict=False)}
    elif pace == "hold":
        d["hold"] = draw(HALVES)
        if draw(st.booleans()):
            del d["reps"]
    elif draw(st.booleans()):
        d["hold"] = draw(HALVES)
    d["rest"] = draw(st.sampled_from([0, 0.5, 2, 5]))
    d["side_rest"] = draw(st.sampled_from([0, 1, 10]))
    if sides == "both":
        if draw(st.booleans()):
            d["directions"] = ["right", "left"]
    else:
        d["side_order"] = draw(
            st.sampled_from(["side_by_side", "alternate_sets", "alternate_reps"])
        )
        d["first_side"] = draw(st.sampled_from(["affected", "weaker", "left", "right", "stronger"]))
        pair = draw(st.sampled_from([("affected", "unaffected"), ("left", "right"), None]))
        if pair:
            d["per_side"] = {
                pair[0]: {"sets": draw(st.integers(1, 3))},
                pair[1]: {"reps": draw(st.integers(1, 3))},
            }
    return sides, d


@st.composite
def plans(draw: st.DrawFn, *, timed_only: bool = False) -> Plan:
    count = draw(st.integers(1, 3))
    exercises: list[Exercise] = []
    for n in range(count):
        sides, d = draw(dosages(timed_only=timed_only))
        exercises.append(exercise(f"ex-{n}", sides=sides, **d))
    blocks: list[Any] = [block(e.id) for e in exercises]
    if count > 1 and draw(st.booleans()):
        blocks = [blocks[0], circuit(*blocks[1:], rounds=draw(st.integers(1, 2)), rest=3)]
    if not timed_only and draw(st.booleans()):
        blocks.insert(draw(st.integers(0, len(blocks))), note())
    ready = draw(st.sampled_from([2.0, 5.0] if timed_only else [None, 2.0, 5.0]))
    affected = draw(st.sampled_from(["left", "right", None]))
    return expand(session(*blocks), library(*exercises), affected=affected, ready_seconds=ready)


def commands(allowed: tuple[str, ...] = COMMANDS) -> st.SearchStrategy[list[tuple[float, str]]]:
    return st.lists(st.tuples(WAITS, st.sampled_from(allowed)), max_size=60)


def act(runner: Runner, clock: FakeClock, wait: float, command: str) -> list[Event]:
    clock.advance(wait)
    if command == "advance":
        return runner.advance()
    result: list[Event] = getattr(runner, command)()
    return result


def finish(runner: Runner, clock: FakeClock) -> list[Event]:
    """Carry on like a patient person until the session ends."""
    events = runner.resume() + runner.advance()
    for _ in range(100_000):
        if runner.done:
            return events
        due = runner.next_deadline()
        if due is None:
            clock.advance(1)
            events += runner.next()
        else:
            clock.set(due)
            events += runner.advance()
    raise AssertionError("the session did not end")


def journal(events: list[Event]) -> dict[tuple[Any, ...], tuple[int, bool]]:
    """What a history journal keeps: the latest SetDone per set, minus any taken back."""
    kept: dict[tuple[Any, ...], tuple[int, bool]] = {}
    for e in events:
        if isinstance(e, SetDone):
            kept[(e.block, e.side, e.direction, e.set)] = (e.done_reps, e.skipped)
        elif isinstance(e, SetUndone):
            del kept[(e.block, e.side, e.direction, e.set)]
    return kept


def check_bounds(runner: Runner, plan: Plan, events: list[Event]) -> None:
    planned = plan.planned_reps()
    state = runner.state
    for key, done in state.reps_done.items():
        assert 0 <= done <= planned[key], (key, done)
    assert 0 <= state.set_reps <= (state.step.reps or 0)
    if not state.done and state.step.kind in WORK_KINDS:
        assert state.set_reps == (state.step.rep or 0) - 1  # every earlier rep, nothing more
    for e in events:
        if isinstance(e, RepCounted | RepUndone):
            assert e.rep >= 1
        if isinstance(e, RepCounted):
            assert e.rep <= e.of
        if isinstance(e, SetDone):
            assert 0 <= e.done_reps <= e.planned_reps


@settings(max_examples=150, deadline=None)
@given(plans(), commands())
def test_counts_never_go_below_zero_or_past_the_target(
    plan: Plan, script: list[tuple[float, str]]
) -> None:
    clock = FakeClock()
    runner = Runner(plan, clock)
    events = runner.start()
    for wait, command in script:
        new = act(runner, clock, wait, command)
        check_bounds(runner, plan, new)
        events += new
    events += finish(runner, clock)
    check_bounds(runner, plan, events)
    counted = Counter((e.exercise, e.side) for e in events if isinstance(e, RepCounted))
    undone = Counter((e.exercise, e.side) for e in events if isinstance(e, RepUndone))
    net = {key: n for key, n in runner.state.reps_done.items() if n}
    assert net == dict(counted - undone)


@settings(max_examples=150, deadline=None)
@given(plans(), commands(("advance", "next", "back", "pause", "resume", "repeat_set")))
def test_per_side_totals_equal_the_plan_when_nothing_is_skipped(
    plan: Plan, script: list[tuple[float, str]]
) -> None:
    clock = FakeClock()
    runner = Runner(plan, clock)
    events = runner.start()
    for wait, command in script:
        events += act(runner, clock, wait, command)
    events += finish(runner, clock)
    planned = plan.planned_reps()
    assert dict(runner.state.reps_done) == planned
    kept = journal(events)
    assert all(not skipped for _, skipped in kept.values())
    per_side: Counter[Side] = Counter()
    for (_, side, _, _), (done, _) in kept.items():
        per_side[side] += done
    planned_per_side: Counter[Side] = Counter()
    for (_, side), n in planned.items():
        planned_per_side[side] += n
    assert per_side == planned_per_side


@settings(max_examples=150, deadline=None)
@given(plans(timed_only=True), commands(("advance", "pause", "resume")))
def test_elapsed_time_is_the_steps_durations_plus_the_pauses(
    plan: Plan, script: list[tuple[float, str]]
) -> None:
    clock = FakeClock(100.0)
    runner = Runner(plan, clock)
    events = runner.start()
    for wait, command in script:
        events += act(runner, clock, wait, command)
    events += finish(runner, clock)
    [done] = [e for e in events if isinstance(e, SessionDone)]
    durations = sum(s.duration or 0.0 for s in plan.steps)
    assert done.at - 100.0 == durations + runner.state.paused_total
    assert [e.at for e in events] == sorted(e.at for e in events)


@settings(max_examples=200, deadline=None)
@given(plans(), commands(("advance", "next", "back", "pause", "resume")))
def test_back_then_next_returns_to_the_same_state(
    plan: Plan, script: list[tuple[float, str]]
) -> None:
    clock = FakeClock()
    runner = Runner(plan, clock)
    events = runner.start()
    for wait, command in script:
        events += act(runner, clock, wait, command)
    events += runner.resume() + runner.advance()
    if not runner.state.can_undo:
        events += runner.next()  # something to go back over
    units = rep_units(plan.steps)
    state = runner.state
    if state.done or units[state.index] != state.index:
        return  # inside a tempo rep, back restarts the rep instead
    before = (state.index, dict(state.reps_done), state.set_reps, journal(events))
    events += runner.back()
    events += runner.next()
    after = runner.state
    assert (after.index, dict(after.reps_done), after.set_reps, journal(events)) == before
