"""The side of the body a step, a set or a journal row belongs to: one type everywhere."""

from __future__ import annotations

from enum import StrEnum

from guide_app.core.i18n import tr


class Side(StrEnum):
    """Left, right, or both (a two-sided movement, or one with no side)."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    def other(self) -> Side:
        if self is Side.LEFT:
            return Side.RIGHT
        if self is Side.RIGHT:
            return Side.LEFT
        return Side.BOTH


BODY_SIDES: tuple[Side, Side] = (Side.LEFT, Side.RIGHT)


def side_word(side: Side) -> str:
    """The side as a word in a sentence: "left", "right", "both"."""
    return {Side.LEFT: tr("left"), Side.RIGHT: tr("right"), Side.BOTH: tr("both")}[side]
