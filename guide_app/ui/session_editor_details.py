"""A session's details in the session editor: id, title, summary, notes, equipment,
pain limits and source.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QVBoxLayout, QWidget

from guide_app.core.content_draft import Draft
from guide_app.core.i18n import tr
from guide_app.ui.editor_fields import (
    AmountField,
    ChoiceField,
    Field,
    LinesField,
    ListField,
    ParagraphField,
    TextField,
    add_row,
)


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
            form, tr("&Summary"), ParagraphField(draft, ("summary",), tr("what it is for"), 3)
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
            add_row(form, tr("What to say"), ParagraphField(draft, ("pain", "say"), "", 2)),
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
