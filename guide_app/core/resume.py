"""Carrying on an interrupted session: the journal's saved sets as the engine sees them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from guide_app.core.engine import SetDone
from guide_app.core.history import SetRecord
from guide_app.core.i18n import ntr
from guide_app.core.plan import Plan, Range, Step
from guide_app.core.sides import Side


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """What the journal holds of a plan: the sets to pass over, reps per exercise and
    side (for the engine's counts), and the sets themselves (for the summary)."""

    done: frozenset[tuple[int, Side, int]]
    reps: dict[tuple[str, Side], int]
    sets: tuple[SetDone, ...]
    saved: int  # sets in the journal, done or skipped
    skipped: int  # of those, not finished as planned (cut short included)
    cut_short: int = 0  # of the skipped, started but ended early


def saved_words(done: int, skipped: int, *, cut_short: int = 0) -> str:
    """What a journal holds of an interrupted session, in words: "9 sets were done,
    1 cut short, 5 skipped" (``skipped`` counts the sets with nothing done)."""
    words = ntr("{n} set was done", "{n} sets were done", done)
    if cut_short:
        words += ", " + ntr("{n} cut short", "{n} cut short", cut_short)
    if skipped:
        words += ", " + ntr("{n} skipped", "{n} skipped", skipped)
    return words


def resume_point(plan: Plan, records: Iterable[SetRecord]) -> ResumePoint:
    """Match saved sets to the plan's set-ending steps by (step, side, set)."""
    steps: dict[tuple[int | None, Side | None, int | None], Step] = {
        (step.block, step.side, step.set): step
        for step in plan.steps
        if step.ends_set and step.block is not None and step.side is not None
    }
    done: set[tuple[int, Side, int]] = set()
    reps: dict[tuple[str, Side], int] = {}
    sets: list[SetDone] = []
    saved = skipped = cut_short = 0
    for record in records:
        saved += 1
        skipped += record.skipped
        cut_short += record.cut_short
        side = Side(record.side)
        step = steps.get((record.step, side, record.set_number))
        if step is None or step.exercise is None or record.step is None:
            continue
        done.add((record.step, side, record.set_number))
        reps[(step.exercise, side)] = reps.get((step.exercise, side), 0) + record.done_reps
        sets.append(
            SetDone(
                at=0.0,
                exercise=step.exercise,
                name=step.name or step.exercise,
                block=record.step,
                side=side,
                direction=step.direction,
                set=record.set_number,
                sets=step.sets or 1,
                round=step.round,
                planned_reps=record.planned_reps,
                reps_range=step.reps_range or Range(record.planned_reps, record.planned_reps),
                done_reps=record.done_reps,
                hold=record.hold_planned,
                held_seconds=record.hold_achieved or 0.0,
                tempo=step.tempo,
                skipped=record.skipped,
            )
        )
    return ResumePoint(frozenset(done), reps, tuple(sets), saved, skipped, cut_short)


def resume_words(records: Iterable[SetRecord]) -> str:
    """``saved_words`` for the sets a journal holds of an interrupted session."""
    sets = list(records)
    skipped = sum(1 for s in sets if s.skipped)
    cut_short = sum(1 for s in sets if s.cut_short)
    return saved_words(len(sets) - skipped, skipped - cut_short, cut_short=cut_short)
