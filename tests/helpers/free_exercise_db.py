"""A small free-exercise-db file, made up here in its shape, with picture files beside it.

The entries cover: a barbell lift with both pictures, a sided "Single-Leg" exercise, a
name that only hints at sides ("Lateral Bound"), a stretch with no equipment, cardio
whose pictures are missing, an alternating press, and two bad entries.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Entry ids in the file, in order; the two bad ones are at indexes 6 and 7.
GOOD = (
    "Barbell_Back_Squat",
    "Single-Leg_Hip_Raise",
    "Lateral_Hop",
    "Calf_Wall_Stretch",
    "Treadmill_Walk",
    "Alternating_Dumbbell_Press",
)
MISSING_PICTURES = "Treadmill_Walk"


def _entry(entry_id: str, name: str, category: str, **more: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": entry_id,
        "name": name,
        "force": "push",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "body only",
        "primaryMuscles": ["quadriceps"],
        "secondaryMuscles": [],
        "instructions": [f"Set up for the {name.lower()}.", "Move: slowly and evenly."],
        "category": category,
        "images": [f"{entry_id}/0.jpg", f"{entry_id}/1.jpg"],
    }
    entry.update(more)
    return entry


def entries() -> list[Any]:
    return [
        _entry(
            "Barbell_Back_Squat",
            "Barbell Back Squat",
            "powerlifting",
            level="expert",
            equipment="barbell",
            primaryMuscles=["quadriceps"],
            secondaryMuscles=["glutes", "hamstrings"],
            instructions=["Rest the bar {high} on your back.", "Sit down and stand up."],
        ),
        _entry(
            "Single-Leg_Hip_Raise",
            "Single-Leg Hip Raise",
            "strength",
            primaryMuscles=["glutes"],
            secondaryMuscles=["hamstrings"],
        ),
        _entry("Lateral_Hop", "Lateral Hop", "plyometrics", level="intermediate"),
        _entry(
            "Calf_Wall_Stretch",
            "Calf Wall Stretch",
            "stretching",
            force="static",
            mechanic=None,
            equipment=None,
            primaryMuscles=["calves"],
        ),
        _entry("Treadmill_Walk", "Treadmill Walk", "cardio", equipment="machine"),
        _entry(
            "Alternating_Dumbbell_Press",
            "Alternating Dumbbell Press",
            "strength",
            equipment="dumbbell",
            primaryMuscles=["shoulders"],
        ),
        {"id": "Broken_Row", "name": "Broken Row", "instructions": "Row.", "images": []},
        {"name": "No Id At All", "instructions": ["Do it."]},
    ]


def write_source(
    folder: Path, picture: Callable[[Path], None] | None = None, *, beside: bool = False
) -> tuple[Path, Path]:
    """The JSON file (``folder/exercises.json``, or in the images folder when ``beside``)
    and its images folder (``folder/exercises``): every picture
    of every good entry but ``MISSING_PICTURES``, made by ``picture`` (default: a few
    bytes shaped like a JPEG, different for each file)."""
    images = folder / "exercises"
    for entry_id in GOOD:
        if entry_id == MISSING_PICTURES:
            continue
        for n in (0, 1):
            path = images / entry_id / f"{n}.jpg"
            path.parent.mkdir(parents=True, exist_ok=True)
            if picture is None:
                path.write_bytes(b"\xff\xd8\xff\xe0" + f"{entry_id}/{n}".encode() + b"\xff\xd9")
            else:
                picture(path)
    images.mkdir(parents=True, exist_ok=True)
    source = (images if beside else folder) / "exercises.json"
    source.write_text(json.dumps(entries(), indent=1), encoding="utf-8")
    return source, images
