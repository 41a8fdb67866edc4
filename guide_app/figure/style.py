"""The picture style, kept the same for every exercise: its colours and line widths.

* white background; the floor a line when the camera is level, a light grey area when it
  looks down a little, and left out (a mat shows it) when it looks down on someone lying;
* thick rounded limbs, each part outlined in white so crossing limbs stay apart;
* the working side's limbs in blue (#0072B2; the far one, when both work, in sky blue),
  the other limbs in grey (the far side lighter), trunk and head in dark grey;
* bands orange (#E69F00), straps reddish purple (#CC79A7), the movement arrow vermillion
  (#D55E00): Okabe-Ito colours, told apart with colour-blindness too;
* benches, steps, tables and walls as plain grey blocks, seen from the same camera.
"""

from __future__ import annotations

BACKGROUND = "#FFFFFF"
TRUNK = "#404040"
WORK_NEAR = "#0072B2"
WORK_FAR = "#56B4E9"
REST_NEAR = "#808080"
REST_FAR = "#ABABAB"
OUTLINE = "#FFFFFF"
BAND = "#E69F00"
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
