"""A draft: changes that undo, a check with validate's words at their place, a save
that touches only what changed, and a duplicate that leaves the original alone."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from guide_app.core.content_check import check
from guide_app.core.content_draft import MISSING, Draft, free_id
from guide_app.core.content_save import ContentChangedError, ContentExistsError
from guide_app.core.loader import bundled_root, load_library
from tests.helpers.hand_written import HAND_WRITTEN

LIBRARY = load_library([bundled_root()])


def test_a_change_applies_and_undoes_and_removing_the_last_key_removes_its_mapping(
    tmp_path: Path,
) -> None:
    draft = Draft.new("session", tmp_path, {"id": "s", "title": "S", "blocks": [{"exercise": "x"}]})
    change = draft.change(("blocks", 0, "dosage", "sets"), 3)
    draft.apply(change)
    assert draft.data["blocks"][0] == {"exercise": "x", "dosage": {"sets": 3}}
    draft.apply(change, undo=True)
    assert draft.data["blocks"][0] == {"exercise": "x"}, "an emptied dosage is not left as {}"
    removal = draft.change(("title",), MISSING)
    draft.apply(removal)
    assert "title" not in draft.data
    draft.apply(removal, undo=True)
    assert draft.data["title"] == "S"


def test_the_check_says_what_validate_says_at_the_place_it_concerns(tmp_path: Path) -> None:
    draft = Draft.new("session", tmp_path, {"id": "mine", "title": "Mine"})
    draft.put(("blocks",), [{"exercise": "clamshel", "dosage": {"reps": "12x"}}])
    problems = check(draft, LIBRARY).problems
    by_place = {p.loc: p.message for p in problems}
    assert "must be a whole number" in by_place[("blocks", 0, "dosage", "reps")]
    assert all(p.line for p in problems), "each problem names its line, as validate does"
    draft.put(("blocks", 0, "dosage", "reps"), 12)
    missing = check(draft, LIBRARY).problems
    assert [(p.loc, p.message) for p in missing] == [
        (
            ("blocks", 0, "exercise"),
            "exercise 'clamshel' is not in the library: did you mean 'clamshell'?",
        )
    ]
    draft.put(("blocks", 0, "exercise"), "clamshell")
    assert check(draft, LIBRARY).ok


def test_a_new_item_may_not_take_an_id_already_used(tmp_path: Path) -> None:
    draft = Draft.new(
        "session", tmp_path, {"id": "first-session", "title": "T", "blocks": [{"note": "Hi"}]}
    )
    (problem,) = check(draft, LIBRARY).problems
    assert problem.loc == ("id",) and "is used by" in problem.message
    draft.put(("id",), free_id(LIBRARY, "session", "first-session"))
    assert draft.id == "first-session-2" and check(draft, LIBRARY).ok


def test_a_new_item_saves_in_the_house_style_and_loads(tmp_path: Path) -> None:
    draft = Draft.new("session", tmp_path, {"id": "mine", "title": "Mine"})
    draft.put(("blocks",), [{"exercise": "clamshell", "dosage": {"sets": 2, "reps": 10}}])
    path = draft.save()
    assert path == tmp_path / "sessions" / "mine.yaml"
    assert "    dosage: {sets: 2, reps: 10}\n" in path.read_text()
    assert not draft.changed and not draft.is_new
    library = load_library([bundled_root(), tmp_path])
    assert "mine" in library.sessions and not library.problems
    again = Draft.new("session", tmp_path, {"id": "mine", "title": "Again"})
    again.put(("blocks",), [{"note": "Hi"}])
    with pytest.raises(ContentExistsError):
        again.save()


def test_changing_a_hand_written_file_changes_only_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "sessions" / "my-morning.yaml"
    path.parent.mkdir()
    path.write_text(HAND_WRITTEN)
    draft = Draft.open(path, tmp_path)
    draft.apply(draft.change(("blocks", 2, "dosage", "reps"), 15))
    draft.save()
    diff = [
        line
        for line in difflib.unified_diff(HAND_WRITTEN.splitlines(), path.read_text().splitlines())
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == ["-      reps: 12   # twelve, not more", "+      reps: 15   # twelve, not more"]


def test_a_block_added_keeps_the_comments_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "sessions" / "my-morning.yaml"
    path.parent.mkdir()
    path.write_text(HAND_WRITTEN)
    draft = Draft.open(path, tmp_path)
    blocks = [*draft.data["blocks"], {"note": "Done."}]
    draft.apply(draft.change(("blocks",), blocks))
    draft.apply(draft.change(("title",), "My mornings"))
    draft.save()
    text = path.read_text()
    assert text.startswith("# My morning routine, written by hand.\n")
    assert "title: My mornings  # short and sweet\n" in text
    assert "  # the easy one first\n" in text and "{sets: 2, reps: 10}   # from the physio" in text
    assert text.endswith("      reps: 12   # twelve, not more\n  - note: Done.\n"), (
        "the blocks kept stay as written"
    )
    assert load_library([bundled_root(), tmp_path]).sessions["my-morning"].title == "My mornings"


def test_a_file_changed_on_disk_is_not_overwritten_silently(tmp_path: Path) -> None:
    path = tmp_path / "sessions" / "my-morning.yaml"
    path.parent.mkdir()
    path.write_text(HAND_WRITTEN)
    draft = Draft.open(path, tmp_path)
    path.write_text(HAND_WRITTEN.replace("My morning", "Changed elsewhere"))
    draft.apply(draft.change(("blocks", 0, "dosage", "sets"), 3))
    with pytest.raises(ContentChangedError):
        draft.save()
    assert "Changed elsewhere" in path.read_text()
    draft.save(overwrite=True)
    assert "sets: 3" in path.read_text()


def test_duplicate_and_change_leaves_the_bundled_item_and_brings_its_pictures(
    tmp_path: Path,
) -> None:
    bundled = LIBRARY.sources[("exercise", "clamshell")]
    before = bundled.read_bytes()
    draft = Draft.duplicate(LIBRARY, "exercise", "clamshell", tmp_path)
    assert draft.id == "clamshell-copy" and draft.data["name"] == "Clamshell (copy)"
    assert check(draft, LIBRARY).ok, "the pictures are found where the original keeps them"
    draft.apply(draft.change(("cues", 0), "Lie on your side, knees bent."))
    draft.save()
    assert bundled.read_bytes() == before
    library = load_library([bundled_root(), tmp_path])
    assert not library.problems
    copy = library.exercises["clamshell-copy"]
    assert copy.cues[0].text == "Lie on your side, knees bent."
    start = library.picture_path("clamshell-copy")
    assert start is not None and start.is_relative_to(tmp_path) and start.is_file()
    assert library.exercises["clamshell"].cues[0].text != copy.cues[0].text


def test_a_block_moved_or_removed_leaves_the_other_blocks_as_written(tmp_path: Path) -> None:
    path = tmp_path / "sessions" / "my-morning.yaml"
    path.parent.mkdir()
    path.write_text(HAND_WRITTEN)
    draft = Draft.open(path, tmp_path)
    first, _note, bridge = draft.data["blocks"]
    draft.apply(draft.change(("blocks",), [bridge, first]))  # the note removed, two swapped
    draft.save()
    text = path.read_text()
    assert "Breathe out" not in text
    assert "{sets: 2, reps: 10}   # from the physio" in text, "a kept block keeps its comment"
    session = load_library([bundled_root(), tmp_path]).sessions["my-morning"]
    assert [b.exercise for b in session.exercise_blocks()] == ["glute-bridge", "clamshell"]


def test_a_duplicates_pictures_are_brought_only_from_inside_its_library(tmp_path: Path) -> None:
    source, folder = tmp_path / "theirs" / "library", tmp_path / "mine"
    (source / "assets").mkdir(parents=True)
    (source / "assets" / "in.svg").write_text("<svg/>")
    (tmp_path / "theirs" / "secret.svg").write_text("<svg/>")
    pictures = {"start": "assets/in.svg", "end": "../secret.svg"}
    draft = Draft("exercise", {"pictures": pictures}, folder, pictures_from=source)
    draft.bring_pictures()
    assert (folder / "assets" / "in.svg").is_file()
    assert not (tmp_path / "secret.svg").exists() and not (folder / "secret.svg").exists()
    assert draft.picture_root == folder
