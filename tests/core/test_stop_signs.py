"""An exercise's stop signs (when to stop) are said once, on the get-ready of the first set
the session does of it, and shown on its get-ready (issue 18)."""

from __future__ import annotations

from guide_app.core.clock import FakeClock
from guide_app.core.engine import Prompt, Runner
from guide_app.core.loader import Library
from guide_app.core.model import Exercise, Session
from guide_app.core.plan import Plan, Step, StepKind, expand, phrases_for
from guide_app.core.readout import Readout
from guide_app.core.session_run import SessionRun
from guide_app.core.voice import Priority
from tests.helpers.content import block, circuit, exercise, library, run_to_end, session
from tests.helpers.fakes import FakeVoice
from tests.helpers.patient import patient_step

FRAMING = "Stop if you notice any of these:"
SIGNS = ("Sharp pain in the {side} hip.", "Pinching at the front of the hip.", "Numbness.")


def clamshell(signs: tuple[str, ...] = SIGNS, **dosage: object) -> Exercise:
    return exercise("clamshell", version=2, more={"stop_signs": list(signs)}, **dosage)


def readies(plan: Plan, exercise_id: str = "clamshell") -> list[Step]:
    return [s for s in plan.steps if s.kind is StepKind.READY and s.exercise == exercise_id]


def safety(step: Step) -> list[str]:
    return [ln.text for ln in step.lines if ln.priority is Priority.SAFETY]


def said_safety(plan: Plan) -> list[str]:
    return [ln.text for s in plan.steps for ln in s.lines if ln.priority is Priority.SAFETY]


FILLED_LEFT = [
    FRAMING,
    "Sharp pain in the left hip.",
    "Pinching at the front of the hip.",
    "Numbness.",
]


def test_the_first_get_ready_says_the_stop_signs_after_the_set_and_before_the_set_up() -> None:
    plan = expand(session(block("clamshell")), library(clamshell(sets=3)), affected="left")
    ready = readies(plan)[0]
    assert safety(ready) == FILLED_LEFT, "each sign its own line, filled for the side"
    assert [ln.text for ln in ready.lines] == [
        "Clamshell",
        "Left side",
        "Set 1 of 3",
        *FILLED_LEFT,
        "Set up.",  # the set-up is the last thing heard before starting
    ]
    assert said_safety(plan) == FILLED_LEFT, "said once in the whole session"
    assert FRAMING + " Sharp pain in the left hip." in (ready.say or "")


def test_an_exercise_that_comes_up_again_does_not_say_them_again() -> None:
    two_blocks = session(block("clamshell"), block("drill"), block("clamshell"))
    plan = expand(two_blocks, library(clamshell(), exercise()), affected="left")
    first, again = readies(plan)
    assert safety(first) == FILLED_LEFT
    assert safety(again) == []
    assert said_safety(plan) == FILLED_LEFT


def test_a_circuit_says_them_in_its_first_round_only() -> None:
    rounds = session(circuit(block("clamshell"), block("drill"), rounds=2))
    plan = expand(rounds, library(clamshell(), exercise()), affected="right")
    first, second = readies(plan)
    assert (first.round, second.round) == (1, 2)
    assert safety(first)[:2] == [FRAMING, "Sharp pain in the right hip."]
    assert safety(second) == []
    assert said_safety(plan).count(FRAMING) == 1


def test_an_exercise_without_stop_signs_says_nothing_of_the_kind() -> None:
    plan = expand(session(block("drill"), block("clamshell")), library(exercise(), clamshell(())))
    assert said_safety(plan) == []
    assert all(FRAMING not in (s.say or "") for s in plan.steps)


def test_each_exercise_says_its_own_the_first_time_it_comes_up() -> None:
    other = exercise("bridge", version=2, more={"stop_signs": ["Back pain."]})
    plan = expand(session(block("clamshell"), block("bridge")), library(clamshell(), other))
    assert safety(readies(plan, "bridge")[0]) == [FRAMING, "Back pain."]
    assert said_safety(plan).count(FRAMING) == 2


def test_the_stop_signs_are_rendered_ahead_and_heard_in_order() -> None:
    plan = expand(session(block("clamshell")), library(clamshell(sets=1)), affected="left")
    assert set(FILLED_LEFT) <= phrases_for(plan)
    clock = FakeClock()
    said = [e for e in run_to_end(Runner(plan, clock), clock) if isinstance(e, Prompt)]
    heard = [e.text for e in said if e.priority is Priority.SAFETY]
    assert heard == FILLED_LEFT
    texts = [e.text for e in said]
    assert texts.index("Numbness.") < texts.index("Set up.")


def running(lib: Library, plan: Plan) -> tuple[SessionRun, FakeVoice, FakeClock]:
    clock = FakeClock(1000.0)
    voice = FakeVoice()
    run = SessionRun(lib, clock, voice)
    run.start_plan(plan)
    run.begin()
    return run, voice, clock


def readout(run: SessionRun) -> Readout:
    shown = run.readout()
    assert shown is not None
    return shown


def test_the_get_ready_shows_them_filled_for_the_side_and_the_voice_says_them_once() -> None:
    ex = clamshell(sets=2, reps=1, rest=5)
    lib = Library(exercises={ex.id: ex})
    plan = expand(session(block(ex.id), block(ex.id)), lib.exercises, affected="right")
    run, voice, clock = running(lib, plan)
    first = readout(run)
    assert first.kind is StepKind.READY
    assert first.stop_signs == (
        "Sharp pain in the right hip.",
        "Pinching at the front of the hip.",
        "Numbness.",
    )
    seen_ready = 0
    for _ in range(200):  # a patient person to the end
        if run.done:
            break
        now = readout(run)
        if now.kind is StepKind.READY:
            seen_ready += 1
            assert now.stop_signs[0] == "Sharp pain in the right hip.", "on every get-ready"
        patient_step(run, clock)
    assert run.done and seen_ready >= 2
    safety_said = [s.text for s in voice.said if s.priority is Priority.SAFETY]
    assert safety_said == [FRAMING, *first.stop_signs], "said once, the second block silent"


def test_an_intervals_block_says_its_first_exercise_s_stop_signs_if_it_is_new() -> None:
    tabata = Session.model_validate(
        {
            "version": 2,
            "kind": "session",
            "id": "tabata",
            "title": "Tabata",
            "blocks": [
                {"exercise": "clamshell"},
                {
                    "intervals": {
                        "work": 20,
                        "rest": 10,
                        "rounds": 2,
                        "exercises": [{"exercise": "bridge"}, {"exercise": "clamshell"}],
                    }
                },
            ],
        }
    )
    bridge = exercise("bridge", sides="both", version=2, more={"stop_signs": ["Back pain."]})
    plan = expand(tabata, library(clamshell(sides="both"), bridge))
    intervals_ready = readies(plan, "bridge")[0]
    assert safety(intervals_ready) == [FRAMING, "Back pain."]
    assert said_safety(plan).count(FRAMING) == 2, "clamshell's once, bridge's once"
