"""Today, as plain data: what is due today for one person on their programme.

The programme's phase and week (from the person's start date), the sessions due today
by the phase's frequency (twice a day: two slots), which of them are done, and a
calendar of the past programme weeks with each day done, missed or a rest day. A missed
day is said plainly and nothing more: no streaks lost, no scolding. Weeks are the
programme's (seven days from the start date) and shown counted from 1, as a person says
them ("week 3" is days 15 to 21); the content's phase weeks stay counted from 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from guide_app.core import locale_format
from guide_app.core.content_language import same, translated
from guide_app.core.history_records import SessionRecord
from guide_app.core.history_text import day_text
from guide_app.core.i18n import ntr, tr
from guide_app.core.model import Phase, Programme, Session
from guide_app.core.people import Person
from guide_app.core.programme_words import frequency_words
from guide_app.core.progress import phase_starts, programme_position
from guide_app.core.schedule import (
    HowOften,
    counts_for,
    day_due,
    how_often,
    programme_over,
)

# How a calendar day went (``CalendarDay.state``).
DONE = "done"  # every session due was done (or one on a free day)
PART = "part"  # some done, some missed
MISSED = "missed"  # due and nothing done
REST = "rest"  # nothing due, nothing done
PENDING = "pending"  # today, something still to do
AHEAD = "ahead"  # a later day of this week with sessions due
BEFORE = "before"  # before the programme started, or after it ended


@dataclass(frozen=True, slots=True)
class SessionOption:
    """One session of the phase that can be done now, and when it was last done."""

    session_id: str
    title: str
    last_done: date | None = None


@dataclass(frozen=True, slots=True)
class Slot:
    """One session due today: done (``session_id`` the one done, at ``done_at``) or to do
    (``options``: the phase's sessions, the one done least recently first, any of which
    may be started; ``session_id`` the first). ``reminder`` is the person's time for it."""

    number: int
    done: bool
    session_id: str
    title: str
    options: tuple[SessionOption, ...] = ()
    reminder: str | None = None
    done_at: str | None = None

    def status(self) -> str:
        """``Done at 08:12``, ``Due at 18:00`` (the person's reminder) or ``To do``."""
        if self.done:
            return tr("Done at {time}", time=self.done_at) if self.done_at else tr("Done")
        return tr("Due at {time}", time=self.reminder) if self.reminder else tr("To do")

    def words(self) -> str:
        """``Done at 08:12: Achilles loading, phase 2`` or ``Due at 18:00: ...``."""
        return tr("{status}: {title}", status=self.status(), title=self.title)


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One day of the calendar: sessions due and done, and how it went (``state``)."""

    day: date
    due: int
    done: int
    state: str
    today: bool = False

    @property
    def missed(self) -> int:
        return max(0, self.due - self.done) if self.state in (MISSED, PART) else 0

    def words(self) -> str:
        """The day in a sentence, for a tooltip or a screen reader."""
        when = day_text(self.day)
        if self.state == DONE:
            what = ntr("{n} session done", "{n} sessions done", self.done)
        elif self.state == PART:
            what = tr("{done} of {due} done, {missed} missed", **self._counts())
        elif self.state == MISSED:
            what = ntr("missed", "{n} missed", self.missed)
        elif self.state == PENDING:
            what = tr("today: {done} of {due} done", **self._counts())
        elif self.state == AHEAD:
            what = ntr("{n} session due", "{n} sessions due", self.due)
        elif self.state == BEFORE:
            what = tr("not in the programme")
        else:
            what = tr("rest day")
        return tr("{day}: {what}", day=when, what=what)

    def _counts(self) -> dict[str, int]:
        return {"done": self.done, "due": self.due, "missed": max(0, self.due - self.done)}


@dataclass(frozen=True, slots=True)
class CalendarWeek:
    """One programme week (``number`` counted from 1): its days, and sessions done of
    its target (low, high: a flexible week's range, else the sessions due)."""

    number: int
    days: tuple[CalendarDay, ...]
    done: int
    target: tuple[int, int]
    current: bool = False

    @property
    def first(self) -> date:
        return self.days[0].day

    def words(self) -> str:
        """``5 of 7`` (a flexible week: ``2 of 2-3``)."""
        return tr("{done} of {target}", done=self.done, target=_range_text(self.target))


@dataclass(frozen=True, slots=True)
class Today:
    """What Home shows first: the person's programme today. ``week`` and ``day_number``
    are counted from 1; ``slots`` are today's sessions, done first; ``calendar`` the
    past programme weeks, oldest first, this week last."""

    day: date
    person: int
    programme_id: str
    programme_title: str
    phase: str
    goal: str | None
    frequency: str
    started_on: date
    week: int
    day_number: int
    slots: tuple[Slot, ...]
    calendar: tuple[CalendarWeek, ...]
    options: tuple[SessionOption, ...]
    start_assumed: bool = False  # no start date was set: counted from today
    not_started: bool = False  # the start date is still to come
    finished: bool = False  # every week of the programme is over
    rest_day: bool = False
    week_count: tuple[int, tuple[int, int]] | None = None  # a flexible week: done, target
    next_phase: tuple[str, date, int] | None = None  # its name, first day, week (from 1)

    @property
    def next_slot(self) -> Slot | None:
        """The first session still to do today, or None."""
        return next((s for s in self.slots if not s.done), None)

    @property
    def due_session(self) -> str | None:
        """The session one key starts: today's next one, else (nothing left due) the
        phase's session done least recently, as an extra."""
        slot = self.next_slot
        if slot is not None:
            return slot.session_id
        return self.options[0].session_id if self.options else None

    def position_words(self) -> str:
        """``Week 3, day 17``, or when it starts."""
        if self.not_started:
            return tr("Starts on {day}", day=day_text(self.started_on))
        return tr("Week {week}, day {day}", week=self.week, day=self.day_number)

    def week_count_words(self) -> str:
        """A flexible week's count: ``2 of 2-3 this week``; empty otherwise."""
        if self.week_count is None:
            return ""
        done, target = self.week_count
        return tr("{done} of {target} this week", done=done, target=_range_text(target))

    def notes(self) -> list[str]:
        """What else today is, in plain sentences: the start, a rest day, the week's
        count, the next phase, the end."""
        notes: list[str] = []
        if self.start_assumed:
            notes.append(tr("No start date was set, so the programme counts from today."))
        if self.not_started:
            notes.append(
                tr("The programme starts on {day}.", day=day_text(self.started_on))
                + " "
                + tr("Nothing is due before then.")
            )
        elif self.finished:
            notes.append(
                tr(
                    "Every week of this programme is over. Keep going as your clinician "
                    "advised, or choose the next programme."
                )
            )
        elif self.rest_day:
            notes.append(tr("Nothing is due today: a rest day."))
        if self.week_count is not None:
            notes.append(self.week_count_words())
        if self.next_phase is not None and not self.finished:
            name, starts, week = self.next_phase
            notes.append(
                tr(
                    "Next: {phase}, from week {week} ({day}).",
                    phase=name,
                    week=week,
                    day=day_text(starts),
                )
            )
        return notes


def _range_text(target: tuple[int, int]) -> str:
    low, high = target
    return str(low) if low == high else f"{low}-{high}"


# --------------------------------------------------------------------------- the readout


def _how(programme: Programme, started_on: date, day: date) -> HowOften:
    return how_often(programme_position(programme, started_on, day).phase.frequency)


def _day_due(
    programme: Programme, started_on: date, day: date, done_on: Mapping[date, int]
) -> tuple[int, int, tuple[int, int] | None, int]:
    """(due, done, a flexible week's target or None, its count so far) on ``day``; none
    due after the programme's last week."""
    if programme_over(programme, started_on, day):
        return 0, done_on.get(day, 0), None, 0
    how = _how(programme, started_on, day)
    due = day_due(how, started_on, day, done_on)
    return due.due, due.done, (how.per_week if how.flexible else None), due.week_done


def _calendar_day(
    programme: Programme, started_on: date, day: date, today: date, done_on: Mapping[date, int]
) -> CalendarDay:
    due, done, flexible, _ = _day_due(programme, started_on, day, done_on)
    outside = day < started_on or programme_over(programme, started_on, day)
    if outside and not done:
        state = BEFORE
    elif day > today:
        state = AHEAD if due and flexible is None else REST
    elif day == today and done < due:
        state = PENDING
    elif done and done >= due:
        state = DONE
    elif flexible is not None:
        state = DONE if done else REST  # a flexible week's free day is never "missed"
    elif done:
        state = PART
    else:
        state = MISSED if due else REST
    return CalendarDay(day, due, done, state, today=day == today)


def _calendar(
    programme: Programme, started_on: date, today: date, done_on: Mapping[date, int], weeks: int
) -> tuple[CalendarWeek, ...]:
    if today < started_on or weeks <= 0:
        return ()
    current = (today - started_on).days // 7
    rows = []
    for index in range(max(0, current - weeks + 1), current + 1):
        first = started_on + timedelta(weeks=index)
        days = tuple(
            _calendar_day(programme, started_on, first + timedelta(n), today, done_on)
            for n in range(7)
        )
        how = _how(programme, started_on, first)
        if all(d.state == BEFORE for d in days):
            target = (0, 0)  # after the programme's last week
        elif how.flexible:
            times = how.times_a_day
            target = (how.per_week[0] * times, how.per_week[1] * times)
        else:
            due = sum(
                _day_due(programme, started_on, d.day, {})[0] for d in days if d.state != BEFORE
            )
            target = (due, due)
        done = sum(d.done for d in days)
        rows.append(CalendarWeek(index + 1, days, done, target, current=index == current))
    return tuple(rows)


def _options(
    phase: Phase, sessions: Mapping[str, Session], last_done: Mapping[str, float]
) -> tuple[SessionOption, ...]:
    """The phase's sessions that exist, the one done least recently (never: first) first."""
    order = sorted(
        (i for i, sid in enumerate(phase.sessions) if sid in sessions),
        key=lambda i: (last_done.get(phase.sessions[i], float("-inf")), i),
    )
    return tuple(
        SessionOption(
            phase.sessions[i],
            sessions[phase.sessions[i]].title,
            _local_day(last_done[phase.sessions[i]]) if phase.sessions[i] in last_done else None,
        )
        for i in order
    )


def _local_day(stamp: float) -> date:
    return datetime.fromtimestamp(stamp).date()


def _slots(
    due: int,
    done_today: Sequence[SessionRecord],
    options: tuple[SessionOption, ...],
    reminders: Sequence[str],
) -> tuple[Slot, ...]:
    """One slot per session due (or done) today, done first; each slot still to do
    offers the options turned on by one, so two slots suggest two different sessions."""
    slots: list[Slot] = []
    for record in done_today:
        slots.append(
            Slot(
                number=len(slots) + 1,
                done=True,
                session_id=record.session_id,
                title=translated(record.title),  # kept in English
                done_at=locale_format.clock(datetime.fromtimestamp(record.started_at)),
            )
        )
    for turn in range(max(0, due - len(done_today))):
        if not options:
            break
        shift = turn % len(options)
        turned = options[shift:] + options[:shift]
        slots.append(Slot(len(slots) + 1, False, turned[0].session_id, turned[0].title, turned))
    return tuple(
        Slot(
            s.number,
            s.done,
            s.session_id,
            s.title,
            s.options,
            reminders[s.number - 1] if s.number <= len(reminders) else None,
            s.done_at,
        )
        for s in slots
    )


def _next_phase(
    programme: Programme, phase: Phase, started_on: date, day: date
) -> tuple[str, date, int] | None:
    """The phase after ``phase``: its name, first day and week (from 1), if still to come."""
    starts = phase_starts(programme)
    index = programme.phases.index(phase)
    if index + 1 >= len(programme.phases):
        return None
    start = starts[index + 1]
    if start is None or started_on + timedelta(weeks=start) <= day:
        return None
    return programme.phases[index + 1].name, started_on + timedelta(weeks=start), start + 1


def today_readout(
    person: Person,
    programmes: Mapping[str, Programme],
    sessions: Mapping[str, Session],
    done: Sequence[SessionRecord],
    day: date,
    weeks_back: int = 4,
    *,
    phase_name: str | None = None,
) -> Today | None:
    """Today for ``person`` on ``day``: None when they have no programme or it is gone.

    ``done``: the person's sessions (finished or stopped) over at least the calendar's
    weeks; one counts when it was run from the programme or is one of its sessions.
    ``phase_name``: the phase the person is on when a progression moved them on (else
    the phase the weeks reach)."""
    if person.programme_id is None or person.programme_id not in programmes:
        return None
    programme = programmes[person.programme_id]
    started_on = person.started_on or day
    counted = sorted((r for r in done if counts_for(programme, r)), key=lambda r: r.started_at)
    done_on = Counter(r.started_on for r in counted)
    last_done = {r.session_id: r.started_at for r in counted}
    position = programme_position(programme, started_on, day)
    phase = next((p for p in programme.phases if same(p.name, phase_name)), position.phase)
    options = _options(phase, sessions, last_done)
    not_started = day < started_on
    finished = not not_started and programme_over(programme, started_on, day)
    due, _, flexible, week_done = _day_due(programme, started_on, day, done_on)
    done_today = [r for r in counted if r.started_on == day]
    slots = () if not_started else _slots(due, done_today, options, person.reminders)
    return Today(
        day=day,
        person=person.row,
        programme_id=programme.id,
        programme_title=programme.title,
        phase=phase.name,
        goal=phase.goal,
        frequency=frequency_words(phase.frequency),
        started_on=started_on,
        week=position.week + 1,
        day_number=max(0, (day - started_on).days) + 1,
        slots=slots,
        calendar=_calendar(programme, started_on, day, done_on, weeks_back),
        options=options,
        start_assumed=person.started_on is None,
        not_started=not_started,
        finished=finished,
        rest_day=not not_started and not finished and not slots and flexible is None,
        week_count=None if flexible is None or not_started else (week_done, flexible),
        next_phase=None if not_started else _next_phase(programme, phase, started_on, day),
    )
