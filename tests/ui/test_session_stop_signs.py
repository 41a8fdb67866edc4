"""The session screens show an exercise's stop signs on its get-ready, in a box marked as
safety information (a symbol, words and a frame, never colour alone), on the laptop and
on the clinic display, and the tip on screen is the tip last said (issue 18)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from guide_app.core import symbols
from guide_app.core.clock import FakeClock
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.readout import Readout
from guide_app.core.sides import Side
from guide_app.core.steps import StepKind
from guide_app.core.voice import Priority
from guide_app.speech.service import RecordingSpeech
from guide_app.ui import text_scale, theme
from guide_app.ui.main_window import MainWindow
from guide_app.ui.session_view import SessionView
from tests.helpers.content import block, session
from tests.helpers.patient import patient_step
from tests.helpers.window import press, start, tick

# Three long stop signs: the most a get-ready is expected to hold.
LONG_SIGNS = (
    "Sharp, stabbing or pinching pain at the front of the hip or in the groin that does "
    "not ease when you stop.",
    "Numbness, tingling or pins and needles that spreads down the leg towards the foot "
    "while you hold the position.",
    "Pain in the low back that travels into the buttock or down the back of the thigh, or "
    "that is worse the next morning.",
)
TITLE_BAR = 40  # what a window manager's frame takes from a laptop's screen


@pytest.fixture
def library() -> Library:
    """The bundled library with the glute bridge's stop signs long, and a session of three
    sets of it with rests long enough for a tip."""
    lib = load_library([bundled_root()])
    bridge = lib.exercises["glute-bridge"]
    lib.exercises[bridge.id] = bridge.model_copy(update={"stop_signs": LONG_SIGNS})
    three = session(
        block(bridge.id, sets=3, reps=2, pace="self", rest=20), session_id="three-bridges"
    )
    lib.sessions[three.id] = three
    return lib


def box_text(view: SessionView) -> str:
    return view.safety.text() if view.safety.isVisible() else ""


@pytest.mark.parametrize("screen", [QSize(1366, 768), QSize(1280, 720)])
def test_the_get_ready_shows_the_stop_signs_on_both_screens_and_they_fit(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, screen: QSize
) -> None:
    window.resize(screen.width(), screen.height() - TITLE_BAR)
    start(window, "first-session")
    assert not window.session.safety.isVisible(), "the welcome note: no stop signs"
    press(window, Qt.Key.Key_Space)  # past the note, to the glute bridge's get-ready
    qtbot.wait(10)
    assert window.session.readout.kind is StepKind.READY
    for view in (window.session, window.display.view):
        text = box_text(view)
        lines = text.splitlines()
        assert lines[0] == f"{symbols.WARNING} Stop if:", "a symbol and words head it"
        assert lines[1:] == [f"{symbols.BULLET} {sign}" for sign in LONG_SIGNS]
    need = window.session.minimumSizeHint()
    room = window.pages.size()
    assert need.width() <= room.width() and need.height() <= room.height(), (need, room)
    window.display.view.resize(screen)  # the display full screen
    assert text_scale.fits(window.display.view, screen)

    tick(window, clock, 5)  # the first rep
    assert window.session.readout.kind is StepKind.REP
    assert box_text(window.session) == "" and box_text(window.display.view) == ""
    for _ in range(5):
        press(window, Qt.Key.Key_Space)
    assert window.session.readout.kind is StepKind.REST
    assert box_text(window.session) == "", "a rest shows no stop signs"


def test_the_stop_signs_are_said_once_in_a_session_that_comes_back_to_the_exercise(
    window: MainWindow, clock: FakeClock, voice: RecordingSpeech
) -> None:
    """The first session does the glute bridge in a block and again in its circuit."""
    start(window, "first-session")
    run = window.adapter.run
    for _ in range(400):  # a patient person to the end
        if run.done:
            break
        patient_step(run, clock, press_next=window.adapter.next, tick=window.adapter.tick)
    assert run.done
    said = [s.text for s in voice.said if s.priority is Priority.SAFETY]
    bridge = ["Stop if you notice any of these:", *LONG_SIGNS]
    assert said[: len(bridge)] == bridge, "the first get-ready says them, in order"
    assert all(said.count(sign) == 1 for sign in LONG_SIGNS), "and no later one"


def test_the_tip_on_screen_is_the_tip_last_said(
    window: MainWindow, clock: FakeClock, voice: RecordingSpeech, library: Library
) -> None:
    tips = library.exercises["glute-bridge"].tips
    start(window, "three-bridges")
    assert window.session.tips.text() == f"Tip: {tips[0]}", "before any is said: the first"
    press(window, Qt.Key.Key_Space)  # a key starts the get-ready's set at once
    shown: list[tuple[StepKind, int | None, str]] = []
    for _ in range(12):
        readout = window.session.readout
        shown.append((readout.kind, _set_no(readout), window.session.tips.text()))
        if readout.kind is StepKind.REST:
            tick(window, clock, 20)
        else:
            press(window, Qt.Key.Key_Space)
        if window.adapter.run.done:
            break
    rests = [tip for kind, _, tip in shown if kind is StepKind.REST]
    assert rests == [f"Tip: {tips[0]}", f"Tip: {tips[1]}"], "each rest shows the tip it says"
    said = [s.text for s in voice.said if s.priority is Priority.TIP]
    assert said == [tips[0], tips[1]]
    last_set = {tip for kind, n, tip in shown if kind is StepKind.REP and n == 3}
    assert last_set == {f"Tip: {tips[1]}"}, "the reps after the second rest still show it"


def _set_no(readout: Readout) -> int | None:
    words = readout.set_text.split()  # "Set 2 of 3"
    return int(words[1]) if len(words) > 1 and words[1].isdigit() else None


READY = Readout(
    exercise_name="Clamshell",
    kind=StepKind.READY,
    big="5",
    big_caption="get ready",
    side=Side.LEFT,
    stop_signs=("Sharp pain in the left hip.", "Numbness."),
)


@pytest.mark.parametrize("display", [False, True])
def test_the_box_shows_on_a_get_ready_only(qtbot: QtBot, display: bool) -> None:
    view = SessionView(display=display)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.show_readout(READY)
    assert box_text(view).splitlines() == [
        f"{symbols.WARNING} Stop if:",
        f"{symbols.BULLET} Sharp pain in the left hip.",
        f"{symbols.BULLET} Numbness.",
    ]
    for kind in (StepKind.REP, StepKind.HOLD, StepKind.REST, StepKind.SWITCH):
        view.show_readout(replace(READY, kind=kind))
        assert box_text(view) == "", kind
    view.show_readout(replace(READY, stop_signs=()))
    assert box_text(view) == "", "an exercise without stop signs: no box"


def test_the_box_is_marked_by_more_than_colour(qtbot: QtBot) -> None:
    view = SessionView()
    qtbot.addWidget(view)
    view.show()
    view.show_readout(READY)
    style = view.safety.styleSheet()
    assert theme.WARNING_BG in style and theme.ACCENT in style and "border" in style
    assert theme.LEFT not in style and theme.RIGHT not in style, "not a side's colour"
    assert view.safety.textFormat() is Qt.TextFormat.PlainText
    assert view.safety.text().startswith(symbols.WARNING)
    assert view.safety.font().pixelSize() >= view.tips.font().pixelSize()
