"""Python's cycle collector runs on the window's thread only, never on a background one.

CPython collects reference cycles on whichever thread happens to allocate when a
threshold is crossed, so a cycle holding a widget could be torn down on a background
thread (a session's length being worked out, a thumbnail drawn): Qt's objects must be
destroyed on the thread that owns them, and doing it elsewhere deadlocks or crashes
(seen here: ``QObject::~QObject`` on a "session-length" thread waiting on Qt's
connection lock while the window made a widget). The usual remedy for Qt in Python
(Kovid Goyal's, PyQt list 2011): turn automatic collection off and collect on the
window's thread from a timer, with the collector's own thresholds.

A full collection (the oldest generation) holds the interpreter for tens of
milliseconds, longer than the sound queued ahead of the voice (``speech.stream.AHEAD``):
while a session runs it waits for the session to end (``busy``), and the young
generations, a millisecond or so each, go on being collected.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Collects cycles every ``INTERVAL_MS`` on the thread it lives on, generation by
    generation as the thresholds say, as the automatic collector would have; a full
    collection not while ``busy()`` (a session running)."""

    def __init__(self, parent: QObject, busy: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.busy = busy
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(INTERVAL_MS)

    def check(self) -> None:
        young, middle, old = gc.get_count()
        if young <= self.thresholds[0]:
            return
        if middle <= self.thresholds[1]:
            gc.collect(0)
        elif old > self.thresholds[2] and not self._busy():
            gc.collect(2)
        else:
            gc.collect(1)  # the young two; the full one when the session is over

    def _busy(self) -> bool:
        try:
            return bool(self.busy and self.busy())
        except RuntimeError:  # the window it asks has gone
            return False


def install(busy: Callable[[], bool] | None = None) -> MainThreadCollector | None:
    """Collect on the application's thread from now on (one collector per application);
    ``busy`` says when a full collection must wait (the newest window's)."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    found = app.findChild(MainThreadCollector)
    if found is None:
        return MainThreadCollector(app, busy)
    if busy is not None:
        found.busy = busy
    return found
