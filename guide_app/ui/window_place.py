"""Where a window opens: where the user left it, never larger than the screen it is on.

Every window fits a 1280x720 screen and up. A saved size and place come back on the next
start, clamped to the screen's free area (no part under a panel, none off-screen), so a
window saved on a large wall screen still opens whole on a laptop."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def place(window: QWidget, settings: QSettings, key: str, default: QSize) -> None:
    """Restore ``window``'s saved geometry (or give it ``default``) within its screen."""
    saved = settings.value(f"{key}/geometry")
    if not (isinstance(saved, QByteArray) and window.restoreGeometry(saved)):
        window.resize(default)
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        fit_within(window, screen.availableGeometry())


def keep_on_screen(window: QWidget) -> None:
    """Once shown (when the frame is known): keep ``window`` whole on its screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None and not window.isFullScreen() and not window.isMaximized():
        fit_within(window, screen.availableGeometry())


def remember(window: QWidget, settings: QSettings, key: str) -> None:
    """Save ``window``'s size and place for the next start."""
    settings.setValue(f"{key}/geometry", window.saveGeometry())


def fit_within(window: QWidget, area: QRect) -> None:
    """Shrink ``window`` to ``area`` where it is larger, and move it wholly inside."""
    frame = window.frameGeometry()
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    room = QSize(area.width() - extra.width(), area.height() - extra.height())
    size = window.size().boundedTo(room).expandedTo(window.minimumSize())
    window.resize(size)
    x = min(max(frame.x(), area.left()), area.right() + 1 - size.width() - extra.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - size.height() - extra.height())
    window.move(max(x, area.left()), max(y, area.top()))
