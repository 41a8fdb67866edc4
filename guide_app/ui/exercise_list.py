"""Home's exercise list: each exercise with its picture as a thumbnail, its name, and a line
with its position and equipment.

The model is a ``QStringListModel`` of the names shown, so the view lays out and scrolls
a thousand rows without calling back into Python for each; which exercise a row is, its
line and its thumbnail are looked up by row, for the rows painted. Every row is one
size. A row's thumbnail is asked for when the row is painted, so only what is on screen
is drawn; until it is ready the picture's place stays blank, and a picture that cannot
be shown gets a neutral placeholder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from guide_app.core.content_language import shown
from guide_app.core.i18n import tr
from guide_app.ui import theme
from guide_app.ui.library_filters import ExerciseFacts, ExerciseFactsStore
from guide_app.ui.thumbnails import ThumbnailCache

PAD = 6
SELECTED = "#2f4b63"
PLACEHOLDER = "#2a3440"

AnyIndex = QModelIndex | QPersistentModelIndex


class ExerciseModel(QStringListModel):
    """The exercises the search and filters leave (their names), with their thumbnails."""

    def __init__(self, store: ExerciseFactsStore, thumbnails: ThumbnailCache) -> None:
        super().__init__()
        self.thumbnails = thumbnails
        self._by_picture: dict[Path, list[int]] = {}  # store index of rows painted
        thumbnails.ready.connect(self._thumbnail_ready)
        self.set_store(store)

    def set_store(self, store: ExerciseFactsStore) -> None:
        """Show every exercise of ``store`` (a library loaded anew)."""
        self.store = store
        self._names = [store.name(row) for row in range(len(store))]
        self._shown: list[int] | None = None  # None: every exercise
        self._rows: dict[int, int] | None = None  # store index -> row, built when wanted
        self._by_picture = {}
        self.setStringList(self._names)

    def show_only(self, rows: list[int] | None) -> None:
        """Show these exercises (indexes into the store), or all of them."""
        if rows == self._shown:
            return
        self._shown = rows
        self._rows = None
        self.setStringList(self._names if rows is None else [self._names[r] for r in rows])

    def count(self) -> int:
        return len(self._names) if self._shown is None else len(self._shown)

    def _entry(self, row: int) -> int:
        return row if self._shown is None else self._shown[row]

    def exercise_id(self, row: int) -> str:
        return self.store.ids[self._entry(row)]

    def facts(self, row: int) -> ExerciseFacts:
        return self.store.facts(self._entry(row))

    def row_of(self, exercise_id: str) -> int | None:
        """The row showing ``exercise_id``, or None when it is filtered out."""
        entry = self.store.index(exercise_id)
        if entry is None or self._shown is None:
            return entry
        return self._row_of_entry(entry)

    def _row_of_entry(self, entry: int) -> int | None:
        if self._shown is None:
            return entry
        if self._rows is None:
            self._rows = {e: row for row, e in enumerate(self._shown)}
        return self._rows.get(entry)

    def thumbnail(self, row: int) -> QImage | None:
        """The row's thumbnail, once it is ready."""
        picture = self.facts(row).picture
        return None if picture is None else self.thumbnails.image(picture)

    def picture_state(self, row: int) -> str:
        """ "ready", "waiting", or "placeholder" (no picture, or one that cannot be shown)."""
        picture = self.facts(row).picture
        if picture is None or self.thumbnails.problem(picture) is not None:
            return "placeholder"
        return "ready" if self.thumbnails.image(picture) is not None else "waiting"

    def request_thumbnail(self, row: int) -> None:
        """Have the row's thumbnail made (the row is being painted)."""
        entry = self._entry(row)
        picture = self.store.facts(entry).picture
        if picture is not None:
            waiting = self._by_picture.setdefault(picture, [])
            if entry not in waiting:
                waiting.append(entry)
            self.thumbnails.request(picture)

    def _thumbnail_ready(self, path: Path) -> None:
        for entry in self._by_picture.get(path, ()):
            row = self._row_of_entry(entry)
            if row is not None:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class ExerciseDelegate(QStyledItemDelegate):
    """Paints a row: the thumbnail on white, the name in bold, the line below it, muted."""

    def __init__(self, thumbnail: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumbnail = QSize(thumbnail)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        lines = QFontMetrics(option.font).lineSpacing() * 2 + PAD
        height = max(self.thumbnail.height(), lines) + 2 * PAD
        return QSize(self.thumbnail.width() + 200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        model = index.model()
        if not isinstance(model, ExerciseModel):
            return super().paint(painter, option, index)
        rect = QRect(option.rect)
        state = option.state
        painter.save()
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(SELECTED))
        box = QRect(
            rect.left() + PAD,
            rect.top() + (rect.height() - self.thumbnail.height()) // 2,
            self.thumbnail.width(),
            self.thumbnail.height(),
        )
        self._paint_picture(painter, box, model, index)
        left = box.right() + 2 * PAD
        text = QRect(left, rect.top() + PAD, max(0, rect.right() - left - PAD), rect.height())
        name_font = QFont(option.font)
        name_font.setBold(True)
        name_metrics = QFontMetrics(name_font)
        metrics = QFontMetrics(option.font)
        top = rect.top() + (rect.height() - name_metrics.lineSpacing() - metrics.lineSpacing()) // 2
        painter.setFont(name_font)
        painter.setPen(QColor(theme.TEXT))
        facts = model.facts(index.row())
        name = shown(facts.name)
        painter.drawText(
            QRect(text.left(), top, text.width(), name_metrics.lineSpacing()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, text.width()),
        )
        painter.setFont(option.font)
        painter.setPen(QColor(theme.MUTED_TEXT))
        line = facts.line
        painter.drawText(
            QRect(
                text.left(), top + name_metrics.lineSpacing(), text.width(), metrics.lineSpacing()
            ),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, text.width()),
        )
        painter.restore()

    def _paint_picture(
        self, painter: QPainter, box: QRect, model: ExerciseModel, index: AnyIndex
    ) -> None:
        state = model.picture_state(index.row())
        if state == "placeholder":
            paint_placeholder(painter, box)
            return
        painter.fillRect(box, Qt.GlobalColor.white)
        image = model.thumbnail(index.row())
        if image is None:
            model.request_thumbnail(index.row())  # drawn on a worker; painted when ready
            return
        size = image.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(
            box.left() + (box.width() - size.width()) // 2,
            box.top() + (box.height() - size.height()) // 2,
            size.width(),
            size.height(),
        )
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image)


def paint_placeholder(painter: QPainter, box: QRect) -> None:
    """A neutral stand-in for a picture: a grey frame with a hill and a sun in it."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(box, QColor(PLACEHOLDER))
    pen = QPen(QColor(theme.DIMMED))
    pen.setWidth(2)
    painter.setPen(pen)
    inner = box.adjusted(box.width() // 4, box.height() // 4, -box.width() // 4, -box.height() // 4)
    painter.drawRect(inner)
    hill = QPolygonF(
        [
            QPointF(inner.left(), inner.bottom()),
            QPointF(inner.left() + inner.width() * 0.4, inner.top() + inner.height() * 0.45),
            QPointF(inner.left() + inner.width() * 0.65, inner.top() + inner.height() * 0.7),
            QPointF(inner.right(), inner.top() + inner.height() * 0.4),
            QPointF(inner.right(), inner.bottom()),
        ]
    )
    painter.setBrush(QColor(theme.DIMMED))
    painter.drawPolygon(hill)
    radius = max(2, inner.height() // 8)
    painter.drawEllipse(
        QPointF(inner.left() + inner.width() * 0.25, inner.top() + inner.height() * 0.3),
        radius,
        radius,
    )
    painter.restore()


class ExerciseList(QListView):
    """The exercise rows, one size each, one selected at a time.

    The model is attached when the list is first wanted (``attach``): until then Home
    does not lay out a thousand rows it may never show."""

    def __init__(self, model: ExerciseModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setItemDelegate(ExerciseDelegate(model.thumbnails.size, self))
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(tr("Exercises"))

    def attach(self) -> bool:
        """Show the model's rows; True the first time (the caller connects to the
        selection model then)."""
        if self.model() is self._model:
            return False
        self.setModel(self._model)
        return True

    def exercise_model(self) -> ExerciseModel:
        return self._model

    def viewportEvent(self, event: QEvent) -> bool:
        """A row's tooltip: its name and line, in full."""
        if event.type() == QEvent.Type.ToolTip and self.model() is self._model:
            assert isinstance(event, QHelpEvent)
            index = self.indexAt(event.pos())
            if index.isValid():
                facts = self._model.facts(index.row())
                QToolTip.showText(event.globalPos(), f"{facts.name}\n{facts.line}", self)
                return True
        return super().viewportEvent(event)
