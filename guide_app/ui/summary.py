"""End of session: what was done per exercise and per side."""

from __future__ import annotations

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

from guide_app.core.i18n import tr
from guide_app.core.sides import Side
from guide_app.core.summary import Summary


class SummaryPage(QWidget):
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(tr("Session done"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [tr("Exercise"), tr("Side"), tr("Sets"), tr("Reps"), tr("Hold (s)"), tr("Skipped sets")]
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
        self.home = QPushButton(tr("Back to the library"))
        self.home.setObjectName("primary")
        self.home.clicked.connect(self.home_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.home)

    def show_summary(self, summary: Summary) -> None:
        self.title.setText(
            tr("Session stopped") if summary.stopped else tr("Session done — well done!")
        )
        self.subtitle.setText(summary.title)
        rows = summary.rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            side = {
                Side.LEFT: "◀ " + tr("Left"),
                Side.RIGHT: tr("Right") + " ▶",
                Side.BOTH: tr("Both"),
            }[row.side]
            values = [
                row.exercise,
                side,
                tr("{done} of {planned}", done=row.sets_done, planned=row.sets_planned),
                tr("{done} of {planned}", done=row.reps_done, planned=row.reps_planned)
                if row.reps_planned
                else "—",
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
