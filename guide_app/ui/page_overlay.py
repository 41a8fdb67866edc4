"""An exercise's page over the control window: opened by the page key (in a session, on
the current exercise, for the side being worked; on Home, on the exercise chosen) or by
an outline's link, closed by the same key or Esc.

The clinic display does not show it unless asked: the "Show on the wall display"
button puts the same page on the display, until the page closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from guide_app.core.exercise_page import ExercisePage, exercise_page, page_movement
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.core.motion import Movement
from guide_app.core.plan_sides import SideChoice, parse_side
from guide_app.core.sides import Side
from guide_app.ui import theme
from guide_app.ui.exercise_page import ExercisePageView
from guide_app.ui.keys import Binding, key_names

MARGIN = 16  # the window shows around the page, so it reads as over the session


class PageOverlay(QFrame):
    """The page, filling its parent but a margin, hidden until ``open_page``."""

    closed = Signal()
    wall_toggled = Signal(bool)  # the therapist asked for the page on the wall display, or not

    def __init__(self, parent: QWidget, table: tuple[Binding, ...]) -> None:
        super().__init__(parent)
        self.setObjectName("page_overlay")
        self.setStyleSheet(
            f"QFrame#page_overlay {{ background: {theme.BACKGROUND}; "
            f"border: 2px solid {theme.GRID}; border-radius: 12px; }}"
        )
        self.setAutoFillBackground(True)
        self.page: ExercisePage | None = None
        self.movement: Movement | None = None  # the figure's loop on the page shown
        self.view = ExercisePageView(titled=True, largest_px=24)
        keys = key_names("page", table, most=1)
        self.hint = QLabel(
            tr("{keys} or Esc: close and go on. Arrows and Page Up/Down: scroll.", keys=keys)
        )
        self.hint.setObjectName("muted")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.wall = QPushButton(tr("Show on the wall display"))
        self.wall.setCheckable(True)
        self.wall.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay the page's
        self.wall.toggled.connect(self.wall_toggled.emit)
        self.wall.hide()
        self.close_button = QPushButton(tr("Close"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close_page)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.wall)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.hide()
        parent.installEventFilter(self)

    def open_page(
        self,
        library: Library,
        exercise_id: str,
        *,
        side: Side | None = None,
        sides: tuple[str | None, str | None] = (None, None),
        motion: bool = True,
        display: bool = False,
    ) -> bool:
        """Show the page of ``exercise_id`` for ``side`` and the person's ``sides``
        (affected, weaker: "left", "right" or None); False when there is none.
        ``display``: a wall display is open (the button to show it there appears)."""
        exercise = library.exercises.get(exercise_id)
        if exercise is None:
            return False
        root = library.roots.get(("exercise", exercise_id))
        choice = SideChoice(
            affected=parse_side(sides[0], "affected"), weaker=parse_side(sides[1], "weaker")
        )
        self.page = exercise_page(exercise, root, choice=choice, side=side)
        self.view.motion = motion
        self._fit()
        self.show()
        self.raise_()
        self.movement = page_movement(exercise)
        self.view.show_page(self.page, self.movement)
        self.wall.setChecked(False)
        self.wall.setVisible(display)
        self.view.browser.setFocus()
        return True

    def close_page(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        self.wall.setChecked(False)  # the display goes back to the session
        self.closed.emit()

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False
