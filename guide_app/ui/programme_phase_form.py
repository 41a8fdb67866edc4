"""The form of one phase of a programme: its name, weeks and goal, its sessions, how
often, its pain limits and its progression rules (a list, and the chosen rule's form).

The fields point at the chosen phase (``rebase(index)``); a list change (a session or
a rule added, removed or moved) is one step to undo. ``PainForm`` is the pain limits
of the programme or of a phase.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.core import symbols
from guide_app.core.content_check import Checked
from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library
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
    ProblemsAt,
    Replace,
    WeekdaysField,
    WordsField,
    add_row_of,
)
from guide_app.ui.programme_lists import ListButtons, MoveKeys, follow, moved
from guide_app.ui.programme_rule_form import RuleForm
from guide_app.ui.programme_sessions import SessionList


class PainForm(QGroupBox):
    """Pain limits (0-10) at ``base``: during, after, the next morning, what follows."""

    def __init__(self, draft: Draft, base: Loc, title: str) -> None:
        super().__init__(title)
        self.draft = draft
        form = QFormLayout(self)
        self.during = AmountField(draft, (*base, "during"), "5")
        self.after = AmountField(draft, (*base, "after"), "5")
        add_row_of(
            form, tr("During"), [(tr("During"), self.during), (tr("just after"), self.after)]
        )
        self.next_morning = ChoiceField(
            draft,
            (*base, "next_morning"),
            [
                ("baseline", tr("back to how it was before")),
                ("no_worse", tr("no worse than before")),
            ],
        )
        add_row(form, tr("Next morning"), self.next_morning)
        self.if_exceeded = ChoiceField(
            draft,
            (*base, "if_exceeded"),
            [
                ("carry_on", tr("carry on")),
                ("hold", tr("hold the progression")),
                ("step_down", tr("step the dose down")),
                ("stop", tr("stop and ask the clinician")),
            ],
            none=tr("(not given: hold the progression)"),
        )
        add_row(form, tr("If exceeded"), self.if_exceeded)
        self.say = TextField(draft, (*base, "say"), tr("what to tell the person"))
        add_row(form, tr("Say"), self.say)
        self.fields: list[Field] = [
            self.during,
            self.after,
            self.next_morning,
            self.if_exceeded,
            self.say,
        ]

    def rebase(self, base: Loc) -> None:
        for field in self.fields:
            field.rebase((*base, field.loc[-1]))


def _phase(index: int) -> Loc:
    return ("phases", max(index, 0))


class PhaseForm(QWidget):
    """Every field of the chosen phase."""

    rebased = Signal()  # the fields point at another phase or rule

    def __init__(self, draft: Draft, library: Library, replace: Replace) -> None:
        super().__init__()
        self.draft = draft
        self.library = library
        self.replace = replace
        self.index = 0
        self.fields: list[Field] = []
        self._places: dict[int, Loc] = {}
        base = _phase(0)
        self.everything = sorted(  # what a rule may move on to: any exercise, by name
            ((i, e.name) for i, e in library.exercises.items()), key=lambda p: p[1].casefold()
        )

        about = QGroupBox(tr("Phase"))
        form = QFormLayout(about)
        self.name = self._add(TextField(draft, (*base, "name"), tr("Phase 1")), ("name",))
        add_row(form, tr("Name"), self.name)
        self.weeks = self._add(AmountField(draft, (*base, "weeks"), tr("0-4")), ("weeks",))
        add_row(form, tr("Weeks"), self.weeks)
        self.goal = self._add(
            ParagraphField(draft, (*base, "goal"), tr("what this phase is for"), lines=3),
            ("goal",),
        )
        add_row(form, tr("Goal"), self.goal)

        sessions = QGroupBox(tr("Sessions"))
        column = QVBoxLayout(sessions)
        self.sessions = SessionList(draft, (*base, "sessions"), library, replace)
        self._add(self.sessions.field, ("sessions",))
        column.addWidget(self.sessions)

        often = QGroupBox(tr("How often"))
        form = QFormLayout(often)
        freq = (*base, "frequency")
        self.frequency = self._add(ProblemsAt(draft, freq, often), ("frequency",))
        self.frequency_text = self._add(
            WordsField(draft, (*freq, "text"), tr("daily, or 2-3 times a week")),
            ("frequency", "text"),
        )
        add_row(form, tr("In words"), self.frequency_text)
        self.times_a_day = self._amount(("frequency", "times_a_day"), "2")
        self.days_a_week = self._amount(("frequency", "days_a_week"), tr("7, or 2-3"))
        add_row_of(
            form,
            tr("Times a day"),
            [(tr("Times a day"), self.times_a_day), (tr("days a week"), self.days_a_week)],
        )
        self.weekdays = self._add(
            WeekdaysField(draft, (*freq, "weekdays")), ("frequency", "weekdays")
        )
        add_row(form, tr("On"), self.weekdays)
        self.every_days = self._amount(("frequency", "every_days"), "2")
        self.every_hours = self._amount(("frequency", "every_hours"), "3")
        add_row_of(
            form,
            tr("Every N days"),
            [(tr("Every N days"), self.every_days), (tr("every N hours"), self.every_hours)],
        )
        form.addRow(self.frequency.problem)

        self.pain = PainForm(draft, (*base, "pain"), tr("Pain limits in this phase"))
        for field in self.pain.fields:
            self._add(field, ("pain", field.loc[-1]))

        progression = QGroupBox(tr("Progression rules"))
        column = QVBoxLayout(progression)
        self.rules = QListWidget()
        self.rules.setAccessibleName(tr("Progression rules"))
        self.rules.setMaximumHeight(self.rules.fontMetrics().lineSpacing() * 4 + 16)
        self.rules.currentRowChanged.connect(self.choose_rule)
        MoveKeys(self.rules, self.move_rule)
        self.rule_buttons = ListButtons(tr("Add a rule"))
        self.rule_buttons.add.clicked.connect(self.add_rule)
        self.rule_buttons.remove.clicked.connect(self.remove_rule)
        self.rule_buttons.up.clicked.connect(lambda: self.move_rule(-1))
        self.rule_buttons.down.clicked.connect(lambda: self.move_rule(1))
        self.rules_place = self._add(
            ProblemsAt(draft, (*base, "progression"), self.rules), ("progression",)
        )
        self.rule = RuleForm(draft, (*base, "progression", 0), replace)
        self.no_rule = QLabel(tr("No rules: add one to say when this phase moves on."))
        self.no_rule.setObjectName("muted")
        column.addWidget(self.rules)
        column.addWidget(self.rules_place.problem)
        column.addLayout(self.rule_buttons)
        column.addWidget(self.no_rule)
        column.addWidget(self.rule)
        self.rule_row = -1
        self._shown_row: int | None = None
        self._rule_before: Any = None
        self.checked: Checked | None = None

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(about, 0, 0)
        grid.addWidget(often, 0, 1)
        grid.addWidget(sessions, 1, 0)
        grid.addWidget(self.pain, 1, 1)
        grid.addWidget(progression, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.refresh()

    @property
    def all_fields(self) -> list[Field]:
        return [*self.fields, *self.rule.fields]

    def _add(self, field: F, place: Loc) -> F:
        self.fields.append(field)
        self._places[id(field)] = place
        return field

    def _amount(self, place: Loc, hint: str) -> AmountField:
        field = AmountField(self.draft, (*_phase(self.index), *place), hint)
        field.line.setMinimumWidth(56)
        return self._add(field, place)

    # ------------------------------------------------------------------ the phase chosen

    def rebase(self, index: int) -> None:
        """Show phase ``index`` (its first rule chosen)."""
        self.index = index
        base = _phase(index)
        for field in self.fields:
            field.rebase((*base, *self._places[id(field)]))
        self.sessions.rebase((*base, "sessions"))
        self.rule_row = -1
        self._shown_row = None
        self._rule_before = None
        self.refresh()

    def _progression(self) -> list[Any]:
        value = self.draft.get((*_phase(self.index), "progression"))
        return list(value) if isinstance(value, list) else []

    def _exercises_of(self, session_ids: Any) -> dict[str, str]:
        """The exercises of these sessions, id to name, in order."""
        found: dict[str, str] = {}
        for session_id in session_ids if isinstance(session_ids, list) else []:
            session = self.library.sessions.get(str(session_id))
            for block in session.exercise_blocks() if session is not None else []:
                exercise = self.library.exercises.get(block.exercise)
                found.setdefault(block.exercise, exercise.name if exercise else block.exercise)
        return found

    def _refresh_rule(self) -> None:
        choices, note = self._rule_choices()
        self.rule.refresh(choices, self.everything, note)

    def _rule_choices(self) -> tuple[list[tuple[str, str]], str]:
        """The exercises a rule of the phase may name (its sessions'), and a note when the
        rule names one of the library that they do not have (another phase's, say)."""
        mine = self._exercises_of(self.sessions.ids())
        place = (*_phase(self.index), "progression", self.rule_row, "rule", "exercise")
        chosen = self.draft.get(place) if self.rule_row >= 0 else None
        exercise = self.library.exercises.get(chosen) if isinstance(chosen, str) else None
        if exercise is None or chosen in mine:
            return list(mine.items()), ""
        assert isinstance(chosen, str)
        phases = self.draft.get(("phases",))
        holding = [
            str(n)
            for n, phase in enumerate(phases if isinstance(phases, list) else [], start=1)
            if isinstance(phase, dict) and chosen in self._exercises_of(phase.get("sessions"))
        ]
        note = (
            ntr(
                "Not in this phase's sessions: phase {phases} has it.",
                "Not in this phase's sessions: phases {phases} have it.",
                len(holding),
                phases=", ".join(holding),
            )
            if holding
            else tr("Not in any session of this programme.")
        )
        return [*mine.items(), (chosen, exercise.name)], note

    def refresh(self) -> None:
        """After any change (an undo too): the lists and the choices show the draft."""
        self.sessions.refresh()
        items = self._progression()
        self._show_labels(items)
        row = follow(items, self.rule_row, self._rule_before)
        self._show_rule(row, items)
        self._refresh_rule()

    def _show_labels(self, items: list[Any]) -> None:
        base = (*_phase(self.index), "progression")
        labels = []
        for i, item in enumerate(items):
            label = _rule_label(i + 1, item)
            bad = self.checked is not None and self.checked.at((*base, i))
            labels.append(f"{symbols.WARNING} {label}" if bad else label)
        if [self.rules.item(i).text() for i in range(self.rules.count())] != labels:
            self.rules.blockSignals(True)
            self.rules.clear()
            self.rules.addItems(labels)
            self.rules.setCurrentRow(self.rule_row)
            self.rules.blockSignals(False)

    def _show_rule(self, row: int, items: list[Any]) -> None:
        self.rule_row = row
        if row != self._shown_row:
            self._shown_row = row
            self.rule.rebase((*_phase(self.index), "progression", max(row, 0)))
            self.rebased.emit()
        self._rule_before = copy.deepcopy(items[row]) if 0 <= row < len(items) else None
        if self.rules.currentRow() != row:
            self.rules.blockSignals(True)
            self.rules.setCurrentRow(row)
            self.rules.blockSignals(False)
        self.rule.setVisible(row >= 0)
        self.no_rule.setVisible(row < 0)
        self.rule_buttons.enable(row, len(items))

    def choose_rule(self, row: int) -> None:
        """Show rule ``row`` of the phase (the list chosen, a problem gone to)."""
        items = self._progression()
        if not 0 <= row < len(items):
            return
        self._show_rule(row, items)
        self._refresh_rule()

    def mark(self, checked: Checked) -> None:
        """A warning sign on each rule with a problem."""
        self.checked = checked
        self._show_labels(self._progression())

    # ------------------------------------------------------------------ rules

    def add_rule(self) -> None:
        items = self._progression()
        self.rule_row, self._rule_before = len(items), {}
        self._shown_row = None
        loc = (*_phase(self.index), "progression")
        self.replace(loc, [*items, {}], tr("Add a progression rule"))
        self.rule.text.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_rule(self) -> None:
        items, row = self._progression(), self.rule_row
        if not 0 <= row < len(items):
            return
        del items[row]
        self._rule_before = None
        self._shown_row = None  # another rule at this place: its form anew
        loc = (*_phase(self.index), "progression")
        self.replace(loc, items if items else MISSING, tr("Remove a progression rule"))

    def move_rule(self, step: int) -> None:
        new = moved(self._progression(), self.rule_row, step)
        if new is None:
            return
        loc = (*_phase(self.index), "progression")
        words = tr("Move a rule up") if step < 0 else tr("Move a rule down")
        self.replace(loc, new, words)


def _rule_label(number: int, item: Any) -> str:
    text = item.get("text") if isinstance(item, dict) else None
    words = " ".join(text.split()) if isinstance(text, str) else ""
    if len(words) > 70:
        words = words[:69] + "…"
    return tr("{n}. {text}", n=number, text=words or tr("(no words yet)"))
