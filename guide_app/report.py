"""The clinician's report: a printable A4 PDF of the history, left against right.

``write_pdf`` lays the journal out as HTML in a ``QTextDocument`` (header, left/right
totals, charts of reps per day and of measurements, pain, effort, then every session
set by set) and paints it page by page onto a ``QPdfWriter``. Charts are drawn with
``QPainter`` into images, so no widget and no display is needed: a ``QApplication`` is
created (offscreen) only when the process has none. Every number comes from the
journal; sides are told by word and arrow (◀ Left, Right ▶), and in charts by line
style and marker as well as colour, so a black-and-white print still reads.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from guide_app.core.history import (
    Journal,
    SessionRecord,
    SetRecord,
    Side,
    SideTotals,
    StorageError,
)
from guide_app.core.loader import Library

DEFAULT_TITLE = "Session Guide: exercise report"
# Print colours: Okabe-Ito blue for the left (the app's sky blue is too pale on paper) and
# orange for the right. They differ in lightness too, so they stay apart in grey.
PRINT_LEFT = "#0072b2"
PRINT_RIGHT = "#e69f00"
PRINT_BOTH = "#444444"
SIDE_WORDS = {"left": "◀ Left", "right": "Right ▶", "both": "◀▶ Both"}
STATE_WORDS = {"finished": "finished", "stopped": "stopped early", "running": "not finished"}
RESOLUTION = 300  # dots per inch of the PDF's page coordinates
CHART_SIZE = (1000, 560)  # pixels of a chart image; shown 330 px (3.4 in) wide
CHART_WIDTH_ON_PAGE = 330
MAX_CHARTS = 8

_application: QGuiApplication | None = None


def ensure_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen one when there is none (fonts and
    painting need one). A ``QApplication`` so that widgets can still follow in this
    process; never a second one."""
    global _application
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    from PySide6.QtWidgets import QApplication

    argv = ["guide-app"]
    if not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    _application = QApplication(argv)
    return _application


# --------------------------------------------------------------------------- words


def _name(library: Library, exercise_id: str | None) -> str:
    if exercise_id is None:
        return "—"
    exercise = library.exercises.get(exercise_id)
    return exercise.name if exercise is not None else exercise_id


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _short_day(day: date) -> str:
    return f"{day.day} {day:%b}"


def _e(text: object) -> str:
    return html.escape(str(text))


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _side_cell(side: str) -> str:
    return _e(SIDE_WORDS.get(side, side))


def _is_hold(totals: SideTotals) -> bool:
    """Timed holds only (one hold per set): reps per day would chart nothing useful."""
    return totals.hold_seconds > 0 and totals.reps <= totals.sets + totals.skipped


def _sets_text(reps: Sequence[int], holds: Sequence[float | None]) -> str:
    """``3 × 20``, or ``20, 18, 15`` when the sets differ; holds as ``2 × 30 s``."""
    if not reps:
        return "—"
    if all(h is not None for h in holds) and holds and all(r <= 1 for r in reps):
        values = [f"{h:g} s" for h in holds]
    else:
        values = [str(r) for r in reps]
    if len(set(values)) == 1:
        return f"{len(values)} × {values[0]}"
    return ", ".join(values)


# --------------------------------------------------------------------------- charts


@dataclass(frozen=True, slots=True)
class _Style:
    word: str
    colour: str
    pen: Qt.PenStyle
    marker: str


CHART_STYLES: dict[str, _Style] = {
    "left": _Style("◀ Left", PRINT_LEFT, Qt.PenStyle.SolidLine, "circle"),
    "right": _Style("Right ▶", PRINT_RIGHT, Qt.PenStyle.DashLine, "square"),
    "both": _Style("◀▶ Both", PRINT_BOTH, Qt.PenStyle.DotLine, "triangle"),
}


def _nice_step(top: float, ticks: int = 5) -> float:
    raw = max(top, 1.0) / ticks
    magnitude = 10.0 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _draw_marker(painter: QPainter, point: QPointF, shape: str, colour: str, size: float) -> None:
    painter.setPen(QPen(QColor("white"), 2.5))
    painter.setBrush(QColor(colour))
    half = size / 2
    if shape == "circle":
        painter.drawEllipse(point, half, half)
    elif shape == "square":
        painter.drawRect(QRectF(point.x() - half, point.y() - half, size, size))
    else:
        path = QPainterPath()
        path.moveTo(point.x(), point.y() - half)
        path.lineTo(point.x() + half, point.y() + half)
        path.lineTo(point.x() - half, point.y() + half)
        path.closeSubpath()
        painter.drawPath(path)


def chart_image(title: str, unit: str, values: dict[Side, list[tuple[date, float]]]) -> QImage:
    """A line chart of one value per day per side, on white, for print."""
    width, height = CHART_SIZE
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont()
    font.setPixelSize(30)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QRectF(10, 4, width - 20, 44), Qt.AlignmentFlag.AlignLeft, title)

    # Legend under the title: a line sample with its marker, then the side's word.
    font.setBold(False)
    font.setPixelSize(27)
    painter.setFont(font)
    sides: list[Side] = [side for side in ("left", "right", "both") if values.get(side)]
    x = 14.0
    for side in sides:
        style = CHART_STYLES[side]
        pen = QPen(QColor(style.colour), 6, style.pen)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, 70), QPointF(x + 70, 70))
        _draw_marker(painter, QPointF(x + 35, 70), style.marker, style.colour, 18)
        painter.setPen(QColor("black"))
        text_rect = QRectF(x + 82, 52, 220, 36)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, style.word)
        x += 82 + painter.fontMetrics().horizontalAdvance(style.word) + 40
    if unit:
        painter.setPen(QColor("#333333"))
        painter.drawText(
            QRectF(width - 260, 52, 250, 36),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            unit,
        )

    plot = QRectF(90, 110, width - 120, height - 170)
    points = [(d, v) for side in sides for d, v in values[side]]
    if not points:
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "nothing recorded")
        painter.end()
        return image
    first = min(d for d, _ in points)
    last = max(d for d, _ in points)
    span = max(1, (last - first).days)
    step = _nice_step(max(v for _, v in points) * 1.1)
    top = step * max(1, -(-max(v for _, v in points) * 1.05 // step))

    def xy(day: date, value: float) -> QPointF:
        fraction = 0.5 if first == last else (day - first).days / span
        return QPointF(
            plot.left() + 20 + fraction * (plot.width() - 40),
            plot.bottom() - value / top * plot.height(),
        )

    # Grid and axes: light grey lines, numbers on the left, dates below.
    painter.setPen(QPen(QColor("#d0d0d0"), 1.5))
    tick = 0.0
    while tick <= top + 1e-9:
        y = plot.bottom() - tick / top * plot.height()
        painter.setPen(QPen(QColor("#d0d0d0"), 1.5))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor("#333333"))
        painter.drawText(
            QRectF(0, y - 18, plot.left() - 10, 36),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{tick:g}",
        )
        tick += step
    painter.setPen(QPen(QColor("#333333"), 2))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    days = sorted({d for d, _ in points})
    every = max(1, -(-len(days) // 6))
    shown = days[::every]
    if days[-1] not in shown:
        shown[-1] = days[-1]
    for day in shown:
        x = xy(day, 0).x()
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 8))
        painter.drawText(
            QRectF(x - 80, plot.bottom() + 10, 160, 40),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            _short_day(day),
        )

    for side in sides:
        style = CHART_STYLES[side]
        series = sorted(values[side])
        pen = QPen(QColor(style.colour), 6, style.pen)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        for i, (day, value) in enumerate(series):
            if i == 0:
                path.moveTo(xy(day, value))
            else:
                path.lineTo(xy(day, value))
        painter.drawPath(path)
        for day, value in series:
            _draw_marker(painter, xy(day, value), style.marker, style.colour, 20)
    painter.end()
    return image


# --------------------------------------------------------------------------- content


@dataclass(frozen=True, slots=True)
class _Period:
    since: date | None
    until: date | None
    records: list[SessionRecord]

    def contains(self, day: date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def text(self) -> str:
        days = [r.started_on for r in self.records]
        start = self.since or (min(days) if days else None)
        end = self.until or (max(days) if days else None)
        if start is None and end is None:
            return "all sessions"
        if start is None:
            return f"up to {_day(end)}" if end else ""
        if end is None or end == start:
            return _day(start) if end == start else f"from {_day(start)}"
        return f"{_day(start)} to {_day(end)}"


def _header(title: str, period: _Period, generated: datetime, library: Library) -> str:
    records = period.records
    states = [r.state for r in records]
    facts = [f"<b>Period:</b> {_e(period.text())}"]
    if records:
        parts = [_count(len(records), "session")]
        for state in ("finished", "stopped", "running"):
            if states.count(state):
                parts.append(f"{states.count(state)} {STATE_WORDS[state]}")
        facts.append(f"<b>Sessions:</b> {_e(', '.join(parts))}")
        programmes = sorted({r.programme_id for r in records if r.programme_id})
        if programmes:
            titles = [
                library.programmes[p].title if p in library.programmes else p for p in programmes
            ]
            phases = [r.phase for r in records if r.phase]
            text = ", ".join(titles) + (f" (latest phase: {phases[-1]})" if phases else "")
            facts.append(f"<b>Programme:</b> {_e(text)}")
        affected = [r.affected_side for r in records if r.affected_side]
        if affected:
            facts.append(f"<b>Affected side:</b> {_side_cell(affected[-1])}")
    facts.append(f"<b>Generated:</b> {_e(_day(generated.date()))} {generated:%H:%M}")
    return (
        f"<h1>{_e(title)}</h1>"
        f"<p class='facts'>{'<br>'.join(facts)}</p>"
        "<p class='note'>Sides are written out (◀ Left, Right ▶). Sets done count sets "
        "not skipped; reps count what was done, also in a set cut short. A hold counts "
        "as one rep.</p>"
    )


def _totals_section(totals: dict[str, dict[Side, SideTotals]], library: Library) -> str:
    if not totals:
        return "<h2>Left against right</h2><p>No sets recorded in this period.</p>"
    rows = []
    for exercise_id in sorted(totals, key=lambda i: _name(library, i).lower()):
        sides = totals[exercise_id]
        left, right, both = sides.get("left"), sides.get("right"), sides.get("both")

        def cells(t: SideTotals | None) -> str:
            if t is None:
                return "<td class='n'>—</td><td class='n'>—</td>"
            held = (
                f"<br><span class='small'>{t.hold_seconds:.0f} s held</span>"
                if t.hold_seconds
                else ""
            )
            return f"<td class='n'>{t.sets}</td><td class='n'>{t.reps}{held}</td>"

        if left is not None and right is not None:
            holds = _is_hold(left) and _is_hold(right)
            a = round(left.hold_seconds) if holds else left.reps
            b = round(right.hold_seconds) if holds else right.reps
            diff = (f"{a - b:+d}" if a != b else "0") + (" s" if holds else "")
            share = f"{a / b:.0%}" if b else "—"
        else:
            diff = share = "—"
        skipped = sum(t.skipped for t in sides.values())
        name = _e(_name(library, exercise_id))
        if both is not None:
            name += (
                f"<br><span class='small'>◀▶ both sides at once: {_count(both.sets, 'set')}, "
                f"{_count(both.reps, 'rep')}"
                + (f", {both.hold_seconds:.0f} s held" if both.hold_seconds else "")
                + "</span>"
            )
        rows.append(
            f"<tr><td>{name}</td>{cells(left)}{cells(right)}"
            f"<td class='n'>{diff}</td><td class='n'>{share}</td>"
            f"<td class='n'>{skipped or ''}</td></tr>"
        )
    return (
        "<h2>Left against right, per exercise</h2>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        "<thead><tr><th rowspan='2' align='left'>Exercise</th>"
        "<th colspan='2' class='left'>◀ Left</th><th colspan='2' class='right'>Right ▶</th>"
        "<th rowspan='2'>Left − right<br>reps (holds: s)</th>"
        "<th rowspan='2'>Left as %<br>of right</th>"
        "<th rowspan='2'>Skipped<br>sets</th></tr>"
        "<tr><th class='left'>sets</th><th class='left'>reps</th>"
        "<th class='right'>sets</th><th class='right'>reps</th></tr></thead>"
        + "".join(rows)
        + "</table>"
    )


def _chart_grid(document: QTextDocument, charts: list[tuple[str, QImage]]) -> str:
    """Charts two to a row; each image becomes a resource of the document."""
    cells = []
    for i, (key, image) in enumerate(charts):
        url = f"chart:{i}-{key}"
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        height = round(CHART_WIDTH_ON_PAGE * image.height() / image.width())
        cells.append(f"<td><img src='{url}' width='{CHART_WIDTH_ON_PAGE}' height='{height}'></td>")
    rows = ["<tr>" + "".join(cells[i : i + 2]) + "</tr>" for i in range(0, len(cells), 2)]
    return "<table cellspacing='0' cellpadding='4'>" + "".join(rows) + "</table>"


def _volume_charts(
    journal: Journal,
    library: Library,
    totals: dict[str, dict[Side, SideTotals]],
    period: _Period,
) -> list[tuple[str, QImage]]:
    one_sided = [
        exercise_id
        for exercise_id, sides in totals.items()
        if any(side in sides and not _is_hold(sides[side]) for side in ("left", "right"))
    ]
    one_sided.sort(key=lambda i: -sum(t.reps for t in totals[i].values()))
    charts = []
    for exercise_id in one_sided[:MAX_CHARTS]:
        days = [d for d in journal.volume_by_day(exercise_id) if period.contains(d.day)]
        values: dict[Side, list[tuple[date, float]]] = {
            "left": [(d.day, float(d.left)) for d in days],
            "right": [(d.day, float(d.right)) for d in days],
        }
        title = f"{_name(library, exercise_id)}: reps per day"
        charts.append((exercise_id, chart_image(title, "reps", values)))
    return charts


def _measurement_section(journal: Journal, period: _Period) -> tuple[str, list[tuple[str, QImage]]]:
    """One table, a heading row per measurement and a row per day, then a chart each."""
    units: dict[str, str] = {}
    for record in period.records:
        for measurement in journal.measurements_for(record.row):
            units.setdefault(measurement.name, measurement.unit)
    if not units:
        return "<h2>Measurements</h2><p>No measurements recorded in this period.</p>", []
    series: dict[str, dict[Side, list[tuple[date, float]]]] = {}
    for name in units:
        values: dict[Side, list[tuple[date, float]]] = {}
        for point in journal.measurements_over_time(name):
            if period.contains(point.day):
                values.setdefault(point.side, []).append((point.day, point.value))
        series[name] = values
    with_both = any("both" in values for values in series.values())
    columns = 5 if with_both else 4
    head = (
        "<tr><th align='left' width='160'>Date</th>"
        "<th class='left' width='80'>◀ Left</th><th class='right' width='80'>Right ▶</th>"
        "<th width='100'>Left − right</th>"
        + ("<th width='80'>◀▶ Both</th>" if with_both else "")
        + "</tr>"
    )
    tables = ["<h2>Measurements, per side</h2>"]
    charts = []
    for name in sorted(units):
        values = series[name]
        by_day: dict[date, dict[str, float]] = {}
        for side, points in values.items():
            for day, value in points:
                by_day.setdefault(day, {})[side] = value
        rows = []
        for day in sorted(by_day):
            sides = by_day[day]
            left, right = sides.get("left"), sides.get("right")
            gap = f"{left - right:+g}" if left is not None and right is not None else "—"
            both = sides.get("both")
            rows.append(
                f"<tr><td>{_e(_day(day))}</td>"
                f"<td class='n'>{'—' if left is None else f'{left:g}'}</td>"
                f"<td class='n'>{'—' if right is None else f'{right:g}'}</td>"
                f"<td class='n'>{gap}</td>"
                + (f"<td class='n'>{'' if both is None else f'{both:g}'}</td>" if with_both else "")
                + "</tr>"
            )
        # The name is part of the table's head, so it comes back on a continuation page.
        tables.append(
            "<table class='grid' cellspacing='0' cellpadding='3'><thead>"
            f"<tr class='session'><td colspan='{columns}'><b>{_e(name)}</b> "
            f"({_e(units[name])})</td></tr>{head}</thead>" + "".join(rows) + "</table><br>"
        )
        charts.append((name, chart_image(name, units[name], values)))
    return "".join(tables), charts


def _pain_section(journal: Journal, library: Library, period: _Period) -> str:
    rows = []
    for record in period.records:
        for report in journal.pain_for(record.row):
            rows.append(
                f"<tr><td>{_e(_day(record.started_on))}</td>"
                f"<td>{_e(_name(library, report.exercise_id))}</td>"
                f"<td>{_side_cell(report.side)}</td><td class='n'>{report.score}/10</td>"
                f"<td>{_e(report.where or '')}</td></tr>"
            )
    if not rows:
        return "<h2>Pain reports</h2><p>No pain reported in this period.</p>"
    return (
        "<h2>Pain reports (0-10)</h2>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        "<thead><tr><th align='left'>Date</th><th align='left'>Exercise</th>"
        "<th align='left'>Side</th><th>Pain</th><th align='left'>Where</th></tr></thead>"
        + "".join(rows)
        + "</table>"
    )


def _effort_section(journal: Journal, library: Library, period: _Period) -> str:
    """First and latest effort rating per exercise and side, and how many were given."""
    ratings: dict[str, dict[str, list[int]]] = {}
    for record in period.records:
        for rating in journal.effort_for(record.row):
            ratings.setdefault(rating.exercise_id, {}).setdefault(rating.side, []).append(
                rating.score
            )
    if not ratings:
        return "<h2>Effort</h2><p>No effort ratings given in this period.</p>"

    def cell(scores: list[int] | None) -> str:
        if not scores:
            return "<td class='n'>—</td>"
        if len(scores) == 1:
            return f"<td class='n'>{scores[0]}</td>"
        return f"<td class='n'>{scores[0]} → {scores[-1]} ({len(scores)} ratings)</td>"

    with_both = any("both" in sides for sides in ratings.values())
    rows = [
        f"<tr><td>{_e(_name(library, exercise_id))}</td>"
        f"{cell(sides.get('left'))}{cell(sides.get('right'))}"
        + (cell(sides.get("both")) if with_both else "")
        + "</tr>"
        for exercise_id, sides in sorted(
            ratings.items(), key=lambda kv: _name(library, kv[0]).lower()
        )
    ]
    return (
        "<h2>Effort (0-10), first → latest</h2>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        "<thead><tr><th align='left' width='34%'>Exercise</th>"
        "<th class='left' width='22%'>◀ Left</th><th class='right' width='22%'>Right ▶</th>"
        + ("<th width='22%'>◀▶ Both</th>" if with_both else "")
        + "</tr></thead>"
        + "".join(rows)
        + "</table>"
    )


def _group_sets(sets: Iterable[SetRecord]) -> dict[tuple[str, Side], list[SetRecord]]:
    groups: dict[tuple[str, Side], list[SetRecord]] = {}
    for record in sets:
        groups.setdefault((record.exercise_id, record.side), []).append(record)
    return groups


def _sessions_section(journal: Journal, library: Library, period: _Period) -> str:
    if not period.records:
        return ""
    rows = []
    for record in period.records:
        where = " · ".join(
            x
            for x in (
                library.programmes[record.programme_id].title
                if record.programme_id in library.programmes
                else record.programme_id,
                record.phase,
            )
            if x
        )
        heading = f"{_day(record.started_on)} · {record.title}" + (f" · {where}" if where else "")
        heading += f" · {STATE_WORDS.get(record.state, record.state)}"
        rows.append(f"<tr class='session'><td colspan='6'><b>{_e(heading)}</b></td></tr>")
        efforts = {(e.exercise_id, e.side): e.score for e in journal.effort_for(record.row)}
        groups = _group_sets(journal.sets_for(record.row))
        measurements = journal.measurements_for(record.row)
        if not groups and not measurements:
            rows.append("<tr><td colspan='6' class='small'>Nothing recorded.</td></tr>")
        previous = None
        for m in measurements:
            name = _e(m.name) if m.name != previous else ""
            previous = m.name
            rows.append(
                f"<tr><td>{name}</td><td>{_side_cell(m.side)}</td>"
                f"<td>{m.value:g} {_e(m.unit)}</td><td></td><td></td><td></td></tr>"
            )
        for (exercise_id, side), sets in groups.items():
            done = [s for s in sets if not s.skipped]
            skipped = [s for s in sets if s.skipped]
            done_text = _sets_text([s.done_reps for s in done], [s.hold_achieved for s in done])
            planned = _sets_text([s.planned_reps for s in sets], [s.hold_planned for s in sets])
            skip_text = ""
            if skipped:
                cut = ", ".join(f"{s.done_reps} of {s.planned_reps}" for s in skipped)
                skip_text = f"{len(skipped)} ({cut} reps done)"
            effort = efforts.get((exercise_id, side))
            name = _e(_name(library, exercise_id)) if exercise_id != previous else ""
            previous = exercise_id
            rows.append(
                f"<tr><td>{name}</td><td>{_side_cell(side)}</td>"
                f"<td>{_e(done_text)}</td><td>{_e(planned)}</td><td>{_e(skip_text)}</td>"
                f"<td class='n'>{'' if effort is None else effort}</td></tr>"
            )
    return (
        "<h2 class='new-page'>Sessions, set by set</h2>"
        "<p class='note'>Done and planned are sets × reps (or seconds held); sets that "
        "differ are listed one by one. Skipped sets are not in Done; what was done in "
        "them is under Skipped. Effort is 0-10, given at the end of the exercise.</p>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        "<thead><tr><th align='left' width='30%'>Exercise</th>"
        "<th align='left' width='10%'>Side</th><th align='left' width='18%'>Done</th>"
        "<th align='left' width='14%'>Planned</th><th align='left' width='20%'>Skipped</th>"
        "<th width='8%'>Effort</th></tr></thead>" + "".join(rows) + "</table>"
    )


STYLE = f"""
body {{ color: #000000; }}
h1 {{ font-size: 17pt; margin-bottom: 2pt; }}
h2 {{ font-size: 12.5pt; margin-top: 12pt; margin-bottom: 4pt; }}
h3 {{ font-size: 10.5pt; margin-top: 8pt; margin-bottom: 3pt; }}
p.facts {{ margin-top: 2pt; }}
p.note, .small {{ font-size: 8pt; color: #333333; }}
table.grid {{ border-collapse: collapse; border: 1px solid #808080; }}
table.grid td, table.grid th {{ border: 1px solid #b0b0b0; }}
th {{ background-color: #e8e8e8; font-weight: bold; }}
th.left {{ background-color: #d6e9f5; color: {PRINT_LEFT}; }}
th.right {{ background-color: #fbecd0; color: #7a5400; }}
td.n {{ text-align: right; }}
tr.session td {{ background-color: #f0f0f0; }}
h2.new-page {{ page-break-before: always; }}
"""


def _document_html(
    journal: Journal,
    library: Library,
    document: QTextDocument,
    period: _Period,
    title: str,
    generated: datetime,
) -> str:
    parts = [_header(title, period, generated, library)]
    if not period.records:
        parts.append(
            "<h2>No sessions recorded yet</h2>"
            if period.since is None and period.until is None
            else "<h2>No sessions recorded in this period</h2>"
        )
        return "".join(parts)
    totals = journal.side_totals(since=period.since, until=period.until)
    parts.append(_totals_section(totals, library))
    volume = _volume_charts(journal, library, totals, period)
    if volume:
        parts.append(
            "<h2>Reps per day</h2><p class='note'>◀ Left: solid line, round points. "
            "Right ▶: dashed line, square points.</p>"
        )
        parts.append(_chart_grid(document, volume))
    measurements, measurement_charts = _measurement_section(journal, period)
    parts.append(measurements)
    if measurement_charts:
        parts.append(_chart_grid(document, measurement_charts))
    parts.append(_pain_section(journal, library, period))
    parts.append(_effort_section(journal, library, period))
    parts.append(_sessions_section(journal, library, period))
    return "".join(parts)


# --------------------------------------------------------------------------- the PDF


def write_pdf(
    journal: Journal,
    library: Library,
    path: Path | str,
    since: date | None = None,
    until: date | None = None,
    title: str = DEFAULT_TITLE,
    *,
    generated: datetime | None = None,
) -> int:
    """Write an A4 report of the sessions between two dates (both included) to ``path``;
    returns the number of pages.

    Raises ``StorageError`` when the file can't be written (and whatever the journal
    raises when it can't be read).
    """
    ensure_application()
    path = Path(path)
    generated = generated or datetime.now()
    period = _Period(since, until, journal.sessions(since, until))

    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(9.5)
    font.setFeature(QFont.Tag("liga"), 0)  # "fi" stays two letters when the text is copied
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(STYLE)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    document.setHtml(
        "<html><body>"
        + _document_html(journal, library, document, period, title, generated)
        + "</body></html>"
    )

    if not path.parent.is_dir():
        raise StorageError(
            f"The report can't be written: the folder {path.parent} does not exist.", path
        )
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(16, 14, 16, 12), QPageLayout.Unit.Millimeter)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Session Guide")

    document.documentLayout().setPaintDevice(writer)
    document.setDocumentMargin(0)
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer = RESOLUTION * 0.3  # inches for the page footer
    body = QSizeF(page.width(), page.height() - footer)
    document.setPageSize(body)
    pages = document.pageCount()

    painter = QPainter()
    if not painter.begin(writer):
        raise StorageError(
            f"The report can't be written to {path}: check that the folder is writable "
            "and that the file is not open in another program.",
            path,
        )
    footer_font = QFont(font)
    footer_font.setPointSizeF(8)
    for index in range(pages):
        if index:
            writer.newPage()
        painter.save()
        painter.translate(0, -index * body.height())
        document.drawContents(
            painter, QRectF(0, index * body.height(), body.width(), body.height())
        )
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(QColor("#333333"))
        painter.drawText(
            QRectF(0, body.height(), body.width(), footer),
            Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft,
            f"{title} · {period.text()}",
        )
        painter.drawText(
            QRectF(0, body.height(), body.width(), footer),
            Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight,
            f"page {index + 1} of {pages}",
        )
    painter.end()
    return pages
