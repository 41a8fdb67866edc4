"""The history journal: every set, measurement, pain report and effort rating, kept in SQLite.

``Journal`` owns the one connection to the journal file and writes each thing the moment
it happens, as its own committed transaction, so a set that was reported done survives a
crash or a power cut. The file itself (schema, migrations, moving a damaged file aside,
faults) is ``history_storage``; reading back is ``history_queries``; the records are
``history_records``. This module is the one to import: it re-exports what callers use.
Faults become a ``StorageError`` whose message a person can act on.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from guide_app.core.adjustment_store import JournalAdjustments
from guide_app.core.clock import Clock, MonotonicClock
from guide_app.core.history_corrections import Correction, JournalCorrections
from guide_app.core.history_queries import (
    CSV_COLUMNS,
    SESSION_COLUMNS,
    SET_COLUMNS,
    JournalQueries,
    session_from_row,
)
from guide_app.core.history_records import (
    SESSION_STATES,
    SIDES,
    BodySide,
    DayVolume,
    EffortRating,
    Measurement,
    MeasurementPoint,
    PainReport,
    SessionDetail,
    SessionLog,
    SessionRecord,
    SessionState,
    SessionSummary,
    SetRecord,
    SideTotals,
    as_body_side,
    as_side,
    new_uid,
)
from guide_app.core.history_storage import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    CorruptJournalError,
    DiskFullError,
    JournalBusyError,
    NewerJournalError,
    NotAJournalError,
    ReadOnlyFolderError,
    StorageError,
    error_from_sqlite,
    open_journal,
)
from guide_app.core.people import JournalPeople, Person
from guide_app.core.sides import Side

_error_from_sqlite = error_from_sqlite  # the name tests and older callers use

__all__ = [
    "APPLICATION_ID",
    "CSV_COLUMNS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SESSION_STATES",
    "SIDES",
    "BodySide",
    "Correction",
    "CorruptJournalError",
    "DayVolume",
    "DiskFullError",
    "EffortRating",
    "Journal",
    "JournalBusyError",
    "Measurement",
    "MeasurementPoint",
    "NewerJournalError",
    "NotAJournalError",
    "PainReport",
    "Person",
    "ReadOnlyFolderError",
    "SessionDetail",
    "SessionLog",
    "SessionRecord",
    "SessionState",
    "SessionSummary",
    "SetRecord",
    "Side",
    "SideTotals",
    "StorageError",
    "new_uid",
]


class Journal(JournalQueries, JournalPeople, JournalCorrections, JournalAdjustments):
    """The history journal at ``path``: open it, write to it as things happen, query it.

    Opening creates the folder and file when missing, migrates an older schema, and moves
    a corrupt file aside (``notice`` then says where it went). Rows are stamped with
    ``clock.wall()``. Every method raises a ``StorageError`` subclass with a user-facing
    message when the file can't be used, and ``ValueError`` when called with something
    that isn't in the journal. One thread only.
    """

    def __init__(self, path: Path | str, clock: Clock | None = None, *, person: int = 1) -> None:
        self.path = Path(path)
        self.person = person  # whose sessions are read, and written when none is named
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self._closed = False
        self._connection, self.notice = open_journal(self.path, self.clock)

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    # ----------------------------------------------------------------- plumbing

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            try:
                self._connection.close()
            except sqlite3.Error as error:
                raise error_from_sqlite(error, self.path) from error

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def _storage(self) -> Iterator[sqlite3.Connection]:
        if self._closed:
            raise ValueError("the journal is closed")
        try:
            yield self._connection
        except sqlite3.IntegrityError as error:
            if "FOREIGN KEY" in str(error):
                raise ValueError("no such session in the journal") from error
            raise ValueError(f"rejected by the journal: {error}") from error
        except sqlite3.Error as error:
            raise error_from_sqlite(error, self.path) from error

    def _write(self, sql: str, params: Sequence[Any]) -> int:
        """One statement, committed at once (autocommit mode); returns the new row id."""
        with self._storage() as connection:
            cursor = connection.execute(sql, params)
            return cursor.lastrowid or 0

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._storage() as connection:
            return connection.execute(sql, params).fetchall()

    def set_lock_wait(self, seconds: float) -> None:
        """How long a statement waits for another program's lock before it fails with
        ``JournalBusyError`` (5 s when opened; a session's writes wait not at all)."""
        with self._storage() as connection:
            connection.execute(f"PRAGMA busy_timeout = {round(seconds * 1000):d}")

    def _now(self, at: float | None) -> float:
        return self.clock.wall() if at is None else at

    # ----------------------------------------------------------------- writing

    def begin_session(
        self,
        session_id: str,
        title: str,
        *,
        programme_id: str | None = None,
        phase: str | None = None,
        affected_side: Side | str | None = None,
        weaker_side: Side | str | None = None,
        started_at: float | None = None,
        person: int | None = None,
    ) -> int:
        """Start a session's record (state ``running``) and return its row. The affected
        and weaker side are left, right or None (a ``Side`` or its string); ``person`` is
        whose session it is (None: the journal's ``person``)."""
        affected_side = as_body_side(affected_side, "affected_side")
        weaker_side = as_body_side(weaker_side, "weaker_side")
        return self._write(
            "INSERT INTO sessions (session_id, title, programme_id, phase, affected_side, "
            "weaker_side, started_at, state, person, uid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)",
            (
                session_id,
                title,
                programme_id,
                phase,
                affected_side,
                weaker_side,
                self._now(started_at),
                self.person if person is None else person,
                new_uid(),
            ),
        )

    def record_set(self, session_row: int, record: SetRecord) -> SetRecord:
        """Commit one completed (or skipped) set; returns it with its time filled in."""
        at = self._now(record.at)
        record = replace(record, uid=record.uid or new_uid())
        self._write(
            f"INSERT INTO sets (session, {SET_COLUMNS}) VALUES ({', '.join('?' * 15)})",
            (
                session_row,
                record.step,
                record.exercise_id,
                record.side,
                record.set_number,
                record.planned_reps,
                record.done_reps,
                record.hold_planned,
                record.hold_achieved,
                record.tempo,
                int(record.skipped),
                at,
                record.plan_index,
                record.load,
                record.uid,
            ),
        )
        return replace(record, at=at)

    def withdraw_set(
        self,
        session_row: int,
        exercise_id: str,
        side: Side | str,
        set_number: int,
        step: int | None,
    ) -> bool:
        """Take back the latest record of a set the person undid (Back, or repeating the
        set); committed at once like every write. False when there was none."""
        found = self._read(
            "SELECT id FROM sets WHERE session = ? AND exercise_id = ? AND side = ? "
            "AND set_number = ? AND step IS ? ORDER BY id DESC LIMIT 1",
            (session_row, exercise_id, as_side(side, "set").value, set_number, step),
        )
        if not found:
            return False
        self._write("DELETE FROM sets WHERE id = ?", (found[0][0],))
        return True

    def record_measurement(self, session_row: int, measurement: Measurement) -> Measurement:
        at = self._now(measurement.at)
        measurement = replace(measurement, uid=measurement.uid or new_uid())
        self._write(
            "INSERT INTO measurements (session, name, side, value, unit, at, plan_index, uid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_row,
                measurement.name,
                measurement.side,
                measurement.value,
                measurement.unit,
                at,
                measurement.plan_index,
                measurement.uid,
            ),
        )
        return replace(measurement, at=at)

    def record_pain(self, session_row: int, report: PainReport) -> PainReport:
        at = self._now(report.at)
        report = replace(report, uid=report.uid or new_uid())
        self._write(
            "INSERT INTO pain (session, exercise_id, side, score, location, at, uid, moment) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_row,
                report.exercise_id,
                report.side,
                report.score,
                report.where,
                at,
                report.uid,
                report.moment,
            ),
        )
        return replace(report, at=at)

    def record_effort(self, session_row: int, rating: EffortRating) -> EffortRating:
        """Commit how hard an exercise felt on a side; it replaces the session's earlier
        rating of that exercise and side (changed on the summary), in one transaction."""
        at = self._now(rating.at)
        rating = replace(rating, uid=rating.uid or new_uid())
        with self._storage() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute(
                    "DELETE FROM effort WHERE session = ? AND exercise_id = ? AND side = ?",
                    (session_row, rating.exercise_id, rating.side),
                )
                connection.execute(
                    "INSERT INTO effort (session, exercise_id, side, score, at, uid) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (session_row, rating.exercise_id, rating.side, rating.score, at, rating.uid),
                )
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        return replace(rating, at=at)

    def end_session(
        self,
        row: int,
        state: Literal["finished", "stopped"] = "finished",
        *,
        at: float | None = None,
    ) -> None:
        """Mark a running session finished (all done) or stopped (ended early)."""
        if state not in ("finished", "stopped"):
            raise ValueError(f"a session ends 'finished' or 'stopped', not {state!r}")
        self._finish(row, state, self._now(at))

    def abandon(self, row: int) -> None:
        """Close an interrupted session the person chose not to resume: it becomes ``stopped``,
        ended at the time of the last thing recorded in it."""
        (last,) = self._read(
            "SELECT max(t) FROM (SELECT started_at AS t FROM sessions WHERE id = ?1 "
            "UNION ALL SELECT at FROM sets WHERE session = ?1 "
            "UNION ALL SELECT at FROM measurements WHERE session = ?1 "
            "UNION ALL SELECT at FROM pain WHERE session = ?1 "
            "UNION ALL SELECT at FROM effort WHERE session = ?1)",
            (row,),
        )
        if last[0] is None:
            raise ValueError(f"no session {row} in the journal")
        self._finish(row, "stopped", float(last[0]))

    def _finish(self, row: int, state: str, at: float) -> None:
        with self._storage() as connection:
            cursor = connection.execute(
                "UPDATE sessions SET state = ?, ended_at = ? WHERE id = ? AND state = 'running'",
                (state, at, row),
            )
            if cursor.rowcount != 1:
                raise ValueError(f"session {row} is not running in the journal")

    # ----------------------------------------------------------------- resuming

    def interrupted_session(self) -> SessionRecord | None:
        """The latest session still ``running``: after a crash the app offers to resume it."""
        rows = self._read(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE state = 'running' AND person = ? "
            "ORDER BY started_at DESC, id DESC LIMIT 1",
            (self.person,),
        )
        return session_from_row(rows[0]) if rows else None

    def resume_point(self, row: int) -> list[SetRecord]:
        """The sets already recorded in a session, oldest first (skipped ones included, as the
        engine passed them): the engine continues after the last one."""
        self.session(row)
        return self.sets_for(row)
