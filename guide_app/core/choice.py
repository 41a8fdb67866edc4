"""What the user chose to run: a session (or one exercise as a session) and their sides."""

from __future__ import annotations

from dataclasses import dataclass

from guide_app.core.model import Exercise, ExerciseBlock, Session


@dataclass(frozen=True, slots=True)
class SessionChoice:
    """What the user chose to do, with the side settings the plan needs."""

    session: Session
    programme_id: str | None = None
    phase: str | None = None
    affected: str | None = None  # "left", "right" or None
    weaker: str | None = None
    weaker_first: bool = True
    person: int | None = None  # whose session (a ``people`` row); None: the journal's own


def single_exercise_session(exercise: Exercise) -> Session:
    """A one-exercise session, so a single exercise runs like any other session."""
    return Session(
        version=1,
        kind="session",
        id=f"exercise-{exercise.id}",
        title=exercise.name,
        summary=exercise.summary,
        equipment=exercise.equipment,
        blocks=(ExerciseBlock(exercise=exercise.id),),
    )
