"""What the session screen shows of version 2: cue and tip text filled for the side worked
(a version-1 brace shows as written), the limb-aware side, effort, a range of seconds with
the key to add the rest, and work/rest intervals counted. Through ``SessionRun.readout``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from guide_app.core import content_versions
from guide_app.core.amounts import Effort
from guide_app.core.clock import FakeClock
from guide_app.core.loader import Library
from guide_app.core.model import Exercise, Session
from guide_app.core.plan import Plan, StepKind, expand
from guide_app.core.readout import Hint, Readout
from guide_app.core.session_run import SessionRun
from guide_app.core.voice import Priority
from tests.helpers.content import block, exercise, session
from tests.helpers.fakes import FakeVoice
from tests.helpers.patient import patient_step


def side_lying(version: int, cue: str, tip: str, **more: Any) -> Exercise:
    data = {
        "version": version,
        "kind": "exercise",
        "id": "side-leg-raise",
        "name": "Side leg raise",
        "summary": "A drill for tests.",
        "position": "lying on your side",
        "pictures": {"start": "assets/pictures/x.svg"},
        "cues": [cue],
        "tips": [tip],
        "sides": "one_at_a_time",
        "dosage": {"sets": 1, "reps": 2},
        **more,
    }
    return Exercise.model_validate(content_versions.upgrade(data))


def running(lib: Library, plan: Plan) -> tuple[SessionRun, FakeClock]:
    clock = FakeClock(1000.0)
    run = SessionRun(lib, clock, FakeVoice())
    run.start_plan(plan)
    run.begin()
    return run, clock


def shown(run: SessionRun) -> Readout:
    readout = run.readout()
    assert readout is not None
    return readout


def test_cues_and_tips_name_the_side_and_limb_worked() -> None:
    ex = side_lying(
        2,
        "Lie on your {other_side} side, {side} {limb} on top",
        "Keep the {limb} long",
        limb="leg",
    )
    lib = Library(exercises={ex.id: ex})
    run, _ = running(lib, expand(session(block(ex.id)), lib.exercises, affected="right"))
    readout = shown(run)
    assert readout.cues == ("Lie on your left side, right leg on top",)
    assert readout.tip == "Keep the leg long"
    assert readout.side_text == "Right leg"


def test_version_1_braces_show_as_written() -> None:
    ex = side_lying(1, "Knee at {90} degrees", "Braces {like this} stay")
    lib = Library(exercises={ex.id: ex})
    run, _ = running(lib, expand(session(block(ex.id)), lib.exercises, affected="left"))
    readout = shown(run)
    assert readout.cues == ("Knee at {90} degrees",)
    assert readout.tip == "Braces {like this} stay"
    assert readout.side_text == "", "no limb named: the side alone"


def test_a_hold_given_as_a_range_shows_it_and_offers_the_rest() -> None:
    lib = Library(exercises={"stretch": exercise("stretch", sides="both", sets=1, hold=30)})
    plan = expand(session(block("stretch")), lib.exercises)
    steps = tuple(
        replace(s, up_to=45.0, effort=Effort.model_validate("RPE 6"))
        if s.kind is StepKind.HOLD
        else s
        for s in plan.steps
    )
    run, clock = running(lib, replace(plan, steps=steps))
    ready = shown(run)
    assert ready.effort_text == "RPE 6", "the get-ready says how hard the set should feel"
    clock.advance(5)
    run.tick()
    hold = shown(run)
    assert hold.kind is StepKind.HOLD
    assert (hold.range_text, hold.hint, hold.big) == ("30-45 s", Hint.EXTEND, "30")


def intervals_session(count_reps: bool = True) -> Session:
    return Session.model_validate(
        {
            "version": 2,
            "kind": "session",
            "id": "tabata",
            "title": "Tabata",
            "blocks": [
                {
                    "intervals": {
                        "title": "Tabata",
                        "work": 20,
                        "rest": 10,
                        "rounds": 8,
                        "count_reps": count_reps,
                        "exercises": [{"exercise": "squat-jump"}],
                    }
                }
            ],
        }
    )


def test_a_work_interval_shows_work_its_number_and_the_reps_counted() -> None:
    lib = Library(exercises={"squat-jump": exercise("squat-jump", sides="both")})
    run, clock = running(lib, expand(intervals_session(), lib.exercises))
    clock.advance(5)
    run.tick()
    work = shown(run)
    assert work.kind is StepKind.WORK
    assert (work.message, work.set_text, work.big) == ("Work", "Interval 1 of 8", "20")
    assert work.next_text == "Next: rest 10 s, then interval 2 of 8"
    run.next()
    run.next()
    work = shown(run)
    assert work.kind is StepKind.WORK, "the rep key counts, it does not end the interval"
    assert work.big_caption == "2 reps"
    clock.advance(20)
    run.tick()
    rest = shown(run)
    assert (rest.kind, rest.message, rest.set_text) == (
        StepKind.REST,
        "Rest",
        "Next: interval 2 of 8",
    )


def test_adding_the_rest_of_the_range_lengthens_the_hold_to_its_top() -> None:
    lib = Library(exercises={"stretch": exercise("stretch", sides="both", sets=1, hold=30)})
    plan = expand(session(block("stretch")), lib.exercises)
    steps = tuple(replace(s, up_to=45.0) if s.kind is StepKind.HOLD else s for s in plan.steps)
    run, clock = running(lib, replace(plan, steps=steps))
    clock.advance(5)
    run.tick()
    clock.advance(10)
    run.tick()
    assert shown(run).big == "20"
    run.extend()
    longer = shown(run)
    assert (longer.big, longer.hint, longer.range_text) == ("35", None, "30-45 s")
    clock.advance(34)
    run.tick()
    assert shown(run).kind is StepKind.HOLD, "it ends at the top of the range"
    clock.advance(1)
    run.tick()
    assert shown(run).kind is not StepKind.HOLD


def test_what_comes_next_names_the_limb_of_the_side_to_come() -> None:
    leg = side_lying(2, "Lie down", "Slowly", limb="leg")
    lib = Library(exercises={"side-leg-raise": leg})
    run, _clock = running(
        lib, expand(session(block("side-leg-raise")), lib.exercises, affected="right")
    )
    assert shown(run).next_text == "Next: left leg"


TIPS = ("Go slowly.", "Breathe out as you lift.")


def walk(run: SessionRun, clock: FakeClock) -> list[Readout]:
    """A readout at the start of every step to the end: a patient person pressing on."""
    seen: list[Readout] = []
    index = -1
    for _ in range(500):
        if run.done:
            return seen
        state = run.runner.state if run.runner else None
        if state is not None and state.index != index:
            index = state.index
            seen.append(shown(run))
        patient_step(run, clock)
    raise AssertionError("the session never ended")


def test_the_tip_on_screen_is_the_tip_last_said() -> None:
    ex = exercise("drill", sides="both", tips=TIPS, sets=3, reps=2, rest=20)
    lib = Library(exercises={ex.id: ex})
    voice, clock = FakeVoice(), FakeClock(1000.0)
    run = SessionRun(lib, clock, voice)
    run.start_plan(expand(session(block(ex.id)), lib.exercises))
    run.begin()
    seen = walk(run, clock)
    assert [r.kind for r in seen if r.kind is StepKind.REST] == [StepKind.REST] * 2
    said = [s.text for s in voice.said if s.priority is Priority.TIP]
    assert said == list(TIPS), "each rest says the next tip"
    by_set = [(r.kind, r.set_text, r.tip) for r in seen if r.kind is not StepKind.END]
    assert by_set[0] == (StepKind.READY, "Set 1 of 3", TIPS[0]), "before any: the first"
    rests = [tip for kind, _, tip in by_set if kind is StepKind.REST]
    assert rests == list(TIPS), "a rest shows the tip it says"
    after = [tip for kind, sets, tip in by_set if kind is StepKind.REP and sets == "Set 3 of 3"]
    assert after and set(after) == {TIPS[1]}, "the reps after it still show it"


def test_a_later_block_shows_the_tip_last_said_in_an_earlier_one() -> None:
    ex = exercise("drill", sides="both", tips=TIPS, sets=3, reps=1, rest=20)
    lib = Library(exercises={ex.id: ex})
    plan = expand(session(block(ex.id), block(ex.id, sets=2)), lib.exercises)
    assert [s.tip for s in plan.steps if s.kind is StepKind.REST] == [0, 1, 0]
    run, clock = running(lib, plan)
    tips = [(r.kind, r.tip) for r in walk(run, clock) if r.kind is not StepKind.END]
    readies = [tip for kind, tip in tips if kind is StepKind.READY]
    assert readies == [TIPS[0], TIPS[1]], "the second block's get-ready: the tip said last"
    assert tips[-1] == (StepKind.REP, TIPS[0]), "its own rest said the next in turn"


def test_the_tip_is_filled_for_the_side_and_empty_without_tips() -> None:
    leg = side_lying(2, "Lie down", "Keep the {side} {limb} long", limb="leg")
    lib = Library(exercises={leg.id: leg})
    run, _ = running(lib, expand(session(block(leg.id)), lib.exercises, affected="left"))
    assert shown(run).tip == "Keep the left leg long"
    plain = exercise("plain", tips=())
    lib = Library(exercises={plain.id: plain})
    run, _ = running(lib, expand(session(block(plain.id)), lib.exercises))
    assert shown(run).tip == ""
