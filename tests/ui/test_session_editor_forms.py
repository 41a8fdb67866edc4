"""The forms of the session editor's other blocks: dosage week by week, a measurement,
work and rest intervals; each as a person fills it in, and what the file gets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from guide_app.core.content_draft import Draft
from guide_app.core.loader import Library
from guide_app.ui.session_editor import SessionEditor
from tests.helpers.session_editing import (
    choose,
    click,
    click_row,
    open_session_editor,
    retype,
    type_in,
)


@pytest.fixture
def editor(qtbot: QtBot, library: Library, tmp_path: Path) -> SessionEditor:
    draft = Draft.new(
        "session",
        tmp_path,
        {
            "id": "weeks",
            "title": "Weeks",
            "blocks": [
                {
                    "exercise": "clamshell",
                    "dosage": {"rest": 60},
                    "by_week": {1: {"sets": 2, "reps": 5}, "2-3": {"sets": 3}},
                }
            ],
        },
    )
    return open_session_editor(qtbot, draft, library)


def cell(editor: SessionEditor, row: int, column: int) -> QLineEdit:
    item = editor.exercise_form.weeks.grid.itemAtPosition(row, column)
    assert item is not None
    widget = item.widget()
    assert isinstance(widget, QLineEdit)
    return widget


def test_dosage_week_by_week_rows_are_added_typed_renamed_and_removed(
    qtbot: QtBot, editor: SessionEditor
) -> None:
    click_row(qtbot, editor.blocks, 0)
    weeks = editor.exercise_form.weeks
    assert [cell(editor, r, 0).text() for r in (1, 2)] == ["1", "2-3"]
    assert cell(editor, 1, 2).text() == "5", "week 1's reps"

    click(qtbot, weeks.add_button)
    rows = editor.draft.data["blocks"][0]["by_week"]
    assert list(rows) == [1, "2-3", 4] and rows[4] == {"sets": 3}, "the next week, as the last"
    type_in(qtbot, cell(editor, 3, 2), "8")
    retype(qtbot, cell(editor, 3, 0), "4-6")
    QTest.keyClick(cell(editor, 3, 0), Qt.Key.Key_Return)
    assert editor.draft.data["blocks"][0]["by_week"] == {
        1: {"sets": 2, "reps": 5},
        "2-3": {"sets": 3},
        "4-6": {"sets": 3, "reps": 8},
    }
    assert "4-6:" in editor.draft.text()
    editor.check_now()
    assert editor.checked is not None and editor.checked.ok

    remove = editor.exercise_form.weeks.grid.itemAtPosition(1, 6)
    assert remove is not None and isinstance(remove.widget(), QPushButton)
    click(qtbot, remove.widget())
    editor.check_now()
    assert "week 1 is missing" in weeks.problem.text() and weeks.problem.isVisible()
    editor.undo_stack.undo()
    assert list(editor.draft.data["blocks"][0]["by_week"]) == [1, "2-3", "4-6"]


def test_a_measurement_is_filled_in_and_planned(qtbot: QtBot, editor: SessionEditor) -> None:
    click_row(qtbot, editor.blocks, 0)
    click(qtbot, editor.add_measure_button)
    form = editor.measure_form
    assert form.name.widget.hasFocus(), "the name first"
    type_in(qtbot, form.name.widget, "Knee bend")
    type_in(qtbot, form.unit.widget, "degrees")
    choose(qtbot, form.only.widget, "aff", "affected")
    type_in(qtbot, form.at_least.widget, "90")
    assert editor.draft.data["blocks"][1] == {
        "measure": {
            "name": "Knee bend",
            "unit": "degrees",
            "only": "affected",
            "goal": {"at_least": 90},
        }
    }
    assert editor.blocks.item(1).text() == "2. Measure: Knee bend (degrees)"
    qtbot.waitUntil(lambda: "Goal: at least 90 degrees" in editor.plan.said.toPlainText())


def test_intervals_get_their_times_and_exercises(qtbot: QtBot, editor: SessionEditor) -> None:
    click_row(qtbot, editor.blocks, 0)
    click(qtbot, editor.add_intervals_button)
    form = editor.intervals_form
    retype(qtbot, form.rounds.widget, "4")
    click(qtbot, form.add_button)
    qtbot.keyClicks(editor.picker.search, "jump squat")
    QTest.keyClick(editor.picker.search, Qt.Key.Key_Return)
    block = editor.draft.data["blocks"][1]["intervals"]
    assert block == {
        "work": 20,
        "rest": 10,
        "rounds": 4,
        "exercises": [{"exercise": "banded-jump-squat"}],
    }
    assert editor.blocks.item(1).text() == "2. Intervals 20/10 x4: Banded Jump Squat"
    said = editor.plan.said.toPlainText
    qtbot.waitUntil(lambda: "Banded Jump Squat, both: Work" in said(), timeout=3000)
    assert said().count(": Work") == 4, "four rounds of one exercise: four intervals"
