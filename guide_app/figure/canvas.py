"""Writing SVG shapes in picture pixels: world points go through the camera and the frame,
numbers are written with one decimal, and shapes are clipped to the picture."""

from __future__ import annotations

from collections.abc import Sequence

from .camera import Camera, project
from .framing import Frame
from .vectors import Vec


def svg_number(x: float) -> str:
    """A coordinate or width as written in the SVG: one decimal, never ``-0.0``."""
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def _pts(xys: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{svg_number(x)},{svg_number(y)}" for x, y in xys)


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


class Canvas:
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
            f'<line x1="{svg_number(a[0])}" y1="{svg_number(a[1])}" '
            f'x2="{svg_number(b[0])}" y2="{svg_number(b[1])}" '
            f'stroke="{colour}" stroke-width="{svg_number(w)}" stroke-linecap="round"/>'
        )

    def polyline(self, xys: Sequence[tuple[float, float]], colour: str, w: float) -> None:
        self.items.append(
            f'<polyline points="{_pts(xys)}" fill="none" stroke="{colour}" '
            f'stroke-width="{svg_number(w)}" stroke-linecap="round" stroke-linejoin="round"/>'
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
            f'stroke-width="{svg_number(w)}" stroke-linejoin="round"/>'
        )

    def circle(
        self, c: tuple[float, float], r: float, fill: str, stroke: str = "none", w: float = 0
    ) -> None:
        extra = f' stroke="{stroke}" stroke-width="{svg_number(w)}"' if stroke != "none" else ""
        self.items.append(
            f'<circle cx="{svg_number(c[0])}" cy="{svg_number(c[1])}" r="{svg_number(r)}" '
            f'fill="{fill}"{extra}/>'
        )

    def path(self, d: str, fill: str, stroke: str, w: float) -> None:
        self.items.append(
            f'<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="{svg_number(w)}" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
        )
