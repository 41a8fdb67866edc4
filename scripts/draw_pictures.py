"""Draw every exercise picture from the pose data.

Reads ``assets/poses.yaml`` and writes ``assets/pictures/<id>-start.svg`` and, for
exercises with an end position, ``assets/pictures/<id>-end.svg``. The output is
deterministic: running it twice gives the same files.

    .venv/bin/python scripts/draw_pictures.py            # write all
    .venv/bin/python scripts/draw_pictures.py clamshell  # write only these
    .venv/bin/python scripts/draw_pictures.py --check    # fail if a file is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide_app.figure.moving import figure_data, moving_figure  # noqa: E402
from guide_app.figure.pose_data import scenes_from_data  # noqa: E402
from guide_app.figure.svg import render_svg  # noqa: E402

POSES = ROOT / "assets" / "poses.yaml"
PICTURES = ROOT / "assets" / "pictures"


def load_poses(path: Path = POSES) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    exercises = data["exercises"]
    if not isinstance(exercises, dict):
        raise SystemExit(f"{path}: 'exercises' must map ids to pose data")
    return exercises


def pictures_for(entry: dict[str, Any]) -> dict[str, str]:
    """{"start": svg text, "end": svg text (if the exercise has an end position)}.

    Both are framed as the moving figure is (so the figure does not jump when the app
    moves it), and carry the pose data it moves with."""
    start, end = scenes_from_data(entry)
    frame = moving_figure(entry).frame
    data = figure_data(entry)
    out = {"start": render_svg(start, frame, metadata=data)}
    if end is not None:
        out["end"] = render_svg(end, frame, motion_from=start.pose, metadata=data)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="exercise ids to draw (default: all)")
    parser.add_argument("--check", action="store_true", help="only check the files are current")
    args = parser.parse_args(argv)
    exercises = load_poses()
    unknown = sorted(set(args.ids) - set(exercises))
    if unknown:
        parser.error(f"no poses for: {', '.join(unknown)}")
    PICTURES.mkdir(parents=True, exist_ok=True)
    stale = []
    for ex_id in args.ids or sorted(exercises):
        for stage, svg in pictures_for(exercises[ex_id]).items():
            path = PICTURES / f"{ex_id}-{stage}.svg"
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != svg:
                    stale.append(path.relative_to(ROOT))
            else:
                path.write_text(svg, encoding="utf-8")
    if stale:
        print("out of date:", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
