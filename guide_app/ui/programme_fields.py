"""The fields a programme needs beyond the common ones: a paragraph, the weekdays, an
exercise chosen by name or typed as an id, and a place that only shows its problems.

Two parts of a programme may be words alone or a mapping: ``frequency: daily`` or
``{text: daily, days_a_week: 7}``, and a rule's ``then: add the band`` or ``{band:
next, say: add the band}``. ``WordsField`` shows the words either way, and
``words_to_mapping`` turns an edit of one key into the mapping form, the words kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.i18n import tr
from guide_app.core.programme_model import WEEKDAYS
from guide_app.ui.editor_fields import Field, TextField, shown, undo_goes_to_editor

# A mapping that may be given as words alone, and the key its words go to.
WORDS_KEY = {"frequency": "text", "then": "say"}

Replace = Callable[[Loc, Any, str], None]  # a list changed as one step to undo
F = TypeVar("F", bound=Field)


def words_to_mapping(draft: Draft, loc: Loc, value: Any) -> tuple[Loc, Any]:
    """An edit of ``frequency.days_a_week`` (or ``then.sets``...) where the file gives
    words alone: the whole mapping, the words under their key. Other edits as they are."""
    if len(loc) < 2 or loc[-2] not in WORDS_KEY:
        return loc, value
    parent = draft.get(loc[:-1], MISSING)
    if not isinstance(parent, str):
        return loc, value
    mapping: dict[str, Any] = {WORDS_KEY[str(loc[-2])]: parent}
    if value is MISSING:
        mapping.pop(str(loc[-1]), None)
    else:
        mapping[str(loc[-1])] = value
    return loc[:-1], mapping if mapping else MISSING


def _load(field: Field, value: Any) -> None:
    """Show ``value`` in the field unless it shows it already."""
    if field.value() == value:
        return
    field._loading = True
    try:
        field.show_value(value)
    finally:
        field._loading = False


class WordsField(TextField):
    """The words of a frequency or a change: ``frequency.text`` shows ``frequency:
    daily`` too."""

    def load(self) -> None:
        parent = self.draft.get(self.loc[:-1], MISSING)
        _load(self, parent if isinstance(parent, str) else self.draft.get(self.loc, MISSING))


class PlainWordsField(TextField):
    """``then`` given in words; a change given as a mapping is not shown here."""

    def load(self) -> None:
        value = self.draft.get(self.loc, MISSING)
        _load(self, value if isinstance(value, str) else MISSING)


class WeekdaysField(Field):
    """Which days of the week: seven boxes, Monday first."""

    def __init__(self, draft: Draft, loc: Loc) -> None:
        holder = QWidget()
        grid = QGridLayout(holder)  # two rows: Monday to Thursday, Friday to Sunday
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        words = (tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun"))
        self.boxes: dict[str, QCheckBox] = {}
        for i, (day, word) in enumerate(zip(WEEKDAYS, words, strict=True)):
            box = QCheckBox(word)
            box.setAccessibleName(word)
            self.boxes[day] = box
            grid.addWidget(box, i // 4, i % 4)
        grid.setColumnStretch(4, 1)
        super().__init__(draft, loc, holder)
        for box in self.boxes.values():
            undo_goes_to_editor(box)
            box.toggled.connect(self._changed)
        self.load()

    def value(self) -> Any:
        days = [day for day, box in self.boxes.items() if box.isChecked()]
        return days if days else MISSING

    def show_value(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for day, box in self.boxes.items():
            box.setChecked(day in chosen)


class IdChoice(Field):
    """An exercise (or session) chosen by its name from a list, or typed as an id."""

    def __init__(self, draft: Draft, loc: Loc, placeholder: str = "") -> None:
        self.combo = QComboBox()
        self.combo.setMaxVisibleItems(16)
        line = searching(self.combo)
        line.setPlaceholderText(placeholder)
        self.choices: list[tuple[str, str]] = []
        super().__init__(draft, loc, self.combo)
        self.combo.currentIndexChanged.connect(self._changed)
        line.textEdited.connect(self._changed)
        self.load()

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        """Offer these (id, label) pairs; the value shown stays."""
        if list(choices) == self.choices:
            return
        self.choices = list(choices)
        self._loading = True
        try:
            self.combo.clear()
            for item_id, label in self.choices:
                self.combo.addItem(label, item_id)
            self.show_value(self.draft.get(self.loc, MISSING))
        finally:
            self._loading = False

    def value(self) -> Any:
        return chosen_id(self.combo)

    def show_value(self, value: Any) -> None:
        index = self.combo.findData(value) if isinstance(value, str) else -1
        self.combo.setCurrentIndex(index)
        if index < 0:
            self.combo.setEditText(shown(value))


def searching(combo: QComboBox) -> QLineEdit:
    """Make an editable combo find its entries by any words of them; its line."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    line = combo.lineEdit()
    assert completer is not None and line is not None
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    undo_goes_to_editor(line)
    return line


def chosen_id(combo: QComboBox, *, partial: bool = False) -> Any:
    """The id a combo of (label, id) items names: the item whose label or id is typed,
    with ``partial`` the one item whose label holds the words typed, else the words as
    an id."""
    text = combo.currentText().strip()
    if not text:
        return MISSING
    folded = text.casefold()
    labels = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    for label, item_id in labels:
        if folded in (label.casefold(), str(item_id).casefold()):
            return item_id
    if partial:
        holding = [item_id for label, item_id in labels if folded in label.casefold()]
        if len(holding) == 1:
            return holding[0]
    return text


class ProblemsAt(Field):
    """A part of the form that edits nothing itself (a list, a group) but shows the
    problems at its place: a phase's sessions, its frequency as a whole."""

    def load(self) -> None:
        """Nothing to show: the widget is filled by its owner."""

    def value(self) -> Any:
        return self.draft.get(self.loc, MISSING)

    def show_value(self, value: Any) -> None:
        """The owner shows the value."""


def add_row_of(form: QFormLayout, label: str, parts: Sequence[tuple[str, Field]]) -> None:
    """A labelled row of ``form`` holding a few short fields side by side (sets and
    reps), each with its own caption, their problem lines under them."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    row = QHBoxLayout()
    row.setSpacing(8)
    for i, (caption, field) in enumerate(parts):
        if i:
            words = QLabel(caption)
            words.setBuddy(field.widget)
            row.addWidget(words)
        row.addWidget(field.widget, 1)
        field.widget.setAccessibleName(caption.replace("&", ""))
    column.addLayout(row)
    for _, field in parts:
        column.addWidget(field.problem)
    first = QLabel(label)
    first.setBuddy(parts[0][1].widget)
    form.addRow(first, holder)
