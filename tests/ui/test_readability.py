"""Readable across a clinic room: big enough digits, strong enough contrast, sides not by
colour alone."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from guide_app.ui import theme
from guide_app.ui.display import DisplayWindow
from guide_app.ui.session_view import Screen


@pytest.mark.parametrize("colour", [theme.TEXT, theme.LEFT, theme.RIGHT, theme.ACCENT])
def test_key_readouts_reach_7_to_1_against_the_background(colour: str) -> None:
    assert theme.contrast(colour, theme.BACKGROUND) >= 7.0


def test_display_timer_digits_are_a_tenth_of_a_1080_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    display = DisplayWindow()
    qtbot.addWidget(display)
    display.resize(1920, 1080)
    display.show()
    qtbot.waitExposed(display)
    display.show_screen(Screen(exercise_name="Clamshell", kind="hold", big="0:28", side="left"))
    digits = QFontMetrics(display.view.big.font()).tightBoundingRect("0123456789")
    assert digits.height() >= 108, digits.height()


def test_each_side_has_a_word_an_arrow_and_a_place(qtbot) -> None:  # type: ignore[no-untyped-def]
    display = DisplayWindow()
    qtbot.addWidget(display)
    for side, word, arrow in (("left", "LEFT", "◀"), ("right", "RIGHT", "▶")):
        display.show_screen(Screen(exercise_name="Clamshell", kind="rep", side=side))
        label = display.view.side.label
        assert word in label.text() and arrow in label.text()
        left_aligned = bool(label.alignment() & label.alignment().AlignLeft)
        assert left_aligned == (side == "left")
