"""Larger and smaller text on the session screens, within what the window holds.

The text of a session view is sized from the view's height times a scale the user sets
with + and -. A larger scale never grows the window: the scale in force is the largest,
up to the one asked for, at which the view's content still fits the room it has."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLayout, QWidget

if TYPE_CHECKING:  # the main window imports this before the session view has loaded
    from guide_app.ui.session_view import SessionView

STEP = 1.15
SMALLEST, LARGEST = 0.5, 3.0


def fits(view: QWidget, room: QSize) -> bool:
    """Whether ``view``'s content, in the fonts it has now, fits ``room``."""
    for layout in view.findChildren(QLayout):  # layouts keep old sizes until the next pass
        layout.invalidate()
    need = view.minimumSizeHint()
    return need.width() <= room.width() and need.height() <= room.height()


def fit_scale(view: SessionView, wanted: float, room: QSize) -> float:
    """Apply to ``view`` the largest scale up to ``wanted`` at which it fits ``room``."""
    scale = max(SMALLEST, min(LARGEST, wanted))
    floor = min(scale, 1.0)  # text never shrinks below normal on its own: only + is undone
    view.set_scale(scale)
    while scale > floor and not fits(view, room):
        scale = max(floor, scale / STEP)
        view.set_scale(scale)
    return scale
