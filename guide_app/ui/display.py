"""The clinic display: a second window, for the wall screen, that follows the session.

During a session it mirrors the session screen (a ``SessionView`` in its wall layout).
Around a session it never keeps a stale readout: the main window tells it what to show
instead, each a short, big screen for the patient: the session is done or stopped
(``show_summary``), the neutral Home screen (``show_home``), or the resume question
(``show_resume_prompt``). An exercise's page shows only when the therapist asks for it
(``show_page``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from guide_app.core import symbols
from guide_app.core.content_language import shown
from guide_app.core.exercise_page import ExercisePage
from guide_app.core.i18n import tr
from guide_app.core.motion import Movement
from guide_app.core.readout import Readout
from guide_app.core.summary import Summary
from guide_app.ui import theme
from guide_app.ui.exercise_page import ExercisePageView
from guide_app.ui.session_view import SessionView


class MessageScreen(QWidget):
    """A few big words, centred: a headline and a line under it, for reading at 3-4 m."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName(tr("headline"))
        self.line = QLabel()
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line.setWordWrap(True)
        self.line.setObjectName("muted")
        for label in (self.headline, self.line):  # titles are content: shown as written
            label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.headline)
        layout.addSpacing(24)
        layout.addWidget(self.line)
        layout.addStretch(1)
        self._apply_fonts()

    def show_message(self, headline: str, line: str = "", colour: str = theme.TEXT) -> None:
        self.headline.setText(headline)
        self.headline.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.line.setText(line)
        self.line.setVisible(bool(line))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        unit = max(self.height(), 300) / 100  # 1% of the screen's height

        def font(size: float, bold: bool = False) -> QFont:
            f = QFont(self.font())
            f.setPixelSize(max(10, round(size)))
            f.setBold(bold)
            return f

        self.headline.setFont(font(unit * 12, bold=True))
        self.line.setFont(font(unit * 5))


class DisplayWindow(QWidget):
    """Shows the patient the picture, the big timer, the side and the cue; no controls.

    Around a session it shows a short screen instead (done or stopped, Home, the resume
    prompt); the next readout brings the session back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Session Guide — display"))
        self.setStyleSheet(theme.STYLESHEET)
        self.view = SessionView(display=True)
        self.screen_page = MessageScreen()
        self.page: ExercisePageView | None = None  # an exercise's page, once asked for
        self.pages = QStackedWidget()
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.screen_page)
        self.person_name = QLabel()  # only when the person asked for it: ``show_person``
        self.person_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.person_name.setTextFormat(Qt.TextFormat.PlainText)
        self.person_name.setObjectName("muted")
        self.person_name.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.person_name)
        layout.addWidget(self.pages)
        self.show_home()

    # ------------------------------------------------------------------ what it shows

    def show_readout(self, readout: Readout) -> None:
        """The session as it runs (the same readout as the laptop's session screen);
        an exercise's page asked for stays over it until ``show_page(None)``."""
        self.view.show_readout(readout)
        if self.pages.currentWidget() is not self.page:
            self.pages.setCurrentWidget(self.view)

    def show_page(
        self, page: ExercisePage | None, movement: Movement | None = None, *, motion: bool = True
    ) -> None:
        """An exercise's page for the patient, when the therapist asks (None: back to
        the session)."""
        if page is None:
            if self.pages.currentWidget() is self.page:
                self.pages.setCurrentWidget(self.view)
            return
        if self.page is None:
            self.page = ExercisePageView(titled=True, largest_px=40)
            self.pages.addWidget(self.page)
        self.page.motion = motion
        self.page.show_page(page, movement)
        self.pages.setCurrentWidget(self.page)

    def show_summary(self, summary: Summary) -> None:
        """The session is over: a short word for the patient, not the therapist's table."""
        if summary.stopped:
            self._message(tr("Session stopped"), shown(summary.title))
        else:
            title = shown(summary.title)
            self._message(f"{symbols.DONE} {tr('Session done')}", title, theme.ACCENT)

    def show_home(self) -> None:
        """No session: a neutral screen, the app's name and nothing to worry about."""
        self._message(tr("Session Guide"), tr("The next session starts here."))

    def show_resume_prompt(self, title: str) -> None:
        """The therapist is asked whether to carry on an interrupted session."""
        self._message(
            tr("One moment"),
            tr("Resuming {title} — the therapist is choosing", title=shown(title)),
        )

    def show_person(self, name: str) -> None:
        """The person's name over the screen, or no line at all for "" (a name is never
        shown unless the person asked for it: ``Person.display_name``)."""
        self.person_name.setText(name)
        self.person_name.setVisible(bool(name))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        font = QFont(self.person_name.font())
        font.setPixelSize(max(14, round(max(self.height(), 300) * 0.04)))
        self.person_name.setFont(font)

    def _message(self, headline: str, line: str, colour: str = theme.TEXT) -> None:
        self.screen_page.show_message(headline, line, colour)
        self.pages.setCurrentWidget(self.screen_page)

    # ------------------------------------------------------------------ the window

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
