"""Screenshots of the history window and page 1 of the clinician's PDF report.

    .venv/bin/python scripts/history_screenshots.py

Seeds a temporary journal with three weeks of a hip external rotation programme in
which the left hip is the affected one and catches up: left reps rise session by
session, the left rotation range improves, pain on the left fades. Then it opens the
history window at 1400x900 and saves docs/screenshots/history.png (the left/right tab),
history-sessions.png and history-programme.png, writes the PDF report and renders its
first page to docs/report-page1.png with ``pdftoppm`` (poppler-utils). Runs offscreen
unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from guide_app.core.clock import FakeClock
from guide_app.core.history import (
    EffortRating,
    Journal,
    Measurement,
    PainReport,
    SetRecord,
)
from guide_app.core.loader import bundled_root, load_library
from guide_app.core.sides import Side
from guide_app.ui.history_window import HistoryWindow
from guide_app.ui.report import write_pdf

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
REPORT_PNG = ROOT / "docs" / "report-page1.png"

FIRST_DAY = date(2025, 3, 3)  # a Monday
TODAY = date(2025, 3, 23)
PROGRAMME = "hip-external-rotation"
PHASE = "Foundation"
# Mondays, Wednesdays and Fridays for three weeks; the rotation check on days 0, 7, 14, 20.
TRAINING_DAYS = (0, 2, 4, 7, 9, 11, 14, 16, 18, 20)
CHECK_DAYS = {0: 0, 7: 1, 14: 2, 20: 3}
EXTERNAL = {Side.LEFT: (28, 33, 37, 41), Side.RIGHT: (45, 46, 45, 46)}
INTERNAL = {Side.LEFT: (22, 25, 27, 30), Side.RIGHT: (34, 35, 35, 35)}


def at(day: int, minutes: float) -> float:
    start = datetime.combine(FIRST_DAY + timedelta(days=day), datetime.min.time())
    return (start + timedelta(hours=18, minutes=minutes)).timestamp()


class _SetLog:
    """Records one session's sets a minute and a half apart."""

    def __init__(self, journal: Journal, row: int, day: int) -> None:
        self.journal, self.row, self.day, self.minute = journal, row, day, 11.0

    def done(
        self, exercise: str, side: Side, number: int, planned: int, reps: int, **kw: Any
    ) -> None:
        self.minute += 1.5
        record = SetRecord(
            exercise, side, number, planned, reps, at=at(self.day, self.minute), **kw
        )
        self.journal.record_set(self.row, record)


def seed(journal: Journal) -> None:
    """Three weeks of the programme's foundation phase, the left hip affected."""
    for n, day in enumerate(TRAINING_DAYS):
        if day in CHECK_DAYS:
            check = journal.begin_session(
                "hip-rotation-check",
                "Hip rotation check",
                programme_id=PROGRAMME,
                phase=PHASE,
                affected_side=Side.LEFT,
                started_at=at(day, 0),
            )
            k = CHECK_DAYS[day]
            for name, values in (
                ("Prone hip external rotation", EXTERNAL),
                ("Prone hip internal rotation", INTERNAL),
            ):
                for side in (Side.LEFT, Side.RIGHT):
                    journal.record_measurement(
                        check, Measurement(name, side, values[side][k], "degrees", at(day, 2))
                    )
            journal.end_session(check, at=at(day, 5))

        row = journal.begin_session(
            "hip-external-rotation",
            "Hip external rotation, three exercises and three stretches",
            programme_id=PROGRAMME,
            phase=PHASE,
            affected_side=Side.LEFT,
            started_at=at(day, 10),
        )
        log = _SetLog(journal, row, day)
        done = log.done

        # Clamshell: the affected left gets a second set; its reps climb to the full 30.
        left_reps = min(30, 18 + round(n * 1.5))
        done("clamshell", Side.LEFT, 1, 30, left_reps)
        done("clamshell", Side.LEFT, 2, 30, min(30, left_reps - 4 + n // 3))
        done("clamshell", Side.RIGHT, 1, 30, 30)
        if n in (0, 3, 6):
            journal.record_pain(
                row,
                PainReport("clamshell", Side.LEFT, max(1, 4 - n // 2), "outside of the left hip"),
            )
        journal.record_effort(
            row, EffortRating("clamshell", Side.LEFT, max(4, 8 - n // 2), at(day, log.minute))
        )
        journal.record_effort(row, EffortRating("clamshell", Side.RIGHT, 3, at(day, log.minute)))

        stopped = n == 5  # a tired day: stopped after the fire hydrants
        done("prone-hip-external-rotation", Side.LEFT, 1, 30, min(30, 16 + n))
        done("prone-hip-external-rotation", Side.RIGHT, 1, 30, 30)
        hydrant = min(20, 12 + n)
        done("fire-hydrant", Side.LEFT, 1, 20, hydrant if not stopped else 8, skipped=stopped)
        done("fire-hydrant", Side.RIGHT, 1, 20, 20)
        if stopped:
            journal.record_pain(
                row, PainReport("fire-hydrant", Side.LEFT, 5, "front of the left hip")
            )
            journal.end_session(row, "stopped", at=at(day, log.minute + 1))
            continue
        for stretch in ("figure-4-stretch", "seated-90-90-stretch"):
            for side in (Side.LEFT, Side.RIGHT):
                held = 30.0 if side == Side.RIGHT else min(30.0, 18.0 + n * 1.5)
                done(stretch, side, 1, 1, 1, hold_planned=30, hold_achieved=held)
        journal.end_session(row, at=at(day, log.minute + 1))


def save(widget: HistoryWindow, app: QApplication, name: str) -> Path:
    for _ in range(5):
        app.processEvents()
    path = SHOTS / name
    widget.grab().save(str(path))
    print(path)
    return path


def main() -> int:
    app = QApplication(sys.argv[:1])
    SHOTS.mkdir(parents=True, exist_ok=True)
    library = load_library([bundled_root()])
    clock = FakeClock(
        wall_start=datetime.combine(TODAY, datetime.min.time()).timestamp() + 9 * 3600
    )
    with tempfile.TemporaryDirectory() as tmp, Journal(Path(tmp) / "history.sqlite3") as journal:
        seed(journal)
        window = HistoryWindow(journal, library, clock=clock)
        window.resize(1400, 900)
        window.show()
        save(window, app, "history.png")
        window.tabs.setCurrentIndex(1)
        save(window, app, "history-sessions.png")
        window.tabs.setCurrentIndex(2)
        save(window, app, "history-programme.png")
        window.close()

        pdf = Path(tmp) / "report.pdf"
        write_pdf(journal, library, pdf, title="Hip rehabilitation: exercise report", clock=clock)
        if shutil.which("pdftoppm") is None:
            print("pdftoppm not found: install poppler-utils for docs/report-page1.png")
            return 1
        stem = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, stem],
            check=True,
        )
        shutil.copyfile(stem.with_suffix(".png"), REPORT_PNG)
        print(REPORT_PNG)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
