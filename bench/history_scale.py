"""History at scale: the history window and the clinician's report on three years of daily
sessions.

Makes, in a temporary folder, a journal of 1,095 daily sessions with 39,420 sets (36 a
session: six exercises, three sets on each side), a measurement on each side a day, pain
every other day and effort on the clamshell, every hundredth set corrected
(``tests/helpers/history_scale.py``, written with ``executemany``). Then, in one
process with the app's style sheet:

- ``window_open_s``: constructing ``HistoryWindow`` and showing it at 1400x900 until its
  first paint, with every view filled; best of ``ROUNDS`` (the median too); target <= 0.2
  (before: 0.85).
- ``window_refresh_s``: ``refresh()`` on the open window until the events it caused are
  processed (the charts repainted); best of ``ROUNDS``; target <= 0.2.
- ``pdf_s`` and ``pdf_pages``: ``write_pdf`` of the whole period; target <= 3 s and <= 30
  pages (before: 42.5 s and 406 pages).
- ``csv_s``: ``Journal.export_csv`` of the whole period to a file (``csv_rows`` rows).

Prints one JSON object on its last line.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/history_scale.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.helpers, run as a script

from first_paint import FirstPaint  # beside this script
from PySide6.QtWidgets import QApplication

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.ui import theme
from guide_app.ui.history_window import HistoryWindow
from guide_app.ui.report import write_pdf
from tests.helpers.history_scale import make_history

DAYS = 3 * 365
ROUNDS = 5
SIZE = (1400, 900)
TODAY = datetime(2026, 11, 30, 9)
BEFORE = {"window_open_s": 0.85, "pdf_s": 42.5, "pdf_pages": 406}


def open_window(
    app: QApplication, journal: Journal, library: Library, clock: FakeClock
) -> tuple[float, float]:
    """Seconds to open the window (construct, show, first paint) and to refresh it."""
    probe = FirstPaint()
    app.installEventFilter(probe)
    start = time.perf_counter()
    window = HistoryWindow(journal, library, clock=clock)
    probe.window = window
    window.resize(*SIZE)
    window.show()
    while probe.at is None:
        app.processEvents()
    opened = probe.at - start
    app.removeEventFilter(probe)
    for _ in range(3):
        app.processEvents()
    start = time.perf_counter()
    window.refresh()
    app.processEvents()
    refreshed = time.perf_counter() - start
    assert window.sessions.rowCount() == DAYS, window.sessions.rowCount()
    window.close()
    window.deleteLater()
    app.processEvents()
    return opened, refreshed


def main() -> None:
    app = QApplication(sys.argv[:1])
    app.setStyleSheet(theme.STYLESHEET)
    clock = FakeClock(wall_start=TODAY.timestamp())
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        start = time.perf_counter()
        made = make_history(tmp / "history.sqlite3", DAYS)
        make_s = time.perf_counter() - start
        library = load_library([bundled_root()])
        with Journal(made.path, clock=clock) as journal:
            open_window(app, journal, library, clock)  # warm up: imports, fonts, style sheet
            rounds = [open_window(app, journal, library, clock) for _ in range(ROUNDS)]
            opens = [o for o, _ in rounds]
            refreshes = [r for _, r in rounds]

            start = time.perf_counter()
            pages = write_pdf(journal, library, tmp / "r.pdf", clock=clock)
            pdf_s = time.perf_counter() - start
            pdf_bytes = (tmp / "r.pdf").stat().st_size

            start = time.perf_counter()
            rows = journal.export_csv(tmp / "history.csv")
            csv_s = time.perf_counter() - start
    result = {
        "sessions": made.sessions,
        "sets": made.sets,
        "platform": os.environ.get("QT_QPA_PLATFORM", "xcb"),
        "make_journal_s": round(make_s, 3),
        "window_open_s": round(min(opens), 4),
        "window_open_median_s": round(statistics.median(opens), 4),
        "window_refresh_s": round(min(refreshes), 4),
        "window_refresh_median_s": round(statistics.median(refreshes), 4),
        "target_window_s": 0.2,
        "window_open_ratio_to_before": round(min(opens) / BEFORE["window_open_s"], 3),
        "pdf_s": round(pdf_s, 3),
        "pdf_pages": pages,
        "pdf_kb": round(pdf_bytes / 1024),
        "target_pdf_s": 3.0,
        "target_pdf_pages": 30,
        "pdf_s_ratio_to_before": round(pdf_s / BEFORE["pdf_s"], 3),
        "pdf_pages_ratio_to_before": round(pages / BEFORE["pdf_pages"], 3),
        "csv_s": round(csv_s, 3),
        "csv_rows": rows,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
