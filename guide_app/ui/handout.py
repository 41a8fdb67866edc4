"""The patient's handout on paper: a ``core.handout.Handout`` laid out for A4, as a PDF or
through the print dialog.

``handout_document`` lays the handout out as HTML in a ``QTextDocument`` (a header with the
phase, its goal, how often and the pain limits; a boxed "stop and contact your clinician
if"; then each exercise in a table of its own: its pictures on the left, its name, dosage
per side, cues and stop signs on the right). ``save_handout_pdf`` paints it page by page
onto a ``QPdfWriter`` and ``print_handout`` onto the printer the print dialog gives; an
exercise that would be cut by a page's end starts the next page instead. It reads in
black and white: black text, thin grey rules, sides said in words, and pictures whose
working limbs are drawn dark (the left side's colour, mirrored for the right), with a
caption saying which side they show. No widget and no display is needed to write a PDF.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtWidgets import QDialog, QWidget

from guide_app.core.handout import Handout, HandoutExercise, HandoutNote, HandoutSession
from guide_app.core.history_storage import StorageError
from guide_app.core.history_text import day_text
from guide_app.core.i18n import tr
from guide_app.ui import print_pages
from guide_app.ui.picture import render_picture
from guide_app.ui.report import ensure_application, pdf_writer

RESOLUTION = 300  # dots per inch of the PDF's page coordinates
PICTURE_WIDTH = 150  # document pixels a picture is shown at (about 45 mm)
PICTURE_HEIGHT = 112
PICTURE_PIXELS = QSize(600, 450)  # the image drawn for it: sharp at 300 dpi
MARGINS_MM = QMarginsF(15, 13, 15, 12)
FOOTER_INCHES = 0.3

STYLE = """
body { color: #000000; }
h1 { font-size: 18pt; margin-bottom: 2pt; }
h2 { font-size: 14pt; margin-top: 12pt; margin-bottom: 4pt; }
p { margin-top: 2pt; margin-bottom: 2pt; }
p.phase { font-size: 13pt; font-weight: bold; }
p.small, td.caption { font-size: 9pt; color: #333333; }
td.caption { text-align: center; }
table.stop { border: 2px solid #000000; border-collapse: collapse; margin-top: 6pt; }
table.exercise { margin-top: 4pt; }
hr { height: 1px; background-color: #808080; }
p.name { font-size: 13pt; font-weight: bold; margin-top: 0; }
p.dose { font-size: 12pt; font-weight: bold; }
p.group { font-size: 12pt; font-weight: bold; margin-top: 8pt; }
ol { margin-top: 2pt; margin-bottom: 2pt; }
ul { margin-top: 2pt; margin-bottom: 2pt; }
"""

Chunk = tuple[str, str]
"""A part of the handout as (role, HTML): each is one table, kept whole on a page."""


def _e(text: object) -> str:
    return html.escape(str(text))


def _table(inner: str) -> str:
    return f"<table width='100%' cellpadding='0'><tr><td>{inner}</td></tr></table>"


# --------------------------------------------------------------------------- the document


def _header(handout: Handout) -> list[Chunk]:
    parts = [f"<h1>{_e(handout.title)}</h1>"]
    if handout.phase:
        parts.append(f"<p class='phase'>{_e(handout.phase)}</p>")
    if handout.goal:
        parts.append(f"<p>{tr('<b>Goal:</b> {goal}', goal=_e(handout.goal))}</p>")
    if handout.about:
        parts.append(f"<p>{_e(handout.about)}</p>")
    facts = []
    if handout.person:
        facts.append(tr("<b>For:</b> {name}", name=_e(handout.person)))
    facts.append(tr("<b>Date:</b> {day}", day=_e(day_text(handout.day))))
    if handout.week is not None:
        facts.append(_e(tr("Week {n} of the programme", n=handout.week)))
    if handout.sides:
        facts.append(_e(handout.sides))
    parts.append(f"<p>{' &nbsp;·&nbsp; '.join(facts)}</p>")
    if handout.how_often:
        parts.append(f"<p>{tr('<b>How often:</b> {often}', often=_e(handout.how_often))}</p>")
    if handout.pain:
        parts.append(f"<p>{tr('<b>Pain limits:</b> {pain}', pain=_e(handout.pain))}</p>")
    if handout.phase_week is not None:
        week = tr("The amounts are for week {n} of this phase.", n=handout.phase_week)
        parts.append(f"<p>{_e(week)}</p>")
    parts += [f"<p class='small'>{_e(note)}</p>" for note in handout.notes]
    parts += [f"<p><i>{_e(warning)}</i></p>" for warning in handout.warnings]
    items = "".join(f"<li>{_e(item)}</li>" for item in handout.stop_if)
    title = _e(tr("STOP and contact your clinician if:"))
    stop = (
        "<table class='stop' width='100%' cellpadding='6'><tr><td>"
        f"<p><b>{title}</b></p><ul>{items}</ul></td></tr></table>"
    )
    return [("head", _table("".join(parts))), ("stop", stop)]


class _Pictures:
    """The pictures of a document, drawn once each and added as its resources."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self.names: dict[tuple[Path, bool], str] = {}

    def cell(self, path: Path, mirrored: bool, caption: str) -> str:
        """A picture and its caption, or a caption saying why it is missing."""
        name = self.names.get((path, mirrored))
        if name is None:
            drawn = render_picture(path, None, mirrored, PICTURE_PIXELS)
            if isinstance(drawn, str):
                return f"<td class='caption' width='{PICTURE_WIDTH}'>{_e(drawn)}</td>"
            name = f"picture{len(self.names)}"
            self.names[(path, mirrored)] = name
            image = _on_white(drawn)
            self.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        return (
            f"<td class='caption' width='{PICTURE_WIDTH}'><img src='{name}' "
            f"width='{PICTURE_WIDTH}' height='{PICTURE_HEIGHT}'><br>{_e(caption)}</td>"
        )


def _on_white(image: QImage) -> QImage:
    """``image`` flattened onto white (a transparent picture prints grey on some printers)."""
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat


def _exercise(number: int, item: HandoutExercise, pictures: _Pictures) -> str:
    text = [f"<p class='name'>{number}. {_e(item.name)}</p>"]
    if item.dose:
        text.append(f"<p class='dose'>{_e(item.dose)}</p>")
    text += [f"<p>{_e(line)}</p>" for line in item.details]
    if item.note:
        text.append(f"<p><i>{_e(item.note)}</i></p>")
    if item.cues:
        text.append("<ol>" + "".join(f"<li>{_e(cue)}</li>" for cue in item.cues) + "</ol>")
    if item.repeat:
        text.append(f"<p class='small'>{_e(tr('Steps and pictures: as above.'))}</p>")
    if item.stop_signs:
        signs = _e(" ".join(item.stop_signs))
        text.append(f"<p>{tr('<b>Stop if:</b> {signs}', signs=signs)}</p>")
    cells = "".join(pictures.cell(p.path, p.mirrored, p.caption) for p in item.pictures)
    left = ""
    if cells:
        shows = f"<p class='small'>{_e(item.pictures_show)}</p>" if item.pictures_show else ""
        left = (
            "<td valign='top' width='1%'><table cellpadding='2'><tr>"
            f"{cells}</tr></table>{shows}</td>"
        )
    span = " colspan='2'" if left else ""
    return (
        "<table class='exercise' width='100%' cellpadding='4'>"
        f"<tr><td{span}><hr></td></tr>"
        f"<tr>{left}<td valign='top'>{''.join(text)}</td></tr></table>"
    )


def _session(session: HandoutSession, pictures: _Pictures, titled: bool) -> list[Chunk]:
    parts = [f"<h2>{_e(session.title)}</h2>"] if titled else []
    if session.problem:
        problem = tr("This session cannot be printed: {problem}", problem=session.problem)
        return [("head", _table("".join(parts) + f"<p><b>{_e(problem)}</b></p>"))]
    if session.equipment:
        items = _e(", ".join(session.equipment))
        parts.append(f"<p>{tr('<b>You need:</b> {items}', items=items)}</p>")
    parts += [f"<p>{_e(note)}</p>" for note in session.notes]
    chunks: list[Chunk] = [("head", _table("".join(parts)))] if parts else []
    number = 0
    for item in session.items:
        if isinstance(item, HandoutNote):
            kind = "group" if item.kind == "group" else "note"
            text = f"<p class='{kind}'>{_e(item.text)}</p>"
            if item.detail:
                text += f"<p class='small'>{_e(item.detail)}</p>"
            chunks.append(("note", _table(text)))
            continue
        number += 1
        chunks.append(("exercise", _exercise(number, item, pictures)))
    return chunks


def _laid_out(handout: Handout) -> tuple[QTextDocument, list[str]]:
    """The document and the role of each of its top-level tables, in order."""
    ensure_application()
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(11)
    font.setFeature(QFont.Tag("liga"), 0)  # "fi" stays two letters when the text is copied
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(STYLE)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, handout.title)
    pictures = _Pictures(document)
    titled = len(handout.sessions) > 1 or bool(handout.phase)
    chunks = _header(handout)
    for session in handout.sessions:
        chunks += _session(session, pictures, titled)
    document.setHtml(f"<html><body>{''.join(part for _, part in chunks)}</body></html>")
    return document, [role for role, _ in chunks]


def handout_document(handout: Handout) -> QTextDocument:
    """The handout laid out as a document (its pictures among its resources)."""
    return _laid_out(handout)[0]


def picture_count(document: QTextDocument) -> int:
    """How many pictures the document shows (an image used twice counts twice)."""
    count = 0
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            if fragments.fragment().charFormat().isImageFormat():
                count += 1
            fragments += 1
        block = block.next()  # a table's cells are blocks too
    return count


# --------------------------------------------------------------------------- pages


def _keep_whole(document: QTextDocument, roles: list[str]) -> None:
    """Move each table a page's end would cut to the next page, with the heading or
    note just before it, so an exercise is never split between two pages."""
    frames = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    if len(frames) != len(roles):
        return  # not laid out as written: leave the pages as they fall
    height = document.pageSize().height()
    layout = document.documentLayout()

    def page_of(y: float) -> int:
        return int(y // height)

    for index, frame in enumerate(frames):
        document.pageCount()  # lays the document out again after a move
        rect = layout.frameBoundingRect(frame)
        first = page_of(rect.top())
        if first == page_of(rect.bottom() - 1) or rect.height() >= height:
            continue
        start = index
        while (
            start > 0
            and roles[start] != "head"
            and roles[start - 1] in ("head", "note")
            and page_of(layout.frameBoundingRect(frames[start - 1]).top()) == first
        ):
            start -= 1  # a heading or a note goes with what follows it
        moved = frames[start]
        if layout.frameBoundingRect(moved).top() <= first * height + 1:
            continue  # it starts its page already: moving it gains nothing
        form = moved.frameFormat()
        form.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        moved.setFrameFormat(form)


def paint_pages(handout: Handout, device: QPagedPaintDevice, resolution: int) -> int:
    """Lay the handout out for ``device`` (a PDF writer or a printer, already set up) and
    paint every page; returns the number of pages. Raises ``OSError`` when painting
    can't begin."""
    document, roles = _laid_out(handout)
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    page = device.pageLayout().paintRectPixels(resolution)
    footer = resolution * FOOTER_INCHES
    body = QSizeF(page.width(), page.height() - footer)
    document.setPageSize(body)
    _keep_whole(document, roles)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(tr("painting could not begin"))
    pages = print_pages.paint_pages(painter, device, document, body, footer, handout.footer())
    painter.end()
    return pages


def _a4(device: QPagedPaintDevice) -> None:
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)


def save_handout_pdf(handout: Handout, path: Path | str) -> int:
    """Write the handout to ``path`` as an A4 PDF; returns the number of pages. Raises
    ``StorageError`` when the file can't be written."""
    ensure_application()
    path = Path(path)
    writer = pdf_writer(
        path,
        handout.title,
        MARGINS_MM,
        tr("The handout can't be written: the folder {folder} does not exist.", folder=path.parent),
    )
    try:
        return paint_pages(handout, writer, RESOLUTION)
    except OSError:
        raise StorageError(
            tr(
                "The handout can't be written to {path}: check that the folder is writable "
                "and that the file is not open in another program.",
                path=path,
            ),
            path,
        ) from None


def print_to(printer: QPagedPaintDevice, handout: Handout) -> int:
    """Print the handout on ``printer`` (a ``QPrinter`` set up by the print dialog, or for
    a PDF file) on A4; returns the number of pages."""
    from PySide6.QtPrintSupport import QPrinter

    _a4(printer)
    if isinstance(printer, QPrinter):
        printer.setDocName(handout.title)
        return paint_pages(handout, printer, printer.resolution())
    return paint_pages(handout, printer, RESOLUTION)


def print_handout(parent: QWidget | None, handout: Handout) -> bool:
    """The print dialog for the handout (a printer, or a PDF file); True when it was
    printed, False when the person cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _a4(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print the handout"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_to(printer, handout)
    return True
