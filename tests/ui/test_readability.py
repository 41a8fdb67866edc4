"""Readable across a clinic room: big enough digits, strong enough contrast, sides not by
colour alone."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from guide_app.core.plan import StepKind
from guide_app.core.readout import Readout
from guide_app.core.sides import Side
from guide_app.ui import theme
from guide_app.ui.display import DisplayWindow


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
