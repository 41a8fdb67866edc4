"""Home with a thousand exercises: ready as fast as with the bundled library, search as you
type without lag, and thumbnails that scroll without stalling the window.

Generates, in a temporary folder, 1,000 exercise files, each with its own two pictures
(distinct 400x300 PNGs drawn with ``QImage``), and loads them beside the bundled library.
Then, in one process with the app's style sheet, at 1366x768:

- ``home_ready_ratio``: constructing ``HomePage`` and showing it until its first paint,
  with the bundled library and the 1,000 against the bundled library alone (each library
  loaded once beforehand; ``load_s_*`` is that load), best of ``ROUNDS`` rounds
  interleaved; target <= 1.15. ``home_ready_ratio_on_exercises`` is the same with Home
  opening on the exercise list (the last choice was an exercise).
- ``search_p95_ms``: typing "hip rotation" into the search box one key at a time
  (``QTest.keyClick``) on the exercise list, each key timed until the lists are narrowed,
  the choice shown and the events it caused processed; 95th percentile over
  ``SEARCH_ROUNDS`` rounds; target <= 30.
- ``scroll_worst_stall_ms``: scrolling the exercise list from top to bottom, a few rows
  every 16 ms, with a cold thumbnail cache (an empty folder), the longest gap between
  ticks of a 1 ms timer on the GUI thread; target <= 20. ``thumbnails_rendered`` says how
  many thumbnails were drawn meanwhile.

Prints one JSON object on its last line.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/library_scale.py
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python bench/library_scale.py
"""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from first_paint import FirstPaint  # beside this script
from PySide6.QtCore import QPoint, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.ui import theme
from guide_app.ui.home import HomePage
from guide_app.ui.outline import describe_session
from guide_app.ui.thumbnails import ThumbnailCache

COUNT = 1000
ROUNDS = 7
SEARCH_ROUNDS = 5
TYPED = "hip rotation"
SIZE = (1366, 768)
SCROLL_EVERY_MS = 16
SCROLL_ROWS = 3  # rows scrolled each step

EQUIPMENT = ["mat", "loop band", "elastic strap", "dumbbell", "kettlebell", "chair", "step"]
POSITIONS = ["standing", "seated on a chair", "lying on your back", "lying face down", "kneeling"]
TARGETS = ["hip rotators", "gluteus medius", "hamstrings", "quadriceps", "calves", "core"]
SIDES = ["both", "one_at_a_time", "alternating"]
MOVES = ["hip rotation", "bridge", "squat", "lunge", "raise", "stretch", "march", "press"]

EXERCISE = """version: 2
kind: exercise
id: {id}
name: {name}
summary: A generated exercise for the library benchmark, number {n}.
equipment: [{equipment}]
targets: [{target}]
position: {position}
pictures:
  start: assets/pictures/{id}-start.png
  end: assets/pictures/{id}-end.png
cues:
  - Get into position.
  - Move slowly and with control.
sides: {sides}
dosage:
  sets: 2
  reps: 10
  rest: 30
"""


def picture(n: int, end: bool) -> QImage:
    """A distinct 400x300 picture: its own colours and shapes."""
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor.fromHsv((n * 37) % 360, 60, 250))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor.fromHsv((n * 71 + (90 if end else 0)) % 360, 200, 180))
    for k in range(6):
        x = (n * 13 + k * 61) % 340
        y = (n * 29 + k * 43 + (40 if end else 0)) % 240
        painter.drawEllipse(QRect(x, y, 40 + k * 6, 30 + k * 4))
    painter.drawRect(QRect((n * 7) % 300, 250, 90, 40))
    painter.end()
    return image


def make_library(folder: Path) -> None:
    pictures = folder / "assets" / "pictures"
    pictures.mkdir(parents=True)
    exercises = folder / "exercises"
    exercises.mkdir()
    for n in range(COUNT):
        exercise_id = f"generated-{n:04d}"
        move = MOVES[n % len(MOVES)]
        text = EXERCISE.format(
            id=exercise_id,
            n=n,
            name=f"Generated {move} {n:04d}",
            equipment=EQUIPMENT[n % len(EQUIPMENT)],
            target=TARGETS[n % len(TARGETS)],
            position=POSITIONS[n % len(POSITIONS)],
            sides=SIDES[n % len(SIDES)],
        )
        (exercises / f"{exercise_id}.yaml").write_text(text, encoding="utf-8")
        for end in (False, True):
            name = f"{exercise_id}-{'end' if end else 'start'}.png"
            picture(n, end).save(str(pictures / name), "PNG")


def timed_load(roots: list[Path]) -> tuple[Library, float]:
    start = time.perf_counter()
    library = load_library(roots)
    return library, time.perf_counter() - start


def make_page(library: Library, settings: QSettings, cache: Path) -> HomePage:
    return HomePage(
        library,
        settings,
        lambda s, a, w: describe_session(library, s, a, w),
        thumbnails=ThumbnailCache(cache),
    )


def home_ready(app: QApplication, library: Library, tmp: Path, selection: str) -> float:
    """Seconds from constructing Home to its first paint."""
    probe = FirstPaint()
    app.installEventFilter(probe)
    settings = QSettings(str(tmp / "ready.ini"), QSettings.Format.IniFormat)
    settings.setValue("home/selection", selection)
    start = time.perf_counter()
    page = make_page(library, settings, tmp / "ready-thumbnails")
    probe.window = page
    page.resize(*SIZE)
    page.show()
    while probe.at is None:
        app.processEvents()
    took = probe.at - start
    app.removeEventFilter(probe)
    settle(app, page)  # nothing left running into the next round
    page.close()
    page.deleteLater()
    app.processEvents()
    return took


def settle(app: QApplication, page: HomePage) -> None:
    """Let Home finish what it does once shown (facts for the filters, thumbnails)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not page.store.complete:
        app.processEvents()
    page.thumbnails.wait()
    page.sessions_tree.wait_for_lengths()
    for _ in range(5):
        app.processEvents()


def search_latencies(app: QApplication, library: Library, tmp: Path) -> list[float]:
    settings = QSettings(str(tmp / "search.ini"), QSettings.Format.IniFormat)
    settings.setValue("home/selection", "exercise|clamshell")
    page = make_page(library, settings, tmp / "search-thumbnails")
    page.resize(*SIZE)
    page.show()
    QTest.qWaitForWindowExposed(page)
    settle(app, page)
    page.search.setFocus()
    samples = []
    for _ in range(SEARCH_ROUNDS):
        page.search.clear()
        settle(app, page)
        for char in TYPED:
            start = time.perf_counter()
            QTest.keyClick(page.search, char)
            app.processEvents()
            samples.append(time.perf_counter() - start)
        assert page.exercise_model.rowCount() > 0, "the search found nothing"
        settle(app, page)
    page.close()
    page.deleteLater()
    app.processEvents()
    return samples


def scroll_stall(app: QApplication, library: Library, tmp: Path) -> tuple[float, int, int]:
    """The longest gap between GUI-thread ticks while scrolling top to bottom, and the
    thumbnails drawn and the rows passed meanwhile."""
    settings = QSettings(str(tmp / "scroll.ini"), QSettings.Format.IniFormat)
    settings.setValue("home/selection", "exercise|clamshell")
    page = make_page(library, settings, tmp / "scroll-thumbnails")  # an empty folder: cold
    page.resize(*SIZE)
    page.show()
    QTest.qWaitForWindowExposed(page)
    view = page.exercise_list
    bar = view.verticalScrollBar()
    bar.setValue(0)
    settle(app, page)
    drawn_before = page.thumbnails.drawn
    row = view.sizeHintForRow(0)

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(1)
    ticker.timeout.connect(tick)
    scroller = QTimer()
    scroller.setTimerType(Qt.TimerType.PreciseTimer)
    scroller.setInterval(SCROLL_EVERY_MS)
    done = [False]

    def scroll() -> None:
        if bar.value() >= bar.maximum():
            scroller.stop()
            done[0] = True
            return
        bar.setValue(bar.value() + SCROLL_ROWS * row)

    scroller.timeout.connect(scroll)
    last[0] = time.perf_counter()
    ticker.start()
    scroller.start()
    deadline = time.monotonic() + 120
    while not done[0] and time.monotonic() < deadline:
        app.processEvents()
    end = time.monotonic() + 1.0  # the last thumbnails come in
    while time.monotonic() < end:
        app.processEvents()
    ticker.stop()
    passed = view.indexAt(QPoint(4, view.viewport().height() - 4)).row()
    drawn = page.thumbnails.drawn - drawn_before
    page.close()
    page.deleteLater()
    app.processEvents()
    return max(gaps[2:]), drawn, passed


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


def main() -> None:
    app = QApplication(sys.argv[:1])
    app.setStyleSheet(theme.STYLESHEET)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        make_library(tmp / "generated")
        bundled, load_bundled = timed_load([bundled_root()])
        large, load_large = timed_load([bundled_root(), tmp / "generated"])
        assert len(large.exercises) == len(bundled.exercises) + COUNT, large.problems[:3]
        for library in (bundled, large):  # warm up: imports, fonts, the style sheet
            home_ready(app, library, tmp, "session|first-session")
        ready: dict[tuple[str, str], list[float]] = {}
        for selection in ("session|first-session", "exercise|clamshell"):
            for _ in range(ROUNDS):
                for label, library in (("bundled", bundled), ("large", large)):
                    took = home_ready(app, library, tmp, selection)
                    ready.setdefault((label, selection), []).append(took)
        best = {key: min(times) for key, times in ready.items()}
        searches = search_latencies(app, large, tmp)
        stall, drawn, passed = scroll_stall(app, large, tmp)
    sessions_small = best[("bundled", "session|first-session")]
    sessions_large = best[("large", "session|first-session")]
    exercises_small = best[("bundled", "exercise|clamshell")]
    exercises_large = best[("large", "exercise|clamshell")]
    result = {
        "exercises": len(large.exercises),
        "platform": os.environ.get("QT_QPA_PLATFORM", "xcb"),
        "load_s_bundled": round(load_bundled, 4),
        "load_s_with_1000": round(load_large, 4),
        "home_ready_s_bundled": round(sessions_small, 4),
        "home_ready_s_with_1000": round(sessions_large, 4),
        "home_ready_ratio": round(sessions_large / sessions_small, 3),
        "home_ready_ratio_on_exercises": round(exercises_large / exercises_small, 3),
        "target_home_ready_ratio": 1.15,
        "search_p95_ms": round(percentile(searches, 95) * 1000, 2),
        "search_median_ms": round(statistics.median(searches) * 1000, 2),
        "search_keys": len(searches),
        "target_search_p95_ms": 30,
        "scroll_worst_stall_ms": round(stall * 1000, 2),
        "target_scroll_worst_stall_ms": 20,
        "thumbnails_rendered": drawn,
        "rows_scrolled": passed + 1,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
