"""Fakes for the session run's ports: a voice that records what it was asked to say, and a
journal that keeps its rows in memory. Neither needs Qt."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from guide_app.core.history import (
    EffortRating,
    Measurement,
    PainReport,
    SessionRecord,
    SetRecord,
)
from guide_app.core.sides import Side
from guide_app.core.voice import Priority, VoiceStatus


@dataclass(frozen=True, slots=True)
class Said:
    text: str
    priority: Priority
    at: float | None
    language: str | None = None


class FakeVoice:
    """Says nothing; remembers every request. ``ready`` phrases count as prepared at once."""

    def __init__(self, status: VoiceStatus = VoiceStatus.READY) -> None:
        self.status = status
        self.said: list[Said] = []
        self.beeps: list[float | None] = []
        self.prepared: set[str] = set()
        self.languages: dict[str, str] = {}  # as prepare gave them
        self.stops = 0
        self.muted = False

    def prepare(self, phrases: Iterable[str], languages: Mapping[str, str] | None = None) -> None:
        self.prepared |= set(phrases)
        self.languages.update(languages or {})

    def say(
        self, text: str, priority: Priority, at: float | None = None, language: str | None = None
    ) -> None:
        self.said.append(Said(text, priority, at, language))

    def beep(self, at: float | None = None) -> None:
        self.beeps.append(at)

    def spoken_seconds(self, text: str, priority: Priority) -> float | None:
        return None  # no rendered sound: the engine keeps the plan's times

    def stop(self) -> None:
        self.stops += 1

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def texts(self) -> list[str]:
        return [s.text for s in self.said]


@dataclass
class _Session:
    record: SessionRecord
    sets: list[SetRecord] = field(default_factory=list)
    pain: list[PainReport] = field(default_factory=list)
    effort: list[EffortRating] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)


class FakeJournal:
    """The session journal in memory, with the real one's rules for rows and states."""

    def __init__(self) -> None:
        self.notice: str | None = None
        self.sessions: dict[int, _Session] = {}
        self.measurements: list[Measurement] = []
        self.pain: list[PainReport] = []
        self.effort: list[EffortRating] = []
        self.closed = False

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
    ) -> int:
        row = len(self.sessions) + 1
        self.sessions[row] = _Session(
            SessionRecord(
                row,
                session_id,
                title,
                programme_id,
                phase,
                affected_side,
                weaker_side,
                started_at or 0.0,
                None,
                "running",
                person or 1,
            )
        )
        return row

    def record_set(self, session_row: int, record: SetRecord) -> SetRecord:
        self.sessions[session_row].sets.append(record)
        return record

    def withdraw_set(
        self, session_row: int, exercise_id: str, side: Side, set_number: int, step: int | None
    ) -> bool:
        sets = self.sessions[session_row].sets
        for i in range(len(sets) - 1, -1, -1):
            s = sets[i]
            if (s.exercise_id, s.side, s.set_number, s.step) == (
                exercise_id,
                side,
                set_number,
                step,
            ):
                del sets[i]
                return True
        return False

    def record_measurement(self, session_row: int, measurement: Measurement) -> Measurement:
        self.measurements.append(measurement)
        self.sessions[session_row].measurements.append(measurement)
        return measurement

    def record_pain(self, session_row: int, report: PainReport) -> PainReport:
        self.pain.append(report)
        self.sessions[session_row].pain.append(report)
        return report

    def record_effort(self, session_row: int, rating: EffortRating) -> EffortRating:
        """Like the journal: a later rating of the same exercise and side replaces one."""
        same = (rating.exercise_id, rating.side)
        for ratings in (self.effort, self.sessions[session_row].effort):
            ratings[:] = [e for e in ratings if (e.exercise_id, e.side) != same]
            ratings.append(rating)
        return rating

    def pain_for(self, row: int) -> list[PainReport]:
        return list(self.sessions[row].pain)

    def effort_for(self, row: int) -> list[EffortRating]:
        return list(self.sessions[row].effort)

    def measurements_for(self, row: int) -> list[Measurement]:
        return list(self.sessions[row].measurements)

    def end_session(
        self,
        row: int,
        state: Literal["finished", "stopped"] = "finished",
        *,
        at: float | None = None,
    ) -> None:
        old = self.sessions[row].record
        self.sessions[row].record = SessionRecord(
            old.row,
            old.session_id,
            old.title,
            old.programme_id,
            old.phase,
            old.affected_side,
            old.weaker_side,
            old.started_at,
            at or 0.0,
            state,
        )

    def abandon(self, row: int) -> None:
        self.end_session(row, "stopped")

    def interrupted_session(self) -> SessionRecord | None:
        running = [s.record for s in self.sessions.values() if s.record.state == "running"]
        return running[-1] if running else None

    def resume_point(self, row: int) -> list[SetRecord]:
        return list(self.sessions[row].sets)

    def programme_started(self, programme_id: str) -> float | None:
        starts = [
            s.record.started_at
            for s in self.sessions.values()
            if s.record.programme_id == programme_id
        ]
        return min(starts) if starts else None

    def close(self) -> None:
        self.closed = True
