"""Disk cache of rendered phrases: one WAV plus a small JSON sidecar per (text, voice, rate,
volume, engine).

No Qt: the worker process writes entries, the app reads them. Every write goes to a
temporary file in the same folder and is moved into place with ``os.replace``, so a
reader sees either no entry or a whole one, even if the writer is killed half-way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from guide_app.speech import wavtools

# Bump when the way a phrase is turned into a file changes (trimming, onset detector).
FORMAT = 3


@dataclass(frozen=True)
class RenderSpec:
    """Everything besides the text that decides how a phrase sounds."""

    voice: str | None  # engine voice id; None is the engine's default voice
    rate: int  # words per minute
    volume: float  # 0..1
    engine: str  # engine name and version, e.g. "pyttsx3 2.99 / espeak-ng 1.51"


@dataclass(frozen=True)
class Phrase:
    """A rendered phrase on disk."""

    text: str
    path: Path
    duration: float  # seconds of sound in the file
    onset: float  # seconds from the start of the file to the spoken onset


def phrase_key(text: str, spec: RenderSpec) -> str:
    """The cache key of ``text`` rendered with ``spec``: a sha256 hex digest."""
    payload = json.dumps(
        [FORMAT, text, spec.voice, int(spec.rate), round(float(spec.volume), 3), spec.engine],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def meta_path(wav_path: Path) -> Path:
    return wav_path.with_suffix(".json")


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_phrase(
    wav_path: Path, text: str, samples: Sequence[int], rate: int, onset: float
) -> Phrase:
    """Store a rendered phrase atomically: sidecar first, then the WAV that makes it visible.

    The file gets ``wavtools.END_PAD`` of silence after the sound; ``duration`` is the
    sound's alone.
    """
    wav_path = Path(wav_path)
    duration = len(samples) / rate
    meta = {"format": FORMAT, "text": text, "duration": duration, "onset": onset, "rate": rate}
    _atomic_write_bytes(meta_path(wav_path), json.dumps(meta, ensure_ascii=False).encode())
    fd, tmp = tempfile.mkstemp(prefix=f".{wav_path.name}.", suffix=".tmp", dir=wav_path.parent)
    os.close(fd)
    try:
        wavtools.write_wav(tmp, wavtools.with_end_pad(samples, rate), rate)
        os.replace(tmp, wav_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Phrase(text=text, path=wav_path, duration=duration, onset=onset)


def read_phrase(wav_path: Path) -> Phrase | None:
    """The phrase stored at ``wav_path``, or None if it is missing or damaged."""
    try:
        meta = json.loads(meta_path(wav_path).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or wav_path.stat().st_size <= 44:
            return None
        return Phrase(
            text=str(meta["text"]),
            path=wav_path,
            duration=float(meta["duration"]),
            onset=float(meta["onset"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class PhraseCache:
    """A folder of rendered phrases. The caller chooses the folder (the app's cache dir)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def path_for(self, text: str, spec: RenderSpec) -> Path:
        return self.folder / f"{phrase_key(text, spec)}.wav"

    def lookup(self, text: str, spec: RenderSpec) -> Phrase | None:
        return read_phrase(self.path_for(text, spec))

    def remove_leftovers(self, older_than: float = 600.0) -> int:
        """Delete temporary files a killed writer left behind; returns how many.

        Only files older than ``older_than`` seconds: another app instance may be
        writing into the same folder right now.
        """
        count = 0
        cutoff = time.time() - older_than
        for tmp in self.folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
                    count += 1
        return count

    def clear(self) -> None:
        for entry in self.folder.iterdir():
            if entry.suffix in {".wav", ".json", ".tmp"}:
                with contextlib.suppress(OSError):
                    entry.unlink()
