"""What a session needs of a voice: the port, one priority scale and the voice's status.

The session run speaks through ``Voice``; the real one lives in ``guide_app.speech``,
a fake in ``tests/helpers``. Times passed to ``say`` and ``beep`` are seconds on the
session's injected clock; the voice turns them into when the sound is heard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import IntEnum, StrEnum
from typing import Protocol


class Priority(IntEnum):
    """How much a prompt matters when two would overlap; higher wins.

    A higher prompt cuts off a lower one that is playing, a lower one waits for a higher
    one to finish (or is dropped if it would run into it), and a new prompt of the same
    priority replaces the one playing.
    """

    TIP = 0  # optional advice
    CUE = 1  # cues from the exercise, notes
    ANNOUNCE = 2  # exercise, side, switch, set, rest, countdown, half-way
    SAFETY = 3  # an exercise's stop signs: cut cues and announcements, never a count
    COUNT = 4  # counts and words on the beat
    URGENT = 5  # must be heard; never filtered out


# How long a phrase takes to say, in session seconds from the moment it is heard until
# the next phrase may start (its words and a short pause); None: it will not be heard,
# or the voice cannot tell yet. The engine uses it to make lines follow each other and a
# get-ready last as long as its words (``Voice.spoken_seconds``).
SpokenSeconds = Callable[[str, Priority], float | None]


class VoiceStatus(StrEnum):
    """Where the voice stands. Behaviour reads this; the window words it."""

    STARTING = "starting"
    PREPARING = "preparing"
    READY = "ready"
    STANDARD_VOICE = "standard_voice"  # ready, but the natural voice failed: espeak-ng reads
    RESTARTING = "restarting"  # the engine died and is coming back; cues are on screen
    NO_ESPEAK = "no_espeak"  # espeak-ng is not installed
    ENGINE_FAILED = "engine_failed"  # the speech engine failed to start
    CRASH_LOOP = "crash_loop"  # the speech engine keeps crashing
    NO_SOUND = "no_sound"  # no sound device, or the sound server went away
    NO_CACHE = "no_cache"  # the folder for the voice's sound files can't be made or used
    OFF = "off"  # the user turned the voice off

    @property
    def fault(self) -> bool:
        """True when nothing will be heard for now (the session must not wait for it)."""
        return self in _FAULTS

    @property
    def lasting(self) -> bool:
        """A fault the window should keep saying until it changes."""
        return self in _FAULTS and self is not VoiceStatus.OFF


_FAULTS = frozenset(
    {
        VoiceStatus.RESTARTING,
        VoiceStatus.NO_ESPEAK,
        VoiceStatus.ENGINE_FAILED,
        VoiceStatus.CRASH_LOOP,
        VoiceStatus.NO_SOUND,
        VoiceStatus.NO_CACHE,
        VoiceStatus.OFF,
    }
)


class Voice(Protocol):
    """The voice as the session run uses it."""

    @property
    def status(self) -> VoiceStatus: ...

    def prepare(self, phrases: Iterable[str], languages: Mapping[str, str] | None = None) -> None:
        """Render these phrases ahead; readiness is reported by the voice's progress.
        ``languages``: the language a phrase is said in where it is not the language in
        force (content shown in English for lack of a translation: "en")."""

    def say(
        self, text: str, priority: Priority, at: float | None = None, language: str | None = None
    ) -> None:
        """Speak ``text`` so it is heard at session-clock second ``at`` (None: now), in
        ``language`` (None: the language in force, or the one ``prepare`` gave it).

        A ``say`` for a moment before that of phrases asked for earlier and not yet
        begun means the session moved on sooner than planned (a key ended a step while
        its words were still to come): those phrases are dropped."""

    def spoken_seconds(self, text: str, priority: Priority) -> float | None:
        """How long saying ``text`` takes (see ``SpokenSeconds``); None when it will
        not be heard (filtered out, muted, no sound), is not rendered yet, or the
        session should not wait for words (a scaled clock)."""

    def beep(self, at: float | None = None) -> None: ...

    def stop(self) -> None: ...

    def set_muted(self, muted: bool) -> None: ...
