"""Plays rendered phrases on their beat with QSoundEffect, one voice at a time by priority.

Each phrase of the session is pre-loaded into its own ``QSoundEffect`` (Qt mixes them
into one output stream that stays open, so starting one costs no stream set-up).
A prompt asked for at ``at`` (a ``time.monotonic()`` second) is started by a
``Qt.PreciseTimer`` aimed at ``at - onset - output_latency``: ``onset`` is how far into
the file the word's attack lies (measured when it was rendered) and ``output_latency``
is the measured delay from ``play()`` to sound. Deadlines are absolute; ticks are never
counted.

Overlap rules (see ``settings.Priority``): a higher prompt cuts a lower one off; a new
prompt of equal priority replaces the one playing; a lower prompt waits until a higher
one has finished, and is dropped if it would run into a higher prompt already
scheduled (a cue never talks over a count) or if its moment has passed.

With no audio output (no sound server, no device) nothing is played and
``status_changed`` says so; every call stays harmless.
"""

from __future__ import annotations

import itertools
import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

from guide_app.speech import wavtools
from guide_app.speech.cache import Phrase
from guide_app.speech.settings import late_tolerance

log = logging.getLogger(__name__)

# Seconds from QSoundEffect.play() to the sound leaving the output, measured by
# bench/speech.py on PulseAudio 16 (null sink) with Qt 6.12 QSoundEffect: 35 ms.
DEFAULT_OUTPUT_LATENCY = 0.035
NO_DEVICE = "No sound device - cues are on screen"
BEEP_LATE_TOLERANCE = 0.1
OVERLAP_GRACE = 0.04  # a lower prompt may end this much after a higher one starts (its tail)


@dataclass(eq=False)
class _Item:
    seq: int
    text: str
    priority: int
    at: float  # when the onset should be heard (monotonic seconds)
    path: Path
    duration: float
    onset: float
    beep: bool = False
    not_before: float = 0.0  # earliest play() time, when deferred

    def sound_start(self) -> float:
        """When the first sample of the file should be heard."""
        return self.at - self.onset


@dataclass
class _Playing:
    item: _Item
    effect: QSoundEffect
    ends: float  # when its sound ends (heard time)


class Player(QObject):
    status_changed = Signal(str)  # "" when sound works, else why it does not
    started = Signal(str, float, float)  # text, at, monotonic time of play()
    dropped = Signal(str, str)  # text, why

    def __init__(
        self,
        work_dir: Path,
        *,
        output_latency: float = DEFAULT_OUTPUT_LATENCY,
        clock: Callable[[], float] = time.monotonic,
        effect_factory: Callable[[QObject], QSoundEffect] | None = None,
        has_output: Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``clock``, ``effect_factory`` and ``has_output`` are for tests: a fake clock
        (then call ``process_due`` yourself), fake effects, a fake device check."""
        super().__init__(parent)
        self.output_latency = output_latency
        self._clock = clock
        self._work_dir = Path(work_dir)
        self._effects: dict[Path, QSoundEffect] = {}
        self._pending: list[_Item] = []
        self._current: _Playing | None = None
        self._beeping: list[QSoundEffect] = []
        self._seq = itertools.count()
        self._muted = False
        self._beeps = True
        self._beep: Phrase | None = None
        self._status = ""
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.process_due)
        self._make_effect = effect_factory or QSoundEffect
        self._has_output = has_output or (lambda: bool(QMediaDevices.audioOutputs()))
        if has_output is None:
            self._devices = QMediaDevices(self)
            self._devices.audioOutputsChanged.connect(self._check_device)
        self._available = False
        self._primer: QSoundEffect | None = None
        self._check_device()

    # ------------------------------------------------------------------ state

    @property
    def available(self) -> bool:
        return self._available

    @property
    def status(self) -> str:
        return self._status

    @property
    def muted(self) -> bool:
        return self._muted

    def _check_device(self) -> None:
        available = self._has_output()
        if available != self._available or not available:
            self._available = available
            if not available:
                self.stop()
                for effect in self._effects.values():
                    effect.deleteLater()
                self._effects.clear()
                self._primer = None
            else:
                self._prime()
            self._set_status("" if available else NO_DEVICE)

    def _prime(self) -> None:
        """Play a moment of silence now: Qt starts its output stream on the first play,
        and that first start is ~0.2-0.4 s late (measured); later plays are on time."""
        path = self._work_dir / "silence-50ms.wav"
        if not path.exists():
            self._work_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            wavtools.write_wav(tmp, [0] * 1103, 22050)
            tmp.replace(path)
        primer = self._effect(path)
        if primer is None:
            return
        self._primer = primer
        self._play_primer()

    def _play_primer(self) -> None:
        primer = self._primer
        if primer is not None and primer.status() == QSoundEffect.Status.Ready:
            self._primer = None
            primer.play()

    def _set_status(self, status: str) -> None:
        if status != self._status:
            self._status = status
            self.status_changed.emit(status)

    # ------------------------------------------------------------------ loading

    def load(self, phrase: Phrase) -> None:
        """Pre-load a phrase so it starts without delay when its moment comes."""
        self._effect(phrase.path)

    def loaded(self, phrase: Phrase) -> bool:
        effect = self._effects.get(phrase.path)
        return effect is not None and effect.status() == QSoundEffect.Status.Ready

    def retain(self, paths: Iterable[Path]) -> None:
        """Unload every phrase not in ``paths`` (and not playing or scheduled)."""
        keep = set(paths) | {item.path for item in self._pending}
        if self._current is not None:
            keep.add(self._current.item.path)
        if self._beep is not None:
            keep.add(self._beep.path)
        for path in [p for p in self._effects if p not in keep]:
            self._effects.pop(path).deleteLater()

    def _effect(self, path: Path) -> QSoundEffect | None:
        if not self._available:
            return None
        effect = self._effects.get(path)
        if effect is None:
            effect = self._make_effect(self)
            # a bound method and sender(), not a lambda capturing the effect (see renderer)
            effect.statusChanged.connect(self._on_effect_status)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[path] = effect
        return effect

    def _on_effect_status(self) -> None:
        effect = self.sender()
        if not isinstance(effect, QObject) or not hasattr(effect, "status"):
            return
        status = effect.status()
        if status == QSoundEffect.Status.Error:
            log.warning("cannot play %s", effect.source().toLocalFile())
            self._check_device()
        elif status == QSoundEffect.Status.Ready:
            if effect is self._primer:
                self._play_primer()
            if self._pending:
                self._arm()

    # ------------------------------------------------------------------ commands

    def schedule(self, phrase: Phrase, priority: int, at: float | None = None) -> None:
        """Play ``phrase`` so that its spoken onset is heard at ``at`` (None: now)."""
        if not self._available:
            self.dropped.emit(phrase.text, "no sound device")
            return
        if self._muted:
            self.dropped.emit(phrase.text, "muted")
            return
        at = self._clock() if at is None else at
        self._effect(phrase.path)
        item = _Item(
            seq=next(self._seq),
            text=phrase.text,
            priority=int(priority),
            at=at,
            path=phrase.path,
            duration=phrase.duration,
            onset=phrase.onset,
        )
        self._pending.append(item)
        self._arm()

    def beep(self, at: float | None = None) -> None:
        """A short beep heard at ``at``; off when beeps are off or sound is muted."""
        if not (self._available and self._beeps) or self._muted:
            return
        beep = self._beep_phrase()
        at = self._clock() if at is None else at
        self._effect(beep.path)
        self._pending.append(
            _Item(
                seq=next(self._seq),
                text="(beep)",
                priority=0,
                at=at,
                path=beep.path,
                duration=beep.duration,
                onset=beep.onset,
                beep=True,
            )
        )
        self._arm()

    def stop(self) -> None:
        """Cut the sound now and forget everything scheduled."""
        self._pending.clear()
        self._timer.stop()
        self._silence()

    def set_muted(self, muted: bool) -> None:
        """Muting cuts the sound at once; prompts due while muted are dropped."""
        self._muted = bool(muted)
        if self._muted:
            self._silence()

    def set_beeps(self, on: bool) -> None:
        self._beeps = bool(on)
        if not on:
            self._pending = [i for i in self._pending if not i.beep]
            for effect in self._beeping:
                effect.stop()

    def _silence(self) -> None:
        if self._current is not None:
            self._current.effect.stop()
            self._current = None
        for effect in self._beeping:
            effect.stop()
        self._beeping.clear()

    def _beep_phrase(self) -> Phrase:
        if self._beep is None:
            path = self._work_dir / "beep-880hz-80ms-v2.wav"
            if not path.exists():
                self._work_dir.mkdir(parents=True, exist_ok=True)
                wavtools.write_beep(path)
            samples, rate = wavtools.read_wav(path)
            onset = wavtools.find_onset(samples, rate) or 0.0
            sound = len(samples) / rate - wavtools.END_PAD
            self._beep = Phrase("(beep)", path, sound, onset)
        return self._beep

    # ------------------------------------------------------------------ timing

    def _fire_time(self, item: _Item) -> float:
        return max(item.sound_start() - self.output_latency, item.not_before)

    def _arm(self) -> None:
        if not self._pending:
            self._timer.stop()
            return
        nxt = min(self._fire_time(item) for item in self._pending)
        delay_ms = max(0, math.floor((nxt - self._clock()) * 1000))
        self._timer.start(delay_ms)

    def process_due(self) -> None:
        """Start every prompt whose moment has come (the timer calls this)."""
        now = self._clock()
        due = [i for i in self._pending if self._fire_time(i) <= now + 0.0005]
        due.sort(key=lambda i: (self._fire_time(i), -i.priority, i.seq))
        for item in due:
            if item in self._pending:
                self._pending.remove(item)
                self._start(item, now)
        self._arm()

    def _start(self, item: _Item, now: float) -> None:
        late = now - (item.sound_start() - self.output_latency)
        if item.beep:
            self._start_beep(item, late)
            return
        if self._muted:
            self.dropped.emit(item.text, "muted")
            return
        if late > late_tolerance(item.priority):
            self.dropped.emit(item.text, f"too late ({late * 1000:.0f} ms)")
            return
        heard_start = now + self.output_latency
        heard_end = heard_start + item.duration
        for other in self._pending:
            if (
                other.priority > item.priority
                and not other.beep
                and other.sound_start() < heard_end - OVERLAP_GRACE
            ):
                self.dropped.emit(item.text, f"would run into {other.text!r}")
                return
        current = self._current
        if current is not None and current.ends > heard_start:
            if item.priority < current.item.priority:
                item.not_before = current.ends - self.output_latency
                self._pending.append(item)
                return
            current.effect.stop()  # a higher or equal prompt cuts it off
            self._current = None
        effect = self._effect(item.path)
        if effect is None:
            self.dropped.emit(item.text, "no sound device")
            return
        status = effect.status()
        if status != QSoundEffect.Status.Ready:
            if status == QSoundEffect.Status.Error:
                self.dropped.emit(item.text, "could not load the sound")
            else:
                item.not_before = now + 0.005  # still loading: look again shortly
                self._pending.append(item)
            return
        if effect.isPlaying():
            effect.stop()
        effect.play()
        self._current = _Playing(item, effect, heard_end)
        self.started.emit(item.text, item.at, now)

    def _start_beep(self, item: _Item, late: float) -> None:
        if self._muted or not self._beeps or late > BEEP_LATE_TOLERANCE:
            return
        effect = self._effect(item.path)
        if effect is None:
            return
        if effect.status() != QSoundEffect.Status.Ready:
            if effect.status() != QSoundEffect.Status.Error:
                item.not_before = self._clock() + 0.005
                self._pending.append(item)
            return
        if effect.isPlaying():
            effect.stop()
        effect.play()
        self._beeping = [effect]
