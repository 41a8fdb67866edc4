"""Home's side settings: which side is affected or weaker, as three radio buttons in a row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QWidget

from guide_app.core.i18n import tr


class SideChooser(QWidget):
    """Three radio buttons: not set, left, right."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        label.setMinimumWidth(140)
        layout.addWidget(label)
        self._group = QButtonGroup(self)
        self._buttons: dict[str | None, QRadioButton] = {}
        for value, text in ((None, tr("Not set")), ("left", tr("Left")), ("right", tr("Right"))):
            button = QRadioButton(text)
            button.setAccessibleName(tr("{chooser}: {choice}", chooser=title, choice=text))
            self._group.addButton(button)
            self._buttons[value] = button
            layout.addWidget(button)
            button.toggled.connect(self._toggled)
            button.installEventFilter(self)
        layout.addStretch()
        self._buttons[None].setChecked(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down move along the row too, as Left and Right do."""
        if event.type() == QEvent.Type.KeyPress and watched in self._buttons.values():
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None:
                buttons = list(self._buttons.values())
                i = buttons.index(watched) + step  # type: ignore[arg-type]
                if 0 <= i < len(buttons):
                    buttons[i].setFocus(Qt.FocusReason.TabFocusReason)
                    buttons[i].setChecked(True)
                return True
        return super().eventFilter(watched, event)

    def _toggled(self, on: bool) -> None:
        if on:
            self.changed.emit()

    def value(self) -> str | None:
        for value, button in self._buttons.items():
            if button.isChecked():
                return value
        return None

    def set_value(self, value: str | None) -> None:
        self._buttons.get(value, self._buttons[None]).setChecked(True)
