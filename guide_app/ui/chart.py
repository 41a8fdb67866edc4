"""The one chart of left against right over time, painted with ``QPainter`` onto any device:
the history window's widget and the PDF report's images are drawn by ``draw_chart``.

A chart shows one value per day per side (reps per day, or a measurement). Sides are never
told by colour alone: each has its word and arrow in the legend (◀ Left, Right ▶), its own
line style (solid left, dashed right, dotted both) and marker (round left, square right,
triangle both). The colours are the theme's colour-blind-safe pair, sky blue and orange;
print uses the darker Okabe-Ito blue, as the sky blue is too pale on white paper. Every
size is a multiple of the text size, so the same drawing fits a widget and a 300 dpi page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QWidget

from guide_app.core import locale_format
from guide_app.core.history_records import DayVolume, MeasurementPoint
from guide_app.core.history_text import short_day_text, side_label
from guide_app.core.i18n import ntr, tr
from guide_app.core.sides import Side
from guide_app.ui import theme

Points = Sequence[tuple[date, float]]


@dataclass(frozen=True, slots=True)
class ChartData:
    """What a chart shows: a title, the unit of its values, and each side's (day, value)."""

    title: str
    unit: str
    values: Mapping[Side, Points] = field(default_factory=dict)

    def points(self, side: Side | str) -> list[tuple[date, float]]:
        """One side's points, oldest first."""
        return sorted(self.values.get(Side(side), ()))

    def sides(self) -> tuple[Side, ...]:
        """The sides with points, in the order left, right, both."""
        return tuple(side for side in Side if self.values.get(side))


def volume_chart(exercise: str, days: Sequence[DayVolume]) -> ChartData:
    """Reps per day on the left and on the right for one exercise (by its name)."""
    return ChartData(
        tr("Reps per day: {exercise}", exercise=exercise),
        tr("reps"),
        {
            Side.LEFT: [(d.day, float(d.left)) for d in days],
            Side.RIGHT: [(d.day, float(d.right)) for d in days],
        },
    )


def weekly_volume_chart(exercise: str, days: Sequence[DayVolume]) -> ChartData:
    """Reps per calendar week (dated by its Monday) on the left and on the right: a long
    period's volume, which a point a day would blot."""
    weeks: dict[date, list[float]] = {}
    for d in days:
        week = weeks.setdefault(d.day - timedelta(days=d.day.weekday()), [0.0, 0.0])
        week[0] += d.left
        week[1] += d.right
    return ChartData(
        tr("Reps per week: {exercise}", exercise=exercise),
        tr("reps"),
        {
            Side.LEFT: [(day, left) for day, (left, _) in sorted(weeks.items())],
            Side.RIGHT: [(day, right) for day, (_, right) in sorted(weeks.items())],
        },
    )


def measurement_chart(name: str, unit: str, points: Sequence[MeasurementPoint]) -> ChartData:
    """Every value of one measurement, per side."""
    values: dict[Side, list[tuple[date, float]]] = {}
    for point in points:
        values.setdefault(point.side, []).append((point.day, point.value))
    return ChartData(name, unit, values)


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours a chart is painted in (``#rrggbb``)."""

    background: str
    text: str
    muted: str
    grid: str
    outline: str  # around each marker, so it reads on a line of its own colour
    left: str
    right: str
    both: str

    def colour(self, side: Side) -> str:
        return {Side.LEFT: self.left, Side.RIGHT: self.right, Side.BOTH: self.both}[side]


SCREEN = Palette(
    background=theme.PANEL,
    text=theme.TEXT,
    muted=theme.MUTED_TEXT,
    grid="#3a4651",
    outline=theme.BACKGROUND,
    left=theme.LEFT,
    right=theme.RIGHT,
    both=theme.BOTH,
)
PRINT = Palette(
    background="#ffffff",
    text="#000000",
    muted="#333333",
    grid="#d0d0d0",
    outline="#ffffff",
    left="#0072b2",  # Okabe-Ito blue: the sky blue's darker sibling, for paper
    right=theme.RIGHT,
    both="#444444",
)

LINE_STYLES = {Side.LEFT: Qt.PenStyle.SolidLine, Side.RIGHT: Qt.PenStyle.DashLine}
MARKERS = {Side.LEFT: "circle", Side.RIGHT: "square", Side.BOTH: "triangle"}
# A side's markers are drawn while its points are at least this many text sizes apart on
# average; closer (a year of days), they would only blot the line: the line alone is drawn.
MARKER_ROOM = 1.2
# A chart's accessible description lists every point up to this many; beyond, it says the
# first and the latest value and how many there are.
DESCRIBED_POINTS = 40


@dataclass(frozen=True, slots=True)
class DrawnChart:
    """What ``draw_chart`` drew: the sides in the legend, the date and value labels, and
    each side's points on the device (what tests and the screenshot script check)."""

    data: ChartData
    sides: tuple[Side, ...]
    date_labels: tuple[str, ...]
    value_labels: tuple[str, ...]
    positions: Mapping[Side, tuple[QPointF, ...]]


def _nice_step(top: float, ticks: int = 5) -> float:
    raw = max(top, 1.0) / ticks
    magnitude = 10.0 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _pen(colour: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def draw_marker(
    painter: QPainter, centre: QPointF, side: Side, palette: Palette, size: float
) -> None:
    """The side's marker (round left, square right, triangle both), outlined."""
    painter.setPen(QPen(QColor(palette.outline), max(1.0, size / 8)))
    painter.setBrush(QColor(palette.colour(side)))
    half = size / 2
    shape = MARKERS[side]
    if shape == "circle":
        painter.drawEllipse(centre, half, half)
    elif shape == "square":
        painter.drawRect(QRectF(centre.x() - half, centre.y() - half, size, size))
    else:
        path = QPainterPath()
        path.moveTo(centre.x(), centre.y() - half)
        path.lineTo(centre.x() + half, centre.y() + half)
        path.lineTo(centre.x() - half, centre.y() + half)
        path.closeSubpath()
        painter.drawPath(path)


def draw_chart(
    painter: QPainter, rect: QRectF, data: ChartData, palette: Palette, text_px: float
) -> DrawnChart:
    """Paint ``data`` into ``rect``: title, legend and unit, value grid, date labels, and a
    line with markers per side. ``text_px`` is the size of its text in device pixels."""
    t = text_px
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(palette.background))
    painter.drawRoundedRect(rect, t * 0.3, t * 0.3)

    font = QFont(painter.font())
    font.setPixelSize(max(1, round(t * 1.1)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(palette.text))
    left, top = rect.left() + t * 0.4, rect.top() + t * 0.15
    painter.drawText(
        QRectF(left, top, rect.width() - t * 0.8, t * 1.6), Qt.AlignmentFlag.AlignLeft, data.title
    )

    # The legend under the title: a line sample with its marker, then the side's word.
    font.setBold(False)
    font.setPixelSize(max(1, round(t)))
    painter.setFont(font)
    sides = data.sides()
    line_y, x = rect.top() + t * 2.6, left
    for side in sides:
        painter.setPen(
            _pen(palette.colour(side), t * 0.22, LINE_STYLES.get(side, Qt.PenStyle.DotLine))
        )
        painter.drawLine(QPointF(x, line_y), QPointF(x + t * 2.6, line_y))
        draw_marker(painter, QPointF(x + t * 1.3, line_y), side, palette, t * 0.67)
        painter.setPen(QColor(palette.text))
        word = side_label(side)
        painter.drawText(
            QRectF(x + t * 3.0, line_y - t * 0.7, t * 12, t * 1.4),
            Qt.AlignmentFlag.AlignVCenter,
            word,
        )
        x += t * 4.5 + painter.fontMetrics().horizontalAdvance(word)
    if data.unit:
        painter.setPen(QColor(palette.muted))
        painter.drawText(
            QRectF(rect.right() - t * 10.4, line_y - t * 0.7, t * 10, t * 1.4),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            data.unit,
        )

    plot = QRectF(
        rect.left() + t * 3.3,
        rect.top() + t * 4.1,
        rect.width() - t * 4.4,
        rect.height() - t * 6.3,
    )
    points = [p for side in sides for p in data.points(side)]
    if not points or plot.width() <= 0 or plot.height() <= 0:
        painter.setPen(QColor(palette.muted))
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, tr("Nothing recorded"))
        painter.restore()
        return DrawnChart(data, sides, (), (), {})

    first = min(d for d, _ in points)
    last = max(d for d, _ in points)
    span = max(1, (last - first).days)
    highest = max(v for _, v in points)
    step = _nice_step(highest * 1.1)
    ceiling = step * max(1, -(-highest * 1.05 // step))

    def xy(day: date, value: float) -> QPointF:
        fraction = 0.5 if first == last else (day - first).days / span
        return QPointF(
            plot.left() + t * 0.75 + fraction * (plot.width() - t * 1.5),
            plot.bottom() - value / ceiling * plot.height(),
        )

    # Grid and axes: light lines, values on the left, dates below.
    value_labels = []
    tick = 0.0
    while tick <= ceiling + 1e-9:
        y = plot.bottom() - tick / ceiling * plot.height()
        painter.setPen(_pen(palette.grid, max(1.0, t * 0.055)))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor(palette.muted))
        label = locale_format.decimal(tick, 3)
        painter.drawText(
            QRectF(rect.left(), y - t * 0.7, plot.left() - rect.left() - t * 0.4, t * 1.4),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
        value_labels.append(label)
        tick += step
    painter.setPen(_pen(palette.muted, max(1.0, t * 0.075)))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    days = sorted({d for d, _ in points})
    every = max(1, -(-len(days) // max(2, int(plot.width() / (t * 4.5)))))
    shown = days[::every]
    if shown[-1] != days[-1]:
        shown[-1] = days[-1]
    date_labels = []
    for day in shown:
        x = xy(day, 0).x()
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + t * 0.3))
        label = short_day_text(day)
        within = min(max(x - t * 3, rect.left()), rect.right() - t * 6.2)  # not past the edge
        painter.drawText(
            QRectF(within, plot.bottom() + t * 0.35, t * 6, t * 1.5),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            label,
        )
        date_labels.append(label)

    positions: dict[Side, tuple[QPointF, ...]] = {}
    for side in sides:
        placed = tuple(xy(day, value) for day, value in data.points(side))
        path = QPainterPath(placed[0])
        for point in placed[1:]:
            path.lineTo(point)
        painter.setPen(
            _pen(palette.colour(side), t * 0.22, LINE_STYLES.get(side, Qt.PenStyle.DotLine))
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        if len(placed) <= plot.width() / (t * MARKER_ROOM):
            for point in placed:
                draw_marker(painter, point, side, palette, t * 0.74)
        positions[side] = placed
    painter.restore()
    return DrawnChart(data, sides, tuple(date_labels), tuple(value_labels), positions)


def chart_image(
    data: ChartData,
    size: tuple[int, int] = (1000, 560),
    palette: Palette = PRINT,
    text_px: float = 27,
) -> QImage:
    """The chart as an image (for the report: 1000 x 560 pixels on white)."""
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor(palette.background))
    painter = QPainter(image)
    try:
        draw_chart(painter, QRectF(0, 0, size[0], size[1]), data, palette, text_px)
    finally:
        painter.end()
    return image


def describe(data: ChartData) -> str:
    """The chart in words, per side: every point, or for a long series its first and
    latest points and how many there are."""
    parts = []
    for side in data.sides():
        points = data.points(side)
        if len(points) <= DESCRIBED_POINTS:
            values = ", ".join(
                f"{short_day_text(d)} {locale_format.decimal(v, 3)}" for d, v in points
            )
        else:
            (first, low), (last, high) = points[0], points[-1]
            values = ntr(
                "{n} day from {first} {low:g} to {last} {high:g}",
                "{n} days from {first} {low:g} to {last} {high:g}",
                len(points),
                first=short_day_text(first),
                low=low,
                last=short_day_text(last),
                high=high,
            )
        parts.append(f"{side_label(side)}: {values}")
    return "; ".join(parts) or tr("Nothing recorded")


class ChartView(QWidget):
    """The chart as a widget, in the window's colours and at the window's text size."""

    def __init__(self, data: ChartData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(260)
        self.data = data or ChartData("", "")
        self.drawn: DrawnChart | None = None
        self.show_chart(self.data)

    def show_chart(self, data: ChartData) -> None:
        self.data = data
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(describe(data))
        self.update()

    def points(self, side: Side | str) -> list[tuple[date, float]]:
        """One side's (day, value) points: what tests and screenshots check."""
        return self.data.points(side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            text_px = QFontInfo(self.font()).pixelSize() * 0.95
            self.drawn = draw_chart(painter, QRectF(self.rect()), self.data, SCREEN, text_px)
        finally:
            painter.end()
