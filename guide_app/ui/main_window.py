"""The control window: home, the running session and the summary, driven by keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
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

if TYPE_CHECKING:
    from guide_app.ui.display import DisplayWindow
    from guide_app.ui.driver import SessionDriver
    from guide_app.ui.help_overlay import HelpOverlay
    from guide_app.ui.home import HomePage, SessionChoice
    from guide_app.ui.session_view import Screen, SessionView
    from guide_app.ui.summary import SideSummary, SummaryPage


class MainWindow(QMainWindow):
    """Paints at once with a "loading" page; ``attach`` brings in Home, the session view
    and the driver once the library has loaded (so the window never waits on them)."""

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.setWindowTitle("Session Guide")
        self.setStyleSheet(theme.STYLESHEET)
        self.settings = settings
        self.display: DisplayWindow | None = None
        self.loading = QLabel("Session Guide\n\nLoading the exercise library…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.loading.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        self.loading.setFont(font)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.loading)

        self.notice = QLabel()  # one plain line: library problems, no voice, no sound
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            f"background: {theme.WARNING_BG}; color: {theme.TEXT}; padding: 6px 12px;"
        )
        self.notice.hide()
        self._voice_fault = ""
        self.central = QWidget()
        layout = QVBoxLayout(self.central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(self.central)
        self.resize(1280, 800)

    def attach(
        self, home: HomePage, driver: SessionDriver, display: DisplayWindow | None = None
    ) -> None:
        """Bring in the pages and the driver, and bind the keys."""
        from guide_app.ui.help_overlay import HelpOverlay
        from guide_app.ui.session_view import SessionView
        from guide_app.ui.summary import SummaryPage

        self.driver = driver
        self.display = display
        self.home = home
        self.session: SessionView = SessionView()
        self.summary: SummaryPage = SummaryPage()
        for page in (self.home, self.session, self.summary):
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(self.home)

        self.table = keys.bindings(self.settings)
        self.help: HelpOverlay = HelpOverlay(self.central, self.table)
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
                "pain": self._when_running(self.report_pain),
                "history": self.open_history,
                "display": self.toggle_display,
                "voice": self.open_voice_settings,
                "effort": self._effort_key,
            },
            self.table,
            keyed=frozenset({"effort"}),
        )
        self.session.pain.clicked.connect(self.report_pain)
        home.history_button.clicked.connect(self.open_history)
        home.voice_button.clicked.connect(self.open_voice_settings)
        self._scale = float(str(self.settings.value("view/scale", 1.0)))
        self.session.set_scale(self._scale)

        home.start_requested.connect(self.start)
        driver.screen_changed.connect(self._show_screen)
        driver.finished.connect(self._finished)
        driver.notice.connect(self.show_notice)
        driver.measure_requested.connect(self._ask_measure)
        self.summary.home_requested.connect(lambda: self.pages.setCurrentWidget(self.home))
        self.home.tree.setFocus()

    # ------------------------------------------------------------------ session

    @property
    def running(self) -> bool:
        return hasattr(self, "session") and self.pages.currentWidget() is self.session

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

    def toggle_display(self) -> None:
        """The clinic display: on the second screen, full screen, if there is one."""
        from PySide6.QtGui import QGuiApplication

        from guide_app.ui.display import DisplayWindow

        if self.display is not None and self.display.isVisible():
            self.display.hide()
            return
        if self.display is None:
            self.display = DisplayWindow()
            self.display.view.set_scale(self._scale)
        several = len(QGuiApplication.screens()) > 1
        note = self.display.show_on(1 if several else 0, fullscreen=several)
        if not several:
            self.show_notice(
                "Only one screen: the display opened as a window. Drag it where it is needed."
            )
        elif note:
            self.show_notice(note)
        if self.running:
            self.driver.refresh()

    def open_voice_settings(self) -> None:
        from guide_app.ui.voice_settings import VoiceSettingsDialog

        VoiceSettingsDialog(self.driver.voice, self.settings, self).exec()

    def voice_progress(self, done: int, total: int) -> None:
        """While the session's phrases render: a visible count on the session screen."""
        if total and done < total:
            self.driver.set_voice_status(f"Preparing voice {done}/{total}")
        elif self.driver.voice_status.startswith("Preparing voice"):
            self.driver.set_voice_status(self.driver.voice.status)

    def open_history(self) -> None:
        """The history window: sessions, left against right, progress of the programme."""
        from guide_app.ui.history_window import HistoryWindow

        journal = self.driver.ensure_journal()
        if journal is None:
            self.show_notice("There is no history to show: the journal could not be opened.")
            return
        window = getattr(self, "_history", None)
        if window is None:
            window = self._history = HistoryWindow(journal, self.driver.library)
            window.resize(1400, 900)
        else:
            window.refresh()
        window.show()
        window.raise_()
        window.activateWindow()

    def _effort_key(self, key: str) -> None:
        if self.running:
            self.driver.rate_effort(10 if key == "0" else int(key))

    def report_pain(self) -> None:
        """Pause, ask how much it hurts and where, log it; a high score offers to skip."""
        from guide_app.ui.pain_dialog import PainDialog

        if not self.driver.paused:
            self.driver.toggle_pause()
        dialog = PainDialog(self)
        if not dialog.exec():
            return
        score, where = dialog.score(), dialog.where()
        self.driver.record_pain(score, where)
        if score >= PainDialog.HIGH:
            answer = QMessageBox.question(
                self,
                "Stop this exercise?",
                f"Pain of {score} out of 10. Sharp or strong pain is a sign to stop.\n"
                "Skip the rest of this exercise?",
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.driver.skip_exercise()
                if not self.driver.paused:  # carry on only when the person is ready
                    self.driver.toggle_pause()

    def offer_resume(self, record: object, sets: list[object]) -> bool:
        """After a crash: offer to carry on the interrupted session. True if resumed."""
        title = getattr(record, "title", "the last session")
        box = QMessageBox(self)
        box.setWindowTitle("Resume your session?")
        box.setText(
            f"{title} was interrupted. {len(sets)} completed set(s) are saved.\n"
            "Carry on from the next set?"
        )
        resume = box.addButton("Resume", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
        discard = box.addButton(
            "Close it (keep what was saved)", QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(resume)
        box.exec()
        clicked = box.clickedButton()
        if clicked is resume and self.driver.resume(record, sets):  # type: ignore[arg-type]
            self.pages.setCurrentWidget(self.session)
            return True
        if clicked is discard:
            self.driver.abandon(record)  # type: ignore[arg-type]
        return False

    def _ask_measure(self, step: object) -> None:
        """A measure step: ask for the number (Enter accepts, Esc leaves it out)."""
        from PySide6.QtWidgets import QInputDialog

        name = getattr(step, "name", "") or "Measurement"
        side = getattr(step, "side", None)
        unit = getattr(step, "measure_unit", "") or ""
        where = f" — {side.value} side" if side is not None else ""
        value, ok = QInputDialog.getDouble(
            self, "Measurement", f"{name}{where} ({unit}):", 0.0, -1000.0, 10000.0, 1
        )
        self.driver.record_measure(value if ok else None)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not hasattr(self, "driver"):
            event.accept()
            return
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
