"""The questions asked during a session: pain, a measurement, and resuming after a crash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_language import translated
from guide_app.core.i18n import tr
from guide_app.core.sides import side_word

if TYPE_CHECKING:
    from guide_app.core.history import SessionRecord, SetRecord
    from guide_app.core.steps import Step
    from guide_app.ui.session_adapter import SessionAdapter


def report_pain(parent: QWidget, adapter: SessionAdapter) -> None:
    """Pause, ask how much it hurts and where, log it; a score above the session's pain
    limit offers to skip the exercise, stop the session or carry on. The session stays
    paused until the person is ready (unless it was stopped)."""
    from guide_app.ui.pain_dialog import PainDialog

    if not adapter.paused:
        adapter.toggle_pause()
    dialog = PainDialog(parent, adapter.pain_limit())
    result = dialog.exec()
    score = dialog.score()
    if not result or score is None:
        return
    adapter.record_pain(score, dialog.where())
    if result == PainDialog.STOP:
        adapter.stop()
    elif result == PainDialog.SKIP:
        adapter.skip_exercise()
        if not adapter.paused:  # carry on only when the person is ready
            adapter.toggle_pause()


def offer_resume(
    parent: QWidget, adapter: SessionAdapter, record: SessionRecord, sets: list[SetRecord]
) -> bool:
    """After a crash: offer to carry on the interrupted session. True if resumed."""
    from guide_app.core.resume import resume_words

    journal = adapter.ensure_journal()
    measured = len(journal.measurements_for(record.row)) if journal is not None else 0
    saved = resume_words(sets, measured)
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the session's title is content, shown as written
    box.setWindowTitle(tr("Resume your session?"))
    box.setText(
        tr("{title} was interrupted: {saved}.", title=translated(record.title), saved=saved)
        + "\n"
        + tr("Carry on from the next set?")
    )
    resume = box.addButton(tr("Resume"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Not now"), QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton(
        tr("Close it (keep what was saved)"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.setDefaultButton(resume)
    box.exec()
    clicked = box.clickedButton()
    if clicked is resume and adapter.resume(record, sets):
        return True
    if clicked is discard:
        adapter.abandon(record)
    return False


class MeasureDialog(QDialog):
    """A number for a measure step: the box opens empty; Enter on an empty (or unreadable)
    box says what it wants and asks again; "Skip this measurement" (or Esc) leaves it out."""

    def __init__(self, parent: QWidget | None, label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Measurement"))
        self.value: float | None = None
        question = QLabel(label)
        question.setTextFormat(Qt.TextFormat.PlainText)  # the measurement's name is content
        question.setWordWrap(True)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(tr("Type a number, e.g. 35"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setDefault(True)
        self.skip_button = QPushButton(tr("Skip this measurement"))
        self.save_button.clicked.connect(self._save)
        self.skip_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        for widget in (question, self.edit, self.message):
            font = widget.font()
            font.setPointSizeF(font.pointSizeF() * 1.4)
            widget.setFont(font)
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.edit.returnPressed.connect(self._save)
        self.edit.setFocus()
        self.setMinimumWidth(520)

    def _save(self) -> None:
        text = self.edit.text().strip().replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            value = None
        if value is None or not -1000.0 <= value <= 10000.0:
            self.message.setText(
                tr("Type a number first, or choose 'Skip this measurement' to leave it out.")
            )
            self.edit.setFocus()
            return
        self.value = value
        self.accept()


def ask_measure(parent: QWidget, step: Step) -> float | None:
    """A measure step: ask for the number (Enter saves it; None when it is left out)."""
    name = step.name or tr("Measurement")
    unit = step.measure_unit or ""
    if step.side is not None:
        label = tr(
            "{name} — {side} side ({unit}):", name=name, side=side_word(step.side), unit=unit
        )
    else:
        label = tr("{name} ({unit}):", name=name, unit=unit)
    dialog = MeasureDialog(parent, label)
    return dialog.value if dialog.exec() else None
