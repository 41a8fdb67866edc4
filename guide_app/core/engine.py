"""The session engine: a state machine that runs a plan on an injected clock and emits events.

Nothing here waits or counts ticks. Every timed step ends on an absolute deadline
(its start plus its duration, on the clock's monotonic seconds); the next step starts
at exactly that deadline, so nothing drifts however late ``advance`` is called. A
driver (a QTimer in the window, a loop in a test) calls ``advance(now)`` at or after
``next_deadline()``; every event carries the time it was *due*, not the time
``advance`` ran. A pause shifts the current step's start, and so every deadline, by
exactly its length.

Commands, in the user's words:

* ``next()`` counts a self-paced rep, starts when ready, ends a rest or hold early,
  confirms a note or measurement; on a tempo rep it ends the rep now and counts it.
  While paused it only resumes.
* ``back()`` undoes the last thing: inside a tempo rep it restarts the rep; otherwise
  it returns to the start of the previous step, undoing the rep it counted
  (``RepUndone``), the sets it finished (``SetUndone``) or the skip it made.
* ``skip_exercise()`` ends the exercise now: the set in progress and every set not yet
  started are recorded as ``SetDone(skipped=True)`` (with the reps done so far, or 0),
  so the journal shows what was planned and left out.
* ``skip_side()`` does the same for the rest of the current side only (no effect on a
  two-sided step).
* ``repeat_set()`` does the current set (or the set just finished, while resting) again
  from its first rep; what the attempt counted is undone, so counts never pass the
  target.
* ``stop()`` ends the session; a set in progress with anything done is recorded as
  skipped; sets never started are not recorded.

``back`` reaches up to ``TRAIL_LIMIT`` steps into the past; older history is dropped,
which keeps memory flat in a long session.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from guide_app.core import prompts
from guide_app.core.clock import Clock
from guide_app.core.model import TempoPhase
from guide_app.core.plan import (
    WORK_KINDS,
    Mark,
    MarkKind,
    Plan,
    Range,
    Side,
    Step,
    StepKind,
    rep_units,
)
from guide_app.core.prompts import Priority

TRAIL_LIMIT = 2000
_PRUNE_EVERY = 256


class Ending(StrEnum):
    """Why a step ended."""

    TIME = "time"  # its deadline passed
    NEXT = "next"  # a key press
    BACK = "back"
    SKIP = "skip"
    REPEAT = "repeat"
    STOP = "stop"


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class StepStarted:
    at: float
    index: int
    step: Step


@dataclass(frozen=True, slots=True)
class StepFinished:
    at: float
    index: int
    step: Step
    ending: Ending


@dataclass(frozen=True, slots=True)
class PhaseChanged:
    """A tempo beat: ``at`` is the beat time."""

    at: float
    exercise: str | None
    side: Side | None
    rep: int | None
    phase: str
    seconds: float


@dataclass(frozen=True, slots=True)
class RepCounted:
    at: float
    exercise: str
    side: Side
    direction: str | None
    set: int
    rep: int
    of: int


@dataclass(frozen=True, slots=True)
class RepUndone:
    at: float
    exercise: str
    side: Side
    direction: str | None
    set: int
    rep: int


@dataclass(frozen=True, slots=True)
class HoldProgress:
    """Another whole second of a hold has passed."""

    at: float
    exercise: str | None
    side: Side | None
    rep: int | None
    held: int
    of: float


@dataclass(frozen=True, slots=True)
class Countdown:
    """3, 2, 1 seconds left of a hold, rest, switch or get-ready."""

    at: float
    seconds_left: int
    kind: StepKind


@dataclass(frozen=True, slots=True)
class HalfWay:
    at: float
    kind: StepKind


@dataclass(frozen=True, slots=True)
class SideSwitched:
    """A switch step began: ``side`` (and ``direction``, for walks) is what comes next."""

    at: float
    exercise: str | None
    side: Side | None
    direction: str | None


@dataclass(frozen=True, slots=True)
class SetDone:
    """One set on one side, finished or skipped: what the history journal records."""

    at: float
    exercise: str
    name: str
    block: int
    side: Side
    direction: str | None
    set: int
    sets: int
    round: int | None
    planned_reps: int
    reps_range: Range
    done_reps: int
    hold: float | None  # seconds per hold, as planned
    held_seconds: float  # seconds actually held in the set
    tempo: tuple[TempoPhase, ...] | None
    skipped: bool


@dataclass(frozen=True, slots=True)
class SetUndone:
    """A ``SetDone`` taken back (by ``back`` or ``repeat_set``): the journal drops it."""

    at: float
    exercise: str
    block: int
    side: Side
    direction: str | None
    set: int
    round: int | None


@dataclass(frozen=True, slots=True)
class ExerciseDone:
    """The person moved on from an exercise (a notice: it can repeat after ``back``)."""

    at: float
    exercise: str
    name: str
    block: int
    skipped: bool


@dataclass(frozen=True, slots=True)
class SessionDone:
    at: float
    stopped: bool


@dataclass(frozen=True, slots=True)
class Paused:
    at: float


@dataclass(frozen=True, slots=True)
class Resumed:
    at: float
    paused_for: float


@dataclass(frozen=True, slots=True)
class MeasureRecorded:
    at: float
    name: str
    unit: str | None
    side: Side | None
    value: float


@dataclass(frozen=True, slots=True)
class Prompt:
    """Something to say and show, from ``prompts``."""

    at: float
    text: str
    priority: Priority


Event = (
    StepStarted
    | StepFinished
    | PhaseChanged
    | RepCounted
    | RepUndone
    | HoldProgress
    | Countdown
    | HalfWay
    | SideSwitched
    | SetDone
    | SetUndone
    | ExerciseDone
    | SessionDone
    | Paused
    | Resumed
    | MeasureRecorded
    | Prompt
)


@dataclass(frozen=True, slots=True)
class State:
    """A read-only snapshot for the window."""

    index: int
    step: Step
    started: bool
    paused: bool
    done: bool
    stopped: bool
    time_left: float | None  # seconds to the step's deadline; None until a key
    elapsed: float  # seconds in this step, pauses left out
    set_reps: int  # reps counted in the current set on the current side
    reps_done: Mapping[tuple[str, Side], int]  # per exercise and side, whole session
    measures: Mapping[tuple[str, Side | None], float]
    paused_total: float
    can_undo: bool


# --------------------------------------------------------------------------- runner


@dataclass(frozen=True, slots=True)
class _RunInfo:
    """A set run: consecutive steps of one set (both sides when reps alternate)."""

    first: int
    last: int
    block: int
    sides: tuple[Side, ...]
    lead: Mapping[Side, int]  # each side's first work step, for SetDone's fields


@dataclass(frozen=True, slots=True)
class _Entry:
    """One undoable thing done: where it started and what it changed."""

    start: int
    counted: int | None = None  # the step whose end counted a rep
    held: tuple[tuple[int, Side, float], ...] = ()
    closed: tuple[tuple[int, Side], ...] = ()
    skipped: tuple[int, ...] = ()


class Runner:
    """Runs one plan. Create, ``start()``, then feed it time and commands."""

    def __init__(self, plan: Plan, clock: Clock) -> None:
        self.plan = plan
        self._clock = clock
        self._steps = plan.steps
        self._unit = rep_units(plan.steps)
        self._unit_end = self._unit_ends()
        self._run_of, self._runs = self._find_runs()
        self._block_last: dict[int, int] = {}
        self._block_runs: dict[int, list[int]] = {}
        self._exercise_blocks: set[int] = set()
        for i, step in enumerate(self._steps):
            if step.block is not None:
                self._block_last[step.block] = i
                if step.kind is StepKind.READY:
                    self._exercise_blocks.add(step.block)
        for r, run in enumerate(self._runs):
            self._block_runs.setdefault(run.block, []).append(r)

        self._index = 0
        self._start = 0.0  # when the current step started, shifted by pauses
        self._marks: tuple[Mark, ...] = ()
        self._mark_pos = 0
        self._started = False
        self._done = False
        self._stopped = False
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._totals: dict[tuple[str, Side], int] = {}
        self._run_count: dict[tuple[int, Side], int] = {}
        self._run_held: dict[tuple[int, Side], float] = {}
        self._closed: set[tuple[int, Side]] = set()
        self._skipped: set[int] = set()
        self._measures: dict[tuple[str, Side | None], float] = {}
        self._trail: deque[_Entry] = deque(maxlen=TRAIL_LIMIT)
        self._pushes = 0

    # -- structure

    def _unit_ends(self) -> tuple[int, ...]:
        ends = list(range(len(self._steps)))
        for i, u in enumerate(self._unit):
            ends[u] = i
        return tuple(ends)

    def _find_runs(self) -> tuple[tuple[int | None, ...], list[_RunInfo]]:
        run_of: list[int | None] = [None] * len(self._steps)
        runs: list[_RunInfo] = []
        first: int | None = None
        sides: dict[Side, int] = {}
        for i, step in enumerate(self._steps):
            if first is None and step.kind in WORK_KINDS:
                first, sides = i, {}
            if first is None:
                continue
            run_of[i] = len(runs)
            if step.kind in WORK_KINDS and step.side is not None:
                sides.setdefault(step.side, i)
            if step.ends_set:
                block = step.block if step.block is not None else -1
                runs.append(_RunInfo(first, i, block, tuple(sides), MappingProxyType(sides)))
                first = None
        return tuple(run_of), runs

    # -- queries

    @property
    def started(self) -> bool:
        return self._started

    @property
    def done(self) -> bool:
        return self._done

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def index(self) -> int:
        return self._index

    @property
    def step(self) -> Step:
        return self._steps[self._index]

    def next_deadline(self) -> float | None:
        """The absolute time of the next thing due (a beat, a countdown second, a step's
        end), or None when nothing is timed (not started, paused, done, until a key)."""
        if not self._started or self._done or self._paused_at is not None:
            return None
        duration = self._steps[self._index].duration
        if self._mark_pos < len(self._marks):
            return self._start + self._marks[self._mark_pos].offset
        if duration is None:
            return None
        return self._start + duration

    @property
    def state(self) -> State:
        now = self._clock.now() if self._paused_at is None else self._paused_at
        step = self._steps[self._index]
        elapsed = max(0.0, now - self._start) if self._started else 0.0
        time_left = None
        if step.duration is not None:
            time_left = max(0.0, step.duration - elapsed) if self._started else step.duration
        run = self._run_of[self._index]
        set_reps = 0
        if run is not None and step.side is not None:
            set_reps = self._run_count.get((run, step.side), 0)
        return State(
            index=self._index,
            step=step,
            started=self._started,
            paused=self._paused_at is not None,
            done=self._done,
            stopped=self._stopped,
            time_left=time_left,
            elapsed=elapsed,
            set_reps=set_reps,
            reps_done=MappingProxyType(dict(self._totals)),
            measures=MappingProxyType(dict(self._measures)),
            paused_total=self._paused_total,
            can_undo=bool(self._trail),
        )

    # -- time

    def _now(self, now: float | None) -> float:
        return self._clock.now() if now is None else now

    def start(self) -> list[Event]:
        """Begin at the clock's now with the first step."""
        if self._started:
            return []
        self._started = True
        events: list[Event] = []
        self._enter(self._next_index(0), self._clock.now(), events)
        return events

    def start_after(
        self, done: Iterable[tuple[int, Side, int]], reps: Mapping[tuple[str, Side], int]
    ) -> list[Event]:
        """Begin a resumed session: after the last set already done, with its totals.

        ``done`` holds (block, side, set) of every set recorded before the interruption;
        the session carries on from the step after the last of them in plan order, and
        those sets are closed (a later skip does not record them again).
        """
        if self._started:
            return []
        finished = set(done)
        last = -1
        for i, step in enumerate(self._steps):
            if (
                step.ends_set
                and step.block is not None
                and step.side is not None
                and (step.block, step.side, step.set) in finished
            ):
                last = i
                run = self._run_of[i]
                if run is not None:
                    self._closed.add((run, step.side))
        self._totals = dict(reps)
        self._started = True
        events: list[Event] = []
        self._enter(self._next_index(last + 1), self._clock.now(), events)
        return events

    def advance(self, now: float | None = None) -> list[Event]:
        """Process everything due up to ``now``, in order, each at its due time."""
        t_now = self._now(now)
        events: list[Event] = []
        while self._started and not self._done and self._paused_at is None:
            due = self.next_deadline()
            if due is None or due > t_now:
                break
            if self._mark_pos < len(self._marks):
                self._mark(self._marks[self._mark_pos], due, events)
                self._mark_pos += 1
            else:
                self._timed_out(due, events)
        return events

    def _mark(self, mark: Mark, at: float, events: list[Event]) -> None:
        step = self._steps[self._index]
        if mark.kind is MarkKind.SECOND:
            assert step.duration is not None
            events.append(
                HoldProgress(at, step.exercise, step.side, step.rep, mark.value, step.duration)
            )
        elif mark.kind is MarkKind.HALF_WAY:
            events.append(HalfWay(at, step.kind))
            self._say(prompts.half_way(), at, events)
        else:
            events.append(Countdown(at, mark.value, step.kind))
            self._say(prompts.countdown(mark.value), at, events)

    def _timed_out(self, at: float, events: list[Event]) -> None:
        i = self._index
        if i != self._unit_end[self._unit[i]]:  # a tempo phase: on to the next beat
            events.append(StepFinished(at, i, self._steps[i], Ending.TIME))
            self._enter(i + 1, at, events)
        else:
            self._complete(at, Ending.TIME, events)

    @staticmethod
    def _say(line: prompts.Line, at: float, events: list[Event]) -> None:
        events.append(Prompt(at, line.text, line.priority))

    # -- moving

    def _enter(self, i: int, at: float, events: list[Event]) -> None:
        step = self._steps[i]
        self._index = i
        self._start = at
        self._marks = step.marks()
        self._mark_pos = 0
        events.append(StepStarted(at, i, step))
        if step.kind is StepKind.SWITCH:
            events.append(SideSwitched(at, step.exercise, step.side, step.direction))
        elif step.kind is StepKind.PHASE and step.phase is not None:
            events.append(
                PhaseChanged(
                    at, step.exercise, step.side, step.rep, step.phase, step.duration or 0.0
                )
            )
        for line in step.lines:
            self._say(line, at, events)
        if step.kind is StepKind.END:
            self._done = True
            events.append(SessionDone(at, stopped=False))

    def _next_index(self, j: int) -> int:
        """The first step from ``j`` on that is neither skipped nor made pointless by a skip."""
        last = len(self._steps) - 1
        while j < last and (j in self._skipped or (self._skipped and self._pointless(j))):
            j += 1
        return j

    def _pointless(self, j: int) -> bool:
        """A rest or switch left with nothing of its exercise after it, or a switch to the
        side the person is already on, once steps around it were skipped."""
        step = self._steps[j]
        if step.kind not in (StepKind.REST, StepKind.SWITCH) or step.block is None:
            return False
        after = j + 1
        while after < len(self._steps) and (
            after in self._skipped or self._steps[after].kind in (StepKind.REST, StepKind.SWITCH)
        ):
            after += 1
        if after >= len(self._steps) or self._steps[after].block != step.block:
            return True
        if step.kind is StepKind.SWITCH:
            before = j - 1
            while before >= 0 and self._steps[before].block == step.block:
                prev = self._steps[before]
                if before not in self._skipped and (
                    prev.kind in WORK_KINDS or prev.kind is StepKind.SWITCH
                ):
                    return prev.side == step.side and prev.direction == step.direction
                before -= 1
        return False

    def _move_on(
        self, j: int, at: float, events: list[Event], *, skipped: bool = False
    ) -> tuple[tuple[int, Side], ...]:
        """Go forward to step ``j`` (or the next that counts), closing the set and the
        exercise being left. Returns the sets closed."""
        old = self._index
        new = self._next_index(j)
        closed: tuple[tuple[int, Side], ...] = ()
        run = self._run_of[old]
        if run is not None and self._run_of[new] != run:
            closed = self._close(run, self._runs[run].sides, at, skipped=False, events=events)
        block = self._steps[old].block
        if block is not None and block in self._exercise_blocks and self._steps[new].block != block:
            step = self._steps[old]
            assert step.exercise is not None and step.name is not None
            events.append(ExerciseDone(at, step.exercise, step.name, block, skipped))
        self._enter(new, at, events)
        return closed

    def _close(
        self, run: int, sides: tuple[Side, ...], at: float, *, skipped: bool, events: list[Event]
    ) -> tuple[tuple[int, Side], ...]:
        closed: list[tuple[int, Side]] = []
        info = self._runs[run]
        for side in sides:
            key = (run, side)
            if key in self._closed or side not in info.lead:
                continue
            self._closed.add(key)
            closed.append(key)
            lead = self._steps[info.lead[side]]
            assert lead.exercise is not None and lead.name is not None
            assert lead.set is not None and lead.sets is not None and lead.reps is not None
            done = self._run_count.get(key, 0)
            events.append(
                SetDone(
                    at=at,
                    exercise=lead.exercise,
                    name=lead.name,
                    block=info.block,
                    side=side,
                    direction=lead.direction,
                    set=lead.set,
                    sets=lead.sets,
                    round=lead.round,
                    planned_reps=lead.reps,
                    reps_range=lead.reps_range or Range(lead.reps, lead.reps),
                    done_reps=done,
                    hold=lead.hold,
                    held_seconds=self._run_held.get(key, 0.0),
                    tempo=lead.tempo,
                    skipped=skipped or done < lead.reps,
                )
            )
        return tuple(closed)

    def _complete(self, at: float, ending: Ending, events: list[Event]) -> None:
        """Finish the current unit (a step, or a whole tempo rep) and move on."""
        i = self._index
        step = self._steps[i]
        events.append(StepFinished(at, i, step, ending))
        held: tuple[tuple[int, Side, float], ...] = ()
        run = self._run_of[i]
        if step.kind is StepKind.HOLD and step.duration is not None:
            seconds = (
                step.duration
                if ending is Ending.TIME
                else min(step.duration, max(0.0, at - self._start))
            )
            if run is not None and step.side is not None:
                key = (run, step.side)
                self._run_held[key] = self._run_held.get(key, 0.0) + seconds
                held = ((run, step.side, seconds),)
        end = self._unit_end[self._unit[i]]
        counted = None
        last = self._steps[end]
        if last.ends_rep and run is not None:
            assert last.exercise is not None and last.side is not None
            assert last.rep is not None and last.set is not None and last.reps is not None
            key2 = (last.exercise, last.side)
            self._totals[key2] = self._totals.get(key2, 0) + 1
            self._run_count[(run, last.side)] = last.rep
            events.append(
                RepCounted(
                    at, last.exercise, last.side, last.direction, last.set, last.rep, last.reps
                )
            )
            if last.kind is not StepKind.PHASE:
                # A tempo rep's beat is its phase words; a count here would land on the
                # next rep's first word, so the count is shown, not said.
                self._say(prompts.count(last.rep), at, events)
            counted = end
        entry_start = self._unit[i]
        closed = self._move_on(end + 1, at, events)
        self._push(_Entry(entry_start, counted, held, closed))

    def _push(self, entry: _Entry) -> None:
        self._trail.append(entry)
        self._pushes += 1
        if self._pushes % _PRUNE_EVERY == 0 and len(self._trail) == self._trail.maxlen:
            self._prune()

    def _prune(self) -> None:
        """Forget the records of sets that ``back`` can no longer reach."""
        horizon = min(self._trail[0].start, self._index)
        gone = {r for r, _ in self._run_count if self._runs[r].last < horizon}
        gone |= {r for r, _ in self._run_held if self._runs[r].last < horizon}
        gone |= {r for r, _ in self._closed if self._runs[r].last < horizon}
        for table in (self._run_count, self._run_held):
            for key in [k for k in table if k[0] in gone]:
                del table[key]
        self._closed = {k for k in self._closed if k[0] not in gone}
        self._skipped = {j for j in self._skipped if j >= horizon}

    def _undo(self, entry: _Entry, at: float, events: list[Event]) -> None:
        for run, side in reversed(entry.closed):
            self._closed.discard((run, side))
            lead = self._steps[self._runs[run].lead[side]]
            assert lead.exercise is not None and lead.set is not None
            events.append(
                SetUndone(
                    at,
                    lead.exercise,
                    self._runs[run].block,
                    side,
                    lead.direction,
                    lead.set,
                    lead.round,
                )
            )
        if entry.counted is not None:
            step = self._steps[entry.counted]
            counted_run = self._run_of[entry.counted]
            assert step.exercise is not None and step.side is not None
            assert step.rep is not None and step.set is not None and counted_run is not None
            key = (step.exercise, step.side)
            self._totals[key] = self._totals.get(key, 0) - 1
            self._run_count[(counted_run, step.side)] = step.rep - 1
            events.append(
                RepUndone(at, step.exercise, step.side, step.direction, step.set, step.rep)
            )
        for run, side, seconds in entry.held:
            self._run_held[(run, side)] = self._run_held.get((run, side), 0.0) - seconds
        self._skipped.difference_update(entry.skipped)

    # -- commands

    def _ready_for_command(self, now: float, events: list[Event]) -> bool:
        """Catch up with the clock and resume; False when there is nothing to act on."""
        events.extend(self.advance(now))
        if not self._started or self._done:
            return False
        if self._paused_at is not None:
            events.extend(self.resume())
        return True

    def next(self) -> list[Event]:
        """Count a rep, start when ready, end a rest or hold early, confirm a note."""
        if not self._started:
            return self.start()
        now = self._clock.now()
        events = self.advance(now)
        if self._done:
            return events
        if self._paused_at is not None:
            return events + self.resume()
        self._complete(now, Ending.NEXT, events)
        return events

    def back(self) -> list[Event]:
        """Undo the last rep (or skip), or return to the start of the previous step."""
        now = self._clock.now()
        events: list[Event] = []
        if not self._ready_for_command(now, events):
            return events
        i = self._index
        events.append(StepFinished(now, i, self._steps[i], Ending.BACK))
        if i != self._unit[i]:
            self._enter(self._unit[i], now, events)
        elif self._trail:
            entry = self._trail.pop()
            self._undo(entry, now, events)
            self._enter(entry.start, now, events)
        else:
            self._enter(i, now, events)
        return events

    def repeat_set(self) -> list[Event]:
        """Do the current set (or, while resting after it, the set just done) again."""
        now = self._clock.now()
        events: list[Event] = []
        if not self._ready_for_command(now, events):
            return events
        i = self._index
        run = self._run_of[i]
        block = self._steps[i].block
        if run is None and block is not None:
            for entry in reversed(self._trail):
                r = self._run_of[entry.start]
                if r is not None:
                    run = r if self._runs[r].block == block else None
                    break
        if run is None:
            return events
        first = self._runs[run].first
        events.append(StepFinished(now, i, self._steps[i], Ending.REPEAT))
        back_to = first
        while self._trail and self._trail[-1].start >= first:
            entry = self._trail.pop()
            self._undo(entry, now, events)
            back_to = entry.start
        if self._trail or back_to <= first:
            back_to = first  # else the history ran out: go back as far as it reaches
        self._enter(back_to, now, events)
        return events

    def skip_exercise(self) -> list[Event]:
        """Leave the current exercise; its unfinished sets are recorded as skipped."""
        now = self._clock.now()
        events: list[Event] = []
        if not self._ready_for_command(now, events):
            return events
        i = self._index
        block = self._steps[i].block
        if block is None:
            return events
        return self._skip(i, block, None, now, events)

    def skip_side(self) -> list[Event]:
        """Leave the current side of this exercise; its unfinished sets are recorded as skipped."""
        now = self._clock.now()
        events: list[Event] = []
        if not self._ready_for_command(now, events):
            return events
        i = self._index
        step = self._steps[i]
        if step.block is None or step.side not in (Side.LEFT, Side.RIGHT):
            return events
        return self._skip(i, step.block, step.side, now, events)

    def _skip(
        self, i: int, block: int, side: Side | None, now: float, events: list[Event]
    ) -> list[Event]:
        events.append(StepFinished(now, i, self._steps[i], Ending.SKIP))
        last = self._block_last[block]
        added = tuple(
            j
            for j in range(i, last + 1)
            if j not in self._skipped and (side is None or self._steps[j].side == side)
        )
        self._skipped.update(added)
        closed: list[tuple[int, Side]] = []
        for run in self._block_runs.get(block, []):
            info = self._runs[run]
            if info.last < self._unit[i]:
                continue
            sides = info.sides if side is None else tuple(s for s in info.sides if s == side)
            closed.extend(self._close(run, sides, now, skipped=True, events=events))
        start = self._unit[i]
        closed.extend(self._move_on(i, now, events, skipped=True))
        self._push(_Entry(start, None, (), tuple(closed), added))
        return events

    def pause(self) -> list[Event]:
        now = self._clock.now()
        events = self.advance(now)
        if not self._started or self._done or self._paused_at is not None:
            return events
        self._paused_at = now
        events.append(Paused(now))
        return events

    def resume(self) -> list[Event]:
        if self._paused_at is None:
            return []
        now = self._clock.now()
        length = now - self._paused_at
        self._start += length
        self._paused_total += length
        self._paused_at = None
        return [Resumed(now, length)]

    def stop(self) -> list[Event]:
        """End the session now; a set in progress with anything done is recorded as skipped."""
        now = self._clock.now()
        events = self.advance(now)
        if self._done:
            return events
        if self._paused_at is not None:
            self._paused_total += now - self._paused_at
            self._paused_at = None
        if self._started:
            i = self._index
            events.append(StepFinished(now, i, self._steps[i], Ending.STOP))
            run = self._run_of[i]
            if run is not None:
                busy = tuple(
                    s
                    for s in self._runs[run].sides
                    if self._run_count.get((run, s), 0) > 0 or self._run_held.get((run, s), 0.0) > 0
                )
                self._close(run, busy, now, skipped=True, events=events)
        self._started = True
        self._done = True
        self._stopped = True
        events.append(SessionDone(now, stopped=True))
        return events

    def record_measure(self, side: Side | None, value: float) -> list[Event]:
        """Record a measurement for ``side`` while a measure step is showing."""
        step = self._steps[self._index]
        if step.kind is not StepKind.MEASURE or step.name is None or self._done:
            raise ValueError("a measurement can only be recorded while a measure step is showing")
        self._measures[(step.name, side)] = value
        return [MeasureRecorded(self._clock.now(), step.name, step.measure_unit, side, value)]
