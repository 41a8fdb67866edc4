"""A posable person: named joint angles in, 3-D joint positions and a 2-D projection out.

No Qt here: this is plain data and arithmetic, so the pictures can be made (and tested)
without a display, and the app can later move a figure between two poses in time.

Conventions
-----------
World units are centimetres. ``y`` is up and the floor is ``y = 0``. At rest the person
stands facing ``+x`` with their **right** side towards ``+z``.

A pose gives joint angles in degrees; anything not given keeps its rest value (standing,
arms hanging a little away from the body). Angle names:

Whole body (the pelvis) - ``body_pitch`` tips forward (90 = face down, -90 = face up),
``body_roll`` tips towards the right side (90 = lying on the right side),
``body_yaw`` turns to the left.

Trunk and head - ``trunk_flex`` bends forward, ``trunk_side`` bends towards the right,
``trunk_twist`` turns the chest towards the right, ``neck_flex`` brings the chin down,
``neck_turn`` turns the face towards the right.

Each side, as ``left_<name>`` / ``right_<name>`` - ``shoulder_flex`` raises the arm forward
(180 = overhead), ``shoulder_abd`` raises it out to the side, ``shoulder_rot`` turns it
outward, ``elbow_flex`` bends the elbow; ``hip_flex`` raises the thigh forward,
``hip_abd`` takes it out to the side, ``hip_rot`` turns it outward (external rotation;
negative is internal), ``knee_flex`` bends the knee, ``ankle_flex`` pulls the toes up
(negative points them), ``foot_turn`` turns the toes outward about the shin.

The camera looks at the figure orthographically: ``yaw`` 0 views it from its right side,
90 from the front, 180 from its left side; ``pitch`` raises the camera to look down.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # rows

SIDES = ("left", "right")

BODY_ANGLES = (
    "body_pitch",
    "body_roll",
    "body_yaw",
    "trunk_flex",
    "trunk_side",
    "trunk_twist",
    "neck_flex",
    "neck_turn",
)
SIDE_ANGLES = (
    "shoulder_flex",
    "shoulder_abd",
    "shoulder_rot",
    "elbow_flex",
    "hip_flex",
    "hip_abd",
    "hip_rot",
    "knee_flex",
    "ankle_flex",
    "foot_turn",
)
ANGLE_NAMES: tuple[str, ...] = BODY_ANGLES + tuple(
    f"{side}_{name}" for side in SIDES for name in SIDE_ANGLES
)

#: Angles that change sign when the figure is mirrored left for right.
LATERAL_ANGLES = frozenset({"body_roll", "body_yaw", "trunk_side", "trunk_twist", "neck_turn"})

REST_ANGLES: Mapping[str, float] = {
    **dict.fromkeys(ANGLE_NAMES, 0.0),
    "left_shoulder_abd": 8.0,
    "right_shoulder_abd": 8.0,
    "left_elbow_flex": 8.0,
    "right_elbow_flex": 8.0,
}

#: Joint names produced by :func:`skeleton` (per side ones carry a ``left_`` / ``right_``).
SIDE_JOINTS = ("shoulder", "elbow", "hand", "hip", "knee", "ankle", "heel", "toe")
JOINT_NAMES: tuple[str, ...] = (
    "pelvis",
    "neck",
    "head",
    "nose",
    *tuple(f"{side}_{joint}" for side in SIDES for joint in SIDE_JOINTS),
)

#: Segments that can carry a band, strap or marker anchor ("left_thigh:0.8").
SEGMENTS: Mapping[str, tuple[str, str]] = {
    "upper_arm": ("shoulder", "elbow"),
    "forearm": ("elbow", "hand"),
    "thigh": ("hip", "knee"),
    "shin": ("knee", "ankle"),
    "foot": ("heel", "toe"),
}


@dataclass(frozen=True)
class Body:
    """Proportions of the figure in centimetres (an adult of about 172 cm)."""

    hip_half: float = 9.0
    torso: float = 50.0
    shoulder_half: float = 17.0
    shoulder_drop: float = 5.0
    neck: float = 8.0
    head_radius: float = 10.5
    upper_arm: float = 29.0
    forearm: float = 28.0
    thigh: float = 44.0
    shin: float = 43.0
    ankle_drop: float = 5.0
    heel_back: float = 4.0
    toe_forward: float = 14.0
    # drawn thickness (full width) of each part
    torso_width: float = 19.0
    neck_width: float = 8.0
    upper_arm_width: float = 9.0
    forearm_width: float = 8.0
    thigh_width: float = 13.0
    shin_width: float = 10.5
    foot_width: float = 7.0
    # half-size of the drawn torso shape (the stroke width adds to it)
    torso_shape_shoulder: float = 12.0
    torso_shape_hip: float = 7.0


BODY = Body()


@dataclass(frozen=True)
class Camera:
    yaw: float = 0.0
    pitch: float = 0.0

    def vectors(self) -> tuple[Vec, Vec, Vec]:
        """(image right, image up, towards the viewer) as world vectors."""
        y, p = math.radians(self.yaw), math.radians(self.pitch)
        toward = (math.sin(y), 0.0, math.cos(y))
        right = (math.cos(y), 0.0, -math.sin(y))
        up_flat = (0.0, 1.0, 0.0)
        up = _add(_scale(up_flat, math.cos(p)), _scale(toward, -math.sin(p)))
        toward_p = _add(_scale(toward, math.cos(p)), _scale(up_flat, math.sin(p)))
        return right, up, toward_p


PlaceKind = Literal["ground", "root", "pin"]


@dataclass(frozen=True)
class Placement:
    """Where the figure stands.

    ``ground``: the pelvis is at ``x``/``z`` of ``at`` and the lowest point of the body is
    at height ``at[1]`` (0 = on the floor; more = in the air). ``root``: the pelvis is at
    ``at``. ``pin``: the named joint (or segment point, "left_thigh:0.5") is at ``at``.
    """

    kind: PlaceKind = "ground"
    at: Vec = (0.0, 0.0, 0.0)
    joint: str = ""


@dataclass(frozen=True)
class Pose:
    """Joint angles (degrees; missing ones take :data:`REST_ANGLES`), a camera and a placement."""

    angles: Mapping[str, float] = field(default_factory=dict)
    camera: Camera = Camera()
    place: Placement = Placement()

    def __post_init__(self) -> None:
        unknown = sorted(set(self.angles) - set(ANGLE_NAMES))
        if unknown:
            raise ValueError(f"unknown joint angle(s): {', '.join(unknown)}")
        if self.place.kind == "pin" and not self.place.joint:
            raise ValueError("a pinned placement needs a joint")

    def angle(self, name: str) -> float:
        return float(self.angles.get(name, REST_ANGLES[name]))

    def full_angles(self) -> dict[str, float]:
        return {name: self.angle(name) for name in ANGLE_NAMES}


# ----------------------------------------------------------------------------- vectors


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _lerp_vec(a: Vec, b: Vec, t: float) -> Vec:
    return (_lerp(a[0], b[0], t), _lerp(a[1], b[1], t), _lerp(a[2], b[2], t))


def _apply(m: Mat, v: Vec) -> Vec:
    return (_dot(m[0], v), _dot(m[1], v), _dot(m[2], v))


def _mul(a: Mat, b: Mat) -> Mat:
    cols = tuple(zip(*b, strict=True))
    return (
        (_dot(a[0], cols[0]), _dot(a[0], cols[1]), _dot(a[0], cols[2])),
        (_dot(a[1], cols[0]), _dot(a[1], cols[1]), _dot(a[1], cols[2])),
        (_dot(a[2], cols[0]), _dot(a[2], cols[1]), _dot(a[2], cols[2])),
    )


def _rx(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def _ry(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def _rz(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


_MIRROR: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, -1.0))


def _sided(side: str, m: Mat) -> Mat:
    """A joint rotation written for the right side, reflected for the left side."""
    return _mul(_mul(_MIRROR, m), _MIRROR) if side == "left" else m


# ------------------------------------------------------------------------------- kinematics


def skeleton(pose: Pose, body: Body = BODY) -> dict[str, Vec]:
    """World positions of every joint in :data:`JOINT_NAMES`, placement applied."""
    points = _skeleton_at_origin(pose, body)
    return {name: _add(p, _placement_offset(pose, points, body)) for name, p in points.items()}


def _skeleton_at_origin(pose: Pose, body: Body) -> dict[str, Vec]:
    a = pose.full_angles()
    pelvis_r = _mul(_mul(_ry(a["body_yaw"]), _rz(-a["body_pitch"])), _rx(a["body_roll"]))
    trunk_r = _mul(
        _mul(_mul(pelvis_r, _rz(-a["trunk_flex"])), _rx(a["trunk_side"])),
        _ry(-a["trunk_twist"]),
    )
    head_r = _mul(_mul(trunk_r, _rz(-a["neck_flex"])), _ry(-a["neck_turn"]))
    pelvis: Vec = (0.0, 0.0, 0.0)
    neck = _apply(trunk_r, (0.0, body.torso, 0.0))
    head = _add(neck, _apply(head_r, (0.0, body.neck + body.head_radius, 0.0)))
    pts: dict[str, Vec] = {
        "pelvis": pelvis,
        "neck": neck,
        "head": head,
        "nose": _add(head, _apply(head_r, (body.head_radius * 0.92, -1.5, 0.0))),
    }
    for side in SIDES:
        lat = 1.0 if side == "right" else -1.0

        def angle(name: str, side: str = side) -> float:
            return a[f"{side}_{name}"]

        shoulder = _add(neck, _apply(trunk_r, (0.0, -body.shoulder_drop, lat * body.shoulder_half)))
        arm_r = _mul(
            trunk_r,
            _sided(
                side,
                _mul(
                    _mul(_rz(angle("shoulder_flex")), _rx(-angle("shoulder_abd"))),
                    _ry(-angle("shoulder_rot")),
                ),
            ),
        )
        elbow = _add(shoulder, _apply(arm_r, (0.0, -body.upper_arm, 0.0)))
        fore_r = _mul(arm_r, _rz(angle("elbow_flex")))
        hand = _add(elbow, _apply(fore_r, (0.0, -body.forearm, 0.0)))

        hip = _apply(pelvis_r, (0.0, 0.0, lat * body.hip_half))
        thigh_r = _mul(
            pelvis_r,
            _sided(
                side,
                _mul(
                    _mul(_rz(angle("hip_flex")), _rx(-angle("hip_abd"))),
                    _ry(-angle("hip_rot")),
                ),
            ),
        )
        knee = _add(hip, _apply(thigh_r, (0.0, -body.thigh, 0.0)))
        shin_r = _mul(thigh_r, _rz(-angle("knee_flex")))
        ankle = _add(knee, _apply(shin_r, (0.0, -body.shin, 0.0)))
        foot_r = _mul(
            _mul(shin_r, _sided(side, _ry(-angle("foot_turn")))), _rz(angle("ankle_flex"))
        )
        sole = _add(ankle, _apply(shin_r, (0.0, -body.ankle_drop, 0.0)))
        heel = _add(sole, _apply(foot_r, (-body.heel_back, 0.0, 0.0)))
        toe = _add(sole, _apply(foot_r, (body.toe_forward, 0.0, 0.0)))
        pts.update(
            {
                f"{side}_shoulder": shoulder,
                f"{side}_elbow": elbow,
                f"{side}_hand": hand,
                f"{side}_hip": hip,
                f"{side}_knee": knee,
                f"{side}_ankle": ankle,
                f"{side}_heel": heel,
                f"{side}_toe": toe,
            }
        )
    return pts


def point(points: Mapping[str, Vec], ref: str) -> Vec:
    """A joint ("left_knee") or a point along a segment ("left_thigh:0.8", hip -> knee)."""
    if ":" not in ref:
        if ref not in points:
            raise KeyError(f"unknown joint {ref!r}")
        return points[ref]
    name, _, frac_text = ref.partition(":")
    side, _, segment = name.partition("_")
    if side not in SIDES or segment not in SEGMENTS:
        raise KeyError(f"unknown segment {name!r}")
    start, end = SEGMENTS[segment]
    frac = float(frac_text)
    return _lerp_vec(points[f"{side}_{start}"], points[f"{side}_{end}"], frac)


def lowest(points: Mapping[str, Vec], body: Body = BODY) -> float:
    """Height of the lowest drawn edge of the body (joint heights less the part's half-width)."""
    low = points["head"][1] - body.head_radius
    low = min(low, points["pelvis"][1] - body.torso_width / 2)
    low = min(low, points["neck"][1] - body.torso_width / 2)
    for side in SIDES:
        for joint, width in (
            ("shoulder", body.torso_width),
            ("elbow", body.upper_arm_width),
            ("hand", body.forearm_width),
            ("hip", body.torso_width),
            ("knee", body.thigh_width),
            ("ankle", body.shin_width),
            ("heel", body.foot_width),
            ("toe", body.foot_width),
        ):
            low = min(low, points[f"{side}_{joint}"][1] - width / 2)
    return low


def _placement_offset(pose: Pose, points: Mapping[str, Vec], body: Body) -> Vec:
    place = pose.place
    if place.kind == "root":
        return place.at
    if place.kind == "pin":
        return _sub(place.at, point(points, place.joint))
    return (place.at[0], place.at[1] - lowest(points, body), place.at[2])


def resolved_root(pose: Pose, body: Body = BODY) -> Vec:
    """Where the placement puts the pelvis."""
    return _placement_offset(pose, _skeleton_at_origin(pose, body), body)


# ------------------------------------------------------------------------------ projection


@dataclass(frozen=True)
class Projected:
    """A point on the picture: ``u`` to the right, ``v`` up (world units), ``depth`` towards
    the viewer."""

    u: float
    v: float
    depth: float


def project(p: Vec, camera: Camera) -> Projected:
    right, up, toward = camera.vectors()
    return Projected(_dot(p, right), _dot(p, up), _dot(p, toward))


def projected_skeleton(pose: Pose, body: Body = BODY) -> dict[str, Projected]:
    return {name: project(p, pose.camera) for name, p in skeleton(pose, body).items()}


# ----------------------------------------------------------------------- interpolate, mirror


def interpolate(pose_a: Pose, pose_b: Pose, t: float) -> Pose:
    """The pose a fraction ``t`` (0..1) of the way from ``pose_a`` to ``pose_b``.

    Joint angles and the camera move linearly. Two placements of the same kind and joint
    (both on the ground, or both pinned at the same joint) move their target linearly, so
    a foot pinned in both stays planted; otherwise the pelvis moves in a straight line.
    """
    t = min(1.0, max(0.0, t))
    angles = {name: _lerp(pose_a.angle(name), pose_b.angle(name), t) for name in ANGLE_NAMES}
    camera = Camera(
        _lerp(pose_a.camera.yaw, pose_b.camera.yaw, t),
        _lerp(pose_a.camera.pitch, pose_b.camera.pitch, t),
    )
    pa, pb = pose_a.place, pose_b.place
    if pa.kind == pb.kind and pa.joint == pb.joint:
        place = Placement(pa.kind, _lerp_vec(pa.at, pb.at, t), pa.joint)
    else:
        place = Placement("root", _lerp_vec(resolved_root(pose_a), resolved_root(pose_b), t), "")
    return Pose(angles, camera, place)


def _swap_side(name: str) -> str:
    for a, b in (("left_", "right_"), ("right_", "left_")):
        if name.startswith(a):
            return b + name[len(a) :]
    return name


def mirror(pose: Pose) -> Pose:
    """The same pose done with the other side; its picture is the original's mirror image."""
    angles = {
        _swap_side(name): (-value if name in LATERAL_ANGLES else value)
        for name, value in pose.angles.items()
    }
    place = pose.place
    mirrored_place = replace(
        place, at=(place.at[0], place.at[1], -place.at[2]), joint=_swap_side(place.joint)
    )
    camera = Camera(180.0 - pose.camera.yaw, pose.camera.pitch)
    return Pose(angles, camera, mirrored_place)


def mirror_point(p: Vec) -> Vec:
    """A world point reflected like :func:`mirror` reflects a pose."""
    return (p[0], p[1], -p[2])


def swap_side_name(name: str) -> str:
    """``left_knee`` <-> ``right_knee``; other names unchanged."""
    return _swap_side(name)
