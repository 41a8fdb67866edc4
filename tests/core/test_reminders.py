"""Reminders at the times the person chose, for the sessions due that day, skipping the
sessions already done."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from guide_app.core.history_records import SessionRecord
from guide_app.core.reminders import (
    day_reminders,
    done_by_day,
    next_reminder,
    reminders_between,
)
from tests.helpers.reminders import ACHILLES, MONDAY, TITLES, person


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def test_the_next_reminder_after_0759_is_0800_on_a_due_day() -> None:
    reminder = next_reminder(person(), ACHILLES, at(MONDAY, 7, 59), {}, name_of=TITLES.get)
    assert reminder is not None
    assert reminder.at == at(MONDAY, 8)
    assert (reminder.slot, reminder.due) == (1, 2)
    assert reminder.words() == "Time for Heel raises, phase 1 (1 of 2 today)"


def test_the_second_slot_has_the_second_time() -> None:
    reminder = next_reminder(person(), ACHILLES, at(MONDAY, 8), {})
    assert reminder is not None
    assert reminder.at == at(MONDAY, 18)
    assert reminder.words() == "Time for Achilles loading, phase 1 (2 of 2 today)"


def test_after_the_first_slot_is_done_the_0800_reminder_is_skipped() -> None:
    reminder = next_reminder(person(), ACHILLES, at(MONDAY, 7, 59), {MONDAY: 1})
    assert reminder is not None
    assert (reminder.at, reminder.slot) == (at(MONDAY, 18), 2)
    assert [r.slot for r in day_reminders(person(), ACHILLES, MONDAY, {MONDAY: 1})] == [2]
    both_done = next_reminder(person(), ACHILLES, at(MONDAY, 7), {MONDAY: 2})
    assert both_done is not None and both_done.at == at(MONDAY + timedelta(1), 8)


def test_no_times_chosen_means_no_reminders_and_extra_slots_have_none() -> None:
    assert next_reminder(person(reminders=()), ACHILLES, at(MONDAY, 7), {}) is None
    one_time = person(reminders=("07:30",))
    assert [r.slot for r in day_reminders(one_time, ACHILLES, MONDAY, {})] == [1]
    three_times = person(reminders=("07:00", "12:00", "19:00"))
    assert [r.at.hour for r in day_reminders(three_times, ACHILLES, MONDAY, {})] == [7, 12]
    assert next_reminder(person(), None, at(MONDAY, 7), {}) is None


def test_nothing_before_the_start_and_a_phase_change_changes_the_words() -> None:
    later = person(started_on=MONDAY + timedelta(days=3))
    first = next_reminder(later, ACHILLES, at(MONDAY, 7), {})
    assert first is not None and first.at == at(MONDAY + timedelta(days=3), 8)
    week_3_day = at(MONDAY + timedelta(weeks=2), 7)
    week_3 = next_reminder(person(), ACHILLES, week_3_day, {}, name_of=TITLES.get)
    assert week_3 is not None
    assert (week_3.phase.name, week_3.week, week_3.due) == ("phase 2", 3, 1)
    assert week_3.words() == "Time for Heel drops, phase 2"


def test_no_reminder_once_the_programme_is_over() -> None:
    last_week = MONDAY + timedelta(weeks=5)  # the last phase ends with week 5
    assert next_reminder(person(), ACHILLES, at(last_week, 7), {}) is not None
    after = MONDAY + timedelta(weeks=6)
    assert next_reminder(person(), ACHILLES, at(after, 7), {}) is None
    assert day_reminders(person(), ACHILLES, after + timedelta(weeks=24), {}) == []


def test_a_flexible_week_stops_reminding_once_its_count_is_done() -> None:
    started = person(reminders=("08:00",), started_on=MONDAY - timedelta(weeks=2))
    tuesday = MONDAY + timedelta(days=1)
    before = next_reminder(started, ACHILLES, at(MONDAY, 9), {MONDAY: 1})
    assert before is not None and before.at == at(tuesday, 8)  # one of two done: still due
    done = {MONDAY: 1, tuesday: 1}
    after = next_reminder(started, ACHILLES, at(tuesday, 9), done)
    assert after is not None
    assert after.at == at(MONDAY + timedelta(weeks=1), 8)  # the next programme week


def test_reminders_between_two_moments_skip_the_done_ones() -> None:
    passed = reminders_between(person(), ACHILLES, at(MONDAY, 7), at(MONDAY, 19), {})
    assert [r.at.hour for r in passed] == [8, 18]
    assert reminders_between(person(), ACHILLES, at(MONDAY, 8), at(MONDAY, 17), {}) == []
    done = reminders_between(person(), ACHILLES, at(MONDAY, 7), at(MONDAY, 19), {MONDAY: 1})
    assert [r.slot for r in done] == [2]


def _session(
    day: date, programme: str | None, state: str = "finished", session: str = "heel-raises"
) -> SessionRecord:
    started = at(day, 10).timestamp()
    return SessionRecord(1, session, session, programme, None, None, None, started, started, state)


def test_done_by_day_counts_the_programme_s_sessions_run_as_today_does() -> None:
    sessions = [
        _session(MONDAY, "achilles-loading"),
        _session(MONDAY, "achilles-loading", "stopped"),
        _session(MONDAY, "achilles-loading", "running"),
        _session(MONDAY, "other", session="knee-bends"),  # another programme's session
        _session(MONDAY + timedelta(1), "achilles-loading"),
    ]
    assert done_by_day(sessions, ACHILLES) == {MONDAY: 2, MONDAY + timedelta(1): 1}
