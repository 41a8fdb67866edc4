"""The side of the body a step, a set or a journal row belongs to: one type everywhere."""

from __future__ import annotations

from enum import StrEnum


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
