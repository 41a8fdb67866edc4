"""The history window on a year of daily sessions: the numbers it shows, a refresh, the
current person's history alone, progression rules read from the recent weeks, and the
clinician's PDF made from the window for the period chosen there."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal, Person, SetRecord
from guide_app.core.history_text import day_text
from guide_app.core.loader import bundled_root, load_library
from guide_app.core.progress import programme_position, rule_met
from guide_app.core.sides import Side
from guide_app.ui import history_report
from guide_app.ui.history_window import HistoryWindow
from tests.helpers.history_scale import MadeHistory, make_history, session_start

LIBRARY = load_library([bundled_root()])
TODAY = date(2026, 11, 30)
FIRST, LAST = date(2025, 11, 30), date(2026, 11, 29)


def clock() -> FakeClock:
    return FakeClock(wall_start=datetime(2026, 11, 30, 9).timestamp())


@pytest.fixture(scope="module")
def made_year(tmp_path_factory: pytest.TempPathFactory) -> MadeHistory:
    return make_history(tmp_path_factory.mktemp("year") / "history.sqlite3", 365)


@pytest.fixture
def journal(made_year: MadeHistory, tmp_path: Path) -> Iterator[Journal]:
    """A copy of the year's journal, for this test alone."""
    path = tmp_path / "history.sqlite3"
    shutil.copy(made_year.path, path)
    with Journal(path, clock=clock()) as opened:
        yield opened


class Chooser:
    """Stands in for the save dialog: says where the report goes, notes what it was asked."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.asked: list[str] = []

    def __call__(self, parent: QWidget, suggested: str) -> Path | None:
        self.asked.append(suggested)
        return self.path


def open_window(qtbot: QtBot, journal: Journal, chooser: Chooser | None = None) -> HistoryWindow:
    window = HistoryWindow(journal, LIBRARY, clock=clock(), choose_file=chooser)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def row(window: HistoryWindow, r: int) -> list[str]:
    table = window.sessions
    return [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]


def totals(window: HistoryWindow) -> dict[str, list[str]]:
    table = window.totals
    found = {}
    for r in range(table.rowCount()):
        cells = [table.item(r, c).text() if table.item(r, c) else "" for c in range(4)]
        found[cells[0]] = cells[1:]
    return found


def test_a_year_opens_with_every_session_and_total(qtbot: QtBot, journal: Journal) -> None:
    window = open_window(qtbot, journal)
    assert window.summary.text() == "365 sessions, Sun 30 Nov 2025 to Sun 29 Nov 2026"
    assert window.sessions.rowCount() == 365
    newest = "Hip external rotation", "Hip external rotation strength · Foundation", "Finished"
    assert row(window, 0) == ["Sun 29 Nov 2026", *newest, "36 of 36", "4/10"]
    assert row(window, 1) == ["Sat 28 Nov 2026", *newest, "36 of 36", "—"]
    assert row(window, 4)[0] == "Wed 25 Nov 2026" and row(window, 4)[4] == "35 of 36"
    assert row(window, 364)[0] == "Sun 30 Nov 2025"
    newest_session = window.sessions.session_at(0)
    assert newest_session is not None and newest_session.session.started_on == LAST
    assert window.sessions.columnWidth(0) >= window.sessions.fontMetrics().horizontalAdvance(
        "Wed 25 Nov 2026"
    )

    rows = totals(window)
    assert rows["Clamshell"] == [
        "1095 sets · 21900 reps",
        "1095 sets · 16425 reps",
        "+5475 reps on the left (left is 133% of right)",
    ]
    assert rows["Fire Hydrant"][0] == "1058 sets · 12918 reps (37 skipped)"
    assert rows["Single-Leg Wall Mini-Squat"][:2] == ["1095 sets · 32850 s held"] * 2

    assert window.exercise_choice.currentText() == "Clamshell"
    assert window.volume_chart.points(Side.LEFT) == [
        (FIRST + timedelta(days=n), 60.0) for n in range(365)
    ]
    assert len(window.volume_chart.points(Side.RIGHT)) == 365
    window.volume_chart.grab()  # drawn: a year of days, the line without a marker each
    drawn = window.volume_chart.drawn
    assert drawn is not None and len(drawn.positions[Side.LEFT]) == 365
    assert window.measurement_choice.currentText() == "Prone hip external rotation (degrees)"
    assert window.measurement_chart.points(Side.RIGHT)[-1] == (LAST, 45.0)
    description = window.volume_chart.accessibleDescription()
    assert description.startswith("◀ Left: 365 days from 30 Nov 60 to 29 Nov 60")


def _record_today(journal: Journal, person: int | None = None) -> None:
    start = session_start(TODAY)
    row = journal.begin_session("piriformis-phase-1", "Piriformis", person=person, started_at=start)
    for side in (Side.LEFT, Side.RIGHT):
        journal.record_set(row, SetRecord("clamshell", side, 1, 20, 20, at=start + 60))
    journal.end_session(row, at=start + 600)


def test_a_refresh_shows_what_was_recorded_since(qtbot: QtBot, journal: Journal) -> None:
    window = open_window(qtbot, journal)
    window.exercise_choice.setCurrentText("Fire Hydrant")  # a choice the refresh keeps
    _record_today(journal)
    window.refresh()
    assert window.summary.text() == "366 sessions, Sun 30 Nov 2025 to Mon 30 Nov 2026"
    assert row(window, 0) == ["Mon 30 Nov 2026", "Piriformis", "—", "Finished", "2 of 2", "—"]
    assert totals(window)["Clamshell"][0] == "1096 sets · 21920 reps"
    assert window.exercise_choice.currentText() == "Fire Hydrant"
    assert window.volume_chart.points(Side.LEFT)[-1] == (LAST, 36.0)


def test_each_person_sees_only_their_own_history(qtbot: QtBot, journal: Journal) -> None:
    other = journal.add_person(Person(row=0, uid="", name="Sam"))
    for _ in range(2):
        _record_today(journal, person=other.row)
    window = open_window(qtbot, journal)
    assert window.sessions.rowCount() == 365
    assert window.programme_choice.currentData() == "hip-external-rotation"

    journal.person = other.row  # the person switched (as the window's owner does it)
    window.refresh()
    assert window.summary.text() == "2 sessions, Mon 30 Nov 2026"
    assert window.sessions.rowCount() == 2
    assert totals(window) == {
        "Clamshell": ["2 sets · 40 reps", "2 sets · 40 reps", "Even (left is 100% of right)"]
    }
    assert window.measurement_choice.count() == 0 and window.no_measurements.isVisibleTo(window)
    assert window.start_date.date().toPython() == TODAY  # no programme in their sessions

    journal.person = 1
    window.refresh()
    assert window.sessions.rowCount() == 365
    assert window.start_date.date().toPython() == FIRST


def _rules_shown(window: HistoryWindow) -> list[str]:
    return [label.text() for label in window.rule_labels]


def _rules_expected(window: HistoryWindow, journal: Journal) -> list[str]:
    """What ``rule_met`` says reading the whole journal, for the phase the window is at."""
    programme = window.current_programme()
    assert programme is not None
    started = window.start_date.date().toPython()
    assert isinstance(started, date)
    phase, _ = programme_position(programme, started, TODAY)
    rules = [p.rule for p in phase.progression if p.rule is not None]
    return [rule_met(journal, rule).explanation for rule in rules]


def test_rules_read_from_the_recent_weeks_say_what_the_whole_log_says(
    qtbot: QtBot, journal: Journal
) -> None:
    window = open_window(qtbot, journal)
    for programme in ("piriformis", "achilles-eccentric-alfredson", "hip-external-rotation"):
        window.programme_choice.setCurrentIndex(window.programme_choice.findData(programme))
        for weeks_ago in (0, 3, 10, 30):
            window.start_date.setDate(QDate(TODAY - timedelta(weeks=weeks_ago)))
            assert _rules_shown(window) == _rules_expected(window, journal), (programme, weeks_ago)
    window.programme_choice.setCurrentIndex(window.programme_choice.findData("piriformis"))
    window.start_date.setDate(QDate(TODAY))
    assert any(text.startswith("Met:") for text in _rules_shown(window))


def test_a_rule_on_an_exercise_done_long_ago_reads_the_whole_log(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Clamshells 30 a side two months ago, then weeks of other exercises: the rule
    "clamshell 1x30 each side in 2 sessions" is judged on those old sessions."""
    with Journal(tmp_path / "history.sqlite3", clock=clock()) as journal:
        for days_ago in range(61, 0, -1):
            start = session_start(TODAY - timedelta(days=days_ago))
            row = journal.begin_session(
                "hip-external-rotation",
                "Hip external rotation",
                programme_id="hip-external-rotation",
                affected_side="left",
                started_at=start,
            )
            exercise = "clamshell" if days_ago > 58 else "fire-hydrant"
            for side in (Side.LEFT, Side.RIGHT):
                journal.record_set(row, SetRecord(exercise, side, 1, 30, 30, at=start + 60))
            journal.end_session(row, at=start + 600)
        window = open_window(qtbot, journal)
        window.start_date.setDate(QDate(TODAY - timedelta(days=10)))  # the Foundation phase
        assert window.position.text().endswith("· Foundation (weeks 0-6)")
        expected = _rules_expected(window, journal)
        assert _rules_shown(window) == expected
        assert expected[0].startswith("Met:")
        lines = [label.text() for label in window.rules_box.findChildren(type(window.position))]
        for days_ago in (60, 59):  # the two sessions it looked at, two months ago
            assert f"{day_text(TODAY - timedelta(days=days_ago))}: ✓ counts" in lines


def pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(document.getAllText(p).text() for p in range(document.pageCount()))
    document.close()
    return " ".join(text.split())


def test_the_report_is_made_from_the_window_for_the_period_chosen(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    chooser = Chooser(tmp_path / "four-weeks.pdf")
    window = open_window(qtbot, journal, chooser)
    report = window.report
    assert report.period_choice.currentText() == "All sessions"
    assert report.report_from.date().toPython() == FIRST
    assert report.report_to.date().toPython() == LAST

    report.choose(history_report.WEEKS)
    assert report.report_from.date().toPython() == date(2026, 11, 3)
    assert report.report_to.date().toPython() == TODAY
    report.pdf_button.click()
    assert chooser.asked == ["exercise-report-2026-11-03-to-2026-11-30.pdf"]
    assert re.fullmatch(r"Wrote a \d+-page report to .*four-weeks\.pdf", report.status.text())
    text = pdf_text(tmp_path / "four-weeks.pdf")
    assert "Period: Tue 3 Nov 2026 to Mon 30 Nov 2026" in text
    assert "Sessions: 27 sessions, 27 finished" in text
    assert "Week by week, per side" in text
    assert "Recent sessions, set by set (from Mon 16 Nov 2026)" in text

    report.choose(history_report.MONTHS)
    assert report.report_from.date().toPython() == date(2026, 8, 31)
    report.report_from.setDate(QDate(2026, 11, 23))  # a day chosen by hand
    assert report.period_choice.currentText() == "Chosen dates"
    report.report_to.setDate(QDate(2026, 11, 25))
    chooser.path = tmp_path / "three-days.pdf"
    assert report.make_report() == chooser.path
    text = pdf_text(chooser.path)
    assert "Period: Mon 23 Nov 2026 to Wed 25 Nov 2026" in text
    assert "Week by week" not in text and "Sessions, set by set" in text

    report.choose(history_report.ALL)
    chooser.path = tmp_path / "all.pdf"
    report.pdf_button.click()
    assert "Period: Sun 30 Nov 2025 to Sun 29 Nov 2026" in pdf_text(chooser.path)


def test_a_cancelled_or_impossible_report_writes_nothing(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    chooser = Chooser(None)
    window = open_window(qtbot, journal, chooser)
    assert window.report.make_report() is None
    assert chooser.asked and window.report.status.text() == ""
    chooser.path = tmp_path / "no-such-folder" / "report.pdf"
    window.report.pdf_button.click()
    assert "does not exist" in window.report.status.text()
    assert not chooser.path.parent.exists()
