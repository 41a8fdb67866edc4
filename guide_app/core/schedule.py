"""How often a phase is done, as numbers, and how many sessions fall due on a given day.

A phase's ``frequency`` gives numbers (``times_a_day``, ``days_a_week``, ``weekdays``,
``every_days``, ``every_hours``) or words only; the common words ("daily", "twice a
day", "two or three times a week", "several times a week") are read as numbers here, and
anything else counts as once a day; words in another language are read in the English
they translate (``content_language.english``). Weeks are the programme's: seven days
from the day it started. A week of fewer days than seven is flexible: sessions are due
on any day until the week's lowest count is done (``suggested_days`` spreads them for a
calendar).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from guide_app.core.content_language import english
from guide_app.core.history_records import SessionRecord
from guide_app.core.programme_model import WEEKDAYS, Frequency, Programme

AWAKE = (8.0, 20.0)  # every N hours "while awake": from 8:00 to 20:00
_NUMBERS = {
    "once": 1,
    "one": 1,
    "twice": 2,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "several": 3,
}
_COUNT = r"(\d+|once|one|twice|two|three|four|five|six|seven|several)"
_RANGE = rf"{_COUNT}(?:\s*(?:-|to|or)\s*{_COUNT})?(?:\s*times)?"


@dataclass(frozen=True, slots=True)
class HowOften:
    """A frequency as numbers: sessions on a day it is done, and which days those are
    (``weekdays`` 0 = Monday; else every ``every_days`` days; else ``per_week`` days in
    each programme week, low and high: (7, 7) is every day)."""

    times_a_day: int = 1
    per_week: tuple[int, int] = (7, 7)
    weekdays: frozenset[int] | None = None
    every_days: int | None = None

    @property
    def flexible(self) -> bool:
        """Any days of the week, so many of them: not fixed days."""
        return self.weekdays is None and self.every_days is None and self.per_week[0] < 7


@dataclass(frozen=True, slots=True)
class DayDue:
    """Sessions on one day: ``due`` (0 on a rest day, or once a flexible week's count is
    done) and ``done``; for a flexible week, its count so far and its target."""

    day: date
    due: int
    done: int
    week_done: int = 0
    week_target: tuple[int, int] | None = None

    @property
    def missed(self) -> int:
        return max(0, self.due - self.done)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _words(text: str) -> HowOften:
    """The numbers in frequency words (their first clause, up to a semicolon); once a
    day when they give none."""
    clause = text.lower().split(";")[0]
    times = 1
    if match := re.search(rf"{_RANGE}\s*(?:a|per|each)\s*day", clause):
        times = _count(match.group(1))
    elif re.search(r"twice\s+daily", clause):
        times = 2
    if re.search(r"\b(daily|every\s*day|each\s*day|a\s*day|per\s*day)\b", clause):
        return HowOften(times_a_day=times)
    if match := re.search(rf"{_RANGE}\s*(?:a|per|each)\s*week", clause):
        low = _count(match.group(1))
        high = _count(match.group(2)) if match.group(2) else low
        return HowOften(times_a_day=1, per_week=(min(low, 7), min(max(low, high), 7)))
    return HowOften(times_a_day=times)


def how_often(frequency: Frequency) -> HowOften:
    """``frequency`` as numbers: its own when it gives any, else read from its words."""
    numbers = (
        frequency.times_a_day,
        frequency.days_a_week,
        frequency.weekdays,
        frequency.every_days,
        frequency.every_hours,
    )
    if all(n is None for n in numbers):
        return _words(english(frequency.text or ""))  # the words are read in English
    times = frequency.times_a_day.low if frequency.times_a_day is not None else 1
    if frequency.every_hours:
        low, high = AWAKE
        times = max(times, math.floor((high - low) / frequency.every_hours) + 1)
    if frequency.weekdays:
        days = frozenset(WEEKDAYS.index(d) for d in frequency.weekdays)
        return HowOften(times, (len(days), len(days)), days)
    if frequency.every_days:
        return HowOften(times, every_days=frequency.every_days)
    if frequency.days_a_week is not None:
        week = frequency.days_a_week
        return HowOften(times, (week.low, max(week.low, week.high)))
    return HowOften(times)


def week_start(started_on: date, day: date) -> date:
    """The first day of the programme week ``day`` is in (weeks run from ``started_on``)."""
    return day - timedelta(days=(day - started_on).days % 7)


def suggested_days(how: HowOften, started_on: date, week_first: date) -> list[date]:
    """The days of one programme week a session falls on: the fixed ones, or for a
    flexible week its lowest count spread evenly from the week's first day."""
    days = [week_first + timedelta(days=n) for n in range(7)]
    if how.weekdays is not None:
        return [d for d in days if d.weekday() in how.weekdays]
    if how.every_days is not None:
        return [d for d in days if (d - started_on).days % how.every_days == 0]
    count = how.per_week[0]
    return sorted({week_first + timedelta(days=(n * 7) // count) for n in range(count)})


def day_due(how: HowOften, started_on: date, day: date, done_on: Mapping[date, int]) -> DayDue:
    """Sessions due and done on ``day`` (``done_on``: sessions done per day, any days).
    A flexible week has sessions due on any day until its lowest count is reached by the
    days before; a day before the start has none due."""
    done = done_on.get(day, 0)
    if day < started_on:
        return DayDue(day, 0, done)
    if not how.flexible:
        fixed = day in suggested_days(how, started_on, week_start(started_on, day))
        return DayDue(day, how.times_a_day if fixed else 0, done)
    first = week_start(started_on, day)
    before = sum(1 for n in range((day - first).days) if done_on.get(first + timedelta(n), 0))
    week_done = before + (1 if done else 0)
    due = how.times_a_day if before < how.per_week[0] else 0
    return DayDue(day, due, done, week_done, how.per_week)


def counts_for(programme: Programme, record: SessionRecord) -> bool:
    """Whether a session counts as done for the programme: run from it, or one of its
    sessions run on its own; stopped early counts, still running does not."""
    if record.state == "running":
        return False
    if record.programme_id == programme.id:
        return True
    return any(record.session_id in phase.sessions for phase in programme.phases)


def end_week(programme: Programme) -> int | None:
    """The last programme week (from 0), when the last phase gives its weeks."""
    last = programme.phases[-1].weeks
    return last.last if last is not None else None


def programme_over(programme: Programme, started_on: date, day: date) -> bool:
    """Whether ``day`` is past the programme's last week: nothing is due any more."""
    end = end_week(programme)
    return end is not None and (day - started_on).days // 7 > end
