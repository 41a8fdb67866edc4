"""Asks how much it hurts (0-10) and where, by keyboard: type a number, then OK."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from guide_app.core.i18n import tr


class PainDialog(QDialog):
    HIGH = 7  # from here the dialog's owner offers to skip the exercise

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Report pain"))
        self._score = QSpinBox()
        self._score.setRange(0, 10)
        self._score.setValue(3)
        self._score.setSuffix(tr(" / 10"))
        self._where = QLineEdit()
        self._where.setPlaceholderText(tr("e.g. front of the left hip, pinching"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(tr("The session is paused.")))
        form.addRow(tr("Pain (0 none, 10 worst)"), self._score)
        form.addRow(tr("Where"), self._where)
        form.addRow(buttons)
        self._score.selectAll()
        self._score.setFocus()

    def score(self) -> int:
        return int(self._score.value())

    def where(self) -> str:
        return self._where.text().strip()
