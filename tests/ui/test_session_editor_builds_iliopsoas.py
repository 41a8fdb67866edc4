"""Must show: the bundled "Iliopsoas rehab, weeks 1-2" built from an empty session in the
session editor, by keys and clicks; saved, its plan (``guide-app plan --json``) is the
bundled one's, step for step, whatever the sides.

The steps are a person's: type the title (the id follows it) and then an id of their
own, the summary, notes and equipment; add the opening note; add each exercise by
searching for it and pressing Enter, and fill in its dosage (sets, reps, pace, holds,
the unaffected side's own sets when the affected side is the weaker one, which side
goes first and in what order) and its note; the second note; save. The prose the
bundled session says (its summary and notes) is typed from the bundled session itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from guide_app.core.content_draft import Draft
from guide_app.core.loader import Library
from guide_app.core.model import ExerciseBlock, NoteBlock, Session
from guide_app.ui.dosage_form import DosageForm
from guide_app.ui.session_editor import SessionEditor
from tests.helpers.session_editing import (
    add_exercise,
    choose,
    click,
    plan_json,
    retype,
    type_in,
    type_lines,
)

BUNDLED = "iliopsoas-weeks-1-2"
MINE = "my-iliopsoas"


@pytest.fixture
def editor(qtbot: QtBot, library: Library, tmp_path: Path) -> SessionEditor:
    editor = SessionEditor(Draft.new("session", tmp_path), library)
    qtbot.addWidget(editor)
    editor.resize(1366, 720)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


# ----------------------------------------------------------------------- a person's steps


def fill_in_the_details(qtbot: QtBot, editor: SessionEditor, bundled: Session) -> None:
    assert editor.tabs.currentIndex() == 0, "a new session opens on its details"
    type_in(qtbot, editor.title_field.widget, "Iliopsoas rehab, weeks 1-2")
    assert editor.id_field.widget.text() == "iliopsoas-rehab-weeks-1-2", "the id follows"
    retype(qtbot, editor.id_field.widget, MINE)
    assert bundled.summary is not None
    type_in(qtbot, editor.summary_field.widget, bundled.summary)
    type_lines(qtbot, editor.notes_field.widget, bundled.notes)
    type_in(qtbot, editor.equipment_field.widget, "sturdy table or high bed, elastic strap, mat")


def add_note(qtbot: QtBot, editor: SessionEditor, text: str) -> None:
    click(qtbot, editor.add_note_button)
    type_in(qtbot, editor.note_form.text.widget, text)


def set_sides(qtbot: QtBot, dosage: DosageForm, first: str, order_typed: str, order: str) -> None:
    choose(qtbot, dosage.first_side.widget, first, first)
    choose(qtbot, dosage.side_order.widget, order_typed, order)


def rotation(qtbot: QtBot, editor: SessionEditor, search: str, exercise_id: str, note: str) -> None:
    """3 x 20 self-paced; the unaffected side 2 sets when the affected side is weaker;
    the affected side first, every set on one side then the other."""
    add_exercise(qtbot, editor, search, exercise_id)
    dosage = editor.exercise_form.dosage
    type_in(qtbot, dosage.sets.widget, "3")
    type_in(qtbot, dosage.reps.widget, "20")
    choose(qtbot, dosage.pace.widget, "self", "self")
    type_in(qtbot, dosage.per_side[("unaffected", "sets")].widget, "2")
    choose(qtbot, dosage.per_side[("unaffected", "when")].widget, "affected", "affected")
    set_sides(qtbot, dosage, "affected", "every", "side_by_side")
    type_in(qtbot, editor.exercise_form.note.widget, note)


ORDERS = {  # an order of sides: the words typed to choose it, and what it is
    "alternate sets": ("alternate", "alternate_sets"),
    "every set on one side, then the other": ("every", "side_by_side"),
}


def stretch(
    qtbot: QtBot,
    editor: SessionEditor,
    search: str,
    exercise_id: str,
    *,
    sets: tuple[int, int],
    hold: int,
    order: str,
    note: str | None = None,
) -> None:
    """Holds: the affected side ``sets[0]`` sets, the unaffected ``sets[1]``; the
    affected side first."""
    add_exercise(qtbot, editor, search, exercise_id)
    dosage = editor.exercise_form.dosage
    type_in(qtbot, dosage.sets.widget, str(sets[0]))
    type_in(qtbot, dosage.hold.widget, str(hold))
    for side, count in zip(("affected", "unaffected"), sets, strict=True):
        type_in(qtbot, dosage.per_side[(side, "sets")].widget, str(count))
        type_in(qtbot, dosage.per_side[(side, "hold")].widget, str(hold))
    set_sides(qtbot, dosage, "affected", *ORDERS[order])
    if note:
        type_in(qtbot, editor.exercise_form.note.widget, note)


def said(bundled: Session, index: int) -> str:
    """The note of the bundled session's block ``index``, to type."""
    block = bundled.blocks[index]
    if isinstance(block, NoteBlock):
        return block.note
    assert isinstance(block, ExerciseBlock) and block.note
    return block.note


# ----------------------------------------------------------------------- the test


def test_the_iliopsoas_session_built_by_keys_and_clicks_plans_as_the_bundled_one(
    qtbot: QtBot, editor: SessionEditor, library: Library, tmp_path: Path
) -> None:
    bundled = library.sessions[BUNDLED]
    fill_in_the_details(qtbot, editor, bundled)

    add_note(qtbot, editor, said(bundled, 0))
    rotation(qtbot, editor, "internal rotation", "seated-hip-internal-rotation", said(bundled, 1))
    rotation(qtbot, editor, "external rotation", "seated-hip-external-rotation", said(bundled, 2))
    add_note(qtbot, editor, said(bundled, 3))
    alternating = "alternate sets"
    stretch(
        qtbot, editor, "hip flexor", "hip-flexor-stretch", sets=(3, 2), hold=30, order=alternating
    )
    stretch(
        qtbot, editor, "quadriceps", "quadriceps-stretch", sets=(3, 2), hold=30, order=alternating
    )
    stretch(
        qtbot, editor, "piriformis", "piriformis-stretch", sets=(3, 2), hold=30, order=alternating
    )
    stretch(
        qtbot,
        editor,
        "hamstring wall",
        "hamstring-wall-stretch",
        sets=(4, 3),
        hold=10,
        order="every set on one side, then the other",
        note=said(bundled, 7),
    )

    assert editor.blocks.count() == 8
    assert editor.blocks.item(1).text().startswith("2. Seated Hip Internal Rotation")
    qtbot.waitUntil(lambda: editor.plan.total.text() == "Total 29:00, 299 steps", timeout=3000)
    assert editor.checked is not None and editor.checked.ok, editor.checked.problems

    click(qtbot, editor.save_button)
    saved = tmp_path / "sessions" / f"{MINE}.yaml"
    assert saved.is_file(), editor.status.text()
    assert not editor.draft.changed

    for sides in (
        (),
        ("--affected-side", "left", "--weaker-side", "left"),
        ("--affected-side", "right", "--weaker-side", "left"),
    ):
        theirs = plan_json(BUNDLED, tmp_path, *sides)
        mine = plan_json(MINE, tmp_path, *sides)
        assert len(mine["steps"]) == len(theirs["steps"]), sides
        for n, (step, bundled_step) in enumerate(zip(mine["steps"], theirs["steps"], strict=True)):
            assert step == bundled_step, f"step {n} with {sides or 'no sides'}"
        assert mine["total_seconds"] == theirs["total_seconds"]
        assert mine["session"] == MINE and theirs["session"] == BUNDLED
