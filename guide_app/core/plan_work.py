"""One exercise's dosage resolved for a plan: the sides it works, each side's numbers,
and the order its sets take.

``sides`` picks the sides and each side's dosage: ``per_side`` (with its ``when``
condition) and ``only`` resolved against the user's sides (``plan_sides``), noting what
had to be assumed. ``resolve`` turns one side's dosage into ``Work``: sets, reps, pace,
seconds (a range is timed at its low end and keeps its top), load, effort and limb.
``runs`` lays the sets out in the order the sides take them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from guide_app.core.amounts import Effort, Load, Span
from guide_app.core.model import (
    Dosage,
    Exercise,
    Pace,
    SideDosage,
    SideOrder,
    Sides,
    TempoPhase,
    dosage_problem,
)
from guide_app.core.plan_sides import SideChoice, is_relative, side_key
from guide_app.core.sides import Side
from guide_app.core.steps import (
    DEFAULT_REST_SECONDS,
    DEFAULT_SIDE_REST_SECONDS,
    DEFAULT_TURN_SECONDS,
)


class PlanError(ValueError):
    """The session cannot be expanded: an unknown exercise or an incomplete dosage."""


@dataclass(frozen=True, slots=True)
class Work:
    """One side's resolved dosage."""

    side: Side
    sets: int
    low: int
    high: int
    pace: Pace
    tempo: tuple[TempoPhase, ...] | None
    hold: float | None
    rest: float
    side_rest: float
    turn: float
    unit: str
    directions: tuple[str | None, ...]
    hold_up_to: float | None = None  # the top of a range, when the seconds are one
    rest_up_to: float | None = None
    side_rest_up_to: float | None = None  # also the turn's, which side_rest sets
    load: Load | None = None
    load_step: Load | None = None
    effort: Effort | None = None
    in_total: bool = False  # the reps alternate and count across both sides
    limb: str | None = None

    @property
    def target(self) -> int:
        return self.high


@dataclass(frozen=True, slots=True)
class Run:
    """One set on one side (or, when reps alternate, on the sides still working)."""

    set: int
    lanes: tuple[Work, ...]
    direction: str | None

    @property
    def side(self) -> Side | None:
        """The one side working, or None when the sides alternate rep by rep."""
        return self.lanes[0].side if len(self.lanes) == 1 else None


@dataclass
class Assumed:
    """What a plan had to assume about the user's sides, for its warnings."""

    affected: list[str] = field(default_factory=list)  # exercises that assumed it
    weaker: list[str] = field(default_factory=list)
    untested: list[str] = field(default_factory=list)  # warnings, one per entry left out

    def warnings(self, choice: SideChoice) -> list[str]:
        found = []
        if self.affected:
            found.append(choice.assumed_warning(self.affected))
        if self.weaker:
            found.append(choice.assumed_weaker_warning(self.weaker))
        found.extend(dict.fromkeys(self.untested))
        return found


def alternates(ex: Exercise, dosage: Dosage) -> bool:
    """Whether the reps alternate sides rep by rep."""
    return ex.sides is Sides.ALTERNATING or dosage.side_order is SideOrder.ALTERNATE_REPS


def sides(
    ex: Exercise, dosage: Dosage, choice: SideChoice, assumed: Assumed
) -> list[tuple[Side, Dosage]]:
    """Each side that works and its dosage, first side first (Side.BOTH for two-sided work)."""
    if ex.sides is Sides.BOTH:
        return [(Side.BOTH, dosage)]
    per = dosage.per_side or {}
    relative = is_relative(per)
    affected = choice.affected_for(relative)
    if relative and choice.affected is None:
        assumed.affected.append(ex.name)
    if dosage.only is not None:
        order = [only_side(dosage.only, ex.name, choice, assumed, affected)]
    else:
        first = choice.first_side(dosage.first_side, affected)
        order = [first, first.other()]
    result = []
    for s in order:
        key = side_key(s, affected, relative)
        entry = _applying(ex, key, per.get(key), choice, affected, assumed)
        result.append((s, dosage.merged(entry)))
    return result


def only_side(
    only: str, name: str, choice: SideChoice, assumed: Assumed, affected: Side | None = None
) -> Side:
    """The one side ``only`` names for the exercise or measurement ``name``, noting an
    affected or weaker side that had to be assumed."""
    if only in ("affected", "unaffected") and choice.affected is None:
        assumed.affected.append(name)
        affected = choice.affected_for(True)
    if only in ("weaker", "stronger") and choice.weaker is None:
        assumed.weaker.append(name)
    return choice.only_side(only, affected)


def _applying(
    ex: Exercise,
    key: str,
    entry: SideDosage | None,
    choice: SideChoice,
    affected: Side | None,
    assumed: Assumed,
) -> SideDosage | None:
    """The per-side entry, or None when its ``when`` condition is not met."""
    if entry is None or entry.when is None:
        return entry
    weaker = choice.tested_weaker(entry.when.weaker, affected)
    if weaker is None:
        assumed.untested.append(choice.untested_warning(ex.name, entry.when.weaker, key))
    return entry if weaker else None


def resolve(ex: Exercise, d: Dosage, side: Side) -> Work:
    """One side's dosage as the plan runs it."""
    problem = dosage_problem(d)
    if problem:
        where = "" if side is Side.BOTH else f" ({side.value} side)"
        raise PlanError(f"{ex.id}{where}: {problem}")
    pace = d.effective_pace
    if pace is Pace.HOLD:
        low = high = 1
        if d.reps is not None:
            low, high = d.reps.low, d.reps.high
        unit = "holds"
    else:
        assert d.reps is not None  # dosage_problem checked it
        low, high = d.reps.low, d.reps.high
        unit = d.unit.value if d.unit else "reps"
    tempo = d.tempo if pace is Pace.TEMPO else None
    if pace is Pace.TEMPO and tempo is None:
        raise PlanError(f"{ex.id}: pace is tempo but no tempo is given")
    hold = d.hold if pace is not Pace.TEMPO else None
    return Work(
        side=side,
        sets=d.sets or 1,
        low=low,
        high=high,
        pace=pace,
        tempo=tempo,
        hold=hold.low if hold is not None else None,
        rest=DEFAULT_REST_SECONDS if d.rest is None else d.rest.low,
        side_rest=DEFAULT_SIDE_REST_SECONDS if d.side_rest is None else d.side_rest.low,
        turn=DEFAULT_TURN_SECONDS if d.side_rest is None else d.side_rest.low,
        unit=unit,
        directions=tuple(d.directions) if d.directions else (None,),
        hold_up_to=_top(hold),
        rest_up_to=_top(d.rest),
        side_rest_up_to=_top(d.side_rest),
        load=d.load,
        load_step=d.load_step,
        effort=d.effort,
        in_total=d.count == "in_total" and alternates(ex, d),
        limb=ex.limb,
    )


def _top(span: Span | None) -> float | None:
    return span.high if span is not None and span.is_range else None


def runs(ex: Exercise, dosage: Dosage, work: list[Work]) -> list[Run]:
    """Every set of every side, in the order the dosage's side order takes them."""
    order = dosage.side_order or SideOrder.SIDE_BY_SIDE
    if ex.sides is Sides.ALTERNATING:
        order = SideOrder.ALTERNATE_REPS
    most = max(w.sets for w in work)
    dirs = work[0].directions
    found: list[Run] = []
    if len(work) == 1 or order is SideOrder.SIDE_BY_SIDE:
        for w in work:
            found.extend(Run(s, (w,), d) for s in range(1, w.sets + 1) for d in dirs)
    elif order is SideOrder.ALTERNATE_SETS:
        for s in range(1, most + 1):
            for w in work:
                if s <= w.sets:
                    found.extend(Run(s, (w,), d) for d in dirs)
    else:
        for s in range(1, most + 1):
            lanes = tuple(w for w in work if s <= w.sets)
            found.extend(Run(s, lanes, d) for d in dirs)
    return found


def shares(total: int, lanes: int) -> list[int]:
    """Each side's share of ``total`` reps counted across ``lanes`` sides (the first side
    one more when it does not divide)."""
    return [len(range(i, total, lanes)) for i in range(lanes)]
