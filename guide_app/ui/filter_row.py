"""The filters under Home's search box: equipment, body position, target, sides and source,
each a compact list starting at "any", and a button that clears them all."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QPushButton, QWidget

from guide_app.core.exercise_model import Sides
from guide_app.core.i18n import tr
from guide_app.ui.library_filters import (
    NO_EQUIPMENT,
    Facets,
    Filter,
    position_label,
    sides_label,
    source_label,
)


def _combo(name: str, any_text: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    combo.setMaxVisibleItems(16)
    combo.addItem(any_text, None)
    return combo


class FilterRow(QWidget):
    """Five filters in two rows; ``changed`` when any of them is set."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.equipment = _combo(tr("Filter by equipment"), tr("Any equipment"))
        self.position = _combo(tr("Filter by body position"), tr("Any position"))
        self.target = _combo(tr("Filter by target"), tr("Any target"))
        self.sides = _combo(tr("Filter by sides"), tr("Any sides"))
        self.source = _combo(tr("Filter by source"), tr("Any source"))
        self.clear_button = QPushButton(tr("Clear filters"))
        self.clear_button.setAccessibleName(tr("Clear the filters"))
        self.clear_button.clicked.connect(self.clear)
        for value in Sides:  # always the same three
            self.sides.addItem(sides_label(value.value), value.value)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(4)
        for i, widget in enumerate(
            (self.equipment, self.position, self.target, self.sides, self.source)
        ):
            layout.addWidget(widget, i // 3, i % 3)
            widget.currentIndexChanged.connect(self._changed)
        layout.addWidget(self.clear_button, 1, 2)
        for column in range(3):
            layout.setColumnStretch(column, 1)
        self._quiet = False
        self._update_clear()

    def combos(self) -> tuple[QComboBox, ...]:
        return (self.equipment, self.position, self.target, self.sides, self.source)

    def set_facets(self, facets: Facets) -> None:
        """Offer what the library holds, keeping each choice that is still there."""
        before = self.value()
        self._quiet = True
        try:
            equipment = [(item, item) for item in facets.equipment]
            if facets.no_equipment:
                equipment.insert(0, (tr("No equipment"), NO_EQUIPMENT))
            _fill(self.equipment, equipment)
            _fill(self.position, [(position_label(p), p) for p in facets.positions])
            _fill(self.target, [(t, t) for t in facets.targets])
            _fill(self.source, [(source_label(s), s) for s in facets.sources])
        finally:
            self._quiet = False
        self._update_clear()
        if self.value() != before:
            self.changed.emit()

    def value(self) -> Filter:
        def data(combo: QComboBox) -> str | None:
            found = combo.currentData()
            return found if isinstance(found, str) else None

        return Filter(
            equipment=data(self.equipment),
            position=data(self.position),
            target=data(self.target),
            sides=data(self.sides),
            source=data(self.source),
        )

    def choose(self, combo: QComboBox, value: str | None) -> bool:
        """Set one filter as a person would pick it; False if the list lacks ``value``."""
        index = combo.findData(value) if value is not None else 0
        if index < 0:
            return False
        combo.setCurrentIndex(index)
        return True

    def clear(self) -> None:
        if self.value().is_open():
            return
        self._quiet = True
        try:
            for combo in self.combos():
                combo.setCurrentIndex(0)
        finally:
            self._quiet = False
        self._update_clear()
        self.changed.emit()

    def _changed(self) -> None:
        if not self._quiet:
            self._update_clear()
            self.changed.emit()

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(not self.value().is_open())


def _fill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace the choices after "any", keeping the one chosen if it is still offered."""
    chosen = combo.currentData()
    while combo.count() > 1:
        combo.removeItem(combo.count() - 1)
    for text, value in items:
        combo.addItem(text, value)
    index = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(0, index))
