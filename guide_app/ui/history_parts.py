"""The pieces the history window is built of: its tables and their cells, labels shown as
written, headings, choices as wide as the window allows, and a progression rule's frame."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from guide_app.core.history_text import day_text
from guide_app.core.i18n import tr
from guide_app.core.progress import RuleStatus


def table(headers: list[str]) -> QTableWidget:
    """A table of rows to read, not to edit, one line a row."""
    made = QTableWidget(0, len(headers))
    made.setHorizontalHeaderLabels(headers)
    made.verticalHeader().setVisible(False)
    made.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    made.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    made.setAlternatingRowColors(True)
    made.setWordWrap(False)
    made.verticalHeader().setDefaultSectionSize(38)
    return made


def item(text: str, colour: str | None = None, *, centre: bool = False) -> QTableWidgetItem:
    """A cell, in ``colour`` when given."""
    cell = QTableWidgetItem(text)
    if colour is not None:
        cell.setForeground(QBrush(QColor(colour)))
    if centre:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return cell


def plain(label: QLabel) -> QLabel:
    """``label``, its text shown as written: content (titles, goals, advice) is never HTML."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading")
    return label


def combo() -> QComboBox:
    """A choice as wide as the window allows, not as its longest title (a programme's
    title would push the window off a laptop's screen)."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(16)
    return box


def guidance(text: str) -> QLabel:
    """Advice of the phase, in words."""
    label = plain(QLabel(text))
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


def rule_frame(name: str, status: RuleStatus, then: str) -> tuple[QFrame, QLabel]:
    """One rule: met or not yet, why, what follows, and each session it looked at; with
    the label saying why."""
    frame = QFrame()
    frame.setObjectName("rule")
    met = "true" if status.met else "false"
    frame.setProperty("met", met)
    layout = QVBoxLayout(frame)
    verdict = (
        tr("✓ Met: {exercise}", exercise=name)
        if status.met
        else tr("Not yet: {exercise}", exercise=name)
    )
    head = plain(QLabel(verdict))
    head.setObjectName("verdict")
    head.setProperty("met", met)
    body = plain(QLabel(status.explanation))
    body.setWordWrap(True)
    layout.addWidget(head)
    layout.addWidget(body)
    for check in status.checks:
        mark = (
            tr("✓ counts") if check.counts else tr("✗ doesn't count: {reason}", reason=check.reason)
        )
        line = plain(QLabel(tr("{day}: {mark}", day=day_text(check.session.started_on), mark=mark)))
        line.setObjectName("muted")
        line.setWordWrap(True)
        layout.addWidget(line)
    after = plain(QLabel(tr("Then: {then}", then=then)))
    after.setWordWrap(True)
    layout.addWidget(after)
    return frame, body
