"""Version 2 during a session, by keys: the load shown and corrected a step at a time (and
saved with each set), a range of seconds lengthened to its top, work intervals drawn, the
limb named with the side, and the session's own pain limit in the pain dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.loader import Library
from guide_app.core.model import Exercise, Session
from guide_app.core.pain_limit import PainLimit
from guide_app.core.steps import StepKind
from guide_app.speech.service import RecordingSpeech
from guide_app.ui import session_dialogs
from guide_app.ui.main_window import MainWindow
from guide_app.ui.pain_dialog import PainDialog
from tests.helpers.content import exercise
from tests.helpers.window import press, start, tick, when_shown

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _exercise(ex_id: str, sides: str, dosage: dict[str, Any], **more: Any) -> Exercise:
    cues = ("Brace, then pull with your {side} {limb}.",)
    return exercise(ex_id, sides=sides, cues=cues, tips=(), version=2, more=more, **dosage)


def _session(session_id: str, blocks: list[dict[str, Any]], **more: Any) -> Session:
    return Session.model_validate(
        {
            "version": 2,
            "kind": "session",
            "id": session_id,
            "title": session_id.capitalize(),
            "blocks": blocks,
            **more,
        }
    )


@pytest.fixture(scope="module")
def library() -> Library:
    """Rows with a load (one arm at a time, a rest of 30-45 s); a Tabata of squat jumps;
    a session with a pain limit of 4."""
    row = _exercise(
        "row",
        "one_at_a_time",
        {
            "sets": 2,
            "reps": 3,
            "load": "5 kg",
            "load_step": "2 kg",
            "effort": "RPE 7",
            "rest": "30-45",
        },
        limb="arm",
    )
    jump = _exercise("squat-jump", "both", {"reps": 10})
    tabata = {
        "intervals": {
            "title": "Tabata",
            "work": 20,
            "rest": 10,
            "rounds": 8,
            "count_reps": True,
            "exercises": [{"exercise": "squat-jump"}],
        }
    }
    sessions = [
        _session("rows", [{"exercise": "row"}]),
        _session("tabata", [tabata]),
        _session(
            "careful",
            [{"exercise": "row"}],
            pain={"during": 4, "say": "Stop and call the clinic if it stays."},
        ),
    ]
    return Library(exercises={row.id: row, jump.id: jump}, sessions={s.id: s for s in sessions})


def loads_saved(journal: Callable[[], Journal]) -> list[tuple[str, int, str | None]]:
    with journal() as opened:
        return [(s.side.value, s.set_number, s.load) for s in opened.sets_for(1)]


def test_the_load_keys_change_the_load_shown_and_the_load_saved(
    window: MainWindow,
    clock: FakeClock,
    voice: RecordingSpeech,
    open_journal: Callable[[], Journal],
) -> None:
    start(window, "rows")
    view = window.session
    assert view.caption.text() == "GET READY"
    assert view.dose.text() == "Load: 5 kg  ·  RPE 7"
    assert "LEFT ARM" in view.side.label.text(), "the side with its limb"
    assert view.cue.text() == "Brace, then pull with your left arm."
    press(window, Qt.Key.Key_BracketRight, text="]")
    assert view.dose.text() == "Load: 7 kg (prescribed 5 kg)  ·  RPE 7"
    assert voice.said[-1].text == "7 kilograms"
    assert window.display is not None
    assert window.display.view.dose.text() == view.dose.text(), "the clinic display too"
    tick(window, clock, 5)
    for _ in range(3):
        press(window, Qt.Key.Key_Space)
    assert view.caption.text().startswith("REST")
    assert view.dose.text().startswith("Load: 7 kg (prescribed 5 kg)"), "it carries on"
    press(window, Qt.Key.Key_L, text="l")  # lighter: back to what was prescribed
    assert view.dose.text() == "Load: 5 kg  ·  RPE 7"
    press(window, Qt.Key.Key_BracketLeft, text="[")
    assert view.dose.text().startswith("Load: 3 kg (prescribed 5 kg)")
    press(window, Qt.Key.Key_Space)  # end the rest early
    for _ in range(3):
        press(window, Qt.Key.Key_Space)
    assert view.side.side == "right"
    assert view.dose.text() == "Load: 5 kg  ·  RPE 7", "the right arm keeps its own load"
    press(window, Qt.Key.Key_L, text="L", modifiers=SHIFT)  # heavier, the other way
    assert view.dose.text().startswith("Load: 7 kg")
    assert loads_saved(open_journal) == [("left", 1, "7 kg"), ("left", 2, "3 kg")]


def test_the_extend_key_adds_the_rest_of_a_rests_range(
    window: MainWindow, clock: FakeClock
) -> None:
    start(window, "rows")
    view = window.session
    tick(window, clock, 5)
    for _ in range(3):
        press(window, Qt.Key.Key_Space)
    assert view.caption.text() == "REST  ·  30-45 s"
    assert "Press E to add the rest of the range (30-45 s)" in view.hint.text()
    tick(window, clock, 10)
    assert view.big.text() == "20"
    press(window, Qt.Key.Key_E, text="e")
    assert view.big.text() == "35"
    assert not view.hint.isVisibleTo(view), "nothing more to add"
    tick(window, clock, 34)
    assert view.caption.text().startswith("REST")
    tick(window, clock, 1)
    assert not view.caption.text().startswith("REST")


def test_a_work_interval_shows_work_its_number_and_the_reps_counted(
    window: MainWindow, clock: FakeClock
) -> None:
    start(window, "tabata")
    tick(window, clock, 5)
    assert window.display is not None
    for view in (window.session, window.display.view):
        assert view.readout.kind is StepKind.WORK
        assert (view.message.text(), view.set_text.text(), view.big.text()) == (
            "Work",
            "Interval 1 of 8",
            "20",
        )
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_Space)
    assert window.session.caption.text() == "2 REPS"
    assert window.session.big.text() == "20", "counting does not end the interval"
    tick(window, clock, 20)
    assert (window.session.message.text(), window.session.caption.text()) == ("Rest", "REST")
    assert window.session.set_text.text() == "Next: interval 2 of 8"


def test_the_sessions_pain_limit_decides_when_to_offer_skip_or_stop(
    qtbot: QtBot, window: MainWindow
) -> None:
    start(window, "careful")
    seen: dict[str, Any] = {}

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, PainDialog)
        dialog.score_buttons[4].click()
        seen["at 4"] = dialog.skip_button.isVisible()
        dialog.score_buttons[5].click()
        seen["at 5"] = dialog.skip_button.isVisible()
        seen["message"] = dialog.message.text()
        dialog.carry_on_button.click()

    when_shown(answer, seen)
    session_dialogs.report_pain(window, window.adapter)
    assert "error" not in seen, seen.get("error")
    assert (seen["at 4"], seen["at 5"]) == (False, True)
    assert "above your limit of 4" in seen["message"]
    assert "Stop and call the clinic if it stays." in seen["message"]


def test_with_no_limit_written_the_dialog_offers_skip_from_7(qtbot: QtBot) -> None:
    dialog = PainDialog(limit=PainLimit())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose(6)
    assert not dialog.skip_button.isVisible()
    dialog.choose(7)
    assert dialog.skip_button.isVisible()
    assert "Sharp or strong pain is a sign to stop." in dialog.message.text()


def _to_the_end(window: MainWindow, clock: FakeClock) -> None:
    for _ in range(500):
        runner = window.adapter.run.runner
        if runner is None or runner.done:
            break
        deadline = runner.next_deadline()
        if deadline is None:
            press(window, Qt.Key.Key_Space)
        else:
            tick(window, clock, max(deadline - clock.now(), 0.0))


def test_the_summary_shows_the_load_each_side_was_done_at(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    start(window, "rows")
    press(window, Qt.Key.Key_BracketRight, text="]")  # the left arm at 7 kg
    _to_the_end(window, clock)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary)
    table = window.summary.table
    column = window.summary.LOAD_COLUMN
    assert table.horizontalHeaderItem(column).text() == "Load"
    assert not table.isColumnHidden(column)
    loads = {table.item(r, 1).text(): table.item(r, column).text() for r in range(table.rowCount())}
    assert loads == {"◀ Left": "7 kg", "Right ▶": "5 kg"}


def test_the_summary_has_no_load_column_when_nothing_was_loaded(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    start(window, "tabata")
    _to_the_end(window, clock)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary)
    assert window.summary.table.isColumnHidden(window.summary.LOAD_COLUMN)
