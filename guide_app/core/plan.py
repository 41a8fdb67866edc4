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
* **Version 2.** ``only`` plans one side alone; a ``per_side`` entry with ``when`` applies
  only when the user's weaker side is the one it names; ``count: in_total`` counts
  alternating reps 1..N across both sides (each side its share; a side working alone,
  ``only`` or a set the other side has not, does the whole total); ``by_week`` picks the
  week's row (week 1 when none is given, with a warning); a range of seconds is timed at
  its low end and the step keeps its top (``up_to``); load, effort and limb ride on every
  step of the exercise (``plan_work`` resolves them).
* **Cues.** The first time an exercise appears, its get-ready step says the first cue
  (the set-up) and the first set's reps say the following cues, one per rep. On tempo
  reps only the phase words are said, on the beat, and the count is shown, not said:
  a cue or a count would collide with the next beat. Nor does the cue on screen move
  during tempo reps: a cue describes a movement, not a phase, and beside a phase word it
  does not describe it misleads ("OUT" beside "Pause for a moment"); the set-up cue of
  the get-ready stays. Cues and tips are filled for the side worked (``{side}``,
  ``{other_side}``, ``{limb}``). A rest of 15 s or more says the exercise's next tip, in
  turn; the step keeps which (``Step.tip``), so the screen shows the tip last said.
* **Stop signs.** The first time an exercise appears, its get-ready says its stop signs
  (when to stop: sharp pain, numbness), filled like the cues, after what the set is and
  before the set-up cue, so the set-up is the last thing heard before starting; never
  again in that session (another block, a circuit's next round).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from guide_app.core import prompts
from guide_app.core.i18n import tr
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
)
from guide_app.core.placeholders import fill
from guide_app.core.plan_limits import MAX_PLAN_STEPS, too_many_steps
from guide_app.core.plan_sides import SideChoice, parse_side
from guide_app.core.plan_work import (
    Assumed,
    PlanError,
    Run,
    Work,
    alternates,
    only_side,
    resolve,
    runs,
    shares,
    sides,
)
from guide_app.core.prompts import Line
from guide_app.core.sides import Side
from guide_app.core.steps import (
    COUNTDOWN_KINDS,
    DEFAULT_READY_SECONDS,
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
    phrase_languages,
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
    "phrase_languages",
    "phrases_for",
    "rep_units",
]


# One side's resolved dosage, and one set run: ``plan_work`` builds them.
_Work = Work
_Run = Run


# --------------------------------------------------------------------------- expansion


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
    week: int | None = None
    steps: list[Step] = field(default_factory=list)
    assumed: Assumed = field(default_factory=Assumed)
    week_assumed: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    tips_said: dict[str, int] = field(default_factory=dict)
    blocks: int = 0

    @property
    def assumed_affected(self) -> list[str]:
        """The exercises for which an affected side had to be assumed."""
        return self.assumed.affected

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

    def dosage(self, ex: Exercise, block: ExerciseBlock, in_circuit: bool = False) -> Dosage:
        """What ``block`` runs this week: the exercise's dosage with the block's (its
        week's row, when it has a table); in a circuit one set a round unless it says."""
        own = block.week_dosage(self.week)
        if block.by_week and self.week is None:
            self.week_assumed.append(ex.name)
        dosage = ex.dosage.merged(own)
        if in_circuit and not (own and "sets" in own.model_fields_set):
            dosage = dosage.model_copy(update={"sets": 1})
        return dosage

    def work(self, ex: Exercise, dosage: Dosage) -> list[Work]:
        """Each side's dosage, first side first (one entry, Side.BOTH, for two-sided work)."""
        return [resolve(ex, d, s) for s, d in sides(ex, dosage, self.choice, self.assumed)]

    def _resolve(self, ex: Exercise, d: Dosage, side: Side) -> Work:
        return resolve(ex, d, side)

    @staticmethod
    def runs(ex: Exercise, dosage: Dosage, work: list[Work]) -> list[Run]:
        return runs(ex, dosage, work)

    # -- blocks

    def exercise_block(self, block: ExerciseBlock, rnd: _Round | None) -> None:
        ex = self.exercise(block)
        dosage = self.dosage(ex, block, rnd is not None)
        work = self.work(ex, dosage)
        runs = self.runs(ex, dosage, work)
        first_time = ex.id not in self.seen
        self.seen.add(ex.id)
        cues = ex.cues if first_time else ()
        signs = ex.stop_signs if first_time else ()
        base = Step(
            kind=StepKind.READY,
            duration=None,
            block=self._block(),
            exercise=ex.id,
            name=ex.name,
            round=rnd.number if rnd else None,
            rounds=rnd.count if rnd else None,
            rounds_range=Range(rnd.low, rnd.high) if rnd else None,
            limb=ex.limb,
        )
        self.steps.append(self._ready(ex, block, runs[0], rnd, cues, signs, base))
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
        signs: tuple[str, ...],  # the stop signs to say (the first time only)
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
            lines.append(prompts.side(side.value, w.limb))
        elif side is None:
            lines.append(prompts.start_side(w.side.value, w.limb))
        if run.direction:
            lines.append(prompts.direction(run.direction))
        if w.load is not None:
            lines.append(prompts.load(w.load))
        if w.sets > 1:
            lines.append(prompts.set_of(1, w.sets))
        lines.extend(prompts.stop_signs(fill(sign, w.side, w.limb) for sign in signs))
        cue_index = None
        if cues:
            cue_index = 0
            if cues[0].speak:
                lines.append(prompts.cue(fill(cues[0].text, w.side, w.limb)))
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
        head = replace(
            _with_counts(base, w, after.set),
            side=after.side,
            direction=after.direction,
        )
        lines: list[Line] = []
        tip: int | None = None
        was = before.lanes[0]
        if before.lanes == after.lanes and before.set == after.set:
            kind, seconds, up_to = StepKind.SWITCH, was.turn, was.side_rest_up_to
            if after.direction:
                lines.append(prompts.direction_switch(after.direction))
        elif before.side != after.side and before.side is not None and after.side is not None:
            kind, seconds, up_to = StepKind.SWITCH, was.side_rest, was.side_rest_up_to
            if after.set > before.set and was.rest > seconds:
                # alternate_sets: the rest between sets is taken while switching sides
                seconds, up_to = was.rest, was.rest_up_to
                lines.append(prompts.rest(seconds, up_to))
            lines.append(prompts.switch_to(after.side.value, w.limb))
            if after.direction:
                lines.append(prompts.direction(after.direction))
            if w.load is not None and w.load != was.load:
                lines.append(prompts.load(w.load))
            if w.sets > 1:
                lines.append(prompts.set_of(after.set, w.sets))
        else:
            longest = max(before.lanes, key=lambda lane: lane.rest)
            kind, seconds, up_to = StepKind.REST, longest.rest, longest.rest_up_to
            lines.extend((prompts.rest(seconds, up_to), prompts.next_set(after.set, w.sets)))
            if after.direction:
                lines.append(prompts.direction(after.direction))
            tip = self._tip(ex, seconds)
            if tip is not None:
                lines.append(prompts.tip(fill(ex.tips[tip], after.side, ex.limb)))
        if seconds > 0:
            step = replace(
                head, kind=kind, duration=seconds, up_to=up_to, tip=tip, lines=tuple(lines)
            )
            self.steps.append(step)

    def _tip(self, ex: Exercise, seconds: float) -> int | None:
        """The tip a rest of ``seconds`` says, the exercise's tips in turn (None: none)."""
        if not ex.tips or seconds < TIP_MIN_REST_SECONDS:
            return None
        n = self.tips_said.get(ex.id, 0)
        self.tips_said[ex.id] = n + 1
        return n % len(ex.tips)

    def _run(self, ex: Exercise, run: Run, cues: tuple[Cue, ...], base: Step) -> None:
        alternating = len(run.lanes) > 1
        start = len(self.steps)
        for rep, w, head in _reps(run, base):
            if len(self.steps) > self.max_steps:  # content the loader did not count
                raise PlanError(too_many_steps(ex.id))
            if w.pace is Pace.HOLD and not alternating and rep > 1 and w.rest > 0:
                rest = (prompts.rest(w.rest, w.rest_up_to),)
                self.steps.append(
                    replace(
                        head, kind=StepKind.REST, duration=w.rest, up_to=w.rest_up_to, lines=rest
                    )
                )
            first_lane = w is run.lanes[0] or w.in_total  # in total: every rep is the next
            cue = rep if first_lane and rep < len(cues) else None
            self._rep(ex, head, w, alternating, cue)
        if len(self.steps) > start:
            self.steps[-1] = replace(self.steps[-1], ends_set=True)

    def _rep(self, ex: Exercise, head: Step, w: Work, alternating: bool, cue: int | None) -> None:
        lead: list[Line] = [prompts.rep_side(w.side.value)] if alternating else []
        said: list[Line] = []
        if cue is not None and ex.cues[cue].speak:
            said = [prompts.cue(fill(ex.cues[cue].text, w.side, w.limb))]
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
            return
        assert w.pace is not Pace.HOLD or w.hold is not None
        if w.pace is not Pace.HOLD:
            rep = replace(
                head,
                kind=StepKind.REP,
                duration=None,
                ends_rep=w.hold is None,
                lines=(*lead, *said),
            )
            self.steps.append(rep)
            lead, said, head = [], [], replace(head, cue_index=None)
        if w.hold is not None:
            lines = (*lead, prompts.hold(w.hold, w.hold_up_to), *said)
            self.steps.append(
                replace(
                    head,
                    kind=StepKind.HOLD,
                    duration=w.hold,
                    up_to=w.hold_up_to,
                    ends_rep=True,
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
        dosage = ex.dosage.merged(block.week_dosage(self.week))
        planned = sides(ex, dosage, self.choice, Assumed())  # warned when it runs
        side: Side | None = planned[0][0]
        if len(planned) > 1 and alternates(ex, dosage):
            side = None
        name = side.value if side else None
        lines = [prompts.rest(circuit.rest), prompts.next_up(ex.name, name, ex.limb)]
        return Step(
            kind=StepKind.REST,
            duration=circuit.rest,
            exercise=ex.id,
            name=ex.name,
            side=side,
            round=next_round,
            rounds=rounds,
            rounds_range=Range(circuit.rounds.low, circuit.rounds.high),
            limb=ex.limb,
            lines=tuple(lines),
        )

    def measure(self, measure: Measure) -> None:
        number = self._block()
        where: list[Side | None] = [None]
        if measure.only is not None:
            where = [only_side(measure.only, measure.name, self.choice, self.assumed)]
        elif measure.per_side:
            first = self.choice.first_side(None)
            where = [first, first.other()]
        for k, side in enumerate(where):
            lines = [prompts.measure(measure.name)]
            if side is not None:
                lines.append(prompts.side(side.value))
            if measure.goal is not None:
                lines.append(prompts.goal(measure.goal, measure.unit))
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
                    goal=measure.goal,
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


def _with_counts(step: Step, w: Work, set_no: int) -> Step:
    """``step`` with the counts of ``w``'s set ``set_no``: counted in total, a side that
    works on its own (``only``, or the sets the other side has not) does the whole total."""
    return replace(
        step,
        set=set_no,
        sets=w.sets,
        reps=w.high,
        reps_range=Range(w.low, w.high),
        count_unit=w.unit,
        tempo=w.tempo,
        hold=w.hold,
        load=w.load,
        load_step=w.load_step,
        effort=w.effort,
        limb=w.limb,
    )


def _reps(run: Run, base: Step) -> Iterator[tuple[int, Work, Step]]:
    """Each rep of a set run: its number, its side's work, and its step's counts.

    Reps alternating sides are counted per side, a side with fewer dropping out; with
    ``count: in_total`` they are counted 1..N across the sides, each side its share (a
    side alone, a run of one lane, does the whole total)."""
    lanes = run.lanes
    if lanes[0].in_total and len(lanes) > 1:
        total = lanes[0].target
        parts = shares(total, len(lanes))
        for k in range(1, total + 1):
            lane = (k - 1) % len(lanes)
            w = lanes[lane]
            head = _with_counts(base, w, run.set)
            yield (
                k,
                w,
                replace(head, side=w.side, direction=run.direction, rep=k, share=parts[lane]),
            )
        return
    most = max(w.high for w in lanes)
    for rep in range(1, most + 1):
        for w in lanes:
            head = _with_counts(base, w, run.set)
            if rep <= (head.reps or 0):
                yield rep, w, replace(head, side=w.side, direction=run.direction, rep=rep)


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
    week: int | None = None,
) -> Plan:
    """Expand ``session`` into a plan for a person with these sides.

    ``ready_seconds`` is the get-ready countdown before each exercise; ``None`` makes
    every get-ready wait for a key ("start when ready"). The nominal seconds only
    matter for the planned start times and the total. ``max_steps`` is the cap content
    is held to; only a soak bench of many hours asks for more. ``week`` (counted from 1)
    picks the row of a week-by-week dosage; None plans week 1 and says so.
    """
    choice = SideChoice(parse_side(affected, "affected"), parse_side(weaker, "weaker"), first)
    builder = _Builder(exercises, choice, ready_seconds, max_steps, week)
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
    warnings = builder.assumed.warnings(choice)
    if builder.week_assumed:
        names = ", ".join(dict.fromkeys(builder.week_assumed))
        warnings.append(
            tr(
                "No week was given: week 1 assumed for the week-by-week dosage of {names}",
                names=names,
            )
        )
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
