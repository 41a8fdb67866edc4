"""What the voice says and how: the user's speech settings and how late a prompt may
start (no Qt). Priorities are ``guide_app.core.voice.Priority``."""

from __future__ import annotations

from dataclasses import dataclass

from guide_app.core.voice import Priority

# How late a prompt may still start, in seconds; a later one is dropped (its moment passed).
COUNT_LATE_TOLERANCE = 0.15
CUE_LATE_TOLERANCE = 2.0


def late_tolerance(priority: Priority) -> float:
    """Counts and words on the beat (COUNT and up) must be on time; the rest may slip."""
    return COUNT_LATE_TOLERANCE if priority >= Priority.COUNT else CUE_LATE_TOLERANCE


@dataclass(frozen=True)
class SpeechSettings:
    """The user's choices for the voice. ``voice`` is an id from the engine's voice list."""

    voice: str | None = None  # None: the engine's default voice
    rate: int = 175  # words per minute
    volume: float = 1.0  # 0..1, applied as phrases play (a change is heard at once)
    beeps: bool = True  # short beeps for the last seconds of a hold or rest
    counts: bool = True  # speak counts and tempo phase words
    cues: bool = True  # speak cues and announcements (names, sides, sets, rests)
    tips: bool = True  # speak tips

    def __post_init__(self) -> None:
        if not 80 <= self.rate <= 450:
            raise ValueError(f"rate {self.rate} is outside 80..450 words per minute")
        if not 0.0 <= self.volume <= 1.0:
            raise ValueError(f"volume {self.volume} is outside 0..1")

    def allows(self, priority: Priority) -> bool:
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
