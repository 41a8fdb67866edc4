"""Work done off the GUI thread for Home, the newest request first, its results handed back
on the GUI thread.

Home asks for what the person can see (a thumbnail, a session's length) as it paints;
scrolling past a thousand exercises asks for many that are gone again a moment later.
So the newest request is served first, and the oldest ones beyond ``backlog`` are
dropped: what is still on screen is asked for again at the next paint. A job is a plain
function of its key, run on a daemon thread; whatever it returns (or raises) comes back
through ``finished(key, result)``.

Results travel through one post office that lives as long as the application: a Home
closed while a worker is busy is gone when the result comes, and the result is dropped,
where a signal of its own would be emitted on a deleted object.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

LINGER = 2.0  # seconds an idle worker waits for more before it ends


class _PostOffice(QObject):
    """Hands results from worker threads to the ``Background`` that asked, if it is
    still there; one for the application, never deleted before it."""

    delivered = Signal(int, object, object)  # (whose, key, result), from a worker thread

    _shared: ClassVar[_PostOffice | None] = None

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self.addressees: weakref.WeakValueDictionary[int, Background] = (
            weakref.WeakValueDictionary()
        )
        self.delivered.connect(self._hand_over, Qt.ConnectionType.QueuedConnection)

    @classmethod
    def shared(cls) -> _PostOffice:
        if cls._shared is None or not shiboken6.isValid(cls._shared):  # a new application
            cls._shared = cls()
        return cls._shared

    def _hand_over(self, whose: int, key: Hashable, result: object) -> None:
        addressee = self.addressees.get(whose)
        if addressee is not None and shiboken6.isValid(addressee):
            addressee._deliver(key, result)


_numbers = itertools.count(1)


class Background(QObject):
    """Runs ``work(key)`` on up to ``threads`` worker threads, newest request first."""

    finished = Signal(object, object)  # (key, what work returned, or the exception it raised)

    def __init__(
        self,
        work: Callable[[Hashable], object],
        *,
        threads: int = 1,
        backlog: int = 64,
        name: str = "background",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._most = max(1, threads)
        self._backlog = max(1, backlog)
        self._name = name
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._pending: OrderedDict[Hashable, None] = OrderedDict()
        self._busy: set[Hashable] = set()
        self._workers = 0
        self._idle_workers = 0  # workers waiting for a request
        self._post = _PostOffice.shared()
        self._number = next(_numbers)
        self._post.addressees[self._number] = self

    def request(self, key: Hashable) -> None:
        """Do ``work(key)`` soon, before anything asked for earlier; nothing if it is
        being done already."""
        with self._lock:
            if key in self._busy:
                return
            self._pending[key] = None
            self._pending.move_to_end(key)
            while len(self._pending) > self._backlog:
                self._pending.popitem(last=False)  # long scrolled past
            if self._idle_workers:
                self._wake.notify()
                return
            if self._workers >= self._most:
                return
            self._workers += 1
            thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        thread.start()

    @property
    def idle(self) -> bool:
        """Nothing waiting, nothing being done, nothing on its way back."""
        with self._lock:
            return not self._pending and not self._busy

    def wait(self, timeout: float = 5.0) -> bool:
        """Block until every job asked for is done and handed back (for tests, scripts
        and benchmarks); False if one is still going after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            QCoreApplication.sendPostedEvents(self._post)
            if self.idle:
                return True
            time.sleep(0.001)
        QCoreApplication.sendPostedEvents(self._post)
        return self.idle

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._pending:
                    self._idle_workers += 1
                    self._wake.wait(LINGER)  # a scroll asks again soon: no new thread
                    self._idle_workers -= 1
                if not self._pending:
                    self._workers -= 1
                    return
                key, _ = self._pending.popitem(last=True)
                self._busy.add(key)
            try:
                result: object = self._work(key)
            except Exception as exc:  # the job's failure is its result, never the window's
                result = exc
            with contextlib.suppress(RuntimeError):  # the application is closing
                self._post.delivered.emit(self._number, key, result)

    def _deliver(self, key: Hashable, result: object) -> None:
        with self._lock:
            self._busy.discard(key)
        self.finished.emit(key, result)
