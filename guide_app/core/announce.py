"""What a step says as it runs: the events due when it starts and at each of its marks.

Pure functions of a step, a mark and the time they are due; the engine decides *when*
(on its absolute deadlines), these decide *what* is emitted: ``StepStarted``, a side
switch or tempo phase, the step's spoken lines, and at its marks the hold seconds,
the half-way call and the countdown.
"""

from __future__ import annotations

from guide_app.core import prompts
from guide_app.core.events import (
    Countdown,
    Event,
    HalfWay,
    HoldProgress,
    PhaseChanged,
    Prompt,
    SideSwitched,
    StepStarted,
)
from guide_app.core.steps import Mark, MarkKind, Step, StepKind


def say(line: prompts.Line, at: float) -> Prompt:
    """The event that says and shows ``line`` at ``at``."""
    return Prompt(at, line.text, line.priority)


def step_started(i: int, step: Step, at: float) -> list[Event]:
    """The events of step ``i`` starting at ``at``, its spoken lines last."""
    events: list[Event] = [StepStarted(at, i, step)]
    if step.kind is StepKind.SWITCH:
        events.append(SideSwitched(at, step.exercise, step.side, step.direction))
    elif step.kind is StepKind.PHASE and step.phase is not None:
        events.append(
            PhaseChanged(at, step.exercise, step.side, step.rep, step.phase, step.duration or 0.0)
        )
    events.extend(say(line, at) for line in step.lines)
    return events


def mark_reached(step: Step, mark: Mark, at: float) -> list[Event]:
    """The events of ``step``'s ``mark`` falling due at ``at``."""
    if mark.kind is MarkKind.SECOND:
        assert step.duration is not None
        return [HoldProgress(at, step.exercise, step.side, step.rep, mark.value, step.duration)]
    if mark.kind is MarkKind.HALF_WAY:
        return [HalfWay(at, step.kind), say(prompts.half_way(), at)]
    return [Countdown(at, mark.value, step.kind), say(prompts.countdown(mark.value), at)]
