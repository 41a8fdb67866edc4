"""The voice of the session chosen on Home is readied while the person reads about it: a
choice that stays a moment hands its phrases to the voice, so Start need not wait for the
natural voice to render them; nothing is handed over while a session runs."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from guide_app.core.choice_plan import choice_plan
from guide_app.core.loader import Library
from guide_app.core.steps import phrases_for
from guide_app.speech.service import RecordingSpeech
from guide_app.ui.main_window import MainWindow
from guide_app.ui.voice_ahead import LINGER_MS
from tests.helpers.window import choice, start


def test_a_choice_that_stays_readies_its_phrases(
    window: MainWindow, voice: RecordingSpeech, library: Library, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: bool(voice.prepared), timeout=3 * LINGER_MS)
    assert window.home.current_choice() is not None, "the choice Home opens with is readied"
    assert window.home.select("session", "hip-cuff-circuit")
    voice.prepared.clear()
    assert window.home.select("session", "first-session")
    qtbot.wait(LINGER_MS // 3)
    assert not voice.prepared, "not while the person is still moving through the list"
    qtbot.waitUntil(lambda: bool(voice.prepared), timeout=3 * LINGER_MS)
    plan = choice_plan(choice(library, "first-session", None), library.exercises)
    assert set(voice.prepared[-1]) == phrases_for(plan)


def test_nothing_is_handed_over_while_a_session_runs(
    window: MainWindow, voice: RecordingSpeech, qtbot: QtBot
) -> None:
    start(window, "first-session")
    handed = len(voice.prepared)
    assert window.voice_ahead is not None
    window.voice_ahead.chosen()  # Home's choice moved under a running session
    qtbot.wait(LINGER_MS + 300)
    assert len(voice.prepared) == handed
