"""What a step says as it runs: the events due when it starts and at each of its marks.

Pure functions of a step, a mark and the time they are due, and ``Speaking``, which
keeps track of when the words asked for so far end; the engine decides *when* (on its
absolute deadlines), these decide *what* is emitted: ``StepStarted``, a side switch or
tempo phase, the step's spoken lines, and at its marks the hold seconds, the half-way
call and the countdown.

Words on a beat (counts, phase words, "Hold", the side before each rep, the countdown,
"Half-way") are asked for their own moment: a higher prompt cuts a lower one, and a new
word on the beat replaces the one before. The other lines of a step (names, sides, sets,
cues, notes, tips) *follow*: each is asked for the moment the words before it end, so
they are heard one after another, whole. A step the person waits through (get ready,
rest, switch) lasts at least as long as its words and then its 3-2-1 countdown: the
words are not cut off by the countdown or the next step. How long a phrase takes comes
from the voice (``SpokenSeconds``); without it every line is asked for the step's first
moment and the plan's times hold exactly.
"""

from __future__ import annotations

import math
from dataclasses import replace

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
from guide_app.core.steps import (
    COUNTDOWN_FROM,
    COUNTDOWN_MIN_SECONDS,
    Mark,
    MarkKind,
    Step,
    StepKind,
)
from guide_app.core.voice import Priority, SpokenSeconds

# Steps the person waits through: they last as long as their words need.
WAIT_KINDS = frozenset({StepKind.READY, StepKind.REST, StepKind.SWITCH})


def say(line: prompts.Line, at: float) -> Prompt:
    """The event that says and shows ``line`` at ``at``."""
    return Prompt(at, line.text, line.priority, line.language)


class Speaking:
    """When the words asked for so far end, so that the next lines follow them."""

    def __init__(self, spoken: SpokenSeconds | None = None) -> None:
        self._spoken = spoken
        self.until = -math.inf  # when the last words asked for end (session seconds)

    def length(self, line: prompts.Line) -> float:
        """Seconds from ``line`` being heard until the next may start (0: unknown)."""
        if self._spoken is None:
            return 0.0
        seconds = self._spoken(line.text, line.priority)
        return max(0.0, seconds) if seconds is not None else 0.0

    def interrupt(self, now: float) -> None:
        """A command moved the session on: what was still to be said is not waited for."""
        self.until = now

    def on_beat(self, line: prompts.Line, at: float) -> Prompt:
        """``line`` at its own moment; it cuts off or replaces what was being said."""
        self.until = at + self.length(line)
        return say(line, at)

    def follow(self, line: prompts.Line, at: float) -> Prompt:
        """``line`` at ``at`` or, if words are still being said then, once they end."""
        start = max(at, self.until)
        self.until = start + self.length(line)
        return say(line, start)

    def line(self, line: prompts.Line, at: float) -> Prompt:
        """A step's line: on the beat for counts and words on the beat, else following."""
        return self.on_beat(line, at) if line.priority >= Priority.COUNT else self.follow(line, at)


def fitted(step: Step, words: float) -> Step:
    """``step`` made long enough for ``words`` seconds of speech from its start, then its
    countdown, if it is a step the person waits through and a timed one."""
    d = step.duration
    if step.kind not in WAIT_KINDS or d is None or words <= 0:
        return step
    room = d - COUNTDOWN_FROM if d >= COUNTDOWN_MIN_SECONDS else d
    if words <= room:
        return step
    longer = words + COUNTDOWN_FROM
    return replace(step, duration=longer if longer >= COUNTDOWN_MIN_SECONDS else words)


def step_started(
    i: int, step: Step, at: float, speaking: Speaking | None = None
) -> tuple[Step, list[Event]]:
    """Step ``i`` starting at ``at``, fitted to its words, and its events (its spoken
    lines last)."""
    speaking = speaking or Speaking()
    said = [speaking.line(line, at) for line in step.lines]
    step = fitted(step, speaking.until - at)
    events: list[Event] = [StepStarted(at, i, step)]
    if step.kind is StepKind.SWITCH:
        events.append(SideSwitched(at, step.exercise, step.side, step.direction))
    elif step.kind is StepKind.PHASE and step.phase is not None:
        events.append(
            PhaseChanged(at, step.exercise, step.side, step.rep, step.phase, step.duration or 0.0)
        )
    events.extend(said)
    return step, events


def mark_reached(
    step: Step, mark: Mark, at: float, speaking: Speaking | None = None
) -> list[Event]:
    """The events of ``step``'s ``mark`` falling due at ``at``."""
    speaking = speaking or Speaking()
    if mark.kind is MarkKind.SECOND:
        assert step.duration is not None
        return [HoldProgress(at, step.exercise, step.side, step.rep, mark.value, step.duration)]
    if mark.kind is MarkKind.HALF_WAY:
        return [HalfWay(at, step.kind), speaking.on_beat(prompts.half_way(), at)]
    return [
        Countdown(at, mark.value, step.kind),
        speaking.on_beat(prompts.countdown(mark.value), at),
    ]
