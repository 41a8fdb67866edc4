"""The figure along its movement: the scene, and its picture, at any position between an
exercise's start (0) and its end (1), passing through its ``via`` poses.

A drawn picture carries the pose data it was drawn from (``figure_data``), so the app can
move the figure of any picture the project drew, copied into a library or not; a photo
carries none and stays still. No Qt here.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .framing import Frame, fit_frame
from .pose import interpolate
from .pose_data import movement_scenes
from .scene import Scene
from .svg import render_svg

METADATA_ID = "guide-app-figure"
_METADATA = re.compile(
    rf'<metadata id="{METADATA_ID}">(.*?)</metadata>'.encode(), re.DOTALL | re.IGNORECASE
)
HEAD_BYTES = 65_536  # how much of a picture is read for its pose data (it comes first)
STEPS = 240  # positions drawn along the movement; finer than the eye follows at 30 frames/s
FIGURES_KEPT = 16  # figures kept read (a session's exercises); each keeps up to STEPS + 1 pictures


def figure_data(entry: Mapping[str, Any]) -> str:
    """The pose data of one picture as the text of its ``<metadata>`` element."""
    text = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return f'<metadata id="{METADATA_ID}">{html.escape(text, quote=False)}</metadata>'


def read_figure_data(data: bytes) -> dict[str, Any] | None:
    """The pose data a drawn picture carries, or None (a photo, another SVG, damaged)."""
    found = _METADATA.search(data)
    if found is None:
        return None
    try:
        entry = json.loads(html.unescape(found.group(1).decode("ascii")))
    except (UnicodeDecodeError, ValueError):
        return None
    return entry if isinstance(entry, dict) else None


@dataclass(frozen=True, eq=False)
class MovingFigure:
    """One exercise's figure, ready to be drawn at any position of its movement."""

    scenes: tuple[Scene, ...]  # start, via..., end
    stops: tuple[float, ...]  # where along the movement (0..1) each scene is reached
    frame: Frame
    _drawn: dict[int, str] = field(default_factory=dict, repr=False)

    @property
    def moves(self) -> bool:
        """Whether there is a movement to show (else only the start pose)."""
        return len(self.scenes) > 1

    def scene_at(self, position: float) -> Scene:
        """The scene ``position`` (0 = start, 1 = end) of the way along the movement."""
        if not self.moves:
            return self.scenes[0]
        position = min(1.0, max(0.0, position))
        k = 1
        while k < len(self.stops) - 1 and position > self.stops[k]:
            k += 1
        a, b = self.scenes[k - 1], self.scenes[k]
        span = self.stops[k] - self.stops[k - 1]
        t = 0.0 if span <= 0 else (position - self.stops[k - 1]) / span
        near = a if t < 0.5 else b  # equipment and bands of the nearer position
        return replace(near, pose=interpolate(a.pose, b.pose, t), marks=())

    @property
    def steps(self) -> int:
        """How many steps the movement is drawn in (positions are drawn to 1/steps)."""
        return STEPS

    def step_of(self, position: float) -> int:
        """The drawn step nearest ``position``."""
        return round(min(1.0, max(0.0, position)) * STEPS)

    def svg_at(self, position: float) -> str:
        """The picture at ``position`` as SVG text, without movement arrows (the figure
        moving shows the movement). Positions are drawn to 1/``STEPS`` of the way."""
        step = self.step_of(position)
        svg = self._drawn.get(step)
        if svg is None:
            svg = render_svg(self.scene_at(step / STEPS), self.frame)
            self._drawn[step] = svg
        return svg


def moving_figure(entry: Mapping[str, Any]) -> MovingFigure:
    """The moving figure of one exercise's pose data (``assets/poses.yaml``'s entry)."""
    scenes = movement_scenes(entry)
    stops = _stops(entry.get("via") or [], len(scenes))
    samples = list(scenes)
    for a, b in itertools.pairwise(scenes):  # in between, the figure may reach out
        samples.extend(replace(a, pose=interpolate(a.pose, b.pose, t)) for t in (0.25, 0.5, 0.75))
    return MovingFigure(scenes, stops, fit_frame(samples))


def _stops(vias: Sequence[Mapping[str, Any]], count: int) -> tuple[float, ...]:
    """Each scene's place along the movement: a via's ``at`` where given, else evenly
    between its neighbours."""
    if count == 1:
        return (0.0,)
    given: list[float | None] = [0.0, *(_at(v) for v in vias), 1.0]
    stops = list(given)
    k = 0
    while k < len(stops) - 1:
        j = k + 1
        while stops[j] is None:
            j += 1
        lo, hi = float(stops[k]), float(stops[j])  # type: ignore[arg-type]
        for n in range(k + 1, j):
            stops[n] = lo + (hi - lo) * (n - k) / (j - k)
        k = j
    out = tuple(float(s) for s in stops)  # type: ignore[arg-type]
    if any(b < a for a, b in itertools.pairwise(out)):
        raise ValueError("via poses' `at` must grow from 0 to 1 in order")
    return out


def _at(via: Mapping[str, Any]) -> float | None:
    if "at" not in via:
        return None
    at = float(via["at"])
    if not 0.0 < at < 1.0:
        raise ValueError(f"a via pose's `at` is a fraction between 0 and 1, not {at}")
    return at


_FIGURES: OrderedDict[tuple[Path, int, int], MovingFigure | None] = OrderedDict()
_BY_DATA: OrderedDict[bytes, MovingFigure | None] = OrderedDict()


def figure_of(path: Path) -> MovingFigure | None:
    """The moving figure a drawn picture carries, or None (a photo, an SVG the project
    did not draw, a file that cannot be read or whose pose data is wrong). Only the
    file's head is read (the pose data comes first). Kept by the file's path, size and
    time, so a picture changed on disk is read again; an exercise's start and end
    pictures carry the same data and share one figure."""
    if path.suffix.lower() != ".svg":
        return None
    try:
        info = path.stat()
        key = (path, info.st_size, info.st_mtime_ns)
        if key in _FIGURES:
            return _FIGURES[key]
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
    except OSError:
        return None
    found = _METADATA.search(head)
    data = found.group(1) if found is not None else b""
    if data not in _BY_DATA:
        _BY_DATA[data] = _figure(head) if data else None
        _trim(_BY_DATA)
    _FIGURES[key] = figure = _BY_DATA[data]
    _trim(_FIGURES)
    return figure


def _figure(head: bytes) -> MovingFigure | None:
    entry = read_figure_data(head)
    if entry is None:
        return None
    try:
        return moving_figure(entry)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _trim(kept: OrderedDict[Any, Any]) -> None:
    while len(kept) > FIGURES_KEPT:
        kept.popitem(last=False)
