"""The history window's list of sessions, newest first, however many there are.

A view over a model rather than a table of items: three years of daily sessions are a
thousand rows, and a widget item per cell took most of the window's opening time. The
model makes each row's words once per refresh, from a few small look-ups (a day's text is
made once per day however often the window refreshes); the columns are as wide as their
widest text over every row, measured by a hidden one-row-per-column copy of the table so
the style sheet's padding is counted as for any table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QHeaderView, QTableView, QTableWidget, QTableWidgetItem, QWidget

from guide_app.core.content_language import translated
from guide_app.core.history import SessionSummary
from guide_app.core.history_text import day_text, programme_title, state_text
from guide_app.core.i18n import language, tr
from guide_app.core.loader import Library

ROW_HEIGHT = 38
STRETCH = 1  # the session's title takes the room left over
CENTRED = 4  # this column and those after it are centred


def session_headers() -> list[str]:
    return [
        tr("Date"),
        tr("Session"),
        tr("Programme · phase"),
        tr("How it ended"),
        tr("Sets done"),
        tr("Pain (highest)"),
    ]


_days: dict[tuple[str, date], str] = {}


def _day(day: date) -> str:
    """``day_text``, made once a day and language."""
    key = (language(), day)
    text = _days.get(key)
    if text is None:
        text = _days[key] = day_text(day)
    return text


class SessionsModel(QAbstractTableModel):
    """Each session's date, title, programme and phase, how it ended, sets done and its
    highest pain; newest first."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.headers = session_headers()
        self.rows: list[tuple[str, ...]] = []
        self.summaries: list[SessionSummary] = []  # newest first, as the rows

    def set_sessions(self, summaries: Sequence[SessionSummary]) -> None:
        """Show ``summaries`` (oldest first, as the journal gives them), newest first."""
        where: dict[tuple[str | None, str | None], str] = {}
        states: dict[str, str] = {}
        done: dict[tuple[int, int], str] = {}
        pain: dict[int | None, str] = {}
        rows: list[tuple[str, ...]] = []
        for summary in reversed(summaries):
            record = summary.session
            place = (record.programme_id, record.phase)
            if place not in where:
                phase = translated(record.phase or "")  # kept in English
                parts = (programme_title(self.library, record.programme_id), phase)
                where[place] = " · ".join(x for x in parts if x) or "—"
            if record.state not in states:
                states[record.state] = state_text(record.state)
            count = (summary.sets_done, summary.sets)
            if count not in done:
                done[count] = (
                    tr("{done} of {sets}", done=summary.sets_done, sets=summary.sets)
                    if summary.sets
                    else tr("none")
                )
            highest = summary.highest_pain
            if highest not in pain:
                pain[highest] = "—" if highest is None else tr("{score}/10", score=highest)
            rows.append(
                (
                    _day(record.started_on),
                    translated(record.title),
                    where[place],
                    states[record.state],
                    done[count],
                    pain[highest],
                )
            )
        self.beginResetModel()
        self.rows = rows
        self.summaries = list(reversed(summaries))
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.headers)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= CENTRED:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class SessionTable(QTableView):
    """The sessions as a table; ``rowCount``, ``columnCount`` and ``item`` read it as a
    ``QTableWidget`` is read (tests, accessibility checks)."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions_model = SessionsModel(library, self)
        self.setModel(self.sessions_model)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        # The widths of the widest texts, measured as a table of items measures them.
        self._measure = QTableWidget(0, len(self.sessions_model.headers), self)
        self._measure.setHorizontalHeaderLabels(self.sessions_model.headers)
        self._measure.setWordWrap(False)
        self._measure.hide()

    def show_sessions(self, summaries: Sequence[SessionSummary]) -> None:
        self.sessions_model.set_sessions(summaries)
        self._fit_columns()

    def rowCount(self) -> int:
        return self.sessions_model.rowCount()

    def columnCount(self) -> int:
        return self.sessions_model.columnCount()

    def item(self, row: int, column: int) -> QTableWidgetItem | None:
        """The cell's text as a table item (a copy: changing it changes nothing)."""
        if not (0 <= row < self.rowCount() and 0 <= column < self.columnCount()):
            return None
        item = QTableWidgetItem(self.sessions_model.rows[row][column])
        if column >= CENTRED:
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return item

    def session_at(self, row: int) -> SessionSummary | None:
        """The session shown in ``row`` (None: no such row)."""
        summaries = self.sessions_model.summaries
        return summaries[row] if 0 <= row < len(summaries) else None

    def current_session(self) -> SessionSummary | None:
        """The session of the row selected (None: none is)."""
        index = self.currentIndex()
        return self.session_at(index.row()) if index.isValid() else None

    def _fit_columns(self) -> None:
        """Each column as wide as its widest text (or its heading); the title stretches."""
        rows = self.sessions_model.rows
        self.ensurePolished()
        metrics = self.fontMetrics()
        measure = self._measure
        columns = self.columnCount()
        measure.setRowCount(columns if rows else 0)
        for column in range(columns if rows else 0):
            texts = {row[column] for row in rows}
            widest = max(texts, key=metrics.horizontalAdvance)
            for c in range(columns):
                item = QTableWidgetItem(widest if c == column else "")
                if c >= CENTRED:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                measure.setItem(column, c, item)
        measure.ensurePolished()
        measure.resizeColumnsToContents()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(columns):
            header.resizeSection(column, measure.columnWidth(column))
        header.setSectionResizeMode(STRETCH, QHeaderView.ResizeMode.Stretch)
