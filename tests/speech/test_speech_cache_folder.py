"""A speech cache folder that cannot be created (issue 12, item 3): the voice is
optional, so the app starts, says why there is no voice, and runs the session."""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from guide_app import app as app_module
from guide_app.cli import build_parser
from guide_app.core.clock import FakeClock
from guide_app.core.notice import NoticeLevel
from guide_app.core.voice import VoiceStatus
from guide_app.speech.words import describe_voice
from guide_app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def blocked_folder(tmp_path: Path) -> Path:
    """A cache folder under a regular file: it can never be created."""
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("not a folder")
    return blocker / "SessionGuide" / "speech"


def test_make_voice_is_silent_and_says_why_when_its_folder_cannot_be_made(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    args = argparse.Namespace(no_voice=False)
    folder = blocked_folder(tmp_path)
    voice = app_module.make_voice(args, folder, settings, FakeClock())
    assert voice.status is VoiceStatus.NO_CACHE and voice.status.lasting
    problem = getattr(voice, "problem", None)
    assert problem is not None and str(folder) in problem, problem
    assert "No voice" in describe_voice(voice.status)


def test_the_window_opens_with_a_problem_notice_when_the_cache_folder_cannot_be_made(
    qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from guide_app import paths

    folder = blocked_folder(tmp_path).parent
    monkeypatch.setattr(paths, "cache_dir", lambda: folder)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    args = build_parser().parse_args(["--no-user-library", "--data-dir", str(tmp_path)])
    window = MainWindow(settings)
    qtbot.addWidget(window)
    shown: list[tuple[str, NoticeLevel]] = []
    real_show = window.show_notice

    def show(text: str, level: NoticeLevel = NoticeLevel.INFO) -> None:
        shown.append((text, level))
        real_show(text, level)

    monkeypatch.setattr(window, "show_notice", show)
    try:
        app_module._finish(window, args, settings, None)
        assert window.pages.currentWidget() is window.home, "past the loading screen"
        problems = [text for text, level in shown if level is NoticeLevel.PROBLEM]
        assert any(str(folder / "speech") in text for text in problems), shown
    finally:
        window.adapter.shutdown()


def test_a_session_runs_to_its_end_without_a_cache_folder(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(blocked_folder(tmp_path).parent.parent),
    )
    command = [
        sys.executable, "-m", "guide_app", "--no-user-library", "--data-dir", str(tmp_path),
        "run", "hip-rotation-check", "--autoplay", "--time-scale", "100", "--quit-when-done",
    ]  # fmt: skip
    done = subprocess.run(command, env=env, cwd=ROOT, timeout=30, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    with sqlite3.connect(tmp_path / "history.sqlite3") as db:
        state = db.execute("SELECT state FROM sessions").fetchall()
        measured = db.execute("SELECT count(*) FROM measurements").fetchone()[0]
    db.close()
    assert state == [("finished",)] and measured == 8
