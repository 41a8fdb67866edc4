"""The session window, driven by keys alone, as a person at home or a physio would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.sides import Side
from guide_app.core.voice import VoiceStatus
from guide_app.speech.service import RecordingSpeech
from guide_app.ui.main_window import MainWindow
from guide_app.ui.pain_dialog import PainDialog
from tests.helpers.window import one_set_then_stop, press, start, summary_rows, tick


def test_a_whole_session_by_keys(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, voice: RecordingSpeech
) -> None:
    start(window, "first-session")
    view = window.session

    # The welcome note waits for a key.
    assert view.caption.text() == "NOTE"
    assert "Welcome" in view.message.text()
    press(window, Qt.Key.Key_Space)

    # Get ready for the bridge: a 5 s countdown, then self-paced reps counted by key.
    assert view.name.text() == "Bridge with Band"
    assert view.caption.text() == "GET READY"
    assert view.big.text() == "5"
    tick(window, clock, 5)
    assert view.big.text() == "0 / 5"
    assert view.side.label.text() == "BOTH SIDES"
    assert view.set_text.text() == "Set 1 of 2"
    for n in range(1, 4):
        press(window, Qt.Key.Key_Space)
        assert view.big.text() == f"{n} / 5"
    press(window, Qt.Key.Key_Left)  # back undoes the last rep
    assert view.big.text() == "2 / 5"
    press(window, Qt.Key.Key_PageDown)  # a clicker's "next"
    assert view.big.text() == "3 / 5"

    # Pause: the readout says so and time stands still.
    press(window, Qt.Key.Key_P, text="p")
    assert "PAUSED" in view.flags.text()
    tick(window, clock, 60)
    press(window, Qt.Key.Key_B, text="b")  # a clicker's blank-screen button resumes
    assert "PAUSED" not in view.flags.text()
    assert view.big.text() == "3 / 5"

    # Mute: shown on screen and passed to the voice.
    press(window, Qt.Key.Key_M, text="m")
    assert "MUTED" in view.flags.text()
    assert voice.muted
    press(window, Qt.Key.Key_M, text="m")
    assert "MUTED" not in view.flags.text()

    # Skip the rest of the bridge: on to the clamshell, left side first (affected).
    press(window, Qt.Key.Key_S, text="s")
    assert view.name.text() == "Clamshell"
    assert view.side.side == Side.LEFT
    assert "LEFT" in view.side.label.text() and "◀" in view.side.label.text()
    assert view.picture.mirrored is False  # drawn for the left side

    # Tempo reps: the phase word is the readout, changing on the beat.
    tick(window, clock, 5)
    assert view.big.text() == "OUT"
    tick(window, clock, 2)
    assert view.big.text() == "HOLD"
    tick(window, clock, 1)
    assert view.big.text() == "BACK"

    # Full screen on and off.
    press(window, Qt.Key.Key_F, text="f")
    assert window.isFullScreen()
    press(window, Qt.Key.Key_Escape)
    assert not window.isFullScreen()

    # Stop: the summary shows what was done per exercise and side.
    with qtbot.waitSignal(window.adapter.finished):
        press(window, Qt.Key.Key_Q, text="\x11", modifiers=Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.summary
    rows = summary_rows(window)
    assert rows[("Bridge with Band", "Both")].startswith("3 of")


def test_holding_a_key_down_counts_one_rep(window: MainWindow, clock: FakeClock) -> None:
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)  # past the note
    tick(window, clock, 5)  # past get ready
    assert window.session.big.text() == "0 / 5"
    press(window, Qt.Key.Key_Space)
    for _ in range(10):  # the keyboard's auto-repeat while the key is held
        press(window, Qt.Key.Key_Space, repeat=True)
    assert window.session.big.text() == "1 / 5"


def test_the_switch_sides_moment_is_unmistakable(window: MainWindow, clock: FakeClock) -> None:
    start(window, "first-session", affected="right")
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_S, text="s")  # skip the bridge
    assert window.session.side.side == Side.RIGHT  # the affected side goes first
    assert window.session.picture.mirrored is True  # drawn left, shown for the right
    # Run the clamshell's right side to its end: 5 s ready + 4 tempo reps of 6 s.
    tick(window, clock, 5 + 4 * 6)
    view = window.session
    assert view.caption.text() == "SWITCH"
    assert "left" in view.message.text().lower()
    assert view.side.side == Side.LEFT
    assert "◀" in view.side.label.text()


def test_the_display_mirrors_the_control_window(window: MainWindow, clock: FakeClock) -> None:
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)
    tick(window, clock, 5)
    press(window, Qt.Key.Key_Space)
    assert window.display is not None
    shown = window.display.view.readout
    assert shown == window.session.readout
    assert window.display.view.big.text() == "1 / 5"
    assert window.display.view.name.text() == "Bridge with Band"


def test_help_lists_every_key_from_the_table(window: MainWindow) -> None:
    press(window, Qt.Key.Key_F1)  # on Home, typed characters go to the search box
    assert window.help.isVisible()
    press(window, Qt.Key.Key_F1)
    assert not window.help.isVisible()
    start(window, "first-session")
    press(window, Qt.Key.Key_Question, text="?")
    assert window.help.isVisible()
    text = window.help.text()
    for label in ("Next: count a rep", "Pause or resume", "Mute", "Full screen", "Skip"):
        assert label in text
    press(window, Qt.Key.Key_H, text="h")
    assert not window.help.isVisible()


def test_text_size_keys_scale_the_session_view(window: MainWindow) -> None:
    start(window, "first-session")
    before = window.session.big.font().pixelSize()
    press(window, Qt.Key.Key_Plus, text="+")
    assert window.session.big.font().pixelSize() > before
    press(window, Qt.Key.Key_Minus, text="-")
    press(window, Qt.Key.Key_Minus, text="-")
    assert window.session.big.font().pixelSize() < before


def test_completed_sets_are_in_the_journal_as_they_happen(
    window: MainWindow, clock: FakeClock, journal_path: Path
) -> None:
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)
    tick(window, clock, 5)
    for _ in range(5):
        press(window, Qt.Key.Key_Space)
    journal = Journal(journal_path, clock=clock)
    running = journal.interrupted_session()
    assert running is not None
    sets = journal.sets_for(running.row)
    assert [(s.exercise_id, s.side, s.set_number, s.done_reps) for s in sets] == [
        ("glute-bridge", Side.BOTH, 1, 5)
    ]
    journal.close()


def test_voice_fault_is_said_once_plainly(window: MainWindow) -> None:
    window.voice_status(VoiceStatus.NO_SOUND)
    assert window.notice.isVisible()
    assert window.notice.text() == "No sound device - cues are on screen"
    window.show_notice("")
    window.voice_status(VoiceStatus.NO_SOUND)
    assert not window.notice.isVisible(), "the same fault is not repeated"


def test_a_voice_fault_notice_goes_when_the_voice_is_back(window: MainWindow) -> None:
    window.voice_status(VoiceStatus.NO_SOUND)
    window.voice_status(VoiceStatus.READY)
    assert not window.notice.isVisible(), "the fault is over"
    window.voice_status(VoiceStatus.NO_SOUND)
    window.show_notice("Only one screen: the display opened as a window.")
    window.voice_status(VoiceStatus.READY)
    assert window.notice.text() == "Only one screen: the display opened as a window.", (
        "a later notice stays when the voice comes back"
    )


def test_effort_is_rated_by_a_digit_after_an_exercise(
    window: MainWindow, clock: FakeClock, journal_path: Path
) -> None:
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)
    tick(window, clock, 5)
    for _ in range(5):
        press(window, Qt.Key.Key_Space)
    tick(window, clock, 20)  # the rest
    for _ in range(5):
        press(window, Qt.Key.Key_Space)  # the bridge is done
    assert "How hard was Bridge with Band?" in window.session.prompt.text()
    press(window, Qt.Key.Key_7, text="7")
    assert window.session.prompt.text() == ""
    journal = Journal(journal_path, clock=clock)
    running = journal.interrupted_session()
    assert running is not None
    assert [(e.exercise_id, e.side, e.score) for e in journal.effort_for(running.row)] == [
        ("glute-bridge", Side.BOTH, 7)
    ]
    journal.close()


def test_reporting_high_pain_pauses_logs_and_offers_to_skip(
    window: MainWindow, clock: FakeClock, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start(window, "first-session", affected="left")
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_S, text="s")  # skip to the clamshell, left side
    tick(window, clock, 5)
    monkeypatch.setattr(PainDialog, "exec", lambda self: PainDialog.SKIP)
    monkeypatch.setattr(PainDialog, "score", lambda self: 8)
    monkeypatch.setattr(PainDialog, "where", lambda self: "front of the hip")
    window.session.pain.click()  # the button; Ctrl+P does the same
    assert window.adapter.paused
    assert window.session.name.text() != "Clamshell", "a high score skipped the exercise"
    journal = Journal(journal_path, clock=clock)
    running = journal.interrupted_session()
    assert running is not None
    [pain] = journal.pain_for(running.row)
    assert (pain.exercise_id, pain.side, pain.score, pain.where) == (
        "clamshell",
        Side.LEFT,
        8,
        "front of the hip",
    )
    journal.close()


def test_the_history_opens_from_home_and_shows_the_sessions(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    start(window, "first-session")
    one_set_then_stop(window, clock, qtbot)
    assert window.pages.currentWidget() is window.summary
    window.summary.home.click()
    assert window.pages.currentWidget() is window.home
    window.home.history_button.click()
    history = window._history
    assert history.isVisible()
    tables = history.findChildren(QTableWidget)
    cells = [
        t.item(r, c).text()
        for t in tables
        for r in range(t.rowCount())
        for c in range(t.columnCount())
        if t.item(r, c) is not None
    ]
    assert any("Bridge with Band" in cell for cell in cells)
    history.close()


def test_a_set_taken_back_and_done_again_is_in_the_journal_once(
    window: MainWindow, clock: FakeClock, journal_path: Path
) -> None:
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)
    tick(window, clock, 5)
    for _ in range(5):
        press(window, Qt.Key.Key_Space)  # set 1 done and saved
    assert window.session.caption.text() == "REST"
    press(window, Qt.Key.Key_Left)  # back: the last rep, and so the set, taken back
    assert window.session.big.text() == "4 / 5"
    press(window, Qt.Key.Key_Space)  # set 1 done again
    journal = Journal(journal_path, clock=clock)
    running = journal.interrupted_session()
    assert running is not None
    sets = [
        (s.exercise_id, s.side, s.set_number, s.done_reps) for s in journal.sets_for(running.row)
    ]
    assert sets == [("glute-bridge", Side.BOTH, 1, 5)]
    journal.close()
