"""A session's entries from the history window (issue 15, part 7): listed, marked when
corrected, corrected through the form, deleted after asking, taken back with Undo; bad
values are refused naming the field; a journal another copy owns can't be corrected."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.core.history import EffortRating, Journal, Measurement, PainReport, SetRecord
from guide_app.core.journal_lock import Held, ReadOnlyJournal
from guide_app.core.loader import Library
from guide_app.core.sides import Side
from guide_app.ui.history_entries import SessionEntriesDialog

START = datetime(2026, 11, 30, 9).timestamp()


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    journal = Journal(tmp_path / "history.sqlite3", clock=FakeClock(wall_start=START))
    row = journal.begin_session("hip", "Hip rehab")
    journal.record_set(row, SetRecord("clamshell", Side.LEFT, 1, 15, 15, load="5 kg"))
    journal.record_set(row, SetRecord("clamshell", Side.LEFT, 2, 15, 12, skipped=True))
    journal.record_measurement(row, Measurement("hip rotation", Side.LEFT, 35.0, "degrees"))
    journal.record_pain(row, PainReport("clamshell", Side.LEFT, 3, "outer hip", moment="after"))
    journal.record_effort(row, EffortRating("clamshell", Side.LEFT, 6))
    journal.end_session(row)
    return journal


def _rows(dialog: SessionEntriesDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _dialog(
    qtbot: QtBot, journal: Journal, library: Library, answers: list[str | None] | None = None
) -> tuple[SessionEntriesDialog, list[str]]:
    asked: list[str] = []

    def ask(parent: QWidget, question: str) -> str | None:
        asked.append(question)
        return (answers or [None]).pop(0)

    dialog = SessionEntriesDialog(journal, journal.sessions()[0].row, library, ask=ask)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, asked


def _key(
    qtbot: QtBot,
    dialog: SessionEntriesDialog,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key pressed where the dialog's focus is (the list of entries)."""
    qtbot.keyClick(dialog.focusWidget() or dialog, key, modifiers)


def test_the_dialog_lists_every_entry_of_the_session(
    qtbot: QtBot, journal: Journal, library: Library
) -> None:
    dialog, _ = _dialog(qtbot, journal, library)
    assert _rows(dialog) == [
        ["Set", "Clamshell", "◀ Left", "1", "15 of 15 reps · 5 kg", ""],
        ["Set", "Clamshell", "◀ Left", "2", "12 of 15 reps · cut short", ""],
        ["Measurement", "hip rotation", "◀ Left", "", "35 degrees", ""],
        ["Pain", "Clamshell", "◀ Left", "", "3/10 · outer hip · just after", ""],
        ["Effort", "Clamshell", "◀ Left", "", "6/10", ""],
    ]
    assert dialog.correct_button.isEnabled() and dialog.delete_button.isEnabled()
    assert not dialog.undo_button.isEnabled() and not dialog.read_only.isVisible()


def test_a_set_corrected_through_the_form_changes_the_journal(
    qtbot: QtBot, journal: Journal, library: Library
) -> None:
    dialog, _ = _dialog(qtbot, journal, library)
    dialog.choose("set", 1)
    _key(qtbot, dialog, Qt.Key.Key_Return)  # Enter: correct the chosen entry
    form = dialog.form
    assert form is not None and form.isVisible()
    reps = form.fields["done_reps"]
    assert isinstance(reps, QSpinBox) and reps.value() == 12
    reps.setValue(15)
    form.fields["skipped"].setChecked(False)  # type: ignore[attr-defined]
    form.reason.setText("counted wrong")
    with qtbot.waitSignal(dialog.changed, timeout=1000):
        form.save_button.click()

    assert not form.isVisible()
    second = journal.sets_for(journal.sessions()[0].row)[1]
    assert (second.done_reps, second.skipped, second.corrected) == (15, False, True)
    assert _rows(dialog)[1] == ["Set", "Clamshell", "◀ Left", "2", "15 of 15 reps", "✎ corrected"]
    assert dialog.chosen() is not None and dialog.chosen().uid == second.uid  # type: ignore[union-attr]
    assert "Reps done 12 → 15" in dialog.changes.text()
    assert "counted wrong" in dialog.changes.text()
    (correction,) = journal.corrections()
    assert correction.before["done_reps"] == 12 and correction.reason == "counted wrong"


def test_pain_and_a_measurement_are_corrected_through_the_form(
    qtbot: QtBot, journal: Journal, library: Library
) -> None:
    dialog, _ = _dialog(qtbot, journal, library)
    dialog.choose("pain")
    dialog.correct_button.click()
    assert dialog.form is not None
    dialog.form.fields["score"].setValue(5)  # type: ignore[attr-defined]
    dialog.form.fields["moment"].setCurrentIndex(2)  # type: ignore[attr-defined]
    dialog.form.save_button.click()
    dialog.choose("measurement")
    dialog.correct_button.click()
    dialog.form.fields["value"].setValue(40.5)  # type: ignore[attr-defined]
    dialog.form.save_button.click()

    row = journal.sessions()[0].row
    (pain,) = journal.pain_for(row)
    assert (pain.score, pain.moment, pain.where) == (5, "next_morning", "outer hip")
    assert journal.measurements_for(row)[0].value == 40.5
    rows = _rows(dialog)
    assert rows[2][4:] == ["40.5 degrees", "✎ corrected"]
    assert rows[3][4:] == ["5/10 · outer hip · next morning", "✎ corrected"]


def test_a_bad_load_is_refused_naming_the_field(
    qtbot: QtBot, journal: Journal, library: Library
) -> None:
    dialog, _ = _dialog(qtbot, journal, library)
    dialog.choose("set", 0)
    dialog.correct_chosen()
    form = dialog.form
    assert form is not None
    load = form.fields["load"]
    assert isinstance(load, QLineEdit) and load.text() == "5 kg"
    load.setText("heavy")
    form.save_button.click()
    assert form.isVisible() and form.error.isVisible()
    assert form.error.text().startswith("Load:") and "'heavy'" in form.error.text()
    assert journal.corrections() == [] and journal.sets_for(1)[0].load == "5 kg"
    load.setText("7kg")
    form.save_button.click()
    assert not form.isVisible() and journal.sets_for(1)[0].load == "7 kg"


def test_delete_asks_first_and_undo_puts_the_entry_back(
    qtbot: QtBot, journal: Journal, library: Library
) -> None:
    dialog, asked = _dialog(qtbot, journal, library, answers=[None, "not done"])
    row = journal.sessions()[0].row
    dialog.choose("effort")
    _key(qtbot, dialog, Qt.Key.Key_Delete)  # asked, and the answer is "keep it"
    assert len(asked) == 1 and "Delete this effort rating" in asked[0]
    assert "Clamshell" in asked[0] and len(journal.effort_for(row)) == 1

    with qtbot.waitSignal(dialog.changed, timeout=1000):
        _key(qtbot, dialog, Qt.Key.Key_Delete)
    assert journal.effort_for(row) == [] and [r[0] for r in _rows(dialog)][-1] == "Pain"
    (deleted,) = journal.corrections()
    assert deleted.deleted and deleted.reason == "not done"
    assert dialog.undo_button.isEnabled()

    with qtbot.waitSignal(dialog.changed, timeout=1000):
        _key(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (effort,) = journal.effort_for(row)
    assert effort.score == 6 and not effort.corrected
    assert [c.deleted for c in journal.corrections()] == [True, False]  # both kept
    assert _rows(dialog)[-1] == ["Effort", "Clamshell", "◀ Left", "", "6/10", ""]
    assert not dialog.undo_button.isEnabled()


def test_a_journal_another_copy_owns_is_shown_but_not_corrected(
    qtbot: QtBot, journal: Journal, library: Library, tmp_path: Path
) -> None:
    journal.close()
    other = ReadOnlyJournal(tmp_path / "history.sqlite3", Held(tmp_path, 4242))
    try:
        dialog, asked = _dialog(qtbot, other, library, answers=["why"])
        assert len(_rows(dialog)) == 5
        assert dialog.read_only.isVisible() and "4242" in dialog.read_only.text()
        assert not dialog.correct_button.isEnabled() and not dialog.delete_button.isEnabled()
        dialog.correct_chosen()
        dialog.delete_chosen()
        assert dialog.form is None and asked == [] and other.corrections() == []
    finally:
        other.close()
