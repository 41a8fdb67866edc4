"""Exercise thumbnails for Home: drawn off the GUI thread, kept in memory and on disk.

A thumbnail is asked for when its row is painted; a worker thread reads it from the
disk cache or draws it from the picture with ``render_picture`` (``QImageReader`` at the
thumbnail's size, so a large photo is never decoded whole), and ``ready(path)`` says it
is there. The newest are kept in memory (least recently used go first); on disk each is
a PNG named after the picture's path, its modification time and size, and the thumbnail
size, so a changed picture gets a new thumbnail and an old one is never shown. A
picture that cannot be read gets a placeholder (``problem(path)`` says why).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QImage, QImageReader

from guide_app.core.i18n import tr
from guide_app.ui.background import Background
from guide_app.ui.picture import render_picture

SIZE = QSize(96, 72)  # a thumbnail's room, 4:3 as most exercise pictures are
IN_MEMORY = 600  # thumbnails kept in memory (about 16 MB at 96x72)
# Worker threads drawing thumbnails: one core is left to the window (the threads share
# Python's lock with it between the decoding, which runs without it).
THREADS = max(1, min(2, (os.cpu_count() or 1) - 1))
BACKLOG = 48  # requests kept waiting; older ones were scrolled past

Render = Callable[[Path, str | None, bool, QSize], QImage | str]


class ThumbnailCache(QObject):
    """Thumbnails of pictures at one size, drawn on worker threads; ``folder`` (None: none)
    keeps them on disk between runs."""

    ready = Signal(object)  # the picture's path: its thumbnail, or its problem, is there

    def __init__(
        self,
        folder: Path | None = None,
        size: QSize = SIZE,
        *,
        render: Render = render_picture,
        threads: int = THREADS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.size = QSize(size)
        self._render = render
        self._images: OrderedDict[Path, QImage] = OrderedDict()
        self._problems: dict[Path, str] = {}
        self._count_lock = threading.Lock()
        self.drawn = 0  # thumbnails drawn from their picture
        self.from_disk = 0  # thumbnails read back from the disk cache
        self._jobs = Background(
            self._make, threads=threads, backlog=BACKLOG, name="thumbnail", parent=self
        )
        self._jobs.finished.connect(self._finished)

    # ------------------------------------------------------------------ asking

    def image(self, path: Path) -> QImage | None:
        """The thumbnail of ``path`` if it is ready."""
        image = self._images.get(path)
        if image is not None:
            self._images.move_to_end(path)
        return image

    def problem(self, path: Path) -> str | None:
        """Why ``path`` shows a placeholder, once that is known."""
        return self._problems.get(path)

    def request(self, path: Path) -> None:
        """Have ``path``'s thumbnail made, unless it is ready or cannot be made."""
        if path not in self._images and path not in self._problems:
            self._jobs.request(path)

    def forget(self) -> None:
        """Drop what is in memory (the pictures may have changed); the disk keeps its own."""
        self._images.clear()
        self._problems.clear()

    def wait(self, timeout: float = 5.0) -> bool:
        """Block until every thumbnail asked for is ready (tests, screenshots, benchmarks)."""
        return self._jobs.wait(timeout)

    def _finished(self, key: Hashable, result: object) -> None:
        assert isinstance(key, Path)
        if isinstance(result, QImage) and not result.isNull():
            self._images[key] = result
            self._images.move_to_end(key)
            while len(self._images) > IN_MEMORY:
                self._images.popitem(last=False)
        else:
            self._problems[key] = str(result)
        self.ready.emit(key)

    # ------------------------------------------------------------------ on a worker

    def _make(self, key: Hashable) -> QImage | str:
        assert isinstance(key, Path)
        path = key
        try:
            info = path.stat()
        except OSError:
            return tr("{file}: not found", file=path.name)
        stored = self._stored(path, info)
        if stored is not None:
            image = QImageReader(str(stored)).read()
            if not image.isNull():
                with self._count_lock:
                    self.from_disk += 1
                return image
        result = self._render(path, None, False, self.size)
        with self._count_lock:
            self.drawn += 1
        if isinstance(result, QImage) and stored is not None:
            self._keep(result, stored)
        return result

    def _stored(self, path: Path, info: os.stat_result) -> Path | None:
        """Where the thumbnail of this version of ``path`` is kept on disk."""
        if self.folder is None:
            return None
        name = "\0".join(
            (
                os.path.abspath(path),
                str(info.st_mtime_ns),
                str(info.st_size),
                f"{self.size.width()}x{self.size.height()}",
            )
        )
        digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()
        return self.folder / f"{digest}.png"

    def _keep(self, image: QImage, target: Path) -> None:
        """Write the thumbnail whole or not at all; the cache is a convenience, so a disk
        that refuses it costs only the time to draw it again."""
        temporary = target.with_name(f".{target.stem}.{threading.get_ident()}.png")
        with contextlib.suppress(OSError):
            target.parent.mkdir(parents=True, exist_ok=True)
            if image.save(str(temporary)):  # a PNG, as its name says
                os.replace(temporary, target)
            else:
                temporary.unlink(missing_ok=True)
