"""What a session run needs of the journal: the port the real SQLite journal fills, and a
fake in ``tests/helpers`` does in memory."""

from __future__ import annotations

from typing import Literal, Protocol

from guide_app.core.history import (
    EffortRating,
    Measurement,
    PainReport,
    SessionRecord,
    SetRecord,
)
from guide_app.core.sides import Side


class SessionJournal(Protocol):
    """Writes a session's record as it happens; reads what a resume needs. An effort
    rating replaces the session's earlier one for the same exercise and side."""

    notice: str | None

    def begin_session(
        self,
        session_id: str,
        title: str,
        *,
        programme_id: str | None = None,
        phase: str | None = None,
        affected_side: Literal["left", "right"] | None = None,
        weaker_side: Literal["left", "right"] | None = None,
        started_at: float | None = None,
        person: int | None = None,
    ) -> int: ...

    def record_set(self, session_row: int, record: SetRecord) -> SetRecord: ...

    def withdraw_set(
        self, session_row: int, exercise_id: str, side: Side, set_number: int, step: int | None
    ) -> bool: ...

    def record_measurement(self, session_row: int, measurement: Measurement) -> Measurement: ...

    def record_pain(self, session_row: int, report: PainReport) -> PainReport: ...

    def record_effort(self, session_row: int, rating: EffortRating) -> EffortRating: ...

    def pain_for(self, row: int) -> list[PainReport]: ...

    def effort_for(self, row: int) -> list[EffortRating]: ...

    def measurements_for(self, row: int) -> list[Measurement]: ...

    def end_session(
        self,
        row: int,
        state: Literal["finished", "stopped"] = "finished",
        *,
        at: float | None = None,
    ) -> None: ...

    def abandon(self, row: int) -> None: ...

    def interrupted_session(self) -> SessionRecord | None: ...

    def resume_point(self, row: int) -> list[SetRecord]: ...

    def programme_started(self, programme_id: str) -> float | None: ...

    def close(self) -> None: ...
