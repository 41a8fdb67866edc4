"""The clinician's report: a printable A4 PDF of the history, left against right.

``write_pdf`` reads the period from the journal in a few statements (``session_details``
and ``side_totals``), lays it out as HTML in a ``QTextDocument`` (header, left/right
totals, charts of reps and of measurements, the older weeks as weekly totals per side,
measurements, pain, effort, then the recent sessions set by set: ``ui.report_sections``
and ``ui.report_weekly``) and paints it page by page onto a ``QPdfWriter``; the pages
depend on the weeks in the period, not on its sessions (three years: about a dozen).
The command line (``guide-app history export --pdf``) and the history window's
"PDF report…" both call it. Charts are the one chart of ``ui.chart``, drawn into images,
so no widget and no display is needed: a ``QApplication`` is created (offscreen) only
when the process has none. Sides are told by word and arrow (◀ Left, Right ▶), and in
charts by line style and marker as well as colour, so a black-and-white print still reads.
"""

from __future__ import annotations

import contextlib
import html
import os
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
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
from guide_app.core.history import Journal, StorageError
from guide_app.core.history_storage import make_private_file
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.ui import chart
from guide_app.ui.print_pages import paint_pages
from guide_app.ui.report_sections import (
    Period,
    effort_section,
    header_section,
    pain_section,
    sessions_section,
    totals_section,
    volume_charts,
    weekly_charts,
)
from guide_app.ui.report_weekly import measurement_section, weekly_section

RESOLUTION = 300  # dots per inch of the PDF's page coordinates
CHART_SIZE = (1000, 560)  # pixels of a chart image; shown 330 px (3.4 in) wide
CHART_WIDTH_ON_PAGE = 330

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
td.day {{ white-space: nowrap; }}
table.weeks {{ font-size: 8pt; }}
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
    period: Period,
    title: str,
    generated: datetime,
) -> str:
    parts = [header_section(title, period, generated, library)]
    if not period.details and period.since is None and period.until is None:
        return parts[0] + f"<h2>{_e(tr('No sessions recorded yet'))}</h2>"
    if not period.details:
        return parts[0] + f"<h2>{_e(tr('No sessions recorded in this period'))}</h2>"
    totals = journal.side_totals(since=period.since, until=period.until)
    parts.append(totals_section(totals, library))
    volume = volume_charts(library, totals, period)
    if volume:
        note = tr("◀ Left: solid line, round points. Right ▶: dashed line, square points.")
        heading = tr("Reps per week") if weekly_charts(period) else tr("Reps per day")
        parts.append(f"<h2>{_e(heading)}</h2><p class='note'>{_e(note)}</p>")
        parts.append(_chart_grid(document, _images("volume", volume)))
    parts.append(weekly_section(period))
    measurements, measurement_charts = measurement_section(period)
    parts.append(measurements)
    if measurement_charts:
        parts.append(_chart_grid(document, _images("measurement", measurement_charts)))
    parts += [section(library, period) for section in (pain_section, effort_section)]
    parts.append(sessions_section(library, period))
    return "".join(parts)


# --------------------------------------------------------------------------- the PDF


def pdf_writer(path: Path, title: str, margins_mm: QMarginsF, no_folder: str) -> QPdfWriter:
    """An A4 PDF writer at ``RESOLUTION`` for ``path``, the file made the user's alone
    first (0600: it holds health data, or a person's name); ``StorageError`` saying
    ``no_folder`` when the folder does not exist."""
    if not path.parent.is_dir():
        raise StorageError(no_folder, path)
    with contextlib.suppress(OSError):  # a folder it can't write in is said when painting
        make_private_file(path)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(margins_mm, QPageLayout.Unit.Millimeter)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Session Guide")
    return writer


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
    period = Period(since, until, journal.session_details(since, until))

    writer = pdf_writer(
        path,
        title,
        QMarginsF(16, 14, 16, 12),
        tr("The report can't be written: the folder {folder} does not exist.", folder=path.parent),
    )
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer = RESOLUTION * 0.3  # inches for the page footer
    body = QSizeF(page.width(), page.height() - footer)

    # The page is set before the text: the document is laid out once, for the PDF (a
    # long report took a second more laid out for the screen first, then again).
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDocumentMargin(0)
    document.setPageSize(body)
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
    pages = paint_pages(painter, writer, document, body, footer, f"{title} · {period.text()}")
    painter.end()
    return pages
