"""A patient person running a session: waits for each deadline, and presses next two
seconds after a step that waits for a key."""

from __future__ import annotations

from collections.abc import Callable

from guide_app.core.clock import FakeClock
from guide_app.core.session_run import SessionRun


def patient_step(
    run: SessionRun,
    clock: FakeClock,
    *,
    press_next: Callable[[], None] | None = None,
    tick: Callable[[], None] | None = None,
) -> None:
    """One moment of the session: time moves to its next deadline (``tick``), or two
    seconds on and next is pressed (``press_next``); both default to the run's own."""
    at = run.wake_at()
    if at is None:
        clock.advance(2.0)
        (press_next or run.next)()
    else:
        clock.set(max(at, clock.now()))
        (tick or run.tick)()
