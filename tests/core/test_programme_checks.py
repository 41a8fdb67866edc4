"""A programme's rules checked against the library: each bad ``then`` (and rule) is a
problem with its file and line, as ``guide-app validate`` prints it."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_app.core.loader import load_library
from tests.helpers.content import small_library

SESSION = """\
version: 2
kind: session
id: clams
title: Clams
blocks:
  - exercise: clamshell
  - exercise: weighted-clam
  - measure: {name: Knee bend, unit: degrees}
"""

PROGRAMME = """\
version: 2
kind: programme
id: clams
title: Clams
phases:
  - name: One
    sessions: [clams]
    frequency: daily
    progression:
      - text: Move on.
        rule:
          exercise: {exercise}
          sets: 3
          reps: 15
          then: {then}
  - name: Two
    sessions: [clams]
    frequency: {{times_a_day: 2}}
    progression:
      - text: Last.
        rule:
          measure: {{name: {measure}, at_least: 90}}
          then: {last_then}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = small_library(tmp_path)
    clam = (folder / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")
    weighted = clam.replace("version: 1", "version: 2", 1).replace(
        "id: clamshell", "id: weighted-clam", 1
    )
    weighted = weighted.replace("  pace: self\n", "  pace: self\n  load: 5 kg\n", 1)
    (folder / "exercises" / "weighted-clam.yaml").write_text(weighted, encoding="utf-8")
    (folder / "sessions").mkdir()
    (folder / "sessions" / "clams.yaml").write_text(SESSION, encoding="utf-8")
    (folder / "programmes").mkdir()
    return folder


def problems(
    folder: Path,
    *,
    exercise: str = "weighted-clam",
    then: str = "{add_load: 2.5 kg}",
    measure: str = "Knee bend",
    last_then: str = "well done",
) -> list[str]:
    text = PROGRAMME.format(exercise=exercise, then=then, measure=measure, last_then=last_then)
    (folder / "programmes" / "clams.yaml").write_text(text, encoding="utf-8")
    library = load_library([folder])
    return [str(p) for p in library.problems]


def test_good_changes_have_no_problems(folder: Path) -> None:
    assert problems(folder) == []
    assert problems(folder, then="{exercise: clamshell, phase: next}") == []
    assert problems(folder, then="{sets: 3, reps: 12, load: 7.5 kg}") == []
    assert problems(folder, exercise="clamshell", then="{add_load: 1 kg}") == []  # no load given


def test_a_change_to_an_exercise_not_in_the_library(folder: Path) -> None:
    found = problems(folder, then="{exercise: clamshel}")
    assert len(found) == 1
    path = folder / "programmes" / "clams.yaml"
    assert found[0].startswith(f"{path}:15: ")
    assert "exercise 'clamshel' is not in the library" in found[0]
    assert "did you mean 'clamshell'?" in found[0]


def test_a_rule_on_an_exercise_not_in_the_library(folder: Path) -> None:
    found = problems(folder, exercise="no-such-exercise")
    assert len(found) == 1 and ":12: " in found[0]
    assert "exercise 'no-such-exercise' is not in the library" in found[0]


def test_next_phase_on_the_last_phase(folder: Path) -> None:
    found = problems(folder, last_then="{phase: next}")
    assert len(found) == 1 and ":23: " in found[0]
    assert "phase: next" in found[0] and "last phase" in found[0]
    assert problems(folder, then="{phase: next}") == []  # not the last phase


def test_a_load_in_another_unit_than_the_exercises(folder: Path) -> None:
    found = problems(folder, then="{add_load: 5 lb}")
    assert len(found) == 1 and ":15: " in found[0]
    assert "add_load is in lb" in found[0]
    assert "kg" in found[0]
    found = problems(folder, then="{load: red band}")
    assert len(found) == 1 and "load is in band" in found[0]


def test_the_next_band_on_an_exercise_loaded_in_kilograms(folder: Path) -> None:
    found = problems(folder, then="{band: next}")
    assert len(found) == 1 and ":15: " in found[0]
    assert "band: next" in found[0]


def test_a_measurement_no_session_of_the_programme_takes(folder: Path) -> None:
    found = problems(folder, measure="Knee bnd")
    assert len(found) == 1 and ":22: " in found[0]
    assert "'Knee bnd'" in found[0] and "'Knee bend'" in found[0]
