"""The progression offer: each change a met rule offers the person (the change, and the
sentence why), with Accept and Not now; once accepted, Undo.

The end-of-session summary and Today show it. The offers come from
``core.adjustments.offers``; ``accept`` and ``undo`` (given by whoever shows it, usually
``adjustments.accept`` / ``undo`` over the journal) keep the choice in the history, and
the signals ``accepted(Offer)`` and ``undone(Adjustment)`` follow once they have. Advice
in words only is "noted" rather than accepted. When a next-morning answer holds
progression, the widget says why instead (``held``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.adjustments import Adjustment, Offer
from guide_app.core.history import StorageError
from guide_app.core.i18n import ntr, tr
from guide_app.ui import theme

Accept = Callable[[Offer], Adjustment]
Undo = Callable[[Adjustment], Adjustment]

_FRAME = (
    f"QFrame#offer {{ background: {theme.PANEL}; border: 2px solid {theme.ACCENT}; "
    "border-radius: 8px; }"
)


def _label(text: str, *, scale: float = 1.0, bold: bool = False, colour: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the programme's words, as written
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    # on the offer's panel, not the window's background
    label.setStyleSheet("background: transparent;" + (f" color: {colour};" if colour else ""))
    return label


def heading_words(offer: Offer) -> str:
    """'Next step for Clamshell', 'Advice for Clamshell', or 'Next step'."""
    if offer.advice:
        if offer.exercise_name:
            return tr("Advice for {exercise}", exercise=offer.exercise_name)
        return tr("Advice")
    if offer.exercise_name:
        return tr("Next step for {exercise}", exercise=offer.exercise_name)
    return tr("Next step")


class OfferRow(QFrame):
    """One offer: what changes and why, and the buttons for it."""

    def __init__(self, offer: Offer, owner: ProgressionOffer) -> None:
        super().__init__()
        self.offer = offer
        self.adjustment: Adjustment | None = None
        self._owner = owner
        self.setObjectName("offer")
        self.setStyleSheet(_FRAME)
        self.heading = _label(heading_words(offer), scale=1.3, bold=True, colour=theme.ACCENT)
        if offer.advice:
            change = offer.words[:1].upper() + offer.words[1:]
        else:
            change = tr("From your next session: {change}", change=offer.words)
        self.change = _label(change, scale=1.3, bold=True)
        self.reason = _label(offer.reason, colour=theme.MUTED_TEXT)
        self.status = _label("", colour=theme.MUTED_TEXT)
        self.status.hide()
        self.accept_button = QPushButton(tr("&Noted") if offer.advice else tr("&Accept"))
        self.later_button = QPushButton(tr("Not &now"))
        self.undo_button = QPushButton(tr("&Undo"))
        self.undo_button.hide()
        self.accept_button.setAccessibleName(
            tr("Accept: {change}", change=offer.words) if not offer.advice else tr("Noted")
        )
        self.accept_button.clicked.connect(self._accept)
        self.later_button.clicked.connect(self._later)
        self.undo_button.clicked.connect(self._undo)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.later_button, self.undo_button):
            button.setMinimumHeight(44)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        for widget in (self.heading, self.change, self.reason, self.status):
            layout.addWidget(widget)
        layout.addLayout(buttons)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _accept(self) -> None:
        try:
            self.adjustment = self._owner.accept_offer(self.offer)
        except StorageError as exc:
            self._say(exc.message)
            return
        self.accept_button.hide()
        self.later_button.hide()
        if self.offer.advice:
            self._say(tr("Noted in your history."))
        else:
            self._say(
                tr(
                    "Accepted: your programme changes from the next session on. Kept in your "
                    "history, with the reason."
                )
            )
        self.undo_button.setVisible(self.adjustment is not None)
        self.undo_button.setFocus()
        self._owner.accepted.emit(self.offer)

    def _later(self) -> None:
        self.accept_button.hide()
        self.later_button.hide()
        self._say(tr("Not now: it is offered again next time."))

    def _undo(self) -> None:
        if self.adjustment is None:
            return
        try:
            undone = self._owner.undo_adjustment(self.adjustment)
        except StorageError as exc:
            self._say(exc.message)
            return
        self.adjustment = None
        self.undo_button.hide()
        self.accept_button.show()
        self.later_button.show()
        self.accept_button.setFocus()
        self._say(tr("Undone: your programme stays as it was. The history keeps both."))
        self._owner.undone.emit(undone)


class ProgressionOffer(QWidget):
    """The offers of one moment (the end of a session, or Today), one row each."""

    accepted = Signal(object)  # the Offer, once kept in the history
    undone = Signal(object)  # the Adjustment, once marked undone

    def __init__(
        self,
        offers: Sequence[Offer] = (),
        *,
        accept: Accept | None = None,
        undo: Undo | None = None,
        held: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._accept, self._undo = accept, undo
        self.title = _label("", scale=1.5, bold=True)
        self.held = _label("", colour=theme.MUTED_TEXT)
        self.rows: list[OfferRow] = []
        self._rows = QVBoxLayout()
        self._rows.setSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.held)
        layout.addLayout(self._rows)
        layout.addStretch(1)
        self.set_offers(offers, held)

    def set_offers(self, offers: Sequence[Offer], held: str = "") -> None:
        """Show these offers (or why none are offered); hidden when there is neither."""
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = [OfferRow(offer, self) for offer in offers]
        for row in self.rows:
            self._rows.addWidget(row)
        changes = sum(1 for o in offers if not o.advice)
        if changes:
            self.title.setText(
                ntr("Ready for a step up", "Ready for {n} steps up", changes)
                if changes == len(offers)
                else tr("Ready for a step up, and advice")
            )
        else:
            self.title.setText(
                tr("Advice from your programme") if offers else tr("Progression on hold")
            )
        self.held.setText(held)
        self.held.setVisible(bool(held))
        if not (offers or held):
            self.hide()
        elif self.isHidden() and self.parentWidget() is not None:
            self.show()  # never shown parentless: that would open it as a window

    # what the rows call: the host's accept and undo, or none (nothing is kept)

    def accept_offer(self, offer: Offer) -> Adjustment | None:
        return self._accept(offer) if self._accept is not None else None

    def undo_adjustment(self, adjustment: Adjustment) -> Adjustment:
        return self._undo(adjustment) if self._undo is not None else adjustment
