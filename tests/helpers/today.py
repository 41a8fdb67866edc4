"""Shared by the Today tests: a fake "today", a person on a programme, programmes of a
given frequency, and sessions done on given days (as the journal would return them)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from typing import Any

from guide_app.core.clock import FakeClock, today
from guide_app.core.history_records import SessionRecord
from guide_app.core.model import Programme, Session
from guide_app.core.people import Person

CLOCK = FakeClock(wall_start=datetime(2026, 11, 30, 9).timestamp())
TODAY = today(CLOCK)  # Monday 30 November 2026
_rows = itertools.count(1)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def person(
    programme_id: str | None, started_days_ago: int | None, reminders: tuple[str, ...] = ()
) -> Person:
    started = None if started_days_ago is None else days_ago(started_days_ago)
    return Person(
        row=1, uid="a" * 32, programme_id=programme_id, started_on=started, reminders=reminders
    )


def programme(*phases: dict[str, Any], programme_id: str = "plan") -> Programme:
    """A programme of the phases given (name, sessions and frequency at least)."""
    return Programme.model_validate(
        {"version": 2, "kind": "programme", "id": programme_id, "title": "Plan", "phases": phases}
    )


def phase(name: str, frequency: Any, *sessions: str, weeks: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "sessions": list(sessions), "frequency": frequency}
    if weeks is not None:
        out["weeks"] = weeks
    return out


def sessions(*ids: str) -> dict[str, Session]:
    """Sessions of one note each, titled after their id ("heel-a" -> "Heel a")."""
    return {
        i: Session.model_validate(
            {
                "version": 2,
                "kind": "session",
                "id": i,
                "title": i.replace("-", " ").capitalize(),
                "blocks": [{"note": "Read this."}],
            }
        )
        for i in ids
    }


def done(
    session_id: str,
    on: date,
    hour: int = 8,
    *,
    programme_id: str | None = "plan",
    title: str | None = None,
    state: str = "finished",
) -> SessionRecord:
    """A session done on ``on`` at ``hour``:00, as ``Journal.sessions`` returns it."""
    start = datetime(on.year, on.month, on.day, hour).timestamp()
    return SessionRecord(
        row=next(_rows),
        session_id=session_id,
        title=title or session_id.replace("-", " ").capitalize(),
        programme_id=programme_id,
        phase=None,
        affected_side=None,
        weaker_side=None,
        started_at=start,
        ended_at=start + 900,
        state=state,  # type: ignore[arg-type]
    )
