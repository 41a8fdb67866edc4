"""What the app tells the user in a line above the screen: information or a problem."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NoticeLevel(StrEnum):
    INFO = "info"  # something to know: it can fade
    PROBLEM = "problem"  # something is wrong (nothing saved, no voice): it stays


@dataclass(frozen=True, slots=True)
class Notice:
    text: str
    level: NoticeLevel = NoticeLevel.INFO
