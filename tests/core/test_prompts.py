"""Prompts: wording from one template table, priorities, and the list of every phrase."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from guide_app.core import i18n, prompts
from guide_app.core.clock import FakeClock
from guide_app.core.engine import Prompt, Runner
from guide_app.core.model import Exercise, Session
from guide_app.core.plan import expand, phrases_for
from guide_app.core.prompts import Line
from guide_app.core.voice import Priority
from tests.helpers.catalog import write_mo
from tests.helpers.content import (
    block,
    bundled_library,
    circuit,
    exercise,
    library,
    measure,
    note,
    run_to_end,
    session,
)


def test_priorities_put_counts_first_then_announcements_then_cues_then_tips() -> None:
    assert Priority.COUNT > Priority.ANNOUNCE > Priority.CUE > Priority.TIP
    assert prompts.count(3) == Line("3", Priority.COUNT)
    assert prompts.phase("out").priority is Priority.COUNT
    assert prompts.countdown(2).priority is Priority.ANNOUNCE
    assert prompts.switch_to("right") == Line("Switch to your right side", Priority.ANNOUNCE)
    assert prompts.cue("Sit tall.").priority is Priority.CUE
    assert prompts.tip("Breathe.").priority is Priority.TIP


@pytest.mark.parametrize(
    ("line", "text"),
    [
        (prompts.side("left"), "Left side"),
        (prompts.set_of(2, 3), "Set 2 of 3"),
        (prompts.rest(30), "Rest 30 seconds"),
        (prompts.rest(60), "Rest 1 minute"),
        (prompts.rest(120), "Rest 2 minutes"),
        (prompts.rest(90), "Rest 90 seconds"),
        (prompts.hold(2), "Hold"),
        (prompts.hold(10), "Hold for 10 seconds"),
        (prompts.hold(1.5), "Hold"),
        (prompts.next_up("Clamshell", "left"), "Next up: Clamshell, left side"),
        (prompts.next_up("Squat", None), "Next up: Squat"),
        (prompts.round_of(1, 3), "Round 1 of 3"),
        (prompts.half_way(), "Half-way"),
        (prompts.well_done(), "Well done"),
        (prompts.direction_switch("left"), "Now go left"),
    ],
)
def test_wording(line: Line, text: str) -> None:
    assert line.text == text


def test_time_words() -> None:
    assert prompts.time_words(1) == "1 second"
    assert prompts.time_words(2.5) == "2.5 seconds"
    assert prompts.time_words(60) == "1 minute"


def test_joined_makes_a_script_line() -> None:
    lines = (prompts.exercise("Clamshell"), prompts.side("left"), prompts.cue("Lie down."))
    assert prompts.joined(lines) == "Clamshell. Left side. Lie down."
    assert prompts.joined((prompts.phase("out"),)) == "out"
    assert prompts.joined(()) is None


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A small German catalog, in force for one test."""
    write_mo(
        tmp_path,
        "de",
        {
            "Switch to your right side": "Andere Seite: rechts",
            "Set {set} of {sets}": "Satz {set} von {sets}",
        },
        {("{n} second", "{n} seconds"): ("{n} Sekunde", "{n} Sekunden")},
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.set_language("de") == "de"
    yield
    i18n.set_language(None)


def test_wording_changes_in_one_place_the_catalog(german: None) -> None:
    ex = exercise(sets=1, reps=1)
    plan = expand(session(block("drill")), library(ex), affected="left")
    assert "Andere Seite: rechts" in phrases_for(plan)
    assert prompts.set_of(2, 3).text == "Satz 2 von 3"
    assert prompts.time_words(1) == "1 Sekunde" and prompts.time_words(30) == "30 Sekunden"


def test_plural_forms_not_set_s() -> None:
    assert prompts.time_words(1) == "1 second"
    assert prompts.time_words(2) == "2 seconds"
    assert prompts.time_words(60) == "1 minute" and prompts.time_words(120) == "2 minutes"
    assert prompts.time_words(2.5) == "2.5 seconds"


def test_an_unknown_language_falls_back_to_english() -> None:
    assert i18n.set_language("xx") == "en"
    assert prompts.set_of(1, 2).text == "Set 1 of 2"


def spoken(
    sess: Session, lib: Mapping[str, Exercise], affected: str | None = None
) -> tuple[set[str], set[str]]:
    """What a whole run says, and what ``phrases_for`` promised."""
    plan = expand(sess, lib, affected=affected)
    clock = FakeClock()
    events = run_to_end(Runner(plan, clock), clock)
    return {e.text for e in events if isinstance(e, Prompt)}, phrases_for(plan)


def test_phrases_for_lists_everything_a_session_says() -> None:
    ex = exercise(sets=2, reps=3, hold=10, pace="self", rest=20)
    tempo = exercise("tempo", sides="alternating", sets=1, reps=2, tempo={"out": 2, "back": 3})
    holds = exercise("holds", sides="both", sets=3, hold=12, rest=15)
    walk = exercise("walk", sides="both", sets=1, reps=2, directions=["right", "left"])
    sess = session(
        note(),
        block("drill"),
        block("tempo"),
        circuit(block("holds"), block("walk"), rounds=2, rest=30),
        measure(),
    )
    said, listed = spoken(sess, library(ex, tempo, holds, walk), affected="left")
    assert said <= listed
    assert {"1", "2", "3", "Half-way", "Well done", "out", "back", "Now go left"} <= said
    assert "Switch to your right side. Set 1 of 2" not in listed  # each line is its own phrase
    assert "Switch to your right side" in listed


def test_phrases_for_every_bundled_session_cover_what_is_said() -> None:
    lib = bundled_library()
    assert lib.sessions
    for sess in lib.sessions.values():
        said, listed = spoken(sess, lib.exercises, affected="left")
        assert said <= listed, sess.id


@pytest.mark.parametrize(
    ("line", "text"),
    [
        (prompts.hold(30, 45), "Hold for 30 to 45 seconds"),
        (prompts.hold(3, 6), "Hold for 3 to 6 seconds"),
        (prompts.rest(60, 120), "Rest 1 to 2 minutes"),
        (prompts.rest(60, 90), "Rest 60 to 90 seconds"),
        (prompts.rest(30, 30), "Rest 30 seconds"),
        (prompts.side("right", "leg"), "Right leg"),
        (prompts.start_side("left", "arm"), "Start with your left arm"),
        (prompts.switch_to("left", "leg"), "Switch to your left leg"),
        (prompts.next_up("Lunge", "right", "leg"), "Next up: Lunge, right leg"),
    ],
)
def test_version_2_wording(line: Line, text: str) -> None:
    assert line.text == text


@pytest.mark.parametrize(
    ("load", "text"),
    [
        ("5 kg", "5 kilograms"),
        ("1 kg", "1 kilogram"),
        ("2.5 kg", "2.5 kilograms"),
        ("10 lb", "10 pounds"),
        ("red band", "Red band"),
        ("level 3", "Level 3"),
        ("body weight", "Body weight"),
    ],
)
def test_a_load_is_said_in_words(load: str, text: str) -> None:
    from guide_app.core.amounts import parse_load

    assert prompts.load(parse_load(load)) == Line(text, Priority.ANNOUNCE)


def test_a_goal_is_said_with_its_unit() -> None:
    from guide_app.core.model import Goal

    assert prompts.goal(Goal(at_least=90), "degrees").text == "Goal: at least 90 degrees"
    assert prompts.goal(Goal(at_most=10), "cm").text == "Goal: at most 10 cm"
    assert prompts.goal(Goal(at_least=5, at_most=10), "cm").text == "Goal: 5 to 10 cm"
