"""Recording what happened, as a person sees it in the window: the resume prompt, effort
ratings on the summary, the measurement box, holds on the summary and the pain dialog
(issue 11, items 16-20)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from guide_app import app as app_module
from guide_app.cli import build_parser
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal, SetRecord
from guide_app.core.sides import Side
from guide_app.core.steps import Step, StepKind
from guide_app.core.summary import PainNote, SideSummary, Summary
from guide_app.ui import session_dialogs
from guide_app.ui.main_window import MainWindow
from guide_app.ui.pain_dialog import PainDialog
from guide_app.ui.summary import SummaryPage
from tests.helpers.window import start, when_shown


def seed_interrupted(path: Path, done: int, skipped: int, cut_short: int = 0) -> None:
    with Journal(path) as journal:
        row = journal.begin_session("first-session", "First session - a five-minute tour")
        n = 0
        for kind, count in (("done", done), ("skipped", skipped), ("cut", cut_short)):
            for _ in range(count):
                n += 1
                journal.record_set(
                    row,
                    SetRecord(
                        "figure-4-stretch",
                        Side.LEFT,
                        n,
                        1,
                        0 if kind == "skipped" else 1,
                        hold_planned=20,
                        hold_achieved={"done": 20.0, "skipped": 0.0, "cut": 2.0}[kind],
                        skipped=kind != "done",
                    ),
                )


def test_the_resume_prompt_counts_done_cut_short_and_skipped_sets(
    window: MainWindow, journal_path: Path
) -> None:
    seed_interrupted(journal_path, done=9, skipped=5, cut_short=1)
    pending = window.adapter.interrupted()
    assert pending is not None
    seen: dict[str, Any] = {}

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        box.reject()

    when_shown(read, seen)
    assert not window.offer_resume(*pending)
    assert "9 sets were done, 1 cut short, 5 skipped" in seen["text"]
    assert "completed set(s)" not in seen["text"]


def finish_app(tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Open the app as ``guide-app --data-dir`` does; return the resume prompts shown."""
    offered: list[int] = []

    def offer(self: MainWindow, record: Any, sets: list[SetRecord]) -> bool:
        offered.append(len(sets))
        return False

    monkeypatch.setattr(MainWindow, "offer_resume", offer)
    args = build_parser().parse_args(
        ["--no-voice", "--no-user-library", "--data-dir", str(tmp_path)]
    )
    window = MainWindow(settings)
    try:
        app_module._finish(window, args, settings, None)
    finally:
        window.adapter.shutdown()
        window.close()
        window.deleteLater()
    return offered


def test_no_resume_prompt_for_a_run_that_saved_nothing(
    qtbot: QtBot, tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    with Journal(path) as journal:
        journal.begin_session("first-session", "First session")  # killed on the first note
    assert finish_app(tmp_path, settings, monkeypatch) == []
    with Journal(path) as journal:
        assert journal.interrupted_session() is None, "the empty run was closed"
    seed_interrupted(path, done=2, skipped=0)
    assert finish_app(tmp_path, settings, monkeypatch) == [2], "a run with sets is offered"


# --------------------------------------------------------------------------- item 17


def run_to_summary(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    """Carry on through the whole first session like a patient person, measuring 40."""
    run = window.adapter.run
    with qtbot.waitSignal(window.adapter.finished, timeout=5000):
        for _ in range(10_000):
            if run.done:
                break
            at = run.wake_at()
            if run.runner is not None and run.runner.step.kind is StepKind.MEASURE:
                window.adapter.record_measure(40.0)
            elif at is None:
                clock.advance(3)
                window.adapter.next()
            else:
                clock.set(max(at, clock.now()))
                window.adapter.tick()
    assert window.pages.currentWidget() is window.summary


def test_the_summary_rates_every_exercise_and_fits_a_laptop_screen(
    qtbot: QtBot,
    window: MainWindow,
    clock: FakeClock,
    journal_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(session_dialogs, "ask_measure", lambda parent, step: 40.0)
    window.showNormal()
    window.resize(1366, 768)
    start(window, "first-session")
    run_to_summary(qtbot, window, clock)
    page = window.summary
    table = page.table
    names = {table.item(r, 0).text(): r for r in range(table.rowCount()) if table.item(r, 0).text()}
    assert {"Bridge with Band", "Clamshell", "Figure-4 Stretch", "Fire Hydrant"} <= set(names)
    boxes = [table.cellWidget(r, page.EFFORT_COLUMN) for r in range(table.rowCount())]
    assert all(isinstance(b, QComboBox) for b in boxes), "each row has its effort rating"
    assert all(b.currentIndex() == 0 for b in boxes), "nothing rated yet: nothing chosen"
    # The last exercise, right side: rated on the summary, saved in the journal.
    last = max(r for r in range(table.rowCount()) if "Hydrant" in rowname(table, r))
    box = boxes[last]
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData(8))
    with Journal(journal_path) as journal:
        [session] = journal.sessions()
        assert [(e.exercise_id, e.side, e.score) for e in journal.effort_for(session.row)] == [
            ("fire-hydrant", Side.RIGHT, 8)
        ]
    # Everything fits at 1366x768: every rating box and the way home are on screen.
    QApplication.processEvents()
    assert window.width() <= 1366 and window.height() <= 768
    viewport = table.viewport()
    for b in boxes:
        assert b is not None and b.isVisible()
        right = b.mapTo(viewport, b.rect().bottomRight())
        assert right.x() <= viewport.width(), "the rating column is not cut off"
        assert right.y() <= viewport.height(), "no row needs scrolling to"
    home = page.home.mapTo(window, page.home.rect().bottomRight())
    assert page.home.isVisible() and home.y() <= window.height()


def rowname(table: Any, row: int) -> str:
    """A row's exercise: the name is on an exercise's first row only."""
    for r in range(row, -1, -1):
        if table.item(r, 0).text():
            return str(table.item(r, 0).text())
    return ""


def test_an_effort_key_while_the_question_is_open_into_the_next_exercise(
    window: MainWindow, clock: FakeClock, journal_path: Path
) -> None:
    start(window, "first-session")
    run = window.adapter.run
    for _ in range(200):
        readout = run.readout()
        if (
            readout is not None
            and readout.exercise_name == "Clamshell"
            and (readout.kind is StepKind.PHASE)
        ):
            break
        at = run.wake_at()
        if at is None:
            clock.advance(3)
            window.adapter.next()
        else:
            clock.set(max(at, clock.now()))
            window.adapter.tick()
    clock.advance(3)
    window.adapter.tick()
    assert "How hard was Bridge with Band?" in window.session.prompt.text()
    window._effort_key("7")
    assert window.session.prompt.text() == ""
    assert "7" in window.notice.text() and "Bridge with Band" in window.notice.text()


# --------------------------------------------------------------------------- item 18


def measure_step() -> Step:
    return Step(
        kind=StepKind.MEASURE,
        duration=None,
        name="Prone hip external rotation",
        measure_unit="degrees",
    )


def test_the_measurement_box_opens_empty_and_enter_on_empty_asks_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    seen: dict[str, Any] = {}

    def try_enter_then_skip(dialog: QWidget) -> None:
        edit = dialog.findChild(QLineEdit)
        assert edit is not None
        seen["text"] = edit.text()
        QTest.keyClick(edit, Qt.Key.Key_Return)
        seen["still_open"] = dialog.isVisible()
        seen["said"] = " ".join(
            label.text() for label in dialog.findChildren(QLabel) if label.isVisible()
        )
        skip = getattr(dialog, "skip_button", None)
        assert skip is not None, "there is a visible way to leave the measurement out"
        seen["skip_text"] = skip.text()
        skip.click()

    when_shown(try_enter_then_skip, seen)
    value = session_dialogs.ask_measure(window, measure_step())
    assert "error" not in seen, seen.get("error")
    assert seen["text"] == "", "the box opens empty, not at 0"
    assert seen["still_open"], "Enter on an empty box saves nothing and asks again"
    assert "number" in seen["said"].lower(), "it says what it wants"
    assert "skip" in seen["skip_text"].lower()
    assert value is None, "skipped: nothing saved"


def test_a_typed_measurement_is_saved(qtbot: QtBot, window: MainWindow) -> None:
    seen: dict[str, Any] = {}

    def type_and_enter(dialog: QWidget) -> None:
        edit = dialog.findChild(QLineEdit)
        assert edit is not None
        QTest.keyClicks(edit, "37.5")
        QTest.keyClick(edit, Qt.Key.Key_Return)

    when_shown(type_and_enter, seen)
    assert session_dialogs.ask_measure(window, measure_step()) == 37.5
    assert "left_open" not in seen


def test_a_measurement_left_out_is_said(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_dialogs, "ask_measure", lambda parent, step: None)
    start(window, "first-session")
    runner = window.adapter.run.runner
    assert runner is not None
    for _ in range(50):
        if runner.step.kind is StepKind.MEASURE:
            break
        if runner.step.kind in (StepKind.NOTE, StepKind.REST):
            window.adapter.next()
        else:
            window.adapter.skip_exercise()
    assert runner.step.kind is StepKind.MEASURE
    qtbot.waitUntil(lambda: "not measured" in window.notice.text().lower(), timeout=2000)


# --------------------------------------------------------------------------- item 19


def test_the_summary_shows_holds_with_planned_and_held_seconds(qtbot: QtBot) -> None:
    page = SummaryPage()
    qtbot.addWidget(page)
    row = SideSummary(
        exercise="Figure-4 Stretch",
        side=Side.LEFT,
        sets_done=2,
        sets_planned=3,
        reps_done=3,
        reps_planned=3,
        hold_seconds=41.27756,
        skipped_sets=0,
        exercise_id="figure-4-stretch",
        unit="holds",
        hold_planned=60.0,
        cut_short=1,
    )
    page.show_summary(Summary("Stretches", stopped=False, rows=(row,)))
    cells = [page.table.item(0, c).text() for c in range(page.EFFORT_COLUMN)]
    text = " | ".join(c for c in cells if c)
    assert "3 of 3 holds" in text
    assert "41.3 s of 60.0 s" in text
    assert "1.27756" not in text
    assert "1 cut short" in text


# --------------------------------------------------------------------------- item 20


def test_the_pain_dialog_is_large_and_starts_with_no_score(qtbot: QtBot) -> None:
    dialog = PainDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() >= 800 and dialog.height() >= 450, dialog.size()
    assert dialog.width() <= 1280 and dialog.height() <= 720, "fits the smallest screen"
    assert dialog.score() is None, "no score until one is chosen"
    assert len(dialog.score_buttons) == 11
    assert all(b.height() >= 64 and b.width() >= 64 for b in dialog.score_buttons)
    assert QFont(dialog.score_buttons[0].font()).pointSizeF() >= 20
    dialog.save_button.click()
    assert dialog.isVisible() and "choose" in dialog.message.text().lower()
    QTest.keyClick(dialog, Qt.Key.Key_4)
    assert dialog.score() == 4
    assert not dialog.stop_button.isVisible(), "a low score just saves"


def report(window: MainWindow, score: int, button: str) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, PainDialog)
        dialog.score_buttons[score].click()
        seen["choices"] = [
            b.text() for b in (dialog.skip_button, dialog.stop_button, dialog.carry_on_button)
            if b.isVisible()
        ]  # fmt: skip
        getattr(dialog, button).click()

    when_shown(answer, seen)
    session_dialogs.report_pain(window, window.adapter)
    return seen


def to_clamshell(window: MainWindow, clock: FakeClock) -> None:
    start(window, "first-session")
    window.adapter.next()  # past the note
    window.adapter.skip_exercise()
    clock.advance(5)
    window.adapter.tick()
    assert window.session.name.text() == "Clamshell"


def test_high_pain_offers_skip_stop_or_carry_on(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    to_clamshell(window, clock)
    seen = report(window, 8, "carry_on_button")
    assert "error" not in seen, seen.get("error")
    assert [t.replace("&", "") for t in seen["choices"]] == [
        "Skip this exercise",
        "Stop the session",
        "Carry on",
    ]
    assert window.session.name.text() == "Clamshell", "carry on: still the clamshell"
    seen = report(window, 9, "stop_button")
    with qtbot.waitSignal(window.adapter.finished, timeout=2000):
        pass
    assert window.pages.currentWidget() is window.summary, "stop: the session ended"
    pain = window.summary.pain.text()
    assert "8" in pain and "9" in pain and "Clamshell" in pain, pain


def test_high_pain_can_skip_the_exercise(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    to_clamshell(window, clock)
    report(window, 7, "skip_button")
    assert window.session.name.text() != "Clamshell"
    assert window.adapter.paused, "the session waits until the person is ready"


def test_the_summary_lists_pain_reports(qtbot: QtBot) -> None:
    page = SummaryPage()
    qtbot.addWidget(page)
    pain = (PainNote("Clamshell", Side.LEFT, 8, "front of the hip"),)
    page.show_summary(Summary("First session", stopped=True, pain=pain))
    assert page.pain.isVisibleTo(page)
    assert "8" in page.pain.text() and "front of the hip" in page.pain.text()
