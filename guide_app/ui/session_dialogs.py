"""The questions asked during a session: pain, a measurement, and resuming after a crash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from guide_app.core.i18n import tr
from guide_app.core.sides import side_word

if TYPE_CHECKING:
    from guide_app.core.history import SessionRecord, SetRecord
    from guide_app.core.steps import Step
    from guide_app.ui.session_adapter import SessionAdapter


def report_pain(parent: QWidget, adapter: SessionAdapter) -> None:
    """Pause, ask how much it hurts and where, log it; a high score offers to skip."""
    from guide_app.ui.pain_dialog import PainDialog

    if not adapter.paused:
        adapter.toggle_pause()
    dialog = PainDialog(parent)
    if not dialog.exec():
        return
    score, where = dialog.score(), dialog.where()
    adapter.record_pain(score, where)
    if score >= PainDialog.HIGH:
        answer = QMessageBox.question(
            parent,
            tr("Stop this exercise?"),
            tr(
                "Pain of {score} out of 10. Sharp or strong pain is a sign to stop.",
                score=score,
            )
            + "\n"
            + tr("Skip the rest of this exercise?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            adapter.skip_exercise()
            if not adapter.paused:  # carry on only when the person is ready
                adapter.toggle_pause()


def offer_resume(
    parent: QWidget, adapter: SessionAdapter, record: SessionRecord, sets: list[SetRecord]
) -> bool:
    """After a crash: offer to carry on the interrupted session. True if resumed."""
    from guide_app.core.resume import saved_words

    box = QMessageBox(parent)
    box.setWindowTitle(tr("Resume your session?"))
    skipped = sum(1 for s in sets if s.skipped)
    saved = saved_words(len(sets) - skipped, skipped)
    box.setText(
        tr("{title} was interrupted: {saved}.", title=record.title, saved=saved)
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


def ask_measure(parent: QWidget, step: Step) -> float | None:
    """A measure step: ask for the number (Enter accepts, Esc leaves it out)."""
    name = step.name or tr("Measurement")
    unit = step.measure_unit or ""
    if step.side is not None:
        label = tr(
            "{name} — {side} side ({unit}):", name=name, side=side_word(step.side), unit=unit
        )
    else:
        label = tr("{name} ({unit}):", name=name, unit=unit)
    value, ok = QInputDialog.getDouble(parent, tr("Measurement"), label, 0.0, -1000.0, 10000.0, 1)
    return value if ok else None
