"""End of session: what was done per exercise and per side."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class SideSummary:
    exercise: str  # name
    side: str  # left, right, both
    sets_done: int
    sets_planned: int
    reps_done: int
    reps_planned: int
    hold_seconds: float
    skipped_sets: int


class SummaryPage(QWidget):
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Session done")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            ["Exercise", "Side", "Sets", "Reps", "Hold (s)", "Skipped sets"]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        font = self.table.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.table.setFont(font)
        self.table.horizontalHeader().setFont(font)
        self.table.verticalHeader().setDefaultSectionSize(round(font.pointSizeF() * 2.6))
        self.home = QPushButton("Back to the library")
        self.home.setObjectName("primary")
        self.home.clicked.connect(self.home_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.home)

    def show_summary(self, title: str, subtitle: str, rows: list[SideSummary]) -> None:
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            side = {"left": "◀ Left", "right": "Right ▶", "both": "Both"}.get(row.side, row.side)
            values = [
                row.exercise,
                side,
                f"{row.sets_done} of {row.sets_planned}",
                f"{row.reps_done} of {row.reps_planned}" if row.reps_planned else "—",
                f"{row.hold_seconds:.0f}" if row.hold_seconds else "—",
                str(row.skipped_sets) if row.skipped_sets else "",
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
