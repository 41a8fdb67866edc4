"""The settings dialog: the language, which voice, how fast and loud, beeps, which prompts
are spoken, and whether the exercise figure moves. The language is kept as `language` and
applies at the next start; whether the figure moves is the window's to apply
(``MainWindow.set_motion``), at once on both screens.
"Say something" lets the person hear the chosen voice; the natural voice is listed first.

Kept in the settings file (group ``voice``) and applied to the speech service at once.
The voice is chosen for the language in force (the dialog lists that language's
voices) and kept per language: ``voice/voice`` is English's (as before languages),
``voice/voice_de`` German's, and so on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QSlider,
    QSpinBox,
    QWidget,
)

from guide_app.core.i18n import ntr, tr
from guide_app.core.voice import Priority
from guide_app.speech.settings import VOICE_LANGUAGES, SpeechSettings, speaks, voice_language
from guide_app.ui.language_settings import LanguageChooser


def _voice_key(language: str) -> str:
    """Where the voice chosen for ``language`` is kept."""
    return "voice/voice" if language == "en" else f"voice/voice_{language}"


def voices_of(voices: Iterable[Any], language: str) -> list[Any]:
    """The engine's voices that speak ``language`` (each has ``languages``: "de",
    "en-gb"), the natural ones first, else in the engine's order; all of them when the
    engine names none for it."""
    listed = list(voices)
    speaking = [v for v in listed if speaks(v.languages, language)] or listed
    return sorted(speaking, key=lambda v: not getattr(v, "natural", False))


def voice_name(voice: Any) -> str:
    """How a voice is listed: the natural voice says that it is."""
    if getattr(voice, "natural", False):
        return tr("{name} (natural)", name=voice.name)
    return str(voice.name)


def load(settings: QSettings) -> SpeechSettings:
    """The saved voice settings, or the defaults for anything missing or out of range."""
    default = SpeechSettings()

    def flag(key: str, fallback: bool) -> bool:
        return str(settings.value(f"voice/{key}", fallback)).lower() in ("true", "1")

    try:
        chosen = ((code, settings.value(_voice_key(code))) for code in VOICE_LANGUAGES)
        return SpeechSettings(
            voices=tuple((code, str(voice)) for code, voice in chosen if voice),
            rate=int(str(settings.value("voice/rate", default.rate))),
            volume=float(str(settings.value("voice/volume", default.volume))),
            beeps=flag("beeps", default.beeps),
            counts=flag("counts", default.counts),
            cues=flag("cues", default.cues),
            tips=flag("tips", default.tips),
            stop_signs=flag("stop_signs", default.stop_signs),
        )
    except (TypeError, ValueError):
        return default


def save(settings: QSettings, voice: SpeechSettings) -> None:
    chosen = dict(voice.voices)
    for code in VOICE_LANGUAGES:
        settings.setValue(_voice_key(code), chosen.get(code, ""))
    settings.setValue("voice/rate", voice.rate)
    settings.setValue("voice/volume", voice.volume)
    for key in ("beeps", "counts", "cues", "tips", "stop_signs"):
        settings.setValue(f"voice/{key}", getattr(voice, key))


class VoiceSettingsDialog(QDialog):
    def __init__(
        self,
        speech: Any,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        motion: bool = True,
    ) -> None:
        """``motion``: whether the figure moves now; the window applies the choice."""
        super().__init__(parent)
        self.setWindowTitle(tr("Settings"))
        self.speech = speech
        self.settings = settings
        current: SpeechSettings = speech.settings
        self._current = current
        self._language = voice_language()  # the voice is chosen for the language in force

        self.voice = QComboBox()
        self.voice.addItem(tr("The engine's default voice"), "")
        for option in voices_of(speech.voices(), self._language):
            self.voice.addItem(voice_name(option), option.id)
        index = self.voice.findData(current.voice_for(self._language) or "")
        self.voice.setCurrentIndex(max(0, index))
        self.rate = QSpinBox()
        self.rate.setRange(80, 450)
        self.rate.valueChanged.connect(self._show_rate_unit)
        self.rate.setValue(current.rate)
        self._show_rate_unit(self.rate.value())
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(current.volume * 100))
        self.beeps = QCheckBox(tr("Beep in the last seconds of a hold or rest"))
        self.beeps.setChecked(current.beeps)
        self.counts = QCheckBox(tr("Counts and tempo words (on the beat)"))
        self.counts.setChecked(current.counts)
        self.cues = QCheckBox(tr("Cues, sides, sets, rests and what comes next"))
        self.cues.setChecked(current.cues)
        self.tips = QCheckBox(tr("Tips"))
        self.tips.setChecked(current.tips)
        self.stop_signs = QCheckBox(
            tr("Stop signs (said once, the first time an exercise comes up)")
        )
        self.stop_signs.setChecked(current.stop_signs)
        self.motion = QCheckBox(tr("Move the figure with the count"))
        self.motion.setToolTip(tr("Off: every exercise picture stays still, as a photo does."))
        self.motion.setChecked(motion)
        test = QPushButton(tr("Say something"))
        test.clicked.connect(self._test)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        self.language = LanguageChooser(settings)
        form = QFormLayout(self)
        form.addRow(tr("Language"), self.language)
        form.addRow(tr("Voice"), self.voice)
        form.addRow(tr("Speed"), self.rate)
        form.addRow(tr("Volume"), self.volume)
        form.addRow("", self.beeps)
        form.addRow(tr("Speak"), self.counts)
        form.addRow("", self.cues)
        form.addRow("", self.tips)
        form.addRow("", self.stop_signs)
        form.addRow("", test)
        form.addRow(tr("Pictures"), self.motion)
        form.addRow(buttons)

    def _show_rate_unit(self, rate: int) -> None:
        """The speed's unit, in the plural form its number needs."""
        self.rate.setSuffix(ntr(" word a minute", " words a minute", rate))

    def chosen(self) -> SpeechSettings:
        """The settings as chosen: the voice for the language in force, the other
        languages' voices as they were."""
        voices = self._current.choosing(str(self.voice.currentData()) or None, self._language)
        return replace(
            voices,
            rate=self.rate.value(),
            volume=self.volume.value() / 100,
            beeps=self.beeps.isChecked(),
            counts=self.counts.isChecked(),
            cues=self.cues.isChecked(),
            tips=self.tips.isChecked(),
            stop_signs=self.stop_signs.isChecked(),
        )

    def _test(self) -> None:
        self.speech.apply_settings(self.chosen())
        self.speech.say(tr("Switch to your right side"), Priority.URGENT)

    def accept(self) -> None:
        chosen = self.chosen()
        self.speech.apply_settings(chosen)
        save(self.settings, chosen)
        self.language.save()
        super().accept()

    def reject(self) -> None:
        self.speech.apply_settings(load(self.settings))
        super().reject()
