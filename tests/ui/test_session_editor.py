"""The session editor as a person uses it: blocks moved with Alt+arrows, by the buttons
and by dragging, each change one step to undo; an exercise id typed wrong shows what
``validate`` says, with its suggestion, at the block; the plan beside it follows the
sets; the picker by keys; a bundled session duplicated and changed leaves the bundled
file alone; and a hand-written file changed in one dosage differs by that one line."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QSize, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from guide_app.core.content_draft import Draft
from guide_app.core.loader import Library
from guide_app.ui.session_editor import SessionEditor
from guide_app.ui.thumbnails import ThumbnailCache
from tests.helpers.hand_written import HAND_WRITTEN
from tests.helpers.session_editing import (
    add_exercise,
    alt,
    choose,
    click,
    click_row,
    open_session_editor,
    retype,
    shown,
    type_in,
)

THREE_BLOCKS: dict[str, Any] = {
    "id": "three",
    "title": "Three",
    "blocks": [
        {"note": "Warm up first."},
        {"exercise": "clamshell", "dosage": {"sets": 2, "reps": 10}},
        {"exercise": "glute-bridge"},
    ],
}


@pytest.fixture
def open_editor(qtbot: QtBot, library: Library) -> Iterator[Any]:
    def make(draft: Draft) -> SessionEditor:
        return open_session_editor(qtbot, draft, library)

    yield make


def order(editor: SessionEditor) -> list[str]:
    """The blocks as the draft has them: an exercise id, or "note"."""
    return [str(b.get("exercise", "note")) for b in editor.draft.data["blocks"]]


def test_alt_up_and_the_buttons_move_the_chosen_block_each_move_one_step_to_undo(
    qtbot: QtBot, open_editor: Any, tmp_path: Path
) -> None:
    editor = open_editor(Draft.new("session", tmp_path, THREE_BLOCKS))
    click_row(qtbot, editor.blocks, 2)
    assert editor.tabs.currentIndex() == 1, "choosing a block shows its form"
    assert editor.exercise_form.exercise.widget.text() == "glute-bridge"

    alt(qtbot, editor.blocks, Qt.Key.Key_Up)
    assert order(editor) == ["note", "glute-bridge", "clamshell"]
    assert editor.blocks.currentRow() == 1, "the moved block stays chosen"
    assert editor.blocks.item(1).text().startswith("2. Bridge")
    alt(qtbot, editor.blocks, Qt.Key.Key_Up)
    assert order(editor) == ["glute-bridge", "note", "clamshell"]
    alt(qtbot, editor.blocks, Qt.Key.Key_Up)  # at the top already: nothing moves
    assert order(editor) == ["glute-bridge", "note", "clamshell"]
    click(qtbot, editor.down_button)
    assert order(editor) == ["note", "glute-bridge", "clamshell"]
    editor.move_chosen(1)  # as the window's Alt+Down does
    assert order(editor) == ["note", "clamshell", "glute-bridge"]
    assert editor.exercise_form.exercise.widget.text() == "glute-bridge"

    steps = editor.undo_stack.count()
    click(qtbot, editor.undo_button)
    assert order(editor) == ["note", "glute-bridge", "clamshell"], "one move undone"
    click(qtbot, editor.undo_button)
    assert order(editor) == ["glute-bridge", "note", "clamshell"]
    click(qtbot, editor.redo_button)
    assert order(editor) == ["note", "glute-bridge", "clamshell"]
    assert editor.undo_stack.count() == steps
    assert [editor.blocks.item(i).text()[:8] for i in range(3)] == [
        "1. Note:",
        "2. Bridg",
        "3. Clams",
    ], "the list follows the undo"


def test_a_dragged_block_lands_where_it_is_dropped_as_one_step_to_undo(
    qtbot: QtBot, open_editor: Any, tmp_path: Path
) -> None:
    editor = open_editor(Draft.new("session", tmp_path, THREE_BLOCKS))
    click_row(qtbot, editor.blocks, 0)
    blocks = editor.blocks
    data: QMimeData = blocks.model().mimeData([blocks.model().index(0, 0)])
    bottom = blocks.visualItemRect(blocks.item(2)).bottomLeft() + QPoint(4, -2)
    drop = QDropEvent(
        bottom,
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    blocks.dropEvent(drop)
    assert order(editor) == ["clamshell", "glute-bridge", "note"]
    editor.undo_stack.undo()
    assert order(editor) == ["note", "clamshell", "glute-bridge"]


def test_adding_and_removing_blocks_are_each_one_step_to_undo(
    qtbot: QtBot, open_editor: Any, tmp_path: Path
) -> None:
    editor = open_editor(Draft.new("session", tmp_path, THREE_BLOCKS))
    click_row(qtbot, editor.blocks, 0)
    click(qtbot, editor.add_note_button)
    type_in(qtbot, editor.note_form.text.widget, "Then the strap.")
    assert order(editor) == ["note", "note", "clamshell", "glute-bridge"], "after the chosen one"
    add_exercise(qtbot, editor, "clam", "clamshell")
    assert order(editor) == ["note", "note", "clamshell", "clamshell", "glute-bridge"]
    assert editor.blocks.currentRow() == 2 and editor.exercise_form.dosage.sets.widget.hasFocus()
    click(qtbot, editor.remove_button)
    assert order(editor) == ["note", "note", "clamshell", "glute-bridge"]

    editor.undo_stack.undo()  # the removal
    assert order(editor) == ["note", "note", "clamshell", "clamshell", "glute-bridge"]
    editor.undo_stack.undo()  # the exercise added
    assert order(editor) == ["note", "note", "clamshell", "glute-bridge"]
    editor.undo_stack.undo()  # the note's words, typed: one step
    assert editor.draft.data["blocks"][1] == {"note": ""}
    editor.undo_stack.undo()  # the note added
    assert order(editor) == ["note", "clamshell", "glute-bridge"]
    for _ in range(4):
        editor.undo_stack.redo()
    assert order(editor) == ["note", "note", "clamshell", "glute-bridge"]
    assert editor.draft.data["blocks"][1] == {"note": "Then the strap."}


def test_a_misspelt_exercise_id_shows_validates_suggestion_at_the_block(
    qtbot: QtBot, open_editor: Any, tmp_path: Path
) -> None:
    editor = open_editor(Draft.new("session", tmp_path, THREE_BLOCKS))
    click_row(qtbot, editor.blocks, 1)
    field = editor.exercise_form.exercise
    retype(qtbot, field.widget, "clamshel")
    message = "exercise 'clamshel' is not in the library: did you mean 'clamshell'?"
    qtbot.waitUntil(lambda: message in field.problem.text(), timeout=3000)
    assert field.problem.isVisible()
    assert "⚠" in editor.blocks.item(1).text(), "the block is marked in the list"
    assert editor.problems.item(0).text().endswith(message)
    assert editor.exercise_form.name.text().startswith("Not in the library")
    assert editor.plan.total.text().startswith("No plan yet"), editor.plan.total.text()
    assert not editor.save(), "a session with a problem is not saved"

    click_row(qtbot, editor.blocks, 0)
    editor.problems.itemClicked.emit(editor.problems.item(0))  # choosing the problem
    assert editor.blocks.currentRow() == 1 and field.widget.hasFocus(), "goes to the field"
    retype(qtbot, field.widget, "clamshell")
    qtbot.waitUntil(lambda: not field.problem.isVisible(), timeout=3000)
    assert editor.checked is not None and editor.checked.ok


def test_the_plan_beside_follows_the_sets_as_they_are_typed(
    qtbot: QtBot, open_editor: Any, tmp_path: Path
) -> None:
    editor = open_editor(Draft.new("session", tmp_path, THREE_BLOCKS))
    qtbot.waitUntil(lambda: editor.plan.total.text().startswith("Total"), timeout=3000)
    two = editor.plan.total.text()
    assert "set 2 of 2" in plan_text(editor).lower(), "the clamshell's 2 sets"
    click_row(qtbot, editor.blocks, 1)
    retype(qtbot, editor.exercise_form.dosage.sets.widget, "1")
    qtbot.waitUntil(lambda: editor.plan.total.text() != two, timeout=3000)
    one = editor.plan.total.text()
    assert minutes(one) < minutes(two) and "set 2 of 2" not in plan_text(editor).lower()
    retype(qtbot, editor.exercise_form.dosage.sets.widget, "4")
    qtbot.waitUntil(lambda: editor.plan.total.text() != one, timeout=3000)
    assert minutes(editor.plan.total.text()) > minutes(two), (two, editor.plan.total.text())
    assert "set 4 of 4" in plan_text(editor).lower(), "what is said is shown"

    steps = editor.plan.shown.steps if editor.plan.shown else 0
    editor.plan.affected.setFocus()
    QTest.keyClick(editor.plan.affected, Qt.Key.Key_Down)  # left, for the preview only
    assert editor.plan.affected.currentData() == "left"
    assert "left side" in plan_text(editor).lower()
    assert editor.plan.shown is not None and editor.plan.shown.steps == steps
    assert "affected" not in editor.draft.text(), "the preview's sides are not saved"


def plan_text(editor: SessionEditor) -> str:
    return editor.plan.said.toPlainText()


def words(library: Library, exercise_id: str) -> str:
    """What a person could search an exercise by: its name, targets, equipment, position."""
    e = library.exercises[exercise_id]
    return " ".join((e.name, e.position, *e.targets, *e.secondary_targets, *e.equipment)).lower()


def minutes(total: str) -> float:
    """'Total 03:20, 48 steps' -> 3.33"""
    clock = total.split()[1].rstrip(",")
    mm, ss = clock.split(":")[-2:]
    return int(mm) + int(ss) / 60


def test_the_picker_by_keys_search_filter_escape_and_thumbnails(
    qtbot: QtBot, open_editor: Any, library: Library, tmp_path: Path
) -> None:
    editor = open_editor(Draft.new("session", tmp_path, THREE_BLOCKS))
    click(qtbot, editor.add_exercise_button)
    picker = editor.picker
    assert shown(picker.search).hasFocus(), "type to search at once"
    first = picker.found_ids()[0]
    path = library.picture_path(first)
    assert path is not None
    qtbot.waitUntil(lambda: picker.thumbnails.image(path) is not None, timeout=5000)
    icon = picker.icon(path)
    assert icon is not None and picker.results.iconSize() == picker.thumbnails.size
    qtbot.waitUntil(lambda: picker.results.item(0).icon().cacheKey() == icon.cacheKey())

    qtbot.keyClicks(picker.search, "glute")
    found = picker.found_ids()
    assert found and all("glute" in words(library, i) for i in found)
    assert "clamshell" in found, "targets are searched too"
    picker.position.setFocus()
    qtbot.keyClicks(picker.position, "lying")
    assert picker.position.currentText() == "Lying on your back", "Home's position groups"
    narrowed = picker.found_ids()
    assert narrowed and set(narrowed) < set(found)
    assert all("lying on your back" in library.exercises[i].position for i in narrowed)

    QTest.keyClick(picker.search, Qt.Key.Key_Escape)
    assert not picker.isVisible() and order(editor) == ["note", "clamshell", "glute-bridge"]
    assert editor.undo_stack.count() == 0, "nothing was added"

    click_row(qtbot, editor.blocks, 0)
    click(qtbot, editor.add_exercise_button)
    assert picker.position.currentText() == "Lying on your back", "the filter is kept"
    choose(qtbot, picker.position, "any", None)
    qtbot.keyClicks(picker.search, "fire hydrant")
    item = picker.results.currentItem()
    picker.results.scrollToItem(item)
    centre = picker.results.visualItemRect(item).center()
    qtbot.mouseClick(picker.results.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(picker.results.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert order(editor) == ["note", "fire-hydrant", "clamshell", "glute-bridge"], (
        "a double-click adds"
    )


def test_the_picker_shows_homes_thumbnails_kept_on_disk(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "thumbnails"
    home = ThumbnailCache(folder, QSize(96, 72))
    editor = SessionEditor(Draft.new("session", tmp_path), library, thumbnails=home)
    qtbot.addWidget(editor)
    editor.resize(1366, 720)
    editor.show()
    click(qtbot, editor.add_exercise_button)
    picker = editor.picker
    assert picker.thumbnails is home and picker.results.iconSize() == QSize(96, 72)
    path = library.picture_path(picker.found_ids()[0])
    assert path is not None
    qtbot.waitUntil(lambda: picker.icon(path) is not None, timeout=5000)
    assert home.image(path) is not None and home.image(path).size().width() <= 96
    assert list(folder.glob("*.png")), "drawn once, kept for Home and the next run"


def test_a_new_sessions_id_follows_its_title_until_an_id_is_typed(
    qtbot: QtBot, open_editor: Any, tmp_path: Path
) -> None:
    editor = open_editor(Draft.new("session", tmp_path))
    type_in(qtbot, editor.title_field.widget, "First session")
    assert editor.draft.id == "first-session-2", "a free id: the bundled one has first-session"
    editor.undo_stack.undo()
    assert editor.draft.id == "" and "title" not in editor.draft.data, "title and id: one step"
    editor.undo_stack.redo()
    retype(qtbot, editor.id_field.widget, "mine")
    type_in(qtbot, editor.title_field.widget, " again")
    assert editor.draft.id == "mine", "a typed id stays"
    editor.draft.put(("blocks",), [{"note": "Hello."}])
    assert editor.save()
    assert editor.id_field.widget.isReadOnly(), "a saved session keeps its id"


def test_a_duplicated_bundled_session_is_changed_and_saved_as_a_copy(
    qtbot: QtBot, open_editor: Any, library: Library, tmp_path: Path
) -> None:
    source = library.sources[("session", "iliopsoas-weeks-1-2")]
    before = source.read_bytes()
    editor = open_editor(Draft.duplicate(library, "session", "iliopsoas-weeks-1-2", tmp_path))
    click_row(qtbot, editor.blocks, 1)
    retype(qtbot, editor.exercise_form.dosage.reps.widget, "15")
    click(qtbot, editor.save_button)
    copy = tmp_path / "sessions" / "iliopsoas-weeks-1-2-copy.yaml"
    assert copy.is_file(), editor.status.text()
    assert source.read_bytes() == before, "the bundled file stays as it was"
    assert "reps: 15" in copy.read_text(encoding="utf-8")
    assert "title: Iliopsoas rehab, weeks 1-2 (copy)" in copy.read_text(encoding="utf-8")


def test_a_hand_written_file_changed_in_one_dosage_differs_by_that_one_line(
    qtbot: QtBot, open_editor: Any, tmp_path: Path
) -> None:
    path = tmp_path / "sessions" / "my-morning.yaml"
    path.parent.mkdir()
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    editor = open_editor(Draft.open(path, tmp_path))
    assert not editor.draft.changed and editor.undo_stack.count() == 0, "opening changes nothing"
    click_row(qtbot, editor.blocks, 2)
    retype(qtbot, editor.exercise_form.dosage.reps.widget, "15")
    click(qtbot, editor.save_button)
    assert editor.status.text().startswith("Saved"), editor.status.text()
    after = path.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(HAND_WRITTEN.splitlines(), after.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("---", "+++"))
    ]
    assert changed == [
        "-      reps: 12   # twelve, not more",
        "+      reps: 15   # twelve, not more",
    ]


def test_a_circuit_gets_its_exercises_and_their_order_by_keys(
    qtbot: QtBot, open_editor: Any, tmp_path: Path
) -> None:
    editor = open_editor(Draft.new("session", tmp_path, THREE_BLOCKS))
    click_row(qtbot, editor.blocks, 2)
    click(qtbot, editor.add_circuit_button)
    circuit = editor.circuit_form
    retype(qtbot, circuit.rounds.widget, "2")
    for search, exercise_id in (("clam", "clamshell"), ("bridge with band", "glute-bridge")):
        click(qtbot, circuit.add_button)
        qtbot.keyClicks(editor.picker.search, search)
        assert editor.picker.chosen_id() == exercise_id
        QTest.keyClick(editor.picker.search, Qt.Key.Key_Return)
    type_in(qtbot, circuit.inner.dosage.reps.widget, "12")
    alt(qtbot, circuit.list, Qt.Key.Key_Up)
    block = editor.draft.data["blocks"][3]["circuit"]
    assert block["rounds"] == 2
    assert [e["exercise"] for e in block["exercises"]] == ["glute-bridge", "clamshell"]
    assert block["exercises"][0]["dosage"] == {"reps": 12}
    assert editor.blocks.item(3).text() == "4. Circuit x2: Bridge with Band, Clamshell"
    qtbot.waitUntil(lambda: "round 2" in plan_text(editor).lower(), timeout=3000)
