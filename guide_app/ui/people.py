"""People in the window: whom the window is for now, the list that switches person (two
keys from Home), and the form that adds, changes or removes a person.

The journal keeps the people (``core.people``); the window keeps only which one is
current (the setting ``people/current``). Home's side chooser shows the current person's
sides, and a change there is saved to them. With the default person alone nothing of this
shows: no name in the title, no person button on Home; the list opens only when asked.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.clock import today
from guide_app.core.history import Journal, StorageError
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.core.notice import NoticeLevel
from guide_app.core.people import DEFAULT_PERSON, Person, reminder_times
from guide_app.core.sides import Side
from guide_app.ui import keys
from guide_app.ui.side_chooser import SideChooser

if TYPE_CHECKING:
    from guide_app.ui.main_window import MainWindow

CURRENT = "people/current"  # the row of the person the window is for
SIDES_MOVED = "people/sides_moved"  # Home's old side settings went into the default person
_ROLE = Qt.ItemDataRole.UserRole
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


def _side(value: str | None) -> Side | None:
    return Side(value) if value else None


def _writable(journal: Journal) -> bool:
    """False for a journal another running copy owns (this copy only reads it)."""
    return not getattr(journal, "owned_elsewhere", False)


def move_old_sides(settings: QSettings, journal: Journal) -> Person:
    """Before people existed, Home kept the sides in the settings (``home/affected``,
    ``home/weaker``, ``home/weaker_first``). They move into the default person once: the
    first time the window opens a journal whose default person has no sides. Later the
    person's own sides are the ones shown (Home still writes those keys; they are never
    read for a person again). Returns the default person as it is now."""
    person = journal.person_by_row(DEFAULT_PERSON)
    if str(settings.value(SIDES_MOVED, "false")).lower() == "true" or not _writable(journal):
        return person
    if person.affected is None and person.weaker is None:
        affected = str(settings.value("home/affected", "") or "")
        weaker = str(settings.value("home/weaker", "") or "")
        first = str(settings.value("home/weaker_first", "true")).lower() == "true"
        moved = replace(
            person,
            affected=_side(affected if affected in ("left", "right") else None),
            weaker=_side(weaker if weaker in ("left", "right") else None),
            weaker_first=first,
        )
        if moved != person:
            person = journal.update_person(moved)
    settings.setValue(SIDES_MOVED, True)
    return person


class CurrentPerson(QObject):
    """Whom the window is for: the journal reads and writes their sessions, Home shows
    their sides (and saves a change to them), the wall display their name if they asked
    for it. ``changed`` says each switch (and the first, when ``restore`` runs)."""

    changed = Signal(object)  # Person

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.person = Person(DEFAULT_PERSON, "")
        self.switcher: PeopleList | None = None  # the list, while it is open
        self.form: PersonForm | None = None  # the form, while it is open
        self._kept = False  # ``person`` was read from the journal (so a change is saved)
        self._showing = False  # Home's side chooser is being set from the person
        home = window.home
        home.affected.changed.connect(self._sides_changed)
        home.weaker.changed.connect(self._sides_changed)
        home.weaker_first.toggled.connect(self._sides_changed)
        home.person_button.clicked.connect(self.choose)

    def journal(self) -> Journal | None:
        """The window's journal (opened now if it wasn't), or None without one."""
        journal = self.window.adapter.ensure_journal()
        return journal if isinstance(journal, Journal) else None

    def restore(self) -> None:
        """At start: the person of last time (one removed since: the default person)."""
        journal = self.journal()
        if journal is None:
            return  # no journal: Home keeps the sides in the settings, as before people
        settings = self.window.settings
        try:
            default = move_old_sides(settings, journal)
            try:
                person = journal.person_by_row(int(str(settings.value(CURRENT, DEFAULT_PERSON))))
            except ValueError:
                person = default
        except StorageError as error:
            self.window.show_notice(error.message, NoticeLevel.PROBLEM)
            return
        self.set_person(person)

    def set_person(self, person: Person) -> None:
        """The window is for ``person`` from now on."""
        journal = self.journal()
        if journal is not None:
            journal.person = person.row
        self.person = person
        self._kept = journal is not None
        self.window.settings.setValue(CURRENT, person.row)
        self.window.home.person = person.row
        self._show_sides(person)
        self.show_who()
        if self.window.display is not None:
            self.window.display.show_person(person.display_name())
        self.changed.emit(person)

    # ------------------------------------------------------------------ shown

    def several(self) -> bool:
        """More than one person on this machine (else nothing of people shows)."""
        journal = self.journal()
        if journal is None:
            return False
        try:
            return len(journal.people()) > 1
        except StorageError:
            return False

    def show_who(self) -> None:
        """The person's name in the title and on Home, only when there are several."""
        several = self.several()
        name = self.person.shown_name()
        title = tr("Session Guide — {person}", person=name) if several else tr("Session Guide")
        self.window.setWindowTitle(title)
        button = self.window.home.person_button
        key = keys.key_names("people", self.window.table, most=1)
        text = tr("Person: {name}", name=name)
        button.setText(tr("{label}  ({key})", label=text, key=key) if key else text)
        button.setAccessibleName(tr("Change person"))
        button.setVisible(several)

    def _show_sides(self, person: Person) -> None:
        home = self.window.home
        self._showing = True
        try:
            home.affected.set_value(person.affected.value if person.affected else None)
            home.weaker.set_value(person.weaker.value if person.weaker else None)
            home.weaker_first.setChecked(person.weaker_first)
        finally:
            self._showing = False

    def _sides_changed(self) -> None:
        """A side chosen on Home is the person's from now on."""
        journal = self.journal() if self._kept and not self._showing else None
        if journal is None or not _writable(journal):
            return
        home = self.window.home
        person = replace(
            self.person,
            affected=_side(home.affected.value()),
            weaker=_side(home.weaker.value()),
            weaker_first=home.weaker_first.isChecked(),
        )
        if person == self.person:
            return
        try:
            self.person = journal.update_person(person)
        except StorageError as error:
            self.window.show_notice(error.message, NoticeLevel.PROBLEM)

    # ------------------------------------------------------------------ choosing

    def choose(self) -> None:
        """The list of people: a number (or the arrows and Enter) switches to one."""
        journal = self.journal()
        if journal is None:
            self.window.show_notice(
                tr("People are kept in the history, and it could not be opened."),
                NoticeLevel.PROBLEM,
            )
            return
        try:
            people = journal.people()
        except StorageError as error:
            self.window.show_notice(error.message, NoticeLevel.PROBLEM)
            return
        self.switcher = PeopleList(
            people, self.person.row, self.window, editable=_writable(journal)
        )
        self.switcher.person_picked.connect(lambda row: self._picked(journal, row))
        self.switcher.new_requested.connect(lambda: self.edit(None))
        self.switcher.change_requested.connect(lambda: self.edit(self.person))
        self.switcher.finished.connect(self._switcher_closed)
        self.switcher.open()

    def _switcher_closed(self) -> None:
        if self.switcher is not None:
            self.switcher.deleteLater()
            self.switcher = None

    def _picked(self, journal: Journal, row: int) -> None:
        try:
            self.set_person(journal.person_by_row(row))
        except (StorageError, ValueError) as error:
            self.window.show_notice(getattr(error, "message", str(error)), NoticeLevel.PROBLEM)

    def edit(self, person: Person | None) -> None:
        """The person form: a new person (None), or a change to ``person``."""
        journal = self.journal()
        if journal is None:
            return
        day = today(self.window.adapter.run.clock)
        self.form = PersonForm(journal, self.window.home.library, day, person, self.window)
        self.form.saved.connect(self.set_person)
        self.form.removed.connect(lambda row: self._removed(journal, row))
        self.form.finished.connect(self._form_closed)
        self.form.open()

    def _form_closed(self) -> None:
        if self.form is not None:
            self.form.deleteLater()
            self.form = None

    def _removed(self, journal: Journal, row: int) -> None:
        if row == self.person.row:
            self._picked(journal, DEFAULT_PERSON)
        else:
            self.show_who()


class PeopleList(QDialog):
    """A short list: the people, numbered 1-9, then "New person…" and "Change…".

    A number picks at once; the arrows and Enter pick too; Esc closes."""

    person_picked = Signal(int)  # the person's row
    new_requested = Signal()
    change_requested = Signal()

    def __init__(
        self,
        people: list[Person],
        current: int,
        parent: QWidget | None = None,
        *,
        editable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Person"))
        self.list = QListWidget()
        self.list.setAccessibleName(tr("People on this computer"))
        self._people = [p.row for p in people[:9]]
        chosen = 0
        for n, person in enumerate(people, 1):
            name = person.shown_name()
            if person.row == current:
                name = tr("{name} (now)", name=name)
                chosen = n - 1
            item = QListWidgetItem(f"{n}   {name}" if n <= 9 else f"     {name}")
            item.setData(_ROLE, ("person", person.row))
            self.list.addItem(item)
        if editable:
            current_name = next((p.shown_name() for p in people if p.row == current), "")
            for text, kind in (
                (tr("New person…"), "new"),
                (tr("Change {name}…", name=current_name), "change"),
            ):
                item = QListWidgetItem(f"     {text}")
                item.setData(_ROLE, (kind, 0))
                self.list.addItem(item)
        self.list.setCurrentRow(chosen)
        self.list.itemActivated.connect(self._activated)
        self.list.installEventFilter(self)
        hint = QLabel(tr("Press a number, or choose with the arrows and Enter. Esc closes."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        self.resize(420, 90 + 28 * self.list.count())

    def entries(self) -> list[str]:
        """The list's lines as shown."""
        return [self.list.item(r).text().strip() for r in range(self.list.count())]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            number = _DIGITS.get(key)
            if number is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                if number <= len(self._people):
                    self._pick("person", self._people[number - 1])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None:
                    self._activated(item)
                return True
        return super().eventFilter(watched, event)

    def _activated(self, item: QListWidgetItem) -> None:
        kind, row = item.data(_ROLE)
        self._pick(str(kind), int(row))

    def _pick(self, kind: str, row: int) -> None:
        self.accept()
        if kind == "person":
            self.person_picked.emit(row)
        elif kind == "new":
            self.new_requested.emit()
        else:
            self.change_requested.emit()


class PersonForm(QDialog):
    """A person's name (or initials), sides, programme and its start, reminder times, and
    whether the wall display may name them. Saves to the journal; removes a person who
    has no sessions (the journal says why it won't remove one who has)."""

    saved = Signal(object)  # Person, as the journal now keeps them
    removed = Signal(int)  # the row of the person removed

    def __init__(
        self,
        journal: Journal,
        library: Library,
        day: date,
        person: Person | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.old = person
        shown = person if person is not None else Person(0, "")
        self.setWindowTitle(
            tr("New person") if person is None else tr("Change {name}", name=person.shown_name())
        )
        self.name = QLineEdit(shown.name)
        self.name.setPlaceholderText(tr("Name or initials"))
        self.name.setAccessibleName(tr("Name or initials"))
        self.affected = SideChooser(tr("Affected side"))
        self.affected.set_value(shown.affected.value if shown.affected else None)
        self.weaker = SideChooser(tr("Weaker side"))
        self.weaker.set_value(shown.weaker.value if shown.weaker else None)
        self.weaker_first = QCheckBox(tr("Start each exercise with the affected or weaker side"))
        self.weaker_first.setChecked(shown.weaker_first)

        self.programme = QComboBox()
        self.programme.setAccessibleName(tr("Programme"))
        self.programme.addItem(tr("No programme"), None)
        for programme in sorted(library.programmes.values(), key=lambda p: p.title):
            self.programme.addItem(programme.title, programme.id)
        if shown.programme_id and shown.programme_id not in library.programmes:
            missing = tr("{id} (not in the library)", id=shown.programme_id)
            self.programme.addItem(missing, shown.programme_id)
        self.programme.setCurrentIndex(max(0, self.programme.findData(shown.programme_id)))
        self.started_on = QDateEdit()
        self.started_on.setCalendarPopup(True)
        self.started_on.setDisplayFormat("d MMM yyyy")
        self.started_on.setAccessibleName(tr("Programme start date"))
        start = shown.started_on or day
        self.started_on.setDate(QDate(start.year, start.month, start.day))
        self.programme.currentIndexChanged.connect(self._programme_chosen)
        self._programme_chosen()

        self.reminders = QLineEdit(", ".join(shown.reminders))
        self.reminders.setPlaceholderText(tr("For example 8:00, 18:30"))
        self.reminders.setAccessibleName(tr("Reminder times"))
        self.reminders_error = QLabel()
        self.reminders_error.setObjectName("problem")
        self.reminders_error.setWordWrap(True)
        self.reminders_error.setStyleSheet("color: #ff8a80;")
        self.reminders_error.hide()
        self.reminders.textChanged.connect(self._check_reminders)
        reminders = QWidget()
        reminders_layout = QVBoxLayout(reminders)
        reminders_layout.setContentsMargins(0, 0, 0, 0)
        reminders_layout.addWidget(self.reminders)
        reminders_layout.addWidget(self.reminders_error)

        self.show_name = QCheckBox(tr("Show my name on the wall display"))
        self.show_name.setChecked(shown.show_name)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #ff8a80;")
        self.problem.hide()

        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(self.affected)
        form.addRow(self.weaker)
        form.addRow(self.weaker_first)
        form.addRow(tr("Programme"), self.programme)
        form.addRow(tr("Started on"), self.started_on)
        form.addRow(tr("Reminders"), reminders)
        form.addRow(self.show_name)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.remove_button: QPushButton | None = None
        if person is not None and not person.is_default:
            self.remove_button = self.buttons.addButton(
                tr("Remove…"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.remove_button.clicked.connect(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._really = False  # Remove was pressed once: the second press removes

    def _programme_chosen(self) -> None:
        self.started_on.setEnabled(self.programme.currentData() is not None)

    def _check_reminders(self) -> tuple[str, ...] | None:
        """The times written, or None with the reason shown under the field."""
        try:
            times = reminder_times(self.reminders.text())
        except ValueError as error:
            self.reminders_error.setText(str(error))
            self.reminders_error.show()
            return None
        self.reminders_error.hide()
        return times

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def person(self) -> Person | None:
        """The person as the form says (None while a reminder time is wrong)."""
        times = self._check_reminders()
        if times is None:
            return None
        old = self.old if self.old is not None else Person(0, "")
        programme_id = self.programme.currentData()
        day = self.started_on.date()
        return replace(
            old,
            name=self.name.text().strip(),
            affected=_side(self.affected.value()),
            weaker=_side(self.weaker.value()),
            weaker_first=self.weaker_first.isChecked(),
            programme_id=programme_id,
            started_on=date(day.year(), day.month(), day.day()) if programme_id else None,
            reminders=times,
            show_name=self.show_name.isChecked(),
        )

    def save(self) -> None:
        person = self.person()
        if person is None:
            self.reminders.setFocus()
            return
        try:
            if self.old is None:
                person = self.journal.add_person(person)
            else:
                person = self.journal.update_person(person)
        except StorageError as error:
            self._show_problem(error.message)
            return
        self.accept()
        self.saved.emit(person)

    def remove(self) -> None:
        """Remove the person (asked twice); one with sessions is kept, and the form says why."""
        assert self.old is not None and self.remove_button is not None
        if not self._really:
            self._really = True
            self.remove_button.setText(tr("Remove {name}: press again", name=self.old.shown_name()))
            return
        try:
            self.journal.remove_person(self.old.row)
        except ValueError as error:  # they have sessions: kept, and the journal says why
            self._show_problem(str(error))
            self.remove_button.setEnabled(False)
            return
        except StorageError as error:
            self._show_problem(error.message)
            return
        self.accept()
        self.removed.emit(self.old.row)
