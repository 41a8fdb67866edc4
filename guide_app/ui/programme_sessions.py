"""The sessions of a phase: a list shown by title, added from the library's sessions
(search by title or id), removed and put in order, each change one step to undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core import symbols
from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.ui.editor_fields import Field
from guide_app.ui.programme_fields import chosen_id, searching
from guide_app.ui.programme_lists import ListButtons, MoveKeys, follow, moved

Replace = Callable[[Loc, Any, str], None]


class SessionsField(Field):
    """A phase's session ids, shown by title; it edits through the buttons beside it."""

    def __init__(self, draft: Draft, loc: Loc, library: Library) -> None:
        self.list = QListWidget()
        self.library = library
        super().__init__(draft, loc, self.list)
        self.load()

    def value(self) -> Any:
        ids = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        return ids if ids else MISSING

    def show_value(self, value: Any) -> None:
        row = self.list.currentRow()
        self.list.clear()
        for session_id in value if isinstance(value, list) else []:
            session = self.library.sessions.get(str(session_id))
            if session is not None:
                text = session.title
                tip = tr("{title} (id {id})", title=session.title, id=session_id)
            else:
                text = tr("{mark} {id} (not in the library)", mark=symbols.WARNING, id=session_id)
                tip = text
            item = QListWidgetItem(text)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, session_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))


class SessionList(QWidget):
    """A phase's sessions with a search box of the library's sessions to add from."""

    def __init__(self, draft: Draft, loc: Loc, library: Library, replace: Replace) -> None:
        super().__init__()
        self.draft = draft
        self.library = library
        self.replace = replace
        self.field = SessionsField(draft, loc, library)
        self.list = self.field.list
        self.list.setAccessibleName(tr("Sessions of this phase"))
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 3 + 16)
        self.list.setMaximumHeight(self.list.fontMetrics().lineSpacing() * 5 + 16)
        self.list.currentRowChanged.connect(self._enable)
        MoveKeys(self.list, self.move_session)

        self.picker = QComboBox()
        self.picker.setAccessibleName(tr("Session to add"))
        self.picker.setMaxVisibleItems(16)
        line = searching(self.picker)
        line.setPlaceholderText(tr("Search the sessions by title or id"))
        line.returnPressed.connect(self.add)
        for session_id, session in sorted(
            library.sessions.items(), key=lambda kv: kv[1].title.casefold()
        ):
            self.picker.addItem(session.title, session_id)
        self.picker.setCurrentIndex(-1)
        self.add_button = QPushButton(tr("Add"))
        self.add_button.setToolTip(tr("Add the session chosen to this phase"))
        self.add_button.clicked.connect(self.add)

        self.buttons = ListButtons(tr("Add"))
        self.buttons.add.hide()  # adding is the search box's
        self.buttons.remove.clicked.connect(self.remove)
        self.buttons.up.clicked.connect(lambda: self.move_session(-1))
        self.buttons.down.clicked.connect(lambda: self.move_session(1))

        adding = QHBoxLayout()
        adding.addWidget(self.picker, 1)
        adding.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(adding)
        layout.addWidget(self.list)
        layout.addWidget(self.field.problem)
        layout.addLayout(self.buttons)
        self._enable()

    @property
    def loc(self) -> Loc:
        return self.field.loc

    def ids(self) -> list[str]:
        value = self.draft.get(self.loc)
        return [str(v) for v in value] if isinstance(value, list) else []

    def rebase(self, loc: Loc) -> None:
        self.field.rebase(loc)
        self._enable()

    def refresh(self) -> None:
        """Show the draft's sessions again, the same one chosen where it went."""
        row = self.list.currentRow()
        before = self.list.currentItem().data(Qt.ItemDataRole.UserRole) if row >= 0 else None
        self.field.load()
        ids = self.ids()
        self.list.setCurrentRow(follow(ids, row, before))
        self._enable()

    def add(self) -> None:
        session_id = chosen_id(self.picker, partial=True)
        if session_id is MISSING:
            return
        ids = self.ids()
        self.replace(self.loc, [*ids, session_id], tr("Add session {id}", id=session_id))
        self.list.setCurrentRow(len(ids))
        self.picker.setCurrentIndex(-1)
        self.picker.setEditText("")
        self._enable()

    def remove(self) -> None:
        row, ids = self.list.currentRow(), self.ids()
        if not 0 <= row < len(ids):
            return
        gone = ids.pop(row)
        self.replace(self.loc, ids if ids else MISSING, tr("Remove session {id}", id=gone))
        self._enable()

    def move_session(self, step: int) -> None:
        row, ids = self.list.currentRow(), self.ids()
        new = moved(ids, row, step)
        if new is None:
            return
        words = (
            tr("Move session {id} up", id=ids[row])
            if step < 0
            else tr("Move session {id} down", id=ids[row])
        )
        self.replace(self.loc, new, words)
        self.list.setCurrentRow(row + step)
        self._enable()

    def _enable(self, *_: object) -> None:
        self.buttons.enable(self.list.currentRow(), self.list.count())
