"""Driving the session editor as a person does: clicks on what is shown, keys typed into
fields, choices made by typing their first letters, an exercise found by search and
added with Enter; and ``guide-app plan --json`` run as the command it is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QComboBox, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.content_draft import Draft
from guide_app.core.loader import Library
from guide_app.ui.session_editor import SessionEditor

E = TypeVar("E", bound=QWidget)

REPO = Path(__file__).resolve().parents[2]


def show_editor(qtbot: QtBot, editor: E) -> E:
    """``editor`` shown at 1366x720 and active, keys going to it."""
    qtbot.addWidget(editor)
    editor.resize(1366, 720)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def open_session_editor(qtbot: QtBot, draft: Draft, library: Library) -> SessionEditor:
    """The session editor on ``draft``, shown at 1366x720 and active, keys going to it."""
    return show_editor(qtbot, SessionEditor(draft, library))


def shown(widget: QWidget) -> QWidget:
    """The widget, which a person can see (not behind another tab or page)."""
    assert widget.isVisible(), f"{widget.accessibleName() or widget} is not on screen"
    return widget


def click(qtbot: QtBot, button: QWidget) -> None:
    assert shown(button).isEnabled(), f"{button} is not enabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_into(qtbot: QtBot, widget: QWidget) -> None:
    """Click into a field (a text box takes the click in its viewport)."""
    target = widget.viewport() if isinstance(widget, QAbstractScrollArea) else widget
    qtbot.mouseClick(shown(target), Qt.MouseButton.LeftButton, pos=QPoint(8, 8))


def type_in(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Click into the field and type."""
    click_into(qtbot, widget)
    qtbot.keyClicks(widget, text)


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Click into the field, select what it holds and type over it."""
    click_into(qtbot, widget)
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def type_lines(qtbot: QtBot, widget: QWidget, lines: list[str] | tuple[str, ...]) -> None:
    """Type lines into a text box, Enter between them."""
    click_into(qtbot, widget)
    for i, line in enumerate(lines):
        if i:
            QTest.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)


def choose(qtbot: QtBot, combo: QWidget, typed: str, value: Any) -> None:
    """Pick a choice by typing the start of its words into the list, as a person does
    with the keyboard; the choice made is ``value``."""
    assert isinstance(combo, QComboBox)
    shown(combo).setFocus()
    QTest.qWait(int(QApplication.keyboardInputInterval()) + 50)  # a new search, not more of one
    qtbot.keyClicks(combo, typed)
    assert combo.currentData() == value, f"typing {typed!r} chose {combo.currentText()!r}"


def add_exercise(qtbot: QtBot, editor: SessionEditor, search: str, exercise_id: str) -> None:
    """Add exercise: type to search, Down to the list, Down until it is chosen, Enter."""
    click(qtbot, editor.add_exercise_button)
    picker = editor.picker
    assert shown(picker.search).hasFocus() or picker.search.isVisible()
    qtbot.keyClicks(picker.search, search)
    assert exercise_id in picker.found_ids(), f"{search!r} does not find {exercise_id}"
    QTest.keyClick(picker.search, Qt.Key.Key_Down)
    for _ in picker.found_ids():
        if picker.chosen_id() == exercise_id:
            break
        QTest.keyClick(picker.results, Qt.Key.Key_Down)
    assert picker.chosen_id() == exercise_id
    QTest.keyClick(picker.results, Qt.Key.Key_Return)
    assert not picker.isVisible(), "Enter adds the exercise and goes back to the session"


def plan_json(session_id: str, library: Path, *options: str) -> dict[str, Any]:
    """``guide-app plan SESSION --json`` with ``library`` loaded too, as a command."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "guide_app",
            "--no-user-library",
            "--library",
            str(library),
            "--data-dir",
            str(library / "data"),
            "plan",
            session_id,
            "--json",
            *options,
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def click_row(qtbot: QtBot, rows: QListWidget, row: int) -> None:
    """Click an item of a list."""
    item = rows.item(row)
    assert item is not None and not item.isHidden()
    rows.scrollToItem(item)
    centre = rows.visualItemRect(item).center()
    qtbot.mouseClick(shown(rows).viewport(), Qt.MouseButton.LeftButton, pos=centre)


def alt(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    """Alt and an arrow key on a widget."""
    shown(widget).setFocus()
    QTest.keyClick(widget, key, Qt.KeyboardModifier.AltModifier)
