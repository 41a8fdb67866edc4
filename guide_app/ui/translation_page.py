"""The editors' Translations page: the item's English texts and their translations into
the language chosen, side by side.

Every English text of the item (``core.translation_rows``), in the order of its file,
read-only on the left; its translation on the right, to type into (Tab goes on to the
next). A text without one says "not translated yet", and a count says how many are
done. Typing is one step to undo, as in every field; it writes
``translations.<language>.<English>: <translation>`` into the draft, and emptying the
box removes that line. Translations whose English the item no longer has (the English
was changed, or is gone) are listed apart with the English they were for: correct one
and move it to the text it is for, or remove it. What ``validate`` says of a
translation shows under it and in the editor's list of problems.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guide_app.core import i18n, symbols
from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.content_language import TRANSLATIONS
from guide_app.core.i18n import tr
from guide_app.core.translation_rows import Row, Rows, place, rows
from guide_app.ui.editor_base import ChangesCommand, DraftEditor
from guide_app.ui.editor_fields import Field, scrolled, shown, with_problem
from guide_app.ui.exercise_cues import HolderField

ENGLISH_WIDTH = 46  # the English column's share of the page, in percent
MOST_LINES = 8  # a translation box grows with its words up to this, then scrolls


class _Box(QPlainTextEdit):
    """A text box as tall as its words wrapped at its width (up to ``MOST_LINES``)."""

    def __init__(self, fewest: int) -> None:
        super().__init__()
        self.fewest = fewest
        self.setTabChangesFocus(True)
        self.textChanged.connect(self.fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        margin = self.document().documentMargin()
        width = max(40, self.viewport().width() - int(2 * margin))
        metrics = self.fontMetrics()
        words = self.toPlainText() or "x"
        flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextExpandTabs
        high = metrics.boundingRect(QRect(0, 0, width, 100000), int(flags), words).height()
        lines = max(self.fewest, min(MOST_LINES, round(high / metrics.lineSpacing())))
        frame = 2 * self.frameWidth() + 2 * margin + 4
        height = int(lines * metrics.lineSpacing() + frame)
        if self.height() != height:
            self.setFixedHeight(height)
        policy = Qt.ScrollBarPolicy
        wanted = policy.ScrollBarAsNeeded if lines >= MOST_LINES else policy.ScrollBarAlwaysOff
        if self.verticalScrollBarPolicy() != wanted:
            self.setVerticalScrollBarPolicy(wanted)


class TranslationField(Field):
    """One translation: a box that wraps its words; emptying it removes its line."""

    def __init__(self, draft: Draft, loc: Loc, english: str) -> None:
        self.text = _Box(1 if len(english) < 60 else 2)  # room for the English's length
        self.text.setPlaceholderText(tr("not translated yet"))
        self.text.setAccessibleName(tr("Translation of: {text}", text=english))
        super().__init__(draft, loc, self.text)
        self.text.textChanged.connect(self._changed)
        self.load()
        self.text.fit()

    def value(self) -> Any:
        text = self.text.toPlainText().strip()
        return text if text else MISSING

    def show_value(self, value: Any) -> None:
        self.text.setPlainText(shown(value))


def _label(text: str, *, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    if muted:
        label.setObjectName("muted")
    return label


class TranslationPage(QWidget):
    """The Translations page of an editor; ``editor`` takes its edits and problems."""

    def __init__(self, editor: DraftEditor) -> None:
        super().__init__()
        self.editor = editor
        self.draft = editor.draft
        self.fields: list[TranslationField] = []  # the current texts', then the stale ones'
        self.marks: list[QLabel] = []
        self.removes: list[QPushButton] = []
        self.moves: list[QComboBox] = []
        self.rows: Rows = rows(self.draft.data, self.draft.kind, i18n.LANGUAGES[0])
        self._shape: object = None
        self._dirty = True

        self.choice = QComboBox()
        for code in i18n.LANGUAGES:
            self.choice.addItem(i18n.NAMES.get(code, code), code)
        wanted = self.choice.findData(i18n.content_language())
        self.choice.setCurrentIndex(max(0, wanted))
        self.choice.setAccessibleName(tr("Language of the translations"))
        caption = QLabel(tr("Lan&guage"))
        caption.setBuddy(self.choice)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setAccessibleName(tr("Translated so far"))
        self.holder = HolderField(self.draft, (TRANSLATIONS,), self.choice)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.choice)
        top.addSpacing(16)
        top.addWidget(self.count, 1)
        hint = _label(
            tr(
                "Each English text of the item and its translation. A text left "
                "untranslated is shown and spoken in English, marked as such."
            ),
            muted=True,
        )

        self.table = QWidget()
        self.grid = QGridLayout(self.table)
        self.grid.setColumnStretch(1, ENGLISH_WIDTH)
        self.grid.setColumnStretch(2, 100 - ENGLISH_WIDTH)
        self.stale_box = QGroupBox(tr("Translations of English the item no longer has"))
        self.stale_grid = QGridLayout(self.stale_box)
        self.stale_grid.setColumnStretch(0, ENGLISH_WIDTH)
        self.stale_grid.setColumnStretch(1, 100 - ENGLISH_WIDTH)
        inside = QWidget()
        column = QVBoxLayout(inside)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        column.addWidget(self.stale_box)
        column.addStretch(1)
        self.area: QScrollArea = scrolled(inside)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.holder.problem)
        layout.addWidget(hint)
        layout.addWidget(self.area, 1)

        editor.bind([self.holder])
        self.choice.currentIndexChanged.connect(lambda _i: self.refresh(rebuild=True))
        editor.undo_stack.indexChanged.connect(lambda _i: self.refresh())
        self.refresh(rebuild=True)

    # ------------------------------------------------------------------ reading

    @property
    def language(self) -> str:
        return str(self.choice.currentData())

    def choose_language(self, code: str) -> None:
        index = self.choice.findData(code)
        if index >= 0:
            self.choice.setCurrentIndex(index)

    def field_of(self, english: str) -> TranslationField | None:
        """The box of the translation of ``english`` (a stale one's too)."""
        self.build()
        every = [*self.rows.current, *self.rows.stale]
        for row, field in zip(every, self.fields, strict=True):
            if row.english == english:
                return field
        return None

    # ------------------------------------------------------------------ showing

    def refresh(self, *, rebuild: bool = False) -> None:
        """The draft changed (or the language): the count and marks again; the rows
        again when texts came or went (at once when the page is shown, else when it is)."""
        self.rows = rows(self.draft.data, self.draft.kind, self.language)
        shape = (
            self.language,
            [(r.english, r.key) for r in self.rows.current],
            [r.key for r in self.rows.stale],
        )
        if rebuild or shape != self._shape:
            self._shape = shape
            self._dirty = True
            if self.isVisible():
                self.build()
        self._show_count()

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)

    def build(self) -> None:
        """Lay the rows out again, when they changed since they were."""
        if not self._dirty:
            return
        self._dirty = False
        focused = next((f.loc for f in self.fields if f.widget.hasFocus()), None)
        self._clear()
        header = [tr("English"), i18n.NAMES.get(self.language, self.language)]
        for column, words in enumerate(header, 1):
            label = QLabel(words)
            label.setObjectName("muted")
            self.grid.addWidget(label, 0, column)
        for i, row in enumerate(self.rows.current, 1):
            self._add_row(i, row)
        for i, row in enumerate(self.rows.stale):
            self._add_stale(i, row)
        for grid in (self.grid, self.stale_grid):  # now, not when the events next run
            for i in range(grid.count()):
                item = grid.itemAt(i)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.show()
        self.stale_box.setVisible(bool(self.rows.stale))
        boxes = [f.widget for f in self.fields]
        for before, after in itertools.pairwise(boxes):
            QWidget.setTabOrder(before, after)
        self.editor.bind(self.fields)
        self._show_marks()
        checked = self.editor.checked
        for field in self.fields:
            if checked is not None:
                field.show_problems([p.message for p in checked.at(field.loc)])
            if field.loc == focused:
                field.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear(self) -> None:
        for field in self.fields:
            if field in self.editor.fields:
                self.editor.fields.remove(field)
        for grid in (self.grid, self.stale_grid):
            while grid.count():
                item = grid.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self.fields, self.marks, self.removes, self.moves = [], [], [], []

    def _add_row(self, i: int, row: Row) -> None:
        mark = QLabel()
        mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        field = TranslationField(self.draft, place(self.language, row.key), row.english)
        self.grid.addWidget(mark, i, 0)
        self.grid.addWidget(_label(row.english), i, 1, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(with_problem(field), i, 2)
        self.marks.append(mark)
        self.fields.append(field)

    def _add_stale(self, i: int, row: Row) -> None:
        field = TranslationField(self.draft, place(self.language, row.key), row.english)
        field.text.setAccessibleName(
            tr("Translation of English no longer in the item: {text}", text=row.english)
        )
        english = _label(tr("{mark} {text}", mark=symbols.WARNING, text=row.english))
        english.setToolTip(tr("The item has this English no longer: it was changed or removed."))
        move = QComboBox()
        move.setAccessibleName(tr("Move the translation to"))
        move.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        move.setMinimumContentsLength(18)
        move.activated.connect(lambda index, key=row.key: self._move(key, move, index))
        remove = QPushButton(tr("Remove"))
        remove.setAccessibleName(tr("Remove the translation of: {text}", text=row.english))
        remove.clicked.connect(lambda _c=False, key=row.key: self.remove(key))
        buttons = QWidget()
        line = QHBoxLayout(buttons)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(move, 1)
        line.addWidget(remove)
        self.stale_grid.addWidget(english, 2 * i, 0, Qt.AlignmentFlag.AlignTop)
        self.stale_grid.addWidget(with_problem(field), 2 * i, 1)
        self.stale_grid.addWidget(buttons, 2 * i + 1, 1)
        self.fields.append(field)
        self.moves.append(move)
        self.removes.append(remove)

    def _show_count(self) -> None:
        self.count.setText(self.rows.count())
        if not self._dirty:
            self._show_marks()

    def _show_marks(self) -> None:
        for mark, row in zip(self.marks, self.rows.current, strict=False):
            mark.setText(symbols.DONE if row.translated else symbols.CIRCLE)
            mark.setToolTip(tr("translated") if row.translated else tr("not translated yet"))
        choices = [tr("Move to the text it is for…"), *self.rows.untranslated()]
        for move in self.moves:
            if [move.itemText(i) for i in range(move.count())] != choices:
                move.clear()
                move.addItems(choices)

    # ------------------------------------------------------------------ stale ones

    def remove(self, key: str) -> None:
        """Remove the translation of ``key`` (one step to undo)."""
        self.editor.replace(place(self.language, key), MISSING, tr("Remove a translation"))

    def move_to(self, key: str, english: str) -> None:
        """Give the translation of ``key`` to the text ``english`` instead (one step to
        undo); its words stay as they are, to be corrected."""
        here, there = place(self.language, key), place(self.language, english)
        value = self.draft.get(here, MISSING)
        if value is MISSING or here == there:
            return
        changes = [self.draft.change(here, MISSING), self.draft.change(there, value)]
        command = ChangesCommand(self.editor, changes, tr("Move a translation"), typing=False)
        self.editor.undo_stack.push(command)
        field = self.field_of(english)
        if field is not None:
            field.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _move(self, key: str, move: QComboBox, index: int) -> None:
        if index > 0:
            self.move_to(key, move.itemText(index))

    # ------------------------------------------------------------------ problems

    def reveal(self, loc: Loc) -> None:
        """Show the language and the row a problem at ``loc`` concerns."""
        if len(loc) >= 2 and isinstance(loc[1], str) and loc[1] in i18n.LANGUAGES:
            self.choose_language(loc[1])
        self.build()
        field = self.editor.field_for(loc)
        if field is not None and field in self.fields:
            self.area.ensureWidgetVisible(field.widget, 20, 40)
