"""The next-morning question, asked before a session of a programme that monitors pain:
how much it hurt the morning after the last session (0-10), and whether it was back to
how it was before it (or no worse).

The question comes from ``core.morning_check.question_for``; ``record`` (usually
``morning_check.record_answer`` over the journal) keeps the answer and returns what it
means. A good answer starts the session at once. One past the limit says what the
programme says (the progression held, today's dose one step lighter), and when it says
stop, advises contacting the clinician and offers not to start. "Not now" starts
without answering. ``exec()`` is Accepted when the session should start; ``answer`` and
``verdict`` say what was answered. Tests set the values and press the buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.history import StorageError
from guide_app.core.i18n import tr
from guide_app.core.morning_check import MorningAnswer, Question, Verdict, morning_verdict
from guide_app.ui import theme
from guide_app.ui.pain_dialog import choice_button, score_row

Record = Callable[[MorningAnswer], Verdict]


def _big(widget: QWidget, scale: float, bold: bool = False) -> None:
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    widget.setFont(font)


def _sized(button: QPushButton) -> QPushButton:
    button.setMinimumSize(64, 56)
    _big(button, 1.4, bold=True)
    return button


class MorningQuestion(QDialog):
    """Asks the question; Accepted: start the session, Rejected: don't start."""

    def __init__(
        self, question: Question, record: Record | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.question = question
        self._record = record
        self.answer: MorningAnswer | None = None
        self.verdict: Verdict | None = None
        self.setWindowTitle(tr("Before you start"))
        heading = QLabel(question.heading)
        _big(heading, 1.8, bold=True)
        heading.setWordWrap(True)
        self.scores = QButtonGroup(self)
        numbers, self.score_buttons = score_row(self.scores)
        for button in self.score_buttons:
            _sized(button)
        self.backs = QButtonGroup(self)
        self.yes_button = _sized(choice_button(tr("Yes"), self.backs, 1))
        self.no_button = _sized(choice_button(tr("No"), self.backs, 0))
        yes_no = QHBoxLayout()
        yes_no.addWidget(self.yes_button)
        yes_no.addWidget(self.no_button)
        yes_no.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # the programme's words
        self.message.setStyleSheet(f"color: {theme.ACCENT}; font-weight: bold;")
        _big(self.message, 1.3)
        self.later_button = QPushButton(tr("Not now"))
        self.save_button = QPushButton(tr("Save and start"))
        self.start_button = QPushButton(tr("Start the session"))
        self.dont_start_button = QPushButton(tr("Don't start today"))
        self.later_button.clicked.connect(self.accept)  # start, not answered
        self.save_button.clicked.connect(self.save)
        self.start_button.clicked.connect(self.accept)
        self.dont_start_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        for button in (self.dont_start_button, self.start_button, self.save_button):
            button.setMinimumHeight(52)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.save_button.setDefault(True)
        self.start_button.hide()
        self.dont_start_button.hide()
        score_words, back_words = QLabel(question.score_words), QLabel(question.back_words)
        for label in (score_words, back_words):
            label.setWordWrap(True)
            _big(label, 1.3)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(score_words)
        layout.addLayout(numbers)
        layout.addWidget(back_words)
        layout.addLayout(yes_no)
        layout.addWidget(self.message, 1)
        layout.addLayout(buttons)
        self.resize(900, 520)

    # ------------------------------------------------------------------ values

    def choose(self, score: int) -> None:
        self.score_buttons[score].setChecked(True)

    def set_back(self, back: bool) -> None:
        (self.yes_button if back else self.no_button).setChecked(True)

    def score(self) -> int | None:
        chosen = self.scores.checkedId()
        return None if chosen < 0 else chosen

    def back(self) -> bool | None:
        chosen = self.backs.checkedId()
        return None if chosen < 0 else bool(chosen)

    # ------------------------------------------------------------------ answering

    def save(self) -> None:
        """Keep the answer and say what it means; start at once when all is well."""
        score, back = self.score(), self.back()
        if score is None or back is None:
            self.message.setText(
                tr("Choose a number from 0 to 10, and Yes or No.")
                if score is None
                else tr("Choose Yes or No.")
            )
            return
        self.answer = MorningAnswer(score, back)
        saved = ""
        try:
            self.verdict = (
                self._record(self.answer)
                if self._record is not None
                else morning_verdict(self.question, self.answer)
            )
        except StorageError as exc:
            self.verdict = morning_verdict(self.question, self.answer)
            saved = " " + exc.message
        if not self.verdict.exceeded and not saved:
            self.accept()
            return
        for widget in (*self.score_buttons, self.yes_button, self.no_button):
            widget.setEnabled(False)
        self.save_button.hide()
        self.later_button.hide()
        self.start_button.show()
        self.dont_start_button.show()
        if self.verdict.advise_not_to_start:
            self.start_button.setText(tr("Start anyway"))
            self.dont_start_button.setDefault(True)
            self.dont_start_button.setFocus()
        else:
            self.start_button.setDefault(True)
            self.start_button.setFocus()
        self.message.setText(self.verdict.words + saved)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A digit chooses the score (0-9; 10 with its button), Y or N the answer."""
        text = event.text().casefold()
        if not self.save_button.isHidden():  # still asking
            if text.isdigit() and len(text) == 1:
                self.choose(int(text))
                return
            if text in (tr("y").casefold(), tr("n").casefold()):
                self.set_back(text == tr("y").casefold())
                return
        super().keyPressEvent(event)
