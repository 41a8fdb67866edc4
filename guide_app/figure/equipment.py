"""Drawing equipment: mats, benches, steps, tables, chairs and walls as blocks seen from
the camera; balls, kettlebells and dumbbells where they are held; bands and straps."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .canvas import Canvas, svg_number
from .scene import BOX_KINDS, HELD_KINDS, Band, Prop, Scene, band_point, held_position
from .style import (
    BAND,
    BAND_WIDTH,
    MAT_FACES,
    OUTLINE,
    OUTLINE_GAP,
    PROP_EDGE,
    PROP_FACES,
    STRAP,
    STRAP_WIDTH,
    WALL_FACES,
    WEIGHT,
)
from .vectors import Vec, add, scale, unit


def draw_blocks(canvas: Canvas, props: Iterable[Prop]) -> None:
    """The mats, benches, steps, tables, walls, blocks, posts and chairs, farthest first."""
    toward = canvas.camera.vectors()[2]

    def prop_depth(p: Prop) -> float:
        centre = (p.at[0], p.at[1] + p.size[1] / 2, p.at[2])
        return sum(a * b for a, b in zip(centre, toward, strict=True))

    back = sorted((p for p in props if p.kind in BOX_KINDS), key=lambda p: (prop_depth(p), p.kind))
    for prop in back:
        _draw_box(canvas, prop)


def draw_held_and_bands(canvas: Canvas, scene: Scene, points: dict[str, Vec]) -> None:
    """The balls, kettlebells and dumbbells, then the bands and straps, over the figure."""
    for prop in scene.props:
        if prop.kind in HELD_KINDS:
            _draw_held(canvas, prop, points)
    for band in scene.bands:
        _draw_band_path(canvas, band, points)


def _draw_box(canvas: Canvas, prop: Prop) -> None:
    x, y, z = prop.at
    sx, sy, sz = prop.size
    if prop.kind == "mat":
        sy = max(sy, 3.0)
    parts: list[Prop] = []
    if prop.kind in ("bench", "table"):
        top = 6.0 if prop.kind == "bench" else 8.0
        leg = 6.0
        if sx >= sz:  # legs at the ends of the long side
            parts = [
                Prop("block", (x - sx / 2 + leg, y, z), (leg, sy - top, sz - 4)),
                Prop("block", (x + sx / 2 - leg, y, z), (leg, sy - top, sz - 4)),
            ]
        else:
            parts = [
                Prop("block", (x, y, z - sz / 2 + leg), (sx - 4, sy - top, leg)),
                Prop("block", (x, y, z + sz / 2 - leg), (sx - 4, sy - top, leg)),
            ]
        parts.append(Prop("block", (x, y + sy - top, z), (sx, top, sz)))
    elif prop.kind == "chair":
        # seat at height sy facing +x, backrest behind it
        seat, leg = 5.0, 4.0
        parts = [
            Prop(
                "block",
                (x + dx * (sx / 2 - leg), y, z + dz * (sz / 2 - leg)),
                (leg, sy - seat, leg),
            )
            for dx in (-1, 1)
            for dz in (-1, 1)
        ]
        parts.append(Prop("block", (x, y + sy - seat, z), (sx, seat, sz)))
        parts.append(Prop("block", (x - sx / 2 + 2.5, y + sy, z), (5.0, sy * 0.95, sz)))
    if parts:
        toward = canvas.camera.vectors()[2]

        def depth(part: Prop) -> float:
            c = (part.at[0], part.at[1] + part.size[1] / 2, part.at[2])
            return sum(a * b for a, b in zip(c, toward, strict=True))

        for part in sorted(parts, key=depth):
            _draw_cuboid(canvas, part, PROP_FACES)
        return
    faces = {"mat": MAT_FACES, "wall": WALL_FACES}.get(prop.kind, PROP_FACES)
    _draw_cuboid(canvas, Prop(prop.kind, (x, y, z), (sx, sy, sz)), faces)


def _draw_cuboid(canvas: Canvas, prop: Prop, faces: tuple[str, str, str]) -> None:
    x, y, z = prop.at
    sx, sy, sz = prop.size
    toward = canvas.camera.vectors()[2]
    x0, x1, y0, y1, z0, z1 = x - sx / 2, x + sx / 2, y, y + sy, z - sz / 2, z + sz / 2
    quads: list[tuple[Vec, list[Vec], str]] = [
        ((0, 1, 0), [(x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)], faces[0]),
        ((0, -1, 0), [(x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1)], faces[0]),
        ((0, 0, 1), [(x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)], ""),
        ((0, 0, -1), [(x0, y0, z0), (x1, y0, z0), (x1, y1, z0), (x0, y1, z0)], ""),
        ((1, 0, 0), [(x1, y0, z0), (x1, y1, z0), (x1, y1, z1), (x1, y0, z1)], ""),
        ((-1, 0, 0), [(x0, y0, z0), (x0, y1, z0), (x0, y1, z1), (x0, y0, z1)], ""),
    ]
    visible = [
        (sum(a * b for a, b in zip(normal, toward, strict=True)), normal, corners, fill)
        for normal, corners, fill in quads
    ]
    visible = [v for v in visible if v[0] > 0.05]
    if not visible:
        return
    # the face most towards the camera gets the middle shade, others the side shade
    best = max(v[0] for v in visible if v[1][1] == 0) if any(v[1][1] == 0 for v in visible) else 0
    edge = max(1.2, canvas.px(0.9))
    for facing, _normal, corners, fill in visible:
        colour = fill or (faces[1] if facing >= best - 1e-9 else faces[2])
        canvas.polygon([canvas.xy(c) for c in corners], colour, PROP_EDGE, edge, clip=True)


def _draw_held(canvas: Canvas, prop: Prop, points: dict[str, Vec]) -> None:
    centre = held_position(prop, points)
    c = canvas.xy(centre)
    r = canvas.px(prop.radius)
    edge = max(1.2, canvas.px(0.9))
    if prop.kind == "ball":
        canvas.circle(c, r + canvas.px(OUTLINE_GAP), OUTLINE)
        canvas.circle(c, r, "#5C5C5C", PROP_EDGE, edge)
        canvas.path(
            f"M {svg_number(c[0] - r * 0.92)} {svg_number(c[1] - r * 0.35)} "
            f"Q {svg_number(c[0])} {svg_number(c[1] + r * 0.25)} "
            f"{svg_number(c[0] + r * 0.92)} {svg_number(c[1] - r * 0.35)}",
            "none",
            "#D0D0D0",
            max(1.2, r * 0.12),
        )
        return
    if prop.kind == "kettlebell":
        # handle at the hands, bell hanging beyond them along the forearm
        side = "left" if prop.hold in ("", "hands", "left_hand") else "right"
        elbow = canvas.xy(points[f"{side}_elbow"])
        hand = canvas.xy(points[f"{side}_hand"]) if prop.hold else c
        dx, dy = hand[0] - elbow[0], hand[1] - elbow[1]
        n = math.hypot(dx, dy) or 1.0
        ux, uy = dx / n, dy / n
        bell = (c[0] + ux * r * 1.55, c[1] + uy * r * 1.55)
        canvas.circle(bell, r + canvas.px(OUTLINE_GAP), OUTLINE)
        canvas.line(c, bell, OUTLINE, r * 0.9 + canvas.px(OUTLINE_GAP) * 2)
        canvas.line(
            (c[0] - uy * r * 0.45, c[1] + ux * r * 0.45),
            (c[0] + uy * r * 0.45, c[1] - ux * r * 0.45),
            WEIGHT,
            max(2.0, r * 0.32),
        )
        canvas.line(
            (c[0] - uy * r * 0.45, c[1] + ux * r * 0.45),
            (bell[0] - uy * r * 0.5, bell[1] + ux * r * 0.5),
            WEIGHT,
            max(2.0, r * 0.32),
        )
        canvas.line(
            (c[0] + uy * r * 0.45, c[1] - ux * r * 0.45),
            (bell[0] + uy * r * 0.5, bell[1] - ux * r * 0.5),
            WEIGHT,
            max(2.0, r * 0.32),
        )
        canvas.circle(bell, r, WEIGHT)
        return
    _draw_dumbbell(canvas, prop, centre)


def _draw_dumbbell(canvas: Canvas, prop: Prop, centre: Vec) -> None:
    """A handle along ``prop.axis`` with a disc (seen as an ellipse) at each end."""
    axis = unit(prop.axis)
    half = prop.radius * 1.3
    ends = [add(centre, scale(axis, -half)), add(centre, scale(axis, half))]
    right, up, toward = canvas.camera.vectors()
    ax_img = (
        sum(a * b for a, b in zip(axis, right, strict=True)),
        -sum(a * b for a, b in zip(axis, up, strict=True)),
    )
    n = math.hypot(*ax_img)
    ax_u = (1.0, 0.0) if n < 0.15 else (ax_img[0] / n, ax_img[1] / n)
    perp = (-ax_u[1], ax_u[0])
    k = max(0.3, abs(sum(a * b for a, b in zip(axis, toward, strict=True))))
    r = canvas.px(prop.radius)
    gap = canvas.px(OUTLINE_GAP)

    def plate(end: Vec, grow: float) -> list[tuple[float, float]]:
        c = canvas.xy(end)
        return [
            (
                c[0] + perp[0] * (r + grow) * math.cos(t) + ax_u[0] * (r * k + grow) * math.sin(t),
                c[1] + perp[1] * (r + grow) * math.cos(t) + ax_u[1] * (r * k + grow) * math.sin(t),
            )
            for t in (i * math.pi / 10 for i in range(20))
        ]

    ends.sort(key=lambda e: sum(a * b for a, b in zip(e, toward, strict=True)))
    a, b = canvas.xy(ends[0]), canvas.xy(ends[1])
    bar = max(2.0, r * 0.4)
    canvas.line(a, b, OUTLINE, bar + 2 * gap)
    for end in ends:
        canvas.polygon(plate(end, gap), OUTLINE, OUTLINE, 1.0)
    canvas.polygon(plate(ends[0], 0.0), WEIGHT, PROP_EDGE, 1.0)
    canvas.line(a, b, WEIGHT, bar)
    canvas.polygon(plate(ends[1], gap * 0.6), OUTLINE, OUTLINE, 1.0)
    canvas.polygon(plate(ends[1], 0.0), WEIGHT, PROP_EDGE, 1.0)


def _draw_band_path(canvas: Canvas, band: Band, points: dict[str, Vec]) -> None:
    xys = [canvas.xy(band_point(ref, points)) for ref in band.path]
    if len(xys) < 2:
        return
    width = STRAP_WIDTH if band.kind == "strap" else BAND_WIDTH
    colour = STRAP if band.kind == "strap" else BAND
    canvas.polyline(xys, OUTLINE, canvas.px(width) + 2.0)
    canvas.polyline(xys, colour, canvas.px(width))
    for ref in band.path:
        if not isinstance(ref, str):
            # a fixed anchor point: a small dark knob
            canvas.circle(canvas.xy(ref), canvas.px(2.8), PROP_EDGE)
