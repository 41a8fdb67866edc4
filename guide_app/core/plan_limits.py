"""How many steps a dosage or a session expands to, counted without expanding it, and the
most a plan may have.

A dosage within every field's own range can still multiply out past anything a person
could do (100 sets of 10,000 reps in 8 tempo phases is 16 million steps, and gigabytes
of plan). The loader counts each exercise's dosage and each session with ``dosage_steps``
and ``session_steps`` (sets x directions x reps x steps per rep, on each side: the same
arithmetic the planner follows, with nothing built), and refuses content over
``MAX_PLAN_STEPS`` at its line; the planner stops at the same limit on its own, for
content that did not come through the loader.

Version 2's shapes count as they plan: ``only`` one side; a ``per_side`` entry with
``when`` whichever of it and the dosage around it is larger; reps counted ``in_total``
half on each side; a week-by-week table its largest row.
"""

from __future__ import annotations

from collections.abc import Mapping

from guide_app.core.i18n import ntr, tr
from guide_app.core.model import (
    CircuitBlock,
    Dosage,
    Exercise,
    ExerciseBlock,
    IntervalsBlock,
    MeasureBlock,
    Pace,
    Session,
    SideOrder,
    Sides,
)

# The longest bundled session has about 650 steps; 10,000 is hours of work, built in a
# second or so.
MAX_PLAN_STEPS = 10_000


def _sides(exercise: Exercise, dosage: Dosage) -> list[Dosage]:
    """The dosage each side runs (at its largest): one for a two-sided exercise or one
    side alone, else two."""
    if exercise.sides is Sides.BOTH:
        return [dosage]
    own = []
    for entry in (dosage.per_side or {}).values():
        merged = dosage.merged(entry)
        if entry.when is not None:  # it applies or not, as a test found
            merged = max(merged, dosage, key=_side_steps)
        own.append(merged)
    if dosage.only is not None:
        return [max([dosage, *own], key=_side_steps)]
    return own[:2] + [dosage] * (2 - len(own[:2]))


def _in_total(exercise: Exercise, dosage: Dosage) -> bool:
    """Whether reps alternate sides and count across both (each side does half)."""
    alternate = exercise.sides is Sides.ALTERNATING or dosage.side_order is SideOrder.ALTERNATE_REPS
    return alternate and dosage.count == "in_total"


def _per_rep(dosage: Dosage) -> int:
    pace = dosage.effective_pace
    if pace is Pace.TEMPO:
        return max(1, sum(1 for phase in dosage.tempo or () if phase.seconds > 0))
    if pace is Pace.HOLD:
        return 2  # the hold, and the rest before the next one
    return 2 if dosage.hold else 1  # the rep, and its hold


def _side_steps(dosage: Dosage, half_sets: int = 0) -> int:
    """Steps of one side's sets; the first ``half_sets`` of them do half the reps (reps
    counted in total, both sides working), the rest all of them (a side left alone)."""
    reps = dosage.reps.high if dosage.reps is not None else 1
    sets = dosage.sets or 1
    halved = min(half_sets, sets)
    directions = len(dosage.directions or ()) or 1
    per_set = [(reps + 1) // 2] * halved + [reps] * (sets - halved)
    # each set: its reps, then a rest or a switch before the next
    return directions * sum(n * _per_rep(dosage) + 1 for n in per_set)


def dosage_steps(exercise: Exercise, dosage: Dosage) -> int:
    """About how many steps ``exercise`` run with ``dosage`` expands to (at least as many)."""
    sides = _sides(exercise, dosage)
    shared = 0
    if len(sides) == 2 and all(_in_total(exercise, side) for side in sides):
        shared = min(side.sets or 1 for side in sides)
    return 1 + sum(_side_steps(side, shared) for side in sides)


def dosage_too_long(exercise: Exercise, dosage: Dosage, where: str) -> str | None:
    """What to say when ``dosage`` expands past the limit, or None when it does not."""
    steps = dosage_steps(exercise, dosage)
    if steps <= MAX_PLAN_STEPS:
        return None
    sides = _sides(exercise, dosage)
    most = max(sides, key=_side_steps)
    reps = most.reps.high if most.reps is not None else 1
    parts = [
        tr(
            "{sets} of {reps}",
            sets=ntr("{n:,} set", "{n:,} sets", most.sets or 1),
            reps=ntr("{n:,} rep", "{n:,} reps", reps),
        )
    ]
    if most.effective_pace is Pace.TEMPO:
        phases = _per_rep(most)
        parts.append(ntr("{n} tempo phase each", "{n} tempo phases each", phases))
    if most.directions:
        parts.append(ntr("in {n} direction", "in {n} directions", len(most.directions)))
    if len(sides) > 1:
        parts.append(ntr("on {n} side", "on {n} sides", len(sides)))
    return tr(
        "{where}: expands to about {steps:,} steps ({detail}); a session may have at most "
        "{limit:,} steps: give fewer sets, reps or tempo phases",
        where=where,
        steps=steps,
        detail=", ".join(parts),
        limit=MAX_PLAN_STEPS,
    )


def block_dosage(exercise: Exercise, block: ExerciseBlock, in_circuit: bool) -> Dosage:
    """What a block runs: the exercise's dosage with the block's (a week-by-week table's
    largest row); one set a round in a circuit unless the block gives ``sets``."""
    weeks: list[int | None] = [row.weeks.first for row in block.by_week or ()] or [None]
    found: list[Dosage] = []
    for week in weeks:
        own = block.week_dosage(week)
        dosage = exercise.dosage.merged(own)
        if in_circuit and not (own and "sets" in own.model_fields_set):
            dosage = dosage.model_copy(update={"sets": 1})
        found.append(dosage)
    return max(found, key=lambda dosage: dosage_steps(exercise, dosage))


def session_steps(session: Session, exercises: Mapping[str, Exercise]) -> int:
    """About how many steps ``session`` expands to (exercises it names that are missing
    count for nothing)."""
    total = 1  # the end
    for block in session.blocks:
        if isinstance(block, ExerciseBlock):
            exercise = exercises.get(block.exercise)
            if exercise is not None:
                total += dosage_steps(exercise, block_dosage(exercise, block, False))
        elif isinstance(block, CircuitBlock):
            circuit = block.circuit
            one_round = 0
            for inner in circuit.exercises:
                used = exercises.get(inner.exercise)
                if used is not None:
                    one_round += dosage_steps(used, block_dosage(used, inner, True))
            total += circuit.rounds.low * (one_round + 1)
        elif isinstance(block, IntervalsBlock):
            # one get-ready; each round a work and a rest per exercise and side
            each = block.intervals.exercises
            found = [(exercises.get(b.exercise), b) for b in each]
            sides = sum(len(_sides(e, block_dosage(e, b, False))) for e, b in found if e)
            total += 1 + block.intervals.rounds * 2 * sides
        else:
            total += 2 if isinstance(block, MeasureBlock) else 1
    return total


def session_too_long(steps: int) -> str:
    """What to say of a session whose blocks add up past the limit."""
    return tr(
        "blocks: the session expands to about {steps:,} steps; a session may have at most "
        "{limit:,} steps: split it into shorter sessions",
        steps=steps,
        limit=MAX_PLAN_STEPS,
    )


def too_many_steps(exercise_id: str) -> str:
    """The planner's own stop, for content that did not come through the loader."""
    return tr(
        "{id}: the session expands to more than {limit:,} steps, the most a session may "
        "have: give fewer sets or reps",
        id=exercise_id,
        limit=MAX_PLAN_STEPS,
    )
