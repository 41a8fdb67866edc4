"""The journal file: its schema and migrations, opening it safely, moving a damaged file
aside, and its faults as messages a person can act on.

Each write to the journal is its own committed transaction (WAL, ``synchronous=FULL``),
so a set reported done survives a crash or a power cut. The schema is versioned with
``PRAGMA user_version`` and every migration lives in ``MIGRATIONS``. A corrupt file is
moved aside, never overwritten; a file from a newer version, or another program's SQLite
file (the journal is marked with ``PRAGMA application_id``), is refused and left as it is.
The folder is made 0700 and the journal and its WAL files 0600: they hold health data.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from guide_app.core.clock import Clock
from guide_app.core.i18n import tr

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
    # 2: a hold let go early (less held, to the tenth of a second, than its holds planned)
    # was counted as a completed set; it is marked as not completed (cut short), with the
    # seconds held kept as they were.
    (
        """
        UPDATE sets SET skipped = 1
        WHERE NOT skipped AND hold_planned > 0 AND hold_achieved IS NOT NULL AND done_reps > 0
            AND round(hold_achieved, 1) < round(hold_planned * done_reps, 1)
        """,
    ),
    # 3: a set's and a measurement's place in the session plan (``plan_index``: the plan
    # index of the set's first step on its side, or of the measure step), unique in the
    # plan: the two directions of a walk set share exercise, side, set and step (block),
    # so a resume went past the second. Rows already saved keep NULL; a resume matches
    # them to the plan by exercise, side and set, one plan set per row, in plan order.
    (
        "ALTER TABLE sets ADD COLUMN plan_index INTEGER CHECK (plan_index >= 0)",
        "ALTER TABLE measurements ADD COLUMN plan_index INTEGER CHECK (plan_index >= 0)",
    ),
    # 4: the load each set was done at (``Load.text``: "7 kg", "red band", "level 3",
    # "bodyweight"), as shown when the set ended; NULL for none. Rows already saved keep NULL.
    ("ALTER TABLE sets ADD COLUMN load TEXT",),
    # 5: people and what moves between machines. ``people`` holds each person on this
    # machine; every session already recorded becomes the first person's (row 1, no name:
    # the default person, who needs no set-up). Each session and entry gets a ``uid`` (a
    # random 32-hex-digit id), so a hand-over file merges without duplicates. An entry
    # corrected or deleted from the history window keeps its row: ``corrected_at`` marks
    # it, ``deleted`` hides it, and ``corrections`` keeps what it was (an undo is a
    # correction too, naming the one it ``undoes``). Pain gets its
    # ``moment`` (during, after, next morning; NULL: during, as before). ``adjustments``
    # holds the progressions a person accepted (undone ones keep ``undone_at``).
    (
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL DEFAULT '',
            affected_side TEXT CHECK (affected_side IN ('left', 'right')),
            weaker_side TEXT CHECK (weaker_side IN ('left', 'right')),
            weaker_first INTEGER NOT NULL DEFAULT 1 CHECK (weaker_first IN (0, 1)),
            programme_id TEXT,
            started_on TEXT,
            reminders TEXT NOT NULL DEFAULT '',
            show_name INTEGER NOT NULL DEFAULT 0 CHECK (show_name IN (0, 1)),
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL DEFAULT 0
        )
        """,
        "INSERT INTO people (id, uid, created_at) VALUES (1, lower(hex(randomblob(16))), "
        "coalesce((SELECT min(started_at) FROM sessions), CAST(strftime('%s', 'now') AS REAL)))",
        "UPDATE people SET updated_at = created_at",
        "ALTER TABLE sessions ADD COLUMN person INTEGER NOT NULL DEFAULT 1",
        "CREATE INDEX sessions_by_person ON sessions (person, started_at)",
        "ALTER TABLE sessions ADD COLUMN uid TEXT",
        "UPDATE sessions SET uid = lower(hex(randomblob(16)))",
        "CREATE UNIQUE INDEX sessions_by_uid ON sessions (uid)",
        "ALTER TABLE sets ADD COLUMN uid TEXT",
        "UPDATE sets SET uid = lower(hex(randomblob(16)))",
        "CREATE UNIQUE INDEX sets_by_uid ON sets (uid)",
        "ALTER TABLE sets ADD COLUMN corrected_at REAL",
        "ALTER TABLE sets ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))",
        "ALTER TABLE measurements ADD COLUMN uid TEXT",
        "UPDATE measurements SET uid = lower(hex(randomblob(16)))",
        "CREATE UNIQUE INDEX measurements_by_uid ON measurements (uid)",
        "ALTER TABLE measurements ADD COLUMN corrected_at REAL",
        "ALTER TABLE measurements ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 "
        "CHECK (deleted IN (0, 1))",
        "ALTER TABLE pain ADD COLUMN uid TEXT",
        "UPDATE pain SET uid = lower(hex(randomblob(16)))",
        "CREATE UNIQUE INDEX pain_by_uid ON pain (uid)",
        "ALTER TABLE pain ADD COLUMN corrected_at REAL",
        "ALTER TABLE pain ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))",
        "ALTER TABLE effort ADD COLUMN uid TEXT",
        "UPDATE effort SET uid = lower(hex(randomblob(16)))",
        "CREATE UNIQUE INDEX effort_by_uid ON effort (uid)",
        "ALTER TABLE effort ADD COLUMN corrected_at REAL",
        "ALTER TABLE effort ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 "
        "CHECK (deleted IN (0, 1))",
        "ALTER TABLE pain ADD COLUMN moment TEXT "
        "CHECK (moment IN ('during', 'after', 'next_morning'))",
        """
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('set', 'measurement', 'pain', 'effort')),
            entry TEXT NOT NULL,
            before TEXT NOT NULL,
            after TEXT,
            reason TEXT NOT NULL DEFAULT '',
            at REAL NOT NULL,
            undoes TEXT
        )
        """,
        "CREATE INDEX corrections_by_entry ON corrections (entry, at)",
        """
        CREATE TABLE adjustments (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            person INTEGER NOT NULL REFERENCES people (id),
            programme_id TEXT NOT NULL,
            rule TEXT NOT NULL,
            change TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            at REAL NOT NULL,
            undone_at REAL
        )
        """,
        "CREATE INDEX adjustments_by_person ON adjustments (person, programme_id, at)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# PRAGMA application_id marks a file as this app's journal ("SGui"); a file marked by
# another program, or unmarked and not shaped like a journal, is never written to.
APPLICATION_ID = 0x53477569
_JOURNAL_TABLES = frozenset({"sessions", "sets", "measurements", "pain", "effort"})

# The journal holds health data (pain, where it hurts): its folder and files, and what is
# exported from it, are readable by the person alone.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600

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


class NotAJournalError(StorageError):
    """The file at the journal's path is another program's SQLite database; it is left as
    it is."""


def _read_only_message(folder: Path) -> str:
    return tr(
        "Your history can't be saved: the folder {folder} can't be created or written to. "
        "Check that the folder exists and that you are allowed to write in it, or start "
        "Session Guide with --data-dir set to a folder you can write to.",
        folder=folder,
    )


def _disk_full_message(folder: Path) -> str:
    return tr(
        "Your history can't be saved: the disk holding {folder} is full. Free some space "
        "(empty the bin, remove large files you no longer need).",
        folder=folder,
    )


def error_from_os(error: OSError, path: Path, folder: Path) -> StorageError:
    if error.errno == errno.ENOSPC:
        return DiskFullError(_disk_full_message(folder), path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST):
        return ReadOnlyFolderError(_read_only_message(folder), path)
    return StorageError(
        tr(
            "Your history can't be saved in {folder}: {error}. Check the folder, or start "
            "Session Guide with --data-dir set to another folder.",
            folder=folder,
            error=error.strerror or error,
        ),
        path,
    )


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents as private (0700) folders; one that is
    there already keeps its permissions."""
    missing = []
    for parent in (folder, *folder.parents):
        if parent.exists():
            break
        missing.append(parent)
    for parent in reversed(missing):
        try:
            parent.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            continue
        parent.chmod(PRIVATE_FOLDER)  # mkdir's mode is narrowed by the umask, never widened


def open_private(path: Path, mode: str = "w") -> IO[Any]:
    """Open ``path`` to write, as ``open`` does; a file it creates is readable by the user
    alone (0600), and a file that was there keeps the permissions its owner gave it."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    descriptor = os.open(path, flags, PRIVATE_FILE)
    try:
        if "b" in mode:
            return os.fdopen(descriptor, mode)
        return os.fdopen(descriptor, mode, encoding="utf-8", newline="")
    except BaseException:
        os.close(descriptor)
        raise


def make_private_file(path: Path) -> None:
    """Create ``path`` empty and private (0600) when missing, so what writes it later (Qt,
    SQLite) keeps those permissions."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


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


def error_from_sqlite(error: sqlite3.Error, path: Path) -> StorageError:
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
            tr(
                "The history file {path} is damaged ({error}), so sets can't be saved now. "
                "Restart Session Guide: the damaged file will be moved aside, kept, and a new "
                "history started.",
                path=path,
                error=error,
            ),
            path,
        )
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return JournalBusyError(
            tr(
                "The history file {path} is busy: another copy of Session Guide may be using "
                "it. Close the other copy and try again.",
                path=path,
            ),
            path,
        )
    message = tr("Your history can't be saved in {path}: {error}.", path=path, error=error)
    return StorageError(message, path)


class _Damaged(Exception):
    """Raised while opening when the existing file is not a sound journal."""


_SQLITE_HEADER = b"SQLite format 3\x00"


# --------------------------------------------------------------------------- opening


def open_journal(path: Path, clock: Clock) -> tuple[sqlite3.Connection, str | None]:
    """Open (creating or migrating) the journal at ``path``; with it, a notice for the person
    when a damaged file had to be moved aside first (None when all was well)."""
    notice = None
    try:
        make_private_folder(path.parent)
    except OSError as error:
        raise error_from_os(error, path, path.parent) from error
    try:
        _check_existing(path)
    except _Damaged as damage:
        moved = _move_aside(path, clock)
        notice = tr(
            "The history file {path} was damaged ({damage}), so it was moved aside "
            "to {moved} (kept, not deleted) and a new, empty history was started. Your "
            "earlier sessions are in the moved file; it may be possible to recover them.",
            path=path,
            damage=damage,
            moved=moved,
        )
    try:
        _make_journal_private(path)
        return _connect(path), notice
    except OSError as error:
        raise error_from_os(error, path, path.parent) from error
    except sqlite3.Error as error:
        raise error_from_sqlite(error, path) from error


def _make_journal_private(path: Path) -> None:
    """The journal and its WAL files are the user's alone: a new journal is created 0600
    (SQLite gives its WAL files the journal's permissions), and one a first release made
    readable by others is narrowed."""
    make_private_file(path)
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        try:
            if part.stat().st_mode & 0o077:
                part.chmod(PRIVATE_FILE)
        except FileNotFoundError:
            continue


def _check_existing(path: Path) -> None:
    """Look at an existing file without changing it: raise ``_Damaged`` when it is not a
    sound journal, ``NotAJournalError`` when it is another program's SQLite database,
    ``NewerJournalError`` when it is too new for this version.

    The check uses a read-only connection, which neither checkpoints nor deletes the
    WAL files, so a damaged journal is moved aside exactly as it was found.
    """
    try:
        if not path.exists() or path.stat().st_size == 0:
            return
        with open(path, "rb") as file:
            header = file.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise error_from_os(error, path, path.parent) from error
    if header != _SQLITE_HEADER:
        raise _Damaged("file is not a database")
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5.0)
        try:
            _refuse_foreign(connection, path)
            _refuse_newer(connection, path)
            problems = [r[0] for r in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except sqlite3.Error as error:
        if _is_corruption(error):
            raise _Damaged(str(error)) from error
        raise error_from_sqlite(error, path) from error
    if problems != ["ok"]:
        raise _Damaged("integrity check: " + "; ".join(problems[:3]))


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, timeout=5.0)
    try:
        _refuse_foreign(connection, path)  # checked read-only before; here for an empty file
        _refuse_newer(connection, path)
        connection.execute("PRAGMA journal_mode = WAL").fetchone()
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        migrate(connection)
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
    except BaseException:
        connection.close()
        raise
    return connection


def _refuse_foreign(connection: sqlite3.Connection, path: Path) -> None:
    """Raise ``NotAJournalError`` unless the file is this app's journal: marked with its
    ``application_id``, or unmarked and either empty or holding the journal's tables (a
    journal of the first release, or one from a newer version: that is refused later)."""
    mark: int = connection.execute("PRAGMA application_id").fetchone()[0]
    if mark == APPLICATION_ID:
        return
    tables = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    if mark == 0 and (
        (not tables and version == 0)
        or version > SCHEMA_VERSION
        or (version >= 1 and tables >= _JOURNAL_TABLES)
    ):
        return
    raise NotAJournalError(
        tr(
            "The file {path} is not a Session Guide history file: it is another program's "
            "database. It has been left exactly as it was. Move it elsewhere if it does not "
            "belong there, or start Session Guide with --data-dir set to another folder.",
            path=path,
        ),
        path,
    )


def _refuse_newer(connection: sqlite3.Connection, path: Path) -> None:
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerJournalError(
            tr(
                "The history file {path} was written by a newer version of Session Guide "
                "(format {version}; this version knows up to {known}). Update Session Guide "
                "to use it; the file has not been changed.",
                path=path,
                version=version,
                known=SCHEMA_VERSION,
            ),
            path,
        )


def migrate(connection: sqlite3.Connection) -> None:
    """Apply every migration past the file's ``user_version``, all in one transaction: a
    crash part way leaves the file as it was. A journal already up to date is not locked
    (opening it never waits for another program's write)."""
    if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
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


def _move_aside(path: Path, clock: Clock) -> Path:
    """Rename the damaged file (and its WAL files) to ``<name>.corrupt-<time>``."""
    stamp = datetime.fromtimestamp(clock.wall()).strftime("%Y%m%d-%H%M%S")
    base = path.with_name(f"{path.name}.corrupt-{stamp}")
    target, n = base, 1
    while any(Path(f"{target}{suffix}").exists() for suffix in ("", "-wal", "-shm", "-journal")):
        target = base.with_name(f"{base.name}-{n}")
        n += 1
    try:
        for suffix in ("-wal", "-shm", "-journal", ""):
            source = Path(f"{path}{suffix}")
            if source.exists():
                os.rename(source, f"{target}{suffix}")
    except OSError as error:
        raise StorageError(
            tr(
                "The history file {path} is damaged and couldn't be moved aside ({error}). "
                "Move it somewhere safe yourself, or start Session Guide with --data-dir set "
                "to another folder.",
                path=path,
                error=error.strerror or error,
            ),
            path,
        ) from error
    return target
