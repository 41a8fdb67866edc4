"""The journal's ``adjustments`` table: the progressions a person accepted and the
next-morning answers that held or stepped their dose down, each kept for good (an undone
one keeps ``undone_at``).

``JournalAdjustments`` is the half of ``history.Journal`` that knows this table, as
``people.JournalPeople`` knows ``people``. A row's ``change`` column holds JSON: for a
progression ``{"exercise", "phase", "change" (a ``Change``) or null, "words"}``; for a
next-morning answer (``rule`` is ``MORNING``) ``{"about" (the session's uid), "score",
"back", "exceeded", "action"}``. What offers and applies them is ``adjustments``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol

from guide_app.core.history_records import new_uid
from guide_app.core.model import Change

MORNING = "next-morning"  # the rule of a row that keeps a next-morning answer
Action = Literal["carry_on", "hold", "step_down", "stop"]
_COLUMNS = "id, uid, person, programme_id, rule, change, reason, at, undone_at"


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One row: a progression accepted (``change``, or words only: advice noted) for the
    rule ``rule`` of ``exercise`` in ``phase``, or a next-morning answer (``rule`` is
    ``MORNING``: ``exceeded`` and the ``action`` it led to). ``reason`` says why."""

    row: int
    uid: str
    person: int
    programme_id: str
    rule: str
    reason: str = ""
    at: float = 0.0
    undone_at: float | None = None
    exercise: str | None = None
    phase: str | None = None
    change: Change | None = None
    words: str = ""
    about: str | None = None  # next morning: the uid of the session it was about
    score: int | None = None
    back: bool | None = None
    exceeded: bool = False
    action: Action | None = None

    @property
    def is_morning(self) -> bool:
        return self.rule == MORNING

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    def active(self, as_of: float | None = None) -> bool:
        """Accepted by ``as_of`` (a time stamp; None: now) and not undone by then."""
        if as_of is None:
            return self.undone_at is None
        return self.at <= as_of and (self.undone_at is None or self.undone_at > as_of)


def _stored(adjustment: Adjustment) -> str:
    if adjustment.is_morning:
        data: dict[str, Any] = {
            "about": adjustment.about,
            "score": adjustment.score,
            "back": adjustment.back,
            "exceeded": adjustment.exceeded,
            "action": adjustment.action,
        }
    else:
        change = adjustment.change
        data = {
            "exercise": adjustment.exercise,
            "phase": adjustment.phase,
            "change": None if change is None else change.model_dump(mode="json", exclude_none=True),
            "words": adjustment.words,
        }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _from_row(row: Sequence[Any]) -> Adjustment:
    base = Adjustment(
        row=row[0],
        uid=row[1],
        person=row[2],
        programme_id=row[3],
        rule=row[4],
        reason=row[6],
        at=row[7],
        undone_at=row[8],
    )
    try:
        data = json.loads(row[5])
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    if base.is_morning:
        action = data.get("action")
        return replace(
            base,
            about=data.get("about"),
            score=data.get("score"),
            back=data.get("back"),
            exceeded=bool(data.get("exceeded")),
            action=action if action in ("carry_on", "hold", "step_down", "stop") else None,
        )
    change = None
    if isinstance(data.get("change"), dict):
        try:
            change = Change.model_validate(data["change"])
        except ValueError:
            change = None  # a change this version can't read is kept, not applied
    return replace(
        base,
        exercise=data.get("exercise"),
        phase=data.get("phase"),
        change=change,
        words=str(data.get("words") or ""),
    )


class _Storage(Protocol):
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

    def _write(self, sql: str, params: Sequence[Any]) -> int: ...

    def _now(self, at: float | None) -> float: ...


class JournalAdjustments:
    """Writing, undoing and reading the rows of ``adjustments``."""

    def add_adjustment(self: _Storage, adjustment: Adjustment) -> Adjustment:
        """Keep ``adjustment`` (its row is ignored; a uid and time are given when
        missing); returns it with its row."""
        uid = adjustment.uid or new_uid()
        at = self._now(adjustment.at or None)
        row = self._write(
            "INSERT INTO adjustments (uid, person, programme_id, rule, change, reason, at, "
            "undone_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uid,
                adjustment.person,
                adjustment.programme_id,
                adjustment.rule,
                _stored(adjustment),
                adjustment.reason,
                at,
                adjustment.undone_at,
            ),
        )
        return replace(adjustment, row=row, uid=uid, at=at)

    def undo_adjustment(self: _Storage, uid: str, at: float | None = None) -> float | None:
        """Mark the adjustment ``uid`` undone (the row stays, for the history); returns
        when it was undone, or None when there is no such row still in force."""
        when = self._now(at)
        self._write(
            "UPDATE adjustments SET undone_at = ? WHERE uid = ? AND undone_at IS NULL",
            (when, uid),
        )
        found = self._read("SELECT undone_at FROM adjustments WHERE uid = ?", (uid,))
        return when if found and found[0][0] == when else None

    def adjustments(
        self: _Storage, person: int, programme_id: str | None = None
    ) -> list[Adjustment]:
        """Every row of ``person`` (of one programme when given), undone ones included,
        oldest first."""
        rows = self._read(
            f"SELECT {_COLUMNS} FROM adjustments WHERE person = ? "
            "AND (? IS NULL OR programme_id = ?) ORDER BY at, id",
            (person, programme_id, programme_id),
        )
        return [_from_row(r) for r in rows]

    def sessions_between(
        self: _Storage, person: int, programme_id: str, after: float, before: float | None
    ) -> int:
        """How many of ``person``'s sessions of a programme started after ``after`` (and
        before ``before``, when given)."""
        (count,) = self._read(
            "SELECT count(*) FROM sessions WHERE person = ? AND programme_id = ? "
            "AND started_at > ? AND (? IS NULL OR started_at < ?)",
            (person, programme_id, after, before, before),
        )[0]
        return int(count)
