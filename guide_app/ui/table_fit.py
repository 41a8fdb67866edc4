"""Tables whose columns fit the room they get: every column as wide as its content, and
when that is wider than the table (German runs a third longer, larger text), the widest
of the other columns give up room and their cells wrap onto more lines, so no cell is cut
off with "…". The first column, an exercise's name, keeps its width and takes what is
left over.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableWidget

NARROWEST = 60  # a column is never squeezed below this many pixels


def fit_columns(table: QTableWidget) -> None:
    """Fit ``table``'s columns to its width now (see the module's docstring)."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    shown = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
    room = table.viewport().width() or table.width()
    over = sum(table.columnWidth(c) for c in shown) - room
    while over > 0:
        widest = max(shown[1:], key=table.columnWidth, default=None)
        if widest is None or table.columnWidth(widest) < NARROWEST:
            break
        cut = min(over, table.columnWidth(widest) // 3)
        table.setColumnWidth(widest, table.columnWidth(widest) - cut)
        over -= cut
    if shown:
        header.setSectionResizeMode(shown[0], QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    table.resizeRowsToContents()


class _Refit(QObject):
    """Fits a table's columns again whenever its viewport changes size."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.table = table
        self.fitting = False
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.table.rowCount() and not self.fitting:
            self.fitting = True  # fitting may add or drop a scroll bar: one pass is enough
            try:
                fit_columns(self.table)
            finally:
                self.fitting = False
        return False


def keep_fitted(table: QTableWidget) -> None:
    """Fit ``table``'s columns now and each time it is resized."""
    if table.findChild(_Refit) is None:
        _Refit(table)
    fit_columns(table)
