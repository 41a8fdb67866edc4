"""When to remind a person of their due sessions: the times of day they chose, for the
sessions their programme's frequency makes due on a day, skipping those already done.

Slot ``n`` of a day (its n-th due session) is reminded at the person's n-th time of day
(``Person.reminders``, sorted); a day with more sessions due than times has no reminder
for the extra ones, and a person with no times has no reminders at all. Days and weeks
are the programme's (``core/schedule.py``) from the person's start date, or from the day
asked about when they have none. A slot is done when that many sessions of the programme
were finished that day (``done_by_day``), so a session done before its reminder's time
stops that reminder. Times are naive local ``datetime``s, as the clock's wall time reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from guide_app.core.history_records import SessionRecord
from guide_app.core.i18n import tr
from guide_app.core.people import Person
from guide_app.core.programme_model import Phase, Programme
from guide_app.core.progress import programme_position
from guide_app.core.schedule import (
    counts_for,
    day_due,
    how_often,
    programme_over,
    suggested_days,
    week_start,
)

SessionTitle = Callable[[str], "str | None"]  # a session id to its title (None: unknown)
LOOK_AHEAD_DAYS = 62  # far enough for any frequency (every 30 days at most)


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder: at ``at`` (local time) for the ``slot``-th (from 1) of the ``due``
    sessions of that day, in ``phase`` of ``programme`` in ``week`` (shown, from 1);
    ``session`` is what is due in words (the session's title, else the programme's)."""

    at: datetime
    slot: int
    due: int
    programme: Programme
    phase: Phase
    week: int
    session: str

    @property
    def day(self) -> date:
        return self.at.date()

    def words(self) -> str:
        """What the notification says: "Time for Heel raises, phase 1 (2 of 2 today)"."""
        if self.due == 1:
            return tr("Time for {session}, {phase}", session=self.session, phase=self.phase.name)
        return tr(
            "Time for {session}, {phase} ({n} of {count} today)",
            session=self.session,
            phase=self.phase.name,
            n=self.slot,
            count=self.due,
        )


def times_of_day(person: Person) -> tuple[time, ...]:
    """The person's reminder times, in order of the day (slot 1 gets the first)."""
    found = []
    for text in person.reminders:
        hours, _, minutes = text.partition(":")
        found.append(time(int(hours), int(minutes or 0)))
    return tuple(sorted(found))


def start_of(person: Person, fallback: date) -> date:
    """The day the person's programme weeks count from: their start date, else ``fallback``."""
    return person.started_on or fallback


def session_words(programme: Programme, phase: Phase, name_of: SessionTitle | None) -> str:
    """What is due in words: the phase's one session's title, else the programme's title."""
    if name_of is not None and len(phase.sessions) == 1:
        title = name_of(phase.sessions[0])
        if title:
            return title
    return programme.title


def _slots(
    person: Person,
    programme: Programme,
    day: date,
    start: date,
    due: int,
    skip: int,
    name_of: SessionTitle | None,
) -> list[Reminder]:
    """Reminders for slots ``skip + 1`` to ``due`` of ``day`` that have a time."""
    phase, week = programme_position(programme, start, day)
    words = session_words(programme, phase, name_of)
    return [
        Reminder(datetime.combine(day, at), slot, due, programme, phase, week + 1, words)
        for slot, at in enumerate(times_of_day(person)[:due], start=1)
        if slot > skip
    ]


def day_reminders(
    person: Person,
    programme: Programme | None,
    day: date,
    done_on: Mapping[date, int],
    *,
    start: date | None = None,
    name_of: SessionTitle | None = None,
) -> list[Reminder]:
    """The reminders of ``day``: one per due session not yet done that has a time of day
    (``done_on``: sessions of the programme done per day; ``start``: the programme's first
    day when the person has no start date, by default ``day`` itself)."""
    if programme is None or not person.reminders:
        return []
    first = start_of(person, start or day)
    if programme_over(programme, first, day):
        return []
    phase, _ = programme_position(programme, first, day)
    due = day_due(how_often(phase.frequency), first, day, done_on)
    return _slots(person, programme, day, first, due.due, due.done, name_of)


def planned_reminders(
    person: Person,
    programme: Programme | None,
    day: date,
    *,
    start: date | None = None,
    name_of: SessionTitle | None = None,
) -> list[Reminder]:
    """The reminders of ``day`` as the schedule plans them, whatever is done: every slot of
    a fixed day, and of a flexible week the days ``suggested_days`` spreads its count
    over (what a calendar shows ahead)."""
    if programme is None or not person.reminders:
        return []
    first = start_of(person, start or day)
    if day < first or programme_over(programme, first, day):
        return []
    phase, _ = programme_position(programme, first, day)
    how = how_often(phase.frequency)
    if day not in suggested_days(how, first, week_start(first, day)):
        return []
    return _slots(person, programme, day, first, how.times_a_day, 0, name_of)


def reminders_between(
    person: Person,
    programme: Programme | None,
    since: datetime,
    until: datetime,
    done_on: Mapping[date, int],
    *,
    name_of: SessionTitle | None = None,
) -> list[Reminder]:
    """The reminders after ``since`` up to ``until`` (included) of slots not yet done,
    in order (what passed while the app was not looking, e.g. a suspended laptop)."""
    found: list[Reminder] = []
    day = since.date()
    while day <= until.date():
        found += [
            r
            for r in day_reminders(
                person, programme, day, done_on, start=since.date(), name_of=name_of
            )
            if since < r.at <= until
        ]
        day += timedelta(days=1)
    return found


def next_reminder(
    person: Person,
    programme: Programme | None,
    after: datetime,
    done_on: Mapping[date, int],
    *,
    name_of: SessionTitle | None = None,
) -> Reminder | None:
    """The first reminder later than ``after`` of a slot not yet done, or None (no
    programme, no times of day, or nothing due in the next ``LOOK_AHEAD_DAYS`` days)."""
    if programme is None or not person.reminders:
        return None
    for n in range(LOOK_AHEAD_DAYS):
        day = after.date() + timedelta(days=n)
        for reminder in day_reminders(
            person, programme, day, done_on, start=after.date(), name_of=name_of
        ):
            if reminder.at > after:
                return reminder
    return None


def done_by_day(sessions: Iterable[SessionRecord], programme: Programme) -> dict[date, int]:
    """Sessions of the programme run per day (the day each started): what makes a slot
    done, as Today counts it (``schedule.counts_for``): a session stopped early counts (no
    reminder nags about it), one still running does not."""
    return dict(Counter(s.started_on for s in sessions if counts_for(programme, s)))
