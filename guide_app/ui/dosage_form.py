"""The dosage form: every field of a dosage, for an exercise's default or a session's block.

Sets, reps (``20`` or ``8-12``), what a rep is, the pace, a tempo (``out 2, hold 1,
back 3``), holds and rests (seconds or a range), load, load step and effort, the
sides (which goes first, in what order, one side alone), a per-side table (a side's
own sets, reps, hold, load... and the test result it depends on) and, for walks, the
distance and directions. A field left empty is left out of the file; the exercise's
default (or the format's) applies.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.i18n import tr
from guide_app.ui.editor_fields import (
    AmountField,
    ChoiceField,
    Field,
    ListField,
    TextField,
    add_row,
    shown,
)

SIDE_KEYS = ("affected", "unaffected", "left", "right")
PER_SIDE_COLUMNS = ("sets", "reps", "hold", "rest", "load", "effort")
_PHASE = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s+(\d+(?:\.\d+)?)\s*s?\s*$")


def tempo_value(text: str) -> Any:
    """``out 2, hold 1, back 3`` -> ``{out: 2, hold: 1, back: 3}``, as files write it;
    text that does not read so is kept as typed, for the check to say what is wrong."""
    text = text.strip()
    if not text:
        return MISSING
    phases: dict[str, Any] = {}
    for part in text.split(","):
        match = _PHASE.match(part)
        if not match or match.group(1) in phases:
            return text
        seconds = float(match.group(2))
        phases[match.group(1)] = int(seconds) if seconds.is_integer() else seconds
    return phases


class TempoField(TextField):
    """A tempo typed as phases and seconds."""

    def value(self) -> Any:
        return tempo_value(self.line.text())

    def show_value(self, value: Any) -> None:
        if isinstance(value, dict):
            self.line.setText(", ".join(f"{k} {shown(v)}" for k, v in value.items()))
        else:
            self.line.setText(shown(value))


def side_choices() -> list[tuple[Any, str]]:
    """The sides a dosage names, each with its words: first side, one side alone."""
    return [
        ("affected", tr("affected")),
        ("unaffected", tr("unaffected")),
        ("weaker", tr("weaker")),
        ("stronger", tr("stronger")),
        ("left", tr("left")),
        ("right", tr("right")),
    ]


def _choices(*values: tuple[str, str]) -> list[tuple[Any, str]]:
    return list(values)


class DosageForm(QWidget):
    """Every field of a dosage at ``base`` (e.g. ``("blocks", 1, "dosage")``)."""

    def __init__(self, draft: Draft, base: Loc, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.base = base
        self.fields: list[Field] = []
        self._places: dict[int, Loc] = {}  # a field's place under the base

        amount = QGroupBox(tr("Amount"))
        form = QFormLayout(amount)
        self.sets = self._row(form, tr("Sets"), AmountField, ("sets",), "3")
        self.reps = self._row(form, tr("Reps"), AmountField, ("reps",), tr("20, or 8-12"))
        self.unit = self._choice(
            form,
            tr("A rep is"),
            ("unit",),
            _choices(("reps", tr("a rep")), ("steps", tr("a step"))),
        )
        self.pace = self._choice(
            form,
            tr("Pace"),
            ("pace",),
            _choices(
                ("self", tr("self: a key press a rep")),
                ("tempo", tr("tempo: timed phases")),
                ("hold", tr("hold: timed holds")),
            ),
        )
        self.tempo = self._row(
            form, tr("Tempo"), TempoField, ("tempo",), tr("out 2, hold 1, back 3")
        )

        timing = QGroupBox(tr("Holds and rests (seconds)"))
        form = QFormLayout(timing)
        self.hold = self._row(form, tr("Hold"), AmountField, ("hold",), tr("30, or 30-45"))
        self.rest = self._row(form, tr("Rest between sets"), AmountField, ("rest",), "60")
        self.side_rest = self._row(
            form, tr("Rest between sides"), AmountField, ("side_rest",), "10"
        )

        load = QGroupBox(tr("Load and effort"))
        form = QFormLayout(load)
        self.load = self._row(form, tr("Load"), TextField, ("load",), tr("5 kg, red band, level 3"))
        self.load_step = self._row(form, tr("Load step"), TextField, ("load_step",), "2.5 kg")
        self.effort = self._row(form, tr("Effort"), TextField, ("effort",), tr("RPE 7, 2 RIR"))

        sides = QGroupBox(tr("Sides"))
        form = QFormLayout(sides)
        self.first_side = self._choice(form, tr("First side"), ("first_side",), side_choices())
        self.side_order = self._choice(
            form,
            tr("Order of sides"),
            ("side_order",),
            _choices(
                ("side_by_side", tr("every set on one side, then the other")),
                ("alternate_sets", tr("alternate sets")),
                ("alternate_reps", tr("alternate reps")),
            ),
        )
        self.only = self._choice(form, tr("One side alone"), ("only",), side_choices())
        self.count = self._choice(
            form,
            tr("Alternating reps count"),
            ("count",),
            _choices(("each_side", tr("for each side")), ("in_total", tr("in total"))),
        )

        per_side = QGroupBox(tr("Per side (what a side does differently)"))
        grid = QGridLayout(per_side)
        headings = {
            "sets": tr("Sets"),
            "reps": tr("Reps"),
            "hold": tr("Hold"),
            "rest": tr("Rest"),
            "load": tr("Load"),
            "effort": tr("Effort"),
        }
        for column, key in enumerate(PER_SIDE_COLUMNS, start=1):
            grid.addWidget(QLabel(headings[key]), 0, column)
        grid.addWidget(QLabel(tr("Only when weaker is")), 0, len(PER_SIDE_COLUMNS) + 1)
        side_names = dict(side_choices())
        self.per_side: dict[tuple[str, str], Field] = {}
        for row, side in enumerate(SIDE_KEYS, start=1):
            grid.addWidget(QLabel(side_names[side]), row, 0)
            for column, key in enumerate(PER_SIDE_COLUMNS, start=1):
                kind = TextField if key in ("load", "effort") else AmountField
                place = ("per_side", side, key)
                field = self._add(kind(draft, (*base, *place)), place)
                field.widget.setAccessibleName(
                    tr("{side}: {what}", side=side_names[side], what=headings[key])
                )
                self.per_side[(side, key)] = field
                grid.addWidget(field.widget, row, column)
            when = ChoiceField(
                draft,
                (*base, "per_side", side, "when", "weaker"),
                [(s, side_names[s]) for s in SIDE_KEYS],
                none=tr("always"),
            )
            self._add(when, ("per_side", side, "when", "weaker"))
            when.widget.setAccessibleName(tr("{side}: only when weaker is", side=side_names[side]))
            self.per_side[(side, "when")] = when
            grid.addWidget(when.widget, row, len(PER_SIDE_COLUMNS) + 1)

        walks = QGroupBox(tr("Walks"))
        form = QFormLayout(walks)
        self.distance = self._row(form, tr("Metres a length"), AmountField, ("distance_m",), "10")
        self.directions = self._row(
            form, tr("Directions"), ListField, ("directions",), tr("right, left")
        )

        top = QHBoxLayout()
        for box in (amount, timing, load):
            top.addWidget(box, 1)
        middle = QHBoxLayout()
        middle.addWidget(sides, 1)
        middle.addWidget(walks, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(per_side)

    def _add(self, field: Field, place: Loc) -> Field:
        self.fields.append(field)
        self._places[id(field)] = place
        return field

    def _row(
        self, form: QFormLayout, label: str, kind: type[TextField], place: Loc, hint: str = ""
    ) -> Field:
        field = kind(self.draft, (*self.base, *place), hint)
        return add_row(form, label, self._add(field, place))

    def _choice(
        self, form: QFormLayout, label: str, place: Loc, choices: list[tuple[Any, str]]
    ) -> Field:
        field = ChoiceField(self.draft, (*self.base, *place), choices)
        return add_row(form, label, self._add(field, place))

    def rebase(self, base: Loc) -> None:
        """Show the dosage at another place (another block's)."""
        self.base = base
        for field in self.fields:
            field.rebase((*base, *self._places[id(field)]))
