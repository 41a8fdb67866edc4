"""The speech worker process: owns the speech engines (pyttsx3 with espeak-ng, and the
natural voice, ``neural``) and renders phrases to WAV files.

Run as ``python -m guide_app.speech.renderer_worker``; ``renderer.Renderer`` starts it,
watches it and restarts it. It never plays sound. One JSON object per line:

    first line out: {"event": "ready", "pid": 7,
                     "engine": "pyttsx3 2.99 / espeak-ng 1.51 / piper 1.8.0 en_US-joe-medium"}
                    (no piper part when the natural voice is not installed)
                or  {"event": "fault", "kind": "no-espeak" | "init", "error": "..."}
                    (then the process exits with status 3)
    in:  {"op": "render", "id": 1, "text": "...", "voice": null, "language": "de",
          "rate": 175, "volume": 1.0, "path": "/cache/<key>.wav"}
         (voice null: the language's default voice: English's is the natural voice
         when it is installed and works, else espeak's own default; the others',
         ``DEFAULT_VOICES``. A natural voice that is not there reads with espeak's
         default for the language.)
    out: {"id": 1, "ok": true, "path": "...", "duration": 0.61, "onset": 0.04,
          "voice": "gmw/de"}
         {"id": 1, "ok": false, "error": "..."}
    out, when the natural voice fails to load or render (it is not used again):
         {"event": "engine", "engine": "pyttsx3 2.99 / espeak-ng 1.51",
          "natural": "failed", "error": "..."}
         then {"id": 1, "ok": false, "error": "...", "engine": "..."} for the phrase:
         nothing was written under the old engine's key; the renderer asks again.
    in:  {"op": "voices", "id": 2}
    out: {"id": 2, "ok": true, "voices": [{"id": "piper:en_US-joe-medium", "name": "Joe",
          "languages": ["en", "en-us"], "engine": "piper", ...},
          {"id": "gmw/en", "name": "English", ..., "engine": "espeak-ng"}]}
    in:  {"op": "quit"}  (or end of input)

How pyttsx3 2.99 behaves here (see ENGINEERING.md): ``save_to_file`` + ``runAndWait``
returns at once and espeak writes the WAV later from its own thread, so the worker
waits until the file holds every byte its header announces before answering; it uses
``save_to_file`` only (after one of those, ``say`` would write into that file too);
the driver prints to stdout, so the protocol gets its own copy of the stdout pipe and
fd 1 is pointed at stderr.

The worker dies with the app: a closed stdin ends it between phrases, and while it is
busy (starting the engine, rendering) the kernel kills it when the app dies (Linux
``PR_SET_PDEATHSIG``), or a watcher thread sees it was handed to a new parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import sys
import threading
import time
from array import array
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from guide_app.speech import cache, neural, wavtools
from guide_app.speech.settings import speaks

EXIT_FAULT = 3
EXIT_ORPHANED = 4  # the app that started the worker is gone
PARENT_ENV = "GUIDE_APP_SPEECH_PARENT"  # the app's process id, set by the renderer
PR_SET_PDEATHSIG = 1  # prctl(2): the signal sent to this process when its parent dies
PARENT_POLL = 0.2  # seconds between checks that the app is still the parent
FILE_WAIT_BASE = 5.0  # seconds to wait for espeak to finish writing a short phrase
FILE_WAIT_PER_CHAR = 0.01  # and this much more per character of text
# the "kind" of a fault report: espeak-ng is missing, or the engine failed otherwise
NO_ESPEAK = "no-espeak"
INIT_FAILED = "init"
# Each language's default voice, as pyttsx3 2.99 names espeak-ng 1.51's (``espeak-ng
# --voices=de``: German gmw/de; Spanish (Spain) roa/es). Where an espeak-ng names them
# otherwise, the first voice listed for the language is used.
DEFAULT_VOICES = {"de": "gmw/de", "es": "roa/es"}


class RenderError(Exception):
    """A phrase could not be rendered; the engine is still usable."""


class EngineBroken(Exception):
    """The engine is in an unknown state; the worker exits and is restarted fresh."""


class NaturalVoiceFailed(Exception):
    """The natural voice failed; it is not used again, and the engine id changed."""


def _claim_stdout() -> TextIO:
    """Keep the real stdout for the protocol; send everything else printed to stderr."""
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return out


def _send(out: TextIO, message: dict[str, Any]) -> None:
    out.write(json.dumps(message, ensure_ascii=False) + "\n")
    out.flush()


def _classify(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".lower()
    if "espeak" in text or isinstance(exc, OSError):
        return NO_ESPEAK
    return INIT_FAILED


class Worker:
    def __init__(self) -> None:
        import pyttsx3  # imported here so a missing library becomes a reported fault

        self.engine = pyttsx3.init()
        driver = getattr(getattr(self.engine, "proxy", None), "_driver", None)
        self._driver = driver
        self.default_voice: str | None = self.engine.getProperty("voice")
        self.espeak_id = self._engine_id(driver)
        # the natural voice, loaded at its first phrase; None: not installed, or failed
        self.natural: neural.NeuralVoice | None = (
            neural.NeuralVoice() if neural.installed() else None
        )
        self._voices = self._espeak_voices()
        self.last_voice: str | None = None  # the voice of the last phrase rendered
        self._voice_ids = {v["id"] for v in self._voices}

    @property
    def engine_id(self) -> str:
        """Names every engine that may render a phrase (part of each cache key)."""
        if self.natural is None:
            return self.espeak_id
        return f"{self.espeak_id} / {neural.engine_part()}"

    @staticmethod
    def _engine_id(driver: object) -> str:
        try:
            version = metadata.version("pyttsx3")
        except metadata.PackageNotFoundError:
            version = "?"
        backend = type(driver).__name__ if driver is not None else "?"
        with contextlib.suppress(Exception):
            from pyttsx3.drivers import _espeak

            raw = _espeak.Info()
            backend = "espeak-ng " + (raw.decode() if isinstance(raw, bytes) else str(raw))
        return f"pyttsx3 {version} / {backend}"

    def _settle(self, limit: float = 2.0) -> None:
        """Wait until espeak has applied the settings just sent.

        In the mode pyttsx3 uses, espeak queues a parameter change; ``runAndWait`` then
        calls ``stop()``, which cancels whatever is still queued, so a rate change could
        be lost or land a phrase late (seen). Waiting for the queue to drain avoids it.
        """
        try:
            from pyttsx3.drivers import _espeak
        except Exception:  # not the espeak driver (a fake in tests): nothing to wait for
            return
        deadline = time.monotonic() + limit
        while _espeak.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.001)

    def _espeak_voices(self) -> list[dict[str, Any]]:
        return [
            {
                "id": v.id,
                "name": v.name,
                "languages": list(v.languages or []),
                "gender": v.gender,
                "engine": "espeak-ng",
            }
            for v in self.engine.getProperty("voices")
        ]

    def voices(self) -> list[dict[str, Any]]:
        """Every voice there is: the natural one first (while it works), then espeak's."""
        natural = [neural.voice_entry()] if self.natural is not None else []
        return natural + self._voices

    def voice_for(self, language: str) -> str | None:
        """The default espeak-ng voice of ``language``: English's is the engine's default."""
        if language == "en":
            return self.default_voice
        preferred = DEFAULT_VOICES.get(language)
        if preferred in self._voice_ids:
            return preferred
        for exact in (True, False):
            for v in self._voices:
                if speaks(v["languages"], language, exact=exact):
                    return str(v["id"])
        raise RenderError(f"no voice speaks {language!r}")

    def render(
        self,
        text: str,
        voice: str | None,
        rate: int,
        volume: float,
        path: Path,
        language: str = "en",
    ) -> cache.Phrase:
        text = text.strip()
        if not text:
            raise RenderError("empty text")
        natural = bool(voice) and str(voice).startswith(f"{neural.ENGINE}:")
        if natural or (voice is None and language == "en"):
            usable = voice in (None, neural.VOICE_ID) and language == "en"
            if usable and self.natural is not None:
                return self._render_natural(text, rate, volume, path, language)
            voice = None  # a natural voice that is not there: espeak's default reads
        if voice and voice not in self._voice_ids:
            # pyttsx3 queues setProperty and swallows its errors: check here instead
            raise RenderError(f"unknown voice {voice!r}")
        return self._render_espeak(
            text, voice or self.voice_for(language), rate, volume, path, language
        )

    def _render_natural(
        self, text: str, rate: int, volume: float, path: Path, language: str
    ) -> cache.Phrase:
        """``text`` read by the natural voice; if it fails, it is dropped for good."""
        assert self.natural is not None
        try:
            samples, rate_hz = self.natural.render(text, rate, volume)
        except neural.NeuralFailed as exc:
            self.natural = None  # the engine id no longer names it
            raise NaturalVoiceFailed(str(exc)) from exc
        self.last_voice = neural.VOICE_ID
        return self._store(path, text, samples, rate_hz, language, neural.VOICE_ID)

    def _store(
        self,
        path: Path,
        text: str,
        samples: array[int],
        rate_hz: int,
        language: str,
        voice: str | None,
    ) -> cache.Phrase:
        """Trim the sound, find its onset, and write it to the cache."""
        trimmed = wavtools.trim(samples, rate_hz)
        if trimmed is None:
            raise RenderError("the engine rendered silence")
        sound, onset = trimmed
        path.parent.mkdir(parents=True, exist_ok=True)
        return cache.write_phrase(path, text, sound, rate_hz, onset, language=language, voice=voice)

    def _render_espeak(
        self, text: str, voice: str | None, rate: int, volume: float, path: Path, language: str
    ) -> cache.Phrase:
        self.last_voice = voice
        self.engine.setProperty("voice", voice)
        self.engine.setProperty("rate", int(rate))
        self.engine.setProperty("volume", max(0.0, min(1.0, float(volume))))
        self._settle()
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = path.with_name(f".{path.name}.raw-{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            raw.unlink()
        try:
            self.engine.save_to_file(text, str(raw))
            self.engine.runAndWait()
            deadline = time.monotonic() + FILE_WAIT_BASE + FILE_WAIT_PER_CHAR * len(text)
            while not wavtools.wav_bytes_complete(raw):
                if time.monotonic() > deadline:
                    raise EngineBroken("espeak did not finish writing the file")
                time.sleep(0.002)
            # espeak's thread writes the file, then finishes the utterance (pyttsx3's
            # busy flag, its command queue): settings sent before that ends are applied
            # one phrase late (seen: a rate change missed), so wait for the engine to idle
            while getattr(self._driver, "_speaking", False):
                if time.monotonic() > deadline:
                    raise EngineBroken("espeak did not finish the utterance")
                time.sleep(0.001)
            time.sleep(0.002)
            samples, rate_hz = wavtools.read_wav(raw)
            return self._store(path, text, samples, rate_hz, language, voice)
        finally:
            with contextlib.suppress(OSError):
                raw.unlink()


def serve(worker: Worker, requests: TextIO, out: TextIO) -> int:
    _send(out, {"event": "ready", "engine": worker.engine_id, "pid": os.getpid()})
    for line in requests:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
        except ValueError:
            print(
                f"speech worker: ignoring a line that is not JSON: {line[:80]!r}", file=sys.stderr
            )
            continue
        op = request.get("op")
        rid = request.get("id")
        if op == "quit":
            return 0
        if op == "voices":
            _send(out, {"id": rid, "ok": True, "voices": worker.voices()})
        elif op == "render":
            try:
                phrase = worker.render(
                    str(request["text"]),
                    request.get("voice"),
                    int(request.get("rate", 175)),
                    float(request.get("volume", 1.0)),
                    Path(request["path"]),
                    str(request.get("language") or "en"),
                )
            except (RenderError, OSError) as exc:  # OSError: e.g. the cache disk is full
                _send(out, {"id": rid, "ok": False, "error": str(exc)})
            except EngineBroken as exc:
                _send(out, {"id": rid, "ok": False, "error": str(exc)})
                return 1
            except NaturalVoiceFailed as exc:
                print(f"speech worker: {exc}; espeak-ng reads from now on", file=sys.stderr)
                engine = worker.engine_id
                _send(
                    out,
                    {"event": "engine", "engine": engine, "natural": "failed", "error": str(exc)},
                )
                _send(out, {"id": rid, "ok": False, "error": str(exc), "engine": engine})
            else:
                _send(
                    out,
                    {
                        "id": rid,
                        "ok": True,
                        "path": str(phrase.path),
                        "duration": phrase.duration,
                        "onset": phrase.onset,
                        "voice": worker.last_voice,
                    },
                )
        else:
            _send(out, {"id": rid, "ok": False, "error": f"unknown op {op!r}"})
    return 0


def _die_with_parent() -> None:
    """End this process when the app that started it dies, even while it is busy."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    try:  # the app may have died before the signal was asked for
        os.kill(int(os.environ.get(PARENT_ENV, "") or parent), 0)
    except ProcessLookupError:
        os._exit(EXIT_ORPHANED)
    except (OSError, ValueError):
        pass  # not ours to signal, or no number: the watch below still holds

    def watch() -> None:  # where there is no parent-death signal
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(EXIT_ORPHANED)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main() -> int:
    _die_with_parent()
    out = _claim_stdout()
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)  # rendering must never compete with the window for the CPU
    try:
        worker = Worker()
    except Exception as exc:  # any failure to start the engine is reported, not raised
        _send(
            out, {"event": "fault", "kind": _classify(exc), "error": f"{type(exc).__name__}: {exc}"}
        )
        return EXIT_FAULT
    return serve(worker, sys.stdin, out)


if __name__ == "__main__":
    sys.exit(main())
