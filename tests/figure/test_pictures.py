"""The exercise pictures: every exercise has them, they load in Qt and show something,
they match the pose data, and the figure model mirrors and interpolates correctly."""

from __future__ import annotations

import importlib.util
import math
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from guide_app.figure.camera import Camera
from guide_app.figure.pose import (
    ANGLE_NAMES,
    Placement,
    Pose,
    interpolate,
    mirror,
    projected_skeleton,
    skeleton,
    swap_side_name,
)
from guide_app.figure.pose_data import scenes_from_data
from guide_app.figure.svg import render_svg

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = sorted((ROOT / "exercises").glob("*.yaml"))
POSES: dict[str, Any] = yaml.safe_load((ROOT / "assets" / "poses.yaml").read_text())["exercises"]


def _exercise(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _picture_paths() -> list[Path]:
    paths = []
    for path in EXERCISES:
        pictures = _exercise(path)["pictures"]
        for stage in ("start", "end"):
            if pictures.get(stage):
                paths.append(ROOT / pictures[stage])
    return paths


def _draw_pictures_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "draw_pictures", ROOT / "scripts" / "draw_pictures.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ every exercise has them


def test_there_are_exercises() -> None:
    assert len(EXERCISES) >= 50


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_named_pictures_exist(path: Path) -> None:
    pictures = _exercise(path)["pictures"]
    assert pictures["start"] == f"assets/pictures/{path.stem}-start.svg"
    assert (ROOT / pictures["start"]).is_file()
    if pictures.get("end"):
        assert pictures["end"] == f"assets/pictures/{path.stem}-end.svg"
        assert (ROOT / pictures["end"]).is_file()


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_pose_data_matches_exercise(path: Path) -> None:
    """The pose data draws exactly the pictures the exercise names, with its working side."""
    data = _exercise(path)
    entry = POSES[data["id"]]
    assert ("end" in entry) == bool(data["pictures"].get("end"))
    drawn = data["pictures"].get("drawn_side", "left")
    highlight = entry.get("highlight") or []
    working = entry.get("working")
    if working is None:
        assert any(limb.startswith(f"{drawn}_") for limb in highlight) or drawn == "both"
    else:
        assert working == drawn


def test_pictures_are_up_to_date() -> None:
    """The committed SVGs are what scripts/draw_pictures.py makes from assets/poses.yaml."""
    draw = _draw_pictures_module()
    for ex_id, entry in POSES.items():
        for stage, svg in draw.pictures_for(entry).items():
            path = ROOT / "assets" / "pictures" / f"{ex_id}-{stage}.svg"
            assert path.read_text(encoding="utf-8") == svg, f"{path.name} is stale: run the script"


def test_drawing_is_deterministic() -> None:
    draw = _draw_pictures_module()
    entry = POSES["clamshell"]
    assert draw.pictures_for(entry) == draw.pictures_for(entry)


@pytest.mark.parametrize("path", _picture_paths(), ids=lambda p: p.stem)
def test_picture_is_well_formed_svg(path: Path) -> None:
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 400 300"


# ------------------------------------------------------------------------------- in Qt


@pytest.mark.parametrize("path", _picture_paths(), ids=lambda p: p.stem)
def test_picture_loads_in_qt_and_is_not_blank(qapp: Any, path: Path) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(200, 150, QImage.Format.Format_ARGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 200, 150))
    painter.end()

    inked = dark = 0
    for y in range(0, 150, 2):
        for x in range(0, 200, 2):
            colour = image.pixelColor(x, y)
            lightness = colour.lightness()
            if lightness < 235:
                inked += 1
            if lightness < 110:
                dark += 1
    samples = 100 * 75
    assert inked / samples > 0.04, "picture is (nearly) blank"
    assert dark / samples > 0.01, "no figure drawn in it"


# ------------------------------------------------------------------ the figure model (no Qt)


def _sample_poses() -> list[Pose]:
    out = []
    for ex_id in ("clamshell", "forward-lunge", "pigeon-pose", "banded-standing-hip-rotation"):
        start, end = scenes_from_data(POSES[ex_id])
        out.append(start.pose)
        if end is not None:
            out.append(end.pose)
    return out


@pytest.mark.parametrize("pose", _sample_poses())
def test_mirror_is_the_mirror_image(pose: Pose) -> None:
    original = projected_skeleton(pose)
    mirrored = projected_skeleton(mirror(pose))
    for name, p in original.items():
        q = mirrored[swap_side_name(name)]
        assert q.u == pytest.approx(-p.u, abs=1e-6)
        assert q.v == pytest.approx(p.v, abs=1e-6)
        assert q.depth == pytest.approx(p.depth, abs=1e-6)


def test_mirror_twice_is_the_same_pose() -> None:
    for pose in _sample_poses():
        twice = mirror(mirror(pose))
        for name, p in skeleton(pose).items():
            assert skeleton(twice)[name] == pytest.approx(p)


def test_interpolate_ends_and_middle() -> None:
    a = Pose({"left_knee_flex": 10.0, "body_pitch": 0.0}, Camera(0, 0))
    b = Pose({"left_knee_flex": 90.0, "body_pitch": 40.0}, Camera(90, 20))
    assert interpolate(a, b, 0.0).full_angles() == a.full_angles()
    assert interpolate(a, b, 1.0).full_angles() == b.full_angles()
    mid = interpolate(a, b, 0.5)
    assert mid.angle("left_knee_flex") == pytest.approx(50.0)
    assert mid.angle("body_pitch") == pytest.approx(20.0)
    assert mid.camera == Camera(45.0, 10.0)
    # outside 0..1 is clamped
    assert interpolate(a, b, 2.0).full_angles() == b.full_angles()
    assert interpolate(a, b, -1.0).full_angles() == a.full_angles()


def test_interpolate_keeps_a_pinned_foot_planted() -> None:
    foot = (20.0, 3.5, -9.0)
    stand = Pose({}, place=Placement("pin", foot, "left_heel"))
    squat = Pose(
        {"left_hip_flex": 80, "left_knee_flex": 90, "left_ankle_flex": 10},
        place=Placement("pin", foot, "left_heel"),
    )
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        assert skeleton(interpolate(stand, squat, t))["left_heel"] == pytest.approx(foot)


def test_interpolate_between_placements_moves_the_pelvis_straight() -> None:
    a = Pose({}, place=Placement("root", (0.0, 95.0, 0.0)))
    b = Pose({}, place=Placement("ground", (40.0, 0.0, 0.0)))
    start = skeleton(interpolate(a, b, 0.0))["pelvis"]
    end = skeleton(interpolate(a, b, 1.0))["pelvis"]
    mid = skeleton(interpolate(a, b, 0.5))["pelvis"]
    assert mid == pytest.approx(tuple((s + e) / 2 for s, e in zip(start, end, strict=True)))


def test_ground_placement_puts_the_body_on_the_floor() -> None:
    from guide_app.figure.pose import lowest

    for pose in _sample_poses():
        if pose.place.kind == "ground":
            assert lowest(skeleton(pose)) == pytest.approx(pose.place.at[1])


def test_standing_figure_has_sensible_proportions() -> None:
    points = skeleton(Pose())
    height = points["head"][1] + 10.5
    assert 165 < height < 180
    assert points["left_hip"][2] < 0 < points["right_hip"][2]  # left is -z, right +z
    assert math.isclose(points["left_heel"][1], points["right_heel"][1])


def test_unknown_angle_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown joint angle"):
        Pose({"left_elbo_flex": 10.0})
    assert "left_foot_turn" in ANGLE_NAMES


def test_render_without_qt_gives_svg_text() -> None:
    start, end = scenes_from_data(POSES["glute-bridge"])
    assert end is not None
    svg = render_svg(end, motion_from=start.pose)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "#0072B2" in svg  # the working side
    assert "#D55E00" in svg  # the movement arrow
