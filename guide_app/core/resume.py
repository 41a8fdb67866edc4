"""Carrying on an interrupted session: the journal's saved sets as the engine sees them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from guide_app.core.engine import SetDone, SetUndone
from guide_app.core.history import Measurement, SetRecord
from guide_app.core.i18n import ntr
from guide_app.core.plan import Plan, Range, StepKind
from guide_app.core.set_runs import PlanShape
from guide_app.core.sides import Side

SetKey = tuple[int, str, Side, str | None, int, int | None]
"""A set as the engine reports it: (block, exercise, side, direction, set, round); the
exercise tells apart two exercises of one intervals block on the same side."""


def set_places(plan: Plan) -> dict[SetKey, int]:
    """Each set of ``plan`` (per side) and its place: the plan index of its first step on
    that side. Unique in the plan, also for the two directions of a walk set, which share
    block, side and set."""
    places: dict[SetKey, int] = {}
    for run in PlanShape.of(plan.steps).runs:
        for side, index in run.lead.items():
            lead = plan.steps[index]
            if lead.set is not None and lead.exercise is not None:
                key = (run.block, lead.exercise, side, lead.direction, lead.set, lead.round)
                places[key] = index
    return places


def set_key(event: SetDone | SetUndone) -> SetKey:
    return (event.block, event.exercise, event.side, event.direction, event.set, event.round)


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """What the journal holds of a plan: the plan places already recorded (sets and
    measurements, for the engine), reps per exercise and side (for the engine's counts),
    the sets themselves (for the summary), and where the plan carries on."""

    done: frozenset[int]
    reps: dict[tuple[str, Side], int]
    sets: tuple[SetDone, ...]
    saved: int  # sets in the journal, done or skipped
    skipped: int  # of those, not finished as planned (cut short included)
    cut_short: int = 0  # of the skipped, started but ended early
    measured: int = 0  # measurements in the journal
    last: int = -1  # the last plan step already done: the plan carries on after it


def saved_words(done: int, skipped: int, *, cut_short: int = 0, measured: int = 0) -> str:
    """What a journal holds of an interrupted session, in words: "9 sets were done,
    1 cut short, 5 skipped, 2 measurements taken" (``skipped`` counts the sets with
    nothing done)."""
    words = ntr("{n} set was done", "{n} sets were done", done)
    if cut_short:
        words += ", " + ntr("{n} cut short", "{n} cut short", cut_short)
    if skipped:
        words += ", " + ntr("{n} skipped", "{n} skipped", skipped)
    if measured:
        words += ", " + ntr("{n} measurement taken", "{n} measurements taken", measured)
    return words


def resume_point(
    plan: Plan, records: Iterable[SetRecord], measurements: Iterable[Measurement] = ()
) -> ResumePoint:
    """Match saved sets and measurements to their places in the plan.

    A row is matched by its ``plan_index`` when the step there is what the row says (same
    exercise, side and set, or same measurement and side); otherwise (rows saved before
    journal version 3, or content changed since) by what it says, to the first place in
    plan order not matched yet.
    """
    shape = PlanShape.of(plan.steps)
    free: dict[tuple[object, ...], list[int]] = {}
    for run in shape.runs:
        for side, index in run.lead.items():
            lead = plan.steps[index]
            free.setdefault(("set", lead.exercise, run.block, side, lead.set), []).append(index)
    for index, step in enumerate(plan.steps):
        if step.kind is StepKind.MEASURE:
            free.setdefault(("measure", step.name, step.side or Side.BOTH), []).append(index)

    def place(key: tuple[object, ...], hint: int | None) -> int | None:
        places = free.get(key, [])
        found = hint if hint in places else (places[0] if places else None)
        if found is not None:
            places.remove(found)
        return found

    done: set[int] = set()
    reps: dict[tuple[str, Side], int] = {}
    sets: list[SetDone] = []
    saved = skipped = cut_short = measured = 0
    last = -1
    for record in records:
        saved += 1
        skipped += record.skipped
        cut_short += record.cut_short
        side = Side(record.side)
        key = ("set", record.exercise_id, record.step, side, record.set_number)
        found = place(key, record.plan_index)
        if found is None:
            continue
        step, run_index = plan.steps[found], shape.run_of[found]
        assert step.exercise is not None and record.step is not None and run_index is not None
        run = shape.runs[run_index]
        done.add(found)
        last = max(last, run.last)
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
                load=record.load,
            )
        )
    for measurement in measurements:
        measured += 1
        found = place(("measure", measurement.name, measurement.side), measurement.plan_index)
        if found is not None:
            done.add(found)
            last = max(last, found)
    return ResumePoint(
        frozenset(done), reps, tuple(sets), saved, skipped, cut_short, measured, last
    )


def resume_words(records: Iterable[SetRecord], measured: int = 0) -> str:
    """``saved_words`` for the sets (and the number of measurements) a journal holds of
    an interrupted session."""
    sets = list(records)
    skipped = sum(1 for s in sets if s.skipped)
    cut_short = sum(1 for s in sets if s.cut_short)
    return saved_words(
        len(sets) - skipped, skipped - cut_short, cut_short=cut_short, measured=measured
    )
