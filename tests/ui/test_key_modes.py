"""Keys act by mode: session keys only while a session runs, from whichever of the app's
windows has focus; on Home and the summary the controls get their own keys.

Keys go through Qt's shortcut system as a keyboard sends them (``QTest.keyClick``), to
the widget that has focus, as a person at the laptop would press them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.ui.main_window import MainWindow
from tests.helpers.window import start, tick

CTRL = Qt.KeyboardModifier.ControlModifier


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def stop(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Q, and wait for the summary."""
    qtbot.keyClick(window.session, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary, timeout=2000)


def test_arrows_on_the_side_buttons_choose_a_side_and_do_not_start(
    qtbot: QtBot, window: MainWindow
) -> None:
    chooser = window.home.affected
    not_set = chooser._buttons[None]
    focus(qtbot, not_set)
    qtbot.keyClick(not_set, Qt.Key.Key_Right)
    assert not window.running, "Right on a radio button started the session"
    assert chooser.value() == "left"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert not window.running
    assert chooser.value() == "right", "Down moves on to the next side"


def test_space_on_the_check_box_ticks_it_and_does_not_start(
    qtbot: QtBot, window: MainWindow
) -> None:
    box = window.home.weaker_first
    before = box.isChecked()
    focus(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert not window.running, "Space on the check box started the session"
    assert box.isChecked() is not before


def test_enter_on_a_focused_button_presses_it(qtbot: QtBot, window: MainWindow) -> None:
    focus(qtbot, window.home.start_button)
    qtbot.keyClick(window.home.start_button, Qt.Key.Key_Return)
    assert window.running, "Enter on Start starts the session"


def test_typing_on_the_list_goes_to_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    focus(qtbot, window.home.tree)
    qtbot.keyClicks(window.home.tree, "clam")
    assert window.home.search.text() == "clam"
    assert window.home.search.hasFocus()
    assert not window.running


def test_letters_typed_on_home_are_not_session_keys(qtbot: QtBot, window: MainWindow) -> None:
    focus(qtbot, window.home.search)
    qtbot.keyClicks(window.home.search, "mfp d")  # mute, full screen, pause, display
    assert window.home.search.text() == "mfp d"
    assert not window.adapter.run.voice.muted
    assert not window.isFullScreen()


def _grab(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def test_every_control_on_home_shows_a_focus_ring(qtbot: QtBot, window: MainWindow) -> None:
    home = window.home
    controls = [
        home.search,
        home.tree,
        home.history_button,
        home.voice_button,
        home.details,
        home.affected._buttons["left"],
        home.weaker_first,
        home.start_button,
    ]
    for control in controls:
        focus(qtbot, home.search if control is not home.search else home.tree)
        plain = _grab(control)
        focus(qtbot, control)
        ringed = _grab(control)
        assert plain != ringed, f"{type(control).__name__} looks the same with focus"


def test_space_and_enter_on_the_summary_go_back_to_the_library(
    qtbot: QtBot, window: MainWindow
) -> None:
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
        start(window, "first-session")
        stop(qtbot, window)
        button = window.summary.home
        focus(qtbot, button)
        qtbot.keyClick(button, key)
        assert window.pages.currentWidget() is window.home, f"{key} did nothing"


def test_tab_then_enter_on_the_summary_goes_back(qtbot: QtBot, window: MainWindow) -> None:
    start(window, "first-session")
    stop(qtbot, window)
    for _ in range(6):
        if window.summary.home.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    assert window.summary.home.hasFocus()
    qtbot.keyClick(window.summary.home, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.home


def test_the_history_window_closes_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    for key, modifiers in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_W, CTRL),
    ):
        window.open_history()
        history = window._history
        qtbot.waitExposed(history)
        history.activateWindow()
        qtbot.waitUntil(lambda h=history: QApplication.activeWindow() is h, timeout=2000)
        qtbot.keyClick(QApplication.focusWidget() or history, key, modifiers)
        assert not history.isVisible(), f"{key} did not close the history"


def test_session_keys_work_while_the_display_has_focus(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    start(window, "first-session")
    display = window.display
    assert display is not None
    focus(qtbot, display.view)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is display, timeout=2000)
    qtbot.keyClick(display.view, Qt.Key.Key_Space)  # past the welcome note
    assert window.session.caption.text() == "GET READY"
    tick(window, clock, 5)
    qtbot.keyClick(display.view, Qt.Key.Key_PageDown)  # a clicker's "next"
    assert window.session.big.text() == "1 / 5"
    qtbot.keyClick(display.view, Qt.Key.Key_P)
    assert window.adapter.paused
    qtbot.keyClick(display.view, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary, timeout=2000)
