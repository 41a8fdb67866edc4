"""The .ics file of a person's schedule: an event at each reminder time of the weeks
ahead, that reads back with icalendar and updates rather than duplicates on re-import."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar

from guide_app.core.calendar_file import calendar_bytes, write_calendar
from tests.helpers.reminders import ACHILLES, MONDAY, TITLES, UID, person


def events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    assert isinstance(calendar, icalendar.Calendar)
    return list(calendar.walk("VEVENT"))


def test_the_file_reads_back_with_an_event_per_due_slot() -> None:
    found = events(calendar_bytes(person(), ACHILLES, MONDAY, weeks=4, name_of=TITLES.get))
    # weeks 1-2: twice a day for 14 days; weeks 3-4: two days a week
    assert len(found) == 14 * 2 + 2 * 2
    first = found[0]
    assert first.decoded("dtstart") == datetime(2026, 11, 30, 8, 0)  # floating local time
    assert str(first["summary"]) == "Heel raises"
    assert "phase 1" in str(first["description"])
    assert "twice a day" in str(first["description"])
    assert str(first["uid"]) == f"{UID}-20261130-1@session-guide"
    assert str(found[1]["uid"]) == f"{UID}-20261130-2@session-guide"
    assert found[1].decoded("dtstart") == datetime(2026, 11, 30, 18, 0)
    alarms = list(first.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("trigger") == timedelta(0)


def test_a_phase_starting_in_week_3_changes_the_title_from_that_date() -> None:
    found = events(calendar_bytes(person(), ACHILLES, MONDAY, weeks=4, name_of=TITLES.get))
    titles = {e.decoded("dtstart").date(): str(e["summary"]) for e in found}
    assert titles[date(2026, 12, 13)] == "Heel raises"
    week_3 = sorted(d for d, t in titles.items() if t == "Heel drops")
    assert week_3 == [
        date(2026, 12, 14),
        date(2026, 12, 17),
        date(2026, 12, 21),
        date(2026, 12, 24),
    ]
    assert all(d >= date(2026, 12, 14) for d in week_3)


def test_the_weeks_start_today_for_a_programme_already_running() -> None:
    found = events(calendar_bytes(person(), ACHILLES, MONDAY + timedelta(days=10), weeks=1))
    days = sorted({e.decoded("dtstart").date() for e in found})
    assert days[0] == MONDAY + timedelta(days=10)
    assert days[-1] <= MONDAY + timedelta(days=16)
    assert str(found[0]["summary"]) == "Achilles loading"


def test_a_second_export_on_the_same_day_is_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert write_calendar(first, person(), ACHILLES, MONDAY) == 32
    assert write_calendar(second, person(), ACHILLES, MONDAY) == 32
    assert first.read_bytes() == second.read_bytes()
    uids = [str(e["uid"]) for e in events(first.read_bytes())]
    assert len(set(uids)) == len(uids)


def test_no_times_chosen_gives_a_calendar_without_events() -> None:
    assert events(calendar_bytes(person(reminders=()), ACHILLES, MONDAY)) == []
