"""Timer accuracy: a real 60 s session in a real Qt event loop, with main-thread stalls.

A tempo session (phases 0.5-3 s apart) runs in the real window, through the session run
and its adapter, on the monotonic clock, while a timer blocks the main thread for 300 ms every 7 s.
For every step start we note when the adapter actually handled it, against its
deadline. Prints one JSON object on its last line: lateness p50/p99/max for steps
away from the stalls (targets: p99 <= 5 ms), the worst lateness inside a stall, and
the end-of-session drift (target <= 10 ms).

    .venv/bin/python bench/timer_accuracy.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from guide_app.app import build_window
from guide_app.core import engine as ev
from guide_app.core.clock import MonotonicClock
from guide_app.core.loader import Library, bundled_root
from guide_app.core.model import Exercise, Session
from guide_app.core.plan import expand
from guide_app.speech.service import RecordingSpeech

STALL_SECONDS = 0.300
STALL_EVERY = 7.0
STALL_MARGIN = 0.050  # a step due within this of a stall counts as "in the stall"
TEMPOS = [
    {"out": 0.5, "back": 0.5},
    {"out": 2, "hold": 1, "back": 3},
    {"up": 1.5, "down": 2.5},
    {"out": 0.75, "hold": 0.5, "back": 1.25},
]


def session_of(seconds: float) -> tuple[Library, Session]:
    exercises = {}
    blocks = []
    for i, tempo in enumerate(TEMPOS):
        rep = sum(tempo.values())
        reps = max(1, round(seconds / len(TEMPOS) / rep))
        exercise = Exercise.model_validate(
            {
                "version": 1,
                "kind": "exercise",
                "id": f"tempo-{i}",
                "name": f"Tempo {i}",
                "summary": "A benchmark exercise.",
                "position": "standing",
                "pictures": {
                    "start": "assets/pictures/clamshell-start.svg",
                    "end": "assets/pictures/clamshell-end.svg",
                },
                "cues": ["Move on the beat."],
                "sides": "both",
                "dosage": {"sets": 1, "reps": reps, "tempo": tempo, "rest": 0},
            }
        )
        exercises[exercise.id] = exercise
        blocks.append({"exercise": exercise.id})
    session = Session.model_validate(
        {"version": 1, "kind": "session", "id": "bench", "title": "Bench", "blocks": blocks}
    )
    library = Library(exercises=exercises, sessions={"bench": session})
    for exercise_id in exercises:  # real pictures, swapped on the beats as in a session
        library.roots[("exercise", exercise_id)] = bundled_root()
    return library, session


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()

    app = QApplication([])
    library, session = session_of(args.seconds)
    tmp = Path(tempfile.mkdtemp())
    window = build_window(
        library,
        QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat),
        clock=MonotonicClock(),
        voice=RecordingSpeech(),
    )
    window.resize(1280, 800)
    window.show()
    plan = expand(session, library.exercises, ready_seconds=1.0)
    planned_total = sum(step.duration or 0.0 for step in plan.steps)

    starts: list[tuple[float, float]] = []  # (deadline, handled)
    stalls: list[tuple[float, float]] = []
    ended: list[tuple[float, float]] = []

    def on_event(event: object) -> None:
        now = time.monotonic()
        if isinstance(event, ev.StepStarted):
            starts.append((event.at, now))
        elif isinstance(event, ev.SessionDone):
            ended.append((event.at, now))
            QTimer.singleShot(200, app.quit)

    def stall() -> None:
        begin = time.monotonic()
        stalls.append((begin, begin + STALL_SECONDS))
        while time.monotonic() - begin < STALL_SECONDS:
            pass

    window.adapter.engine_event.connect(on_event)
    staller = QTimer()
    staller.setTimerType(Qt.TimerType.PreciseTimer)
    staller.timeout.connect(stall)
    staller.start(round(STALL_EVERY * 1000))

    t0 = time.monotonic()
    window.adapter.run.start_plan(plan)
    window.adapter.tick()  # aim the timer at the first deadline
    app.exec()
    staller.stop()

    first = starts[0][0]
    lateness_clear: list[float] = []
    lateness_stalled: list[float] = []
    for deadline, handled in starts[1:]:
        late_ms = (handled - deadline) * 1000
        in_stall = any(a - STALL_MARGIN <= deadline <= b + STALL_MARGIN for a, b in stalls)
        (lateness_stalled if in_stall else lateness_clear).append(late_ms)
    end_at, end_handled = ended[0]
    result = {
        "planned_seconds": round(planned_total, 3),
        "ran_seconds": round(end_handled - t0, 3),
        "steps": len(starts),
        "stalls": len(stalls),
        "lateness_ms": {
            "p50": round(statistics.median(lateness_clear), 3),
            "p99": round(percentile(lateness_clear, 99), 3),
            "max": round(max(lateness_clear), 3),
        },
        "lateness_in_stalls_max_ms": round(max(lateness_stalled, default=0.0), 3),
        "end_drift_ms": round((end_at - (first + planned_total)) * 1000, 3),
        "end_handled_late_ms": round((end_handled - end_at) * 1000, 3),
        "targets": {"p99_ms": 5, "drift_ms": 10},
    }
    window.adapter.run.stop_quietly()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
