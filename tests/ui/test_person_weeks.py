"""A person's programme over weeks in the window: Home opens on Today for the person of
last time, one key starts the session due, the next-morning question comes first when the
programme monitors pain that way, and a rule the log meets is offered on Today and on the
summary; accepting it changes the person's next session (dates on a fake clock)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from guide_app.app import build_window
from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.loader import Library
from guide_app.core.people import Person
from guide_app.core.sides import Side
from guide_app.speech.service import RecordingSpeech
from guide_app.ui.main_window import MainWindow
from guide_app.ui.morning_question import MorningQuestion
from tests.helpers import progression
from tests.helpers.window import press

START_OF_DAY = datetime(2026, 1, 5, 9).timestamp()  # the window fixtures' fake "now"


def ana(journal: Journal, programme_id: str, started: date) -> Person:
    person = journal.add_person(
        Person(0, "", name="Ana", affected=Side.LEFT, programme_id=programme_id, started_on=started)
    )
    return person


def start_due(qtbot: QtBot, window: MainWindow) -> None:
    """Enter on Today, where the session due has the keyboard."""
    qtbot.waitUntil(lambda: window.focusWidget() is not None)
    press(window, Qt.Key.Key_Return)


def window_for(
    qtbot: QtBot, library: Library, settings: QSettings, clock: FakeClock, path: Path
) -> MainWindow:
    window = build_window(
        library,
        settings,
        clock=clock,
        voice=RecordingSpeech(),
        journal=lambda: Journal(path, clock=clock),
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def test_home_opens_on_today_and_asks_about_the_morning_before_the_due_session(
    qtbot: QtBot, library: Library, settings: QSettings, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "history.sqlite3"
    day = date(2026, 1, 5)
    with Journal(path, clock=clock) as journal:
        person = ana(journal, "achilles-pain-monitoring", day - timedelta(days=16))
        journal.person = person.row
        yesterday = START_OF_DAY - 86400
        row = journal.begin_session(
            "achilles-loading-phase-2",
            "Achilles loading",
            programme_id="achilles-pain-monitoring",
            started_at=yesterday,
        )
        journal.end_session(row, at=yesterday + 900)
    settings.setValue("people/current", person.row)
    window = window_for(qtbot, library, settings, clock, path)

    assert window.person.name == "Ana"
    assert window.home.tabs.currentWidget() is window.home.today
    assert window.days is not None and window.days.today is not None
    assert window.days.today.week == 3
    start_due(qtbot, window)
    question = window.days.question
    assert isinstance(question, MorningQuestion) and question.isVisible()
    assert not window.running  # the question comes first
    question.choose(2)
    question.set_back(True)
    question.save_button.click()
    qtbot.waitUntil(lambda: window.running)
    assert window.adapter.run.choice is not None
    assert window.adapter.run.choice.session.id == "achilles-loading-phase-2"
    journal = window.people.journal()
    assert journal is not None
    (answer,) = [p for p in journal.pain_for(row) if p.moment == "next_morning"]
    assert answer.score == 2
    window.adapter.run.stop_quietly()  # else closing asks whether to leave the session


def test_a_met_rule_is_offered_on_today_and_after_the_session_and_changes_the_next_plan(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    clock = progression.clock()
    path = tmp_path / "history.sqlite3"
    journal, person = progression.journal_with_person(path, clock, name="Ana")
    progression.two_good_sessions(journal)
    journal.close()
    settings.setValue("people/current", person.row)
    session = progression.clam_session()
    library = Library(
        exercises=progression.exercises(),
        sessions={session.id: session},
        programmes={progression.PROGRAMME_ID: progression.programme()},
    )
    window = window_for(qtbot, library, settings, clock, path)
    assert window.days is not None
    offer = window.days.today_offer
    assert offer is not None and offer.isVisibleTo(window.home.today)

    start_due(qtbot, window)
    assert window.running
    assert progression.dose(window.adapter.run.plan) == {(3, 15)}
    window.adapter.stop()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary)
    on_summary = window.days.summary_offer
    assert on_summary is not None and on_summary.isVisibleTo(window.summary)
    accepted = []
    on_summary.accepted.connect(accepted.append)
    clamshell = next(r for r in on_summary.rows if r.offer.exercise == "clamshell")
    assert "20 reps" in clamshell.change.text()
    clamshell.accept_button.click()
    assert accepted and clamshell.undo_button.isVisibleTo(on_summary)

    window.go_home()
    run = window.adapter.run
    run.start(SessionChoice(session, progression.PROGRAMME_ID, "Early", person=person.row))
    assert progression.dose(run.plan) == {(3, 20)}
    run.stop_quietly()


def test_accepting_on_today_keeps_the_row_with_its_undo(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    clock = progression.clock()
    path = tmp_path / "history.sqlite3"
    journal, person = progression.journal_with_person(path, clock, name="Ana")
    progression.two_good_sessions(journal)
    journal.close()
    settings.setValue("people/current", person.row)
    session = progression.clam_session()
    library = Library(
        exercises=progression.exercises(),
        sessions={session.id: session},
        programmes={progression.PROGRAMME_ID: progression.programme()},
    )
    window = window_for(qtbot, library, settings, clock, path)
    assert window.days is not None and window.days.today_offer is not None
    offer = window.days.today_offer
    clamshell = next(r for r in offer.rows if r.offer.exercise == "clamshell")
    clamshell.accept_button.click()
    qtbot.wait(10)  # a widget deleted later would be gone by now
    assert window.days.today_offer is offer and clamshell in offer.rows
    assert clamshell.undo_button.isVisibleTo(offer)
    accepted = window.people.journal().adjustments(person.row)  # type: ignore[union-attr]
    assert [a.rule for a in accepted if a.undone_at is None] == [clamshell.offer.key]


def test_today_moves_on_when_the_date_changes(
    qtbot: QtBot, library: Library, settings: QSettings, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "history.sqlite3"
    with Journal(path, clock=clock) as journal:
        person = ana(journal, "achilles-pain-monitoring", date(2026, 1, 5) - timedelta(days=16))
    settings.setValue("people/current", person.row)
    window = window_for(qtbot, library, settings, clock, path)
    assert window.days is not None and window.days.today is not None
    assert window.days.today.day_number == 17
    window.days.check_day()  # the same day: nothing to do
    assert window.days.today.day_number == 17
    clock.advance(86400)  # the window is left open overnight
    window.days.check_day()
    assert window.days.today.day_number == 18


def test_the_sessions_are_read_once_a_refresh_and_not_at_each_reminder_check(
    qtbot: QtBot,
    library: Library,
    settings: QSettings,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "history.sqlite3"
    with Journal(path, clock=clock) as journal:
        person = ana(journal, "achilles-pain-monitoring", date(2026, 1, 5) - timedelta(days=16))
        journal.update_person(replace(person, reminders=("08:00", "18:30")))
    settings.setValue("people/current", person.row)
    window = window_for(qtbot, library, settings, clock, path)
    assert window.days is not None and window.days.reminders is not None
    journal = window.people.journal()
    assert journal is not None
    reads: list[object] = []
    sessions = journal.sessions
    monkeypatch.setattr(journal, "sessions", lambda **kw: reads.append(kw) or sessions(**kw))
    window.days.reminders.check()  # the timer's tick
    assert reads == []
    window.days.refresh()
    assert len(reads) == 1
    assert window.days.reminders.next is not None
