"""A plan and its steps: what a session expands to, as plain immutable data.

A step is one thing the person does or waits for: get ready, a rep (self-paced, until a
key), a tempo phase, a hold, a rest, a side switch, a measurement, a note, the end.
Timed steps have a ``duration``; ``None`` means "until a key". Every step says which
exercise, side, set and rep it belongs to, and what is spoken when it starts.
``plan.expand`` builds plans; the engine runs them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from guide_app.core import prompts
from guide_app.core.amounts import Effort, Load
from guide_app.core.model import Goal, TempoPhase
from guide_app.core.prompts import Line
from guide_app.core.sides import Side

DEFAULT_READY_SECONDS = 5.0
DEFAULT_REST_SECONDS = 30.0
DEFAULT_SIDE_REST_SECONDS = 10.0
DEFAULT_TURN_SECONDS = 5.0
NOMINAL_REP_SECONDS = 3.0
NOMINAL_WAIT_SECONDS = 10.0
COUNTDOWN_FROM = 3
COUNTDOWN_MIN_SECONDS = 5.0
HALF_WAY_MIN_SECONDS = 10.0
TIP_MIN_REST_SECONDS = 15.0


class StepKind(StrEnum):
    READY = "ready"
    REP = "rep"
    PHASE = "phase"
    HOLD = "hold"
    REST = "rest"
    SWITCH = "switch"
    MEASURE = "measure"
    NOTE = "note"
    WORK = "work"  # a work interval: timed, the rep key counts reps in it
    END = "end"


WORK_KINDS = frozenset({StepKind.REP, StepKind.PHASE, StepKind.HOLD, StepKind.WORK})
COUNTDOWN_KINDS = frozenset(
    {StepKind.HOLD, StepKind.REST, StepKind.READY, StepKind.SWITCH, StepKind.WORK}
)


@dataclass(frozen=True, slots=True)
class Range:
    """The prescribed range, kept for display: ``8-12``, or ``20`` when exact."""

    low: int
    high: int

    def __str__(self) -> str:
        return f"{self.low}-{self.high}" if self.low != self.high else str(self.low)


class MarkKind(StrEnum):
    SECOND = "second"  # a whole second of a hold has passed
    HALF_WAY = "half_way"
    COUNTDOWN = "countdown"  # 3, 2, 1 seconds left


_MARK_ORDER = {MarkKind.SECOND: 0, MarkKind.HALF_WAY: 1, MarkKind.COUNTDOWN: 2}


@dataclass(frozen=True, slots=True)
class Mark:
    """A moment inside a timed step, ``offset`` seconds after it starts."""

    offset: float
    kind: MarkKind
    value: int = 0


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a plan. Ready, rest and switch steps describe what comes next."""

    kind: StepKind
    duration: float | None  # seconds; None = until a key
    block: int | None = None  # which exercise run (or measure, note) this belongs to
    exercise: str | None = None
    name: str | None = None  # exercise or measurement name
    side: Side | None = None
    direction: str | None = None
    set: int | None = None
    sets: int | None = None  # sets for this side
    rep: int | None = None
    reps: int | None = None  # the target
    reps_range: Range | None = None
    count_unit: str | None = None  # reps, steps or holds
    phase: str | None = None
    tempo: tuple[TempoPhase, ...] | None = None
    hold: float | None = None  # seconds of hold per rep, if any
    round: int | None = None
    rounds: int | None = None
    rounds_range: Range | None = None
    cue_index: int | None = None  # which of the exercise's cues this step shows
    tip: int | None = None  # which of the exercise's tips this step says (a rest's)
    text: str | None = None  # a note's text, or how to take a measurement
    measure_unit: str | None = None
    goal: Goal | None = None  # a measurement's goal
    load: Load | None = None  # what the set is done against, as prescribed
    load_step: Load | None = None  # how far the load key moves it
    effort: Effort | None = None  # how hard the set should feel
    up_to: float | None = None  # a timed step given as a range: its top (duration is the low end)
    interval: int | None = None  # a work interval's number in its block, and how many
    intervals: int | None = None
    limb: str | None = None  # leg, arm, ... for a one-sided exercise that names it
    share: int | None = None  # count: in_total: this side's reps of the set's ``reps``
    ends_rep: bool = False  # the rep counts when this step ends
    ends_set: bool = False
    lines: tuple[Line, ...] = ()

    @property
    def say(self) -> str | None:
        """What is spoken when the step starts, as one text (None for silence)."""
        return prompts.joined(self.lines)

    def marks(self) -> tuple[Mark, ...]:
        """Moments inside the step: hold seconds, half-way, and the 3-2-1 countdown."""
        d = self.duration
        if d is None or d <= 0:
            return ()
        found: list[Mark] = []
        if self.kind is StepKind.HOLD:
            found.extend(Mark(float(s), MarkKind.SECOND, s) for s in range(1, math.ceil(d)))
            if d >= HALF_WAY_MIN_SECONDS:
                found.append(Mark(d / 2, MarkKind.HALF_WAY))
        if self.kind in COUNTDOWN_KINDS and d >= COUNTDOWN_MIN_SECONDS:
            found.extend(Mark(d - n, MarkKind.COUNTDOWN, n) for n in range(COUNTDOWN_FROM, 0, -1))
        found.sort(key=lambda m: (m.offset, _MARK_ORDER[m.kind]))
        return tuple(found)


@dataclass(frozen=True, slots=True)
class Plan:
    """A session expanded into steps, ready for the engine, the window and ``plan``."""

    session: str
    title: str
    steps: tuple[Step, ...]
    warnings: tuple[str, ...] = ()
    affected: Side | None = None
    weaker: Side | None = None
    nominal_rep_seconds: float = NOMINAL_REP_SECONDS
    nominal_wait_seconds: float = NOMINAL_WAIT_SECONDS

    def nominal_seconds(self, step: Step) -> float:
        """The step's length, with a nominal pace standing in for "until a key"."""
        if step.duration is not None:
            return step.duration
        return self.nominal_rep_seconds if step.kind is StepKind.REP else self.nominal_wait_seconds

    def start_times(self) -> tuple[float, ...]:
        """When each step starts if every self-paced step takes its nominal time."""
        starts: list[float] = []
        t = 0.0
        for step in self.steps:
            starts.append(t)
            t += self.nominal_seconds(step)
        return tuple(starts)

    def total_seconds(self) -> float:
        return sum(self.nominal_seconds(step) for step in self.steps)

    def planned_reps(self) -> dict[tuple[str, Side], int]:
        """Reps (or holds, or steps) the plan asks for, per exercise and side."""
        totals: dict[tuple[str, Side], int] = {}
        for step in self.steps:
            if step.ends_rep and step.exercise is not None and step.side is not None:
                key = (step.exercise, step.side)
                totals[key] = totals.get(key, 0) + 1
        return totals


def rep_units(steps: tuple[Step, ...]) -> tuple[int, ...]:
    """For each step, the index of the first step of its unit.

    The phases of one tempo rep form a unit (back returns to its start, next ends it);
    every other step is a unit of its own.
    """
    units: list[int] = []
    for i, step in enumerate(steps):
        prev = steps[i - 1] if i else None
        same_rep = (
            prev is not None
            and step.kind is StepKind.PHASE
            and prev.kind is StepKind.PHASE
            and not prev.ends_rep
            and prev.block == step.block
            and prev.rep == step.rep
            and prev.side == step.side
        )
        units.append(units[i - 1] if same_rep else i)
    return tuple(units)


# Steps that lead to the set that comes next in their exercise, and describe it.
LEADING_KINDS = frozenset({StepKind.READY, StepKind.REST, StepKind.SWITCH})


def work_ahead(steps: tuple[Step, ...]) -> tuple[int | None, ...]:
    """For each step, the work step whose set it belongs to: its own index for a work
    step, the next work step of its block for a get-ready, rest or switch, else None."""
    found: list[int | None] = [None] * len(steps)
    ahead: int | None = None  # the next work step of the block being walked back through
    block: int | None = None
    for i in range(len(steps) - 1, -1, -1):
        step = steps[i]
        if step.block != block:
            ahead, block = None, step.block
        if step.kind in WORK_KINDS:
            ahead = i
            found[i] = i
        elif step.kind in LEADING_KINDS:
            found[i] = ahead
    return tuple(found)


def phrase_languages(plan: Plan) -> dict[str, str]:
    """The phrases of ``plan`` said in another language than the one in force (content
    shown in English for lack of a translation), each with its language."""
    return {ln.text: ln.language for s in plan.steps for ln in s.lines if ln.language}


def phrases_for(plan: Plan) -> set[str]:
    """Every phrase the engine can say while running ``plan`` (each line on its own)."""
    phrases: set[str] = set()
    for step in plan.steps:
        phrases.update(line.text for line in step.lines)
        if step.ends_rep and step.rep is not None:
            phrases.add(prompts.count(step.rep).text)
        for mark in step.marks():
            if mark.kind is MarkKind.COUNTDOWN:
                phrases.add(prompts.countdown(mark.value).text)
            elif mark.kind is MarkKind.HALF_WAY:
                phrases.add(prompts.half_way().text)
    return phrases
