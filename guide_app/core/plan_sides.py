"""Side resolution for a plan: the user's affected, weaker and first sides, and their rules.

``per_side`` written as affected/unaffected is resolved against the user's affected
side; with none given, the weaker side (else the left) is taken as affected and the plan
carries a warning. The first side is the dosage's ``first_side`` or the user's
preference (affected first by default): affected falls back to weaker, then left;
weaker falls back to affected, then left.

Version 2 adds two rules. ``only`` names the one side an exercise works, resolved the
same way (a warning when the affected or the weaker side had to be assumed). A
``per_side`` entry with ``when: {weaker: ...}`` applies only when the user's weaker side
is the one it names; with no weaker side given it does not apply, and the plan says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from guide_app.core.i18n import tr
from guide_app.core.model import FirstSide
from guide_app.core.sides import Side, side_word

SideKey = Literal["affected", "unaffected", "left", "right"]


def parse_side(value: Side | str | None, what: str) -> Side | None:
    """``value`` as a body side (left or right), or None; ``what`` names it in the error."""
    if value is None:
        return None
    side = Side(value)
    if side is Side.BOTH:
        raise ValueError(tr("the {what} side must be left or right, not both", what=what))
    return side


def is_relative(per_side: Mapping[SideKey, object] | None) -> bool:
    """Whether a dosage's ``per_side`` is written as affected/unaffected."""
    return bool((per_side or {}).keys() & {"affected", "unaffected"})


def side_key(side: Side, affected: Side | None, relative: bool) -> SideKey:
    """The ``per_side`` key that holds ``side``'s numbers."""
    if relative:
        return "affected" if side is affected else "unaffected"
    return "left" if side is Side.LEFT else "right"


@dataclass(frozen=True, slots=True)
class SideChoice:
    """The user's sides: the affected one, the weaker one, and which goes first by default."""

    affected: Side | None = None
    weaker: Side | None = None
    first: FirstSide = FirstSide.AFFECTED

    def __post_init__(self) -> None:
        for name in ("affected", "weaker"):
            value = getattr(self, name)
            if value is Side.BOTH:
                raise ValueError(tr("the {what} side must be left or right, not both", what=name))

    def affected_for(self, relative: bool) -> Side | None:
        """The affected side a dosage is resolved against: when it is written as
        affected/unaffected and none was given, the weaker side (else the left)."""
        if relative and self.affected is None:
            return self.assumed_affected
        return self.affected

    @property
    def assumed_affected(self) -> Side:
        """The side taken as affected when none was given."""
        return self.weaker or Side.LEFT

    def first_side(self, wanted: FirstSide | None, affected: Side | None = None) -> Side:
        """Which side goes first for a dosage asking for ``wanted`` (or the user's default)."""
        aff = affected or self.affected
        weak = self.weaker
        pref = wanted or self.first
        if pref is FirstSide.LEFT:
            return Side.LEFT
        if pref is FirstSide.RIGHT:
            return Side.RIGHT
        if pref is FirstSide.AFFECTED:
            return aff or weak or Side.LEFT
        if pref is FirstSide.WEAKER:
            return weak or aff or Side.LEFT
        if pref is FirstSide.UNAFFECTED:
            known = aff or weak
            return known.other() if known else Side.LEFT
        known = weak or aff  # stronger
        return known.other() if known else Side.LEFT

    def weaker_for(self, affected: Side | None = None) -> Side:
        """The weaker side: as given, else the affected side, else the left."""
        return self.weaker or affected or self.affected or Side.LEFT

    def only_side(self, only: str, affected: Side | None) -> Side:
        """The one side ``only`` (affected, unaffected, weaker, stronger, left, right) names;
        ``affected`` is the affected side the dosage is resolved against."""
        if only in ("left", "right"):
            return Side(only)
        if only in ("affected", "unaffected"):
            aff = affected or self.affected or self.assumed_affected
            return aff if only == "affected" else aff.other()
        weak = self.weaker_for(affected)
        return weak if only == "weaker" else weak.other()

    def tested_weaker(self, which: str, affected: Side | None) -> bool | None:
        """Whether the side ``which`` (affected, unaffected, left, right) is the user's
        weaker side; None when no weaker side was given."""
        if self.weaker is None:
            return None
        return self.only_side(which, affected) is self.weaker

    def assumed_weaker_warning(self, exercise_names: Iterable[str]) -> str:
        """The plan's warning that a weaker side was assumed for these exercises."""
        return tr(
            "No weaker side was given: the {side} side is taken as the weaker side for {names}",
            side=side_word(self.weaker_for()),
            names=", ".join(dict.fromkeys(exercise_names)),
        )

    @staticmethod
    def untested_warning(exercise_name: str, which: str, key: str) -> str:
        """The plan's warning that a ``when: {weaker: ...}`` entry was left out."""
        return tr(
            "No weaker side was given: for {name}, the {which} side is not taken as the "
            "weaker side, so per_side.{key} (which applies only then) is left out",
            name=exercise_name,
            which=which,
            key=key,
        )

    def assumed_warning(self, exercise_names: Iterable[str]) -> str:
        """The plan's warning that an affected side was assumed for these exercises."""
        taken = self.assumed_affected
        return tr(
            "No affected side was given: the {side} side is taken as the affected side for {names}",
            side=side_word(taken),
            names=", ".join(dict.fromkeys(exercise_names)),
        )
