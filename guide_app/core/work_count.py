"""Reps counted during a work interval: the rep key counts one without ending the step.

A work interval ends on its clock alone. While it runs, each press of the rep key counts
a rep (when the step has a ``count_unit``; without one the key counts nothing); the count
is shown, not said, so it cannot be taken for the 3-2-1 at the interval's end. ``back``
takes the last press back and the interval runs on; starting an interval again (``back``
from the rest after it, ``repeat_set``) takes back every rep it counted. The interval is
recorded as one set of its exercise and side, with the presses as its reps.
"""

from __future__ import annotations

from guide_app.core.events import RepCounted, RepUndone
from guide_app.core.sides import Side
from guide_app.core.steps import Step, StepKind

Counts = dict[tuple[int, Side], int]  # reps counted per set run and side
Totals = dict[tuple[str, Side], int]  # reps counted per exercise and side, whole session


def counts_reps(step: Step) -> bool:
    """Whether the rep key counts a rep during ``step`` without ending it."""
    return step.kind is StepKind.WORK and step.count_unit is not None


def counted(
    step: Step, run: int | None, counts: Counts, totals: Totals, at: float
) -> list[RepCounted]:
    """Count one more rep in the work interval ``step`` (set run ``run``)."""
    if not counts_reps(step) or run is None:
        return []
    assert step.exercise is not None and step.side is not None and step.set is not None
    rep = counts.get((run, step.side), 0) + 1
    counts[(run, step.side)] = rep
    totals[(step.exercise, step.side)] = totals.get((step.exercise, step.side), 0) + 1
    return [RepCounted(at, step.exercise, step.side, step.direction, step.set, rep, 0)]


def undo_last(
    step: Step, run: int | None, counts: Counts, totals: Totals, at: float
) -> list[RepUndone]:
    """Take back the last rep counted in the work interval ``step`` (none: nothing)."""
    return _take_back(step, run, counts, totals, at, 1)


def undo_all(
    step: Step, run: int | None, counts: Counts, totals: Totals, at: float
) -> list[RepUndone]:
    """Take back every rep counted in the work interval ``step``, the last first."""
    return _take_back(step, run, counts, totals, at, None)


def _take_back(
    step: Step, run: int | None, counts: Counts, totals: Totals, at: float, most: int | None
) -> list[RepUndone]:
    if step.kind is not StepKind.WORK or run is None or step.side is None:
        return []
    rep = counts.get((run, step.side), 0)
    stop = 0 if most is None else max(0, rep - most)
    assert step.exercise is not None and step.set is not None
    undone = []
    while rep > stop:
        undone.append(RepUndone(at, step.exercise, step.side, step.direction, step.set, rep))
        totals[(step.exercise, step.side)] = totals.get((step.exercise, step.side), 0) - 1
        rep -= 1
    if undone:
        counts[(run, step.side)] = rep
    return undone
