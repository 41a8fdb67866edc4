"""A plan's shape as the engine sees it: rep units, set runs, blocks, and what a skip leaves.

Computed once per plan and never changed. A *rep unit* is the steps one rep is made of
(the phases of a tempo rep; any other step on its own). A *set run* is the consecutive
steps of one set, on both sides when the reps alternate. The shape also says which
steps are left pointless once others were skipped (a rest before nothing, a switch to
the side the person is already on), and builds the ``SetDone``/``SetUndone`` that
record a set run. Reps counted in total (``Step.share``) are recorded per side, each
side against its share of the set; the count shown runs across both sides.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from guide_app.core.events import SetDone, SetUndone
from guide_app.core.sides import Side
from guide_app.core.steps import WORK_KINDS, Range, Step, StepKind, rep_units


@dataclass(frozen=True, slots=True)
class SetRun:
    """A set run: consecutive steps of one set (both sides when reps alternate)."""

    first: int
    last: int
    block: int
    sides: tuple[Side, ...]
    lead: Mapping[Side, int]  # each side's first work step, for SetDone's fields


@dataclass(frozen=True, slots=True)
class PlanShape:
    """The structure of a plan's steps, derived once with ``PlanShape.of``."""

    steps: tuple[Step, ...]
    unit: tuple[int, ...]  # each step's first step of its rep unit
    unit_end: tuple[int, ...]  # for a unit's first step, its last step
    run_of: tuple[int | None, ...]  # each step's set run, if it belongs to one
    runs: tuple[SetRun, ...]
    block_last: Mapping[int, int]  # each block's last step
    block_runs: Mapping[int, tuple[int, ...]]  # each block's set runs, in order
    exercise_blocks: frozenset[int]  # the blocks that are exercises (have a get-ready)

    @classmethod
    def of(cls, steps: tuple[Step, ...]) -> PlanShape:
        unit = rep_units(steps)
        ends = list(range(len(steps)))
        for i, u in enumerate(unit):
            ends[u] = i
        run_of, runs = _find_runs(steps)
        block_last: dict[int, int] = {}
        exercise_blocks: set[int] = set()
        for i, step in enumerate(steps):
            if step.block is not None:
                block_last[step.block] = i
                if step.kind is StepKind.READY:
                    exercise_blocks.add(step.block)
        block_runs: dict[int, list[int]] = {}
        for r, run in enumerate(runs):
            block_runs.setdefault(run.block, []).append(r)
        return cls(
            steps=steps,
            unit=unit,
            unit_end=tuple(ends),
            run_of=run_of,
            runs=runs,
            block_last=MappingProxyType(block_last),
            block_runs=MappingProxyType({b: tuple(rs) for b, rs in block_runs.items()}),
            exercise_blocks=frozenset(exercise_blocks),
        )

    def next_index(self, j: int, skipped: Collection[int]) -> int:
        """The first step from ``j`` on that is neither skipped nor made pointless by a skip."""
        last = len(self.steps) - 1
        while j < last and (j in skipped or (skipped and self.pointless(j, skipped))):
            j += 1
        return j

    def pointless(self, j: int, skipped: Collection[int]) -> bool:
        """A rest or switch left with nothing of its exercise after it, or a switch to the
        side the person is already on, once steps around it were skipped."""
        steps = self.steps
        step = steps[j]
        if step.kind not in (StepKind.REST, StepKind.SWITCH) or step.block is None:
            return False
        after = j + 1
        while after < len(steps) and (
            after in skipped or steps[after].kind in (StepKind.REST, StepKind.SWITCH)
        ):
            after += 1
        if after >= len(steps) or steps[after].block != step.block:
            return True
        if step.kind is StepKind.SWITCH:
            before = j - 1
            while before >= 0 and steps[before].block == step.block:
                prev = steps[before]
                if before not in skipped and (
                    prev.kind in WORK_KINDS or prev.kind is StepKind.SWITCH
                ):
                    return prev.side == step.side and prev.direction == step.direction
                before -= 1
        return False

    def set_done(
        self, run: int, side: Side, at: float, *, done: int, held: float, skipped: bool
    ) -> SetDone:
        """The record of ``side``'s set in run ``run``, with ``done`` reps counted."""
        info = self.runs[run]
        lead = self.steps[info.lead[side]]
        assert lead.exercise is not None and lead.name is not None
        assert lead.set is not None and lead.sets is not None
        # in total, each side's share of the set (a work interval: no target, done is logged)
        planned = lead.share or lead.reps or 0
        reps_range = lead.reps_range or Range(planned, planned)
        if lead.share is not None:  # the share of the low end and of the top
            lane, lanes = info.sides.index(side), len(info.sides)
            reps_range = Range(len(range(lane, reps_range.low, lanes)), planned)
        return SetDone(
            at=at,
            exercise=lead.exercise,
            name=lead.name,
            block=info.block,
            side=side,
            direction=lead.direction,
            set=lead.set,
            sets=lead.sets,
            round=lead.round,
            planned_reps=planned,
            reps_range=reps_range,
            done_reps=done,
            hold=lead.hold,
            held_seconds=held,
            tempo=lead.tempo,
            skipped=skipped or done < planned,
        )

    def counted(self, run: int, step: Step, counts: Mapping[tuple[int, Side], int]) -> int:
        """The reps counted so far in set run ``run`` as ``step`` shows them: its side's,
        or, counted in total (``step.share``), every side's, as the count runs across them."""
        assert step.side is not None
        if step.share is None:
            return counts.get((run, step.side), 0)
        return sum(counts.get((run, side), 0) for side in self.runs[run].sides)

    def set_undone(self, run: int, side: Side, at: float) -> SetUndone:
        """The event that takes back ``side``'s set in run ``run``."""
        info = self.runs[run]
        lead = self.steps[info.lead[side]]
        assert lead.exercise is not None and lead.set is not None
        return SetUndone(at, lead.exercise, info.block, side, lead.direction, lead.set, lead.round)


def _find_runs(steps: tuple[Step, ...]) -> tuple[tuple[int | None, ...], tuple[SetRun, ...]]:
    run_of: list[int | None] = [None] * len(steps)
    runs: list[SetRun] = []
    first: int | None = None
    sides: dict[Side, int] = {}
    for i, step in enumerate(steps):
        if first is None and step.kind in WORK_KINDS:
            first, sides = i, {}
        if first is None:
            continue
        run_of[i] = len(runs)
        if step.kind in WORK_KINDS and step.side is not None:
            sides.setdefault(step.side, i)
        if step.ends_set:
            block = step.block if step.block is not None else -1
            runs.append(SetRun(first, i, block, tuple(sides), MappingProxyType(sides)))
            first = None
    return tuple(run_of), tuple(runs)
