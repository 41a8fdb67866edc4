"""The working limb takes the side's colour: blue on the left, orange on the right, also
once the picture is mirrored; and every colour of a picture stays apart from the working
limb's for people with a colour-vision deficiency."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from guide_app.core.plan import StepKind
from guide_app.core.readout import Readout
from guide_app.core.sides import Side
from guide_app.figure import style
from guide_app.ui import theme
from guide_app.ui.session_view import SessionView

ROOT = Path(__file__).resolve().parents[2]
CLAMSHELL = ROOT / "assets" / "pictures" / "clamshell-start.svg"  # drawn on the left, banded
PICTURES = sorted((ROOT / "assets" / "pictures").glob("*.svg"))


def _near(image: QImage, colour: str, tolerance: int = 8) -> int:
    """How many sampled pixels are (nearly) exactly ``colour``."""
    want = QColor(colour)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - want.red()) <= tolerance
                and abs(c.green() - want.green()) <= tolerance
                and abs(c.blue() - want.blue()) <= tolerance
            ):
                count += 1
    return count


def _picture_on(qtbot: QtBot, side: Side) -> QImage:
    view = SessionView(display=True)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    view.show_readout(
        Readout(
            exercise_name="Clamshell",
            kind=StepKind.PHASE,
            big="OUT",
            picture=CLAMSHELL,
            mirrored=side is Side.RIGHT,  # drawn on the left
            side=side,
        )
    )
    view.picture.repaint()  # asks for the picture: it is drawn off the GUI thread
    qtbot.waitUntil(lambda: view.picture.ready, timeout=5000)
    return view.picture.grab().toImage()


def test_on_the_right_the_working_limb_is_the_right_sides_orange(qtbot: QtBot) -> None:
    image = _picture_on(qtbot, Side.RIGHT)
    samples = image.width() * image.height() // 4
    assert _near(image, theme.RIGHT) > samples * 0.005, "the working leg is orange"
    assert _near(image, style.WORK_NEAR) == 0, "no blue limb on the right side"


def test_on_the_left_the_working_limb_is_blue_and_nothing_is_the_right_sides_orange(
    qtbot: QtBot,
) -> None:
    image = _picture_on(qtbot, Side.LEFT)
    samples = image.width() * image.height() // 4
    assert _near(image, style.WORK_NEAR) > samples * 0.005
    assert _near(image, theme.RIGHT) == 0, "nothing on the left looks like the right side"


def test_the_working_colours_are_the_sides_colours() -> None:
    assert style.SIDE_WORK["right"][0].lower() == theme.RIGHT.lower()
    assert style.SIDE_WORK["left"] == (style.WORK_NEAR, style.WORK_FAR)


# ------------------------------------------------------------------ colour-blind safe

# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
DEFICIENCIES = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
    "typical": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
}
APART = 40.0  # sRGB distance (0-255 a channel) under every simulation


def _seen(colour: str, matrix: tuple[tuple[float, float, float], ...]) -> list[float]:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    def encoded(c: float) -> float:
        c = min(max(c, 0.0), 1.0)
        return 255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)

    rgb = [linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    return [encoded(sum(row[k] * rgb[k] for k in range(3))) for row in matrix]


def _apart(a: str, b: str) -> float:
    return min(
        sum((x - y) ** 2 for x, y in zip(_seen(a, m), _seen(b, m), strict=True)) ** 0.5
        for m in DEFICIENCIES.values()
    )


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_working_limb_stands_apart_from_everything_else_in_every_picture(side: str) -> None:
    working = set(style.SIDE_WORK[side])
    colours: set[str] = set()
    for path in PICTURES:
        svg = style.for_side(path.read_text(encoding="utf-8"), side)
        colours |= {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}", svg)}
    assert working <= colours, "the side's colours are used"
    for limb in working:
        for other in sorted(colours - working):
            assert _apart(limb, other) >= APART, (limb, other)
