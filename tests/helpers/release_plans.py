"""Digests of every plan the release-1 library gives, to prove version 2 plans it the same.

``python -m tests.helpers.release_plans`` writes ``tests/data/release-1/plans.json``
from the library copy beside it; it was written once, by the release-1 planner, and
the test compares today's planner against it. Only the keys release 1's ``plan --json``
printed are compared, so version 2 may add keys to a step without breaking the match.
An exercise's stop signs, said once on its first get-ready since release 1 had none
(issue 18), are left out of what is said: everything else is compared as it was.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

from guide_app.cli.plan import as_json
from guide_app.core.choice import single_exercise_session
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.plan import PlanError, Step, expand
from guide_app.core.prompts import joined
from guide_app.core.voice import Priority

RELEASE_1 = Path(__file__).resolve().parents[1] / "data" / "release-1"
STEP_KEYS = ("start", "duration", "kind", "exercise", "side", "set", "rep", "say")
SIDES = {"none": (None, None), "left": ("left", None), "right-weaker-left": ("right", "left")}


def release_library(into: Path) -> Path:
    """A library folder holding the release-1 files and today's pictures."""
    for sub in ("exercises", "sessions", "programmes"):
        shutil.copytree(RELEASE_1 / sub, into / sub)
    shutil.copytree(bundled_root() / "assets", into / "assets")
    return into


def digests(library: Library) -> dict[str, dict[str, object]]:
    """For every session and exercise, per side setting: steps, total seconds and a digest."""
    sessions = dict(library.sessions)
    for ex in library.exercises.values():
        sessions[f"exercise-{ex.id}"] = single_exercise_session(ex)
    found: dict[str, dict[str, object]] = {}
    for sid in sorted(sessions):
        for name, (affected, weaker) in SIDES.items():
            try:
                plan = expand(sessions[sid], library.exercises, affected=affected, weaker=weaker)
            except PlanError as exc:
                found[f"{sid} {name}"] = {"error": str(exc)}
                continue
            data = as_json(plan)
            kept = {
                "session": data["session"],
                "total_seconds": data["total_seconds"],
                "steps": [
                    {k: step[k] for k in STEP_KEYS} | {"say": _release_1_words(planned)}
                    for step, planned in zip(data["steps"], plan.steps, strict=True)
                ],
            }
            text = json.dumps(kept, sort_keys=True, ensure_ascii=False)
            found[f"{sid} {name}"] = {
                "steps": len(kept["steps"]),
                "total_seconds": kept["total_seconds"],
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            }
    return found


def _release_1_words(step: Step) -> str | None:
    """What ``step`` says, less the stop signs release 1 did not say."""
    return joined(tuple(ln for ln in step.lines if ln.priority is not Priority.SAFETY))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        lib = load_library([release_library(Path(tmp) / "lib")])
        if lib.problems:
            sys.exit("\n".join(map(str, lib.problems)))
        out = RELEASE_1 / "plans.json"
        out.write_text(json.dumps(digests(lib), indent=1, sort_keys=True) + "\n")
        print(f"wrote {out}: {len(digests(lib))} plans")
