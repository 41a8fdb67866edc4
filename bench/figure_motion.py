"""The moving figure's cost: a real tempo session for a minute in the real window and the
clinic display, on the monotonic clock, the figure moving on both.

Measures, while the figure moves (from the first set to the session's end): the interval
between frames drawn on each screen (p95; target <= 40 ms at 30 frames a second), the
worst stall of the GUI thread (how late a 5 ms PreciseTimer fires; target <= 20 ms), and
the CPU the process uses (share of one core), with motion on and, for comparison, off
(the still pictures swapped on the beat).
Prints one JSON object on its last line.

    .venv/bin/python bench/figure_motion.py [--seconds 60] [--only on|off]

Offscreen by default; under Xvfb with two screens (``DISPLAY`` set and
``QT_QPA_PLATFORM=xcb``) the display opens on the second.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from guide_app.app import build_window
from guide_app.core.clock import MonotonicClock
from guide_app.core.events import SessionDone
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.model import Session
from guide_app.core.plan import expand
from guide_app.speech.service import RecordingSpeech

TEMPO = {"out": 2, "hold": 1, "back": 3}
PROBE_MS = 5


class Paints(QObject):
    """Notes when a widget paints."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.times.append(time.monotonic())
        return False


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(app: QApplication, library: Library, seconds: float, motion: bool) -> dict[str, object]:
    reps = max(1, round(seconds / 2 / sum(TEMPO.values())))  # each side in turn
    session = Session.model_validate(
        {
            "version": 1,
            "kind": "session",
            "id": "bench",
            "title": "Bench",
            "blocks": [
                {
                    "exercise": "clamshell",
                    "dosage": {"sets": 1, "reps": reps, "tempo": TEMPO, "side_rest": 1},
                }
            ],
        }
    )
    plan = expand(session, library.exercises, affected="left", ready_seconds=1.0)
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("view/motion", motion)
    screens = QGuiApplication.screens()
    window = build_window(
        library, settings, clock=MonotonicClock(), voice=RecordingSpeech(), display_screen=0
    )
    window.resize(1366, 768)
    window.show()
    display = window.display
    assert display is not None
    two = len(screens) > 1
    display.show_on(1 if two else 0, fullscreen=two)
    if not two:
        display.resize(1920, 1080)
    paints = {"laptop": Paints(), "display": Paints()}
    window.session.picture.installEventFilter(paints["laptop"])
    display.view.picture.installEventFilter(paints["display"])

    late: list[tuple[float, float]] = []  # (when, how late)
    expected = [time.monotonic() + PROBE_MS / 1000]

    slow: list[str] = []  # the stalls over 15 ms: when, and in which step

    def probe() -> None:
        now = time.monotonic()
        late.append((now, now - expected[0]))
        if now - expected[0] > 0.015 and window.adapter.run.runner is not None and len(moving) == 1:
            step = window.adapter.run.runner.step
            slow.append(f"{now - t0:.2f}s {(now - expected[0]) * 1000:.0f}ms {step.kind.value}")
        expected[0] = now + PROBE_MS / 1000

    prober = QTimer()
    prober.setTimerType(Qt.TimerType.PreciseTimer)
    prober.timeout.connect(probe)
    moving: list[tuple[float, float]] = []  # (from, to) while a tempo phase runs
    t0 = time.monotonic()

    def finished(event: object) -> None:
        if isinstance(event, SessionDone) and len(moving) == 1:
            moving.append((time.monotonic(), 0.0))  # the figure has stopped

    def until_done() -> None:
        if window.adapter.run.done:
            modal = QApplication.activeModalWidget()
            if modal is not None:  # a question at the end (none is expected)
                modal.close()
            app.quit()

    window.adapter.engine_event.connect(finished)
    done_check = QTimer()
    done_check.timeout.connect(until_done)
    done_check.start(100)
    window.pages.setCurrentWidget(window.session)
    window.adapter.run.start_plan(plan)
    window.adapter.tick()
    QTimer.singleShot(1500, lambda: moving.append((time.monotonic(), 0.0)))  # after get-ready
    prober.start(PROBE_MS)
    cpu0, t0 = cpu_seconds(), time.monotonic()
    app.exec()
    prober.stop()
    wall, cpu = time.monotonic() - t0, cpu_seconds() - cpu0
    begin, end = moving[0][0], moving[-1][0]
    stalls = [lateness for when, lateness in late if begin <= when < end]
    result: dict[str, object] = {
        "seconds": round(wall, 1),
        "cpu_share": round(cpu / wall, 3),
        "stall_ms_max": round(max(stalls) * 1000, 1),
        "stall_ms_p99": round(percentile(stalls, 99) * 1000, 1),
        "stalls_over_15ms": slow,
    }
    for name, seen in paints.items():
        times = [t for t in seen.times if begin <= t < end]
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(times)]
        result[f"{name}_frames"] = len(times)
        if gaps:
            result[f"{name}_frame_ms_p95"] = round(percentile(gaps, 95), 1)
            result[f"{name}_frame_ms_median"] = round(statistics.median(gaps), 1)
    window.adapter.run.stop_quietly()
    window.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--only", choices=("on", "off"), help="one run: motion on or off")
    args = parser.parse_args()
    if args.only is not None:  # one run, in a process of its own
        app = QApplication.instance() or QApplication(sys.argv[:1])
        library = load_library([bundled_root()])
        result = run(app, library, args.seconds, args.only == "on")
        result["screens"] = len(QGuiApplication.screens())
        print(json.dumps(result))
        return
    out: dict[str, object] = {"bench": "figure_motion"}
    for mode in ("on", "off"):
        done = subprocess.run(
            [sys.executable, __file__, "--seconds", str(args.seconds), "--only", mode],
            capture_output=True,
            text=True,
            check=True,
        )
        out[f"motion_{mode}"] = json.loads(done.stdout.strip().splitlines()[-1])
    on, off = out.get("motion_on"), out.get("motion_off")
    if isinstance(on, dict) and isinstance(off, dict):
        out["cpu_share_added"] = round(float(on["cpu_share"]) - float(off["cpu_share"]), 3)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
