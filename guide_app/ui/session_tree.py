"""Home's programmes and sessions: programme, phase and session as a tree, each row with its
length and equipment beside it, narrowed by the search and the filters.

A session's length comes from its plan, as the outline's does; planning takes a while
(tens of milliseconds for a long session), so it is worked out on a worker thread for
the rows painted, written in when it is ready, and kept for the library it belongs to
(another Home over the same library finds it; ``fill`` after a change works it out anew).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QHeaderView, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem

from guide_app.core.content_language import shown
from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library
from guide_app.core.model import Phase, Programme, Session
from guide_app.core.plan import PlanError, expand
from guide_app.ui import theme
from guide_app.ui.background import Background
from guide_app.ui.library_filters import ExerciseFacts, Filter, equipment_key, source_of

ROLE = Qt.ItemDataRole.UserRole  # (kind, id, extra)
WORDS_ROLE = Qt.ItemDataRole.UserRole + 1  # what a search looks in, lower case
FACTS_WIDTH = 24  # the facts column, in average characters

# Each library's session lengths and equipment, by session id, as long as the library lives.
_LENGTHS: dict[int, tuple[weakref.ref[Library], dict[str, str]]] = {}


def _lengths(library: Library, *, fresh: bool) -> dict[str, str]:
    """The lengths worked out for ``library`` so far (none, when ``fresh``)."""
    key = id(library)
    found = _LENGTHS.get(key)
    if found is not None and found[0]() is library and not fresh:
        return found[1]
    lengths: dict[str, str] = {}
    gone = weakref.ref(library, lambda _: _LENGTHS.pop(key, None))
    _LENGTHS[key] = (gone, lengths)
    return lengths


def phase_title(phase: Phase) -> str:
    """A phase as the tree lists it: its name, and its weeks when the programme says."""
    if phase.weeks is None:
        return shown(phase.name)
    if phase.weeks.first == phase.weeks.last:
        weeks = tr("week {week}", week=phase.weeks.first)
    else:
        weeks = tr("weeks {first}-{last}", first=phase.weeks.first, last=phase.weeks.last)
    return tr("{phase} ({weeks})", phase=shown(phase.name), weeks=weeks)


def programme_facts(programme: Programme) -> str:
    """A programme's length: its phases, and the weeks they span when it says."""
    phases = ntr("{n} phase", "{n} phases", len(programme.phases))
    weeks = [p.weeks for p in programme.phases if p.weeks is not None]
    if not weeks:
        return phases
    first, last = min(w.first for w in weeks), max(w.last for w in weeks)
    span = tr("weeks {first}-{last}", first=first, last=last)
    return tr("{phases} · {weeks}", phases=phases, weeks=span)


def session_equipment(library: Library, session: Session) -> list[str]:
    """What a session needs, its own list first, each thing once."""
    found = list(session.equipment)
    for exercise_id in session.exercise_ids():
        exercise = library.exercises.get(exercise_id)
        if exercise is not None:
            found += [e for e in exercise.equipment if e not in found]
    return found


def session_facts(library: Library, session: Session) -> str:
    """A session's length from its plan, and its equipment: "25 min · mat, loop band"."""
    try:
        seconds = expand(session, library.exercises).total_seconds()
    except PlanError:
        return tr("cannot run")
    minutes = max(1, round(seconds / 60))
    length = ntr("{n} min", "{n} min", minutes)
    equipment = session_equipment(library, session)
    if not equipment:
        return tr("{length} · no equipment", length=length)
    return tr("{length} · {equipment}", length=length, equipment=tr(", ").join(equipment))


class SessionTree(QTreeWidget):
    """Programmes (with their phases and sessions), then every session."""

    def __init__(self, library: Library, bundled: Path) -> None:
        super().__init__()
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setAccessibleName(tr("Programmes and sessions"))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.fontMetrics().averageCharWidth() * FACTS_WIDTH)
        self._jobs = Background(self._work, threads=1, name="session-length", parent=self)
        self._jobs.finished.connect(self._facts_ready)
        self.fill(library, bundled)

    # ------------------------------------------------------------------ rows

    def fill(self, library: Library, bundled: Path, *, changed: bool = False) -> None:
        """Show ``library``'s programmes and sessions; ``changed``: its content changed
        since it was last shown (a save, an import), so lengths are worked out again."""
        self.library = library
        self._bundled = bundled
        self._facts = _lengths(library, fresh=changed)  # session id -> length, equipment
        self._items: dict[str, list[QTreeWidgetItem]] = {}  # session id -> its rows
        self._sessions: dict[str, tuple[str, frozenset[str]]] = {}  # id -> source, equipment
        self.clear()
        programmes = QTreeWidgetItem(self, [tr("Programmes")])
        for programme in sorted(library.programmes.values(), key=lambda p: p.title):
            item = self._row(programmes, programme.title, ("programme", programme.id, None))
            item.setText(1, programme_facts(programme))
            words = [programme.title, programme.id, programme.summary or ""]
            item.setData(0, WORDS_ROLE, " ".join(words).lower())
            for phase in programme.phases:
                phase_item = self._row(
                    item, phase_title(phase), ("phase", programme.id, phase.name)
                )
                phase_item.setText(1, ntr("{n} session", "{n} sessions", len(phase.sessions)))
                phase_item.setData(0, WORDS_ROLE, phase_title(phase).lower())
                for session_id in phase.sessions:
                    session = library.sessions[session_id]
                    self._session_row(phase_item, session, (programme.id, phase.name))
        sessions = QTreeWidgetItem(self, [tr("Sessions")])
        for session in sorted(library.sessions.values(), key=lambda s: s.title):
            self._session_row(sessions, session, None)
        for top in (programmes, sessions):
            top.setExpanded(True)
            top.setFirstColumnSpanned(True)

    def _row(
        self, parent: QTreeWidgetItem, title: str, data: tuple[object, ...]
    ) -> QTreeWidgetItem:
        title = shown(title)  # content in English where the language has no translation
        item = QTreeWidgetItem(parent, [title, ""])
        item.setData(0, ROLE, data)
        item.setToolTip(0, title)
        item.setForeground(1, QBrush(QColor(theme.MUTED_TEXT)))
        return item

    def _session_row(
        self, parent: QTreeWidgetItem, session: Session, extra: tuple[str, str] | None
    ) -> None:
        item = self._row(parent, session.title, ("session", session.id, extra))
        names = [
            self.library.exercises[i].name
            for i in session.exercise_ids()
            if i in self.library.exercises
        ]
        item.setData(
            0,
            WORDS_ROLE,
            " ".join([session.title, session.id, session.summary or "", *names]).lower(),
        )
        self._items.setdefault(session.id, []).append(item)
        if session.id not in self._sessions:
            source = source_of(self.library, "session", session.id, self._bundled)
            equipment = frozenset(
                equipment_key(e) for e in session_equipment(self.library, session)
            )
            self._sessions[session.id] = (source, equipment)
        if session.id in self._facts:
            self._show_facts(item, self._facts[session.id])

    # ------------------------------------------------------------------ lengths

    def drawRow(
        self,
        painter: QPainter,
        options: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """A session row painted without its length asks for it."""
        data = index.data(ROLE)
        if data and data[0] == "session" and data[1] not in self._facts:
            self._jobs.request(data[1])
        super().drawRow(painter, options, index)

    def _work(self, key: Hashable) -> tuple[Session, str] | None:
        """On a worker thread: the session's length, from the library it belongs to."""
        library = self.library
        session = library.sessions.get(str(key))
        return None if session is None else (session, session_facts(library, session))

    def _facts_ready(self, key: Hashable, result: object) -> None:
        if not isinstance(result, tuple):
            return
        session, text = result
        if self.library.sessions.get(str(key)) is not session:
            return  # the library was replaced meanwhile: its own rows will ask
        self._facts[str(key)] = text
        for item in self._items.get(str(key), ()):
            self._show_facts(item, text)

    @staticmethod
    def _show_facts(item: QTreeWidgetItem, text: str) -> None:
        item.setText(1, text)
        item.setToolTip(1, text)

    def wait_for_lengths(self, timeout: float = 5.0) -> bool:
        """Block until the lengths asked for are in (for tests and screenshots)."""
        return self._jobs.wait(timeout)

    # ------------------------------------------------------------------ search and filters

    def apply(
        self,
        words: Sequence[str],
        chosen: Filter,
        facts_of: Callable[[str], ExerciseFacts | None],
    ) -> int:
        """Hide what the search words and the filters leave out; returns how many
        programmes and sessions are left."""
        passes: dict[str, bool] = {}

        def session_passes(session_id: str) -> bool:
            if session_id not in passes:
                session = self.library.sessions[session_id]
                source, equipment = self._sessions[session_id]
                found = [facts_of(i) for i in session.exercise_ids()]
                exercises = [f for f in found if f is not None]
                passes[session_id] = chosen.admits_session(source, equipment, exercises)
            return passes[session_id]

        def visit(item: QTreeWidgetItem, ancestor_matches: bool) -> bool:
            data = item.data(0, ROLE)
            own = str(item.data(0, WORDS_ROLE) or "")
            matches = ancestor_matches or all(w in own for w in words)
            if data and data[0] == "session":
                visible = matches and (chosen.is_open() or session_passes(data[1]))
            else:
                visible = False
                for i in range(item.childCount()):
                    child = item.child(i)
                    assert child is not None
                    visible = visit(child, matches) or visible
            item.setHidden(not visible)
            if words and visible and item.childCount():
                item.setExpanded(True)
            return visible

        shown = 0
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            assert top is not None
            top.setHidden(False)
            for j in range(top.childCount()):
                child = top.child(j)
                assert child is not None
                shown += visit(child, False)
        return shown

    def first_leaf(self) -> QTreeWidgetItem | None:
        """The first session shown, for a search to choose."""
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None or item.isHidden():
                continue
            data = item.data(0, ROLE)
            if data and data[0] == "session":
                return item
            stack = [item.child(i) for i in range(item.childCount())] + stack
        return None

    def find_row(self, wanted: str) -> QTreeWidgetItem | None:
        """The row whose kind and id are ``wanted`` ("session|first-session"), opened."""
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
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
