"""A small programme with progression rules and next-morning pain limits, its session and
exercises, and a journal with a person's logged sessions: for the progression tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal, SetRecord
from guide_app.core.model import Exercise, ExerciseBlock, Programme, Session
from guide_app.core.people import Person
from guide_app.core.plan import Plan
from guide_app.core.sides import Side
from guide_app.core.steps import StepKind
from tests.helpers.content import block, exercise, library, session

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 9).timestamp()
PROGRAMME_ID = "clam-programme"
SESSION_ID = "clam-session"


def clock() -> FakeClock:
    return FakeClock(wall_start=NOW)


def rules(**then: Any) -> list[dict[str, Any]]:
    """The first phase's progression: 3x15 clamshells in 2 sessions in a row, then
    ``then`` (20 reps unless given); and a bridge rule in words only."""
    return [
        {"text": "Hold the pelvis still."},
        {
            "text": "Once 3x15 is easy, do 20.",
            "rule": {
                "exercise": "clamshell",
                "sets": 3,
                "reps": 15,
                "sessions": 2,
                "then": then or {"reps": 20},
            },
        },
        {
            "text": "Once 10 bridges are easy, add the band.",
            "rule": {"exercise": "bridge", "sets": 1, "reps": 10, "then": "add the band"},
        },
    ]


def programme(
    pain: dict[str, Any] | None = None, progression: list[dict[str, Any]] | None = None
) -> Programme:
    """Two phases: "Early" (weeks 0-3) with the rules, then "Later" (weeks 4-8)."""
    data: dict[str, Any] = {
        "version": 2,
        "kind": "programme",
        "id": PROGRAMME_ID,
        "title": "Clam programme",
        "phases": [
            {
                "name": "Early",
                "weeks": "0-3",
                "sessions": [SESSION_ID],
                "frequency": "daily",
                "progression": rules() if progression is None else progression,
            },
            {"name": "Later", "weeks": "4-8", "sessions": [SESSION_ID], "frequency": "daily"},
        ],
    }
    if pain is not None:
        data["pain"] = pain
    return Programme.model_validate(data)


def exercises(**clamshell: Any) -> dict[str, Exercise]:
    return library(
        exercise("clamshell", **({"sets": 3, "reps": 15} | clamshell)),
        exercise("bridge", sides="both", sets=1, reps=10),
        exercise("side-plank", sets=1, reps=5),
    )


def clam_session(by_week: dict[Any, Any] | None = None, **dosage: Any) -> Session:
    """Clamshells (with this dosage, or week by week), then bridges."""
    clams = block("clamshell", **dosage)
    if by_week is not None:
        clams = ExerciseBlock.model_validate({**clams.model_dump(), "by_week": by_week})
    return session(clams, block("bridge"), session_id=SESSION_ID, version=2)


def journal_with_person(path: Path, fake: FakeClock, name: str = "J.S.") -> tuple[Journal, Person]:
    """A journal reading a second person's history, who started the programme on
    2026-11-23 (week 2 on the 30th), affected side left."""
    journal = Journal(path, clock=fake)
    person = journal.add_person(
        Person(
            0,
            "",
            name=name,
            affected=Side.LEFT,
            programme_id=PROGRAMME_ID,
            started_on=date(2026, 11, 23),
        )
    )
    journal.person = person.row
    return journal, person


def log_session(
    journal: Journal,
    day: date,
    reps: int = 15,
    *,
    phase: str = "Early",
    exercise_id: str = "clamshell",
    hour: int = 9,
) -> int:
    """A finished session of the programme on ``day``: 3 sets of ``reps`` each side."""
    start = datetime(day.year, day.month, day.day, hour).timestamp()
    row = journal.begin_session(
        SESSION_ID, "Clam session", programme_id=PROGRAMME_ID, phase=phase, started_at=start
    )
    for side in (Side.LEFT, Side.RIGHT):
        for number in (1, 2, 3):
            journal.record_set(
                row, SetRecord(exercise_id, side, number, reps, reps, at=start + number)
            )
    journal.end_session(row, "finished", at=start + 600)
    return row


def two_good_sessions(journal: Journal) -> None:
    """3x15 on each side on the two days before 2026-11-30."""
    for back in (2, 1):
        log_session(journal, TODAY - timedelta(days=back))


def dose(plan: Plan, exercise_id: str = "clamshell") -> set[tuple[int | None, int | None]]:
    """The (sets, reps) the plan gives an exercise, on every side."""
    return {
        (s.sets, s.reps) for s in plan.steps if s.kind is StepKind.REP and s.exercise == exercise_id
    }


def loads(plan: Plan, exercise_id: str = "clamshell") -> set[str | None]:
    return {
        s.load.text if s.load else None
        for s in plan.steps
        if s.kind is StepKind.READY and s.exercise == exercise_id
    }
