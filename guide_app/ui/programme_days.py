"""The person's programme day by day in the window: Today, the reminders, the progression
offer and the next-morning question, kept up to date as the person, the day and their
sessions change.

The window owns one ``ProgrammeDays``; it reads the journal for the person the window is
for (``MainWindow.person``) and gives Home its Today, the tray its next reminder, the
summary and Today their offers of progression, and asks the next-morning question before
a session of a programme with pain monitoring starts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QVBoxLayout

from guide_app.core.adjustment_store import Adjustment
from guide_app.core.adjustments import Offer, accept, current_phase, held_words, offers, undo
from guide_app.core.choice import SessionChoice
from guide_app.core.clock import Clock, today
from guide_app.core.history import Journal, SessionRecord, StorageError
from guide_app.core.model import Programme
from guide_app.core.morning_check import question_for, record_answer
from guide_app.core.notice import NoticeLevel
from guide_app.core.people import Person
from guide_app.core.reminders import done_by_day
from guide_app.core.today import Today, today_readout
from guide_app.ui.progression_offer import ProgressionOffer

if TYPE_CHECKING:
    from guide_app.core.loader import Library
    from guide_app.ui.main_window import MainWindow
    from guide_app.ui.reminders import Reminders

WEEKS_SHOWN = 4  # Today's calendar: the past four programme weeks


class ProgrammeDays(QObject):
    """Today, reminders, progression offers and the morning question for the window's
    person; ``refresh`` after anything they depend on changed (the window calls it on a
    person switch, after a session, and when the library is reloaded)."""

    def __init__(
        self,
        window: MainWindow,
        library: Library,
        clock: Clock,
        *,
        reminders: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.clock = clock
        self.today: Today | None = None
        self.today_offer: ProgressionOffer | None = None  # on Today, when one is offered
        self.summary_offer: ProgressionOffer | None = None  # on the summary page
        self.question: QDialog | None = None  # the next-morning question, while asked
        self._opened = False  # Home opened on Today once (at start, when there is one)
        # The person's recent sessions as ``refresh`` last read them (their row, from
        # when, the sessions): the reminders' checks use them, never reading the journal
        # each minute; every change to them (a session ended, a person switched, a
        # library reloaded) comes with a refresh.
        self._recent: tuple[int, date, list[SessionRecord]] | None = None
        # Once a minute, whether the date has changed (a window left open overnight, or a
        # laptop woken the next day): the wall clock is read, no tick is counted.
        self._new_day = QTimer(self)
        self._new_day.setTimerType(Qt.TimerType.CoarseTimer)
        self._new_day.timeout.connect(self.check_day)
        self._new_day.start(60_000)
        self.reminders: Reminders | None = None
        if reminders:
            from guide_app.ui.reminders import Reminders

            self.reminders = Reminders(
                clock,
                self._reminder_source,
                lambda text: window.show_notice(text, NoticeLevel.INFO),
                self,
                name_of=self._title,
            )
            self.reminders.open_requested.connect(self._bring_forward)
        from guide_app.ui.person_files import PersonFiles

        self.files = PersonFiles(window, self)  # the handout and the hand-over file
        layout = window.home.today.layout()
        if layout is not None:
            layout.addWidget(self.files)
        window.person_changed.connect(lambda _person: self.refresh(open_today=True))
        window.home.today.choose_programme.connect(lambda: window.people.edit(window.person))

    # ------------------------------------------------------------------ reading

    def _journal(self) -> Journal | None:
        return self.window.people.journal()

    def _title(self, session_id: str) -> str | None:
        session = self.library.sessions.get(session_id)
        return session.title if session is not None else None

    def _sessions_since(self, since: date) -> list[SessionRecord]:
        """The person's sessions from ``since`` on, finished or stopped (not running)."""
        journal = self._journal()
        if journal is None:
            return []
        try:
            return [s for s in journal.sessions(since=since) if s.state != "running"]
        except StorageError as error:
            self.window.show_notice(error.message, NoticeLevel.PROBLEM)
            return []

    def _programme(self, person: Person) -> Programme | None:
        return self.library.programmes.get(person.programme_id or "")

    def _recent_sessions(
        self, person: Person, day: date, *, fresh: bool = False
    ) -> list[SessionRecord]:
        """The person's sessions of the weeks Today shows up to ``day``, read once per
        refresh (``fresh``) and kept for the reminders' checks in between."""
        since = day - timedelta(weeks=WEEKS_SHOWN + 1)
        kept = self._recent
        if fresh or kept is None or kept[0] != person.row or kept[1] > since:
            kept = self._recent = (person.row, since, self._sessions_since(since))
        return kept[2]

    def _reminder_source(self) -> tuple[Person, Programme | None, Mapping[date, int]]:
        person = self.window.person
        programme = self._programme(person)
        if programme is None:
            return person, None, {}
        done = self._recent_sessions(person, today(self.clock))
        return person, programme, done_by_day(done, programme)

    # ------------------------------------------------------------------ showing

    def refresh(
        self, *, open_today: bool = False, keep_offer: bool = False
    ) -> tuple[list[Offer], str]:
        """Read the person's recent sessions and show Today with any offer of progression;
        re-arm the reminders. Home opens on Today the first time there is one, and on a
        person switch; ``keep_offer`` leaves Today's offer as it is (one was just accepted
        or undone there: its row stays, with its Undo). Returns the offers found (and why
        none are, when held)."""
        person = self.window.person
        day = today(self.clock)
        programme = self._programme(person)
        found, held, rows = self._offers(person, programme, day)
        phase = current_phase(programme, person, rows, day).name if programme else None
        self.today = today_readout(
            person,
            self.library.programmes,
            self.library.sessions,
            self._recent_sessions(person, day, fresh=True),
            day,
            WEEKS_SHOWN,
            phase_name=phase,
        )
        first = not self._opened and self.today is not None
        self.window.home.show_today(self.today, open_it=open_today or first)
        self._opened = self._opened or self.today is not None
        if not keep_offer:
            self.today_offer = self._show_offer(self.window.home.today.extra, found, held)
        if self.reminders is not None:
            self.reminders.refresh()
        return found, held

    def check_day(self) -> None:
        """Today anew when the date is no longer the one it shows."""
        if self.today is not None and self.today.day != today(self.clock):
            self.refresh()

    def session_ended(self) -> None:
        """After a session: Today anew, and on the summary the same offers (a rule the
        session met), read once for both."""
        found, held = self.refresh()
        self.summary_offer = self._show_offer(self.window.summary.extra, found, held)

    # ------------------------------------------------------------------ progression

    def _offers(
        self, person: Person, programme: Programme | None, day: date
    ) -> tuple[list[Offer], str, list[Adjustment]]:
        """The changes the person's phase offers now, why none are (a next-morning answer
        holds them), and every row of their adjustments."""
        journal = self._journal()
        if programme is None or journal is None:
            return [], "", []
        try:
            rows = journal.adjustments(person.row)
            found = offers(person, programme, journal, rows, day, name_of=self._exercise_name)
        except StorageError as error:
            self.window.show_notice(error.message, NoticeLevel.PROBLEM)
            return [], "", []
        return found, held_words(programme, rows), rows

    def _exercise_name(self, exercise_id: str) -> str:
        exercise = self.library.exercises.get(exercise_id)
        return exercise.name if exercise is not None else exercise_id

    def _show_offer(
        self, area: QVBoxLayout, found: list[Offer], held: str
    ) -> ProgressionOffer | None:
        """Put the offer (or why there is none) in ``area``, in place of the one before."""
        while area.count():
            item = area.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not found and not held:
            return None
        journal, person = self._journal(), self.window.person
        if journal is None:
            return None
        offer = ProgressionOffer(
            found,
            accept=lambda o: accept(journal, person, o),
            undo=lambda a: undo(journal, a),
            held=held,
            parent=area.parentWidget(),  # never a window of its own, even for a moment
        )
        on_today = area is self.window.home.today.extra
        offer.accepted.connect(lambda _o: self.refresh(keep_offer=on_today))
        offer.undone.connect(lambda _a: self.refresh(keep_offer=on_today))
        area.addWidget(offer)
        return offer

    def before_start(self, choice: SessionChoice, go: Callable[[SessionChoice], None]) -> None:
        """Start ``choice`` with ``go``, first asking the next-morning question when its
        programme monitors pain that way and the last session was on an earlier day; an
        answer that says stop asks whether to start at all."""
        programme = self.library.programmes.get(choice.programme_id or "")
        journal = self._journal()
        if programme is None or journal is None:
            go(choice)
            return
        from guide_app.ui.morning_question import MorningQuestion

        person = self.window.person
        try:
            question = question_for(journal, person, programme, today(self.clock))
        except StorageError:
            question = None
        if question is None:
            go(choice)
            return
        dialog = MorningQuestion(
            question, lambda answer: record_answer(journal, person, question, answer), self.window
        )
        self.question = dialog
        dialog.accepted.connect(lambda: go(choice))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def set_library(self, library: Library) -> None:
        self.library = library
        self.refresh()

    def stop(self) -> None:
        self._new_day.stop()
        if self.reminders is not None:
            self.reminders.stop()

    def _bring_forward(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        self.window.go_home()
