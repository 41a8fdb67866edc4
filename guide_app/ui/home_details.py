"""Home's right-hand panel: a session's or programme's outline, or an exercise's page.

The outline names each exercise as a link to its page (``outline.PAGE_LINK``): clicking
it, or Enter on it, asks for the page over the window (``page_requested``). A single
exercise chosen shows its whole page here, in one column under its pictures.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QStackedWidget, QTextBrowser, QWidget

from guide_app.core.choice import SessionChoice
from guide_app.core.exercise_page import exercise_page, page_movement
from guide_app.core.loader import Library
from guide_app.core.plan_sides import SideChoice, parse_side
from guide_app.ui.exercise_page import LINK_STYLE, ExercisePageView
from guide_app.ui.outline import PAGE_LINK, minutes_words


class HomeDetails(QStackedWidget):
    """The outline (``outline``, a text browser) or the page (``page``) of Home's choice."""

    page_requested = Signal(str)  # an exercise id: its page, over the window

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outline = QTextBrowser()
        self.outline.setOpenLinks(False)
        self.outline.document().setDefaultStyleSheet(LINK_STYLE)
        self.outline.anchorClicked.connect(self._link)
        self.page = ExercisePageView(titled=False, largest_px=16)
        self.addWidget(self.outline)
        self.addWidget(self.page)

    def show_outline(self, html: str) -> None:
        self.outline.setHtml(html)
        self.setCurrentWidget(self.outline)

    def show_exercise(self, library: Library, exercise_id: str, choice: SessionChoice) -> None:
        """The exercise's whole page, its dosage for the sides chosen, and how long."""
        exercise = library.exercises[exercise_id]
        sides = SideChoice(
            affected=parse_side(choice.affected, "affected"),
            weaker=parse_side(choice.weaker, "weaker"),
        )
        page = exercise_page(exercise, library.roots.get(("exercise", exercise_id)), choice=sides)
        about = minutes_words(library, choice.session, choice.affected, choice.weaker)
        self.page.show_page(page, page_movement(exercise), about=about)
        self.setCurrentWidget(self.page)

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(PAGE_LINK):
            self.page_requested.emit(text.removeprefix(PAGE_LINK))
