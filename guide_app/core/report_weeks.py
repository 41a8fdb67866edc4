"""A long period for the report: its older weeks summed per side, its recent sessions kept
whole.

``split_period`` cuts a period's sessions (``SessionDetail``, oldest first) where the
recent ones start: the Monday on or before the last ``RECENT_DAYS`` days of the period,
so the older part is whole calendar weeks (Monday to Sunday). ``weekly_totals`` sums the
older part a week at a time, per side: sets done, reps done, seconds held, sets skipped,
the highest pain and how many entries were corrected. ``weekly_measurements`` gives each
measurement's mean per side and week. The report shows the weeks as tables and the recent
sessions set by set, so its length depends on the weeks in the period, not the sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from guide_app.core.history_records import SessionDetail, SideTotals
from guide_app.core.sides import Side

RECENT_DAYS = 14  # the last two weeks of a period are shown session by session


def monday(day: date) -> date:
    """The Monday of ``day``'s calendar week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class PeriodSplit:
    """A period's sessions: ``older`` (summed by week) and ``recent`` (shown in detail),
    which start on ``recent_from`` (a Monday; None when the period has no sessions)."""

    older: tuple[SessionDetail, ...]
    recent: tuple[SessionDetail, ...]
    recent_from: date | None


def split_period(
    details: Sequence[SessionDetail], until: date | None = None, recent_days: int = RECENT_DAYS
) -> PeriodSplit:
    """Cut ``details`` (oldest first) at the Monday on or before the first of the period's
    last ``recent_days`` days; the period ends on ``until``, else on its last session's day."""
    if not details:
        return PeriodSplit((), (), None)
    end = until or details[-1].session.started_on
    recent_from = monday(end - timedelta(days=recent_days - 1))
    older = tuple(d for d in details if d.session.started_on < recent_from)
    recent = tuple(d for d in details if d.session.started_on >= recent_from)
    return PeriodSplit(older, recent, recent_from)


@dataclass(slots=True)
class WeekTotals:
    """One calendar week of sessions: how many, per side what was done, the highest pain
    reported (None: none was) and how many entries were corrected since."""

    week: date  # its Monday
    sessions: int = 0
    sides: dict[Side, SideTotals] = field(default_factory=dict)
    highest_pain: int | None = None
    pain_reports: int = 0
    corrected: int = 0

    @property
    def last_day(self) -> date:
        return self.week + timedelta(days=6)


def weekly_totals(details: Sequence[SessionDetail]) -> list[WeekTotals]:
    """Per calendar week (oldest first; weeks with no session left out), per side: sets
    done (not skipped), reps done (also in a set cut short), seconds held, sets skipped."""
    weeks: dict[date, WeekTotals] = {}
    for detail in details:
        week = monday(detail.session.started_on)
        totals = weeks.get(week)
        if totals is None:
            totals = weeks[week] = WeekTotals(week)
        totals.sessions += 1
        for one in detail.sets:
            side = totals.sides.get(one.side)
            if side is None:
                side = totals.sides[one.side] = SideTotals()
            if one.skipped:
                side.skipped += 1
            else:
                side.sets += 1
            side.reps += one.done_reps
            side.hold_seconds += one.hold_achieved or 0.0
        for report in detail.pain:
            totals.pain_reports += 1
            if totals.highest_pain is None or report.score > totals.highest_pain:
                totals.highest_pain = report.score
        totals.corrected += sum(
            entry.corrected
            for kind in (detail.sets, detail.measurements, detail.pain, detail.effort)
            for entry in kind
        )
    return [weeks[week] for week in sorted(weeks)]


@dataclass(frozen=True, slots=True)
class WeekMeasurement:
    """A measurement's mean per side over one calendar week, and how many values it has."""

    week: date
    means: dict[Side, float]
    counts: dict[Side, int]


def weekly_measurements(details: Sequence[SessionDetail], name: str) -> list[WeekMeasurement]:
    """Each week's mean value of the measurement ``name`` per side, oldest week first."""
    sums: dict[date, dict[Side, list[float]]] = {}
    for detail in details:
        for measurement in detail.measurements:
            if measurement.name == name:
                week = sums.setdefault(monday(detail.session.started_on), {})
                week.setdefault(measurement.side, []).append(measurement.value)
    return [
        WeekMeasurement(
            week,
            {side: sum(values) / len(values) for side, values in sums[week].items()},
            {side: len(values) for side, values in sums[week].items()},
        )
        for week in sorted(sums)
    ]
