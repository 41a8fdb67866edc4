"""The real audio path: QtSpeech plays counts into a PulseAudio null sink, on their beats.

The playing side runs in a fresh process (audiocheck.run_player): Qt's audio backend
connects to the sound server once per process and never again, so the process must
start with the server it is meant to use. The test process records the sink's monitor
with parec, timestamping what arrives, and finds the onsets in the recording.
"""

from __future__ import annotations

import os
from pathlib import Path

from guide_app.core import prompts
from guide_app.core.voice import VoiceStatus
from guide_app.speech import audiocheck, wavtools
from guide_app.speech.audiocheck import NullSink

COUNTS = ["one", "two", "three", "four", "five", "six"]
BEAT = 0.75


def test_counts_land_on_their_beats(null_sink: NullSink, tmp_path: Path) -> None:
    m = audiocheck.measure(null_sink, tmp_path / "cache", COUNTS, BEAT)
    assert m.recording is not None
    m.recording.save(tmp_path / "recording.wav")  # kept for a look when this fails
    assert m.child["status"] == VoiceStatus.READY, m.child
    assert m.child["dropped"] == []
    assert wavtools.peak(m.recording.samples) > 0.1  # real sound came out
    assert all(e is not None for e in m.errors), (m.errors, m.onsets, m.beats)
    # relative to the first count (recording start and output latency aligned away)
    assert max(abs(e) for e in m.relative_errors()) < 0.060, m.relative_errors()
    # and absolutely, on one clock, with the player's latency compensation
    assert max(abs(e) for e in m.matched) < 0.100, m.matched


def test_german_counts_land_on_their_beats_as_english_ones_do(
    null_sink: NullSink, tmp_path: Path
) -> None:
    """A German session's counts ("1", "2"... on screen) are said "eins", "zwei"... by
    the German voice, and heard on their beats with the English counts' tolerance."""
    counts = [prompts.count(n).text for n in range(1, len(COUNTS) + 1)]
    m = audiocheck.measure(null_sink, tmp_path / "cache", counts, BEAT, language="de")
    assert m.recording is not None
    m.recording.save(tmp_path / "recording.wav")  # kept for a look when this fails
    rendered = m.child["rendered"]
    assert [r["spoken"] for r in rendered] == ["eins", "zwei", "drei", "vier", "fünf", "sechs"]
    assert {(r["language"], r["voice"]) for r in rendered} == {("de", "gmw/de")}
    assert m.child["status"] == VoiceStatus.READY, m.child
    assert m.child["dropped"] == []
    assert wavtools.peak(m.recording.samples) > 0.1
    assert all(e is not None for e in m.errors), (m.errors, m.onsets, m.beats)
    assert max(abs(e) for e in m.relative_errors()) < 0.060, m.relative_errors()
    assert max(abs(e) for e in m.matched) < 0.100, m.matched


def test_beeps_land_on_their_beats_too(null_sink: NullSink, tmp_path: Path) -> None:
    texts = ["three", audiocheck.BEEP, "two", audiocheck.BEEP, "one", audiocheck.BEEP]
    m = audiocheck.measure(null_sink, tmp_path / "cache", texts, BEAT)
    assert all(e is not None for e in m.errors), (m.errors, m.onsets, m.beats)
    assert max(abs(e) for e in m.relative_errors()) < 0.060, m.relative_errors()


def test_on_a_scaled_session_clock_counts_land_on_their_real_beats(
    null_sink: NullSink, tmp_path: Path
) -> None:
    """``run --time-scale 20``: each count is asked for at the session-clock second that
    falls on its beat; it is heard on the beat, not 20 times later."""
    m = audiocheck.measure(null_sink, tmp_path / "cache", COUNTS[:4], BEAT, time_scale=20)
    assert m.child["dropped"] == []
    assert all(e is not None for e in m.errors), (m.errors, m.onsets, m.beats)
    assert max(abs(e) for e in m.matched) < 0.100, m.matched


def test_no_sound_server_the_session_still_completes(tmp_path: Path) -> None:
    env = {
        "XDG_RUNTIME_DIR": str(tmp_path / "runtime"),
        "PULSE_SERVER": f"unix:{tmp_path}/nowhere/native",
        "HOME": str(tmp_path),
    }
    (tmp_path / "runtime").mkdir()
    full = dict(os.environ)
    full.update(env)
    result = audiocheck.run_player(full, tmp_path / "cache", COUNTS[:3], 0.3, lead_in=0.3)
    # run_player raises if the process failed; here it ran to the end and said why
    assert result["status"] == VoiceStatus.NO_SOUND
    assert result["sound_available"] is False
    assert result["prepared"] is True  # phrases still render: the voice comes back with a device
    assert result["started"] == []
