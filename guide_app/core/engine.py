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
  confirms a note or measurement; on a tempo rep it ends the rep now and counts it. In a
  work interval it counts a rep and the interval runs on to its deadline (``work_count``).
  While paused it only resumes.
* ``extend()``, on a hold or rest given as a range, adds the rest of the range: the step
  ends at the top of it, with the 3-2-1 there (``step_range``; once a step).
* ``back()`` undoes the last thing: inside a tempo rep it restarts the rep; in a work
  interval it takes the last press back; otherwise
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

Given how long each phrase takes to say (``spoken``, from the voice), a step's lines
follow one another and a get-ready, rest or switch lasts as long as its words and its
countdown (``announce.Speaking``): the running step (``step``, ``state.step``) may then
be longer than the plan's. A command interrupts the words still to come.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from guide_app.core import announce, prompts, step_range, work_count
from guide_app.core.clock import Clock
from guide_app.core.events import (
    Countdown,
    Ending,
    Event,
    ExerciseDone,
    HalfWay,
    HoldProgress,
    MeasureRecorded,
    Paused,
    PhaseChanged,
    Prompt,
    RepCounted,
    RepUndone,
    Resumed,
    SessionDone,
    SetDone,
    SetUndone,
    SideSwitched,
    State,
    StepExtended,
    StepFinished,
    StepStarted,
)
from guide_app.core.plan import Mark, Plan, Side, Step, StepKind
from guide_app.core.set_runs import PlanShape
from guide_app.core.trail import TRAIL_LIMIT, Entry, Trail
from guide_app.core.voice import SpokenSeconds

__all__ = [
    "Countdown",
    "Ending",
    "Event",
    "ExerciseDone",
    "HalfWay",
    "HoldProgress",
    "MeasureRecorded",
    "Paused",
    "PhaseChanged",
    "Prompt",
    "RepCounted",
    "RepUndone",
    "Resumed",
    "Runner",
    "SessionDone",
    "SetDone",
    "SetUndone",
    "SideSwitched",
    "State",
    "StepExtended",
    "StepFinished",
    "StepStarted",
]


class Runner:
    """Runs one plan. Create, ``start()``, then feed it time and commands."""

    def __init__(self, plan: Plan, clock: Clock, spoken: SpokenSeconds | None = None) -> None:
        """``spoken``: how long the voice takes to say a phrase (None: words take no time)."""
        self.plan = plan
        self._clock = clock
        self._steps = plan.steps
        self._current = plan.steps[0]  # the running step, fitted to its words
        self._speaking = announce.Speaking(spoken)
        self._shape = shape = PlanShape.of(plan.steps)
        self._unit, self._unit_end = shape.unit, shape.unit_end
        self._run_of, self._runs = shape.run_of, shape.runs
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
        self._trail = Trail(TRAIL_LIMIT)

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
        return self._current

    @property
    def said_until(self) -> float:
        """When the words asked for so far end (session seconds; -inf before any)."""
        return self._speaking.until

    def next_deadline(self) -> float | None:
        """The absolute time of the next thing due (a beat, a countdown second, a step's
        end), or None when nothing is timed (not started, paused, done, until a key)."""
        if not self._started or self._done or self._paused_at is not None:
            return None
        duration = self._current.duration
        if self._mark_pos < len(self._marks):
            return self._start + self._marks[self._mark_pos].offset
        if duration is None:
            return None
        return self._start + duration

    @property
    def state(self) -> State:
        now = self._clock.now() if self._paused_at is None else self._paused_at
        step = self._current
        early = max(0.0, self._start - now) if self._started else 0.0  # handled ahead
        elapsed = max(0.0, now - self._start) if self._started else 0.0
        time_left = None
        if step.duration is not None:
            time_left = max(0.0, step.duration - elapsed) if self._started else step.duration
        run = self._run_of[self._index]
        set_reps = 0
        if run is not None and step.side is not None:
            set_reps = self._shape.counted(run, step, self._run_count)
        return State(
            index=self._index,
            step=step,
            started=self._started,
            paused=self._paused_at is not None,
            done=self._done,
            stopped=self._stopped,
            time_left=time_left,
            elapsed=elapsed,
            starts_in=early,
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
        self._enter(self._shape.next_index(0, self._skipped), self._clock.now(), events)
        return events

    def start_after(self, done: Iterable[int], reps: Mapping[tuple[str, Side], int]) -> list[Event]:
        """Begin a resumed session: after the last thing already recorded, with its totals.

        ``done`` holds the plan index of what was recorded before the interruption: each
        set's first step on its side (unique in the plan, ``resume.set_places``) and each
        measure step. The session carries on from the step after the last of them in plan
        order (after a set's whole run), and those sets are closed (a later skip does not
        record them again).
        """
        if self._started:
            return []
        last = -1
        for i in set(done):
            if not 0 <= i < len(self._steps):
                continue
            run, side = self._run_of[i], self._steps[i].side
            if run is not None and side is not None and self._runs[run].lead.get(side) == i:
                self._closed.add((run, side))
                last = max(last, self._runs[run].last)
            else:
                last = max(last, i)
        self._totals = dict(reps)
        self._started = True
        events: list[Event] = []
        self._enter(self._shape.next_index(last + 1, self._skipped), self._clock.now(), events)
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
                mark = self._marks[self._mark_pos]
                events.extend(announce.mark_reached(self._current, mark, due, self._speaking))
                self._mark_pos += 1
            else:
                self._timed_out(due, events)
        return events

    def _timed_out(self, at: float, events: list[Event]) -> None:
        i = self._index
        if i != self._unit_end[self._unit[i]]:  # a tempo phase: on to the next beat
            events.append(StepFinished(at, i, self._current, Ending.TIME))
            self._enter(i + 1, at, events)
        else:
            self._complete(at, Ending.TIME, events)

    # -- moving

    def _enter(self, i: int, at: float, events: list[Event]) -> None:
        counts, totals = self._run_count, self._totals  # an interval starts again from 0:
        events.extend(work_count.undo_all(self._steps[i], self._run_of[i], counts, totals, at))
        step, started = announce.step_started(i, self._steps[i], at, self._speaking)
        self._index = i
        self._current = step
        self._start = at
        self._marks = step.marks()
        self._mark_pos = 0
        events.extend(started)
        if step.kind is StepKind.END:
            self._done = True
            events.append(SessionDone(at, stopped=False))

    def _move_on(
        self, j: int, at: float, events: list[Event], *, skipped: bool = False
    ) -> tuple[tuple[int, Side], ...]:
        """Go forward to step ``j`` (or the next that counts), closing the set and the
        exercise being left. Returns the sets closed."""
        old = self._index
        new = self._shape.next_index(j, self._skipped)
        closed: tuple[tuple[int, Side], ...] = ()
        run = self._run_of[old]
        if run is not None and self._run_of[new] != run:
            closed = self._close(run, self._runs[run].sides, at, skipped=False, events=events)
        block = self._steps[old].block
        if (
            block is not None
            and block in self._shape.exercise_blocks
            and self._steps[new].block != block
        ):
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
            done, held = self._run_count.get(key, 0), self._run_held.get(key, 0.0)
            events.append(
                self._shape.set_done(run, side, at, done=done, held=held, skipped=skipped)
            )
        return tuple(closed)

    def _complete(self, at: float, ending: Ending, events: list[Event]) -> None:
        """Finish the current unit (a step, or a whole tempo rep) and move on."""
        i = self._index
        step = self._current
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
            count = (run, last.side)  # each press counts for its side (``count: in_total``)
            self._run_count[count] = self._run_count.get(count, 0) + 1
            events.append(
                RepCounted(
                    at, last.exercise, last.side, last.direction, last.set, last.rep, last.reps
                )
            )
            if last.kind is not StepKind.PHASE:
                # A tempo rep's beat is its phase words; a count here would land on the
                # next rep's first word, so the count is shown, not said.
                events.append(self._speaking.on_beat(prompts.count(last.rep), at))
            counted = end
        entry_start = self._unit[i]
        closed = self._move_on(end + 1, at, events)
        self._push(Entry(entry_start, counted, held, closed))

    def _push(self, entry: Entry) -> None:
        if self._trail.push(entry):
            self._prune()

    def _prune(self) -> None:
        """Forget the records of sets that ``back`` can no longer reach."""
        horizon = min(self._trail.oldest.start, self._index)
        gone = {r for r, _ in self._run_count if self._runs[r].last < horizon}
        gone |= {r for r, _ in self._run_held if self._runs[r].last < horizon}
        gone |= {r for r, _ in self._closed if self._runs[r].last < horizon}
        for table in (self._run_count, self._run_held):
            for key in [k for k in table if k[0] in gone]:
                del table[key]
        self._closed = {k for k in self._closed if k[0] not in gone}
        self._skipped = {j for j in self._skipped if j >= horizon}

    def _undo(self, entry: Entry, at: float, events: list[Event]) -> None:
        for run, side in reversed(entry.closed):
            self._closed.discard((run, side))
            events.append(self._shape.set_undone(run, side, at))
        if entry.counted is not None:
            step = self._steps[entry.counted]
            counted_run = self._run_of[entry.counted]
            assert step.exercise is not None and step.side is not None
            assert step.rep is not None and step.set is not None and counted_run is not None
            key = (step.exercise, step.side)
            self._totals[key] = self._totals.get(key, 0) - 1
            self._run_count[(counted_run, step.side)] -= 1
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
        self._speaking.interrupt(now)
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
        self._speaking.interrupt(now)
        if self._current.kind is StepKind.WORK:  # its clock ends it; the key counts a rep
            run = self._run_of[self._index]
            return events + work_count.counted(self._current, run, *self._counts(now))
        self._complete(now, Ending.NEXT, events)
        return events

    def _counts(self, at: float) -> tuple[work_count.Counts, work_count.Totals, float]:
        return self._run_count, self._totals, at

    def extend(self) -> list[Event]:
        """Add the rest of a hold's or rest's range: the step now ends at the top of it.
        Returns ``StepExtended`` (nothing when there is nothing to add). Paused, it stays
        paused."""
        now = self._clock.now()
        events = self.advance(now)
        longer = step_range.extended(self._current)
        if not self._started or self._done or longer is None:
            return events
        step, seconds = longer
        elapsed = (now if self._paused_at is None else self._paused_at) - self._start
        self._marks, self._mark_pos = step_range.marks_to_come(
            self._marks, self._mark_pos, step, elapsed
        )
        self._current = step
        events.append(StepExtended(now, self._index, step, seconds))
        return events

    def back(self) -> list[Event]:
        """Undo the last rep (or skip), or return to the start of the previous step."""
        now = self._clock.now()
        events: list[Event] = []
        if not self._ready_for_command(now, events):
            return events
        i = self._index
        pressed = work_count.undo_last(self._current, self._run_of[i], *self._counts(now))
        if pressed:  # in a work interval: the last press, and the interval runs on
            return events + pressed
        events.append(StepFinished(now, i, self._current, Ending.BACK))
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
        events.append(StepFinished(now, i, self._current, Ending.REPEAT))
        back_to = first
        while self._trail and self._trail.last.start >= first:
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
        events.append(StepFinished(now, i, self._current, Ending.SKIP))
        last = self._shape.block_last[block]
        added = tuple(
            j
            for j in range(i, last + 1)
            if j not in self._skipped and (side is None or self._steps[j].side == side)
        )
        self._skipped.update(added)
        closed: list[tuple[int, Side]] = []
        for run in self._shape.block_runs.get(block, ()):
            info = self._runs[run]
            if info.last < self._unit[i]:
                continue
            sides = info.sides if side is None else tuple(s for s in info.sides if s == side)
            closed.extend(self._close(run, sides, now, skipped=True, events=events))
        start = self._unit[i]
        closed.extend(self._move_on(i, now, events, skipped=True))
        self._push(Entry(start, None, (), tuple(closed), added))
        return events

    def pause(self) -> list[Event]:
        now = self._clock.now()
        events = self.advance(now)
        if not self._started or self._done or self._paused_at is not None:
            return events
        self._paused_at = now
        self._speaking.interrupt(now)
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
        self._speaking.interrupt(now)
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
            events.append(StepFinished(now, i, self._current, Ending.STOP))
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
