"""Cycles holding Qt objects are torn down on the window's thread, never on a background
thread where Qt would deadlock (a full test run once hung so, in QObject::~QObject)."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot

from guide_app.ui.main_thread_gc import MainThreadCollector
from guide_app.ui.main_window import MainWindow


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
