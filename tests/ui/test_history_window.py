"""The history window on a seeded journal (left/right totals, chart points, programme
progress) and on an empty one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal, Measurement, PainReport, SetRecord
from guide_app.core.loader import bundled_root, load_library
from guide_app.core.progress import rule_met
from guide_app.core.sides import Side
from guide_app.ui import chart
from guide_app.ui.history_window import HistoryWindow, empty_message
from guide_app.ui.report import write_pdf

LIBRARY = load_library([bundled_root()])
DAY_ONE = datetime(2025, 3, 3, 9, 0)  # a Monday
OFFSETS = (0, 2, 4, 9, 11)  # five sessions over two weeks
DAYS = [(DAY_ONE + timedelta(days=d)).date() for d in OFFSETS]
TODAY = date(2025, 3, 17)  # two weeks after the first session: week 2


def clock_on(day: date) -> FakeClock:
    """A clock whose wall time is 9:00 on ``day``."""
    return FakeClock(wall_start=datetime.combine(day, datetime.min.time()).timestamp() + 9 * 3600)


PROGRAMME = "hip-external-rotation"


def seed(journal: Journal) -> None:
    """Clamshells 3x20 on the left and 2x20 on the right in each of five sessions; fire
    hydrants rising on the left; a bridge hold on both sides; hip rotation measured."""
    for n, offset in enumerate(OFFSETS):
        start = (DAY_ONE + timedelta(days=offset)).timestamp()
        row = journal.begin_session(
            "hip-external-rotation",
            "Hip external rotation",
            programme_id=PROGRAMME,
            phase="Foundation",
            affected_side="left",
            started_at=start,
        )
        at = iter(start + 60 * k for k in range(1, 100))
        for number in (1, 2, 3):
            journal.record_set(row, SetRecord("clamshell", "left", number, 20, 20, at=next(at)))
        for number in (1, 2):
            journal.record_set(row, SetRecord("clamshell", "right", number, 20, 20, at=next(at)))
        journal.record_set(row, SetRecord("fire-hydrant", "left", 1, 15, 10 + n, at=next(at)))
        journal.record_set(row, SetRecord("fire-hydrant", "right", 1, 15, 15, at=next(at)))
        hold = SetRecord("bridge-hold", "both", 1, 1, 1, 30, 30, at=next(at))
        journal.record_set(row, hold)
        for side, value in (("left", 30.0 + 2 * n), ("right", 45.0)):
            measurement = Measurement("Prone hip external rotation", side, value, "degrees")
            journal.record_measurement(row, measurement)
        journal.end_session(row, at=next(at))


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal(tmp_path / "history.sqlite3") as opened:
        yield opened


@pytest.fixture
def window(qtbot, journal: Journal) -> HistoryWindow:  # type: ignore[no-untyped-def]
    seed(journal)
    win = HistoryWindow(journal, LIBRARY, clock=clock_on(TODAY))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def totals_rows(win: HistoryWindow) -> dict[str, list[str]]:
    table = win.totals
    rows = {}
    for r in range(table.rowCount()):
        cells = [table.item(r, c).text() if table.item(r, c) else "" for c in range(4)]
        rows[cells[0]] = cells[1:]
    return rows


def test_the_totals_table_sets_left_against_right(window: HistoryWindow) -> None:
    rows = totals_rows(window)
    assert rows["Clamshell"] == [
        "15 sets · 300 reps",
        "10 sets · 200 reps",
        "+100 reps on the left (left is 150% of right)",
    ]
    assert rows["Fire Hydrant"] == [
        "5 sets · 60 reps",
        "5 sets · 75 reps",
        "+15 reps on the right (left is 80% of right)",
    ]
    # An exercise done on both sides at once, unknown to the library: its id, one cell.
    assert rows["bridge-hold"][0] == "◀▶ Both sides: 5 sets · 150 s held"
    assert window.totals.columnSpan(list(rows).index("bridge-hold"), 1) == 2


def test_the_volume_chart_holds_reps_per_day_for_each_side(window: HistoryWindow) -> None:
    choices = [window.exercise_choice.itemText(i) for i in range(window.exercise_choice.count())]
    assert choices == ["Clamshell", "Fire Hydrant"]  # the both-sides hold has no left/right
    assert window.exercise_choice.currentText() == "Clamshell"  # the most reps
    view = window.volume_chart
    assert view.points("left") == [(day, 60.0) for day in DAYS]
    assert view.points("right") == [(day, 40.0) for day in DAYS]
    assert view.data.sides() == (Side.LEFT, Side.RIGHT)
    assert chart.LINE_STYLES[Side.LEFT] != chart.LINE_STYLES[Side.RIGHT]
    assert chart.MARKERS[Side.LEFT] != chart.MARKERS[Side.RIGHT]
    assert chart.SCREEN.left != chart.SCREEN.right

    window.exercise_choice.setCurrentText("Fire Hydrant")
    assert view.points("left") == [(day, 10.0 + n) for n, day in enumerate(DAYS)]
    assert view.points("right") == [(day, 15.0) for day in DAYS]
    assert "Fire Hydrant" in view.data.title
    view.grab()  # paint it
    assert view.drawn is not None and view.drawn.sides == (Side.LEFT, Side.RIGHT)
    labels = view.drawn.date_labels
    assert labels[0] == "3 Mar" and labels[-1] == "14 Mar"
    assert [len(view.drawn.positions[side]) for side in view.drawn.sides] == [5, 5]


def test_the_measurement_chart_shows_each_side_over_time(window: HistoryWindow) -> None:
    assert window.measurement_choice.currentText() == "Prone hip external rotation (degrees)"
    view = window.measurement_chart
    assert view.points("left") == [(day, 30.0 + 2 * n) for n, day in enumerate(DAYS)]
    assert view.points("right") == [(day, 45.0) for day in DAYS]
    assert Side.BOTH not in view.data.sides()
    assert view.data.unit == "degrees"
    assert window.no_measurements.isHidden()


def test_sessions_are_listed_newest_first(window: HistoryWindow) -> None:
    table = window.sessions
    assert table.rowCount() == 5
    first = [table.item(0, c).text() for c in range(table.columnCount())]
    assert first == [
        "Fri 14 Mar 2025",
        "Hip external rotation",
        "Hip external rotation strength · Foundation",
        "Finished",
        "8 of 8",
        "—",
    ]
    assert table.item(4, 0).text() == "Mon 3 Mar 2025"
    assert window.summary.text() == "5 sessions, Mon 3 Mar 2025 to Fri 14 Mar 2025"


def test_programme_progress_phase_week_and_rule(window: HistoryWindow, journal: Journal) -> None:
    assert window.programme_choice.currentData() == PROGRAMME  # from the sessions
    assert window.start_date.date().toPython() == DAYS[0]
    assert window.position.text() == "Week 2 · Foundation (weeks 0-6)"
    rule = LIBRARY.programmes[PROGRAMME].phases[0].progression[1].rule
    assert rule is not None
    status = rule_met(journal, rule)
    assert not status.met
    assert [label.text() for label in window.rule_labels] == [status.explanation]

    # A later start date moves the week back; another programme checks its own rules.
    window.start_date.setDate(window.start_date.date().addDays(7))
    assert window.position.text() == "Week 1 · Foundation (weeks 0-6)"
    window.programme_choice.setCurrentIndex(window.programme_choice.findData("piriformis"))
    phase = LIBRARY.programmes["piriformis"].phases[0]
    rules = [p.rule for p in phase.progression if p.rule is not None]
    assert [label.text() for label in window.rule_labels] == [
        rule_met(journal, r).explanation for r in rules
    ]
    assert window.start_date.date().toPython() == TODAY  # no piriformis session logged


def test_an_empty_journal_says_so(qtbot, journal: Journal) -> None:  # type: ignore[no-untyped-def]
    win = HistoryWindow(journal, LIBRARY, clock=clock_on(TODAY))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.summary.text() == empty_message()
    assert win.stack.currentWidget() is win.empty and win.empty.isVisible()
    assert empty_message() in win.empty.text()
    assert win.totals.rowCount() == 0 and win.sessions.rowCount() == 0
    assert win.volume_chart.points("left") == []

    # Sessions recorded later appear on refresh.
    seed(journal)
    win.refresh_button.click()
    assert win.stack.currentWidget() is win.tabs
    assert totals_rows(win)["Clamshell"][0] == "15 sets · 300 reps"


def seed_many(journal: Journal, sessions: int) -> None:
    """``sessions`` daily sessions of clamshells, a pain report and a measurement each."""
    for n in range(sessions):
        start = (DAY_ONE + timedelta(days=n)).timestamp()
        row = journal.begin_session(
            PROGRAMME, "Hip external rotation", programme_id=PROGRAMME, started_at=start
        )
        for side in (Side.LEFT, Side.RIGHT):
            journal.record_set(row, SetRecord("clamshell", side, 1, 20, 20, at=start + 60))
            journal.record_measurement(row, Measurement("Hip rotation", side, 30, "degrees"))
        journal.record_pain(row, PainReport("clamshell", "left", 2))
        journal.end_session(row, at=start + 600)


def statements_to_open(qtbot, journal: Journal) -> list[str]:  # type: ignore[no-untyped-def]
    statements: list[str] = []
    journal._connection.set_trace_callback(statements.append)
    try:
        win = HistoryWindow(journal, LIBRARY, clock=clock_on(TODAY))
        qtbot.addWidget(win)
    finally:
        journal._connection.set_trace_callback(None)
    return statements


def test_opening_the_window_reads_the_journal_in_a_few_statements(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """No read per session: a journal of 60 sessions takes as many statements as one of 3."""
    counts = []
    for sessions in (3, 60):
        with Journal(tmp_path / f"{sessions}.sqlite3") as journal:
            seed_many(journal, sessions)
            counts.append(len(statements_to_open(qtbot, journal)))
    assert counts[0] == counts[1] <= 12, counts


def test_the_window_and_the_report_draw_the_same_chart(
    qtbot, window: HistoryWindow, journal: Journal, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """One chart: the window's widget and the PDF's images are both painted by
    ``chart.draw_chart``, from the same data for the same exercise."""
    drawn: list[chart.ChartData] = []
    original = chart.draw_chart

    def spy(painter, rect, data, palette, text_px):  # type: ignore[no-untyped-def]
        drawn.append(data)
        return original(painter, rect, data, palette, text_px)

    monkeypatch.setattr(chart, "draw_chart", spy)
    window.volume_chart.grab()
    on_screen = [d for d in drawn if d.title == "Reps per day: Clamshell"]
    assert on_screen, [d.title for d in drawn]
    drawn.clear()
    write_pdf(journal, LIBRARY, tmp_path / "report.pdf", clock=clock_on(TODAY))
    on_paper = [d for d in drawn if d.title == "Reps per day: Clamshell"]
    assert on_paper == on_screen[:1]
    assert on_paper[0].points(Side.LEFT) == [(day, 60.0) for day in DAYS]
    measured = [d for d in drawn if d.title == "Prone hip external rotation"]
    assert measured == [window.measurement_chart.data]
