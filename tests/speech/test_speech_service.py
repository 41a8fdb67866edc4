"""The Speech interface: the fakes, and QtSpeech's wiring and faults (real worker, fake player)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from guide_app.speech import service
from guide_app.speech.cache import Phrase, PhraseCache
from guide_app.speech.renderer import Renderer
from guide_app.speech.service import QtSpeech, RecordingSpeech, SilentSpeech
from guide_app.speech.settings import Priority, SpeechSettings

# What Qt's audio backend prints when the machine has no sound server; expected when a
# test builds a real Player in-process (the suite fails on Qt warnings otherwise).
NO_SERVER_MESSAGES = (
    "PulseAudioService: pa_context_connect",
    "QSoundEffect: playback of this format is not supported",
)


class RecordingPlayer(QObject):
    """Stands in for player.Player: records what QtSpeech asks it to play."""

    status_changed = Signal(str)

    def __init__(self, available: bool = True) -> None:
        super().__init__()
        self.available = available
        self.status = "" if available else "No sound device - cues are on screen"
        self.muted = False
        self.loaded_phrases: list[Phrase] = []
        self.scheduled: list[tuple[str, int, float | None]] = []
        self.calls: list[str] = []

    def load(self, phrase: Phrase) -> None:
        self.loaded_phrases.append(phrase)

    def loaded(self, phrase: Phrase) -> bool:
        return phrase in self.loaded_phrases

    def retain(self, paths: object) -> None:
        list(paths)  # type: ignore[call-overload]

    def schedule(self, phrase: Phrase, priority: int, at: float | None = None) -> None:
        self.scheduled.append((phrase.text, priority, at))

    def beep(self, at: float | None = None) -> None:
        self.calls.append("beep")

    def stop(self) -> None:
        self.calls.append("stop")

    def close(self) -> None:
        self.calls.append("close")

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def set_beeps(self, on: bool) -> None:
        self.calls.append(f"beeps {on}")

    def set_volume(self, volume: float) -> None:
        self.calls.append(f"volume {volume:.2f}")


@pytest.fixture
def make_speech(qtbot, tmp_path: Path):
    made: list[QtSpeech] = []

    def make(
        env: dict[str, str] | None = None, **kwargs: object
    ) -> tuple[QtSpeech, RecordingPlayer]:
        cache = PhraseCache(tmp_path / "cache")
        player = RecordingPlayer()
        speech = QtSpeech(
            cache.folder,
            renderer=Renderer(cache, extra_env=env),
            player=player,
            **kwargs,  # type: ignore[arg-type]
        )
        made.append(speech)
        return speech, player

    yield make
    for speech in made:
        speech.close()


def test_recording_speech_records_calls_in_order() -> None:
    fake = RecordingSpeech()
    progress: list[tuple[int, int]] = []
    fake.progress.connect(lambda d, t: progress.append((d, t)))
    fake.prepare(["one", "two", "two"])
    fake.say("one", Priority.COUNT, at=5.0)
    fake.beep(6.0)
    fake.set_muted(True)
    fake.stop()
    assert fake.said == [service.Said("one", Priority.COUNT, 5.0)]
    assert fake.texts() == ["one"]
    assert [c[0] for c in fake.calls] == ["prepare", "say", "beep", "muted", "stop"]
    assert progress == [(2, 2)]


def test_silent_speech_says_why() -> None:
    silent = SilentSpeech()
    assert silent.status == service.VOICE_OFF
    silent.say("anything", Priority.URGENT)
    silent.set_beeps(False)
    assert silent.settings.beeps is False


def test_prepared_phrases_are_loaded_and_said_on_their_beat(qtbot, make_speech) -> None:
    speech, player = make_speech()
    statuses: list[str] = []
    speech.status_changed.connect(statuses.append)
    speech.prepare(["one", "two", "left side"])
    qtbot.waitUntil(lambda: speech.status == service.VOICE_READY, timeout=30_000)
    assert {p.text for p in player.loaded_phrases} == {"one", "two", "left side"}
    speech.say("two", Priority.COUNT, at=123.0)
    assert player.scheduled == [("two", Priority.COUNT, 123.0)]
    assert statuses[-1] == service.VOICE_READY
    assert speech.voices() or qtbot.waitUntil(lambda: bool(speech.voices()), timeout=10_000) is None


def test_unknown_phrase_renders_on_demand_keeping_its_moment(qtbot, make_speech) -> None:
    speech, player = make_speech()
    at = time.monotonic() + 5
    speech.say("keep your knees soft", Priority.CUE, at=at)
    qtbot.waitUntil(lambda: bool(player.scheduled), timeout=15_000)
    assert player.scheduled == [("keep your knees soft", Priority.CUE, at)]


def test_settings_choose_which_prompts_are_spoken(qtbot, make_speech) -> None:
    speech, player = make_speech()
    speech.prepare(["one", "a tip"])
    qtbot.waitUntil(lambda: speech.status == service.VOICE_READY, timeout=30_000)
    speech.apply_settings(SpeechSettings(tips=False))
    speech.say("a tip", Priority.TIP)
    speech.say("one", Priority.COUNT)
    assert [s[0] for s in player.scheduled] == ["one"]


def test_voice_settings_change_renders_again(qtbot, make_speech) -> None:
    speech, player = make_speech()
    speech.prepare(["one"])
    qtbot.waitUntil(lambda: speech.status == service.VOICE_READY, timeout=30_000)
    first = player.loaded_phrases[-1]
    speech.apply_settings(SpeechSettings(rate=260))
    qtbot.waitUntil(lambda: player.loaded_phrases[-1].path != first.path, timeout=30_000)
    assert player.loaded_phrases[-1].duration < first.duration


def test_a_volume_change_is_heard_at_once_without_rendering_again(qtbot, make_speech) -> None:
    speech, player = make_speech()
    speech.prepare(["one"])
    qtbot.waitUntil(lambda: speech.status == service.VOICE_READY, timeout=30_000)
    loaded = len(player.loaded_phrases)
    speech.apply_settings(SpeechSettings(volume=0.4))
    assert player.calls[-1] == "volume 0.40"
    qtbot.wait(300)
    assert len(player.loaded_phrases) == loaded  # nothing rendered or loaded again


def test_worker_killed_mid_session_is_invisible_to_the_caller(qtbot, make_speech) -> None:
    speech, player = make_speech()
    statuses: list[str] = []
    speech.status_changed.connect(statuses.append)
    counts = [str(n) for n in range(1, 21)]
    speech.prepare(counts)
    qtbot.waitUntil(lambda: len(player.loaded_phrases) >= 2, timeout=30_000)
    os.kill(speech.renderer.pid, signal.SIGKILL)
    # the session goes on: a phrase nobody prepared is still spoken after the restart
    speech.say("well done", Priority.CUE)
    qtbot.waitUntil(lambda: any(s[0] == "well done" for s in player.scheduled), timeout=15_000)
    qtbot.waitUntil(lambda: speech.status == service.VOICE_READY, timeout=30_000)
    assert service.RESTARTING in statuses
    assert {p.text for p in player.loaded_phrases} >= set(counts)


@pytest.mark.qt_log_ignore(*NO_SERVER_MESSAGES)
def test_missing_espeak_leaves_the_session_running_on_screen(
    qtbot, tmp_path: Path, no_espeak_env
) -> None:
    cache = PhraseCache(tmp_path / "cache")
    speech = QtSpeech(
        cache.folder, renderer=Renderer(cache, extra_env=no_espeak_env)
    )  # real player
    try:
        qtbot.waitUntil(lambda: speech.status == service.NO_ESPEAK, timeout=10_000)
        progress: list[tuple[int, int]] = []
        speech.progress.connect(lambda d, t: progress.append((d, t)))
        speech.prepare(["one", "two"])
        assert progress[-1] == (2, 2)  # nothing to wait for
        for n in range(5):  # a session that goes on without a voice
            speech.say(str(n), Priority.COUNT, at=time.monotonic() + 0.1)
            speech.beep()
        speech.set_muted(True)
        speech.stop()
        qtbot.wait(200)
        assert speech.status == "No voice: espeak-ng not installed - cues are on screen"
    finally:
        speech.close()


def test_no_sound_device_status_and_harmless_calls(qtbot, tmp_path: Path) -> None:
    cache = PhraseCache(tmp_path / "cache")
    speech = QtSpeech(cache.folder, player=RecordingPlayer(available=False))
    try:
        assert speech.status == "No sound device - cues are on screen"
        speech.prepare(["one"])
        speech.say("one", Priority.COUNT)
        speech.beep()
        qtbot.wait(100)
        assert speech.status == "No sound device - cues are on screen"
    finally:
        speech.close()
