"""Asks how much it hurts (0-10) and where, large enough to use from the floor.

No score is chosen until the person chooses one: a button per number, or its digit on the
keyboard ("1" then "0" for 10). A score within the session's pain limit is saved and the
session waits; one above it offers three ways on: skip the exercise, stop the session, or
carry on, with what the programme says to do. The limit is the core's
(``pain_limit.PainLimit``); this dialog only draws it. ``exec()`` returns ``CARRY_ON``,
``SKIP`` or ``STOP`` (0 when cancelled).
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.i18n import tr
from guide_app.core.pain_limit import PainLimit
from guide_app.ui import theme

CHOSEN = (
    f"QPushButton:checked {{ background: {theme.ACCENT}; color: {theme.BACKGROUND}; "
    f"border: 3px solid {theme.TEXT}; }}"
)  # a choice button once chosen: the accent, framed

SIZE = (980, 560)  # fits a 1280x720 screen with room for the window frame
TEN_WITHIN = 1.0  # seconds: "1" then "0" within this is 10


def choice_button(text: str, group: QButtonGroup, ident: int) -> QPushButton:
    """A button that stays chosen (``CHOSEN``), one of ``group`` as ``ident``; Enter never
    presses it by default. The caller sizes it."""
    button = QPushButton(text)
    button.setCheckable(True)
    button.setAutoDefault(False)
    button.setStyleSheet(CHOSEN)
    group.addButton(button, ident)
    return button


def score_row(group: QButtonGroup) -> tuple[QGridLayout, list[QPushButton]]:
    """The 0-10 pain scale: a choice button per score in one row (its id the score), each
    named for a screen reader; the grid's later rows are the caller's."""
    numbers = QGridLayout()
    buttons = []
    for n in range(11):
        button = choice_button(str(n), group, n)
        button.setAccessibleName(tr("Pain {score} of 10", score=n))
        numbers.addWidget(button, 0, n)
        buttons.append(button)
    return numbers, buttons


class PainDialog(QDialog):
    CARRY_ON, SKIP, STOP = 1, 2, 3

    def __init__(self, parent: QWidget | None = None, limit: PainLimit | None = None) -> None:
        """``limit``: the session's pain limit (None: the app's own, from 7 out of 10)."""
        super().__init__(parent)
        self.limit = limit if limit is not None else PainLimit()
        self.setWindowTitle(tr("Report pain"))
        self._last_digit: tuple[str, float] = ("", 0.0)
        heading = QLabel(tr("How much does it hurt?"))
        font = heading.font()
        base = font.pointSizeF()
        font.setPointSizeF(base * 2.2)
        font.setBold(True)
        heading.setFont(font)
        paused = QLabel(tr("The session is paused."))
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        numbers, self.score_buttons = score_row(self.group)
        for button in self.score_buttons:
            button.setMinimumSize(72, 72)
            big = button.font()
            big.setPointSizeF(max(22.0, base * 2.4))
            big.setBold(True)
            button.setFont(big)
        numbers.addWidget(QLabel(tr("0: no pain")), 1, 0, 1, 3)
        worst = QLabel(tr("10: the worst imaginable"))
        worst.setAlignment(Qt.AlignmentFlag.AlignRight)
        numbers.addWidget(worst, 1, 7, 1, 4)
        self.group.idToggled.connect(lambda *_: self._chosen())
        self._where = QLineEdit()
        self._where.setPlaceholderText(tr("Where? e.g. front of the left hip, pinching"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # the programme's words, as written
        self.message.setStyleSheet(f"color: {theme.ACCENT}; font-weight: bold;")
        self.cancel_button = QPushButton(tr("Cancel"))
        self.save_button = QPushButton(tr("Save"))
        self.skip_button = QPushButton(tr("Skip this exercise"))
        self.stop_button = QPushButton(tr("Stop the session"))
        self.carry_on_button = QPushButton(tr("Carry on"))
        for button in self._action_buttons():
            button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._save)
        self.skip_button.clicked.connect(lambda: self.done(self.SKIP))
        self.stop_button.clicked.connect(lambda: self.done(self.STOP))
        self.carry_on_button.clicked.connect(lambda: self.done(self.CARRY_ON))
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        for button in (self.skip_button, self.stop_button, self.carry_on_button, self.save_button):
            button.setMinimumHeight(56)
            buttons.addWidget(button)
        for widget in (paused, self._where, self.message, *self._action_buttons()):
            large = widget.font()
            large.setPointSizeF(base * 1.5)
            widget.setFont(large)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(paused)
        layout.addLayout(numbers)
        layout.addWidget(self._where)
        layout.addWidget(self.message, 1)
        layout.addLayout(buttons)
        self._chosen()
        self._fit()

    def _action_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.cancel_button,
            self.save_button,
            self.skip_button,
            self.stop_button,
            self.carry_on_button,
        )

    def _fit(self) -> None:
        """The dialog's size, never larger than the screen it opens on."""
        width, height = SIZE
        screen = (self.parentWidget() or self).screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height())
        self.resize(width, height)

    def score(self) -> int | None:
        chosen = self.group.checkedId()
        return None if chosen < 0 else chosen

    def where(self) -> str:
        return self._where.text().strip()

    def choose(self, score: int) -> None:
        self.score_buttons[score].setChecked(True)

    def _chosen(self) -> None:
        """Show the way on that fits the score chosen."""
        score = self.score()
        high = score is not None and self.limit.exceeded(score)
        for button in (self.skip_button, self.stop_button, self.carry_on_button):
            button.setVisible(high)
        self.save_button.setVisible(not high)
        if high:
            self.message.setText(self._above(score or 0))
            self.skip_button.setDefault(True)
        else:
            self.message.setText("")
            self.save_button.setDefault(True)

    def _above(self, score: int) -> str:
        """What the dialog says of a score above the limit."""
        if self.limit.written:
            words = [
                tr(
                    "Pain of {score} out of 10 is above your limit of {limit} during exercise.",
                    score=score,
                    limit=self.limit.during,
                )
            ]
        else:
            words = [
                tr(
                    "Pain of {score} out of 10. Sharp or strong pain is a sign to stop.",
                    score=score,
                )
            ]
        if self.limit.say:
            words.append(self.limit.say)
        words.append(tr("Skip this exercise, stop the session, or carry on?"))
        return " ".join(words)

    def _save(self) -> None:
        if self.score() is None:
            self.message.setText(tr("Choose a number from 0 to 10 first."))
            return
        self.done(self.CARRY_ON)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A digit chooses its score ("1" then "0" is 10), unless typing where it hurts;
        Enter saves, or asks for a number first."""
        text = event.text()
        if text.isdigit() and len(text) == 1 and not self._where.hasFocus():
            last, at = self._last_digit
            now = time.monotonic()
            score = 10 if (last == "1" and text == "0" and now - at < TEN_WITHIN) else int(text)
            self._last_digit = (text, now)
            self.choose(score)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.score() is None:
            self._save()
            return
        super().keyPressEvent(event)
