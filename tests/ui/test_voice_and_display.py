"""Voice settings, countdown beeps, the preparing-voice count, and the display key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.core.loader import Library
from guide_app.speech.service import RecordingSpeech
from guide_app.speech.settings import SpeechSettings
from guide_app.ui import voice_settings
from guide_app.ui.main_window import MainWindow
from guide_app.ui.voice_settings import VoiceSettingsDialog
from tests.helpers.window import (
    MakeWindow,
    SlowVoice,
    choice,
    ini_settings,
    press,
    start,
    tick,
)


def test_voice_settings_are_saved_and_come_back(tmp_path: Path) -> None:
    settings = ini_settings(tmp_path / "s.ini")
    assert voice_settings.load(settings) == SpeechSettings()
    voices = (("de", "gmw/de"), ("en", "gmw/en-us"))  # a voice for each language
    chosen = SpeechSettings(voices=voices, rate=140, volume=0.6, beeps=False, tips=False)
    voice_settings.save(settings, chosen)
    settings.sync()
    again = ini_settings(tmp_path / "s.ini")
    assert voice_settings.load(again) == chosen


def test_stop_signs_off_is_kept_and_comes_back(tmp_path: Path) -> None:
    settings = ini_settings(tmp_path / "s.ini")
    assert voice_settings.load(settings).stop_signs, "said unless turned off"
    voice_settings.save(settings, SpeechSettings(stop_signs=False))
    settings.sync()
    again = voice_settings.load(ini_settings(tmp_path / "s.ini"))
    assert not again.stop_signs and again.cues and again.tips


def test_a_damaged_setting_falls_back_to_the_defaults(tmp_path: Path) -> None:
    settings = ini_settings(tmp_path / "s.ini")
    settings.setValue("voice/rate", "fast")
    assert voice_settings.load(settings) == SpeechSettings()


def test_the_dialog_applies_what_is_chosen(qtbot: QtBot, tmp_path: Path) -> None:
    settings = ini_settings(tmp_path / "s.ini")
    voice = RecordingSpeech()
    dialog = VoiceSettingsDialog(voice, settings)
    qtbot.addWidget(dialog)
    dialog.rate.setValue(150)
    dialog.tips.setChecked(False)
    dialog.accept()
    assert voice.settings.rate == 150 and not voice.settings.tips
    assert voice_settings.load(settings).rate == 150


def test_the_dialog_turns_the_stop_signs_off_and_on(qtbot: QtBot, tmp_path: Path) -> None:
    settings = ini_settings(tmp_path / "s.ini")
    voice = RecordingSpeech()
    dialog = VoiceSettingsDialog(voice, settings)
    qtbot.addWidget(dialog)
    assert dialog.stop_signs.isChecked()
    assert "Stop signs" in dialog.stop_signs.text()
    dialog.stop_signs.setChecked(False)
    dialog.accept()
    assert not voice.settings.stop_signs and voice.settings.cues
    assert not voice_settings.load(settings).stop_signs
    again = VoiceSettingsDialog(voice, settings)
    qtbot.addWidget(again)
    assert not again.stop_signs.isChecked(), "the dialog shows the setting in force"


def test_rests_beep_in_their_last_seconds(
    window: MainWindow, clock: FakeClock, voice: RecordingSpeech
) -> None:
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)
    tick(window, clock, 5)
    for _ in range(5):
        press(window, Qt.Key.Key_Space)
    assert window.session.caption.text() == "REST"
    rest_started = clock.now()
    before = len(voice.beeps)  # the get-ready countdown beeped too
    tick(window, clock, 20)
    assert [round(at - rest_started) for at in voice.beeps[before:]] == [17, 18, 19]


def test_preparing_the_voice_shows_a_count(window: MainWindow) -> None:
    start(window, "first-session")
    window.voice_progress(12, 40)
    assert "Preparing voice 12/40" in window.session.flags.text()
    window.voice_progress(40, 40)
    assert "Preparing voice" not in window.session.flags.text()


def test_d_opens_and_closes_the_clinic_display(window: MainWindow, clock: FakeClock) -> None:
    window.display.hide()
    start(window, "first-session")
    press(window, Qt.Key.Key_D, text="d")
    assert window.display.isVisible()
    assert window.display.view.readout == window.session.readout
    press(window, Qt.Key.Key_D, text="d")
    assert not window.display.isVisible()


def test_the_session_waits_for_its_phrases_then_starts(
    make_window: MakeWindow, library: Library
) -> None:
    voice = SlowVoice()
    win = make_window(voice=voice)
    win.start(choice(library, "first-session"))
    runner = win.adapter.run.runner
    assert runner is not None
    assert not runner.started, "nothing is timed while the voice prepares"
    voice.progress.emit(10, 40)
    assert not runner.started
    voice.progress.emit(40, 40)
    assert runner.started


def test_a_key_starts_the_session_without_waiting_for_the_voice(
    make_window: MakeWindow, library: Library
) -> None:
    win = make_window(voice=SlowVoice())
    win.start(choice(library, "first-session"))
    win.adapter.next()
    runner = win.adapter.run.runner
    assert runner is not None and runner.started
    assert runner.index == 0, "the press started the session; it skipped nothing"
