"""The one adapter between the core's session run and the window.

It owns a ``PreciseTimer`` aimed at the run's next wake-up (an absolute time on the
injected clock; nothing counts ticks) and a 20 Hz repaint (30 Hz while the exercise
figure moves, so it moves smoothly), passes key commands in, and
re-emits the run's readouts, notices, measurement requests and summary as signals. The
session run decides everything; widgets only draw what this emits.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from guide_app.core.choice import SessionChoice
from guide_app.core.history import SessionRecord, SetRecord
from guide_app.core.journal_port import SessionJournal
from guide_app.core.pain_limit import PainLimit, pain_limit
from guide_app.core.session_run import SessionRun
from guide_app.core.sides import Side
from guide_app.core.steps import Step
from guide_app.core.summary import Summary
from guide_app.core.voice import VoiceStatus

REFRESH_MS = 50  # the readout repaints at 20 Hz; timing never depends on it
FRAME_MS = 33  # and at 30 Hz while the figure moves (where it is comes from the clock)


class SessionAdapter(QObject):
    readout_changed = Signal(object)  # Readout
    finished = Signal(object)  # Summary
    notice = Signal(object)  # Notice
    measure_requested = Signal(object)  # Step
    engine_event = Signal(object)  # every engine event, for tests and tools

    def __init__(self, run: SessionRun, *, trace: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.run = run
        self.trace = trace
        run.on_notice = self.notice.emit
        run.on_finished = self._finished
        run.on_measure = self._measure
        run.on_event = self.engine_event.emit
        run.on_trace = self._trace
        self._wake = QTimer(self)
        self._wake.setTimerType(Qt.TimerType.PreciseTimer)
        self._wake.setSingleShot(True)
        self._wake.timeout.connect(self._on_wake)
        self._refresh = QTimer(self)
        self._refresh.setTimerType(Qt.TimerType.PreciseTimer)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)

    # ------------------------------------------------------------------ state

    @property
    def paused(self) -> bool:
        return self.run.paused

    @property
    def done(self) -> bool:
        return self.run.done

    @property
    def sides(self) -> tuple[str | None, str | None] | None:
        """The running session's affected and weaker sides (None before any session)."""
        choice = self.run.choice
        return (choice.affected, choice.weaker) if choice is not None else None

    @property
    def step(self) -> Step | None:
        """The step the session is at (None before any session)."""
        return self.run.runner.state.step if self.run.runner is not None else None

    # ------------------------------------------------------------------ time

    def _arm(self) -> None:
        """Aim the timer at the run's next wake-up."""
        self._wake.stop()
        at = self.run.wake_at()
        if at is not None:
            wait = self.run.clock.real_seconds(at - self.run.clock.now())
            self._wake.start(max(0, math.ceil(wait * 1000)))
        if self.run.done:
            self._refresh.stop()
        elif not self._refresh.isActive():
            self._refresh.start()

    def _on_wake(self) -> None:
        at = self.run.wake_at()
        if at is not None and self.run.clock.now() < at:
            self._arm()  # woke early: aim again, never act before the time
            return
        self.tick()

    def tick(self) -> None:
        """Let the run catch up with the clock (also what tests call after moving a
        fake clock)."""
        self.run.tick()
        self._after()

    def _after(self) -> None:
        self._arm()
        self.refresh()

    def refresh(self) -> None:
        readout = self.run.readout()
        if readout is not None:
            moving = not readout.paused and readout.movement.moving(readout.elapsed)
            self._refresh.setInterval(FRAME_MS if moving else REFRESH_MS)
            self.readout_changed.emit(readout)

    # ------------------------------------------------------------------ commands

    def start(self, choice: SessionChoice) -> None:
        self.run.start(choice)
        self._after()

    def next(self) -> None:
        self.run.next()
        self._after()

    def back(self) -> None:
        self.run.back()
        self._after()

    def toggle_pause(self) -> None:
        self.run.toggle_pause()
        self._after()

    def skip_exercise(self) -> None:
        self.run.skip_exercise()
        self._after()

    def skip_side(self) -> None:
        self.run.skip_side()
        self._after()

    def repeat_set(self) -> None:
        self.run.repeat_set()
        self._after()

    def stop(self) -> None:
        self.run.stop()
        self._after()

    def change_load(self, steps: int) -> None:
        """The load one step heavier (+1) or lighter (-1) for this exercise-side."""
        self.run.change_load(steps)
        self._after()

    def extend(self) -> None:
        """Add the rest of a hold's or rest's range."""
        self.run.extend()
        self._after()

    def pain_limit(self) -> PainLimit:
        """The pain limit of the session running (the app's own when none is written)."""
        return pain_limit(self.run.choice, self.run.library)

    def toggle_mute(self) -> None:
        self.run.toggle_mute()
        self._after()

    def record_measure(self, value: float | None) -> None:
        self.run.record_measure(value)
        self._after()

    def rate_effort(self, score: int) -> bool:
        rated = self.run.rate_effort(score)
        self._after()
        return rated

    def rate(self, exercise: str, side: Side, score: int) -> bool:
        """Rate an exercise's effort on a side (the summary's ratings)."""
        rated = self.run.rate(exercise, side, score)
        self._arm()  # a rating the journal can't take now is tried again at the wake-up
        return rated

    def record_pain(self, score: int, where: str | None) -> None:
        self.run.record_pain(score, where)
        self._arm()

    def voice_changed(self, status: VoiceStatus) -> None:
        self.run.voice_changed(status)
        self._after()

    def voice_prepared(self, done: int, total: int) -> None:
        self.run.voice_prepared(done, total)
        self._after()

    def resume(self, record: SessionRecord, sets: list[SetRecord]) -> bool:
        resumed = self.run.resume(record, sets)
        self._after()
        return resumed

    def abandon(self, record: SessionRecord) -> None:
        self.run.abandon(record)

    def interrupted(self) -> tuple[SessionRecord, list[SetRecord]] | None:
        pending = self.run.interrupted()
        self._arm()  # writes kept by the last run that still wait are tried again
        return pending

    def ensure_journal(self) -> SessionJournal | None:
        return self.run.ensure_journal()

    def shutdown(self) -> None:
        self._wake.stop()
        self._refresh.stop()
        self.run.shutdown()

    # ------------------------------------------------------------------ from the run

    def _finished(self, summary: Summary) -> None:
        self._wake.stop()
        self._refresh.stop()
        QTimer.singleShot(0, lambda: self.finished.emit(summary))

    def _measure(self, index: int, step: Step) -> None:
        """Ask once the key press that got here is handled, if the step is still on."""
        QTimer.singleShot(
            0, lambda: self.measure_requested.emit(step) if self.run.asks_measure(index) else None
        )

    def _trace(self, line: str) -> None:
        if self.trace:
            print(line, flush=True)
