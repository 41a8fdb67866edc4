"""What a session did, per exercise and side, against what its plan asked for; with the
effort ratings and pain reports given during it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from guide_app.core.amounts import parse_load
from guide_app.core.engine import SetDone
from guide_app.core.plan import Plan
from guide_app.core.sides import Side


@dataclass(frozen=True, slots=True)
class SideSummary:
    """One exercise on one side: sets and reps done against planned, seconds held.

    ``sets_done`` counts sets finished as planned; ``cut_short`` sets were started but
    ended early (fewer reps, or a hold let go before its time); ``skipped_sets`` had
    nothing done. ``hold_planned`` is the seconds of holding the plan asked for (0 when
    the exercise has no holds); ``unit`` is what a rep is called (reps, holds, steps).
    """

    exercise: str  # the exercise's name
    side: Side
    sets_done: int
    sets_planned: int
    reps_done: int
    reps_planned: int
    hold_seconds: float
    skipped_sets: int
    exercise_id: str = ""
    unit: str = "reps"
    hold_planned: float = 0.0
    cut_short: int = 0
    loads: tuple[str, ...] = ()  # the loads its sets were done at, in order, as shown


@dataclass(frozen=True, slots=True)
class PainNote:
    """Pain reported during the session: the exercise's name ("" when none was under way)."""

    exercise: str
    side: Side
    score: int
    where: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """The end of a session: its title, whether it was stopped early, the rows, the effort
    rated per (exercise id, side), and the pain reported, in order."""

    title: str
    stopped: bool
    rows: tuple[SideSummary, ...] = field(default_factory=tuple)
    effort: Mapping[tuple[str, Side], int] = field(default_factory=dict)
    pain: tuple[PainNote, ...] = ()


def tenths(seconds: float) -> float:
    """Seconds as they are shown and exported: rounded to tenths."""
    return round(seconds, 1)


def hold_cut_short(hold: float | None, done_reps: int, held: float) -> bool:
    """Whether holds of ``hold`` seconds each were let go early: less was held, to the
    tenth of a second shown, than ``done_reps`` full holds."""
    return bool(hold) and done_reps > 0 and tenths(held) < tenths((hold or 0.0) * done_reps)


def not_completed(s: SetDone) -> bool:
    """A set skipped, ended with reps to go, or with a hold let go early."""
    return s.skipped or hold_cut_short(s.hold, s.done_reps, s.held_seconds)


@dataclass
class _Tally:
    sets_done: int = 0
    sets_planned: int = 0
    reps_done: int = 0
    reps_planned: int = 0
    held: float = 0.0
    hold_planned: float = 0.0
    skipped: int = 0
    cut_short: int = 0
    unit: str = "reps"
    loads: list[str] = field(default_factory=list)


def _load_shown(text: str) -> str:
    """A load as the journal keeps it (``Load.text``), as the screen shows it."""
    try:
        return str(parse_load(text))
    except ValueError:
        return text


def summarise(plan: Plan | None, sets: Iterable[SetDone]) -> tuple[SideSummary, ...]:
    """Rows in the plan's order (then any set the plan did not foresee)."""
    tallies: dict[tuple[str, Side], _Tally] = {}
    names: dict[str, str] = {}
    if plan is not None:
        for step in plan.steps:
            if step.exercise and step.side is not None and step.ends_set:
                tally = tallies.setdefault((step.exercise, step.side), _Tally())
                tally.sets_planned += 1
                tally.reps_planned += step.reps or 0
                tally.hold_planned += (step.hold or 0.0) * (step.reps or 0)
                tally.unit = step.count_unit or "reps"
                names[step.exercise] = step.name or step.exercise
    for s in sets:
        tally = tallies.setdefault((s.exercise, s.side), _Tally())
        names[s.exercise] = s.name
        tally.reps_done += s.done_reps
        tally.held += s.held_seconds
        shown = _load_shown(s.load) if s.load else None
        if shown and (not tally.loads or tally.loads[-1] != shown):
            tally.loads.append(shown)
        if not not_completed(s):
            tally.sets_done += 1
        elif s.done_reps or s.held_seconds:
            tally.cut_short += 1
        else:
            tally.skipped += 1
    return tuple(
        SideSummary(
            exercise=names.get(exercise, exercise),
            side=side,
            sets_done=t.sets_done,
            sets_planned=t.sets_planned,
            reps_done=t.reps_done,
            reps_planned=t.reps_planned,
            hold_seconds=t.held,
            skipped_sets=t.skipped,
            exercise_id=exercise,
            unit=t.unit,
            hold_planned=t.hold_planned,
            cut_short=t.cut_short,
            loads=tuple(t.loads),
        )
        for (exercise, side), t in tallies.items()
    )
