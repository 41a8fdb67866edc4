"""Work/rest intervals in a plan: one get-ready, then work and rest on the clock.

An ``intervals`` block (20 s work, 10 s rest, 8 rounds) becomes, in the user's words:

* **One get-ready**, before the first round only: the block's title, the first exercise,
  its side, its load, its stop signs and its set-up cue (these two the first time the
  exercise comes up in the session).
* **Rounds.** Each round does every exercise once, in order: a two-sided exercise (or one
  whose sides alternate) in one interval, a one-sided exercise in one interval per side,
  the first side first. The block is one part of the session (one ``block`` number), so
  "skip exercise" leaves the rest of the intervals.
* **Work.** A ``WORK`` step of ``work`` seconds says "Work" on its first moment and counts
  3-2-1 at its end (no "Half-way", no "Hold for"). It carries ``interval``/``intervals``
  (its place in the whole block: "Interval 3 of 8"), ``round``/``rounds``, and
  ``set``/``sets`` = round/rounds, so the journal logs each interval as that set of its
  exercise and side. It has no rep target (``reps`` is None); with ``count_reps`` its
  ``count_unit`` says what the rep key counts ("reps", or "steps" for a walk); without it
  ``count_unit`` is None and the key counts nothing.
* **Rest** after every interval, the last one included, so 20/10 x 8 is exactly 4:00. It
  says "Rest" and what comes next when that changes (another exercise and its load, the
  other side);
  after the last interval of a round other than the final one it lasts ``round_rest``
  when given. A rest of 0 seconds is no step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from guide_app.core import prompts
from guide_app.core.model import Exercise, ExerciseBlock, Intervals
from guide_app.core.placeholders import fill
from guide_app.core.plan_limits import too_many_steps
from guide_app.core.plan_work import PlanError, Work, alternates
from guide_app.core.prompts import Line
from guide_app.core.sides import Side
from guide_app.core.steps import Range, Step, StepKind

if TYPE_CHECKING:
    from guide_app.core.plan import _Builder


@dataclass(frozen=True, slots=True)
class _Slot:
    """One interval of a round: an exercise on one side (or both)."""

    exercise: Exercise
    block: ExerciseBlock
    work: Work
    side: Side


def add(builder: _Builder, intervals: Intervals) -> None:
    """Add an intervals block's steps to the plan being built."""
    number = builder._block()
    slots = [slot for block in intervals.exercises for slot in _slots(builder, block)]
    rounds = intervals.rounds
    total = rounds * len(slots)
    head = Step(
        kind=StepKind.WORK,
        duration=intervals.work,
        block=number,
        rounds=rounds,
        rounds_range=Range(rounds, rounds),
        intervals=total,
    )
    works = [
        _interval(head, slot, r, (r - 1) * len(slots) + k + 1, intervals.count_reps)
        for r in range(1, rounds + 1)
        for k, slot in enumerate(slots)
    ]
    builder.steps.append(_ready(builder, intervals, works[0], slots[0]))
    for n, work in enumerate(works):
        if len(builder.steps) > builder.max_steps:  # content the loader did not count
            raise PlanError(too_many_steps(work.exercise or ""))
        builder.steps.append(work)
        after = works[n + 1] if n + 1 < len(works) else None
        seconds = intervals.rest
        ends_round = after is not None and after.round != work.round
        if ends_round and intervals.round_rest is not None:
            seconds = intervals.round_rest
        if seconds > 0:
            builder.steps.append(_rest(work, after, seconds))


def _slots(builder: _Builder, block: ExerciseBlock) -> list[_Slot]:
    """The intervals one exercise block does in each round: one per side it works."""
    ex = builder.exercise(block)
    dosage = builder.dosage(ex, block)
    works = builder.work(ex, dosage)
    if alternates(ex, dosage) and len(works) > 1:
        return [_Slot(ex, block, works[0], Side.BOTH)]  # the sides take turns within it
    return [_Slot(ex, block, w, w.side) for w in works]


def _interval(head: Step, slot: _Slot, round_no: int, interval: int, count_reps: bool) -> Step:
    from guide_app.core.plan import _with_counts

    ex = slot.exercise
    step = replace(head, exercise=ex.id, name=ex.name, side=slot.side, round=round_no)
    step = _with_counts(step, slot.work, round_no)  # the load and what the dosage carries
    unit = "steps" if slot.work.unit == "steps" else "reps"
    return replace(
        step,
        kind=StepKind.WORK,
        sets=head.rounds,
        reps=None,
        reps_range=None,
        count_unit=unit if count_reps else None,
        tempo=None,
        hold=None,
        up_to=None,
        interval=interval,
        ends_set=True,
        lines=(prompts.work(),),
    )


def _ready(builder: _Builder, intervals: Intervals, first: Step, slot: _Slot) -> Step:
    lines: list[Line] = []
    if intervals.title:
        lines.append(prompts.circuit(intervals.title))
    lines.append(prompts.exercise(slot.exercise.name))
    if (side := _one_side(first)) is not None:
        lines.append(prompts.side(side, first.limb))
    if first.load is not None:
        lines.append(prompts.load(first.load))
    cue_index = None
    first_time = slot.exercise.id not in builder.seen
    cues = slot.exercise.cues if first_time else ()
    signs = slot.exercise.stop_signs if first_time else ()
    lines.extend(prompts.stop_signs(fill(sign, first.side, first.limb) for sign in signs))
    builder.seen.update(block.exercise for block in intervals.exercises)
    if cues:
        cue_index = 0
        if cues[0].speak:
            lines.append(prompts.cue(fill(cues[0].text, first.side, first.limb)))
    if slot.block.note:
        lines.append(prompts.note(slot.block.note))
    return replace(
        first,
        kind=StepKind.READY,
        duration=builder.ready_seconds,
        cue_index=cue_index,
        text=slot.block.note,
        ends_set=False,
        lines=tuple(lines),
    )


def _rest(work: Step, after: Step | None, seconds: float) -> Step:
    """The rest after ``work``; like every rest it describes what comes next."""
    lines = [prompts.rest_now()]
    if after is None:
        after = work  # the end: the rest shows what was just done
    elif after.exercise != work.exercise:
        lines.append(prompts.next_up(after.name or "", _one_side(after), after.limb))
        if after.load is not None:
            lines.append(prompts.load(after.load))
    elif after.side != work.side and (side := _one_side(after)) is not None:
        lines.append(prompts.switch_to(side, after.limb))
    return replace(
        after,
        kind=StepKind.REST,
        duration=seconds,
        count_unit=None,
        ends_set=False,
        lines=tuple(lines),
    )


def _one_side(step: Step) -> str | None:
    """'left' or 'right' for a step on one side, else None."""
    return step.side.value if step.side in (Side.LEFT, Side.RIGHT) and step.side else None
