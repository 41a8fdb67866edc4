"""What a session did, per exercise and side, against what its plan asked for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from guide_app.core.engine import SetDone
from guide_app.core.plan import Plan
from guide_app.core.sides import Side


@dataclass(frozen=True, slots=True)
class SideSummary:
    """One exercise on one side: sets and reps done against planned, seconds held."""

    exercise: str  # the exercise's name
    side: Side
    sets_done: int
    sets_planned: int
    reps_done: int
    reps_planned: int
    hold_seconds: float
    skipped_sets: int


@dataclass(frozen=True, slots=True)
class Summary:
    """The end of a session: its title, whether it was stopped early, and the rows."""

    title: str
    stopped: bool
    rows: tuple[SideSummary, ...] = field(default_factory=tuple)


@dataclass
class _Tally:
    sets_done: int = 0
    sets_planned: int = 0
    reps_done: int = 0
    reps_planned: int = 0
    held: float = 0.0
    skipped: int = 0


def summarise(plan: Plan | None, sets: Iterable[SetDone]) -> tuple[SideSummary, ...]:
    """Rows in the plan's order (then any set the plan did not foresee)."""
    tallies: dict[tuple[str, Side], _Tally] = {}
    names: dict[str, str] = {}
    if plan is not None:
        for step in plan.steps:
            if step.exercise and step.side is not None and step.ends_set:
                tally = tallies.setdefault((step.exercise, step.side), _Tally())
                tally.sets_planned += 1
                tally.reps_planned += step.reps or 0
                names[step.exercise] = step.name or step.exercise
    for s in sets:
        tally = tallies.setdefault((s.exercise, s.side), _Tally())
        names[s.exercise] = s.name
        tally.reps_done += s.done_reps
        tally.held += s.held_seconds
        if s.skipped:
            tally.skipped += 1
        else:
            tally.sets_done += 1
    return tuple(
        SideSummary(
            exercise=names.get(exercise, exercise),
            side=side,
            sets_done=t.sets_done,
            sets_planned=t.sets_planned,
            reps_done=t.reps_done,
            reps_planned=t.reps_planned,
            hold_seconds=t.held,
            skipped_sets=t.skipped,
        )
        for (exercise, side), t in tallies.items()
    )
