"""One clock for the session and the voice: with ``--time-scale 20`` every prompt is
scheduled to be heard within 50 ms of its due time on the scaled session clock.

The app runs as its own process (`guide-app run first-session --time-scale 20 --trace`)
with a PulseAudio null sink as its sound server. Its trace says when each prompt was
due (``say``, from the session run) and when the voice will play it, worked back from
the sound device's own timeline onto the session clock (``voice``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from guide_app.speech.audiocheck import NullSink


def test_every_prompt_is_scheduled_on_its_due_time_on_a_scaled_clock(tmp_path: Path) -> None:
    sink = NullSink().start()
    try:
        env = dict(os.environ)
        env.update(sink.env)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            XDG_CACHE_HOME=str(tmp_path / "cache"),
            XDG_CONFIG_HOME=str(tmp_path / "config"),
        )
        command = [
            sys.executable, "-m", "guide_app", "--no-user-library",
            "--data-dir", str(tmp_path / "data"), "run", "first-session",
            "--affected-side", "left", "--time-scale", "20",
            "--autoplay", "--trace", "--quit-when-done",
        ]  # fmt: skip
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    finally:
        sink.stop()
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    due: dict[str, list[float]] = {}
    for line in lines:
        if line.startswith("say "):
            _, at, _priority, text = line.split(" ", 3)
            due.setdefault(text, []).append(float(at))
    heard = [
        (float(line.split(" ", 2)[1]), line.split(" ", 2)[2])
        for line in lines
        if line.startswith("voice ")
    ]
    assert sum(len(v) for v in due.values()) > 40, "the session said its prompts"
    assert len(heard) >= 0.9 * sum(len(v) for v in due.values()), "the voice took them"
    errors = []
    for at, text in heard:
        assert text in due, f"the voice scheduled {text!r}, which the session never said"
        errors.append(min(abs(at - d) for d in due[text]))
    assert max(errors) <= 0.050, sorted(errors)[-5:]
