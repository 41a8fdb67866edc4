"""The whole app, by ear: a tempo session plays through a PulseAudio null sink, and the
recorded phase words start on their beats. The speech cache starts empty, as on a new
machine: the session waits for its phrases, then plays them.

The app runs as its own process (`guide-app run ... --autoplay --trace`) with the null
sink as its sound server, and prints each beat's due time (monotonic seconds); the
test records the sink's monitor, timestamped on the same clock, and matches onsets.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from guide_app.speech.audiocheck import NullSink, Recorder, match_onsets

SESSION = """\
version: 1
kind: session
id: tempo-check
title: Tempo check
blocks:
  - exercise: side-lying-hip-external-rotation
    dosage: {sets: 1, reps: 3, tempo: {out: 1, hold: 1, back: 1.5}, side_rest: 3}
"""


def run_app(sink: NullSink, library: Path, home: Path) -> list[str]:
    env = dict(os.environ)
    env.update(sink.env)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    command = [
        sys.executable, "-m", "guide_app", "--library", str(library), "--no-user-library",
        "--data-dir", str(home / "data"), "run", "tempo-check", "--affected-side", "left",
        "--autoplay", "--trace", "--quit-when-done",
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def test_a_tempo_session_speaks_its_phase_words_on_the_beat(tmp_path: Path) -> None:
    library = tmp_path / "library"
    (library / "sessions").mkdir(parents=True)
    (library / "sessions" / "tempo-check.yaml").write_text(SESSION, encoding="utf-8")
    sink = NullSink().start()
    try:
        # a cold cache: the phrases render while the session waits, then play
        recorder = Recorder(sink.env).start()
        time.sleep(0.3)
        try:
            lines = run_app(sink, library, tmp_path)
        finally:
            time.sleep(0.3)
            recording = recorder.stop()
    finally:
        sink.stop()

    beats = [
        (float(line.split()[1]), line.split()[2]) for line in lines if line.startswith("beat ")
    ]
    words = [word for _, word in beats]
    assert words[:3] == ["out", "hold", "back"]
    assert len(beats) == 2 * 3 * 3, "3 reps of 3 phases on each side"
    onsets = recording.onsets()
    errors = match_onsets([at for at, _ in beats], onsets, window=0.25)
    found = [e for e in errors if e is not None]
    assert len(found) >= len(beats) - 1, f"beats with no sound near them: {errors}"
    assert statistics.median(abs(e) for e in found) < 0.015, found
    assert max(abs(e) for e in found) < 0.050, found
