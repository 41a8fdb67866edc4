"""The editors in the window: Home's buttons open them, the key table's keys act in
them (save, undo, close), and what is saved is on Home and runs at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from guide_app.core.loader import bundled_root
from guide_app.speech.service import RecordingSpeech
from guide_app.ui import keys
from guide_app.ui.editor_base import DraftEditor
from guide_app.ui.editor_fields import Field
from guide_app.ui.main_window import MainWindow
from tests.helpers.window import MakeWindow, press

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, make_window: MakeWindow) -> MainWindow:
    built = make_window(voice=RecordingSpeech(), user_library=tmp_path / "library")
    built.resize(1366, 720)
    built.show()
    qtbot.waitExposed(built)
    return built


def field_at(editor: DraftEditor, loc: tuple[str | int, ...]) -> Field:
    return next(f for f in editor.fields if f.loc == loc)


def open_copy_of(window: MainWindow, kind: str, item_id: str) -> DraftEditor:
    assert window.home.select(kind, item_id)
    assert window.home.edit_button.text() == "Duplicate and change"
    window.home.edit_button.click()
    editor = window.editor
    assert editor is not None and window.keys.mode == keys.EDIT
    return editor


def test_duplicate_and_change_saves_with_ctrl_s_and_the_copy_runs_from_home(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    bundled = bundled_root() / "sessions" / "first-session.yaml"
    before = bundled.read_bytes()
    editor = open_copy_of(window, "session", "first-session")
    title = field_at(editor, ("title",))
    title.widget.setFocus()
    qtbot.keyClicks(title.widget, " for Sam")
    press(window, Qt.Key.Key_S, modifiers=CTRL)
    saved = tmp_path / "library" / "sessions" / "first-session-copy.yaml"
    assert saved.is_file() and "for Sam" in saved.read_text()
    assert bundled.read_bytes() == before, "the bundled session is left as it was"
    press(window, Qt.Key.Key_Escape)
    assert window.editor is None and window.pages.currentWidget() is window.home
    assert window.keys.mode == keys.BROWSE
    choice = window.home.current_choice()
    assert choice is not None and choice.session.id == "first-session-copy"
    assert choice.session.title.endswith("for Sam")
    window.home.start_button.click()
    assert window.running, "the saved copy runs at once"


def test_ctrl_z_in_a_field_undoes_the_editors_change(window: MainWindow, qtbot: QtBot) -> None:
    editor = open_copy_of(window, "exercise", "clamshell")
    name = field_at(editor, ("name",))
    name.widget.setFocus()
    qtbot.keyClicks(name.widget, " slow")
    assert editor.draft.data["name"] == "Clamshell (copy) slow"
    press(window, Qt.Key.Key_Z, modifiers=CTRL)
    assert editor.draft.data["name"] == "Clamshell (copy)"
    press(window, Qt.Key.Key_Y, modifiers=CTRL)
    assert editor.draft.data["name"] == "Clamshell (copy) slow"


def test_esc_with_changes_not_saved_asks_and_can_stay(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_copy_of(window, "programme", "iliopsoas-rehab")
    title = field_at(editor, ("title",))
    qtbot.keyClicks(title.widget, "!")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    press(window, Qt.Key.Key_Escape)
    assert window.editor is editor, "Cancel stays in the editor"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    press(window, Qt.Key.Key_Escape)
    assert window.editor is None


def test_new_opens_an_empty_editor_of_the_kind(window: MainWindow) -> None:
    window.home.new_requested.emit("session")
    editor = window.editor
    assert editor is not None and editor.draft.kind == "session" and editor.draft.is_new
    assert editor.heading.text().startswith("New session")
    assert not editor.save(), "an empty session is not saved: it has no blocks"
