"""Library load speed: validating 1,000 exercise files against bare YAML parsing.

Generates 1,000 exercise files (copies of a bundled exercise with their own ids) in a
temporary folder, then times `load_library` against parsing the same files with
`yaml.load(..., CSafeLoader)` alone. Prints one JSON object on its last line with the
ratio; the target is <= 1.5.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import yaml

from guide_app.core.loader import bundled_root, load_library

COUNT = 1000
ROUNDS = 5


def make_library(folder: Path) -> None:
    source = (bundled_root() / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")
    pictures = folder / "assets" / "pictures"
    pictures.mkdir(parents=True)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>'
    (pictures / "clamshell-start.svg").write_text(svg)
    (pictures / "clamshell-end.svg").write_text(svg)
    exercises = folder / "exercises"
    exercises.mkdir()
    for i in range(COUNT):
        text = source.replace("id: clamshell", f"id: exercise-{i:04d}", 1)
        (exercises / f"exercise-{i:04d}.yaml").write_text(text, encoding="utf-8")


def bare_parse(folder: Path) -> int:
    loaded = 0
    for path in sorted((folder / "exercises").glob("*.yaml")):
        with path.open("rb") as f:
            yaml.load(f.read(), Loader=yaml.CSafeLoader)
        loaded += 1
    return loaded


def best_of(fn, *args) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_library(folder)
        library = load_library([folder])
        assert len(library.exercises) == COUNT and not library.problems, library.problems[:3]
        baseline = best_of(bare_parse, folder)
        ours = best_of(load_library, [folder])
    result = {
        "files": COUNT,
        "bare_yaml_seconds": round(baseline, 4),
        "load_library_seconds": round(ours, 4),
        "ratio": round(ours / baseline, 3),
        "target_ratio": 1.5,
        "per_file_ms": round(ours / COUNT * 1000, 3),
        "python": sys.version.split()[0],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
