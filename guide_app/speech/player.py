"""Plays rendered phrases on their beat, one voice at a time by priority.

Each phrase of the session is read into memory when it is rendered. A prompt asked for
at ``at`` (a second on the player's own real-time clock, ``now()``: ``time.monotonic()``
unless a test gives another; the service converts session-clock times to it) is handed
to the ``AudioStream`` ``lead`` seconds before its moment, by a ``Qt.PreciseTimer``; the
stream then places it at the exact sample where its spoken onset is heard at ``at``
(``onset`` is how far into the file the word's attack lies, measured when it was
rendered). Deadlines are absolute; ticks are never counted.

Overlap rules (see ``guide_app.core.voice.Priority``): a higher prompt cuts a lower one
off at the sample where it starts; a new prompt of equal priority replaces the one
playing; a lower prompt is placed after a higher one has finished, and is dropped if it
would run into a higher prompt already scheduled (a cue never talks over a count) or if
its moment has passed. ``drop_after`` forgets prompts not yet begun that were meant for
later than a given moment (the session moved on before their time).

With no audio output (no sound server, no device) nothing is played, ``available`` is
False and ``available_changed`` says when that changes; every call stays harmless.
"""

from __future__ import annotations

import itertools
import logging
import math
import time
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtMultimedia import QMediaDevices

from guide_app.core.voice import Priority
from guide_app.speech import wavtools
from guide_app.speech.cache import Phrase
from guide_app.speech.settings import late_tolerance
from guide_app.speech.stream import DEFAULT_DEVICE_LATENCY, AudioStream

log = logging.getLogger(__name__)

# Seconds before a prompt's moment that it is handed to the stream: more than the
# stream holds queued (stream.AHEAD + device latency + one pump), so it is placed exactly.
DEFAULT_LEAD = 0.2
BEEP_LATE_TOLERANCE = 0.1
OVERLAP_GRACE = 0.04  # a lower prompt may end this much after a higher one starts (its tail)
SAME_MOMENT = 1e-6  # seconds within which two prompts are asked for the same moment


@dataclass(eq=False)
class _Item:
    seq: int
    text: str
    priority: Priority
    at: float  # when the onset should be heard (on the player's clock)
    path: Path
    duration: float
    onset: float
    asked: float  # when it was asked for
    earliest: float  # the earliest it could be heard, when it was asked for
    beep: bool = False

    def sound_start(self) -> float:
        """When the first sample of the file should be heard."""
        return self.at - self.onset

    def late(self, heard: float) -> float:
        """How much later than asked a start heard at ``heard`` would be: the request's
        own lateness plus any beyond what the output path forces on a sound asked now."""
        return max(0.0, self.asked - self.at) + max(
            0.0, heard - max(self.sound_start(), self.earliest)
        )


@dataclass
class _Playing:
    item: _Item
    sound: Any  # stream.PlacedSound
    start: float  # when its sound starts and ends (heard times)
    ends: float


class Player(QObject):
    available_changed = Signal(bool)  # False: no sound device, or the sound server went away
    started = Signal(str, float, float)  # text, at, the player's time it was handed over
    dropped = Signal(str, str)  # text, why

    def __init__(
        self,
        work_dir: Path,
        *,
        lead: float = DEFAULT_LEAD,
        device_latency: float = DEFAULT_DEVICE_LATENCY,
        clock: Callable[[], float] = time.monotonic,
        stream: Any = None,
        has_output: Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``clock``, ``stream`` and ``has_output`` are for tests: a fake clock (then
        call ``process_due`` yourself), a fake stream, a fake device check."""
        super().__init__(parent)
        self.lead = lead
        self._clock = clock
        self._work_dir = Path(work_dir)
        self._sounds: dict[Path, array[int]] = {}
        self._pending: list[_Item] = []
        self._placed: list[_Playing] = []  # prompts handed to the stream, not yet over
        self._seq = itertools.count()
        self._muted = False
        self._beeps = True
        self._beep: Phrase | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.process_due)
        self._stream = (
            stream
            if stream is not None
            else AudioStream(device_latency=device_latency, clock=clock, own_thread=True)
        )
        self._stream.failed.connect(self._on_stream_failed)
        self._has_output = has_output or (lambda: bool(QMediaDevices.audioOutputs()))
        if has_output is None:
            self._devices = QMediaDevices(self)
            self._devices.audioOutputsChanged.connect(self._check_device)
        self._available = False
        self._check_device()

    # ------------------------------------------------------------------ state

    @property
    def available(self) -> bool:
        return self._available

    def now(self) -> float:
        """The player's clock: the timeline ``at`` is given on."""
        return self._clock()

    @property
    def muted(self) -> bool:
        return self._muted

    def _check_device(self) -> None:
        available = self._has_output() and self._stream.open()
        if available != self._available or not available:
            if not available:
                self.stop()
                self._stream.close()
            self._set_available(available)

    def _on_stream_failed(self, why: str) -> None:
        log.warning("sound output stopped: %s", why)
        self._pending.clear()
        self._placed.clear()
        self._set_available(False)

    def _set_available(self, available: bool) -> None:
        if available != self._available:
            self._available = available
            self.available_changed.emit(available)

    def close(self) -> None:
        """Done with sound: the stream closes and its thread ends."""
        self.stop()
        self._stream.end()

    # ------------------------------------------------------------------ loading

    def load(self, phrase: Phrase) -> None:
        """Read a phrase into memory so it starts without delay when its moment comes."""
        self._samples(phrase.path)

    def loaded(self, phrase: Phrase) -> bool:
        return phrase.path in self._sounds

    def retain(self, paths: Iterable[Path]) -> None:
        """Forget every phrase not in ``paths`` (and not playing or scheduled)."""
        keep = set(paths) | {item.path for item in self._pending}
        keep |= {p.item.path for p in self._placed}
        if self._beep is not None:
            keep.add(self._beep.path)
        for path in [p for p in self._sounds if p not in keep]:
            del self._sounds[path]

    def _samples(self, path: Path) -> array[int] | None:
        if not self._available:
            return None
        samples = self._sounds.get(path)
        if samples is None:
            try:
                samples, rate = wavtools.read_wav(path)
            except (OSError, EOFError, ValueError) as exc:
                log.warning("cannot play %s: %s", path, exc)
                return None
            if rate != self._stream.rate:
                samples = wavtools.resample(samples, rate, self._stream.rate)
            self._sounds[path] = samples
        return samples

    # ------------------------------------------------------------------ commands

    def schedule(self, phrase: Phrase, priority: Priority, at: float | None = None) -> None:
        """Play ``phrase`` so that its spoken onset is heard at ``at`` (None: now)."""
        if not self._available:
            self.dropped.emit(phrase.text, "no sound device")
            return
        if self._muted:
            self.dropped.emit(phrase.text, "muted")
            return
        self._add(phrase, priority, at)

    def beep(self, at: float | None = None) -> None:
        """A short beep heard at ``at``; off when beeps are off or sound is muted."""
        if not (self._available and self._beeps) or self._muted:
            return
        # a beep is mixed over whatever plays: its priority is never compared
        self._add(self._beep_phrase(), Priority.TIP, at, beep=True)

    def _add(
        self, phrase: Phrase, priority: Priority, at: float | None, beep: bool = False
    ) -> None:
        now = self._clock()
        self._samples(phrase.path)
        self._pending.append(
            _Item(
                seq=next(self._seq),
                text=phrase.text,
                priority=priority,
                at=now if at is None else at,
                path=phrase.path,
                duration=phrase.duration,
                onset=phrase.onset,
                asked=now,
                earliest=self._stream.horizon(),
                beep=beep,
            )
        )
        self._arm()

    def drop_after(self, at: float) -> None:
        """Forget the prompts waiting to be played whose moment is after ``at`` (beeps are
        kept): the session has moved on, and they belong to what it left."""
        late = [i for i in self._pending if not i.beep and i.at > at + SAME_MOMENT]
        for item in late:
            self._pending.remove(item)
            self.dropped.emit(item.text, "superseded")
        if late:
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

    def set_volume(self, volume: float) -> None:
        """A gain from 0 to 1 on everything played, heard at once."""
        self._stream.set_gain(volume)

    def set_beeps(self, on: bool) -> None:
        self._beeps = bool(on)
        if not on:
            self._pending = [i for i in self._pending if not i.beep]

    def _silence(self) -> None:
        self._placed.clear()
        self._stream.cut_all()

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

    def _hand_over_time(self, item: _Item) -> float:
        return item.sound_start() - self.lead

    def _arm(self) -> None:
        if not self._pending:
            self._timer.stop()
            return
        nxt = min(self._hand_over_time(item) for item in self._pending)
        delay_ms = max(0, math.floor((nxt - self._clock()) * 1000))
        self._timer.start(delay_ms)

    def process_due(self) -> None:
        """Hand every prompt whose moment is near to the stream (the timer calls this)."""
        now = self._clock()
        due = [i for i in self._pending if self._hand_over_time(i) <= now + 0.0005]
        due.sort(key=lambda i: (self._hand_over_time(i), -i.priority, i.seq))
        for item in due:
            if item in self._pending:
                self._pending.remove(item)
                self._start(item, now)
        self._arm()

    def _start(self, item: _Item, now: float) -> None:
        horizon = self._stream.horizon()
        self._placed = [p for p in self._placed if p.ends > horizon]
        heard_start = max(item.sound_start(), horizon)
        if item.beep:
            self._start_beep(item, heard_start, item.late(heard_start))
            return
        if self._muted:
            self.dropped.emit(item.text, "muted")
            return
        for other in sorted(self._placed, key=lambda p: p.start):  # wait for a higher one
            if (
                other.item.priority > item.priority
                and other.ends > heard_start
                and other.start < heard_start + item.duration
            ):
                heard_start = other.ends
        late = item.late(heard_start)
        if late > late_tolerance(item.priority):
            self.dropped.emit(item.text, f"too late ({late * 1000:.0f} ms)")
            return
        heard_end = heard_start + item.duration
        for coming in self._pending:
            if (
                coming.priority > item.priority
                and not coming.beep
                and coming.sound_start() < heard_end - OVERLAP_GRACE
            ):
                self.dropped.emit(item.text, f"would run into {coming.text!r}")
                return
        samples = self._samples(item.path)
        if samples is None:
            self.dropped.emit(item.text, "could not load the sound")
            return
        for other in self._placed:  # a higher or equal prompt cuts a lower one off
            if other.ends > heard_start:
                self._stream.cut(other.sound, max(heard_start, other.start))
                other.ends = max(heard_start, other.start)
        sound = self._stream.play(samples, heard_start)
        self._placed.append(_Playing(item, sound, heard_start, heard_end))
        self.started.emit(item.text, item.at, now)

    def _start_beep(self, item: _Item, heard_start: float, late: float) -> None:
        if self._muted or not self._beeps or late > BEEP_LATE_TOLERANCE:
            return
        samples = self._samples(item.path)
        if samples is not None:
            self._stream.play(samples, heard_start)
