"""The desktop reminder while the app runs: a timer set to the next reminder's wall-clock
time, one notification per slot (none for a slot already done), one after a suspended
laptop wakes, and a notice for the window when there is no system tray."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.core.model import Programme
from guide_app.core.people import Person
from guide_app.ui.reminders import Reminders
from tests.helpers.reminders import ACHILLES, MONDAY, TITLES, person

FIRST = "Time for Heel raises, phase 1 (1 of 2 today)"
SECOND = "Time for Heel raises, phase 1 (2 of 2 today)"


def wall(day: date, hour: int, minute: int = 0) -> float:
    return datetime(day.year, day.month, day.day, hour, minute).timestamp()


class Fixture:
    """A person on a fake clock, the notices the window would show, and the reminders."""

    def __init__(self, qtbot: QtBot, hour: int, minute: int = 0, **tray: bool) -> None:
        self.clock = FakeClock(wall_start=wall(MONDAY, hour, minute))
        self.person: Person = person()
        self.programme: Programme | None = ACHILLES
        self.done: dict[date, int] = {}
        self.notices: list[str] = []
        self.reminders = Reminders(
            self.clock,
            lambda: (self.person, self.programme, self.done),
            self.notices.append,
            name_of=TITLES.get,
            **tray,
        )
        self.shown: list[str] = []
        self.reminders.reminded.connect(self.shown.append)

    def wait_until(self, day: date, hour: int, minute: int = 0) -> None:
        """Time passes (as in a suspended laptop, the timer does not fire meanwhile),
        then the timer fires."""
        self.clock.set(self.clock.now() + wall(day, hour, minute) - self.clock.wall())
        self.reminders.timer.timeout.emit()


def test_the_timer_aims_at_0800_and_reminds_once_then_aims_at_1800(qtbot: QtBot) -> None:
    f = Fixture(qtbot, 7, 59)
    assert f.reminders.deadline == wall(MONDAY, 8)
    assert f.reminders.timer.isActive() and f.reminders.timer.interval() == 60_000
    f.wait_until(MONDAY, 8, 0)
    assert f.notices == [FIRST] and f.shown == [FIRST]
    assert f.reminders.deadline == wall(MONDAY, 18)
    f.reminders.timer.timeout.emit()
    f.reminders.refresh()
    assert f.notices == [FIRST]  # at most once per slot


def test_a_long_wait_is_checked_against_the_wall_clock_every_minute(qtbot: QtBot) -> None:
    f = Fixture(qtbot, 6)
    assert f.reminders.timer.interval() == 60_000  # not two hours of monotonic time
    f.wait_until(MONDAY, 7, 30)
    assert f.notices == [] and f.reminders.deadline == wall(MONDAY, 8)


def test_a_slot_done_before_its_time_is_not_reminded(qtbot: QtBot) -> None:
    f = Fixture(qtbot, 7, 30)
    f.done[MONDAY] = 1  # the first session of the day, done early
    f.reminders.refresh()
    assert f.reminders.deadline == wall(MONDAY, 18)
    f.wait_until(MONDAY, 8, 1)
    assert f.notices == []
    f.wait_until(MONDAY, 18, 0)
    assert f.notices == [SECOND]


def test_waking_after_both_times_shows_one_reminder_not_a_flood(qtbot: QtBot) -> None:
    f = Fixture(qtbot, 7)
    f.wait_until(MONDAY, 19)
    assert f.notices == [SECOND]
    assert f.reminders.deadline == wall(MONDAY + timedelta(days=1), 8)


def test_waking_the_next_morning_shows_nothing_of_yesterday(qtbot: QtBot) -> None:
    f = Fixture(qtbot, 17)
    f.wait_until(MONDAY + timedelta(days=1), 7)
    assert f.notices == []
    assert f.reminders.deadline == wall(MONDAY + timedelta(days=1), 8)


def test_no_times_or_no_programme_stops_the_timer(qtbot: QtBot) -> None:
    f = Fixture(qtbot, 7)
    f.person = person(reminders=())
    f.reminders.refresh()
    assert f.reminders.deadline is None and not f.reminders.timer.isActive()
    f.person, f.programme = person(), None
    f.reminders.refresh()
    assert f.reminders.deadline is None
    f.programme = ACHILLES
    f.reminders.refresh()
    assert f.reminders.deadline == wall(MONDAY, 8)


# The headless platform has no tray to watch, and says so when an icon is made.
@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_with_a_system_tray_the_reminder_is_a_tray_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[tuple[str, str]] = []
    f = Fixture(qtbot, 7, 59, tray=True)
    assert f.reminders.tray is not None and f.reminders.tray.isVisible()
    monkeypatch.setattr(
        f.reminders.tray, "showMessage", lambda title, text, *rest: messages.append((title, text))
    )
    f.wait_until(MONDAY, 8)
    assert messages == [("Session Guide", FIRST)] and f.notices == []
    assert "18:00" in f.reminders.tray.toolTip()
    f.person = person(reminders=())
    f.reminders.refresh()
    assert not f.reminders.tray.isVisible()  # no times chosen: no icon in the tray
