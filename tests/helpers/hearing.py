"""Running the app as its own process into a PulseAudio null sink, and finding the phrases
it said in the recording: what the recording tests in tests/integration share."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from array import array
from pathlib import Path

from guide_app.core.loader import bundled_root
from guide_app.speech import wavtools
from guide_app.speech.audiocheck import NullSink, Recorder, Recording

EXERCISE = """\
version: 1
kind: exercise
id: hip-lift
name: Hip Lift
summary: Lying on your back, lift your hips.
equipment: [mat]
targets: [gluteus maximus]
position: lying on your back
pictures:
  start: assets/pictures/glute-bridge-start.svg
  drawn_side: both
cues:
  - Lie on your back with knees bent and feet flat, hip-width apart.
sides: both
dosage: {sets: 2, reps: 1, pace: self, rest: 8}
"""


SESSION = """\
version: 1
kind: session
id: words-check
title: Words check
blocks:
  - exercise: hip-lift
    dosage: {sets: 2, reps: 1, pace: self, rest: 8}
    note: Counted reps at your own speed, press the key after each one.
"""


def make_library(root: Path) -> Path:
    library = root / "library"
    for folder in ("sessions", "exercises", "assets/pictures"):
        (library / folder).mkdir(parents=True)
    (library / "exercises" / "hip-lift.yaml").write_text(EXERCISE, encoding="utf-8")
    (library / "sessions" / "words-check.yaml").write_text(SESSION, encoding="utf-8")
    picture = bundled_root() / "assets" / "pictures" / "glute-bridge-start.svg"
    shutil.copy(picture, library / "assets" / "pictures" / picture.name)
    return library


def run_app(sink: NullSink, library: Path, home: Path, session: str = "words-check") -> list[str]:
    """Run the session to its end; the app quits once its last words are said. Its trace."""
    env = dict(os.environ)
    env.update(sink.env)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    # The countdown's beeps are turned off: a beep mixed over a spoken count is meant,
    # but it is not the count, and it would be heard as the count being garbled.
    settings = home / "config" / "SessionGuide" / "guide-app.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[voice]\nbeeps=false\n", encoding="utf-8")
    command = [
        sys.executable, "-m", "guide_app", "--library", str(library), "--no-user-library",
        "--data-dir", str(home / "data"), "run", session, "--autoplay", "--trace",
        "--quit-when-done",
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ran dry" not in done.stderr, f"the app let its sound output run dry: {done.stderr}"
    lines = done.stdout.splitlines()
    assert "done" in lines, f"the session did not end: {lines[-5:]}"
    return lines


def record_run(
    library: Path, home: Path, session: str = "words-check"
) -> tuple[list[str], Recording]:
    """Run ``session`` to its end into a fresh null sink, recording its monitor: the
    app's trace and the recording."""
    sink = NullSink().start()
    try:
        recorder = Recorder(sink.env).start()
        time.sleep(0.3)
        try:
            lines = run_app(sink, library, home, session)
        finally:
            time.sleep(0.5)
            recording = recorder.stop()
    finally:
        sink.stop()
    return lines, recording


def asked_phrases(lines: list[str]) -> list[tuple[float, str]]:
    """Each phrase the session asked to be said (its ``say`` trace lines): when, what."""
    said = [line.split(" ", 3) for line in lines if line.startswith("say ")]
    return [(float(at), text) for _, at, _priority, text in said]


def cached_phrases(cache: Path) -> dict[str, tuple[array[int], float]]:
    """Each cached phrase's text -> (its sound's samples, its onset in seconds)."""
    found: dict[str, tuple[array[int], float]] = {}
    for meta_file in cache.rglob("*.json"):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        samples, rate = wavtools.read_wav(meta_file.with_suffix(".wav"))
        assert rate == 22050
        sound = samples[: round(float(meta["duration"]) * rate)]
        found[str(meta["text"])] = (sound, float(meta["onset"]))
    return found


def sample_of(recording: Recording, t: float) -> int:
    """The recording's sample heard at monotonic time ``t``."""
    return round((t - recording.t0) * (recording.clock_rate or recording.rate))
