"""What the session engine reports: its events (each stamped with the time it was due)
and the read-only ``State`` snapshot the readout is built from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from guide_app.core.model import TempoPhase
from guide_app.core.sides import Side
from guide_app.core.steps import Range, Step, StepKind
from guide_app.core.voice import Priority


class Ending(StrEnum):
    """Why a step ended."""

    TIME = "time"  # its deadline passed
    NEXT = "next"  # a key press
    BACK = "back"
    SKIP = "skip"
    REPEAT = "repeat"
    STOP = "stop"


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class StepStarted:
    at: float
    index: int
    step: Step


@dataclass(frozen=True, slots=True)
class StepFinished:
    at: float
    index: int
    step: Step
    ending: Ending


@dataclass(frozen=True, slots=True)
class StepExtended:
    """The running step, a hold or rest given as a range, now lasts to the top of it
    (``Runner.extend``): ``step`` is the longer step, ``seconds`` what was added."""

    at: float
    index: int
    step: Step
    seconds: float


@dataclass(frozen=True, slots=True)
class PhaseChanged:
    """A tempo beat: ``at`` is the beat time."""

    at: float
    exercise: str | None
    side: Side | None
    rep: int | None
    phase: str
    seconds: float


@dataclass(frozen=True, slots=True)
class RepCounted:
    """A rep counted; ``of`` is the set's target (0 in a work interval: no target)."""

    at: float
    exercise: str
    side: Side
    direction: str | None
    set: int
    rep: int
    of: int


@dataclass(frozen=True, slots=True)
class RepUndone:
    at: float
    exercise: str
    side: Side
    direction: str | None
    set: int
    rep: int


@dataclass(frozen=True, slots=True)
class HoldProgress:
    """Another whole second of a hold has passed."""

    at: float
    exercise: str | None
    side: Side | None
    rep: int | None
    held: int
    of: float


@dataclass(frozen=True, slots=True)
class Countdown:
    """3, 2, 1 seconds left of a hold, rest, switch or get-ready."""

    at: float
    seconds_left: int
    kind: StepKind


@dataclass(frozen=True, slots=True)
class HalfWay:
    at: float
    kind: StepKind


@dataclass(frozen=True, slots=True)
class SideSwitched:
    """A switch step began: ``side`` (and ``direction``, for walks) is what comes next."""

    at: float
    exercise: str | None
    side: Side | None
    direction: str | None


@dataclass(frozen=True, slots=True)
class SetDone:
    """One set on one side, finished or skipped: what the history journal records."""

    at: float
    exercise: str
    name: str
    block: int
    side: Side
    direction: str | None
    set: int
    sets: int
    round: int | None
    planned_reps: int
    reps_range: Range
    done_reps: int
    hold: float | None  # seconds per hold, as planned
    held_seconds: float  # seconds actually held in the set
    tempo: tuple[TempoPhase, ...] | None
    skipped: bool
    load: str | None = None  # the load it was done at (``Load.text``); the session adds it


@dataclass(frozen=True, slots=True)
class SetUndone:
    """A ``SetDone`` taken back (by ``back`` or ``repeat_set``): the journal drops it."""

    at: float
    exercise: str
    block: int
    side: Side
    direction: str | None
    set: int
    round: int | None


@dataclass(frozen=True, slots=True)
class ExerciseDone:
    """The person moved on from an exercise (a notice: it can repeat after ``back``)."""

    at: float
    exercise: str
    name: str
    block: int
    skipped: bool


@dataclass(frozen=True, slots=True)
class SessionDone:
    at: float
    stopped: bool


@dataclass(frozen=True, slots=True)
class Paused:
    at: float


@dataclass(frozen=True, slots=True)
class Resumed:
    at: float
    paused_for: float


@dataclass(frozen=True, slots=True)
class MeasureRecorded:
    at: float
    name: str
    unit: str | None
    side: Side | None
    value: float


@dataclass(frozen=True, slots=True)
class Prompt:
    """Something to say and show, from ``prompts``."""

    at: float
    text: str
    priority: Priority
    language: str | None = None  # said in this language; None: the language in force


Event = (
    StepStarted
    | StepFinished
    | StepExtended
    | PhaseChanged
    | RepCounted
    | RepUndone
    | HoldProgress
    | Countdown
    | HalfWay
    | SideSwitched
    | SetDone
    | SetUndone
    | ExerciseDone
    | SessionDone
    | Paused
    | Resumed
    | MeasureRecorded
    | Prompt
)


@dataclass(frozen=True, slots=True)
class State:
    """A read-only snapshot for the window."""

    index: int
    step: Step
    started: bool
    paused: bool
    done: bool
    stopped: bool
    time_left: float | None  # seconds to the step's deadline; None until a key
    elapsed: float  # seconds in this step, pauses left out
    set_reps: int  # reps counted in the current set on the current side (in total: all sides)
    reps_done: Mapping[tuple[str, Side], int]  # per exercise and side, whole session
    measures: Mapping[tuple[str, Side | None], float]
    paused_total: float
    can_undo: bool
    starts_in: float = 0.0  # seconds until the step starts, when it was handled ahead of time
