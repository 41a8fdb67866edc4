"""Draws the moving figure's frames: the figure at a position along its movement, in the
side's colours, mirrored for the other side, into a painter.

A frame is the project's own small SVG (a few kilobytes, ``figure.moving``), drawn on the
GUI thread with ``QSvgRenderer`` in about a millisecond; the laptop's view and the wall
display draw the same frame, so the last few parsed frames are kept and shared.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

from guide_app.figure.moving import MovingFigure
from guide_app.figure.style import for_side

KEPT = 6  # parsed frames kept: this one and the last few, for both windows and both sides

_parsed: OrderedDict[tuple[MovingFigure, int, str | None], QSvgRenderer] = OrderedDict()


def frame_size(figure: MovingFigure) -> QSize:
    """The size the figure's frames are drawn at (all of one figure share its frame)."""
    return QSize(figure.frame.width, figure.frame.height)


def draw_frame(
    painter: QPainter,
    box: QRectF,
    figure: MovingFigure,
    position: float,
    *,
    side: str | None,
    mirrored: bool,
) -> None:
    """Draw ``figure`` at ``position`` (0 start pose, 1 end pose) to fill ``box``."""
    renderer = _renderer(figure, figure.step_of(position), side)
    painter.save()
    if mirrored:
        painter.translate(box.x() + box.width(), box.y())
        painter.scale(-1.0, 1.0)
        box = QRectF(0.0, 0.0, box.width(), box.height())
    renderer.render(painter, box)
    painter.restore()


def _renderer(figure: MovingFigure, step: int, side: str | None) -> QSvgRenderer:
    key = (figure, step, side)  # the figure itself: kept alive while its frames are
    renderer = _parsed.get(key)
    if renderer is None:
        svg = for_side(figure.svg_at(step / figure.steps), side)
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        _parsed[key] = renderer
        while len(_parsed) > KEPT:
            _parsed.popitem(last=False)
    else:
        _parsed.move_to_end(key)
    return renderer
