"""Fixtures for the voice tests: offscreen Qt, a private PulseAudio null sink, fake engines."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide_app.speech.audiocheck import NullSink
from guide_app.speech.neural import NO_NEURAL_ENV


@pytest.fixture
def null_sink() -> Iterator[NullSink]:
    """A private PulseAudio server with a null sink named 'guide'; killed afterwards."""
    sink = NullSink().start()
    try:
        yield sink
    finally:
        sink.stop()


def _fake_pyttsx3(folder: Path, body: str) -> Path:
    """A folder holding a fake ``pyttsx3`` package. First on the worker's PYTHONPATH, it
    is imported instead of the real engine."""
    (folder / "pyttsx3").mkdir(parents=True, exist_ok=True)
    (folder / "pyttsx3" / "__init__.py").write_text(textwrap.dedent(body))
    return folder


NO_ESPEAK_PYTTSX3 = """
    def init(driverName=None, debug=False):
        # what pyttsx3 2.99 raises when libespeak-ng1 is missing
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")
"""

CRASHING_PYTTSX3 = """
    import os

    class _Engine:
        def getProperty(self, name):
            return [] if name == "voices" else None
        def setProperty(self, name, value):
            pass
        def save_to_file(self, text, path):
            pass
        def runAndWait(self):
            os._exit(9)  # dies like a crash in espeak's C code

    def init(driverName=None, debug=False):
        return _Engine()
"""


@pytest.fixture
def no_espeak_env(tmp_path: Path) -> dict[str, str]:
    """Worker environment in which pyttsx3.init() fails as it does without espeak-ng."""
    return {"PYTHONPATH": str(_fake_pyttsx3(tmp_path / "no_espeak", NO_ESPEAK_PYTTSX3))}


@pytest.fixture
def crashing_env(tmp_path: Path) -> dict[str, str]:
    """Worker environment whose engine kills the worker on every render (the natural
    voice left out, so that the fake engine renders English too)."""
    return {
        "PYTHONPATH": str(_fake_pyttsx3(tmp_path / "crashing", CRASHING_PYTTSX3)),
        NO_NEURAL_ENV: "1",
    }
