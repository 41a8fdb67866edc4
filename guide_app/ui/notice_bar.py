"""The line above the pages that says what the user should know: information fades after a
few seconds and can be dismissed; a problem stays, looks like a warning, and can be
dismissed too."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from guide_app.core import symbols
from guide_app.core.i18n import tr
from guide_app.core.notice import NoticeLevel
from guide_app.ui import theme

FADE_MS = 8000  # long enough to read two lines from the mat, short enough not to nag


class NoticeBar(QFrame):
    """One notice at a time; a newer one replaces the one shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.dismiss = QPushButton(tr("Dismiss"))
        self.dismiss.setAccessibleName(tr("Dismiss this notice"))
        self.dismiss.setAutoDefault(True)
        self.dismiss.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignVCenter)
        self.level = NoticeLevel.INFO
        self._message = ""
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self.clear)
        self.hide()

    def show_notice(self, text: str, level: NoticeLevel = NoticeLevel.INFO) -> None:
        """Show ``text`` (empty clears); information fades, a problem stays until dismissed."""
        self._fade.stop()
        if not text:
            self.clear()
            return
        self.level = level
        problem = level is NoticeLevel.PROBLEM
        background, edge = (
            (theme.WARNING_BG, theme.ACCENT) if problem else (theme.PANEL, theme.LEFT)
        )
        self.setStyleSheet(
            f"QFrame#notice {{ background: {background}; border-left: 6px solid {edge}; }}"
            f"QFrame#notice QLabel {{ background: transparent; color: {theme.TEXT}; }}"
        )
        self._message = text
        self.label.setText((symbols.WARNING + " " if problem else "") + text)
        self.show()
        if not problem:
            self._fade.start(FADE_MS)

    def clear(self) -> None:
        self._fade.stop()
        self._message = ""
        self.label.clear()
        self.hide()

    def text(self) -> str:
        """The notice shown, as given (no sign in front), or "" when none is."""
        return self._message

    @property
    def fading(self) -> bool:
        """Whether the notice shown will go by itself."""
        return self._fade.isActive()
