"""Where everything gets the time: one injected clock, and fakes for tests.

A ``Clock`` gives monotonic session seconds (``now``) for deadlines, and the wall time
(``wall``, Unix seconds) for journal timestamps and "today" in history and reports.
Nothing in the app reads the time any other way, so a test can run a whole session in
milliseconds by moving a ``FakeClock``, and ``--time-scale`` speeds up the voice too.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from typing import Protocol


class Clock(Protocol):
    """Monotonic seconds that never go backwards, and the wall time beside them."""

    def now(self) -> float:
        """Monotonic session seconds: what deadlines are measured on."""
        ...

    def wall(self) -> float:
        """Unix seconds: what the journal stamps rows with."""
        ...

    def real_seconds(self, seconds: float) -> float:
        """Session seconds as real seconds to wait (they differ on a scaled clock)."""
        ...


def today(clock: Clock) -> date:
    """The local calendar day on ``clock``."""
    return datetime.fromtimestamp(clock.wall()).date()


class MonotonicClock:
    """The real clock: ``time.monotonic`` and ``time.time``."""

    def now(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        return time.time()

    def real_seconds(self, seconds: float) -> float:
        return seconds


class FakeClock:
    """A clock that only moves when told to; for tests and the ``plan`` command. Its wall
    time moves with it from ``wall_start`` (by default 2026-01-05 09:00 local time)."""

    def __init__(self, start: float = 0.0, wall_start: float | None = None) -> None:
        self._now = float(start)
        self._start = self._now
        self._wall_start = (
            datetime(2026, 1, 5, 9, 0).timestamp() if wall_start is None else wall_start
        )

    def now(self) -> float:
        return self._now

    def wall(self) -> float:
        return self._wall_start + (self._now - self._start)

    def real_seconds(self, seconds: float) -> float:
        return seconds

    def advance(self, seconds: float) -> float:
        """Move forward by ``seconds`` (not negative) and return the new time."""
        if seconds < 0:
            raise ValueError(f"a monotonic clock cannot go back ({seconds} s)")
        self._now += seconds
        return self._now

    def set(self, t: float) -> float:
        """Move to the absolute time ``t`` (not earlier than now) and return it."""
        if t < self._now:
            raise ValueError(f"a monotonic clock cannot go back from {self._now} to {t}")
        self._now = float(t)
        return self._now


class ScaledClock:
    """The real clock, running ``scale`` times faster: session time for demonstrations and
    crash tests. Wall time is not scaled: journal rows keep their real dates."""

    def __init__(self, scale: float) -> None:
        if scale <= 0:
            raise ValueError(f"the time scale must be more than 0, not {scale}")
        self.scale = float(scale)
        self._origin = time.monotonic()

    def now(self) -> float:
        return self._origin + (time.monotonic() - self._origin) * self.scale

    def wall(self) -> float:
        return time.time()

    def real_seconds(self, seconds: float) -> float:
        return seconds / self.scale
