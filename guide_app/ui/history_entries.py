"""One session's entries from the history window: each set, measurement, pain report and
effort rating, marked when corrected, and correcting or deleting one of them.

``SessionEntriesDialog`` lists the entries; "Correct…" (Enter) opens ``EntryForm`` with
the chosen entry's fields, "Delete…" (Delete) asks first, "Undo" (Ctrl+Z) takes back the
last change made here. Every change goes through the journal's corrections
(``core.history_corrections``), so what an entry was is kept; ``changed`` tells the
history window to read the journal again. Neither dialog blocks: both are shown with
``show``/``open``, so tests drive them without ``exec``. A journal another copy owns
(``ReadOnlyJournal``) is shown, and correcting is off, saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_language import translated
from guide_app.core.history import (
    EffortRating,
    Journal,
    Measurement,
    PainReport,
    SetRecord,
    StorageError,
)
from guide_app.core.history_corrections import (
    FIELDS,
    MOMENTS,
    EntryKind,
    change_words,
    field_label,
    kind_words,
    moment_text,
)
from guide_app.core.history_text import day_text, exercise_name, held_text, side_label, state_text
from guide_app.core.i18n import ntr, tr
from guide_app.core.journal_lock import ReadOnlyJournal
from guide_app.core.loader import Library
from guide_app.ui import theme

Record = SetRecord | Measurement | PainReport | EffortRating
AskToDelete = Callable[[QWidget, str], "str | None"]
"""Asks whether to delete (the question given); the reason typed, or None to keep it."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the list: what kind of entry, its uid, and the record read back."""

    kind: EntryKind
    uid: str
    record: Record


def ask_to_delete(parent: QWidget, question: str) -> str | None:
    """The question, with a line for why; the reason (maybe empty), or None when cancelled."""
    text, ok = QInputDialog.getText(
        parent, tr("Delete entry"), tr("{question}\n\nWhy (optional):", question=question)
    )
    return text if ok else None


# --------------------------------------------------------------------------- words


def _kind_title(kind: EntryKind) -> str:
    return {
        "set": tr("Set"),
        "measurement": tr("Measurement"),
        "pain": tr("Pain"),
        "effort": tr("Effort"),
    }[kind]


def _what(entry: Entry, library: Library) -> str:
    record = entry.record
    if isinstance(record, Measurement):
        return translated(record.name)  # kept in English
    return exercise_name(library, record.exercise_id)


def _recorded(entry: Entry) -> str:
    """What was recorded: ``12 of 15 reps · 5 kg · cut short``, ``35 degrees``, ``3/10``..."""
    record = entry.record
    if isinstance(record, SetRecord):
        parts = [
            ntr(
                "{done} of {n} rep",
                "{done} of {n} reps",
                record.planned_reps,
                done=record.done_reps,
            )
        ]
        if record.hold_achieved is not None:
            parts.append(held_text(record.hold_achieved))
        if record.load:
            parts.append(record.load)
        if record.cut_short:
            parts.append(tr("cut short"))
        elif record.skipped:
            parts.append(tr("skipped"))
        return " · ".join(parts)
    if isinstance(record, Measurement):
        return tr("{value:g} {unit}", value=record.value, unit=translated(record.unit))
    score = tr("{score}/10", score=record.score)
    if isinstance(record, PainReport):
        parts = [score, *([record.where] if record.where else []), moment_text(record.moment)]
        return " · ".join(parts)
    return score


def _describe(entry: Entry, library: Library) -> str:
    """The entry in one line, for a question about it."""
    record = entry.record
    place = [_what(entry, library), side_label(record.side)]
    if isinstance(record, SetRecord):
        place.append(tr("set {n}", n=record.set_number))
    return tr(
        "{kind}: {place}: {recorded}",
        kind=_kind_title(entry.kind),
        place=", ".join(place),
        recorded=_recorded(entry),
    )


# --------------------------------------------------------------------------- the form


class EntryForm(QDialog):
    """One entry's correctable fields, filled with what it holds, and a reason; Save
    (Enter) hands the fields that changed to the dialog that opened it."""

    def __init__(self, entry: Entry, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setWindowTitle(tr("Correct {kind}", kind=kind_words(entry.kind)))
        self.fields: dict[str, QWidget] = {}
        heading = QLabel(_describe(entry, library))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        form = QFormLayout()
        for field, widget in self._widgets().items():
            self.fields[field] = widget
            label = QLabel(field_label(entry.kind, field))
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("e.g. counted wrong"))
        reason_label = QLabel(tr("Why"))
        reason_label.setBuddy(self.reason)
        form.addRow(reason_label, self.reason)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {theme.ACCENT}; font-weight: bold;")
        self.error.hide()
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._shown = {field: _value(widget) for field, widget in self.fields.items()}
        first = next(iter(self.fields.values()))
        first.setFocus()

    def _widgets(self) -> dict[str, QWidget]:
        record = self.entry.record
        widgets: dict[str, QWidget] = {}
        for field in FIELDS[self.entry.kind]:
            value = getattr(record, "where" if field == "location" else field)
            if field in ("planned_reps", "done_reps", "score"):
                spin = QSpinBox()
                spin.setRange(0, 10 if field == "score" else 9999)
                spin.setValue(value)
                widgets[field] = spin
            elif field in ("hold_achieved", "value"):
                if field == "hold_achieved" and value is None:
                    continue  # a set without holds has no seconds to correct
                number = QDoubleSpinBox()
                number.setDecimals(1 if field == "hold_achieved" else 2)
                if field == "hold_achieved":
                    number.setRange(0.0, 36000.0)
                else:
                    number.setRange(-1e6, 1e6)
                number.setValue(value)
                widgets[field] = number
            elif field == "skipped":
                box = QCheckBox()
                box.setChecked(value)
                widgets[field] = box
            elif field == "moment":
                choice = QComboBox()
                for moment in MOMENTS:
                    choice.addItem(moment_text(moment), moment)
                choice.setCurrentIndex(MOMENTS.index(value or "during"))
                widgets[field] = choice
            else:
                line = QLineEdit(value or "")
                if field == "load":
                    line.setPlaceholderText(tr("none, or e.g. 5 kg, red band, level 3"))
                widgets[field] = line
        return widgets

    def changes(self) -> dict[str, object]:
        """The fields changed in the form, with their new values."""
        now = {field: _value(widget) for field, widget in self.fields.items()}
        return {field: value for field, value in now.items() if value != self._shown[field]}

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    assert isinstance(widget, QLineEdit)
    return widget.text()


# --------------------------------------------------------------------------- the list


class SessionEntriesDialog(QDialog):
    """Every entry of the session ``session_row``, to correct or delete one.

    ``ask`` asks before deleting (tests pass their own answer); ``changed`` is emitted
    after each correction, deletion or undo."""

    changed = Signal()

    def __init__(
        self,
        journal: Journal,
        session_row: int,
        library: Library,
        parent: QWidget | None = None,
        *,
        ask: AskToDelete = ask_to_delete,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.session_row = session_row
        self.library = library
        self.ask = ask
        self.form: EntryForm | None = None
        self.entries: list[Entry] = []
        self._done: list[str] = []  # entries changed here, last last: what Undo takes back
        session = journal.session(session_row)
        self.setWindowTitle(tr("Entries of a session — Session Guide"))
        self.setStyleSheet(theme.STYLESHEET + theme.HISTORY_STYLE)
        self.resize(900, 560)

        title = QLabel(
            tr(
                "{session}, {day} ({state})",
                session=translated(session.title),
                day=day_text(session.started_on),
                state=state_text(session.state),
            )
        )
        title.setObjectName("heading")
        title.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only = QLabel()
        self.read_only.setObjectName("muted")
        self.read_only.setWordWrap(True)
        self.read_only.setTextFormat(Qt.TextFormat.PlainText)
        owned = journal.held.read_only if isinstance(journal, ReadOnlyJournal) else None
        self.read_only.setText(
            tr("Nothing can be corrected here: {reason}", reason=owned) if owned else ""
        )
        self.read_only.setVisible(owned is not None)
        self.writable = owned is None

        headers = [tr("Entry"), tr("Exercise or measurement"), tr("Side"), tr("Set")]
        headers += [tr("Recorded"), tr("Corrected")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(tr("Entries of the session"))
        self.table.itemSelectionChanged.connect(self._chosen_changed)
        self.table.doubleClicked.connect(self.correct_chosen)
        self.changes = QLabel()
        self.changes.setObjectName("muted")
        self.changes.setWordWrap(True)
        self.changes.setTextFormat(Qt.TextFormat.PlainText)
        self.empty = QLabel(tr("Nothing was recorded in this session."))
        self.empty.setObjectName("muted")

        self.correct_button = QPushButton(tr("Correct…"))
        self.correct_button.setDefault(True)  # Enter
        self.correct_button.setToolTip(tr("Correct the chosen entry (Enter)"))
        self.correct_button.clicked.connect(self.correct_chosen)
        self.delete_button = QPushButton(tr("Delete…"))
        self.delete_button.setToolTip(tr("Delete the chosen entry (Delete)"))
        self.delete_button.clicked.connect(self.delete_chosen)
        self.undo_button = QPushButton(tr("Undo"))
        self.undo_button.setToolTip(tr("Take back the last change made here (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo)
        self.close_button = QPushButton(tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        for button in (self.delete_button, self.undo_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.read_only)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.changes)
        layout.addLayout(buttons)
        self.refresh()
        self.table.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete deletes the chosen entry, Ctrl+Z undoes; Enter is the Correct button's
        (the default button), Esc closes."""
        if event.matches(QKeySequence.StandardKey.Delete):
            self.delete_chosen()
        elif event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        else:
            super().keyPressEvent(event)

    # ----------------------------------------------------------------- reading

    def refresh(self) -> None:
        """Read the session's entries again and list them, keeping the chosen one."""
        chosen = self.chosen()
        row = self.session_row
        kinds: tuple[tuple[EntryKind, Sequence[Record]], ...] = (
            ("set", self.journal.sets_for(row)),
            ("measurement", self.journal.measurements_for(row)),
            ("pain", self.journal.pain_for(row)),
            ("effort", self.journal.effort_for(row)),
        )
        entries = [Entry(kind, r.uid or "", r) for kind, records in kinds for r in records]
        self.entries = entries
        self.table.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            record = entry.record
            set_number = str(record.set_number) if isinstance(record, SetRecord) else ""
            cells = [
                _kind_title(entry.kind),
                _what(entry, self.library),
                side_label(record.side),
                set_number,
                _recorded(entry),
                tr("✎ corrected") if record.corrected else "",
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2:  # the word and arrow tell the side; its colour only helps
                    colour = {"left": theme.LEFT, "right": theme.RIGHT}.get(record.side, theme.TEXT)
                    item.setForeground(QBrush(QColor(colour)))
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        wide = sum(
            max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c))
            for c in range(self.table.columnCount())
        )
        self.table.setMinimumWidth(min(wide + 2 * self.table.frameWidth() + 24, 1200))
        self.empty.setVisible(not entries)
        uids = [e.uid for e in entries]
        if entries:
            keep = uids.index(chosen.uid) if chosen is not None and chosen.uid in uids else 0
            self.table.selectRow(keep)
        self._chosen_changed()

    def chosen(self) -> Entry | None:
        row = self.table.currentRow()
        selected = self.table.selectionModel().hasSelection()
        return self.entries[row] if selected and 0 <= row < len(self.entries) else None

    def choose(self, kind: EntryKind, index: int = 0) -> Entry:
        """Choose the ``index``-th entry of ``kind`` in the list (as a click would)."""
        rows = [r for r, e in enumerate(self.entries) if e.kind == kind]
        self.table.selectRow(rows[index])
        return self.entries[rows[index]]

    def _chosen_changed(self) -> None:
        entry = self.chosen()
        for button in (self.correct_button, self.delete_button):
            button.setEnabled(self.writable and entry is not None)
        self.undo_button.setEnabled(self.writable and bool(self._done))
        text = ""
        if entry is not None and entry.record.corrected:
            lines = [change_words(c) for c in self.journal.corrections_for(entry.uid)]
            text = tr("Corrected: {changes}", changes="; ".join(lines))
        self.changes.setText(text)

    # ----------------------------------------------------------------- changing

    def correct_chosen(self) -> None:
        """Open the form for the chosen entry (it does not block)."""
        entry = self.chosen()
        if entry is None or not self.writable:
            return
        self.form = EntryForm(entry, self.library, self)
        self.form.save_button.clicked.connect(self._save_form)
        self.form.open()

    def _save_form(self) -> None:
        form = self.form
        if form is None:
            return
        entry = form.entry
        try:
            done = self.journal.correct(entry.kind, entry.uid, form.changes(), form.reason.text())
        except ValueError as error:
            form.show_error(str(error))
            return
        except StorageError as error:
            form.show_error(error.message)
            return
        form.accept()
        self.form = None
        if done is not None:
            self._changed(entry.uid)

    def delete_chosen(self) -> None:
        """Ask, then delete the chosen entry (kept as a correction; Undo puts it back)."""
        entry = self.chosen()
        if entry is None or not self.writable:
            return
        question = tr(
            "Delete this {kind} from the history?\n{entry}\n\nWhat it was is kept, and Undo "
            "puts it back.",
            kind=kind_words(entry.kind),
            entry=_describe(entry, self.library),
        )
        reason = self.ask(self, question)
        if reason is None:
            return
        if self._try(lambda: self.journal.delete_entry(entry.kind, entry.uid, reason)):
            self._changed(entry.uid)

    def undo(self) -> None:
        """Take back the last correction or deletion made in this dialog."""
        if not self._done or not self.writable:
            return
        uid = self._done[-1]
        if self._try(lambda: self.journal.undo_correction(uid)):
            self._done.pop()
            self.refresh()
            self.changed.emit()

    def _try(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except (ValueError, StorageError) as error:
            self.changes.setText(getattr(error, "message", None) or str(error))
            return False
        return True

    def _changed(self, uid: str) -> None:
        self._done.append(uid)
        self.refresh()
        self.changed.emit()
