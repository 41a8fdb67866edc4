"""The session driver: the one adapter between the engine and the window.

It owns a ``PreciseTimer`` aimed at the engine's next absolute deadline (nothing counts
ticks), a display refresh, and the commands; it passes prompts to the voice, completed
sets to the journal, and re-emits everything the widgets need as signals. The engine
decides what happens; the widgets only show it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from guide_app.core import engine as ev
from guide_app.core.clock import Clock
from guide_app.core.history import Journal, SessionRecord, SetRecord, StorageError
from guide_app.core.loader import Library
from guide_app.core.model import FirstSide
from guide_app.core.plan import Plan, Range, Side, Step, StepKind, expand
from guide_app.core.prompts import Priority, phrases_for
from guide_app.speech.settings import Priority as SpeechPriority
from guide_app.ui.home import SessionChoice, single_exercise_session
from guide_app.ui.session_view import Screen
from guide_app.ui.summary import SideSummary

REFRESH_MS = 50  # the readout repaints at 20 Hz; timing never depends on it
VOICE_WAIT_MS = 10_000  # the longest a session waits for its phrases before it starts

# The engine's priorities (0-3) on the voice's scale: a count or beat word cuts an
# announcement, which cuts a cue, which cuts a tip.
VOICE_PRIORITY = {
    Priority.TIP: SpeechPriority.TIP,
    Priority.CUE: SpeechPriority.CUE,
    Priority.ANNOUNCE: (SpeechPriority.CUE + SpeechPriority.COUNT) // 2,
    Priority.COUNT: SpeechPriority.COUNT,
}
STEP_WORDS = {"reps": "reps", "steps": "steps", "holds": "holds"}


class Voice(Protocol):
    """What the driver needs of the speech service."""

    def say(self, text: str, priority: int, at: float | None = None) -> None: ...
    def stop(self) -> None: ...
    def beep(self, at: float | None = None) -> None: ...
    def set_muted(self, muted: bool) -> None: ...
    def prepare(self, phrases: Any) -> None: ...


@dataclass
class _Tally:
    sets_done: int = 0
    sets_planned: int = 0
    reps_done: int = 0
    reps_planned: int = 0
    held: float = 0.0
    skipped: int = 0


def format_seconds(seconds: float) -> str:
    """Whole seconds left, rounded up, as 45 or 1:30."""
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


class SessionDriver(QObject):
    screen_changed = Signal(object)  # Screen
    finished = Signal(str, str, list)  # title, subtitle, [SideSummary]
    notice = Signal(str)  # one plain line for the window, "" to clear
    measure_requested = Signal(object)  # Step
    event = Signal(object)  # every engine event, for tests and the history view

    def __init__(
        self,
        library: Library,
        clock: Clock,
        voice: Voice,
        journal: Callable[[], Journal] | None = None,
        *,
        autoplay: bool = False,
        trace: bool = False,
        lead: float = 0.0,
        parent: QObject | None = None,
    ) -> None:
        """``lead``: handle each deadline this many seconds early, so the voice is told
        what to say before its beat and can start it exactly on time (events keep their
        exact due times; only the screen changes that much early)."""
        super().__init__(parent)
        self.trace = trace
        self.lead = lead
        self.library = library
        self.clock = clock
        self.voice = voice
        self._open_journal = journal
        self.journal: Journal | None = None
        self.journal_row: int | None = None
        self.autoplay = autoplay
        self.muted = False
        self.voice_status = ""
        self.runner: ev.Runner | None = None
        self.plan: Plan | None = None
        self.choice: SessionChoice | None = None
        self._starts: tuple[float, ...] = ()
        self._total = 1.0
        self._sets: list[ev.SetDone] = []
        self._block_no: dict[int, int] = {}
        self._cue: tuple[str | None, int | None] = (None, None)  # exercise, last cue shown
        # The exercise just finished, awaiting an optional effort rating: (id, name, sides)
        self.pending_effort: tuple[str, str, tuple[str, ...]] | None = None

        self._deadline = QTimer(self)
        self._deadline.setTimerType(Qt.TimerType.PreciseTimer)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._on_deadline)
        self._refresh = QTimer(self)
        self._refresh.setTimerType(Qt.TimerType.PreciseTimer)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        self._autoplay = QTimer(self)
        self._autoplay.setSingleShot(True)
        self._autoplay.timeout.connect(self._auto_next)
        self._waiting_for_voice = False
        self._begin_with: tuple[int, list[SetRecord]] | None = None
        self._voice_wait = QTimer(self)  # never wait on the voice for longer than this
        self._voice_wait.setSingleShot(True)
        self._voice_wait.setInterval(VOICE_WAIT_MS)
        self._voice_wait.timeout.connect(self._begin)
        progress = getattr(voice, "progress", None)
        if progress is not None:
            progress.connect(self._on_voice_progress)

    # ------------------------------------------------------------------ state

    @property
    def paused(self) -> bool:
        return self.runner is not None and self.runner.paused

    @property
    def done(self) -> bool:
        return self.runner is None or self.runner.done

    # ------------------------------------------------------------------ start

    def start(self, choice: SessionChoice) -> None:
        self.stop_quietly()
        plan = expand(
            choice.session,
            self.library.exercises,
            affected=choice.affected,
            weaker=choice.weaker,
            first=FirstSide.AFFECTED if choice.weaker_first else FirstSide.LEFT,
        )
        self.start_plan(plan, choice)

    def start_plan(
        self,
        plan: Plan,
        choice: SessionChoice | None = None,
        *,
        resume: tuple[int, list[SetRecord]] | None = None,
    ) -> None:
        """Run a plan from its start, or, with ``resume`` (the journal's session row and
        the sets it holds), from the step after the last completed set."""
        self.plan, self.choice = plan, choice
        self.runner = ev.Runner(plan, self.clock)
        self._starts = plan.start_times()
        self._total = max(plan.total_seconds(), 1.0)
        blocks = sorted({s.block for s in plan.steps if s.block is not None})
        self._block_no = {block: n for n, block in enumerate(blocks, start=1)}  # "part 3 of 8"
        self._sets = []
        notes = list(plan.warnings)
        self.notice.emit(" ".join(n[0].upper() + n[1:] + "." for n in notes) if notes else "")
        self._open_journal_for(plan, choice, resume[0] if resume else None)  # may say more
        self._begin_with = resume
        self._waiting_for_voice = True
        self._voice_wait.start()
        self._refresh.start()
        self.voice.prepare(phrases_for(plan))  # may report every phrase ready at once
        if self._waiting_for_voice and self._voice_fault():
            self._begin()
        self.refresh()

    def _on_voice_progress(self, done: int, total: int) -> None:
        if self._waiting_for_voice and done >= total:
            self._begin()

    def _voice_fault(self) -> bool:
        status = str(getattr(self.voice, "status", ""))
        return status.startswith(("No ", "Voice off"))

    def _begin(self) -> None:
        """Start the session's clock once the voice has its phrases (so the first cues
        are spoken, not skipped), or after a short wait, or at a key press."""
        if not self._waiting_for_voice or self.runner is None:
            return
        self._waiting_for_voice = False
        self._voice_wait.stop()
        resume = self._begin_with
        if resume is None:
            self._handle(self.runner.start())
        else:
            done, reps = self._already_done(self.runner.plan, resume[1])
            self._handle(self.runner.start_after(done, reps))
            self.notice.emit(
                f"Resumed {self.runner.plan.title}: {len(resume[1])} set(s) were already "
                "saved; carrying on from the next one."
            )
        self._trace(f"start {self.runner.index}")
        self._arm()
        self.refresh()

    def _already_done(
        self, plan: Plan, records: list[SetRecord]
    ) -> tuple[set[tuple[int, Side, int]], dict[tuple[str, Side], int]]:
        """The journal's sets as the engine sees them, and as the summary counts them."""
        steps = {
            (step.block, step.side, step.set): step
            for step in plan.steps
            if step.ends_set and step.block is not None and step.side is not None
        }
        done: set[tuple[int, Side, int]] = set()
        reps: dict[tuple[str, Side], int] = defaultdict(int)
        for record in records:
            key = (record.step, Side(record.side), record.set_number)
            step = steps.get(key)
            if step is None or step.exercise is None or record.step is None:
                continue
            done.add((record.step, Side(record.side), record.set_number))
            reps[(step.exercise, Side(record.side))] += record.done_reps
            self._sets.append(
                ev.SetDone(
                    at=0.0,
                    exercise=step.exercise,
                    name=step.name or step.exercise,
                    block=record.step,
                    side=Side(record.side),
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
        return done, dict(reps)

    def interrupted(self) -> tuple[SessionRecord, list[SetRecord]] | None:
        """A session the journal shows as still running (the app died during it)."""
        journal = self.ensure_journal()
        if journal is None:
            return None
        try:
            record = journal.interrupted_session()
            return (record, journal.resume_point(record.row)) if record else None
        except StorageError as exc:
            self.notice.emit(exc.message)
            return None

    def resume(self, record: SessionRecord, sets: list[SetRecord]) -> bool:
        """Carry on an interrupted session; False when its session no longer exists."""
        session = self.library.sessions.get(record.session_id)
        if session is None and record.session_id.startswith("exercise-"):
            exercise = self.library.exercises.get(record.session_id.removeprefix("exercise-"))
            session = single_exercise_session(exercise) if exercise else None
        if session is None:
            return False
        choice = SessionChoice(
            session=session,
            programme_id=record.programme_id,
            phase=record.phase,
            affected=record.affected_side,
            weaker=record.weaker_side,
            weaker_first=True,
        )
        plan = expand(
            session,
            self.library.exercises,
            affected=record.affected_side,
            weaker=record.weaker_side,
        )
        self.stop_quietly()
        self.start_plan(plan, choice, resume=(record.row, sets))
        return True

    def abandon(self, record: SessionRecord) -> None:
        journal = self.ensure_journal()
        if journal is not None:
            try:
                journal.abandon(record.row)
            except StorageError as exc:
                self.notice.emit(exc.message)

    def ensure_journal(self) -> Journal | None:
        if self.journal is None and self._open_journal is not None:
            try:
                self.journal = self._open_journal()
            except StorageError as exc:
                self.notice.emit(f"{exc.message} Sessions run, but are not being saved.")
                self._open_journal = None
                return None
            if self.journal.notice:
                self.notice.emit(self.journal.notice)
        return self.journal

    def _trace(self, line: str) -> None:
        if self.trace:
            print(line, flush=True)

    def _open_journal_for(
        self, plan: Plan, choice: SessionChoice | None, row: int | None = None
    ) -> None:
        self.journal_row = None
        if self.ensure_journal() is None or self.journal is None:
            return
        if row is not None:
            self.journal_row = row
            return
        try:
            self.journal_row = self.journal.begin_session(
                plan.session,
                plan.title,
                programme_id=choice.programme_id if choice else None,
                phase=choice.phase if choice else None,
                affected_side=plan.affected.value if plan.affected else None,
                weaker_side=plan.weaker.value if plan.weaker else None,
            )
        except StorageError as exc:
            self.notice.emit(f"{exc.message} This session runs, but is not being saved.")

    # ------------------------------------------------------------------ time

    def _arm(self) -> None:
        """Aim the timer at the engine's next absolute deadline."""
        self._deadline.stop()
        self._autoplay.stop()
        if self.runner is None or self.runner.done:
            return
        deadline = self.runner.next_deadline()
        if deadline is not None:
            wait = self._real(deadline - self.lead - self.clock.now())
            self._deadline.start(max(0, math.ceil(wait * 1000)))
        if self.autoplay and not self.runner.paused and self.runner.step.duration is None:
            self._autoplay.start(round(self._real(self.plan_nominal(self.runner.step)) * 1000))

    def _real(self, seconds: float) -> float:
        """Session seconds as seconds to wait (they differ on a scaled clock)."""
        real = getattr(self.clock, "real_seconds", None)
        return float(real(seconds)) if real is not None else seconds

    def plan_nominal(self, step: Step) -> float:
        return self.plan.nominal_seconds(step) if self.plan is not None else 3.0

    def _on_deadline(self) -> None:
        if self.runner is None:
            return
        deadline = self.runner.next_deadline()
        if deadline is not None and self.clock.now() < deadline - self.lead:
            self._arm()  # woke early: aim again, never act before the deadline
            return
        self.tick()

    def tick(self) -> None:
        """Let the engine catch up with the clock: every deadline passed is handled, in
        order, stamped with its own time (also what tests call after moving a fake clock)."""
        if self.runner is None:
            return
        self._handle(self.runner.advance(self.clock.now() + self.lead))
        self._arm()
        self.refresh()

    def _auto_next(self) -> None:
        if self.runner is not None and self.runner.step.kind is StepKind.MEASURE:
            self.runner.record_measure(self.runner.step.side, 45.0)
        self.next()

    # ------------------------------------------------------------------ commands

    def _command(self, command: Callable[[], list[ev.Event]]) -> None:
        if self.runner is None or self.runner.done:
            return
        if self._waiting_for_voice:
            self._begin()  # a key press while the voice prepares means: start now
            return
        self._handle(self.runner.advance(self.clock.now()))
        self._handle(command())
        self._arm()
        self.refresh()

    def next(self) -> None:
        if self.runner is not None:
            self._command(self.runner.next)

    def back(self) -> None:
        if self.runner is not None:
            self._command(self.runner.back)

    def toggle_pause(self) -> None:
        if self.runner is None:
            return
        if self.runner.paused:
            self._command(self.runner.resume)
        else:
            self._command(self.runner.pause)
            self.voice.stop()

    def skip_exercise(self) -> None:
        if self.runner is not None:
            self._command(self.runner.skip_exercise)

    def skip_side(self) -> None:
        if self.runner is not None:
            self._command(self.runner.skip_side)

    def repeat_set(self) -> None:
        if self.runner is not None:
            self._command(self.runner.repeat_set)

    def stop(self) -> None:
        if self.runner is not None:
            self._command(self.runner.stop)
            self.voice.stop()

    def _ask_measure(self, index: int) -> None:
        """Ask for the measurement, unless the session has moved on meanwhile."""
        runner = self.runner
        if runner is not None and not runner.done and runner.index == index:
            self.measure_requested.emit(runner.step)

    def record_measure(self, value: float | None) -> None:
        runner = self.runner
        if runner is None or runner.step.kind is not StepKind.MEASURE:
            return
        if value is not None:
            self._handle(runner.record_measure(runner.step.side, value))
        self.next()

    def rate_effort(self, score: int) -> bool:
        """Log how hard the exercise just finished felt (0-10), for each side worked."""
        if self.pending_effort is None:
            return False
        exercise, _name, sides = self.pending_effort
        self.pending_effort = None
        journal = self.ensure_journal()
        if journal is not None and self.journal_row is not None:
            from guide_app.core.history import EffortRating

            try:
                for side in sides:
                    journal.record_effort(
                        self.journal_row,
                        EffortRating(exercise, side, score),  # type: ignore[arg-type]
                    )
            except StorageError as exc:
                self.notice.emit(exc.message)
        self._trace(f"effort {exercise} {score}")
        self.refresh()
        return True

    def record_pain(self, score: int, where: str | None) -> None:
        """Log pain (0-10) for the exercise and side being worked now."""
        step = self.runner.step if self.runner is not None else None
        exercise = step.exercise if step is not None else None
        side = step.side.value if step is not None and step.side is not None else "both"
        journal = self.ensure_journal()
        if journal is not None and self.journal_row is not None:
            from guide_app.core.history import PainReport

            try:
                journal.record_pain(
                    self.journal_row,
                    PainReport(exercise, side, score, where or None),  # type: ignore[arg-type]
                )
            except StorageError as exc:
                self.notice.emit(exc.message)
        self._trace(f"pain {exercise} {side} {score}")

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        self.voice.set_muted(self.muted)
        self.refresh()

    def set_voice_status(self, text: str) -> None:
        self.voice_status = text
        self.refresh()

    def stop_quietly(self) -> None:
        self._waiting_for_voice = False
        self._voice_wait.stop()
        self._deadline.stop()
        self._refresh.stop()
        self._autoplay.stop()
        if self.runner is not None and not self.runner.done:
            self._handle(self.runner.stop())

    def shutdown(self) -> None:
        self.stop_quietly()
        self.voice.stop()
        if self.journal is not None:
            self.journal.close()
            self.journal = None

    # ------------------------------------------------------------------ events

    def _handle(self, events: list[ev.Event]) -> None:
        for event in events:
            self.event.emit(event)
            if isinstance(event, ev.Prompt):
                self.voice.say(event.text, int(VOICE_PRIORITY[event.priority]), event.at)
                if event.priority is Priority.COUNT:
                    self._trace(f"beat {event.at:.6f} {event.text}")
            elif isinstance(event, ev.Countdown):
                self.voice.beep(event.at)
            elif isinstance(event, ev.SetDone):
                self._sets.append(event)
                self._journal_set(event)
            elif isinstance(event, ev.SetUndone):
                self._sets = [
                    s
                    for s in self._sets
                    if (s.exercise, s.block, s.side, s.direction, s.set, s.round)
                    != (
                        event.exercise,
                        event.block,
                        event.side,
                        event.direction,
                        event.set,
                        event.round,
                    )
                ]
                self._journal_undo(event)
            elif isinstance(event, ev.MeasureRecorded):
                self._journal_measure(event)
            elif isinstance(event, ev.StepStarted) and event.step.kind is StepKind.MEASURE:
                if not self.autoplay:
                    QTimer.singleShot(0, lambda i=event.index: self._ask_measure(i))
            elif isinstance(event, ev.ExerciseDone) and not event.skipped:
                sides = tuple(
                    dict.fromkeys(s.side.value for s in self._sets if s.exercise == event.exercise)
                )
                self.pending_effort = (event.exercise, event.name, sides or ("both",))
            elif (
                isinstance(event, ev.StepStarted)
                and self.pending_effort is not None
                and event.step.kind in (StepKind.REP, StepKind.PHASE, StepKind.HOLD)
                and event.step.exercise != self.pending_effort[0]
            ):
                self.pending_effort = None  # the next exercise is under way: too late to ask
            if isinstance(event, ev.SessionDone):
                self._finish(event.stopped)

    def _journal_set(self, event: ev.SetDone) -> None:
        if self.journal is None or self.journal_row is None:
            return
        tempo = ", ".join(f"{p.name} {p.seconds:g}" for p in event.tempo) if event.tempo else None
        try:
            self.journal.record_set(
                self.journal_row,
                SetRecord(
                    exercise_id=event.exercise,
                    side=event.side.value,  # type: ignore[arg-type]
                    set_number=event.set,
                    planned_reps=event.planned_reps,
                    done_reps=event.done_reps,
                    hold_planned=event.hold,
                    hold_achieved=event.held_seconds if event.hold else None,
                    tempo=tempo,
                    skipped=event.skipped,
                    step=event.block,
                ),
            )
        except StorageError as exc:
            self.notice.emit(f"{exc.message} The session goes on; this set was not saved.")
            return
        self._trace(f"set {event.block} {event.side.value} {event.set} {event.done_reps}")

    def _journal_undo(self, event: ev.SetUndone) -> None:
        if self.journal is None or self.journal_row is None:
            return
        try:
            self.journal.withdraw_set(
                self.journal_row,
                event.exercise,
                event.side.value,  # type: ignore[arg-type]
                event.set,
                event.block,
            )
        except StorageError as exc:
            self.notice.emit(exc.message)

    def _journal_measure(self, event: ev.MeasureRecorded) -> None:
        if self.journal is None or self.journal_row is None:
            return
        from guide_app.core.history import Measurement

        try:
            self.journal.record_measurement(
                self.journal_row,
                Measurement(
                    name=event.name,
                    side=event.side.value if event.side else "both",  # type: ignore[arg-type]
                    value=event.value,
                    unit=event.unit or "",
                ),
            )
        except StorageError as exc:
            self.notice.emit(exc.message)

    def _finish(self, stopped: bool) -> None:
        self._refresh.stop()
        self._deadline.stop()
        self._autoplay.stop()
        if self.journal is not None and self.journal_row is not None:
            try:
                self.journal.end_session(self.journal_row, "stopped" if stopped else "finished")
            except StorageError as exc:
                self.notice.emit(exc.message)
        plan = self.plan
        self._trace("done")
        title = "Session stopped" if stopped else "Session done — well done!"
        subtitle = plan.title if plan is not None else ""
        QTimer.singleShot(0, lambda: self.finished.emit(title, subtitle, self.summary_rows()))

    def summary_rows(self) -> list[SideSummary]:
        """What was done per exercise and side, against what the plan asked for."""
        tallies: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
        names: dict[str, str] = {}
        order: list[tuple[str, str]] = []
        if self.plan is not None:
            for step in self.plan.steps:
                if step.exercise and step.side is not None and step.ends_set:
                    key = (step.exercise, step.side.value)
                    if key not in tallies:
                        order.append(key)
                    tallies[key].sets_planned += 1
                    tallies[key].reps_planned += step.reps or 0
                    names[step.exercise] = step.name or step.exercise
        for s in self._sets:
            key = (s.exercise, s.side.value)
            if key not in tallies:
                order.append(key)
            tally = tallies[key]
            names[s.exercise] = s.name
            tally.reps_done += s.done_reps
            tally.held += s.held_seconds
            if s.skipped:
                tally.skipped += 1
            else:
                tally.sets_done += 1
        return [
            SideSummary(
                exercise=names.get(ex, ex),
                side=side,
                sets_done=t.sets_done,
                sets_planned=t.sets_planned,
                reps_done=t.reps_done,
                reps_planned=t.reps_planned,
                hold_seconds=t.held,
                skipped_sets=t.skipped,
            )
            for (ex, side), t in ((key, tallies[key]) for key in order)
        ]

    # ------------------------------------------------------------------ screen

    def refresh(self) -> None:
        if self.runner is None or self.plan is None:
            return
        self.screen_changed.emit(self.screen())

    def screen(self) -> Screen:
        """What the window shows now, built from the engine's state."""
        assert self.runner is not None and self.plan is not None
        state = self.runner.state
        step = state.step
        exercise = self.library.exercises.get(step.exercise or "")
        big, caption, progress, message = self._readout(state, step)
        picture, mirrored = self._picture(step)
        if step.exercise != self._cue[0]:
            self._cue = (step.exercise, None)
        if step.cue_index is not None:
            self._cue = (step.exercise, step.cue_index)
        sets = ""
        if step.set and step.sets:
            sets = f"Set {step.set} of {step.sets}"
            if step.round and step.rounds:
                sets += f"  ·  round {step.round} of {step.rounds}"
        elapsed_plan = self._starts[state.index] if state.index < len(self._starts) else 0.0
        parts = len(self._block_no)
        block_no = self._block_no.get(step.block, parts) if step.block is not None else parts
        return Screen(
            exercise_name=(exercise.name if exercise else step.name or "")
            if step.kind is not StepKind.END
            else "Well done",
            kind=step.kind.value,
            picture=picture,
            mirrored=mirrored,
            cues=tuple(c.text for c in exercise.cues) if exercise else (),
            current_cue=self._cue[1],
            tips=exercise.tips if exercise else (),
            big=big,
            big_caption=caption,
            progress=progress,
            set_text=sets,
            side=step.side.value if step.side is not None else None,
            message=message,
            next_text=self._next_text(state.index),
            session_progress=min(1.0, elapsed_plan / self._total),
            session_text=f"{self.plan.title}  ·  part {block_no} of {parts}",
            paused=state.paused,
            muted=self.muted,
            voice_status=self.voice_status,
            stop_signs=exercise.stop_signs if exercise else (),
            prompt=(
                f"How hard was {self.pending_effort[1]}? Press 1-9, or 0 for 10 (optional)"
                if self.pending_effort is not None
                else ""
            ),
        )

    def _readout(self, state: ev.State, step: Step) -> tuple[str, str, float | None, str]:
        kind = step.kind
        left = state.time_left
        progress = None
        if step.duration and left is not None:
            progress = 1.0 - left / step.duration
        unit = step.count_unit or "reps"
        if kind is StepKind.REP:
            shown = (
                f"{step.reps_range}"
                if step.reps_range and step.reps_range.low != step.reps_range.high
                else f"{step.reps}"
            )
            return f"{state.set_reps} / {shown}", unit, None, ""
        if kind is StepKind.PHASE:
            rep = f"rep {step.rep} of {step.reps}" if step.rep and step.reps else ""
            return (step.phase or "").upper(), rep, progress, ""
        if kind is StepKind.HOLD:
            caption = "hold"
            if step.rep and step.reps and step.reps > 1:
                caption = f"hold {step.rep} of {step.reps}"
            return format_seconds(left or 0.0), caption, progress, ""
        if kind is StepKind.REST:
            return format_seconds(left or 0.0), "rest", progress, ""
        if kind is StepKind.SWITCH:
            to = step.direction or (step.side.value if step.side else "")
            message = f"Switch sides: now your {to} side" if step.side else f"Turn: now go {to}"
            return format_seconds(left or 0.0), "switch", progress, message
        if kind is StepKind.READY:
            if left is None:
                return "Ready?", "get ready", None, "Press Space (or the clicker) to start"
            return format_seconds(left), "get ready", progress, ""
        if kind is StepKind.MEASURE:
            side = f" — {step.side.value} side" if step.side else ""
            return "", "measure", None, f"Measure {step.name}{side} ({step.measure_unit})"
        if kind is StepKind.NOTE:
            return "", "note", None, step.text or ""
        return "✓", "done", None, ""

    def _picture(self, step: Step) -> tuple[Path | None, bool]:
        if not step.exercise:
            return None, False
        exercise = self.library.exercises.get(step.exercise)
        if exercise is None:
            return None, False
        which = "start"
        if exercise.pictures.end:
            if step.kind is StepKind.PHASE and step.tempo:
                names = [p.name for p in step.tempo if p.seconds > 0]
                last = names[-1] if names else None
                which = "start" if step.phase == last else "end"
            elif step.kind is StepKind.HOLD and step.reps and step.hold:
                which = "end"
        path = self.library.picture_path(exercise.id, which)
        drawn = exercise.pictures.drawn_side
        mirrored = (
            step.side is not None
            and drawn in ("left", "right")
            and step.side.value in ("left", "right")
            and step.side.value != drawn
        )
        return path, mirrored

    def _next_text(self, index: int) -> str:
        assert self.plan is not None
        steps = self.plan.steps
        current = steps[index]
        for step in steps[index + 1 :]:
            if step.kind is StepKind.END:
                return "Next: the end of the session"
            if step.block != current.block and step.kind in (
                StepKind.READY,
                StepKind.MEASURE,
                StepKind.NOTE,
            ):
                name = step.name or ""
                side = (
                    f", {step.side.value} side"
                    if step.side is not None and step.side is not Side.BOTH
                    else ""
                )
                return f"Next up: {name}{side}"
            if step.block == current.block and step.side != current.side and step.side:
                return f"Next: {step.side.value} side"
        return ""
