"""A session's details in the session editor: id, title, summary, notes, equipment,
pain limits and source; and the one undoable step of typing a new session's title
while its id follows it.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFormLayout, QGroupBox, QVBoxLayout, QWidget

from guide_app.core.content_draft import Change, Draft
from guide_app.core.i18n import tr
from guide_app.ui.editor_base import DraftEditor
from guide_app.ui.editor_fields import (
    AmountField,
    ChoiceField,
    Field,
    LinesField,
    ListField,
    TextField,
    add_row,
)
from guide_app.ui.session_editor_forms import TextBoxField

_TITLE_TYPING = 0x7171E


class TitleAndId(QUndoCommand):
    """Typing a new session's title, its id following: one step to undo."""

    def __init__(self, editor: DraftEditor, changes: list[Change], text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.changes = changes

    def id(self) -> int:
        return _TITLE_TYPING

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TitleAndId):
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


class SessionDetails(QWidget):
    """The fields of the session itself (not of its blocks)."""

    def __init__(self, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        form = QFormLayout()
        self.id_field = add_row(form, tr("&Id"), TextField(draft, ("id",), tr("from the title")))
        self.title_field = add_row(
            form, tr("&Title"), TextField(draft, ("title",), tr("e.g. Morning hips"))
        )
        self.summary_field = add_row(
            form, tr("&Summary"), TextBoxField(draft, ("summary",), tr("what it is for"), 3)
        )
        self.notes_field = add_row(
            form, tr("&Notes"), LinesField(draft, ("notes",), tr("one note a line"), 5)
        )
        self.equipment_field = add_row(
            form,
            tr("&Equipment"),
            ListField(draft, ("equipment",), tr("mat, loop band (commas between)")),
        )
        self.fields: list[Field] = [
            self.id_field,
            self.title_field,
            self.summary_field,
            self.notes_field,
            self.equipment_field,
        ]
        column.addLayout(form)
        column.addWidget(self._pain_box(draft))
        column.addWidget(self._source_box(draft))
        column.addStretch(1)

    def _pain_box(self, draft: Draft) -> QGroupBox:
        box = QGroupBox(tr("Pain limits (0-10)"))
        form = QFormLayout(box)
        self.fields += [
            add_row(form, tr("During"), AmountField(draft, ("pain", "during"), "5")),
            add_row(form, tr("Just after"), AmountField(draft, ("pain", "after"), "5")),
            add_row(
                form,
                tr("Next morning"),
                ChoiceField(
                    draft,
                    ("pain", "next_morning"),
                    [("baseline", tr("back to baseline")), ("no_worse", tr("no worse"))],
                ),
            ),
            add_row(
                form,
                tr("If a limit is passed"),
                ChoiceField(
                    draft,
                    ("pain", "if_exceeded"),
                    [
                        ("carry_on", tr("carry on")),
                        ("hold", tr("hold the progression")),
                        ("step_down", tr("step the dose down")),
                        ("stop", tr("stop and contact the clinician")),
                    ],
                ),
            ),
            add_row(form, tr("What to say"), TextBoxField(draft, ("pain", "say"), "", 2)),
        ]
        return box

    def _source_box(self, draft: Draft) -> QGroupBox:
        box = QGroupBox(tr("Source (what it follows)"))
        form = QFormLayout(box)
        for key, label in (
            ("title", tr("Title")),
            ("author", tr("Author")),
            ("url", tr("Address")),
            ("licence", tr("Licence")),
        ):
            self.fields.append(add_row(form, label, TextField(draft, ("source", key))))
        return box
