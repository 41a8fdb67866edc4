"""Reading one exercise's entry in ``assets/poses.yaml`` into its start and end scenes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .camera import Camera
from .pose import SIDES, Placement, Pose
from .scene import BOX_KINDS, HELD_KINDS, LIMBS, Band, Mark, Prop, Scene
from .vectors import Vec


def _vec(value: Any, what: str) -> Vec:
    if not isinstance(value, (list, tuple)) or len(value) != 3:
        raise ValueError(f"{what}: expected [x, y, z], got {value!r}")
    return (float(value[0]), float(value[1]), float(value[2]))


_NOT_ANGLES = frozenset({"view", "place", "props", "bands", "at"})


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
    """The start scene and (if the entry has an ``end``) the end scene of one exercise."""
    scenes = movement_scenes(entry)
    return scenes[0], (scenes[-1] if "end" in entry else None)


def movement_scenes(entry: Mapping[str, Any]) -> tuple[Scene, ...]:
    """Every position of one exercise's movement in order: the start, the ``via`` poses
    (positions between start and end, for a movement a straight line between two poses
    does not show), and the end (if it has one).

    Each later position starts as a copy of the start pose and changes only what it
    names; movement marks are drawn on the start and end pictures only.
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
    scenes = [scene(start_data, "start")]
    later = [(item, "via") for item in entry.get("via") or []]
    if later and "end" not in entry:
        raise ValueError("via poses lie between the start and the end: give an end too")
    if "end" in entry:
        later.append((entry["end"], "end"))
    for changes, stage in later:
        data = {k: v for k, v in start_data.items() if k not in ("props", "bands")}
        data.update(_expand_both(changes))
        scenes.append(scene(data, stage))
    return tuple(scenes)


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
