"""Draw a posed figure, its equipment and a movement arrow as an SVG string.

No Qt here. The picture style, kept the same for every exercise:

* white background; the floor a line when the camera is level, a light grey area when it
  looks down a little, and left out (a mat shows it) when it looks down on someone lying;
* thick rounded limbs, each part outlined in white so crossing limbs stay apart;
* the working side's limbs in blue (#0072B2; the far one, when both work, in sky blue),
  the other limbs in grey (the far side lighter), trunk and head in dark grey;
* bands orange (#E69F00), straps reddish purple (#CC79A7), the movement arrow vermillion
  (#D55E00): Okabe-Ito colours, told apart with colour-blindness too;
* benches, steps, tables and walls as plain grey blocks, seen from the same camera.

No text, so a picture reads the same in any language; the app mirrors it for the other side.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .pose import (
    BODY,
    SEGMENTS,
    SIDES,
    Body,
    Camera,
    Placement,
    Pose,
    Projected,
    Vec,
    interpolate,
    point,
    project,
    skeleton,
)

WIDTH = 400
HEIGHT = 300

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

LIMBS = ("left_arm", "right_arm", "left_leg", "right_leg")

PropKind = Literal[
    "mat",
    "bench",
    "step",
    "table",
    "wall",
    "block",
    "post",
    "chair",
    "ball",
    "kettlebell",
    "dumbbell",
]
BOX_KINDS = frozenset({"mat", "bench", "step", "table", "wall", "block", "post", "chair"})
HELD_KINDS = frozenset({"ball", "kettlebell", "dumbbell"})


@dataclass(frozen=True)
class Prop:
    """Equipment. Boxes (mat, bench, step, table, wall, block, post) stand with the middle of
    their base at ``at`` and extend ``size`` = (along x, up, along z). A ball, kettlebell or
    dumbbell sits at ``at`` or, with ``hold``, at a joint ("left_hand") or between both hands
    ("hands"), moved by ``at`` from there."""

    kind: PropKind
    at: Vec = (0.0, 0.0, 0.0)
    size: Vec = (0.0, 0.0, 0.0)
    hold: str = ""
    radius: float = 12.0
    fit: bool = True  # counted when framing the picture (walls are not)
    axis: Vec = (0.0, 1.0, 0.0)  # a dumbbell's handle direction


@dataclass(frozen=True)
class Band:
    """An elastic band (or a strap) through a list of points: joints, points along a
    segment ("left_thigh:0.85", drawn wrapped round the limb) or fixed world points."""

    path: tuple[str | Vec, ...]
    kind: Literal["band", "strap"] = "band"


@dataclass(frozen=True)
class Mark:
    """A movement marker, drawn on the ``stage`` picture.

    ``arc``: an arrow along the path of ``joint`` from the start pose to the end pose (or,
    with ``from_angles``, from this pose changed by those angles to this pose).
    ``travel``: an arrow along world points ``path``. ``circle``: a circling arrow round
    ``joint``. ``turn``: an arrow round a level circle of radius ``offset`` (world units)
    about ``joint``, from angle ``sweep[0]`` to ``sweep[1]`` (degrees; 0 = in front of the
    figure, 90 = its left), for a turn about the upright axis.
    """

    kind: Literal["arc", "travel", "circle", "turn"]
    joint: str = ""
    path: tuple[Vec, ...] = ()
    side: Literal["auto", "left", "right"] = "auto"  # which side of its path the arc sits
    offset: float = 14.0  # pixels from the joint's path (circle: its radius)
    from_angles: tuple[tuple[str, float], ...] = ()
    stage: Literal["start", "end"] = "end"
    sweep: tuple[float, float] = (40.0, -40.0)


@dataclass(frozen=True)
class Scene:
    """Everything in one picture: the posed figure, equipment, bands, the limbs drawn in the
    working colour (``left_leg``, ``right_arm``, ...) and movement markers."""

    pose: Pose
    props: tuple[Prop, ...] = ()
    bands: tuple[Band, ...] = ()
    highlight: frozenset[str] = frozenset()
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Frame:
    """Maps projected world points to picture pixels: ``x = (u - u0) * scale``,
    ``y = (v0 - v) * scale``."""

    scale: float
    u0: float
    v0: float
    width: int = WIDTH
    height: int = HEIGHT
    floor_depth: float = 0.0  # where the floor ends behind the scene (seen from above)

    def xy(self, p: Projected) -> tuple[float, float]:
        return ((p.u - self.u0) * self.scale, (self.v0 - p.v) * self.scale)


# ------------------------------------------------------------------------------ geometry


def _held_position(prop: Prop, points: dict[str, Vec]) -> Vec:
    if not prop.hold:
        return prop.at
    if prop.hold == "hands":
        a, b = points["left_hand"], points["right_hand"]
        base: Vec = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)
    else:
        base = point(points, prop.hold)
    return (base[0] + prop.at[0], base[1] + prop.at[1], base[2] + prop.at[2])


def _box_corners(prop: Prop) -> list[Vec]:
    x, y, z = prop.at
    sx, sy, sz = prop.size
    return [
        (x + dx * sx / 2, y + dy * sy, z + dz * sz / 2)
        for dx in (-1, 1)
        for dy in (0, 1)
        for dz in (-1, 1)
    ]


def _anchor(ref: str | Vec, points: dict[str, Vec]) -> Vec:
    return point(points, ref) if isinstance(ref, str) else ref


def _figure_extent(points: dict[str, Vec], camera: Camera, body: Body) -> list[Projected]:
    """Projected points padded by each part's half-width, for framing."""
    out: list[Projected] = []
    pads = {
        "head": body.head_radius + 1,
        "nose": 3.0,
        "pelvis": body.torso_width / 2 + 2,
        "neck": body.torso_width / 2,
    }
    for side in SIDES:
        pads.update(
            {
                f"{side}_shoulder": body.torso_width / 2,
                f"{side}_elbow": body.upper_arm_width / 2,
                f"{side}_hand": body.forearm_width / 2 + 1,
                f"{side}_hip": body.torso_width / 2,
                f"{side}_knee": body.thigh_width / 2,
                f"{side}_ankle": body.shin_width / 2,
                f"{side}_heel": body.foot_width / 2,
                f"{side}_toe": body.foot_width / 2,
            }
        )
    for name, p in points.items():
        c = project(p, camera)
        pad = pads.get(name, 4.0) + OUTLINE_GAP
        out.extend(
            Projected(c.u + du * pad, c.v + dv * pad, c.depth)
            for du, dv in ((1, 0), (-1, 0), (0, 1), (0, -1))
        )
    return out


def scene_extent(scene: Scene, body: Body = BODY) -> list[Projected]:
    points = skeleton(scene.pose, body)
    cam = scene.pose.camera
    out = _figure_extent(points, cam, body)
    for prop in scene.props:
        if not prop.fit:
            continue
        if prop.kind in BOX_KINDS:
            out.extend(project(c, cam) for c in _box_corners(prop))
        else:
            c = project(_held_position(prop, points), cam)
            r = prop.radius + 6
            out.extend(
                Projected(c.u + du * r, c.v + dv * r, c.depth)
                for du, dv in ((1, 0), (-1, 0), (0, 1), (0, -1))
            )
    for band in scene.bands:
        out.extend(project(_anchor(ref, points), cam) for ref in band.path)
    return out


def fit_frame(
    scenes: Iterable[Scene],
    width: int = WIDTH,
    height: int = HEIGHT,
    margin: float = 18.0,
    max_scale: float = 1.75,
) -> Frame:
    """One frame that shows every scene (start and end share it, so the figure does not jump)."""
    scenes = list(scenes)
    pts = [p for scene in scenes for p in scene_extent(scene)]
    u_min, u_max = min(p.u for p in pts), max(p.u for p in pts)
    v_min, v_max = min(p.v for p in pts), max(p.v for p in pts)
    scale = min(
        (width - 2 * margin) / max(u_max - u_min, 1.0),
        (height - 2 * margin) / max(v_max - v_min, 1.0),
        max_scale,
    )
    u0 = (u_min + u_max) / 2 - width / 2 / scale
    # sit the content slightly below the middle: the floor belongs low in the picture
    spare = height / scale - (v_max - v_min)
    v0 = v_max + spare * 0.45
    floor_depth = min(_floor_depth(scene) for scene in scenes) - 30.0
    return Frame(scale, u0, v0, width, height, floor_depth)


def _floor_depth(scene: Scene) -> float:
    """How far behind (along the level line of sight) the scene reaches; the floor's far
    edge is drawn beyond it."""
    y = math.radians(scene.pose.camera.yaw)
    level: Vec = (math.sin(y), 0.0, math.cos(y))
    world = list(skeleton(scene.pose).values())
    for prop in scene.props:
        if prop.kind in BOX_KINDS and prop.fit:
            world.extend(_box_corners(prop))
    return min(sum(a * b for a, b in zip(p, level, strict=True)) for p in world)


# ------------------------------------------------------------------------------- drawing


def _n(x: float) -> str:
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def _pts(xys: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in xys)


def _clip_polygon(
    xys: list[tuple[float, float]], width: float, height: float, pad: float
) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clip to the picture (grown by ``pad`` so edges fall outside)."""
    lo_x, lo_y, hi_x, hi_y = -pad, -pad, width + pad, height + pad
    out = xys
    for axis, limit, keep_above in (
        (0, lo_x, True),
        (0, hi_x, False),
        (1, lo_y, True),
        (1, hi_y, False),
    ):
        if not out:
            break
        src, out = out, []

        def inside(
            p: tuple[float, float], axis: int = axis, limit: float = limit, above: bool = keep_above
        ) -> bool:
            return p[axis] >= limit if above else p[axis] <= limit

        def cut(
            a: tuple[float, float], b: tuple[float, float], axis: int = axis, limit: float = limit
        ) -> tuple[float, float]:
            t = (limit - a[axis]) / (b[axis] - a[axis])
            other = a[1 - axis] + (b[1 - axis] - a[1 - axis]) * t
            return (limit, other) if axis == 0 else (other, limit)

        for i, cur in enumerate(src):
            prev = src[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
    return out


class _Canvas:
    def __init__(self, frame: Frame, camera: Camera) -> None:
        self.frame = frame
        self.camera = camera
        self.items: list[str] = []

    def xy(self, p: Vec) -> tuple[float, float]:
        return self.frame.xy(project(p, self.camera))

    def px(self, world: float) -> float:
        return world * self.frame.scale

    def line(self, a: tuple[float, float], b: tuple[float, float], colour: str, w: float) -> None:
        self.items.append(
            f'<line x1="{_n(a[0])}" y1="{_n(a[1])}" x2="{_n(b[0])}" y2="{_n(b[1])}" '
            f'stroke="{colour}" stroke-width="{_n(w)}" stroke-linecap="round"/>'
        )

    def polyline(self, xys: Sequence[tuple[float, float]], colour: str, w: float) -> None:
        self.items.append(
            f'<polyline points="{_pts(xys)}" fill="none" stroke="{colour}" '
            f'stroke-width="{_n(w)}" stroke-linecap="round" stroke-linejoin="round"/>'
        )

    def polygon(
        self,
        xys: Sequence[tuple[float, float]],
        fill: str,
        stroke: str,
        w: float,
        clip: bool = False,
    ) -> None:
        if clip:
            xys = _clip_polygon(list(xys), self.frame.width, self.frame.height, w)
            if len(xys) < 3:
                return
        self.items.append(
            f'<polygon points="{_pts(xys)}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{_n(w)}" stroke-linejoin="round"/>'
        )

    def circle(
        self, c: tuple[float, float], r: float, fill: str, stroke: str = "none", w: float = 0
    ) -> None:
        extra = f' stroke="{stroke}" stroke-width="{_n(w)}"' if stroke != "none" else ""
        self.items.append(
            f'<circle cx="{_n(c[0])}" cy="{_n(c[1])}" r="{_n(r)}" fill="{fill}"{extra}/>'
        )

    def path(self, d: str, fill: str, stroke: str, w: float) -> None:
        self.items.append(
            f'<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="{_n(w)}" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
        )


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
    hip_dir = _unit(_vsub(points["right_hip"], points["left_hip"]))
    sh_dir = _unit(_vsub(points["right_shoulder"], points["left_shoulder"]))
    drop = _unit(_vsub(pelvis, neck))
    sh_mid = _vadd(neck, _vscale(drop, body.shoulder_drop * 0.6))
    hs, ss = body.torso_shape_hip, body.torso_shape_shoulder
    torso.polygon = (
        [
            _vadd(pelvis, _vscale(hip_dir, -hs)),
            _vadd(pelvis, _vscale(hip_dir, hs)),
            _vadd(sh_mid, _vscale(sh_dir, ss)),
            _vadd(sh_mid, _vscale(sh_dir, -ss)),
        ],
        body.torso_width,
        TRUNK,
    )
    neck_top = _vadd(neck, _vscale(_unit(_vsub(points["head"], neck)), body.neck))
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


def _vsub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _vadd(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _vscale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def _unit(a: Vec) -> Vec:
    n = math.sqrt(a[0] ** 2 + a[1] ** 2 + a[2] ** 2)
    return (0.0, 0.0, 0.0) if n < 1e-9 else (a[0] / n, a[1] / n, a[2] / n)


_SEGMENT_WIDTH = {
    "upper_arm": "upper_arm_width",
    "forearm": "forearm_width",
    "thigh": "thigh_width",
    "shin": "shin_width",
    "foot": "foot_width",
}


def _draw_group(canvas: _Canvas, group: _Group, points: dict[str, Vec], body: Body) -> None:
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
    canvas: _Canvas, ref: str, band_w: float, colour: str, points: dict[str, Vec], body: Body
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


def _draw_box(canvas: _Canvas, prop: Prop) -> None:
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


def _draw_cuboid(canvas: _Canvas, prop: Prop, faces: tuple[str, str, str]) -> None:
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


def _draw_held(canvas: _Canvas, prop: Prop, points: dict[str, Vec]) -> None:
    centre = _held_position(prop, points)
    c = canvas.xy(centre)
    r = canvas.px(prop.radius)
    edge = max(1.2, canvas.px(0.9))
    if prop.kind == "ball":
        canvas.circle(c, r + canvas.px(OUTLINE_GAP), OUTLINE)
        canvas.circle(c, r, "#5C5C5C", PROP_EDGE, edge)
        canvas.path(
            f"M {_n(c[0] - r * 0.92)} {_n(c[1] - r * 0.35)} "
            f"Q {_n(c[0])} {_n(c[1] + r * 0.25)} {_n(c[0] + r * 0.92)} {_n(c[1] - r * 0.35)}",
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


def _draw_dumbbell(canvas: _Canvas, prop: Prop, centre: Vec) -> None:
    """A handle along ``prop.axis`` with a disc (seen as an ellipse) at each end."""
    axis = _unit(prop.axis)
    half = prop.radius * 1.3
    ends = [_vadd(centre, _vscale(axis, -half)), _vadd(centre, _vscale(axis, half))]
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


def _draw_band_path(canvas: _Canvas, band: Band, points: dict[str, Vec]) -> None:
    xys = [canvas.xy(_anchor(ref, points)) for ref in band.path]
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


# ------------------------------------------------------------------------------- arrows


def _arrow(canvas: _Canvas, xys: list[tuple[float, float]], width: float) -> None:
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
    canvas: _Canvas, mark: Mark, start_pose: Pose, end_pose: Pose, centre: tuple[float, float]
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


def _draw_circle_mark(canvas: _Canvas, mark: Mark, points: dict[str, Vec]) -> None:
    c = canvas.xy(point(points, mark.joint))
    r = mark.offset
    xys = [
        (c[0] + r * math.cos(math.radians(a)), c[1] - r * math.sin(math.radians(a)))
        for a in range(120, 120 + 290, 10)
    ]
    _arrow(canvas, xys, 3.5)


def _draw_travel(canvas: _Canvas, mark: Mark) -> None:
    pts = [canvas.xy(p) for p in mark.path]
    if len(pts) < 2:
        return
    xys = _smooth(pts) if len(pts) > 2 else pts
    total = _path_length(xys)
    _arrow(canvas, _trim(xys, 0.0, total - 4.0 * 1.6), 4.0)


def _draw_turn(canvas: _Canvas, mark: Mark, points: dict[str, Vec]) -> None:
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


# -------------------------------------------------------------------------------- render


def render_svg(
    scene: Scene,
    frame: Frame | None = None,
    motion_from: Pose | None = None,
    body: Body = BODY,
) -> str:
    """The picture of ``scene`` as SVG text. With ``motion_from`` (the start pose), ``arc``
    marks draw the movement from there to this pose; without it only ``circle`` and
    ``travel`` marks are drawn."""
    frame = frame or fit_frame([scene])
    cam = scene.pose.camera
    canvas = _Canvas(frame, cam)
    points = skeleton(scene.pose, body)
    w, h = frame.width, frame.height

    canvas.items.append(f'<rect x="0" y="0" width="{w}" height="{h}" fill="{BACKGROUND}"/>')
    has_mat = any(p.kind == "mat" for p in scene.props)
    if abs(cam.pitch) < 1.0 or (abs(cam.pitch) <= 25.0 and not has_mat):
        # the floor, seen from the camera: level with the eye it is a line; from a little
        # above it is an area whose far edge lies behind everything in the picture
        floor_v = -math.sin(math.radians(cam.pitch)) * frame.floor_depth
        floor_y = frame.xy(Projected(0.0, floor_v, 0.0))[1]
        if floor_y < h:
            canvas.items.append(
                f'<rect x="0" y="{_n(floor_y)}" width="{w}" height="{_n(h - floor_y)}" '
                f'fill="{FLOOR_FILL}"/>'
            )
            canvas.line((0, floor_y), (w, floor_y), FLOOR, 3.0)

    toward = cam.vectors()[2]

    def prop_depth(p: Prop) -> float:
        centre = (p.at[0], p.at[1] + p.size[1] / 2, p.at[2])
        return sum(a * b for a, b in zip(centre, toward, strict=True))

    back = sorted(
        (p for p in scene.props if p.kind in BOX_KINDS), key=lambda p: (prop_depth(p), p.kind)
    )
    for prop in back:
        _draw_box(canvas, prop)

    place = scene.pose.place
    if place.kind == "ground" and place.at[1] > 4.0 and abs(cam.pitch) < 1.0:
        # in the air: a shadow on the floor under the body
        c = canvas.xy((points["pelvis"][0], 0.0, points["pelvis"][2]))
        rx = canvas.px(32.0)
        canvas.items.append(
            f'<ellipse cx="{_n(c[0])}" cy="{_n(c[1])}" rx="{_n(rx)}" ry="{_n(rx * 0.16)}" '
            f'fill="{SHADOW}"/>'
        )

    groups = _figure_groups(scene, points, body)
    for group in sorted(groups, key=lambda g: (round(g.depth, 3), g.order)):
        _draw_group(canvas, group, points, body)

    for prop in scene.props:
        if prop.kind in HELD_KINDS:
            _draw_held(canvas, prop, points)
    for band in scene.bands:
        _draw_band_path(canvas, band, points)

    xs = [canvas.xy(p) for p in points.values()]
    centre = (sum(x for x, _ in xs) / len(xs), sum(y for _, y in xs) / len(xs))
    for mark in scene.marks:
        if mark.kind == "arc":
            origin = motion_from
            if mark.from_angles:
                origin = Pose(
                    {**scene.pose.full_angles(), **dict(mark.from_angles)},
                    cam,
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

    body_text = "\n  ".join(canvas.items)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}">\n  {body_text}\n</svg>\n'
    )


# ----------------------------------------------------------------------------- from data


def _vec(value: Any, what: str) -> Vec:
    if not isinstance(value, (list, tuple)) or len(value) != 3:
        raise ValueError(f"{what}: expected [x, y, z], got {value!r}")
    return (float(value[0]), float(value[1]), float(value[2]))


_NOT_ANGLES = frozenset({"view", "place", "props", "bands"})


def pose_from_data(data: Mapping[str, Any], camera: Camera) -> Pose:
    """A pose from its data form: angle names (``both_<name>`` sets both sides), an optional
    ``view`` ({yaw, pitch}) and ``place`` ({ground: height, x, z} | {root: [x, y, z]} |
    {pin: joint, at: [x, y, z]})."""
    angles: dict[str, float] = {}
    for key, value in _expand_both(data).items():
        if key not in _NOT_ANGLES:
            angles[key] = float(value)
    view = data.get("view") or {}
    cam = Camera(float(view.get("yaw", camera.yaw)), float(view.get("pitch", camera.pitch)))
    place_data = data.get("place") or {}
    if "root" in place_data:
        place = Placement("root", _vec(place_data["root"], "place.root"))
    elif "pin" in place_data:
        place = Placement("pin", _vec(place_data["at"], "place.at"), str(place_data["pin"]))
    else:
        place = Placement(
            "ground",
            (
                float(place_data.get("x", 0.0)),
                float(place_data.get("ground", 0.0)),
                float(place_data.get("z", 0.0)),
            ),
        )
    return Pose(angles, cam, place)


def _props(items: Sequence[Mapping[str, Any]]) -> tuple[Prop, ...]:
    out = []
    for item in items:
        kind = item["kind"]
        if kind not in BOX_KINDS | HELD_KINDS:
            raise ValueError(f"unknown prop kind {kind!r}")
        out.append(
            Prop(
                kind,
                _vec(item.get("at", [0, 0, 0]), f"{kind}.at"),
                _vec(item.get("size", [0, 0, 0]), f"{kind}.size"),
                str(item.get("hold", "")),
                float(item.get("radius", 12.0)),
                bool(item.get("fit", kind != "wall")),
                _vec(item.get("axis", [0, 1, 0]), f"{kind}.axis"),
            )
        )
    return tuple(out)


def _bands(items: Sequence[Mapping[str, Any]]) -> tuple[Band, ...]:
    out = []
    for item in items:
        path = tuple(
            ref if isinstance(ref, str) else _vec(ref, "band point") for ref in item["path"]
        )
        out.append(Band(path, item.get("kind", "band")))
    return tuple(out)


def _marks(items: Sequence[Mapping[str, Any]]) -> tuple[Mark, ...]:
    out = []
    for item in items:
        kind = item["kind"]
        from_angles = tuple(
            (str(k), float(v)) for k, v in _expand_both(item.get("from") or {}).items()
        )
        default_stage = "start" if kind == "circle" or from_angles else "end"
        out.append(
            Mark(
                kind,
                str(item.get("joint", "")),
                tuple(_vec(p, "mark.path") for p in item.get("path", [])),
                item.get("side", "auto"),
                float(item.get("offset", 14.0)),
                from_angles,
                item.get("stage", default_stage),
                (float(item.get("sweep", [40, -40])[0]), float(item.get("sweep", [40, -40])[1])),
            )
        )
    return tuple(out)


def highlight_for(working: str) -> frozenset[str]:
    """The limbs drawn in the working colour for ``working`` = left, right, both or none."""
    if working == "both":
        return frozenset({"left_leg", "right_leg"})
    if working in SIDES:
        return frozenset({f"{working}_leg"})
    return frozenset()


def scenes_from_data(entry: Mapping[str, Any]) -> tuple[Scene, Scene | None]:
    """The start scene and (if the entry has an ``end``) the end scene of one exercise.

    The end pose starts as a copy of the start pose and changes only what it names.
    """
    view = entry.get("view") or {}
    camera = Camera(float(view.get("yaw", 0.0)), float(view.get("pitch", 0.0)))
    highlight = (
        frozenset(entry["highlight"])
        if "highlight" in entry
        else highlight_for(str(entry.get("working", "left")))
    )
    unknown = set(highlight) - set(LIMBS)
    if unknown:
        raise ValueError(f"unknown limb(s) to highlight: {sorted(unknown)}")
    marks = _marks(entry.get("marks") or [])

    def scene(data: Mapping[str, Any], stage: str) -> Scene:
        return Scene(
            pose_from_data(data, camera),
            _props(data.get("props", entry.get("props") or [])),
            _bands(data.get("bands", entry.get("bands") or [])),
            highlight,
            tuple(m for m in marks if m.stage == stage),
        )

    start_data = _expand_both(entry["start"])
    start = scene(start_data, "start")
    if "end" not in entry:
        return start, None
    end_data = {k: v for k, v in start_data.items() if k not in ("props", "bands")}
    end_data.update(_expand_both(entry["end"]))
    return start, scene(end_data, "end")


def _expand_both(data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key.startswith("both_"):
            for side in SIDES:
                out.setdefault(f"{side}_{key[5:]}", value)
        else:
            out[key] = value
    for key, value in data.items():
        if not key.startswith("both_"):
            out[key] = value
    return out
