"""The worker process renders real speech with pyttsx3 + espeak-ng (no Qt involved)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from guide_app.speech import renderer_worker, wavtools
from tests.helpers.speech_worker import render_request, run_worker


def test_a_german_phrase_is_read_by_the_german_voice(tmp_path: Path) -> None:
    """With no voice chosen, a phrase in German is read by espeak-ng's German voice
    (gmw/de), a Spanish one by Spanish (Spain) (roa/es); the sidecar says so."""
    replies, code = run_worker(
        [
            render_request(1, "zwei", tmp_path / "de.wav", language="de"),
            render_request(2, "dos", tmp_path / "es.wav", language="es"),
        ]
    )
    assert code == 0
    _, german, spanish = replies
    assert german["ok"] and german["voice"] == "gmw/de"
    assert spanish["ok"] and spanish["voice"] == "roa/es"
    meta = json.loads((tmp_path / "de.json").read_text())
    assert (meta["text"], meta["language"], meta["voice"]) == ("zwei", "de", "gmw/de")


def test_renders_real_speech_that_is_audible_and_plausibly_long(tmp_path: Path) -> None:
    path = tmp_path / "switch.wav"
    replies, code = run_worker([render_request(1, "switch to your right side", path)])
    assert code == 0
    ready, reply = replies
    assert ready["event"] == "ready" and "espeak-ng" in ready["engine"]
    assert reply == {
        "id": 1,
        "ok": True,
        "path": str(path),
        "duration": reply["duration"],
        "onset": reply["onset"],
        "voice": reply["voice"],  # English: the engine's default voice, as before languages
    }
    assert isinstance(reply["voice"], str) and reply["voice"]
    samples, rate = wavtools.read_wav(path)
    seconds = len(samples) / rate
    assert 0.8 < seconds < 4.0
    assert abs(seconds - wavtools.END_PAD - reply["duration"]) < 0.001
    assert wavtools.peak(samples) > 0.2
    assert wavtools.rms(samples) > 0.02
    assert 0.0 <= reply["onset"] < 0.3
    # sox agrees that it is not silent
    stat = subprocess.run(["sox", str(path), "-n", "stat"], capture_output=True, text=True).stderr
    assert float(re.search(r"RMS\s+amplitude:\s+([\d.]+)", stat).group(1)) > 0.02
    assert json.loads((tmp_path / "switch.json").read_text())["text"] == "switch to your right side"
    assert not list(tmp_path.glob(".*"))  # no temporary files left


def test_counts_render_short_and_rate_changes_length(tmp_path: Path) -> None:
    replies, _ = run_worker(
        [
            render_request(1, "seven", tmp_path / "a.wav"),
            render_request(2, "lower slowly and breathe out", tmp_path / "b.wav", rate=120),
            render_request(3, "lower slowly and breathe out", tmp_path / "c.wav", rate=300),
        ]
    )
    by_id = {r["id"]: r for r in replies if "id" in r}
    assert 0.2 < by_id[1]["duration"] < 1.0
    assert by_id[2]["duration"] > 1.5 * by_id[3]["duration"]


def test_lists_voices_and_refuses_unknown_ones(tmp_path: Path) -> None:
    replies, _ = run_worker(
        [
            {"op": "voices", "id": 1},
            render_request(2, "hold", tmp_path / "h.wav", voice="no/such-voice"),
        ]
    )
    by_id = {r["id"]: r for r in replies if "id" in r}
    ids = {v["id"] for v in by_id[1]["voices"]}
    assert any(i.endswith("/en") or i.startswith("gmw/en") for i in ids)
    assert by_id[2]["ok"] is False and "unknown voice" in by_id[2]["error"]
    assert not (tmp_path / "h.wav").exists()


def test_text_that_renders_to_silence_is_an_error_not_a_crash(tmp_path: Path) -> None:
    replies, code = run_worker(
        [
            render_request(1, "...", tmp_path / "dots.wav"),
            render_request(2, "up", tmp_path / "up.wav"),
        ]
    )
    by_id = {r["id"]: r for r in replies if "id" in r}
    assert code == 0
    assert by_id[1]["ok"] is False
    assert by_id[2]["ok"] is True


def test_missing_espeak_is_reported_as_a_fault(
    tmp_path: Path, no_espeak_env: dict[str, str]
) -> None:
    replies, code = run_worker([render_request(1, "hold", tmp_path / "h.wav")], env=no_espeak_env)
    assert code == renderer_worker.EXIT_FAULT
    assert replies == [{"event": "fault", "kind": "no-espeak", "error": replies[0]["error"]}]
