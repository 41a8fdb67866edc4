"""One copy of the app owns a person's journal (issue 12, item 5).

A second copy started for a session says which process owns the journal and exits with
status 1, writing nothing; a second window opens read-only: history, no resume of the
session the first copy runs, a problem notice, and a session there saves nothing. The
lock is the kernel's (flock): it goes with its process, even a killed one.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from guide_app import app as app_module
from guide_app.cli import build_parser
from guide_app.core.choice import SessionChoice
from guide_app.core.history import Journal, SetRecord, StorageError
from guide_app.core.journal_lock import Held, JournalLock, ReadOnlyJournal, claim
from guide_app.core.notice import NoticeLevel
from guide_app.core.sides import Side
from guide_app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]


def app_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    return env


def command(tmp_path: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "guide_app", "--no-voice", "--no-user-library",
        "--data-dir", str(tmp_path), "run", "hip-cuff-circuit", "--autoplay",
        "--time-scale", "20", "--trace", *extra,
    ]  # fmt: skip


def test_the_lock_names_its_holder_and_goes_with_it(tmp_path: Path) -> None:
    first = claim(tmp_path)
    assert isinstance(first, JournalLock)
    second = claim(tmp_path)
    assert second == Held(tmp_path, os.getpid()), "a second claim sees who holds it"
    assert str(os.getpid()) in second.message and str(tmp_path) in second.message
    first.release()
    again = claim(tmp_path)
    assert isinstance(again, JournalLock), "released: free for the next copy"
    again.release()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    code = (
        "import sys, time; from pathlib import Path; "
        "from guide_app.core.journal_lock import claim; "
        "lock = claim(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert claim(tmp_path) == Held(tmp_path, holder.pid)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    lock = claim(tmp_path)
    assert isinstance(lock, JournalLock)
    lock.release()


def test_a_read_only_journal_reads_and_refuses_every_write(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with Journal(path) as journal:
        row = journal.begin_session("first-session", "First session")
        journal.record_set(row, SetRecord("bridge", Side.BOTH, 1, 10, 10))
    held = Held(tmp_path, 4242)
    with ReadOnlyJournal(path, held) as view:
        assert view.interrupted_session() is None, "the owner is running it"
        assert len(view.sets_for(row)) == 1
        assert view.notice is not None and "4242" in view.notice
        with pytest.raises(StorageError, match="4242"):
            view.begin_session("first-session", "First session")
        with pytest.raises(StorageError):
            view.record_set(row, SetRecord("bridge", Side.BOTH, 2, 10, 10))
        with pytest.raises(StorageError):
            view.abandon(row)
    with Journal(path) as journal:
        assert len(journal.sets_for(row)) == 1 and journal.interrupted_session() is not None


def test_a_second_copy_for_a_session_says_who_owns_the_journal_and_exits_1(
    tmp_path: Path,
) -> None:
    env = app_env(tmp_path)
    first = subprocess.Popen(
        command(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    try:
        assert first.stdout is not None
        deadline = time.monotonic() + 30
        while not first.stdout.readline().startswith("set "):  # it has saved a set
            assert time.monotonic() < deadline and first.poll() is None
        started = time.monotonic()
        second = subprocess.run(
            command(tmp_path, "--resume", "--quit-when-done"),
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
        )
        took = time.monotonic() - started
        assert second.returncode == 1, second.stderr[-2000:]
        assert f"process {first.pid}" in second.stderr and "already running" in second.stderr
        assert not [line for line in second.stdout.splitlines() if line.startswith("start")]
        assert took < 10
        assert first.poll() is None, "the first copy runs on"
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    with sqlite3.connect(tmp_path / "history.sqlite3") as db:
        sessions = db.execute("SELECT count(*) FROM sessions").fetchone()[0]
        places = db.execute("SELECT session, plan_index FROM sets").fetchall()
    db.close()
    assert sessions == 1, "the second copy started no session"
    assert len(places) == len(set(places)), "no set saved twice"


def test_a_second_window_opens_read_only_and_offers_no_resume(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    with Journal(path) as journal:  # the session the first copy is running
        row = journal.begin_session("first-session", "First session - a five-minute tour")
        journal.record_set(row, SetRecord("bridge-with-band", Side.BOTH, 1, 10, 10, step=1))
    lock = claim(tmp_path)  # the first copy
    assert isinstance(lock, JournalLock)
    try:
        held = claim(tmp_path)
        assert isinstance(held, Held)
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        args = build_parser().parse_args(
            ["--no-voice", "--no-user-library", "--data-dir", str(tmp_path)]
        )
        window = MainWindow(settings)
        qtbot.addWidget(window)
        offered: list[object] = []
        monkeypatch.setattr(window, "offer_resume", lambda *a: offered.append(a) or False)
        shown: list[tuple[str, NoticeLevel]] = []
        real_show = window.show_notice
        monkeypatch.setattr(
            window,
            "show_notice",
            lambda t, lv=NoticeLevel.INFO: (shown.append((t, lv)), real_show(t, lv)),
        )
        try:
            app_module._finish(window, args, settings, None, held=held)
            assert offered == [], "the first copy's session is not offered for resuming"
            problems = [t for t, lv in shown if lv is NoticeLevel.PROBLEM]
            assert any(f"process {os.getpid()}" in t for t in problems), shown
            journal = window.adapter.ensure_journal()
            assert isinstance(journal, Journal), "history can be shown"
            assert journal.sets_for(row), "and read"
            session = window.adapter.run.library.sessions["first-session"]
            window.adapter.start(SessionChoice(session=session, programme_id=None, phase=None))
            window.adapter.stop()
        finally:
            window.adapter.shutdown()
    finally:
        lock.release()
    assert sorted(f.name for f in tmp_path.glob("history.sqlite3*")) in (
        ["history.sqlite3"],
        ["history.sqlite3", "history.sqlite3-shm", "history.sqlite3-wal"],
    ), "no file of the owner's is touched (nor kept to be written later)"
    with Journal(path) as journal:
        assert [s.row for s in journal.sessions()] == [row], "nothing written"
        assert journal.interrupted_session() is not None, "the first copy's session untouched"
