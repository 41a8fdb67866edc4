"""A stand-in for the speech player (speech.player.Player) that records what it is asked
to play: the speech service tests share it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from guide_app.core.voice import Priority
from guide_app.speech.cache import Phrase

PLAYER_NOW = 50.0  # the stand-in player's clock, far from the session clock's seconds


class RecordingPlayer(QObject):
    """Stands in for player.Player: records what QtSpeech asks it to play, with times on
    its own clock (``now``: by default it stands still at PLAYER_NOW)."""

    available_changed = Signal(bool)

    def __init__(
        self, available: bool = True, now: Callable[[], float] = lambda: PLAYER_NOW
    ) -> None:
        super().__init__()
        self.available = available
        self.muted = False
        self._now = now
        self.loaded_phrases: list[Phrase] = []
        self.scheduled: list[tuple[str, Priority, float | None]] = []
        self.beeps: list[float | None] = []
        self.calls: list[str] = []
        self.dropped: list[str] = []

    def now(self) -> float:
        return self._now()

    def load(self, phrase: Phrase) -> None:
        self.loaded_phrases.append(phrase)

    def loaded(self, phrase: Phrase) -> bool:
        return phrase in self.loaded_phrases

    def retain(self, paths: object) -> None:
        list(paths)  # type: ignore[call-overload]

    def schedule(self, phrase: Phrase, priority: Priority, at: float | None = None) -> None:
        self.scheduled.append((phrase.text, priority, at))

    def beep(self, at: float | None = None) -> None:
        self.beeps.append(at)

    def drop_after(self, at: float) -> None:
        """Records which of the prompts scheduled so far the real player would drop."""
        self.dropped += [
            text
            for text, _, when in self.scheduled
            if when is not None and when > at + 1e-6 and text not in self.dropped
        ]

    def stop(self) -> None:
        self.calls.append("stop")

    def close(self) -> None:
        self.calls.append("close")

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def set_beeps(self, on: bool) -> None:
        self.calls.append(f"beeps {on}")

    def set_volume(self, volume: float) -> None:
        self.calls.append(f"volume {volume:.2f}")
