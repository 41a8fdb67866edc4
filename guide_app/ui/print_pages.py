"""Painting a laid-out document page by page onto a PDF writer or a printer, with a
footer line on each page (what it is on the left, "page 2 of 5" on the right)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QTextDocument,
)

from guide_app.core.i18n import tr


def paint_pages(
    painter: QPainter,
    device: QPagedPaintDevice,
    document: QTextDocument,
    body: QSizeF,
    footer_height: float,
    footer: str,
) -> int:
    """Paint every page of ``document`` (laid out at page size ``body``) with ``painter``,
    already begun on ``device``; under each page, ``footer`` (shortened in the middle to
    fit) and the page number. Returns the number of pages."""
    pages = document.pageCount()
    footer_font = QFont(document.defaultFont())
    footer_font.setPointSizeF(8)
    footer_rect = QRectF(0, body.height(), body.width(), footer_height)
    bottom = Qt.AlignmentFlag.AlignBottom
    metrics = QFontMetricsF(footer_font, device)
    for index in range(pages):
        if index:
            device.newPage()
        painter.save()
        painter.translate(0, -index * body.height())
        document.drawContents(
            painter, QRectF(0, index * body.height(), body.width(), body.height())
        )
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(QColor("#333333"))
        number = tr("page {page} of {pages}", page=index + 1, pages=pages)
        room = body.width() - metrics.horizontalAdvance(number + "    ")
        words = metrics.elidedText(footer, Qt.TextElideMode.ElideMiddle, room)
        painter.drawText(footer_rect, bottom | Qt.AlignmentFlag.AlignLeft, words)
        painter.drawText(footer_rect, bottom | Qt.AlignmentFlag.AlignRight, number)
    return pages
