"""Words that take time: every line a step says is heard whole, one after another.

The engine is told how long each phrase takes to say (the voice knows it once the
phrase is rendered; here a stand-in gives a length per character). Lines a step says
as it starts follow each other instead of all being asked for its first moment; a
get-ready, rest or switch lasts as long as its words and then its 3-2-1 countdown;
words on a beat (counts, phase words, "Hold") stay on the beat.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from guide_app.core.clock import FakeClock
from guide_app.core.engine import Countdown, Event, Prompt, Runner, StepStarted
from guide_app.core.plan import Plan, Side, StepKind, expand
from guide_app.core.voice import Priority
from tests.helpers.content import block, bundled_library, exercise, library, run_to_end, session

PAUSE = 0.3


def spoken(text: str, priority: Priority) -> float:
    """About espeak's pace at 175 words a minute, and a short pause after each phrase."""
    return 0.06 * len(text) + PAUSE


def of(kind: type[Any], events: list[Event]) -> list[Any]:
    return [e for e in events if isinstance(e, kind)]


def talk_over(prompts: list[Prompt]) -> list[str]:
    """Each prompt that starts before the one before it has been said."""
    said = sorted(prompts, key=lambda p: p.at)
    found = []
    for a, b in itertools.pairwise(said):
        until = a.at + spoken(a.text, a.priority) - PAUSE
        if b.at < until - 1e-9:
            found.append(f"{b.text!r} at {b.at:.2f} talks over {a.text!r} (until {until:.2f})")
    return found


def bridge_plan() -> Plan:
    bridge = exercise(
        "bridge",
        sides="both",
        cues=("Lie on your back with knees bent and feet flat, hip-width apart.",),
        sets=2,
        reps=2,
        pace="self",
        rest=8,
    )
    note = "Counted reps at your own speed, press the key after each one."
    return expand(session(block("bridge", note=note)), library(bridge))


def test_the_get_ready_lines_follow_each_other_and_the_countdown_follows_them() -> None:
    plan = bridge_plan()
    clock = FakeClock(100.0)
    runner = Runner(plan, clock, spoken=spoken)
    events = runner.start()
    lines = of(Prompt, events)
    texts = [p.text for p in lines]
    assert texts == [line.text for line in plan.steps[0].lines]
    assert len(texts) == 4, texts  # name, set, set-up cue, how the reps are counted
    at = 100.0
    for p in lines:
        assert p.at == pytest.approx(at)
        at += spoken(p.text, p.priority)
    words_end = at
    # the get-ready lasts for its words, then its 3-2-1 countdown
    ready = runner.state
    assert ready.step.kind is StepKind.READY
    assert ready.time_left == pytest.approx(words_end - 100.0 + 3.0)
    assert plan.steps[0].duration == 5.0  # the plan is unchanged: the run fits its words
    events = run_to_end(runner, clock, key_seconds=5.0)
    countdown = [c.at for c in of(Countdown, events)][:3]
    assert countdown == pytest.approx([words_end, words_end + 1, words_end + 2])
    first_rep = next(
        e for e in events if isinstance(e, StepStarted) and e.step.kind is StepKind.REP
    )
    assert first_rep.at == pytest.approx(words_end + 3.0)


def test_no_line_of_the_first_session_talks_over_another_for_a_patient_person() -> None:
    lib = bundled_library()
    plan = expand(lib.sessions["first-session"], lib.exercises, affected="left")
    clock = FakeClock(0.0)
    runner = Runner(plan, clock, spoken=spoken)
    # a person who takes their time: each step that waits for a key lasts 15 s
    events = run_to_end(runner, clock, key_seconds=15.0)
    prompts = of(Prompt, events)
    assert {p.text for p in prompts} >= {line.text for s in plan.steps for line in s.lines}
    assert talk_over(prompts) == []


def test_a_rest_lasts_for_its_words_and_countdown_and_no_longer_when_they_fit() -> None:
    plan = bridge_plan()
    clock = FakeClock(0.0)
    runner = Runner(plan, clock, spoken=spoken)
    events = run_to_end(runner, clock, key_seconds=3.0)
    rests = [e for e in events if isinstance(e, StepStarted) and e.step.kind is StepKind.REST]
    [rest] = rests
    words = sum(spoken(line.text, line.priority) for line in rest.step.lines)
    count = spoken("2", Priority.COUNT)  # the set's last count is said first
    assert rest.step.duration == pytest.approx(max(8.0, count + words + 3.0))


def test_words_on_the_beat_stay_on_the_beat() -> None:
    clam = exercise("clam", sets=1, reps=2, pace="tempo", tempo={"out": 2, "hold": 1, "back": 3})
    plan = expand(session(block("clam")), library(clam), affected="left")
    clock = FakeClock(0.0)
    runner = Runner(plan, clock, spoken=spoken)
    events = run_to_end(runner, clock)
    phases = [e for e in events if isinstance(e, StepStarted) and e.step.kind is StepKind.PHASE]
    beats = {(p.at, p.text) for p in of(Prompt, events) if p.priority is Priority.COUNT}
    for started in phases:
        assert (started.at, started.step.phase) in beats


def test_without_lengths_the_plan_runs_as_planned() -> None:
    """A voice that cannot say how long (silent, muted, not rendered): no waiting for words."""
    plan = bridge_plan()
    clock = FakeClock(0.0)
    runner = Runner(plan, clock, spoken=lambda text, priority: None)
    events = runner.start()
    assert {p.at for p in of(Prompt, events)} == {0.0}
    assert runner.state.time_left == 5.0
    plain = Runner(plan, FakeClock(0.0))
    assert [type(e) for e in plain.start()] == [type(e) for e in events]


def test_a_key_during_the_words_moves_on_at_once() -> None:
    plan = bridge_plan()
    clock = FakeClock(0.0)
    runner = Runner(plan, clock, spoken=spoken)
    runner.start()
    clock.set(1.0)  # the name is said; the rest of the get-ready is not wanted
    events = runner.next()
    [started] = of(StepStarted, events)
    assert started.step.kind is StepKind.REP and started.at == 1.0
    assert all(p.at >= 1.0 for p in of(Prompt, events))
    clock.set(2.0)
    events = runner.next()  # the first rep: its count is said on the key
    assert next((p.at, p.text) for p in of(Prompt, events)) == (2.0, "1")


def test_a_switch_and_each_side_of_a_one_sided_exercise() -> None:
    clam = exercise("clam", sets=1, reps=1, pace="self", side_rest=4)
    plan = expand(session(block("clam")), library(clam), affected="left")
    clock = FakeClock(0.0)
    runner = Runner(plan, clock, spoken=spoken)
    events = run_to_end(runner, clock, key_seconds=10.0)
    switch = next(
        e for e in events if isinstance(e, StepStarted) and e.step.kind is StepKind.SWITCH
    )
    assert switch.step.side is Side.RIGHT
    assert talk_over(of(Prompt, events)) == []


def test_the_runner_says_when_its_words_end() -> None:
    """For a host that presses keys by itself (``--autoplay``): wait for the words."""
    plan = bridge_plan()
    clock = FakeClock(0.0)
    runner = Runner(plan, clock, spoken=spoken)
    runner.start()
    clock.set(runner.state.time_left or 0.0)
    runner.advance()  # the first rep starts; it says nothing (one cue only)
    assert runner.step.kind is StepKind.REP
    clock.advance(1.0)
    runner.next()  # counted: "1", then the second rep
    assert runner.said_until == pytest.approx(clock.now() + spoken("1", Priority.COUNT))
