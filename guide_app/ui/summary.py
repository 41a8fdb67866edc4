"""End of session: what was done per exercise and per side, how hard each felt (rated
here, row by row) and the pain reported during it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_language import shown
from guide_app.core.i18n import ntr, tr
from guide_app.core.sides import Side, side_word
from guide_app.core.summary import PainNote, SideSummary, Summary, tenths
from guide_app.ui.table_fit import keep_fitted


def side_text(side: Side) -> str:
    return {
        Side.LEFT: "◀ " + tr("Left"),
        Side.RIGHT: tr("Right") + " ▶",
        Side.BOTH: tr("Both"),
    }[side]


def reps_text(row: SideSummary) -> str:
    """``3 of 5 reps``, ``2 of 3 holds``; a dash when the plan counts none."""
    if not row.reps_planned:
        return "—"
    n, done = row.reps_planned, row.reps_done
    if row.unit == "holds":
        return ntr("{done} of {n} hold", "{done} of {n} holds", n, done=done)
    if row.unit == "steps":
        return ntr("{done} of {n} step", "{done} of {n} steps", n, done=done)
    return ntr("{done} of {n} rep", "{done} of {n} reps", n, done=done)


def hold_text(row: SideSummary) -> str:
    """``41.3 s of 60.0 s``: seconds held of those planned, in tenths."""
    if row.hold_planned:
        return tr(
            "{held:.1f} s of {planned:.1f} s",
            held=tenths(row.hold_seconds),
            planned=tenths(row.hold_planned),
        )
    return tr("{held:.1f} s", held=tenths(row.hold_seconds)) if row.hold_seconds else "—"


def unfinished_text(row: SideSummary) -> str:
    """``1 cut short, 2 skipped``: sets not finished as planned."""
    parts = []
    if row.cut_short:
        parts.append(ntr("{n} cut short", "{n} cut short", row.cut_short))
    if row.skipped_sets:
        parts.append(ntr("{n} skipped", "{n} skipped", row.skipped_sets))
    return ", ".join(parts)


def pain_line(note: PainNote) -> str:
    """``Pain 8 of 10 — Clamshell, left side: front of the hip``."""
    where = note.exercise or tr("between exercises")
    if note.side in (Side.LEFT, Side.RIGHT):
        where = tr("{name}, {side} side", name=where, side=side_word(note.side))
    if note.where:
        return tr(
            "Pain {score} of 10 — {where}: {felt}", score=note.score, where=where, felt=note.where
        )
    return tr("Pain {score} of 10 — {where}", score=note.score, where=where)


class SummaryPage(QWidget):
    """The summary; ``effort_rated(exercise_id, side, score)`` when a row is rated."""

    home_requested = Signal()
    effort_rated = Signal(str, object, int)  # exercise id, Side, score 0-10
    EFFORT_COLUMN = 6
    LOAD_COLUMN = 7  # shown when a set was done at a load

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(tr("Session done"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)  # a title from content, as written
        self.subtitle.setObjectName("muted")
        self.rate_hint = QLabel(
            tr("How hard was each exercise? Choose 0 (no effort) to 10 (hardest) under Effort.")
        )
        self.rate_hint.setWordWrap(True)
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels(
            [
                tr("Exercise"),
                tr("Side"),
                tr("Sets done"),
                tr("Reps or holds"),
                tr("Held"),
                tr("Not finished"),
                tr("Effort"),
                tr("Load"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        font = self.table.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.table.setFont(font)
        self.table.horizontalHeader().setFont(font)
        self.table.verticalHeader().setDefaultSectionSize(round(font.pointSizeF() * 2.6))
        for label in (self.subtitle, self.rate_hint):
            label.setFont(font)
        self.pain = QLabel()
        self.pain.setFont(font)
        self.pain.setWordWrap(True)
        self.pain.setTextFormat(Qt.TextFormat.PlainText)
        self.pain.hide()
        self.home = QPushButton(tr("Back to the library"))
        self.home.setObjectName("primary")
        self.home.clicked.connect(self.home_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.rate_hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.pain)
        self.extra = QVBoxLayout()  # what follows the session: an offer of progression
        layout.addLayout(self.extra)
        layout.addWidget(self.home)

    def show_summary(self, summary: Summary) -> None:
        self.title.setText(
            tr("Session stopped") if summary.stopped else tr("Session done — well done!")
        )
        self.subtitle.setText(shown(summary.title))
        rows = summary.rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [
                shown(row.exercise),
                side_text(row.side),
                tr("{done} of {planned}", done=row.sets_done, planned=row.sets_planned),
                reps_text(row),
                hold_text(row),
                unfinished_text(row),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
            load = QTableWidgetItem(" → ".join(row.loads))
            load.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(r, self.LOAD_COLUMN, load)
            score = summary.effort.get((row.exercise_id, row.side))
            self.table.setCellWidget(r, self.EFFORT_COLUMN, self._effort_box(row, score))
        self.table.setColumnHidden(self.LOAD_COLUMN, not any(row.loads for row in rows))
        self.rate_hint.setVisible(bool(rows))
        keep_fitted(self.table)  # German runs a third longer: cells wrap, never cut off
        self.pain.setText(
            "\n".join([tr("Pain reported:")] + ["  " + pain_line(p) for p in summary.pain])
        )
        self.pain.setVisible(bool(summary.pain))

    def _effort_box(self, row: SideSummary, score: int | None) -> QComboBox:
        """A 0-10 choice for one row; "—" until rated. A choice is saved at once."""
        box = QComboBox()
        box.setMinimumWidth(round(self.table.font().pointSizeF() * 5))
        box.setAccessibleName(
            tr("Effort for {name}, {side}", name=row.exercise, side=side_text(row.side))
        )
        box.addItem("—", None)
        for n in range(11):
            box.addItem(str(n), n)
        box.setCurrentIndex(0 if score is None else score + 1)

        def chosen(index: int) -> None:
            value = box.itemData(index)
            if value is not None:
                self.effort_rated.emit(row.exercise_id, row.side, int(value))

        box.currentIndexChanged.connect(chosen)
        return box
