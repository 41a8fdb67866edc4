"""The Today page on Home: what is due today for the person, read from across a room.

The programme, its phase and week, today's sessions (done ones ticked, the next one
highlighted and focused), and a calendar of the past weeks: weeks as rows, days as
columns, each day marked by a sign and a word as well as a colour (a tick for done,
"missed" for a missed day, a quiet dot for a rest day, a frame for today). Enter or
Space starts the session due; so does the Start button. A person without a programme
sees one sentence and a button to choose one. ``extra`` is room under the slots for
what else today offers (a progression).
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.core import locale_format
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.core.today import (
    AHEAD,
    BEFORE,
    DONE,
    MISSED,
    PART,
    PENDING,
    CalendarDay,
    CalendarWeek,
    Slot,
    Today,
)
from guide_app.ui import theme

START_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)

STYLE = f"""
QLabel#muted {{ color: {theme.MUTED_TEXT}; }}
QPushButton#slot {{
    text-align: left; padding: 10px 16px; background: {theme.PANEL};
    border: 1px solid {theme.GRID};
}}
QPushButton#slot[due="true"] {{ border: 3px solid {theme.ACCENT}; font-weight: bold; }}
QPushButton#slot:focus {{ border: 3px solid {theme.ACCENT}; }}
QLabel#done {{ padding: 10px 16px; color: {theme.MUTED_TEXT}; }}
QLabel#cell {{ border: 1px solid transparent; border-radius: 6px; padding: 2px 4px; }}
QLabel#cell[state="done"], QLabel#cell[state="part"] {{
    background: {theme.PANEL}; border: 1px solid {theme.GRID};
}}
QLabel#cell[state="missed"] {{ border: 2px dashed {theme.MUTED_TEXT}; }}
QLabel#cell[state="rest"], QLabel#cell[state="ahead"], QLabel#cell[state="before"] {{
    color: {theme.MUTED_TEXT};
}}
QLabel#cell[today="true"] {{ border: 3px solid {theme.ACCENT}; }}
"""


def _scaled(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def _label(factor: float = 1.0, *, bold: bool = False, muted: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # content titles, as written
    _scaled(label, factor, bold=bold)
    if muted:
        label.setObjectName("muted")
    return label


def _lines(text: str, width: int = 44) -> str:
    """``text`` broken into lines of about ``width`` characters: a button's text does
    not wrap by itself, and a long title must not widen the page."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _clear(layout: QVBoxLayout | QGridLayout | QHBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item is not None and item.layout() is not None:
            inner = item.layout()
            assert isinstance(inner, QVBoxLayout | QGridLayout | QHBoxLayout)
            _clear(inner)
            inner.deleteLater()


def cell_text(day: CalendarDay) -> str:
    """A calendar day as the grid writes it: the day of the month (and the month on its
    first day) over its sign and word."""
    ticks = "✓" * day.done if day.done <= 3 else f"✓×{day.done}"
    if day.state == DONE:
        mark = ticks
    elif day.state == PART:
        mark = tr("{ticks} {n} missed", ticks=ticks, n=day.missed)
    elif day.state == MISSED:
        mark = tr("missed")
    elif day.state == PENDING:
        mark = (ticks + " " if day.done else "") + tr("today")
    elif day.state == AHEAD:
        mark = "○"
    elif day.state == BEFORE:
        mark = ""
    else:
        mark = tr("today") if day.today else "–"
    date = locale_format.day_short(day.day) if day.day.day == 1 else str(day.day.day)
    return f"{date}\n{mark}"


class CalendarGrid(QWidget):
    """The past programme weeks: a row each (``Week 3``), a column per day of the
    week, and the week's sessions done of its target at the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(6)
        self.cells: dict[object, QLabel] = {}  # by date

    def show_weeks(self, weeks: tuple[CalendarWeek, ...]) -> None:
        _clear(self.grid)
        self.cells = {}
        if not weeks:
            return
        for column, day in enumerate(weeks[0].days, start=1):
            head = _label(1.15, muted=True)
            head.setText(locale_format.weekday_short(day.day))
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(head, 0, column)
        for row, week in enumerate(weeks, start=1):
            name = _label(1.2, bold=week.current)
            name.setWordWrap(False)
            name.setText(tr("Week {n}", n=week.number))
            self.grid.addWidget(name, row, 0)
            for column, day in enumerate(week.days, start=1):
                cell = _label(1.4)
                cell.setObjectName("cell")
                cell.setText(cell_text(day))
                cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
                cell.setProperty("state", day.state)
                cell.setProperty("today", day.today)
                cell.setToolTip(day.words())
                cell.setAccessibleName(day.words())
                cell.setMinimumWidth(72)
                self.grid.addWidget(cell, row, column)
                self.cells[day.day] = cell
            total = _label(1.2, bold=week.current)
            total.setWordWrap(False)
            total.setText(week.words())
            total.setAccessibleName(tr("Week {n}: {count}", n=week.number, count=week.words()))
            self.grid.addWidget(total, row, 8)

    def texts(self) -> list[list[str]]:
        """Each week's row as written: its name, its days, its count (for tests)."""
        rows: list[list[str]] = []
        for row in range(1, self.grid.rowCount()):
            texts = []
            for column in range(9):
                item = self.grid.itemAtPosition(row, column)
                widget = item.widget() if item is not None else None
                if isinstance(widget, QLabel):
                    texts.append(widget.text())
            if texts:
                rows.append(texts)
        return rows


class TodayPage(QWidget):
    """Today for the current person; ``start`` carries the session to run."""

    start = Signal(str)  # session id
    choose_programme = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.today: Today | None = None
        self._due: str | None = None  # what Enter starts
        self.slot_buttons: list[QPushButton] = []
        self._focus_slot: QPushButton | None = None

        self.empty = QWidget()
        empty = QVBoxLayout(self.empty)
        self.empty_text = _label(1.6)
        self.empty_text.setText(
            tr("Choose a programme, and this page shows what is due each day and how it went.")
        )
        self.choose_button = QPushButton(tr("Choose a programme…"))
        self.choose_button.setObjectName("primary")
        _scaled(self.choose_button, 1.4)
        self.choose_button.clicked.connect(lambda: self.choose_programme.emit())
        empty.addStretch(1)
        empty.addWidget(self.empty_text)
        empty.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty.addStretch(2)

        self.programme = _label(1.3, muted=True)
        self.position = _label(2.6, bold=True)
        self.phase = _label(1.7, bold=True)
        self.goal = _label(1.3, muted=True)
        self.slots = QVBoxLayout()
        self.slots.setSpacing(8)
        self.start_button = QPushButton()
        self.start_button.setObjectName("primary")
        self.start_button.setMinimumHeight(56)
        _scaled(self.start_button, 1.6, bold=True)
        self.start_button.clicked.connect(self.start_due)
        self.notes = _label(1.3)
        self.extra = QVBoxLayout()  # the lead's progression offer goes here

        left = QVBoxLayout()
        for widget in (self.programme, self.position, self.phase, self.goal):
            left.addWidget(widget)
        left.addSpacing(12)
        left.addLayout(self.slots)
        left.addWidget(self.start_button)
        left.addWidget(self.notes)
        left.addLayout(self.extra)
        left.addStretch(1)

        self.calendar_title = _label(1.5, bold=True)
        self.calendar_title.setText(tr("The last weeks"))
        self.calendar = CalendarGrid()
        self.legend = _label(1.1, muted=True)
        self.legend.setText(
            tr("✓ done    missed: not done    – rest day    ○ due later    framed: today")
        )
        right = QVBoxLayout()
        right.addWidget(self.calendar_title)
        right.addWidget(self.calendar)
        right.addWidget(self.legend)
        right.addStretch(1)

        self.content = QWidget()
        columns = QHBoxLayout(self.content)
        columns.addLayout(left, 1)
        columns.addSpacing(32)
        columns.addLayout(right, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.content)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.stack)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(scroll)
        self.show_today(None)

    # ------------------------------------------------------------------ showing

    def show_today(self, today: Today | None, library: Library | None = None) -> None:
        """Show ``today`` (None: the person has no programme). ``library``, when given,
        is the library in force: a session no longer in it is not offered."""
        self.today = today
        if today is None:
            self._due = None
            self.stack.setCurrentWidget(self.empty)
            self._focus_slot = self.choose_button
            return
        self.stack.setCurrentWidget(self.content)
        self.programme.setText(today.programme_title)
        self.position.setText(today.position_words())
        self.phase.setText(today.phase)
        self.goal.setText(today.goal or "")
        self.goal.setVisible(bool(today.goal))
        self._show_slots(today, library)
        due = today.due_session if not today.not_started else None
        if due is not None and library is not None and due not in library.sessions:
            due = None
        self._due = due
        self.start_button.setVisible(due is not None)
        if due is not None:
            title = self._title(today, due, library)
            if today.next_slot is None:
                text = tr("Start an extra session: {title}", title=title)
            else:
                text = tr("Start {title}", title=title)
            self.start_button.setText(_lines(text, 30))
        notes = today.notes()
        if today.slots and today.next_slot is None:
            notes.insert(0, tr("✓ Everything due today is done."))
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.calendar.show_weeks(today.calendar)
        self.calendar_title.setVisible(bool(today.calendar))
        self.legend.setVisible(bool(today.calendar))
        if self._focus_slot is None and due is not None:
            self._focus_slot = self.start_button
        if self.isVisible():
            self.focus_due()

    @staticmethod
    def _title(today: Today, session_id: str, library: Library | None) -> str:
        if library is not None and session_id in library.sessions:
            return library.sessions[session_id].title
        for option in today.options:
            if option.session_id == session_id:
                return option.title
        return session_id

    def _show_slots(self, today: Today, library: Library | None) -> None:
        _clear(self.slots)
        self.slot_buttons = []
        self._focus_slot = None
        due = today.next_slot
        for slot in today.slots:
            if slot.done:
                done = _label(1.7)
                done.setObjectName("done")
                done.setText("✓ " + slot.words())
                self.slots.addWidget(done)
                continue
            self.slots.addLayout(self._slot_row(slot, slot is due, library))

    def _slot_row(self, slot: Slot, due: bool, library: Library | None) -> QHBoxLayout:
        """A session still to do: its button, and the phase's other sessions beside it."""
        row = QHBoxLayout()
        text = f"○ {slot.status()}\n{_lines(slot.title, 30)}"
        button = self._start_button(slot.session_id, text, library, 1.7)
        button.setProperty("due", due)
        row.addWidget(button, 1)
        if due:
            self._focus_slot = button
        for option in slot.options[1:]:
            other = self._start_button(
                option.session_id, _lines(tr("or {title}", title=option.title), 24), library, 1.2
            )
            row.addWidget(other)
        return row

    def _start_button(
        self, session_id: str, text: str, library: Library | None, factor: float
    ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("slot")
        _scaled(button, factor)
        button.setEnabled(library is None or session_id in library.sessions)
        button.clicked.connect(lambda _=False, s=session_id: self.start.emit(s))
        self.slot_buttons.append(button)
        return button

    # ------------------------------------------------------------------ keys and focus

    def focus_due(self) -> None:
        """Give the keyboard to the next session due (or the Start or Choose button)."""
        if self._focus_slot is not None and self._focus_slot.isVisibleTo(self):
            self._focus_slot.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_due(self) -> None:
        """Start the session due now (Enter, Space, or the Start button)."""
        if self.today is None:
            self.choose_programme.emit()
        elif self._due is not None:
            self.start.emit(self._due)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Space on Today (a focused session button takes its own) starts the
        session due; held down, it starts it once."""
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in START_KEYS and plain:
            if not event.isAutoRepeat():
                focused = QApplication.focusWidget()
                if focused in (*self.slot_buttons, self.start_button, self.choose_button):
                    assert isinstance(focused, QPushButton)
                    focused.click()  # Enter on a session's own button starts that one
                else:
                    self.start_due()
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.focus_due)  # after the window has placed its own focus
