"""The voice settings dialog in a language: it lists that language's voices, keeps the
voice chosen per language, and its test phrase is in that language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from guide_app.core import i18n
from guide_app.core.voice import Priority
from guide_app.speech.service import EngineVoice, RecordingSpeech
from guide_app.speech.settings import SpeechSettings
from guide_app.ui import voice_settings
from guide_app.ui.voice_settings import VoiceSettingsDialog
from tests.helpers.catalog import write_mo
from tests.helpers.window import ini_settings

ENGINE_VOICES = [
    EngineVoice("gmw/en", "English (Great Britain)", ("en-gb",)),
    EngineVoice("gmw/de", "German", ("de",)),
    EngineVoice("gmw/en-us", "English (America)", ("en-us",)),
    EngineVoice("roa/es", "Spanish (Spain)", ("es",)),
]


class VoicedSpeech(RecordingSpeech):
    """A recording voice whose engine offers a few voices."""

    def voices(self) -> list[EngineVoice]:
        return list(ENGINE_VOICES)


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    write_mo(
        tmp_path / "locale",
        "de",
        {
            "Switch to your right side": "Wechsle auf die rechte Seite",
            "The engine's default voice": "Standardstimme",
        },
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    assert i18n.set_language("de") == "de"
    yield
    i18n.set_language(None)


def test_in_german_the_dialog_lists_german_voices_and_keeps_the_english_choice(
    qtbot: QtBot, tmp_path: Path, german: None
) -> None:
    settings = ini_settings(tmp_path / "s.ini")
    speech = VoicedSpeech()
    speech.apply_settings(SpeechSettings(voices=(("en", "gmw/en-us"),)))
    dialog = VoiceSettingsDialog(speech, settings)
    qtbot.addWidget(dialog)
    listed = [dialog.voice.itemText(i) for i in range(dialog.voice.count())]
    assert listed == ["Standardstimme", "German"]
    assert dialog.voice.currentIndex() == 0, "the English choice is not German's"
    dialog.voice.setCurrentIndex(1)
    dialog.accept()
    assert speech.settings.voices == (("de", "gmw/de"), ("en", "gmw/en-us"))
    assert voice_settings.load(settings).voice_for("en") == "gmw/en-us"
    assert voice_settings.load(settings).voice_for("de") == "gmw/de"


def test_the_test_phrase_is_said_in_the_language(
    qtbot: QtBot, tmp_path: Path, german: None
) -> None:
    speech = VoicedSpeech()
    dialog = VoiceSettingsDialog(speech, ini_settings(tmp_path / "s.ini"))
    qtbot.addWidget(dialog)
    test = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Say something")
    test.click()
    assert speech.said[-1].text == "Wechsle auf die rechte Seite"
    assert speech.said[-1].priority is Priority.URGENT
    assert speech.said[-1].language is None  # the language in force: German


def test_in_english_the_english_voices_are_listed(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = VoiceSettingsDialog(VoicedSpeech(), ini_settings(tmp_path / "s.ini"))
    qtbot.addWidget(dialog)
    listed = [dialog.voice.itemData(i) for i in range(dialog.voice.count())]
    assert listed == ["", "gmw/en", "gmw/en-us"]


def test_a_voice_chosen_before_languages_is_the_english_one(tmp_path: Path) -> None:
    settings = ini_settings(tmp_path / "s.ini")
    settings.setValue("voice/voice", "gmw/en-us")  # as saved before there were languages
    loaded = voice_settings.load(settings)
    assert loaded.voice_for("en") == "gmw/en-us" and loaded.voice_for("de") is None


NATURAL = EngineVoice("piper:en_US-joe-medium", "Joe", ("en", "en-us"), "piper")


def test_the_natural_voice_is_listed_first_and_says_the_sample(
    qtbot: QtBot, tmp_path: Path
) -> None:
    class NaturalSpeech(RecordingSpeech):
        def voices(self) -> list[EngineVoice]:
            return [*ENGINE_VOICES, NATURAL]  # the engine's order does not matter

    speech = NaturalSpeech()
    settings = ini_settings(tmp_path / "s.ini")
    dialog = VoiceSettingsDialog(speech, settings)
    qtbot.addWidget(dialog)
    listed = [dialog.voice.itemText(i) for i in range(dialog.voice.count())]
    assert listed[:2] == ["The engine's default voice", "Joe (natural)"]
    dialog.voice.setCurrentIndex(1)
    test = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Say something")
    test.click()
    assert speech.settings.voice_for("en") == NATURAL.id  # the sample is in the chosen voice
    assert speech.said[-1].text == "Switch to your right side"
    dialog.accept()
    assert voice_settings.load(settings).voice_for("en") == NATURAL.id


def test_in_german_the_natural_english_voice_is_not_offered(
    qtbot: QtBot, tmp_path: Path, german: None
) -> None:
    class NaturalSpeech(RecordingSpeech):
        def voices(self) -> list[EngineVoice]:
            return [NATURAL, *ENGINE_VOICES]

    dialog = VoiceSettingsDialog(NaturalSpeech(), ini_settings(tmp_path / "s.ini"))
    qtbot.addWidget(dialog)
    assert NATURAL.id not in [dialog.voice.itemData(i) for i in range(dialog.voice.count())]
