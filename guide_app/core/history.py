"""The history journal: every set, measurement, pain report and effort rating, kept in SQLite.

This module owns the one connection to the journal file. Each write is its own committed
transaction the moment it happens (WAL, ``synchronous=FULL``), so a set that was reported
done survives a crash or a power cut. The schema is versioned with ``PRAGMA user_version``
and every migration lives in ``MIGRATIONS``. Faults become a ``StorageError`` whose
message a person can act on; a corrupt file is moved aside, never overwritten.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal, NamedTuple, cast, get_args

Side = Literal["left", "right", "both"]
BodySide = Literal["left", "right"]
SessionState = Literal["running", "finished", "stopped"]
SIDES: tuple[Side, ...] = get_args(Side)
SESSION_STATES: tuple[SessionState, ...] = get_args(SessionState)

CSV_COLUMNS = (
    "date",
    "session",
    "programme",
    "exercise",
    "side",
    "set",
    "planned reps",
    "done reps",
    "hold seconds",
    "tempo",
    "skipped",
)

# --------------------------------------------------------------------------- schema

# MIGRATIONS[n] takes a journal from version n to n + 1; the version is PRAGMA user_version.
# Append to this list, never edit an entry that has shipped.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL,
            title TEXT NOT NULL,
            programme_id TEXT,
            phase TEXT,
            affected_side TEXT CHECK (affected_side IN ('left', 'right')),
            weaker_side TEXT CHECK (weaker_side IN ('left', 'right')),
            started_at REAL NOT NULL,
            ended_at REAL,
            state TEXT NOT NULL DEFAULT 'running'
                CHECK (state IN ('running', 'finished', 'stopped'))
        )
        """,
        "CREATE INDEX sessions_by_start ON sessions (started_at)",
        "CREATE INDEX sessions_by_state ON sessions (state)",
        """
        CREATE TABLE sets (
            id INTEGER PRIMARY KEY,
            session INTEGER NOT NULL REFERENCES sessions (id),
            step INTEGER,
            exercise_id TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('left', 'right', 'both')),
            set_number INTEGER NOT NULL CHECK (set_number >= 1),
            planned_reps INTEGER NOT NULL CHECK (planned_reps >= 0),
            done_reps INTEGER NOT NULL CHECK (done_reps >= 0),
            hold_planned REAL CHECK (hold_planned >= 0),
            hold_achieved REAL CHECK (hold_achieved >= 0),
            tempo TEXT,
            skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
            at REAL NOT NULL
        )
        """,
        "CREATE INDEX sets_by_session ON sets (session, id)",
        "CREATE INDEX sets_by_exercise ON sets (exercise_id, session)",
        """
        CREATE TABLE measurements (
            id INTEGER PRIMARY KEY,
            session INTEGER NOT NULL REFERENCES sessions (id),
            name TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('left', 'right', 'both')),
            value REAL NOT NULL,
            unit TEXT NOT NULL,
            at REAL NOT NULL
        )
        """,
        "CREATE INDEX measurements_by_name ON measurements (name, session)",
        "CREATE INDEX measurements_by_session ON measurements (session, id)",
        """
        CREATE TABLE pain (
            id INTEGER PRIMARY KEY,
            session INTEGER NOT NULL REFERENCES sessions (id),
            exercise_id TEXT,
            side TEXT NOT NULL CHECK (side IN ('left', 'right', 'both')),
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
            location TEXT,
            at REAL NOT NULL
        )
        """,
        "CREATE INDEX pain_by_session ON pain (session, id)",
        """
        CREATE TABLE effort (
            id INTEGER PRIMARY KEY,
            session INTEGER NOT NULL REFERENCES sessions (id),
            exercise_id TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('left', 'right', 'both')),
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
            at REAL NOT NULL
        )
        """,
        "CREATE INDEX effort_by_session ON effort (session, id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# --------------------------------------------------------------------------- faults


class StorageError(Exception):
    """The journal can't be read or written. ``message`` is written for the person using the
    app; the app shows it and keeps the session running without saving."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class ReadOnlyFolderError(StorageError):
    """The journal's folder (or file) can't be created or written to."""


class DiskFullError(StorageError):
    """The disk holding the journal is full (or the journal hit its size limit)."""


class CorruptJournalError(StorageError):
    """The journal file turned out to be damaged while it was open."""


class NewerJournalError(StorageError):
    """The journal was written by a newer version of the app; it is left untouched."""


class JournalBusyError(StorageError):
    """Another program holds a lock on the journal for too long."""


def _read_only_message(folder: Path) -> str:
    return (
        f"Your history can't be saved: the folder {folder} can't be created or written to. "
        "Check that the folder exists and that you are allowed to write in it, or start "
        "Session Guide with --data-dir set to a folder you can write to."
    )


def _disk_full_message(folder: Path) -> str:
    return (
        f"Your history can't be saved: the disk holding {folder} is full. Free some space "
        "(empty the bin, remove large files you no longer need); sets done after that are "
        "saved again."
    )


def _error_from_os(error: OSError, path: Path, folder: Path) -> StorageError:
    if error.errno == errno.ENOSPC:
        return DiskFullError(_disk_full_message(folder), path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST):
        return ReadOnlyFolderError(_read_only_message(folder), path)
    return StorageError(
        f"Your history can't be saved in {folder}: {error.strerror or error}. "
        "Check the folder, or start Session Guide with --data-dir set to another folder.",
        path,
    )


def _error_code(error: sqlite3.Error) -> int:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else -1


def _is_corruption(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return (
        _error_code(error) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
        or "file is not a database" in text
        or "malformed" in text
    )


def _error_from_sqlite(error: sqlite3.Error, path: Path) -> StorageError:
    code = _error_code(error)
    text = str(error).lower()
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in text:
        return DiskFullError(_disk_full_message(path.parent), path)
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM) or (
        "readonly" in text or "unable to open" in text
    ):
        return ReadOnlyFolderError(_read_only_message(path.parent), path)
    if _is_corruption(error):
        return CorruptJournalError(
            f"The history file {path} is damaged ({error}), so sets can't be saved now. "
            "Restart Session Guide: the damaged file will be moved aside, kept, and a new "
            "history started.",
            path,
        )
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return JournalBusyError(
            f"The history file {path} is busy: another copy of Session Guide may be using "
            "it. Close the other copy and try again.",
            path,
        )
    return StorageError(f"Your history can't be saved in {path}: {error}.", path)


class _Damaged(Exception):
    """Raised inside ``Journal._open`` when the existing file is not a sound journal."""


_SQLITE_HEADER = b"SQLite format 3\x00"


# --------------------------------------------------------------------------- records


def _check_side(side: str, what: str) -> None:
    if side not in SIDES:
        raise ValueError(f"{what}: side must be one of {', '.join(SIDES)}, not {side!r}")


def _check_score(score: int, what: str) -> None:
    if isinstance(score, bool) or not 0 <= score <= 10:
        raise ValueError(f"{what}: score must be a whole number from 0 to 10, not {score!r}")


@dataclass(frozen=True, slots=True)
class SetRecord:
    """One set on one side, as completed (or skipped). ``at`` is filled in when recorded.

    ``done_reps`` counts what was actually done, also when the set was cut short and
    marked ``skipped``. A timed hold counts each hold as a rep. ``step`` is the optional
    position of the set in the session's plan, so a resume can find its place exactly.
    """

    exercise_id: str
    side: Side
    set_number: int
    planned_reps: int
    done_reps: int
    hold_planned: float | None = None
    hold_achieved: float | None = None
    tempo: str | None = None
    skipped: bool = False
    step: int | None = None
    at: float | None = None

    def __post_init__(self) -> None:
        _check_side(self.side, "set")
        if self.set_number < 1:
            raise ValueError(f"set: set_number counts from 1, not {self.set_number}")
        if self.planned_reps < 0 or self.done_reps < 0:
            raise ValueError("set: reps can't be negative")
        for hold in (self.hold_planned, self.hold_achieved):
            if hold is not None and hold < 0:
                raise ValueError("set: hold seconds can't be negative")


@dataclass(frozen=True, slots=True)
class Measurement:
    """A measurement such as a range of motion in degrees, on one side (or ``both``)."""

    name: str
    side: Side
    value: float
    unit: str
    at: float | None = None

    def __post_init__(self) -> None:
        _check_side(self.side, "measurement")


@dataclass(frozen=True, slots=True)
class PainReport:
    """Pain 0-10 and where it is felt; ``exercise_id`` is None when not tied to an exercise."""

    exercise_id: str | None
    side: Side
    score: int
    where: str | None = None
    at: float | None = None

    def __post_init__(self) -> None:
        _check_side(self.side, "pain")
        _check_score(self.score, "pain")


@dataclass(frozen=True, slots=True)
class EffortRating:
    """How hard an exercise felt, 0-10, given at its end."""

    exercise_id: str
    side: Side
    score: int
    at: float | None = None

    def __post_init__(self) -> None:
        _check_side(self.side, "effort")
        _check_score(self.score, "effort")


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One run of a session: what was run, for whom, when, and how it ended."""

    row: int
    session_id: str
    title: str
    programme_id: str | None
    phase: str | None
    affected_side: BodySide | None
    weaker_side: BodySide | None
    started_at: float
    ended_at: float | None
    state: SessionState

    @property
    def started_on(self) -> date:
        """The local date the session started; the whole session belongs to this day."""
        return datetime.fromtimestamp(self.started_at).date()


@dataclass(frozen=True, slots=True)
class SessionLog:
    """A session with its sets and pain reports (possibly narrowed to one exercise)."""

    session: SessionRecord
    sets: tuple[SetRecord, ...]
    pain: tuple[PainReport, ...] = ()


@dataclass(slots=True)
class SideTotals:
    """Totals for one exercise on one side: sets done (not skipped), reps done, seconds held,
    and sets skipped."""

    sets: int = 0
    reps: int = 0
    hold_seconds: float = 0.0
    skipped: int = 0


class DayVolume(NamedTuple):
    """Reps done on one day; a ``both``-sided set counts for the left and the right."""

    day: date
    left: int
    right: int


class MeasurementPoint(NamedTuple):
    day: date
    side: Side
    value: float


# --------------------------------------------------------------------------- the journal


def _day_start(day: date) -> float:
    return datetime(day.year, day.month, day.day).timestamp()


def _range(since: date | None, until: date | None, column: str) -> tuple[str, list[float]]:
    """A SQL condition selecting ``column`` (a timestamp) within whole local days."""
    clauses = ["1"]
    params: list[float] = []
    if since is not None:
        clauses.append(f"{column} >= ?")
        params.append(_day_start(since))
    if until is not None:
        clauses.append(f"{column} < ?")
        params.append(_day_start(until + timedelta(days=1)))
    return " AND ".join(clauses), params


def _session_from_row(row: Sequence[Any]) -> SessionRecord:
    return SessionRecord(
        row=row[0],
        session_id=row[1],
        title=row[2],
        programme_id=row[3],
        phase=row[4],
        affected_side=row[5],
        weaker_side=row[6],
        started_at=row[7],
        ended_at=row[8],
        state=row[9],
    )


def _set_from_row(row: Sequence[Any]) -> SetRecord:
    return SetRecord(
        step=row[0],
        exercise_id=row[1],
        side=row[2],
        set_number=row[3],
        planned_reps=row[4],
        done_reps=row[5],
        hold_planned=row[6],
        hold_achieved=row[7],
        tempo=row[8],
        skipped=bool(row[9]),
        at=row[10],
    )


def _pain_from_row(row: Sequence[Any]) -> PainReport:
    return PainReport(exercise_id=row[0], side=row[1], score=row[2], where=row[3], at=row[4])


_SESSION_COLUMNS = (
    "id, session_id, title, programme_id, phase, affected_side, weaker_side, "
    "started_at, ended_at, state"
)
_SET_COLUMNS = (
    "step, exercise_id, side, set_number, planned_reps, done_reps, hold_planned, "
    "hold_achieved, tempo, skipped, at"
)
_PAIN_COLUMNS = "exercise_id, side, score, location, at"


def _format_number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class Journal:
    """The history journal at ``path``: open it, write to it as things happen, query it.

    Opening creates the folder and file when missing, migrates an older schema, and moves
    a corrupt file aside (``notice`` then says where it went). Every method raises a
    ``StorageError`` subclass with a user-facing message when the file can't be used, and
    ``ValueError`` when called with something that isn't in the journal. One thread only.
    """

    def __init__(self, path: Path | str, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.clock = clock
        self.notice: str | None = None
        self._closed = False
        self._connection = self._open()

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    # ----------------------------------------------------------------- opening

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _error_from_os(error, self.path, self.path.parent) from error
        try:
            self._check_existing()
        except _Damaged as damage:
            moved = self._move_aside()
            self.notice = (
                f"The history file {self.path} was damaged ({damage}), so it was moved aside "
                f"to {moved} (kept, not deleted) and a new, empty history was started. Your "
                "earlier sessions are in the moved file; it may be possible to recover them."
            )
        try:
            return self._connect()
        except sqlite3.Error as error:
            raise _error_from_sqlite(error, self.path) from error

    def _check_existing(self) -> None:
        """Look at an existing file without changing it: raise ``_Damaged`` when it is not a
        sound journal, ``NewerJournalError`` when it is too new for this version.

        The check uses a read-only connection, which neither checkpoints nor deletes the
        WAL files, so a damaged journal is moved aside exactly as it was found.
        """
        try:
            if not self.path.exists() or self.path.stat().st_size == 0:
                return
            with open(self.path, "rb") as file:
                header = file.read(len(_SQLITE_HEADER))
        except OSError as error:
            raise _error_from_os(error, self.path, self.path.parent) from error
        if header != _SQLITE_HEADER:
            raise _Damaged("file is not a database")
        try:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5.0)
            try:
                self._refuse_newer(connection)
                problems = [r[0] for r in connection.execute("PRAGMA integrity_check")]
            finally:
                connection.close()
        except sqlite3.Error as error:
            if _is_corruption(error):
                raise _Damaged(str(error)) from error
            raise _error_from_sqlite(error, self.path) from error
        if problems != ["ok"]:
            raise _Damaged("integrity check: " + "; ".join(problems[:3]))

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, isolation_level=None, timeout=5.0)
        try:
            self._refuse_newer(connection)
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
            self._migrate(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _refuse_newer(self, connection: sqlite3.Connection) -> None:
        version: int = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerJournalError(
                f"The history file {self.path} was written by a newer version of Session "
                f"Guide (format {version}; this version knows up to {SCHEMA_VERSION}). "
                "Update Session Guide to use it; the file has not been changed.",
                self.path,
            )

    def _migrate(self, connection: sqlite3.Connection) -> None:
        """Apply every migration past the file's ``user_version``, all in one transaction: a
        crash part way leaves the file as it was."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            version: int = connection.execute("PRAGMA user_version").fetchone()[0]
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target - 1]:
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {target:d}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def _move_aside(self) -> Path:
        """Rename the damaged file (and its WAL files) to ``<name>.corrupt-<time>``."""
        stamp = datetime.fromtimestamp(self.clock()).strftime("%Y%m%d-%H%M%S")
        base = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        target, n = base, 1
        while any(
            Path(f"{target}{suffix}").exists() for suffix in ("", "-wal", "-shm", "-journal")
        ):
            target = base.with_name(f"{base.name}-{n}")
            n += 1
        try:
            for suffix in ("-wal", "-shm", "-journal", ""):
                source = Path(f"{self.path}{suffix}")
                if source.exists():
                    os.rename(source, f"{target}{suffix}")
        except OSError as error:
            raise StorageError(
                f"The history file {self.path} is damaged and couldn't be moved aside "
                f"({error.strerror or error}). Move it somewhere safe yourself, or start "
                "Session Guide with --data-dir set to another folder.",
                self.path,
            ) from error
        return target

    # ----------------------------------------------------------------- plumbing

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            try:
                self._connection.close()
            except sqlite3.Error as error:
                raise _error_from_sqlite(error, self.path) from error

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
            raise _error_from_sqlite(error, self.path) from error

    def _write(self, sql: str, params: Sequence[Any]) -> int:
        """One statement, committed at once (autocommit mode); returns the new row id."""
        with self._storage() as connection:
            cursor = connection.execute(sql, params)
            return cursor.lastrowid or 0

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._storage() as connection:
            return connection.execute(sql, params).fetchall()

    def _now(self, at: float | None) -> float:
        return self.clock() if at is None else at

    # ----------------------------------------------------------------- writing

    def begin_session(
        self,
        session_id: str,
        title: str,
        *,
        programme_id: str | None = None,
        phase: str | None = None,
        affected_side: BodySide | None = None,
        weaker_side: BodySide | None = None,
        started_at: float | None = None,
    ) -> int:
        """Start a session's record (state ``running``) and return its row."""
        for name, side in (("affected_side", affected_side), ("weaker_side", weaker_side)):
            if side not in (None, "left", "right"):
                raise ValueError(f"{name} must be 'left', 'right' or None, not {side!r}")
        return self._write(
            "INSERT INTO sessions (session_id, title, programme_id, phase, affected_side, "
            "weaker_side, started_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'running')",
            (
                session_id,
                title,
                programme_id,
                phase,
                affected_side,
                weaker_side,
                self._now(started_at),
            ),
        )

    def record_set(self, session_row: int, record: SetRecord) -> SetRecord:
        """Commit one completed (or skipped) set; returns it with its time filled in."""
        at = self._now(record.at)
        self._write(
            f"INSERT INTO sets (session, {_SET_COLUMNS}) VALUES ({', '.join('?' * 12)})",
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
            ),
        )
        return replace(record, at=at)

    def withdraw_set(
        self, session_row: int, exercise_id: str, side: Side, set_number: int, step: int | None
    ) -> bool:
        """Take back the latest record of a set the person undid (Back, or repeating the
        set); committed at once like every write. False when there was none."""
        found = self._read(
            "SELECT id FROM sets WHERE session = ? AND exercise_id = ? AND side = ? "
            "AND set_number = ? AND step IS ? ORDER BY id DESC LIMIT 1",
            (session_row, exercise_id, side, set_number, step),
        )
        if not found:
            return False
        self._write("DELETE FROM sets WHERE id = ?", (found[0][0],))
        return True

    def record_measurement(self, session_row: int, measurement: Measurement) -> Measurement:
        at = self._now(measurement.at)
        self._write(
            "INSERT INTO measurements (session, name, side, value, unit, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                session_row,
                measurement.name,
                measurement.side,
                measurement.value,
                measurement.unit,
                at,
            ),
        )
        return replace(measurement, at=at)

    def record_pain(self, session_row: int, report: PainReport) -> PainReport:
        at = self._now(report.at)
        self._write(
            "INSERT INTO pain (session, exercise_id, side, score, location, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (session_row, report.exercise_id, report.side, report.score, report.where, at),
        )
        return replace(report, at=at)

    def record_effort(self, session_row: int, rating: EffortRating) -> EffortRating:
        at = self._now(rating.at)
        self._write(
            "INSERT INTO effort (session, exercise_id, side, score, at) VALUES (?, ?, ?, ?, ?)",
            (session_row, rating.exercise_id, rating.side, rating.score, at),
        )
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
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE state = 'running' "
            "ORDER BY started_at DESC, id DESC LIMIT 1"
        )
        return _session_from_row(rows[0]) if rows else None

    def resume_point(self, row: int) -> list[SetRecord]:
        """The sets already recorded in a session, oldest first (skipped ones included, as the
        engine passed them): the engine continues after the last one."""
        self.session(row)
        return self.sets_for(row)

    # ----------------------------------------------------------------- reading

    def session(self, row: int) -> SessionRecord:
        rows = self._read(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (row,))
        if not rows:
            raise ValueError(f"no session {row} in the journal")
        return _session_from_row(rows[0])

    def sessions(self, since: date | None = None, until: date | None = None) -> list[SessionRecord]:
        """Sessions that started between two local dates (both included), oldest first."""
        where, params = _range(since, until, "started_at")
        rows = self._read(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE {where} ORDER BY started_at, id",
            params,
        )
        return [_session_from_row(r) for r in rows]

    def sets_for(self, row: int) -> list[SetRecord]:
        rows = self._read(f"SELECT {_SET_COLUMNS} FROM sets WHERE session = ? ORDER BY id", (row,))
        return [_set_from_row(r) for r in rows]

    def measurements_for(self, row: int) -> list[Measurement]:
        rows = self._read(
            "SELECT name, side, value, unit, at FROM measurements WHERE session = ? ORDER BY id",
            (row,),
        )
        return [Measurement(name=r[0], side=r[1], value=r[2], unit=r[3], at=r[4]) for r in rows]

    def pain_for(self, row: int) -> list[PainReport]:
        rows = self._read(f"SELECT {_PAIN_COLUMNS} FROM pain WHERE session = ? ORDER BY id", (row,))
        return [_pain_from_row(r) for r in rows]

    def effort_for(self, row: int) -> list[EffortRating]:
        rows = self._read(
            "SELECT exercise_id, side, score, at FROM effort WHERE session = ? ORDER BY id", (row,)
        )
        return [EffortRating(exercise_id=r[0], side=r[1], score=r[2], at=r[3]) for r in rows]

    def session_logs(
        self, exercise_id: str | None = None, *, include_running: bool = False
    ) -> list[SessionLog]:
        """Sessions with their sets and pain, oldest first.

        With ``exercise_id``: only sessions with a set of that exercise, narrowed to its sets
        and to the pain reported for it or for no exercise in particular.
        """
        state = "1" if include_running else "se.state != 'running'"
        set_filter = "s.exercise_id = ?" if exercise_id is not None else "1"
        params: list[Any] = [exercise_id] if exercise_id is not None else []
        set_rows = self._read(
            f"SELECT s.session, {', '.join('s.' + c for c in _SET_COLUMNS.split(', '))} "
            f"FROM sets s JOIN sessions se ON se.id = s.session WHERE {state} AND {set_filter} "
            "ORDER BY s.id",
            params,
        )
        sets: dict[int, list[SetRecord]] = {}
        for r in set_rows:
            sets.setdefault(r[0], []).append(_set_from_row(r[1:]))
        pain_filter = "(p.exercise_id = ? OR p.exercise_id IS NULL)" if exercise_id else "1"
        pain_rows = self._read(
            f"SELECT p.session, {', '.join('p.' + c for c in _PAIN_COLUMNS.split(', '))} "
            f"FROM pain p JOIN sessions se ON se.id = p.session WHERE {state} AND {pain_filter} "
            "ORDER BY p.id",
            params,
        )
        pain: dict[int, list[PainReport]] = {}
        for r in pain_rows:
            pain.setdefault(r[0], []).append(_pain_from_row(r[1:]))
        session_rows = self._read(
            f"SELECT {_SESSION_COLUMNS} FROM sessions se WHERE {state} ORDER BY started_at, id"
        )
        logs = []
        for r in session_rows:
            record = _session_from_row(r)
            if exercise_id is not None and record.row not in sets:
                continue
            logs.append(
                SessionLog(record, tuple(sets.get(record.row, ())), tuple(pain.get(record.row, ())))
            )
        return logs

    def side_totals(
        self,
        exercise_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> dict[str, dict[Side, SideTotals]]:
        """Per exercise, per side: sets done, reps done, seconds held, sets skipped.

        Reps and seconds count what was done, also in a set cut short and marked skipped;
        ``sets`` counts only sets that were not skipped.
        """
        where, day_params = _range(since, until, "se.started_at")
        params: list[Any] = list(day_params)
        exercise_filter = "1"
        if exercise_id is not None:
            exercise_filter = "s.exercise_id = ?"
            params.append(exercise_id)
        rows = self._read(
            "SELECT s.exercise_id, s.side, sum(1 - s.skipped), sum(s.done_reps), "
            "total(s.hold_achieved), sum(s.skipped) "
            f"FROM sets s JOIN sessions se ON se.id = s.session "
            f"WHERE {where} AND {exercise_filter} "
            "GROUP BY s.exercise_id, s.side ORDER BY s.exercise_id, s.side",
            params,
        )
        totals: dict[str, dict[Side, SideTotals]] = {}
        for exercise, side, sets, reps, hold, skipped in rows:
            totals.setdefault(exercise, {})[cast(Side, side)] = SideTotals(
                sets=sets, reps=reps, hold_seconds=hold, skipped=skipped
            )
        return totals

    def volume_by_day(self, exercise_id: str) -> list[DayVolume]:
        """Reps done per day on the left and on the right, for a chart; oldest day first."""
        rows = self._read(
            "SELECT se.started_at, s.side, s.done_reps FROM sets s "
            "JOIN sessions se ON se.id = s.session WHERE s.exercise_id = ? ORDER BY se.started_at",
            (exercise_id,),
        )
        days: dict[date, list[int]] = {}
        for started_at, side, reps in rows:
            volume = days.setdefault(datetime.fromtimestamp(started_at).date(), [0, 0])
            if side in ("left", "both"):
                volume[0] += reps
            if side in ("right", "both"):
                volume[1] += reps
        return [DayVolume(day, left, right) for day, (left, right) in sorted(days.items())]

    def measurements_over_time(self, name: str) -> list[MeasurementPoint]:
        """Every value of one measurement, oldest first, dated by its session's start."""
        rows = self._read(
            "SELECT se.started_at, m.side, m.value FROM measurements m "
            "JOIN sessions se ON se.id = m.session WHERE m.name = ? "
            "ORDER BY se.started_at, m.id",
            (name,),
        )
        return [
            MeasurementPoint(datetime.fromtimestamp(t).date(), cast(Side, side), value)
            for t, side, value in rows
        ]

    # ----------------------------------------------------------------- export

    def export_csv(
        self,
        target: Path | str | IO[str],
        since: date | None = None,
        until: date | None = None,
    ) -> int:
        """Write one row per set per side (see ``CSV_COLUMNS``); returns the number of rows.

        ``target`` is a file path (written in UTF-8) or an open text stream.
        """
        where, params = _range(since, until, "se.started_at")
        rows = self._read(
            "SELECT se.started_at, se.title, se.programme_id, s.exercise_id, s.side, "
            "s.set_number, s.planned_reps, s.done_reps, s.hold_achieved, s.tempo, s.skipped "
            f"FROM sets s JOIN sessions se ON se.id = s.session WHERE {where} "
            "ORDER BY se.started_at, se.id, s.id",
            params,
        )
        if isinstance(target, (str, Path)):
            try:
                with open(target, "w", encoding="utf-8", newline="") as stream:
                    return _write_csv(stream, rows)
            except OSError as error:
                raise _error_from_os(error, Path(target), Path(target).parent) from error
        return _write_csv(target, rows)


def _write_csv(stream: IO[str], rows: list[Any]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for started, title, programme, exercise, side, number, planned, done, hold, tempo, skip in rows:
        writer.writerow(
            (
                datetime.fromtimestamp(started).date().isoformat(),
                title,
                programme or "",
                exercise,
                side,
                number,
                planned,
                done,
                _format_number(hold),
                tempo or "",
                "yes" if skip else "no",
            )
        )
    return len(rows)
