"""Draws an exercise's whole page (``core.exercise_page``): its pictures, the figure
moving through one rep when it can, and its words in one scrolling text.

Wide (over the window, 1000 px and up) the pictures stand on the left and the words run
in two columns: what it is and how to do it, then when to stop, the tips, the questions
and how to make it easier or harder. Narrower (Home's panel) the words make one column,
when to stop first, beside the pictures or, narrower still, under a row of them. The
text takes the largest size at which the whole page fits, down to a readable floor;
past that it scrolls (by the arrow and page keys once it has focus).
Content is shown as written: every text is escaped.
"""

from __future__ import annotations

import re
import time
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from guide_app.core import symbols
from guide_app.core.exercise_page import ExercisePage
from guide_app.core.i18n import tr
from guide_app.core.motion import Movement
from guide_app.ui import theme
from guide_app.ui.picture import PictureView

WIDE = 1000  # from this width the words run in two columns beside the pictures
BESIDE = 560  # from this width the pictures stand beside the words, not above them
FRAME_MS = 33  # the moving figure's frames
SMALLEST_PX = 13  # the text never shrinks below this to fit
MAX_PICTURES = 3  # stills shown when the figure does not move

LINK_STYLE = f"a {{ color: {theme.TEXT}; text-decoration: underline; }}"


def _list(items: tuple[str, ...], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    rows = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"<{tag} style='margin-top:2px'>{rows}</{tag}>"


def _section(title: str, body: str) -> str:
    return f"<h3 style='color:{theme.ACCENT}; margin-bottom:2px'>{escape(title)}</h3>{body}"


def stop_html(signs: tuple[str, ...]) -> str:
    """When to stop, framed and marked as safety information (never by colour alone:
    the warning sign, the words and the frame say it)."""
    if not signs:
        return ""
    heading = escape(f"{symbols.WARNING} {tr('Stop if:')}")
    return (
        f"<table width='100%' cellpadding='8' border='2' cellspacing='0' "
        f"style='border-color:{theme.ACCENT}; border-style:solid; "
        f"background-color:{theme.WARNING_BG}; margin-top:8px; margin-bottom:4px'>"
        f"<tr><td><b>{heading}</b>{_list(signs)}</td></tr></table>"
    )


def _weight(parts: list[str]) -> int:
    """About how tall ``parts`` stand: their letters, and a line's worth for each
    paragraph, item, row and heading."""
    html = "".join(parts)
    blocks = sum(html.count(tag) for tag in ("<li", "<p", "<tr", "<h3", "<br"))
    return len(re.sub(r"<[^>]+>", "", html)) + 45 * blocks


def page_html(page: ExercisePage, *, columns: int = 2, about: str = "") -> str:
    """The page's words as HTML: two columns side by side, or one."""
    first = []
    if page.summary:
        first.append(f"<p>{escape(page.summary)}</p>")
    dose = page.dose or page.problem or ""
    if dose:
        label = escape(tr("Usual dosage:"))
        more = "".join(f"<br>{escape(d)}" for d in page.dose_details)
        first.append(f"<p><b>{label}</b> {escape(dose)}{more}</p>")
    if about:
        first.append(f"<p>{escape(about)}</p>")
    facts = "".join(
        f"<tr><td style='padding-right:10px'><b>{escape(f.label)}</b></td>"
        f"<td>{escape(f.text)}</td></tr>"
        for f in page.facts
    )
    if facts:
        first.append(f"<table cellspacing='0' cellpadding='1'>{facts}</table>")
    steps = _section(tr("How to do it"), _list(page.steps, ordered=True)) if page.steps else ""
    second = [stop_html(page.stop_signs)]
    if page.tips:
        second.append(_section(tr("Tips"), _list(page.tips)))
    if page.questions:
        rows = "".join(
            f"<p style='margin-top:4px'><b>{escape(q.q)}</b><br>{escape(q.a)}</p>"
            for q in page.questions
        )
        second.append(_section(tr("Questions"), rows))
    if page.easier:
        second.append(_section(tr("Easier"), _list(page.easier)))
    if page.harder:
        second.append(_section(tr("Harder"), _list(page.harder)))
    small = [
        t
        for t in (page.pictures_show, page.source and tr("Source: {source}", source=page.source))
        if t
    ]
    if small:
        lines = "<br>".join(escape(t) for t in small)
        second.append(f"<p style='color:{theme.MUTED_TEXT}'>{lines}</p>")
    if columns < 2:  # one column: when to stop comes before the steps
        return "".join(first) + second[0] + steps + "".join(second[1:])
    left, right = [*first, steps], second
    while len(right) > 2 and _weight(right) - _weight(right[-1:]) > _weight(left):
        left.append(right.pop())  # the columns as even as whole sections make them
    moved = len(first) + 1
    left = left[:moved] + left[moved:][::-1]  # what moved keeps its order
    cell = "valign='top' width='50%'"
    return (
        "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td {cell} style='padding-right:18px'>{''.join(left)}</td>"
        f"<td {cell}>{''.join(right)}</td></tr></table>"
    )


class ExercisePageView(QWidget):
    """One exercise's page. ``titled``: with its name as a heading (Home shows the
    name above it already). ``largest_px``: the text size it starts fitting from."""

    def __init__(
        self, parent: QWidget | None = None, *, titled: bool = True, largest_px: int = 24
    ) -> None:
        super().__init__(parent)
        self.page: ExercisePage | None = None
        self.motion = True  # the figure moves through one rep, on a loop
        self.largest_px = largest_px
        self.text_px = largest_px
        self._about = ""
        self._movement: Movement | None = None
        self._since = time.monotonic()
        self._columns = (0, False)  # text columns, pictures beside the words
        self._fitted_to = (0, 0)  # the browser's room the text was last fitted to
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setVisible(titled)
        self._titled = titled
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.document().setDefaultStyleSheet(LINK_STYLE)
        self.browser.setAccessibleName(tr("exercise page"))
        self.pictures: list[PictureView] = []
        self.captions: list[QLabel] = []
        self.picture_box = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.picture_box.setContentsMargins(0, 0, 0, 0)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addLayout(self.picture_box, 3)
        self.body.addWidget(self.browser, 7)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.body, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._frame)
        self.browser.viewport().installEventFilter(self)

    # ------------------------------------------------------------------ showing

    def show_page(
        self,
        page: ExercisePage,
        movement: Movement | None = None,
        *,
        about: str = "",
    ) -> None:
        """Show ``page``; ``movement``: the figure's loop (None: the pictures still);
        ``about``: one more line under the dosage (Home's "About 4 min")."""
        self.page, self._movement, self._about = page, movement, about
        self.title.setText(page.name)
        self._since = time.monotonic()
        self._build_pictures()
        self._lay_out(force=True)

    @property
    def moving(self) -> bool:
        """Whether the figure is shown moving (a drawn picture, motion on)."""
        return (
            bool(self.pictures)
            and self.pictures[0].moving_figure is not None
            and (self._movement is not None)
        )

    def plain_text(self) -> str:
        """Every word on the page, as read (tests, and what a screen reader gets)."""
        captions = " ".join(c.text() for c in self.captions if c.text())
        return f"{self.title.text()}\n{self.browser.toPlainText()}\n{captions}"

    def _build_pictures(self) -> None:
        while self.picture_box.count():
            item = self.picture_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.pictures, self.captions = [], []
        page = self.page
        if page is None or not page.pictures:
            self._timer.stop()
            return
        side = page.side.value if page.side is not None else None
        first = PictureView()
        first.motion = self.motion
        first.show_picture(page.pictures[0].path, mirrored=page.mirrored, side=side)
        shown = [(first, page.pictures[0].caption)]
        if first.moving_figure is not None and self._movement is not None:
            shown = [(first, tr("One rep, again and again"))]
            first.show_figure(self._movement.at(0.0))
        else:
            first.show_figure(None)
            for picture in page.pictures[1:MAX_PICTURES]:
                view = PictureView()
                view.motion = False
                view.show_picture(picture.path, mirrored=page.mirrored, side=side)
                shown.append((view, picture.caption))
        for view, caption in shown:
            view.setAccessibleName(caption)
            label = QLabel(caption)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setObjectName("muted")
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            holder = QWidget()
            holder.setLayout(box)
            box.addWidget(view, 1)
            box.addWidget(label)
            self.picture_box.addWidget(holder, 1)
            self.pictures.append(view)
            self.captions.append(label)
        self._run_timer()

    def _run_timer(self) -> None:
        if self.moving and self.isVisible():
            self._timer.start()
        else:
            self._timer.stop()

    def _frame(self) -> None:
        if not self.moving or self._movement is None:
            self._timer.stop()
            return
        self.pictures[0].show_figure(self._movement.at(time.monotonic() - self._since))

    # ------------------------------------------------------------------ fitting

    def _lay_out(self, *, force: bool = False) -> None:
        """Pictures beside two columns when wide, above one when narrow; then the
        largest text that fits."""
        page = self.page
        if page is None:
            return
        beside = self.width() >= BESIDE
        columns = 2 if self.width() >= WIDE else 1
        if (columns, beside) != self._columns or force:
            self._columns = (columns, beside)
            if beside:
                self.body.setDirection(QBoxLayout.Direction.LeftToRight)
                self.picture_box.setDirection(QBoxLayout.Direction.TopToBottom)
                self.body.setStretch(0, 3)
                self.body.setStretch(1, 7)
                for view in self.pictures:
                    view.setMinimumHeight(120)
                    view.setMaximumHeight(16777215)
            else:
                self.body.setDirection(QBoxLayout.Direction.TopToBottom)
                self.picture_box.setDirection(QBoxLayout.Direction.LeftToRight)
                self.body.setStretch(0, 0)
                self.body.setStretch(1, 1)
                for view in self.pictures:
                    view.setFixedHeight(max(120, min(200, self.height() // 3)))
            self.browser.setHtml(page_html(page, columns=columns, about=self._about))
        self._fit_text()

    def _relay_out(self) -> None:
        room = self.browser.viewport().size()
        if (room.width(), room.height()) != self._fitted_to:
            self._lay_out()

    def _fit_text(self) -> None:
        """The largest text size (``largest_px`` down to ``SMALLEST_PX``) at which the
        whole page fits the browser without scrolling."""
        document = self.browser.document()
        room = self.browser.viewport().size()
        if room.width() < 50 or room.height() < 50:
            return
        low, high = SMALLEST_PX, max(SMALLEST_PX, self.largest_px)
        fits = low
        while low <= high:
            middle = (low + high) // 2
            self._set_px(middle)
            document.setTextWidth(room.width())
            if document.size().height() <= room.height():
                fits, low = middle, middle + 1
            else:
                high = middle - 1
        self._set_px(fits)
        self.text_px = fits
        document.setTextWidth(room.width())
        # no scroll bar when it all fits; one when it does not (and it stays: narrower,
        # the page fits no better), so a resize never flips it back and forth
        fitted = document.size().height() <= room.height()
        self.browser.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            if fitted
            else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        room = self.browser.viewport().size()
        self._fitted_to = (room.width(), room.height())
        title = QFont(self.title.font())
        title.setPixelSize(round(fits * 1.6))
        title.setBold(True)
        self.title.setFont(title)

    def _set_px(self, px: int) -> None:
        font = QFont(self.browser.font())
        font.setPixelSize(px)
        self.browser.document().setDefaultFont(font)

    @property
    def fits(self) -> bool:
        """Whether the whole page is in view, nothing left to scroll to."""
        bar = self.browser.verticalScrollBar()
        return bar.maximum() == 0

    # ------------------------------------------------------------------ events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._relay_out)
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._lay_out()
        self._run_timer()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()


__all__ = ["ExercisePageView", "page_html", "stop_html"]
