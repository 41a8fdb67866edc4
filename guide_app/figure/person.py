"""Drawing the person: limbs, trunk and head as thick outlined strokes, nearest last, the
working limbs in the working colour, and bands where they wrap round a limb."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from .camera import Camera, project
from .canvas import Canvas
from .pose import SEGMENTS, SIDES, Body, point
from .scene import Scene
from .style import (
    BAND,
    BAND_WIDTH,
    OUTLINE,
    OUTLINE_GAP,
    REST_FAR,
    REST_NEAR,
    STRAP,
    STRAP_WIDTH,
    TRUNK,
    WORK_FAR,
    WORK_NEAR,
)
from .vectors import Vec, add, scale, sub, unit


def draw_person(canvas: Canvas, scene: Scene, points: dict[str, Vec], body: Body) -> None:
    """The figure at ``points``, its parts drawn from the farthest to the nearest."""
    groups = _figure_groups(scene, points, body)
    for group in sorted(groups, key=lambda g: (round(g.depth, 3), g.order)):
        _draw_group(canvas, group, points, body)


@dataclass
class _Group:
    """One depth-sorted part of the figure: its strokes are outlined together."""

    depth: float
    order: int
    strokes: list[tuple[Vec, Vec, float, str]] = field(default_factory=list)
    polygon: tuple[list[Vec], float, str] | None = None
    circles: list[tuple[Vec, float, str]] = field(default_factory=list)
    cuffs: list[tuple[str, float]] = field(default_factory=list)  # (segment ref, band width)
    cuff_colours: list[str] = field(default_factory=list)


def _limb_colours(
    points: dict[str, Vec], camera: Camera, highlight: frozenset[str]
) -> dict[str, str]:
    colours: dict[str, str] = {}
    for limb, root in (("arm", "shoulder"), ("leg", "hip")):
        d_left = project(points[f"left_{root}"], camera).depth
        d_right = project(points[f"right_{root}"], camera).depth
        for side, mine, other in (("left", d_left, d_right), ("right", d_right, d_left)):
            far = mine < other - 4.0
            work = f"{side}_{limb}" in highlight
            # a lighter shade only tells two highlighted (or two plain) limbs apart
            both_work = f"{'right' if side == 'left' else 'left'}_{limb}" in highlight
            if work:
                colours[f"{side}_{limb}"] = WORK_FAR if far and both_work else WORK_NEAR
            else:
                colours[f"{side}_{limb}"] = REST_FAR if far else REST_NEAR
    return colours


def _segment_of(ref: str) -> str | None:
    """The limb ("left_leg") a segment ref ("left_thigh:0.8") belongs to, if any."""
    if ":" not in ref:
        return None
    name = ref.partition(":")[0]
    side, _, segment = name.partition("_")
    if side not in SIDES or segment not in SEGMENTS:
        return None
    return f"{side}_{'arm' if segment in ('upper_arm', 'forearm') else 'leg'}"


def _figure_groups(scene: Scene, points: dict[str, Vec], body: Body) -> list[_Group]:
    cam = scene.pose.camera
    colours = _limb_colours(points, cam, scene.highlight)

    def depth(names: Iterable[str]) -> float:
        ds = [project(points[n], cam).depth for n in names]
        return sum(ds) / len(ds)

    groups: list[_Group] = []
    for side in SIDES:
        arm = _Group(depth([f"{side}_{j}" for j in ("shoulder", "elbow", "hand")]), 3)
        c = colours[f"{side}_arm"]
        arm.strokes = [
            (points[f"{side}_shoulder"], points[f"{side}_elbow"], body.upper_arm_width, c),
            (points[f"{side}_elbow"], points[f"{side}_hand"], body.forearm_width, c),
        ]
        arm.circles = [(points[f"{side}_hand"], body.forearm_width * 0.62, c)]
        leg = _Group(depth([f"{side}_{j}" for j in ("hip", "knee", "ankle", "toe")]), 1)
        c = colours[f"{side}_leg"]
        leg.strokes = [
            (points[f"{side}_hip"], points[f"{side}_knee"], body.thigh_width, c),
            (points[f"{side}_knee"], points[f"{side}_ankle"], body.shin_width, c),
            (points[f"{side}_heel"], points[f"{side}_toe"], body.foot_width, c),
        ]
        groups.extend([arm, leg])
    # trunk: a quadrilateral from hips to shoulders, drawn with a thick round stroke
    torso = _Group(depth(["pelvis", "neck"]), 2)
    pelvis, neck = points["pelvis"], points["neck"]
    hip_dir = unit(sub(points["right_hip"], points["left_hip"]))
    sh_dir = unit(sub(points["right_shoulder"], points["left_shoulder"]))
    drop = unit(sub(pelvis, neck))
    sh_mid = add(neck, scale(drop, body.shoulder_drop * 0.6))
    hs, ss = body.torso_shape_hip, body.torso_shape_shoulder
    torso.polygon = (
        [
            add(pelvis, scale(hip_dir, -hs)),
            add(pelvis, scale(hip_dir, hs)),
            add(sh_mid, scale(sh_dir, ss)),
            add(sh_mid, scale(sh_dir, -ss)),
        ],
        body.torso_width,
        TRUNK,
    )
    neck_top = add(neck, scale(unit(sub(points["head"], neck)), body.neck))
    torso.strokes = [(neck, neck_top, body.neck_width, TRUNK)]
    head = _Group(depth(["neck", "head"]) + 0.5, 4)
    head.circles = [(points["head"], body.head_radius, TRUNK), (points["nose"], 3.2, TRUNK)]
    groups.extend([torso, head])

    # bands wrapped round a limb are drawn with that limb
    by_limb = {
        "left_arm": groups[0],
        "left_leg": groups[1],
        "right_arm": groups[2],
        "right_leg": groups[3],
    }
    for band in scene.bands:
        width = STRAP_WIDTH if band.kind == "strap" else BAND_WIDTH
        colour = STRAP if band.kind == "strap" else BAND
        for ref in band.path:
            if isinstance(ref, str):
                limb = _segment_of(ref)
                if limb:
                    by_limb[limb].cuffs.append((ref, width))
                    by_limb[limb].cuff_colours.append(colour)
    return groups


_SEGMENT_WIDTH = {
    "upper_arm": "upper_arm_width",
    "forearm": "forearm_width",
    "thigh": "thigh_width",
    "shin": "shin_width",
    "foot": "foot_width",
}


def _draw_group(canvas: Canvas, group: _Group, points: dict[str, Vec], body: Body) -> None:
    gap = canvas.px(OUTLINE_GAP)
    # outline pass, then fill pass: no seams inside one part
    if group.polygon:
        corners, w, _ = group.polygon
        canvas.polygon([canvas.xy(c) for c in corners], OUTLINE, OUTLINE, canvas.px(w) + 2 * gap)
    for a, b, w, _ in group.strokes:
        canvas.line(canvas.xy(a), canvas.xy(b), OUTLINE, canvas.px(w) + 2 * gap)
    for c, r, _ in group.circles:
        canvas.circle(canvas.xy(c), canvas.px(r) + gap, OUTLINE)
    if group.polygon:
        corners, w, colour = group.polygon
        canvas.polygon([canvas.xy(c) for c in corners], colour, colour, canvas.px(w))
    for a, b, w, colour in group.strokes:
        canvas.line(canvas.xy(a), canvas.xy(b), colour, canvas.px(w))
    for c, r, colour in group.circles:
        canvas.circle(canvas.xy(c), canvas.px(r), colour)
    for (ref, band_w), colour in zip(group.cuffs, group.cuff_colours, strict=True):
        _draw_cuff(canvas, ref, band_w, colour, points, body)


def _draw_cuff(
    canvas: Canvas, ref: str, band_w: float, colour: str, points: dict[str, Vec], body: Body
) -> None:
    side, _, segment = ref.partition(":")[0].partition("_")
    start, end = SEGMENTS[segment]
    a = canvas.xy(points[f"{side}_{start}"])
    b = canvas.xy(points[f"{side}_{end}"])
    c = canvas.xy(point(points, ref))
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    nx, ny = (0.0, 1.0) if n < 1e-6 else (-dy / n, dx / n)
    half = canvas.px(getattr(body, _SEGMENT_WIDTH[segment]) / 2 + 0.6)
    canvas.line(
        (c[0] + nx * half, c[1] + ny * half),
        (c[0] - nx * half, c[1] - ny * half),
        colour,
        canvas.px(band_w),
    )
