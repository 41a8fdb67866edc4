"""Helpers for tests that drive the real window: keys as the keyboard sends them, time
moved on a fake clock, and a voice that is still preparing. No fixtures here (they are in
tests/ui/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.loader import Library
from guide_app.speech.service import RecordingSpeech
from guide_app.ui.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]  # the make_window fixture: (voice=, journal=, ...)


def ini_settings(path: Path) -> QSettings:
    """Settings in a file of the test's own, never the user's."""
    return QSettings(str(path), QSettings.Format.IniFormat)


def press(
    window: MainWindow,
    key: Qt.Key,
    *,
    repeat: bool = False,
    text: str = "",
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key as the keyboard sends it (auto-repeat included), through the shortcut system."""
    for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, modifiers, text, repeat)
        QApplication.sendEvent(window.focusWidget() or window, event)


def tick(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    """Let ``seconds`` of session time pass, and the session catch up with them."""
    clock.advance(seconds)
    window.adapter.tick()


def start(window: MainWindow, session: str, affected: str | None = "left") -> None:
    """Choose a session on Home and start it with Enter, as a person would."""
    assert window.home.select("session", session)
    window.home.affected.set_value(affected)
    press(window, Qt.Key.Key_Return)  # Enter on Home starts the chosen session
    assert window.running


def one_set_then_stop(window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    """In the first session just started: past the welcome note and the get-ready, five
    reps counted by key, then stop (Ctrl+Q) and wait until the session is over."""
    press(window, Qt.Key.Key_Space)
    tick(window, clock, 5)
    for _ in range(5):
        press(window, Qt.Key.Key_Space)
    with qtbot.waitSignal(window.adapter.finished):
        press(window, Qt.Key.Key_Q, text="\x11", modifiers=Qt.KeyboardModifier.ControlModifier)


def choice(library: Library, session: str, affected: str | None = "left") -> SessionChoice:
    """What Home would hand over for ``session`` with the affected side set."""
    return SessionChoice(library.sessions[session], affected=affected)


def summary_rows(window: MainWindow) -> dict[tuple[str, str], str]:
    """The summary table as {(exercise, side): sets done}."""
    table = window.summary.table
    return {
        (table.item(r, 0).text(), table.item(r, 1).text()): table.item(r, 3).text()
        for r in range(table.rowCount())
    }


class SlowVoice(RecordingSpeech):
    """A voice still rendering: it reports its progress only when a test emits it."""

    def prepare(self, phrases: Iterable[str], languages: Mapping[str, str] | None = None) -> None:
        self.prepared.append(list(phrases))


def when_shown(action: Callable[[QWidget], None], seen: dict[str, Any]) -> None:
    """Once a modal dialog is up, run ``action`` on it; whatever happens, close it after
    (``seen["error"]`` holds what it raised, ``seen["left_open"]`` that it had to be closed)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        try:
            action(dialog)
        except Exception as error:  # reported by the test; the dialog is never left open
            seen["error"] = error
        finally:
            if dialog.isVisible():
                seen.setdefault("left_open", True)
                dialog.close()

    QTimer.singleShot(0, act)
