"""The people on one machine: who they are, their sides, their programme and its start.

Each person's sessions are their own (``sessions.person``); the journal reads one person
at a time (``Journal.person``). The first person (row 1) is the default: made by the
journal's migration, with no name, and with every session recorded before people
existed, so a home user never has to set anyone up. A name may be initials; it is shown
on the wall display only when the person asks for it (``show_name``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

from guide_app.core.history_records import new_uid
from guide_app.core.i18n import tr
from guide_app.core.sides import Side

DEFAULT_PERSON = 1
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_COLUMNS = (
    "id, uid, name, affected_side, weaker_side, weaker_first, programme_id, started_on, "
    "reminders, show_name, created_at, updated_at"
)


@dataclass(frozen=True, slots=True)
class Person:
    """One person: their sides, the programme they follow since ``started_on``, the times
    of day they want reminding (``"HH:MM"``), and whether the wall display may name them."""

    row: int
    uid: str
    name: str = ""
    affected: Side | None = None
    weaker: Side | None = None
    weaker_first: bool = True
    programme_id: str | None = None
    started_on: date | None = None
    reminders: tuple[str, ...] = ()
    show_name: bool = False
    created_at: float = 0.0
    updated_at: float = 0.0  # when the details last changed (a hand-over takes the newer)

    @property
    def is_default(self) -> bool:
        return self.row == DEFAULT_PERSON

    def shown_name(self) -> str:
        """The name as the window shows it; the default person without one is "Me"."""
        return self.name or (tr("Me") if self.is_default else tr("Person {n}", n=self.row))

    def display_name(self) -> str:
        """What the wall display may show: the name only when the person asked for it."""
        return self.name if self.show_name else ""


def reminder_times(text: str) -> tuple[str, ...]:
    """Times of day from ``"8:00, 18:30"``: each as ``HH:MM``, sorted, no repeats. A
    ``ValueError`` names the first that isn't a time of day."""
    times = set()
    for part in (p.strip() for p in re.split(r"[,;\s]+", text) if p.strip()):
        match = _TIME.fullmatch(part)
        if match is None:
            raise ValueError(
                tr("{text!r} is not a time of day: write it as 8:00 or 18:30", text=part)
            )
        times.add(f"{int(match.group(1)):02d}:{match.group(2)}")
    return tuple(sorted(times))


class NoSuchPerson(ValueError):
    """No one, or more than one, answers to a name; ``message`` says so and lists the
    people (number: name), so the command line can ask for the number instead."""

    def __init__(self, said: str, people: Sequence[Person]) -> None:
        self.said = said
        self.listed = [f"{p.row}: {p.shown_name()}" for p in people]
        self.message = said + " " + tr("The people here: {listed}", listed="; ".join(self.listed))
        super().__init__(self.message)


def find_person(people: Sequence[Person], text: str) -> Person:
    """The person ``text`` names: their number (row), their name, or the name the window
    shows ("Me"), in any case. ``NoSuchPerson`` when no one or several answer to it."""
    wanted = text.strip().casefold()
    if wanted.isdigit():
        found = [p for p in people if p.row == int(wanted)]
    else:
        found = [p for p in people if wanted in (p.name.casefold(), p.shown_name().casefold())]
    if len(found) == 1:
        return found[0]
    if found:
        raise NoSuchPerson(
            tr("More than one person is called {name!r}: give their number.", name=text), people
        )
    raise NoSuchPerson(tr("No person {name!r} here.", name=text), people)


def _person_from_row(row: Sequence[Any]) -> Person:
    return Person(
        row=row[0],
        uid=row[1],
        name=row[2],
        affected=None if row[3] is None else Side(row[3]),
        weaker=None if row[4] is None else Side(row[4]),
        weaker_first=bool(row[5]),
        programme_id=row[6],
        started_on=date.fromisoformat(row[7]) if row[7] else None,
        reminders=tuple(t for t in row[8].split(",") if t),
        show_name=bool(row[9]),
        created_at=row[10],
        updated_at=row[11],
    )


def _values(person: Person) -> tuple[Any, ...]:
    return (
        person.name.strip(),
        person.affected.value if person.affected else None,
        person.weaker.value if person.weaker else None,
        int(person.weaker_first),
        person.programme_id,
        person.started_on.isoformat() if person.started_on else None,
        ",".join(person.reminders),
        int(person.show_name),
    )


class _Storage(Protocol):
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

    def _write(self, sql: str, params: Sequence[Any]) -> int: ...

    def _now(self, at: float | None) -> float: ...


class JournalPeople:
    """The people kept in the journal: listing, adding, changing and removing them (the
    half of ``history.Journal`` that knows the ``people`` table)."""

    def people(self: _Storage) -> list[Person]:
        """Everyone on this machine, the default person first, then by name."""
        rows = self._read(f"SELECT {_COLUMNS} FROM people ORDER BY id != 1, lower(name), id")
        return [_person_from_row(r) for r in rows]

    def person_by_row(self: _Storage, row: int) -> Person:
        rows = self._read(f"SELECT {_COLUMNS} FROM people WHERE id = ?", (row,))
        if not rows:
            raise ValueError(f"no person {row} in the journal")
        return _person_from_row(rows[0])

    def person_by_uid(self: _Storage, uid: str) -> Person | None:
        rows = self._read(f"SELECT {_COLUMNS} FROM people WHERE uid = ?", (uid,))
        return _person_from_row(rows[0]) if rows else None

    def add_person(self: _Storage, person: Person) -> Person:
        """Add ``person`` (its row is ignored; its uid kept when given, so a person handed
        over from another machine stays the same person); returns it with its row."""
        uid = person.uid or new_uid()
        created = self._now(person.created_at or None)
        row = self._write(
            "INSERT INTO people (name, affected_side, weaker_side, weaker_first, programme_id, "
            "started_on, reminders, show_name, uid, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*_values(person), uid, created, created),
        )
        return replace(person, row=row, uid=uid, created_at=created, updated_at=created)

    def update_person(self: _Storage, person: Person) -> Person:
        """Save what changed of ``person`` (found by its row), stamping ``updated_at``."""
        now = self._now(None)
        self._write(
            "UPDATE people SET name = ?, affected_side = ?, weaker_side = ?, weaker_first = ?, "
            "programme_id = ?, started_on = ?, reminders = ?, show_name = ?, updated_at = ? "
            "WHERE id = ?",
            (*_values(person), now, person.row),
        )
        return replace(person, updated_at=now)

    def remove_person(self: _Storage, row: int) -> None:
        """Remove a person who has no sessions; the default person is never removed."""
        if row == DEFAULT_PERSON:
            raise ValueError(tr("The first person can't be removed."))
        (count,) = self._read("SELECT count(*) FROM sessions WHERE person = ?", (row,))[0]
        if count:
            raise ValueError(
                tr(
                    "This person has sessions in the history, so they are kept. Rename them "
                    "instead, or hand their history over first."
                )
            )
        self._write("DELETE FROM adjustments WHERE person = ?", (row,))
        self._write("DELETE FROM people WHERE id = ?", (row,))
