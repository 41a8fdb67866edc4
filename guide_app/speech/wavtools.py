"""Plain-Python WAV helpers: read and write 16-bit mono WAVs, trim silence, find spoken onsets.

No Qt and no numpy. The same onset detector is used when a phrase is rendered (to know
how far into the file the word really starts) and when a recording is analysed (tests,
bench), so "the sound starts on the beat" means the same thing on both sides.
"""

from __future__ import annotations

import math
import os
import wave
from array import array
from collections.abc import Sequence
from pathlib import Path

FULL_SCALE = 32767.0
WINDOW = 0.005  # seconds of audio per RMS window
HOP = 0.001  # seconds between RMS windows
SILENCE = 0.003  # RMS (fraction of full scale) at or below which a window is silence
ONSET_RELATIVE = 0.25  # onset: first window reaching this fraction of the sound's early peak
PEAK_SPAN = 0.3  # seconds after a sound begins in which its peak is taken
ONSET_LOWPASS_HZ = 1000.0  # onsets are found on the voice's low band (see detect_onsets)
PRE_ROLL = 0.002  # seconds kept before the first non-silent sample when trimming
TAIL = 0.03  # seconds kept after the last non-silent sample when trimming
# Silence written after every sound file (from when Qt's QSoundEffect replayed the last
# ~30 ms of a sound at the next play; kept so cached files stay valid).
END_PAD = 0.15


def read_wav(path: str | os.PathLike[str]) -> tuple[array[int], int]:
    """Read a 16-bit PCM WAV; stereo is mixed down to mono. Returns (samples, frame rate)."""
    with wave.open(os.fspath(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit WAV is supported")
        channels = w.getnchannels()
        rate = w.getframerate()
        samples = array("h", w.readframes(w.getnframes()))
    if channels > 1:
        mixed = array("h", [0]) * (len(samples) // channels)
        for i in range(len(mixed)):
            chunk = samples[i * channels : (i + 1) * channels]
            mixed[i] = int(sum(chunk) / channels)
        samples = mixed
    return samples, rate


def resample(samples: Sequence[int], rate: int, to_rate: int) -> array[int]:
    """Linear-interpolation resampling (for a sound not rendered at the stream's rate)."""
    if rate == to_rate or not samples:
        return array("h", samples)
    count = max(1, round(len(samples) * to_rate / rate))
    step = rate / to_rate
    last = len(samples) - 1
    out = array("h", bytes(2 * count))
    for i in range(count):
        x = i * step
        k = min(int(x), last)
        frac = x - k
        nxt = samples[min(k + 1, last)]
        out[i] = round(samples[k] + (nxt - samples[k]) * frac)
    return out


def wav_bytes_complete(path: str | os.PathLike[str]) -> bool:
    """True when the WAV holds every byte its ``data`` chunk announces (and at least one).

    pyttsx3's espeak driver writes the file from espeak's own thread after ``runAndWait``
    has returned, header first: a file that exists is not yet a finished file.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return False
            while True:
                chunk = f.read(8)
                if len(chunk) < 8:
                    return False
                size = int.from_bytes(chunk[4:8], "little")
                if chunk[:4] == b"data":
                    return size > 0 and os.fstat(f.fileno()).st_size >= f.tell() + size
                f.seek(size + (size & 1), os.SEEK_CUR)
    except OSError:
        return False


def write_wav(path: str | os.PathLike[str], samples: Sequence[int], rate: int) -> None:
    """Write 16-bit mono samples to ``path`` (not atomic; see ``cache.write_phrase``)."""
    data = samples if isinstance(samples, array) else array("h", samples)
    with wave.open(os.fspath(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())


def envelope(
    samples: Sequence[int],
    rate: int,
    start: int = 0,
    stop: int | None = None,
    *,
    window: float = WINDOW,
    hop: float = HOP,
) -> list[float]:
    """RMS of ``window``-second windows every ``hop`` seconds, as a fraction of full scale.

    Entry ``k`` covers samples ``start + k*hop*rate`` .. that plus ``window*rate``.
    """
    stop = len(samples) if stop is None else min(stop, len(samples))
    win = max(1, round(window * rate))
    step = max(1, round(hop * rate))
    if stop - start < win:
        return []
    # running sum of squares over the window
    squares = [x * x for x in samples[start:stop]]
    out: list[float] = []
    acc = sum(squares[:win])
    pos = 0
    last = len(squares) - win
    scale = 1.0 / (win * FULL_SCALE * FULL_SCALE)
    while True:
        out.append(math.sqrt(max(acc, 0) * scale))
        nxt = pos + step
        if nxt > last:
            break
        acc += sum(squares[pos + win : nxt + win]) - sum(squares[pos:nxt])
        pos = nxt
    return out


def lowpass(samples: Sequence[int], rate: int, cutoff: float = ONSET_LOWPASS_HZ) -> array[int]:
    """A one-pole low-pass filter (6 dB per octave above ``cutoff``)."""
    a = 1.0 - math.exp(-2.0 * math.pi * cutoff / rate)
    out = array("h", [0]) * len(samples)
    y = 0.0
    for i, x in enumerate(samples):
        y += a * (x - y)
        out[i] = int(y)
    return out


def detect_onsets(
    samples: Sequence[int],
    rate: int,
    *,
    min_gap: float = 0.15,
    silence: float = SILENCE,
    relative: float = ONSET_RELATIVE,
) -> list[float]:
    """Onsets (seconds from the first sample) of the sounds in ``samples``.

    Works on the signal below ``ONSET_LOWPASS_HZ``, where a voice's vowels are: an "s"
    or "f" is not the beat of a word, and its hiss is what the sound server's resampler
    softens (seen: "seven" measured 29 ms late without this). A sound begins where the
    RMS envelope rises above ``silence`` after at least ``min_gap`` seconds of silence;
    its onset is the first moment the envelope reaches ``relative`` times the sound's
    peak over its first ``PEAK_SPAN`` seconds: for a spoken word the attack of its first
    vowel, for a beep its start.
    """
    env = envelope(lowpass(samples, rate), rate)
    if not env:
        return []
    step = max(1, round(HOP * rate))  # samples between envelope entries (as in envelope())
    half_window = max(1, round(WINDOW * rate)) / 2
    gap_windows = max(1, round(min_gap * rate / step))
    span = max(1, round(PEAK_SPAN * rate / step))
    onsets: list[float] = []
    quiet = gap_windows  # the recording is taken to start in silence
    k = 0
    while k < len(env):
        if env[k] <= silence:
            quiet += 1
            k += 1
            continue
        if quiet >= gap_windows:
            peak = max(env[k : k + span])
            threshold = max(silence, relative * peak)
            j = k
            while env[j] < threshold:
                j += 1
            onsets.append((j * step + half_window) / rate)
        quiet = 0
        k += 1
    return onsets


def find_onset(samples: Sequence[int], rate: int) -> float | None:
    """Onset of the first sound in ``samples`` (seconds), or None when it is all silence."""
    head = samples[: int(rate * (PEAK_SPAN + 1.0))]
    onsets = detect_onsets(head, rate)
    if onsets:
        return onsets[0]
    onsets = detect_onsets(samples, rate)  # a long quiet lead-in
    return onsets[0] if onsets else None


def trim(
    samples: array[int], rate: int, *, floor: float = SILENCE
) -> tuple[array[int], float] | None:
    """Cut leading and trailing silence; return (trimmed samples, onset in seconds) or None.

    Keeps ``PRE_ROLL`` before the first sample above ``floor`` and ``TAIL`` after the last,
    so the file's sound starts at once and its length is the length of the speech.
    """
    limit = floor * FULL_SCALE
    n = len(samples)
    first = next((i for i in range(n) if abs(samples[i]) > limit), None)
    if first is None:
        return None
    last = next(i for i in range(n - 1, -1, -1) if abs(samples[i]) > limit)
    begin = max(0, first - round(PRE_ROLL * rate))
    end = min(n, last + 1 + round(TAIL * rate))
    out = samples[begin:end]
    onset = find_onset(out, rate)
    if onset is None:
        return None
    return out, onset


def with_end_pad(samples: Sequence[int], rate: int) -> array[int]:
    """``samples`` followed by ``END_PAD`` seconds of silence."""
    out = array("h", samples)
    out.extend(array("h", [0]) * round(END_PAD * rate))
    return out


def duration(samples: Sequence[int], rate: int) -> float:
    return len(samples) / rate


def peak(samples: Sequence[int]) -> float:
    """Largest absolute sample, as a fraction of full scale."""
    return max((abs(x) for x in samples), default=0) / FULL_SCALE


def rms(samples: Sequence[int]) -> float:
    if not samples:
        return 0.0
    return math.sqrt(sum(x * x for x in samples) / len(samples)) / FULL_SCALE


def sine(
    frequency: float = 880.0,
    seconds: float = 0.08,
    rate: int = 22050,
    amplitude: float = 0.5,
    fade: float = 0.005,
) -> array[int]:
    """A short sine tone with linear fades, for beeps."""
    n = round(seconds * rate)
    ramp = max(1, round(fade * rate))
    out = array("h", [0]) * n
    for i in range(n):
        gain = min(1.0, i / ramp, (n - 1 - i) / ramp)
        out[i] = round(amplitude * gain * FULL_SCALE * math.sin(2 * math.pi * frequency * i / rate))
    return out


def write_beep(path: Path, frequency: float = 880.0, seconds: float = 0.08) -> None:
    """Write a beep WAV atomically (tmp file then ``os.replace``)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write_wav(tmp, with_end_pad(sine(frequency, seconds), 22050), 22050)
    os.replace(tmp, path)
