"""The control window: home, the running session and the summary, driven by keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_language import translated
from guide_app.core.i18n import tr
from guide_app.core.notice import NoticeLevel
from guide_app.core.voice import VoiceStatus
from guide_app.speech.words import describe_voice
from guide_app.ui import keys, session_dialogs, text_scale, theme, window_place
from guide_app.ui.notice_bar import NoticeBar

if TYPE_CHECKING:
    from guide_app.core.choice import SessionChoice
    from guide_app.core.history import SessionRecord, SetRecord
    from guide_app.core.loader import Library
    from guide_app.core.notice import Notice
    from guide_app.core.people import Person
    from guide_app.core.readout import Readout
    from guide_app.core.sides import Side
    from guide_app.core.steps import Step
    from guide_app.core.summary import Summary
    from guide_app.ui.display import DisplayWindow
    from guide_app.ui.editor_base import DraftEditor
    from guide_app.ui.editor_host import EditorHost
    from guide_app.ui.help_overlay import HelpOverlay
    from guide_app.ui.home import HomePage
    from guide_app.ui.page_overlay import PageOverlay
    from guide_app.ui.people import CurrentPerson
    from guide_app.ui.programme_days import ProgrammeDays
    from guide_app.ui.session_adapter import SessionAdapter
    from guide_app.ui.session_view import SessionView
    from guide_app.ui.summary import SummaryPage
    from guide_app.ui.voice_ahead import VoiceAhead


MOTION_SETTING = "view/motion"  # whether the exercise figure moves (on unless turned off)


class MainWindow(QMainWindow):
    """Paints at once with a "loading" page; ``attach`` brings in Home, the session view
    and the session adapter once the library has loaded (so the window never waits on them)."""

    person_changed = Signal(object)  # Person: whom the window is for now (``set_person``)
    days: ProgrammeDays | None = None  # Today, reminders, progression (``app.attach``)
    voice_ahead: VoiceAhead | None = None  # readies the voice of Home's choice (``app.attach``)

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.setWindowTitle(tr("Session Guide"))
        self.setStyleSheet(theme.STYLESHEET)
        self.settings = settings
        self.display: DisplayWindow | None = None
        self.editors: EditorHost | None = None
        self._editors: list[DraftEditor] = []  # the editors open as pages
        self.reload_library: Callable[[], Library] | None = None  # loads it anew
        self._import_job: object = None
        self._last_summary: Summary | None = None
        self.loading = QLabel(tr("Session Guide") + "\n\n" + tr("Loading the exercise library…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.loading.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        self.loading.setFont(font)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.loading)

        self.notice = NoticeBar()  # library problems, no voice, no sound, a side not set
        self._voice_fault: VoiceStatus | None = None
        self._voice_notice = False  # the notice shown says the voice's fault
        self.central = QWidget()
        layout = QVBoxLayout(self.central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(self.central)
        # The content never grows the window (larger text is capped where it fits instead).
        main_layout = self.layout()
        if main_layout is not None:
            main_layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        window_place.place(self, settings, "window", QSize(1280, 800))

    def attach(
        self,
        home: HomePage,
        adapter: SessionAdapter,
        display: DisplayWindow | None = None,
        editors: EditorHost | None = None,
    ) -> None:
        """Bring in the pages and the session adapter, and bind the keys; ``editors``
        opens the editors (Home's New, Edit and Import)."""
        from guide_app.ui.help_overlay import HelpOverlay
        from guide_app.ui.page_overlay import PageOverlay
        from guide_app.ui.session_view import SessionView
        from guide_app.ui.summary import SummaryPage

        self.adapter = adapter
        if adapter.parent() is None:
            adapter.setParent(self)  # its timers end with the window
        self.display = display
        self.home = home
        self.session: SessionView = SessionView()
        self.session.picture_notice.connect(
            lambda text: self.show_notice(text, NoticeLevel.PROBLEM)
        )
        self.summary: SummaryPage = SummaryPage()
        for page in (self.home, self.session, self.summary):
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(self.home)

        self.table = keys.bindings(self.settings)
        self.help: HelpOverlay = HelpOverlay(self.central, self.table)
        self.page_overlay: PageOverlay = PageOverlay(self.central, self.table)
        self.page_overlay.closed.connect(self._page_closed)
        self.page_overlay.wall_toggled.connect(self._page_on_wall)
        self._paused_for_page = False  # the page paused the session: closing it goes on
        home.page_requested.connect(self.open_page)
        self.keys = keys.KeyRouter(
            self.table,
            {
                "next": self._when_running(adapter.next),
                "back": self._when_running(adapter.back),
                "pause": self._when_running(adapter.toggle_pause),
                "skip": self._when_running(adapter.skip_exercise),
                "skip_side": self._when_running(adapter.skip_side),
                "repeat_set": self._when_running(adapter.repeat_set),
                "lighter": self._when_running(lambda: adapter.change_load(-1)),
                "heavier": self._when_running(lambda: adapter.change_load(+1)),
                "extend": self._when_running(adapter.extend),
                "stop": self._when_running(adapter.stop),
                "mute": adapter.toggle_mute,
                "fullscreen": self.toggle_fullscreen,
                "escape": self.escape,
                "bigger": lambda: self.scale_text(1.15),
                "smaller": lambda: self.scale_text(1 / 1.15),
                "help": self.help.toggle,
                "page": self.toggle_page,
                "pain": self._when_running(self.report_pain),
                "history": self.open_history,
                "display": self.toggle_display,
                "voice": self.open_voice_settings,
                "people": self.choose_person,
                "start_due": lambda: self.home.today.start_due(),
                "effort": self._effort_key,
                "save": self._in_editor(lambda editor: editor.save()),
                "undo": self._in_editor(lambda editor: editor.undo_stack.undo()),
                "redo": self._in_editor(lambda editor: editor.undo_stack.redo()),
                "move_up": self._in_editor(lambda editor: editor.move_chosen(-1)),
                "move_down": self._in_editor(lambda editor: editor.move_chosen(+1)),
            },
            keyed=frozenset({"effort"}),
        )
        self.keys.bind(self)
        self.session.set_keys(self.table)
        from guide_app.ui.people import CurrentPerson

        self.people: CurrentPerson = CurrentPerson(self)  # restored by ``app.attach``
        self.people.changed.connect(self.person_changed.emit)
        self.session.picture.motion = self.motion
        if display is not None:
            self._bind_display(display)
        self.pages.currentChanged.connect(self._page_changed)
        self.pages.installEventFilter(self)
        self.session.pain.clicked.connect(self.report_pain)
        home.history_button.clicked.connect(self.open_history)
        home.voice_button.clicked.connect(self.open_voice_settings)
        self._wanted_scale = float(str(self.settings.value("view/scale", 1.0)))
        self._scale = self._wanted_scale
        self._fit_text()

        home.start_requested.connect(self.start)
        adapter.readout_changed.connect(self._show_readout)
        adapter.finished.connect(self._finished)
        adapter.notice.connect(self._notice)
        adapter.measure_requested.connect(self._ask_measure)
        self.summary.home_requested.connect(self.go_home)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)  # Enter presses the focused button, as Space does
        self.editors = editors
        if editors is not None:
            home.new_requested.connect(lambda kind: self.open_editor(editors.new(kind)))
            home.edit_requested.connect(
                lambda kind, item_id: self.open_editor(editors.edit(kind, item_id))
            )
            home.import_requested.connect(self.import_exercises)
            editors.library_changed.connect(self._library_changed)
            editors.problem.connect(lambda text: self.show_notice(text, NoticeLevel.PROBLEM))
        self.home.tree.setFocus()

    def _bind_display(self, display: DisplayWindow) -> None:
        """The clinic display takes the same keys: a clicker works whichever window has focus."""
        self.keys.bind(display)
        display.view.set_keys(self.table)
        display.view.picture.motion = self.motion
        display.show_person(self.people.person.display_name())  # "" unless they asked

    @property
    def motion(self) -> bool:
        """Whether the exercise figure moves with the count (a setting; else it stays still)."""
        return str(self.settings.value(MOTION_SETTING, "true")).lower() != "false"

    def set_motion(self, on: bool) -> None:
        """Let the figure move with the count, or keep every picture still, on both screens."""
        self.settings.setValue(MOTION_SETTING, on)
        views = [self.session] + ([self.display.view] if self.display is not None else [])
        for view in views:
            view.picture.motion = on
            view.picture.update()

    def _page_changed(self) -> None:
        if self.page_overlay.isVisible():
            self.keys.set_mode(keys.PAGE)
        elif self.running:
            self.keys.set_mode(keys.SESSION)
        else:
            self.keys.set_mode(keys.EDIT if self.editor is not None else keys.BROWSE)

    # ------------------------------------------------------------------ editors

    @property
    def editor(self) -> DraftEditor | None:
        """The editor shown, if one is (the editors load only once one is opened)."""
        page = self.pages.currentWidget()
        return next((e for e in self._editors if e is page), None)

    def _in_editor(self, action: Callable[[DraftEditor], object]) -> Callable[[], None]:
        def handler() -> None:
            editor = self.editor
            if editor is not None:
                action(editor)

        return handler

    def open_editor(self, editor: DraftEditor | None) -> None:
        """Show ``editor`` in place of Home; closing it comes back to Home."""
        if editor is None:
            return
        self._editors.append(editor)
        self.pages.addWidget(editor)
        editor.closed.connect(lambda: self._close_editor(editor))
        self.pages.setCurrentWidget(editor)
        editor.focusNextChild()  # the first field

    def _close_editor(self, editor: DraftEditor) -> None:
        self.go_home()
        self.pages.removeWidget(editor)
        self._editors.remove(editor)
        editor.deleteLater()

    def _library_changed(self, kind: str, item_id: str) -> None:
        """Home shows the library again, the item just saved chosen."""
        assert self.editors is not None
        self.home.reload(self.editors.library)
        if self.days is not None:
            self.days.set_library(self.editors.library)
        if item_id:
            self.home.select(kind, item_id)

    def import_exercises(self) -> None:
        """Import a free-exercise-db file into the user's library, then show it."""
        from guide_app.ui import import_window

        host = self.editors
        if host is None or self.reload_library is None:
            return
        reload = self.reload_library

        def finished(library: Library | None, lines: list[str]) -> None:
            if library is not None:
                host.replace_library(library)
            import_window.show_result(self, lines, library is not None)

        self._import_job = import_window.ask_and_import(self, host.folder, reload, finished)

    # ------------------------------------------------------------------ session

    @property
    def running(self) -> bool:
        return hasattr(self, "session") and self.pages.currentWidget() is self.session

    def _when_running(self, action: Callable[[], None]) -> Callable[[], None]:
        def handler() -> None:
            if self.running:
                action()

        return handler

    def go_home(self) -> None:
        self.pages.setCurrentWidget(self.home)
        if self.display is not None:
            self.display.show_home()
        self.home.tree.setFocus()

    def start(self, choice: SessionChoice) -> None:
        """Start ``choice``; a session of a programme that monitors pain the next morning
        asks about this morning first (``ProgrammeDays.before_start``)."""
        if self.days is not None:
            self.days.before_start(choice, self._start_now)
        else:
            self._start_now(choice)

    def _start_now(self, choice: SessionChoice) -> None:
        self.pages.setCurrentWidget(self.session)
        self.session.setFocus()
        self.adapter.start(choice)

    def _show_readout(self, readout: Readout) -> None:
        self.session.show_readout(readout)
        display = self.display  # (one opened later is refreshed then)
        if display is not None and shiboken6.isValid(display) and display.isVisible():
            display.show_readout(readout)

    def _finished(self, summary: Summary) -> None:
        self.summary.show_summary(summary)
        self._last_summary = summary
        if self.display is not None:
            self.display.show_summary(summary)
        self.pages.setCurrentWidget(self.summary)
        self.summary.home.setFocus()
        if self.days is not None:
            self.days.session_ended()  # Today anew, and a rule the session met is offered

    # ------------------------------------------------------------------ view

    def voice_status(self, status: VoiceStatus) -> None:
        """Show the voice's state on the session screen, and say a fault once, plainly."""
        self.adapter.voice_changed(status)
        if status.lasting and status is not self._voice_fault:
            self.show_notice(describe_voice(status), NoticeLevel.PROBLEM)
            self._voice_notice = True
        elif not status.lasting and self._voice_notice:
            self.show_notice("")  # the fault is over, and its notice is still the one shown
        self._voice_fault = status if status.lasting else None

    def _notice(self, notice: Notice) -> None:
        self.show_notice(notice.text, notice.level)

    def show_notice(self, text: str, level: NoticeLevel = NoticeLevel.INFO) -> None:
        """Information fades after a few seconds; a problem stays until dismissed."""
        self._voice_notice = False
        self.notice.show_notice(text, level)

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def escape(self) -> None:
        if self.help.isVisible():
            self.help.toggle()
        elif self.page_overlay.isVisible():
            self.page_overlay.close_page()
        elif self.editor is not None:
            self.editor.close_editor()
        elif self.isFullScreen():
            self.showNormal()
        elif self.running and not self.adapter.paused:
            self.adapter.toggle_pause()

    def scale_text(self, factor: float) -> None:
        """Larger or smaller text; never larger than the session screen holds."""
        wanted = max(text_scale.SMALLEST, min(text_scale.LARGEST, self._scale * factor))
        self._wanted_scale = wanted
        self._fit_text()
        self._wanted_scale = self._scale  # at the largest that fits, + does nothing more
        self.settings.setValue("view/scale", self._wanted_scale)

    def _fit_text(self) -> None:
        """The scale asked for, or the largest below it at which each session view fits."""
        self._scale = text_scale.fit_scale(self.session, self._wanted_scale, self.pages.size())
        if self.display is not None:
            room = self.display.view.size()
            text_scale.fit_scale(self.display.view, self._scale, room)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The room for the pages changed (the window, a notice shown or gone): refit."""
        if (
            watched is self.pages
            and event.type() == QEvent.Type.Resize
            and hasattr(self, "session")
        ):
            self._fit_text()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window_place.keep_on_screen(self)  # the frame is known only once shown

    def toggle_display(self) -> None:
        """The clinic display: on the second screen, full screen, if there is one."""
        from PySide6.QtGui import QGuiApplication

        from guide_app.ui.display import DisplayWindow

        if self.display is not None and self.display.isVisible():
            self.display.hide()
            return
        if self.display is None:
            self.display = DisplayWindow()
            self._bind_display(self.display)
            self.display.view.set_scale(self._scale)
            if self.pages.currentWidget() is self.summary and self._last_summary is not None:
                self.display.show_summary(self._last_summary)
        several = len(QGuiApplication.screens()) > 1
        note = self.display.show_on(1 if several else 0, fullscreen=several)
        if not several:
            self.show_notice(
                tr("Only one screen: the display opened as a window. Drag it where it is needed.")
            )
        elif note:
            self.show_notice(note)
        if self.running:
            self.adapter.refresh()

    # ------------------------------------------------------------------ exercise page

    def toggle_page(self) -> None:
        """The exercise's page over the window, or closed: in a session the current
        exercise's (the session pauses until it closes), on Home the chosen exercise's."""
        if self.page_overlay.isVisible():
            self.page_overlay.close_page()
        elif self.running:
            step = self.adapter.step
            if step is None or not step.exercise:
                self.show_notice(tr("There is no exercise here to show the page of."))
                return
            pause = not self.adapter.paused
            # the session's sides, not those Home shows now
            if self.open_page(step.exercise, step.side, self.adapter.sides) and pause:
                self.adapter.toggle_pause()
                self._paused_for_page = True
        elif self.pages.currentWidget() is self.home:
            exercise_id = self.home.chosen_exercise()
            if exercise_id is not None:
                self.open_page(exercise_id)

    def open_page(
        self,
        exercise_id: str,
        side: Side | None = None,
        sides: tuple[str | None, str | None] | None = None,
    ) -> bool:
        """``exercise_id``'s page over the window, for ``side`` and ``sides`` (None: Home's)."""
        opened = self.page_overlay.open_page(
            self.home.library,
            exercise_id,
            side=side,
            sides=sides or (self.home.affected.value(), self.home.weaker.value()),
            motion=self.motion,
            display=self.display is not None and self.display.isVisible(),
        )
        if opened:
            self.activateWindow()  # its keys scroll it, even when a key on the display opened it
            self._page_changed()
        return opened

    def _page_closed(self) -> None:
        if self._paused_for_page and self.running and self.adapter.paused:
            self.adapter.toggle_pause()
        self._paused_for_page = False
        self._page_changed()
        if self.running:
            self.session.setFocus()
        elif self.pages.currentWidget() is self.home:
            self.home.tree.setFocus()

    def _page_on_wall(self, on: bool) -> None:
        """The page on the clinic display too, or the display back to what it showed."""
        page = self.page_overlay.page
        if self.display is not None:
            movement = self.page_overlay.movement
            self.display.show_page(page if on else None, movement, motion=self.motion)

    # ------------------------------------------------------------------ people

    @property
    def person(self) -> Person:
        """Whom the window is for: their sessions, sides and history (``ui.people``)."""
        return self.people.person

    def set_person(self, person: Person) -> None:
        """Switch to ``person``: the journal, Home's sides, the title, the wall display;
        then ``person_changed``."""
        self.people.set_person(person)

    def choose_person(self) -> None:
        """The list of people (a number switches; "New person…", "Change…")."""
        self.people.choose()

    def open_voice_settings(self) -> None:
        from guide_app.ui.voice_settings import VoiceSettingsDialog

        dialog = VoiceSettingsDialog(
            self.adapter.run.voice, self.settings, self, motion=self.motion
        )
        if dialog.exec():
            self.set_motion(dialog.motion.isChecked())

    def voice_progress(self, done: int, total: int) -> None:
        """While the session's phrases render: a visible count on the session screen."""
        self.adapter.voice_prepared(done, total)

    def open_history(self) -> None:
        """The history window: sessions, left against right, progress of the programme."""
        from guide_app.core.history import Journal
        from guide_app.ui.history_window import HistoryWindow

        journal = self.adapter.ensure_journal()
        if not isinstance(journal, Journal):
            self.show_notice(
                tr("There is no history to show: the journal could not be opened."),
                NoticeLevel.PROBLEM,
            )
            return
        window = getattr(self, "_history", None)
        if window is None:
            window = self._history = HistoryWindow(
                journal, self.adapter.run.library, clock=self.adapter.run.clock
            )
            # Shown: read for the new person now; hidden: ``open_history`` reads on opening.
            self.person_changed.connect(
                lambda _person: window.refresh() if window.isVisible() else None
            )
            window_place.place(window, self.settings, "history", QSize(1400, 900))
            window.shown.connect(lambda: window_place.keep_on_screen(window))
            window.closing.connect(lambda: window_place.remember(window, self.settings, "history"))
            # Esc closes the history; an exercise's page opens over this window only
            self.keys.bind(window, leave_out=frozenset({"escape", "page"}))
        else:
            window.refresh()
        window.show()
        window.raise_()
        window.activateWindow()

    def _effort_key(self, key: str) -> None:
        if self.running:
            self.adapter.rate_effort(10 if key == "0" else int(key))

    def report_pain(self) -> None:
        """Pause, ask how much it hurts and where, log it; a high score offers choices."""
        session_dialogs.report_pain(self, self.adapter)

    def offer_resume(self, record: SessionRecord, sets: list[SetRecord]) -> bool:
        """After a crash: offer to carry on the interrupted session. True if resumed."""
        if self.display is not None:
            self.display.show_resume_prompt(translated(record.title))
        if session_dialogs.offer_resume(self, self.adapter, record, sets):
            self.pages.setCurrentWidget(self.session)  # the next readout brings the display along
            return True
        if self.display is not None:
            self.display.show_home()
        return False

    def _ask_measure(self, step: Step) -> None:
        """A measure step: ask for the number, or leave it out."""
        self.adapter.record_measure(session_dialogs.ask_measure(self, step))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not hasattr(self, "adapter"):
            event.accept()
            return
        if self.editor is not None and not self.editor.close_editor():
            event.ignore()  # changes not saved, and the person chose to stay
            return
        if self.running and not self.adapter.done:
            answer = QMessageBox.question(
                self,
                tr("Leave the session?"),
                tr("The session is still running. Every completed set is already saved.")
                + "\n"
                + tr("Stop it and quit?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.adapter.stop()
        if self.days is not None:
            self.days.stop()  # no reminder once the window is gone
        self.adapter.shutdown()
        window_place.remember(self, self.settings, "window")
        if self.display is not None:
            self.display.deleteLater()
        event.accept()
