"""The Today page: the week and phase, today's sessions with the done ones ticked, a
calendar where a missed day says so, and one key to start the session due; on Home it
comes first when the person has a programme (dates on a fake clock: Mon 30 Nov 2026)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from guide_app.core.choice import SessionChoice
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.today import Today, today_readout
from guide_app.ui.home import HomePage
from guide_app.ui.outline import describe_session
from guide_app.ui.today import TodayPage
from tests.helpers.today import TODAY, days_ago, done, person, phase, programme, sessions
from tests.helpers.window import press

LIBRARY = load_library([bundled_root()])
ACHILLES = "achilles-pain-monitoring"
TWICE = programme(phase("Only", {"times_a_day": 2, "days_a_week": 7}, "heel-a", "heel-b"))
OWN = Library(sessions=sessions("heel-a", "heel-b"), programmes={TWICE.id: TWICE})


def twice_daily(records: list) -> Today:  # type: ignore[type-arg]
    who = person(TWICE.id, 5, reminders=("08:00", "18:30"))
    today = today_readout(who, OWN.programmes, OWN.sessions, records, TODAY)
    assert today is not None
    return today


def achilles(records: list) -> Today:  # type: ignore[type-arg]
    who = person(ACHILLES, 16)
    today = today_readout(who, LIBRARY.programmes, LIBRARY.sessions, records, TODAY)
    assert today is not None
    return today


def page(qtbot: QtBot) -> TodayPage:
    shown = TodayPage()
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    return shown


def texts(widget: TodayPage) -> list[str]:
    found = [*widget.findChildren(QLabel), *widget.findChildren(QPushButton)]
    return [w.text() for w in found if w.isVisibleTo(widget) and w.text()]


def test_the_page_shows_the_week_the_phase_and_the_session_due(qtbot: QtBot) -> None:
    today_page = page(qtbot)
    today_page.show_today(achilles([]), LIBRARY)
    shown = texts(today_page)
    assert "Week 3, day 17" in shown
    assert "Phase 2 - start strengthening" in shown
    title = LIBRARY.sessions["achilles-loading-phase-2"].title
    assert today_page.start_button.text().replace("\n", " ") == f"Start {title}"
    assert f"○ To do {title}" in [text.replace("\n", " ") for text in shown]


def test_twice_daily_shows_two_slots_the_done_one_ticked(qtbot: QtBot) -> None:
    today_page = page(qtbot)
    today_page.show_today(twice_daily([done("heel-a", TODAY, 7)]), OWN)
    shown = texts(today_page)
    assert "✓ Done at 07:00: Heel a" in shown
    assert "○ Due at 18:30\nHeel b" in shown
    assert "Start Heel b" in shown  # (a long title is broken into lines)
    (due,) = [b for b in today_page.slot_buttons if b.property("due")]
    assert due.text() == "○ Due at 18:30\nHeel b"
    today_page.show_today(twice_daily([done("heel-a", TODAY, 7), done("heel-b", TODAY, 18)]))
    shown = texts(today_page)
    assert [t for t in shown if t.startswith(("✓ Done", "○"))] == [
        "✓ Done at 07:00: Heel a",
        "✓ Done at 18:00: Heel b",
    ]
    assert "✓ Everything due today is done." in "\n".join(shown)


def test_the_calendar_says_missed_on_a_missed_day_and_ticks_done_ones(qtbot: QtBot) -> None:
    records = [done("achilles-loading-phase-1", days_ago(n)) for n in range(1, 17) if n != 2]
    today_page = page(qtbot)
    today_page.show_today(achilles(records), LIBRARY)
    rows = today_page.calendar.texts()
    assert [row[0] for row in rows] == ["Week 1", "Week 2", "Week 3"]
    assert rows[1][-1] == "7 of 7" and rows[2][-1] == "1 of 7"
    week_3 = rows[2][1:-1]
    assert week_3[0] == "28\nmissed" and week_3[1] == "29\n✓" and week_3[2] == "30\ntoday"
    cell = today_page.calendar.cells[days_ago(2)]
    assert cell.toolTip() == "Sat 28 Nov 2026: missed"
    assert cell.property("state") == "missed"  # drawn with a dashed frame, not a colour


def test_enter_starts_the_session_due(qtbot: QtBot) -> None:
    today_page = page(qtbot)
    today_page.show_today(twice_daily([done("heel-a", TODAY, 7)]), OWN)
    today_page.show()
    qtbot.waitExposed(today_page)
    qtbot.waitUntil(lambda: QApplication.focusWidget() in today_page.slot_buttons)
    with qtbot.waitSignal(today_page.start) as started:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert started.args == ["heel-b"]
    with qtbot.waitSignal(today_page.start) as started:
        qtbot.keyClick(today_page.calendar, Qt.Key.Key_Space)  # Space anywhere on Today
    assert started.args == ["heel-b"]


def test_another_session_of_the_phase_can_be_started_instead(qtbot: QtBot) -> None:
    today_page = page(qtbot)
    today_page.show_today(twice_daily([]), OWN)
    (other,) = [b for b in today_page.slot_buttons if b.text() == "or Heel b"][:1]
    with qtbot.waitSignal(today_page.start) as started:
        other.click()
    assert started.args == ["heel-b"]


def test_a_person_without_a_programme_is_asked_to_choose_one(qtbot: QtBot) -> None:
    today_page = page(qtbot)
    today_page.show_today(None, LIBRARY)
    shown = texts(today_page)
    assert "Choose a programme…" in shown
    assert any("Choose a programme, and this page shows" in t for t in shown)
    with qtbot.waitSignal(today_page.choose_programme):
        today_page.choose_button.click()


def home(qtbot: QtBot, tmp_path: Path) -> HomePage:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    shown = HomePage(LIBRARY, settings, lambda s, a, w: describe_session(LIBRARY, s, a, w))
    qtbot.addWidget(shown)
    return shown


def test_home_opens_on_today_and_starts_the_due_session_of_the_programme(
    qtbot: QtBot, tmp_path: Path
) -> None:
    page_ = home(qtbot, tmp_path)
    assert page_.tabs.currentWidget() is page_.sessions_tree
    assert page_.tabs.tabText(0) == "Today"
    page_.show_today(achilles([]))
    assert page_.tabs.currentWidget() is page_.today
    assert not page_.search.isVisibleTo(page_), "Today has the whole width"
    page_.affected.set_value("left")
    started: list[SessionChoice] = []
    page_.start_requested.connect(started.append)
    page_.today.start_button.click()
    (choice,) = started
    assert choice.session.id == "achilles-loading-phase-2"
    assert (choice.programme_id, choice.phase) == (ACHILLES, "Phase 2 - start strengthening")
    assert (choice.affected, choice.person) == ("left", 1)
    page_.select("session", "first-session")
    assert page_.search.isVisibleTo(page_), "the lists have their search again"


def test_home_stays_on_the_lists_for_a_person_without_a_programme(
    qtbot: QtBot, tmp_path: Path
) -> None:
    page_ = home(qtbot, tmp_path)
    page_.show_today(None)
    assert page_.tabs.currentWidget() is page_.sessions_tree


def test_enter_on_home_starts_todays_session_in_the_window(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    window.home.show_today(achilles([]))
    qtbot.waitUntil(lambda: window.focusWidget() in window.home.today.slot_buttons)
    press(window, Qt.Key.Key_Return)
    assert window.running
    run = window.adapter.run
    assert run.choice is not None and run.choice.session.id == "achilles-loading-phase-2"
    assert run.choice.programme_id == ACHILLES
