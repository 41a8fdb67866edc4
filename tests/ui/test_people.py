"""People on one machine, in the window: two keys from Home switch person, each person's
sides and history are their own, the wall display never names anyone unless asked, and
a home user with the default person alone never sees any of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.people import Person
from guide_app.core.sides import Side
from guide_app.speech.service import RecordingSpeech
from guide_app.ui import keys
from guide_app.ui.main_window import MainWindow
from guide_app.ui.people import PeopleList, PersonForm
from tests.helpers.window import MakeWindow, press


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1000.0, wall_start=datetime(2026, 11, 30, 9).timestamp())


def journal_of(window: MainWindow) -> Journal:
    journal = window.people.journal()
    assert journal is not None
    return journal


def key_on(widget: QWidget, key: Qt.Key, text: str = "") -> None:
    """A key typed on ``widget`` (a dialog's list or field)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
        QApplication.sendEvent(widget, event)


def open_switcher(window: MainWindow) -> PeopleList:
    """The first of the two keys from Home: F2 opens the list of people."""
    press(window, Qt.Key.Key_F2)
    switcher = window.people.switcher
    assert switcher is not None and switcher.isVisible()
    return switcher


def switch_to(window: MainWindow, number: int) -> None:
    """Two keys from Home: F2, then the person's number."""
    switcher = open_switcher(window)
    key_on(switcher.list, getattr(Qt.Key, f"Key_{number}"), str(number))
    assert not switcher.isVisible()


def run_and_stop(window: MainWindow, session: str) -> None:
    """Start ``session`` from Home with Enter, stop it at once, and come back Home."""
    assert window.home.select("session", session)
    press(window, Qt.Key.Key_Return)
    assert window.running
    press(window, Qt.Key.Key_Q, text="\x11", modifiers=Qt.KeyboardModifier.ControlModifier)
    window.go_home()


def shown_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def test_the_default_person_alone_sees_nothing_of_people(window: MainWindow) -> None:
    assert window.person.is_default
    assert window.windowTitle() == "Session Guide"
    assert not window.home.person_button.isVisible()
    assert window.display is not None
    assert not window.display.person_name.isVisible()
    assert journal_of(window).person == 1


def test_the_help_lists_the_key_that_switches_person() -> None:
    rows = dict(keys.help_rows())
    assert any("switch person" in label for label in rows.values())
    assert keys.key_names("people", most=1) == "F2"


def test_two_keys_from_home_switch_person_and_their_sides(qtbot: QtBot, window: MainWindow) -> None:
    window.home.affected.set_value("left")  # the default person's, saved to them
    journal = journal_of(window)
    assert journal.person_by_row(1).affected is Side.LEFT
    ana = journal.add_person(Person(0, "", name="Ana", affected=Side.RIGHT, weaker=Side.RIGHT))
    window.people.show_who()
    assert window.home.person_button.isVisible()
    assert "Me" in window.home.person_button.text()

    switcher = open_switcher(window)
    assert switcher.entries()[:2] == ["1   Me (now)", "2   Ana"]
    assert "New person…" in switcher.entries() and "Change Me…" in switcher.entries()
    with qtbot.waitSignal(window.person_changed) as changed:
        key_on(switcher.list, Qt.Key.Key_2, "2")
    assert changed.args == [ana]
    assert window.home.affected.value() == "right" and window.home.weaker.value() == "right"
    assert window.windowTitle() == "Session Guide — Ana"
    assert "Ana" in window.home.person_button.text()
    assert journal.person == ana.row

    switcher = open_switcher(window)  # Esc closes the list and changes nothing
    key_on(switcher.list, Qt.Key.Key_Escape)
    assert not switcher.isVisible() and window.person.row == ana.row

    switcher = open_switcher(window)  # the arrows and Enter pick too
    key_on(switcher.list, Qt.Key.Key_Up)
    key_on(switcher.list, Qt.Key.Key_Return)
    assert window.person.is_default and window.home.affected.value() == "left"
    assert journal.person_by_row(ana.row).affected is Side.RIGHT, "her sides stay hers"


def history_titles(window: MainWindow) -> list[str]:
    """The titles in the history window's list of sessions, in order."""
    model = window._history.sessions.model()
    return sorted(str(model.index(r, 1).data()) for r in range(model.rowCount()))


def test_two_people_each_see_only_their_own_history(
    qtbot: QtBot, window: MainWindow, open_journal: Callable[[], Journal]
) -> None:
    journal_of(window).add_person(Person(0, "", name="Ana", affected=Side.RIGHT))
    run_and_stop(window, "first-session")
    switch_to(window, 2)
    run_and_stop(window, "ankle-and-foot")
    run_and_stop(window, "alfredson-heel-drops")
    hers = ["Ankle and foot control", "Eccentric heel drops (Alfredson)"]
    mine = ["First session - a five-minute tour"]

    assert sorted(s.title for s in journal_of(window).sessions()) == hers
    window.open_history()
    qtbot.waitUntil(lambda: history_titles(window) == hers)

    switch_to(window, 1)
    assert [s.title for s in journal_of(window).sessions()] == mine
    window.open_history()  # open already: read again, for the person now
    qtbot.waitUntil(lambda: history_titles(window) == mine)
    window._history.close()

    check = open_journal()
    check.person = 2
    assert ("Ankle and foot control", Side.RIGHT) in [
        (s.title, s.affected_side) for s in check.sessions()
    ], "Home started her session with her sides"
    check.close()


def test_the_wall_display_names_a_person_only_when_asked(qtbot: QtBot, window: MainWindow) -> None:
    journal_of(window).add_person(Person(0, "", name="Ana Silva", affected=Side.RIGHT))
    switch_to(window, 2)
    display = window.display
    assert display is not None
    assert not any("Ana" in text for text in shown_texts(display))
    assert window.home.select("session", "first-session")
    press(window, Qt.Key.Key_Return)
    assert window.running
    assert not any("Ana" in text for text in shown_texts(display)), "not during a session"
    press(window, Qt.Key.Key_Q, text="\x11", modifiers=Qt.KeyboardModifier.ControlModifier)
    window.go_home()

    switcher = open_switcher(window)  # "Change Ana Silva…": she asks for her name
    item = switcher.list.findItems("Change Ana Silva…", Qt.MatchFlag.MatchContains)[0]
    switcher.list.setCurrentItem(item)
    key_on(switcher.list, Qt.Key.Key_Return)
    form = window.people.form
    assert form is not None and form.isVisible()
    assert not form.show_name.isChecked(), "off unless asked"
    form.show_name.setChecked(True)
    form.save()
    assert display.person_name.isVisible() and display.person_name.text() == "Ana Silva"

    switch_to(window, 1)  # the default person never asked
    assert not any("Ana" in text for text in shown_texts(display))


def test_a_display_opened_later_shows_the_name_only_when_asked(
    qtbot: QtBot,
    make_window: MakeWindow,
    voice: RecordingSpeech,
    open_journal: Callable[[], Journal],
) -> None:
    journal = open_journal()
    ana = journal.add_person(Person(0, "", name="Ana", show_name=True))
    journal.add_person(Person(0, "", name="Bo"))
    journal.close()
    window = make_window(voice=voice, journal=open_journal)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    switch_to(window, 2)
    assert window.person == ana
    window.toggle_display()
    assert window.display is not None and window.display.person_name.text() == "Ana"
    switch_to(window, 3)
    assert not window.display.person_name.isVisible()
    window.display.hide()


def test_the_person_of_last_time_comes_back_and_a_removed_one_falls_back(
    make_window: MakeWindow,
    voice: RecordingSpeech,
    open_journal: Callable[[], Journal],
    settings: QSettings,
) -> None:
    journal = open_journal()
    bo = journal.add_person(Person(0, "", name="Bo", weaker=Side.LEFT))
    journal.close()
    first = make_window(voice=voice, journal=open_journal)
    first.set_person(journal_of(first).person_by_row(bo.row))
    again = make_window(voice=voice, journal=open_journal)
    assert again.person.row == bo.row and again.home.weaker.value() == "left"
    settings.setValue("people/current", 99)
    third = make_window(voice=voice, journal=open_journal)
    assert third.person.is_default


def test_the_old_home_sides_move_into_the_default_person_once(
    make_window: MakeWindow,
    voice: RecordingSpeech,
    open_journal: Callable[[], Journal],
    settings: QSettings,
) -> None:
    settings.setValue("home/affected", "right")
    settings.setValue("home/weaker", "left")
    settings.setValue("home/weaker_first", False)
    window = make_window(voice=voice, journal=open_journal)
    me = journal_of(window).person_by_row(1)
    assert (me.affected, me.weaker, me.weaker_first) == (Side.RIGHT, Side.LEFT, False)
    assert window.home.affected.value() == "right"

    window.home.affected.set_value(None)  # cleared on purpose: saved to the person
    window.home.weaker.set_value(None)
    assert journal_of(window).person_by_row(1).affected is None
    again = make_window(voice=voice, journal=open_journal)
    assert again.home.affected.value() is None, "the old settings are not read again"
    assert journal_of(again).person_by_row(1).affected is None


def test_the_form_adds_a_person_with_programme_start_and_reminders(
    qtbot: QtBot, window: MainWindow
) -> None:
    switcher = open_switcher(window)
    switcher.list.setCurrentItem(
        switcher.list.findItems("New person…", Qt.MatchFlag.MatchContains)[0]
    )
    key_on(switcher.list, Qt.Key.Key_Return)
    form = window.people.form
    assert isinstance(form, PersonForm) and form.windowTitle() == "New person"
    assert form.started_on.date().toString("yyyy-MM-dd") == "2026-11-30", "today, by the clock"
    assert not form.started_on.isEnabled(), "no programme yet"
    form.name.setText("J.S.")
    form.affected.set_value("left")
    form.programme.setCurrentIndex(form.programme.findData("achilles-pain-monitoring"))
    assert form.started_on.isEnabled()
    form.reminders.setText("8:00, 25:00")
    assert form.reminders_error.isVisible() and "25:00" in form.reminders_error.text()
    form.save()
    assert form.isVisible(), "not saved while a time is wrong"
    form.reminders.setText("18:30, 8:00")
    assert not form.reminders_error.isVisible()
    with qtbot.waitSignal(window.person_changed):
        form.save()
    person = window.person
    assert (person.name, person.affected, person.programme_id) == (
        "J.S.",
        Side.LEFT,
        "achilles-pain-monitoring",
    )
    assert person.started_on == date(2026, 11, 30) and person.reminders == ("08:00", "18:30")
    assert not person.show_name
    assert window.windowTitle() == "Session Guide — J.S."
    assert window.home.affected.value() == "left"


def test_a_person_with_sessions_is_kept_and_the_form_says_why(window: MainWindow) -> None:
    journal = journal_of(window)
    journal.add_person(Person(0, "", name="Ana"))
    lone = journal.add_person(Person(0, "", name="Zed"))
    switch_to(window, 2)
    run_and_stop(window, "first-session")
    window.people.edit(window.person)
    form = window.people.form
    assert form is not None and form.remove_button is not None
    form.remove_button.click()
    form.remove_button.click()  # asked twice
    assert form.isVisible() and "sessions in the history" in form.problem.text()
    assert [p.name for p in journal.people()] == ["", "Ana", "Zed"]
    form.reject()

    window.set_person(journal.person_by_row(lone.row))
    window.people.edit(window.person)
    form = window.people.form
    assert form is not None and form.remove_button is not None
    form.remove_button.click()
    form.remove_button.click()
    assert [p.name for p in journal.people()] == ["", "Ana"]
    assert window.person.is_default, "the one removed was current: back to the default"

    window.people.edit(window.person)
    assert window.people.form is not None and window.people.form.remove_button is None
    window.people.form.reject()
