"""The clinic display follows the session: the readout, then a short "done" or "stopped"
screen, Home's neutral screen, the resume prompt; never a stale "LIFT · REP 5 OF 20"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from guide_app.core.plan import StepKind
from guide_app.core.readout import Readout
from guide_app.core.sides import Side
from guide_app.core.summary import SideSummary, Summary
from guide_app.ui import session_dialogs
from guide_app.ui.display import DisplayWindow
from guide_app.ui.main_window import MainWindow
from tests.helpers.window import press, start

LIFTING = Readout(
    exercise_name="Bridge with Band",
    kind=StepKind.PHASE,
    big="LIFT",
    big_caption="rep 5 of 20",
    side=Side.LEFT,
    set_text="Set 1 of 3",
)
ROWS = (SideSummary("Bridge with Band", Side.LEFT, 1, 3, 25, 60, 0.0, 0),)


def shown(display: DisplayWindow) -> str:
    """Every word the wall display shows now, as one string."""
    return " ".join(
        label.text()
        for label in display.findChildren(QLabel)
        if label.isVisibleTo(display) and label.text().strip()
    )


def biggest(display: DisplayWindow) -> QLabel:
    labels = [
        label
        for label in display.findChildren(QLabel)
        if label.isVisibleTo(display) and label.text().strip()
    ]
    return max(labels, key=lambda label: label.font().pixelSize())


@pytest.fixture
def display(qtbot: QtBot) -> DisplayWindow:
    window = DisplayWindow()
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.show_readout(LIFTING)
    assert "LIFT" in shown(window)
    return window


@pytest.mark.parametrize(("stopped", "words"), [(True, "Session stopped"), (False, "Session done")])
def test_the_summary_replaces_the_readout(
    display: DisplayWindow, stopped: bool, words: str
) -> None:
    display.show_summary(Summary("Hip cuff circuit", stopped=stopped, rows=ROWS))
    text = shown(display)
    assert "LIFT" not in text and "REP 5 OF 20" not in text.upper()
    assert words in biggest(display).text(), "the news is the biggest thing, for the patient"
    assert biggest(display).font().pixelSize() >= 1080 * 0.08
    assert "Hip cuff circuit" in text


def test_home_is_a_neutral_screen(display: DisplayWindow) -> None:
    display.show_home()
    text = shown(display)
    assert "LIFT" not in text and "Bridge" not in text
    assert "Session Guide" in text
    for alarming in ("PAUSED", "stopped", "error", "No ", "!"):
        assert alarming not in text


def test_the_resume_prompt_says_what_is_being_chosen(display: DisplayWindow) -> None:
    display.show_resume_prompt("Iliopsoas rehab, weeks 1-2")
    text = shown(display)
    assert "LIFT" not in text
    assert "Iliopsoas rehab, weeks 1-2" in text
    assert "therapist" in text


def test_a_new_readout_brings_the_session_back(display: DisplayWindow) -> None:
    display.show_home()
    display.show_readout(LIFTING)
    text = shown(display)
    assert "LIFT" in text and "Session Guide" not in text


# ---------------------------------------------------------------- wired to the main window


def test_the_wall_follows_the_laptop_through_stop_and_home(
    qtbot: QtBot, window: MainWindow
) -> None:
    display = window.display
    assert display is not None
    assert "Session Guide" in shown(display), "before a session: the neutral screen"
    start(window, "first-session")
    assert "Bridge" in shown(display) or "Welcome" in shown(display) or "NOTE" in shown(display)
    press(window, Qt.Key.Key_Q, text="\x11", modifiers=Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary, timeout=2000)
    assert "Session stopped" in shown(display)
    assert "REP" not in shown(display).upper().split("STOPPED")[0]
    qtbot.keyClick(window.summary.home, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.home
    assert "The next session starts here" in shown(display)


def test_the_wall_shows_the_resume_prompt_while_the_therapist_chooses(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    display = window.display
    assert display is not None
    seen: list[str] = []

    def choose_not_now(*_: object) -> bool:
        seen.append(shown(display))
        return False

    monkeypatch.setattr(session_dialogs, "offer_resume", choose_not_now)
    record = SimpleNamespace(title="Hip cuff strength")
    window.offer_resume(record, [])  # type: ignore[arg-type]
    assert "Resuming Hip cuff strength" in seen[0]
    assert "The next session starts here" in shown(display), "Not now: back to neutral"
