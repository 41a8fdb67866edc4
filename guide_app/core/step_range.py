"""A timed step given as a range (a hold or rest of 30-45 s): adding the rest of the range.

The plan times such a step at the low end and keeps the top in ``Step.up_to``. Adding
the rest makes the running step last until ``up_to`` from its start (once: then there is
no more to add). Its marks are worked out again for the new length: what already passed
is not said again, a half-way already said is not said a second time, and the 3-2-1 comes
at the new end instead of the old.
"""

from __future__ import annotations

from dataclasses import replace

from guide_app.core.steps import Mark, MarkKind, Step


def extended(step: Step) -> tuple[Step, float] | None:
    """``step`` lasting to the top of its range and the seconds that adds, or None when
    there is nothing to add (no range, until a key, or the top already reached)."""
    if step.duration is None or step.up_to is None or step.up_to <= step.duration:
        return None
    return replace(step, duration=step.up_to), step.up_to - step.duration


def marks_to_come(
    before: tuple[Mark, ...], reached: int, longer: Step, elapsed: float
) -> tuple[tuple[Mark, ...], int]:
    """The longer step's marks, and the position of the first still to come ``elapsed``
    seconds into the step (``before[:reached]`` are the marks already reached)."""
    half_said = any(m.kind is MarkKind.HALF_WAY for m in before[:reached])
    marks = tuple(m for m in longer.marks() if not (half_said and m.kind is MarkKind.HALF_WAY))
    return marks, sum(1 for m in marks if m.offset <= elapsed)
