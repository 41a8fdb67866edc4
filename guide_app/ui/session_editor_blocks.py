"""A session's blocks as the editor lists them: each in a few words, a new one of each
kind, and the list a person reorders with the keys or by dragging.

A block is one of exercise, note, circuit, intervals or measure (``block_kind`` reads
which from the data as the file has it). ``block_words`` says it in short: "Clamshell:
3 x 15", "Note: Warm up first", "Circuit x3: Clamshell, Bridge", "Intervals 20/10 x8:
Jump squat", "Measure: Knee bend (degrees)". ``BlockList`` is a list of them that moves
the chosen one with Alt+Up and Alt+Down and reports a drag as the new order; the editor
turns either into one undoable change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from guide_app.core import symbols
from guide_app.core.i18n import tr
from guide_app.core.model import Exercise

KINDS = ("exercise", "circuit", "intervals", "measure", "note")
GROUPS = ("circuit", "intervals")  # blocks that hold exercises of their own


def block_kind(block: Any) -> str | None:
    """Which kind of block the data is (as the loader decides it), or None."""
    if isinstance(block, Mapping):
        for key in KINDS:
            if key in block:
                return key
    return None


def new_block(kind: str) -> dict[str, Any]:
    """A block of ``kind`` as it is added, to be filled in."""
    if kind == "note":
        return {"note": ""}
    if kind == "circuit":
        return {"circuit": {"rounds": 3, "rest": 60, "exercises": []}}
    if kind == "intervals":
        return {"intervals": {"work": 20, "rest": 10, "rounds": 8, "exercises": []}}
    if kind == "measure":
        return {"measure": {"name": "", "unit": ""}}
    raise ValueError(kind)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def dosage_words(dosage: Any) -> str:
    """A dosage in short: '3 x 20', '3 x hold 30 s', '2 x 8-12, 5 kg', 'per side'."""
    if not isinstance(dosage, Mapping):
        return ""
    sets, reps, hold = dosage.get("sets"), dosage.get("reps"), dosage.get("hold")
    parts: list[str] = []
    if hold is not None and reps is None:
        amount = tr("hold {seconds} s", seconds=_text(hold))
    elif reps is not None and hold is not None:
        amount = tr("{reps}, hold {seconds} s", reps=_text(reps), seconds=_text(hold))
    elif reps is not None:
        amount = _text(reps)
    else:
        amount = ""
    if sets is not None and amount:
        parts.append(tr("{sets} x {amount}", sets=_text(sets), amount=amount))
    elif sets is not None:
        parts.append(tr("{sets} sets", sets=_text(sets)))
    elif amount:
        parts.append(amount)
    if isinstance(dosage.get("tempo"), Mapping):
        parts.append(tr("tempo"))
    if dosage.get("load") is not None:
        parts.append(_text(dosage["load"]))
    if dosage.get("per_side"):
        parts.append(tr("per side"))
    if dosage.get("only"):
        parts.append(tr("{side} only", side=_text(dosage["only"])))
    return ", ".join(parts)


def exercise_name(exercises: Mapping[str, Exercise], exercise_id: Any) -> str:
    """The exercise's name, or its id as written when it is not in the library."""
    if not isinstance(exercise_id, str) or not exercise_id:
        return tr("(no exercise chosen)")
    found = exercises.get(exercise_id)
    return found.name if found is not None else exercise_id


def exercise_words(exercises: Mapping[str, Exercise], block: Mapping[str, Any]) -> str:
    """'Clamshell: 3 x 15' (the block's own dosage, if it gives one)."""
    name = exercise_name(exercises, block.get("exercise"))
    dosage = dosage_words(block.get("dosage"))
    if block.get("by_week"):
        dosage = ", ".join(p for p in (dosage, tr("by week")) if p)
    return tr("{name}: {dosage}", name=name, dosage=dosage) if dosage else name


def _names(exercises: Mapping[str, Exercise], group: Mapping[str, Any]) -> str:
    inner = group.get("exercises")
    if not isinstance(inner, Sequence) or not inner:
        return tr("no exercises yet")
    return ", ".join(
        exercise_name(exercises, b.get("exercise")) if isinstance(b, Mapping) else "?"
        for b in inner
    )


def block_words(exercises: Mapping[str, Exercise], block: Any) -> str:
    """A block in a few words, as the list shows it."""
    kind = block_kind(block)
    if kind is None:
        return tr("(a block of no known kind)")
    assert isinstance(block, Mapping)
    body = block[kind]
    if kind == "exercise":
        return exercise_words(exercises, block)
    if kind == "note":
        return tr("Note: {text}", text=_text(body) if body else "...")
    if not isinstance(body, Mapping):
        return kind
    title = body.get("title")
    if kind == "circuit":
        words = tr(
            "Circuit x{rounds}: {names}",
            rounds=_text(body.get("rounds", "?")),
            names=_names(exercises, body),
        )
    elif kind == "intervals":
        words = tr(
            "Intervals {work}/{rest} x{rounds}: {names}",
            work=_text(body.get("work", "?")),
            rest=_text(body.get("rest", "?")),
            rounds=_text(body.get("rounds", "?")),
            names=_names(exercises, body),
        )
    else:
        name = body.get("name") or "..."
        unit = body.get("unit")
        words = (
            tr("Measure: {name} ({unit})", name=_text(name), unit=_text(unit))
            if unit
            else tr("Measure: {name}", name=_text(name))
        )
    return tr("{title}. {words}", title=_text(title), words=words) if title else words


def moved(items: Sequence[Any], index: int, step: int) -> list[Any] | None:
    """``items`` with the one at ``index`` moved ``step`` places, or None if it cannot."""
    target = index + step
    if not 0 <= index < len(items) or not 0 <= target < len(items):
        return None
    out = list(items)
    out.insert(target, out.pop(index))
    return out


class _MoveKeys(QObject):
    """Alt+Up and Alt+Down on a list move its chosen item."""

    def __init__(self, owner: BlockList) -> None:
        super().__init__(owner)
        self.owner = owner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() != Qt.KeyboardModifier.AltModifier:
            return False
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        if step is None:
            return False
        self.owner.move_requested.emit(step)
        return True


class BlockList(QListWidget):
    """Blocks (or a circuit's exercises) in order; the chosen one moves with Alt+Up and
    Alt+Down (``move_requested(step)``) or by dragging (``reordered(order)``: the old
    index of each item, in the new order)."""

    move_requested = Signal(int)
    reordered = Signal(object)  # list[int]

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.installEventFilter(_MoveKeys(self))

    def show_items(self, texts: Sequence[str], problems: Sequence[bool] = ()) -> None:
        """Show these items, numbered; items keep their place in the list (and the
        chosen one stays chosen) when only their words changed."""
        marked = [
            f"{i + 1}. {symbols.WARNING + ' ' if i < len(problems) and problems[i] else ''}{t}"
            for i, t in enumerate(texts)
        ]
        blocked = self.blockSignals(True)
        try:
            if self.count() != len(texts):
                row = self.currentRow()
                self.clear()
                for text in marked:
                    self.addItem(QListWidgetItem(text))
                if self.count():
                    self.setCurrentRow(min(max(row, 0), self.count() - 1))
            for i, text in enumerate(marked):
                item = self.item(i)
                if item.text() != text:
                    item.setText(text)
                    item.setToolTip(texts[i])
        finally:
            self.blockSignals(blocked)

    def dropEvent(self, event: QDropEvent) -> None:
        """The chosen item dropped on the list: report the new order; the editor makes
        it a change and shows the list again (Qt does not move the items itself)."""
        if event.source() not in (self, None):
            event.ignore()
            return
        source = self.currentRow()
        if not 0 <= source < self.count():
            event.ignore()
            return
        at = event.position().toPoint()
        index = self.indexAt(at)
        if index.isValid():
            target = index.row() + (1 if at.y() > self.visualRect(index).center().y() else 0)
        else:
            target = self.count()
        if target > source:
            target -= 1
        event.setDropAction(Qt.DropAction.IgnoreAction)  # nothing for the drag to remove
        event.accept()
        if target != source:
            order = list(range(self.count()))
            order.insert(target, order.pop(source))
            self.reordered.emit(order)
