"""The session editor: a session's details, its blocks in order, the chosen block's
form, and the plan beside them, updated as you type.

On the left the blocks: add an exercise (from the library, by search), a note, a
circuit, intervals or a measurement after the chosen one; remove it; move it up or
down (the buttons, Alt+Up and Alt+Down, or dragging). Each of those is one step to
undo. In the middle, the session's details (id, title, summary, notes, equipment,
pain limits, source), the chosen block's form, or the session's translations. On the
right, the plan: total time, steps, and what is said, for the affected and weaker side
chosen there.

A new session's id follows its title until the person types an id of their own; a
saved session's id stays (other files name it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_check import Checked
from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.content_language import TRANSLATIONS
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.core.model import Session
from guide_app.ui.editor_base import DraftEditor
from guide_app.ui.editor_fields import TextField, scrolled
from guide_app.ui.exercise_picker import ExercisePicker
from guide_app.ui.session_editor_blocks import (
    BlockList,
    block_kind,
    block_words,
    exercise_name,
    moved,
    new_block,
)
from guide_app.ui.session_editor_details import SessionDetails
from guide_app.ui.session_editor_forms import (
    NOWHERE,
    ExerciseBlockForm,
    GroupForm,
    MeasureForm,
    NoteForm,
)
from guide_app.ui.session_editor_preview import PlanPane
from guide_app.ui.thumbnails import ThumbnailCache
from guide_app.ui.translation_page import TranslationPage


class SessionEditor(DraftEditor):
    """Edits a draft of kind "session"."""

    def __init__(
        self,
        draft: Draft,
        library: Library,
        parent: QWidget | None = None,
        *,
        thumbnails: ThumbnailCache | None = None,
    ) -> None:
        """``thumbnails``: the cache the picker takes exercise thumbnails from (Home's);
        None: the picker keeps its own."""
        super().__init__(draft, library, parent)
        self._id_follows = self.id_follows_title()

        self.details = SessionDetails(draft)
        self.id_field = self.details.id_field
        self.title_field = self.details.title_field
        self.summary_field = self.details.summary_field
        self.notes_field = self.details.notes_field
        self.equipment_field = self.details.equipment_field

        # the blocks
        self.blocks = BlockList(tr("Blocks"))
        self.blocks.currentRowChanged.connect(lambda row: self._show_block(row, to_form=True))
        self.blocks.itemClicked.connect(
            lambda item: self._show_block(self.blocks.row(item), to_form=True)
        )
        self.blocks.itemActivated.connect(lambda item: self.edit_block(self.blocks.row(item)))
        self.blocks.move_requested.connect(self.move_chosen)
        self.blocks.reordered.connect(self._reordered)
        self.add_exercise_button = QPushButton(tr("Add e&xercise…"))
        self.add_exercise_button.setObjectName("primary")
        self.add_note_button = QPushButton(tr("Add note"))
        self.add_circuit_button = QPushButton(tr("Add circuit"))
        self.add_intervals_button = QPushButton(tr("Add intervals"))
        self.add_measure_button = QPushButton(tr("Add measurement"))
        self.remove_button = QPushButton(tr("Remove"))
        self.up_button = QPushButton(tr("Up"))
        self.up_button.setToolTip(tr("Move the chosen block up (Alt+Up)"))
        self.down_button = QPushButton(tr("Down"))
        self.down_button.setToolTip(tr("Move the chosen block down (Alt+Down)"))
        self.add_exercise_button.clicked.connect(self.add_exercise)
        self.add_note_button.clicked.connect(lambda: self.add_block("note"))
        self.add_circuit_button.clicked.connect(lambda: self.add_block("circuit"))
        self.add_intervals_button.clicked.connect(lambda: self.add_block("intervals"))
        self.add_measure_button.clicked.connect(lambda: self.add_block("measure"))
        self.remove_button.clicked.connect(self.remove_chosen)
        self.up_button.clicked.connect(lambda: self.move_chosen(-1))
        self.down_button.clicked.connect(lambda: self.move_chosen(1))
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(tr("&Blocks, in order"))
        caption.setBuddy(self.blocks)
        left_column.addWidget(caption)
        left_column.addWidget(self.blocks, 1)
        grid = QGridLayout()
        grid.addWidget(self.add_exercise_button, 0, 0, 1, 2)
        grid.addWidget(self.add_note_button, 1, 0)
        grid.addWidget(self.add_measure_button, 1, 1)
        grid.addWidget(self.add_circuit_button, 2, 0)
        grid.addWidget(self.add_intervals_button, 2, 1)
        moves = QGridLayout()
        moves.addWidget(self.up_button, 0, 0)
        moves.addWidget(self.down_button, 0, 1)
        moves.addWidget(self.remove_button, 0, 2)
        left_column.addLayout(grid)
        left_column.addLayout(moves)

        # the chosen block's form
        self.exercise_form = ExerciseBlockForm(self)
        self.note_form = NoteForm(self)
        self.circuit_form = GroupForm(self, "circuit")
        self.intervals_form = GroupForm(self, "intervals")
        self.measure_form = MeasureForm(self)
        self.forms: dict[str, Any] = {
            "exercise": self.exercise_form,
            "note": self.note_form,
            "circuit": self.circuit_form,
            "intervals": self.intervals_form,
            "measure": self.measure_form,
        }
        self.nothing_chosen = QLabel(tr("Choose a block on the left, or add one."))
        self.nothing_chosen.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.block_pages = QStackedWidget()
        self.block_pages.addWidget(self.nothing_chosen)
        self._pages: dict[str, QWidget] = {}
        for kind, block_form in self.forms.items():
            page = scrolled(block_form, sideways=True)
            self._pages[kind] = page
            self.block_pages.addWidget(page)
        self.tabs = QTabWidget()
        self.tabs.addTab(scrolled(self.details, sideways=True), tr("Session details"))
        self.tabs.addTab(self.block_pages, tr("Chosen block"))
        self.translations = TranslationPage(self)
        self.tabs.addTab(self.translations, tr("Translations"))
        self.picker = ExercisePicker(library, thumbnails=thumbnails)
        self.middle = QStackedWidget()
        self.middle.addWidget(self.tabs)
        self.middle.addWidget(self.picker)
        self.plan = PlanPane(library)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(250)
        self.plan.setMinimumWidth(260)
        for widget, stretch in ((left, 0), (self.middle, 1), (self.plan, 0)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setSizes([300, 640, 380])
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(splitter)

        self.bind(
            [
                *self.details.fields,
                *self.exercise_form.fields,
                *self.note_form.fields,
                *self.circuit_form.fields,
                *self.intervals_form.fields,
                *self.measure_form.fields,
            ]
        )
        self._pick: tuple[str, Loc, int] = ("blocks", ("blocks",), 0)
        self.picker.chosen.connect(self._picked)
        self.picker.cancelled.connect(self.close_picker)
        self.exercise_form.choose_requested.connect(self._choose_other)
        for group in (self.circuit_form, self.intervals_form):
            group.add_requested.connect(self._add_to_group)
            group.inner.choose_requested.connect(self._choose_other)
        self.checked_changed.connect(self._checked)
        self.saved.connect(lambda _draft: self._show_id())
        self._refresh_blocks()
        if self.blocks.count():
            self.choose_block(0)
        self.tabs.setCurrentIndex(0)
        self._show_id()

    # ------------------------------------------------------------------ details

    def _show_id(self) -> None:
        """The id can be typed while the session is new; after that it stays."""
        line = self.id_field.widget
        assert isinstance(self.id_field, TextField)
        self.id_field.line.setReadOnly(not self.draft.is_new)
        line.setToolTip(
            ""
            if self.draft.is_new
            else tr("A saved session keeps its id: programmes and the history name it.")
        )
        title = self.draft.get(("title",))
        self.id_field.line.setPlaceholderText(
            self.suggested_id(title) or tr("from the title")
            if isinstance(title, str)
            else tr("from the title")
        )

    def edit(self, loc: Loc, value: Any, text: str | None = None, *, typing: bool = True) -> None:
        """An edit of a field; a new session's title takes its id along. A field of a
        form not shown (pointed at no block) edits nothing."""
        if not self._reachable(loc):
            return
        if loc == ("id",):
            self._id_follows = value is MISSING or value == ""
        elif loc == ("title",) and self._id_follows and self.draft.is_new:
            self.edit_title(value, text or tr("Change the title"))
            return
        super().edit(loc, value, text, typing=typing)

    def _reachable(self, loc: Loc) -> bool:
        """Every step to ``loc`` is a mapping's key or an index of a list there."""
        node: Any = self.draft.data
        for step in loc[:-1]:
            if isinstance(node, list):
                if not isinstance(step, int) or not 0 <= step < len(node):
                    return False
                node = node[step]
            elif isinstance(node, dict):
                node = node.get(step, {})
            else:
                return False
        return not isinstance(node, list) or (isinstance(loc[-1], int) and loc[-1] <= len(node))

    def save(self) -> bool:
        wanted = self.suggested_id(self.draft.get(("title",)))
        if self.draft.is_new and not self.draft.id and wanted is not MISSING:
            self.replace(("id",), wanted, tr("Give the session an id"))
        return super().save()

    # ------------------------------------------------------------------ blocks

    def block_items(self) -> list[Any]:
        value = self.draft.get(("blocks",))
        return list(value) if isinstance(value, list) else []

    def chosen_row(self) -> int:
        return self.blocks.currentRow()

    def choose_block(self, row: int) -> None:
        """Choose block ``row`` and show its form."""
        if not 0 <= row < self.blocks.count():
            row = -1
        if self.blocks.currentRow() != row:
            self.blocks.setCurrentRow(row)  # shows it
        else:
            self._show_block(row, to_form=True)

    def edit_block(self, row: int) -> None:
        """Enter on a block: its form, the keys in its first field."""
        self.choose_block(row)
        kind = self._kind(row)
        first = {
            "exercise": self.exercise_form.dosage.sets,
            "note": self.note_form.text,
            "circuit": self.circuit_form.title,
            "intervals": self.intervals_form.title,
            "measure": self.measure_form.name,
        }.get(kind or "")
        if first is not None:
            first.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _kind(self, row: int) -> str | None:
        blocks = self.block_items()
        return block_kind(blocks[row]) if 0 <= row < len(blocks) else None

    def _refresh_blocks(self) -> None:
        blocks = self.block_items()
        exercises = self.library.exercises
        checked = self.checked
        marks = [bool(checked and checked.at(("blocks", i))) for i in range(len(blocks))]
        self.blocks.show_items([block_words(exercises, b) for b in blocks], marks)
        has = 0 <= self.blocks.currentRow() < len(blocks)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(has)

    def _show_block(self, row: int, *, to_form: bool = False) -> None:
        """Point the form of the block's kind at it (the others at nothing)."""
        blocks = self.block_items()
        kind = self._kind(row)
        for other, block_form in self.forms.items():
            if other != kind and block_form.base != NOWHERE:
                block_form.rebase(NOWHERE)
        if kind is None:
            self.block_pages.setCurrentWidget(self.nothing_chosen)
            self.tabs.setTabText(1, tr("Chosen block"))
        else:
            block_form = self.forms[kind]
            loc: Loc = ("blocks", row)
            if block_form.base != loc:
                block_form.rebase(loc)
            if hasattr(block_form, "refresh"):
                block_form.refresh(self.checked)
            self.block_pages.setCurrentWidget(self._pages[kind])
            self.tabs.setTabText(1, tr("Block {n}", n=row + 1))
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(kind is not None or 0 <= row < len(blocks))
        if to_form and 0 <= row < len(blocks):
            self.tabs.setCurrentIndex(1)

    def draft_changed(self, loc: Loc) -> None:
        self._refresh_blocks()
        self._show_block(self.blocks.currentRow())
        super().draft_changed(loc)
        self._show_id()

    def _set_blocks(self, blocks: list[Any], text: str, chosen: int) -> None:
        """The blocks in a new order or number: one step to undo."""
        self.replace(("blocks",), blocks if blocks else MISSING, text)
        self.choose_block(min(chosen, len(blocks) - 1))

    def add_block(self, kind: str) -> None:
        """Add a note, circuit, intervals or measurement after the chosen block."""
        blocks = self.block_items()
        at = self.blocks.currentRow() + 1 if self.blocks.currentRow() >= 0 else len(blocks)
        blocks.insert(at, new_block(kind))
        words = {
            "note": tr("Add a note"),
            "circuit": tr("Add a circuit"),
            "intervals": tr("Add intervals"),
            "measure": tr("Add a measurement"),
        }
        self._set_blocks(blocks, words[kind], at)
        first = {
            "note": self.note_form.text,
            "circuit": self.circuit_form.rounds,
            "intervals": self.intervals_form.work,
            "measure": self.measure_form.name,
        }[kind]
        first.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_chosen(self) -> None:
        row = self.blocks.currentRow()
        blocks = self.block_items()
        if not 0 <= row < len(blocks):
            return
        words = block_words(self.library.exercises, blocks[row])
        del blocks[row]
        self._set_blocks(blocks, tr("Remove {block}", block=words), row)
        self.blocks.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_chosen(self, step: int) -> None:
        """Move the chosen block (or the chosen exercise of a circuit, when its list
        has the keys) ``step`` places: Alt+Up is -1, Alt+Down is 1."""
        focus = QApplication.focusWidget()
        for group in (self.circuit_form, self.intervals_form):
            if focus is group.list and group.isVisible():
                group.move_chosen(step)
                return
        row = self.blocks.currentRow()
        new = moved(self.block_items(), row, step)
        if new is None:
            return
        self._set_blocks(new, tr("Move a block"), row + step)

    def _reordered(self, order: list[int]) -> None:
        blocks = self.block_items()
        if sorted(order) != list(range(len(blocks))):
            return
        chosen = self.blocks.currentRow()
        self._set_blocks([blocks[i] for i in order], tr("Move a block"), max(chosen, 0))

    # ------------------------------------------------------------------ choosing exercises

    def add_exercise(self) -> None:
        """Open the picker; the exercise chosen goes after the chosen block."""
        blocks = self.block_items()
        row = self.blocks.currentRow()
        self._pick = ("blocks", ("blocks",), row + 1 if row >= 0 else len(blocks))
        self.open_picker(tr("Add an exercise to the session"))

    def _add_to_group(self, list_loc: Loc, index: int) -> None:
        self._pick = ("group", list_loc, index)
        self.open_picker(tr("Add an exercise to the circuit"))

    def _choose_other(self, loc: Loc) -> None:
        self._pick = ("replace", loc, 0)
        self.open_picker(tr("Choose the exercise"))

    def open_picker(self, heading: str) -> None:
        self.middle.setCurrentWidget(self.picker)
        self.picker.open_for(heading)

    def close_picker(self) -> None:
        if self.middle.currentWidget() is self.picker:
            self.middle.setCurrentWidget(self.tabs)
            self.blocks.setFocus(Qt.FocusReason.OtherFocusReason)

    def _picked(self, exercise_id: str) -> None:
        how, loc, index = self._pick
        self.middle.setCurrentWidget(self.tabs)
        name = exercise_name(self.library.exercises, exercise_id)
        if how == "blocks":
            blocks = self.block_items()
            index = max(0, min(index, len(blocks)))
            blocks.insert(index, {"exercise": exercise_id})
            self._set_blocks(blocks, tr("Add {name}", name=name), index)
            self.exercise_form.dosage.sets.widget.setFocus(Qt.FocusReason.OtherFocusReason)
        elif how == "group":
            group = self.circuit_form if loc[2] == "circuit" else self.intervals_form
            group.insert(index, exercise_id, self.library.exercises)
            group.inner.dosage.sets.widget.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.edit(loc, exercise_id, tr("Choose {name}", name=name), typing=False)

    # ------------------------------------------------------------------ problems and the plan

    def reveal(self, loc: Loc) -> None:
        """Show the block a problem is in (and the circuit's exercise), or the details."""
        self.close_picker()
        if len(loc) >= 2 and loc[0] == "blocks" and isinstance(loc[1], int):
            self.choose_block(loc[1])
            if len(loc) >= 5 and loc[2] in self.forms and isinstance(loc[4], int):
                group = self.forms[str(loc[2])]
                if isinstance(group, GroupForm):
                    group.choose(loc[4])
        elif loc and loc[0] == TRANSLATIONS:
            self.tabs.setCurrentWidget(self.translations)
            self.translations.reveal(loc)
        else:
            self.tabs.setCurrentIndex(0)

    def _checked(self, checked: Checked) -> None:
        self._refresh_blocks()
        kind = self._kind(self.blocks.currentRow())
        if kind is not None and hasattr(self.forms[kind], "refresh"):
            self.forms[kind].refresh(checked)
        if isinstance(checked.content, Session):
            self.plan.show_session(checked.content)
        elif not self.block_items():
            self.plan.show_missing(tr("The plan shows once the session has a block."))
        else:
            self.plan.show_missing(
                tr("The plan shows when the session reads: fix the problems listed below.")
            )
