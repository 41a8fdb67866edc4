"""The clinician's report: a printable A4 PDF of the history, left against right.

``write_pdf`` reads the period from the journal in a few statements (``session_details``
and ``side_totals``), lays it out as HTML in a ``QTextDocument`` (header, left/right
totals, charts of reps per day and of measurements, pain, effort, then every session set
by set) and paints it page by page onto a ``QPdfWriter``. Charts are the one chart of
``ui.chart``, drawn into images, so no widget and no display is needed: a
``QApplication`` is created (offscreen) only when the process has none. Sides are told
by word and arrow (◀ Left, Right ▶), and in charts by line style and marker as well as
colour, so a black-and-white print still reads.
"""

from __future__ import annotations

import contextlib
import html
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from guide_app.core.clock import Clock, MonotonicClock
from guide_app.core.history import (
    Journal,
    SessionDetail,
    SetRecord,
    SideTotals,
    StorageError,
)
from guide_app.core.history_records import detail_measurements, detail_volume
from guide_app.core.history_storage import make_private_file
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
from guide_app.core.sides import Side
from guide_app.ui import chart

RESOLUTION = 300  # dots per inch of the PDF's page coordinates
CHART_SIZE = (1000, 560)  # pixels of a chart image; shown 330 px (3.4 in) wide
CHART_WIDTH_ON_PAGE = 330
MAX_CHARTS = 8

_application: QGuiApplication | None = None


def default_title() -> str:
    return tr("Session Guide: exercise report")


def ensure_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen one when there is none (fonts and
    painting need one). A ``QApplication`` so that widgets can still follow in this
    process; never a second one."""
    global _application
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    argv = ["guide-app"]
    if not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    _application = QApplication(argv)
    return _application


# --------------------------------------------------------------------------- words


def _e(text: object) -> str:
    return html.escape(str(text))


def _side_cell(side: Side | str) -> str:
    return _e(side_label(side))


# --------------------------------------------------------------------------- content


@dataclass(frozen=True, slots=True)
class _Period:
    since: date | None
    until: date | None
    details: list[SessionDetail]

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


def _header(title: str, period: _Period, generated: datetime, library: Library) -> str:
    records = [d.session for d in period.details]
    facts = [tr("<b>Period:</b> {period}", period=_e(period.text()))]
    if records:
        states = [r.state for r in records]
        parts = [sessions_count(len(records))] + [
            state_count(state, states.count(state))
            for state in ("finished", "stopped", "running")
            if states.count(state)
        ]
        facts.append(tr("<b>Sessions:</b> {sessions}", sessions=_e(", ".join(parts))))
        programmes = sorted({r.programme_id for r in records if r.programme_id})
        if programmes:
            text = ", ".join(programme_title(library, p) for p in programmes)
            phases = [r.phase for r in records if r.phase]
            if phases:
                text = tr("{programmes} (latest phase: {phase})", programmes=text, phase=phases[-1])
            facts.append(tr("<b>Programme:</b> {programme}", programme=_e(text)))
        affected = [r.affected_side for r in records if r.affected_side]
        if affected:
            facts.append(tr("<b>Affected side:</b> {side}", side=_side_cell(affected[-1])))
    facts.append(
        tr(
            "<b>Generated:</b> {day} {time:%H:%M}",
            day=_e(day_text(generated.date())),
            time=generated,
        )
    )
    note = tr(
        "Sides are written out (◀ Left, Right ▶). Sets done count sets not skipped; reps "
        "count what was done, also in a set cut short. A hold counts as one rep."
    )
    return (
        f"<h1>{_e(title)}</h1>"
        f"<p class='facts'>{'<br>'.join(facts)}</p><p class='note'>{_e(note)}</p>"
    )


def _totals_cells(t: SideTotals | None) -> str:
    if t is None:
        return "<td class='n'>—</td><td class='n'>—</td>"
    held = (
        f"<br><span class='small'>{_e(held_text(t.hold_seconds))}</span>" if t.hold_seconds else ""
    )
    return f"<td class='n'>{t.sets}</td><td class='n'>{t.reps}{held}</td>"


def _totals_section(totals: dict[str, dict[Side, SideTotals]], library: Library) -> str:
    heading = tr("Left against right, per exercise")
    if not totals:
        return f"<h2>{_e(heading)}</h2><p>{_e(tr('No sets recorded in this period.'))}</p>"
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
        name = _e(exercise_name(library, exercise_id))
        if both is not None:
            parts = [sets_count(both.sets), reps_count(both.reps)]
            if both.hold_seconds:
                parts.append(held_text(both.hold_seconds))
            shared = tr(
                "{side} at once: {totals}", side=side_label(Side.BOTH), totals=", ".join(parts)
            )
            name += f"<br><span class='small'>{_e(shared)}</span>"
        rows.append(
            f"<tr><td>{name}</td>{_totals_cells(left)}{_totals_cells(right)}"
            f"<td class='n'>{diff}</td><td class='n'>{share}</td>"
            f"<td class='n'>{skipped or ''}</td></tr>"
        )
    left_word, right_word = _side_cell(Side.LEFT), _side_cell(Side.RIGHT)
    sets_word, reps_word = _e(tr("sets")), _e(tr("reps"))
    return (
        f"<h2>{_e(heading)}</h2>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        f"<thead><tr><th rowspan='2' align='left'>{_e(tr('Exercise'))}</th>"
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


def volume_charts(
    library: Library, totals: dict[str, dict[Side, SideTotals]], period: _Period
) -> list[chart.ChartData]:
    """Reps per day for the exercises done on one side at a time, most reps first."""
    one_sided = [
        exercise_id
        for exercise_id, sides in totals.items()
        if any(side in sides and not is_hold(sides[side]) for side in (Side.LEFT, Side.RIGHT))
    ]
    one_sided.sort(key=lambda i: -sum(t.reps for t in totals[i].values()))
    return [
        chart.volume_chart(exercise_name(library, i), detail_volume(period.details, i))
        for i in one_sided[:MAX_CHARTS]
    ]


def _measurement_section(period: _Period) -> tuple[str, list[chart.ChartData]]:
    """One table, a heading row per measurement and a row per day, then a chart each."""
    units: dict[str, str] = {}
    for detail in period.details:
        for measurement in detail.measurements:
            units.setdefault(measurement.name, measurement.unit)
    if not units:
        return (
            f"<h2>{_e(tr('Measurements'))}</h2>"
            f"<p>{_e(tr('No measurements recorded in this period.'))}</p>",
            [],
        )
    charts = {
        name: chart.measurement_chart(name, unit, detail_measurements(period.details, name))
        for name, unit in units.items()
    }
    with_both = any(Side.BOTH in data.sides() for data in charts.values())
    columns = 5 if with_both else 4
    head = (
        f"<tr><th align='left' width='160'>{_e(tr('Date'))}</th>"
        f"<th class='left' width='80'>{_side_cell(Side.LEFT)}</th>"
        f"<th class='right' width='80'>{_side_cell(Side.RIGHT)}</th>"
        f"<th width='100'>{_e(tr('Left − right'))}</th>"
        + (f"<th width='80'>{_side_cell(Side.BOTH)}</th>" if with_both else "")
        + "</tr>"
    )
    tables = [f"<h2>{_e(tr('Measurements, per side'))}</h2>"]
    for name in sorted(units):
        by_day: dict[date, dict[Side, float]] = {}
        for side in charts[name].sides():
            for day, value in charts[name].points(side):
                by_day.setdefault(day, {})[side] = value
        rows = []
        for day in sorted(by_day):
            sides = by_day[day]
            left, right, both = sides.get(Side.LEFT), sides.get(Side.RIGHT), sides.get(Side.BOTH)
            gap = f"{left - right:+g}" if left is not None and right is not None else "—"
            rows.append(
                f"<tr><td>{_e(day_text(day))}</td>"
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
    return "".join(tables), [charts[name] for name in sorted(units)]


def _pain(library: Library, period: _Period) -> str:
    rows = [
        f"<tr><td>{_e(day_text(d.session.started_on))}</td>"
        f"<td>{_e(exercise_name(library, report.exercise_id))}</td>"
        f"<td>{_side_cell(report.side)}</td><td class='n'>{report.score}/10</td>"
        f"<td>{_e(report.where or '')}</td></tr>"
        for d in period.details
        for report in d.pain
    ]
    if not rows:
        return (
            f"<h2>{_e(tr('Pain reports'))}</h2><p>{_e(tr('No pain reported in this period.'))}</p>"
        )
    return (
        f"<h2>{_e(tr('Pain reports (0-10)'))}</h2>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        f"<thead><tr><th align='left'>{_e(tr('Date'))}</th>"
        f"<th align='left'>{_e(tr('Exercise'))}</th><th align='left'>{_e(tr('Side'))}</th>"
        f"<th>{_e(tr('Pain'))}</th><th align='left'>{_e(tr('Where'))}</th></tr></thead>"
        + "".join(rows)
        + "</table>"
    )


def _effort_cell(scores: list[int] | None) -> str:
    if not scores:
        return "<td class='n'>—</td>"
    if len(scores) == 1:
        return f"<td class='n'>{scores[0]}</td>"
    ratings = ntr("{n} rating", "{n} ratings", len(scores))
    return f"<td class='n'>{scores[0]} → {scores[-1]} ({_e(ratings)})</td>"


def _effort(library: Library, period: _Period) -> str:
    """First and latest effort rating per exercise and side, and how many were given."""
    ratings: dict[str, dict[Side, list[int]]] = {}
    for detail in period.details:
        for rating in detail.effort:
            ratings.setdefault(rating.exercise_id, {}).setdefault(rating.side, []).append(
                rating.score
            )
    if not ratings:
        return (
            f"<h2>{_e(tr('Effort'))}</h2><p>{_e(tr('No effort ratings given in this period.'))}</p>"
        )
    with_both = any(Side.BOTH in sides for sides in ratings.values())
    rows = [
        f"<tr><td>{_e(exercise_name(library, exercise_id))}</td>"
        f"{_effort_cell(sides.get(Side.LEFT))}{_effort_cell(sides.get(Side.RIGHT))}"
        + (_effort_cell(sides.get(Side.BOTH)) if with_both else "")
        + "</tr>"
        for exercise_id, sides in sorted(
            ratings.items(), key=lambda kv: exercise_name(library, kv[0]).lower()
        )
    ]
    return (
        f"<h2>{_e(tr('Effort (0-10), first → latest'))}</h2>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        f"<thead><tr><th align='left' width='34%'>{_e(tr('Exercise'))}</th>"
        f"<th class='left' width='22%'>{_side_cell(Side.LEFT)}</th>"
        f"<th class='right' width='22%'>{_side_cell(Side.RIGHT)}</th>"
        + (f"<th width='22%'>{_side_cell(Side.BOTH)}</th>" if with_both else "")
        + "</tr></thead>"
        + "".join(rows)
        + "</table>"
    )


def _session_rows(detail: SessionDetail, library: Library) -> list[str]:
    """A session's heading row, then a row per measurement and per exercise and side."""
    record = detail.session
    where = " · ".join(
        x for x in (programme_title(library, record.programme_id), record.phase) if x
    )
    heading = " · ".join(
        x for x in (day_text(record.started_on), record.title, where, state_text(record.state)) if x
    )
    rows = [f"<tr class='session'><td colspan='6'><b>{_e(heading)}</b></td></tr>"]
    efforts = {(e.exercise_id, e.side): e.score for e in detail.effort}
    groups: dict[tuple[str, Side], list[SetRecord]] = {}
    for one in detail.sets:
        groups.setdefault((one.exercise_id, one.side), []).append(one)
    if not groups and not detail.measurements:
        rows.append(f"<tr><td colspan='6' class='small'>{_e(tr('Nothing recorded.'))}</td></tr>")
    previous = None
    for m in detail.measurements:
        name = _e(m.name) if m.name != previous else ""
        previous = m.name
        rows.append(
            f"<tr><td>{name}</td><td>{_side_cell(m.side)}</td>"
            f"<td>{m.value:g} {_e(m.unit)}</td><td></td><td></td><td></td></tr>"
        )
    for (exercise_id, side), sets in groups.items():
        done = [s for s in sets if not s.skipped]
        skipped = [s for s in sets if s.skipped]
        done_text = sets_text([s.done_reps for s in done], [s.hold_achieved for s in done])
        planned = sets_text([s.planned_reps for s in sets], [s.hold_planned for s in sets])
        skip_text = ""
        if skipped:
            cut = ", ".join(
                tr("{done} of {planned}", done=s.done_reps, planned=s.planned_reps) for s in skipped
            )
            skip_text = tr("{n} ({cut} reps done)", n=len(skipped), cut=cut)
        effort = efforts.get((exercise_id, side))
        name = _e(exercise_name(library, exercise_id)) if exercise_id != previous else ""
        previous = exercise_id
        rows.append(
            f"<tr><td>{name}</td><td>{_side_cell(side)}</td>"
            f"<td>{_e(done_text)}</td><td>{_e(planned)}</td><td>{_e(skip_text)}</td>"
            f"<td class='n'>{'' if effort is None else effort}</td></tr>"
        )
    return rows


def _sessions(library: Library, period: _Period) -> str:
    if not period.details:
        return ""
    rows = [row for detail in period.details for row in _session_rows(detail, library)]
    note = tr(
        "Done and planned are sets × reps (or seconds held); sets that differ are listed one "
        "by one. Skipped sets are not in Done; what was done in them is under Skipped. "
        "Effort is 0-10, given at the end of the exercise."
    )
    head = "".join(
        f"<th align='left' width='{width}%'>{_e(word)}</th>"
        for word, width in (
            (tr("Exercise"), 30),
            (tr("Side"), 10),
            (tr("Done"), 18),
            (tr("Planned"), 14),
            (tr("Skipped"), 20),
        )
    )
    return (
        f"<h2 class='new-page'>{_e(tr('Sessions, set by set'))}</h2>"
        f"<p class='note'>{_e(note)}</p>"
        "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
        f"<thead><tr>{head}<th width='8%'>{_e(tr('Effort'))}</th></tr></thead>"
        + "".join(rows)
        + "</table>"
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
th.left {{ background-color: #d6e9f5; color: {chart.PRINT.left}; }}
th.right {{ background-color: #fbecd0; color: #7a5400; }}
td.n {{ text-align: right; }}
tr.session td {{ background-color: #f0f0f0; }}
h2.new-page {{ page-break-before: always; }}
"""


def _images(kind: str, charts: list[chart.ChartData]) -> list[tuple[str, QImage]]:
    """Each chart as an image, keyed ``kind`` and its place (the document's resource names)."""
    return [
        (f"{kind}{i}", chart.chart_image(c, CHART_SIZE, chart.PRINT)) for i, c in enumerate(charts)
    ]


def _document_html(
    journal: Journal,
    library: Library,
    document: QTextDocument,
    period: _Period,
    title: str,
    generated: datetime,
) -> str:
    parts = [_header(title, period, generated, library)]
    if not period.details and period.since is None and period.until is None:
        return parts[0] + f"<h2>{_e(tr('No sessions recorded yet'))}</h2>"
    if not period.details:
        return parts[0] + f"<h2>{_e(tr('No sessions recorded in this period'))}</h2>"
    totals = journal.side_totals(since=period.since, until=period.until)
    parts.append(_totals_section(totals, library))
    volume = volume_charts(library, totals, period)
    if volume:
        note = tr("◀ Left: solid line, round points. Right ▶: dashed line, square points.")
        parts.append(f"<h2>{_e(tr('Reps per day'))}</h2><p class='note'>{_e(note)}</p>")
        parts.append(_chart_grid(document, _images("volume", volume)))
    measurements, measurement_charts = _measurement_section(period)
    parts.append(measurements)
    if measurement_charts:
        parts.append(_chart_grid(document, _images("measurement", measurement_charts)))
    parts += [section(library, period) for section in (_pain, _effort, _sessions)]
    return "".join(parts)


# --------------------------------------------------------------------------- the PDF


def write_pdf(
    journal: Journal,
    library: Library,
    path: Path | str,
    since: date | None = None,
    until: date | None = None,
    title: str | None = None,
    *,
    generated: datetime | None = None,
    clock: Clock | None = None,
) -> int:
    """Write an A4 report of the sessions between two dates (both included) to ``path``;
    returns the number of pages. ``generated`` defaults to the wall time on ``clock``.

    Raises ``StorageError`` when the file can't be written (and whatever the journal
    raises when it can't be read).
    """
    ensure_application()
    path = Path(path)
    title = title or default_title()
    if generated is None:
        generated = datetime.fromtimestamp((clock or MonotonicClock()).wall())
    period = _Period(since, until, journal.session_details(since, until))

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
            tr(
                "The report can't be written: the folder {folder} does not exist.",
                folder=path.parent,
            ),
            path,
        )
    with contextlib.suppress(OSError):  # a folder it can't write in is said below
        make_private_file(path)  # health data: a new report is the user's alone (0600)
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
            tr(
                "The report can't be written to {path}: check that the folder is writable "
                "and that the file is not open in another program.",
                path=path,
            ),
            path,
        )
    footer_font = QFont(font)
    footer_font.setPointSizeF(8)
    footer_rect = QRectF(0, body.height(), body.width(), footer)
    bottom = Qt.AlignmentFlag.AlignBottom
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
            footer_rect, bottom | Qt.AlignmentFlag.AlignLeft, f"{title} · {period.text()}"
        )
        painter.drawText(
            footer_rect,
            bottom | Qt.AlignmentFlag.AlignRight,
            tr("page {page} of {pages}", page=index + 1, pages=pages),
        )
    painter.end()
    return pages
