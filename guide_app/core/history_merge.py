"""A person's history as rows that move between machines, and merging such rows into a
journal: without duplicates however often it is repeated, and never over newer entries.

Every row travels with its ``uid``. Merging matches the person, sessions, entries (sets,
measurements, pain, effort), corrections and accepted progressions by uid: what is new is
inserted under this journal's rows; an entry already here is replaced only when the
file's version is newer (recorded, corrected, or a correction undone, later than this
one's), so a correction, a deletion or an undo made later wins on whichever side it was
made. The rows and their checks are ``history_rows``. A person already
here takes the file's details only when the file was made after the last thing this
journal recorded for them (see ``docs/handover.md``). Everything runs in one transaction:
a row the journal rejects leaves the journal as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from guide_app.core.history_rows import (
    CORRECTION_FIELDS,
    ENTRY_FIELDS,
    PERSON_FIELDS,
    PROGRESSION_FIELDS,
    SESSION_FIELDS,
    Row,
)
from guide_app.core.i18n import ntr, tr

if TYPE_CHECKING:
    from guide_app.core.history import Journal

PersonOutcome = Literal["added", "updated", "unchanged", "kept"]

_PERSON_COLUMNS = [f for f in PERSON_FIELDS if f not in ("uid", "created_at")]


# --------------------------------------------------------------------------- exporting


def export_person(journal: Journal, row: int) -> Row:
    """The person at ``row`` as the file carries them."""
    found = journal._read(f"SELECT {', '.join(PERSON_FIELDS)} FROM people WHERE id = ?", (row,))
    if not found:
        raise ValueError(f"no person {row} in the journal")
    person = dict(zip(PERSON_FIELDS, found[0], strict=True))
    person["reminders"] = [t for t in person["reminders"].split(",") if t]
    return person


def export_progressions(journal: Journal, row: int) -> list[Row]:
    """The progressions the person at ``row`` accepted (undone ones too), oldest first."""
    columns = ", ".join(PROGRESSION_FIELDS)
    rows = journal._read(
        f"SELECT {columns} FROM adjustments WHERE person = ? ORDER BY at, id", (row,)
    )
    return [dict(zip(PROGRESSION_FIELDS, r, strict=True)) for r in rows]


def export_history(journal: Journal, row: int) -> dict[str, list[Row]]:
    """Every ended session of the person at ``row`` with every entry in it, deleted ones
    too (so a deletion moves), and the corrections of those entries. A session still
    running is left out until it ends: until then its sets may still be taken back."""
    where = "se.person = ? AND se.state != 'running'"
    sessions = journal._read(
        f"SELECT {', '.join('se.' + f for f in SESSION_FIELDS)} FROM sessions se "
        f"WHERE {where} ORDER BY se.started_at, se.id",
        (row,),
    )
    history: dict[str, list[Row]] = {
        "sessions": [dict(zip(SESSION_FIELDS, r, strict=True)) for r in sessions]
    }
    for table, fields in ENTRY_FIELDS.items():
        columns = ", ".join("se.uid" if f == "session" else "x." + f for f in fields)
        rows = journal._read(
            f"SELECT {columns} FROM {table} x JOIN sessions se ON se.id = x.session "
            f"WHERE {where} ORDER BY x.id",
            (row,),
        )
        history[table] = [dict(zip(fields, r, strict=True)) for r in rows]
    entries = [e["uid"] for table in ENTRY_FIELDS for e in history[table]]
    found: list[Any] = []
    for part in _chunks(entries):
        found += journal._read(
            f"SELECT {', '.join(CORRECTION_FIELDS)} FROM corrections "
            f"WHERE entry IN ({', '.join('?' * len(part))}) ORDER BY at, id",
            part,
        )
    history["corrections"] = [dict(zip(CORRECTION_FIELDS, r, strict=True)) for r in found]
    return history


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True, slots=True)
class Merged:
    """How many rows of one kind a merge added, and how many it changed."""

    added: int = 0
    updated: int = 0


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What merging a hand-over file did: the person (``added``; ``updated`` from a newer
    file; ``unchanged``; ``kept``: this journal's details are newer), and per kind of row
    how many were added and how many replaced by a newer version from the file."""

    person_row: int
    person: PersonOutcome
    progressions: Merged = Merged()
    with_history: bool = False
    sessions: Merged = Merged()
    entries: Mapping[str, Merged] = field(default_factory=dict)
    corrections: int = 0

    @property
    def changed(self) -> bool:
        counts = [self.progressions, self.sessions, *self.entries.values()]
        return (
            self.person in ("added", "updated")
            or self.corrections > 0
            or any(m.added or m.updated for m in counts)
        )

    def words(self) -> str:
        """What changed, in a sentence or two: "0 new sessions, 0 new sets, ..."."""
        parts = [ntr("{n} new progression", "{n} new progressions", self.progressions.added)]
        if self.progressions.updated:
            parts.append(
                ntr("{n} progression undone", "{n} progressions undone", self.progressions.updated)
            )
        if not self.with_history:
            return tr("No history in the file; {what}.", what=", ".join(parts))
        entries = self.entries
        counted = [
            ntr("{n} new session", "{n} new sessions", self.sessions.added),
            ntr("{n} new set", "{n} new sets", _added(entries, "sets")),
            ntr("{n} new measurement", "{n} new measurements", _added(entries, "measurements")),
            ntr("{n} new pain report", "{n} new pain reports", _added(entries, "pain")),
            ntr("{n} new effort rating", "{n} new effort ratings", _added(entries, "effort")),
            ntr("{n} new correction", "{n} new corrections", self.corrections),
            *parts,
        ]
        text = ", ".join(counted) + "."
        updated = sum(m.updated for m in entries.values())
        if updated:
            text += " " + ntr(
                "{n} entry corrected later in the file replaced the one here.",
                "{n} entries corrected later in the file replaced the ones here.",
                updated,
            )
        return text


def _added(entries: Mapping[str, Merged], table: str) -> int:
    merged = entries.get(table)
    return merged.added if merged is not None else 0


def merge(
    journal: Journal,
    person: Row,
    progressions: Sequence[Row],
    history: Mapping[str, Sequence[Row]] | None,
) -> MergeSummary:
    """Merge a person, their progressions and (when given) their history, all checked
    already, into ``journal`` in one transaction."""
    with journal._storage() as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            row, outcome = _merge_person(connection, person)
            adjusted = _merge_progressions(connection, row, progressions)
            summary = MergeSummary(row, outcome, adjusted)
            if history is not None:
                sessions, by_uid = _merge_sessions(connection, row, history["sessions"])
                changed_at: dict[str, float] = {}
                for c in history["corrections"]:
                    changed_at[c["entry"]] = max(changed_at.get(c["entry"], 0.0), c["at"])
                entries = {
                    table: _merge_entries(connection, table, history[table], by_uid, changed_at)
                    for table in ENTRY_FIELDS
                }
                corrections = _insert_new(
                    connection, "corrections", CORRECTION_FIELDS, history["corrections"]
                )
                summary = MergeSummary(row, outcome, adjusted, True, sessions, entries, corrections)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return summary


def _merge_person(connection: sqlite3.Connection, person: Row) -> tuple[int, PersonOutcome]:
    """The person by uid: added when new, their details taken when the file's changed
    later than these (``updated_at``), else kept."""
    values = [_person_value(person, f) for f in _PERSON_COLUMNS]
    sets = ", ".join(f"{f} = ?" for f in _PERSON_COLUMNS)
    found = connection.execute(
        f"SELECT id, {', '.join(_PERSON_COLUMNS)} FROM people WHERE uid = ?", (person["uid"],)
    ).fetchone()
    if found is None:
        if _unused_default(connection):
            # A fresh machine's default person, with nothing recorded and no details,
            # becomes the person handed over: a home user needs no switching.
            connection.execute(
                f"UPDATE people SET {sets}, uid = ?, created_at = ? WHERE id = 1",
                (*values, person["uid"], person["created_at"]),
            )
            return 1, "added"
        cursor = connection.execute(
            f"INSERT INTO people ({', '.join(_PERSON_COLUMNS)}, uid, created_at) "
            f"VALUES ({', '.join('?' * (len(_PERSON_COLUMNS) + 2))})",
            (*values, person["uid"], person["created_at"]),
        )
        return int(cursor.lastrowid or 0), "added"
    row = int(found[0])
    if list(found[1:]) == values:
        return row, "unchanged"
    here = found[1 + _PERSON_COLUMNS.index("updated_at")]
    if person["updated_at"] <= here:
        return row, "kept"  # the details here changed as late or later
    connection.execute(f"UPDATE people SET {sets} WHERE id = ?", (*values, row))
    return row, "updated"


def _person_value(person: Row, name: str) -> Any:
    value = person[name]
    if name == "reminders":
        return ",".join(value)
    if name in ("weaker_first", "show_name"):
        return int(value)
    return value


def _unused_default(connection: sqlite3.Connection) -> bool:
    found = connection.execute(
        "SELECT name = '' AND programme_id IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM sessions WHERE person = 1) "
        "AND NOT EXISTS (SELECT 1 FROM adjustments WHERE person = 1) FROM people WHERE id = 1"
    ).fetchone()
    return bool(found and found[0])


def _merge_progressions(
    connection: sqlite3.Connection, row: int, progressions: Sequence[Row]
) -> Merged:
    """New progressions added for the person; one undone in the file is undone here too
    (an undone progression stays undone: accepting it again is a new one)."""
    known = _known(connection, "adjustments", "undone_at", [p["uid"] for p in progressions])
    fields = list(PROGRESSION_FIELDS)
    new = [p for p in progressions if p["uid"] not in known]
    connection.executemany(
        f"INSERT INTO adjustments (person, {', '.join(fields)}) "
        f"VALUES (?, {', '.join('?' * len(fields))})",
        [(row, *(p[f] for f in fields)) for p in new],
    )
    undone = [
        p
        for p in progressions
        if p["uid"] in known and known[p["uid"]] is None and p["undone_at"] is not None
    ]
    connection.executemany(
        "UPDATE adjustments SET undone_at = ? WHERE uid = ?",
        [(p["undone_at"], p["uid"]) for p in undone],
    )
    return Merged(len(new), len(undone))


def _merge_sessions(
    connection: sqlite3.Connection, row: int, sessions: Sequence[Row]
) -> tuple[Merged, dict[str, int]]:
    """New sessions added as the person's; one still running here that ended in the file
    takes its end. Returns the counts and each session's row here, by uid."""
    uids = [s["uid"] for s in sessions]
    known = _known(connection, "sessions", "state", uids)
    fields = list(SESSION_FIELDS)
    new = [s for s in sessions if s["uid"] not in known]
    connection.executemany(
        f"INSERT INTO sessions (person, {', '.join(fields)}) "
        f"VALUES (?, {', '.join('?' * len(fields))})",
        [(row, *(s[f] for f in fields)) for s in new],
    )
    ended = [s for s in sessions if known.get(s["uid"]) == "running" and s["state"] != "running"]
    connection.executemany(
        "UPDATE sessions SET state = ?, ended_at = ? WHERE uid = ?",
        [(s["state"], s["ended_at"], s["uid"]) for s in ended],
    )
    return Merged(len(new), len(ended)), _known(connection, "sessions", "id", uids)


def _merge_entries(
    connection: sqlite3.Connection,
    table: str,
    entries: Sequence[Row],
    sessions: Mapping[str, int],
    changed_at: Mapping[str, float],
) -> Merged:
    """New entries inserted in their session here; an entry here replaced only by a newer
    version of it (corrected or deleted later than this one was recorded or corrected)."""
    fields = [f for f in ENTRY_FIELDS[table] if f != "session"]
    # An entry's version: when it was recorded, or last corrected, or a correction of it
    # was undone (which leaves it unmarked): the newer version wins, on either side.
    stamp = (
        "max(coalesce(corrected_at, at), coalesce((SELECT max(c.at) FROM corrections c "
        f"WHERE c.entry = {table}.uid), 0))"
    )
    known = _known(connection, table, stamp, [e["uid"] for e in entries])
    new = [e for e in entries if e["uid"] not in known]
    connection.executemany(
        f"INSERT INTO {table} (session, {', '.join(fields)}) "
        f"VALUES (?, {', '.join('?' * len(fields))})",
        [(sessions[e["session"]], *(e[f] for f in fields)) for e in new],
    )
    newer = [e for e in entries if e["uid"] in known and _stamp(e, changed_at) > known[e["uid"]]]
    changed = [f for f in fields if f != "uid"]
    connection.executemany(
        f"UPDATE {table} SET {', '.join(f'{f} = ?' for f in changed)} WHERE uid = ?",
        [(*(e[f] for f in changed), e["uid"]) for e in newer],
    )
    return Merged(len(new), len(newer))


def _stamp(entry: Row, changed_at: Mapping[str, float]) -> float:
    """The file's version of an entry, as the journal's is read in ``_merge_entries``."""
    corrected = entry["corrected_at"]
    own = float(entry["at"] if corrected is None else corrected)
    return max(own, changed_at.get(entry["uid"], 0.0))


def _insert_new(
    connection: sqlite3.Connection,
    table: str,
    fields: Mapping[str, Any],
    rows: Sequence[Row],
) -> int:
    known = _known(connection, table, "uid", [r["uid"] for r in rows])
    new = [r for r in rows if r["uid"] not in known]
    names = list(fields)
    connection.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [tuple(r[f] for f in names) for r in new],
    )
    return len(new)


def _known(
    connection: sqlite3.Connection, table: str, column: str, uids: Sequence[str]
) -> dict[str, Any]:
    """``column`` of the rows of ``table`` whose uid is among ``uids``, by uid."""
    found: dict[str, Any] = {}
    for part in _chunks(uids):
        rows = connection.execute(
            f"SELECT uid, {column} FROM {table} WHERE uid IN ({', '.join('?' * len(part))})",
            part,
        )
        found.update((uid, value) for uid, value in rows)
    return found


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
