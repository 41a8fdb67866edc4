"""When the journal cannot be written, the window says so plainly and the session runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from guide_app.core.clock import FakeClock
from guide_app.core.history import DiskFullError, Journal, ReadOnlyFolderError
from guide_app.core.loader import Library
from guide_app.speech.service import RecordingSpeech
from guide_app.ui.main_window import MainWindow
from tests.helpers.window import MakeWindow, choice, tick


def started(
    make_window: MakeWindow, library: Library, journal: Callable[[], Journal]
) -> MainWindow:
    """A shown window over ``journal`` with the first session started."""
    window = make_window(voice=RecordingSpeech(), journal=journal)
    window.show()
    window.start(choice(library, "first-session"))
    return window


def test_a_read_only_folder_is_said_and_the_session_runs(
    make_window: MakeWindow, library: Library, clock: FakeClock
) -> None:
    def refuse() -> Journal:
        raise ReadOnlyFolderError(
            "Cannot write the history in /read-only: the folder is read-only.", Path("/x")
        )

    win = started(make_window, library, refuse)
    assert "read-only" in win.notice.text() and "not being saved" in win.notice.text()
    win.adapter.next()
    tick(win, clock, 5)
    win.adapter.next()
    assert win.session.big.text() == "1 / 5", "the session goes on without saving"


def test_a_full_disk_mid_session_is_said_and_the_session_runs(
    make_window: MakeWindow,
    library: Library,
    clock: FakeClock,
    open_journal: Callable[[], Journal],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win = started(make_window, library, open_journal)
    win.adapter.next()
    tick(win, clock, 5)

    def full(*args: object, **kwargs: object) -> None:
        raise DiskFullError("The disk is full: free some space.", tmp_path)

    monkeypatch.setattr(Journal, "record_set", full)
    for _ in range(5):
        win.adapter.next()
    assert "disk is full" in win.notice.text()
    assert win.session.caption.text() == "REST", "the set finished and the rest began"


def test_a_corrupt_journal_is_moved_aside_and_said(
    make_window: MakeWindow,
    library: Library,
    open_journal: Callable[[], Journal],
    journal_path: Path,
) -> None:
    journal_path.write_bytes(b"this is not a database" * 100)
    win = started(make_window, library, open_journal)
    assert ".corrupt-" in win.notice.text()
    moved = [p for p in journal_path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(moved) == 1 and moved[0].read_bytes() == b"this is not a database" * 100


def test_a_locked_journal_never_freezes_the_window_and_the_sets_are_saved_after(
    make_window: MakeWindow,
    library: Library,
    clock: FakeClock,
    open_journal: Callable[[], Journal],
    journal_path: Path,
) -> None:
    """Another program holds the journal: every key press and timer call returns at once,
    the window says the sets wait, and they are saved, in order, when the lock goes."""
    import sqlite3
    import time

    win = started(make_window, library, open_journal)
    other = sqlite3.connect(journal_path, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    longest = 0.0
    for _ in range(400):
        if win.adapter.done:
            break
        before = time.perf_counter()
        if win.adapter.run.runner is not None and win.adapter.run.runner.next_deadline() is None:
            win.adapter.next()
        else:
            tick(win, clock, 1)
        longest = max(longest, time.perf_counter() - before)
    assert win.adapter.done
    assert longest < 0.05, f"the window froze for {longest:.3f} s"
    assert "busy" in win.notice.text() and "kept" in win.notice.text()
    other.execute("ROLLBACK")
    other.close()
    tick(win, clock, 1)
    assert "saved" in win.notice.text()
    check = sqlite3.connect(journal_path)
    sets = check.execute("SELECT count(*) FROM sets").fetchone()[0]
    state = check.execute("SELECT state FROM sessions").fetchall()
    check.close()
    assert sets == 12 and state == [("finished",)]


def test_writes_still_waiting_when_the_session_ends_are_retried_by_the_window_itself(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: MakeWindow,
    library: Library,
    clock: FakeClock,
    open_journal: Callable[[], Journal],
    journal_path: Path,
) -> None:
    """The journal is still locked when the last set is done: the summary shows, and once
    the lock goes the window's own timer saves the end of the session, no key needed."""
    import sqlite3

    win = started(make_window, library, open_journal)
    other = sqlite3.connect(journal_path, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    for _ in range(400):
        if win.adapter.done:
            break
        if win.adapter.run.runner is not None and win.adapter.run.runner.next_deadline() is None:
            win.adapter.next()
        else:
            tick(win, clock, 1)
    assert win.adapter.done
    other.execute("ROLLBACK")
    other.close()
    clock.advance(1)  # past the next retry

    def state() -> list[tuple[str]]:
        check = sqlite3.connect(journal_path)
        try:
            return check.execute("SELECT state FROM sessions").fetchall()
        finally:
            check.close()

    assert state() == [("running",)]
    qtbot.waitUntil(lambda: state() == [("finished",)], timeout=3000)
    assert "can be written again" in win.notice.text()
