"""Running the speech worker process with JSON requests, as the renderer does, for the
tests of the worker itself (no Qt)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_worker(
    requests: list[dict[str, Any]], env: dict[str, str] | None = None
) -> tuple[list[dict[str, Any]], int]:
    """The worker's replies to ``requests`` (one JSON object a line) and its exit status;
    ``env`` is added to the worker's environment (its PYTHONPATH goes before the tree's)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (full_env.get("PYTHONPATH") if env else None, str(ROOT)) if p
    )
    proc = subprocess.run(
        [sys.executable, "-m", "guide_app.speech.renderer_worker"],
        input="".join(json.dumps(r) + "\n" for r in requests),
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )
    # every stdout line is protocol JSON, even though pyttsx3 prints "Audio saved to ..."
    return [json.loads(line) for line in proc.stdout.splitlines()], proc.returncode


def render_request(rid: int, text: str, path: Path, **extra: object) -> dict[str, Any]:
    """A render request for ``text`` into ``path`` at the default voice and rate."""
    return {
        "op": "render",
        "id": rid,
        "text": text,
        "voice": None,
        "rate": 175,
        "volume": 1.0,
        "path": str(path),
        **extra,
    }
