"""Saving a content file keeps what the person wrote: one change is one changed line."""

from __future__ import annotations

import difflib
import errno
import os
import stat
from pathlib import Path

import pytest

from guide_app.core import content_save
from guide_app.core.content_save import (
    ContentChangedError,
    ContentExistsError,
    EditedFile,
    new_document,
    write_new,
)
from guide_app.core.exercise_model import Count
from guide_app.core.loader import CONTENT_FOLDERS, bundled_root, load_library

HAND_WRITTEN = """\
# My own hip session, written by hand in March.
# Keep the bridge slow.
version: 2
kind: session          # a session, not a programme
id: my-hip
title: "My hip session"
summary: Two exercises for the hip.

# The blocks, easiest first.
blocks:
  - exercise: my-clam   # the first one
    dosage: {sets: 2, reps: 10, rest: 30}  # from the physio

  # Then the bridge.
  - exercise: my-bridge
    dosage:
      sets: 3      # three, not four
      # the reps she gave me
      reps: 8-12
      rest: 60
    note: Slowly.
"""


def _exercise(ex_id: str) -> str:
    return new_document(
        "exercise",
        {
            "id": ex_id,
            "name": ex_id.replace("-", " ").capitalize(),
            "summary": "A drill for tests.",
            "position": "lying on your side",
            "pictures": {"start": "assets/pictures/x.svg"},
            "cues": ["Set up.", "Move."],
            "sides": "one_at_a_time",
            "dosage": {"reps": 10, "sets": 1},
        },
    )


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library folder with the hand-written session and the two exercises it names."""
    (tmp_path / "assets" / "pictures").mkdir(parents=True)
    (tmp_path / "assets" / "pictures" / "x.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
    )
    for ex_id in ("my-clam", "my-bridge"):
        write_new(tmp_path / "exercises" / f"{ex_id}.yaml", _exercise(ex_id))
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "my-hip.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    return tmp_path


def _session(library: Path) -> Path:
    return library / "sessions" / "my-hip.yaml"


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def test_opening_and_saving_unchanged_keeps_every_byte(library: Path) -> None:
    edited = EditedFile.open(_session(library))
    edited.save()
    assert _session(library).read_text(encoding="utf-8") == HAND_WRITTEN


@pytest.mark.parametrize(
    ("where", "value", "old_line", "new_line"),
    [
        (
            ("blocks", 0, "dosage", "reps"),
            12,
            "    dosage: {sets: 2, reps: 10, rest: 30}  # from the physio",
            "    dosage: {sets: 2, reps: 12, rest: 30}  # from the physio",
        ),
        (
            ("blocks", 1, "dosage", "sets"),
            4,
            "      sets: 3      # three, not four",
            "      sets: 4      # three, not four",
        ),
    ],
    ids=["flow-style dosage", "block-style dosage"],
)
def test_one_dosage_change_is_one_changed_line_and_still_loads(
    library: Path, where: tuple[str | int, ...], value: int, old_line: str, new_line: str
) -> None:
    edited = EditedFile.open(_session(library))
    edited.set(where, value)
    edited.save()

    saved = _session(library).read_text(encoding="utf-8")
    assert _changed_lines(HAND_WRITTEN, saved) == ([old_line], [new_line])

    loaded = load_library([library])
    assert [str(p) for p in loaded.problems] == []
    block = loaded.sessions["my-hip"].blocks[where[1]]  # type: ignore[index]
    assert getattr(block.dosage, str(where[-1])) in (value, _count(value))


def _count(value: int) -> Count:
    return Count(low=value, high=value)


def test_every_bundled_file_comes_back_byte_for_byte() -> None:
    files = [
        p for folder in CONTENT_FOLDERS for p in sorted((bundled_root() / folder).glob("*.yaml"))
    ]
    assert len(files) > 50
    changed = [p.name for p in files if EditedFile.open(p).text() != p.read_text(encoding="utf-8")]
    assert changed == []


def test_a_new_key_lands_at_its_documented_place(library: Path) -> None:
    edited = EditedFile.open(_session(library))
    edited.set(("blocks", 1, "dosage", "pace"), "self")  # documented after reps, before rest
    edited.set(("blocks", 0, "dosage", "hold"), 5)  # in a one-line dosage, before rest
    edited.set(("equipment",), ["mat"])  # after summary (no notes), before blocks
    edited.save()

    saved = _session(library).read_text(encoding="utf-8")
    removed, added = _changed_lines(HAND_WRITTEN, saved)
    assert removed == ["    dosage: {sets: 2, reps: 10, rest: 30}  # from the physio"]
    assert added == [
        "equipment: [mat]",
        # the comment keeps its column while it can; a longer line pushes it one space on
        "    dosage: {sets: 2, reps: 10, hold: 5, rest: 30} # from the physio",
        "      pace: self",
    ]
    lines = saved.splitlines()
    assert lines.index("      pace: self") == lines.index("      reps: 8-12") + 1
    assert lines.index("equipment: [mat]") == lines.index("summary: Two exercises for the hip.") + 1
    assert load_library([library]).problems == []


def test_removing_a_key_removes_only_its_lines(library: Path) -> None:
    edited = EditedFile.open(_session(library))
    edited.remove(("blocks", 1, "dosage", "sets"))  # the comment under it stays, before reps
    edited.remove(("blocks", 1, "note"))
    edited.save()

    saved = _session(library).read_text(encoding="utf-8")
    assert _changed_lines(HAND_WRITTEN, saved) == (
        ["      sets: 3      # three, not four", "    note: Slowly."],
        [],
    )
    assert "      # the reps she gave me\n      reps: 8-12\n" in saved


def test_removing_a_block_keeps_the_comment_of_the_next(library: Path) -> None:
    edited = EditedFile.open(_session(library))
    edited.remove(("blocks", 0))
    edited.save()

    saved = _session(library).read_text(encoding="utf-8")
    assert _changed_lines(HAND_WRITTEN, saved) == (
        [
            "  - exercise: my-clam   # the first one",
            "    dosage: {sets: 2, reps: 10, rest: 30}  # from the physio",
        ],
        [],
    )
    assert "  # Then the bridge.\n  - exercise: my-bridge" in saved


def test_a_file_changed_on_disk_is_not_overwritten_silently(library: Path) -> None:
    path = _session(library)
    edited = EditedFile.open(path)
    edited.set(("blocks", 0, "dosage", "reps"), 12)
    theirs = HAND_WRITTEN.replace('title: "My hip session"', "title: Changed elsewhere")
    path.write_text(theirs, encoding="utf-8")

    with pytest.raises(ContentChangedError) as caught:
        edited.save()
    assert str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == theirs

    edited.save(overwrite=True)
    assert "reps: 12" in path.read_text(encoding="utf-8")
    assert "Changed elsewhere" not in path.read_text(encoding="utf-8")


def test_a_file_removed_since_it_was_opened_is_a_change(library: Path) -> None:
    path = _session(library)
    edited = EditedFile.open(path)
    path.unlink()
    with pytest.raises(ContentChangedError):
        edited.save()
    assert not path.exists()


def test_saving_twice_needs_no_overwrite(library: Path) -> None:
    edited = EditedFile.open(_session(library))
    edited.set(("blocks", 0, "dosage", "reps"), 12)
    edited.save()
    edited.set(("blocks", 0, "dosage", "reps"), 14)
    edited.save()  # its own save is not a change on disk
    assert "reps: 14" in _session(library).read_text(encoding="utf-8")


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_leaves_the_file_and_no_temporary_file(
    library: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = _session(library)
    before = path.read_bytes()
    edited = EditedFile.open(path)
    edited.set(("blocks", 0, "dosage", "reps"), 12)

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(content_save.os, failing, disk_full)
    with pytest.raises(OSError, match="No space left"):
        edited.save()
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["my-hip.yaml"]


def test_saving_keeps_the_file_mode_and_line_endings(library: Path) -> None:
    path = _session(library)
    path.write_bytes(HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8"))
    path.chmod(0o600)
    edited = EditedFile.open(path)
    edited.set(("blocks", 1, "dosage", "rest"), 90)
    edited.save()

    saved = path.read_bytes().decode("utf-8")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert saved == HAND_WRITTEN.replace("      rest: 60", "      rest: 90").replace("\n", "\r\n")


def test_a_new_file_has_the_documented_order_and_loads(library: Path) -> None:
    text = new_document(
        "session",
        {
            "blocks": [
                {"note": "Warm up first."},
                {"dosage": {"reps": 12, "sets": 2}, "exercise": "my-clam"},
            ],
            "equipment": ["mat"],
            "title": "New session",
            "id": "new-session",
        },
    )
    assert text.splitlines()[:5] == [
        "version: 2",
        "kind: session",
        "id: new-session",
        "title: New session",
        "equipment: [mat]",
    ]
    assert "  - exercise: my-clam\n    dosage: {sets: 2, reps: 12}\n" in text
    path = library / "sessions" / "new-session.yaml"
    write_new(path, text)

    loaded = load_library([library])
    assert [str(p) for p in loaded.problems] == []
    assert loaded.sessions["new-session"].title == "New session"


def test_a_new_file_never_replaces_one_there(library: Path) -> None:
    path = _session(library)
    with pytest.raises(ContentExistsError) as caught:
        write_new(path, new_document("session", {"id": "my-hip", "title": "X", "blocks": []}))
    assert str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_file_the_loader_refuses_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 2\nkind: session\nid: a\nid: b\n", encoding="utf-8")
    with pytest.raises(content_save.ContentFileError) as caught:
        EditedFile.open(path)
    assert caught.value.line == 4
    assert str(path) in str(caught.value)
