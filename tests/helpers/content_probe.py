"""Load hostile content in a child process, so a file that hangs the loader or eats the
machine's memory fails a test instead of stopping the test run.

The child runs under a time limit (``timeout``) and an address-space limit
(``RLIMIT_AS``), reports what loaded and every problem as JSON, and its own peak memory
(``ru_maxrss``). With ``pure_python_yaml`` the child hides PyYAML's C extension, as on a
machine where PyYAML was built without libyaml, so the pure-Python fallback is tried.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

PRELUDE = r"""
import json, resource, sys, time
limit, pure = int(sys.argv[1]), sys.argv[2] == "1"
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
if pure:
    sys.modules["yaml._yaml"] = None  # as if PyYAML had no libyaml: the Python fallback
args = sys.argv[3:]


def peak_mb():
    # The high-water mark of this process's own memory (VmHWM, reset by exec): getrusage's
    # ru_maxrss survives exec and so counts the test run that forked this child.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

LOAD = r"""
from pathlib import Path
from guide_app.core.loader import load_library

started = time.monotonic()
library = load_library([Path(a) for a in args])
print(json.dumps({
    "problems": [str(p) for p in library.problems],
    "paths": [str(p.path) for p in library.problems],
    "exercises": sorted(library.exercises),
    "sessions": sorted(library.sessions),
    "seconds": time.monotonic() - started,
    "peak_mb": peak_mb(),
}))
"""


@dataclass
class Child:
    """What a child process reported: its JSON, or how it failed."""

    returncode: int | None
    report: dict[str, Any] = field(default_factory=dict)
    stderr: str = ""
    timed_out: bool = False

    @property
    def problems(self) -> list[str]:
        return list(self.report.get("problems", []))


def run_child(
    code: str,
    args: Sequence[str | Path],
    *,
    timeout: float = 30,
    memory_limit: int = 1_000_000_000,
    pure_python_yaml: bool = False,
) -> Child:
    """Run ``PRELUDE + code`` in a fresh interpreter; its last stdout line is JSON."""
    command = [
        sys.executable,
        "-c",
        PRELUDE + code,
        str(memory_limit),
        "1" if pure_python_yaml else "0",
        *map(str, args),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False
        )
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        return Child(None, stderr=err, timed_out=True)
    lines = done.stdout.strip().splitlines()
    report = json.loads(lines[-1]) if done.returncode == 0 and lines else {}
    return Child(done.returncode, report, done.stderr)


def load_in_child(roots: Sequence[Path], **options: Any) -> Child:
    """``load_library(roots)`` in a child process; see ``run_child`` for the options."""
    return run_child(LOAD, roots, **options)
