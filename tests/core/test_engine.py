"""The engine on a fake clock: exact events at exact times, and every command."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from guide_app.core.clock import FakeClock
from guide_app.core.engine import (
    Countdown,
    Ending,
    Event,
    ExerciseDone,
    HalfWay,
    HoldProgress,
    MeasureRecorded,
    Paused,
    PhaseChanged,
    Prompt,
    RepCounted,
    RepUndone,
    Resumed,
    Runner,
    SessionDone,
    SetDone,
    SetUndone,
    SideSwitched,
    StepFinished,
    StepStarted,
)
from guide_app.core.plan import Plan, Side, StepKind, expand
from guide_app.core.voice import Priority
from tests.helpers.content import (
    block,
    bundled_library,
    exercise,
    library,
    measure,
    run_to_end,
    session,
)

L, R, B = Side.LEFT, Side.RIGHT, Side.BOTH


def of(kind: type[Any], events: list[Event]) -> list[Any]:
    return [e for e in events if isinstance(e, kind)]


def plan_of(*exercises: Any, ready: float | None = None, **sides: Any) -> Plan:
    blocks = [block(e.id) for e in exercises]
    return expand(session(*blocks), library(*exercises), ready_seconds=ready, **sides)


def started(plan: Plan, at: float = 0.0) -> tuple[Runner, FakeClock, list[Event]]:
    clock = FakeClock(at)
    runner = Runner(plan, clock)
    return runner, clock, runner.start()


def press(runner: Runner, clock: FakeClock, times: int = 1, every: float = 1.0) -> list[Event]:
    events: list[Event] = []
    for _ in range(times):
        clock.advance(every)
        events += runner.next()
    return events


# --------------------------------------------------------------------------- timing


def test_a_tempo_rep_beats_at_0_2_3_and_ends_at_6() -> None:
    plan = plan_of(exercise(sides="both", sets=1, reps=1, tempo={"out": 2, "hold": 1, "back": 3}))
    runner, _clock, events = started(plan)
    events += runner.next()  # start when ready, at 0
    assert runner.next_deadline() == 2
    events += runner.advance(100)
    names = [type(e).__name__ for e in events]
    assert names == [
        "StepStarted", "Prompt", "Prompt", "StepFinished",  # get ready, ended by the key
        "StepStarted", "PhaseChanged", "Prompt",  # out: the word alone, on the beat
        "StepFinished", "StepStarted", "PhaseChanged", "Prompt",  # hold
        "StepFinished", "StepStarted", "PhaseChanged", "Prompt",  # back
        "StepFinished", "RepCounted", "SetDone", "ExerciseDone",  # the count is shown
        "StepStarted", "Prompt", "SessionDone",
    ]  # fmt: skip
    assert [(e.phase, e.at) for e in of(PhaseChanged, events)] == [
        ("out", 0),
        ("hold", 2),
        ("back", 3),
    ]
    [rep] = of(RepCounted, events)
    assert (rep.at, rep.rep, rep.of, rep.side) == (6, 1, 1, B)
    [done] = of(SessionDone, events)
    assert done.at == 6 and not done.stopped
    words = [(p.text, p.priority) for p in of(Prompt, events) if p.priority is Priority.COUNT]
    assert words == [
        ("out", Priority.COUNT),
        ("hold", Priority.COUNT),
        ("back", Priority.COUNT),
    ]  # nothing else is said on the beats: no cue, no count over the next word


def test_four_holds_of_ten_seconds_with_rests_between() -> None:
    plan = plan_of(exercise(sides="both", sets=4, hold=10, rest=10), ready=5)
    runner, _clock, events = started(plan, at=1000.0)
    events += runner.advance(2000)
    holds = [
        (e.at - 1000, e.index) for e in of(StepStarted, events) if e.step.kind is StepKind.HOLD
    ]
    assert [t for t, _ in holds] == [5, 25, 45, 65]
    sets = of(SetDone, events)
    assert [(s.at - 1000, s.set, s.done_reps, s.held_seconds, s.skipped) for s in sets] == [
        (15, 1, 1, 10, False),
        (35, 2, 1, 10, False),
        (55, 3, 1, 10, False),
        (75, 4, 1, 10, False),
    ]
    assert of(SessionDone, events)[0].at == 1075
    first_hold = [e for e in events if 1005 < e.at < 1015]
    assert [e.seconds_left for e in of(Countdown, first_hold)] == [3, 2, 1]
    assert [e.at for e in of(Countdown, first_hold)] == [1012, 1013, 1014]
    assert [e.at for e in of(HalfWay, first_hold)] == [1010]
    assert [e.held for e in of(HoldProgress, first_hold)] == list(range(1, 10))
    rest_countdown = [e.at - 1000 for e in of(Countdown, events) if e.kind is StepKind.REST]
    assert rest_countdown[:3] == [22, 23, 24]


def test_events_carry_the_time_they_were_due_not_when_advance_ran() -> None:
    plan = plan_of(exercise(sides="both", sets=2, hold=3, rest=2), ready=1)
    runner, clock, events = started(plan)
    clock.set(500)
    events += runner.advance()
    starts = [(e.at, e.step.kind.value) for e in of(StepStarted, events)]
    assert starts == [(0, "ready"), (1, "hold"), (4, "rest"), (6, "hold"), (9, "end")]
    assert [e.at for e in events] == sorted(e.at for e in events)


def test_next_deadline_walks_through_every_beat_and_second() -> None:
    plan = plan_of(exercise(sides="both", sets=1, hold=6), ready=None)
    runner, _clock, _ = started(plan)
    assert runner.next_deadline() is None  # waiting for the key
    runner.next()
    deadlines = []
    while (due := runner.next_deadline()) is not None:
        deadlines.append(due)
        runner.advance(due)
    assert deadlines == [1, 2, 3, 4, 5, 6]  # seconds held (3-2-1 share 3, 4, 5), then the end
    assert runner.done


def test_a_pause_shifts_every_deadline_by_exactly_its_length() -> None:
    plan = plan_of(exercise(sides="both", sets=1, hold=10), ready=None)
    runner, clock, _ = started(plan)
    runner.next()  # the hold starts at 0
    clock.set(3.25)
    events = runner.advance() + runner.pause()
    assert runner.next_deadline() is None
    clock.set(10.5)
    assert runner.advance() == []
    events += runner.resume()
    [resumed] = of(Resumed, events)
    assert resumed.paused_for == 7.25
    assert runner.next_deadline() == 4 + 7.25
    assert runner.state.time_left == 10 - 3.25
    events += runner.advance(100)
    assert of(SessionDone, events)[0].at == 17.25
    assert [e.at for e in of(Countdown, events)] == [14.25, 15.25, 16.25]
    assert [e.at for e in of(Paused, events)] == [3.25]


def test_state_while_paused_holds_still() -> None:
    plan = plan_of(exercise(sides="both", sets=1, hold=10), ready=None)
    runner, clock, _ = started(plan)
    runner.next()
    clock.set(4)
    runner.pause()
    clock.set(9)
    state = runner.state
    assert (state.paused, state.time_left, state.elapsed) == (True, 6, 4)


# --------------------------------------------------------------------------- counting


def test_per_side_3x20_affected_and_2x20_unaffected_gives_60_left_and_40_right() -> None:
    ex = exercise(
        sets=3,
        reps=20,
        pace="self",
        rest=30,
        per_side={"affected": {"sets": 3, "reps": 20}, "unaffected": {"sets": 2, "reps": 20}},
        first_side="affected",
    )
    plan = plan_of(ex, ready=5, affected="left")
    runner, clock, _ = started(plan)
    events = run_to_end(runner, clock)
    counts = Counter(e.side for e in of(RepCounted, events))
    assert counts == {L: 60, R: 40}
    assert [(s.side, s.set, s.done_reps, s.skipped) for s in of(SetDone, events)] == [
        (L, 1, 20, False),
        (L, 2, 20, False),
        (L, 3, 20, False),
        (R, 1, 20, False),
        (R, 2, 20, False),
    ]
    assert [e.side for e in of(SideSwitched, events)] == [R]
    assert dict(runner.state.reps_done) == {("drill", L): 60, ("drill", R): 40}


def test_next_on_the_last_rep_finishes_the_set_and_counts_stop_at_the_target() -> None:
    plan = plan_of(exercise(sides="both", sets=2, reps=3, rest=20), ready=None)
    runner, clock, _ = started(plan)
    events = press(runner, clock, 4)  # start, then three reps
    assert [e.rep for e in of(RepCounted, events)] == [1, 2, 3]
    assert [(e.set, e.done_reps) for e in of(SetDone, events)] == [(1, 3)]
    assert runner.step.kind is StepKind.REST
    assert runner.state.set_reps == 0
    events = press(runner, clock)  # ends the rest early
    assert runner.step.kind is StepKind.REP and runner.step.set == 2


def test_self_paced_hold_counts_when_the_hold_ends_and_next_ends_it_early() -> None:
    plan = plan_of(exercise(sides="both", sets=1, reps=2, pace="self", hold=5), ready=None)
    runner, clock, _ = started(plan)
    events = press(runner, clock, 2)  # start; in position for rep 1
    assert runner.step.kind is StepKind.HOLD and of(RepCounted, events) == []
    events = runner.advance(clock.now() + 5)
    assert [e.rep for e in of(RepCounted, events)] == [1]
    clock.set(events[-1].at)
    events = press(runner, clock)  # in position for rep 2
    events += press(runner, clock, every=2)  # let go after 2 of 5 seconds
    [done] = of(SetDone, events)
    assert (done.done_reps, done.held_seconds, done.hold) == (2, 7, 5)


def test_alternating_reps_count_each_side_on_its_own() -> None:
    ex = exercise(sets=1, reps=2, side_order="alternate_reps")
    runner, clock, _ = started(plan_of(ex, affected="right"))
    events = run_to_end(runner, clock)
    assert [(e.side, e.rep) for e in of(RepCounted, events)] == [(R, 1), (L, 1), (R, 2), (L, 2)]
    assert sorted((s.side, s.done_reps) for s in of(SetDone, events)) == [(L, 2), (R, 2)]


# --------------------------------------------------------------------------- back


def test_back_undoes_the_last_rep() -> None:
    plan = plan_of(exercise(sides="both", sets=1, reps=5), ready=None)
    runner, clock, _ = started(plan)
    press(runner, clock, 3)  # start, rep 1, rep 2
    assert runner.state.set_reps == 2
    events = runner.back()
    [undone] = of(RepUndone, events)
    assert (undone.rep, undone.side) == (2, B)
    assert runner.state.set_reps == 1
    assert runner.step.rep == 2
    assert dict(runner.state.reps_done) == {("drill", B): 1}
    assert of(StepFinished, events)[0].ending is Ending.BACK
    events = press(runner, clock)
    assert [e.rep for e in of(RepCounted, events)] == [2]


def test_back_from_a_rest_reopens_the_set() -> None:
    plan = plan_of(exercise(sides="both", sets=2, reps=2, rest=30), ready=None)
    runner, clock, _ = started(plan)
    press(runner, clock, 3)
    assert runner.step.kind is StepKind.REST
    events = runner.back()
    assert [type(e) for e in events] == [StepFinished, SetUndone, RepUndone, StepStarted, Prompt]
    assert of(Prompt, events)[0].text == "Come back."  # rep 2's cue again
    assert of(SetUndone, events)[0].set == 1
    assert runner.step.rep == 2 and runner.state.set_reps == 1


def test_back_inside_a_tempo_rep_restarts_the_rep() -> None:
    plan = plan_of(exercise(sides="both", sets=1, reps=2, tempo={"out": 2, "back": 2}), ready=None)
    runner, clock, _ = started(plan)
    runner.next()
    runner.advance(3)  # in 'back' of rep 1
    clock.set(3)
    events = runner.back()
    assert of(RepUndone, events) == []
    assert (runner.step.phase, runner.step.rep) == ("out", 1)
    assert runner.next_deadline() == 5


def test_back_at_the_very_start_restarts_the_step() -> None:
    plan = plan_of(exercise(sides="both", sets=1, hold=10), ready=5)
    runner, clock, _ = started(plan)
    clock.set(3)
    runner.back()
    assert runner.index == 0 and runner.next_deadline() == 5  # the 3-2-1 from the top


# --------------------------------------------------------------------------- skipping


def two_exercises() -> Plan:
    a = exercise("a", sides="both", sets=3, reps=10, rest=30)
    b = exercise("b", sides="both", sets=1, reps=2)
    return expand(session(block("a"), block("b")), library(a, b), ready_seconds=None)


def test_skip_exercise_records_the_unfinished_sets_as_skipped() -> None:
    runner, clock, _ = started(two_exercises())
    press(runner, clock, 11)  # set 1
    press(runner, clock, 6)  # end the rest, then 5 reps of set 2
    events = runner.skip_exercise()
    sets = of(SetDone, events)
    assert [(s.exercise, s.set, s.done_reps, s.planned_reps, s.skipped) for s in sets] == [
        ("a", 2, 5, 10, True),
        ("a", 3, 0, 10, True),
    ]
    assert [(e.exercise, e.skipped) for e in of(ExerciseDone, events)] == [("a", True)]
    assert runner.step.kind is StepKind.READY and runner.step.exercise == "b"
    assert of(StepFinished, events)[0].ending is Ending.SKIP
    # back undoes the skip: the sets are taken back and set 2 carries on from rep 6
    events = runner.back()
    assert [(e.set) for e in of(SetUndone, events)] == [3, 2]
    assert (runner.step.set, runner.step.rep, runner.state.set_reps) == (2, 6, 5)


def test_skip_exercise_on_the_get_ready_skips_every_set() -> None:
    runner, clock, _ = started(two_exercises())
    events = runner.skip_exercise()
    assert [(s.set, s.done_reps, s.skipped) for s in of(SetDone, events)] == [
        (1, 0, True),
        (2, 0, True),
        (3, 0, True),
    ]
    events = run_to_end(runner, clock)
    assert Counter(e.exercise for e in of(RepCounted, events)) == {"b": 2}


def test_skip_side_moves_to_the_other_side() -> None:
    ex = exercise(sets=2, reps=3, rest=10, side_rest=10)
    runner, clock, _ = started(plan_of(ex, affected="left"))
    press(runner, clock, 2)  # start; one rep on the left
    events = runner.skip_side()
    assert [(s.side, s.set, s.done_reps, s.skipped) for s in of(SetDone, events)] == [
        (L, 1, 1, True),
        (L, 2, 0, True),
    ]
    assert runner.step.kind is StepKind.SWITCH and runner.step.side is R
    events = run_to_end(runner, clock)
    assert Counter(e.side for e in of(RepCounted, events)) == {R: 6}
    assert [(s.side, s.skipped) for s in of(SetDone, events)] == [(R, False), (R, False)]


def test_skip_side_on_the_last_side_goes_to_the_next_exercise() -> None:
    a = exercise("a", sets=1, reps=2)
    b = exercise("b", sides="both", sets=1, reps=1)
    plan = expand(session(block("a"), block("b")), library(a, b), ready_seconds=None)
    runner, clock, _ = started(plan)
    press(runner, clock, 3)  # start; left side done
    assert runner.step.kind is StepKind.SWITCH
    press(runner, clock)  # end the switch
    events = runner.skip_side()
    assert [(s.side, s.skipped) for s in of(SetDone, events)] == [(R, True)]
    assert of(ExerciseDone, events)[0].skipped
    assert runner.step.exercise == "b"


def test_skip_side_on_a_two_sided_exercise_does_nothing() -> None:
    runner, _clock, _ = started(two_exercises())
    assert runner.skip_side() == []


def test_skipping_a_side_in_alternate_sets_drops_its_switches() -> None:
    ex = exercise(sets=2, reps=1, side_order="alternate_sets", side_rest=10)
    runner, clock, _ = started(plan_of(ex, affected="left"))
    press(runner, clock, 2)  # start; left set 1
    press(runner, clock)  # end the switch to the right
    events = runner.skip_side()  # right, set 1
    assert [(s.side, s.set) for s in of(SetDone, events)] == [(R, 1), (R, 2)]
    events += run_to_end(runner, clock)
    kinds = [e.step.kind.value for e in of(StepStarted, events)]
    assert kinds == ["switch", "rep", "end"]  # switch back to the left, its set 2, done
    assert Counter(e.side for e in of(RepCounted, events)) == {L: 1}


# --------------------------------------------------------------------------- repeat, stop


def test_repeat_set_starts_the_set_again_and_takes_back_its_reps() -> None:
    runner, clock, _ = started(two_exercises())
    press(runner, clock, 4)  # start; three reps
    events = runner.repeat_set()
    assert [e.rep for e in of(RepUndone, events)] == [3, 2, 1]
    assert (runner.step.set, runner.step.rep, runner.state.set_reps) == (1, 1, 0)
    assert of(StepFinished, events)[0].ending is Ending.REPEAT


def test_repeat_set_while_resting_repeats_the_set_just_done() -> None:
    runner, clock, _ = started(two_exercises())
    press(runner, clock, 11)
    assert runner.step.kind is StepKind.REST
    events = runner.repeat_set()
    assert [e.set for e in of(SetUndone, events)] == [1]
    assert len(of(RepUndone, events)) == 10
    assert (runner.step.set, runner.step.rep) == (1, 1)
    events = run_to_end(runner, clock)
    assert Counter(e.exercise for e in of(RepCounted, events)) == {"a": 30, "b": 2}


def test_stop_records_the_set_in_progress_and_ends() -> None:
    runner, clock, _ = started(two_exercises())
    press(runner, clock, 4)
    events = runner.stop()
    assert [(s.set, s.done_reps, s.skipped) for s in of(SetDone, events)] == [(1, 3, True)]
    [done] = of(SessionDone, events)
    assert done.stopped and runner.done and runner.state.stopped
    assert runner.next() == [] and runner.next_deadline() is None


def test_commands_while_paused() -> None:
    runner, clock, _ = started(two_exercises())
    press(runner, clock, 2)
    runner.pause()
    clock.advance(5)
    events = runner.next()  # only resumes
    assert [type(e) for e in events] == [Resumed]
    assert runner.state.set_reps == 1
    runner.pause()
    events = runner.back()  # resumes, then goes back
    assert isinstance(events[0], Resumed) and of(RepUndone, events)


def test_a_measurement_is_recorded_per_side() -> None:
    plan = expand(session(measure()), {}, affected="left")
    runner, _clock, _ = started(plan)
    events = runner.record_measure(L, 40)
    assert events == [MeasureRecorded(0, "Hip rotation", "degrees", L, 40)]
    runner.next()
    runner.record_measure(R, 35.5)
    runner.next()
    assert runner.done
    assert dict(runner.state.measures) == {("Hip rotation", L): 40, ("Hip rotation", R): 35.5}
    with pytest.raises(ValueError, match="measure step"):
        runner.record_measure(L, 1)


def test_nothing_happens_before_start() -> None:
    runner = Runner(two_exercises(), FakeClock())
    assert runner.advance(100) == [] and runner.next_deadline() is None
    assert runner.pause() == [] and runner.back() == []
    assert runner.state.time_left is None and not runner.state.started


# --------------------------------------------------------------------------- bundled


def run_bundled(session_id: str, **sides: Any) -> tuple[Plan, list[Event]]:
    lib = bundled_library()
    plan = expand(lib.sessions[session_id], lib.exercises, **sides)
    runner, clock, _ = started(plan)
    return plan, run_to_end(runner, clock)


def test_bundled_iliopsoas_weeks_1_2_gives_60_left_and_40_right_internal_rotations() -> None:
    _, events = run_bundled("iliopsoas-weeks-1-2", affected="left", weaker="left")
    reps = Counter(
        e.side for e in of(RepCounted, events) if e.exercise == "seated-hip-internal-rotation"
    )
    assert reps == {L: 60, R: 40}  # the test found the affected side weaker
    sets = [
        (s.side, s.set, s.done_reps)
        for s in of(SetDone, events)
        if s.exercise == "seated-hip-internal-rotation"
    ]
    assert sets == [(L, 1, 20), (L, 2, 20), (L, 3, 20), (R, 1, 20), (R, 2, 20)]


def test_bundled_iliopsoas_weeks_1_2_runs_60_a_side_when_the_unaffected_side_is_weaker() -> None:
    _, events = run_bundled("iliopsoas-weeks-1-2", affected="left", weaker="right")
    reps = Counter(
        e.side for e in of(RepCounted, events) if e.exercise == "seated-hip-internal-rotation"
    )
    assert reps == {L: 60, R: 60}


def test_bundled_hamstring_wall_stretch_is_4_holds_of_10_seconds_with_rests_between() -> None:
    plan, events = run_bundled("pelvic-drop-and-hamstrings", affected="left")
    name = "hamstring-wall-stretch"
    lib = bundled_library()
    given = lib.exercises[name].dosage.merged(None).rest
    rest = given.low if given else None
    finished = [e for e in of(StepFinished, events) if e.step.exercise == name]
    for side in {e.step.side for e in finished if e.step.kind is StepKind.HOLD}:
        holds = [e for e in finished if e.step.kind is StepKind.HOLD and e.step.side == side]
        starts = [
            e.at for e in of(StepStarted, events)
            if e.step.exercise == name and e.step.kind is StepKind.HOLD and e.step.side == side
        ]  # fmt: skip
        assert len(holds) == 4
        assert [round(h.at - s, 9) for h, s in zip(holds, starts, strict=True)] == [10] * 4
        gaps = [round(starts[k + 1] - holds[k].at, 9) for k in range(3)]
        assert gaps == [rest] * 3
        assert all(h.ending is Ending.TIME for h in holds)
        assert round(holds[-1].at - starts[0], 9) == 4 * 10 + 3 * rest
    [done] = [e for e in of(ExerciseDone, events) if e.exercise == name]
    last_hold = [e for e in finished if e.step.kind is StepKind.HOLD][-1]
    assert done.at == last_hold.at and not done.skipped
    assert plan.steps[-1].kind is StepKind.END


def test_every_bundled_session_runs_to_the_end_with_the_planned_reps() -> None:
    lib = bundled_library()
    assert lib.sessions
    for session_id, sess in lib.sessions.items():
        plan = expand(sess, lib.exercises, affected="right")
        runner, clock, _ = started(plan)
        events = run_to_end(runner, clock)
        reps = Counter((e.exercise, e.side) for e in of(RepCounted, events))
        assert dict(reps) == plan.planned_reps(), session_id
        assert not any(s.skipped for s in of(SetDone, events)), session_id
        assert of(SessionDone, events)[-1].at == clock.now(), session_id
