"""The undo trail: what each of the engine's moves changed, newest last, kept to a limit.

``back`` and ``repeat_set`` take entries off the end. Only the last ``TRAIL_LIMIT``
entries are kept, so memory stays flat in a long session; every ``PRUNE_EVERY`` pushes
into a full trail, ``push`` says it is time to forget what ``back`` can no longer reach.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from guide_app.core.sides import Side

TRAIL_LIMIT = 2000
PRUNE_EVERY = 256


@dataclass(frozen=True, slots=True)
class Entry:
    """One undoable thing done: where it started and what it changed."""

    start: int
    counted: int | None = None  # the step whose end counted a rep
    held: tuple[tuple[int, Side, float], ...] = ()  # (set run, side, seconds held)
    closed: tuple[tuple[int, Side], ...] = ()  # (set run, side) of the sets it finished
    skipped: tuple[int, ...] = ()  # the steps it skipped


class Trail:
    """The entries ``back`` can still undo, oldest first."""

    def __init__(self, limit: int = TRAIL_LIMIT) -> None:
        self._entries: deque[Entry] = deque(maxlen=limit)
        self._pushes = 0

    def push(self, entry: Entry) -> bool:
        """Add ``entry``; True when the caller should forget what is now out of reach."""
        self._entries.append(entry)
        self._pushes += 1
        return self._pushes % PRUNE_EVERY == 0 and len(self._entries) == self._entries.maxlen

    def pop(self) -> Entry:
        return self._entries.pop()

    @property
    def last(self) -> Entry:
        return self._entries[-1]

    @property
    def oldest(self) -> Entry:
        return self._entries[0]

    def __bool__(self) -> bool:
        return bool(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __reversed__(self) -> Iterator[Entry]:
        return reversed(self._entries)
