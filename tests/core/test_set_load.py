"""The load during a session: shown on the get-ready, rest and set screens, corrected a step
at a time with a key, carried on to that exercise-side's later sets, and saved with each
set as it was shown when the set ended. Driven through ``SessionRun`` on a fake clock."""

from __future__ import annotations

from dataclasses import replace

import pytest

from guide_app.core.amounts import Effort, parse_load
from guide_app.core.clock import FakeClock
from guide_app.core.history import SetRecord
from guide_app.core.loader import Library
from guide_app.core.plan import Plan, StepKind, expand
from guide_app.core.session_run import SessionRun
from guide_app.core.set_load import SetLoads
from guide_app.core.sides import Side
from tests.helpers.content import block, exercise, session
from tests.helpers.fakes import FakeJournal, FakeVoice

SESSION = session(block("row"))


@pytest.fixture(scope="module")
def library() -> Library:
    """One one-sided exercise: 2 sets of 3 self-paced reps a side, 30 s rest."""
    return Library(exercises={"row": exercise("row", sets=2, reps=3)})


def loaded_plan(library: Library, load: str = "5 kg", step: str | None = None) -> Plan:
    """The session's plan with a prescribed load (and effort) on every step of its exercises."""
    plan = expand(SESSION, library.exercises, affected="left")
    prescribed = parse_load(load)
    by = parse_load(step) if step else None
    steps = tuple(
        replace(s, load=prescribed, load_step=by, effort=Effort.model_validate("RPE 7"))
        if s.exercise is not None
        else s
        for s in plan.steps
    )
    return replace(plan, steps=steps)


def running(library: Library, plan: Plan) -> tuple[SessionRun, FakeClock, FakeJournal]:
    clock, journal = FakeClock(1000.0), FakeJournal()
    run = SessionRun(library, clock, FakeVoice(), lambda: journal)
    run.start_plan(plan)
    run.begin()
    return run, clock, journal


def to_kind(run: SessionRun, clock: FakeClock, kind: StepKind) -> None:
    """Move on (by key on self-paced steps, by time on timed ones) until ``kind`` shows."""
    for _ in range(200):
        assert run.runner is not None
        if run.runner.step.kind is kind:
            return
        if run.runner.step.duration is None:
            run.next()
        else:
            clock.advance(run.runner.step.duration)
            run.tick()
    raise AssertionError(f"no {kind} step")


def finish_set(run: SessionRun, clock: FakeClock) -> None:
    """Do the reps of the set showing (and its holds) until a rest or another side shows."""
    assert run.runner is not None
    side = run.runner.step.side
    while run.runner.step.kind not in (StepKind.REST, StepKind.SWITCH, StepKind.END):
        assert run.runner.step.side == side
        run.next()


def saved(journal: FakeJournal) -> list[SetRecord]:
    return [s for session in journal.sessions.values() for s in session.sets]


def test_the_get_ready_rest_and_set_screens_show_the_load_and_effort(library: Library) -> None:
    run, clock, _ = running(library, loaded_plan(library))
    readout = run.readout()
    assert readout is not None and readout.kind is StepKind.READY
    assert (readout.load_text, readout.effort_text) == ("Load: 5 kg", "RPE 7")
    to_kind(run, clock, StepKind.REP)
    readout = run.readout()
    assert readout is not None and readout.load_text == "Load: 5 kg"
    finish_set(run, clock)
    readout = run.readout()
    assert readout is not None and readout.kind is StepKind.REST
    assert readout.load_text == "Load: 5 kg"


def test_a_plan_without_load_shows_none(library: Library) -> None:
    plan = expand(SESSION, library.exercises, affected="left")
    run, clock, journal = running(library, plan)
    readout = run.readout()
    assert readout is not None and (readout.load_text, readout.effort_text) == ("", "")
    run.change_load(+1)  # nothing to change: nothing said, nothing saved differently
    to_kind(run, clock, StepKind.REP)
    finish_set(run, clock)
    assert [s.load for s in saved(journal)] == [None]


def test_a_corrected_load_shows_is_said_carries_on_and_is_saved_with_each_set(
    library: Library,
) -> None:
    run, clock, journal = running(library, loaded_plan(library, "5 kg", "2 kg"))
    voice = run.voice
    assert isinstance(voice, FakeVoice)
    to_kind(run, clock, StepKind.REP)
    first_side = run.runner.step.side if run.runner else None
    run.change_load(+1)
    readout = run.readout()
    assert readout is not None and readout.load_text == "Load: 7 kg (prescribed 5 kg)"
    assert voice.texts()[-1] == "7 kilograms"
    finish_set(run, clock)  # set 1 ends at 7 kg
    run.change_load(-1)  # during the rest: back to 5 kg for set 2
    run.change_load(-1)  # and 3 kg
    readout = run.readout()
    assert readout is not None and readout.load_text == "Load: 3 kg (prescribed 5 kg)"
    to_kind(run, clock, StepKind.REP)
    readout = run.readout()
    assert readout is not None and readout.load_text == "Load: 3 kg (prescribed 5 kg)"
    finish_set(run, clock)
    sets = saved(journal)
    assert [(s.side, s.set_number, s.load) for s in sets] == [
        (first_side, 1, "7 kg"),
        (first_side, 2, "3 kg"),
    ]
    # The other side keeps its own load: the correction was for this side only.
    for _ in range(200):
        assert run.runner is not None
        if run.runner.step.kind is StepKind.REP and run.runner.step.side != first_side:
            break
        if run.runner.step.duration is None:
            run.next()
        else:
            clock.advance(run.runner.step.duration)
            run.tick()
    readout = run.readout()
    assert readout is not None and readout.load_text == "Load: 5 kg"


def test_the_load_stops_at_its_lightest_and_says_so(library: Library) -> None:
    run, clock, journal = running(library, loaded_plan(library, "tan band"))
    voice = run.voice
    assert isinstance(voice, FakeVoice)
    to_kind(run, clock, StepKind.REP)
    run.change_load(-1)
    assert voice.texts()[-1] == "Tan band is the lightest"
    run.change_load(+1)
    readout = run.readout()
    assert readout is not None and readout.load_text == "Load: yellow band (prescribed tan band)"
    assert voice.texts()[-1] == "Yellow band"
    finish_set(run, clock)
    assert [s.load for s in saved(journal)] == ["yellow band"]


def test_bookkeeping_by_exercise_and_side() -> None:
    """A correction holds for later sets of the same exercise and side prescribed the same
    load; a set saved from the journal brings its load back (a resumed session)."""
    from guide_app.core.steps import Step

    five, seven = parse_load("5 kg"), parse_load("7 kg")
    steps = (
        Step(StepKind.READY, 5.0, block=0, exercise="row", side=Side.LEFT),
        Step(StepKind.REP, None, block=0, exercise="row", side=Side.LEFT, set=1, rep=1,
             reps=1, load=five, ends_rep=True, ends_set=True),
        Step(StepKind.REST, 30.0, block=0, exercise="row", side=Side.LEFT),
        Step(StepKind.REP, None, block=0, exercise="row", side=Side.LEFT, set=2, rep=1,
             reps=1, load=five, ends_rep=True, ends_set=True),
        Step(StepKind.END, None),
    )  # fmt: skip
    loads = SetLoads(steps)
    assert [loads.at(i).load if loads.at(i) else None for i in range(5)] == [five] * 4 + [None]
    line = loads.change(0, +2)
    assert line is not None and line.text == "7 kilograms"
    assert loads.saved(0, Side.LEFT, 3) == "7 kg"
    back = SetLoads(steps, [SetRecord("row", Side.LEFT, 1, 1, 1, step=0, load="7 kg")])
    shown = back.at(3)
    assert shown is not None and (shown.load, shown.prescribed) == (seven, five)
