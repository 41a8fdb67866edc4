"""The exercise editor's lists: cues and questions to add, remove and reorder, and the
fields that edit the chosen one.

``ItemList`` shows a list in the draft (``cues``, ``faq``) and changes it as a whole:
each add, remove or move is one step to undo (``replaced(loc, list, what)``). Alt+Up
and Alt+Down on the list move the chosen item; Delete removes it. ``CueField`` edits
the chosen cue's words and whether it is spoken: a spoken cue is written as plain
text, one shown but not spoken as ``{text: ..., speak: false}``. ``HolderField``
shows the problems of a place no single field edits (the whole list, the dosage).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from guide_app.core import symbols
from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.i18n import tr
from guide_app.ui.editor_fields import Field, shown

MOVE_KEYS: dict[int, int] = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}


# --------------------------------------------------------------------------- cues as data


def cue_text(cue: Any) -> str:
    """A cue's words, whichever way the file writes it."""
    if isinstance(cue, dict):
        return shown(cue.get("text"))
    return shown(cue)


def cue_spoken(cue: Any) -> bool:
    """Whether a cue is spoken aloud (it is unless it says ``speak: false``)."""
    return not (isinstance(cue, dict) and cue.get("speak") is False)


def cue_value(text: str, spoken: bool) -> Any:
    """A cue as the file writes it: plain text when spoken, a mapping when not."""
    return text if spoken else {"text": text, "speak": False}


def cue_label(row: int, cue: Any) -> str:
    """How the list shows a cue: its number, its words, and a mark when not spoken."""
    words = cue_text(cue) or tr("(no words yet)")
    label = tr("{n}. {cue}", n=row + 1, cue=words)
    return label if cue_spoken(cue) else tr("{cue}  (shown, not spoken)", cue=label)


def question_label(row: int, item: Any) -> str:
    """How the list shows a question."""
    question = shown(item.get("q")) if isinstance(item, dict) else ""
    return tr("{n}. {question}", n=row + 1, question=question or tr("(no question yet)"))


# --------------------------------------------------------------------------- fields


class HolderField(Field):
    """Shows the problems of a place no single field edits: a list as a whole, the
    dosage. It never edits anything."""

    def value(self) -> Any:
        return self.draft.get(self.loc, MISSING)

    def show_value(self, value: Any) -> None:
        pass


class CueField(Field):
    """The chosen cue: its words, and whether they are spoken when the step is reached.

    Typing is an edit of the cue (``edited``); ticking "spoken" is a step of its own to
    undo (``spoken_changed(loc, cue, what)``)."""

    spoken_changed = Signal(object, object, str)

    def __init__(self, draft: Draft, loc: Loc) -> None:
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(tr("What to do at this step, e.g. 'Lift the top knee.'"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 16)
        self.spoken = QCheckBox(tr("&Spoken aloud when the step is reached"))
        super().__init__(draft, loc, self.text)
        self.text.textChanged.connect(self._changed)
        self.spoken.toggled.connect(self._toggled)
        self.load()

    def value(self) -> Any:
        words = self.text.toPlainText().strip()
        spoken = self.spoken.isChecked()
        current = self.draft.get(self.loc, MISSING)
        if isinstance(current, dict) and cue_spoken(current) == spoken:
            return {**current, "text": words}  # a cue written as a mapping stays one
        return cue_value(words, spoken)

    def show_value(self, value: Any) -> None:
        self.text.setPlainText(cue_text(value) if value is not MISSING else "")
        self.spoken.setChecked(cue_spoken(value))

    def _toggled(self, on: bool) -> None:
        if self._loading:
            return
        what = tr("Mark cue spoken") if on else tr("Mark cue not spoken")
        self.spoken_changed.emit(self.loc, cue_value(self.text.toPlainText().strip(), on), what)


# --------------------------------------------------------------------------- the list


@dataclass(frozen=True, slots=True)
class ListWords:
    """What a list's buttons say and what its changes are called in the undo history."""

    add: str  # the button, e.g. "&Add cue"
    added: str  # "Add cue"
    removed: str  # "Remove cue"
    moved: str  # "Move cue"


class ItemList(Field):
    """A list in the draft to choose from, add to, remove from and reorder.

    ``chosen(row)`` says which item is chosen (-1: none); each change of the list is
    ``replaced(loc, new_list, what)``, for the editor to make one undoable step."""

    chosen = Signal(int)
    replaced = Signal(object, object, str)

    def __init__(
        self,
        draft: Draft,
        loc: Loc,
        words: ListWords,
        label: Callable[[int, Any], str],
        new_item: Callable[[], Any],
    ) -> None:
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.words = words
        self._label = label
        self._new_item = new_item
        self._shown: Any = MISSING
        super().__init__(draft, loc, self.list)
        self.add_button = QPushButton(words.add)
        self.remove_button = QPushButton(tr("Remove"))
        self.up_button = QPushButton(tr("Move up"))
        self.down_button = QPushButton(tr("Move down"))
        self.up_button.setToolTip(tr("Alt+Up"))
        self.down_button.setToolTip(tr("Alt+Down"))
        self.remove_button.setToolTip(tr("Delete"))
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        row.addStretch(1)
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.installEventFilter(self)
        self.load()
        if self.list.count():
            self.list.setCurrentRow(0)
        self._enable()

    # ------------------------------------------------------------------ reading

    def items(self) -> list[Any]:
        value = self.draft.get(self.loc, MISSING)
        return list(value) if isinstance(value, list) else []

    @property
    def row(self) -> int:
        return self.list.currentRow()

    def value(self) -> Any:
        return self._shown

    def show_value(self, value: Any) -> None:
        self._shown = copy.deepcopy(value)
        items = value if isinstance(value, list) else []
        row = self.list.currentRow()
        if self.list.count() != len(items):
            self.list.blockSignals(True)
            self.list.clear()
            self.list.addItems([self._label(i, item) for i, item in enumerate(items)])
            self.list.blockSignals(False)
            self.list.setCurrentRow(min(max(row, 0), len(items) - 1) if items else -1)
            self.chosen.emit(self.list.currentRow())
        else:
            for i, item in enumerate(items):
                self.list.item(i).setText(self._label(i, item))
        self._enable()

    # ------------------------------------------------------------------ changing

    def add(self) -> None:
        """A new item after the chosen one (at the end when none is chosen)."""
        items = self.items()
        at = self.row + 1 if self.row >= 0 else len(items)
        items.insert(at, self._new_item())
        self._replace(items, self.words.added, at)

    def remove(self) -> None:
        """Remove the chosen item."""
        items, row = self.items(), self.row
        if not 0 <= row < len(items):
            return
        del items[row]
        self._replace(items, self.words.removed, min(row, len(items) - 1))

    def move(self, step: int) -> bool:
        """Move the chosen item ``step`` places (-1 up, 1 down); False when it cannot."""
        items, row = self.items(), self.row
        to = row + step
        if not (0 <= row < len(items) and 0 <= to < len(items)):
            return False
        items[row], items[to] = items[to], items[row]
        self._replace(items, self.words.moved, to)
        return True

    def choose(self, row: int) -> None:
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)

    def _replace(self, items: list[Any], what: str, row: int) -> None:
        self.replaced.emit(self.loc, items if items else MISSING, what)
        self.list.setCurrentRow(row)
        self._enable()

    def _row_changed(self, row: int) -> None:
        self._enable()
        self.chosen.emit(row)

    def _enable(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Alt+Up / Alt+Down move the chosen item; Delete removes it."""
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        alt = event.modifiers() == Qt.KeyboardModifier.AltModifier
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        ours = (alt and key in MOVE_KEYS) or (plain and key == Qt.Key.Key_Delete)
        if not ours:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the list takes these keys, not the window's shortcuts
            return True
        if key == Qt.Key.Key_Delete:
            self.remove()
        else:
            self.move(MOVE_KEYS[key])
        return True


def list_hint() -> str:
    """The line under a list saying how to reorder it by keys."""
    return tr("Alt+Up / Alt+Down move the chosen one {dot} Delete removes it", dot=symbols.DOT)
