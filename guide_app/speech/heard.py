"""Finding rendered phrases in a recording: where each one was heard, and whether whole.

The player mixes a phrase's cached samples into the output unchanged (gain 1), so a
recording of the sound server holds a copy of them (resampled on the way, with other
sounds such as beeps added). A phrase is located in two steps, both plain Python:

1. its loudness envelope (5 ms frames) is slid over the recording's around where it is
   expected, and the best normalised cross-correlations give coarse positions;
2. its loudest 50 ms are slid around the few best of those positions (and where it
   was expected), and the best offsets are candidates for the exact one.

At each candidate the phrase is cut into 50 ms segments and each voiced segment is
projected onto the recording: the gain ``<recording, phrase> / <phrase, phrase>`` is
about 1 where the phrase was heard, and about 0 where it was not (cut off, dropped,
replaced by another). Added sound (another phrase over it) hardly moves it, as it is not
correlated with the phrase. A phrase counts as heard *whole* when its last voiced
segments are there and almost all the others are: a phrase that was cut keeps only its
beginning.

At the best start, a segment not found where the one before it puts it is looked for up
to ``DRIFT`` either side: a sound server that fills a brief underrun with silence (seen
on a loaded two-core machine: 1 to 5 ms, a click at most) moves the rest of the phrase
later by that much. The segment the gap fell inside is heard as its start where the
one before lay and its end where the one after lies. The phrase is still heard whole
when it moved by ``GAP_LIMIT`` at most in all; ``moved`` says by how much.

Used by the recording tests (tests/integration) and usable from a bench script.
"""

from __future__ import annotations

import math
import operator
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

FRAME = 0.005  # seconds per envelope frame
SNIPPET = 0.05  # seconds of the phrase used to find the exact offset
SEGMENT = 0.05  # seconds per segment checked for presence
VOICED = 0.1  # a segment is voiced when its RMS is at least this share of the loudest
GAIN_LOW, GAIN_HIGH = 0.6, 1.4  # a segment is present when its gain lies between these
LAST_SEGMENTS = 2  # these last voiced segments must all be present
SHARE_PRESENT = 0.85  # and at least this share of all voiced segments
COARSE_PEAKS = 3  # best envelope fits kept (a loud beep over the phrase may mislead)
PEAK_SPAN = 4  # frames either side a coarse peak must beat
REACH = 0.03  # seconds around each of them (and the expected start) searched exactly
STRIDE = 3  # samples between the offsets tried there
CANDIDATES = 6  # best offsets of the loudest 50 ms that are checked segment by segment
NUDGE = 3  # samples either side of the best that are tried at last (resampling on the
# way smears the peak over a few samples)
DRIFT = 0.015  # seconds a segment is looked for either side of where the one before lay
GAP_LIMIT = 0.05  # seconds the sound server may have moved a phrase inside itself, in all
SPLITS = 20  # places tried where a gap may have fallen inside a segment


@dataclass(frozen=True)
class Heard:
    """Where a phrase was found: ``start`` is the recording's sample where the phrase's
    first sample lies; ``gains`` the gain of each voiced segment, in order."""

    start: int
    score: float  # normalised cross-correlation of the envelopes at the coarse position
    gains: tuple[float, ...]
    moved: float = 0.0  # seconds between the earliest and latest its segments were heard

    @property
    def present(self) -> tuple[bool, ...]:
        return tuple(GAIN_LOW <= g <= GAIN_HIGH for g in self.gains)

    @property
    def whole(self) -> bool:
        """The end of the phrase was heard, and almost all of the rest."""
        present = self.present
        if not present:
            return False
        share = sum(present) / len(present)
        return (
            all(present[-LAST_SEGMENTS:])
            and share >= SHARE_PRESENT
            and abs(self.moved) <= GAP_LIMIT
        )

    @property
    def heard_share(self) -> float:
        present = self.present
        return sum(present) / len(present) if present else 0.0


def frames(samples: Sequence[int], size: int) -> list[float]:
    """Mean absolute value of consecutive ``size``-sample frames."""
    out = []
    for k in range(0, len(samples) - size + 1, size):
        out.append(sum(map(abs, samples[k : k + size])) / size)
    return out


def _ncc(a: Sequence[float], b: Sequence[float]) -> float:
    """Normalised cross-correlation of two equally long sequences (means removed)."""
    n = len(a)
    if n == 0:
        return 0.0
    ma, mb = sum(a) / n, sum(b) / n
    da = [x - ma for x in a]
    db = [x - mb for x in b]
    num = sum(map(operator.mul, da, db))
    den = math.sqrt(sum(map(operator.mul, da, da)) * sum(map(operator.mul, db, db)))
    return num / den if den > 0 else 0.0


def _dot(a: Sequence[int], b: Sequence[int]) -> float:
    return float(sum(map(operator.mul, a, b)))


def _coarse(rec_env: list[float], ph_env: list[float], count: int) -> list[tuple[float, int]]:
    """The ``count`` best frames for the phrase's envelope, each the best of its
    neighbourhood, as (score, frame), best first."""
    n = len(ph_env)
    scores = [_ncc(rec_env[k : k + n], ph_env) for k in range(max(0, len(rec_env) - n + 1))]
    peaks = [
        (score, k)
        for k, score in enumerate(scores)
        if score >= max(scores[max(0, k - PEAK_SPAN) : k + PEAK_SPAN + 1])
    ]
    return sorted(peaks, reverse=True)[:count]


def _loudest(phrase: Sequence[int], size: int) -> int:
    """Where the loudest ``size`` samples of the phrase start."""
    best, best_energy = 0, -1.0
    step = max(1, size // 4)
    for k in range(0, max(1, len(phrase) - size + 1), step):
        energy = _dot(phrase[k : k + size], phrase[k : k + size])
        if energy > best_energy:
            best, best_energy = k, energy
    return best


def _candidates(
    recording: Sequence[int], phrase: Sequence[int], anchors: list[int], reach: int, rate: int
) -> list[int]:
    """Where the phrase may start within ``reach`` of each anchor: the best few places
    for its loudest 50 ms, tried every ``STRIDE`` samples (a beep over the phrase may
    make the very best of them a wrong one, so several are kept)."""
    size = max(1, round(SNIPPET * rate))
    at = _loudest(phrase, size)
    snippet = phrase[at : at + size]
    norm = math.sqrt(_dot(snippet, snippet)) or 1.0
    scores: dict[int, float] = {}
    for anchor in anchors:
        for start in range(max(0, anchor - reach), anchor + reach + 1, STRIDE):
            part = recording[start + at : start + at + size]
            if start in scores or len(part) < size:
                continue
            den = math.sqrt(_dot(part, part)) * norm or 1.0
            scores[start] = _dot(part, snippet) / den
    ranked = sorted(((score, start) for start, score in scores.items()), reverse=True)
    return [start for _, start in ranked[:CANDIDATES]]


def segment_gains(
    recording: Sequence[int], phrase: Sequence[int], start: int, rate: int
) -> tuple[float, ...]:
    """The gain of each voiced segment of ``phrase`` placed at ``start`` in ``recording``."""
    return followed_gains(recording, phrase, start, rate, drift=0.0)[0]


def find(
    recording: Sequence[int],
    phrase: Sequence[int],
    rate: int,
    *,
    expected: int,
    search: float = 0.5,
) -> Heard:
    """Find ``phrase`` in ``recording`` (same ``rate``) within ``search`` seconds of the
    sample ``expected`` where its first sample should lie."""
    size = max(1, round(FRAME * rate))
    lo = max(0, expected - round(search * rate))
    hi = expected + round(search * rate)
    window = array("h", recording[lo : hi + len(phrase) + size])
    rec_env = frames(window, size)
    ph_env = frames(phrase, size)
    peaks = _coarse(rec_env, ph_env, COARSE_PEAKS)
    score = peaks[0][0] if peaks else 0.0
    anchors = [expected, *(lo + k * size for _, k in peaks)]
    starts = [
        start + nudge
        for start in _candidates(recording, phrase, anchors, round(REACH * rate), rate)
        for nudge in range(-(STRIDE // 2), STRIDE // 2 + 1)
    ]
    best = _best(recording, phrase, rate, score, starts)
    nudged = range(best.start - NUDGE, best.start + NUDGE + 1)
    best = _best(recording, phrase, rate, score, list(nudged))
    gains, lags = followed_gains(recording, phrase, best.start, rate)
    moved = (max(lags) - min(lags)) / rate if lags else 0.0
    return Heard(best.start + (lags[0] if lags else 0), best.score, gains, moved)


def followed_gains(
    recording: Sequence[int], phrase: Sequence[int], start: int, rate: int, drift: float = DRIFT
) -> tuple[tuple[float, ...], list[int]]:
    """The gain of each voiced segment of ``phrase`` placed at ``start``; a segment not
    heard where the one before it lay is looked for up to ``drift`` seconds either side
    (the best normalised match there). The gains, and the lag (samples from ``start``)
    at which each heard segment was found."""
    size = max(1, round(SEGMENT * rate))
    reach = round(drift * rate)
    parts = [(k, phrase[k : k + size]) for k in range(0, len(phrase) - size // 2, size)]
    energies = [_dot(p, p) for _, p in parts]
    loudest = max(energies, default=0.0)
    gains: list[float] = []
    lags: list[int] = []
    lag = 0
    missed: tuple[int, int, Sequence[int], float] | None = None  # the last one not heard
    for (k, part), energy in zip(parts, energies, strict=True):
        if energy <= 0 or energy < (VOICED**2) * loudest:
            continue
        at = start + k
        gain = _gain(recording, part, energy, at + lag)
        if reach and not GAIN_LOW <= gain <= GAIN_HIGH:
            near = _match(recording, part, at, range(lag - reach, lag + reach + 1))
            found = _gain(recording, part, energy, at + near)
            if GAIN_LOW <= found <= GAIN_HIGH:
                if missed is not None and missed[0] == len(gains) - 1:
                    # the gap fell inside the segment before: its two ends were heard
                    index, where, before, before_energy = missed
                    split = _split_gain(recording, before, before_energy, start + where, lag, near)
                    if GAIN_LOW <= split <= GAIN_HIGH:
                        gains[index] = split
                gain, lag = found, near
        if GAIN_LOW <= gain <= GAIN_HIGH:
            lags.append(lag)
        else:
            missed = (len(gains), k, part, energy)
        gains.append(gain)
    return tuple(gains), lags


def _split_gain(
    recording: Sequence[int], part: Sequence[int], energy: float, at: int, lag: int, then: int
) -> float:
    """The best gain of ``part`` heard at ``at + lag`` up to some sample and at
    ``at + then`` after it (a gap the sound server filled moved its end)."""
    best = 0.0
    step = max(1, len(part) // SPLITS)
    for cut in range(step, len(part), step):
        head = _gain(recording, part[:cut], energy, at + lag)
        tail = _gain(recording, part[cut:], energy, at + cut + then)
        if abs(head + tail - 1) < abs(best - 1):
            best = head + tail
    return best


def _gain(recording: Sequence[int], part: Sequence[int], energy: float, at: int) -> float:
    heard = recording[max(0, at) : max(0, at) + len(part)]
    return _dot(heard, part) / energy if len(heard) == len(part) and at >= 0 else 0.0


def _match(recording: Sequence[int], part: Sequence[int], at: int, lags: range) -> int:
    """The lag in ``lags`` where ``part`` best matches the recording (normalised)."""
    best, best_lag = -2.0, lags.start
    for lag in lags:
        heard = recording[max(0, at + lag) : max(0, at + lag) + len(part)]
        if len(heard) < len(part) or at + lag < 0:
            continue
        norm = math.sqrt(_dot(heard, heard) * _dot(part, part)) or 1.0
        score = _dot(heard, part) / norm
        if score > best:
            best, best_lag = score, lag
    return best_lag


def _best(
    recording: Sequence[int], phrase: Sequence[int], rate: int, score: float, starts: list[int]
) -> Heard:
    best: Heard | None = None
    for start in starts:
        found = Heard(start, score, segment_gains(recording, phrase, start, rate))
        if best is None or _closer(found, best):
            best = found
    assert best is not None
    return best


def _closer(a: Heard, b: Heard) -> bool:
    """Whether ``a`` explains the recording better than ``b``: more of the phrase
    present, then gains nearer 1."""
    if a.heard_share != b.heard_share:
        return a.heard_share > b.heard_share
    return sum(abs(g - 1) for g in a.gains) < sum(abs(g - 1) for g in b.gains)
