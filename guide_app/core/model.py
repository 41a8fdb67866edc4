"""The content model: exercises, dosage, sessions and programmes as immutable, validated data.

Every YAML content file is validated into one of these frozen models at load time
(see ``loader``). The JSON Schema that editors use is generated from them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from guide_app.core import content_text
from guide_app.core.i18n import tr

FORMAT_VERSION = 1

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        min_length=1,
        max_length=80,
        description="lower-case words joined by hyphens, e.g. 'side-lying-clamshell'",
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(content_text.text)]
# One line of visible text: a title, a name, a unit, a picture path (no control characters).
Title = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(content_text.one_line)]
Name = Annotated[str, Field(min_length=1, max_length=120), AfterValidator(content_text.one_line)]
Word = Annotated[str, Field(min_length=1, max_length=60), AfterValidator(content_text.one_line)]
Short = Annotated[str, Field(min_length=1, max_length=20), AfterValidator(content_text.one_line)]
Seconds = Annotated[float, Field(ge=0, le=24 * 3600)]
PositiveSeconds = Annotated[float, Field(gt=0, le=24 * 3600)]


class Frozen(BaseModel):
    """Base for every content model: immutable, and unknown keys are errors (a typo is caught)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# --------------------------------------------------------------------------- counts


class Count(Frozen):
    """A number of reps, sets, rounds or steps: exact (``20``) or a range (``8-12``).

    A range keeps both ends so the window can show it; ``target`` is what the session
    counts towards (the top of the range unless a session picks otherwise).
    """

    low: int = Field(ge=1, le=10000)
    high: int = Field(ge=1, le=10000)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(
                tr("must be a whole number like 15 or a range like 8-12, not true/false")
            )
        if isinstance(value, int):
            return {"low": value, "high": value}
        if isinstance(value, float):
            if value.is_integer():
                return {"low": int(value), "high": int(value)}
            raise ValueError(tr("must be a whole number, not {value}", value=value))
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(-?\d+)\s*(?:(?:-|–|to)\s*(-?\d+)\s*)?", value)
            if not match:
                raise ValueError(
                    tr(
                        "must be a whole number like 15 or a range like 8-12, not {value!r}",
                        value=content_text.Shown(value),
                    )
                )
            low = int(match.group(1))
            high = int(match.group(2)) if match.group(2) is not None else low
            return {"low": low, "high": high}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Count:
        if self.high < self.low:
            raise ValueError(
                tr(
                    "range {low}-{high} runs backwards: write the smaller number first "
                    "({high}-{low})",
                    low=self.low,
                    high=self.high,
                )
            )
        return self

    @property
    def target(self) -> int:
        return self.high

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def __str__(self) -> str:
        return f"{self.low}-{self.high}" if self.is_range else str(self.low)


# --------------------------------------------------------------------------- sides


class Sides(StrEnum):
    """How an exercise uses the body's two sides."""

    BOTH = "both"  # both sides work together (a squat); no side switching
    ONE_AT_A_TIME = "one_at_a_time"  # a set on one side, then the other
    ALTERNATING = "alternating"  # the movement itself alternates left and right (marching)


class SideOrder(StrEnum):
    """For one-sided work: the order in which sets are done on the two sides."""

    SIDE_BY_SIDE = "side_by_side"  # every set on the first side, then every set on the other
    ALTERNATE_SETS = "alternate_sets"  # set 1 left, set 1 right, set 2 left, ...
    ALTERNATE_REPS = "alternate_reps"  # rep left, rep right, ...; each side counted on its own


class FirstSide(StrEnum):
    AFFECTED = "affected"
    UNAFFECTED = "unaffected"
    WEAKER = "weaker"
    STRONGER = "stronger"
    LEFT = "left"
    RIGHT = "right"


class Pace(StrEnum):
    SELF = "self"  # one key press per rep
    TEMPO = "tempo"  # named phases with seconds, spoken on the beat
    HOLD = "hold"  # timed holds with a spoken countdown


class Unit(StrEnum):
    REPS = "reps"
    STEPS = "steps"


class TempoPhase(Frozen):
    name: Short
    seconds: Seconds


def _parse_tempo(value: Any) -> Any:
    """Accept ``{out: 2, hold: 1, back: 3}`` (order kept) or ``"out 2, hold 1, back 3"``."""
    if isinstance(value, dict):
        return [{"name": str(k), "seconds": v} for k, v in value.items()]
    if isinstance(value, str):
        phases = []
        for part in value.split(","):
            match = re.fullmatch(r"\s*([A-Za-z][A-Za-z ]*?)\s+(\d+(?:\.\d+)?)\s*s?\s*", part)
            if not match:
                raise ValueError(
                    tr(
                        "tempo part {part!r} must be a phase word and seconds, e.g. 'out 2'",
                        part=content_text.Shown(part.strip()),
                    )
                )
            phases.append({"name": match.group(1), "seconds": float(match.group(2))})
        return phases
    return value


Tempo = Annotated[tuple[TempoPhase, ...], Field(min_length=1, max_length=8)]


class DosageFields(Frozen):
    """Fields shared by a full dosage and by a per-side or per-session override."""

    sets: int | None = Field(default=None, ge=1, le=100, description="number of sets")
    reps: Count | None = Field(
        default=None, description="reps (or steps, or holds) per set: 20 or a range 8-12"
    )
    unit: Unit | None = Field(default=None, description="what a rep is: reps or steps")
    pace: Pace | None = Field(
        default=None,
        description="self (key press per rep), tempo (timed phases) or hold (timed holds); "
        "inferred when left out",
    )
    tempo: Tempo | None = Field(
        default=None, description="phases with seconds, e.g. {out: 2, hold: 1, back: 3}"
    )
    hold: PositiveSeconds | None = Field(
        default=None,
        description="seconds per hold; with self-paced reps, a hold at the end of every rep",
    )
    rest: Seconds | None = Field(default=None, description="seconds of rest between sets")
    side_rest: Seconds | None = Field(
        default=None,
        description="seconds between the last set of one side and the first of the other",
    )
    distance_m: float | None = Field(
        default=None, gt=0, le=1000, description="for walks: metres per length, e.g. 10"
    )
    directions: tuple[Short, ...] | None = Field(
        default=None,
        max_length=4,
        description="for walks: each set is done in each direction, e.g. [right, left]",
    )

    @field_validator("tempo", mode="before")
    @classmethod
    def _tempo(cls, value: Any) -> Any:
        return _parse_tempo(value)


class SideDosage(DosageFields):
    """Dosage for one side, written under ``per_side``; what it leaves out comes from the rest."""


class Dosage(DosageFields):
    """How much, how fast and in what order: an exercise's default, or a session's override.

    ``per_side`` gives a side its own numbers, written as affected/unaffected (resolved
    against the user's affected side when a session starts) or left/right.
    """

    per_side: dict[Literal["affected", "unaffected", "left", "right"], SideDosage] | None = None
    first_side: FirstSide | None = Field(
        default=None, description="which side goes first: affected, weaker, left, right, ..."
    )
    side_order: SideOrder | None = Field(
        default=None, description="side_by_side, alternate_sets or alternate_reps"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Dosage:
        if self.per_side:
            keys = set(self.per_side)
            if keys & {"affected", "unaffected"} and keys & {"left", "right"}:
                raise ValueError(
                    tr(
                        "per_side mixes affected/unaffected with left/right: "
                        "use one pair or the other"
                    )
                )
        if self.pace is Pace.TEMPO and self.tempo is None:
            raise ValueError(
                tr("pace is tempo but no tempo is given: add e.g. tempo: {out: 2, back: 3}")
            )
        if self.pace is Pace.HOLD and self.hold is None:
            raise ValueError(tr("pace is hold but no hold is given: add e.g. hold: 30"))
        if self.tempo is not None and sum(p.seconds for p in self.tempo) <= 0:
            raise ValueError(
                tr("tempo phases add up to 0 seconds: give at least one phase some time")
            )
        return self

    def merged(self, override: DosageFields | None) -> Dosage:
        """This dosage with every field the override sets replacing its own.

        An override replaces what it names: a ``tempo`` given without a ``pace`` makes
        the pace tempo, whatever pace the dosage it overrides had."""
        if override is None:
            return self
        changes = {k: getattr(override, k) for k in override.model_fields_set}
        if not changes:
            return self
        if changes.get("tempo") is not None and "pace" not in changes:
            changes["pace"] = Pace.TEMPO
        return self.model_copy(update=changes)

    @property
    def effective_pace(self) -> Pace:
        if self.pace is not None:
            return self.pace
        if self.tempo is not None:
            return Pace.TEMPO
        if self.hold is not None and self.reps is None:
            return Pace.HOLD
        return Pace.SELF


# --------------------------------------------------------------------------- exercises


class Pictures(Frozen):
    start: Title = Field(
        description="picture of the start position, relative to the library folder"
    )
    end: Title | None = Field(
        default=None, description="picture of the end position, if it has two"
    )
    drawn_side: Literal["left", "right", "both"] = Field(
        default="left", description="the working side shown; the app mirrors it for the other side"
    )


class Cue(Frozen):
    text: Text
    speak: bool = Field(default=True, description="spoken aloud when the step is reached")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, dict) and len(value) == 1 and not value.keys() & {"text", "speak"}:
            # ``- Pause: knee open`` reads as a key and a value: say so, with the text
            raise PydanticCustomError("text_with_colon", "a colon made this a key and a value")
        return {"text": value} if isinstance(value, str) else value


class Faq(Frozen):
    q: Text
    a: Text


class Exercise(Frozen):
    version: Literal[1] = Field(description="content format version")
    kind: Literal["exercise"]
    id: Id
    name: Name
    summary: Text
    equipment: tuple[Word, ...] = ()
    targets: tuple[Word, ...] = ()
    position: Word = Field(description="body position, e.g. seated, lying on your side, standing")
    pictures: Pictures
    cues: tuple[Cue, ...] = Field(min_length=1, description="ordered steps")
    tips: tuple[Text, ...] = ()
    faq: tuple[Faq, ...] = ()
    stop_signs: tuple[Text, ...] = Field(default=(), description="when to stop, e.g. sharp pain")
    sides: Sides = Field(description="both, one_at_a_time or alternating")
    dosage: Dosage
    progressions: tuple[Text, ...] = ()
    regressions: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _dosage_complete(self) -> Exercise:
        problem = dosage_problem(self.dosage)
        if problem:
            raise ValueError(tr("dosage: {problem}", problem=problem))
        if self.sides is Sides.BOTH and self.dosage.per_side:
            raise ValueError(tr("dosage.per_side needs a one-sided exercise, but sides is 'both'"))
        return self


def dosage_problem(dosage: Dosage) -> str | None:
    """What a fully resolved dosage still lacks, or None when it can be run."""
    if dosage.effective_pace is Pace.HOLD:
        return None if dosage.hold else tr("a hold needs hold: seconds")
    if dosage.reps is None:
        return tr("give reps (e.g. reps: 15 or reps: 8-12), or hold: seconds for a timed hold")
    return None


# --------------------------------------------------------------------------- sessions


class ExerciseBlock(Frozen):
    exercise: Id
    dosage: Dosage | None = None
    note: Text | None = None


class Circuit(Frozen):
    title: Title | None = None
    rounds: Count = Field(description="rounds of the whole circuit: 3 or a range 2-3")
    rest: Seconds = Field(default=60, description="seconds of rest between rounds")
    exercises: tuple[ExerciseBlock, ...] = Field(min_length=1)


class CircuitBlock(Frozen):
    circuit: Circuit


class Measure(Frozen):
    name: Title
    unit: Short = Field(description="e.g. degrees")
    per_side: bool = True
    how: Text | None = None
    exercise: Id | None = Field(default=None, description="an exercise that shows how to take it")


class MeasureBlock(Frozen):
    measure: Measure


class NoteBlock(Frozen):
    note: Text


def _block_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("exercise", "circuit", "measure", "note"):
            if key in value:
                return key
        return None
    for key, cls in (
        ("exercise", ExerciseBlock),
        ("circuit", CircuitBlock),
        ("measure", MeasureBlock),
        ("note", NoteBlock),
    ):
        if isinstance(value, cls):
            return key
    return None


Block = Annotated[
    Annotated[ExerciseBlock, Tag("exercise")]
    | Annotated[CircuitBlock, Tag("circuit")]
    | Annotated[MeasureBlock, Tag("measure")]
    | Annotated[NoteBlock, Tag("note")],
    Discriminator(
        _block_tag,
        custom_error_type="block_kind",
        custom_error_message="each block needs one of the keys exercise, circuit, measure or note",
    ),
]


class Session(Frozen):
    version: Literal[1]
    kind: Literal["session"]
    id: Id
    title: Title
    summary: Text | None = None
    notes: tuple[Text, ...] = ()
    equipment: tuple[Word, ...] = ()
    blocks: tuple[Block, ...] = Field(min_length=1)

    def exercise_blocks(self) -> list[ExerciseBlock]:
        """Every exercise block, circuits flattened, in order."""
        blocks: list[ExerciseBlock] = []
        for block in self.blocks:
            if isinstance(block, ExerciseBlock):
                blocks.append(block)
            elif isinstance(block, CircuitBlock):
                blocks.extend(block.circuit.exercises)
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


# --------------------------------------------------------------------------- programmes


class ProgressionRule(Frozen):
    """A checkable progression rule: met when the log shows the dosage done in recent sessions."""

    exercise: Id
    sets: int = Field(ge=1, le=100)
    reps: int = Field(ge=1, le=10000)
    sides: Literal["both", "affected", "left", "right", "each"] = "each"
    sessions: int = Field(default=1, ge=1, le=50, description="in this many sessions in a row")
    max_pain: int | None = Field(default=None, ge=0, le=10)
    then: Text = Field(description="what changes once the rule is met, e.g. 'add the band'")


class Progression(Frozen):
    text: Text
    rule: ProgressionRule | None = None


class WeekRange(Frozen):
    """Weeks of a programme, counted from 0 as the seeds do ("weeks 0-4")."""

    first: int = Field(ge=0, le=520)
    last: int = Field(ge=0, le=520)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"first": value, "last": value}
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", value)
            if not match:
                raise ValueError(
                    tr(
                        "must be a week or a week range like 0-4, not {value!r}",
                        value=content_text.Shown(value),
                    )
                )
            first = int(match.group(1))
            return {"first": first, "last": int(match.group(2) or first)}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> WeekRange:
        if self.last < self.first:
            raise ValueError(
                tr(
                    "week range {first}-{last} runs backwards: write {last}-{first}",
                    first=self.first,
                    last=self.last,
                )
            )
        return self

    def __str__(self) -> str:
        return (
            f"weeks {self.first}-{self.last}" if self.last != self.first else f"week {self.first}"
        )


class Phase(Frozen):
    name: Title
    weeks: WeekRange | None = Field(default=None, description="week range, e.g. 0-4")
    goal: Text | None = None
    sessions: tuple[Id, ...] = Field(min_length=1)
    frequency: Title = Field(description="e.g. daily, 2-3 times a week")
    progression: tuple[Progression, ...] = ()


class Programme(Frozen):
    version: Literal[1]
    kind: Literal["programme"]
    id: Id
    title: Title
    summary: Text | None = None
    condition: Text | None = None
    notes: tuple[Text, ...] = ()
    phases: tuple[Phase, ...] = Field(min_length=1)


Content = Exercise | Session | Programme
KINDS: dict[str, type[Exercise] | type[Session] | type[Programme]] = {
    "exercise": Exercise,
    "session": Session,
    "programme": Programme,
}
