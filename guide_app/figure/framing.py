"""Choosing what part of the world a picture shows: one frame that fits the figure and its
equipment, shared by an exercise's start and end pictures so the figure does not jump."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .camera import Camera, Projected, project
from .pose import BODY, SIDES, Body, skeleton
from .scene import BOX_KINDS, Scene, band_point, box_corners, held_position
from .style import OUTLINE_GAP
from .vectors import Vec

WIDTH = 400
HEIGHT = 300


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


def _scene_extent(scene: Scene, body: Body = BODY) -> list[Projected]:
    points = skeleton(scene.pose, body)
    cam = scene.pose.camera
    out = _figure_extent(points, cam, body)
    for prop in scene.props:
        if not prop.fit:
            continue
        if prop.kind in BOX_KINDS:
            out.extend(project(c, cam) for c in box_corners(prop))
        else:
            c = project(held_position(prop, points), cam)
            r = prop.radius + 6
            out.extend(
                Projected(c.u + du * r, c.v + dv * r, c.depth)
                for du, dv in ((1, 0), (-1, 0), (0, 1), (0, -1))
            )
    for band in scene.bands:
        out.extend(project(band_point(ref, points), cam) for ref in band.path)
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
    pts = [p for scene in scenes for p in _scene_extent(scene)]
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
            world.extend(box_corners(prop))
    return min(sum(a * b for a, b in zip(p, level, strict=True)) for p in world)
