"""Disk cache of rendered phrases: one WAV plus a small JSON sidecar per (text, language,
voice, rate, volume, engine).

The text is what the engine was given (numbers as words: ``core.spoken``), and the
language is part of the key: an English "Rest" and a German "Pause" never mix, and the
same text in two languages is rendered twice.

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

# Bump when the way a phrase is turned into a file changes (trimming, onset detector,
# what the key holds). 4: the key and the sidecar hold the language; entries of an
# older format are never read (their keys differ, and their sidecars are refused).
FORMAT = 4


@dataclass(frozen=True)
class RenderSpec:
    """Everything besides the text that decides how a phrase sounds."""

    voice: str | None  # engine voice id; None is the language's default voice
    rate: int  # words per minute
    volume: float  # 0..1
    engine: str  # engine name and version, e.g. "pyttsx3 2.99 / espeak-ng 1.51"
    language: str = "en"  # the language the phrase is spoken in ("en", "de", "es")


@dataclass(frozen=True)
class Phrase:
    """A rendered phrase on disk."""

    text: str  # the phrase as asked for (and shown): "Satz 2 von 3"
    path: Path
    duration: float  # seconds of sound in the file
    onset: float  # seconds from the start of the file to the spoken onset
    language: str = "en"  # the language it is spoken in
    spoken: str = ""  # what the engine said: "Satz zwei von drei" ("": not speech)


def phrase_key(text: str, spec: RenderSpec) -> str:
    """The cache key of ``text`` rendered with ``spec``: a sha256 hex digest."""
    payload = json.dumps(
        [
            FORMAT,
            text,
            spec.language,
            spec.voice,
            int(spec.rate),
            round(float(spec.volume), 3),
            spec.engine,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def meta_path(wav_path: Path) -> Path:
    return wav_path.with_suffix(".json")


def voice_used(phrase: Phrase) -> str | None:
    """The engine voice id a cached phrase was rendered with (None: not recorded)."""
    try:
        meta = json.loads(meta_path(phrase.path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    voice = meta.get("voice") if isinstance(meta, dict) else None
    return str(voice) if voice else None


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
    wav_path: Path,
    text: str,
    samples: Sequence[int],
    rate: int,
    onset: float,
    *,
    language: str = "en",
    voice: str | None = None,
) -> Phrase:
    """Store a rendered phrase atomically: sidecar first, then the WAV that makes it visible.

    ``text`` is what the engine said, in ``language`` with ``voice`` (the id it used). The
    file gets ``wavtools.END_PAD`` of silence after the sound; ``duration`` is the sound's
    alone.
    """
    wav_path = Path(wav_path)
    duration = len(samples) / rate
    meta = {
        "format": FORMAT,
        "text": text,
        "language": language,
        "voice": voice,
        "duration": duration,
        "onset": onset,
        "rate": rate,
    }
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
    return Phrase(text, wav_path, duration, onset, language=language, spoken=text)


def read_phrase(wav_path: Path) -> Phrase | None:
    """The phrase stored at ``wav_path`` (its ``text`` is what was said), or None if it is
    missing, damaged or of an older format."""
    try:
        meta = json.loads(meta_path(wav_path).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or wav_path.stat().st_size <= 44:
            return None
        return Phrase(
            text=str(meta["text"]),
            path=wav_path,
            duration=float(meta["duration"]),
            onset=float(meta["onset"]),
            language=str(meta["language"]),
            spoken=str(meta["text"]),
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
