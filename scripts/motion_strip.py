"""Draw the moving figure of exercises as strips of frames along their movement, to look
over how they move (and for docs/).

    .venv/bin/python scripts/motion_strip.py clamshell                  # /tmp/motion-strip.png
    .venv/bin/python scripts/motion_strip.py kettlebell-swing pike --frames 9 --width 200
    .venv/bin/python scripts/motion_strip.py clamshell --side right --out docs/x.png

Each row is one exercise: frames at even positions from the start pose (0) to the end
pose (1), drawn as the app draws them while the figure moves (no arrows), read from
assets/poses.yaml (not the pictures, so a pose being changed shows without redrawing).
Uses Qt offscreen.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide_app.figure.moving import moving_figure  # noqa: E402
from guide_app.figure.style import for_side  # noqa: E402

POSES = ROOT / "assets" / "poses.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="+", help="exercise ids (keys of assets/poses.yaml)")
    parser.add_argument("--frames", type=int, default=7, help="frames from start to end")
    parser.add_argument("--width", type=int, default=240, help="width of one frame in pixels")
    parser.add_argument("--side", choices=("left", "right"), default="left")
    parser.add_argument("--out", type=Path, default=Path("/tmp/motion-strip.png"))
    args = parser.parse_args(argv)
    entries = yaml.safe_load(POSES.read_text(encoding="utf-8"))["exercises"]
    unknown = [i for i in args.ids if i not in entries]
    if unknown:
        parser.error(f"no poses for: {', '.join(unknown)}")

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    w, h = args.width, args.width * 3 // 4
    pad, label_h = 6, max(20, w // 10)
    frames = max(2, args.frames)
    sheet = QImage(
        frames * (w + pad) + pad,
        len(args.ids) * (h + label_h + pad) + pad,
        QImage.Format.Format_RGB32,
    )
    sheet.fill(QColor("#E8E8E8"))
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(max(11, label_h * 6 // 10))
    painter.setFont(font)
    for row, ex_id in enumerate(args.ids):
        figure = moving_figure(entries[ex_id])
        y0 = pad + row * (h + label_h + pad)
        painter.setPen(QColor("#111111"))
        painter.drawText(
            QRectF(pad, y0, sheet.width() - 2 * pad, label_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{ex_id}  (stops at {', '.join(f'{s:g}' for s in figure.stops)})",
        )
        for k in range(frames):
            position = k / (frames - 1)
            rect = QRectF(pad + k * (w + pad), y0 + label_h, w, h)
            svg = for_side(figure.svg_at(position), args.side)
            painter.save()
            if args.side == "right":  # drawn for the left side; mirrored as the app does
                painter.translate(rect.x() + rect.width(), 0)
                painter.scale(-1, 1)
                rect = QRectF(0, rect.y(), rect.width(), rect.height())
            QSvgRenderer(QByteArray(svg.encode())).render(painter, rect)
            painter.restore()
            painter.setPen(QPen(QColor("#B0B0B0"), 1))
            painter.drawRect(QRectF(pad + k * (w + pad), y0 + label_h, w, h))
    painter.end()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not sheet.save(str(args.out)):
        raise SystemExit(f"could not write {args.out}")
    del app
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
