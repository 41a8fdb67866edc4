"""The history window: sessions by date, left against right per exercise, charts over time,
and where a person stands in a programme.

A thin view: every number comes from the journal (``core.history.Journal``) or from
``core.progress``; this module only lays them out. Sides are never told by colour
alone: each has its word and arrow (◀ Left, Right ▶), and in charts its own line style
(solid left, dashed right) and marker (round left, square right).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCharts import (
    QCategoryAxis,
    QChart,
    QChartView,
    QLegend,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.history import Journal, SessionRecord, Side, SideTotals
from guide_app.core.loader import Library
from guide_app.core.model import Programme
from guide_app.core.progress import RuleStatus, programme_position, rule_met
from guide_app.ui import theme

EMPTY_MESSAGE = "No sessions recorded yet"
LEFT_NAME = "◀ Left"
RIGHT_NAME = "Right ▶"
BOTH_NAME = "◀▶ Both sides"
STATE_WORDS = {"finished": "Finished", "stopped": "Stopped early", "running": "Not finished"}
GRID = "#3a4651"
BASE_POINT_SIZE = 13

_EXTRA_STYLE = f"""
QTableWidget {{
    background: {theme.PANEL}; alternate-background-color: #222b33; color: {theme.TEXT};
    gridline-color: {GRID}; border: 1px solid {GRID}; border-radius: 6px;
}}
QTableWidget::item {{ padding: 4px 8px; }}
QHeaderView::section {{
    background: #2a3440; color: {theme.TEXT}; border: none; border-right: 1px solid {GRID};
    padding: 6px 8px; font-weight: bold;
}}
QTabWidget::pane {{ border: 1px solid {GRID}; border-radius: 6px; top: -1px; }}
QTabBar::tab {{
    background: #2a3440; color: {theme.MUTED_TEXT}; padding: 8px 22px; margin-right: 4px;
    border: 1px solid {GRID}; border-bottom: none;
    border-top-left-radius: 6px; border-top-right-radius: 6px;
}}
QTabBar::tab:selected {{ background: {theme.PANEL}; color: {theme.TEXT}; font-weight: bold; }}
QTabBar::tab:focus {{ border: 2px solid {theme.ACCENT}; }}
QGroupBox {{
    border: 1px solid {GRID}; border-radius: 6px; margin-top: 14px; padding: 12px 8px 8px 8px;
    font-weight: bold;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 6px; }}
QDateEdit {{
    background: {theme.PANEL}; color: {theme.TEXT}; border: 1px solid {GRID};
    border-radius: 6px; padding: 4px;
}}
QWidget {{ font-size: {BASE_POINT_SIZE}pt; }}
QLabel#title {{ font-size: {BASE_POINT_SIZE * 2}pt; font-weight: bold; }}
QLabel#position {{ font-size: {BASE_POINT_SIZE + 5}pt; font-weight: bold; }}
QLabel#empty {{ font-size: {BASE_POINT_SIZE + 5}pt; }}
QLabel#heading {{ font-weight: bold; }}
QLabel#verdict {{ font-size: {BASE_POINT_SIZE + 2}pt; font-weight: bold; }}
QLabel#verdict[met="true"] {{ color: {theme.ACCENT}; }}
QFrame#rule {{ background: {theme.PANEL}; border: 1px solid {GRID}; border-radius: 6px; }}
QFrame#rule[met="true"] {{ border: 2px solid {theme.ACCENT}; }}
QFrame#rule QLabel {{ background: transparent; border: none; }}
"""


# --------------------------------------------------------------------------- words


def exercise_name(library: Library, exercise_id: str) -> str:
    exercise = library.exercises.get(exercise_id)
    return exercise.name if exercise is not None else exercise_id


def programme_title(library: Library, programme_id: str | None) -> str:
    if programme_id is None:
        return ""
    programme = library.programmes.get(programme_id)
    return programme.title if programme is not None else programme_id


def day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def side_text(totals: SideTotals | None) -> str:
    """``15 sets · 300 reps`` (with seconds held and skipped sets when there are any)."""
    if totals is None:
        return "—"
    parts = [_count(totals.sets, "set")]
    if not is_hold(totals):
        parts.append(_count(totals.reps, "rep"))
    if totals.hold_seconds:
        parts.append(f"{totals.hold_seconds:.0f} s held")
    text = " · ".join(parts)
    if totals.skipped:
        text += f" ({totals.skipped} skipped)"
    return text


def is_hold(totals: SideTotals) -> bool:
    """Timed holds only: each set is one hold, so reps say nothing the sets don't."""
    return totals.hold_seconds > 0 and totals.reps <= totals.sets + totals.skipped


def difference_text(left: SideTotals | None, right: SideTotals | None) -> str:
    """How the two sides compare: ``+100 reps on the left (left is 150% of right)``; for
    timed holds, in seconds held."""
    if left is None or right is None:
        return "—"
    if is_hold(left) and is_hold(right):
        a, b, unit = round(left.hold_seconds), round(right.hold_seconds), "s held"
    else:
        a, b, unit = left.reps, right.reps, "reps"
    gap = a - b
    side = "left" if gap > 0 else "right"
    text = f"+{abs(gap)} {unit} on the {side}" if gap else "Even"
    if b:
        text += f" (left is {a / b:.0%} of right)"
    return text


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- charts


def _marker(shape: str, colour: str, size: int = 14) -> QImage:
    """A round (left) or square (right) point marker, outlined so it reads on any ground."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(theme.BACKGROUND), 2))
    painter.setBrush(QColor(colour))
    if shape == "circle":
        painter.drawEllipse(1, 1, size - 2, size - 2)
    else:
        painter.drawRect(2, 2, size - 4, size - 4)
    painter.end()
    return image


@dataclass(frozen=True, slots=True)
class _SeriesStyle:
    name: str
    colour: str
    pen_style: Qt.PenStyle
    marker: str


SERIES_STYLES: dict[Side, _SeriesStyle] = {
    "left": _SeriesStyle(LEFT_NAME, theme.LEFT, Qt.PenStyle.SolidLine, "circle"),
    "right": _SeriesStyle(RIGHT_NAME, theme.RIGHT, Qt.PenStyle.DashLine, "square"),
    "both": _SeriesStyle(BOTH_NAME, theme.BOTH, Qt.PenStyle.DotLine, "circle"),
}


class SideChart(QChartView):
    """A chart of one value per day for the left and the right (and, if any, both sides).

    The x axis counts days from the first point and is labelled with the dates that have
    points, so every label is a day something was recorded.
    """

    MAX_DATE_LABELS = 8

    def __init__(
        self, title: str, y_title: str, sides: tuple[Side, ...] = ("left", "right")
    ) -> None:
        chart = QChart()
        super().__init__(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.first_day: date | None = None
        chart.setTitle(title)
        chart.setBackgroundBrush(QBrush(QColor(theme.PANEL)))
        chart.setBackgroundRoundness(6)
        chart.setMargins(QMargins(6, 6, 16, 6))
        chart.setTitleBrush(QBrush(QColor(theme.TEXT)))
        title_font = QFont(chart.titleFont())
        title_font.setPointSize(BASE_POINT_SIZE + 1)
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        legend = chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        legend.setLabelColor(QColor(theme.TEXT))
        legend_font = QFont(legend.font())
        legend_font.setPointSize(BASE_POINT_SIZE)
        legend_font.setBold(True)
        legend.setFont(legend_font)
        legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)

        self.x_axis = QCategoryAxis()
        self.x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.y_axis.setTitleText(y_title)
        axis_font = QFont(legend.font())
        axis_font.setBold(False)
        axis_font.setPointSize(BASE_POINT_SIZE - 1)
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsColor(QColor(theme.MUTED_TEXT))
            axis.setLabelsFont(axis_font)
            axis.setGridLineColor(QColor(GRID))
            axis.setLinePenColor(QColor(GRID))
            axis.setTitleBrush(QBrush(QColor(theme.MUTED_TEXT)))
            axis.setTitleFont(axis_font)
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)

        self.series: dict[Side, QLineSeries] = {}
        for side in sides:
            style = SERIES_STYLES[side]
            series = QLineSeries()
            series.setName(style.name)
            pen = QPen(QColor(style.colour), 4, style.pen_style)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            series.setPen(pen)
            series.setLightMarker(_marker(style.marker, style.colour))
            series.setMarkerSize(14)
            chart.addSeries(series)
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
            self.series[side] = series

    def show_values(self, values: dict[Side, list[tuple[date, float]]]) -> None:
        """Put each side's (day, value) points in its series; a side without points is hidden
        from the chart and its legend."""
        days = sorted({day for points in values.values() for day, _ in points})
        self.first_day = days[0] if days else None
        first = days[0] if days else date.min
        top = max((v for points in values.values() for _, v in points), default=0.0)
        for side, series in self.series.items():
            points = values.get(side, [])
            series.replace([QPointF((day - first).days, value) for day, value in points])
            series.setVisible(bool(points))
            for marker in self.chart().legend().markers(series):
                marker.setVisible(bool(points))
        for label in self.x_axis.categoriesLabels():
            self.x_axis.remove(label)
        if days:
            span = (days[-1] - first).days
            every = -(-len(days) // self.MAX_DATE_LABELS)
            labelled = days[::every]
            if labelled[-1] != days[-1]:
                labelled[-1] = days[-1]
            self.x_axis.setStartValue(-0.7)
            for day in labelled:
                self.x_axis.append(f"{day.day} {day:%b}", (day - first).days)
            self.x_axis.setRange(-0.7, span + 0.7)
        self.y_axis.setRange(0, max(10.0, top * 1.15))
        self.y_axis.applyNiceNumbers()

    def points(self, side: Side) -> list[tuple[date, float]]:
        """The chart's points for one side as (day, value): what tests and screenshots check."""
        if self.first_day is None:
            return []
        first = self.first_day
        return [(first + timedelta(days=round(p.x())), p.y()) for p in self.series[side].points()]


# --------------------------------------------------------------------------- the window


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(38)
    return table


def _item(text: str, colour: str | None = None, *, centre: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if colour is not None:
        item.setForeground(QBrush(QColor(colour)))
    if centre:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


class HistoryWindow(QWidget):
    """What the journal holds, for the person and for the clinic: four views in tabs.

    ``today`` gives the date the programme position is worked out for (tests and the
    screenshot script pass a fixed one).
    """

    def __init__(
        self,
        journal: Journal,
        library: Library,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.library = library
        self.today = today
        self._programme_picked = False
        self.setWindowTitle("History — Session Guide")
        self.setStyleSheet(theme.STYLESHEET + _EXTRA_STYLE)

        self.title = QLabel("History")
        self.title.setObjectName("title")
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.summary)
        header.addLayout(titles, 1)
        header.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_sides_tab(), "Left and right")
        self.tabs.addTab(self._build_sessions_tab(), "Sessions")
        self.tabs.addTab(self._build_programme_tab(), "Programme")

        self.empty = QLabel(
            f"{EMPTY_MESSAGE}.\n\nFinish a session and its sets, measurements, pain and "
            "effort ratings appear here, left against right."
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("empty")
        self.stack = QStackedLayout()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 18)
        layout.addLayout(header)
        layout.addLayout(self.stack, 1)
        self.refresh()
        self.tabs.tabBar().setFocus()

    # ----------------------------------------------------------------- building

    def _build_sides_tab(self) -> QWidget:
        self.totals = _table(
            ["Exercise", f"{LEFT_NAME} (done)", f"{RIGHT_NAME} (done)", "Left − right"]
        )
        self.totals.setToolTip(
            "Sets done (not skipped) and reps done per side, since the first session. "
            "A set on both sides at once counts under Both sides."
        )

        self.exercise_choice = QComboBox()
        self.exercise_choice.setAccessibleName("Exercise for the volume chart")
        self.exercise_choice.currentIndexChanged.connect(self._show_volume)
        self.volume_chart = SideChart("Reps per day", "reps")
        volume_box = QGroupBox("Volume over time")
        volume_layout = QVBoxLayout(volume_box)
        volume_layout.addWidget(self.exercise_choice)
        volume_layout.addWidget(self.volume_chart, 1)

        self.measurement_choice = QComboBox()
        self.measurement_choice.setAccessibleName("Measurement for the chart")
        self.measurement_choice.currentIndexChanged.connect(self._show_measurement)
        self.measurement_chart = SideChart("Measurement", "", ("left", "right", "both"))
        self.no_measurements = QLabel("No measurements recorded yet.")
        self.no_measurements.setObjectName("muted")
        self.no_measurements.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.measurement_box = QGroupBox("Measurements over time")
        measurement_layout = QVBoxLayout(self.measurement_box)
        measurement_layout.addWidget(self.measurement_choice)
        measurement_layout.addWidget(self.measurement_chart, 1)
        measurement_layout.addWidget(self.no_measurements, 1)

        charts = QHBoxLayout()
        charts.addWidget(volume_box, 1)
        charts.addWidget(self.measurement_box, 1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        heading = QLabel("Per exercise, left against right: all sessions")
        heading.setObjectName("heading")
        layout.addWidget(heading)
        layout.addWidget(self.totals)
        layout.addLayout(charts, 1)
        return tab

    def _build_sessions_tab(self) -> QWidget:
        self.sessions = _table(
            ["Date", "Session", "Programme · phase", "How it ended", "Sets done", "Pain (highest)"]
        )
        tab = QWidget()
        layout = QVBoxLayout(tab)
        heading = QLabel("Sessions, newest first")
        heading.setObjectName("heading")
        layout.addWidget(heading)
        layout.addWidget(self.sessions, 1)
        return tab

    def _build_programme_tab(self) -> QWidget:
        self.programme_choice = QComboBox()
        self.programme_choice.setAccessibleName("Programme")
        for programme in sorted(self.library.programmes.values(), key=lambda p: p.title):
            self.programme_choice.addItem(programme.title, programme.id)
        self.programme_choice.currentIndexChanged.connect(self._programme_chosen)
        self.start_date = QDateEdit()
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("d MMM yyyy")
        self.start_date.setAccessibleName("Programme start date")
        self.start_date.dateChanged.connect(self._show_progress)
        choose = QHBoxLayout()
        for text, widget in (("Programme", self.programme_choice), ("Started on", self.start_date)):
            label = QLabel(text)
            label.setBuddy(widget)
            choose.addWidget(label)
            choose.addWidget(widget, 1 if widget is self.programme_choice else 0)
            choose.addSpacing(16)

        self.position = QLabel()
        self.position.setObjectName("position")
        self.phase_goal = QLabel()
        self.phase_goal.setObjectName("muted")
        self.phase_goal.setWordWrap(True)
        self.rules_box = QWidget()
        self.rules_layout = QVBoxLayout(self.rules_box)
        self.rules_layout.setContentsMargins(0, 0, 0, 0)
        self.rules_layout.setSpacing(10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.rules_box)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(choose)
        layout.addSpacing(8)
        layout.addWidget(self.position)
        layout.addWidget(self.phase_goal)
        layout.addSpacing(8)
        heading = QLabel("Progression rules for this phase, checked against the log")
        heading.setObjectName("heading")
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        self.rule_labels: list[QLabel] = []
        return tab

    # ----------------------------------------------------------------- filling

    def refresh(self) -> None:
        """Read the journal again and fill every view."""
        records = self.journal.sessions()
        self.stack.setCurrentWidget(self.empty if not records else self.tabs)
        if records:
            first, last = records[0].started_on, records[-1].started_on
            span = day_text(first) if first == last else f"{day_text(first)} to {day_text(last)}"
            self.summary.setText(f"{_count(len(records), 'session')}, {span}")
        else:
            self.summary.setText(EMPTY_MESSAGE)
        self._fill_sessions(records)
        self._fill_totals()
        self._fill_measurement_choice(records)
        self._choose_programme(records)

    def _fill_sessions(self, records: list[SessionRecord]) -> None:
        self.sessions.setRowCount(len(records))
        for r, record in enumerate(reversed(records)):
            sets = self.journal.sets_for(record.row)
            done = sum(1 for s in sets if not s.skipped)
            pain = [p.score for p in self.journal.pain_for(record.row)]
            where = " · ".join(
                x
                for x in (programme_title(self.library, record.programme_id), record.phase or "")
                if x
            )
            values = [
                day_text(record.started_on),
                record.title,
                where or "—",
                STATE_WORDS.get(record.state, record.state),
                f"{done} of {len(sets)}" if sets else "none",
                f"{max(pain)}/10" if pain else "—",
            ]
            for c, value in enumerate(values):
                self.sessions.setItem(r, c, _item(value, centre=c >= 4))
        self._fit(self.sessions, stretch=1)

    def _fill_totals(self) -> None:
        totals = self.journal.side_totals()
        rows = sorted(totals.items(), key=lambda kv: exercise_name(self.library, kv[0]).lower())
        self.totals.clearSpans()
        self.totals.setRowCount(len(rows))
        one_sided: list[tuple[str, str]] = []
        for r, (exercise_id, sides) in enumerate(rows):
            name = exercise_name(self.library, exercise_id)
            left, right, both = sides.get("left"), sides.get("right"), sides.get("both")
            left_text, right_text = side_text(left), side_text(right)
            if both is not None:
                shared = f"{BOTH_NAME}: {side_text(both)}"
                if left is None and right is None:
                    left_text = right_text = ""
                    self.totals.setSpan(r, 1, 1, 2)
                    left_text = shared
                else:
                    name += f" ({shared})"
            self.totals.setItem(r, 0, _item(name))
            self.totals.setItem(r, 1, _item(left_text, theme.LEFT if left else None))
            self.totals.setItem(r, 2, _item(right_text, theme.RIGHT if right else None))
            self.totals.setItem(r, 3, _item(difference_text(left, right)))
            sided = [t for t in (left, right) if t is not None]
            if sided and not all(is_hold(t) for t in sided):
                one_sided.append((exercise_name(self.library, exercise_id), exercise_id))
        self._fit(self.totals, stretch=0)
        self._fit_totals_height()

        chosen = self.exercise_choice.currentData()
        self.exercise_choice.blockSignals(True)
        self.exercise_choice.clear()
        for name, exercise_id in one_sided:
            self.exercise_choice.addItem(name, exercise_id)
        ids = [exercise_id for _, exercise_id in one_sided]
        if chosen not in ids and ids:
            # The exercise worked on the most, left and right together.
            chosen = max(ids, key=lambda i: sum(t.reps for t in totals[i].values()))
        if chosen in ids:
            self.exercise_choice.setCurrentIndex(ids.index(chosen))
        self.exercise_choice.blockSignals(False)
        self._show_volume()

    def _fill_measurement_choice(self, records: list[SessionRecord]) -> None:
        units: dict[str, str] = {}
        for record in records:
            for measurement in self.journal.measurements_for(record.row):
                units.setdefault(measurement.name, measurement.unit)
        chosen = self.measurement_choice.currentData()
        self.measurement_choice.blockSignals(True)
        self.measurement_choice.clear()
        for name in sorted(units):
            self.measurement_choice.addItem(f"{name} ({units[name]})", (name, units[name]))
        names = [name for name in sorted(units)]
        if chosen is not None and chosen[0] in names:
            self.measurement_choice.setCurrentIndex(names.index(chosen[0]))
        self.measurement_choice.blockSignals(False)
        has_any = bool(units)
        self.measurement_choice.setVisible(has_any)
        self.measurement_chart.setVisible(has_any)
        self.no_measurements.setVisible(not has_any)
        self._show_measurement()

    def _show_volume(self) -> None:
        exercise_id = self.exercise_choice.currentData()
        if exercise_id is None:
            self.volume_chart.show_values({})
            return
        days = self.journal.volume_by_day(exercise_id)
        self.volume_chart.chart().setTitle(
            f"Reps per day: {exercise_name(self.library, exercise_id)}"
        )
        self.volume_chart.show_values(
            {
                "left": [(d.day, float(d.left)) for d in days],
                "right": [(d.day, float(d.right)) for d in days],
            }
        )

    def _show_measurement(self) -> None:
        chosen = self.measurement_choice.currentData()
        if chosen is None:
            self.measurement_chart.show_values({})
            return
        name, unit = chosen
        values: dict[Side, list[tuple[date, float]]] = {}
        for point in self.journal.measurements_over_time(name):
            values.setdefault(point.side, []).append((point.day, point.value))
        self.measurement_chart.chart().setTitle(name)
        self.measurement_chart.y_axis.setTitleText(unit)
        self.measurement_chart.show_values(values)

    # ----------------------------------------------------------------- programme

    def _choose_programme(self, records: list[SessionRecord]) -> None:
        """Pick the programme of the latest session run as part of one (if the user hasn't
        picked one), and show its position."""
        ids = [self.programme_choice.itemData(i) for i in range(self.programme_choice.count())]
        latest = next((r.programme_id for r in reversed(records) if r.programme_id in ids), None)
        index = self.programme_choice.currentIndex()
        if latest is not None and not self._programme_picked:
            index = ids.index(latest)
        self.programme_choice.blockSignals(True)
        self.programme_choice.setCurrentIndex(index)
        self.programme_choice.blockSignals(False)
        self._set_start_date(records)

    def _programme_chosen(self) -> None:
        self._programme_picked = True
        self._set_start_date(self.journal.sessions())

    def _set_start_date(self, records: list[SessionRecord]) -> None:
        """The programme's start: the day of its first session in the log, else today."""
        programme_id = self.programme_choice.currentData()
        start = next(
            (r.started_on for r in records if r.programme_id == programme_id), self.today()
        )
        self.start_date.blockSignals(True)
        self.start_date.setDate(QDate(start.year, start.month, start.day))
        self.start_date.blockSignals(False)
        self._show_progress()

    def current_programme(self) -> Programme | None:
        programme_id = self.programme_choice.currentData()
        return self.library.programmes.get(programme_id) if programme_id else None

    def _show_progress(self) -> None:
        while self.rules_layout.count():
            item = self.rules_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rule_labels = []
        programme = self.current_programme()
        if programme is None:
            self.position.setText("No programme in the library")
            self.phase_goal.setText("")
            return
        started = date.fromisoformat(self.start_date.date().toString(Qt.DateFormat.ISODate))
        today = self.today()
        phase, week = programme_position(programme, started, today)
        when = f" ({phase.weeks})" if phase.weeks is not None else ""
        if today < started:
            self.position.setText(f"Starts on {day_text(started)}: {phase.name}{when}")
        else:
            self.position.setText(f"Week {week} · {phase.name}{when}")
        self.phase_goal.setText(
            " ".join(x for x in (phase.goal or "", f"How often: {phase.frequency}.") if x)
        )
        checked = 0
        for progression in phase.progression:
            if progression.rule is None:
                self.rules_layout.addWidget(self._guidance(progression.text))
                continue
            status = rule_met(self.journal, progression.rule)
            self.rules_layout.addWidget(
                self._rule_frame(
                    exercise_name(self.library, progression.rule.exercise),
                    status,
                    progression.rule.then,
                )
            )
            checked += 1
        if not checked:
            self.rules_layout.addWidget(
                self._guidance("This phase has no rule the log can check; see the advice above.")
            )
        self.rules_layout.addStretch(1)

    def _guidance(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("muted")
        label.setWordWrap(True)
        return label

    def _rule_frame(self, name: str, status: RuleStatus, then: str) -> QFrame:
        """One rule: met or not yet, why, what follows, and each session it looked at."""
        frame = QFrame()
        frame.setObjectName("rule")
        met = "true" if status.met else "false"
        frame.setProperty("met", met)
        layout = QVBoxLayout(frame)
        head = QLabel(f"{'✓ Met' if status.met else 'Not yet'}: {name}")
        head.setObjectName("verdict")
        head.setProperty("met", met)
        body = QLabel(status.explanation)
        body.setWordWrap(True)
        layout.addWidget(head)
        layout.addWidget(body)
        for check in status.checks:
            mark = "✓ counts" if check.counts else f"✗ doesn't count: {check.reason}"
            line = QLabel(f"{day_text(check.session.started_on)}: {mark}")
            line.setObjectName("muted")
            line.setWordWrap(True)
            layout.addWidget(line)
        after = QLabel(f"Then: {then}")
        after.setWordWrap(True)
        layout.addWidget(after)
        self.rule_labels.append(body)
        return frame

    def _fit_totals_height(self) -> None:
        """The totals table as tall as its rows (up to ten), so the charts get the rest."""
        table = self.totals
        table.ensurePolished()
        header = table.horizontalHeader()
        rows = sum(table.rowHeight(r) for r in range(min(table.rowCount(), 10)))
        height = max(header.height(), header.sizeHint().height()) + max(rows, 38)
        table.setFixedHeight(height + 2 * table.frameWidth() + 2)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_totals_height()

    @staticmethod
    def _fit(table: QTableWidget, stretch: int) -> None:
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
