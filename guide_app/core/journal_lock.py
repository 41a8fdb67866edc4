"""One copy of the app owns a person's journal: a lock beside it, and a read-only journal
for a second copy.

``claim(folder)`` takes an exclusive ``flock`` on ``<folder>/guide-app.lock`` and writes
this process's id into it. The kernel drops the lock when the process ends, however it
ends (SIGKILL, power cut), so a lock is never left stale. When another process holds it,
``claim`` returns ``Held`` with that process's id and a message for the person.

A second copy started for a session (``guide-app run``) says so and exits; a second
window opens over a ``ReadOnlyJournal``: history can be read, nothing is written (every
write is a ``JournalOwnedElsewhere`` carrying the message, so a session there runs
unsaved and says so), and the session the first copy is running is not offered for resuming.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guide_app.core.history import Journal, SessionRecord, StorageError
from guide_app.core.i18n import tr

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux or macOS: no lock, as before
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "guide-app.lock"
PID_WAIT = 0.5  # seconds to wait for the holder to write its id (it has just started)


class JournalOwnedElsewhere(StorageError):
    """A write to a journal another running copy owns: refused for good, not to be kept
    and tried again (that copy saves its own session)."""


@dataclass(frozen=True, slots=True)
class Held:
    """The journal in ``folder`` is owned by another running copy (``pid``, 0: unknown)."""

    folder: Path
    pid: int

    @property
    def message(self) -> str:
        if self.pid:
            return tr(
                "Session Guide is already running (process {pid}) with the history in "
                "{folder}. Only one copy can save to it: carry on in that window, or close "
                "it first.",
                pid=self.pid,
                folder=self.folder,
            )
        return tr(
            "Session Guide is already running with the history in {folder}. Only one copy "
            "can save to it: carry on in that window, or close it first.",
            folder=self.folder,
        )

    @property
    def read_only(self) -> str:
        """What a window opened anyway says: the other copy saves, this one does not."""
        return self.message + " " + tr("This window shows your history but saves nothing.")


class JournalLock:
    """The lock this process holds on a journal folder; ``release`` (or exit) drops it."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)  # closing the only descriptor drops the flock


def _holder(fd: int) -> int:
    """The id the holding process wrote, waiting briefly for one that has just started."""
    deadline = time.monotonic() + PID_WAIT
    while True:
        with contextlib.suppress(OSError, ValueError):
            text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            if text:
                return int(text)
        if time.monotonic() > deadline:
            return 0
        time.sleep(0.02)


def claim(folder: Path) -> JournalLock | Held | None:
    """Own the journal in ``folder``: a ``JournalLock``, or ``Held`` when another copy
    owns it, or None when no lock can be had here (a folder that can't be written: the
    journal then reports that itself)."""
    if fcntl is None:
        return None
    path = folder / LOCK_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            os.close(fd)
            return None
        pid = _holder(fd)
        os.close(fd)
        return Held(folder, pid)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    except OSError:
        pass  # the lock holds all the same; a second copy names no process
    return JournalLock(path, fd)


class ReadOnlyJournal(Journal):
    """The journal as a second copy sees it: read everything, write nothing.

    Every write raises a ``StorageError`` whose message names the copy that owns the
    journal; no interrupted session is offered (the owner is running it)."""

    owned_elsewhere = True  # a write queue keeps nothing of it to write later

    def __init__(self, path: Path | str, held: Held, **kwargs: Any) -> None:
        super().__init__(path, **kwargs)
        self.held = held
        self.notice = held.read_only

    def _refuse(self, *_: Any, **__: Any) -> Any:
        raise JournalOwnedElsewhere(self.held.read_only, self.path)

    begin_session = record_set = withdraw_set = record_measurement = _refuse
    record_pain = record_effort = end_session = abandon = _refuse
    correct = delete_entry = undo_correction = restore_entry = _refuse  # history's corrections
    add_adjustment = undo_adjustment = _refuse  # progressions accepted or undone

    def interrupted_session(self) -> SessionRecord | None:
        return None
