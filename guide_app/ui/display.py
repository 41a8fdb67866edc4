"""The clinic display: a second window, for the wall screen, that mirrors the session."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from guide_app.core.i18n import tr
from guide_app.core.readout import Readout
from guide_app.ui import theme
from guide_app.ui.session_view import SessionView


class DisplayWindow(QWidget):
    """Shows the patient the picture, the big timer, the side and the cue; no controls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Session Guide — display"))
        self.setStyleSheet(theme.STYLESHEET)
        self.view = SessionView(display=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.view)

    def show_readout(self, readout: Readout) -> None:
        self.view.show_readout(readout)

    def show_on(self, screen_number: int | None, *, fullscreen: bool = True) -> str | None:
        """Show on the given screen (0-based); returns a note when that screen is missing."""
        screens = QGuiApplication.screens()
        note = None
        if screen_number is None:
            screen_number = 1 if len(screens) > 1 else 0
        if not 0 <= screen_number < len(screens):
            note = tr(
                "There is no screen {screen}; the display opened on screen {fallback}.",
                screen=screen_number,
                fallback=0,
            )
            screen_number = 0
        target = screens[screen_number]
        self.setScreen(target)
        self.setGeometry(target.availableGeometry())
        if fullscreen:
            self.showFullScreen()
        else:
            self.show()
        return note

    def closeEvent(self, event: QCloseEvent) -> None:
        self.hide()
        event.ignore()  # the control window owns its life; closing only hides it
