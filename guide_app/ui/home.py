"""Home: choose a programme phase, a session or one exercise, set the sides, and start."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.choice import SessionChoice, single_exercise_session
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.core.model import Phase, Session
from guide_app.ui import keys

ROLE = Qt.ItemDataRole.UserRole


def phase_title(phase: Phase) -> str:
    """A phase as the tree lists it: its name, and its weeks when the programme says."""
    if phase.weeks is None:
        return phase.name
    if phase.weeks.first == phase.weeks.last:
        weeks = tr("week {week}", week=phase.weeks.first)
    else:
        weeks = tr("weeks {first}-{last}", first=phase.weeks.first, last=phase.weeks.last)
    return tr("{phase} ({weeks})", phase=phase.name, weeks=weeks)


def _with_key(label: str, action: str, table: tuple[keys.Binding, ...]) -> str:
    """A button's label followed by the key that does the same, if one is bound."""
    key = keys.key_names(action, table, most=1)
    return tr("{label}  ({key})", label=label, key=key) if key else label


class SideChooser(QWidget):
    """Three radio buttons: not set, left, right."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        label.setMinimumWidth(140)
        layout.addWidget(label)
        self._group = QButtonGroup(self)
        self._buttons: dict[str | None, QRadioButton] = {}
        for value, text in ((None, tr("Not set")), ("left", tr("Left")), ("right", tr("Right"))):
            button = QRadioButton(text)
            button.setAccessibleName(tr("{chooser}: {choice}", chooser=title, choice=text))
            self._group.addButton(button)
            self._buttons[value] = button
            layout.addWidget(button)
            button.toggled.connect(self._toggled)
            button.installEventFilter(self)
        layout.addStretch()
        self._buttons[None].setChecked(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down move along the row too, as Left and Right do."""
        if event.type() == QEvent.Type.KeyPress and watched in self._buttons.values():
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None:
                buttons = list(self._buttons.values())
                i = buttons.index(watched) + step  # type: ignore[arg-type]
                if 0 <= i < len(buttons):
                    buttons[i].setFocus(Qt.FocusReason.TabFocusReason)
                    buttons[i].setChecked(True)
                return True
        return super().eventFilter(watched, event)

    def _toggled(self, on: bool) -> None:
        if on:
            self.changed.emit()

    def value(self) -> str | None:
        for value, button in self._buttons.items():
            if button.isChecked():
                return value
        return None

    def set_value(self, value: str | None) -> None:
        self._buttons.get(value, self._buttons[None]).setChecked(True)


class HomePage(QWidget):
    start_requested = Signal(object)  # SessionChoice

    def __init__(
        self,
        library: Library,
        settings: QSettings,
        describe: Callable[[Session, str | None, str | None], str],
        parent: QWidget | None = None,
    ) -> None:
        """``describe(session, affected, weaker)`` returns the outline and duration as HTML."""
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self._describe = describe

        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search exercises, sessions and programmes…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())
        self.tree.itemActivated.connect(lambda *_: self._start())
        self.tree.installEventFilter(self)  # typing on the list goes to the search box
        self._fill_tree()

        table = keys.bindings(settings)
        self.history_button = QPushButton(_with_key(tr("History"), "history", table))
        self.voice_button = QPushButton(_with_key(tr("Voice"), "voice", table))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree)
        buttons = QHBoxLayout()
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.voice_button)
        left_layout.addLayout(buttons)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a content title, as written
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(False)

        self.affected = SideChooser(tr("Affected side"))
        self.weaker = SideChooser(tr("Weaker side"))
        self.weaker_first = QCheckBox(tr("Start each exercise with the affected or weaker side"))
        self.weaker_first.setChecked(True)
        for widget in (self.affected, self.weaker):
            widget.changed.connect(self._show_details)

        self.start_button = QPushButton(tr("Start  ▶"))
        self.start_button.setObjectName("primary")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(56)
        self.start_button.clicked.connect(self._start)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.details, 1)
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

        self._restore()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A letter typed on the list starts a search, as it would on a phone's list."""
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            text = event.text()
            plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            if plain and text.isprintable() and text.strip():
                self.search.setFocus(Qt.FocusReason.OtherFocusReason)
                self.search.insert(text)
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ tree

    def _fill_tree(self) -> None:
        lib = self.library
        programmes = QTreeWidgetItem(self.tree, [tr("Programmes")])
        for programme in sorted(lib.programmes.values(), key=lambda p: p.title):
            item = QTreeWidgetItem(programmes, [programme.title])
            item.setData(0, ROLE, ("programme", programme.id, None))
            for phase in programme.phases:
                phase_item = QTreeWidgetItem(item, [phase_title(phase)])
                phase_item.setData(0, ROLE, ("phase", programme.id, phase.name))
                for session_id in phase.sessions:
                    session = lib.sessions[session_id]
                    leaf = QTreeWidgetItem(phase_item, [session.title])
                    leaf.setData(0, ROLE, ("session", session_id, (programme.id, phase.name)))
        sessions = QTreeWidgetItem(self.tree, [tr("Sessions")])
        for session in sorted(lib.sessions.values(), key=lambda s: s.title):
            item = QTreeWidgetItem(sessions, [session.title])
            item.setData(0, ROLE, ("session", session.id, None))
        exercises = QTreeWidgetItem(self.tree, [tr("Exercises")])
        for exercise in sorted(lib.exercises.values(), key=lambda e: e.name):
            item = QTreeWidgetItem(exercises, [exercise.name])
            item.setData(0, ROLE, ("exercise", exercise.id, None))
        for top in (programmes, sessions):
            top.setExpanded(True)

    def _filter(self, text: str) -> None:
        words = text.lower().split()

        def visit(item: QTreeWidgetItem | None) -> bool:
            if item is None:
                return False
            own = item.text(0).lower()
            data = item.data(0, ROLE)
            haystack = own + " " + (self._search_text(data) if data else "")
            matches = all(w in haystack for w in words)
            child_match = False
            for i in range(item.childCount()):
                child_match |= visit(item.child(i))
            visible = not words or matches or child_match
            item.setHidden(not visible)
            if words and child_match:
                item.setExpanded(True)
            return visible

        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            assert top is not None
            top.setHidden(False)
            for j in range(top.childCount()):
                visit(top.child(j))
        if words:
            first = self._first_visible_leaf()
            if first is not None:
                self.tree.setCurrentItem(first)

    def _search_text(self, data: tuple[str, str, object]) -> str:
        kind, content_id = data[0], data[1]
        if kind == "exercise":
            e = self.library.exercises[content_id]
            return " ".join([e.id, e.position, *e.targets, *e.equipment]).lower()
        if kind == "session":
            s = self.library.sessions[content_id]
            names = [self.library.exercises[i].name for i in s.exercise_ids()]
            return " ".join([s.id, s.summary or "", *names]).lower()
        return content_id

    def _first_visible_leaf(self) -> QTreeWidgetItem | None:
        iterator = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            if item is None or item.isHidden():
                continue
            data = item.data(0, ROLE)
            if data and data[0] in ("session", "exercise"):
                return item
            iterator = [item.child(i) for i in range(item.childCount())] + iterator
        return None

    # ------------------------------------------------------------------ choice

    def current_choice(self) -> SessionChoice | None:
        item = self.tree.currentItem()
        data = item.data(0, ROLE) if item is not None else None
        if not data:
            return None
        kind, content_id, extra = data
        programme_id = phase = None
        if kind == "phase":
            programme = self.library.programmes[content_id]
            phase_model = next(p for p in programme.phases if p.name == extra)
            programme_id, phase = content_id, extra
            session = self.library.sessions[phase_model.sessions[0]]
        elif kind == "programme":
            programme = self.library.programmes[content_id]
            programme_id, phase = content_id, programme.phases[0].name
            session = self.library.sessions[programme.phases[0].sessions[0]]
        elif kind == "session":
            session = self.library.sessions[content_id]
            if extra:
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
        )

    def _show_details(self) -> None:
        choice = self.current_choice()
        self.start_button.setEnabled(choice is not None)
        if choice is None:
            self.title.setText(tr("Choose a session"))
            hint = tr(
                "Pick a programme phase, a session or a single exercise on the left, "
                "set the affected side if one side needs more work, and press Start."
            )
            self.details.setHtml(f"<p>{escape(hint)}</p>")
            return
        heading = choice.session.title
        if choice.programme_id:
            heading = tr(
                "{programme} — {phase}",
                programme=self.library.programmes[choice.programme_id].title,
                phase=choice.phase,
            )
        self.title.setText(heading)
        self.details.setHtml(self._describe(choice.session, choice.affected, choice.weaker))

    def _start(self) -> None:
        choice = self.current_choice()
        if choice is None:
            return
        self._save(choice)
        self.start_requested.emit(choice)

    # ------------------------------------------------------------------ memory

    def _save(self, choice: SessionChoice) -> None:
        item = self.tree.currentItem()
        data = item.data(0, ROLE) if item is not None else None
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
        found = self._find(wanted)
        if found is not None:
            self.tree.setCurrentItem(found)
        self._show_details()

    def _find(self, wanted: str) -> QTreeWidgetItem | None:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            data = item.data(0, ROLE)
            if data and "|".join(str(x) for x in data[:2]) == wanted:
                parent = item.parent()
                while parent is not None:
                    parent.setExpanded(True)
                    parent = parent.parent()
                return item
            stack.extend(item.child(i) for i in range(item.childCount()))
        return None

    def select(self, kind: str, content_id: str) -> bool:
        """Select an entry by kind and id (used by the command line and tests)."""
        found = self._find(f"{kind}|{content_id}")
        if found is not None:
            self.tree.setCurrentItem(found)
        return found is not None
