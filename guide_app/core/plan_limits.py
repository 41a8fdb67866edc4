"""How many steps a dosage or a session expands to, counted without expanding it, and the
most a plan may have.

A dosage within every field's own range can still multiply out past anything a person
could do (100 sets of 10,000 reps in 8 tempo phases is 16 million steps, and gigabytes
of plan). The loader counts each exercise's dosage and each session with ``dosage_steps``
and ``session_steps`` (sets x directions x reps x steps per rep, on each side: the same
arithmetic the planner follows, with nothing built), and refuses content over
``MAX_PLAN_STEPS`` at its line; the planner stops at the same limit on its own, for
content that did not come through the loader.
"""

from __future__ import annotations

from collections.abc import Mapping

from guide_app.core.i18n import ntr, tr
from guide_app.core.model import (
    CircuitBlock,
    Dosage,
    Exercise,
    ExerciseBlock,
    MeasureBlock,
    Pace,
    Session,
    Sides,
)

# The longest bundled session has about 650 steps; 10,000 is hours of work, built in a
# second or so.
MAX_PLAN_STEPS = 10_000


def _sides(exercise: Exercise, dosage: Dosage) -> list[Dosage]:
    """The dosage each side runs: one for a two-sided exercise, else two."""
    if exercise.sides is Sides.BOTH:
        return [dosage]
    own = list((dosage.per_side or {}).values())[:2]
    return [dosage.merged(entry) for entry in own] + [dosage] * (2 - len(own))


def _per_rep(dosage: Dosage) -> int:
    pace = dosage.effective_pace
    if pace is Pace.TEMPO:
        return max(1, sum(1 for phase in dosage.tempo or () if phase.seconds > 0))
    if pace is Pace.HOLD:
        return 2  # the hold, and the rest before the next one
    return 2 if dosage.hold else 1  # the rep, and its hold


def _side_steps(dosage: Dosage) -> int:
    reps = dosage.reps.high if dosage.reps is not None else 1
    directions = len(dosage.directions or ()) or 1
    # each set: its reps, then a rest or a switch before the next
    return (dosage.sets or 1) * directions * (reps * _per_rep(dosage) + 1)


def dosage_steps(exercise: Exercise, dosage: Dosage) -> int:
    """About how many steps ``exercise`` run with ``dosage`` expands to (at least as many)."""
    return 1 + sum(_side_steps(side) for side in _sides(exercise, dosage))


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
    """What a block runs: the exercise's dosage with the block's; one set a round in a
    circuit unless the block gives ``sets``."""
    dosage = exercise.dosage.merged(block.dosage)
    if in_circuit and not (block.dosage and "sets" in block.dosage.model_fields_set):
        dosage = dosage.model_copy(update={"sets": 1})
    return dosage


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
