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

How the camera sees the figure is in ``camera``; where the numbers come from, ``pose_data``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from .camera import Camera, Projected, project
from .vectors import Mat, Vec, add, apply, lerp, lerp_vec, mul, rot_x, rot_y, rot_z, sub

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
    camera: Camera = field(default_factory=Camera)
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


_MIRROR: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, -1.0))


def _sided(side: str, m: Mat) -> Mat:
    """A joint rotation written for the right side, reflected for the left side."""
    return mul(mul(_MIRROR, m), _MIRROR) if side == "left" else m


# ------------------------------------------------------------------------------- kinematics


def skeleton(pose: Pose, body: Body = BODY) -> dict[str, Vec]:
    """World positions of every joint, placement applied: ``pelvis``, ``neck``, ``head``,
    ``nose`` and, on each side, ``<side>_`` + shoulder, elbow, hand, hip, knee, ankle, heel, toe."""
    points = _skeleton_at_origin(pose, body)
    return {name: add(p, _placement_offset(pose, points, body)) for name, p in points.items()}


def _skeleton_at_origin(pose: Pose, body: Body) -> dict[str, Vec]:
    a = pose.full_angles()
    pelvis_r = mul(mul(rot_y(a["body_yaw"]), rot_z(-a["body_pitch"])), rot_x(a["body_roll"]))
    trunk_r = mul(
        mul(mul(pelvis_r, rot_z(-a["trunk_flex"])), rot_x(a["trunk_side"])),
        rot_y(-a["trunk_twist"]),
    )
    head_r = mul(mul(trunk_r, rot_z(-a["neck_flex"])), rot_y(-a["neck_turn"]))
    pelvis: Vec = (0.0, 0.0, 0.0)
    neck = apply(trunk_r, (0.0, body.torso, 0.0))
    head = add(neck, apply(head_r, (0.0, body.neck + body.head_radius, 0.0)))
    pts: dict[str, Vec] = {
        "pelvis": pelvis,
        "neck": neck,
        "head": head,
        "nose": add(head, apply(head_r, (body.head_radius * 0.92, -1.5, 0.0))),
    }
    for side in SIDES:
        lat = 1.0 if side == "right" else -1.0

        def angle(name: str, side: str = side) -> float:
            return a[f"{side}_{name}"]

        shoulder = add(neck, apply(trunk_r, (0.0, -body.shoulder_drop, lat * body.shoulder_half)))
        arm_r = mul(
            trunk_r,
            _sided(
                side,
                mul(
                    mul(rot_z(angle("shoulder_flex")), rot_x(-angle("shoulder_abd"))),
                    rot_y(-angle("shoulder_rot")),
                ),
            ),
        )
        elbow = add(shoulder, apply(arm_r, (0.0, -body.upper_arm, 0.0)))
        fore_r = mul(arm_r, rot_z(angle("elbow_flex")))
        hand = add(elbow, apply(fore_r, (0.0, -body.forearm, 0.0)))

        hip = apply(pelvis_r, (0.0, 0.0, lat * body.hip_half))
        thigh_r = mul(
            pelvis_r,
            _sided(
                side,
                mul(
                    mul(rot_z(angle("hip_flex")), rot_x(-angle("hip_abd"))),
                    rot_y(-angle("hip_rot")),
                ),
            ),
        )
        knee = add(hip, apply(thigh_r, (0.0, -body.thigh, 0.0)))
        shin_r = mul(thigh_r, rot_z(-angle("knee_flex")))
        ankle = add(knee, apply(shin_r, (0.0, -body.shin, 0.0)))
        foot_r = mul(
            mul(shin_r, _sided(side, rot_y(-angle("foot_turn")))), rot_z(angle("ankle_flex"))
        )
        sole = add(ankle, apply(shin_r, (0.0, -body.ankle_drop, 0.0)))
        heel = add(sole, apply(foot_r, (-body.heel_back, 0.0, 0.0)))
        toe = add(sole, apply(foot_r, (body.toe_forward, 0.0, 0.0)))
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
    return lerp_vec(points[f"{side}_{start}"], points[f"{side}_{end}"], frac)


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
        return sub(place.at, point(points, place.joint))
    return (place.at[0], place.at[1] - lowest(points, body), place.at[2])


def resolved_root(pose: Pose, body: Body = BODY) -> Vec:
    """Where the placement puts the pelvis."""
    return _placement_offset(pose, _skeleton_at_origin(pose, body), body)


def projected_skeleton(pose: Pose, body: Body = BODY) -> dict[str, Projected]:
    return {name: project(p, pose.camera) for name, p in skeleton(pose, body).items()}


# ------------------------------------------------------------------ interpolate, mirror


def interpolate(pose_a: Pose, pose_b: Pose, t: float) -> Pose:
    """The pose a fraction ``t`` (0..1) of the way from ``pose_a`` to ``pose_b``.

    Joint angles and the camera move linearly. Two placements of the same kind and joint
    (both on the ground, or both pinned at the same joint) move their target linearly, so
    a foot pinned in both stays planted; otherwise the pelvis moves in a straight line.
    """
    t = min(1.0, max(0.0, t))
    angles = {name: lerp(pose_a.angle(name), pose_b.angle(name), t) for name in ANGLE_NAMES}
    camera = Camera(
        lerp(pose_a.camera.yaw, pose_b.camera.yaw, t),
        lerp(pose_a.camera.pitch, pose_b.camera.pitch, t),
    )
    pa, pb = pose_a.place, pose_b.place
    if pa.kind == pb.kind and pa.joint == pb.joint:
        place = Placement(pa.kind, lerp_vec(pa.at, pb.at, t), pa.joint)
    else:
        place = Placement("root", lerp_vec(resolved_root(pose_a), resolved_root(pose_b), t), "")
    return Pose(angles, camera, place)


def swap_side_name(name: str) -> str:
    """``left_knee`` <-> ``right_knee``; other names unchanged."""
    for a, b in (("left_", "right_"), ("right_", "left_")):
        if name.startswith(a):
            return b + name[len(a) :]
    return name


def mirror(pose: Pose) -> Pose:
    """The same pose done with the other side; its picture is the original's mirror image."""
    angles = {
        swap_side_name(name): (-value if name in LATERAL_ANGLES else value)
        for name, value in pose.angles.items()
    }
    place = pose.place
    mirrored_place = replace(
        place, at=(place.at[0], place.at[1], -place.at[2]), joint=swap_side_name(place.joint)
    )
    camera = Camera(180.0 - pose.camera.yaw, pose.camera.pitch)
    return Pose(angles, camera, mirrored_place)
