"""Voice settings, countdown beeps, the preparing-voice count, and the display key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from guide_app.core.clock import FakeClock
from guide_app.speech.service import RecordingSpeech
from guide_app.speech.settings import SpeechSettings
from guide_app.ui import voice_settings
from guide_app.ui.main_window import MainWindow
from guide_app.ui.voice_settings import VoiceSettingsDialog
from tests.ui.test_session_window import press, start, tick

pytest_plugins = ["tests.ui.test_session_window"]


def test_voice_settings_are_saved_and_come_back(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert voice_settings.load(settings) == SpeechSettings()
    chosen = SpeechSettings(voice="en-gb", rate=140, volume=0.6, beeps=False, tips=False)
    voice_settings.save(settings, chosen)
    settings.sync()
    again = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert voice_settings.load(again) == chosen


def test_a_damaged_setting_falls_back_to_the_defaults(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("voice/rate", "fast")
    assert voice_settings.load(settings) == SpeechSettings()


def test_the_dialog_applies_what_is_chosen(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    voice = RecordingSpeech()
    dialog = VoiceSettingsDialog(voice, settings)
    qtbot.addWidget(dialog)
    dialog.rate.setValue(150)
    dialog.tips.setChecked(False)
    dialog.accept()
    assert voice.settings.rate == 150 and not voice.settings.tips
    assert voice_settings.load(settings).rate == 150


def test_rests_beep_in_their_last_seconds(window: MainWindow, clock: FakeClock, voice) -> None:  # type: ignore[no-untyped-def]
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
    assert window.display.view.screen_state == window.session.screen_state
    press(window, Qt.Key.Key_D, text="d")
    assert not window.display.isVisible()


class SlowVoice(RecordingSpeech):
    """A voice still rendering: it reports progress only when told to."""

    def prepare(self, phrases) -> None:  # type: ignore[no-untyped-def]
        self.prepared.append(list(phrases))


def test_the_session_waits_for_its_phrases_then_starts(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from guide_app.app import build_window
    from guide_app.core.loader import bundled_root, load_library
    from guide_app.ui.home import SessionChoice

    library = load_library([bundled_root()])
    voice = SlowVoice()
    clock = FakeClock(1000.0)
    win = build_window(
        library,
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        clock=clock,
        voice=voice,
    )
    win.start(SessionChoice(library.sessions["first-session"], None, None, "left", None, True))
    assert not win.driver.runner.started, "nothing is timed while the voice prepares"
    voice.progress.emit(10, 40)
    assert not win.driver.runner.started
    voice.progress.emit(40, 40)
    assert win.driver.runner.started
    win.driver.stop_quietly()
    win.close()


def test_a_key_starts_the_session_without_waiting_for_the_voice(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from guide_app.app import build_window
    from guide_app.core.loader import bundled_root, load_library
    from guide_app.ui.home import SessionChoice

    library = load_library([bundled_root()])
    win = build_window(
        library,
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        clock=FakeClock(1000.0),
        voice=SlowVoice(),
    )
    win.start(SessionChoice(library.sessions["first-session"], None, None, "left", None, True))
    win.driver.next()
    assert win.driver.runner.started
    assert win.driver.runner.index == 0, "the press started the session; it skipped nothing"
    win.driver.stop_quietly()
    win.close()
