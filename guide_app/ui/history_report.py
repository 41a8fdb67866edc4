"""The history window's report row: the clinician's PDF for a period chosen there.

Quick choices (the last 4 weeks, the last 3 months, everything) set the From and To dates;
changing a date by hand makes the period "Chosen dates". "PDF report…" asks where to save
(``choose_file``, injectable: tests never open a modal dialog) and writes the report with
``ui.report.write_pdf``, the code ``guide-app history export --pdf`` uses. Days come from
the injected clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from guide_app.core.clock import Clock, today
from guide_app.core.history import Journal, StorageError
from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library

ChooseFile = Callable[[QWidget, str], Path | None]
"""Asks where to save the report (the parent, a suggested file name); None: cancelled."""

WEEKS, MONTHS, ALL, CHOSEN = "4-weeks", "3-months", "all", "chosen"


def ask_for_file(parent: QWidget, suggested: str) -> Path | None:
    """The save dialog: where the report goes (a ``.pdf`` name is added when left out)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, tr("Save the report as"), suggested, tr("PDF documents (*.pdf)")
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day when shorter)."""
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportBar(QWidget):
    """Period (quick choice, From, To) and the "PDF report…" button."""

    written = Signal(Path, int)  # a report was written: where, and its pages

    def __init__(
        self,
        journal: Journal,
        library: Library,
        clock: Clock,
        choose_file: ChooseFile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.library = library
        self.clock = clock
        self.choose_file: ChooseFile = choose_file or ask_for_file
        self._days: tuple[date, date] | None = None  # the first and last session's days

        self.period_choice = QComboBox()
        self.period_choice.setAccessibleName(tr("Report period"))
        for key, text in (
            (WEEKS, tr("Last 4 weeks")),
            (MONTHS, tr("Last 3 months")),
            (ALL, tr("All sessions")),
            (CHOSEN, tr("Chosen dates")),
        ):
            self.period_choice.addItem(text, key)
        self.period_choice.setCurrentIndex(self.period_choice.findData(ALL))
        self.period_choice.currentIndexChanged.connect(self._quick_choice)
        self.report_from = self._date_edit(tr("Report from"))
        self.report_to = self._date_edit(tr("Report to"))
        self.pdf_button = QPushButton(tr("PDF report…"))
        self.pdf_button.setToolTip(
            tr(
                "A printable report for a clinician: left against right, older weeks as "
                "weekly totals, the last two weeks session by session."
            )
        )
        self.pdf_button.clicked.connect(self.make_report)
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # A long path must not widen the window: the text is cut, the tooltip holds it all.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        # "PDF report… for [All sessions] from [date] to [date]": narrow enough for a small
        # screen (the window fits 800 pixels).
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pdf_button)
        for text, choice in (
            (tr("for"), self.period_choice),
            (tr("from"), self.report_from),
            (tr("to"), self.report_to),
        ):
            label = QLabel(text)
            label.setBuddy(choice)
            layout.addSpacing(4)
            layout.addWidget(label)
            layout.addWidget(choice)
        layout.addSpacing(8)
        layout.addWidget(self.status, 1)
        self._quick_choice()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setAccessibleName(name)
        edit.dateChanged.connect(self._dates_chosen)
        return edit

    # ----------------------------------------------------------------- the period

    def set_days(self, first: date | None, last: date | None) -> None:
        """The days of the first and the last session (None: none yet), for "All"."""
        self._days = (first, last) if first is not None and last is not None else None
        self._quick_choice()

    def choose(self, key: str) -> None:
        """Pick a quick choice: ``WEEKS``, ``MONTHS``, ``ALL`` or ``CHOSEN``."""
        self.period_choice.setCurrentIndex(self.period_choice.findData(key))

    def _quick_choice(self) -> None:
        key = self.period_choice.currentData()
        end = today(self.clock)
        if key == WEEKS:
            start = end - timedelta(days=27)
        elif key == MONTHS:
            start = months_before(end, 3) + timedelta(days=1)
        elif key == ALL:
            start, end = self._days or (end, end)
        else:
            return
        self._show_dates(start, end)

    def _show_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.report_from, start), (self.report_to, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _dates_chosen(self) -> None:
        self.period_choice.blockSignals(True)
        self.period_choice.setCurrentIndex(self.period_choice.findData(CHOSEN))
        self.period_choice.blockSignals(False)

    def period(self) -> tuple[date | None, date | None]:
        """The report's first and last day (both included); None: open-ended ("All")."""
        if self.period_choice.currentData() == ALL:
            return None, None
        start = self.report_from.date().toPython()
        end = self.report_to.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        return (start, end) if start <= end else (end, start)

    # ----------------------------------------------------------------- the report

    def suggested_name(self) -> str:
        since, until = self.period()
        first = since or (self._days[0] if self._days else None)
        last = until or (self._days[1] if self._days else None)
        if first is None or last is None:
            return tr("exercise-report.pdf")
        return tr("exercise-report-{first}-to-{last}.pdf", first=first, last=last)

    def make_report(self) -> Path | None:
        """Ask where to save, then write the report of the chosen period; returns where it
        went (None: cancelled, or it couldn't be written, as the row then says)."""
        path = self.choose_file(self.window(), self.suggested_name())
        if path is None:
            return None
        from guide_app.ui.report import write_pdf  # Qt's PDF writer loads with the first report

        since, until = self.period()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = write_pdf(self.journal, self.library, path, since, until, clock=self.clock)
        except StorageError as error:
            self._say(error.message)
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self._say(
            ntr(
                "Wrote a {n}-page report to {path}",
                "Wrote a {n}-page report to {path}",
                pages,
                path=path,
            )
        )
        self.written.emit(path, pages)
        return path

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)
