"""The history window: sessions by date, left against right per exercise, charts over time,
and where a person stands in a programme.

A thin view: every number comes from the journal (``core.history.Journal``, read with a
few queries that fetch what each view needs at once, never once per session) or from
``core.progress``; this module only lays them out. It shows the journal's current person
(``Journal.person``) alone; ``refresh`` reads again, as when the person changes. On three
years of daily sessions it opens and refreshes in a fraction of a second: its reads run
side by side off the GUI thread (``ui.history_loading``), the sessions are a model whose
rows are made as words once (``ui.history_sessions``), dense charts draw their lines
without markers, and the programme's rules read only the recent weeks when those settle
them (``core.history_rules``). The report row below the tabs writes the clinician's PDF
for a period chosen there (``ui.history_report``). Charts are the one chart of
``ui.chart``. Sides are never told by colour alone: each has its word and arrow
(◀ Left, Right ▶), and in charts its own line style and marker. "Today" comes from the
injected clock.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.clock import Clock, MonotonicClock, today
from guide_app.core.content_language import translated
from guide_app.core.history import (
    DayVolume,
    Journal,
    MeasurementPoint,
    SessionSummary,
    SideTotals,
)
from guide_app.core.history_rules import rule_statuses
from guide_app.core.history_text import (
    day_text,
    difference_text,
    exercise_name,
    is_hold,
    sessions_count,
    side_label,
    side_text,
)
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.core.model import Phase, Programme, ProgressionRule
from guide_app.core.programme_words import frequency_words, pain_words, then_words
from guide_app.core.progress import RuleStatus, programme_position
from guide_app.core.sides import Side
from guide_app.ui import history_parts as parts
from guide_app.ui import theme
from guide_app.ui.chart import ChartData, ChartView, measurement_chart, volume_chart
from guide_app.ui.history_loading import HistoryReads, MeasurementsRead, SidesRead
from guide_app.ui.history_report import ChooseFile, ReportBar
from guide_app.ui.history_sessions import SessionTable
from guide_app.ui.table_fit import keep_fitted

TITLE_BAR = 40  # what a window manager's frame takes from the screen's height
# The sessions are a table view, not a table of items: it gets the tables' looks too.
STYLE = (
    theme.STYLESHEET
    + theme.HISTORY_STYLE
    + theme.HISTORY_STYLE.replace("QTableWidget", "QTableView")
)

# --------------------------------------------------------------------------- words


def empty_message() -> str:
    return tr("No sessions recorded yet")


# --------------------------------------------------------------------------- the window


class HistoryWindow(QWidget):
    """What the journal holds, for the person and for the clinic: three views in tabs.

    ``clock`` gives the day the programme position is worked out for, and the days of the
    report's quick choices (tests and the screenshot script pass a fake one). Each refresh
    reads the journal in a few queries whatever the number of sessions. ``choose_file``
    asks where to save a report (default: a save dialog; tests pass their own).
    """

    closing = Signal()  # the window is about to close: its owner saves where it was
    shown = Signal()  # the window is on screen, its frame known

    def __init__(
        self,
        journal: Journal,
        library: Library,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
        choose_file: ChooseFile | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.library = library
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self._programme_picked = False
        self._person = journal.person  # whose history was read last
        self._summaries: list[SessionSummary] = []
        self._statuses: dict[tuple[str, int], list[RuleStatus]] = {}  # per phase, a refresh
        self._totals: dict[str, dict[Side, SideTotals]] = {}
        self._units: dict[str, str] = {}
        self.reads = HistoryReads(journal)
        self.setWindowTitle(tr("History — Session Guide"))
        self.setStyleSheet(STYLE)

        self.title = QLabel(tr("History"))
        self.title.setObjectName("title")
        self.summary = parts.plain(QLabel())
        self.summary.setObjectName("muted")
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.summary)
        header.addLayout(titles, 1)
        header.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_sides_tab(), tr("Left and right"))
        self.tabs.addTab(self._build_sessions_tab(), tr("Sessions"))
        self.tabs.addTab(self._build_programme_tab(), tr("Programme"))

        self.empty = QLabel(
            tr(
                "{empty}.\n\nFinish a session and its sets, measurements, pain and effort "
                "ratings appear here, left against right.",
                empty=empty_message(),
            )
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("empty")
        self.stack = QStackedLayout()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.empty)
        self.report = ReportBar(journal, library, self.clock, choose_file)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 18)
        layout.addLayout(header)
        layout.addLayout(self.stack, 1)
        layout.addWidget(self.report)
        self.refresh()
        self.tabs.tabBar().setFocus()
        closing_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
        names = {k.toString() for k in [QKeySequence("Esc"), QKeySequence("Ctrl+W"), *closing_keys]}
        for name in sorted(names):  # one shortcut a key: two would be ambiguous, and neither act
            QShortcut(QKeySequence(name), self, self.close)  # Esc or Ctrl+W, as windows close

    # ----------------------------------------------------------------- building

    def _build_sides_tab(self) -> QWidget:
        left, right, both = side_label(Side.LEFT), side_label(Side.RIGHT), side_label(Side.BOTH)
        self.totals = parts.table(
            [
                tr("Exercise"),
                tr("{side} (done)", side=left),
                tr("{side} (done)", side=right),
                tr("Left − right"),
            ]
        )
        self.totals.setToolTip(
            tr(
                "Sets done (not skipped) and reps done per side, since the first session. "
                "A set on both sides at once counts under {both}.",
                both=both,
            )
        )

        self.exercise_choice = parts.combo()
        self.exercise_choice.setAccessibleName(tr("Exercise for the volume chart"))
        self.exercise_choice.currentIndexChanged.connect(lambda: self._show_volume())
        self.volume_chart = ChartView(ChartData(tr("Reps per day"), tr("reps")))
        volume_box = QGroupBox(tr("Volume over time"))
        volume_layout = QVBoxLayout(volume_box)
        volume_layout.addWidget(self.exercise_choice)
        volume_layout.addWidget(self.volume_chart, 1)

        self.measurement_choice = parts.combo()
        self.measurement_choice.setAccessibleName(tr("Measurement for the chart"))
        self.measurement_choice.currentIndexChanged.connect(lambda: self._show_measurement())
        self.measurement_chart = ChartView(ChartData(tr("Measurement"), ""))
        self.no_measurements = QLabel(tr("No measurements recorded yet."))
        self.no_measurements.setObjectName("muted")
        self.no_measurements.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.measurement_box = QGroupBox(tr("Measurements over time"))
        measurement_layout = QVBoxLayout(self.measurement_box)
        measurement_layout.addWidget(self.measurement_choice)
        measurement_layout.addWidget(self.measurement_chart, 1)
        measurement_layout.addWidget(self.no_measurements, 1)

        charts = QHBoxLayout()
        charts.addWidget(volume_box, 1)
        charts.addWidget(self.measurement_box, 1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(parts.heading(tr("Per exercise, left against right: all sessions")))
        layout.addWidget(self.totals)
        layout.addLayout(charts, 1)
        return tab

    def _build_sessions_tab(self) -> QWidget:
        self.sessions = SessionTable(self.library)
        self.sessions.activated.connect(lambda _index: self.open_entries())
        self.entries_button = QPushButton(tr("Entries of this session, to correct…"))
        self.entries_button.clicked.connect(self.open_entries)
        self.entries: QDialog | None = None  # the session's entries, while open
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(parts.heading(tr("Sessions, newest first")))
        layout.addWidget(self.sessions, 1)
        layout.addWidget(self.entries_button, 0, Qt.AlignmentFlag.AlignLeft)
        return tab

    def open_entries(self) -> None:
        """The chosen session's sets, measurements, pain and effort, each to correct or
        delete (kept as a correction); the history reads again after a change."""
        from guide_app.ui.history_entries import SessionEntriesDialog

        summary = self.sessions.current_session()
        if summary is None:
            return
        if self.entries is not None:
            self.entries.close()
        dialog = SessionEntriesDialog(self.journal, summary.session.row, self.library, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closed ones don't pile up
        dialog.destroyed.connect(lambda *_: setattr(self, "entries", None))
        dialog.changed.connect(self.refresh)
        dialog.show()
        self.entries = dialog

    def _build_programme_tab(self) -> QWidget:
        self.programme_choice = parts.combo()
        self.programme_choice.setAccessibleName(tr("Programme"))
        for programme in sorted(self.library.programmes.values(), key=lambda p: p.title):
            self.programme_choice.addItem(programme.title, programme.id)
        self.programme_choice.currentIndexChanged.connect(self._programme_chosen)
        self.start_date = QDateEdit()
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("d MMM yyyy")
        self.start_date.setAccessibleName(tr("Programme start date"))
        self.start_date.dateChanged.connect(self._show_progress)
        choose = QHBoxLayout()
        for text, widget in (
            (tr("Programme"), self.programme_choice),
            (tr("Started on"), self.start_date),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            choose.addWidget(label)
            choose.addWidget(widget, 1 if widget is self.programme_choice else 0)
            choose.addSpacing(16)

        self.position = parts.plain(QLabel())
        self.position.setObjectName("position")
        self.phase_goal = parts.plain(QLabel())
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
        layout.addWidget(
            parts.heading(tr("Progression rules for this phase, checked against the log"))
        )
        layout.addWidget(scroll, 1)
        self.rule_labels: list[QLabel] = []
        return tab

    # ----------------------------------------------------------------- filling

    def refresh(self) -> None:
        """Read the journal again and fill every view: the sessions of the journal's
        current person (``Journal.person``); a new person's programme is picked afresh."""
        if self.journal.person != self._person:
            self._person = self.journal.person
            self._programme_picked = False
        # The reads run side by side in worker threads; each view takes its answer in turn.
        read = self.reads.read_window(
            self.exercise_choice.currentData(), self._chosen_measurement()
        )
        self._summaries = summaries = read.summaries.result()
        self._statuses = {}
        self.stack.setCurrentWidget(self.empty if not summaries else self.tabs)
        if summaries:
            first, last = summaries[0].session.started_on, summaries[-1].session.started_on
            span = (
                day_text(first)
                if first == last
                else tr("{first} to {last}", first=day_text(first), last=day_text(last))
            )
            self.summary.setText(
                tr("{sessions}, {span}", sessions=sessions_count(len(summaries)), span=span)
            )
        else:
            self.summary.setText(empty_message())
        self.report.set_days(
            summaries[0].session.started_on if summaries else None,
            summaries[-1].session.started_on if summaries else None,
        )
        self.sessions.show_sessions(summaries)
        self._fill_totals(read.sides.result())
        self._fill_measurement_choice(read.measurements.result())
        self._choose_programme()

    def _fill_totals(self, read: SidesRead) -> None:
        self._totals = totals = read.totals
        rows = sorted(totals.items(), key=lambda kv: exercise_name(self.library, kv[0]).lower())
        self.totals.clearSpans()
        self.totals.setRowCount(len(rows))
        one_sided: list[tuple[str, str]] = []
        for r, (exercise_id, sides) in enumerate(rows):
            name = exercise_name(self.library, exercise_id)
            left, right, both = sides.get(Side.LEFT), sides.get(Side.RIGHT), sides.get(Side.BOTH)
            left_text, right_text = side_text(left), side_text(right)
            if both is not None:
                shared = tr("{side}: {totals}", side=side_label(Side.BOTH), totals=side_text(both))
                if left is None and right is None:
                    left_text, right_text = shared, ""
                    self.totals.setSpan(r, 1, 1, 2)
                else:
                    name = tr("{exercise} ({both})", exercise=name, both=shared)
            self.totals.setItem(r, 0, parts.item(name))
            self.totals.setItem(r, 1, parts.item(left_text, theme.LEFT if left else None))
            self.totals.setItem(r, 2, parts.item(right_text, theme.RIGHT if right else None))
            self.totals.setItem(r, 3, parts.item(difference_text(left, right)))
            sided = [t for t in (left, right) if t is not None]
            if sided and not all(is_hold(t) for t in sided):
                one_sided.append((exercise_name(self.library, exercise_id), exercise_id))
        keep_fitted(self.totals)  # cells wrap rather than cut a long word off
        self._fit_totals_height()
        self._fit_totals_height()

        self.exercise_choice.blockSignals(True)
        self.exercise_choice.clear()
        for name, exercise_id in one_sided:
            self.exercise_choice.addItem(name, exercise_id)
        ids = [exercise_id for _, exercise_id in one_sided]
        if read.exercise in ids:  # the chosen one, else the one worked on the most
            self.exercise_choice.setCurrentIndex(ids.index(read.exercise))
        self.exercise_choice.blockSignals(False)
        self._show_volume(read.volume if read.exercise is not None else None)

    def _chosen_measurement(self) -> str | None:
        chosen = self.measurement_choice.currentData()
        return None if chosen is None else str(chosen[0])

    def _fill_measurement_choice(self, read: MeasurementsRead) -> None:
        self._units = units = read.units
        self.measurement_choice.blockSignals(True)
        self.measurement_choice.clear()
        for name, unit in units.items():  # kept in English, shown in the user's language
            self.measurement_choice.addItem(
                tr("{measurement} ({unit})", measurement=translated(name), unit=translated(unit)),
                (name, unit),
            )
        names = list(units)
        if read.name in names:  # the chosen one, else the first
            self.measurement_choice.setCurrentIndex(names.index(read.name))
        self.measurement_choice.blockSignals(False)
        has_any = bool(units)
        self.measurement_choice.setVisible(has_any)
        self.measurement_chart.setVisible(has_any)
        self.no_measurements.setVisible(not has_any)
        self._show_measurement(read.points if read.name is not None else None)

    def _show_volume(self, days: list[DayVolume] | None = None) -> None:
        """The chosen exercise's reps per day (``days``, when read with the totals)."""
        exercise_id = self.exercise_choice.currentData()
        if exercise_id is None:
            self.volume_chart.show_chart(ChartData(tr("Reps per day"), tr("reps")))
            return
        if days is None:
            days = self.journal.volume_by_day(exercise_id)
        name = exercise_name(self.library, exercise_id)
        self.volume_chart.show_chart(volume_chart(name, days))

    def _show_measurement(self, points: list[MeasurementPoint] | None = None) -> None:
        """The chosen measurement's values (``points``, when read with the units)."""
        chosen = self.measurement_choice.currentData()
        if chosen is None:
            self.measurement_chart.show_chart(ChartData(tr("Measurement"), ""))
            return
        name, unit = chosen
        if points is None:
            points = self.journal.measurements_over_time(name)
        chart = measurement_chart(translated(name), translated(unit), points)
        self.measurement_chart.show_chart(chart)

    # ----------------------------------------------------------------- programme

    def _choose_programme(self) -> None:
        """Pick the programme of the latest session run as part of one (if the user hasn't
        picked one), and show its position."""
        ids = [self.programme_choice.itemData(i) for i in range(self.programme_choice.count())]
        run = [s.session.programme_id for s in self._summaries if s.session.programme_id in ids]
        latest = run[-1] if run else None
        index = self.programme_choice.currentIndex()
        if latest is not None and not self._programme_picked:
            index = ids.index(latest)
        self.programme_choice.blockSignals(True)
        self.programme_choice.setCurrentIndex(index)
        self.programme_choice.blockSignals(False)
        self._set_start_date()

    def _programme_chosen(self) -> None:
        self._programme_picked = True
        self._set_start_date()

    def _set_start_date(self) -> None:
        """The programme's start: the day of its first session in the log, else today."""
        chosen = self.programme_choice.currentData()
        days = [s.session.started_on for s in self._summaries if s.session.programme_id == chosen]
        start = days[0] if days else today(self.clock)
        self.start_date.blockSignals(True)
        self.start_date.setDate(QDate(start.year, start.month, start.day))
        self.start_date.blockSignals(False)
        self._show_progress()

    def current_programme(self) -> Programme | None:
        programme_id = self.programme_choice.currentData()
        return self.library.programmes.get(programme_id) if programme_id else None

    def _rule_statuses(self, programme: Programme, phase: Phase) -> list[RuleStatus]:
        """The phase's checkable rules against the log: read once per refresh and phase,
        from the recent weeks when they settle every rule (``core.history_rules``)."""
        key = (programme.id, programme.phases.index(phase))
        if key not in self._statuses:
            rules = [p.rule for p in phase.progression if p.rule is not None]
            days = [s.session.started_on for s in self._summaries]
            first, last = (days[0], days[-1]) if days else (None, None)
            self._statuses[key] = rule_statuses(
                self.journal,
                rules,
                first,
                last,
                sets_logged={
                    exercise_id: sum(t.sets + t.skipped for t in sides.values())
                    for exercise_id, sides in self._totals.items()
                },
                measured=self._units,
            )
        return self._statuses[key]

    def _rule_name(self, rule: ProgressionRule) -> str:
        """What a rule is about: its exercise, else its measurement."""
        if rule.exercise is None and rule.measure is not None:
            return rule.measure.name
        return exercise_name(self.library, rule.exercise)

    def _show_progress(self) -> None:
        while self.rules_layout.count():
            item = self.rules_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rule_labels = []
        programme = self.current_programme()
        if programme is None:
            self.position.setText(tr("No programme in the library"))
            self.phase_goal.setText("")
            return
        started = date.fromisoformat(self.start_date.date().toString(Qt.DateFormat.ISODate))
        day = today(self.clock)
        phase, week = programme_position(programme, started, day)
        when = f" ({phase.weeks})" if phase.weeks is not None else ""
        if day < started:
            self.position.setText(
                tr(
                    "Starts on {day}: {phase}{when}",
                    day=day_text(started),
                    phase=phase.name,
                    when=when,
                )
            )
        else:
            self.position.setText(
                tr("Week {week} · {phase}{when}", week=week, phase=phase.name, when=when)
            )
        often = tr("How often: {frequency}.", frequency=frequency_words(phase.frequency))
        limits = phase.pain or programme.pain
        pain = tr("Pain: {limits}.", limits=pain_words(limits)) if limits is not None else ""
        self.phase_goal.setText(" ".join(x for x in (phase.goal or "", often, pain) if x))
        checked = 0
        statuses = iter(self._rule_statuses(programme, phase))
        for progression in phase.progression:
            if progression.rule is None:
                self.rules_layout.addWidget(parts.guidance(progression.text))
                continue
            rule = progression.rule
            status = next(statuses)
            then = then_words(rule.then, lambda i: exercise_name(self.library, i))
            frame, body = parts.rule_frame(self._rule_name(rule), status, then)
            self.rules_layout.addWidget(frame)
            self.rule_labels.append(body)
            checked += 1
        if not checked:
            self.rules_layout.addWidget(
                parts.guidance(
                    tr("This phase has no rule the log can check; see the advice above.")
                )
            )
        self.rules_layout.addStretch(1)

    def _fit_totals_height(self) -> None:
        """The totals table as tall as its rows (up to ten), so the charts get the rest;
        never so tall that the window outgrows its screen (a 1366x768 laptop): then it
        shows fewer rows and scrolls."""
        table = self.totals
        table.ensurePolished()
        header = table.horizontalHeader()
        rows = sum(table.rowHeight(r) for r in range(min(table.rowCount(), 10)))
        frame = 2 * table.frameWidth() + 2
        least = max(header.height(), header.sizeHint().height()) + 38 + frame
        height = max(header.height(), header.sizeHint().height()) + max(rows, 38) + frame
        screen = self.screen()
        layout = self.layout()
        if screen is not None and layout is not None:
            layout.activate()
            rest = self.minimumSizeHint().height() - table.height()  # all but the table
            room = screen.availableGeometry().height() - TITLE_BAR - rest
            height = max(least, min(height, room))
        table.setFixedHeight(height)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        self.reads.close()  # the worker threads and their connections; reopened on refresh
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_totals_height()
        self.shown.emit()
