"""What the programme editor's lists share: Alt+Up/Alt+Down to move the chosen item,
the row that follows its item after a change, and a row of list buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton

from guide_app.core.i18n import tr


class MoveKeys(QObject):
    """Alt+Up and Alt+Down on a list move its chosen item (``move(step)``)."""

    def __init__(self, widget: QListWidget, move: Callable[[int], None]) -> None:
        super().__init__(widget)
        self.move = move
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
            if step is not None:
                self.move(step)
                return True
        return False


def follow(items: Sequence[Any], row: int, before: Any) -> int:
    """The row to choose after a change: where the chosen item went (a move undone),
    else the same row, kept inside the list (-1 when it is empty)."""
    if 0 <= row < len(items) and items[row] == before:
        return row
    if before is not None and before in items:
        return list(items).index(before)
    if not items:
        return -1
    return min(max(row, 0), len(items) - 1)


def moved(items: Sequence[Any], row: int, step: int) -> list[Any] | None:
    """The list with item ``row`` moved ``step`` places, or None when it cannot go."""
    target = row + step
    if not (0 <= row < len(items) and 0 <= target < len(items)):
        return None
    new = list(items)
    new.insert(target, new.pop(row))
    return new


class ListButtons(QHBoxLayout):
    """Add, Remove, Up and Down under a list."""

    def __init__(self, add_text: str, add_tip: str = "") -> None:
        super().__init__()
        self.add = QPushButton(add_text)
        self.add.setToolTip(add_tip)
        self.remove = QPushButton(tr("Remove"))
        self.up = QPushButton(tr("Up"))
        self.up.setToolTip(tr("Move up (Alt+Up)"))
        self.down = QPushButton(tr("Down"))
        self.down.setToolTip(tr("Move down (Alt+Down)"))
        for button in (self.add, self.remove, self.up, self.down):
            self.addWidget(button)
        self.addStretch(1)

    def enable(self, row: int, count: int) -> None:
        self.remove.setEnabled(0 <= row < count)
        self.up.setEnabled(0 < row < count)
        self.down.setEnabled(0 <= row < count - 1)
