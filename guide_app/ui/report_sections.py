"""The report's sections as HTML: header, left against right, the charts of volume, pain,
effort, and the recent sessions set by set (the weekly tables are ``ui.report_weekly``).

A period's sessions are cut where its recent ones start (``core.report_weeks``): the
sessions of the last two weeks (from a Monday) are shown one by one, set by set, and the
weeks before them a row a week, per side; so a report of three years is a few pages of
weeks, not hundreds of sessions. Totals, charts and effort cover the whole period (over
half a year, the charts show reps per week). An entry corrected from the history window
since it was recorded is marked ``†`` wherever it is shown on its own, with a note saying
what the mark means.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from guide_app.core import locale_format
from guide_app.core.content_language import translated
from guide_app.core.history import SessionDetail, SetRecord, SideTotals
from guide_app.core.history_records import volume_by_day
from guide_app.core.history_text import (
    day_text,
    exercise_name,
    held_text,
    is_hold,
    programme_title,
    reps_count,
    sessions_count,
    sets_count,
    sets_text,
    side_label,
    state_count,
    state_text,
)
from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library
from guide_app.core.report_weeks import (
    PeriodSplit,
    split_period,
)
from guide_app.core.sides import Side
from guide_app.ui import chart

MAX_CHARTS = 8
WEEKLY_CHARTS_AFTER = timedelta(days=182)  # a longer period charts reps per week
CORRECTED_MARK = "†"


def corrected_note() -> str:
    return tr(
        "† Corrected in the history window after it was recorded; the journal keeps what "
        "it was before."
    )


def escape(text: object) -> str:
    return html.escape(str(text))


def side_cell(side: Side | str) -> str:
    return escape(side_label(side))


@dataclass(frozen=True, slots=True)
class Period:
    """The report's period (either end open: None) and its sessions, oldest first, cut
    into older weeks and recent sessions."""

    since: date | None
    until: date | None
    details: list[SessionDetail]
    split: PeriodSplit = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "split", split_period(self.details, self.until))

    @property
    def summarised(self) -> bool:
        """Whether older weeks are summed rather than shown session by session."""
        return bool(self.split.older)

    def text(self) -> str:
        days = [d.session.started_on for d in self.details]
        start = self.since or (min(days) if days else None)
        end = self.until or (max(days) if days else None)
        if start is None:
            return tr("up to {day}", day=day_text(end)) if end else tr("all sessions")
        if end is None:
            return tr("from {day}", day=day_text(start))
        if end == start:
            return day_text(start)
        return tr("{start} to {end}", start=day_text(start), end=day_text(end))


def header_section(title: str, period: Period, generated: datetime, library: Library) -> str:
    records = [d.session for d in period.details]
    facts = [tr("<b>Period:</b> {period}", period=escape(period.text()))]
    if records:
        states = [r.state for r in records]
        parts = [sessions_count(len(records))] + [
            state_count(state, states.count(state))
            for state in ("finished", "stopped", "running")
            if states.count(state)
        ]
        facts.append(tr("<b>Sessions:</b> {sessions}", sessions=escape(", ".join(parts))))
        programmes = sorted({r.programme_id for r in records if r.programme_id})
        if programmes:
            text = ", ".join(programme_title(library, p) for p in programmes)
            phases = [translated(r.phase) for r in records if r.phase]  # kept in English
            if phases:
                text = tr("{programmes} (latest phase: {phase})", programmes=text, phase=phases[-1])
            facts.append(tr("<b>Programme:</b> {programme}", programme=escape(text)))
        affected = [r.affected_side for r in records if r.affected_side]
        if affected:
            facts.append(tr("<b>Affected side:</b> {side}", side=side_cell(affected[-1])))
        recent_from = period.split.recent_from
        if period.summarised and recent_from is not None:
            facts.append(
                tr(
                    "<b>Shown:</b> weekly totals up to {last}, then each session from {first}",
                    last=escape(day_text(period.split.older[-1].session.started_on)),
                    first=escape(day_text(recent_from)),
                )
            )
    facts.append(
        tr(
            "<b>Generated:</b> {day} {time}",
            day=escape(day_text(generated.date())),
            time=locale_format.clock(generated),
        )
    )
    note = tr(
        "Sides are written out (◀ Left, Right ▶). Sets done count sets not skipped; reps "
        "count what was done, also in a set cut short. A hold counts as one rep."
    )
    return (
        f"<h1>{escape(title)}</h1>"
        f"<p class='facts'>{'<br>'.join(facts)}</p><p class='note'>{escape(note)}</p>"
    )


def _totals_cells(t: SideTotals | None) -> str:
    if t is None:
        return "<td class='n'>—</td><td class='n'>—</td>"
    held = (
        f"<br><span class='small'>{escape(held_text(t.hold_seconds))}</span>"
        if t.hold_seconds
        else ""
    )
    return f"<td class='n'>{t.sets}</td><td class='n'>{t.reps}{held}</td>"


def totals_section(totals: dict[str, dict[Side, SideTotals]], library: Library) -> str:
    heading = tr("Left against right, per exercise")
    if not totals:
        return f"<h2>{escape(heading)}</h2><p>{escape(tr('No sets recorded in this period.'))}</p>"
    rows = []
    for exercise_id in sorted(totals, key=lambda i: exercise_name(library, i).lower()):
        sides = totals[exercise_id]
        left, right, both = sides.get(Side.LEFT), sides.get(Side.RIGHT), sides.get(Side.BOTH)
        if left is not None and right is not None:
            holds = is_hold(left) and is_hold(right)
            a = round(left.hold_seconds) if holds else left.reps
            b = round(right.hold_seconds) if holds else right.reps
            diff = f"{a - b:+d}" if a != b else "0"
            diff = tr("{seconds} s", seconds=diff) if holds else diff
            share = f"{a / b:.0%}" if b else "—"
        else:
            diff = share = "—"
        skipped = sum(t.skipped for t in sides.values())
        name = escape(exercise_name(library, exercise_id))
        if both is not None:
            parts = [sets_count(both.sets), reps_count(both.reps)]
            if both.hold_seconds:
                parts.append(held_text(both.hold_seconds))
            shared = tr(
                "{side} at once: {totals}", side=side_label(Side.BOTH), totals=", ".join(parts)
            )
            name += f"<br><span class='small'>{escape(shared)}</span>"
        rows.append(
            f"<tr><td>{name}</td>{_totals_cells(left)}{_totals_cells(right)}"
            f"<td class='n'>{diff}</td><td class='n'>{share}</td>"
            f"<td class='n'>{skipped or ''}</td></tr>"
        )
    left_word, right_word = side_cell(Side.LEFT), side_cell(Side.RIGHT)
    sets_word, reps_word = escape(tr("sets")), escape(tr("reps"))
    return (
        f"<h2>{escape(heading)}</h2>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        f"<thead><tr><th rowspan='2' align='left'>{escape(tr('Exercise'))}</th>"
        f"<th colspan='2' class='left'>{left_word}</th>"
        f"<th colspan='2' class='right'>{right_word}</th>"
        f"<th rowspan='2'>{tr('Left − right<br>reps (holds: s)')}</th>"
        f"<th rowspan='2'>{tr('Left as %<br>of right')}</th>"
        f"<th rowspan='2'>{tr('Skipped<br>sets')}</th></tr>"
        f"<tr><th class='left'>{sets_word}</th><th class='left'>{reps_word}</th>"
        f"<th class='right'>{sets_word}</th><th class='right'>{reps_word}</th></tr></thead>"
        + "".join(rows)
        + "</table>"
    )


def weekly_charts(period: Period) -> bool:
    """Whether the period is long enough for reps per week rather than per day."""
    if not period.details:
        return False
    first, last = period.details[0].session.started_on, period.details[-1].session.started_on
    return last - first > WEEKLY_CHARTS_AFTER


def volume_charts(
    library: Library, totals: dict[str, dict[Side, SideTotals]], period: Period
) -> list[chart.ChartData]:
    """Reps per day (per week over a long period) for the exercises done on one side at a
    time, most reps first."""
    one_sided = [
        exercise_id
        for exercise_id, sides in totals.items()
        if any(side in sides and not is_hold(sides[side]) for side in (Side.LEFT, Side.RIGHT))
    ]
    one_sided.sort(key=lambda i: -sum(t.reps for t in totals[i].values()))
    shown = set(one_sided[:MAX_CHARTS])
    sets: dict[str, list[tuple[float, Side | str, int]]] = {i: [] for i in shown}
    for detail in period.details:  # one pass over the sets, however many charts
        started = detail.session.started_at
        for one in detail.sets:
            if one.exercise_id in shown:
                sets[one.exercise_id].append((started, one.side, one.done_reps))
    make = chart.weekly_volume_chart if weekly_charts(period) else chart.volume_chart
    return [make(exercise_name(library, i), volume_by_day(sets[i])) for i in one_sided[:MAX_CHARTS]]


def mark(corrected: bool) -> str:
    return CORRECTED_MARK if corrected else ""


def value_text(value: float | None, corrected: bool = False, *, empty: str = "—") -> str:
    return empty if value is None else f"{locale_format.decimal(value, 1)}{mark(corrected)}"


def pain_section(library: Library, period: Period) -> str:
    """Each pain report of the recent sessions (of every session when none is summed)."""
    reports = [(d, report) for d in period.split.recent for report in d.pain]
    rows = [
        f"<tr><td>{escape(day_text(d.session.started_on))}</td>"
        f"<td>{escape(exercise_name(library, report.exercise_id))}</td>"
        f"<td>{side_cell(report.side)}</td>"
        f"<td class='n'>{report.score}/10{mark(report.corrected)}</td>"
        f"<td>{escape(report.where or '')}</td></tr>"
        for d, report in reports
    ]
    older = ""
    if period.summarised:
        older = tr("Older weeks: the highest pain of each week is in the weekly table.")
        older = f"<p class='note'>{escape(older)}</p>"
    if not rows:
        none = (
            tr("No pain reported in the recent sessions.")
            if period.summarised
            else tr("No pain reported in this period.")
        )
        return f"<h2>{escape(tr('Pain reports'))}</h2>{older}<p>{escape(none)}</p>"
    marked = any(report.corrected for _, report in reports)
    return (
        f"<h2>{escape(tr('Pain reports (0-10)'))}</h2>{older}"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        f"<thead><tr><th align='left'>{escape(tr('Date'))}</th>"
        f"<th align='left'>{escape(tr('Exercise'))}</th><th align='left'>{escape(tr('Side'))}</th>"
        f"<th>{escape(tr('Pain'))}</th><th align='left'>{escape(tr('Where'))}</th></tr></thead>"
        + "".join(rows)
        + "</table>"
        + (f"<p class='note'>{escape(corrected_note())}</p>" if marked else "")
    )


def _effort_cell(scores: list[int] | None) -> str:
    if not scores:
        return "<td class='n'>—</td>"
    if len(scores) == 1:
        return f"<td class='n'>{scores[0]}</td>"
    ratings = ntr("{n} rating", "{n} ratings", len(scores))
    return f"<td class='n'>{scores[0]} → {scores[-1]} ({escape(ratings)})</td>"


def effort_section(library: Library, period: Period) -> str:
    """First and latest effort rating per exercise and side, and how many were given."""
    ratings: dict[str, dict[Side, list[int]]] = {}
    for detail in period.details:
        for rating in detail.effort:
            ratings.setdefault(rating.exercise_id, {}).setdefault(rating.side, []).append(
                rating.score
            )
    if not ratings:
        none = tr("No effort ratings given in this period.")
        return f"<h2>{escape(tr('Effort'))}</h2><p>{escape(none)}</p>"
    with_both = any(Side.BOTH in sides for sides in ratings.values())
    rows = [
        f"<tr><td>{escape(exercise_name(library, exercise_id))}</td>"
        f"{_effort_cell(sides.get(Side.LEFT))}{_effort_cell(sides.get(Side.RIGHT))}"
        + (_effort_cell(sides.get(Side.BOTH)) if with_both else "")
        + "</tr>"
        for exercise_id, sides in sorted(
            ratings.items(), key=lambda kv: exercise_name(library, kv[0]).lower()
        )
    ]
    return (
        f"<h2>{escape(tr('Effort (0-10), first → latest'))}</h2>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        f"<thead><tr><th align='left' width='34%'>{escape(tr('Exercise'))}</th>"
        f"<th class='left' width='22%'>{side_cell(Side.LEFT)}</th>"
        f"<th class='right' width='22%'>{side_cell(Side.RIGHT)}</th>"
        + (f"<th width='22%'>{side_cell(Side.BOTH)}</th>" if with_both else "")
        + "</tr></thead>"
        + "".join(rows)
        + "</table>"
    )


def _session_rows(detail: SessionDetail, library: Library) -> list[str]:
    """A session's heading row, then a row per measurement and per exercise and side; an
    entry corrected since it was recorded is marked."""
    record = detail.session
    phase, title = translated(record.phase or ""), translated(record.title)  # kept in English
    where = " · ".join(x for x in (programme_title(library, record.programme_id), phase) if x)
    heading = " · ".join(
        x for x in (day_text(record.started_on), title, where, state_text(record.state)) if x
    )
    rows = [f"<tr class='session'><td colspan='6'><b>{escape(heading)}</b></td></tr>"]
    efforts = {(e.exercise_id, e.side): e for e in detail.effort}
    groups: dict[tuple[str, Side], list[SetRecord]] = {}
    for one in detail.sets:
        groups.setdefault((one.exercise_id, one.side), []).append(one)
    if not groups and not detail.measurements:
        rows.append(
            f"<tr><td colspan='6' class='small'>{escape(tr('Nothing recorded.'))}</td></tr>"
        )
    previous = None
    for m in detail.measurements:
        name = escape(translated(m.name)) if m.name != previous else ""  # kept in English
        previous = m.name
        unit = escape(translated(m.unit))
        rows.append(
            f"<tr><td>{name}</td><td>{side_cell(m.side)}</td>"
            f"<td>{locale_format.decimal(m.value, 3)} {unit}{mark(m.corrected)}</td>"
            "<td></td><td></td><td></td></tr>"
        )
    for (exercise_id, side), sets in groups.items():
        done = [s for s in sets if not s.skipped]
        skipped = [s for s in sets if s.skipped]
        done_text = sets_text([s.done_reps for s in done], [s.hold_achieved for s in done])
        done_text += mark(any(s.corrected for s in done))
        planned = sets_text([s.planned_reps for s in sets], [s.hold_planned for s in sets])
        skip_text = ""
        if skipped:
            cut = ", ".join(
                tr("{done} of {planned}", done=s.done_reps, planned=s.planned_reps) for s in skipped
            )
            skip_text = tr("{n} ({cut} reps done)", n=len(skipped), cut=cut)
            skip_text += mark(any(s.corrected for s in skipped))
        effort = efforts.get((exercise_id, side))
        effort_text = "" if effort is None else f"{effort.score}{mark(effort.corrected)}"
        name = escape(exercise_name(library, exercise_id)) if exercise_id != previous else ""
        previous = exercise_id
        rows.append(
            f"<tr><td>{name}</td><td>{side_cell(side)}</td>"
            f"<td>{escape(done_text)}</td><td>{escape(planned)}</td><td>{escape(skip_text)}</td>"
            f"<td class='n'>{effort_text}</td></tr>"
        )
    return rows


def _any_corrected(details: tuple[SessionDetail, ...]) -> bool:
    return any(
        entry.corrected
        for d in details
        for kind in (d.sets, d.measurements, d.effort)
        for entry in kind
    )


def sessions_section(library: Library, period: Period) -> str:
    """The recent sessions (every session when none is summed), set by set."""
    recent = period.split.recent
    if not recent:
        return ""
    rows = [row for detail in recent for row in _session_rows(detail, library)]
    note = tr(
        "Done and planned are sets × reps (or seconds held); sets that differ are listed one "
        "by one. Skipped sets are not in Done; what was done in them is under Skipped. "
        "Effort is 0-10, given at the end of the exercise."
    )
    head = "".join(
        f"<th align='left' width='{width}%'>{escape(word)}</th>"
        for word, width in (
            (tr("Exercise"), 30),
            (tr("Side"), 10),
            (tr("Done"), 18),
            (tr("Planned"), 14),
            (tr("Skipped"), 20),
        )
    )
    heading = tr("Sessions, set by set")
    if period.summarised and period.split.recent_from is not None:
        heading = tr(
            "Recent sessions, set by set (from {day})", day=day_text(period.split.recent_from)
        )
    footnote = f"<p class='note'>{escape(corrected_note())}</p>" if _any_corrected(recent) else ""
    return (
        f"<h2 class='new-page'>{escape(heading)}</h2>"
        f"<p class='note'>{escape(note)}</p>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        f"<thead><tr>{head}<th width='8%'>{escape(tr('Effort'))}</th></tr></thead>"
        + "".join(rows)
        + "</table>"
        + footnote
    )
