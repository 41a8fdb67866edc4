"""The camera: where it looks from, and where a world point lands on the picture.

The camera looks at the figure orthographically: ``yaw`` 0 views it from its right side,
90 from the front, 180 from its left side; ``pitch`` raises the camera to look down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .vectors import Vec, add, dot, scale


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
        up = add(scale(up_flat, math.cos(p)), scale(toward, -math.sin(p)))
        toward_p = add(scale(toward, math.cos(p)), scale(up_flat, math.sin(p)))
        return right, up, toward_p


@dataclass(frozen=True)
class Projected:
    """A point on the picture: ``u`` to the right, ``v`` up (world units), ``depth`` towards
    the viewer."""

    u: float
    v: float
    depth: float


def project(p: Vec, camera: Camera) -> Projected:
    right, up, toward = camera.vectors()
    return Projected(dot(p, right), dot(p, up), dot(p, toward))
