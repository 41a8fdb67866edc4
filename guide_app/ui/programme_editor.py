"""The programme editor: a programme's title, notes and pain limits, its phases in order
(added, removed and moved, each one step to undo), and the chosen phase's form.

On the left the programme and the list of its phases; on the right, in a scroll area,
the chosen phase: name, weeks, goal, sessions, how often, pain limits and progression
rules (or, on the other tab, the programme's translations). A line above them says
the programme in numbers (phases, weeks, sessions a week). A new programme's id
follows its title until the person types an id of their own; a saved programme keeps
its id, as other files may name it. Choosing a problem
in the list at the foot goes to the phase and rule it is in.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.core import symbols
from guide_app.core.content_check import Checked
from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.content_language import TRANSLATIONS
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.ui.editor_base import DraftEditor
from guide_app.ui.editor_fields import LinesField, ParagraphField, TextField, add_row, scrolled
from guide_app.ui.programme_fields import ProblemsAt, words_to_mapping
from guide_app.ui.programme_lists import ListButtons, MoveKeys, follow, moved
from guide_app.ui.programme_outline import phase_label, programme_outline
from guide_app.ui.programme_phase_form import PainForm, PhaseForm
from guide_app.ui.translation_page import TranslationPage


class ProgrammeEditor(DraftEditor):
    """Edits a Draft of kind "programme"."""

    def __init__(self, draft: Draft, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(draft, library, parent)
        self._id_follows = self.id_follows_title()
        self.phase_row = -1
        self._phase_before: Any = None

        self.outline = QLabel()
        self.outline.setObjectName("muted")
        self.outline.setTextFormat(Qt.TextFormat.PlainText)
        self.outline.setAccessibleName(tr("The programme in numbers"))

        about = QWidget()
        form = QFormLayout(about)
        self.id_field = add_row(form, tr("Id"), TextField(draft, ("id",), tr("my-programme")))
        if not draft.is_new:
            self.id_field.widget.setEnabled(False)
            self.id_field.widget.setToolTip(
                tr("A saved programme keeps its id: other files may name it.")
            )
        self.title = add_row(form, tr("Title"), TextField(draft, ("title",), tr("Knee strength")))
        self.condition = add_row(
            form, tr("Condition"), TextField(draft, ("condition",), tr("what it is for"))
        )
        self.summary = add_row(
            form,
            tr("Summary"),
            ParagraphField(draft, ("summary",), tr("the programme in a few sentences"), lines=3),
        )
        self.notes = add_row(
            form, tr("Notes"), LinesField(draft, ("notes",), tr("one note a line"), lines=3)
        )
        self.pain = PainForm(draft, ("pain",), tr("Pain limits of the programme"))
        form.addRow(self.pain)

        phases = QGroupBox(tr("Phases"))
        column = QVBoxLayout(phases)
        self.phases = QListWidget()
        self.phases.setAccessibleName(tr("Phases"))
        self.phases.currentRowChanged.connect(self.choose_phase)
        MoveKeys(self.phases, self.move_chosen)
        self.phases_place = ProblemsAt(draft, ("phases",), self.phases)
        self.phase_buttons = ListButtons(tr("Add a phase"))
        self.phase_buttons.add.clicked.connect(self.add_phase)
        self.phase_buttons.remove.clicked.connect(self.remove_phase)
        self.phase_buttons.up.clicked.connect(lambda: self.move_chosen(-1))
        self.phase_buttons.down.clicked.connect(lambda: self.move_chosen(1))
        column.addWidget(self.phases, 1)
        column.addWidget(self.phases_place.problem)
        column.addLayout(self.phase_buttons)

        self.about_area = scrolled(about, sideways=True)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.about_area)
        left.addWidget(phases)
        left.setStretchFactor(0, 1)
        left.setChildrenCollapsible(False)
        left.setSizes([430, 200])

        self.phase_form = PhaseForm(draft, library, self.replace)
        self.phase_form.rebased.connect(self._show_problems_again)
        self.phase_area = scrolled(self.phase_form, sideways=True)
        self.no_phase = QLabel(tr("No phases yet: Add a phase (on the left) to begin."))
        self.no_phase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.right = QStackedWidget()
        self.right.addWidget(self.no_phase)
        self.right.addWidget(self.phase_area)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.translations = TranslationPage(self)
        self.right_tabs = QTabWidget()
        self.right_tabs.addTab(self.right, tr("Chosen phase"))
        self.right_tabs.addTab(self.translations, tr("Translations"))
        self.split.addWidget(left)
        self.split.addWidget(self.right_tabs)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 5)
        self.split.setSizes([400, 940])
        self.split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outline)
        layout.addWidget(self.split, 1)

        self.bind(
            [
                self.id_field,
                self.title,
                self.condition,
                self.summary,
                self.notes,
                *self.pain.fields,
                self.phases_place,
                *self.phase_form.all_fields,
            ]
        )
        self.checked_changed.connect(self._mark)
        self.draft_changed(())

    # ------------------------------------------------------------------ edits

    def edit(self, loc: Loc, value: Any, text: str | None = None, *, typing: bool = True) -> None:
        loc, value = words_to_mapping(self.draft, loc, value)
        if loc == ("id",):
            self._id_follows = False
        if loc == ("title",) and self._id_follows:
            self.edit_title(value, text or tr("Change the title"))
            return
        super().edit(loc, value, text, typing=typing)

    def draft_changed(self, loc: Loc) -> None:
        phases = self._phases()
        labels = [phase_label(i, p if isinstance(p, dict) else {}) for i, p in enumerate(phases, 1)]
        self._show_phase_labels(labels)
        self._choose(follow(phases, self.phase_row, self._phase_before))
        self.phase_form.refresh()
        super().draft_changed(loc)
        self.outline.setText(programme_outline(self.draft.data))

    def _phases(self) -> list[Any]:
        value = self.draft.get(("phases",))
        return list(value) if isinstance(value, list) else []

    def _show_phase_labels(self, labels: list[str]) -> None:
        checked = self.checked
        shown = [
            f"{symbols.WARNING} {label}"
            if checked is not None and checked.at(("phases", i))
            else label
            for i, label in enumerate(labels)
        ]
        if [self.phases.item(i).text() for i in range(self.phases.count())] != shown:
            self.phases.blockSignals(True)
            self.phases.clear()
            self.phases.addItems(shown)
            self.phases.setCurrentRow(self.phase_row)
            self.phases.blockSignals(False)

    # ------------------------------------------------------------------ the phase chosen

    def _choose(self, row: int) -> None:
        phases = self._phases()
        if row != self.phase_row or self.phase_form.index != max(row, 0):
            self.phase_row = row
            self.phase_form.rebase(max(row, 0))
        self._phase_before = copy.deepcopy(phases[row]) if 0 <= row < len(phases) else None
        if self.phases.currentRow() != row:
            self.phases.blockSignals(True)
            self.phases.setCurrentRow(row)
            self.phases.blockSignals(False)
        self.right.setCurrentWidget(self.phase_area if row >= 0 else self.no_phase)
        self.phase_buttons.enable(row, len(phases))

    def choose_phase(self, row: int) -> None:
        """Show phase ``row`` on the right."""
        if 0 <= row < len(self._phases()):
            self._choose(row)
            self.right_tabs.setCurrentWidget(self.right)

    def add_phase(self) -> None:
        phases = self._phases()
        new = {"name": tr("Phase {n}", n=len(phases) + 1)}
        self.phase_row, self._phase_before = len(phases), new
        self.replace(("phases",), [*phases, new], tr("Add a phase"))
        self.right_tabs.setCurrentWidget(self.right)
        self.phase_form.name.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_phase(self) -> None:
        phases, row = self._phases(), self.phase_row
        if not 0 <= row < len(phases):
            return
        gone = phases.pop(row)
        self._phase_before = None
        name = gone.get("name") if isinstance(gone, dict) else None
        self.replace(
            ("phases",),
            phases if phases else MISSING,
            tr("Remove phase {name}", name=name or row + 1),
        )

    def move_chosen(self, step: int) -> None:
        """Move the chosen item ``step`` places (Alt+Up: -1, Alt+Down: 1): the session or
        the rule when the focus is in the sessions or on a rule, else the phase."""
        focus = self.focusWidget()
        form = self.phase_form
        if focus is not None and form.sessions.isAncestorOf(focus):
            form.sessions.move_session(step)
            return
        if focus is not None and (focus is form.rules or form.rule.isAncestorOf(focus)):
            form.move_rule(step)
            return
        phases, row = self._phases(), self.phase_row
        new = moved(phases, row, step)
        if new is None:
            return
        name = phases[row].get("name") if isinstance(phases[row], dict) else None
        words = (
            tr("Move phase {name} up", name=name or row + 1)
            if step < 0
            else tr("Move phase {name} down", name=name or row + 1)
        )
        self.replace(("phases",), new, words)

    # ------------------------------------------------------------------ problems

    def reveal(self, loc: Loc) -> None:
        """Choose the phase (and rule) a problem is in and scroll to its field."""
        if loc and loc[0] == TRANSLATIONS:
            self.right_tabs.setCurrentWidget(self.translations)
            self.translations.reveal(loc)
            return
        if len(loc) >= 2 and loc[0] == "phases" and isinstance(loc[1], int):
            self.choose_phase(loc[1])
            if len(loc) >= 4 and loc[2] == "progression" and isinstance(loc[3], int):
                self.phase_form.choose_rule(loc[3])
        field = self.field_for(loc)
        if field is None:
            return
        for area in (self.phase_area, self.about_area):
            inside = area.widget()
            if inside is not None and inside.isAncestorOf(field.widget):
                if field.problem.isVisibleTo(inside):  # the field and what is wrong with it
                    area.ensureWidgetVisible(field.problem, 50, 20)
                area.ensureWidgetVisible(field.widget, 50, 20)

    def _show_problems_again(self) -> None:
        """The fields point elsewhere: each shows the problems at its new place."""
        if self.checked is not None:
            self._show_problems(self.checked.problems)

    def _mark(self, checked: Checked) -> None:
        labels = [
            phase_label(i, p if isinstance(p, dict) else {})
            for i, p in enumerate(self._phases(), 1)
        ]
        self._show_phase_labels(labels)
        self.phase_form.mark(checked)
