"""The control window: home, the running session and the summary, driven by keys."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.ui import keys, theme
from guide_app.ui.display import DisplayWindow
from guide_app.ui.driver import SessionDriver
from guide_app.ui.help_overlay import HelpOverlay
from guide_app.ui.home import HomePage, SessionChoice
from guide_app.ui.session_view import Screen, SessionView
from guide_app.ui.summary import SideSummary, SummaryPage


class MainWindow(QMainWindow):
    def __init__(
        self,
        home: HomePage,
        driver: SessionDriver,
        settings: QSettings,
        *,
        display: DisplayWindow | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Session Guide")
        self.setStyleSheet(theme.STYLESHEET)
        self.settings = settings
        self.driver = driver
        self.display = display
        self.home = home
        self.session = SessionView()
        self.summary = SummaryPage()
        self.pages = QStackedWidget()
        for page in (self.home, self.session, self.summary):
            self.pages.addWidget(page)

        self.notice = QLabel()  # one plain line: library problems, no voice, no sound
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            f"background: {theme.WARNING_BG}; color: {theme.TEXT}; padding: 6px 12px;"
        )
        self.notice.hide()
        self._voice_fault = ""
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.table = keys.bindings(settings)
        self.help = HelpOverlay(central, self.table)
        self.shortcuts = keys.install(
            self,
            {
                "next": self._when_running(driver.next),
                "back": self._when_running(driver.back),
                "pause": self._when_running(driver.toggle_pause),
                "skip": self._when_running(driver.skip_exercise),
                "skip_side": self._when_running(driver.skip_side),
                "repeat_set": self._when_running(driver.repeat_set),
                "stop": self._when_running(driver.stop),
                "mute": driver.toggle_mute,
                "fullscreen": self.toggle_fullscreen,
                "escape": self.escape,
                "bigger": lambda: self.scale_text(1.15),
                "smaller": lambda: self.scale_text(1 / 1.15),
                "help": self.help.toggle,
            },
            self.table,
        )
        self._scale = float(str(settings.value("view/scale", 1.0)))
        self.session.set_scale(self._scale)

        home.start_requested.connect(self.start)
        driver.screen_changed.connect(self._show_screen)
        driver.finished.connect(self._finished)
        driver.notice.connect(self.show_notice)
        self.summary.home_requested.connect(lambda: self.pages.setCurrentWidget(self.home))
        self.resize(1280, 800)

    # ------------------------------------------------------------------ session

    @property
    def running(self) -> bool:
        return self.pages.currentWidget() is self.session

    def _when_running(self, action):  # type: ignore[no-untyped-def]
        def handler() -> None:
            if self.running:
                action()
            elif self.pages.currentWidget() is self.home and action == self.driver.next:
                self.home.start_button.click()

        return handler

    def start(self, choice: SessionChoice) -> None:
        self.pages.setCurrentWidget(self.session)
        self.session.setFocus()
        self.driver.start(choice)

    def _show_screen(self, screen: Screen) -> None:
        self.session.show_screen(screen)
        if self.display is not None and self.display.isVisible():
            self.display.show_screen(screen)

    def _finished(self, title: str, subtitle: str, rows: list[SideSummary]) -> None:
        self.summary.show_summary(title, subtitle, rows)
        self.pages.setCurrentWidget(self.summary)
        self.summary.home.setFocus()

    # ------------------------------------------------------------------ view

    def voice_status(self, text: str) -> None:
        """Show the voice's state on the session screen, and say a fault once, plainly."""
        self.driver.set_voice_status(text)
        fault = text.startswith(("No voice", "No sound", "Voice restarting"))
        if fault and text != self._voice_fault:
            self.show_notice(text)
        elif not fault and self._voice_fault and self.notice.text() == self._voice_fault:
            self.show_notice("")
        self._voice_fault = text if fault else ""

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def escape(self) -> None:
        if self.help.isVisible():
            self.help.toggle()
        elif self.isFullScreen():
            self.showNormal()
        elif self.running and not self.driver.paused:
            self.driver.toggle_pause()

    def scale_text(self, factor: float) -> None:
        self._scale = max(0.5, min(3.0, self._scale * factor))
        self.session.set_scale(self._scale)
        if self.display is not None:
            self.display.view.set_scale(self._scale)
        self.settings.setValue("view/scale", self._scale)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running and not self.driver.done:
            answer = QMessageBox.question(
                self,
                "Leave the session?",
                "The session is still running. Every completed set is already saved.\n"
                "Stop it and quit?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.driver.stop()
        self.driver.shutdown()
        if self.display is not None:
            self.display.deleteLater()
        event.accept()
