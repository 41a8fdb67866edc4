"""Putting one picture together as SVG text: background, floor, equipment, the person and
the movement arrows, in that order.

No Qt and no text in the picture, so it reads the same in any language; the app mirrors it
for the other side.
"""

from __future__ import annotations

import math

from .arrows import draw_marks
from .camera import Projected
from .canvas import Canvas, svg_number
from .equipment import draw_blocks, draw_held_and_bands
from .framing import Frame, fit_frame
from .person import draw_person
from .pose import BODY, Body, Pose, skeleton
from .scene import Scene
from .style import BACKGROUND, FLOOR, FLOOR_FILL, SHADOW
from .vectors import Vec


def render_svg(
    scene: Scene,
    frame: Frame | None = None,
    motion_from: Pose | None = None,
    body: Body = BODY,
    metadata: str = "",
) -> str:
    """The picture of ``scene`` as SVG text. With ``motion_from`` (the start pose), ``arc``
    marks draw the movement from there to this pose; without it only ``circle`` and
    ``travel`` marks are drawn. ``metadata``: a ``<metadata>`` element to carry (the pose
    data the app moves the figure with: ``moving.figure_data``)."""
    frame = frame or fit_frame([scene])
    canvas = Canvas(frame, scene.pose.camera)
    points = skeleton(scene.pose, body)
    w, h = frame.width, frame.height

    canvas.items.append(f'<rect x="0" y="0" width="{w}" height="{h}" fill="{BACKGROUND}"/>')
    _draw_floor(canvas, scene)
    draw_blocks(canvas, scene.props)
    _draw_shadow(canvas, scene, points)
    draw_person(canvas, scene, points, body)
    draw_held_and_bands(canvas, scene, points)
    draw_marks(canvas, scene, points, motion_from)

    body_text = "\n  ".join([metadata, *canvas.items] if metadata else canvas.items)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}">\n  {body_text}\n</svg>\n'
    )


def _draw_floor(canvas: Canvas, scene: Scene) -> None:
    """The floor, seen from the camera: level with the eye it is a line; from a little above
    it is an area whose far edge lies behind everything in the picture; from higher above
    someone on a mat it is left out (the mat shows it)."""
    cam, frame = scene.pose.camera, canvas.frame
    has_mat = any(p.kind == "mat" for p in scene.props)
    if not (abs(cam.pitch) < 1.0 or (abs(cam.pitch) <= 25.0 and not has_mat)):
        return
    w, h = frame.width, frame.height
    floor_v = -math.sin(math.radians(cam.pitch)) * frame.floor_depth
    floor_y = frame.xy(Projected(0.0, floor_v, 0.0))[1]
    if floor_y < h:
        canvas.items.append(
            f'<rect x="0" y="{svg_number(floor_y)}" width="{w}" '
            f'height="{svg_number(h - floor_y)}" fill="{FLOOR_FILL}"/>'
        )
        canvas.line((0, floor_y), (w, floor_y), FLOOR, 3.0)


def _draw_shadow(canvas: Canvas, scene: Scene, points: dict[str, Vec]) -> None:
    """A shadow on the floor under a body in the air (seen level)."""
    place = scene.pose.place
    if place.kind == "ground" and place.at[1] > 4.0 and abs(scene.pose.camera.pitch) < 1.0:
        c = canvas.xy((points["pelvis"][0], 0.0, points["pelvis"][2]))
        rx = canvas.px(32.0)
        canvas.items.append(
            f'<ellipse cx="{svg_number(c[0])}" cy="{svg_number(c[1])}" rx="{svg_number(rx)}" '
            f'ry="{svg_number(rx * 0.16)}" fill="{SHADOW}"/>'
        )
