"""A whole session and the history window in the pseudo language: every text on screen
went through the translation layer (messages, content, dates), and nothing is cut off
at 1366x768 although every text is 40% longer, as German runs about a third longer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from guide_app.app import build_window
from guide_app.core import i18n
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.loader import bundled_root, load_library
from guide_app.speech.service import RecordingSpeech
from guide_app.ui.main_window import MainWindow
from tests.helpers.shown_text import bypassed, bypassing, shown_texts
from tests.helpers.window import one_set_then_stop, press, tick

LAPTOP = (1366, 768 - 40)  # the screen less a window manager's title bar


@pytest.fixture
def pseudo_window(
    qtbot: QtBot, settings: QSettings, clock: FakeClock, tmp_path: Path
) -> Iterator[MainWindow]:
    """The window, its library and its words all in the pseudo language."""
    i18n.set_language(i18n.PSEUDO)
    try:
        library = load_library([bundled_root()])

        def journal() -> Journal:
            return Journal(tmp_path / "history.sqlite3", clock=clock)

        window = build_window(
            library,
            settings,
            clock=clock,
            voice=RecordingSpeech(),
            journal=journal,
            display_screen=0,
            reload=lambda: load_library([bundled_root()]),
        )
        window.show()
        assert window.display is not None
        window.display.show_on(0, fullscreen=False)
        window.display.resize(1366, 768)  # a wall display is larger; this is the least
        window.activateWindow()
        qtbot.waitExposed(window)
        window.resize(*LAPTOP)  # after showing: placing a new window keeps it on its screen
        qtbot.waitUntil(lambda: window.width() == LAPTOP[0])
        yield window
        window.adapter.run.stop_quietly()
        window.close()
        window.deleteLater()
    finally:
        i18n.set_language(None)


def cut_off(root: QWidget) -> list[str]:
    """Labels on one line whose text is wider than the label shows, buttons narrower than
    their text, and tab bars that have to scroll to show every tab."""
    found = []
    for bar in root.findChildren(QTabBar):
        if bar.isVisibleTo(root) and bar.sizeHint().width() > bar.width() + 1:
            tabs = [bar.tabText(i) for i in range(bar.count())]
            found.append(f"tabs {tabs}: need {bar.sizeHint().width()} px, have {bar.width()}")
    for button in root.findChildren(QPushButton):
        if not button.isVisibleTo(root) or not button.text():
            continue
        need = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
        if need > button.contentsRect().width():
            found.append(f"button {button.text()!r}: needs {need} px, has {button.width()}")
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or label.wordWrap() or not label.text():
            continue
        if label.textFormat() == Qt.TextFormat.RichText or "<" in label.text():
            continue
        if label.pixmap() is not None and not label.pixmap().isNull():
            continue
        need = label.fontMetrics().horizontalAdvance(label.text()) + 2 * label.margin()
        if need > label.contentsRect().width() + 1:
            found.append(
                f"{type(label.window()).__name__}: {label.text()!r}: needs {need} px, "
                f"has {label.contentsRect().width()} ({label.window().width()} px wide window)"
            )
    return found


def test_the_check_tells_wrapped_words_from_bare_ones() -> None:
    assert not bypassed("⟦Sét 2 öf 3~~~⟧")
    assert not bypassed("3 / 5  12:30  ◀ ▶ -")
    assert not bypassed("⟦Nëxt: ⟦Clàmshéll~~⟧~~⟧")
    assert bypassed("Set 2 of 3")
    assert bypassed("⟦Sét~⟧ of 3")


def test_a_whole_session_shows_no_word_that_bypassed_the_layer(
    qtbot: QtBot, pseudo_window: MainWindow, clock: FakeClock
) -> None:
    window = pseudo_window
    home = window.home
    assert home.select("session", "first-session")
    seen: set[tuple[str, str]] = set(bypassing(window))
    cut = set(cut_off(window))
    press(window, Qt.Key.Key_Return)
    assert window.running
    for _ in range(300):
        if not window.running:
            break
        seen |= bypassing(window)
        assert window.display is not None
        seen |= bypassing(window.display)
        cut |= set(cut_off(window)) | set(cut_off(window.display))
        press(window, Qt.Key.Key_Space)
        tick(window, clock, 2)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary, timeout=10_000)
    seen |= bypassing(window)
    cut |= set(cut_off(window))
    texts = [text for _, text in shown_texts(window)]
    assert any(i18n.PSEUDO_OPEN in t for t in texts), "nothing was pseudo-localised"
    assert not seen, "\n".join(sorted(f"{where}: {text!r}" for where, text in seen))
    assert not cut, "\n".join(sorted(cut))


def test_the_history_window_shows_no_word_that_bypassed_the_layer(
    qtbot: QtBot, pseudo_window: MainWindow, clock: FakeClock
) -> None:
    window = pseudo_window
    assert window.home.select("session", "first-session")
    press(window, Qt.Key.Key_Return)
    one_set_then_stop(window, clock, qtbot)
    window.open_history()
    history = window._history
    assert history is not None
    qtbot.waitExposed(history)
    history.resize(*LAPTOP)
    seen: set[tuple[str, str]] = set()
    cut: set[str] = set()
    from PySide6.QtWidgets import QTabWidget

    for tabs in history.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(20)
            seen |= bypassing(history)
            cut |= set(cut_off(history))
    seen |= bypassing(history)
    history.close()
    assert not seen, "\n".join(sorted(f"{where}: {text!r}" for where, text in seen))
    assert not cut, "\n".join(sorted(cut))
