"""When the journal cannot be written, the window says so plainly and the session runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from guide_app.app import build_window
from guide_app.core.clock import FakeClock
from guide_app.core.history import DiskFullError, Journal, ReadOnlyFolderError
from guide_app.core.loader import bundled_root, load_library
from guide_app.speech.service import RecordingSpeech
from guide_app.ui.home import SessionChoice

LIBRARY = load_library([bundled_root()])


def window_with(qtbot, journal, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    clock = FakeClock(1000.0)
    win = build_window(LIBRARY, settings, clock=clock, voice=RecordingSpeech(), journal=journal)
    win.show()
    return win, clock


def start(win) -> None:  # type: ignore[no-untyped-def]
    session = LIBRARY.sessions["first-session"]
    win.start(SessionChoice(session, None, None, "left", None, True))


def tick(win, clock: FakeClock, seconds: float) -> None:  # type: ignore[no-untyped-def]
    clock.advance(seconds)
    win.driver.tick()


def test_a_read_only_folder_is_said_and_the_session_runs(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def refuse() -> Journal:
        raise ReadOnlyFolderError(
            "Cannot write the history in /read-only: the folder is read-only.", Path("/x")
        )

    win, clock = window_with(qtbot, refuse, tmp_path)
    start(win)
    assert "read-only" in win.notice.text() and "not being saved" in win.notice.text()
    win.driver.next()
    tick(win, clock, 5)
    win.driver.next()
    assert win.session.big.text() == "1 / 5", "the session goes on without saving"
    win.driver.stop_quietly()
    win.close()


def test_a_full_disk_mid_session_is_said_and_the_session_runs(
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    win, clock = window_with(qtbot, lambda: Journal(tmp_path / "history.sqlite3"), tmp_path)
    start(win)
    win.driver.next()
    tick(win, clock, 5)

    def full(*args: object, **kwargs: object) -> None:
        raise DiskFullError("The disk is full: free some space.", tmp_path)

    monkeypatch.setattr(Journal, "record_set", full)
    for _ in range(5):
        win.driver.next()
    assert "disk is full" in win.notice.text()
    assert win.session.caption.text() == "REST", "the set finished and the rest began"
    win.driver.stop_quietly()
    win.close()


def test_a_corrupt_journal_is_moved_aside_and_said(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    win, _clock = window_with(qtbot, lambda: Journal(path), tmp_path)
    start(win)
    assert ".corrupt-" in win.notice.text()
    moved = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(moved) == 1 and moved[0].read_bytes() == b"this is not a database" * 100
    win.driver.stop_quietly()
    win.close()
