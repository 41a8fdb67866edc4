"""Shows an exercise picture (SVG, PNG or JPEG), mirrored to match the side being worked.

A drawn (SVG) picture also takes the side's colour: its working limbs, drawn blue, turn
the right side's orange on the right side (``guide_app.figure.style.for_side``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter, QPaintEvent, QTransform
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from guide_app.core.i18n import tr
from guide_app.figure.style import for_side

MAX_PIXELS = 40_000_000  # read a raster's size first; refuse to decode anything larger


class Picture:
    """A loaded picture that can paint itself into any rectangle, keeping its aspect."""

    def __init__(self, path: Path, side: str | None = None) -> None:
        self.path = path
        self.error: str | None = None
        self._svg: QSvgRenderer | None = None
        self._image: QImage | None = None
        if path.suffix.lower() == ".svg":
            renderer = _svg_renderer(path, side)
            if renderer is not None and renderer.isValid():
                self._svg = renderer
            else:
                self.error = tr("{file}: not a readable SVG", file=path.name)
        else:
            reader = QImageReader(str(path))
            size = reader.size()
            if size.isValid() and size.width() * size.height() > MAX_PIXELS:
                self.error = tr(
                    "{file}: {width}x{height} is too large",
                    file=path.name,
                    width=size.width(),
                    height=size.height(),
                )
            else:
                image = reader.read()
                if image.isNull():
                    self.error = tr(
                        "{file}: {problem}", file=path.name, problem=reader.errorString()
                    )
                else:
                    self._image = image

    @property
    def ok(self) -> bool:
        return self.error is None

    def natural_size(self) -> QSize:
        if self._svg is not None:
            return self._svg.defaultSize()
        if self._image is not None:
            return self._image.size()
        return QSize(4, 3)

    def paint(self, painter: QPainter, target: QRectF, *, mirrored: bool = False) -> None:
        natural = self.natural_size()
        if natural.isEmpty():
            return
        scale = min(target.width() / natural.width(), target.height() / natural.height())
        w, h = natural.width() * scale, natural.height() * scale
        box = QRectF(
            target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2, w, h
        )
        painter.save()
        if mirrored:
            centre = box.center()
            painter.setTransform(
                QTransform().translate(centre.x(), 0).scale(-1, 1).translate(-centre.x(), 0),
                combine=True,
            )
        if self._svg is not None:
            self._svg.render(painter, box)
        elif self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(box, self._image)
        painter.restore()


def _svg_renderer(path: Path, side: str | None) -> QSvgRenderer | None:
    """The SVG at ``path``, its working limbs in ``side``'s colours; None if unreadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # latin-1 maps bytes to characters one to one: any encoding survives the round trip
    text = for_side(data.decode("latin-1"), side)
    return QSvgRenderer(QByteArray(text.encode("latin-1")))


class PictureView(QWidget):
    """The exercise picture, as large as the space allows, mirrored for the other side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._picture: Picture | None = None
        self._mirrored = False
        self._cache: dict[tuple[Path, str | None], Picture] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)

    def show_picture(
        self, path: Path | None, *, mirrored: bool = False, side: str | None = None
    ) -> None:
        """Show ``path`` (None: nothing), mirrored or not, its working limbs in the
        colour of ``side`` ("left", "right", "both" or None)."""
        picture = None
        if path is not None:
            picture = self._cache.get((path, side))
            if picture is None:
                picture = self._cache[path, side] = Picture(path, side)
        if picture is not self._picture or mirrored != self._mirrored:
            self._picture, self._mirrored = picture, mirrored
            self.update()

    @property
    def mirrored(self) -> bool:
        return self._mirrored

    @property
    def picture(self) -> Picture | None:
        return self._picture

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        if self._picture is None:
            return  # nothing to show: leave the window's background
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self._picture.ok:
            self._picture.paint(painter, area, mirrored=self._mirrored)
        else:
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._picture.error or "")
