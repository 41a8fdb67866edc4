"""Expansion: a session and the user's sides become an ordered, immutable plan of steps.

A step is one thing the person does or waits for: get ready, a rep (self-paced, until a
key), a tempo phase, a hold, a rest, a side switch, a measurement, a note, the end.
Timed steps have a ``duration``; ``None`` means "until a key". Every step says which
exercise, side, set and rep it belongs to, and what is spoken when it starts.

Rules, in the user's words:

* **Sides.** ``per_side`` written as affected/unaffected is resolved against the user's
  affected side (else the weaker, else the left, with a warning); the rules for that
  and for which side goes first are in ``plan_sides``.
* **Side order.** ``side_by_side``: every set on the first side, a switch, then the
  other side. ``alternate_sets``: set 1 left, switch, set 1 right, switch, set 2 left...
  (the switch before a new set lasts the dosage's ``rest`` when that is longer).
  ``alternate_reps``: within a set the reps alternate left, right, left...; each side is
  counted on its own and a side with fewer reps or sets simply drops out. An exercise
  whose movement alternates (``sides: alternating``, e.g. marching) is run the same
  way: reps are per leg.
* **Directions** (walks): each set is walked in every direction in turn, with a short
  turn step between (``side_rest`` if given, else 5 s); each direction counts its reps.
* **Paces.** Self-paced rep: one step until a key; with ``hold``, a hold step follows
  and the rep counts when the hold ends. Tempo: one phase step per phase of the tempo
  (0-second phases get no step but stay in ``Step.tempo``). Hold pace: each rep is one
  hold, and the holds of a set are separated by the dosage's rest.
* **Counts.** A range of reps resolves to its top (8-12 counts to 12); the range stays
  on every step for the window. Rests default to 30 s, side switches to 10 s.
* **Circuits.** Rounds given as a range run the low end (2-3 runs 2 rounds; the range
  stays visible). Each round does every exercise once: one set per side, unless the
  circuit block gives ``sets`` itself. The circuit's rest comes between rounds.
* **Cues.** The first time an exercise appears, its get-ready step says the first cue
  (the set-up) and the first set's reps say the following cues, one per rep. On tempo
  reps only the phase words are said, on the beat, and the count is shown, not said:
  a cue or a count would collide with the next beat. Nor does the cue on screen move
  during tempo reps: a cue describes a movement, not a phase, and beside a phase word it
  does not describe it misleads ("OUT" beside "Pause for a moment"); the set-up cue of
  the get-ready stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from guide_app.core import prompts
from guide_app.core.model import (
    Circuit,
    CircuitBlock,
    Cue,
    Dosage,
    Exercise,
    ExerciseBlock,
    FirstSide,
    IntervalsBlock,
    Measure,
    MeasureBlock,
    NoteBlock,
    Pace,
    Session,
    SideOrder,
    Sides,
    TempoPhase,
    dosage_problem,
)
from guide_app.core.plan_limits import MAX_PLAN_STEPS, too_many_steps
from guide_app.core.plan_sides import SideChoice, is_relative, parse_side, side_key
from guide_app.core.prompts import Line
from guide_app.core.sides import Side
from guide_app.core.steps import (
    COUNTDOWN_KINDS,
    DEFAULT_READY_SECONDS,
    DEFAULT_REST_SECONDS,
    DEFAULT_SIDE_REST_SECONDS,
    DEFAULT_TURN_SECONDS,
    NOMINAL_REP_SECONDS,
    NOMINAL_WAIT_SECONDS,
    TIP_MIN_REST_SECONDS,
    WORK_KINDS,
    Mark,
    MarkKind,
    Plan,
    Range,
    Step,
    StepKind,
    phrases_for,
    rep_units,
)

# The plan's data types live in ``steps``; they are named here too, beside ``expand``.
__all__ = [
    "COUNTDOWN_KINDS",
    "WORK_KINDS",
    "Mark",
    "MarkKind",
    "Plan",
    "PlanError",
    "Range",
    "Side",
    "SideChoice",
    "Step",
    "StepKind",
    "expand",
    "phrases_for",
    "rep_units",
]


class PlanError(ValueError):
    """The session cannot be expanded: an unknown exercise or an incomplete dosage."""


# --------------------------------------------------------------------------- expansion


@dataclass(frozen=True, slots=True)
class _Work:
    """One side's resolved dosage."""

    side: Side
    sets: int
    low: int
    high: int
    pace: Pace
    tempo: tuple[TempoPhase, ...] | None
    hold: float | None
    rest: float
    side_rest: float
    turn: float
    unit: str
    directions: tuple[str | None, ...]

    @property
    def target(self) -> int:
        return self.high


@dataclass(frozen=True, slots=True)
class _Run:
    """One set on one side (or, when reps alternate, on the sides still working)."""

    set: int
    lanes: tuple[_Work, ...]
    direction: str | None

    @property
    def side(self) -> Side | None:
        """The one side working, or None when the sides alternate rep by rep."""
        return self.lanes[0].side if len(self.lanes) == 1 else None


@dataclass(frozen=True, slots=True)
class _Round:
    number: int
    count: int
    low: int
    high: int
    title: str | None
    opens: bool  # the first exercise of the round


@dataclass
class _Builder:
    exercises: Mapping[str, Exercise]
    choice: SideChoice
    ready_seconds: float | None
    max_steps: int = MAX_PLAN_STEPS
    steps: list[Step] = field(default_factory=list)
    assumed_affected: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    tips_said: dict[str, int] = field(default_factory=dict)
    blocks: int = 0

    def _block(self) -> int:
        self.blocks += 1
        return self.blocks - 1

    def exercise(self, block: ExerciseBlock) -> Exercise:
        try:
            return self.exercises[block.exercise]
        except KeyError:
            raise PlanError(
                f"the session uses exercise {block.exercise!r}, which is not in the library"
            ) from None

    # -- sides

    def work(self, ex: Exercise, dosage: Dosage) -> list[_Work]:
        """Each side's dosage, first side first (one entry, Side.BOTH, for two-sided work)."""
        if ex.sides is Sides.BOTH:
            return [self._resolve(ex, dosage, Side.BOTH)]
        per = dosage.per_side or {}
        relative = is_relative(per)
        affected = self.choice.affected_for(relative)
        if relative and self.choice.affected is None:
            self.assumed_affected.append(ex.name)
        first = self.choice.first_side(dosage.first_side, affected)
        order = [first, first.other()]
        result = []
        for s in order:
            side_dosage = dosage.merged(per.get(side_key(s, affected, relative)))
            result.append(self._resolve(ex, side_dosage, s))
        return result

    def _resolve(self, ex: Exercise, d: Dosage, side: Side) -> _Work:
        problem = dosage_problem(d)
        if problem:
            where = "" if side is Side.BOTH else f" ({side.value} side)"
            raise PlanError(f"{ex.id}{where}: {problem}")
        pace = d.effective_pace
        if pace is Pace.HOLD:
            low = high = 1
            if d.reps is not None:
                low, high = d.reps.low, d.reps.high
            unit = "holds"
        else:
            assert d.reps is not None  # dosage_problem checked it
            low, high = d.reps.low, d.reps.high
            unit = d.unit.value if d.unit else "reps"
        tempo = d.tempo if pace is Pace.TEMPO else None
        if pace is Pace.TEMPO and tempo is None:
            raise PlanError(f"{ex.id}: pace is tempo but no tempo is given")
        return _Work(
            side=side,
            sets=d.sets or 1,
            low=low,
            high=high,
            pace=pace,
            tempo=tempo,
            hold=d.hold.low if d.hold is not None and pace is not Pace.TEMPO else None,
            rest=DEFAULT_REST_SECONDS if d.rest is None else d.rest.low,
            side_rest=DEFAULT_SIDE_REST_SECONDS if d.side_rest is None else d.side_rest.low,
            turn=DEFAULT_TURN_SECONDS if d.side_rest is None else d.side_rest.low,
            unit=unit,
            directions=tuple(d.directions) if d.directions else (None,),
        )

    @staticmethod
    def runs(ex: Exercise, dosage: Dosage, work: list[_Work]) -> list[_Run]:
        order = dosage.side_order or SideOrder.SIDE_BY_SIDE
        if ex.sides is Sides.ALTERNATING:
            order = SideOrder.ALTERNATE_REPS
        most = max(w.sets for w in work)
        dirs = work[0].directions
        runs: list[_Run] = []
        if len(work) == 1 or order is SideOrder.SIDE_BY_SIDE:
            for w in work:
                runs.extend(_Run(s, (w,), d) for s in range(1, w.sets + 1) for d in dirs)
        elif order is SideOrder.ALTERNATE_SETS:
            for s in range(1, most + 1):
                for w in work:
                    if s <= w.sets:
                        runs.extend(_Run(s, (w,), d) for d in dirs)
        else:
            for s in range(1, most + 1):
                lanes = tuple(w for w in work if s <= w.sets)
                runs.extend(_Run(s, lanes, d) for d in dirs)
        return runs

    # -- blocks

    def exercise_block(self, block: ExerciseBlock, rnd: _Round | None) -> None:
        ex = self.exercise(block)
        dosage = ex.dosage.merged(block.dosage)
        if rnd is not None and not (block.dosage and "sets" in block.dosage.model_fields_set):
            dosage = dosage.model_copy(update={"sets": 1})
        work = self.work(ex, dosage)
        runs = self.runs(ex, dosage, work)
        first_time = ex.id not in self.seen
        self.seen.add(ex.id)
        cues = ex.cues if first_time else ()
        base = Step(
            kind=StepKind.READY,
            duration=None,
            block=self._block(),
            exercise=ex.id,
            name=ex.name,
            round=rnd.number if rnd else None,
            rounds=rnd.count if rnd else None,
            rounds_range=Range(rnd.low, rnd.high) if rnd else None,
        )
        self.steps.append(self._ready(ex, block, runs[0], rnd, cues, base))
        for i, run in enumerate(runs):
            if i:
                self._between(ex, runs[i - 1], run, base)
            self._run(ex, run, cues if i == 0 else (), base)

    def _ready(
        self,
        ex: Exercise,
        block: ExerciseBlock,
        run: _Run,
        rnd: _Round | None,
        cues: tuple[Cue, ...],
        base: Step,
    ) -> Step:
        w = run.lanes[0]
        lines: list[Line] = []
        if rnd is not None and rnd.opens:
            if rnd.number == 1 and rnd.title:
                lines.append(prompts.circuit(rnd.title))
            lines.append(prompts.round_of(rnd.number, rnd.count))
        lines.append(prompts.exercise(ex.name))
        side = run.side
        if side in (Side.LEFT, Side.RIGHT):
            lines.append(prompts.side(side.value))
        elif side is None:
            lines.append(prompts.start_side(w.side.value))
        if run.direction:
            lines.append(prompts.direction(run.direction))
        if w.sets > 1:
            lines.append(prompts.set_of(1, w.sets))
        cue_index = None
        if cues:
            cue_index = 0
            if cues[0].speak:
                lines.append(prompts.cue(cues[0].text))
        if block.note:
            lines.append(prompts.note(block.note))
        return replace(
            _with_counts(base, w, run.set),
            kind=StepKind.READY,
            duration=self.ready_seconds,
            side=side,
            direction=run.direction,
            cue_index=cue_index,
            text=block.note,
            lines=tuple(lines),
        )

    def _between(self, ex: Exercise, before: _Run, after: _Run, base: Step) -> None:
        """The rest, switch or turn between two runs of the same exercise."""
        w = after.lanes[0]
        head = replace(_with_counts(base, w, after.set), side=after.side, direction=after.direction)
        lines: list[Line] = []
        if before.lanes == after.lanes and before.set == after.set:
            kind, seconds = StepKind.SWITCH, before.lanes[0].turn
            if after.direction:
                lines.append(prompts.direction_switch(after.direction))
        elif before.side != after.side and before.side is not None and after.side is not None:
            kind, seconds = StepKind.SWITCH, before.lanes[0].side_rest
            if after.set > before.set and before.lanes[0].rest > seconds:
                # alternate_sets: the rest between sets is taken while switching sides
                seconds = before.lanes[0].rest
                lines.append(prompts.rest(seconds))
            lines.append(prompts.switch_to(after.side.value))
            if after.direction:
                lines.append(prompts.direction(after.direction))
            if w.sets > 1:
                lines.append(prompts.set_of(after.set, w.sets))
        else:
            kind, seconds = StepKind.REST, max(lane.rest for lane in before.lanes)
            lines.extend((prompts.rest(seconds), prompts.next_set(after.set, w.sets)))
            if after.direction:
                lines.append(prompts.direction(after.direction))
            lines.extend(self._tip(ex, seconds))
        if seconds > 0:
            self.steps.append(replace(head, kind=kind, duration=seconds, lines=tuple(lines)))

    def _tip(self, ex: Exercise, seconds: float) -> list[Line]:
        if not ex.tips or seconds < TIP_MIN_REST_SECONDS:
            return []
        n = self.tips_said.get(ex.id, 0)
        self.tips_said[ex.id] = n + 1
        return [prompts.tip(ex.tips[n % len(ex.tips)])]

    def _run(self, ex: Exercise, run: _Run, cues: tuple[Cue, ...], base: Step) -> None:
        alternating = len(run.lanes) > 1
        most = max(lane.target for lane in run.lanes)
        start = len(self.steps)
        for rep in range(1, most + 1):
            if len(self.steps) > self.max_steps:  # content the loader did not count
                raise PlanError(too_many_steps(ex.id))
            for lane_no, w in enumerate(run.lanes):
                if rep > w.target:
                    continue
                head = replace(
                    _with_counts(base, w, run.set), side=w.side, direction=run.direction, rep=rep
                )
                if w.pace is Pace.HOLD and not alternating and rep > 1 and w.rest > 0:
                    rest = (prompts.rest(w.rest),)
                    self.steps.append(
                        replace(head, kind=StepKind.REST, duration=w.rest, lines=rest)
                    )
                cue = None
                if lane_no == 0 and rep < len(cues):
                    cue = rep
                self._rep(ex, head, w, alternating, cue)
        if len(self.steps) > start:
            self.steps[-1] = replace(self.steps[-1], ends_set=True)

    def _rep(self, ex: Exercise, head: Step, w: _Work, alternating: bool, cue: int | None) -> None:
        lead: list[Line] = [prompts.rep_side(w.side.value)] if alternating else []
        said: list[Line] = []
        if cue is not None and ex.cues[cue].speak:
            said = [prompts.cue(ex.cues[cue].text)]
        head = replace(head, cue_index=cue)
        if w.pace is Pace.TEMPO:
            assert w.tempo is not None
            timed = [p for p in w.tempo if p.seconds > 0]
            for k, phase in enumerate(timed):
                word = prompts.phase(phase.name)
                # On the beat only the phase word is said: a cue would be cut off by the
                # next word. The cue on screen stays still too (no cue_index).
                lines = (*lead, word) if k == 0 else (word,)
                step = replace(
                    head,
                    kind=StepKind.PHASE,
                    duration=phase.seconds,
                    phase=phase.name,
                    ends_rep=k == len(timed) - 1,
                    lines=lines,
                )
                self.steps.append(replace(step, cue_index=None))
        elif w.pace is Pace.HOLD:
            assert w.hold is not None
            lines = (*lead, prompts.hold(w.hold), *said)
            hold = replace(head, kind=StepKind.HOLD, duration=w.hold, ends_rep=True, lines=lines)
            self.steps.append(hold)
        else:
            rep = replace(
                head,
                kind=StepKind.REP,
                duration=None,
                ends_rep=w.hold is None,
                lines=(*lead, *said),
            )
            self.steps.append(rep)
            if w.hold is not None:
                lines = (prompts.hold(w.hold),)
                self.steps.append(
                    replace(
                        head,
                        kind=StepKind.HOLD,
                        duration=w.hold,
                        ends_rep=True,
                        cue_index=None,
                        lines=lines,
                    )
                )

    def circuit(self, circuit: Circuit) -> None:
        rounds = circuit.rounds.low
        for r in range(1, rounds + 1):
            for j, block in enumerate(circuit.exercises):
                rnd = _Round(
                    r, rounds, circuit.rounds.low, circuit.rounds.high, circuit.title, j == 0
                )
                self.exercise_block(block, rnd)
            if r < rounds and circuit.rest > 0:
                self.steps.append(self._round_rest(circuit, r + 1, rounds))

    def _round_rest(self, circuit: Circuit, next_round: int, rounds: int) -> Step:
        block = circuit.exercises[0]
        ex = self.exercise(block)
        dosage = ex.dosage.merged(block.dosage)
        if ex.sides is Sides.BOTH:
            side: Side | None = Side.BOTH
        else:
            affected = self.choice.affected_for(is_relative(dosage.per_side))
            side = self.choice.first_side(dosage.first_side, affected)
            if ex.sides is Sides.ALTERNATING or dosage.side_order is SideOrder.ALTERNATE_REPS:
                side = None
        lines = [prompts.rest(circuit.rest), prompts.next_up(ex.name, side.value if side else None)]
        return Step(
            kind=StepKind.REST,
            duration=circuit.rest,
            exercise=ex.id,
            name=ex.name,
            side=side,
            round=next_round,
            rounds=rounds,
            rounds_range=Range(circuit.rounds.low, circuit.rounds.high),
            lines=tuple(lines),
        )

    def measure(self, measure: Measure) -> None:
        number = self._block()
        sides: list[Side | None] = [None]
        if measure.per_side:
            first = self.choice.first_side(None)
            sides = [first, first.other()]
        for k, side in enumerate(sides):
            lines = [prompts.measure(measure.name)]
            if side is not None:
                lines.append(prompts.side(side.value))
            if measure.how and k == 0:
                lines.append(prompts.cue(measure.how))
            self.steps.append(
                Step(
                    kind=StepKind.MEASURE,
                    duration=None,
                    block=number,
                    exercise=measure.exercise,
                    name=measure.name,
                    side=side,
                    text=measure.how,
                    measure_unit=measure.unit,
                    lines=tuple(lines),
                )
            )

    def note(self, text: str) -> None:
        self.steps.append(
            Step(
                kind=StepKind.NOTE,
                duration=None,
                block=self._block(),
                text=text,
                lines=(prompts.note(text),),
            )
        )


def _with_counts(step: Step, w: _Work, set_no: int) -> Step:
    return replace(
        step,
        set=set_no,
        sets=w.sets,
        reps=w.target,
        reps_range=Range(w.low, w.high),
        count_unit=w.unit,
        tempo=w.tempo,
        hold=w.hold,
    )


def expand(
    session: Session,
    exercises: Mapping[str, Exercise],
    *,
    affected: Side | str | None = None,
    weaker: Side | str | None = None,
    first: FirstSide = FirstSide.AFFECTED,
    ready_seconds: float | None = DEFAULT_READY_SECONDS,
    nominal_rep_seconds: float = NOMINAL_REP_SECONDS,
    nominal_wait_seconds: float = NOMINAL_WAIT_SECONDS,
    max_steps: int = MAX_PLAN_STEPS,
) -> Plan:
    """Expand ``session`` into a plan for a person with these sides.

    ``ready_seconds`` is the get-ready countdown before each exercise; ``None`` makes
    every get-ready wait for a key ("start when ready"). The nominal seconds only
    matter for the planned start times and the total. ``max_steps`` is the cap content
    is held to; only a soak bench of many hours asks for more.
    """
    choice = SideChoice(parse_side(affected, "affected"), parse_side(weaker, "weaker"), first)
    builder = _Builder(exercises, choice, ready_seconds, max_steps)
    for block in session.blocks:
        if isinstance(block, ExerciseBlock):
            builder.exercise_block(block, None)
        elif isinstance(block, CircuitBlock):
            builder.circuit(block.circuit)
        elif isinstance(block, IntervalsBlock):
            from guide_app.core import plan_intervals

            plan_intervals.add(builder, block.intervals)
        elif isinstance(block, MeasureBlock):
            builder.measure(block.measure)
        elif isinstance(block, NoteBlock):
            builder.note(block.note)
    builder.steps.append(Step(kind=StepKind.END, duration=0.0, lines=(prompts.well_done(),)))
    warnings: list[str] = []
    if builder.assumed_affected:
        warnings.append(choice.assumed_warning(builder.assumed_affected))
    return Plan(
        session=session.id,
        title=session.title,
        steps=tuple(builder.steps),
        warnings=tuple(warnings),
        affected=choice.affected,
        weaker=choice.weaker,
        nominal_rep_seconds=nominal_rep_seconds,
        nominal_wait_seconds=nominal_wait_seconds,
    )
