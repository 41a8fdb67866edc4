"""Render every exercise's pictures, with names, into one PNG to look over.

    .venv/bin/python scripts/contact_sheet.py                 # docs/pictures-contact-sheet.png
    .venv/bin/python scripts/contact_sheet.py --ids clamshell pike --width 400 --out /tmp/x.png

Uses Qt offscreen (no display needed). The pictures are read from assets/pictures/, so run
scripts/draw_pictures.py first.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
POSES = ROOT / "assets" / "poses.yaml"
PICTURES = ROOT / "assets" / "pictures"
EXERCISES = ROOT / "exercises"
OUT = ROOT / "docs" / "pictures-contact-sheet.png"


def exercise_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for path in sorted(EXERCISES.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and "id" in data and "name" in data:
            names[str(data["id"])] = str(data["name"])
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", nargs="*", help="only these exercises")
    parser.add_argument("--width", type=int, default=240, help="width of one picture in pixels")
    parser.add_argument("--columns", type=int, default=4, help="exercises per row")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    ids = list(yaml.safe_load(POSES.read_text(encoding="utf-8"))["exercises"])
    if args.ids:
        ids = [i for i in ids if i in args.ids]
    names = exercise_names()

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pic_w = args.width
    pic_h = pic_w * 3 // 4
    pad, label_h = 10, max(22, pic_w // 9)
    cell_w = 2 * pic_w + 3 * pad
    cell_h = pic_h + label_h + 2 * pad
    cols = max(1, min(args.columns, len(ids)))
    rows = (len(ids) + cols - 1) // cols
    sheet = QImage(cols * cell_w, rows * cell_h, QImage.Format.Format_RGB32)
    sheet.fill(QColor("#E8E8E8"))
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(max(12, label_h * 6 // 10))
    painter.setFont(font)
    for index, ex_id in enumerate(ids):
        x0 = (index % cols) * cell_w
        y0 = (index // cols) * cell_h
        painter.setPen(QColor("#111111"))
        painter.drawText(
            QRectF(x0 + pad, y0 + 2, cell_w - 2 * pad, label_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{names.get(ex_id, ex_id)}  ({ex_id})",
        )
        for j, stage in enumerate(("start", "end")):
            rect = QRectF(x0 + pad + j * (pic_w + pad), y0 + label_h + pad, pic_w, pic_h)
            path = PICTURES / f"{ex_id}-{stage}.svg"
            if not path.exists():
                painter.setPen(QColor("#999999"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "(no end position)")
                continue
            renderer = QSvgRenderer(str(path))
            renderer.render(painter, rect)
            painter.setPen(QPen(QColor("#B0B0B0"), 1))
            painter.drawRect(rect)
    painter.end()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not sheet.save(str(args.out)):
        raise SystemExit(f"could not write {args.out}")
    del app
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
