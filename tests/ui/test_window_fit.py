"""Windows fit a 1280x720 laptop screen and up, come back where they were left, and larger
text changes the layout inside the window, never the window's size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.ui import window_place
from guide_app.ui.main_window import MainWindow
from tests.helpers.window import MakeWindow, ini_settings, press, start, tick

SMALL_SCREEN = QRect(0, 0, 1280, 720)
TITLE_BAR = 40  # what a window manager's frame takes from the height


def visible_in(widget: QWidget, window: QWidget) -> bool:
    """Whether all of ``widget`` lies inside ``window``'s client area."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(QRect(top_left, widget.size()))


def test_every_page_fits_a_1280x720_screen(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.resize(1400, 900)  # as the first release opened on a large screen
    window_place.fit_within(window, SMALL_SCREEN)
    assert window.width() <= 1280 and window.height() <= 720
    window.resize(1280, 720 - TITLE_BAR)
    qtbot.wait(10)
    for control in (window.home.start_button, window.home.history_button, window.home.voice_button):
        assert control.isVisible() and visible_in(control, window), control.text()

    start(window, "first-session")
    press(window, Qt.Key.Key_Space)
    tick(window, clock, 5)  # a rep of the bridge, with its cues and "next up"
    qtbot.wait(10)
    need = window.minimumSizeHint()
    assert need.width() <= 1280 and need.height() <= 720 - TITLE_BAR, need
    for label in (window.session.big, window.session.name, window.session.cue):
        assert visible_in(label, window), label.text()


def test_the_history_window_opens_within_the_screen(qtbot: QtBot, window: MainWindow) -> None:
    window.open_history()
    history = window._history
    qtbot.waitExposed(history)
    screen = history.screen().availableGeometry()
    assert screen.contains(history.frameGeometry()), (history.frameGeometry(), screen)
    need = history.minimumSizeHint()
    assert need.width() <= 1280 and need.height() <= 720 - TITLE_BAR, need


def test_a_window_comes_back_where_it_was_left(qtbot: QtBot, tmp_path: Path) -> None:
    settings = ini_settings(tmp_path / "settings.ini")
    first = QWidget()
    qtbot.addWidget(first)
    window_place.place(first, settings, "window", QSize(600, 400))
    first.resize(700, 500)
    first.move(30, 20)
    first.show()
    qtbot.waitExposed(first)
    window_place.remember(first, settings, "window")

    again = QWidget()
    qtbot.addWidget(again)
    window_place.place(again, settings, "window", QSize(600, 400))
    assert again.size() == QSize(700, 500)


def test_a_window_saved_on_a_big_screen_opens_whole_on_a_small_one(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1900, 1040)
    window.move(1500, 30)  # it was on the wall screen
    window_place.fit_within(window, SMALL_SCREEN)
    assert SMALL_SCREEN.contains(window.geometry()), window.geometry()


def test_larger_text_never_grows_the_window(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.resize(1366, 720)
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)
    tick(window, clock, 5)
    size = window.size()
    font = window.session.big.font().pixelSize()
    for _ in range(20):
        press(window, Qt.Key.Key_Plus, text="+")
    qtbot.wait(10)
    assert window.size() == size, "larger text grew the window"
    assert window.session.big.font().pixelSize() > font, "+ made the text larger"
    need = window.session.minimumSizeHint()
    room = window.pages.size()
    assert need.width() <= room.width() and need.height() <= room.height()
    largest = window.session.big.font().pixelSize()
    press(window, Qt.Key.Key_Minus, text="-")
    assert window.session.big.font().pixelSize() < largest, "- makes it smaller again"
    assert window.size() == size


def test_a_saved_scale_too_large_for_the_screen_is_capped(
    qtbot: QtBot,
    make_window: MakeWindow,
    settings,
    voice,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    settings.setValue("view/scale", 3.0)
    window = make_window(voice=voice)
    window.show()
    qtbot.waitExposed(window)
    window.resize(1366, 720)
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)
    tick(window, clock, 5)
    qtbot.wait(10)
    assert window.size() == QSize(1366, 720)
    need = window.session.minimumSizeHint()
    assert need.width() <= window.pages.width() and need.height() <= window.pages.height()
