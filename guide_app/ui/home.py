"""Home: browse the library (programmes and sessions, or exercises with their pictures),
search and filter it, choose what to do, set the sides, and start.

The search box looks through exercises, sessions and programmes as you type, and the
filters under it (equipment, position, target, sides, source) narrow both lists; a
letter typed on a list goes to the search box. Filters are not remembered: Home opens
on the whole library, at the last choice made. The buttons under the lists ask for a
new item, a change to the one chosen (a bundled one is duplicated first; the editor
decides) or an import; the window answers those signals.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.choice import SessionChoice, single_exercise_session
from guide_app.core.content_language import same, shown
from guide_app.core.i18n import tr
from guide_app.core.loader import Library, bundled_root
from guide_app.core.model import Session
from guide_app.core.today import Today
from guide_app.ui import keys, theme
from guide_app.ui.exercise_list import ExerciseList, ExerciseModel
from guide_app.ui.filter_row import FilterRow
from guide_app.ui.home_details import HomeDetails
from guide_app.ui.library_filters import BUNDLED, ExerciseFactsStore, Facets, source_of
from guide_app.ui.session_tree import ROLE, SessionTree
from guide_app.ui.side_chooser import SideChooser
from guide_app.ui.thumbnails import ThumbnailCache
from guide_app.ui.today import TodayPage

__all__ = ["HomePage", "SessionChoice"]

FACTS_STEP = 60  # exercises worked out per idle moment, until the filters know them all
OUTLINE_PAUSE_MS = 150  # while a search is typed, the outline waits for a pause this long

STYLE = f"""
QListView {{
    background: {theme.PANEL}; color: {theme.TEXT}; border: 1px solid {theme.GRID};
    border-radius: 6px;
}}
QListView:focus {{ border: 2px solid {theme.ACCENT}; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{
    background: #2a3440; color: {theme.MUTED_TEXT}; padding: 6px 14px; margin-right: 4px;
    border: 1px solid {theme.GRID}; border-bottom: none;
    border-top-left-radius: 6px; border-top-right-radius: 6px;
}}
QTabBar::tab:selected {{ background: {theme.PANEL}; color: {theme.TEXT}; font-weight: bold; }}
QTabBar::tab:focus {{ border: 2px solid {theme.ACCENT}; }}
"""


def _with_key(label: str, action: str, table: tuple[keys.Binding, ...]) -> str:
    """A button's label followed by the key that does the same, if one is bound."""
    key = keys.key_names(action, table, most=1)
    return tr("{label}  ({key})", label=label, key=key) if key else label


class HomePage(QWidget):
    start_requested = Signal(object)  # SessionChoice
    new_requested = Signal(str)  # "exercise", "session" or "programme"
    edit_requested = Signal(str, str)  # kind, id: change it (a bundled one: a copy of it)
    import_requested = Signal()
    choice_changed = Signal()  # another programme, phase, session or exercise is chosen
    page_requested = Signal(str)  # an exercise's page, over the window (an outline's link)

    def __init__(
        self,
        library: Library,
        settings: QSettings,
        describe: Callable[[Session, str | None, str | None], str],
        parent: QWidget | None = None,
        *,
        thumbnails: ThumbnailCache | None = None,
    ) -> None:
        """``describe(session, affected, weaker)`` returns the outline and duration as HTML.
        ``thumbnails`` keeps exercise thumbnails (give one with a folder to keep them on
        disk); without it they are kept in memory only."""
        super().__init__(parent)
        self.setStyleSheet(STYLE)  # first: set later, it would lay out every row again
        self.library = library
        self.settings = settings
        self._describe = describe
        self._bundled = bundled_root()
        self.thumbnails = thumbnails if thumbnails is not None else ThumbnailCache(parent=self)
        self.store = ExerciseFactsStore(library, self._bundled)
        self._applying = False

        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search exercises, sessions and programmes…"))
        self.search.setAccessibleName(tr("Search the library"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda: self._apply(typed=True))
        self.filters = FilterRow()
        self.filters.changed.connect(self._apply)
        self._outline_timer = QTimer(self)  # the outline, once the typing pauses
        self._outline_timer.setSingleShot(True)
        self._outline_timer.setInterval(OUTLINE_PAUSE_MS)
        self._outline_timer.timeout.connect(self._show_details)

        self.sessions_tree = SessionTree(library, self._bundled)
        self.sessions_tree.currentItemChanged.connect(lambda *_: self._current_changed())
        self.sessions_tree.itemActivated.connect(lambda *_: self._start())
        self.exercise_model = ExerciseModel(self.store, self.thumbnails)
        self.exercise_list = ExerciseList(self.exercise_model)  # attached when first shown
        self.exercise_list.activated.connect(lambda *_: self._start())
        for view in (self.sessions_tree, self.exercise_list):
            view.installEventFilter(self)  # typing on a list goes to the search box
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Every tab's name in full, never behind scroll arrows (German runs a third longer):
        # the list side takes the room it needs.
        self.tabs.tabBar().setUsesScrollButtons(False)
        self.today = TodayPage()  # the person's programme today: first, shown when they have one
        self.today.start.connect(self._start_today)
        self.tabs.addTab(self.today, tr("Today"))
        self.tabs.addTab(self.sessions_tree, "")
        self.tabs.addTab(self.exercise_list, "")
        self.tabs.setCurrentWidget(self.sessions_tree)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._count_tabs(len(library.programmes) + len(library.sessions), len(self.store))

        self.new_button = QPushButton(tr("New…"))
        menu = QMenu(self.new_button)
        for kind, text in (
            ("exercise", tr("Exercise")),
            ("session", tr("Session")),
            ("programme", tr("Programme")),
        ):
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, kind=kind: self.new_requested.emit(kind))
        self.new_button.setMenu(menu)
        self.edit_button = QPushButton(tr("Edit"))
        self.edit_button.clicked.connect(self._edit)
        self.import_button = QPushButton(tr("Import…"))
        self.import_button.clicked.connect(lambda: self.import_requested.emit())
        table = keys.bindings(settings)
        self.history_button = QPushButton(_with_key(tr("History"), "history", table))
        self.voice_button = QPushButton(_with_key(tr("Settings"), "voice", table))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.tabs, 1)
        for row in (
            (self.new_button, self.edit_button, self.import_button),
            (self.history_button, self.voice_button),
        ):
            buttons = QHBoxLayout()
            for button in row:
                buttons.addWidget(button)
            left_layout.addLayout(buttons)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a content title, as written
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self.panel = HomeDetails()  # the outline, or a single exercise's page
        self.panel.page_requested.connect(self.page_requested.emit)
        self.details = self.panel.outline

        self.affected = SideChooser(tr("Affected side"))
        self.weaker = SideChooser(tr("Weaker side"))
        self.weaker_first = QCheckBox(tr("Start each exercise with the affected or weaker side"))
        self.weaker_first.setChecked(True)
        self.person: int | None = None  # whose sessions start here (ui.people sets it)
        self.person_button = QPushButton()  # the current person, when there are several
        self.person_button.hide()
        for widget in (self.affected, self.weaker):
            widget.changed.connect(self._show_details)

        self.start_button = QPushButton(tr("Start  ▶"))
        self.start_button.setObjectName("primary")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(56)
        self.start_button.clicked.connect(self._start)

        right = self.details_panel = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.panel, 1)
        right_layout.addWidget(self.person_button)
        right_layout.addWidget(self.affected)
        right_layout.addWidget(self.weaker)
        right_layout.addWidget(self.weaker_first)
        right_layout.addWidget(self.start_button)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._facts_timer = QTimer(self)  # the filters' choices, worked out while idle
        self._facts_timer.setInterval(0)
        self._facts_timer.timeout.connect(self._learn_facts)
        self._painted = False  # the facts are learnt once Home is on screen
        self._restore()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._painted:
            self._painted = True
            self._facts_timer.start()
        super().paintEvent(event)

    @property
    def tree(self) -> QAbstractItemView:
        """The list shown now: programmes and sessions, or exercises (the window focuses it)."""
        if self.tabs.currentWidget() is self.exercise_list:
            return self.exercise_list
        return self.sessions_tree

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A letter typed on a list starts a search, as it would on a phone's list."""
        lists = (self.sessions_tree, self.exercise_list)
        if watched in lists and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            text = event.text()
            plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            if plain and text.isprintable() and text.strip():
                self.search.setFocus(Qt.FocusReason.OtherFocusReason)
                self.search.insert(text)
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ search and filters

    def _learn_facts(self) -> None:
        """A few more exercises' facts; once all are known, the filters offer them."""
        if self.store.fill(FACTS_STEP):
            self._facts_timer.stop()
            sources = [
                source_of(self.library, "session", s, self._bundled) for s in self.library.sessions
            ]
            self.filters.set_facets(Facets.of(self.store.all(), sources))

    def _apply(self, *, typed: bool = False) -> None:
        """Narrow both lists to the search words and the filters. While a search is
        typed the choice follows each key at once, its outline when the typing pauses
        (planning a long session takes longer than a key press)."""
        words = self.search.text().lower().split()
        chosen = self.filters.value()
        keep = self._current_key()
        self._applying = True
        try:
            narrowed = bool(words) or not chosen.is_open()
            rows = self.store.matching(words, chosen) if narrowed else None
            self.exercise_model.show_only(rows)
            shown = self.sessions_tree.apply(words, chosen, self.store.by_id)
            self._count_tabs(shown, self.exercise_model.count())
            if words:
                self._choose_first()
            else:
                self._keep_current(keep)
        finally:
            self._applying = False
        self._show_details(soon=typed)

    def _count_tabs(self, sessions: int, exercises: int) -> None:
        tabs = self.tabs
        sessions_text = tr("Programmes and sessions ({n})", n=sessions)
        tabs.setTabText(tabs.indexOf(self.sessions_tree), sessions_text)
        tabs.setTabText(tabs.indexOf(self.exercise_list), tr("Exercises ({n})", n=exercises))

    def _choose_first(self) -> None:
        """Choose the first match, in the list shown or else in the other one."""
        on_exercises = self.tabs.currentWidget() is self.exercise_list
        for exercises in (on_exercises, not on_exercises):
            if exercises and self.exercise_model.count():
                self._show_tab(self.exercise_list)
                self.exercise_list.setCurrentIndex(self.exercise_model.index(0))
                return
            first = self.sessions_tree.first_leaf() if not exercises else None
            if first is not None:
                self._show_tab(self.sessions_tree)
                self.sessions_tree.setCurrentItem(first)
                return

    def _keep_current(self, keep: tuple[object, ...] | None) -> None:
        """After the lists changed: the same choice if it is still shown, else the first."""
        if self.tabs.currentWidget() is self.exercise_list:
            row = self.exercise_model.row_of(str(keep[1])) if keep else None
            if row is None and self.exercise_model.count():
                row = 0
            if row is not None:
                index = self.exercise_model.index(row)
                self.exercise_list.setCurrentIndex(index)
                self.exercise_list.scrollTo(index)
            return
        item = self.sessions_tree.currentItem()
        if item is None or item.isHidden():
            first = self.sessions_tree.first_leaf()
            if first is not None:
                self.sessions_tree.setCurrentItem(first)

    def _show_tab(self, view: QWidget) -> None:
        """Show ``view``'s tab; a list that had the focus hands it over."""
        if self.tabs.currentWidget() is view:
            return
        had_focus = QApplication.focusWidget() in (self.sessions_tree, self.exercise_list)
        self.tabs.setCurrentWidget(view)
        if had_focus:
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tab_changed(self) -> None:
        on_today = self.tabs.currentWidget() is self.today  # Today has the whole width
        for widget in (self.search, self.filters, self.new_button, self.edit_button):
            widget.setVisible(not on_today)
        self.import_button.setVisible(not on_today)
        self.details_panel.setVisible(not on_today)
        if self.tabs.currentWidget() is self.exercise_list and self.exercise_list.attach():
            selection = self.exercise_list.selectionModel()
            selection.currentChanged.connect(lambda *_: self._current_changed())
        if self._applying:
            return  # the search or a selection chose the tab, and will say what is chosen
        if (
            self.tabs.currentWidget() is self.exercise_list
            and not self.exercise_list.currentIndex().isValid()
            and self.exercise_model.count()
        ):
            self.exercise_list.setCurrentIndex(self.exercise_model.index(0))
        self._current_changed()

    # ------------------------------------------------------------------ choice

    def _current_key(self) -> tuple[object, ...] | None:
        """(kind, id, extra) of what is chosen in the list shown, or None."""
        if self.tabs.currentWidget() is self.exercise_list:
            index = self.exercise_list.currentIndex()
            if not index.isValid():
                return None
            return ("exercise", self.exercise_model.exercise_id(index.row()), None)
        item = self.sessions_tree.currentItem()
        if item is None or item.isHidden():
            return None
        data = item.data(0, ROLE)
        return tuple(data) if data else None

    def chosen_exercise(self) -> str | None:
        """The exercise chosen on the Exercises tab, if one is."""
        key = self._current_key()
        return str(key[1]) if key is not None and key[0] == "exercise" else None

    def current_choice(self) -> SessionChoice | None:
        data = self._current_key()
        if not data:
            return None
        kind, content_id, extra = str(data[0]), str(data[1]), data[2]
        programme_id = phase = None
        if kind == "phase":
            programme = self.library.programmes[content_id]
            # A phase chosen in another language is the same phase (content_language.same).
            phase_model = next(
                (p for p in programme.phases if same(p.name, str(extra))), programme.phases[0]
            )
            programme_id, phase = content_id, phase_model.name
            session = self.library.sessions[phase_model.sessions[0]]
        elif kind == "programme":
            programme = self.library.programmes[content_id]
            programme_id, phase = content_id, programme.phases[0].name
            session = self.library.sessions[programme.phases[0].sessions[0]]
        elif kind == "session":
            session = self.library.sessions[content_id]
            if isinstance(extra, tuple):
                programme_id, phase = extra
        else:
            session = single_exercise_session(self.library.exercises[content_id])
        return SessionChoice(
            session=session,
            programme_id=programme_id,
            phase=phase,
            affected=self.affected.value(),
            weaker=self.weaker.value(),
            weaker_first=self.weaker_first.isChecked(),
            person=self.person,
        )

    def _current_changed(self) -> None:
        if not self._applying:
            self._show_details()
        self.choice_changed.emit()

    def _show_details(self, *, soon: bool = False) -> None:
        """The title and outline of the choice; ``soon``: the outline after a pause."""
        choice = self.current_choice()
        self.start_button.setEnabled(choice is not None)
        self._update_edit()
        if choice is None:
            self._outline_timer.stop()
            self.title.setText(tr("Choose a session"))
            hint = tr(
                "Pick a programme phase, a session or a single exercise on the left, "
                "set the affected side if one side needs more work, and press Start."
            )
            self.panel.show_outline(f"<p>{escape(hint)}</p>")
            return
        heading = shown(choice.session.title)
        if choice.programme_id:
            heading = tr(
                "{programme} — {phase}",
                programme=shown(self.library.programmes[choice.programme_id].title),
                phase=shown(choice.phase or ""),
            )
        self.title.setText(heading)
        if soon:
            self._outline_timer.start()
            return
        self._outline_timer.stop()
        exercise_id = self.chosen_exercise()
        if exercise_id is not None:
            self.panel.show_exercise(self.library, exercise_id, choice)
            return
        self.panel.show_outline(self._describe(choice.session, choice.affected, choice.weaker))

    def _start(self) -> None:
        choice = self.current_choice()
        if choice is None:
            return
        self._save(choice)
        self.start_requested.emit(choice)

    def show_today(self, today: Today | None, *, open_it: bool = True) -> None:
        """Show the person's Today (None: they have no programme); with a programme and
        ``open_it``, Home turns to it, so Home opens on what is due."""
        self.today.show_today(today, self.library)
        if today is not None and open_it:
            self._show_tab(self.today)

    def _start_today(self, session_id: str) -> None:
        """Start a session of the person's programme from Today, with the sides set."""
        today = self.today.today
        if today is None or session_id not in self.library.sessions:
            return
        self.start_requested.emit(
            SessionChoice(
                session=self.library.sessions[session_id],
                programme_id=today.programme_id,
                phase=today.phase,
                affected=self.affected.value(),
                weaker=self.weaker.value(),
                weaker_first=self.weaker_first.isChecked(),
                person=today.person,
            )
        )

    # ------------------------------------------------------------------ changing the library

    def edit_target(self) -> tuple[str, str] | None:
        """The kind and id the Edit button changes: the item chosen (a phase's programme)."""
        data = self._current_key()
        if not data:
            return None
        kind = "programme" if data[0] == "phase" else str(data[0])
        return kind, str(data[1])

    def _update_edit(self) -> None:
        target = self.edit_target()
        self.edit_button.setEnabled(target is not None)
        bundled = target is not None and (
            source_of(self.library, target[0], target[1], self._bundled) == BUNDLED
        )
        self.edit_button.setText(tr("Duplicate and change") if bundled else tr("Edit"))

    def _edit(self) -> None:
        target = self.edit_target()
        if target is not None:
            self.edit_requested.emit(*target)

    def reload(self, library: Library) -> None:
        """Show ``library`` instead (after a save or an import), keeping the search, the
        filters and the choice when it is still there."""
        key = self._current_key()
        self.library = library
        self.store = ExerciseFactsStore(library, self._bundled)
        self._applying = True
        try:
            self.exercise_model.set_store(self.store)
            self.sessions_tree.fill(library, self._bundled, changed=True)
        finally:
            self._applying = False
        self.thumbnails.forget()
        self.today.show_today(self.today.today, library)
        if self._painted:
            self._facts_timer.start()
        self._apply()
        if key is not None:
            kind = str(key[0])
            self.select(kind, str(key[1]))

    # ------------------------------------------------------------------ memory

    def _save(self, choice: SessionChoice) -> None:
        data = self._current_key()
        self.settings.setValue("home/selection", "|".join(str(x) for x in data[:2]) if data else "")
        self.settings.setValue("home/affected", choice.affected or "")
        self.settings.setValue("home/weaker", choice.weaker or "")
        self.settings.setValue("home/weaker_first", choice.weaker_first)

    def _restore(self) -> None:
        self.affected.set_value(str(self.settings.value("home/affected", "")) or None)
        self.weaker.set_value(str(self.settings.value("home/weaker", "")) or None)
        self.weaker_first.setChecked(
            str(self.settings.value("home/weaker_first", "true")).lower() == "true"
        )
        wanted = str(self.settings.value("home/selection", "session|first-session"))
        kind, _, content_id = wanted.partition("|")
        if not self.select(kind, content_id):
            self._show_details()

    def select(self, kind: str, content_id: str) -> bool:
        """Select an entry by kind and id (used by the command line, the editors and
        tests); a search or filter that hides it is cleared."""
        if kind == "exercise":
            if content_id not in self.library.exercises:
                return False
            if self.exercise_model.row_of(content_id) is None:
                self._clear_search()
            row = self.exercise_model.row_of(content_id)
            if row is None:
                return False
            self._applying = True
            try:
                self._show_tab(self.exercise_list)
                index: QModelIndex = self.exercise_model.index(row)
                self.exercise_list.setCurrentIndex(index)
                self.exercise_list.scrollTo(index)
            finally:
                self._applying = False
        else:
            found: QTreeWidgetItem | None = self.sessions_tree.find_row(f"{kind}|{content_id}")
            if found is None:
                return False
            if found.isHidden() or _hidden_above(found):
                self._clear_search()
            self._applying = True
            try:
                self._show_tab(self.sessions_tree)
                self.sessions_tree.setCurrentItem(found)
            finally:
                self._applying = False
        self._show_details()
        return True

    def _clear_search(self) -> None:
        self._applying = True
        try:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.filters.blockSignals(True)
            self.filters.clear()
            self.filters.blockSignals(False)
        finally:
            self._applying = False
        self._apply()


def _hidden_above(item: QTreeWidgetItem) -> bool:
    parent = item.parent()
    while parent is not None:
        if parent.isHidden():
            return True
        parent = parent.parent()
    return False
