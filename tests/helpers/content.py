"""Small content built in code for engine tests, the bundled library, and a plan run to its end."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from guide_app.core.clock import FakeClock
from guide_app.core.engine import Event, Runner
from guide_app.core.model import (
    CircuitBlock,
    Exercise,
    ExerciseBlock,
    MeasureBlock,
    NoteBlock,
    Session,
)

CUES = ("Set up.", "Move out.", "Come back.")


def exercise(
    ex_id: str = "drill",
    *,
    sides: str = "one_at_a_time",
    cues: Iterable[str] = CUES,
    tips: Iterable[str] = ("Go slowly.",),
    version: int = 1,
    more: dict[str, Any] | None = None,
    **dosage: Any,
) -> Exercise:
    """An exercise with the given dosage fields (``sets=3, reps=20, per_side=...``);
    ``more`` gives other top-level fields (``{"limb": "leg"}``, with ``version=2``)."""
    if "reps" not in dosage and "hold" not in dosage:
        dosage["reps"] = 10
    return Exercise.model_validate(
        {
            "version": version,
            "kind": "exercise",
            "id": ex_id,
            "name": ex_id.replace("-", " ").capitalize(),
            "summary": "A drill for tests.",
            "position": "standing",
            "pictures": {"start": "assets/pictures/x.svg"},
            "cues": list(cues),
            "tips": list(tips),
            "sides": sides,
            "dosage": dosage,
            **(more or {}),
        }
    )


def block(ex_id: str, note: str | None = None, **dosage: Any) -> ExerciseBlock:
    data: dict[str, Any] = {"exercise": ex_id}
    if dosage:
        data["dosage"] = dosage
    if note:
        data["note"] = note
    return ExerciseBlock.model_validate(data)


def circuit(*blocks: ExerciseBlock, rounds: int | str = 2, rest: float = 60) -> CircuitBlock:
    return CircuitBlock.model_validate(
        {
            "circuit": {
                "title": "Circuit",
                "rounds": rounds,
                "rest": rest,
                "exercises": [b.model_dump(exclude_none=True) for b in blocks],
            }
        }
    )


def measure(name: str = "Hip rotation", per_side: bool = True) -> MeasureBlock:
    return MeasureBlock.model_validate(
        {"measure": {"name": name, "unit": "degrees", "per_side": per_side, "how": "Look."}}
    )


def note(text: str = "Read this.") -> NoteBlock:
    return NoteBlock(note=text)


def session(*blocks: Any, session_id: str = "test-session", version: int = 1) -> Session:
    return Session.model_validate(
        {
            "version": version,
            "kind": "session",
            "id": session_id,
            "title": "Test",
            "blocks": blocks,
        }
    )


def library(*exercises: Exercise) -> dict[str, Exercise]:
    return {e.id: e for e in exercises}


def bundled_library() -> Any:
    """The bundled library through the real loader; fails (never skips) unless every
    bundled session loaded, so a test over "every session" cannot pass on none."""
    from guide_app.core.loader import bundled_root, load_library

    root = bundled_root()
    lib = load_library([root])
    files = sorted(p.stem for p in (root / "sessions").glob("*.yaml"))
    problems = "\n".join(str(p) for p in lib.problems)
    assert files, f"no bundled sessions in {root / 'sessions'}"
    assert sorted(lib.sessions) == files, f"bundled sessions did not all load:\n{problems}"
    return lib


def run_to_end(
    runner: Runner, clock: FakeClock, key_seconds: float = 3.0, limit: int = 1_000_000
) -> list[Event]:
    """Drive a runner like a patient person: wait for each deadline, press a key
    ``key_seconds`` after a step that waits for one."""
    events = runner.start()
    for _ in range(limit):
        if runner.done:
            return events
        due = runner.next_deadline()
        if due is None:
            clock.advance(key_seconds)
            events += runner.next()
        else:
            clock.set(due)
            events += runner.advance()
    raise AssertionError("the session did not end")


TINY_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'
)


def small_library(folder: Path) -> Path:
    """A library in ``folder``: the bundled clamshell with two tiny pictures, ready for a
    bad file beside it."""
    from guide_app.core.loader import bundled_root

    (folder / "exercises").mkdir()
    pictures = folder / "assets" / "pictures"
    pictures.mkdir(parents=True)
    for name in ("clamshell-start.svg", "clamshell-end.svg"):
        (pictures / name).write_text(TINY_SVG, encoding="utf-8")
    clamshell = (bundled_root() / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")
    (folder / "exercises" / "clamshell.yaml").write_text(clamshell, encoding="utf-8")
    return folder
