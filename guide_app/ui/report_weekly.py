"""The report's week-by-week tables: the older weeks' totals per side (a row a week), and
the measurements (each older week's mean per side, a few measurements side by side, then
each recent day's values, corrected ones marked)."""

from __future__ import annotations

from datetime import date

from guide_app.core import locale_format
from guide_app.core.content_language import translated
from guide_app.core.history import SideTotals
from guide_app.core.history_records import detail_measurements
from guide_app.core.history_text import day_text
from guide_app.core.i18n import tr
from guide_app.core.report_weeks import WeekTotals, weekly_measurements, weekly_totals
from guide_app.core.sides import Side
from guide_app.ui import chart
from guide_app.ui.report_sections import (
    Period,
    corrected_note,
    escape,
    side_cell,
    value_text,
)

_SIDE_CLASSES = {Side.LEFT: "left", Side.RIGHT: "right", Side.BOTH: "both"}


def _week_day(day: date) -> str:
    """``2 Dec 2024``: a week's Monday (every row's is a Monday, so no weekday)."""
    return locale_format.day_of_year(day)


def _week_cells(t: SideTotals | None, columns: list[str]) -> str:
    """A side's week, one cell per column: sets done, sets skipped, reps, seconds held."""
    if t is None:
        return "<td class='n'>—</td>" * len(columns)
    values = {
        "sets": str(t.sets),
        "skipped": str(t.skipped or ""),
        "reps": str(t.reps),
        "held": f"{t.hold_seconds:.0f}" if t.hold_seconds else "—",
    }
    return "".join(f"<td class='n'>{values[c]}</td>" for c in columns)


def weekly_section(period: Period) -> str:
    """The older weeks, a row a week: sessions, then per side sets done (and skipped),
    reps and seconds held (every exercise together), the highest pain, and entries
    corrected since."""
    weeks = weekly_totals(period.split.older)
    if not weeks:
        return ""
    sides = [Side.LEFT, Side.RIGHT]
    if any(Side.BOTH in w.sides for w in weeks):
        sides.append(Side.BOTH)
    totals = [t for w in weeks for t in w.sides.values()]
    columns = ["sets"]
    columns += ["skipped"] if any(t.skipped for t in totals) else []
    columns += ["reps"]
    columns += ["held"] if any(t.hold_seconds for t in totals) else []
    words = {
        "sets": tr("sets"),
        "skipped": tr("skipped"),
        "reps": tr("reps"),
        "held": tr("s held"),
    }
    corrected = any(w.corrected for w in weeks)
    head = (
        f"<tr><th rowspan='2' align='left'>{escape(tr('Week from'))}</th>"
        f"<th rowspan='2'>{escape(tr('Sessions'))}</th>"
        + "".join(
            f"<th colspan='{len(columns)}' class='{_SIDE_CLASSES[side]}'>{side_cell(side)}</th>"
            for side in sides
        )
        + f"<th rowspan='2'>{escape(tr('Highest pain'))}</th>"
        + (f"<th rowspan='2'>{escape(tr('Corrected'))}</th>" if corrected else "")
        + "</tr><tr>"
        + "".join(
            f"<th class='{_SIDE_CLASSES[side]}'>{escape(words[c])}</th>"
            for side in sides
            for c in columns
        )
        + "</tr>"
    )
    rows = [_week_row(week, sides, columns, corrected) for week in weeks]
    note = tr(
        "Each row sums one week, Monday to Sunday, every exercise together; weeks with no "
        "session are left out. The totals per exercise are in the table above; the last "
        "weeks follow session by session."
    )
    return (
        f"<h2>{escape(tr('Week by week, per side'))}</h2><p class='note'>{escape(note)}</p>"
        "<table class='grid weeks' width='100%' cellspacing='0' cellpadding='2'>"
        f"<thead>{head}</thead>" + "".join(rows) + "</table>"
    )


def _week_row(week: WeekTotals, sides: list[Side], columns: list[str], corrected: bool) -> str:
    pain = "—" if week.highest_pain is None else f"{week.highest_pain}/10"
    return (
        f"<tr><td class='day'>{escape(_week_day(week.week))}</td>"
        f"<td class='n'>{week.sessions}</td>"
        + "".join(_week_cells(week.sides.get(side), columns) for side in sides)
        + f"<td class='n'>{pain}</td>"
        + (f"<td class='n'>{week.corrected or ''}</td>" if corrected else "")
        + "</tr>"
    )


MEASUREMENTS_A_TABLE = 3  # older weeks: this many measurements side by side
VALUES_ACROSS = 6  # older weeks: a table of fewer value columns flows in blocks across


def _recent_measurement_rows(name: str, period: Period, with_both: bool) -> tuple[list[str], bool]:
    """A row per recent day of one measurement (the day's latest value on each side,
    marked when corrected), and whether any is marked."""
    by_day: dict[date, dict[Side, tuple[float, bool]]] = {}
    for detail in period.split.recent:
        for m in detail.measurements:
            if m.name == name:
                by_day.setdefault(detail.session.started_on, {})[m.side] = (m.value, m.corrected)
    rows, marked = [], False
    for day in sorted(by_day):
        sides = by_day[day]
        left, right, both = sides.get(Side.LEFT), sides.get(Side.RIGHT), sides.get(Side.BOTH)
        marked = marked or any(corrected for _, corrected in sides.values())
        gap = f"{left[0] - right[0]:+g}" if left is not None and right is not None else "—"
        rows.append(
            f"<tr><td>{escape(day_text(day))}</td>"
            f"<td class='n'>{value_text(*left) if left else '—'}</td>"
            f"<td class='n'>{value_text(*right) if right else '—'}</td>"
            f"<td class='n'>{gap}</td>"
            + (f"<td class='n'>{value_text(*both) if both else ''}</td>" if with_both else "")
            + "</tr>"
        )
    return rows, marked


def _weekly_measurement_table(names: list[str], units: dict[str, str], period: Period) -> str:
    """The older weeks of a few measurements side by side: each week's mean per side. Few
    columns flow in blocks across the page, as a printed table does (down, then across)."""
    weeks: dict[date, dict[tuple[str, Side], float]] = {}
    for name in names:
        for measured in weekly_measurements(period.split.older, name):
            for side, mean in measured.means.items():
                weeks.setdefault(measured.week, {})[(name, side)] = mean
    columns = [
        (name, side)
        for name in names
        for side in Side
        if any((name, side) in values for values in weeks.values())
    ]
    if not columns:
        return ""
    blocks = max(1, VALUES_ACROSS // len(columns))
    shown = [name for name in names if any(n == name for n, _ in columns)]
    block_head = (
        f"<th rowspan='2' align='left'>{escape(tr('Week from'))}</th>"
        + "".join(
            f"<th colspan='{sum(1 for n, _ in columns if n == name)}'>{escape(translated(name))} "
            f"({escape(translated(units[name]))})</th>"
            for name in shown
        ),
        "".join(f"<th class='{_SIDE_CLASSES[side]}'>{side_cell(side)}</th>" for _, side in columns),
    )
    head = f"<tr>{block_head[0] * blocks}</tr><tr>{block_head[1] * blocks}</tr>"
    ordered = sorted(weeks)
    per_block = -(-len(ordered) // blocks)
    rows = []
    for r in range(per_block):
        cells = []
        for block in range(blocks):
            index = block * per_block + r
            if index >= len(ordered):
                cells.append("<td></td>" * (len(columns) + 1))
                continue
            week = ordered[index]
            cells.append(
                f"<td class='day'>{escape(_week_day(week))}</td>"
                + "".join(
                    f"<td class='n'>{value_text(weeks[week].get(column), empty='')}</td>"
                    for column in columns
                )
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        "<table class='grid weeks' width='100%' cellspacing='0' cellpadding='2'>"
        f"<thead>{head}</thead>" + "".join(rows) + "</table><br>"
    )


def measurement_section(period: Period) -> tuple[str, list[chart.ChartData]]:
    """Older weeks as each week's mean per side (a few measurements side by side), then a
    table per measurement of the recent days; then a chart each, of every value."""
    units: dict[str, str] = {}
    for detail in period.details:
        for measurement in detail.measurements:
            units.setdefault(measurement.name, measurement.unit)
    if not units:
        return (
            f"<h2>{escape(tr('Measurements'))}</h2>"
            f"<p>{escape(tr('No measurements recorded in this period.'))}</p>",
            [],
        )
    charts = {  # the names and units kept in English, shown in the user's language
        name: chart.measurement_chart(
            translated(name), translated(unit), detail_measurements(period.details, name)
        )
        for name, unit in units.items()
    }
    with_both = any(Side.BOTH in data.sides() for data in charts.values())
    columns = 5 if with_both else 4
    head = (
        f"<tr><th align='left' width='160'>{escape(tr('Date'))}</th>"
        f"<th class='left' width='80'>{side_cell(Side.LEFT)}</th>"
        f"<th class='right' width='80'>{side_cell(Side.RIGHT)}</th>"
        f"<th width='100'>{escape(tr('Left − right'))}</th>"
        + (f"<th width='80'>{side_cell(Side.BOTH)}</th>" if with_both else "")
        + "</tr>"
    )
    names = sorted(units)
    tables = [f"<h2>{escape(tr('Measurements, per side'))}</h2>"]
    if period.summarised:
        note = tr("Older weeks: the week's mean on each side. Recent days: each value.")
        tables.append(f"<p class='note'>{escape(note)}</p>")
        for start in range(0, len(names), MEASUREMENTS_A_TABLE):
            chunk = names[start : start + MEASUREMENTS_A_TABLE]
            tables.append(_weekly_measurement_table(chunk, units, period))
    marked = False
    for name in names:
        rows, corrected = _recent_measurement_rows(name, period, with_both)
        marked = marked or corrected
        if not rows:
            continue
        # The name is part of the table's head, so it comes back on a continuation page.
        tables.append(
            "<table class='grid' cellspacing='0' cellpadding='3'><thead>"
            f"<tr class='session'><td colspan='{columns}'><b>{escape(translated(name))}</b> "
            f"({escape(translated(units[name]))})</td></tr>{head}</thead>"
            + "".join(rows)
            + "</table><br>"
        )
    if marked:
        tables.append(f"<p class='note'>{escape(corrected_note())}</p>")
    return "".join(tables), [charts[name] for name in names]
