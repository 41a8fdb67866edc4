"""The natural voice (Piper with the joe voice from its package): the worker renders with
it, names it in the engine id, and falls back to espeak-ng when it is missing or fails."""

from __future__ import annotations

import time
from pathlib import Path

from guide_app.core.voice import Priority, VoiceStatus
from guide_app.speech import neural, wavtools
from guide_app.speech.cache import PhraseCache, voice_used
from guide_app.speech.renderer import Renderer
from guide_app.speech.service import QtSpeech
from guide_app.speech.words import describe_voice
from tests.helpers.recording_player import RecordingPlayer
from tests.helpers.speech_worker import render_request, run_worker

PIPER_PART = "piper 1.8.0 en_US-joe-medium"


def _replies(requests: list[dict], env: dict[str, str] | None = None) -> list[dict]:
    replies, status = run_worker(requests, env)
    assert status == 0, "the worker ends cleanly"
    return replies


def _broken_model(tmp_path: Path) -> dict[str, str]:
    """Worker environment whose natural voice model is a damaged file."""
    model = tmp_path / "broken.onnx"
    model.write_bytes(b"not an onnx model")
    return {neural.MODEL_ENV: str(model)}


def test_english_is_read_by_the_natural_voice(tmp_path: Path) -> None:
    replies = _replies(
        [
            {"op": "voices", "id": 1},
            render_request(2, "switch to your right side", tmp_path / "switch.wav"),
            render_request(3, "lower slowly and breathe out", tmp_path / "slow.wav", rate=120),
            render_request(4, "lower slowly and breathe out", tmp_path / "fast.wav", rate=300),
            render_request(5, "zwei", tmp_path / "de.wav", language="de"),
        ]
    )
    ready, *answers = replies
    assert ready["event"] == "ready"
    assert ready["engine"].startswith("pyttsx3 ") and ready["engine"].endswith(PIPER_PART)
    by_id = {r["id"]: r for r in answers}
    first, *others = by_id[1]["voices"]
    assert first == {"id": "piper:en_US-joe-medium", "name": "Joe", "languages": ["en", "en-us"],
                     "gender": "male", "engine": "piper"}  # fmt: skip
    assert others and {v["engine"] for v in others} == {"espeak-ng"}
    switch = by_id[2]
    assert switch["ok"] and switch["voice"] == neural.VOICE_ID
    samples, rate = wavtools.read_wav(tmp_path / "switch.wav")
    assert rate == 22_050
    assert 0.7 < switch["duration"] < 2.5
    assert 0.0 <= switch["onset"] < 0.3
    assert 0.5 < wavtools.peak(samples) <= neural.GAIN + 0.01
    assert wavtools.rms(samples) > 0.03
    assert by_id[3]["duration"] > 1.5 * by_id[4]["duration"]  # the speed follows the rate
    assert by_id[5]["voice"] == "gmw/de"  # German stays with espeak-ng


def test_without_the_natural_voice_espeak_reads_even_where_it_was_chosen(tmp_path: Path) -> None:
    replies = _replies(
        [
            {"op": "voices", "id": 1},
            render_request(2, "hold", tmp_path / "a.wav", voice=neural.VOICE_ID),
            render_request(3, "hold", tmp_path / "b.wav", voice="piper:en_GB-someone-low"),
        ],
        env={neural.NO_NEURAL_ENV: "1"},
    )
    ready, *answers = replies
    assert "piper" not in ready["engine"] and "espeak-ng" in ready["engine"]
    by_id = {r["id"]: r for r in answers}
    assert all(v["engine"] == "espeak-ng" for v in by_id[1]["voices"])
    for rid in (2, 3):
        assert by_id[rid]["ok"] and not by_id[rid]["voice"].startswith("piper")


def test_a_natural_voice_that_fails_hands_over_to_espeak(tmp_path: Path) -> None:
    replies = _replies(
        [
            render_request(1, "hold", tmp_path / "a.wav"),
            render_request(2, "hold", tmp_path / "b.wav"),
            {"op": "voices", "id": 3},
        ],
        env=_broken_model(tmp_path),
    )
    ready, event, failed, again, voices = replies
    assert ready["engine"].endswith(PIPER_PART)
    assert event["event"] == "engine" and event["natural"] == "failed"
    assert "piper" not in event["engine"] and "espeak-ng" in event["engine"]
    assert failed["id"] == 1 and failed["ok"] is False and failed["engine"] == event["engine"]
    assert not (tmp_path / "a.wav").exists(), "nothing is kept under the old engine's key"
    assert again["ok"] and not again["voice"].startswith("piper")
    assert all(v["engine"] == "espeak-ng" for v in voices["voices"])


def test_the_session_goes_on_with_espeak_and_says_the_natural_voice_failed(
    qtbot, tmp_path: Path
) -> None:
    cache = PhraseCache(tmp_path / "cache")
    renderer = Renderer(cache, extra_env=_broken_model(tmp_path))
    speech = QtSpeech(cache.folder, renderer=renderer, player=RecordingPlayer())
    try:
        speech.prepare(["one", "two", "switch sides"])
        qtbot.waitUntil(lambda: speech.status is VoiceStatus.STANDARD_VOICE, timeout=30_000)
        assert renderer.natural_failed
        spec = renderer.spec("en")
        assert spec is not None and "piper" not in spec.engine
        for text in ("one", "two", "switch sides"):
            phrase = renderer.lookup(text)
            assert phrase is not None and not str(voice_used(phrase)).startswith("piper")
        assert describe_voice(speech.status) == (
            "Voice ready - the natural voice failed, the standard voice speaks"
        )
        # a worker started again does not try the natural voice
        assert renderer._environment().value(neural.NO_NEURAL_ENV) == "1"
        qtbot.waitUntil(lambda: bool(speech.voices()), timeout=10_000)
        assert not any(v.natural for v in speech.voices())
    finally:
        speech.close()


def test_a_sample_asked_for_now_is_heard_once_the_natural_voice_has_rendered_it(
    qtbot, tmp_path: Path
) -> None:
    """The voice dialog's sample is urgent and asked for now; the natural voice takes
    about a second to load at its first phrase, and the sample is still said."""
    player = RecordingPlayer(now=time.monotonic)
    speech = QtSpeech(tmp_path / "cache", player=player)
    try:
        qtbot.waitUntil(lambda: speech.renderer.ready, timeout=10_000)
        asked = time.monotonic()
        speech.say("Switch to your right side", Priority.URGENT)
        qtbot.waitUntil(lambda: bool(player.scheduled), timeout=15_000)
        [(text, priority, at)] = player.scheduled
        assert (text, priority) == ("Switch to your right side", Priority.URGENT)
        assert at is not None and at > asked  # as soon as it was rendered, not at its moment
        phrase = speech.renderer.lookup("Switch to your right side")
        assert phrase is not None and voice_used(phrase) == neural.VOICE_ID
        assert any(v.natural and v.name == "Joe" for v in speech.voices())
    finally:
        speech.close()
