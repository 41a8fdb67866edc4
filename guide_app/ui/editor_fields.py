"""Form fields bound to one place in a draft: they show its value, edit it and show
what ``validate`` says of it.

A field (``TextField``, ``AmountField``, ``ChoiceField``, ``LinesField``,
``ParagraphField``, ``CheckField``) knows its place (``loc``, e.g.
``("blocks", 2, "dosage", "reps")``) and reports an edit as ``edited(loc, value)``;
the editor turns that into an undoable change. ``load`` shows the draft's value again
(after an undo, or when the form is pointed at another block with ``rebase``). Each
field has a line under it for the problems found at its place. Emptying a field
removes its key from the file. ``add_row`` puts a field in a form with its label;
``scrolled`` puts a form in a scroll area.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guide_app.core import symbols
from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.i18n import tr
from guide_app.ui import theme

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
PROBLEM_STYLE = f"color: {theme.ACCENT};"


def amount(text: str) -> Any:
    """What a person types as a number: ``20`` -> 20, ``2.5`` -> 2.5, ``8-12`` and
    ``5 kg`` stay text (the format reads them), nothing -> no value."""
    text = text.strip()
    if not text:
        return MISSING
    if _NUMBER.match(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    return text


def shown(value: Any) -> str:
    """A value as a field shows it."""
    if value is None or value is MISSING:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {shown(v)}" for k, v in value.items())
    return str(value)


class _KeepUndoForTheEditor(QObject):
    """Ctrl+Z and Ctrl+Shift+Z in a field undo the editor's changes, not the field's
    typing: the field lets those keys go to the window's shortcuts."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
                QKeySequence.StandardKey.Redo
            ):
                return True  # not accepted by the field: the shortcut takes it
        return False


_UNDO_FILTER = _KeepUndoForTheEditor()


def undo_goes_to_editor(widget: QWidget) -> None:
    """Ctrl+Z and Ctrl+Shift+Z on ``widget`` undo the editor's changes, not its typing."""
    widget.installEventFilter(_UNDO_FILTER)


class Field(QObject):
    """One place in the draft and the control that edits it."""

    edited = Signal(object, object)  # loc, value (MISSING: remove the key)

    def __init__(self, draft: Draft, loc: Loc, widget: QWidget) -> None:
        super().__init__(widget)
        self.draft = draft
        self.loc = loc
        self.widget = widget
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self._loading = False
        undo_goes_to_editor(widget)

    def rebase(self, loc: Loc) -> None:
        """Point the field at another place (another block's dosage) and show it."""
        self.loc = loc
        self.load()

    def load(self) -> None:
        """Show the draft's value, unless the control already shows it (keeping the
        cursor where the person is typing)."""
        value = self.draft.get(self.loc, MISSING)
        if self.value() == value:
            return
        self._loading = True
        try:
            self.show_value(value)
        finally:
            self._loading = False

    def show_problems(self, messages: Sequence[str]) -> None:
        text = "\n".join(f"{symbols.WARNING} {m}" for m in messages)
        self.problem.setText(text)
        self.problem.setVisible(bool(messages))
        self.widget.setToolTip(text)
        self.widget.setProperty("problem", bool(messages))

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit(self.loc, self.value())

    # a control's own part
    def value(self) -> Any:
        raise NotImplementedError

    def show_value(self, value: Any) -> None:
        raise NotImplementedError


class TextField(Field):
    """A line of text: a title, a name, a note."""

    def __init__(self, draft: Draft, loc: Loc, placeholder: str = "") -> None:
        self.line = QLineEdit()
        self.line.setPlaceholderText(placeholder)
        super().__init__(draft, loc, self.line)
        self.line.textEdited.connect(self._changed)
        self.load()

    def value(self) -> Any:
        text = self.line.text().strip()
        return text if text else MISSING

    def show_value(self, value: Any) -> None:
        self.line.setText(shown(value))


class AmountField(TextField):
    """A number, a range (``8-12``) or an amount with its unit (``5 kg``)."""

    def value(self) -> Any:
        return amount(self.line.text())


class ListField(TextField):
    """A short list on one line, separated by commas: equipment, targets."""

    def value(self) -> Any:
        items = [part.strip() for part in self.line.text().split(",") if part.strip()]
        return items if items else MISSING


class LinesField(Field):
    """A list of sentences, one a line: cues, tips, notes, stop signs."""

    def __init__(self, draft: Draft, loc: Loc, placeholder: str = "", lines: int = 4) -> None:
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(placeholder)
        self.text.setTabChangesFocus(True)
        height = self.text.fontMetrics().lineSpacing() * lines + 12
        self.text.setFixedHeight(height)
        super().__init__(draft, loc, self.text)
        self.text.textChanged.connect(self._changed)
        self.load()

    def value(self) -> Any:
        items = [line.strip() for line in self.text.toPlainText().splitlines() if line.strip()]
        return items if items else MISSING

    def show_value(self, value: Any) -> None:
        if isinstance(value, list):
            self.text.setPlainText("\n".join(shown(v) for v in value))
        else:
            self.text.setPlainText(shown(value))


class ParagraphField(Field):
    """A few sentences typed over a few lines, kept as one text: a summary, a goal, an
    answer, a note. ``keep`` keeps the key when the box is emptied (a note block is its
    text)."""

    def __init__(
        self, draft: Draft, loc: Loc, placeholder: str = "", lines: int = 3, keep: bool = False
    ) -> None:
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(placeholder)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * lines + 12)
        self.keep = keep
        super().__init__(draft, loc, self.text)
        self.text.textChanged.connect(self._changed)
        self.load()

    def value(self) -> Any:
        text = self.text.toPlainText().strip()
        if text:
            return text
        return "" if self.keep else MISSING

    def show_value(self, value: Any) -> None:
        self.text.setPlainText(shown(value))


class ChoiceField(Field):
    """One of a few values, or none given (the first entry)."""

    def __init__(
        self, draft: Draft, loc: Loc, choices: Sequence[tuple[Any, str]], none: str = ""
    ) -> None:
        """``choices`` are (value, label) pairs; ``none`` labels "not given"."""
        self.combo = QComboBox()
        self.combo.addItem(none or tr("(not given)"), MISSING)
        for value, label in choices:
            self.combo.addItem(label, value)
        super().__init__(draft, loc, self.combo)
        self.combo.currentIndexChanged.connect(self._changed)
        self.load()

    def value(self) -> Any:
        return self.combo.currentData()

    def show_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0 and value is not MISSING:  # a value the file has that is not offered
            self.combo.addItem(shown(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(0, index))


class CheckField(Field):
    """Yes or no; ``default`` is what leaving the key out means (it is left out then)."""

    def __init__(self, draft: Draft, loc: Loc, label: str, default: bool = False) -> None:
        self.box = QCheckBox(label)
        self.default = default
        super().__init__(draft, loc, self.box)
        self.box.toggled.connect(self._changed)
        self.load()

    def value(self) -> Any:
        on = self.box.isChecked()
        return MISSING if on == self.default else on

    def show_value(self, value: Any) -> None:
        self.box.setChecked(self.default if value is MISSING else bool(value))


def with_problem(field: Field) -> QWidget:
    """The field's widget with its problem line under it."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field.widget)
    column.addWidget(field.problem)
    return holder


def add_row(form: QFormLayout, label: str, field: Field) -> Field:
    """A labelled row of ``form`` holding the field and its problem line under it."""
    holder = with_problem(field)
    caption = QLabel(label)
    caption.setBuddy(field.widget)
    field.widget.setAccessibleName(label.replace("&", ""))
    form.addRow(caption, holder)
    return field


def scrolled(widget: QWidget, *, sideways: bool = False) -> QScrollArea:
    """``widget`` in a scroll area without a frame, scrolled up and down (and sideways,
    when it is wider than the area, if ``sideways``)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    if not sideways:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def connect_all(fields: Sequence[Field], edit: Callable[[Loc, Any], None]) -> None:
    """Every field's edits go to ``edit(loc, value)``."""
    for field in fields:
        field.edited.connect(edit)
