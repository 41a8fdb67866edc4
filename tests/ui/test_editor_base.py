"""What every editor does: typing in a field is one step to undo, validate's message
shows at the field, Save refuses while something is wrong, and a file changed on disk
is not overwritten without asking."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QMessageBox, QVBoxLayout
from pytestqt.qtbot import QtBot

from guide_app.core.content_draft import Draft
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.ui.dosage_form import DosageForm
from guide_app.ui.editor_base import DraftEditor
from guide_app.ui.editor_fields import TextField, add_row


class SmallEditor(DraftEditor):
    """A title and the first block's dosage: enough to try the frame."""

    def __init__(self, draft: Draft, library: Library) -> None:
        super().__init__(draft, library)
        form = QFormLayout()
        self.title = add_row(form, "Title", TextField(draft, ("title",)))
        self.dosage = DosageForm(draft, ("blocks", 0, "dosage"))
        layout = QVBoxLayout(self.body)
        layout.addLayout(form)
        layout.addWidget(self.dosage)
        self.bind([self.title, *self.dosage.fields])


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([bundled_root()])


def editor_for(qtbot: QtBot, draft: Draft, library: Library) -> SmallEditor:
    editor = SmallEditor(draft, library)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def new_session(folder: Path) -> Draft:
    fields = {"id": "mine", "title": "Mine", "blocks": [{"exercise": "clamshell"}]}
    return Draft.new("session", folder, fields)


def test_typing_in_a_field_is_one_step_to_undo(
    qtbot: QtBot, tmp_path: Path, library: Library
) -> None:
    editor = editor_for(qtbot, new_session(tmp_path), library)
    qtbot.keyClicks(editor.dosage.sets.widget, "3")
    qtbot.keyClicks(editor.dosage.reps.widget, "12")
    qtbot.keyClicks(editor.dosage.tempo.widget, "out 2, back 3")
    assert editor.draft.data["blocks"][0]["dosage"] == {
        "sets": 3,
        "reps": 12,
        "tempo": {"out": 2, "back": 3},
    }
    assert editor.undo_stack.count() == 3, "one step a field, not one a letter"
    editor.undo_button.click()
    assert "tempo" not in editor.draft.data["blocks"][0]["dosage"]
    assert editor.dosage.tempo.widget.text() == ""
    editor.undo_button.click()
    assert editor.dosage.reps.widget.text() == ""
    editor.redo_button.click()
    assert editor.dosage.reps.widget.text() == "12"


def test_validates_message_shows_at_its_field_and_save_refuses(
    qtbot: QtBot, tmp_path: Path, library: Library
) -> None:
    editor = editor_for(qtbot, new_session(tmp_path), library)
    qtbot.keyClicks(editor.dosage.reps.widget, "12x")
    qtbot.waitUntil(lambda: editor.dosage.reps.problem.isVisible())
    assert "must be a whole number like 15 or a range like 8-12, not '12x'" in (
        editor.dosage.reps.problem.text()
    )
    assert editor.problems.count() == 1
    assert editor.problems.item(0).text().startswith("line 7: blocks[0].dosage.reps")
    assert not editor.save()
    assert "Not saved" in editor.status.text()
    assert not (tmp_path / "sessions" / "mine.yaml").exists()
    assert editor.dosage.reps.widget.hasFocus(), "the first problem's field is chosen"
    qtbot.keyClick(editor.dosage.reps.widget, Qt.Key.Key_Backspace)
    assert editor.save()
    assert (tmp_path / "sessions" / "mine.yaml").read_text().count("reps: 12") == 1
    assert not editor.dosage.reps.problem.isVisible()


def test_a_file_changed_on_disk_is_saved_over_only_when_the_person_says(
    qtbot: QtBot, tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = new_session(tmp_path)
    first.save()
    path = tmp_path / "sessions" / "mine.yaml"
    editor = editor_for(qtbot, Draft.open(path, tmp_path), library)
    path.write_text(path.read_text().replace("title: Mine", "title: Changed outside"))
    qtbot.keyClicks(editor.dosage.sets.widget, "4")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    assert not editor.save()
    assert "Changed outside" in path.read_text() and "sets" not in path.read_text()
    assert editor.save()
    assert "sets: 4" in path.read_text()


def test_closing_with_changes_asks_first(
    qtbot: QtBot, tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = editor_for(qtbot, new_session(tmp_path), library)
    qtbot.keyClicks(editor.title.widget, " two")
    closed: list[bool] = []
    editor.closed.connect(lambda: closed.append(True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not editor.close_editor() and not closed
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    assert editor.close_editor() and closed
    assert "title: Mine two" in (tmp_path / "sessions" / "mine.yaml").read_text()
