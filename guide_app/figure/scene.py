"""What one picture shows: the posed figure, its equipment, bands, the working limbs and
movement marks, and where the equipment sits in the world.

No drawing here; ``svg`` draws a scene and ``pose_data`` makes scenes from the pose data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .pose import Pose, point
from .vectors import Vec

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


# ------------------------------------------------------------------ where equipment sits


def held_position(prop: Prop, points: dict[str, Vec]) -> Vec:
    """Where a ball, kettlebell or dumbbell is: at ``prop.at``, or moved by it from the hands."""
    if not prop.hold:
        return prop.at
    if prop.hold == "hands":
        a, b = points["left_hand"], points["right_hand"]
        base: Vec = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)
    else:
        base = point(points, prop.hold)
    return (base[0] + prop.at[0], base[1] + prop.at[1], base[2] + prop.at[2])


def box_corners(prop: Prop) -> list[Vec]:
    """The eight corners of a block (mat, bench, wall, ...)."""
    x, y, z = prop.at
    sx, sy, sz = prop.size
    return [
        (x + dx * sx / 2, y + dy * sy, z + dz * sz / 2)
        for dx in (-1, 1)
        for dy in (0, 1)
        for dz in (-1, 1)
    ]


def band_point(ref: str | Vec, points: dict[str, Vec]) -> Vec:
    """A point a band passes through: a joint, a point along a segment, or a fixed point."""
    return point(points, ref) if isinstance(ref, str) else ref
