"""Where the exercise figure is along its movement at each moment of a step (no Qt).

A position is 0 at the exercise's start pose and 1 at its end pose (the figure passes its
``via`` poses in between: ``guide_app.figure.moving``). Each step gets a ``Movement``: key
positions at seconds into the step, eased between; the window asks it where the figure is
at the step's elapsed time (pauses left out), so the figure moves exactly on the beat and a
pause freezes it.

What the figure does, in the user's words:

* **Tempo reps**: each phase moves on its beat. The first phase that is not a pause word
  ("hold", "pause", ...) goes from the start pose to the end pose, the next one back, and
  so on; a pause phase holds where the figure is. ``out 2, hold 1, back 3``: out over 2 s,
  held at the end pose for 1 s, back over 3 s.
* **Self-paced reps**: the movement is shown once as the rep is due (out, a moment at the
  end pose, back), then the figure waits at the start pose for the key. A rep followed by a
  hold shows the way out only and waits at the end pose.
* **Holds**: the held pose (the end pose). A hold that is a rep of its own (hold pace)
  moves into it first.
* **Get ready**: after a moment, one rep of the set ahead, at its pace, back at the start
  pose as the set begins (where the get-ready is too short for the whole rep, the moment
  is cut first, then the way back is quickened: the way out keeps its pace).
* **Work intervals**: the movement over and over, at the tempo if one is given.
* Rests, side switches, measurements, notes: the start pose, still.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace

from guide_app.core.steps import Plan, Step, StepKind, rep_units, work_ahead

# Tempo phase words that hold the figure where it is (the content's words, in English).
PAUSE_WORDS = frozenset({"hold", "pause", "squeeze", "stay", "rest", "wait", "stop"})
SHOW_MOVE = 1.2  # seconds one way of a movement shown for a self-paced rep
SHOW_HOLD = 0.5  # seconds at the end pose in between
INTO_HOLD = 0.8  # seconds a hold of its own takes to move into the held pose
READY_WAIT = 1.0  # seconds the get-ready waits before it shows a rep
READY_HOLD = 1.5  # seconds the get-ready shows a hold for (a hold runs longer than it)
READY_END = 0.3  # seconds the figure is back at the start pose before the set starts
READY_ROOM = 10.0  # seconds a get-ready that waits for a key gives its rep
LOOP_REST = 0.3  # seconds between two movements of a work interval

Key = tuple[float, float]  # (seconds into the step, position 0..1)


def ease(t: float) -> float:
    """Slow out, quick through the middle, slow in (a sine ease), for 0 <= t <= 1."""
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, t)))


@dataclass(frozen=True, slots=True)
class Movement:
    """The figure's way through one step: at each key's second it is at the key's
    position; between two keys it moves, eased; before the first key and after the last
    it stays. With ``loop``, the keys start again every ``loop`` seconds. A step is
    handled a little ahead of its start (so the voice is on the beat); until it starts
    (``elapsed`` below 0) the figure still follows the step ``before``, which lasts
    ``before_length`` seconds."""

    keys: tuple[Key, ...] = ((0.0, 0.0),)
    loop: float | None = None
    before: Movement | None = None
    before_length: float = 0.0

    def at(self, elapsed: float) -> float:
        """Where the figure is ``elapsed`` seconds into the step."""
        if elapsed < 0 and self.before is not None:
            return self.before.at(self.before_length + elapsed)
        keys = self.keys
        if self.loop:
            elapsed %= self.loop
        if elapsed <= keys[0][0]:
            return keys[0][1]
        for (t0, p0), (t1, p1) in itertools.pairwise(keys):
            if elapsed < t1:
                span = t1 - t0
                return p1 if span <= 0 else p0 + (p1 - p0) * ease((elapsed - t0) / span)
        return keys[-1][1]

    def moving(self, elapsed: float) -> bool:
        """Whether the figure still moves at or after ``elapsed`` (the window draws frames
        only then)."""
        if self.loop or elapsed < 0:
            return True
        ahead = [p for t, p in self.keys if t > elapsed]
        return any(p != self.at(elapsed) for p in ahead)

    @property
    def still(self) -> bool:
        """Whether the figure never moves in this step."""
        return not self.moving(-1.0)


STILL = Movement()


def _shown(start: float, out: float = SHOW_MOVE, rest: float = SHOW_HOLD) -> list[Key]:
    """One movement shown from ``start``: out, a moment at the end pose, back."""
    return [
        (start, 0.0),
        (start + out, 1.0),
        (start + out + rest, 1.0),
        (start + 2 * out + rest, 0.0),
    ]


def tempo_keys(phases: list[tuple[str, float]], start: float = 0.0) -> list[Key]:
    """Keys for one tempo rep: each phase (name, seconds) moves or holds on its beat."""
    keys: list[Key] = [(start, 0.0)]
    t, p = start, 0.0
    for name, seconds in phases:
        t += seconds
        if name.strip().lower() not in PAUSE_WORDS:
            p = 1.0 if p < 0.5 else 0.0
        keys.append((t, p))
    return keys


def _timed(step: Step) -> list[tuple[str, float]]:
    return [(p.name, p.seconds) for p in step.tempo or () if p.seconds > 0]


class Motions:
    """The figure's movement through each step of one plan. What the plan's shape says
    (each tempo phase's place in its rep, the set a get-ready leads to) is worked out
    once; the running step's movement is kept, as the screens ask for it many times a
    second. ``ahead``: ``steps.work_ahead`` of the plan, where the caller has it."""

    def __init__(self, plan: Plan, ahead: tuple[int | None, ...] | None = None) -> None:
        self._steps = plan.steps
        self._units = rep_units(plan.steps)
        self._ahead = ahead if ahead is not None else work_ahead(plan.steps)
        self._last: tuple[int, Step, Movement] | None = None

    def of(self, index: int, step: Step | None = None) -> Movement:
        """The movement through step ``index``; ``step``: the step as it runs (a
        get-ready or rest may last longer than the plan's, to fit its words)."""
        steps = self._steps
        if not 0 <= index < len(steps):
            return STILL
        running = step if step is not None else steps[index]
        if self._last is not None and self._last[0] == index and self._last[1] is running:
            return self._last[2]
        own = self._movement(index, running)
        before = steps[index - 1] if index > 0 else None
        if before is not None and before.duration and before.exercise == steps[index].exercise:
            own = replace(
                own, before=self._movement(index - 1, before), before_length=before.duration
            )
        self._last = (index, running, own)
        return own

    def _movement(self, index: int, running: Step) -> Movement:
        steps = self._steps
        kind = running.kind
        if kind is StepKind.PHASE:
            k = index - self._units[index]
            keys = tempo_keys(_timed(running))
            if 0 <= k < len(keys) - 1:
                (t0, p0), (t1, p1) = keys[k], keys[k + 1]
                return Movement(((0.0, p0), (t1 - t0, p1)))
            return STILL
        if kind is StepKind.REP:
            if running.ends_rep:
                return Movement(tuple(_shown(0.0)))
            return Movement(((0.0, 0.0), (SHOW_MOVE, 1.0)))  # a hold follows: wait there
        if kind is StepKind.HOLD:
            before = steps[index - 1] if index > 0 else None
            if before is not None and before.kind is StepKind.REP and before.rep == running.rep:
                return Movement(((0.0, 1.0),))  # the rep's hold: it got there in the rep
            return Movement(((0.0, 0.0), (INTO_HOLD, 1.0)))
        if kind is StepKind.WORK:
            keys = tempo_keys(_timed(running)) if _timed(running) else _shown(0.0)
            return Movement(tuple(keys), loop=keys[-1][0] + LOOP_REST)
        if kind is StepKind.READY:
            at = self._ahead[index]
            if at is None:
                return STILL
            room = running.duration if running.duration is not None else READY_ROOM
            return Movement(tuple(_fit(_ready(steps[at]), max(0.0, room - READY_END))))
        return STILL


def _ready(work: Step) -> list[Key]:
    """The get-ready's movement: one rep of the set ahead, at its pace, after a moment."""
    if work.kind is StepKind.PHASE and _timed(work):
        return tempo_keys(_timed(work), READY_WAIT)
    if work.kind is StepKind.HOLD:
        return _shown(READY_WAIT, INTO_HOLD, READY_HOLD)
    if work.kind is StepKind.REP and not work.ends_rep:  # a rep with a hold at its end
        return _shown(READY_WAIT, rest=READY_HOLD)
    if work.kind in (StepKind.REP, StepKind.WORK):
        return _shown(READY_WAIT)
    return [(0.0, 0.0)]


def _fit(keys: list[Key], room: float) -> list[Key]:
    """``keys`` ending by ``room`` seconds: the moment's wait shortened first, then the way
    back quickened (the way out and the hold keep their pace: what the person copies)."""
    late = keys[-1][0] - room
    if late <= 0 or len(keys) < 2:
        return keys
    wait = min(keys[0][0], late)
    keys = [(t - wait, p) for t, p in keys]
    late -= wait
    if late <= 0:
        return keys
    out = next((i for i, (_, p) in enumerate(keys) if p == 1.0), len(keys) - 1)
    while out + 1 < len(keys) and keys[out + 1][1] == 1.0:  # and the hold there
        out += 1
    t_out = keys[out][0]
    if t_out >= room:  # not even the way out fits: all of it quicker
        return [(t * room / keys[-1][0], p) for t, p in keys]
    scale = (room - t_out) / (keys[-1][0] - t_out)
    return keys[: out + 1] + [(t_out + (t - t_out) * scale, p) for t, p in keys[out + 1 :]]
