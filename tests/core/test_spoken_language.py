"""Content shown in English for lack of a translation is said in English: a prompt's
``Line.language``, the plan's ``phrase_languages``, and the session run's voice calls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from guide_app.core import content_language, i18n, prompts
from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.engine import Prompt, Runner
from guide_app.core.plan import expand, phrase_languages
from guide_app.core.session_run import SessionRun
from tests.helpers.catalog import write_mo
from tests.helpers.content import block, bundled_library, exercise, library, run_to_end, session
from tests.helpers.fakes import FakeJournal, FakeVoice

DRILL = {
    "name": "Drill",
    "cues": ["Set up.", "Move out.", "Come back."],
    "tips": ["Go slowly."],
    "translations": {"de": {"Set up.": "Aufstellen.", "Drill": "Übung"}},
}


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """German in force (a small catalog), with an empty record of texts shown in English."""
    write_mo(tmp_path, "de", {"Set {set} of {sets}": "Satz {set} von {sets}"})
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(content_language, "_ENGLISH", {})
    monkeypatch.setattr(content_language, "_FILLED", {})
    assert i18n.set_language("de") == "de"
    yield
    i18n.set_language(None)


def test_content_without_a_translation_is_said_in_english(german: None) -> None:
    shown = content_language.localise(DRILL, "exercise", "de")
    assert shown["cues"][0] == "Aufstellen."
    assert prompts.cue("Aufstellen.").language is None  # translated: the German voice
    assert prompts.cue("Move out.").language == "en"  # shown in English: said in English
    assert prompts.tip("Go slowly.").language == "en"
    assert prompts.exercise("Übung").language is None
    assert prompts.set_of(1, 2).language is None  # the app's own words: the language in force


def test_in_english_nothing_is_marked() -> None:
    assert prompts.cue("Move out.").language is None
    assert prompts.count(3).language is None


def test_the_plan_and_its_prompts_carry_the_language(german: None) -> None:
    content_language.localise(DRILL, "exercise", "de")
    ex = exercise(sets=1, reps=2, cues=["Aufstellen.", "Move out.", "Come back."])
    plan = expand(session(block("drill")), library(ex), affected="left")
    languages = phrase_languages(plan)
    assert languages.get("Move out.") == "en" and "Aufstellen." not in languages
    clock = FakeClock()
    said = [e for e in run_to_end(Runner(plan, clock), clock) if isinstance(e, Prompt)]
    assert {e.language for e in said if e.text == "Move out."} == {"en"}
    assert {e.language for e in said if e.text == "Aufstellen."} == {None}


def test_the_session_run_hands_the_language_to_the_voice(german: None) -> None:
    lib = bundled_library()
    for ex in lib.exercises.values():  # nothing of the bundled library is translated here
        content_language.keep_english({"name": ex.name}, "exercise", "de")
    voice = FakeVoice()
    clock = FakeClock(1000.0)
    run = SessionRun(lib, clock, voice, FakeJournal)
    run.start(SessionChoice(session=lib.sessions["first-session"], affected="left"))
    run.begin()
    for _ in range(100):  # a patient person: waits for each deadline, else presses on
        at = run.wake_at()
        if at is None:
            clock.advance(3.0)
            run.next()
        else:
            clock.set(max(at, clock.now()))
            run.tick()
    names = {ex.name for ex in lib.exercises.values()}
    assert {voice.languages[n] for n in names if n in voice.languages} == {"en"}
    said_names = [s for s in voice.said if s.text in names]
    assert said_names and all(s.language == "en" for s in said_names)
    assert any(s.language is None for s in voice.said)  # the app's own words


def test_a_stop_sign_without_a_translation_is_said_in_english(german: None) -> None:
    drill = {
        **DRILL,
        "stop_signs": ["Sharp pain.", "Numbness."],
        "translations": {"de": {"Sharp pain.": "Stechender Schmerz."}},
    }
    shown = content_language.localise(drill, "exercise", "de")
    ex = exercise(sets=1, reps=2, version=2, more={"stop_signs": shown["stop_signs"]})
    plan = expand(session(block("drill")), library(ex), affected="left")
    said = {ln.text: ln.language for s in plan.steps for ln in s.lines}
    assert said["Stechender Schmerz."] is None  # translated: the German voice
    assert said["Numbness."] == "en"  # shown in English: said in English
    assert phrase_languages(plan).get("Numbness.") == "en"
