"""Shows an exercise picture (SVG, PNG or JPEG), mirrored to match the side being worked.

A drawn (SVG) picture also takes the side's colour: its working limbs, drawn blue, turn
the right side's orange on the right side (``guide_app.figure.style.for_side``).

A picture the project drew carries its figure's pose data; with ``motion`` on, the view
draws that figure where the session puts it along its movement (``show_figure``), a small
frame on the GUI thread (``figure_frames``). Photos, and every picture with motion off,
show still.

Pictures are never drawn on the GUI thread: a worker thread decodes each one with
``QImageReader`` (which lets go of Python's lock while it works, so the window keeps
turning) into a ``QImage`` at the size shown, already mirrored and recoloured, and the
images are kept by (path, side, mirrored, size). A picture that takes longer than
``BUDGET`` seconds is given up for a placeholder and a notice, and not tried again.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QObject,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from guide_app.core import locale_format
from guide_app.core.i18n import tr
from guide_app.figure.moving import MovingFigure, figure_of
from guide_app.figure.style import for_side
from guide_app.ui.figure_frames import draw_frame, frame_size

MAX_PIXELS = 40_000_000  # read a raster's size first; refuse to decode anything larger
MAX_SVG_BYTES = 20_000_000  # an SVG larger than this is not read at all
BUDGET = 2.0  # seconds a picture may take to draw before a placeholder takes its place
CACHE_IMAGES = 40  # images kept (a session's pictures, both sides, laptop and display)
MARGIN = 8  # pixels of white around the picture


@dataclass(frozen=True, slots=True)
class PictureKey:
    """One image of a picture: which file, whose colours, which way round, how large."""

    path: Path
    side: str | None
    mirrored: bool
    width: int
    height: int

    @property
    def look(self) -> tuple[Path, str | None, bool]:
        """The picture as it looks, at any size."""
        return self.path, self.side, self.mirrored


def fitted(natural: QSize, room: QSize) -> QSize:
    """``natural`` scaled to fill ``room`` with its aspect kept (at least 1x1)."""
    if natural.isEmpty() or room.isEmpty():
        return QSize(max(1, room.width()), max(1, room.height()))
    scale = min(room.width() / natural.width(), room.height() / natural.height())
    return QSize(max(1, round(natural.width() * scale)), max(1, round(natural.height() * scale)))


_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_LENGTH = re.compile(rb"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")
_UNITS = {b"": 1.0, b"px": 1.0, b"pt": 1.25, b"pc": 15.0, b"mm": 3.543307, b"cm": 35.43307}
_UNITS[b"in"] = 90.0


def _attribute(tag: bytes, name: bytes) -> bytes | None:
    found = re.search(rb"\s" + name + rb"\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", tag)
    return None if found is None else (found.group(1) or found.group(2) or b"")


def svg_size(data: bytes) -> QSize | None:
    """The size an SVG asks for (its root's width and height, else its viewBox), read
    from the text: asking ``QImageReader`` would parse the whole file while holding
    Python's lock. None when the file does not say."""
    tag = _SVG_TAG.search(data[:65536])
    if tag is None:
        return None
    lengths = []
    for name in (b"width", b"height"):
        found = _LENGTH.match(_attribute(tag.group(), name) or b"")
        if found:
            lengths.append(float(found.group(1)) * _UNITS[found.group(2) or b""])
    if len(lengths) < 2:
        numbers = re.split(rb"[\s,]+", (_attribute(tag.group(), b"viewBox") or b"").strip())
        try:
            lengths = [float(n) for n in numbers[2:4]] if len(numbers) == 4 else []
        except ValueError:
            lengths = []
    if len(lengths) < 2 or min(lengths) <= 0:
        return None
    return QSize(max(1, round(lengths[0])), max(1, round(lengths[1])))


def render_picture(path: Path, side: str | None, mirrored: bool, room: QSize) -> QImage | str:
    """The picture at ``path`` as an image that fits ``room``, its working limbs in
    ``side``'s colours, mirrored if asked; or why it cannot be shown. Safe off the GUI
    thread: it uses only ``QImage`` and ``QImageReader``, reading a file (a recoloured
    SVG from a temporary copy): a reader given a Python ``QBuffer`` calls back into
    Python while it holds Qt's image-format lock, which the GUI thread may wait for
    with Python's lock held (a deadlock)."""
    svg = path.suffix.lower() == ".svg"
    with contextlib.ExitStack() as stack:
        if svg:
            try:
                if path.stat().st_size > MAX_SVG_BYTES:
                    return tr("{file}: not a readable SVG", file=path.name)
                data = path.read_bytes()
            except OSError:
                return tr("{file}: not a readable SVG", file=path.name)
            # latin-1 maps bytes to characters one to one: any encoding survives the trip
            text = for_side(data.decode("latin-1"), side).encode("latin-1")
            source = str(path)
            if text != data:  # recoloured: the reader reads a file, never a Python buffer
                copy = stack.enter_context(tempfile.NamedTemporaryFile(suffix=".svg"))
                copy.write(text)
                copy.flush()
                source = copy.name
            reader = QImageReader(source, QByteArray(b"svg"))
            natural = svg_size(text) or QSize()
        else:
            reader = QImageReader(str(path))
            natural = reader.size()  # a raster's header only
        if not svg and natural.isValid() and natural.width() * natural.height() > MAX_PIXELS:
            return tr(
                "{file}: {width}x{height} is too large",
                file=path.name,
                width=natural.width(),
                height=natural.height(),
            )
        if natural.isValid() and not natural.isEmpty():
            reader.setScaledSize(fitted(natural, room))
        image = reader.read()  # the slow part; Qt releases Python's lock for it
    if image.isNull():
        if svg:
            return tr("{file}: not a readable SVG", file=path.name)
        return tr("{file}: {problem}", file=path.name, problem=reader.errorString())
    return image.flipped(Qt.Orientation.Horizontal) if mirrored else image


class PictureRenderer(QObject):
    """Draws pictures on worker threads and keeps the images; one is shared by every view
    (the laptop's and the wall display's), so a slow picture is drawn, and given up, once.

    ``finished(key)`` says an image (or an error) is ready for ``key``; ``too_slow(path,
    notice)`` says a picture went over the budget and will show a placeholder."""

    finished = Signal(object)
    too_slow = Signal(object, str)
    _done = Signal(object, object)  # from a worker thread: (key, image or error)

    _shared: ClassVar[PictureRenderer | None] = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.budget: float | None = None  # None: the module's BUDGET
        self._images: OrderedDict[PictureKey, QImage] = OrderedDict()
        self._errors: dict[Path, str] = {}
        self._slow: set[Path] = set()
        self._running: dict[PictureKey, float] = {}  # key -> when its drawing began
        self._threads: list[threading.Thread] = []
        self._done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._watch = QTimer(self)
        self._watch.setInterval(50)
        self._watch.timeout.connect(self._check_budget)

    @classmethod
    def shared(cls) -> PictureRenderer:
        if cls._shared is None or not shiboken6.isValid(cls._shared):  # a new application
            cls._shared = cls(QCoreApplication.instance())
        return cls._shared

    # ------------------------------------------------------------------ asking

    def image(self, key: PictureKey) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def error(self, path: Path) -> str | None:
        return self._errors.get(path)

    def is_slow(self, path: Path) -> bool:
        return path in self._slow

    def request(self, key: PictureKey) -> None:
        """Start drawing ``key`` unless it is drawn, failed, given up, or the same picture
        is being drawn at another size (the view asks again when that one is done)."""
        if key in self._images or key.path in self._errors or key.path in self._slow:
            return
        if any(running.look == key.look for running in self._running):
            return
        self._running[key] = time.monotonic()
        thread = threading.Thread(
            target=self._work, args=(key, render_picture), name="picture", daemon=True
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        self._watch.start()

    def wait(self, timeout: float = 5.0) -> bool:
        """Block until every drawing in progress is done and delivered (for scripts that
        take screenshots, and tests); False if one is still going after ``timeout``."""
        deadline = time.monotonic() + timeout
        for thread in list(self._threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        QCoreApplication.sendPostedEvents(self)
        return not any(t.is_alive() for t in self._threads)

    # ------------------------------------------------------------------ working

    def _work(self, key: PictureKey, render: Callable[..., QImage | str]) -> None:
        try:
            result = render(key.path, key.side, key.mirrored, QSize(key.width, key.height))
        except Exception as exc:  # any failure is this picture's, never the session's
            result = tr("{file}: {problem}", file=key.path.name, problem=str(exc))
        with contextlib.suppress(RuntimeError):  # the app closed while it was drawn
            self._done.emit(key, result)

    def _finish(self, key: PictureKey, result: object) -> None:
        self._running.pop(key, None)
        if not self._running:
            self._watch.stop()
        if key.path in self._slow:
            return  # given up already: the placeholder stays
        if isinstance(result, QImage):
            self._images[key] = result
            while len(self._images) > CACHE_IMAGES:
                self._images.popitem(last=False)
        else:
            self._errors[key.path] = str(result)
        self.finished.emit(key)

    def _check_budget(self) -> None:
        budget = BUDGET if self.budget is None else self.budget
        now = time.monotonic()
        for key, began in list(self._running.items()):
            if key.path not in self._slow and now - began > budget:
                self._slow.add(key.path)
                notice = tr(
                    "The picture {file} took more than {seconds} s to draw; "
                    "it is left out and the session goes on.",
                    file=key.path.name,
                    seconds=locale_format.decimal(budget, 3),
                )
                self.too_slow.emit(key.path, notice)


class PictureView(QWidget):
    """The exercise picture, as large as the space allows, mirrored for the other side.

    ``notice(text)`` says the picture shown was given up for taking too long."""

    notice = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, renderer: PictureRenderer | None = None
    ) -> None:
        super().__init__(parent)
        self.renderer = renderer if renderer is not None else PictureRenderer.shared()
        self.renderer.finished.connect(self._rendered)
        self.renderer.too_slow.connect(self._too_slow)
        self._path: Path | None = None
        self._side: str | None = None
        self._mirrored = False
        self._last: QImage | None = None  # the latest image of this look, maybe another size
        self.motion = True  # draw a drawn picture's figure where ``show_figure`` puts it
        self._position: float | None = None  # where along its movement (None: still)
        self._figure: MovingFigure | None = None  # the figure the picture carries
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)

    def show_picture(
        self, path: Path | None, *, mirrored: bool = False, side: str | None = None
    ) -> None:
        """Show ``path`` (None: nothing), mirrored or not, its working limbs in the
        colour of ``side`` ("left", "right", "both" or None)."""
        if (path, side, mirrored) != (self._path, self._side, self._mirrored):
            if path != self._path:
                self._figure = figure_of(path) if path is not None else None
            self._path, self._side, self._mirrored = path, side, mirrored
            self._last = None
            # a picture fills the view with white: what lies beneath need not be painted
            # for each frame of the moving figure; with none, the window shows through
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, path is not None)
            self.update()

    def show_figure(self, position: float | None) -> None:
        """Put the picture's figure ``position`` of the way along its movement (0: start
        pose, 1: end pose); None: the still picture. Repaints only when the figure
        is drawn somewhere else."""
        figure = self.moving_figure
        before = self._drawn_step()
        self._position = position
        if figure is not None and self._drawn_step() != before:
            self.update()

    @property
    def moving_figure(self) -> MovingFigure | None:
        """The figure drawn moving, or None while the picture shows still (motion off, a
        photo, a picture with one position)."""
        figure = self._figure
        return figure if self.motion and figure is not None and figure.moves else None

    @property
    def figure_at(self) -> float | None:
        """Where the figure is drawn along its movement, or None when it is not drawn."""
        return self._position if self.moving_figure is not None else None

    def _drawn_step(self) -> int | None:
        figure = self.moving_figure
        if figure is None or self._position is None:
            return None
        return figure.step_of(self._position)

    @property
    def mirrored(self) -> bool:
        return self._mirrored

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def placeholder(self) -> bool:
        """True when the picture was given up for taking too long to draw."""
        return self._path is not None and self.renderer.is_slow(self._path)

    @property
    def error(self) -> str | None:
        return self.renderer.error(self._path) if self._path is not None else None

    @property
    def ready(self) -> bool:
        """True when what is shown is final: the image at this size, an error, a
        placeholder, or nothing."""
        key = self._key()
        return (
            key is None
            or self._drawn_step() is not None
            or self.placeholder
            or self.error is not None
            or self.renderer.image(key) is not None
        )

    def _key(self) -> PictureKey | None:
        if self._path is None:
            return None
        room = self._area()
        return PictureKey(
            self._path, self._side, self._mirrored, round(room.width()), round(room.height())
        )

    def _area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)

    def _rendered(self, key: PictureKey) -> None:
        if key.look == (self._path, self._side, self._mirrored):
            self.update()

    def _too_slow(self, path: Path, notice: str) -> None:
        if path == self._path:
            self.update()
            self.notice.emit(notice)

    def paintEvent(self, event: QPaintEvent) -> None:
        key = self._key()
        if key is None:
            return  # nothing to show: leave the window's background
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        area = self._area()
        figure = self.moving_figure
        if figure is not None and self._position is not None:
            box = self._box(frame_size(figure), area)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw_frame(
                painter, box, figure, self._position, side=self._side, mirrored=self._mirrored
            )
            return
        if self.placeholder:
            self._paint_placeholder(painter, area)
            return
        if self.error is not None:
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.error)
            return
        image = self.renderer.image(key)
        if image is None:
            self.renderer.request(key)  # drawn on a worker; shown when it is done
            image = self._last  # meanwhile the same picture at its last size, if any
        else:
            self._last = image
        if image is None or image.isNull():
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self._box(image.size(), area), image)

    @staticmethod
    def _box(natural: QSize, area: QRectF) -> QRectF:
        """Where a picture of ``natural`` size is drawn: as large as fits, centred."""
        size = fitted(natural, QSize(round(area.width()), round(area.height())))
        return QRectF(
            area.x() + (area.width() - size.width()) / 2,
            area.y() + (area.height() - size.height()) / 2,
            size.width(),
            size.height(),
        )

    def _paint_placeholder(self, painter: QPainter, area: QRectF) -> None:
        """A grey frame and a few words where the picture would be."""
        painter.setPen(QPen(QColor("#9aa5b1"), 2, Qt.PenStyle.DashLine))
        painter.drawRect(area.adjusted(4, 4, -4, -4))
        painter.setPen(QColor("#333333"))
        font = painter.font()
        font.setPixelSize(max(14, round(area.height() / 18)))
        painter.setFont(font)
        name = self._path.name if self._path is not None else ""
        painter.drawText(
            area.adjusted(16, 16, -16, -16),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            tr("Picture left out: {file} takes too long to draw", file=name),
        )
