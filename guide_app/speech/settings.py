"""What the voice says and how: prompt priorities and the user's speech settings (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Priority(IntEnum):
    """How much a prompt matters when two would overlap; higher wins.

    A higher prompt cuts off a lower one that is playing, a lower one waits for a
    higher one to finish (or is dropped if it would run into it), and a new prompt of
    the same priority replaces the one playing.
    """

    TIP = 10  # optional advice
    CUE = 20  # cue steps, exercise names, rest and next-up lines
    COUNT = 30  # counts, tempo phase words ("up", "hold", "down"), side words
    URGENT = 40  # must be heard: "stop", safety lines; never filtered out


# How late a prompt may still start, in seconds; a later one is dropped (its moment passed).
COUNT_LATE_TOLERANCE = 0.15
CUE_LATE_TOLERANCE = 2.0


def late_tolerance(priority: int) -> float:
    return COUNT_LATE_TOLERANCE if priority >= Priority.COUNT else CUE_LATE_TOLERANCE


@dataclass(frozen=True)
class SpeechSettings:
    """The user's choices for the voice. ``voice`` is an id from the engine's voice list."""

    voice: str | None = None  # None: the engine's default voice
    rate: int = 175  # words per minute
    volume: float = 1.0  # 0..1, applied as phrases play (a change is heard at once)
    beeps: bool = True  # short beeps for the last seconds of a hold or rest
    counts: bool = True  # speak counts and tempo phase words
    cues: bool = True  # speak cue steps, names, rest and next-up lines
    tips: bool = True  # speak tips

    def __post_init__(self) -> None:
        if not 80 <= self.rate <= 450:
            raise ValueError(f"rate {self.rate} is outside 80..450 words per minute")
        if not 0.0 <= self.volume <= 1.0:
            raise ValueError(f"volume {self.volume} is outside 0..1")

    def allows(self, priority: int) -> bool:
        """Whether a prompt of this priority is spoken with these settings."""
        if priority >= Priority.URGENT:
            return True
        if priority >= Priority.COUNT:
            return self.counts
        if priority >= Priority.CUE:
            return self.cues
        return self.tips

    def render_params(self) -> tuple[str | None, int, float]:
        """The settings that change how a phrase is rendered (and so its cache key):
        voice and rate. Phrases render at full volume; ``volume`` is a gain on playback."""
        return (self.voice, self.rate, 1.0)
