"""Work/rest intervals: what ``plan`` says of them, and how the engine runs them."""

from __future__ import annotations

import argparse
import json
import sqlite3
import types
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from guide_app.cli import build_parser
from guide_app.cli import plan as plan_command
from guide_app.core.clock import FakeClock
from guide_app.core.engine import (
    Countdown,
    Ending,
    Event,
    HalfWay,
    Prompt,
    RepCounted,
    RepUndone,
    Runner,
    SessionDone,
    SetDone,
    SetUndone,
    StepFinished,
    StepStarted,
)
from guide_app.core.model import Exercise, ExerciseBlock, IntervalsBlock
from guide_app.core.plan import Plan, Side, Step, StepKind, expand, phrases_for
from guide_app.core.plan_limits import session_steps
from tests.helpers.content import block, exercise, library, run_to_end, session

L, R, B = Side.LEFT, Side.RIGHT, Side.BOTH


def of(kind: type[Any], events: list[Event]) -> list[Any]:
    return [e for e in events if isinstance(e, kind)]


def intervals(*blocks: Any, **fields: Any) -> IntervalsBlock:
    data: dict[str, Any] = {"work": 20, "rest": 10, "rounds": 8}
    data.update(fields)
    data["exercises"] = [b.model_dump(exclude_none=True) for b in blocks]
    return IntervalsBlock.model_validate({"intervals": data})


def jumps() -> Exercise:
    return exercise("squat-jumps", sides="both", sets=3, reps=10, rest=60)


def lunge() -> Exercise:
    return exercise("lunge", sides="one_at_a_time", sets=2, reps=8)


def tabata(ready: float | None = 5.0, **fields: Any) -> Plan:
    sess = session(intervals(block("squat-jumps"), **fields))
    return expand(sess, library(jumps()), ready_seconds=ready)


def plan_of(*blocks: Any, ready: float | None = 5.0, **fields: Any) -> Plan:
    sess = session(intervals(*blocks, **fields))
    return expand(sess, library(jumps(), lunge()), ready_seconds=ready, affected="right")


def kinds(plan: Plan) -> list[str]:
    return [s.kind.value for s in plan.steps]


def work_steps(plan: Plan) -> list[Step]:
    return [s for s in plan.steps if s.kind is StepKind.WORK]


# --------------------------------------------------------------------------- the plan


def test_tabata_is_one_get_ready_then_eight_times_20_s_work_and_10_s_rest(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sess = session(intervals(block("squat-jumps"), title="Tabata"), session_id="tabata")
    fake = types.SimpleNamespace(exercises=library(jumps()), sessions={"tabata": sess}, problems=[])
    monkeypatch.setattr(plan_command, "load", lambda args: fake)
    args: argparse.Namespace = build_parser().parse_args(
        ["--no-user-library", "plan", "tabata", "--json"]
    )
    assert plan_command.run(args) == 0
    out = json.loads(capsys.readouterr().out)
    steps = out["steps"]
    assert [s["kind"] for s in steps] == ["ready"] + ["work", "rest"] * 8 + ["end"]
    ready = steps[0]
    assert ready["duration"] == 5
    assert out["total_seconds"] == 5 + 240  # the one get-ready, then exactly 4:00
    work = [s for s in steps if s["kind"] == "work"]
    rest = [s for s in steps if s["kind"] == "rest"]
    assert [s["start"] for s in work] == [5 + 30 * k for k in range(8)]
    assert [s["start"] for s in rest] == [25 + 30 * k for k in range(8)]
    assert {s["duration"] for s in work} == {20} and {s["duration"] for s in rest} == {10}
    assert steps[-1]["start"] == 245
    assert {s["say"] for s in work} == {"Work"} and {s["say"] for s in rest} == {"Rest"}
    assert ready["say"] == "Tabata. Squat jumps. Set up."


def test_work_steps_count_the_intervals_and_the_rounds() -> None:
    plan = tabata()
    works = work_steps(plan)
    assert [(s.interval, s.intervals) for s in works] == [(k, 8) for k in range(1, 9)]
    assert [(s.round, s.rounds) for s in works] == [(k, 8) for k in range(1, 9)]
    assert [(s.set, s.sets) for s in works] == [(k, 8) for k in range(1, 9)]  # one set each
    assert all(s.ends_set and not s.ends_rep for s in works)
    assert {(s.exercise, s.side, s.count_unit, s.reps) for s in works} == {
        ("squat-jumps", B, "reps", None)  # no target: the key counts what was done
    }


def test_intervals_say_work_and_rest_never_half_way_or_hold_for() -> None:
    said = phrases_for(tabata())
    assert {"Work", "Rest", "3", "2", "1"} <= said
    assert "Half-way" not in said
    assert not [p for p in said if p.startswith("Hold")]
    work = work_steps(tabata())[0]
    assert [(m.kind.value, m.value, m.offset) for m in work.marks()] == [
        ("countdown", 3, 17),
        ("countdown", 2, 18),
        ("countdown", 1, 19),
    ]


def test_only_one_get_ready_however_many_rounds_and_exercises() -> None:
    plan = plan_of(block("squat-jumps"), block("lunge"), rounds=3)
    assert kinds(plan).count("ready") == 1
    assert plan.steps[0].kind is StepKind.READY and plan.steps[0].exercise == "squat-jumps"


def test_a_one_sided_exercise_does_one_interval_per_side_affected_first() -> None:
    plan = plan_of(block("squat-jumps"), block("lunge"), rounds=2)
    works = [(s.exercise, s.side, s.round, s.interval) for s in work_steps(plan)]
    assert works == [
        ("squat-jumps", B, 1, 1),
        ("lunge", R, 1, 2),
        ("lunge", L, 1, 3),
        ("squat-jumps", B, 2, 4),
        ("lunge", R, 2, 5),
        ("lunge", L, 2, 6),
    ]
    assert {s.intervals for s in work_steps(plan)} == {6}
    assert kinds(plan) == ["ready"] + ["work", "rest"] * 6 + ["end"]


def test_the_rest_names_what_comes_next() -> None:
    plan = plan_of(block("squat-jumps"), block("lunge"), rounds=2)
    rests = [s.say for s in plan.steps if s.kind is StepKind.REST]
    assert rests == [
        "Rest. Next up: Lunge, right side.",
        "Rest. Switch to your left side.",
        "Rest. Next up: Squat jumps.",
        "Rest. Next up: Lunge, right side.",
        "Rest. Switch to your left side.",
        "Rest",
    ]


def test_round_rest_replaces_the_rest_after_a_rounds_last_interval_but_not_the_final() -> None:
    plan = plan_of(block("squat-jumps"), block("lunge"), rounds=2, round_rest=60)
    rests = [s.duration for s in plan.steps if s.kind is StepKind.REST]
    assert rests == [10, 10, 60, 10, 10, 10]
    assert plan.total_seconds() == 5 + 6 * 20 + 5 * 10 + 60


def test_no_rest_step_when_rest_is_zero() -> None:
    plan = tabata(rest=0, rounds=3)
    assert kinds(plan) == ["ready", "work", "work", "work", "end"]


def test_without_count_reps_the_key_counts_nothing() -> None:
    assert {s.count_unit for s in work_steps(tabata(count_reps=False))} == {None}


def test_the_step_count_of_intervals_is_counted_before_planning() -> None:
    for sess in (
        session(intervals(block("squat-jumps"), block("lunge"), rounds=5)),
        session(intervals(block("lunge"), rounds=100)),
    ):
        plan = expand(sess, library(jumps(), lunge()), affected="left")
        assert session_steps(sess, library(jumps(), lunge())) >= len(plan.steps)


# --------------------------------------------------------------------------- the engine


def test_a_whole_tabata_runs_in_4_minutes_with_reps_counted_per_interval() -> None:
    plan = tabata()
    clock = FakeClock(100.0)
    runner = Runner(plan, clock)
    events = runner.start()
    presses = [12, 11, 10, 10, 9, 8, 8, 7]
    for k, n in enumerate(presses):
        start = 105 + 30 * k
        for p in range(n):  # presses spread over the 20 seconds
            clock.set(start + 0.5 + p * 1.5)
            events += runner.next()
            assert runner.step.kind is StepKind.WORK, "a press never ends the interval"
            assert runner.step.interval == k + 1
        assert runner.state.set_reps == n
        clock.set(start + 29.5)
        events += runner.advance()
        assert runner.step.kind is StepKind.REST
    events += run_to_end(runner, clock)
    sets = of(SetDone, events)
    assert [(s.set, s.sets, s.round, s.done_reps, s.skipped) for s in sets] == [
        (k + 1, 8, k + 1, n, False) for k, n in enumerate(presses)
    ]
    assert {(s.exercise, s.side, s.planned_reps) for s in sets} == {("squat-jumps", B, 0)}
    assert [s.at - 100 for s in sets] == [25 + 30 * k for k in range(8)]
    finished = [e for e in of(StepFinished, events) if e.step.kind is StepKind.WORK]
    assert [e.ending for e in finished] == [Ending.TIME] * 8
    assert [e.at - 100 for e in finished] == [25 + 30 * k for k in range(8)]
    assert of(SessionDone, events)[0].at - 100 == 5 + 240
    assert Counter(e.set for e in of(RepCounted, events)) == dict(enumerate(presses, start=1))
    assert {e.of for e in of(RepCounted, events)} == {0}
    assert dict(runner.state.reps_done) == {("squat-jumps", B): sum(presses)}
    # the count is shown, not said: it would be mistaken for the 3-2-1
    counts = [p for p in of(Prompt, events) if p.text.isdigit()]
    assert len(counts) == len(of(Countdown, events)) == 3 + 3 * 16


def test_a_whole_tabata_simulates_in_milliseconds() -> None:
    import time

    began = time.perf_counter()
    clock = FakeClock()
    events = run_to_end(Runner(tabata(), clock), clock)
    assert time.perf_counter() - began < 0.5
    assert len(of(SetDone, events)) == 8


def test_work_counts_down_3_2_1_at_its_end_and_says_work_on_its_first_moment() -> None:
    runner = Runner(tabata(ready=None), FakeClock())
    runner.start()
    events = runner.next()  # start when ready, at 0
    events += runner.advance(29)
    assert [(e.at, e.seconds_left, e.kind) for e in of(Countdown, events)][:3] == [
        (17, 3, StepKind.WORK),
        (18, 2, StepKind.WORK),
        (19, 1, StepKind.WORK),
    ]
    assert [(p.at, p.text) for p in of(Prompt, events) if p.text in ("Work", "Rest")] == [
        (0, "Work"),
        (20, "Rest"),
    ]
    assert of(HalfWay, events) == []


def test_back_during_work_undoes_the_last_press_and_keeps_the_clock() -> None:
    clock = FakeClock()
    runner = Runner(tabata(ready=None), clock)
    runner.start()
    runner.next()
    for t in (1, 2, 3):
        clock.set(t)
        runner.next()
    clock.set(4)
    events = runner.back()
    assert [e.rep for e in of(RepUndone, events)] == [3]
    assert of(StepStarted, events) == [] and of(StepFinished, events) == []
    assert runner.state.set_reps == 2 and runner.next_deadline() == 17


def test_back_from_the_rest_starts_the_interval_again_with_its_count_taken_back() -> None:
    clock = FakeClock()
    runner = Runner(tabata(ready=None), clock)
    runner.start()
    runner.next()
    for t in (1, 2):
        clock.set(t)
        runner.next()
    clock.set(22)
    runner.advance()
    assert runner.step.kind is StepKind.REST
    events = runner.back()
    assert [e.set for e in of(SetUndone, events)] == [1]
    assert [e.rep for e in of(RepUndone, events)] == [2, 1]
    assert runner.step.kind is StepKind.WORK and runner.state.set_reps == 0
    assert runner.next_deadline() == 22 + 17
    assert dict(runner.state.reps_done) == {("squat-jumps", B): 0}


def test_repeat_set_during_work_starts_the_interval_again() -> None:
    clock = FakeClock()
    runner = Runner(tabata(ready=None), clock)
    runner.start()
    runner.next()
    clock.set(5)
    runner.next()
    clock.set(6)
    events = runner.repeat_set()
    assert [e.rep for e in of(RepUndone, events)] == [1]
    assert runner.state.set_reps == 0 and runner.next_deadline() == 6 + 17


def test_without_count_reps_the_key_does_nothing_during_work() -> None:
    clock = FakeClock()
    runner = Runner(tabata(ready=None, count_reps=False), clock)
    runner.start()
    runner.next()
    clock.set(3)
    assert runner.next() == []
    assert runner.step.kind is StepKind.WORK and runner.next_deadline() == 17
    events = run_to_end(runner, clock)
    assert [(s.done_reps, s.skipped) for s in of(SetDone, events)] == [(0, False)] * 8


def test_a_press_while_paused_in_work_only_resumes() -> None:
    clock = FakeClock()
    runner = Runner(tabata(ready=None), clock)
    runner.start()
    runner.next()
    clock.set(5)
    runner.pause()
    clock.set(9)
    runner.next()
    assert runner.state.set_reps == 0 and runner.next_deadline() == 4 + 17


def test_skipping_during_an_interval_records_it_and_the_rest_as_skipped() -> None:
    clock = FakeClock()
    runner = Runner(tabata(ready=None, rounds=3), clock)
    runner.start()
    runner.next()
    clock.set(2)
    runner.next()
    events = runner.skip_exercise()
    sets = of(SetDone, events)
    assert [(s.set, s.done_reps, s.skipped) for s in sets] == [
        (1, 1, True),
        (2, 0, True),
        (3, 0, True),
    ]
    assert runner.done


def test_a_one_sided_interval_is_logged_per_side() -> None:
    sess = session(intervals(block("lunge"), rounds=2))
    plan = expand(sess, library(lunge()), ready_seconds=None, affected="left")
    clock = FakeClock()
    events = run_to_end(Runner(plan, clock), clock)
    sets = [(s.exercise, s.side, s.set, s.round) for s in of(SetDone, events)]
    assert sets == [("lunge", L, 1, 1), ("lunge", R, 1, 1), ("lunge", L, 2, 2), ("lunge", R, 2, 2)]


def test_a_limb_is_named_in_the_get_ready_and_the_switch() -> None:
    data = lunge().model_dump()
    data.update(version=2, limb="leg")
    leg_lunge = Exercise.model_validate(data)
    sess = session(intervals(block("lunge"), rounds=1, title="Legs"))
    plan = expand(sess, library(leg_lunge), affected="left")
    said = [s.say for s in plan.steps if s.kind in (StepKind.READY, StepKind.REST)]
    assert said == ["Legs. Lunge. Left leg. Set up.", "Rest. Switch to your right leg.", "Rest"]
    assert {s.limb for s in work_steps(plan)} == {"leg"}


def test_the_journal_logs_each_interval_as_a_set_with_the_presses_as_its_reps(
    tmp_path: Path,
) -> None:
    from guide_app.core.choice import SessionChoice
    from guide_app.core.history import Journal
    from guide_app.core.loader import Library
    from guide_app.core.session_run import SessionRun
    from tests.helpers.fakes import FakeVoice

    sess = session(intervals(block("squat-jumps"), rounds=3), session_id="tabata")
    lib = Library(exercises=library(jumps()), sessions={"tabata": sess})
    clock = FakeClock(1000.0)
    db = tmp_path / "history.sqlite3"
    run = SessionRun(lib, clock, FakeVoice(), lambda: Journal(db, clock=clock))
    run.start(SessionChoice(session=sess))
    run.voice_prepared(1, 1)
    presses = {1: 4, 2: 0, 3: 6}
    for _ in range(10_000):
        if run.done:
            break
        runner = run.runner
        assert runner is not None
        if (
            runner.step.kind is StepKind.WORK
            and runner.state.set_reps < presses[runner.step.set or 0]
        ):
            clock.advance(0.5)
            run.next()
            continue
        at = run.wake_at()
        if at is None:
            run.next()
        else:
            clock.set(max(at, clock.now()))
            run.tick()
    assert run.done
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT exercise_id, side, set_number, planned_reps, done_reps, skipped FROM sets "
        "ORDER BY set_number"
    ).fetchall()
    connection.close()
    assert rows == [("squat-jumps", "both", k, 0, n, 0) for k, n in presses.items()]


def test_the_load_rides_on_every_interval_and_is_said_before_it() -> None:
    data = exercise("swing", sides="both", reps=10).model_dump()
    data["dosage"]["load"] = "12 kg"
    data["version"] = 2
    swing = Exercise.model_validate(data)
    sess = session(intervals(block("squat-jumps"), block("swing"), rounds=1))
    plan = expand(sess, library(jumps(), swing))
    assert {(s.exercise, s.load.text if s.load else None) for s in work_steps(plan)} == {
        ("squat-jumps", None),
        ("swing", "12 kg"),
    }
    rests = [s.say for s in plan.steps if s.kind is StepKind.REST]
    assert rests[0] == "Rest. Next up: Swing. 12 kilograms."


def test_a_week_by_week_row_applies_to_an_interval_exercise() -> None:
    table = {1: {"load": "5 kg"}, "2-3": {"load": "7.5 kg", "only": "affected"}}
    lunges = ExerciseBlock.model_validate({"exercise": "lunge", "by_week": table})
    sess = session(intervals(lunges, rounds=2))

    def planned(week: int | None) -> tuple[list[tuple[Side | None, str | None]], Plan]:
        plan = expand(sess, library(lunge()), affected="right", week=week)
        return [(s.side, s.load.text if s.load else None) for s in work_steps(plan)], plan

    first, plan = planned(1)
    assert first == [(R, "5 kg"), (L, "5 kg")] * 2
    assert plan.warnings == ()
    assert plan.steps[0].say == "Lunge. Right side. 5 kilograms. Set up."
    later, plan = planned(3)
    assert later == [(R, "7.5 kg")] * 2, "week 3: the affected side alone, at 7.5 kg"
    assert plan.warnings == ()
    assert [s.interval for s in work_steps(plan)] == [1, 2]
    unsaid, plan = planned(None)
    assert unsaid == first
    assert len(plan.warnings) == 1 and "week 1 assumed" in plan.warnings[0]
    assert "Lunge" in plan.warnings[0]
