"""The plan beside the session editor: total time, steps, and what is said, in order.

It shows ``core.plan_preview`` of the session as last checked, for the sides chosen
above it (the affected and the weaker side; these are for the preview only and are
not saved). A session that cannot be planned yet says why.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.core.model import Session
from guide_app.core.plan_preview import Preview, clock, preview, who
from guide_app.ui import theme


def _side_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for value, label in ((None, tr("not given")), ("left", tr("left")), ("right", tr("right"))):
        combo.addItem(label, value)
    return combo


class PlanPane(QWidget):
    """The session's plan in brief, for the sides chosen here."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.session: Session | None = None
        self.shown: Preview | None = None
        title = QLabel(tr("The plan"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.affected = _side_combo(tr("Affected side, for the plan"))
        self.weaker = _side_combo(tr("Weaker side, for the plan"))
        sides = QFormLayout()
        sides.addRow(tr("Affected side"), self.affected)
        sides.addRow(tr("Weaker side"), self.weaker)
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.total.setTextFormat(Qt.TextFormat.PlainText)
        self.total.setAccessibleName(tr("Total time and steps"))
        big = self.total.font()
        big.setPointSizeF(big.pointSizeF() * 1.2)
        big.setBold(True)
        self.total.setFont(big)
        self.said = QTextBrowser()
        self.said.setAccessibleName(tr("What is said"))
        self.said.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(sides)
        layout.addWidget(self.total)
        layout.addWidget(self.said, 1)
        self.affected.currentIndexChanged.connect(self.refresh)
        self.weaker.currentIndexChanged.connect(self.refresh)
        self.show_missing(tr("The plan shows once the session has a block."))

    def show_session(self, session: Session) -> None:
        """Plan this session (as last checked) and show it."""
        self.session = session
        self.refresh()

    def show_missing(self, why: str) -> None:
        """No session to plan: say why, keeping the last plan shown greyed."""
        self.session = None
        self.total.setText(why)
        self.said.setStyleSheet(f"color: {theme.DIMMED};")  # the last plan, plainly not current

    def refresh(self) -> None:
        if self.session is None:
            return
        self.shown = preview(
            self.session,
            self.library.exercises,
            affected=self.affected.currentData(),
            weaker=self.weaker.currentData(),
        )
        self.total.setText(self.shown.heading())
        self.said.setStyleSheet("")
        bar = self.said.verticalScrollBar()
        keep = bar.value()
        self.said.setHtml(as_html(self.shown))
        bar.setValue(keep)


def as_html(shown: Preview) -> str:
    """The preview's lines, each with its time and whose it is."""
    rows = [
        f"<p style='margin:0 0 4px 0; color:{theme.MUTED_TEXT}'>"
        f"<i>{escape(tr('Warning: {warning}', warning=w))}</i></p>"
        for w in shown.warnings
    ]
    for line in shown.lines:
        rows.append(
            "<p style='margin:0 0 4px 0'>"
            f"<b>{escape(clock(line.start))}</b> <u>{escape(who(line))}</u>: {escape(line.say)}"
            "</p>"
        )
    return "".join(rows)
