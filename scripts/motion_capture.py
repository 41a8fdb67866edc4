"""Capture one tempo rep of the moving figure from the real session screen, frame by frame.

Runs a clamshell set (out 2 s, hold 1 s, back 3 s) in the real window on a fake clock,
offscreen, and grabs the session screen's picture every ``--step`` seconds of the rep: on
the left side, then the right. Writes a strip of every ``--every``-th frame, each
labelled with its time and phase (``docs/moving-figure-strip.png``), and, where
ImageMagick's ``convert`` is installed, an animated GIF of the left side's rep at its
real pace (``docs/moving-figure.gif``).

    .venv/bin/python scripts/motion_capture.py [--exercise clamshell] [--step 0.1] [--every 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshots import laptop_window, run_until  # noqa: E402  (scripts/, beside this one)

from guide_app.core.choice import SessionChoice  # noqa: E402
from guide_app.core.model import Session  # noqa: E402
from guide_app.core.steps import StepKind  # noqa: E402
from guide_app.ui.main_window import MainWindow  # noqa: E402

TEMPO = {"out": 2, "hold": 1, "back": 3}
FRAME_WIDTH = 320


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", default="clamshell")
    parser.add_argument("--step", type=float, default=0.1, help="seconds between frames")
    parser.add_argument("--every", type=int, default=5, help="the strip shows every n-th frame")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "moving-figure-strip.png")
    parser.add_argument("--gif", type=Path, default=ROOT / "docs" / "moving-figure.gif")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    window, _, clock = laptop_window(app, folder)
    session = Session.model_validate(
        {
            "version": 1,
            "kind": "session",
            "id": "capture",
            "title": "Capture",
            "blocks": [
                {
                    "exercise": args.exercise,
                    "dosage": {"sets": 1, "reps": 1, "pace": "tempo", "tempo": TEMPO},
                }
            ],
        }
    )
    window.start(SessionChoice(session, affected="left"))
    run = window.adapter.run
    rows: list[list[tuple[str, QImage]]] = []
    for _ in range(2):  # each side
        run_until(window, clock, lambda: _on_phase(window, "out"))
        assert run.runner is not None
        frames: list[tuple[str, QImage]] = []
        t, rep = 0.0, sum(TEMPO.values())
        while t < rep - 1e-9:
            app.processEvents()
            phase = run.runner.step.phase if run.runner.step.kind is StepKind.PHASE else "next"
            side = run.runner.step.side.value if run.runner.step.side is not None else ""
            image = window.session.picture.grab().toImage()
            frames.append((f"{side} {t:.1f} s {phase}", image))
            clock.advance(args.step)
            window.adapter.tick()
            t += args.step
        rows.append(frames)

    strip = _strip([row[:: max(1, args.every)] for row in rows])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not strip.save(str(args.out)):
        raise SystemExit(f"could not write {args.out}")
    print(args.out)
    convert = shutil.which("convert")
    if convert is not None:
        frames_dir = folder / "frames"
        frames_dir.mkdir()
        names = []
        for n, (_, image) in enumerate(rows[0]):
            name = frames_dir / f"{n:03d}.png"
            image.scaledToWidth(FRAME_WIDTH, Qt.TransformationMode.SmoothTransformation).save(
                str(name)
            )
            names.append(str(name))
        delay = str(round(args.step * 100))  # hundredths of a second: the real pace
        subprocess.run(
            [convert, "-delay", delay, "-loop", "0", *names, "-layers", "Optimize", str(args.gif)],
            check=True,
        )
        print(args.gif)
    window.adapter.run.stop_quietly()
    window.close()
    return 0


def _on_phase(window: MainWindow, phase: str) -> bool:
    runner = window.adapter.run.runner
    return runner is not None and runner.step.kind is StepKind.PHASE and runner.step.phase == phase


def _strip(rows: list[list[tuple[str, QImage]]]) -> QImage:
    """The frames in rows, each scaled to FRAME_WIDTH and labelled."""
    first = rows[0][0][1].scaledToWidth(FRAME_WIDTH)
    w, h = first.width(), first.height()
    label, pad, columns = 20, 4, 13
    lines = [row[i : i + columns] for row in rows for i in range(0, len(row), columns)]
    sheet = QImage(
        columns * (w + pad) + pad, len(lines) * (h + label + pad) + pad, QImage.Format.Format_RGB32
    )
    sheet.fill(QColor("#E8E8E8"))
    painter = QPainter(sheet)
    font = QFont()
    font.setPixelSize(13)
    painter.setFont(font)
    for r, line in enumerate(lines):
        for c, (text, image) in enumerate(line):
            x, y = pad + c * (w + pad), pad + r * (h + label + pad)
            painter.setPen(QColor("#111111"))
            painter.drawText(QRectF(x, y, w, label), Qt.AlignmentFlag.AlignCenter, text)
            painter.drawImage(
                QRectF(x, y + label, w, h),
                image.scaledToWidth(w, Qt.TransformationMode.SmoothTransformation),
            )
    painter.end()
    return sheet


if __name__ == "__main__":
    raise SystemExit(main())
