"""WAV helpers: onset detection, trimming, completeness of a file being written."""

from __future__ import annotations

from array import array
from pathlib import Path

from guide_app.speech import wavtools

RATE = 22050


def _silence(seconds: float) -> array:
    return array("h", [0]) * round(seconds * RATE)


def test_onsets_of_beeps_are_found_where_they_start() -> None:
    beep = wavtools.sine(660, 0.1, RATE)
    starts = [0.5, 1.25, 2.0, 2.75]
    signal = _silence(3.5)
    for start in starts:
        i = round(start * RATE)
        signal[i : i + len(beep)] = beep
    onsets = wavtools.detect_onsets(signal, RATE)
    assert len(onsets) == len(starts)
    for found, start in zip(onsets, starts, strict=True):
        assert abs(found - start) < 0.006  # within the 5 ms fade-in and window


def test_quiet_lead_in_is_part_of_the_sound_but_not_its_onset() -> None:
    breath = array(
        "h", [int(0.01 * 32767 * (1 if i % 2 else -1)) for i in range(round(0.08 * RATE))]
    )
    loud = wavtools.sine(300, 0.3, RATE, amplitude=0.6)
    signal = _silence(0.3) + breath + loud + _silence(0.3)
    trimmed = wavtools.trim(signal, RATE)
    assert trimmed is not None
    sound, onset = trimmed
    assert 0.07 < onset < 0.1  # the loud part starts 80 ms into the trimmed file
    assert abs(len(sound) / RATE - (0.38 + wavtools.PRE_ROLL + wavtools.TAIL)) < 0.01


def test_trim_of_silence_is_none() -> None:
    assert wavtools.trim(_silence(1.0), RATE) is None


def test_unfinished_wav_is_not_complete(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    wavtools.write_wav(path, wavtools.sine(), RATE)
    assert wavtools.wav_bytes_complete(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # header announces more than is there
    assert not wavtools.wav_bytes_complete(path)
    path.write_bytes(data[:20])
    assert not wavtools.wav_bytes_complete(path)
    assert not wavtools.wav_bytes_complete(tmp_path / "missing.wav")


def test_beep_file(tmp_path: Path) -> None:
    path = tmp_path / "beep.wav"
    wavtools.write_beep(path)
    samples, rate = wavtools.read_wav(path)
    assert rate == RATE
    assert 0.07 + wavtools.END_PAD < len(samples) / rate < 0.09 + wavtools.END_PAD
    assert wavtools.peak(samples) > 0.4
    assert not list(tmp_path.glob(".*"))
