"""Importing from the window: the pictures are found where free-exercise-db keeps them,
the import runs off the GUI thread, and the library comes back with the exercises."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.ui import import_window
from tests.helpers.free_exercise_db import GOOD, write_source


def test_the_pictures_are_found_in_the_upstream_layouts(tmp_path: Path) -> None:
    dist = tmp_path / "repo" / "dist" / "exercises.json"
    dist.parent.mkdir(parents=True)
    dist.write_text("[]")
    (tmp_path / "repo" / "exercises").mkdir()
    assert import_window.images_beside(dist) == tmp_path / "repo" / "exercises"
    beside, images = write_source(tmp_path / "db", beside=True)
    assert import_window.images_beside(beside) == images
    alone = tmp_path / "alone" / "mine.json"
    alone.parent.mkdir()
    alone.write_text("[]")
    assert import_window.images_beside(alone) == alone.parent


def test_importing_from_the_window_brings_the_exercises_in(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ = write_source(tmp_path / "db")
    into = tmp_path / "library"
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    results: list[tuple[Library | None, list[str]]] = []

    def load() -> Library:
        return load_library([bundled_root(), into])

    job = import_window.ask_and_import(
        parent, into, load, lambda lib, lines: results.append((lib, lines))
    )
    assert job is not None
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    library, lines = results[0]
    assert library is not None
    assert lines[0].startswith(f"Imported 6 exercises from {source} into {into}: 6 added")
    assert any(line.startswith("skipped: ") for line in lines)
    imported = [
        e for e in library.exercises.values() if e.source and "free-exercise-db" in str(e.source)
    ]
    assert len(imported) == len(GOOD)
    assert "clamshell" in library.exercises, "the bundled library is still there"


def test_a_file_that_is_not_an_import_says_so_and_changes_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    into = tmp_path / "library"
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[tuple[Library | None, list[str]]] = []
    import_window.run_import(
        parent, bad, into, lambda: load_library([into]), lambda *r: results.append(r)
    )
    gc.collect()  # the job is not held by the caller: the window keeps it until it is done
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    library, lines = results[0]
    assert library is None
    assert lines[0].startswith("error: ") and str(bad) in lines[0]
    assert not into.exists() or not any(into.rglob("*.yaml"))
