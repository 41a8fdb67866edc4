"""Start-up: launch to first painted window, against a bare PySide6 window, same run.

Each measurement is a fresh process. The time runs from just before the process is
spawned to the first paint event of its top-level window, which the child reports on
stdout. Prints one JSON object on its last line with the medians and their ratio
(target <= 1.5).

    .venv/bin/python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

# The child: build the window, report the first paint of the top-level window, quit.
PROBE = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.isWindow():
            print(time.time(), flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
probe = FirstPaint()
app.installEventFilter(probe)
if sys.argv[1] == "bare":
    window = QWidget()
    window.resize(1280, 800)
    window.show()
else:
    from guide_app.cli import build_parser
    from guide_app.app import build
    from PySide6.QtCore import QSettings
    args = build_parser().parse_args(["--no-user-library", "--data-dir", sys.argv[2]])
    window = build(args, QSettings())
app.exec()
"""


def launch(kind: str, env: dict[str, str], data_dir: str) -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", PROBE, kind, data_dir],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    painted = float(out.stdout.strip().splitlines()[-1])
    return painted - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    tmp = tempfile.mkdtemp()
    env.setdefault("XDG_CACHE_HOME", os.path.join(tmp, "cache"))
    env.setdefault("XDG_CONFIG_HOME", os.path.join(tmp, "config"))
    launch("bare", env, tmp)  # warm the disk cache for both
    launch("app", env, tmp)
    bare, app = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine
        bare.append(launch("bare", env, tmp))
        app.append(launch("app", env, tmp))
    result = {
        "runs": args.runs,
        "platform": env.get("QT_QPA_PLATFORM", "xcb"),
        "bare_window_s": round(statistics.median(bare), 4),
        "app_window_s": round(statistics.median(app), 4),
        "ratio": round(statistics.median(app) / statistics.median(bare), 3),
        "target_ratio": 1.5,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
