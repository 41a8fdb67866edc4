"""The moving figure: every drawn picture carries the pose data it moves with, every
exercise with a movement moves, the figure stays inside its picture all the way through,
via poses are passed in order, and a picture the project did not draw stays still."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guide_app.core.loader import bundled_root, load_library
from guide_app.figure.framing import _scene_extent
from guide_app.figure.moving import (
    METADATA_ID,
    figure_data,
    figure_of,
    moving_figure,
    read_figure_data,
)
from guide_app.figure.style import ARROW

ROOT = bundled_root()
POSES = yaml.safe_load((ROOT / "assets" / "poses.yaml").read_text(encoding="utf-8"))["exercises"]
LIBRARY = load_library([ROOT])


@pytest.mark.parametrize("ex_id", sorted(LIBRARY.exercises))
def test_every_bundled_exercise_with_an_end_picture_moves(ex_id: str) -> None:
    path = LIBRARY.picture_path(ex_id, "start")
    assert path is not None
    figure = figure_of(path)
    assert figure is not None, f"{path.name} carries the pose data it was drawn from"
    has_end = LIBRARY.exercises[ex_id].pictures.end is not None
    assert figure.moves is has_end
    end = LIBRARY.picture_path(ex_id, "end")
    if end is not None:
        assert figure_of(end) is figure, "start and end share one figure"


@pytest.mark.parametrize("ex_id", sorted(k for k, v in POSES.items() if "end" in v))
def test_the_figure_stays_inside_its_picture_all_the_way(ex_id: str) -> None:
    figure = moving_figure(POSES[ex_id])
    frame = figure.frame
    for n in range(21):
        scene = figure.scene_at(n / 20)
        for p in _scene_extent(scene):
            x, y = frame.xy(p)
            assert -2 <= x <= frame.width + 2 and -2 <= y <= frame.height + 2, (
                f"{ex_id} at {n / 20:.2f} leaves the picture at ({x:.0f}, {y:.0f})"
            )


def test_via_poses_are_passed_in_order_where_they_say() -> None:
    entry = {
        "start": {"left_hip_flex": 0},
        "via": [{"left_hip_flex": 30}, {"at": 0.8, "left_hip_flex": 60}],
        "end": {"left_hip_flex": 90},
    }
    figure = moving_figure(entry)
    assert figure.stops == (0.0, 0.4, 0.8, 1.0), "evenly spaced unless `at` says"
    for position, angle in ((0.0, 0), (0.2, 15), (0.4, 30), (0.6, 45), (0.8, 60), (1.0, 90)):
        assert figure.scene_at(position).pose.angle("left_hip_flex") == pytest.approx(angle)


@pytest.mark.parametrize(
    "entry",
    [
        {"start": {}, "via": [{"left_knee_flex": 10}]},  # a via with no end
        {"start": {}, "via": [{"at": 1.5}], "end": {"left_knee_flex": 10}},
        {"start": {}, "via": [{"at": 0.7}, {"at": 0.3}], "end": {"left_knee_flex": 10}},
        {"start": {"left_knee_bend": 10}},  # no such angle
    ],
)
def test_wrong_pose_data_leaves_the_picture_still(entry: dict[str, object], tmp_path: Path) -> None:
    picture = tmp_path / "x.svg"
    picture.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3">{figure_data(entry)}</svg>'
    )
    assert figure_of(picture) is None


def test_a_picture_the_project_did_not_draw_stays_still(tmp_path: Path) -> None:
    plain = tmp_path / "photo.svg"
    plain.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>')
    damaged = tmp_path / "damaged.svg"
    damaged.write_text(f'<svg><metadata id="{METADATA_ID}">{{"start": </metadata></svg>')
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert [figure_of(p) for p in (plain, damaged, photo, tmp_path / "gone.svg")] == [None] * 4


def test_the_pose_data_survives_the_trip_through_the_picture() -> None:
    entry = POSES["kettlebell-swing"]
    text = f"<svg>{figure_data(entry)}</svg>".encode()
    assert read_figure_data(text) == yaml.safe_load(yaml.safe_dump(entry))


def test_moving_frames_draw_no_arrows_the_still_pictures_do() -> None:
    figure = moving_figure(POSES["clamshell"])
    assert ARROW not in figure.svg_at(0.5)
    assert ARROW in (ROOT / "assets" / "pictures" / "clamshell-end.svg").read_text()
