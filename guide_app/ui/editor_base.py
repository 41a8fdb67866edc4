"""What every editor shares: the draft, undo and redo, checking as you type, saving.

Each edit a field reports becomes a ``ChangeCommand`` on a ``QUndoStack`` (typing in
one field is one step to undo, not a step a letter). A moment after the last edit the
draft is checked as ``validate`` checks a file (``core.content_check``); each problem
shows under the field it concerns and in the list at the foot, and choosing it there
goes to its field. Save writes the file (``Draft.save``) only when nothing is wrong;
a file changed on disk meanwhile is not overwritten without asking.

Several changes made as one (``ChangesCommand``) are one step too: typing a new item's
title (an exercise's name) while its id follows it (``edit_title``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_check import Checked, check
from guide_app.core.content_draft import MISSING, Change, Draft, Loc, free_id
from guide_app.core.content_errors import suggest_id
from guide_app.core.content_save import ContentChangedError, ContentFileError
from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library, Problem
from guide_app.ui import theme
from guide_app.ui.editor_fields import PROBLEM_STYLE, Field

CHECK_AFTER_MS = 150  # check this long after the last edit, not at every key
_TYPING = 0x5E55
_TYPING_SEVERAL = 0x5E56


class ChangeCommand(QUndoCommand):
    """One change of the draft, undoable; typing in one field merges into one."""

    def __init__(self, editor: DraftEditor, change: Change, text: str, typing: bool) -> None:
        super().__init__(text)
        self.editor = editor
        self.change = change
        self.typing = typing

    def id(self) -> int:
        return _TYPING if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeCommand) or not other.typing:
            return False
        if other.change.loc != self.change.loc:
            return False
        self.change = Change(self.change.loc, self.change.before, other.change.after)
        return True

    def redo(self) -> None:
        self.editor.apply_change(self.change, undo=False)

    def undo(self) -> None:
        self.editor.apply_change(self.change, undo=True)


class ChangesCommand(QUndoCommand):
    """Several changes of the draft as one undoable step; typing that changes the same
    places again merges into it (the title typed and the id following it)."""

    def __init__(
        self, editor: DraftEditor, changes: list[Change], text: str, typing: bool = True
    ) -> None:
        super().__init__(text)
        self.editor = editor
        self.changes = changes
        self.typing = typing

    def id(self) -> int:
        return _TYPING_SEVERAL if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangesCommand) or not other.typing:
            return False
        if [c.loc for c in other.changes] != [c.loc for c in self.changes]:
            return False
        self.changes = [
            Change(mine.loc, mine.before, theirs.after)
            for mine, theirs in zip(self.changes, other.changes, strict=True)
        ]
        return True

    def redo(self) -> None:
        for change in self.changes:
            self.editor.apply_change(change, undo=False)

    def undo(self) -> None:
        for change in reversed(self.changes):
            self.editor.apply_change(change, undo=True)


class DraftEditor(QWidget):
    """An editor's frame: a heading, the body a subclass fills, problems, the buttons."""

    saved = Signal(object)  # the Draft, just written
    closed = Signal()
    checked_changed = Signal(object)  # Checked

    def __init__(self, draft: Draft, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.library = library
        self.fields: list[Field] = []
        self.checked: Checked | None = None
        self.undo_stack = QUndoStack(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_AFTER_MS)
        self._timer.timeout.connect(self.check_now)

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.body = QWidget()
        self.problems = QListWidget()
        self.problems.setAccessibleName(tr("Problems"))
        self.problems.setMaximumHeight(96)
        self.problems.setStyleSheet(PROBLEM_STYLE)
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemClicked.connect(self._go_to_problem)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.undo_button = QPushButton(tr("Undo"))
        self.redo_button = QPushButton(tr("Redo"))
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setObjectName("primary")
        self.close_button = QPushButton(tr("Close"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close_editor)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.undo_button, self.redo_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        self.setStyleSheet(theme.EDITOR_STYLE)  # added to the window's sheet
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.where)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self._show_heading()
        self._timer.start()

    # ------------------------------------------------------------------ fields and edits

    def bind(self, fields: Iterable[Field]) -> None:
        """Fields whose edits become undoable changes and that show their problems."""
        for field in fields:
            self.fields.append(field)
            field.edited.connect(self.edit)

    def edit(self, loc: Loc, value: Any, text: str | None = None, *, typing: bool = True) -> None:
        """Give ``loc`` a value as one undoable step (typing into the same field merges)."""
        change = self.draft.change(loc, value)
        if change.before is not MISSING and change.before == change.after:
            return
        if change.before is MISSING and change.after is MISSING:
            return
        label = text or tr("Change {what}", what=".".join(str(s) for s in loc))
        self.undo_stack.push(ChangeCommand(self, change, label, typing))

    def replace(self, loc: Loc, value: Any, text: str) -> None:
        """A change that is its own step to undo: a block added, moved or removed."""
        self.edit(loc, value, text, typing=False)

    @property
    def title_key(self) -> str:
        """The key naming the item: an exercise's ``name``, anything else's ``title``."""
        return "name" if self.draft.kind == "exercise" else "title"

    def suggested_id(self, title: Any) -> Any:
        """The id a title suggests, free in the library; MISSING for a title with no
        letter or digit in it."""
        if not isinstance(title, str) or not re.search(r"[a-z0-9]", title.lower()):
            return MISSING
        return free_id(self.library, self.draft.kind, suggest_id(title))

    def id_follows_title(self) -> bool:
        """A new item whose id is empty or the one its title suggests: the id follows
        the title until the person types one."""
        title = self.draft.get((self.title_key,))
        return self.draft.is_new and self.draft.id in ("", self.suggested_id(title))

    def edit_title(self, value: Any, text: str | None = None, *, keep_id: bool = False) -> None:
        """Give the title a value and the id the one it suggests, as one step to undo
        (typing on merges into it). ``keep_id``: a title with no words leaves the id as
        it was (one problem to show, not two)."""
        changes = [self.draft.change((self.title_key,), value)]
        wanted = self.suggested_id(value)
        if not (keep_id and wanted is MISSING):
            changes.append(self.draft.change(("id",), wanted))
        if all(c.before == c.after for c in changes):
            return
        label = text or tr("Change {what}", what=self.title_key)
        self.undo_stack.push(ChangesCommand(self, changes, label))

    def apply_change(self, change: Change, *, undo: bool) -> None:
        self.draft.apply(change, undo=undo)
        self.draft_changed(change.loc)
        self._timer.start()

    def draft_changed(self, loc: Loc) -> None:
        """The draft changed at ``loc``: fields show it again. Editors that list blocks
        or phases rebuild them here (and call this)."""
        for field in self.fields:
            field.load()
        self._show_heading()

    # ------------------------------------------------------------------ checking

    def check_now(self) -> Checked:
        self._timer.stop()
        self.checked = check(self.draft, self.library)
        self._show_problems(self.checked.problems)
        self.checked_changed.emit(self.checked)
        return self.checked

    def _show_problems(self, problems: Iterable[Problem]) -> None:
        by_field: dict[int, list[str]] = {id(f): [] for f in self.fields}
        self.problems.clear()
        for problem in problems:
            text = (
                tr("line {line}: {message}", line=problem.line, message=problem.message)
                if problem.line
                else problem.message
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, problem.loc)
            self.problems.addItem(item)
            field = self.field_for(problem.loc)
            if field is not None:
                by_field[id(field)].append(problem.message)
        for field in self.fields:
            field.show_problems(by_field[id(field)])
        self.problems.setVisible(self.problems.count() > 0)

    def field_for(self, loc: Loc | None) -> Field | None:
        """The field showing ``loc``, or the nearest one holding it."""
        if loc is None:
            return None
        best: Field | None = None
        for field in self.fields:
            n = len(field.loc)
            if loc[:n] == field.loc and (best is None or n > len(best.loc)):
                best = field
        return best

    def reveal(self, loc: Loc) -> None:
        """Bring the part of the form holding ``loc`` into view (a block chosen)."""

    def move_chosen(self, step: int) -> None:
        """Move the chosen block, cue or phase ``step`` places (Alt+Up, Alt+Down)."""

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        loc = item.data(Qt.ItemDataRole.UserRole)
        if loc is None:
            return
        self.reveal(tuple(loc))
        field = self.field_for(tuple(loc))
        if field is not None:
            field.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ save and close

    def save(self) -> bool:
        """Write the file when nothing is wrong with it; say why not otherwise."""
        checked = self.check_now()
        if checked.blocking:  # a stale translation is told, but is no reason not to save
            self.status.setText(
                ntr(
                    "Not saved: {n} problem to fix first (listed below)",
                    "Not saved: {n} problems to fix first (listed below)",
                    len(checked.blocking),
                )
            )
            self._go_to_problem(self.problems.item(0))
            return False
        try:
            path = self.draft.save()
        except ContentChangedError as exc:
            answer = QMessageBox.question(
                self,
                tr("The file changed on disk"),
                tr(
                    "{message}\n\nSave over it? The change made outside the app is lost.",
                    message=exc.message,
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.status.setText(tr("Not saved: the file changed on disk"))
                return False
            path = self.draft.save(overwrite=True)
        except (ContentFileError, OSError) as exc:
            self.status.setText(tr("Not saved: {error}", error=exc))
            return False
        self.undo_stack.setClean()
        self.status.setText(tr("Saved to {path}", path=path))
        self._show_heading()
        self.saved.emit(self.draft)
        return True

    def close_editor(self) -> bool:
        """Close, asking first when there are changes not saved."""
        if self.draft.changed:
            answer = QMessageBox.question(
                self,
                tr("Save the changes?"),
                tr("The changes to {name} are not saved.", name=self.draft.id or tr("this item")),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return False
        self.closed.emit()
        return True

    def _show_heading(self) -> None:
        words = {
            "exercise": (tr("New exercise"), tr("Exercise: {name}")),
            "session": (tr("New session"), tr("Session: {name}")),
            "programme": (tr("New programme"), tr("Programme: {name}")),
        }
        new, named = words.get(self.draft.kind, (self.draft.kind, "{name}"))
        name = self.draft.get((self.title_key,))
        heading = named.format(name=name) if isinstance(name, str) and name else new
        mark = " *" if self.draft.changed else ""
        self.heading.setText(heading + mark)
        self.where.setText(tr("Saved in {path}", path=self.draft.path))
