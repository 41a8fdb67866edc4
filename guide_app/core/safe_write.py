"""Writing a file so that it is never half there: a temporary file beside it, synced,
then put in place in one step (``os.replace``, or another ``put``), the folder synced."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

FILE_MODE = 0o644


def write_atomically(
    target: Path,
    data: bytes,
    mode: int = FILE_MODE,
    put: Callable[[str, Path], None] = os.replace,
) -> None:
    """Write ``data`` to a temporary file beside ``target``, sync it, then ``put`` it in
    place; on any failure the temporary file is removed and ``target`` is untouched."""
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        put(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a crash, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every file system syncs a folder; the data itself is synced
    finally:
        os.close(fd)
