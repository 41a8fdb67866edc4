"""``guide-app validate`` on a folder with thousands of problems.

Generates 300 exercise files in a temporary folder, each a copy of a bundled exercise
with ten mistakes (misspelt keys, words where numbers belong), and times
``guide-app validate --alone FOLDER`` in this process, its output thrown away. Each
problem names its line, so the cost that matters is finding lines: the file should be
parsed for line numbers once, not once per problem. Prints one JSON object on its last
line.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path

from guide_app.cli import main
from guide_app.core.loader import bundled_root

FILES = 300
ROUNDS = 3


def make_folder(folder: Path) -> None:
    source = (bundled_root() / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")
    exercises = folder / "exercises"
    exercises.mkdir()
    mistakes = "".join(f"colour{k}: blue\n" for k in range(6))
    for i in range(FILES):
        text = (
            source.replace("id: clamshell", f"id: exercise-{i:04d}", 1)
            .replace("sets: 1", "sets: three", 1)
            .replace("reps: 20-30", "rep: 20-30", 1)
            .replace("sides: one_at_a_time", "sides: one at a time", 1)
            + mistakes
        )
        (exercises / f"exercise-{i:04d}.yaml").write_text(text, encoding="utf-8")


def validate(folder: Path) -> int:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["--no-user-library", "validate", "--alone", str(folder)])
    return sum(1 for line in out.getvalue().splitlines() if not line.startswith("note:"))


def main_bench() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_folder(folder)
        problems = validate(folder)
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            validate(folder)
            times.append(time.perf_counter() - start)
    best = min(times)
    result = {
        "files": FILES,
        "problems": problems,
        "validate_seconds": round(best, 3),
        "per_problem_ms": round(best / max(problems, 1) * 1000, 3),
        "python": sys.version.split()[0],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main_bench()
