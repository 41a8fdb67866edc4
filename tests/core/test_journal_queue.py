"""A locked or full journal never holds up the session and loses nothing: what can't be
written waits, in order, and is written as soon as the journal takes it again; what still
waits at quit is written at the next start. A real journal on disk, a fake clock, no Qt."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.loader import Library
from guide_app.core.notice import Notice, NoticeLevel
from guide_app.core.session_run import SessionRun
from tests.helpers.content import bundled_library
from tests.helpers.fakes import FakeVoice

SESSION = "iliopsoas-seated-rotation"  # 10 sets, about four minutes
# Seconds a call from the window may take, even while the file is locked: a call that
# waited for the lock would take the journal's lock wait (5 s when opened), so this proves
# it does not wait, with room for a loaded CI machine (a call took 73 ms once there).
GUI_CALL_LIMIT = 0.25


@pytest.fixture(scope="module")
def library() -> Library:
    loaded: Library = bundled_library()
    return loaded


class Disk:
    """Stands between a journal and its SQLite connection: while ``full``, every write
    fails as SQLite fails on a full disk; reads go through."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.full = True
        self.refused = 0

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        if self.full and sql.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE", "BEGIN"):
            self.refused += 1
            raise sqlite3.OperationalError("database or disk is full")
        return self.connection.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


class Session:
    """A session run over a real journal at ``db``, driven on a fake clock, timing every
    call the window would make."""

    def __init__(
        self, library: Library, db: Path, opened: Callable[[Journal], None] = lambda j: None
    ) -> None:
        self.clock = FakeClock(1000.0)
        self.notices: list[Notice] = []
        self.longest = 0.0

        def open_journal() -> Journal:
            journal = Journal(db, clock=self.clock)
            opened(journal)
            return journal

        self.run = SessionRun(library, self.clock, FakeVoice(), open_journal)
        self.run.on_notice = self.notices.append
        self.done_at: list[float] = []  # wall time of each set done, as the person did it
        self.run.on_event = self._event

    def _event(self, event: object) -> None:
        if type(event).__name__ == "SetDone":
            self.done_at.append(self.clock.wall())

    def call(self, action: Callable[[], object]) -> None:
        started = time.perf_counter()
        action()
        self.longest = max(self.longest, time.perf_counter() - started)

    def start(self, library: Library) -> None:
        choice = SessionChoice(session=library.sessions[SESSION], affected="left", weaker="left")
        self.call(lambda: self.run.start(choice))
        self.call(lambda: self.run.voice_prepared(1, 1))

    def steps(self) -> Iterator[None]:
        """Play the session: a key press when the step waits for one, else the clock moved
        to the next wake-up; yields after each call."""
        while not self.run.done:
            runner = self.run.runner
            assert runner is not None
            if runner.next_deadline() is None:
                self.call(self.run.next)
            else:
                at = self.run.wake_at()
                assert at is not None
                self.clock.set(max(at, self.clock.now()))
                self.call(self.run.tick)
            yield

    def wait(self, seconds: float) -> None:
        """Let the window's timer call the run at its wake-ups for ``seconds``."""
        end = self.clock.now() + seconds
        while (at := self.run.wake_at()) is not None and at <= end:
            self.clock.set(max(at, self.clock.now()))
            self.call(self.run.tick)
        self.clock.set(max(end, self.clock.now()))

    def problems(self) -> list[str]:
        return [n.text for n in self.notices if n.level is NoticeLevel.PROBLEM]


def on_disk(disks: list[Disk], *, full: bool) -> Callable[[Journal], None]:
    """Puts each journal opened on a ``Disk`` (full or not yet), kept in ``disks``."""

    def install(journal: Journal) -> None:
        disk = Disk(journal._connection)
        disk.full = full
        disks.append(disk)
        journal._connection = disk  # type: ignore[assignment]

    return install


def saved(db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The sessions (state) and sets (set number, side, time) in the journal file."""
    connection = sqlite3.connect(db)
    try:
        sessions = connection.execute("SELECT id, state FROM sessions ORDER BY id").fetchall()
        sets = connection.execute(
            "SELECT exercise_id, side, set_number, at FROM sets ORDER BY id"
        ).fetchall()
    finally:
        connection.close()
    return sessions, sets


def lock(db: Path) -> sqlite3.Connection:
    """Another program takes the journal and holds it."""
    other = sqlite3.connect(db, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    return other


# --------------------------------------------------------------------------- a locked journal


def test_a_locked_journal_never_holds_up_the_window_and_every_set_is_written_after(
    library: Library, tmp_path: Path
) -> None:
    db = tmp_path / "history.sqlite3"
    session = Session(library, db)
    session.start(library)
    other = lock(db)
    for _ in session.steps():
        assert session.longest < GUI_CALL_LIMIT, (
            f"a call from the window took {session.longest:.3f} s while the journal was locked"
        )
    assert len(session.done_at) == 10
    problem = session.problems()[-1]
    assert "busy" in problem and str(db) in problem
    assert "11 entries" in problem and "saved" in problem, "says what waits: 10 sets, the end"
    other.execute("ROLLBACK")  # the other program lets go
    other.close()
    session.wait(2.0)

    sessions, sets = saved(db)
    assert sessions == [(1, "finished")]
    assert len(sets) == 10
    assert [s[3] for s in sets] == pytest.approx(session.done_at), "each set keeps its own time"
    assert "saved" in session.notices[-1].text and session.notices[-1].level is NoticeLevel.INFO
    assert session.run.wake_at() is None, "nothing is left to retry"
    assert session.longest < GUI_CALL_LIMIT


def test_sets_written_while_the_lock_comes_and_goes_stay_in_order(
    library: Library, tmp_path: Path
) -> None:
    db = tmp_path / "history.sqlite3"
    session = Session(library, db)
    session.start(library)
    other: sqlite3.Connection | None = None
    for n, _ in enumerate(session.steps()):
        if n % 40 == 10 and other is None:
            other = lock(db)
        elif n % 40 == 30 and other is not None:
            other.execute("ROLLBACK")
            other.close()
            other = None
    if other is not None:
        other.execute("ROLLBACK")
        other.close()
    session.wait(2.0)
    sessions, sets = saved(db)
    assert sessions == [(1, "finished")]
    assert [s[3] for s in sets] == pytest.approx(session.done_at)
    assert session.longest < GUI_CALL_LIMIT


# --------------------------------------------------------------------------- a full disk


def test_a_full_disk_at_the_start_loses_nothing_once_there_is_room(
    library: Library, tmp_path: Path
) -> None:
    db = tmp_path / "history.sqlite3"
    disks: list[Disk] = []
    session = Session(library, db, on_disk(disks, full=True))
    session.start(library)
    assert disks[0].refused, "the session's start could not be written"
    assert "full" in session.problems()[0]
    steps = session.steps()
    for _ in range(20):
        next(steps)
    disks[0].full = False  # space freed, a moment later
    for _ in steps:
        pass
    session.wait(2.0)

    sessions, sets = saved(db)
    assert sessions == [(1, "finished")]
    assert len(sets) == 10, f"{len(sets)} of 10 sets saved after the disk had room again"
    assert [s[3] for s in sets] == pytest.approx(session.done_at)
    assert session.notices[-1].level is NoticeLevel.INFO and "saved" in session.notices[-1].text


def test_a_session_whose_end_met_a_full_disk_ends_finished_once_there_is_room(
    library: Library, tmp_path: Path
) -> None:
    db = tmp_path / "history.sqlite3"
    disks: list[Disk] = []
    session = Session(library, db, on_disk(disks, full=False))
    session.start(library)
    for _ in session.steps():
        if len(session.done_at) == 9:
            disks[0].full = True  # the last set and the session's end meet a full disk
    assert saved(db)[0] == [(1, "running")]
    assert "full" in session.problems()[-1]
    disks[0].full = False
    session.wait(2.0)
    sessions, sets = saved(db)
    assert sessions == [(1, "finished")]
    assert len(sets) == 10


# --------------------------------------------------------------------------- quitting


def test_what_still_waits_at_quit_is_written_at_the_next_start(
    library: Library, tmp_path: Path
) -> None:
    db = tmp_path / "history.sqlite3"
    session = Session(library, db)
    session.start(library)
    other = lock(db)
    for _ in session.steps():
        pass
    session.call(session.run.shutdown)  # quit while the journal is still locked
    assert session.longest < GUI_CALL_LIMIT
    waiting = [p for p in tmp_path.iterdir() if p.name.startswith("history.sqlite3.waiting")]
    assert len(waiting) == 1 and waiting[0].stat().st_mode & 0o777 == 0o600
    other.execute("ROLLBACK")
    other.close()
    assert saved(db) == ([(1, "running")], []), "the sets and the end wait in the side file"

    later = Session(library, db)
    assert later.run.interrupted() is None, "the session ended; nothing to resume"
    sessions, sets = saved(db)
    assert sessions == [(1, "finished")]
    assert [s[3] for s in sets] == pytest.approx(session.done_at)
    assert not [p for p in tmp_path.iterdir() if ".waiting" in p.name]
    assert any("saved" in n.text for n in later.notices)


def test_a_session_never_started_in_the_journal_is_written_whole_at_the_next_start(
    library: Library, tmp_path: Path
) -> None:
    """The disk was full from the start to the quit: the session, its sets and its end
    were kept beside the journal, and the next start writes them all, in order."""
    db = tmp_path / "history.sqlite3"
    disks: list[Disk] = []
    session = Session(library, db, on_disk(disks, full=True))
    session.start(library)
    steps = session.steps()
    while len(session.done_at) < 4:
        next(steps)
    session.call(session.run.shutdown)
    assert saved(db) == ([], [])

    later = Session(library, db)
    assert later.run.interrupted() is None
    sessions, sets = saved(db)
    assert sessions == [(1, "stopped")]
    assert [s[3] for s in sets] == pytest.approx(session.done_at)
    assert not [p for p in tmp_path.iterdir() if ".waiting" in p.name]


def test_an_unreadable_side_file_is_moved_aside_and_said(library: Library, tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    kept = tmp_path / "history.sqlite3.waiting"
    kept.write_text("{not json")
    session = Session(library, db)
    assert session.run.interrupted() is None
    assert (tmp_path / "history.sqlite3.waiting.unreadable").read_text() == "{not json"
    assert not kept.exists()
    assert "can't be read" in session.problems()[0]


def test_kept_writes_for_a_session_no_longer_in_the_journal_are_said_and_left_out(
    library: Library, tmp_path: Path
) -> None:
    """The journal was moved aside (damaged) after a quit that kept writes for it: they
    can't go anywhere, so they are said, once, and do not block what comes after."""
    import json

    db = tmp_path / "history.sqlite3"
    record = {"exercise_id": "clamshell", "side": "left", "set_number": 1}
    record |= {"planned_reps": 10, "done_reps": 10, "at": 5.0}
    write = {"method": "record_set", "row": 7, "kwargs": {}}
    write["args"] = [{"record": "SetRecord", "fields": record}]
    (tmp_path / "history.sqlite3.waiting").write_text(
        json.dumps({"version": 1, "writes": [write, write]})
    )
    session = Session(library, db)
    assert session.run.interrupted() is None
    (problem,) = [n.text for n in session.notices]
    assert "2 waiting entries" in problem and "left out" in problem
    assert not (tmp_path / "history.sqlite3.waiting").exists()
    session.start(library)
    for _ in session.steps():
        pass
    assert len(saved(db)[1]) == 10
