"""The content model's base: counts, sides, dosage and exercises, as frozen validated data.

Sessions (``session_model``) and programmes (``programme_model``) are built on it;
``model`` gathers all three. The JSON Schema editors use is generated from them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from guide_app.core import content_text
from guide_app.core.amounts import Effort, Load, Span
from guide_app.core.i18n import LANGUAGES, tr

FORMAT_VERSION = 2
Version = Literal[1, 2]

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN.pattern,
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
_SPAN_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {
            "type": "string",
            "pattern": r"^\s*\d+(\.\d+)?\s*((-|to)\s*\d+(\.\d+)?\s*)?"
            r"(s|sec|secs|seconds?|min|mins|minutes?)?\s*$",
        },
    ],
    "description": "seconds: 30, a range 30-45, or minutes '1-2 min'",
}
# Seconds written as a number or a range; the session times the low end.
SecondsSpan = Annotated[Span, WithJsonSchema(_SPAN_SCHEMA)]
LoadText = Annotated[
    Load,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "object", "minProperties": 1, "maxProperties": 1},
            ],
            "description": "a load: '5 kg', '10 lb', 'red band', 'level 3' or 'body weight'",
        }
    ),
]
EffortText = Annotated[
    Effort,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "object", "minProperties": 1, "maxProperties": 1},
            ],
            "description": "an effort: 'RPE 7', 'RPE 6-8', '2 RIR' or '70% 1RM'",
        }
    ),
]
# Text fields in other languages: {de: {"English text": "Übersetzung"}}. Any value loads:
# what is wrong in it is told by ``content_language.check`` and shows the English.
Translations = Annotated[
    Any,
    WithJsonSchema(
        {
            "type": "object",
            "description": "translations of the text fields, by language code: "
            "{de: {'Clamshell': 'Muschel'}}; each key is the exact English text",
            "propertyNames": {"enum": list(LANGUAGES)},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": {"type": "string", "minLength": 1},
            },
        }
    ),
]
# Which sides a dosage or a measurement works, when only one (version 2).
OnlySide = Literal["affected", "unaffected", "weaker", "stronger", "left", "right"]


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
    hold: SecondsSpan | None = Field(
        default=None,
        description="seconds per hold (or a range, 30-45); with self-paced reps, a hold at "
        "the end of every rep",
    )
    rest: SecondsSpan | None = Field(
        default=None, description="seconds of rest between sets (or a range, 60-90)"
    )
    side_rest: SecondsSpan | None = Field(
        default=None,
        description="seconds between the last set of one side and the first of the other",
    )
    load: LoadText | None = Field(
        default=None, description="what to work against: 5 kg, 10 lb, red band, level 3"
    )
    load_step: LoadText | None = Field(
        default=None, description="how much the load key changes it, e.g. 2.5 kg"
    )
    effort: EffortText | None = Field(
        default=None, description="how hard a set should feel: RPE 7, 2 RIR, 70% 1RM"
    )
    count: Literal["each_side", "in_total"] | None = Field(
        default=None,
        description="for reps that alternate sides: reps are for each side, or in total",
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

    @field_validator("hold")
    @classmethod
    def _hold_positive(cls, value: Span | None) -> Span | None:
        if value is not None and value.low <= 0:
            raise ValueError(tr("a hold must last more than 0 seconds"))
        return value

    @model_validator(mode="after")
    def _load_step_matches(self) -> DosageFields:
        step, load = self.load_step, self.load
        carried = load is not None and load.unit == "bodyweight"  # steps add a backpack
        if (
            step is not None
            and load is not None
            and step.unit != load.unit
            and not (carried and step.unit in ("kg", "lb"))
        ):
            raise ValueError(
                tr(
                    "load_step is in {step} but the load is in {load}: give them one unit",
                    step=step.unit,
                    load=load.unit,
                )
            )
        if step is not None and step.unit in ("band", "bodyweight"):
            raise ValueError(tr("load_step is an amount, e.g. 2.5 kg; bands step by colour"))
        return self


class WeakerIs(Frozen):
    """A test's result a per-side dosage depends on: which side tested weaker."""

    weaker: Literal["affected", "unaffected", "left", "right"] = Field(
        description="this dosage applies only when this side tested weaker"
    )


class SideDosage(DosageFields):
    """Dosage for one side, written under ``per_side``; what it leaves out comes from the rest."""

    when: WeakerIs | None = Field(
        default=None,
        description="applies only when a test found this, e.g. {weaker: affected}; "
        "otherwise the side gets the dosage around it",
    )


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
    only: OnlySide | None = Field(
        default=None,
        description="work one side alone: affected, unaffected, weaker, stronger, left, right",
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
        if self.only is not None and self.per_side:
            one = {
                "affected": "unaffected",
                "unaffected": "affected",
                "left": "right",
                "right": "left",
            }.get(self.only)
            if one is not None and one in self.per_side:
                raise ValueError(
                    tr(
                        "only: {only} works one side alone, but per_side gives the {other} "
                        "side a dosage: remove one of them",
                        only=self.only,
                        other=one,
                    )
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
        fields = type(self).model_fields  # a per-side entry's ``when`` is not dosage
        changes = {k: getattr(override, k) for k in override.model_fields_set if k in fields}
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
    steps: tuple[Title, ...] = Field(
        default=(),
        max_length=12,
        description="pictures of the movement step by step, in order (version 2)",
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


class Source(Frozen):
    """Where content comes from, and on what terms it may be used."""

    title: Title = Field(description="the publication, page or programme it follows")
    author: Title | None = None
    url: Title | None = None
    licence: Title | None = Field(default=None, description="e.g. CC BY 4.0")
    note: Text | None = None


Limb = Literal["leg", "arm", "foot", "hand", "hip", "knee", "ankle", "shoulder", "elbow", "wrist"]
Level = Literal["beginner", "intermediate", "advanced"]
Category = Literal[
    "strength", "mobility", "stretch", "balance", "power", "endurance", "warm_up", "test"
]


class Exercise(Frozen):
    version: Version = Field(description="content format version")
    kind: Literal["exercise"]
    id: Id
    name: Name
    summary: Text
    equipment: tuple[Word, ...] = ()
    targets: tuple[Word, ...] = Field(default=(), description="what it works (primary)")
    secondary_targets: tuple[Word, ...] = Field(default=(), description="what it works too")
    level: Level | None = None
    category: Category | None = None
    limb: Limb | None = Field(
        default=None,
        description="the limb a one-sided exercise works, so prompts say 'right leg', 'each arm'",
    )
    source: Source | None = None
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
    translations: Translations = None

    @model_validator(mode="after")
    def _dosage_complete(self) -> Exercise:
        problem = dosage_problem(self.dosage)
        if problem:
            raise ValueError(tr("dosage: {problem}", problem=problem))
        if self.sides is Sides.BOTH and self.dosage.per_side:
            raise ValueError(tr("dosage.per_side needs a one-sided exercise, but sides is 'both'"))
        if self.sides is Sides.BOTH and self.dosage.only:
            raise ValueError(tr("dosage.only needs a one-sided exercise, but sides is 'both'"))
        return self


def dosage_problem(dosage: Dosage) -> str | None:
    """What a fully resolved dosage still lacks, or None when it can be run."""
    if dosage.effective_pace is Pace.HOLD:
        return None if dosage.hold else tr("a hold needs hold: seconds")
    if dosage.reps is None:
        return tr("give reps (e.g. reps: 15 or reps: 8-12), or hold: seconds for a timed hold")
    return None
