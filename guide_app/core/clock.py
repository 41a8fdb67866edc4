"""Where the engine gets the time: a monotonic clock in seconds, and a fake one for tests.

Nothing in the core reads the time any other way, so a test can run a whole session
in milliseconds by moving a ``FakeClock``.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """A monotonic clock: ``now()`` in seconds, never going backwards."""

    def now(self) -> float: ...


class MonotonicClock:
    """The real clock: ``time.monotonic``."""

    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that only moves when told to; for tests and the ``plan`` command."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)

    def now(self) -> float:
        return self._now

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
    crash tests. ``real_seconds`` turns session seconds back into seconds to wait."""

    def __init__(self, scale: float) -> None:
        if scale <= 0:
            raise ValueError(f"the time scale must be more than 0, not {scale}")
        self.scale = float(scale)
        self._origin = time.monotonic()

    def now(self) -> float:
        return self._origin + (time.monotonic() - self._origin) * self.scale

    def real_seconds(self, seconds: float) -> float:
        return seconds / self.scale
