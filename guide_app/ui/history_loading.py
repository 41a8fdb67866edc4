"""The history window's reads, off the GUI thread: its few queries run at once, each in a
worker thread on a read-only connection of its own to the journal file.

``Journal`` owns one connection, used by the GUI thread alone. On three years of daily
sessions the window's queries (the sessions, the totals per side, the chart series) took
most of its opening time one after another; here they run side by side (SQLite lets go
of Python's lock while it reads), and while the GUI thread builds the window. The
window still shows nothing it hasn't read: it takes each answer when it fills the view
that needs it. The reads follow the journal's current person (``Journal.person``) at the
moment they are asked for. When a read-only connection can't be opened, the queries run
on the journal itself, as before.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from guide_app.core.history import (
    DayVolume,
    Journal,
    MeasurementPoint,
    SessionSummary,
    SideTotals,
    StorageError,
)
from guide_app.core.history_queries import JournalQueries
from guide_app.core.history_storage import error_from_sqlite
from guide_app.core.history_text import is_hold
from guide_app.core.sides import Side

T = TypeVar("T")
WORKERS = 4  # the window asks up to four things at once


class ReadOnlyQueries(JournalQueries):
    """The journal's queries on a read-only connection of its own (one thread at a time)."""

    def __init__(self, path: Path, person: int = 1) -> None:
        self.path = path
        self.person = person
        uri = f"{path.resolve().as_uri()}?mode=ro"
        try:
            self._connection = sqlite3.connect(
                uri, uri=True, isolation_level=None, timeout=5.0, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise error_from_sqlite(error, path) from error

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._connection.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise error_from_sqlite(error, self.path) from error

    def close(self) -> None:
        self._connection.close()


def chart_exercise(
    totals: Mapping[str, Mapping[Side, SideTotals]], chosen: str | None
) -> str | None:
    """The exercise the volume chart shows: ``chosen`` while it is still one done on one
    side at a time, else the one of those worked on the most (left and right together)."""
    ids = [
        exercise_id
        for exercise_id, sides in totals.items()
        if (sided := [t for t in (sides.get(Side.LEFT), sides.get(Side.RIGHT)) if t is not None])
        and not all(is_hold(t) for t in sided)
    ]
    if chosen in ids or not ids:
        return chosen if chosen in ids else None
    return max(ids, key=lambda i: sum(t.reps for t in totals[i].values()))


def chart_measurement(units: Mapping[str, str], chosen: str | None) -> str | None:
    """The measurement the chart shows: ``chosen`` while there is one, else the first."""
    if chosen in units:
        return chosen
    return next(iter(units), None)


@dataclass(frozen=True, slots=True)
class SidesRead:
    """The totals per exercise and side, and the reps per day of the chart's exercise."""

    totals: dict[str, dict[Side, SideTotals]]
    exercise: str | None
    volume: list[DayVolume]


@dataclass(frozen=True, slots=True)
class MeasurementsRead:
    """Each measurement's unit, and the values of the chart's measurement."""

    units: dict[str, str]
    name: str | None
    points: list[MeasurementPoint]


@dataclass(frozen=True, slots=True)
class WindowRead:
    """What a refresh reads, each part taken when its view is filled."""

    summaries: Future[list[SessionSummary]]
    sides: Future[SidesRead]
    measurements: Future[MeasurementsRead]


class HistoryReads:
    """Runs reads of the journal in worker threads, each thread on its own read-only
    connection; ``close`` ends them (a later read opens them again)."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self._pool: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._opened: list[ReadOnlyQueries] = []
        self._lock = threading.Lock()
        self._fallback: bool | None = None  # reading on the journal: no read-only connection

    def _queries(self, person: int) -> ReadOnlyQueries:
        queries: ReadOnlyQueries | None = getattr(self._local, "queries", None)
        if queries is None:
            queries = self._local.queries = ReadOnlyQueries(self.journal.path, person)
            with self._lock:
                self._opened.append(queries)
        queries.person = person
        return queries

    def submit(self, read: Callable[[JournalQueries], T]) -> Future[T]:
        """``read`` on the journal's data, for its current person, in a worker thread."""
        person = self.journal.person
        if self._fallback is None:
            self._fallback = not self._can_open()
        if self._fallback:
            return self._here(read)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="history-read")

        def run() -> T:
            return read(self._queries(person))

        return self._pool.submit(run)

    def _here(self, read: Callable[[JournalQueries], T]) -> Future[T]:
        """``read`` on the journal itself, in this thread."""
        done: Future[T] = Future()
        try:
            done.set_result(read(self.journal))
        except BaseException as error:
            done.set_exception(error)
        return done

    def _can_open(self) -> bool:
        try:
            ReadOnlyQueries(self.journal.path).close()
        except StorageError:
            return False
        return True

    def read_window(self, exercise: str | None, measurement: str | None) -> WindowRead:
        """The window's three reads, at once; the charts' exercise and measurement are
        the ones chosen (when they are still there) or the defaults."""

        # The chosen exercise's reps per day are read beside its totals (submitted first,
        # so it never waits for a worker the totals hold).
        volume = None if exercise is None else self.submit(lambda q: q.volume_by_day(exercise))

        def sides(queries: JournalQueries) -> SidesRead:
            totals = queries.side_totals()
            shown = chart_exercise(totals, exercise)
            if shown is None:
                return SidesRead(totals, None, [])
            if shown == exercise and volume is not None:
                return SidesRead(totals, shown, volume.result())
            return SidesRead(totals, shown, queries.volume_by_day(shown))

        def measurements(queries: JournalQueries) -> MeasurementsRead:
            units = queries.measurement_units()
            shown = chart_measurement(units, measurement)
            points = queries.measurements_over_time(shown) if shown else []
            return MeasurementsRead(units, shown, points)

        return WindowRead(
            self.submit(lambda queries: queries.session_summaries()),
            self.submit(sides),
            self.submit(measurements),
        )

    def close(self) -> None:
        """End the worker threads and close their connections."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        with self._lock:
            opened, self._opened = self._opened, []
        for queries in opened:
            queries.close()
        self._local = threading.local()
