"""Python's cycle collector runs on the window's thread only, never on a background one.

CPython collects reference cycles on whichever thread happens to allocate when a
threshold is crossed, so a cycle holding a widget could be torn down on a background
thread (a session's length being worked out, a thumbnail drawn): Qt's objects must be
destroyed on the thread that owns them, and doing it elsewhere deadlocks or crashes
(seen here: ``QObject::~QObject`` on a "session-length" thread waiting on Qt's
connection lock while the window made a widget). The usual remedy for Qt in Python
(Kovid Goyal's, PyQt list 2011): turn automatic collection off and collect on the
window's thread from a timer, with the collector's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Collects cycles every ``INTERVAL_MS`` on the thread it lives on, generation by
    generation as the thresholds say, as the automatic collector would have."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(INTERVAL_MS)

    def check(self) -> None:
        young, middle, old = gc.get_count()
        if young > self.thresholds[0]:
            gc.collect(0)
            if middle > self.thresholds[1]:
                gc.collect(1)
                if old > self.thresholds[2]:
                    gc.collect(2)


def install() -> MainThreadCollector | None:
    """Collect on the application's thread from now on (once per application)."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    found = app.findChild(MainThreadCollector)
    return found if found is not None else MainThreadCollector(app)
