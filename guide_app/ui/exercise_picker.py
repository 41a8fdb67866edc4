"""Choosing an exercise from the library to add to a session: search as you type,
filters for equipment and body position, and each exercise's picture as a thumbnail.

Keys: type to search; Down goes to the list; Enter adds the chosen exercise (or, from
the search box, the first one found); Escape goes back without adding. A double-click
adds too. The words searched, the equipment and the position groups are Home's
(``library_filters``), so both find the same exercises; thumbnails come from a
``ThumbnailCache`` (Home's, when the app passes it), asked for only for the rows in
view, so the list never waits for a picture.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library, bundled_root
from guide_app.ui.library_filters import (
    NO_EQUIPMENT,
    ExerciseFactsStore,
    Facets,
    Filter,
    position_label,
)
from guide_app.ui.thumbnails import ThumbnailCache

THUMB = QSize(72, 54)  # the thumbnails' size when the picker draws its own
ROLE = Qt.ItemDataRole.UserRole


class _PickerKeys(QObject):
    """Down from the search goes to the list; Enter adds; Escape goes back."""

    def __init__(self, picker: ExercisePicker) -> None:
        super().__init__(picker)
        self.picker = picker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        key = Qt.Key(event.key())
        if event.modifiers() not in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            return False
        if key == Qt.Key.Key_Escape:
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # Escape here goes back to the session, not closes it
                return True
            self.picker.cancel()
            return True
        if kind != QEvent.Type.KeyPress:
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.picker.add_chosen()
            return True
        if watched is self.picker.search and key == Qt.Key.Key_Down:
            self.picker.to_list()
            return True
        return False


class ExercisePicker(QWidget):
    """The library's exercises to choose from; ``chosen(id)`` when one is added."""

    chosen = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        thumbnails: ThumbnailCache | None = None,
    ) -> None:
        """``thumbnails``: the cache to take thumbnails from (Home's, shared), at whose
        size the rows show them; None: the picker keeps its own, in memory."""
        super().__init__(parent)
        self.library = library
        if thumbnails is None:
            thumbnails = ThumbnailCache(None, THUMB, parent=self)
        self.thumbnails = thumbnails
        self.thumbnails.ready.connect(self._thumbnail_ready)
        self._icons: dict[Path, QIcon] = {}  # thumbnails made into icons, by picture
        self._bundled = bundled_root()
        self.store = ExerciseFactsStore(library, self._bundled)
        self.heading = QLabel(tr("Add an exercise"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search: name, target, equipment, position"))
        self.search.setAccessibleName(tr("Search exercises"))
        self.search.setClearButtonEnabled(True)
        self.equipment = QComboBox()
        self.equipment.setAccessibleName(tr("Equipment"))
        self.position = QComboBox()
        self.position.setAccessibleName(tr("Body position"))
        self.results = QListWidget()
        self.results.setAccessibleName(tr("Exercises found"))
        self.results.setIconSize(self.thumbnails.size)
        self.results.setUniformItemSizes(True)
        self.results.setSpacing(2)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.count = QLabel()
        self.add_button = QPushButton(tr("Add"))
        self.add_button.setObjectName("primary")
        self.cancel_button = QPushButton(tr("Back"))
        keys = _PickerKeys(self)
        for widget in (self.search, self.results, self.equipment, self.position):
            widget.installEventFilter(keys)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("Equipment")))
        filters.addWidget(self.equipment, 1)
        filters.addWidget(QLabel(tr("Position")))
        filters.addWidget(self.position, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)

        self._pictures: dict[str, Path] = {}  # exercise id -> its picture
        self._rows: dict[Path, list[int]] = {}  # picture -> the rows showing it
        self._visible_timer = QTimer(self)
        self._visible_timer.setSingleShot(True)
        self._visible_timer.setInterval(30)
        self._visible_timer.timeout.connect(self._ask_visible)
        self.search.textChanged.connect(self.apply_filters)
        self.equipment.currentIndexChanged.connect(self.apply_filters)
        self.position.currentIndexChanged.connect(self.apply_filters)
        self.results.itemDoubleClicked.connect(lambda _item: self.add_chosen())
        self.results.verticalScrollBar().valueChanged.connect(self._visible_timer.start)
        self.add_button.clicked.connect(self.add_chosen)
        self.cancel_button.clicked.connect(self.cancel)
        self.set_library(library)

    # ------------------------------------------------------------------ the list

    def set_library(self, library: Library) -> None:
        """Offer this library's exercises, in name order as Home lists them."""
        self.library = library
        self.store = ExerciseFactsStore(library, self._bundled)
        self._icons.clear()  # a picture may have changed with the library
        facets = Facets.of(self.store.all())
        equipment = [(item, item) for item in facets.equipment]
        if facets.no_equipment:
            equipment.insert(0, (tr("No equipment"), NO_EQUIPMENT))
        _fill(self.equipment, tr("Any equipment"), equipment)
        _fill(self.position, tr("Any position"), [(position_label(p), p) for p in facets.positions])
        blocked = self.results.blockSignals(True)
        self.results.clear()
        blank = QPixmap(self.thumbnails.size)  # room for each picture before it is drawn
        blank.fill(Qt.GlobalColor.transparent)
        placeholder = QIcon(blank)
        self._pictures = {}
        self._rows = {}
        for row, facts in enumerate(self.store.all()):
            item = QListWidgetItem(f"{facts.name}\n{facts.line}")
            item.setData(ROLE, facts.id)
            item.setToolTip(library.exercises[facts.id].summary)
            item.setIcon(placeholder)
            self.results.addItem(item)
            if facts.picture is not None:
                self._pictures[facts.id] = facts.picture
                self._rows.setdefault(facts.picture, []).append(row)
        self.results.blockSignals(blocked)
        self.apply_filters()

    def chosen_filter(self) -> Filter:
        """What the equipment and position filters are set to."""
        equipment = self.equipment.currentData()
        position = self.position.currentData()
        return Filter(
            equipment=equipment if isinstance(equipment, str) else None,
            position=position if isinstance(position, str) else None,
        )

    def apply_filters(self) -> None:
        """Show the exercises the search and filters find; the first is chosen."""
        chosen = self.chosen_filter()
        hits = set(self.store.matching(self.search.text().lower().split(), chosen))
        shown = 0
        first: int | None = None
        for row in range(self.results.count()):
            hit = row in hits
            self.results.item(row).setHidden(not hit)
            if hit:
                shown += 1
                first = row if first is None else first
        current = self.results.currentItem()
        if first is not None and (current is None or current.isHidden()):
            self.results.setCurrentRow(first)
        elif first is None:
            self.results.setCurrentRow(-1)
        self.results.doItemsLayout()  # rows where they are shown now, for a click at once
        self.count.setText(
            tr("No exercise found with these filters")
            if not shown and not chosen.is_open()
            else ntr("{n} exercise found", "{n} exercises found", shown)
        )
        self.add_button.setEnabled(shown > 0)
        self._visible_timer.start()

    def found_ids(self) -> list[str]:
        """The ids listed now, in order."""
        return [
            str(self.results.item(r).data(ROLE))
            for r in range(self.results.count())
            if not self.results.item(r).isHidden()
        ]

    def chosen_id(self) -> str | None:
        item = self.results.currentItem()
        if item is None or item.isHidden():
            return None
        return str(item.data(ROLE))

    # ------------------------------------------------------------------ pictures

    def _ask_visible(self) -> None:
        """Ask for the thumbnails of the rows in view (and a screen below)."""
        view = self.results.viewport().rect()
        top = self.results.indexAt(view.topLeft())
        row = top.row() if top.isValid() else 0
        limit = view.height() * 2
        while 0 <= row < self.results.count():
            item = self.results.item(row)
            row += 1
            if item.isHidden():
                continue
            if self.results.visualItemRect(item).top() > limit:
                break
            path = self._pictures.get(str(item.data(ROLE)))
            if path is None:
                continue
            icon = self.icon(path)
            if icon is not None:
                item.setIcon(icon)
            else:
                self.thumbnails.request(path)

    def icon(self, path: Path) -> QIcon | None:
        """The thumbnail of the picture at ``path`` as the list shows it, once it is ready."""
        icon = self._icons.get(path)
        if icon is None:
            image = self.thumbnails.image(path)
            if image is None:
                return None
            icon = self._icons[path] = QIcon(QPixmap.fromImage(image))
        return icon

    def _thumbnail_ready(self, path: Path) -> None:
        rows = self._rows.get(path)
        icon = self.icon(path) if rows else None  # the shared cache draws Home's too
        if icon is None:
            return
        for row in rows or ():
            self.results.item(row).setIcon(icon)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._visible_timer.start()

    # ------------------------------------------------------------------ choosing

    def open_for(self, heading: str) -> None:
        """Start a new choice: the heading says what it is for; the search is emptied
        and has the keys."""
        self.heading.setText(heading)
        self.search.clear()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.apply_filters()

    def to_list(self) -> None:
        if self.chosen_id() is None:
            self.apply_filters()
        self.results.setFocus(Qt.FocusReason.TabFocusReason)

    def add_chosen(self) -> None:
        exercise_id = self.chosen_id()
        if exercise_id is not None:
            self.chosen.emit(exercise_id)

    def cancel(self) -> None:
        self.cancelled.emit()


def _fill(combo: QComboBox, anything: str, choices: list[tuple[str, str]]) -> None:
    """Offer "any" and the choices (label, value), keeping the one chosen if it is still
    there."""
    chosen = combo.currentData()
    blocked = combo.blockSignals(True)
    combo.clear()
    combo.addItem(anything, None)
    for label, value in choices:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
    combo.blockSignals(blocked)
