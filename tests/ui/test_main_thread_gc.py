"""Cycles holding Qt objects are torn down on the window's thread, never on a background
thread where Qt would deadlock (a full test run once hung so, in QObject::~QObject)."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.ui.main_thread_gc import MainThreadCollector
from guide_app.ui.main_window import MainWindow
from tests.helpers.window import start


class Holder(QObject):
    """A Qt object in a reference cycle with itself, that says where it was freed."""

    freed_on: ClassVar[list[str]] = []

    def __del__(self) -> None:
        Holder.freed_on.append(threading.current_thread().name)


def test_a_cycle_with_a_qt_object_is_freed_on_the_window_thread(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert not gc.isenabled(), "the automatic collector may run on any thread"
    assert QCoreApplication.instance().findChild(MainThreadCollector) is not None
    Holder.freed_on.clear()
    holder = Holder()
    holder.me = holder  # type: ignore[attr-defined]
    del holder

    kept: list[list[int]] = []

    def busy() -> None:  # a background thread making plenty of objects that stay
        kept.extend([n] for n in range(50_000))  # over every threshold until collected

    worker = threading.Thread(target=busy, name="background")
    worker.start()
    worker.join()
    assert Holder.freed_on == []
    qtbot.waitUntil(lambda: bool(Holder.freed_on), timeout=5000)
    assert Holder.freed_on == [threading.main_thread().name]
    assert len(kept) == 50_000


def test_a_full_collection_waits_until_the_session_is_over(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    """A full collection holds the interpreter longer than the sound queued ahead of the
    voice: none while a session runs; the young generations go on."""
    collector = QCoreApplication.instance().findChild(MainThreadCollector)
    assert collector is not None
    done: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            done.append(info["generation"])

    young, middle, old = gc.get_threshold()

    def an_hour_of_reps() -> list[list[int]]:
        """Past every threshold: the young generation collected ``middle`` times over, and
        plenty of young objects left for the next check."""
        for _ in range(middle + 1):
            gc.collect(0)
        return [[n] for n in range(young * 2)]

    gc.callbacks.append(seen)
    try:
        start(window, "first-session")
        for _ in range(old + 2):
            kept = an_hour_of_reps()
            collector.check()
            del kept
        assert done and 2 not in done, done
        window.adapter.run.stop_quietly()
        window.pages.setCurrentWidget(window.home)
        done.clear()
        kept = an_hour_of_reps()
        collector.check()
        assert done[-1] == 2, done
        assert len(kept) == young * 2
    finally:
        gc.callbacks.remove(seen)
