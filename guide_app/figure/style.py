"""The picture style, kept the same for every exercise: its colours and line widths.

* white background; the floor a line when the camera is level, a light grey area when it
  looks down a little, and left out (a mat shows it) when it looks down on someone lying;
* thick rounded limbs, each part outlined in white so crossing limbs stay apart;
* the working side's limbs in blue (#0072B2; the far one, when both work, in sky blue),
  the other limbs in grey (the far side lighter), trunk and head in dark grey; the app
  repaints the working limbs in the right side's orange (``for_side``) when the right
  side works, so the limb takes the colour of the side on screen;
* bands near-black (never a side's colour), straps reddish purple (#CC79A7), the
  movement arrow vermillion (#D55E00): told apart from both sides' colours with
  colour-blindness too (tests/figure/test_side_colour.py simulates it);
* benches, steps, tables and walls as plain grey blocks, seen from the same camera.
"""

from __future__ import annotations

import re

BACKGROUND = "#FFFFFF"
TRUNK = "#404040"
WORK_NEAR = "#0072B2"
WORK_FAR = "#56B4E9"
REST_NEAR = "#808080"
REST_FAR = "#ABABAB"
OUTLINE = "#FFFFFF"
BAND = "#1A1A1A"
STRAP = "#CC79A7"
ARROW = "#D55E00"
FLOOR = "#4D4D4D"
FLOOR_FILL = "#EFEFEF"
PROP_EDGE = "#2E2E2E"
PROP_FACES = ("#9A9A9A", "#7C7C7C", "#686868")  # top, facing the camera, sideways
MAT_FACES = ("#DADADA", "#BDBDBD", "#AFAFAF")
WALL_FACES = ("#D6D6D6", "#C4C4C4", "#B0B0B0")
WEIGHT = "#3A3A3A"
SHADOW = "#C8C8C8"

OUTLINE_GAP = 2.3  # world units of white between overlapping parts
BAND_WIDTH = 3.2
STRAP_WIDTH = 4.2

RIGHT_NEAR = "#E69F00"  # Okabe-Ito orange: the right side's colour (ui/theme.py RIGHT)
RIGHT_FAR = "#F0C566"  # the same, lighter, for the far limb when both work
SIDE_WORK = {"left": (WORK_NEAR, WORK_FAR), "right": (RIGHT_NEAR, RIGHT_FAR)}
"""The working limbs' colours (near, far) per side; pictures are drawn in the left's."""

_WORK = re.compile(f"{WORK_NEAR}|{WORK_FAR}", re.IGNORECASE)


def for_side(svg: str, side: str | None) -> str:
    """The picture's SVG text with its working limbs in ``side``'s colours.

    Pictures are drawn with the working limbs in blue and mirrored for the other side;
    on the right side their limbs become orange. Any other side leaves the text as it is.
    """
    colours = SIDE_WORK.get(side or "")
    if colours is None or colours == SIDE_WORK["left"]:
        return svg
    near, far = colours
    return _WORK.sub(lambda m: near if m.group().upper() == WORK_NEAR else far, svg)
