"""Fixtures for the window tests: the bundled library, settings of the test's own, a fake
clock, a recording voice, a journal on the fake clock, and the window over them.

The helpers that drive a window (``press``, ``tick``, ``start``...) are plain functions in
tests/helpers/window.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from guide_app.app import build_window
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.speech.service import RecordingSpeech, Speech
from guide_app.ui.main_window import MainWindow
from tests.helpers.window import MakeWindow, ini_settings


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library([bundled_root()])


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return ini_settings(tmp_path / "settings.ini")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1000.0)


@pytest.fixture
def voice() -> RecordingSpeech:
    return RecordingSpeech()


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def open_journal(journal_path: Path, clock: FakeClock) -> Callable[[], Journal]:
    """Opens the test's journal, its times on the fake clock."""
    return lambda: Journal(journal_path, clock=clock)


@pytest.fixture
def make_window(
    qtbot: QtBot, library: Library, settings: QSettings, clock: FakeClock
) -> Iterator[MakeWindow]:
    """Builds a window over the test's library, settings and clock, with the voice and
    journal given; each one is stopped quietly and closed after the test."""
    built: list[MainWindow] = []

    def make(
        *,
        voice: Speech,
        journal: Callable[[], Journal] | None = None,
        display_screen: int | None = None,
        user_library: Path | None = None,
    ) -> MainWindow:
        """``user_library``: the editors save there (Home's New, Edit and Import)."""
        window = build_window(
            library,
            settings,
            clock=clock,
            voice=voice,
            journal=journal,
            display_screen=display_screen,
            user_library=user_library,
            reload=lambda: load_library(
                [bundled_root(), *([user_library] if user_library else [])]
            ),
        )
        built.append(window)
        return window

    yield make
    for window in built:
        window.adapter.run.stop_quietly()  # a running session would ask before closing
        if window.editor is not None:
            window.editor.closed.emit()  # an editor with changes would ask too
        window.close()
        window.deleteLater()


@pytest.fixture
def window(
    qtbot: QtBot,
    make_window: MakeWindow,
    voice: RecordingSpeech,
    open_journal: Callable[[], Journal],
) -> MainWindow:
    """The control window, shown and active, with the clinic display as a window."""
    win = make_window(voice=voice, journal=open_journal, display_screen=0)
    win.show()
    assert win.display is not None
    win.display.show_on(0, fullscreen=False)
    win.activateWindow()
    qtbot.waitExposed(win)
    return win
