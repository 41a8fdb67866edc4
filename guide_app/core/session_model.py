"""The session model: blocks of exercises, circuits, intervals, measurements and notes."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, WithJsonSchema, field_validator, model_validator

from guide_app.core import content_text
from guide_app.core.exercise_model import (
    Count,
    Dosage,
    Frozen,
    Id,
    OnlySide,
    PositiveSeconds,
    Seconds,
    Short,
    Source,
    Text,
    Title,
    Translations,
    Version,
    Word,
)
from guide_app.core.i18n import tr

# --------------------------------------------------------------------------- sessions


class WeekKey(Frozen):
    """A row of a week-by-week table: a week or weeks, counted from 1."""

    first: int = Field(ge=1, le=520)
    last: int = Field(ge=1, le=520)


def _week_rows(value: Any) -> Any:
    """``{1: {...}, "3-4": {...}}`` kept in order as ``[(first, last, dosage), ...]``."""
    if not isinstance(value, dict):
        return value
    rows = []
    for key, dosage in value.items():
        text = str(key).strip()
        match = re.fullmatch(r"(\d+)\s*(?:-\s*(\d+))?", text)
        if isinstance(key, bool) or not match:
            raise ValueError(
                tr(
                    "by_week keys are weeks counted from 1, like 1 or 3-4, not {key!r}",
                    key=content_text.Shown(key),
                )
            )
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if first < 1 or last < first:
            raise ValueError(tr("week {key} must count from 1, smaller number first", key=text))
        rows.append({"weeks": {"first": first, "last": last}, "dosage": dosage})
    return rows


class WeekRow(Frozen):
    weeks: WeekKey
    dosage: Dosage


WeekTable = Annotated[
    tuple[WeekRow, ...],
    WithJsonSchema(
        {
            "type": "object",
            "description": "dosage by week of the phase, counted from 1: {1: {sets: 2, reps: 5}, "
            "'3-4': {...}}",
            "propertyNames": {"pattern": r"^\d+(\s*-\s*\d+)?$"},
            "additionalProperties": {"type": "object", "description": "a dosage"},
        }
    ),
]


class ExerciseBlock(Frozen):
    exercise: Id
    dosage: Dosage | None = None
    by_week: WeekTable | None = Field(
        default=None,
        description="dosage that changes week by week: each row overrides the block's dosage",
    )
    note: Text | None = None

    @field_validator("by_week", mode="before")
    @classmethod
    def _rows(cls, value: Any) -> Any:
        return _week_rows(value)

    @field_validator("by_week")
    @classmethod
    def _no_gaps(cls, rows: tuple[WeekRow, ...] | None) -> tuple[WeekRow, ...] | None:
        if not rows:
            return rows
        expected = 1
        for row in sorted(rows, key=lambda r: r.weeks.first):
            if row.weeks.first != expected:
                raise ValueError(
                    tr(
                        "by_week must cover every week from 1 without gaps or overlaps; "
                        "week {week} is {what}",
                        week=expected if row.weeks.first > expected else row.weeks.first,
                        what=tr("missing") if row.weeks.first > expected else tr("given twice"),
                    )
                )
            expected = row.weeks.last + 1
        return rows

    def week_dosage(self, week: int | None) -> Dosage | None:
        """The block's dosage in ``week`` (counted from 1; the last row goes on after the
        table ends; no week given means week 1)."""
        if not self.by_week:
            return self.dosage
        wanted = max(1, week or 1)
        rows = sorted(self.by_week, key=lambda r: r.weeks.first)
        row = next((r for r in rows if r.weeks.first <= wanted <= r.weeks.last), rows[-1])
        base = self.dosage
        return row.dosage if base is None else _overlaid(base, row.dosage)


def _overlaid(base: Dosage, over: Dosage) -> Dosage:
    changes = {k: getattr(over, k) for k in over.model_fields_set}
    return base.model_copy(update=changes) if changes else base


class Intervals(Frozen):
    """Work and rest on the clock: each round does every exercise once, for ``work``
    seconds each, with ``rest`` after every interval, the last included (20/10 x 8 is the
    4:00 a programme means); ``round_rest`` replaces it between rounds."""

    title: Title | None = None
    work: PositiveSeconds = Field(description="seconds of work per interval, e.g. 20")
    rest: Seconds = Field(description="seconds of rest after each interval, e.g. 10")
    rounds: int = Field(ge=1, le=100, description="rounds; each does every exercise once")
    round_rest: Seconds | None = Field(
        default=None, description="a longer rest between rounds, instead of rest"
    )
    count_reps: bool = Field(
        default=True, description="the rep key counts reps during work, logged per interval"
    )
    exercises: tuple[ExerciseBlock, ...] = Field(min_length=1, max_length=20)


class IntervalsBlock(Frozen):
    intervals: Intervals


class Circuit(Frozen):
    title: Title | None = None
    rounds: Count = Field(description="rounds of the whole circuit: 3 or a range 2-3")
    rest: Seconds = Field(default=60, description="seconds of rest between rounds")
    exercises: tuple[ExerciseBlock, ...] = Field(min_length=1)


class CircuitBlock(Frozen):
    circuit: Circuit


class Goal(Frozen):
    """A measurement's target: at least or at most a number (or both: a range)."""

    at_least: float | None = None
    at_most: float | None = None

    @model_validator(mode="after")
    def _something(self) -> Goal:
        if self.at_least is None and self.at_most is None:
            raise ValueError(tr("a goal needs at_least or at_most, e.g. {{at_least: 90}}"))
        if self.at_least is not None and self.at_most is not None and self.at_most < self.at_least:
            raise ValueError(tr("at_most is below at_least"))
        return self

    def met_by(self, value: float) -> bool:
        low_ok = self.at_least is None or value >= self.at_least
        return low_ok and (self.at_most is None or value <= self.at_most)


class Measure(Frozen):
    name: Title
    unit: Short = Field(description="e.g. degrees")
    per_side: bool = True
    only: OnlySide | None = Field(default=None, description="measure one side alone")
    goal: Goal | None = Field(default=None, description="e.g. {at_least: 90}")
    how: Text | None = None
    exercise: Id | None = Field(default=None, description="an exercise that shows how to take it")


class MeasureBlock(Frozen):
    measure: Measure


class NoteBlock(Frozen):
    note: Text


def _block_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("exercise", "circuit", "intervals", "measure", "note"):
            if key in value:
                return key
        return None
    for key, cls in (
        ("exercise", ExerciseBlock),
        ("circuit", CircuitBlock),
        ("intervals", IntervalsBlock),
        ("measure", MeasureBlock),
        ("note", NoteBlock),
    ):
        if isinstance(value, cls):
            return key
    return None


Block = Annotated[
    Annotated[ExerciseBlock, Tag("exercise")]
    | Annotated[CircuitBlock, Tag("circuit")]
    | Annotated[IntervalsBlock, Tag("intervals")]
    | Annotated[MeasureBlock, Tag("measure")]
    | Annotated[NoteBlock, Tag("note")],
    Discriminator(
        _block_tag,
        custom_error_type="block_kind",
        custom_error_message="each block needs one of the keys exercise, circuit, intervals, "
        "measure or note",
    ),
]


class PainLimits(Frozen):
    """Pain monitoring as clinicians prescribe it (0-10 scale)."""

    during: int | None = Field(
        default=None,
        ge=0,
        le=10,
        description="acceptable pain during exercise, e.g. 5; not given: the phase's, then "
        "the programme's (with none anywhere, skip or stop is offered from 7)",
    )
    after: int | None = Field(
        default=None, ge=0, le=10, description="acceptable pain just after the session"
    )
    next_morning: Literal["baseline", "no_worse"] | None = Field(
        default=None,
        description="by the next morning pain and stiffness are back to baseline "
        "(or no worse than before)",
    )
    if_exceeded: Literal["carry_on", "hold", "step_down", "stop"] = Field(
        default="hold",
        description="what follows when a limit is passed: hold the progression, "
        "step the dose down, or stop and contact the clinician",
    )
    say: Text | None = Field(default=None, description="what to tell the person, in words")


class Session(Frozen):
    version: Version
    kind: Literal["session"]
    id: Id
    title: Title
    summary: Text | None = None
    source: Source | None = None
    notes: tuple[Text, ...] = ()
    equipment: tuple[Word, ...] = ()
    pain: PainLimits | None = Field(default=None, description="pain limits for this session")
    blocks: tuple[Block, ...] = Field(min_length=1)
    translations: Translations = None

    def exercise_blocks(self) -> list[ExerciseBlock]:
        """Every exercise block, circuits flattened, in order."""
        blocks: list[ExerciseBlock] = []
        for block in self.blocks:
            if isinstance(block, ExerciseBlock):
                blocks.append(block)
            elif isinstance(block, CircuitBlock):
                blocks.extend(block.circuit.exercises)
            elif isinstance(block, IntervalsBlock):
                blocks.extend(block.intervals.exercises)
        return blocks

    def exercise_ids(self) -> list[str]:
        """Every exercise the session names, measurement guides included."""
        ids = [block.exercise for block in self.exercise_blocks()]
        ids += [
            b.measure.exercise
            for b in self.blocks
            if isinstance(b, MeasureBlock) and b.measure.exercise
        ]
        return ids
