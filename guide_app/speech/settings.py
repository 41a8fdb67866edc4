"""What the voice says and how: the user's speech settings, the language a phrase is
spoken in, and how late a prompt may start (no Qt). Priorities are
``guide_app.core.voice.Priority``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from guide_app.core import i18n
from guide_app.core.voice import Priority

# The languages the voice speaks, each with an espeak-ng voice of its own (the speech
# worker picks the voice: ``renderer_worker.DEFAULT_VOICES``).
VOICE_LANGUAGES = ("en", "de", "es")

# The voice's settings for one language: (language, voice id) pairs, one per language.
Voices = tuple[tuple[str, str], ...]

# How late a prompt may still start, in seconds; a later one is dropped (its moment passed).
COUNT_LATE_TOLERANCE = 0.15
CUE_LATE_TOLERANCE = 2.0


def late_tolerance(priority: Priority) -> float:
    """Counts and words on the beat (COUNT and up) must be on time; the rest may slip."""
    return COUNT_LATE_TOLERANCE if priority >= Priority.COUNT else CUE_LATE_TOLERANCE


def voice_language(language: str | None = None) -> str:
    """The language a phrase is spoken in: ``language`` (None: the language in force).
    The pseudo language, and a language with no voice of its own, speak English."""
    code = i18n.language() if language is None else language
    return code if code in VOICE_LANGUAGES else i18n.SOURCE


def speaks(codes: Iterable[object], language: str, *, exact: bool = False) -> bool:
    """Whether an engine voice listed with the language ``codes`` ("de", "en-gb") speaks
    ``language``: as its own code, or (unless ``exact``) as a regional one ("en-gb")."""
    listed = [str(c).lower() for c in codes]
    return language in listed or (not exact and any(c.startswith(f"{language}-") for c in listed))


@dataclass(frozen=True)
class SpeechSettings:
    """The user's choices for the voice. The voice is chosen per language: a voice
    chosen for English never reads German; a language with no choice speaks with its
    default espeak-ng voice."""

    voices: Voices = ()  # (language, engine voice id) the user chose, sorted
    rate: int = 175  # words per minute
    volume: float = 1.0  # 0..1, applied as phrases play (a change is heard at once)
    beeps: bool = True  # short beeps for the last seconds of a hold or rest
    counts: bool = True  # speak counts and tempo phase words
    cues: bool = True  # speak cues and announcements (names, sides, sets, rests)
    tips: bool = True  # speak tips
    stop_signs: bool = True  # say an exercise's stop signs the first time it comes up

    def __post_init__(self) -> None:
        chosen = dict(self.voices)  # one voice a language; the last choice counts
        object.__setattr__(self, "voices", tuple(sorted(chosen.items())))
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
        if priority is Priority.SAFETY:  # not silenced with the cues
            return self.stop_signs
        if priority >= Priority.CUE:
            return self.cues
        return self.tips

    def voice_for(self, language: str | None = None) -> str | None:
        """The voice chosen for ``language`` (None: the language in force); None: the
        language's default voice."""
        return dict(self.voices).get(voice_language(language))

    def choosing(self, voice: str | None, language: str | None = None) -> SpeechSettings:
        """These settings with ``voice`` chosen for ``language`` (None: the language in
        force); a ``voice`` of None goes back to the language's default voice."""
        chosen = dict(self.voices)
        code = voice_language(language)
        chosen.pop(code, None)
        if voice:
            chosen[code] = voice
        return replace(self, voices=tuple(chosen.items()))

    def render_params(self) -> tuple[Voices, int, float]:
        """The settings that change how a phrase is rendered (and so its cache key): the
        voices and rate. Phrases render at full volume; ``volume`` is a gain on playback."""
        return (self.voices, self.rate, 1.0)
