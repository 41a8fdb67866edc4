"""Notices: information fades and can be dismissed; only a real problem looks like a
warning, and it stays until dismissed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from guide_app.core.notice import NoticeLevel
from guide_app.ui import theme
from guide_app.ui.main_window import MainWindow
from tests.helpers.window import start


def test_a_side_not_given_is_information_that_fades(qtbot: QtBot, window: MainWindow) -> None:
    start(window, "iliopsoas-stretches", affected=None)
    bar = window.notice
    assert bar.isVisible() and "affected side" in bar.text()
    assert bar.level is NoticeLevel.INFO
    assert theme.WARNING_BG not in bar.styleSheet(), "information looks like a warning"
    assert bar.fading, "information goes by itself"
    bar._fade.setInterval(10)
    bar._fade.start()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=2000)


def test_a_problem_stays_until_dismissed(qtbot: QtBot, window: MainWindow) -> None:
    window.show_notice("3 content problems; everything else loaded.", NoticeLevel.PROBLEM)
    bar = window.notice
    assert bar.isVisible() and not bar.fading
    assert theme.WARNING_BG in bar.styleSheet()
    bar.dismiss.setFocus()
    qtbot.keyClick(bar.dismiss, Qt.Key.Key_Space)
    assert not bar.isVisible(), "the problem banner can be dismissed"
