"""The form of the block chosen in the session editor: one for each kind of block.

An exercise block: which exercise, a note, its dosage (every field, ``DosageForm``) and
its dosage week by week. A note: its text. A circuit or intervals: the title, rounds and
rests, and its own list of exercises, each with its dosage. A measurement: what is
measured, in what unit, on which side, the goal and how to take it. Each form is
pointed at a block by ``rebase`` and its fields edit the draft there; adding or moving
a circuit's exercises goes through the editor as one undoable change.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.amounts import Span
from guide_app.core.content_check import Checked
from guide_app.core.content_draft import Loc
from guide_app.core.i18n import tr
from guide_app.core.model import Dosage, Exercise
from guide_app.ui.dosage_form import DosageForm, side_choices
from guide_app.ui.editor_base import DraftEditor
from guide_app.ui.editor_fields import (
    AmountField,
    CheckField,
    ChoiceField,
    Field,
    ParagraphField,
    TextField,
    add_row,
)
from guide_app.ui.session_editor_blocks import (
    BlockList,
    dosage_words,
    exercise_name,
    exercise_words,
    moved,
)
from guide_app.ui.session_editor_weeks import WeekTable

NOWHERE: Loc = ("blocks", "-")  # where a form not shown points: no value is there


class KeptTextField(TextField):
    """A line whose key stays when it is emptied: the id that makes a block what it is."""

    def value(self) -> Any:
        return self.line.text().strip()


def as_written(dosage: Dosage) -> dict[str, Any]:
    """A loaded dosage as a file would write it: ``hold: 30``, ``reps: 8-12``."""
    out: dict[str, Any] = {}
    for name in type(dosage).model_fields:
        value = getattr(dosage, name)
        if value is None:
            continue
        if isinstance(value, Span):
            low, high = f"{value.low:g}", f"{value.high:g}"
            value = low if low == high else f"{low}-{high}"
        elif isinstance(value, Enum):
            value = value.value
        elif not isinstance(value, int | float | dict | tuple):
            value = str(value)
        out[name] = value
    return out


def _top_form(widget: QWidget) -> QFormLayout:
    """A form at the top of ``widget``, the space under it left empty."""
    column = QVBoxLayout(widget)
    column.setContentsMargins(0, 0, 0, 0)
    form = QFormLayout()
    column.addLayout(form)
    column.addStretch(1)
    return form


class ExerciseBlockForm(QWidget):
    """An exercise block at ``base``: the exercise, a note, the dosage, week by week."""

    choose_requested = Signal(object)  # the loc of the exercise id to replace

    def __init__(
        self,
        editor: DraftEditor,
        base: Loc = NOWHERE,
        parent: QWidget | None = None,
        *,
        in_group: bool = False,
    ) -> None:
        """``in_group``: an exercise of a circuit, where a round is one set."""
        super().__init__(parent)
        self.editor = editor
        self.draft = editor.draft
        self.base = base
        self.in_group = in_group
        form = QFormLayout()
        self.exercise = KeptTextField(self.draft, (*base, "exercise"), tr("an exercise id"))
        self.choose_button = QPushButton(tr("Choose…"))
        self.choose_button.setToolTip(tr("Choose another exercise from the library"))
        self.choose_button.clicked.connect(
            lambda: self.choose_requested.emit((*self.base, "exercise"))
        )
        self.exercise_row = add_row(form, tr("E&xercise (id)"), self.exercise)
        self.name = QLabel()
        self.name.setWordWrap(True)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.choose_button, self.name)
        self.note = add_row(
            form,
            tr("N&ote"),
            ParagraphField(self.draft, (*base, "note"), tr("said when the exercise starts"), 2),
        )
        self.default = QLabel()
        self.default.setWordWrap(True)
        self.default.setTextFormat(Qt.TextFormat.PlainText)
        self.dosage = DosageForm(self.draft, (*base, "dosage"))
        self.weeks = WeekTable(editor, base)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.default)
        layout.addWidget(self.dosage)
        layout.addWidget(self.weeks)
        layout.addStretch(1)
        self.fields: list[Field] = [self.exercise, self.note, *self.dosage.fields]

    def rebase(self, base: Loc) -> None:
        self.base = base
        self.exercise.rebase((*base, "exercise"))
        self.note.rebase((*base, "note"))
        self.dosage.rebase((*base, "dosage"))
        self.weeks.rebase(base)
        self.refresh()

    def refresh(self, checked: Checked | None = None) -> None:
        """Show the exercise's name and own dosage, and the week table, again."""
        exercises = self.editor.library.exercises
        exercise_id = self.draft.get((*self.base, "exercise"))
        found = exercises.get(exercise_id) if isinstance(exercise_id, str) else None
        if found is None:
            self.name.setText(
                tr("Not in the library: choose one, or type its id")
                if exercise_id
                else tr("Choose an exercise")
            )
            self.default.setText("")
        else:
            self.name.setText(tr("{name} ({position})", name=found.name, position=found.position))
            own = dosage_words(as_written(found.dosage))
            self.default.setText(
                tr(
                    "Each round does one set (per side) unless Sets is given; other fields "
                    "left empty take the exercise's own dosage: {dosage}",
                    dosage=own,
                )
                if self.in_group
                else tr("A field left empty takes the exercise's own dosage: {dosage}", dosage=own)
            )
        self.weeks.load()
        self.weeks.show_checked(checked)


class NoteForm(QWidget):
    """A note block: the text shown and said, waiting for a key."""

    def __init__(
        self, editor: DraftEditor, base: Loc = NOWHERE, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.base = base
        form = _top_form(self)
        self.text = ParagraphField(
            editor.draft, (*base, "note"), tr("what to say, e.g. Now the stretches."), 5, True
        )
        add_row(form, tr("&Note"), self.text)
        self.fields: list[Field] = [self.text]

    def rebase(self, base: Loc) -> None:
        self.base = base
        self.text.rebase((*base, "note"))


class MeasureForm(QWidget):
    """A measurement block: a number recorded (per side, or on one side)."""

    def __init__(
        self, editor: DraftEditor, base: Loc = NOWHERE, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.base = base
        draft = editor.draft
        form = _top_form(self)
        self.places: list[tuple[Field, Loc]] = []

        def row(label: str, field: Field, *place: str) -> Field:
            self.places.append((field, place))
            field.rebase((*base, "measure", *place))
            return add_row(form, label, field)

        self.name = row(tr("&Name"), KeptTextField(draft, NOWHERE, tr("e.g. Knee bend")), "name")
        self.unit = row(tr("&Unit"), KeptTextField(draft, NOWHERE, tr("e.g. degrees")), "unit")
        self.per_side = row("", CheckField(draft, NOWHERE, tr("Each side"), True), "per_side")
        self.only = row(tr("One side alone"), ChoiceField(draft, NOWHERE, side_choices()), "only")
        self.at_least = row(
            tr("Goal: at least"), AmountField(draft, NOWHERE, "90"), "goal", "at_least"
        )
        self.at_most = row(
            tr("Goal: at most"), AmountField(draft, NOWHERE, "10"), "goal", "at_most"
        )
        self.how = row(tr("How to take it"), ParagraphField(draft, NOWHERE, "", 3), "how")
        self.exercise = row(
            tr("Exercise that shows how"),
            TextField(draft, NOWHERE, tr("an exercise id")),
            "exercise",
        )
        self.fields: list[Field] = [f for f, _ in self.places]

    def rebase(self, base: Loc) -> None:
        self.base = base
        for field, place in self.places:
            field.rebase((*base, "measure", *place))


class GroupForm(QWidget):
    """A circuit or intervals block: its title, rounds and rests, and its exercises,
    each with its own dosage (the form under the list)."""

    add_requested = Signal(object, int)  # the loc of the exercise list, insert there

    def __init__(
        self, editor: DraftEditor, kind: str, base: Loc = NOWHERE, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        assert kind in ("circuit", "intervals")
        self.editor = editor
        self.kind = kind
        self.base = base
        draft = editor.draft
        box = QGroupBox(tr("Circuit") if kind == "circuit" else tr("Work and rest intervals"))
        form = QFormLayout(box)
        self.places: list[tuple[Field, Loc]] = []

        def row(label: str, field: Field, *place: str) -> Field:
            self.places.append((field, place))
            field.rebase((*base, kind, *place))
            return add_row(form, label, field)

        self.title = row(tr("&Title"), TextField(draft, NOWHERE, tr("e.g. Warm-up")), "title")
        if kind == "circuit":
            self.rounds = row(tr("&Rounds"), AmountField(draft, NOWHERE, tr("3, or 2-3")), "rounds")
            self.rest = row(
                tr("Rest between rounds (s)"), AmountField(draft, NOWHERE, "60"), "rest"
            )
        else:
            self.work = row(tr("&Work (s)"), AmountField(draft, NOWHERE, "20"), "work")
            self.rest = row(tr("Rest after each (s)"), AmountField(draft, NOWHERE, "10"), "rest")
            self.rounds = row(tr("&Rounds"), AmountField(draft, NOWHERE, "8"), "rounds")
            self.round_rest = row(
                tr("Rest between rounds (s)"), AmountField(draft, NOWHERE, "60"), "round_rest"
            )
            self.count_reps = row(
                "", CheckField(draft, NOWHERE, tr("Count reps during work"), True), "count_reps"
            )
        self.list = BlockList(tr("Exercises in the circuit"))
        self.list.setMaximumHeight(110)
        self.list.currentRowChanged.connect(self._chosen)
        self.list.move_requested.connect(self.move_chosen)
        self.list.reordered.connect(self._reordered)
        self.add_button = QPushButton(tr("Add exercise…"))
        self.add_button.clicked.connect(
            lambda: self.add_requested.emit(self.list_loc, self.list.currentRow() + 1)
        )
        self.remove_button = QPushButton(tr("Remove"))
        self.remove_button.clicked.connect(self.remove_chosen)
        self.up_button = QPushButton(tr("Up"))
        self.up_button.clicked.connect(lambda: self.move_chosen(-1))
        self.down_button = QPushButton(tr("Down"))
        self.down_button.clicked.connect(lambda: self.move_chosen(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.inner = ExerciseBlockForm(editor, in_group=True)
        self.inner.setVisible(False)
        exercises = QGroupBox(tr("Exercises (each round does each once)"))
        column = QVBoxLayout(exercises)
        column.addWidget(self.list)
        column.addLayout(buttons)
        column.addWidget(self.inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(exercises)
        layout.addStretch(1)
        self.fields: list[Field] = [f for f, _ in self.places] + self.inner.fields

    @property
    def list_loc(self) -> Loc:
        return (*self.base, self.kind, "exercises")

    def items(self) -> list[Any]:
        value = self.editor.draft.get(self.list_loc)
        return list(value) if isinstance(value, list) else []

    def rebase(self, base: Loc) -> None:
        self.base = base
        for field, place in self.places:
            field.rebase((*base, self.kind, *place))
        self.list.setCurrentRow(-1)
        self.refresh()

    def refresh(self, checked: Checked | None = None) -> None:
        """Show the exercises again (their words, a mark on those with problems)."""
        items = self.items()
        exercises = self.editor.library.exercises
        texts = [exercise_words(exercises, b) if isinstance(b, Mapping) else "?" for b in items]
        marks = [bool(checked and checked.at((*self.list_loc, i))) for i in range(len(items))]
        self.list.show_items(texts, marks)
        if self.list.currentRow() < 0 and items:
            self.list.setCurrentRow(0)
        self._chosen(self.list.currentRow(), checked)

    def choose(self, index: int) -> None:
        self.list.setCurrentRow(index)
        self._chosen(index)

    def _chosen(self, index: int, checked: Checked | None = None) -> None:
        items = self.items()
        if 0 <= index < len(items):
            loc = (*self.list_loc, index)
            if self.inner.base != loc:
                self.inner.rebase(loc)
            self.inner.refresh(checked or self.editor.checked)
            self.inner.setVisible(True)
        else:
            self.inner.rebase(NOWHERE)
            self.inner.setVisible(False)

    def move_chosen(self, step: int) -> None:
        index = self.list.currentRow()
        new = moved(self.items(), index, step)
        if new is None:
            return
        self.editor.replace(self.list_loc, new, tr("Move an exercise"))
        self.choose(index + step)

    def remove_chosen(self) -> None:
        index = self.list.currentRow()
        items = self.items()
        if not 0 <= index < len(items):
            return
        name = exercise_name(self.editor.library.exercises, items[index].get("exercise"))
        del items[index]
        self.editor.replace(self.list_loc, items, tr("Remove {name}", name=name))
        self.choose(min(index, len(items) - 1))

    def _reordered(self, order: list[int]) -> None:
        items = self.items()
        if sorted(order) != list(range(len(items))):
            return
        chosen = self.list.currentRow()
        self.editor.replace(self.list_loc, [items[i] for i in order], tr("Move an exercise"))
        self.choose(chosen)

    def insert(self, index: int, exercise_id: str, exercises: Mapping[str, Exercise]) -> None:
        """Add ``exercise_id`` at ``index`` of the group's exercises, as one change."""
        items = self.items()
        index = max(0, min(index, len(items)))
        items.insert(index, {"exercise": exercise_id})
        self.editor.replace(
            self.list_loc, items, tr("Add {name}", name=exercise_name(exercises, exercise_id))
        )
        self.choose(index)
