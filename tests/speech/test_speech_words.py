"""The words the window shows for the voice's status: one line for each, in one place."""

from __future__ import annotations

from guide_app.core.i18n import set_language
from guide_app.core.voice import VoiceStatus
from guide_app.speech.words import describe_voice


def test_every_status_has_its_own_line() -> None:
    set_language("en")
    lines = {status: describe_voice(status) for status in VoiceStatus}
    assert all(lines.values())
    assert len(set(lines.values())) == len(VoiceStatus)


def test_the_lines_the_window_shows() -> None:
    set_language("en")
    assert describe_voice(VoiceStatus.READY) == "Voice ready"
    assert describe_voice(VoiceStatus.PREPARING, 12, 40) == "Preparing voice 12/40"
    assert describe_voice(VoiceStatus.NO_SOUND) == "No sound device - cues are on screen"
    assert describe_voice(VoiceStatus.NO_ESPEAK) == (
        "No voice: espeak-ng is not installed - cues are on screen"
    )
    assert describe_voice(VoiceStatus.OFF) == "Voice off - cues are on screen"


def test_a_fault_says_the_cues_are_on_screen() -> None:
    set_language("en")
    for status in VoiceStatus:
        said = describe_voice(status)
        assert ("cues are on screen" in said) == status.fault, status
