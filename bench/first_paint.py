"""For the bench scripts: notes when a window first paints (install it on the app)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Notes when a window first paints."""

    def __init__(self) -> None:
        super().__init__()
        self.window: QWidget | None = None
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.at is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.at = time.perf_counter()
        return False
