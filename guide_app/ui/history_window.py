"""The history window: sessions by date, left against right per exercise, charts over time,
and where a person stands in a programme.

A thin view: every number comes from the journal (``core.history.Journal``, read with a
few queries that fetch what each view needs at once, never once per session) or from
``core.progress``; this module only lays them out. Charts are the one chart of
``ui.chart``. Sides are never told by colour alone: each has its word and arrow
(◀ Left, Right ▶), and in charts its own line style and marker. "Today" comes from the
injected clock.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QKeySequence, QShortcut, QShowEvent
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

from guide_app.core.clock import Clock, MonotonicClock, today
from guide_app.core.history import Journal, SessionLog, SessionSummary
from guide_app.core.history_records import SessionDetail
from guide_app.core.history_text import (
    day_text,
    difference_text,
    exercise_name,
    is_hold,
    programme_title,
    sessions_count,
    side_label,
    side_text,
    state_text,
)
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.core.model import Programme, ProgressionRule
from guide_app.core.programme_words import frequency_words, pain_words, then_words
from guide_app.core.progress import RuleStatus, programme_position, rule_met
from guide_app.core.sides import Side
from guide_app.ui import theme
from guide_app.ui.chart import ChartData, ChartView, measurement_chart, volume_chart

# --------------------------------------------------------------------------- words


def empty_message() -> str:
    return tr("No sessions recorded yet")


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


def _plain(label: QLabel) -> QLabel:
    """``label``, its text shown as written: content (titles, goals, advice) is never HTML."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading")
    return label


def _combo() -> QComboBox:
    """A choice as wide as the window allows, not as its longest title (a programme's
    title would push the window off a laptop's screen)."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(16)
    return box


class HistoryWindow(QWidget):
    """What the journal holds, for the person and for the clinic: three views in tabs.

    ``clock`` gives the day the programme position is worked out for (tests and the
    screenshot script pass a fake one). Each refresh reads the journal in a few queries
    whatever the number of sessions.
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
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.library = library
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self._programme_picked = False
        self._summaries: list[SessionSummary] = []
        self._logs: list[SessionLog] | None = None
        self._details: list[SessionDetail] | None = None
        self.setWindowTitle(tr("History — Session Guide"))
        self.setStyleSheet(theme.STYLESHEET + theme.HISTORY_STYLE)

        self.title = QLabel(tr("History"))
        self.title.setObjectName("title")
        self.summary = _plain(QLabel())
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 18)
        layout.addLayout(header)
        layout.addLayout(self.stack, 1)
        self.refresh()
        self.tabs.tabBar().setFocus()
        closing_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
        names = {k.toString() for k in [QKeySequence("Esc"), QKeySequence("Ctrl+W"), *closing_keys]}
        for name in sorted(names):  # one shortcut a key: two would be ambiguous, and neither act
            QShortcut(QKeySequence(name), self, self.close)  # Esc or Ctrl+W, as windows close

    # ----------------------------------------------------------------- building

    def _build_sides_tab(self) -> QWidget:
        left, right, both = side_label(Side.LEFT), side_label(Side.RIGHT), side_label(Side.BOTH)
        self.totals = _table(
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

        self.exercise_choice = _combo()
        self.exercise_choice.setAccessibleName(tr("Exercise for the volume chart"))
        self.exercise_choice.currentIndexChanged.connect(self._show_volume)
        self.volume_chart = ChartView(ChartData(tr("Reps per day"), tr("reps")))
        volume_box = QGroupBox(tr("Volume over time"))
        volume_layout = QVBoxLayout(volume_box)
        volume_layout.addWidget(self.exercise_choice)
        volume_layout.addWidget(self.volume_chart, 1)

        self.measurement_choice = _combo()
        self.measurement_choice.setAccessibleName(tr("Measurement for the chart"))
        self.measurement_choice.currentIndexChanged.connect(self._show_measurement)
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
        layout.addWidget(_heading(tr("Per exercise, left against right: all sessions")))
        layout.addWidget(self.totals)
        layout.addLayout(charts, 1)
        return tab

    def _build_sessions_tab(self) -> QWidget:
        self.sessions = _table(
            [
                tr("Date"),
                tr("Session"),
                tr("Programme · phase"),
                tr("How it ended"),
                tr("Sets done"),
                tr("Pain (highest)"),
            ]
        )
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(_heading(tr("Sessions, newest first")))
        layout.addWidget(self.sessions, 1)
        return tab

    def _build_programme_tab(self) -> QWidget:
        self.programme_choice = _combo()
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

        self.position = _plain(QLabel())
        self.position.setObjectName("position")
        self.phase_goal = _plain(QLabel())
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
        layout.addWidget(_heading(tr("Progression rules for this phase, checked against the log")))
        layout.addWidget(scroll, 1)
        self.rule_labels: list[QLabel] = []
        return tab

    # ----------------------------------------------------------------- filling

    def refresh(self) -> None:
        """Read the journal again and fill every view."""
        self._summaries = summaries = self.journal.session_summaries()
        self._logs = self._details = None
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
        self._fill_sessions(summaries)
        self._fill_totals()
        self._fill_measurement_choice()
        self._choose_programme()

    def _fill_sessions(self, summaries: list[SessionSummary]) -> None:
        self.sessions.setRowCount(len(summaries))
        for r, summary in enumerate(reversed(summaries)):
            record = summary.session
            where = " · ".join(
                x
                for x in (programme_title(self.library, record.programme_id), record.phase or "")
                if x
            )
            pain = summary.highest_pain
            values = [
                day_text(record.started_on),
                record.title,
                where or "—",
                state_text(record.state),
                tr("{done} of {sets}", done=summary.sets_done, sets=summary.sets)
                if summary.sets
                else tr("none"),
                "—" if pain is None else tr("{score}/10", score=pain),
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
            left, right, both = sides.get(Side.LEFT), sides.get(Side.RIGHT), sides.get(Side.BOTH)
            left_text, right_text = side_text(left), side_text(right)
            if both is not None:
                shared = tr("{side}: {totals}", side=side_label(Side.BOTH), totals=side_text(both))
                if left is None and right is None:
                    left_text, right_text = shared, ""
                    self.totals.setSpan(r, 1, 1, 2)
                else:
                    name = tr("{exercise} ({both})", exercise=name, both=shared)
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

    def _fill_measurement_choice(self) -> None:
        units = self.journal.measurement_units()
        chosen = self.measurement_choice.currentData()
        self.measurement_choice.blockSignals(True)
        self.measurement_choice.clear()
        for name, unit in units.items():
            self.measurement_choice.addItem(
                tr("{measurement} ({unit})", measurement=name, unit=unit), (name, unit)
            )
        names = list(units)
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
            self.volume_chart.show_chart(ChartData(tr("Reps per day"), tr("reps")))
            return
        name = exercise_name(self.library, exercise_id)
        self.volume_chart.show_chart(volume_chart(name, self.journal.volume_by_day(exercise_id)))

    def _show_measurement(self) -> None:
        chosen = self.measurement_choice.currentData()
        if chosen is None:
            self.measurement_chart.show_chart(ChartData(tr("Measurement"), ""))
            return
        name, unit = chosen
        points = self.journal.measurements_over_time(name)
        self.measurement_chart.show_chart(measurement_chart(name, unit, points))

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

    def _session_logs(self) -> list[SessionLog]:
        """Every finished or stopped session with its sets and pain: read once per refresh,
        then checked against each rule."""
        if self._logs is None:
            self._logs = self.journal.session_logs()
        return self._logs

    def _measured(self) -> list[SessionDetail]:
        """Every session with its measurements, for rules on a measurement: read once per
        refresh, and only when such a rule is shown."""
        if self._details is None:
            self._details = self.journal.session_details()
        return self._details

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
        for progression in phase.progression:
            if progression.rule is None:
                self.rules_layout.addWidget(self._guidance(progression.text))
                continue
            rule = progression.rule
            measured = self._measured() if rule.measure is not None else None
            status = rule_met(self._session_logs(), rule, measured=measured)
            then = then_words(rule.then, lambda i: exercise_name(self.library, i))
            self.rules_layout.addWidget(self._rule_frame(self._rule_name(rule), status, then))
            checked += 1
        if not checked:
            self.rules_layout.addWidget(
                self._guidance(
                    tr("This phase has no rule the log can check; see the advice above.")
                )
            )
        self.rules_layout.addStretch(1)

    def _guidance(self, text: str) -> QLabel:
        label = _plain(QLabel(text))
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
        verdict = (
            tr("✓ Met: {exercise}", exercise=name)
            if status.met
            else tr("Not yet: {exercise}", exercise=name)
        )
        head = _plain(QLabel(verdict))
        head.setObjectName("verdict")
        head.setProperty("met", met)
        body = _plain(QLabel(status.explanation))
        body.setWordWrap(True)
        layout.addWidget(head)
        layout.addWidget(body)
        for check in status.checks:
            mark = (
                tr("✓ counts")
                if check.counts
                else tr("✗ doesn't count: {reason}", reason=check.reason)
            )
            line = _plain(
                QLabel(tr("{day}: {mark}", day=day_text(check.session.started_on), mark=mark))
            )
            line.setObjectName("muted")
            line.setWordWrap(True)
            layout.addWidget(line)
        after = _plain(QLabel(tr("Then: {then}", then=then)))
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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_totals_height()
        self.shown.emit()

    @staticmethod
    def _fit(table: QTableWidget, stretch: int) -> None:
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
