"""A session being run: the engine with its voice, journal, resume, summary, effort, pain
and measurements, on the injected clock, with no Qt.

Whoever hosts it (the window's adapter, a test, a tool) does three things: calls
``tick()`` at ``wake_at()`` on the same clock, passes the user's commands in, and shows
``readout()``. Everything else is decided here, in the order the engine reports it:

* prompts go to the voice ``lead`` seconds before their beat (the voice places them
  exactly); countdown seconds become beeps;
* each finished set is written to the journal the moment it ends, a set taken back is
  withdrawn, and the session row is closed as finished or stopped;
* the clock starts only once the voice has the session's phrases (or after
  ``VOICE_WAIT`` seconds, or at a key press), so the first cues are heard, not skipped;
* the exercise just finished may be rated for effort until it is rated or the next one
  is finished; on the summary every exercise may be rated (``rate``), a later rating
  replacing an earlier one.

Storage faults never stop a session: they become notices, and the session runs on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from guide_app.core import engine as ev
from guide_app.core.adjustments import person_choice
from guide_app.core.choice import SessionChoice, single_exercise_session
from guide_app.core.choice_plan import choice_plan, journal_week
from guide_app.core.clock import Clock, today
from guide_app.core.content_language import english, translated
from guide_app.core.history import (
    EffortRating,
    Measurement,
    PainReport,
    SessionRecord,
    SetRecord,
    StorageError,
)
from guide_app.core.i18n import tr
from guide_app.core.journal_port import SessionJournal
from guide_app.core.journal_queue import WriteQueue, queue_for
from guide_app.core.loader import Library
from guide_app.core.notice import Notice, NoticeLevel
from guide_app.core.plan import Plan, Step, StepKind, phrase_languages, phrases_for
from guide_app.core.readout import Readout, ReadoutBuilder
from guide_app.core.resume import SetKey, resume_point, resume_words, set_key, set_places
from guide_app.core.set_load import SetLoads
from guide_app.core.sides import Side
from guide_app.core.summary import PainNote, Summary, not_completed, summarise
from guide_app.core.voice import Priority, Voice, VoiceStatus

VOICE_WAIT = 10.0  # real seconds a session waits at most for its phrases before it starts
AUTOPLAY_MEASURE = 45.0  # what --autoplay enters for a measurement


def _ignore(*_: object) -> None:
    pass


class SessionRun:
    """Runs one session at a time over the library, a clock, a voice and a journal."""

    def __init__(
        self,
        library: Library,
        clock: Clock,
        voice: Voice,
        journal: Callable[[], SessionJournal] | None = None,
        *,
        autoplay: bool = False,
        lead: float = 0.0,
    ) -> None:
        """``journal`` opens the journal when it is first needed (None: nothing is saved).
        ``lead``: handle each deadline this many seconds early, so the voice is told what
        to say before its beat (events keep their exact due times)."""
        self.library = library
        self.clock = clock
        self.voice = voice
        self.autoplay = autoplay
        self.lead = lead
        self._open_journal = journal
        self.journal: SessionJournal | None = None
        self._writes: WriteQueue | None = None  # the journal's writes, in order, never waiting
        self.journal_row: int | None = None
        self.runner: ev.Runner | None = None
        self.plan: Plan | None = None
        self.choice: SessionChoice | None = None
        self.muted = False
        self.voice_status: VoiceStatus | None = None
        self.voice_progress: tuple[int, int] = (0, 0)
        self.pending_effort: tuple[str, str, tuple[Side, ...]] | None = None
        self._builder: ReadoutBuilder | None = None
        self._loads = SetLoads(())  # each exercise-side's load, as prescribed and corrected
        self._sets: list[ev.SetDone] = []
        self._effort: dict[tuple[str, Side], int] = {}  # rated in this session
        self._pain: list[PainNote] = []
        self._waiting_until: float | None = None  # waiting for the voice until then
        self._resume: tuple[int, list[SetRecord]] | None = None
        self._places: dict[SetKey, int] = {}
        self._auto_at: float | None = None
        self._measure_index: int | None = None
        # What the host hears about; it sets these (signals in the window, lists in tests).
        self.on_notice: Callable[[Notice], None] = _ignore
        self.on_finished: Callable[[Summary], None] = _ignore
        self.on_measure: Callable[[int, Step], None] = _ignore
        self.on_event: Callable[[ev.Event], None] = _ignore
        self.on_trace: Callable[[str], None] = _ignore

    # ------------------------------------------------------------------ state

    @property
    def paused(self) -> bool:
        return self.runner is not None and self.runner.paused

    @property
    def done(self) -> bool:
        return self.runner is None or self.runner.done

    @property
    def waiting_for_voice(self) -> bool:
        return self._waiting_until is not None

    def readout(self) -> Readout | None:
        """What the session screen shows now (None before any session)."""
        if self.runner is None or self._builder is None:
            return None
        return self._builder.build(
            self.runner.state,
            muted=self.muted,
            voice=self.voice_status,
            voice_progress=self.voice_progress,
            effort_for=self.pending_effort[1] if self.pending_effort else None,
        )

    def summary(self) -> Summary:
        title = self.plan.title if self.plan is not None else ""
        stopped = self.runner is not None and self.runner.state.stopped
        rows = summarise(self.plan, self._sets)
        return Summary(title, stopped, rows, dict(self._effort), tuple(self._pain))

    # ------------------------------------------------------------------ start

    def start(self, choice: SessionChoice) -> None:
        journal = self.ensure_journal() if choice.programme_id else None
        choice = person_choice(choice, self.library, journal)  # with the changes they accepted
        week = journal_week(choice, self.library.programmes, journal, today(self.clock))
        self.start_plan(choice_plan(choice, self.library.exercises, week), choice)

    def start_plan(
        self,
        plan: Plan,
        choice: SessionChoice | None = None,
        *,
        resume: tuple[int, list[SetRecord]] | None = None,
    ) -> None:
        """Run a plan from its start, or, with ``resume`` (the journal's session row and
        the sets it holds), from the step after the last completed set."""
        self.stop_quietly()
        self.plan, self.choice = plan, choice
        self.runner = ev.Runner(plan, self.clock, spoken=self.voice.spoken_seconds)
        self._loads = SetLoads(plan.steps, resume[1] if resume else ())
        self._builder = ReadoutBuilder(plan, self.library, self._loads)
        self._places = set_places(plan)  # each set's place in the plan, saved with it
        self._sets = []
        self._effort, self._pain = {}, []
        self.pending_effort = None
        for warning in plan.warnings:
            self.on_notice(Notice(warning[0].upper() + warning[1:] + "."))
        self._open_journal_for(plan, choice, resume[0] if resume else None)
        self._resume = resume
        # Phrases render in real time, so the wait is real seconds, also on a scaled clock.
        self._waiting_until = self.clock.now() + VOICE_WAIT / self.clock.real_seconds(1.0)
        self.voice.prepare(phrases_for(plan), phrase_languages(plan))  # may be ready at once
        if self.waiting_for_voice and self.voice.status.fault:
            self.begin()

    def voice_prepared(self, done: int, total: int) -> None:
        """The voice's progress rendering the session's phrases."""
        self.voice_progress = (done, total)
        if self.waiting_for_voice and done >= total:
            self.begin()

    def voice_changed(self, status: VoiceStatus) -> None:
        self.voice_status = status
        if self.waiting_for_voice and status.fault:
            self.begin()

    def begin(self) -> None:
        """Start the session's clock (once the voice is ready, or after the wait)."""
        if not self.waiting_for_voice or self.runner is None:
            return
        self._waiting_until = None
        resume, self._resume = self._resume, None
        if resume is None:
            self._handle(self.runner.start())
        else:
            measured = self._recall(resume[0])
            point = resume_point(self.runner.plan, resume[1], measured)
            self._sets.extend(point.sets)
            self._handle(self.runner.start_after(point.done, point.reps))
            saved = resume_words(resume[1], point.measured)
            self.on_notice(
                Notice(
                    tr(
                        "Resumed {title}: {saved}; carrying on from the next one.",
                        title=self.runner.plan.title,
                        saved=saved,
                    )
                )
            )
        self.on_trace(f"start {self.runner.index}")
        self._after_change()

    # ------------------------------------------------------------------ time

    def wake_at(self) -> float | None:
        """When to call ``tick`` on the clock, also to retry waiting writes (None: no need)."""
        retry = self._writes.retry_at() if self._writes is not None else None
        return min((t for t in (self._session_wake_at(), retry) if t is not None), default=None)

    def _session_wake_at(self) -> float | None:
        if self.runner is None or self.runner.done:
            return None
        if self._waiting_until is not None:
            return self._waiting_until
        times = [t for t in (self._auto_at,) if t is not None]
        deadline = self.runner.next_deadline()
        if deadline is not None:
            times.append(deadline - self.lead)
        return min(times) if times else None

    def tick(self) -> None:
        """Catch up with the clock: every deadline passed is handled, in order, stamped
        with its own time. Journal writes that wait are tried again."""
        if self._writes is not None:
            self._writes.retry()
        if self.runner is None:
            return
        now = self.clock.now()
        if self._waiting_until is not None:
            if now >= self._waiting_until:
                self.begin()
            return
        if self._auto_at is not None and now >= self._auto_at:
            self._auto_at = None
            if self.runner.step.kind is StepKind.MEASURE:
                self._handle(self.runner.record_measure(self.runner.step.side, AUTOPLAY_MEASURE))
            self.next()
            return
        self._handle(self.runner.advance(now + self.lead))
        self._after_change()

    def _after_change(self) -> None:
        """Aim autoplay at the nominal end of a step that waits for a key,"""
        self._auto_at = None
        runner = self.runner
        if (
            self.autoplay
            and runner is not None
            and self.plan is not None
            and not runner.done
            and not runner.paused
            and runner.step.duration is None
        ):
            # and never before the step's words are said: autoplay cuts nothing planned
            nominal = self.clock.now() + self.plan.nominal_seconds(runner.step)
            self._auto_at = max(nominal, runner.said_until)

    # ------------------------------------------------------------------ commands

    def _command(self, command: Callable[[], list[ev.Event]]) -> None:
        if self.runner is None or self.runner.done:
            return
        if self.waiting_for_voice:
            self.begin()  # a key press while the voice prepares means: start now
            return
        self._handle(self.runner.advance(self.clock.now()))
        self._handle(command())
        self._after_change()

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

    def extend(self) -> None:
        if self.runner is not None:
            self._command(self.runner.extend)

    def change_load(self, steps: int) -> None:
        """The load ``steps`` steps heavier (or lighter), from now on (``set_load``)."""
        runner = self.runner
        line = self._loads.change(runner.index, steps) if runner and not runner.done else None
        if line is not None:
            self.voice.say(line.text, line.priority, language=line.language)

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        self.voice.set_muted(self.muted)

    def asks_measure(self, index: int) -> bool:
        """Whether the measurement asked for at step ``index`` is still the current step."""
        runner = self.runner
        return runner is not None and not runner.done and runner.index == index

    def record_measure(self, value: float | None) -> None:
        """The number for the current measure step (None: left out), then move on."""
        runner = self.runner
        if runner is None or runner.step.kind is not StepKind.MEASURE:
            return
        if value is not None:
            self._handle(runner.record_measure(runner.step.side, value))
        else:
            name = runner.step.name or tr("Measurement")
            self.on_notice(Notice(tr("{name} was not measured; nothing was saved.", name=name)))
        self.next()

    def rate_effort(self, score: int) -> bool:
        """Log how hard the exercise last finished felt (0-10), for each side worked, and
        say so; with nothing to rate, say that instead. False when there was nothing."""
        if self.pending_effort is None:
            self.on_notice(
                Notice(tr("Nothing to rate yet: an exercise can be rated once it is done."))
            )
            return False
        exercise, name, sides = self.pending_effort
        self.pending_effort = None
        saved = all([self.rate(exercise, side, score) for side in sides])
        if saved:
            self.on_notice(
                Notice(tr("Effort {score} of 10 saved for {name}.", score=score, name=name))
            )
        return True

    def rate(self, exercise: str, side: Side, score: int) -> bool:
        """Log how hard ``exercise`` felt on ``side`` (0-10) in the session run last, also
        after it ended (the summary); it replaces an earlier rating. True when saved."""
        rating = EffortRating(exercise, side, score)
        self._effort[(exercise, side)] = score
        if self.pending_effort is not None and self.pending_effort[0] == exercise:
            self.pending_effort = None  # answered on the summary or by key
        self.on_trace(f"effort {exercise} {side} {score}")
        return self._write(lambda j, r: j.record_effort(r, rating))

    def record_pain(self, score: int, where: str | None) -> None:
        """Log pain (0-10) for the exercise and side being worked now."""
        step = self.runner.step if self.runner is not None else None
        exercise = step.exercise if step is not None else None
        side = step.side if step is not None and step.side is not None else Side.BOTH
        self._write(lambda j, r: j.record_pain(r, PainReport(exercise, side, score, where or None)))
        self._pain.append(PainNote(self._name(exercise), side, score, where or None))
        self.on_trace(f"pain {exercise} {side} {score}")

    def stop_quietly(self) -> None:
        """End a running session without a summary (another one is starting)."""
        self._waiting_until = None
        self._auto_at = None
        if self.runner is not None and not self.runner.done:
            self._handle(self.runner.stop(), announce=False)

    def shutdown(self) -> None:
        self.stop_quietly()
        self.voice.stop()
        if self.journal is not None:
            (self._writes or self.journal).close()  # what still waits is kept for next time
            self.journal = self._writes = None

    # ------------------------------------------------------------------ journal

    def ensure_journal(self) -> SessionJournal | None:
        if self.journal is None and self._open_journal is not None:
            try:
                self.journal = self._open_journal()
            except StorageError as exc:
                self._open_journal = None
                self._problem(exc.message, tr("Sessions run, but are not being saved."))
                return None
            if self.journal.notice:
                self.on_notice(Notice(self.journal.notice, NoticeLevel.PROBLEM))
            self._writes = queue_for(self.journal, self.clock, self._journal_said)
        return self.journal

    def interrupted(self) -> tuple[SessionRecord, list[SetRecord]] | None:
        """A session the journal shows as still running (the app died during it)."""
        journal = self.ensure_journal()
        if journal is None or (self._writes is not None and self._writes.waiting):
            return None  # (or the writes the last run kept wait still: offered once in)
        try:
            record = journal.interrupted_session()
            if record is None:
                return None
            sets = journal.resume_point(record.row)
            if not sets and not journal.measurements_for(record.row):  # nothing to resume
                journal.abandon(record.row)
                return None
            return record, sets
        except StorageError as exc:
            self._problem(exc.message)
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
        )
        choice = person_choice(choice, self.library, self.ensure_journal(), as_of=record.started_at)
        on = record.started_on  # the week it began in, so it plans the steps it began with
        week = journal_week(choice, self.library.programmes, self.ensure_journal(), on)
        plan = choice_plan(choice, self.library.exercises, week)
        self.start_plan(plan, choice, resume=(record.row, sets))
        return True

    def abandon(self, record: SessionRecord) -> None:
        journal = self.ensure_journal()
        if journal is not None:
            try:
                journal.abandon(record.row)
            except StorageError as exc:
                self._problem(exc.message)

    def _open_journal_for(self, plan: Plan, choice: SessionChoice | None, row: int | None) -> None:
        self.journal_row = None
        if self.ensure_journal() is None or self._writes is None:
            return
        if row is not None:
            self.journal_row = row
            return
        # Kept in English, to match in any language; old journals hold English: no migration
        self.journal_row = self._writes.begin_session(  # written now, or later in order
            plan.session,
            english(plan.title),
            programme_id=choice.programme_id if choice else None,
            phase=english(choice.phase) if choice and choice.phase else None,
            affected_side=plan.affected.value if plan.affected else None,  # type: ignore[arg-type]
            weaker_side=plan.weaker.value if plan.weaker else None,  # type: ignore[arg-type]
            person=choice.person if choice else None,
        )

    def _write(self, write: Callable[[SessionJournal, int], object], then: str = "") -> bool:
        """One journal write for the session running, through the write queue: one the
        journal can't take now waits, is said and written later; True when written now."""
        if self._writes is None or self.journal_row is None:
            return False
        write(self._writes, self.journal_row)
        return not self._writes.waiting

    def _journal_said(self, text: str, problem: bool) -> None:
        self.on_notice(Notice(text, NoticeLevel.PROBLEM if problem else NoticeLevel.INFO))

    def _recall(self, row: int) -> list[Measurement]:
        """Bring back the effort and pain an interrupted session saved, for its summary;
        returns its measurements, named as the plan names them (for where to carry on)."""
        journal = self.journal
        if journal is None:
            return []
        try:
            efforts, pains = journal.effort_for(row), journal.pain_for(row)
            measured = journal.measurements_for(row)
        except StorageError as exc:
            self._problem(exc.message)
            return []
        self._effort.update({(e.exercise_id, e.side): e.score for e in efforts})
        self._pain.extend(
            PainNote(self._name(p.exercise_id), p.side, p.score, p.where) for p in pains
        )
        return [replace(m, name=translated(m.name), unit=translated(m.unit)) for m in measured]

    def _name(self, exercise: str | None) -> str:
        found = self.library.exercises.get(exercise or "")
        return found.name if found is not None else exercise or ""

    def _problem(self, message: str, then: str = "") -> None:
        self.on_notice(Notice(f"{message} {then}".strip(), NoticeLevel.PROBLEM))

    # ------------------------------------------------------------------ events

    def _handle(self, events: list[ev.Event], *, announce: bool = True) -> None:
        for event in events:
            self.on_event(event)
            if isinstance(event, ev.Prompt):
                self.voice.say(event.text, event.priority, event.at, event.language)
                self.on_trace(f"say {event.at:.6f} {int(event.priority)} {event.text}")
                if event.priority is Priority.COUNT:
                    self.on_trace(f"beat {event.at:.6f} {event.text}")
            elif isinstance(event, ev.Countdown):
                self.voice.beep(event.at)
            elif isinstance(event, ev.SetDone):
                self._sets.append(replace(event, load=self._record_set(event)))
            elif isinstance(event, ev.SetUndone):
                self._withdraw_set(event)
            elif isinstance(event, ev.MeasureRecorded):
                self._record_measurement(event)
            elif isinstance(event, ev.StepStarted):
                self._step_started(event)
            elif isinstance(event, ev.ExerciseDone) and not event.skipped:
                worked = (s.side for s in self._sets if s.exercise == event.exercise)
                sides = tuple(dict.fromkeys(worked))
                self.pending_effort = (event.exercise, event.name, sides or (Side.BOTH,))
            if isinstance(event, ev.SessionDone):
                self._finish(event.stopped, announce)

    def _step_started(self, event: ev.StepStarted) -> None:
        step = event.step
        if step.kind is StepKind.MEASURE and not self.autoplay:
            self.on_measure(event.index, step)

    def _record_set(self, event: ev.SetDone) -> str | None:
        """Save a set, with its place and the load shown; the load (for the summary)."""
        tempo = ", ".join(f"{p.name} {p.seconds:g}" for p in event.tempo) if event.tempo else None
        record = SetRecord(
            exercise_id=event.exercise,
            side=event.side,
            set_number=event.set,
            planned_reps=event.planned_reps,
            done_reps=event.done_reps,
            hold_planned=event.hold,
            hold_achieved=event.held_seconds if event.hold else None,
            tempo=tempo,
            skipped=not_completed(event),  # a hold let go early is cut short, not done
            step=event.block,
            plan_index=(place := self._places.get(set_key(event))),
            load=self._loads.saved(event.block, event.side, place),
        )
        saved = self._write(
            lambda j, r: j.record_set(r, record),
            tr("The session goes on; this set was not saved."),
        )
        if saved:
            self.on_trace(
                f"set {event.block} {event.side.value} {event.set} {event.done_reps} "
                f"{record.plan_index}"
            )
        return record.load

    def _record_measurement(self, event: ev.MeasureRecorded) -> None:
        """Save a measurement with its place (the measure step it was taken on), in English."""
        runner, side, name = self.runner, event.side or Side.BOTH, english(event.name)
        on_step = runner is not None and runner.step.kind is StepKind.MEASURE
        index = runner.index if on_step and runner is not None else None
        measurement = Measurement(name, side, event.value, english(event.unit or ""), None, index)
        if self._write(lambda j, r: j.record_measurement(r, measurement)):
            self.on_trace(f"measure {index} {side.value} {event.value:g}")

    def _withdraw_set(self, event: ev.SetUndone) -> None:
        key = (event.exercise, event.block, event.side, event.direction, event.set, event.round)
        self._sets = [
            s
            for s in self._sets
            if (s.exercise, s.block, s.side, s.direction, s.set, s.round) != key
        ]
        self._write(
            lambda j, r: j.withdraw_set(r, event.exercise, event.side, event.set, event.block)
        )

    def _finish(self, stopped: bool, announce: bool) -> None:
        self._auto_at = None
        self._write(lambda j, r: j.end_session(r, "stopped" if stopped else "finished"))
        self.on_trace("done")
        if announce:
            self.on_finished(self.summary())
