"""The library of release 1 (format version 1) loads, validates and plans as it did."""

from __future__ import annotations

import json
from pathlib import Path

from guide_app.core.loader import load_library
from tests.helpers.release_plans import RELEASE_1, digests, release_library


def test_every_release_1_file_loads_without_a_problem(tmp_path: Path) -> None:
    library = load_library([release_library(tmp_path / "lib")])
    assert library.problems == []
    files = sum(1 for _ in (RELEASE_1 / "exercises").glob("*.yaml"))
    assert len(library.exercises) == files == 58
    assert len(library.sessions) == 20
    assert len(library.programmes) == 7


def test_every_release_1_session_plans_the_same_steps(tmp_path: Path) -> None:
    library = load_library([release_library(tmp_path / "lib")])
    expected = json.loads((RELEASE_1 / "plans.json").read_text())
    found = digests(library)
    assert found.keys() == expected.keys()
    changed = [key for key in expected if found[key] != expected[key]]
    assert changed == [], f"{len(changed)} plans differ from release 1, e.g. {changed[:5]}"
