"""The .ics file of a person's schedule, for their own calendar: an event at each reminder
time of the sessions due in the weeks ahead, built with the ``icalendar`` library.

Choices, so a calendar shows the same as the app's reminders:

- One VEVENT per due slot, not RRULEs: the title changes when a phase starts, a phase's
  frequency may change with it, and a flexible week ("two or three times a week") has no
  fixed days; explicit events say exactly what the app plans (a flexible week's count
  spread as ``schedule.suggested_days`` spreads it). A few weeks of events is small.
- Times are floating local times (no TZID): "08:00" is the time the person chose on their
  own clock, wherever the calendar is; no time zone table is needed.
- UIDs are stable: the person's uid, the day and the slot, so importing a newer export
  updates the same events rather than adding copies. DTSTAMP is the export's day (00:00
  UTC) and SEQUENCE its day number, so a later export is a later revision, and two
  exports on the same day are byte for byte the same.
- Each event has an alarm at its start (VALARM, TRIGGER 0): the reminder itself. Events
  have no length: they mark the time, as an alarm does.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from guide_app.core.i18n import tr
from guide_app.core.people import Person
from guide_app.core.programme_model import Programme
from guide_app.core.programme_words import frequency_words
from guide_app.core.reminders import Reminder, SessionTitle, planned_reminders, start_of
from guide_app.core.safe_write import write_atomically

WEEKS = 4
PRODID = "-//Session Guide//guide-app//EN"
PRIVATE_FILE = 0o600  # a person's health schedule: readable by its owner alone


def first_day(person: Person, today: date) -> date:
    """The calendar's first day: today, or the person's start when that is later."""
    return max(today, start_of(person, today))


def calendar_reminders(
    person: Person,
    programme: Programme | None,
    today: date,
    *,
    weeks: int = WEEKS,
    name_of: SessionTitle | None = None,
) -> list[Reminder]:
    """Every planned reminder of the ``weeks`` weeks from ``first_day``, in order."""
    first = first_day(person, today)
    start = start_of(person, today)
    found: list[Reminder] = []
    for n in range(weeks * 7):
        found += planned_reminders(
            person, programme, first + timedelta(days=n), start=start, name_of=name_of
        )
    return found


def event_uid(person: Person, reminder: Reminder) -> str:
    """The same event in every export: person, day and slot."""
    return f"{person.uid}-{reminder.day:%Y%m%d}-{reminder.slot}@session-guide"


def _description(reminder: Reminder) -> str:
    lines = [
        tr(
            "{programme}: {phase}, week {week}",
            programme=reminder.programme.title,
            phase=reminder.phase.name,
            week=reminder.week,
        ),
        tr("How often: {often}", often=frequency_words(reminder.phase.frequency)),
    ]
    if reminder.due > 1:
        lines.append(tr("Session {n} of {count} that day", n=reminder.slot, count=reminder.due))
    return "\n".join(lines)


def _event(person: Person, reminder: Reminder, stamp: datetime, sequence: int) -> Event:
    event = Event()
    event.add("uid", event_uid(person, reminder))
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", reminder.at)  # naive: a floating local time
    event.add("summary", reminder.session)
    event.add("description", _description(reminder))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(0))
    alarm.add("description", reminder.words())
    event.add_component(alarm)
    return event


def build_calendar(
    person: Person,
    programme: Programme | None,
    today: date,
    *,
    weeks: int = WEEKS,
    name_of: SessionTitle | None = None,
) -> Calendar:
    """One VCALENDAR with a VEVENT per planned reminder of the weeks ahead."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    title = programme.title if programme is not None else tr("Session Guide")
    calendar.add("x-wr-calname", tr("Session Guide: {title}", title=title))
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    sequence = today.toordinal()
    for reminder in calendar_reminders(person, programme, today, weeks=weeks, name_of=name_of):
        calendar.add_component(_event(person, reminder, stamp, sequence))
    return calendar


def calendar_bytes(
    person: Person,
    programme: Programme | None,
    today: date,
    *,
    weeks: int = WEEKS,
    name_of: SessionTitle | None = None,
) -> bytes:
    """The .ics file's bytes (see ``build_calendar``)."""
    calendar = build_calendar(person, programme, today, weeks=weeks, name_of=name_of)
    data: bytes = calendar.to_ical()
    return data


def write_calendar(
    path: Path,
    person: Person,
    programme: Programme | None,
    today: date,
    *,
    weeks: int = WEEKS,
    name_of: SessionTitle | None = None,
) -> int:
    """Write the .ics file to ``path`` (whole or not at all, readable by its owner alone)
    and return how many events it has."""
    calendar = build_calendar(person, programme, today, weeks=weeks, name_of=name_of)
    write_atomically(path, calendar.to_ical(), PRIVATE_FILE)
    return len(calendar.walk("VEVENT"))
