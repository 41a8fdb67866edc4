"""The exercise editor: everything an exercise file says, as a form.

On the left what the exercise is (name, id, summary, position, sides, what it needs
and works) and its pictures; on the right, in tabs, its cues (reordered, each spoken
or only shown), its tips, stop signs, easier and harder versions and questions, its
default dosage, its source and its translations (``translation_page``). While a new
exercise's id has not been typed, it follows the name. Every change is a step to
undo; what ``validate`` would say shows under the field it concerns (``editor_base``).
"""

from __future__ import annotations

from typing import Any, get_args

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_draft import MISSING, Draft, Loc
from guide_app.core.exercise_model import Category, Level
from guide_app.core.exercise_page import category_word, level_word
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.ui.dosage_form import DosageForm
from guide_app.ui.editor_base import DraftEditor
from guide_app.ui.editor_fields import (
    ChoiceField,
    Field,
    LinesField,
    ListField,
    ParagraphField,
    TextField,
    add_row,
    scrolled,
)
from guide_app.ui.exercise_cues import (
    CueField,
    HolderField,
    ItemList,
    ListWords,
    cue_label,
    list_hint,
    question_label,
)
from guide_app.ui.exercise_pictures import PicturesPanel
from guide_app.ui.translation_page import TranslationPage

CUES_TAB, TIPS_TAB, DOSAGE_TAB, SOURCE_TAB, TRANSLATIONS_TAB = range(5)
TAB_OF = {
    "cues": CUES_TAB,
    "tips": TIPS_TAB,
    "stop_signs": TIPS_TAB,
    "progressions": TIPS_TAB,
    "regressions": TIPS_TAB,
    "faq": TIPS_TAB,
    "dosage": DOSAGE_TAB,
    "source": SOURCE_TAB,
    "translations": TRANSLATIONS_TAB,
}


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ExerciseEditor(DraftEditor):
    """Makes or changes one exercise (``draft.kind == "exercise"``)."""

    def __init__(self, draft: Draft, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(draft, library, parent)
        self._id_follows = self.id_follows_title()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.about = scrolled(self._about_column())
        self.tabs = QTabWidget()
        self.tabs.addTab(self._cues_tab(), tr("&Cues"))
        self.tabs.addTab(scrolled(self._tips_tab()), tr("&Tips and questions"))
        self.tabs.addTab(scrolled(self._dosage_tab(), sideways=True), tr("&Dosage"))
        self.tabs.addTab(scrolled(self._source_tab()), tr("So&urce"))
        self.translations = TranslationPage(self)
        self.tabs.addTab(self.translations, tr("T&ranslations"))
        splitter.addWidget(self.about)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([540, 800])
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.bind(self._fields)
        self.cues.replaced.connect(self.replace)
        self.cue.spoken_changed.connect(self.replace)
        self.faq.replaced.connect(self.replace)
        self.pictures.replaced.connect(self.replace)
        self.pictures.notice.connect(self.status.setText)
        self.cues.chosen.connect(self._choose_cue)
        self.cues.add_button.clicked.connect(lambda: self.cue.text.setFocus())
        self.faq.add_button.clicked.connect(lambda: self.question.widget.setFocus())
        self.faq.chosen.connect(self._choose_question)
        self.id_field.edited.connect(self._id_typed)
        self.id_text.line.editingFinished.connect(self._id_left)
        self.saved.connect(self._after_save)
        self._choose_cue(self.cues.row)
        self._choose_question(self.faq.row)
        self._lock_id()

    # ------------------------------------------------------------------ the form

    def _about_column(self) -> QWidget:
        d = self.draft
        column = QWidget()
        form = QFormLayout()
        self.name = add_row(form, tr("&Name"), TextField(d, ("name",), tr("e.g. Clamshell")))
        self.id_text = TextField(d, ("id",), tr("follows the name"))
        self.id_field = add_row(form, tr("&Id"), self.id_text)
        self.summary = add_row(
            form,
            tr("Su&mmary"),
            ParagraphField(d, ("summary",), tr("One to three sentences: what it is and for")),
        )
        self.position = add_row(
            form, tr("&Position"), TextField(d, ("position",), tr("e.g. lying on your side"))
        )
        self.sides = add_row(
            form,
            tr("Si&des"),
            ChoiceField(
                d,
                ("sides",),
                [
                    ("both", tr("both: the two sides work together")),
                    ("one_at_a_time", tr("one at a time: one side's sets, then the other's")),
                    ("alternating", tr("alternating: the movement itself switches sides")),
                ],
            ),
        )
        limbs = [
            ("leg", tr("leg")),
            ("arm", tr("arm")),
            ("foot", tr("foot")),
            ("hand", tr("hand")),
            ("hip", tr("hip")),
            ("knee", tr("knee")),
            ("ankle", tr("ankle")),
            ("shoulder", tr("shoulder")),
            ("elbow", tr("elbow")),
            ("wrist", tr("wrist")),
        ]
        self.limb = add_row(form, tr("&Limb"), ChoiceField(d, ("limb",), limbs))
        levels = [(level, level_word(level)) for level in get_args(Level)]
        self.level = add_row(form, tr("Le&vel"), ChoiceField(d, ("level",), levels))
        categories = tuple((kind, category_word(kind)) for kind in get_args(Category))
        self.category = add_row(
            form, tr("C&ategory"), ChoiceField(d, ("category",), list(categories))
        )
        self.equipment = add_row(
            form, tr("E&quipment"), ListField(d, ("equipment",), tr("mat, loop band (optional)"))
        )
        self.targets = add_row(
            form, tr("&Works"), ListField(d, ("targets",), tr("gluteus medius, …"))
        )
        self.secondary = add_row(
            form,
            tr("Works &too"),
            ListField(d, ("secondary_targets",), tr("hip external rotators, …")),
        )
        self.pictures = PicturesPanel(d, list(dict.fromkeys(self.library.roots.values())))
        layout = QVBoxLayout(column)
        layout.addLayout(form)
        layout.addWidget(self.pictures)
        layout.addStretch(1)
        self._fields: list[Field] = [
            self.name,
            self.id_field,
            self.summary,
            self.position,
            self.sides,
            self.limb,
            self.level,
            self.category,
            self.equipment,
            self.targets,
            self.secondary,
            *self.pictures.fields,
        ]
        return column

    def _cues_tab(self) -> QWidget:
        d = self.draft
        tab = QWidget()
        self.cues = ItemList(
            d,
            ("cues",),
            ListWords(tr("&Add cue"), tr("Add cue"), tr("Remove cue"), tr("Move cue")),
            cue_label,
            lambda: "",
        )
        self.cues.list.setAccessibleName(tr("Cues"))
        self.cue = CueField(d, ("cues", 0))
        self.cue.text.setAccessibleName(tr("The chosen cue"))
        layout = QVBoxLayout(tab)
        layout.addWidget(_hint(tr("The steps, in order; each is spoken when it is reached.")))
        layout.addWidget(self.cues.list, 1)
        layout.addWidget(self.cues.problem)
        layout.addWidget(self.cues.buttons)
        layout.addWidget(_hint(list_hint()))
        caption = QLabel(tr("C&hosen cue"))
        caption.setBuddy(self.cue.text)
        layout.addWidget(caption)
        layout.addWidget(self.cue.text)
        layout.addWidget(self.cue.problem)
        layout.addWidget(self.cue.spoken)
        self._fields += [self.cues, self.cue]
        return tab

    def _tips_tab(self) -> QWidget:
        d = self.draft
        tab = QWidget()
        form = QFormLayout()
        one_a_line = tr("one a line")
        self.tips = add_row(form, tr("T&ips"), LinesField(d, ("tips",), one_a_line, 3))
        self.stop_signs = add_row(
            form,
            tr("&Stop signs"),
            LinesField(d, ("stop_signs",), tr("when to stop, e.g. sharp pain; one a line"), 2),
        )
        self.progressions = add_row(
            form, tr("&Harder"), LinesField(d, ("progressions",), one_a_line, 2)
        )
        self.regressions = add_row(
            form, tr("&Easier"), LinesField(d, ("regressions",), one_a_line, 2)
        )
        self.faq = ItemList(
            d,
            ("faq",),
            ListWords(
                tr("Add &question"), tr("Add question"), tr("Remove question"), tr("Move question")
            ),
            question_label,
            dict,
        )
        self.faq.list.setAccessibleName(tr("Questions"))
        self.faq.list.setMinimumHeight(90)
        questions = QFormLayout()
        self.question = add_row(questions, tr("&Question"), TextField(d, ("faq", 0, "q")))
        self.answer = add_row(questions, tr("A&nswer"), ParagraphField(d, ("faq", 0, "a"), "", 3))
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("Questions and answers")))
        layout.addWidget(self.faq.list, 1)
        layout.addWidget(self.faq.problem)
        layout.addWidget(self.faq.buttons)
        layout.addLayout(questions)
        self._fields += [
            self.tips,
            self.stop_signs,
            self.progressions,
            self.regressions,
            self.faq,
            self.question,
            self.answer,
        ]
        return tab

    def _dosage_tab(self) -> QWidget:
        tab = QWidget()
        note = _hint(
            tr(
                "What a session does with this exercise unless it gives its own dosage. "
                "Leave a field empty to leave it out."
            )
        )
        self.dosage_note = HolderField(self.draft, ("dosage",), note)
        self.dosage = DosageForm(self.draft, ("dosage",))
        layout = QVBoxLayout(tab)
        layout.addWidget(note)
        layout.addWidget(self.dosage_note.problem)
        layout.addWidget(self.dosage)
        layout.addStretch(1)
        self._fields += [self.dosage_note, *self.dosage.fields]
        return tab

    def _source_tab(self) -> QWidget:
        d = self.draft
        tab = QWidget()
        form = QFormLayout()
        self.source_title = add_row(
            form, tr("&Title"), TextField(d, ("source", "title"), tr("the page or paper"))
        )
        self.author = add_row(form, tr("&Author"), TextField(d, ("source", "author")))
        self.url = add_row(form, tr("&Web address"), TextField(d, ("source", "url"), "https://"))
        self.licence = add_row(
            form, tr("&Licence"), TextField(d, ("source", "licence"), tr("e.g. CC BY 4.0"))
        )
        self.source_note = add_row(
            form,
            tr("&Note"),
            ParagraphField(d, ("source", "note"), tr("e.g. The cues are our own words.")),
        )
        layout = QVBoxLayout(tab)
        layout.addWidget(_hint(tr("Where the exercise comes from, and on what terms.")))
        layout.addLayout(form)
        layout.addStretch(1)
        self._fields += [
            self.source_title,
            self.author,
            self.url,
            self.licence,
            self.source_note,
        ]
        return tab

    # ------------------------------------------------------------------ lists

    def _choose_cue(self, row: int) -> None:
        self.cue.rebase(("cues", max(row, 0)))
        for widget in (self.cue.text, self.cue.spoken):
            widget.setEnabled(row >= 0)

    def _choose_question(self, row: int) -> None:
        self.question.rebase(("faq", max(row, 0), "q"))
        self.answer.rebase(("faq", max(row, 0), "a"))
        for field in (self.question, self.answer):
            field.widget.setEnabled(row >= 0)

    def move_chosen(self, step: int) -> None:
        """Move the chosen cue (or, on the questions' tab, the chosen question) ``step``
        places: -1 up, 1 down (Alt+Up, Alt+Down)."""
        if self.tabs.currentIndex() == TIPS_TAB:
            self.faq.move(step)
        elif self.tabs.currentIndex() == CUES_TAB:
            self.cues.move(step)

    # ------------------------------------------------------------------ the id

    def edit(self, loc: Loc, value: Any, text: str | None = None, *, typing: bool = True) -> None:
        """An edit of a field; while a new exercise's id follows its name, typing the
        name changes the id too, as one step (a name emptied leaves the id as it was)."""
        if loc == ("name",) and self._id_follows and self.draft.is_new:
            self.edit_title(value, text, keep_id=True)
            return
        super().edit(loc, value, text, typing=typing)

    def _id_typed(self, loc: Loc, value: Any) -> None:
        """An id typed by the person stays; emptying the field lets it follow the name
        again (from when the field is left)."""
        self._id_follows = value is MISSING

    def _id_left(self) -> None:
        if self._id_follows and self.draft.is_new and not self.draft.id:
            self.draft.put(("id",), self.suggested_id(self.draft.get(("name",))))
            self.id_text.load()
            self.check_now()

    def _lock_id(self) -> None:
        """A saved exercise keeps its id: its file is named after it."""
        line = self.id_text.line
        line.setReadOnly(not self.draft.is_new)
        line.setToolTip(
            ""
            if self.draft.is_new
            else tr("The id names the file and cannot change once saved; duplicate it instead.")
        )

    def _after_save(self, draft: Draft) -> None:
        self._id_follows = False
        self._lock_id()
        self.pictures.start.refresh()
        self.pictures.end.refresh()

    # ------------------------------------------------------------------ problems

    def field_for(self, loc: Loc | None) -> Field | None:
        """As the base does; a problem of the exercise as a whole is one of its dosage
        (the model's checks there are the dosage's), shown on the Dosage tab."""
        if loc == ():
            return self.dosage_note
        return super().field_for(loc)

    def reveal(self, loc: Loc) -> None:
        """Show the tab holding ``loc`` and choose the cue or question it is in."""
        head = loc[0] if loc else "dosage"
        tab = TAB_OF.get(str(head))
        if tab is None:
            field = self.field_for(loc)
            if field is not None:
                self.about.ensureWidgetVisible(field.widget)
            return
        self.tabs.setCurrentIndex(tab)
        if tab == TRANSLATIONS_TAB:
            self.translations.reveal(loc)
        if len(loc) > 1 and isinstance(loc[1], int):
            if head == "cues":
                self.cues.choose(loc[1])
            elif head == "faq":
                self.faq.choose(loc[1])
        if tab == TIPS_TAB:
            field = self.field_for(loc)
            area = self.tabs.widget(TIPS_TAB)
            if field is not None and isinstance(area, QScrollArea):
                area.ensureWidgetVisible(field.widget)
