"""Hints name the keys from the key table and fit the situation: a note says which key
goes on, a rep which key counts, a pause which key resumes; with no sound nothing tells
the user to follow the voice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QWidget

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.steps import StepKind
from guide_app.core.voice import VoiceStatus
from guide_app.speech.service import RecordingSpeech
from guide_app.ui.main_window import MainWindow
from tests.helpers.window import MakeWindow, press, start, tick


def shown(widget: QWidget) -> str:
    """Every word the widget shows now, one label a line."""
    return "\n".join(
        label.text()
        for label in widget.findChildren(QLabel)
        if label.isVisibleTo(widget) and label.text().strip()
    )


def test_a_note_says_which_key_goes_on(window: MainWindow) -> None:
    start(window, "first-session")
    assert window.session.readout.kind is StepKind.NOTE
    assert "Press Space or Return to go on" in shown(window.session)
    assert window.display is not None
    assert "Press Space or Return to go on" in shown(window.display)


def test_the_hint_names_the_users_own_keys(
    make_window: MakeWindow,
    settings: QSettings,
    voice: RecordingSpeech,
    open_journal: Callable[[], Journal],
) -> None:
    settings.setValue("keys/next", "PgDown, N")
    win = make_window(voice=voice, journal=open_journal, display_screen=0)
    win.show()
    start(win, "first-session")
    text = shown(win.session)
    assert "Press PgDown or N to go on" in text
    assert "Space" not in text


def test_counted_reps_say_which_key_counts(window: MainWindow, clock: FakeClock) -> None:
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)  # past the welcome note
    tick(window, clock, 5)  # the get-ready countdown
    assert window.session.readout.kind is StepKind.REP
    assert "Press Space or Return after each rep" in shown(window.session)


def test_a_pause_says_which_key_resumes(window: MainWindow) -> None:
    start(window, "first-session")
    press(window, Qt.Key.Key_P, text="p")
    text = shown(window.session)
    assert "Press P or B to resume" in text
    assert "to go on" not in text, "one hint at a time: the note's waits for the pause's"


def test_with_no_sound_nothing_says_follow_the_voice(window: MainWindow) -> None:
    window.voice_status(VoiceStatus.NO_SOUND)
    start(window, "first-session")
    assert window.session.readout.kind is StepKind.NOTE
    text = shown(window.session).lower()
    assert "welcome" in text
    assert "follow the voice" not in text
    assert "listen" not in text
