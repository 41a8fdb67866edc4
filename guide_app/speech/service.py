"""The voice as the rest of the app sees it: the ``Speech`` interface and its three forms.

``QtSpeech`` is the real one (a worker process renders phrases with the natural voice,
Piper, or pyttsx3 + espeak-ng into a disk cache, QtMultimedia plays them on the beat),
``SilentSpeech`` says nothing and tells why, and ``RecordingSpeech`` is the fake that
tests drive and inspect. Each is a ``guide_app.core.voice.Voice``.

Times are seconds on the injected session ``Clock``: ``say(text, priority, at)`` asks
for ``text`` to be heard at clock second ``at`` (None: now). ``QtSpeech`` turns that into
a moment on the player's real-time clock as the call arrives, so a scaled clock
(``--time-scale``) speeds the voice up with the session. ``Priority`` (core.voice) says
how prompts give way to each other; ``status`` is a ``VoiceStatus``, worded for the
window by ``words.describe_voice``.

Each phrase is spoken in a language: the one ``say`` or ``prepare`` gives it (content
shown in English for lack of a translation is said in English), else the language in
force. The voice of that language reads the phrase's spoken form (numbers as words).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, Signal

from guide_app.core.clock import Clock, MonotonicClock
from guide_app.core.voice import Priority, VoiceStatus
from guide_app.speech import neural
from guide_app.speech.cache import Phrase, PhraseCache
from guide_app.speech.player import SAME_MOMENT, Player
from guide_app.speech.renderer import LASTING_FAULTS, Renderer
from guide_app.speech.settings import SpeechSettings, voice_language
from guide_app.speech.stream import DEFAULT_DEVICE_LATENCY

log = logging.getLogger(__name__)

REAL_CLOCK: Clock = MonotonicClock()  # the default: session time is real time
# Real seconds of quiet after a phrase before the next line of the same step starts.
PAUSE_AFTER = 0.3
# An urgent line (it must be heard: the voice dialog's sample too) not rendered yet is
# said as soon as it is, up to this many seconds after its moment; the natural voice
# takes about 1 s to load at its first phrase.
URGENT_WAIT = 3.0


class EngineVoice(NamedTuple):
    """One of the voices the speech engine offers (for the voice settings)."""

    id: str
    name: str
    languages: tuple[str, ...] = ()
    engine: str = ""  # "piper" (the natural voice) or "espeak-ng"

    @property
    def natural(self) -> bool:
        return self.engine == neural.ENGINE


class Said(NamedTuple):
    text: str
    priority: Priority
    at: float | None  # as asked: seconds on the session clock
    language: str | None = None  # as asked: None is the language in force


class Speech(QObject):
    """The interface the app uses. Every method returns at once and never raises for
    a sound or engine fault: faults show up as ``status``/``status_changed``."""

    status_changed = Signal(object)  # VoiceStatus
    progress = Signal(int, int)  # done, total of the last prepare()
    scheduled = Signal(str, float)  # text, when it will be heard on the session clock

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def prepare(self, phrases: Iterable[str], languages: Mapping[str, str] | None = None) -> None:
        """Get every phrase of the chosen session ready in the background; ``languages``
        maps a phrase to the language it is said in, where that is not the one in force."""
        raise NotImplementedError

    def say(
        self, text: str, priority: Priority, at: float | None = None, language: str | None = None
    ) -> None:
        """Speak ``text`` so that it is heard at session-clock second ``at`` (None: now),
        in ``language`` (None: as prepared, else the language in force). Phrases asked
        for before, for a later moment, and not begun yet are dropped."""
        raise NotImplementedError

    def spoken_seconds(self, text: str, priority: Priority) -> float | None:
        """Session seconds from ``text`` being heard until the next line may start (its
        words and ``PAUSE_AFTER``); None when it would not be heard or is not rendered."""
        return None

    def beep(self, at: float | None = None) -> None:
        """A short beep at ``at`` (for the last seconds of a hold or rest)."""
        raise NotImplementedError

    def stop(self) -> None:
        """Cut the sound at once and forget everything scheduled."""
        raise NotImplementedError

    def set_muted(self, muted: bool) -> None:
        """Mute (cuts the sound at once) or unmute."""
        raise NotImplementedError

    @property
    def settings(self) -> SpeechSettings:
        raise NotImplementedError

    def apply_settings(self, settings: SpeechSettings) -> None:
        raise NotImplementedError

    @property
    def status(self) -> VoiceStatus:
        raise NotImplementedError

    def voices(self) -> list[EngineVoice]:
        """The engine's voices (may be empty until the engine has started)."""
        return []

    def close(self) -> None:
        """Release the worker process and the audio output."""


class QtSpeech(Speech):
    """The real voice: ``Renderer`` (worker process + disk cache) and ``Player``."""

    def __init__(
        self,
        cache_dir: str | os.PathLike[str],
        settings: SpeechSettings | None = None,
        *,
        clock: Clock = REAL_CLOCK,
        renderer: Renderer | None = None,
        player: Player | None = None,
        device_latency: float = DEFAULT_DEVICE_LATENCY,
        parent: QObject | None = None,
    ) -> None:
        """``clock`` is the session's clock: every ``at`` is a second on it."""
        super().__init__(parent)
        self._clock = clock
        self._settings = settings or SpeechSettings()
        cache = PhraseCache(cache_dir)
        cache.remove_leftovers()
        voices, rate, volume = self._settings.render_params()
        self.renderer = renderer or Renderer(cache, parent=self)
        self.renderer.set_params(voices, rate, volume)  # a given renderer follows them too
        self.player = player or Player(cache.folder, device_latency=device_latency, parent=self)
        self.player.set_beeps(self._settings.beeps)
        self.player.set_volume(self._settings.volume)
        # phrases asked for before they were rendered, by (text, language): (priority,
        # when on the player's clock)
        self._waiting: dict[tuple[str, str], list[tuple[Priority, float]]] = {}
        self._batch: list[str] = []
        self._languages: dict[str, str] = {}  # the prepared phrases not in the one in force
        self._progress = (0, 0)
        self._voices: list[EngineVoice] = []
        self._status = VoiceStatus.STARTING
        self._closed = False

        self.renderer.phrase_ready.connect(self._on_phrase_ready)
        self.renderer.phrase_failed.connect(self._on_phrase_failed)
        self.renderer.progress.connect(self._on_progress)
        self.renderer.fault_changed.connect(self._update_status)
        self.renderer.engine_ready.connect(self._on_engine_ready)
        self.renderer.voices_listed.connect(self._on_voices)
        self.renderer.engine_changed.connect(self._on_engine_changed)
        self.player.available_changed.connect(self._update_status)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)
        self.renderer.start()
        self._update_status()

    # ------------------------------------------------------------------ Speech

    @property
    def settings(self) -> SpeechSettings:
        return self._settings

    @property
    def status(self) -> VoiceStatus:
        return self._status

    def voices(self) -> list[EngineVoice]:
        return list(self._voices)

    def prepare(self, phrases: Iterable[str], languages: Mapping[str, str] | None = None) -> None:
        texts = list(dict.fromkeys(p.strip() for p in phrases if p and p.strip()))
        self._languages = {t.strip(): code for t, code in (languages or {}).items()}
        self._batch = texts
        # emits phrase_ready (and so loads) the cached ones
        self.renderer.prepare(texts, self._languages)
        known = (self._lookup(t) for t in texts) if self.renderer.ready else ()
        self.player.retain(p.path for p in known if p is not None)

    def _language(self, text: str, language: str | None = None) -> str:
        """The language ``text`` is spoken in: as asked, else as prepared, else the one
        in force."""
        return voice_language(language if language is not None else self._languages.get(text))

    def _lookup(self, text: str) -> Phrase | None:
        return self.renderer.lookup(text, self._language(text))

    def say(
        self, text: str, priority: Priority, at: float | None = None, language: str | None = None
    ) -> None:
        text = text.strip()
        if not text or not self._settings.allows(priority):
            return
        if self.player.muted or not self.player.available:
            return
        when = self._player_time(at)
        self._drop_after(when)
        code = self._language(text, language)
        phrase = self.renderer.request(text, code)
        if phrase is not None:
            self._schedule(phrase, priority, when)
        elif self.renderer.fault not in LASTING_FAULTS:
            self._waiting.setdefault((text, code), []).append((priority, when))

    def _drop_after(self, when: float) -> None:
        """Asked for ``when``: what was asked for later than that belongs to a step the
        session has already left (a key ended it before its words were all said)."""
        self.player.drop_after(when)
        for key in list(self._waiting):
            kept = [(p, at) for p, at in self._waiting[key] if at <= when + SAME_MOMENT]
            if kept:
                self._waiting[key] = kept
            else:
                del self._waiting[key]

    def spoken_seconds(self, text: str, priority: Priority) -> float | None:
        """On a scaled clock (``run --time-scale``: a demonstration, a test) None: words
        at their real pace cannot keep up with its beats and countdowns anyway, and the
        session is not slowed down to wait for them."""
        text = text.strip()
        if not text or not self._settings.allows(priority):
            return None
        if self.player.muted or not self.player.available:
            return None
        if self._clock.real_seconds(1.0) != 1.0:
            return None
        phrase = self._lookup(text)
        if phrase is None:
            return None
        return max(0.0, phrase.duration - phrase.onset) + PAUSE_AFTER

    def _schedule(self, phrase: Phrase, priority: Priority, when: float) -> None:
        """Hand a phrase to the player, and say when it will be heard on the session clock
        (worked back from the player's own timeline, so a mismatch of clocks shows)."""
        self.player.schedule(phrase, priority, when)
        real_per_session_second = self._clock.real_seconds(1.0)
        heard = self._clock.now() + (when - self.player.now()) / real_per_session_second
        self.scheduled.emit(phrase.text, heard)

    def beep(self, at: float | None = None) -> None:
        if self._settings.beeps:
            self.player.beep(self._player_time(at))

    def _player_time(self, at: float | None) -> float:
        """Session-clock second ``at`` (None: now) as a moment on the player's clock.

        The only place the two timelines meet: the time left until ``at`` on the session
        clock, made real seconds, counted from the player's now."""
        if at is None:
            return self.player.now()
        return self.player.now() + self._clock.real_seconds(at - self._clock.now())

    def stop(self) -> None:
        self._waiting.clear()
        self.player.stop()

    def set_muted(self, muted: bool) -> None:
        if muted:
            self._waiting.clear()
        self.player.set_muted(muted)

    def apply_settings(self, settings: SpeechSettings) -> None:
        old, self._settings = self._settings, settings
        self.player.set_beeps(settings.beeps)
        self.player.set_volume(settings.volume)
        if settings.render_params() != old.render_params():
            self._waiting.clear()
            self.renderer.set_params(*settings.render_params())
            if self._batch:
                self.prepare(self._batch, self._languages)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._waiting.clear()
        self.player.close()
        self.renderer.shutdown()

    # ------------------------------------------------------------------ wiring

    def _on_phrase_ready(self, phrase: Phrase) -> None:
        self.player.load(phrase)
        now = self.player.now()
        for priority, at in self._waiting.pop((phrase.text, phrase.language), []):
            if priority >= Priority.URGENT and at < now <= at + URGENT_WAIT:
                at = now  # late, but it must be heard
            self._schedule(phrase, priority, at)

    def _on_phrase_failed(self, text: str, why: str) -> None:
        for key in [k for k in self._waiting if k[0] == text]:
            del self._waiting[key]
            log.info("not spoken: %r in %s (%s)", text, key[1], why)

    def _on_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)
        self.progress.emit(done, total)
        self._update_status()

    def _on_engine_ready(self, engine: str) -> None:
        log.info("voice engine ready: %s", engine)
        if not self._voices:
            self.renderer.list_voices()
        self._update_status()

    def _on_engine_changed(self, engine: str) -> None:
        """The natural voice failed: its voice leaves the list, and the status says so."""
        log.warning("voice engine now: %s", engine)
        self.renderer.list_voices()
        self._update_status()

    def _on_voices(self, voices: list[dict[str, object]]) -> None:
        self._voices = [
            EngineVoice(
                str(v.get("id", "")),
                str(v.get("name", "")),
                tuple(str(x) for x in v.get("languages") or ()),  # type: ignore[attr-defined]
                str(v.get("engine") or ""),
            )
            for v in voices
        ]

    def _update_status(self, *_: object) -> None:
        """The voice's status from the renderer's fault, the sound output and progress.
        The renderer's faults are ``VoiceStatus`` values already (STARTING, RESTARTING,
        NO_ESPEAK, ENGINE_FAILED, CRASH_LOOP); a lasting one comes first, then a missing
        sound output (NO_SOUND), then a restart, then the start-up and preparing."""
        fault = self.renderer.fault
        done, total = self._progress
        if fault in LASTING_FAULTS:
            status = fault
        elif not self.player.available:
            status = VoiceStatus.NO_SOUND
        elif fault is not None:
            status = fault
        elif done < total:
            status = VoiceStatus.PREPARING
        elif self.renderer.natural_failed:
            status = VoiceStatus.STANDARD_VOICE
        else:
            status = VoiceStatus.READY
        if status != self._status:
            self._status = status
            self.status_changed.emit(status)


class SilentSpeech(Speech):
    """Says nothing; ``status`` tells the window why (e.g. the user turned the voice off),
    and ``problem``, when set, says it in full for a notice."""

    def __init__(
        self,
        reason: VoiceStatus = VoiceStatus.OFF,
        parent: QObject | None = None,
        *,
        problem: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._reason = reason
        self.problem = problem
        self._settings = SpeechSettings()

    @property
    def status(self) -> VoiceStatus:
        return self._reason

    @property
    def settings(self) -> SpeechSettings:
        return self._settings

    def apply_settings(self, settings: SpeechSettings) -> None:
        self._settings = settings

    def prepare(self, phrases: Iterable[str], languages: Mapping[str, str] | None = None) -> None:
        n = len(set(phrases))
        self.progress.emit(n, n)

    def say(
        self, text: str, priority: Priority, at: float | None = None, language: str | None = None
    ) -> None:
        pass

    def beep(self, at: float | None = None) -> None:
        pass

    def stop(self) -> None:
        pass

    def set_muted(self, muted: bool) -> None:
        pass


class RecordingSpeech(Speech):
    """A fake for tests: records every call, in order, and plays nothing.

    ``at`` is recorded as asked, in seconds on the session clock; ``clock`` is that
    clock (kept for tests that want it). ``set_status`` plays a status change."""

    def __init__(
        self,
        status: VoiceStatus = VoiceStatus.READY,
        *,
        clock: Clock = REAL_CLOCK,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._status = status
        self._settings = SpeechSettings()
        self.said: list[Said] = []
        self.prepared: list[list[str]] = []
        self.languages: dict[str, str] = {}  # as the last prepare gave them
        self.beeps: list[float | None] = []
        self.calls: list[tuple[object, ...]] = []
        self.muted = False

    @property
    def status(self) -> VoiceStatus:
        return self._status

    def set_status(self, status: VoiceStatus) -> None:
        if status != self._status:
            self._status = status
            self.status_changed.emit(status)

    @property
    def settings(self) -> SpeechSettings:
        return self._settings

    def apply_settings(self, settings: SpeechSettings) -> None:
        self._settings = settings
        self.calls.append(("settings", settings))

    def prepare(self, phrases: Iterable[str], languages: Mapping[str, str] | None = None) -> None:
        texts = list(phrases)
        self.prepared.append(texts)
        self.languages = dict(languages or {})
        self.calls.append(("prepare", texts))
        n = len(set(texts))
        self.progress.emit(n, n)

    def say(
        self, text: str, priority: Priority, at: float | None = None, language: str | None = None
    ) -> None:
        said = Said(text, priority, at, language)
        self.said.append(said)
        self.calls.append(("say", text, priority, at))

    def beep(self, at: float | None = None) -> None:
        self.beeps.append(at)
        self.calls.append(("beep", at))

    def stop(self) -> None:
        self.calls.append(("stop",))

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        self.calls.append(("muted", muted))

    def texts(self) -> list[str]:
        return [s.text for s in self.said]
