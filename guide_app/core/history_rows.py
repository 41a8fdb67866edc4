"""The rows a hand-over file carries (a person, their progressions, sessions, entries and
corrections), and the checks each row must pass before anything is merged: every field
present and of its kind, no uid twice, every entry's session in the file."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from guide_app.core.i18n import tr

Row = dict[str, Any]

# --------------------------------------------------------------------------- the rows

_UID = re.compile(r"^[0-9a-f]{32}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) < 1e15
    )


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31


def _maybe(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or check(value)


def _one_of(*allowed: Any) -> Callable[[Any], bool]:
    return lambda value: value in allowed and not isinstance(value, bool)


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 100_000


def _uid(value: Any) -> bool:
    return isinstance(value, str) and bool(_UID.match(value))


def _flag(value: Any) -> bool:
    return value in (0, 1)  # True and False are 1 and 0


def _score(value: Any) -> bool:
    return _whole(value) and value <= 10


_SIDE = _one_of("left", "right", "both")
_BODY_SIDE = _maybe(_one_of("left", "right"))

# The fields of each kind of row, each with its check; ``session`` is the session's uid.
SESSION_FIELDS: dict[str, Callable[[Any], bool]] = {
    "uid": _uid,
    "session_id": _text,
    "title": _text,
    "programme_id": _maybe(_text),
    "phase": _maybe(_text),
    "affected_side": _BODY_SIDE,
    "weaker_side": _BODY_SIDE,
    "started_at": _number,
    "ended_at": _maybe(_number),
    "state": _one_of("running", "finished", "stopped"),
}
_ENTRY_END = {"at": _number, "corrected_at": _maybe(_number), "deleted": _flag}
ENTRY_FIELDS: dict[str, dict[str, Callable[[Any], bool]]] = {
    "sets": {
        "uid": _uid,
        "session": _uid,
        "step": _maybe(_whole),
        "exercise_id": _text,
        "side": _SIDE,
        "set_number": lambda v: _whole(v) and v >= 1,
        "planned_reps": _whole,
        "done_reps": _whole,
        "hold_planned": _maybe(lambda v: _number(v) and v >= 0),
        "hold_achieved": _maybe(lambda v: _number(v) and v >= 0),
        "tempo": _maybe(_text),
        "skipped": _flag,
        "plan_index": _maybe(_whole),
        "load": _maybe(_text),
        **_ENTRY_END,
    },
    "measurements": {
        "uid": _uid,
        "session": _uid,
        "name": _text,
        "side": _SIDE,
        "value": _number,
        "unit": _text,
        "plan_index": _maybe(_whole),
        **_ENTRY_END,
    },
    "pain": {
        "uid": _uid,
        "session": _uid,
        "exercise_id": _maybe(_text),
        "side": _SIDE,
        "score": _score,
        "location": _maybe(_text),
        "moment": _maybe(_one_of("during", "after", "next_morning")),
        **_ENTRY_END,
    },
    "effort": {
        "uid": _uid,
        "session": _uid,
        "exercise_id": _text,
        "side": _SIDE,
        "score": _score,
        **_ENTRY_END,
    },
}
CORRECTION_FIELDS: dict[str, Callable[[Any], bool]] = {
    "uid": _uid,
    "kind": _one_of("set", "measurement", "pain", "effort"),
    "entry": _uid,
    "before": _text,
    "after": _maybe(_text),
    "reason": _text,
    "at": _number,
    "undoes": _maybe(_uid),
}
PROGRESSION_FIELDS: dict[str, Callable[[Any], bool]] = {
    "uid": _uid,
    "programme_id": _text,
    "rule": _text,
    "change": _text,
    "reason": _text,
    "at": _number,
    "undone_at": _maybe(_number),
}
PERSON_FIELDS: dict[str, Callable[[Any], bool]] = {
    "uid": _uid,
    "name": _text,
    "affected_side": _BODY_SIDE,
    "weaker_side": _BODY_SIDE,
    "weaker_first": _flag,
    "programme_id": _maybe(_text),
    "started_on": _maybe(lambda v: isinstance(v, str) and bool(_DAY.match(v))),
    "reminders": lambda v: (
        isinstance(v, list) and all(isinstance(t, str) and _TIME.match(t) for t in v)
    ),
    "show_name": _flag,
    "created_at": _number,
    "updated_at": _number,
}
HISTORY_KINDS = ("sessions", *ENTRY_FIELDS, "corrections")


def check_rows(rows: Any, fields: Mapping[str, Callable[[Any], bool]], where: str) -> list[str]:
    """What is wrong with a list of rows of one kind, each problem naming where it is."""
    if not isinstance(rows, list):
        return [tr("{where}: not a list", where=where)]
    problems: list[str] = []
    seen: set[str] = set()
    for n, row in enumerate(rows):
        if not isinstance(row, dict):
            problems.append(tr("{where}[{n}]: not an object", where=where, n=n))
            continue
        problems += check_row(row, fields, f"{where}[{n}]")
        uid = row.get("uid")
        if isinstance(uid, str):
            if uid in seen:
                problems.append(
                    tr("{where}[{n}]: uid {uid} is there twice", where=where, n=n, uid=uid)
                )
            seen.add(uid)
    return problems


def check_row(
    row: Mapping[str, Any], fields: Mapping[str, Callable[[Any], bool]], where: str
) -> list[str]:
    """The fields of one row that are missing or hold a value of the wrong kind."""
    missing = [f for f in fields if f not in row]
    wrong = [f for f in fields if f in row and not fields[f](row[f])]
    problems = []
    if missing:
        problems.append(tr("{where}: lacks {fields}", where=where, fields=", ".join(missing)))
    for name in wrong:
        problems.append(
            tr(
                "{where}: {field} is {value!r}, which it cannot be",
                where=where,
                field=name,
                value=_short(row[name]),
            )
        )
    return problems


def check_history(history: Any) -> list[str]:
    """What is wrong with a history part: each kind a list of well-formed rows, and every
    entry in a session the part holds."""
    if not isinstance(history, dict):
        return [tr("history.json: not an object")]
    problems = check_rows(history.get("sessions"), SESSION_FIELDS, "sessions")
    for table, fields in ENTRY_FIELDS.items():
        problems += check_rows(history.get(table), fields, table)
    problems += check_rows(history.get("corrections"), CORRECTION_FIELDS, "corrections")
    if problems:
        return problems
    sessions = {s["uid"] for s in history["sessions"]}
    for table in ENTRY_FIELDS:
        for n, entry in enumerate(history[table]):
            if entry["session"] not in sessions:
                problems.append(
                    tr(
                        "{where}[{n}]: its session {uid} is not in the file",
                        where=table,
                        n=n,
                        uid=entry["session"],
                    )
                )
    return problems


def _short(value: Any) -> Any:
    return value[:40] + "..." if isinstance(value, str) and len(value) > 40 else value
