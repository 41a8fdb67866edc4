"""Drawing the movement arrows: along a joint's path from the start pose to the end pose,
along a path through the room, circling a joint, or turning about the upright axis."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from .camera import project
from .canvas import Canvas
from .pose import Pose, interpolate, point, skeleton
from .scene import Mark, Scene
from .style import ARROW, OUTLINE
from .vectors import Vec


def draw_marks(
    canvas: Canvas, scene: Scene, points: dict[str, Vec], motion_from: Pose | None
) -> None:
    """The scene's movement marks. An ``arc`` needs a pose to start from: ``motion_from``
    (the start pose) or the mark's own ``from_angles``; without either it is left out."""
    xs = [canvas.xy(p) for p in points.values()]
    centre = (sum(x for x, _ in xs) / len(xs), sum(y for _, y in xs) / len(xs))
    for mark in scene.marks:
        if mark.kind == "arc":
            origin = motion_from
            if mark.from_angles:
                origin = Pose(
                    {**scene.pose.full_angles(), **dict(mark.from_angles)},
                    scene.pose.camera,
                    scene.pose.place,
                )
            if origin is not None:
                _draw_arc(canvas, mark, origin, scene.pose, centre)
        elif mark.kind == "circle":
            _draw_circle_mark(canvas, mark, points)
        elif mark.kind == "travel":
            _draw_travel(canvas, mark)
        elif mark.kind == "turn":
            _draw_turn(canvas, mark, points)


def _arrow(canvas: Canvas, xys: list[tuple[float, float]], width: float) -> None:
    if len(xys) < 2:
        return
    (x1, y1), (x2, y2) = xys[-2], xys[-1]
    dx, dy = x2 - x1, y2 - y1
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    head_len, head_half = width * 3.2, width * 2.2
    tip = (x2 + ux * head_len * 0.55, y2 + uy * head_len * 0.55)
    base = (tip[0] - ux * head_len, tip[1] - uy * head_len)
    head = [
        tip,
        (base[0] - uy * head_half, base[1] + ux * head_half),
        (base[0] + uy * head_half, base[1] - ux * head_half),
    ]
    canvas.polyline(xys, OUTLINE, width + 3)
    canvas.polygon(head, OUTLINE, OUTLINE, 3)
    canvas.polyline(xys, ARROW, width)
    canvas.polygon(head, ARROW, ARROW, 1)


def _path_length(xys: Sequence[tuple[float, float]]) -> float:
    return sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(xys))


def _trim(xys: list[tuple[float, float]], start: float, stop: float) -> list[tuple[float, float]]:
    """The part of a polyline between two distances along it."""
    out: list[tuple[float, float]] = []
    walked = 0.0
    for a, b in itertools.pairwise(xys):
        seg = math.hypot(b[0] - a[0], b[1] - a[1])
        if seg < 1e-9:
            continue
        s0, s1 = walked, walked + seg
        if s1 >= start and s0 <= stop:
            f0 = max(0.0, (start - s0) / seg)
            f1 = min(1.0, (stop - s0) / seg)
            if not out:
                out.append((a[0] + (b[0] - a[0]) * f0, a[1] + (b[1] - a[1]) * f0))
            out.append((a[0] + (b[0] - a[0]) * f1, a[1] + (b[1] - a[1]) * f1))
        walked = s1
    return out


def _draw_arc(
    canvas: Canvas, mark: Mark, start_pose: Pose, end_pose: Pose, centre: tuple[float, float]
) -> None:
    steps = 24
    xys = []
    for i in range(steps + 1):
        pose = interpolate(start_pose, end_pose, i / steps)
        xys.append(canvas.frame.xy(project(point(skeleton(pose), mark.joint), end_pose.camera)))
    total = _path_length(xys)
    if total < 6:
        return
    # offset the path sideways, away from the body
    off = mark.offset
    mid = xys[steps // 2]
    dx, dy = xys[-1][0] - xys[0][0], xys[-1][1] - xys[0][1]
    n = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / n, dx / n
    if mark.side == "auto":
        away = (mid[0] - centre[0]) * nx + (mid[1] - centre[1]) * ny
        sign = 1.0 if away >= 0 else -1.0
    else:
        sign = 1.0 if mark.side == "left" else -1.0
    shifted = []
    for i, (x, y) in enumerate(xys):
        a = xys[max(0, i - 3)]
        b = xys[min(steps, i + 3)]
        tx, ty = b[0] - a[0], b[1] - a[1]
        tn = math.hypot(tx, ty)
        px_, py_ = (nx, ny) if tn < 1.0 else (-ty / tn, tx / tn)
        shifted.append((x + sign * px_ * off, y + sign * py_ * off))
    total = _path_length(shifted)
    width = 4.0
    trimmed = _trim(shifted, total * 0.08, total * 0.92 - width * 1.6)
    _arrow(canvas, trimmed, width)


def _draw_circle_mark(canvas: Canvas, mark: Mark, points: dict[str, Vec]) -> None:
    c = canvas.xy(point(points, mark.joint))
    r = mark.offset
    xys = [
        (c[0] + r * math.cos(math.radians(a)), c[1] - r * math.sin(math.radians(a)))
        for a in range(120, 120 + 290, 10)
    ]
    _arrow(canvas, xys, 3.5)


def _draw_travel(canvas: Canvas, mark: Mark) -> None:
    pts = [canvas.xy(p) for p in mark.path]
    if len(pts) < 2:
        return
    xys = _smooth(pts) if len(pts) > 2 else pts
    total = _path_length(xys)
    _arrow(canvas, _trim(xys, 0.0, total - 4.0 * 1.6), 4.0)


def _draw_turn(canvas: Canvas, mark: Mark, points: dict[str, Vec]) -> None:
    c = point(points, mark.joint)
    a0, a1 = mark.sweep
    steps = 24
    xys = []
    for i in range(steps + 1):
        t = math.radians(a0 + (a1 - a0) * i / steps)
        xys.append(
            canvas.xy((c[0] + mark.offset * math.cos(t), c[1], c[2] - mark.offset * math.sin(t)))
        )
    total = _path_length(xys)
    _arrow(canvas, _trim(xys, 0.0, total - 4.0 * 1.6), 4.0)


def _smooth(pts: list[tuple[float, float]], steps: int = 8) -> list[tuple[float, float]]:
    """A Catmull-Rom curve through the points."""

    def blend(p0: float, p1: float, p2: float, p3: float, t: float) -> float:
        return 0.5 * (
            2 * p1
            + (-p0 + p2) * t
            + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t
            + (-p0 + 3 * p1 - 3 * p2 + p3) * t * t * t
        )

    ext = [pts[0], *pts, pts[-1]]
    out = [pts[0]]
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        for k in range(1, steps + 1):
            t = k / steps
            out.append((blend(p0[0], p1[0], p2[0], p3[0], t), blend(p0[1], p1[1], p2[1], p3[1], t)))
    return out
