"""What the journal holds, as values: a set, a measurement, pain, effort, a session, totals.

Sides are ``core.sides.Side``; a record built with the plain strings "left", "right" or
"both" holds the ``Side`` (a ``StrEnum``, so it still equals and stores as that string).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, NamedTuple, get_args

from guide_app.core.sides import Side

SessionState = Literal["running", "finished", "stopped"]
PainMoment = Literal["during", "after", "next_morning"]
SIDES: tuple[Side, ...] = tuple(Side)
SESSION_STATES: tuple[SessionState, ...] = get_args(SessionState)
BodySide = Side
"""Kept for importers of the old name: a session's affected or weaker side (never both)."""


def new_uid() -> str:
    """A new entry's id, the same on every machine it moves to (32 hex digits)."""
    return uuid.uuid4().hex


def as_side(side: Side | str, what: str) -> Side:
    """``side`` as a ``Side``; a ``ValueError`` naming ``what`` when it is none of them."""
    try:
        return Side(side)
    except ValueError:
        choices = ", ".join(SIDES)
        raise ValueError(f"{what}: side must be one of {choices}, not {side!r}") from None


def as_body_side(side: Side | str | None, what: str) -> Side | None:
    """Left, right or None: the affected or weaker side of a session."""
    if side is None:
        return None
    if side not in (Side.LEFT, Side.RIGHT):
        raise ValueError(f"{what} must be 'left', 'right' or None, not {side!r}")
    return Side(side)


def _check_score(score: int, what: str) -> None:
    if isinstance(score, bool) or not 0 <= score <= 10:
        raise ValueError(f"{what}: score must be a whole number from 0 to 10, not {score!r}")


@dataclass(frozen=True, slots=True)
class SetRecord:
    """One set on one side, as completed (or skipped). ``at`` is filled in when recorded.

    ``done_reps`` counts what was actually done, also when the set was cut short and
    marked ``skipped``. A timed hold counts each hold as a rep; ``hold_planned`` is the
    seconds of each hold, ``hold_achieved`` the seconds held in the whole set, and a hold
    let go early marks the set ``skipped`` (cut short). ``step`` is the set's exercise run
    in the session's plan (its block); ``plan_index`` is the plan index of the set's first
    step on its side, unique in the plan (the two directions of a walk set share exercise,
    side, set and block, not their place), so a resume finds its place exactly. Rows saved
    before journal version 3 have none. ``load`` is what the set was done at, as shown when
    it ended (``Load.text``: "7 kg", "red band"; ``amounts.parse_load`` reads it back);
    None for none, and for rows saved before journal version 4.
    """

    exercise_id: str
    side: Side
    set_number: int
    planned_reps: int
    done_reps: int
    hold_planned: float | None = None
    hold_achieved: float | None = None
    tempo: str | None = None
    skipped: bool = False
    step: int | None = None
    at: float | None = None
    plan_index: int | None = None
    load: str | None = None
    # the same entry on every machine it moves to (journal version 5); not compared
    uid: str | None = field(default=None, compare=False)
    corrected: bool = False  # changed from the history window since it was recorded

    def __post_init__(self) -> None:
        object.__setattr__(self, "side", as_side(self.side, "set"))
        if self.plan_index is not None and self.plan_index < 0:
            raise ValueError(f"set: plan_index counts from 0, not {self.plan_index}")
        if self.set_number < 1:
            raise ValueError(f"set: set_number counts from 1, not {self.set_number}")
        if self.planned_reps < 0 or self.done_reps < 0:
            raise ValueError("set: reps can't be negative")
        for hold in (self.hold_planned, self.hold_achieved):
            if hold is not None and hold < 0:
                raise ValueError("set: hold seconds can't be negative")

    @property
    def cut_short(self) -> bool:
        """Started but not finished as planned: skipped with reps done or seconds held."""
        return self.skipped and (self.done_reps > 0 or (self.hold_achieved or 0.0) > 0)

    @property
    def planned_hold_seconds(self) -> float | None:
        """The seconds of holding the set asked for (None when it has no holds)."""
        if self.hold_planned is None:
            return None
        return self.hold_planned * self.planned_reps


@dataclass(frozen=True, slots=True)
class Measurement:
    """A measurement such as a range of motion in degrees, on one side (or ``both``);
    ``plan_index`` is the plan index of the step that asked for it (None: not asked by a
    plan, or saved before journal version 3)."""

    name: str
    side: Side
    value: float
    unit: str
    at: float | None = None
    plan_index: int | None = None
    uid: str | None = field(default=None, compare=False)
    corrected: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "side", as_side(self.side, "measurement"))


@dataclass(frozen=True, slots=True)
class PainReport:
    """Pain 0-10 and where it is felt; ``exercise_id`` is None when not tied to an exercise.
    ``moment`` is when it was felt: during (None, as every report before journal version
    5), just after the session, or the next morning (asked at the start of the next)."""

    exercise_id: str | None
    side: Side
    score: int
    where: str | None = None
    at: float | None = None
    uid: str | None = field(default=None, compare=False)
    corrected: bool = False
    moment: PainMoment | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "side", as_side(self.side, "pain"))
        _check_score(self.score, "pain")


@dataclass(frozen=True, slots=True)
class EffortRating:
    """How hard an exercise felt, 0-10, given at its end."""

    exercise_id: str
    side: Side
    score: int
    at: float | None = None
    uid: str | None = field(default=None, compare=False)
    corrected: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "side", as_side(self.side, "effort"))
        _check_score(self.score, "effort")


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One run of a session: what was run, for whom, when, and how it ended."""

    row: int
    session_id: str
    title: str
    programme_id: str | None
    phase: str | None
    affected_side: Side | None
    weaker_side: Side | None
    started_at: float
    ended_at: float | None
    state: SessionState
    person: int = 1  # the ``people`` row whose session it is (journal version 5)
    uid: str | None = field(default=None, compare=False)

    @property
    def started_on(self) -> date:
        """The local date the session started; the whole session belongs to this day."""
        return datetime.fromtimestamp(self.started_at).date()


@dataclass(frozen=True, slots=True)
class SessionLog:
    """A session with its sets and pain reports (possibly narrowed to one exercise)."""

    session: SessionRecord
    sets: tuple[SetRecord, ...]
    pain: tuple[PainReport, ...] = ()


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """A session and what a list of sessions shows of it: sets recorded, sets done (not
    skipped), and the highest pain reported (None when none was)."""

    session: SessionRecord
    sets: int
    sets_done: int
    highest_pain: int | None


@dataclass(frozen=True, slots=True)
class SessionDetail:
    """A session with everything recorded in it, each kind oldest first."""

    session: SessionRecord
    sets: tuple[SetRecord, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    pain: tuple[PainReport, ...] = ()
    effort: tuple[EffortRating, ...] = ()


@dataclass(slots=True)
class SideTotals:
    """Totals for one exercise on one side: sets done (not skipped), reps done, seconds held,
    and sets skipped."""

    sets: int = 0
    reps: int = 0
    hold_seconds: float = 0.0
    skipped: int = 0


class DayVolume(NamedTuple):
    """Reps done on one day; a ``both``-sided set counts for the left and the right."""

    day: date
    left: int
    right: int


class MeasurementPoint(NamedTuple):
    day: date
    side: Side
    value: float


def volume_by_day(sets: list[tuple[float, Side | str, int]]) -> list[DayVolume]:
    """Reps per local day on the left and on the right from (session start, side, reps done);
    oldest day first. A set on both sides counts for each."""
    days: dict[date, list[int]] = {}
    for started_at, side, reps in sets:
        volume = days.setdefault(datetime.fromtimestamp(started_at).date(), [0, 0])
        if side in (Side.LEFT, Side.BOTH):
            volume[0] += reps
        if side in (Side.RIGHT, Side.BOTH):
            volume[1] += reps
    return [DayVolume(day, left, right) for day, (left, right) in sorted(days.items())]


def detail_volume(details: list[SessionDetail], exercise_id: str) -> list[DayVolume]:
    """``volume_by_day`` of one exercise over sessions already read."""
    return volume_by_day(
        [
            (d.session.started_at, s.side, s.done_reps)
            for d in details
            for s in d.sets
            if s.exercise_id == exercise_id
        ]
    )


def detail_measurements(details: list[SessionDetail], name: str) -> list[MeasurementPoint]:
    """Every value of one measurement over sessions already read, dated by session start."""
    return [
        MeasurementPoint(d.session.started_on, m.side, m.value)
        for d in details
        for m in d.measurements
        if m.name == name
    ]
