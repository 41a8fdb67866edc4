"""The Speech interface: the fakes, and QtSpeech's wiring and faults (real worker, fake player)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from guide_app.core.clock import Clock, FakeClock, ScaledClock
from guide_app.core.voice import Priority, Voice, VoiceStatus
from guide_app.speech import service
from guide_app.speech.cache import PhraseCache, voice_used
from guide_app.speech.neural import NO_NEURAL_ENV
from guide_app.speech.renderer import Renderer
from guide_app.speech.service import QtSpeech, RecordingSpeech, SilentSpeech
from guide_app.speech.settings import SpeechSettings
from tests.helpers.recording_player import PLAYER_NOW, RecordingPlayer

# The worker's environment in these tests: espeak-ng reads English (natural voice left out).
ESPEAK_ONLY = {NO_NEURAL_ENV: "1"}

# What Qt's audio backend prints when the machine has no sound server; expected when a
# test builds a real Player in-process (the suite fails on Qt warnings otherwise).
NO_SERVER_MESSAGES = (
    "PulseAudioService: pa_context_connect",
    "QSoundEffect: playback of this format is not supported",
)


@pytest.fixture
def make_speech(qtbot, tmp_path: Path):
    made: list[QtSpeech] = []

    def make(
        env: dict[str, str] | None = None,
        clock: Clock | None = None,
        player: RecordingPlayer | None = None,
        **kwargs: object,
    ) -> tuple[QtSpeech, RecordingPlayer]:
        """A QtSpeech with a real worker and a stand-in player; by default its session
        clock is a FakeClock at 1000 s (the player's clock stands at PLAYER_NOW). The
        worker reads English with espeak-ng (``ESPEAK_ONLY``): these tests are about
        the wiring, and loading the natural voice costs a second a worker."""
        cache = PhraseCache(tmp_path / "cache")
        player = player or RecordingPlayer()
        speech = QtSpeech(
            cache.folder,
            clock=clock or FakeClock(1000.0),
            renderer=Renderer(cache, extra_env={**ESPEAK_ONLY, **(env or {})}),
            player=player,
            **kwargs,  # type: ignore[arg-type]
        )
        made.append(speech)
        return speech, player

    yield make
    for speech in made:
        speech.close()


class FastFakeClock(FakeClock):
    """A FakeClock whose session seconds pass 20 times faster than real ones, as with
    ``run --time-scale 20``."""

    def real_seconds(self, seconds: float) -> float:
        return seconds / 20


def test_every_form_of_speech_is_a_session_voice() -> None:
    voices: list[Voice] = [RecordingSpeech(), SilentSpeech()]  # checked by mypy
    assert [v.status for v in voices] == [VoiceStatus.READY, VoiceStatus.OFF]


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


def test_recording_speech_plays_a_status_change() -> None:
    fake = RecordingSpeech(clock=FakeClock(5.0))
    statuses: list[VoiceStatus] = []
    fake.status_changed.connect(statuses.append)
    fake.set_status(VoiceStatus.NO_SOUND)
    fake.set_status(VoiceStatus.NO_SOUND)
    assert fake.status is VoiceStatus.NO_SOUND and statuses == [VoiceStatus.NO_SOUND]
    assert fake.clock.now() == 5.0


def test_silent_speech_says_why() -> None:
    silent = SilentSpeech()
    assert silent.status is VoiceStatus.OFF
    silent.say("anything", Priority.URGENT)
    silent.apply_settings(SpeechSettings(beeps=False))
    assert silent.settings.beeps is False
    assert SilentSpeech(VoiceStatus.NO_SOUND).status is VoiceStatus.NO_SOUND


def test_prepared_phrases_are_loaded_and_said_on_their_beat(qtbot, make_speech) -> None:
    speech, player = make_speech()  # session clock at 1000 s, the player's at 50 s
    statuses: list[VoiceStatus] = []
    speech.status_changed.connect(statuses.append)
    speech.prepare(["one", "two", "left side"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    assert {p.text for p in player.loaded_phrases} == {"one", "two", "left side"}
    speech.say("two", Priority.COUNT, at=1003.0)
    assert player.scheduled == [("two", Priority.COUNT, PLAYER_NOW + 3.0)]
    assert statuses[-1] is VoiceStatus.READY
    assert all(isinstance(s, VoiceStatus) for s in statuses)
    assert speech.voices() or qtbot.waitUntil(lambda: bool(speech.voices()), timeout=10_000) is None


def test_a_rendered_phrase_says_how_long_it_takes_to_say(qtbot, make_speech) -> None:
    speech, player = make_speech()
    speech.prepare(["left side"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    [phrase] = [p for p in player.loaded_phrases if p.text == "left side"]
    words = phrase.duration - phrase.onset + service.PAUSE_AFTER
    assert speech.spoken_seconds("left side", Priority.ANNOUNCE) == pytest.approx(words)
    assert 0.5 < words < 2.0
    assert speech.spoken_seconds("never rendered", Priority.ANNOUNCE) is None
    speech.apply_settings(SpeechSettings(cues=False))
    assert speech.spoken_seconds("left side", Priority.ANNOUNCE) is None  # not said at all
    speech.apply_settings(SpeechSettings())
    player.muted = True
    assert speech.spoken_seconds("left side", Priority.ANNOUNCE) is None
    assert SilentSpeech().spoken_seconds("left side", Priority.ANNOUNCE) is None


def test_on_a_scaled_clock_the_session_does_not_wait_for_words(qtbot, make_speech) -> None:
    """``run --time-scale 20``: words at their real pace cannot keep up anyway."""
    speech, _player = make_speech(clock=FastFakeClock(1000.0))
    speech.prepare(["left side"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    assert speech.spoken_seconds("left side", Priority.ANNOUNCE) is None


def test_words_asked_for_an_earlier_moment_drop_those_asked_for_later(qtbot, make_speech) -> None:
    """Lines of a get-ready follow each other; a key moves the session on during them:
    the lines still to come are dropped, the new step's words are said."""
    speech, player = make_speech()
    speech.prepare(["one", "two", "left side"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    speech.say("left side", Priority.ANNOUNCE, at=1000.0)
    speech.say("two", Priority.ANNOUNCE, at=1001.0)
    speech.say("keep your knees soft", Priority.CUE, at=1002.0)  # not rendered: waits
    speech.say("one", Priority.COUNT, at=1000.5)  # the key, at 1000.5
    qtbot.wait(2000)  # the waiting phrase renders, and is not said
    assert [s[0] for s in player.scheduled] == ["left side", "two", "one"]
    assert player.dropped == ["two"]


def test_unknown_phrase_renders_on_demand_keeping_its_moment(qtbot, make_speech) -> None:
    speech, player = make_speech()
    speech.say("keep your knees soft", Priority.CUE, at=1005.0)
    qtbot.waitUntil(lambda: bool(player.scheduled), timeout=15_000)
    assert player.scheduled == [("keep your knees soft", Priority.CUE, PLAYER_NOW + 5.0)]


def test_a_scaled_session_clock_places_prompts_at_their_real_moment(qtbot, make_speech) -> None:
    """``run --time-scale 20``: 40 session seconds ahead are 2 real seconds ahead."""
    speech, player = make_speech(clock=FastFakeClock(1000.0))
    speech.prepare(["two"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    speech.say("two", Priority.COUNT, at=1040.0)  # rendered: scheduled at once
    assert player.scheduled == [("two", Priority.COUNT, PLAYER_NOW + 2.0)]
    speech.say("hold it there", Priority.ANNOUNCE, at=1060.0)  # rendered first, then placed
    qtbot.waitUntil(lambda: len(player.scheduled) == 2, timeout=15_000)
    assert player.scheduled[1] == ("hold it there", Priority.ANNOUNCE, PLAYER_NOW + 3.0)
    speech.beep(at=1010.0)
    speech.say("two", Priority.COUNT)  # None: now, on both clocks
    assert player.beeps == [PLAYER_NOW + 0.5]
    assert player.scheduled[2] == ("two", Priority.COUNT, PLAYER_NOW)


def test_a_real_scaled_clock_meets_the_player_on_real_time(qtbot, make_speech) -> None:
    """A ScaledClock(20) and a player on ``time.monotonic``: asked for at session time T,
    the prompt is placed at the real moment T falls on."""
    clock = ScaledClock(20)
    speech, player = make_speech(clock=clock, player=RecordingPlayer(now=time.monotonic))
    speech.prepare(["two"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    at = clock.now() + 20.0  # 20 session seconds: one real second
    real = time.monotonic() + 1.0
    speech.say("two", Priority.COUNT, at=at)
    [(_, _, placed)] = player.scheduled
    assert placed == pytest.approx(real, abs=0.01)  # not 20 s away


def test_settings_choose_which_prompts_are_spoken(qtbot, make_speech) -> None:
    speech, player = make_speech()
    speech.prepare(["one", "a tip"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    speech.apply_settings(SpeechSettings(tips=False))
    speech.say("a tip", Priority.TIP)
    speech.say("one", Priority.COUNT)
    assert [s[0] for s in player.scheduled] == ["one"]


def test_stop_signs_are_said_with_the_cues_off_and_not_when_turned_off(qtbot, make_speech) -> None:
    speech, player = make_speech()
    speech.prepare(["stop if it pinches", "a cue"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    speech.apply_settings(SpeechSettings(cues=False))
    speech.say("a cue", Priority.CUE)
    speech.say("stop if it pinches", Priority.SAFETY)
    assert [s[0] for s in player.scheduled] == ["stop if it pinches"]
    speech.apply_settings(SpeechSettings(stop_signs=False))
    assert speech.spoken_seconds("stop if it pinches", Priority.SAFETY) is None
    speech.say("stop if it pinches", Priority.SAFETY)
    speech.say("a cue", Priority.CUE)
    assert [s[0] for s in player.scheduled] == ["stop if it pinches", "a cue"]


def test_voice_settings_change_renders_again(qtbot, make_speech) -> None:
    speech, player = make_speech()
    speech.prepare(["one"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    first = player.loaded_phrases[-1]
    speech.apply_settings(SpeechSettings(rate=260))
    qtbot.waitUntil(lambda: player.loaded_phrases[-1].path != first.path, timeout=30_000)
    assert player.loaded_phrases[-1].duration < first.duration


def test_a_volume_change_is_heard_at_once_without_rendering_again(qtbot, make_speech) -> None:
    speech, player = make_speech()
    speech.prepare(["one"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    loaded = len(player.loaded_phrases)
    speech.apply_settings(SpeechSettings(volume=0.4))
    assert player.calls[-1] == "volume 0.40"
    qtbot.wait(300)
    assert len(player.loaded_phrases) == loaded  # nothing rendered or loaded again


def test_worker_killed_mid_session_is_invisible_to_the_caller(qtbot, make_speech) -> None:
    speech, player = make_speech()
    statuses: list[VoiceStatus] = []
    speech.status_changed.connect(statuses.append)
    counts = [str(n) for n in range(1, 21)]
    speech.prepare(counts)
    qtbot.waitUntil(lambda: len(player.loaded_phrases) >= 2, timeout=30_000)
    os.kill(speech.renderer.pid, signal.SIGKILL)
    # the session goes on: a phrase nobody prepared is still spoken after the restart
    speech.say("well done", Priority.CUE)
    qtbot.waitUntil(lambda: any(s[0] == "well done" for s in player.scheduled), timeout=15_000)
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    assert VoiceStatus.RESTARTING in statuses
    assert {p.text for p in player.loaded_phrases} >= set(counts)


@pytest.mark.qt_log_ignore(*NO_SERVER_MESSAGES)
def test_missing_espeak_leaves_the_session_running_on_screen(
    qtbot, tmp_path: Path, no_espeak_env
) -> None:
    cache = PhraseCache(tmp_path / "cache")
    speech = QtSpeech(
        cache.folder, renderer=Renderer(cache, extra_env=no_espeak_env)
    )  # real player, real clock
    try:
        qtbot.waitUntil(lambda: speech.status is VoiceStatus.NO_ESPEAK, timeout=10_000)
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
        assert speech.status is VoiceStatus.NO_ESPEAK
    finally:
        speech.close()


def test_no_sound_device_status_and_harmless_calls(qtbot, tmp_path: Path) -> None:
    cache = PhraseCache(tmp_path / "cache")
    player = RecordingPlayer(available=False)
    speech = QtSpeech(cache.folder, player=player)
    try:
        assert speech.status is VoiceStatus.NO_SOUND
        speech.prepare(["one"])
        speech.say("one", Priority.COUNT)
        speech.beep()
        qtbot.wait(100)
        assert speech.status is VoiceStatus.NO_SOUND
        assert player.scheduled == []
    finally:
        speech.close()


def test_a_lost_sound_server_shows_as_no_sound_until_it_comes_back(qtbot, make_speech) -> None:
    speech, player = make_speech()
    speech.prepare(["one"])
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    statuses: list[VoiceStatus] = []
    speech.status_changed.connect(statuses.append)
    player.available = False
    player.available_changed.emit(False)
    speech.say("one", Priority.COUNT, at=1001.0)
    player.available = True
    player.available_changed.emit(True)
    assert statuses == [VoiceStatus.NO_SOUND, VoiceStatus.READY]
    assert player.scheduled == []  # nothing was asked of a player without sound


def test_a_phrase_is_said_in_its_language_with_its_numbers_as_words(qtbot, make_speech) -> None:
    """German "2" is read "zwei" by the German voice; the same text in English is a
    phrase of its own (rendered again, never mixed up with the German one)."""
    speech, player = make_speech()
    speech.prepare(["2", "Plank"], {"2": "de"})
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    german = speech.renderer.lookup("2", "de")
    assert german is not None
    assert (german.text, german.spoken, german.language) == ("2", "zwei", "de")
    assert voice_used(german) == "gmw/de"
    assert speech.spoken_seconds("2", Priority.COUNT) is not None  # as prepared: German
    assert speech.renderer.lookup("2", "en") is None  # not rendered in English yet
    speech.say("2", Priority.COUNT, at=1001.0)
    speech.say("2", Priority.COUNT, at=1002.0, language="en")
    qtbot.waitUntil(lambda: len(player.scheduled) == 2, timeout=30_000)
    english = speech.renderer.lookup("2", "en")
    assert english is not None and english.spoken == "2" and english.path != german.path
    assert voice_used(english) != "gmw/de"


def test_a_voice_chosen_for_english_does_not_read_german(qtbot, make_speech) -> None:
    speech, _ = make_speech(settings=SpeechSettings(voices=(("en", "gmw/en-us"),)))
    speech.prepare(["Pause", "Rest"], {"Pause": "de"})
    qtbot.waitUntil(lambda: speech.status is VoiceStatus.READY, timeout=30_000)
    german, english = speech.renderer.lookup("Pause", "de"), speech.renderer.lookup("Rest")
    assert german is not None and english is not None
    assert (voice_used(german), voice_used(english)) == ("gmw/de", "gmw/en-us")
