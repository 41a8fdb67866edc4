"""Readable across a clinic room: big enough digits, strong enough contrast, sides not by
colour alone."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.plan import StepKind
from guide_app.core.readout import Readout
from guide_app.core.sides import Side
from guide_app.ui import theme
from guide_app.ui.display import DisplayWindow
from guide_app.ui.session_view import SessionView


@pytest.mark.parametrize("colour", [theme.TEXT, theme.LEFT, theme.RIGHT, theme.ACCENT])
def test_key_readouts_reach_7_to_1_against_the_background(colour: str) -> None:
    assert theme.contrast(colour, theme.BACKGROUND) >= 7.0


def test_display_timer_digits_are_a_tenth_of_a_1080_screen(qtbot: QtBot) -> None:
    display = DisplayWindow()
    qtbot.addWidget(display)
    display.resize(1920, 1080)
    display.show()
    qtbot.waitExposed(display)
    display.show_readout(
        Readout(exercise_name="Clamshell", kind=StepKind.HOLD, big="0:28", side=Side.LEFT)
    )
    digits = QFontMetrics(display.view.big.font()).tightBoundingRect("0123456789")
    assert digits.height() >= 108, digits.height()


def test_each_side_has_a_word_an_arrow_and_a_place(qtbot: QtBot) -> None:
    display = DisplayWindow()
    qtbot.addWidget(display)
    for side, word, arrow in ((Side.LEFT, "LEFT", "◀"), (Side.RIGHT, "RIGHT", "▶")):
        display.show_readout(Readout(exercise_name="Clamshell", kind=StepKind.REP, side=side))
        label = display.view.side.label
        assert word in label.text() and arrow in label.text()
        left_aligned = bool(label.alignment() & label.alignment().AlignLeft)
        assert left_aligned == (side is Side.LEFT)


# ------------------------------------------------------------------ paused (issue 11, item 8)


def _visible_labels(widget: QWidget) -> list[QLabel]:
    return [
        label
        for label in widget.findChildren(QLabel)
        if label.isVisibleTo(widget) and label.text().strip()
    ]


def _brightest(label: QLabel) -> float:
    """The contrast against the background of the brightest ink the label paints: its
    text's colour, on the app's dark background."""
    image = label.grab().toImage()
    best = 1.0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            best = max(best, theme.contrast(image.pixelColor(x, y).name(), theme.BACKGROUND))
    return best


PAUSED_ON_A_TEMPO_REP = Readout(
    exercise_name="Clamshell",
    kind=StepKind.PHASE,
    big="HOLD",
    big_caption="rep 2 of 4",
    progress=0.4,
    set_text="Set 1 of 1",
    side=Side.RIGHT,
    cues=("Lie on your side", "Open the knee"),
    current_cue=1,
    paused=True,
)


@pytest.mark.parametrize(
    ("display", "size"), [(True, (1920, 1080)), (False, (1366, 768))], ids=["wall", "laptop"]
)
def test_paused_is_the_biggest_thing_on_screen_and_the_phase_word_dims(
    qtbot: QtBot, display: bool, size: tuple[int, int]
) -> None:
    view = SessionView(display=display)
    view.setStyleSheet(theme.STYLESHEET)  # as the windows have it
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.show_readout(replace(PAUSED_ON_A_TEMPO_REP, paused=False))
    lit = _brightest(view.big)

    view.show_readout(PAUSED_ON_A_TEMPO_REP)
    labels = _visible_labels(view)
    paused = [label for label in labels if "PAUSED" in label.text()]
    assert paused, "nothing says PAUSED"
    biggest = max(paused, key=lambda label: label.font().pixelSize())
    others = [label for label in labels if label is not biggest]
    phase = next(label for label in labels if label.text() == "HOLD")
    assert biggest.font().pixelSize() > phase.font().pixelSize()
    assert biggest.font().pixelSize() >= max(label.font().pixelSize() for label in others)
    # PAUSED fits on the screen: its text is not cut off
    assert QFontMetrics(biggest.font()).horizontalAdvance(biggest.text()) <= biggest.width()
    assert _brightest(phase) < lit / 2, "the phase word is dimmed while paused"
    assert _brightest(phase) < _brightest(biggest)

    view.show_readout(replace(PAUSED_ON_A_TEMPO_REP, paused=False))
    assert not any(
        "PAUSED" in label.text() for label in _visible_labels(view) if label.font().pixelSize() > 40
    )
    assert _brightest(view.big) == pytest.approx(lit)
