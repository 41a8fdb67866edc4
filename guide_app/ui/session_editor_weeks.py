"""An exercise block's dosage week by week (``by_week``), as a small table.

Each row is a week or weeks (``1``, ``3-4``) and what changes in them: sets, reps, hold,
rest, load. A field left empty leaves that key out of the row (the block's dosage
applies). Typing in a row is one step to undo; adding, removing or renaming a row is
one too. Anything more a row says (a tempo, a per-side table) stays as the file has it.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core import symbols
from guide_app.core.content_check import Checked
from guide_app.core.content_draft import MISSING, Loc
from guide_app.core.i18n import tr
from guide_app.ui.editor_base import DraftEditor
from guide_app.ui.editor_fields import PROBLEM_STYLE, amount, shown

COLUMNS = ("sets", "reps", "hold", "rest", "load")
_WEEKS = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$")


def week_key(text: str) -> int | str | None:
    """What a person types as weeks: '3' -> 3, '3-4' -> '3-4'; None if it is not weeks."""
    match = _WEEKS.match(text)
    if not match:
        return None
    first, last = match.group(1), match.group(2)
    return int(first) if last is None else f"{int(first)}-{int(last)}"


def next_week(keys: list[Any]) -> int:
    """The week after the last row's last week."""
    last = 0
    for key in keys:
        match = _WEEKS.match(str(key))
        if match:
            last = max(last, int(match.group(2) or match.group(1)))
    return last + 1


class WeekTable(QGroupBox):
    """The ``by_week`` rows of the exercise block at ``base``."""

    def __init__(self, editor: DraftEditor, base: Loc, parent: QWidget | None = None) -> None:
        super().__init__(tr("Week by week (each row changes the dosage for those weeks)"), parent)
        self.editor = editor
        self.base = base
        self.keys: list[Any] = []
        self.cells: dict[tuple[int, str], QLineEdit] = {}
        self.grid = QGridLayout()
        self.add_button = QPushButton(tr("Add a week row"))
        self.add_button.clicked.connect(self.add_row)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self._build()

    @property
    def loc(self) -> Loc:
        return (*self.base, "by_week")

    def rows(self) -> dict[Any, Any]:
        value = self.editor.draft.get(self.loc, MISSING)
        return dict(value) if isinstance(value, dict) else {}

    def rebase(self, base: Loc) -> None:
        self.base = base
        self.load()

    def load(self) -> None:
        """Show the draft's rows (rebuilt when rows came or went)."""
        rows = self.rows()
        if list(rows) != self.keys:
            self._build()
            return
        for r, key in enumerate(self.keys):
            row = rows[key] if isinstance(rows[key], dict) else {}
            for column in COLUMNS:
                cell = self.cells[(r, column)]
                text = shown(row.get(column, MISSING))
                if amount(cell.text()) != amount(text):
                    cell.setText(text)

    def show_checked(self, checked: Checked | None) -> None:
        problems = checked.at(self.loc) if checked else []
        text = "\n".join(f"{symbols.WARNING} {p.message}" for p in problems)
        self.problem.setText(text)
        self.problem.setVisible(bool(problems))

    def _build(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.cells = {}
        rows = self.rows()
        self.keys = list(rows)
        if not self.keys:
            self.grid.addWidget(QLabel(tr("The same dosage every week.")), 0, 0)
            return
        headings = [tr("Weeks"), tr("Sets"), tr("Reps"), tr("Hold"), tr("Rest"), tr("Load")]
        for c, heading in enumerate(headings):
            self.grid.addWidget(QLabel(heading), 0, c)
        for r, key in enumerate(self.keys, start=1):
            weeks = QLineEdit(str(key))
            weeks.setAccessibleName(tr("Weeks of row {n}", n=r))
            weeks.editingFinished.connect(lambda r=r - 1, w=weeks: self._rename(r, w))
            self.grid.addWidget(weeks, r, 0)
            row = rows[key] if isinstance(rows[key], dict) else {}
            for c, column in enumerate(COLUMNS, start=1):
                cell = QLineEdit(shown(row.get(column, MISSING)))
                cell.setAccessibleName(tr("Week {weeks}: {what}", weeks=key, what=headings[c]))
                cell.textEdited.connect(lambda _t, r=r - 1, col=column: self._edited(r, col))
                self.cells[(r - 1, column)] = cell
                self.grid.addWidget(cell, r, c)
            remove = QPushButton(tr("Remove"))
            remove.setAccessibleName(tr("Remove week row {weeks}", weeks=key))
            remove.clicked.connect(lambda _c=False, r=r - 1: self._remove(r))
            self.grid.addWidget(remove, r, len(COLUMNS) + 1)
        for c in range(1, len(COLUMNS) + 1):
            self.grid.setColumnStretch(c, 1)
        for i in range(self.grid.count()):  # shown now, not when the layout gets round to it
            item = self.grid.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.show()

    def _edited(self, r: int, column: str) -> None:
        rows = self.rows()
        key = self.keys[r]
        row = dict(rows.get(key) or {})
        value = amount(self.cells[(r, column)].text())
        if value is MISSING:
            row.pop(column, None)
        else:
            row[column] = value
        self.editor.edit((*self.loc, key), row, tr("Change week {weeks}", weeks=key))

    def _rename(self, r: int, line: QLineEdit) -> None:
        if r >= len(self.keys):
            return
        old = self.keys[r]
        new = week_key(line.text())
        if new is None or str(new) == str(old) or new in self.keys:
            line.setText(str(old))
            return
        rows = self.rows()
        renamed = {(new if k == old else k): v for k, v in rows.items()}
        self.editor.replace(self.loc, renamed, tr("Weeks {old} become {new}", old=old, new=new))

    def add_row(self) -> None:
        rows = self.rows()
        last = rows[self.keys[-1]] if self.keys else {}
        rows[next_week(self.keys)] = dict(last) if isinstance(last, dict) else {}
        self.editor.replace(self.loc, rows, tr("Add a week row"))

    def _remove(self, r: int) -> None:
        rows = self.rows()
        rows.pop(self.keys[r], None)
        self.editor.replace(self.loc, rows or MISSING, tr("Remove a week row"))
