"""One output stream that stays open and mixes each sound in at the sample it is heard.

A ``QAudioSink`` in push mode is kept a little ahead (``AHEAD`` seconds of audio queued)
by a ``Qt.PreciseTimer`` pump on the stream's thread; between sounds it is fed silence, so it
never stops and its start-up delay is paid once, when the app opens it. The stream knows
when each sample it writes will be heard: sample ``n`` is heard at
``origin + n / rate + device_latency``, where ``origin`` is the stream's start on the
monotonic clock, estimated at every pump from how much audio the sink still holds (the
smallest estimate of the last second: the sink reports what it has consumed in blocks,
so an estimate can only be late). A sound asked for at time ``t`` is therefore placed at
its exact sample, not started by a timer, and a timer's jitter never reaches the ear.

Why not ``QSoundEffect``: in Qt 6.11 a sound effect's voice is sometimes destroyed on the
audio thread, which closes a socket notifier owned by the GUI thread; the event loop then
spins on the closed socket at 100% CPU for good (seen in about one cold start in six
under load). One sink owned and fed by one thread has no such hand-over.

The stream has a thread of its own (``own_thread``, as the app runs it): the sink lives
there and the pump runs there, so a busy GUI thread (a window opening, a picture being
drawn, the readout repainting) never lets the output run dry; Python hands the
interpreter lock over every few milliseconds, far inside ``AHEAD``. Measured: with the
pump on the GUI thread, the recording test heard a phrase broken in two runs out of
three on a loaded two-core machine (the pump was up to 61 ms late while the readout
repainted, and the output ran dry); on its own thread the queue never ran dry in ten
runs. A stream that runs dry logs a warning. What the player calls from the GUI thread
(``play``, ``cut``, ``horizon``, ...) takes a lock the pump holds while it mixes.
"""

from __future__ import annotations

import logging
import threading
import time
from array import array
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices, QtAudio

log = logging.getLogger(__name__)

RATE = 22050  # what espeak-ng renders; every sound is converted to it when loaded
AHEAD = 0.1  # seconds queued in the sink: a stall of the stream's thread under this is unheard
PUMP_MS = 10
# Seconds from a sample leaving the sink's queue to it being heard, measured with
# bench/speech.py on PulseAudio 16 (null sink), Qt 6.11: 33 ms.
DEFAULT_DEVICE_LATENCY = 0.033
STALL_LIMIT = 2.0  # seconds a playing output may take nothing before it counts as gone
FADE = 0.005  # a sound cut short fades out over this many seconds (no click)
ORIGIN_WINDOW = 100  # pumps whose origin estimates are kept (one second)
FATAL_ERRORS = (QtAudio.Error.OpenError, QtAudio.Error.IOError, QtAudio.Error.FatalError)


@dataclass(eq=False)
class PlacedSound:
    """A sound placed in the stream: samples ``start`` .. ``end`` (stream sample numbers)."""

    samples: array[int]
    start: int
    end: int
    fade_from: int | None = None  # where a cut's fade-out begins

    def gain_at(self, n: int) -> float:
        if self.fade_from is None or n < self.fade_from:
            return 1.0
        return max(0.0, (self.end - n) / max(1, self.end - self.fade_from))


class AudioStream(QObject):
    """The app's one audio output. ``failed`` says why it stopped working.

    With ``own_thread`` the stream runs on a thread of its own from ``open`` until
    ``end`` (the owner calls ``end`` once, when it is done with sound); without it (tests
    with a stand-in sink) it runs on the thread that made it."""

    failed = Signal(str)
    _run_there = Signal(object)  # a callable to run on the stream's thread, waited for

    def __init__(
        self,
        *,
        device_latency: float = DEFAULT_DEVICE_LATENCY,
        clock: Callable[[], float] = time.monotonic,
        own_thread: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(None if own_thread else parent)
        self._lock = threading.RLock()
        self._thread: QThread | None = None
        self.rate = RATE
        self.device_latency = device_latency
        self._clock = clock
        self._sink: Any = None  # a QAudioSink
        self._io: Any = None  # its QIODevice
        self._written = 0  # samples written since the stream opened
        self._origins: deque[float] = deque(maxlen=ORIGIN_WINDOW)
        self._sounds: list[PlacedSound] = []
        self._gain = 1.0
        self._stuck_since: float | None = None  # since when the sink has had no room
        self._played = False  # the sink has taken sound since it was first filled
        self._pumped = 0.0  # when the sink was last given sound
        self._pump = QTimer(self)
        self._pump.setTimerType(Qt.TimerType.PreciseTimer)
        self._pump.timeout.connect(self.pump)
        if own_thread:  # last: the pump timer moves with the stream
            self._thread = QThread()
            self._thread.setObjectName("audio")
            self.moveToThread(self._thread)
            self._run_there.connect(self._call, Qt.ConnectionType.BlockingQueuedConnection)

    @property
    def is_open(self) -> bool:
        return self._io is not None

    # ------------------------------------------------------------------ thread

    def _call(self, job: Callable[[], object]) -> None:
        job()

    def _there(self, job: Callable[[], object]) -> None:
        """Run ``job`` on the stream's thread and wait for it."""
        thread = self._thread
        if thread is None or QThread.currentThread() is thread:
            job()
            return
        if not thread.isRunning():
            thread.start(QThread.Priority.TimeCriticalPriority)
        self._run_there.emit(job)

    def end(self) -> None:
        """Close the output and stop the stream's thread (the stream is done with)."""
        self.close()
        thread = self._thread
        if thread is not None and thread.isRunning():
            thread.quit()
            thread.wait()

    # ------------------------------------------------------------------ output

    def open(self) -> bool:
        """Open the default output; False when there is none or it cannot be opened."""
        self.close()
        device = QMediaDevices.defaultAudioOutput()  # asked on the caller's thread
        if device.isNull():
            return False
        opened: list[bool] = []
        self._there(lambda: opened.append(self._open(device)))
        return bool(opened and opened[0])

    def _open(self, device: QAudioDevice) -> bool:
        fmt = QAudioFormat()
        fmt.setSampleRate(RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        sink = QAudioSink(device, fmt, self)
        # kept full: PulseAudio starts a stream only once its buffer is full
        sink.setBufferSize(round(RATE * AHEAD) * 2)
        sink.stateChanged.connect(self._on_state)
        io = sink.start()
        if io is None or sink.error() in FATAL_ERRORS:
            log.warning("cannot open the audio output %s: %s", device.description(), sink.error())
            sink.deleteLater()
            return False
        self._attach(sink, io)
        return True

    def attach(self, sink: Any, io: Any) -> None:
        """Feed ``sink`` (a started ``QAudioSink``, or a stand-in in tests) through ``io``."""
        self._there(lambda: self._attach(sink, io))

    def _attach(self, sink: Any, io: Any) -> None:
        with self._lock:
            self._sink, self._io = sink, io
            self._written = 0
            self._origins.clear()
            self._stuck_since = None
            self._played = False
        self._pump.start(PUMP_MS)

    def close(self) -> None:
        if self._thread is not None and self._thread.isRunning():
            self._there(self._close)
        else:
            self._close()

    def _close(self) -> None:
        self._pump.stop()
        with self._lock:
            self._sounds.clear()
            sink, self._sink, self._io = self._sink, None, None
        if isinstance(sink, QAudioSink):
            sink.stateChanged.disconnect(self._on_state)
            sink.stop()
            sink.deleteLater()

    def _on_state(self) -> None:  # no parameter: PySide cannot convert QAudio::State
        sink = self._sink
        if sink is not None and sink.error() in FATAL_ERRORS:
            log.warning("audio output failed: %s", sink.error())
            self._close()
            self.failed.emit(str(sink.error()))

    # ------------------------------------------------------------------ time

    def _origin(self) -> float:
        return min(self._origins) if self._origins else self._clock()

    def heard_at(self, n: int) -> float:
        """When stream sample ``n`` is heard (monotonic seconds)."""
        with self._lock:
            return self._origin() + n / RATE + self.device_latency

    def sample_at(self, t: float) -> int:
        with self._lock:
            return round((t - self.device_latency - self._origin()) * RATE)

    def horizon(self) -> float:
        """When the next sample to be written will be heard: the earliest a sound asked
        for now can start."""
        with self._lock:
            if not self.is_open:
                return self._clock()
            return self.heard_at(self._written)

    # ------------------------------------------------------------------ sounds

    def play(self, samples: array[int], at: float) -> PlacedSound:
        """Place ``samples`` so that their first one is heard at ``at``, or as soon as
        possible when that moment is already written."""
        with self._lock:
            start = max(self.sample_at(at), self._written)
            sound = PlacedSound(samples, start, start + len(samples))
            if self.is_open and len(samples):
                self._sounds.append(sound)
            return sound

    def cut(self, sound: PlacedSound, at: float | None = None) -> None:
        """End ``sound`` at ``at`` (None: as soon as possible), with a short fade."""
        with self._lock:
            cut_at = self._written if at is None else max(self.sample_at(at), self._written)
            fade = round(FADE * RATE)
            end = max(cut_at, sound.start)
            if end + fade < sound.end:
                sound.end = end + fade
                sound.fade_from = end

    def set_gain(self, gain: float) -> None:
        """The output volume, 0..1, from the next sample written (within ``AHEAD``)."""
        self._gain = min(1.0, max(0.0, float(gain)))

    def cut_all(self) -> None:
        with self._lock:
            for sound in list(self._sounds):
                self.cut(sound)

    # ------------------------------------------------------------------ pump

    def pump(self) -> None:
        """Keep the sink full (``AHEAD`` seconds), mixing in the sounds that fall there.

        The sink only takes more once it has played some: a pump that finds no room
        says nothing about the origin. No room for ``AHEAD`` means the output was not
        playing (it is still starting, or something held it up), so the origin is
        measured afresh; no room for ``STALL_LIMIT`` after it had played means the
        sound server has gone, and ``failed`` says so."""
        with self._lock:
            gone = self._pump_once()
        if gone:
            self._close()
            self.failed.emit("the sound output stopped taking sound")

    def _pump_once(self) -> bool:
        """One pump, under the lock; True when the output has gone."""
        sink, io = self._sink, self._io
        if sink is None or io is None:
            return False
        now = self._clock()
        free = sink.bytesFree() // 2
        if free <= 0:
            if self._stuck_since is None:
                self._stuck_since = now
            return self._played and now - self._stuck_since > STALL_LIMIT
        if self._stuck_since is not None and now - self._stuck_since > AHEAD:
            self._origins.clear()
        self._stuck_since = None
        queued = sink.bufferSize() // 2 - free
        if queued <= 0 and self._written:
            self._origins.clear()  # it ran dry (a long stall): the origin has moved
            log.warning(
                "the sound output ran dry: %.0f ms since the last pump", 1000 * (now - self._pumped)
            )
        self._played = self._played or self._written > 0
        self._origins.append(now + queued / RATE - self._written / RATE)
        self._pumped = now
        chunk = self._mix(self._written, free)
        io.write(chunk.tobytes())
        self._written += free
        self._sounds = [v for v in self._sounds if v.end > self._written]
        return False

    def _mix(self, first: int, count: int) -> array[int]:
        out = array("h", bytes(2 * count))
        last = first + count
        mixed = False
        for sound in self._sounds:
            lo, hi = max(first, sound.start), min(last, sound.end)
            if lo >= hi:
                continue
            part = sound.samples[lo - sound.start : hi - sound.start]
            faded = sound.fade_from is not None and hi > sound.fade_from
            if not mixed and not faded and self._gain == 1.0:
                out[lo - first : hi - first] = part
            else:
                gain = self._gain
                at = lo - first
                if faded:
                    gains = [gain * sound.gain_at(i) for i in range(lo, hi)]
                else:
                    gains = [gain] * (hi - lo)
                out[at : at + hi - lo] = array(
                    "h",
                    [
                        max(-32768, min(32767, y + int(x * g)))
                        for y, x, g in zip(out[at : at + hi - lo], part, gains, strict=True)
                    ],
                )
            mixed = True
        return out
