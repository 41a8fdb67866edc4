"""Correcting history: a set, a measurement, a pain or effort entry corrected or deleted
from the history window, each change kept as a correction.

``JournalCorrections`` is the half of ``history.Journal`` that knows the ``corrections``
table. A correction changes the entry's row and keeps, in one transaction, what the
entry's correctable fields were before and are after (JSON), why, and when; the entry
is marked ``corrected_at``. A deletion is a correction with no "after": the entry's row
is kept, marked ``deleted``, and no read shows it again. The last correction of an entry
can be undone (the entry is put back as it was, and that correction forgotten).
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Protocol, TypeGuard, get_args

from guide_app.core import locale_format
from guide_app.core.history_queries import _range
from guide_app.core.history_records import PainMoment, new_uid
from guide_app.core.i18n import tr

EntryKind = Literal["set", "measurement", "pain", "effort"]
KINDS: tuple[EntryKind, ...] = get_args(EntryKind)
MOMENTS: tuple[PainMoment, ...] = get_args(PainMoment)
_TABLES: dict[EntryKind, str] = {
    "set": "sets",
    "measurement": "measurements",
    "pain": "pain",
    "effort": "effort",
}
# The fields of each kind of entry that may be corrected (each is its table's column).
FIELDS: dict[EntryKind, tuple[str, ...]] = {
    "set": ("done_reps", "planned_reps", "hold_achieved", "load", "skipped"),
    "measurement": ("value", "unit"),
    "pain": ("score", "location", "moment"),
    "effort": ("score",),
}
_COLUMNS = "c.uid, c.kind, c.entry, x.session, c.before, c.after, c.reason, c.at"


@dataclass(frozen=True, slots=True)
class Correction:
    """One change to an entry: its correctable fields ``before`` and ``after`` (None: the
    entry was deleted), the reason given, and when (a wall-clock time stamp)."""

    uid: str
    kind: EntryKind
    entry: str  # the entry's uid
    session: int  # the row of the entry's session
    before: dict[str, Any]
    after: dict[str, Any] | None
    reason: str
    at: float

    @property
    def deleted(self) -> bool:
        return self.after is None

    def changed(self) -> tuple[str, ...]:
        """The fields this correction changed, in the order ``FIELDS`` names them."""
        if self.after is None:
            return ()
        after = self.after
        return tuple(f for f in FIELDS[self.kind] if not _same(f, self.before.get(f), after.get(f)))


# --------------------------------------------------------------------------- words


def kind_words(kind: EntryKind) -> str:
    """``set``, ``measurement``, ``pain report``, ``effort rating``."""
    return {
        "set": tr("set"),
        "measurement": tr("measurement"),
        "pain": tr("pain report"),
        "effort": tr("effort rating"),
    }[kind]


def field_label(kind: EntryKind, field: str) -> str:
    """What a form calls one of an entry's fields: ``Reps done``, ``Load``, ``Pain``..."""
    if field == "score":
        return tr("Pain") if kind == "pain" else tr("Effort")
    labels = {
        "planned_reps": tr("Reps planned"),
        "done_reps": tr("Reps done"),
        "hold_achieved": tr("Seconds held"),
        "load": tr("Load"),
        "skipped": tr("Not completed (skipped or cut short)"),
        "value": tr("Value"),
        "unit": tr("Unit"),
        "location": tr("Where"),
        "moment": tr("When"),
    }
    return labels.get(field, field)


def moment_text(moment: str | None) -> str:
    """When pain was felt: ``during``, ``just after`` or ``next morning``."""
    if moment == "after":
        return tr("just after")
    if moment == "next_morning":
        return tr("next morning")
    return tr("during")


def value_text(field: str, value: Any) -> str:
    """One field's value as a person reads it ("—" for none)."""
    if value is None or value == "":
        return moment_text(None) if field == "moment" else "—"
    if field == "skipped":
        return tr("yes") if value else tr("no")
    if field == "moment":
        return moment_text(value)
    if isinstance(value, float):
        return locale_format.decimal(value, 3)
    return str(value)


def change_words(correction: Correction) -> str:
    """``Reps done 12 → 15; Load — → 5 kg``, or ``Deleted``; with the reason when given."""
    if correction.after is None:
        text = tr("Deleted")
    else:
        after = correction.after
        text = "; ".join(
            tr(
                "{field} {before} → {after}",
                field=field_label(correction.kind, f),
                before=value_text(f, correction.before.get(f)),
                after=value_text(f, after.get(f)),
            )
            for f in correction.changed()
        )
    if correction.reason:
        text = tr("{change} ({reason})", change=text, reason=correction.reason)
    return text


# --------------------------------------------------------------------------- checking


def _kind(kind: str) -> EntryKind:
    if kind not in KINDS:
        raise ValueError(
            tr(
                "There is no kind of entry called {kind!r}: it is a set, a measurement, "
                "pain or effort.",
                kind=kind,
            )
        )
    return kind


def _same(field: str, a: Any, b: Any) -> bool:
    if field == "moment":  # no moment is "during", as before journal version 5
        return (a or "during") == (b or "during")
    return bool(a == b) and type(a) is type(b)


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _checked(kind: EntryKind, field: str, value: object) -> Any:
    """``value`` as the journal stores it in ``field``; a ``ValueError`` naming the field
    when it is not a value the field can hold."""
    label = field_label(kind, field)
    if field in ("planned_reps", "done_reps"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(
                tr(
                    "{field} must be a whole number, 0 or more, not {value}.",
                    field=label,
                    value=value,
                )
            )
        return value
    if field == "score":
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10:
            raise ValueError(
                tr(
                    "{field} must be a whole number from 0 to 10, not {value}.",
                    field=label,
                    value=value,
                )
            )
        return value
    if field == "hold_achieved":
        if value is None:
            return None
        if not _is_number(value) or not math.isfinite(value) or value < 0:
            raise ValueError(
                tr(
                    "{field} must be a number of seconds, 0 or more, not {value}.",
                    field=label,
                    value=value,
                )
            )
        return float(value)
    if field == "value":
        if not _is_number(value) or not math.isfinite(value):
            raise ValueError(tr("{field} must be a number, not {value}.", field=label, value=value))
        return float(value)
    if field == "skipped":
        if not isinstance(value, bool):
            raise ValueError(
                tr("{field} must be yes or no, not {value}.", field=label, value=value)
            )
        return value
    if value is not None and not isinstance(value, str):
        raise ValueError(tr("{field} must be text, not {value}.", field=label, value=value))
    text = (value or "").strip()
    if field == "unit":
        if not text:
            raise ValueError(tr("{field} can't be empty.", field=label))
        return text
    if field == "load":
        if not text:
            return None
        from guide_app.core.amounts import parse_load  # pydantic: only when a load is corrected

        try:
            return parse_load(text).text
        except ValueError:
            raise ValueError(
                tr(
                    "{field}: write it like '5 kg', '10 lb', 'red band', 'level 3' or "
                    "'body weight', not {value!r}.",
                    field=label,
                    value=text,
                )
            ) from None
    if field == "moment":
        if text and text not in MOMENTS:
            raise ValueError(
                tr(
                    "{field} must be during, just after or next morning, not {value!r}.",
                    field=label,
                    value=text,
                )
            )
        return text or None
    return text or None  # location


# --------------------------------------------------------------------------- the journal


class _Storage(Protocol):
    person: int

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

    def _now(self, at: float | None) -> float: ...

    def _storage(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...


@contextlib.contextmanager
def _transaction(journal: _Storage) -> Iterator[sqlite3.Connection]:
    """One transaction on the journal: committed when the block ends, else rolled back."""
    with journal._storage() as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


def _entry(
    connection: sqlite3.Connection, kind: EntryKind, uid: str
) -> tuple[dict[str, Any], bool, int]:
    """The entry's correctable fields, whether it is deleted, and its session's row."""
    fields = FIELDS[kind]
    row = connection.execute(
        f"SELECT {', '.join(fields)}, deleted, session FROM {_TABLES[kind]} WHERE uid = ?",
        (uid,),
    ).fetchone()
    if row is None:
        raise ValueError(
            tr("There is no such {kind} in the journal ({uid}).", kind=kind_words(kind), uid=uid)
        )
    values = dict(zip(fields, row[: len(fields)], strict=True))
    if "skipped" in values:
        values["skipped"] = bool(values["skipped"])
    return values, bool(row[-2]), row[-1]


def _store(
    connection: sqlite3.Connection, correction: Correction, *, undoes: str | None = None
) -> None:
    connection.execute(
        "INSERT INTO corrections (uid, kind, entry, before, after, reason, at, undoes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            correction.uid,
            correction.kind,
            correction.entry,
            json.dumps(correction.before),
            None if correction.after is None else json.dumps(correction.after),
            correction.reason,
            correction.at,
            undoes,
        ),
    )


def _correction_from_row(row: Sequence[Any]) -> Correction:
    uid, kind, entry, session, before, after, reason, at = row
    return Correction(
        uid=uid,
        kind=kind,
        entry=entry,
        session=session,
        before=json.loads(before),
        after=None if after is None else json.loads(after),
        reason=reason,
        at=at,
    )


def _joined(kind: EntryKind, where: str) -> str:
    """Corrections of one kind with their entry's session, as one part of a UNION."""
    return (
        f"SELECT {_COLUMNS}, c.id AS n FROM corrections c JOIN {_TABLES[kind]} x "
        f"ON x.uid = c.entry WHERE c.kind = '{kind}' AND {where}"
    )


class JournalCorrections:
    """Correcting, deleting and putting back the entries of the journal's sessions, and
    reading the corrections kept (the half of ``history.Journal`` that knows them)."""

    def correct(
        self: _Storage,
        kind: str,
        uid: str,
        changes: Mapping[str, object],
        reason: str = "",
    ) -> Correction | None:
        """Correct the entry ``uid`` of ``kind`` (set, measurement, pain, effort):
        ``changes`` maps some of its ``FIELDS`` to their right values. The correction is
        kept and the entry marked corrected, in one transaction; None when nothing
        changed (and nothing is kept). A ``ValueError`` names a field that can't be
        corrected or a value it can't hold; a deleted entry can't be corrected."""
        kind = _kind(kind)
        with _transaction(self) as connection:
            before, deleted, session = _entry(connection, kind, uid)
            if deleted:
                raise ValueError(
                    tr(
                        "This {kind} was deleted; undo the deletion to correct it.",
                        kind=kind_words(kind),
                    )
                )
            after = dict(before)
            for field, value in changes.items():
                if field not in FIELDS[kind]:
                    raise ValueError(
                        tr(
                            "A {kind} has no {field} to correct; what can be corrected "
                            "is {fields}.",
                            kind=kind_words(kind),
                            field=field,
                            fields=", ".join(FIELDS[kind]),
                        )
                    )
                after[field] = _checked(kind, field, value)
            if all(_same(f, before[f], after[f]) for f in before):
                return None
            at = self._now(None)
            correction = Correction(
                new_uid(), kind, uid, session, before, after, reason.strip(), at
            )
            _store(connection, correction)
            assignments = ", ".join(f"{f} = ?" for f in FIELDS[kind])
            connection.execute(
                f"UPDATE {_TABLES[kind]} SET {assignments}, corrected_at = ? WHERE uid = ?",
                (*(after[f] for f in FIELDS[kind]), at, uid),
            )
        return correction

    def delete_entry(self: _Storage, kind: str, uid: str, reason: str = "") -> Correction:
        """Delete the entry ``uid`` of ``kind`` from the history: no read shows it again,
        its row is kept (marked deleted) with a correction saying what it was."""
        kind = _kind(kind)
        with _transaction(self) as connection:
            before, deleted, session = _entry(connection, kind, uid)
            if deleted:
                raise ValueError(tr("This {kind} is already deleted.", kind=kind_words(kind)))
            at = self._now(None)
            correction = Correction(new_uid(), kind, uid, session, before, None, reason.strip(), at)
            _store(connection, correction)
            connection.execute(
                f"UPDATE {_TABLES[kind]} SET deleted = 1, corrected_at = ? WHERE uid = ?",
                (at, uid),
            )
        return correction

    def undo_correction(self: _Storage, uid: str) -> Correction | None:
        """Undo the last correction (or deletion) of the entry ``uid`` not undone yet: the
        entry is as it was before it. The undoing is kept as a correction of its own,
        naming the one it ``undoes``, so the trail stays whole and a hand-over file carries
        it; once every correction of an entry is undone, it is no longer marked corrected.
        Returns what was undone; None when nothing is left to undo."""
        with _transaction(self) as connection:
            found = connection.execute(
                "SELECT id, kind FROM corrections c WHERE entry = ? AND undoes IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM corrections u WHERE u.undoes = c.uid) "
                "ORDER BY at DESC, id DESC LIMIT 1",
                (uid,),
            ).fetchone()
            if found is None:
                return None
            number, kind = found
            table = _TABLES[_kind(kind)]
            (row,) = connection.execute(
                f"SELECT {_COLUMNS} FROM corrections c JOIN {table} x ON x.uid = c.entry "
                "WHERE c.id = ?",
                (number,),
            ).fetchall()
            correction = _correction_from_row(row)
            fields = [f for f in FIELDS[correction.kind] if f in correction.before]
            current, _, session = _entry(connection, correction.kind, uid)
            at = self._now(None)
            reason = tr("undone") + (f": {correction.reason}" if correction.reason else "")
            undoing = Correction(
                new_uid(),
                correction.kind,
                uid,
                session,
                current,
                {f: correction.before[f] for f in fields},
                reason,
                at,
            )
            _store(connection, undoing, undoes=correction.uid)
            (left,) = connection.execute(
                "SELECT count(*) FROM corrections c WHERE entry = ? AND undoes IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM corrections u WHERE u.undoes = c.uid)",
                (uid,),
            ).fetchone()
            assignments = "".join(f"{f} = ?, " for f in fields)
            connection.execute(
                f"UPDATE {table} SET {assignments}deleted = 0, corrected_at = ? WHERE uid = ?",
                (*(correction.before[f] for f in fields), at if left else None, uid),
            )
        return correction

    def restore_entry(self: _Storage, kind: str, uid: str) -> Correction:
        """Put back a deleted entry (undo its deletion)."""
        kind = _kind(kind)
        with self._storage() as connection:
            _, deleted, _ = _entry(connection, kind, uid)
        if not deleted:
            raise ValueError(tr("This {kind} is not deleted.", kind=kind_words(kind)))
        undone = JournalCorrections.undo_correction(self, uid)
        assert undone is not None  # a deleted entry has its deletion kept
        return undone

    def corrections_for(self: _Storage, uid: str) -> list[Correction]:
        """The corrections of the entry ``uid`` kept, oldest first."""
        rows = self._read(
            " UNION ALL ".join(_joined(kind, "c.entry = ?") for kind in KINDS) + " ORDER BY 8, n",
            (uid,) * len(KINDS),
        )
        return [_correction_from_row(r[:-1]) for r in rows]

    def corrections(
        self: _Storage, since: date | None = None, until: date | None = None
    ) -> list[Correction]:
        """The corrections of the entries of the person's sessions that started between
        two local dates (both included), oldest first."""
        where, params = _range(since, until, "started_at", self.person)
        within = f"x.session IN (SELECT id FROM sessions WHERE {where})"
        rows = self._read(
            " UNION ALL ".join(_joined(kind, within) for kind in KINDS) + " ORDER BY 8, n",
            params * len(KINDS),
        )
        return [_correction_from_row(r[:-1]) for r in rows]
