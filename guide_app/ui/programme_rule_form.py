"""One progression rule of a phase: its words, the condition the history is checked
against, and what changes once it is met (in words, or as a change of the dosage, the
exercise or the phase).

The condition names an exercise of the phase's sessions (or any id typed), the sets
and reps to reach, on which sides, in how many sessions or days in a row, at what
load and within what pain; or a measurement and its goal. ``then`` is words (``add
the band``) or a change (``{add_load: 2.5 kg, say: ...}``); switching a change back
to words keeps its ``say``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.i18n import tr
from guide_app.ui.editor_fields import (
    AmountField,
    ChoiceField,
    Field,
    ParagraphField,
    TextField,
    add_row,
)
from guide_app.ui.programme_fields import (
    F,
    IdChoice,
    PlainWordsField,
    ProblemsAt,
    Replace,
    WordsField,
    add_row_of,
)


class RuleForm(QWidget):
    """The fields of the progression item at ``base`` (``("phases", 0, "progression", 1)``)."""

    def __init__(self, draft: Draft, base: Loc, replace: Replace) -> None:
        super().__init__()
        self.draft = draft
        self.base = base
        self.replace = replace
        self.fields: list[Field] = []
        self._places: dict[int, Loc] = {}

        self.text = self._add(
            ParagraphField(
                draft, self.at(("text",)), tr("The rule as the person reads it"), lines=2
            ),
            ("text",),
        )

        condition = QGroupBox(tr("Checked against the history"))
        self.whole = self._add(ProblemsAt(draft, self.at(("rule",)), condition), ("rule",))
        form = QFormLayout(condition)
        advice = QLabel(tr("Leave these empty for advice the history cannot check."))
        advice.setObjectName("muted")
        advice.setWordWrap(True)
        form.addRow(advice)
        self.exercise = self._add(
            IdChoice(
                draft, self.at(("rule", "exercise")), tr("an exercise of this phase's sessions")
            ),
            ("rule", "exercise"),
        )
        add_row(form, tr("Exercise"), self.exercise)
        self.not_in_phase = QLabel()
        self.not_in_phase.setObjectName("muted")
        self.not_in_phase.setWordWrap(True)
        self.not_in_phase.hide()
        form.addRow("", self.not_in_phase)
        self.sets = self._amount(("rule", "sets"), "3")
        self.reps = self._amount(("rule", "reps"), "15")
        add_row_of(form, tr("Sets"), [(tr("Sets"), self.sets), (tr("Reps"), self.reps)])
        self.sides = self._add(
            ChoiceField(
                draft,
                self.at(("rule", "sides")),
                [
                    ("each", tr("each side")),
                    ("both", tr("both sides together")),
                    ("affected", tr("the affected side")),
                    ("left", tr("the left side")),
                    ("right", tr("the right side")),
                ],
                none=tr("(not given: each side)"),
            ),
            ("rule", "sides"),
        )
        add_row(form, tr("Sides"), self.sides)
        self.sessions = self._amount(("rule", "sessions"), "1")
        self.days = self._amount(("rule", "days"), "")
        add_row_of(
            form,
            tr("Sessions in a row"),
            [(tr("Sessions in a row"), self.sessions), (tr("or days in a row"), self.days)],
        )
        self.load = self._add(
            TextField(draft, self.at(("rule", "load")), tr("5 kg")), ("rule", "load")
        )
        self.max_pain = self._amount(("rule", "max_pain"), "2")
        add_row_of(
            form, tr("At load"), [(tr("At load"), self.load), (tr("Pain at most"), self.max_pain)]
        )
        self.measure = self._add(
            TextField(
                draft, self.at(("rule", "measure", "name")), tr("a measurement a session takes")
            ),
            ("rule", "measure", "name"),
        )
        add_row(form, tr("Or a measurement"), self.measure)
        self.at_least = self._amount(("rule", "measure", "at_least"), "90")
        self.at_most = self._amount(("rule", "measure", "at_most"), "")
        add_row_of(
            form,
            tr("At least"),
            [(tr("At least"), self.at_least), (tr("at most"), self.at_most)],
        )
        self.measure_side = self._add(
            ChoiceField(
                draft,
                self.at(("rule", "measure", "side")),
                [
                    ("each", tr("each side")),
                    ("affected", tr("the affected side")),
                    ("left", tr("the left side")),
                    ("right", tr("the right side")),
                ],
                none=tr("(not given: each side)"),
            ),
            ("rule", "measure", "side"),
        )
        add_row(form, tr("Measured on"), self.measure_side)

        then = QGroupBox(tr("Then"))
        then_layout = QVBoxLayout(then)
        self.then_place = self._add(
            ProblemsAt(draft, self.at(("rule", "then")), then), ("rule", "then")
        )
        self.in_words = QRadioButton(tr("In words"))
        self.as_change = QRadioButton(tr("A change"))
        modes = QButtonGroup(self)
        modes.addButton(self.in_words)
        modes.addButton(self.as_change)
        self.in_words.setChecked(True)
        self.in_words.clicked.connect(self._to_words)
        self.as_change.clicked.connect(self._show_mode)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.in_words)
        mode_row.addWidget(self.as_change)
        mode_row.addStretch(1)
        then_layout.addLayout(mode_row)
        then_layout.addWidget(self.then_place.problem)

        self.words_box = QWidget()
        form = QFormLayout(self.words_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.words = self._add(
            PlainWordsField(draft, self.at(("rule", "then")), tr("add the band")), ("rule", "then")
        )
        add_row(form, tr("What follows"), self.words)
        self.change_box = QWidget()
        form = QFormLayout(self.change_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.then_sets = self._amount(("rule", "then", "sets"), "")
        self.then_reps = self._amount(("rule", "then", "reps"), "")
        self.then_hold = self._amount(("rule", "then", "hold"), "")
        add_row_of(
            form,
            tr("New sets"),
            [
                (tr("New sets"), self.then_sets),
                (tr("reps"), self.then_reps),
                (tr("hold"), self.then_hold),
            ],
        )
        self.then_load = self._add(
            TextField(draft, self.at(("rule", "then", "load")), "7.5 kg"), ("rule", "then", "load")
        )
        self.then_add_load = self._add(
            TextField(draft, self.at(("rule", "then", "add_load")), "2.5 kg"),
            ("rule", "then", "add_load"),
        )
        add_row_of(
            form,
            tr("New load"),
            [(tr("New load"), self.then_load), (tr("or add"), self.then_add_load)],
        )
        self.then_band = self._add(
            ChoiceField(
                draft,
                self.at(("rule", "then", "band")),
                [("next", tr("the next band up"))],
                none=tr("(no change)"),
            ),
            ("rule", "then", "band"),
        )
        add_row(form, tr("Band"), self.then_band)
        self.then_exercise = self._add(
            IdChoice(draft, self.at(("rule", "then", "exercise")), tr("move on to this exercise")),
            ("rule", "then", "exercise"),
        )
        add_row(form, tr("Exercise"), self.then_exercise)
        self.then_phase = self._add(
            ChoiceField(
                draft,
                self.at(("rule", "then", "phase")),
                [("next", tr("go on to the next phase"))],
                none=tr("(no change)"),
            ),
            ("rule", "then", "phase"),
        )
        add_row(form, tr("Phase"), self.then_phase)
        self.then_say = self._add(
            WordsField(draft, self.at(("rule", "then", "say")), tr("the change in words")),
            ("rule", "then", "say"),
        )
        add_row(form, tr("In words"), self.then_say)
        then_layout.addWidget(self.words_box)
        then_layout.addWidget(self.change_box)
        then_layout.addStretch(1)

        text_form = QFormLayout()
        add_row(text_form, tr("Rule in words"), self.text)
        parts = QHBoxLayout()
        parts.addWidget(condition, 1)
        parts.addWidget(then, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(text_form)
        layout.addWidget(self.whole.problem)
        layout.addLayout(parts)
        self.rebase(base)

    # ------------------------------------------------------------------ fields

    def at(self, place: Loc) -> Loc:
        return (*self.base, *place)

    def _add(self, field: F, place: Loc) -> F:
        self.fields.append(field)
        self._places[id(field)] = place
        return field

    def _amount(self, place: Loc, hint: str) -> AmountField:
        field = AmountField(self.draft, self.at(place), hint)
        field.line.setMinimumWidth(56)
        return self._add(field, place)

    def rebase(self, base: Loc) -> None:
        """Show the progression item at ``base``; ``then`` shows as it is given."""
        self.base = base
        for field in self.fields:
            field.rebase((*base, *self._places[id(field)]))
        then = self.draft.get((*base, "rule", "then"), MISSING)
        (self.as_change if isinstance(then, dict) else self.in_words).setChecked(True)
        self._show_mode()

    def refresh(
        self,
        exercises: Sequence[tuple[str, str]],
        everything: Sequence[tuple[str, str]],
        note: str = "",
    ) -> None:
        """After a change: the exercises to choose from (the phase's; every exercise for
        what it moves on to), which form ``then`` is in, and a note on the exercise."""
        self.exercise.set_choices(exercises)
        self.then_exercise.set_choices(everything)
        if isinstance(self.draft.get((*self.base, "rule", "then"), MISSING), dict):
            self.as_change.setChecked(True)
        self._show_mode()
        self.not_in_phase.setText(note)
        self.not_in_phase.setVisible(bool(note))

    # ------------------------------------------------------------------ then

    def _show_mode(self) -> None:
        change = self.as_change.isChecked()
        self.words_box.setVisible(not change)
        self.change_box.setVisible(change)

    def _to_words(self) -> None:
        """A change said in words again: its ``say`` stays as the words."""
        loc = (*self.base, "rule", "then")
        then = self.draft.get(loc, MISSING)
        if isinstance(then, dict):
            say = then.get("say")
            self.replace(loc, say if isinstance(say, str) and say else MISSING, tr("Then in words"))
        self._show_mode()
