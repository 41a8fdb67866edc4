"""Which prompts are spoken, and settings validation."""

from __future__ import annotations

import pytest

from guide_app.core.voice import Priority
from guide_app.speech.settings import SpeechSettings, late_tolerance, voice_language


def test_prompt_kinds_follow_the_settings() -> None:
    quiet = SpeechSettings(counts=False, cues=False, tips=False)
    assert not quiet.allows(Priority.COUNT)
    assert not quiet.allows(Priority.CUE)
    assert not quiet.allows(Priority.TIP)
    assert quiet.allows(Priority.URGENT)
    only_counts = SpeechSettings(cues=False, tips=False)
    assert only_counts.allows(Priority.COUNT) and not only_counts.allows(Priority.CUE)
    # announcements (exercise, side, set, rest) go with the cues, not with the counts
    assert not only_counts.allows(Priority.ANNOUNCE)
    assert SpeechSettings(counts=False).allows(Priority.ANNOUNCE)


def test_stop_signs_have_a_setting_of_their_own() -> None:
    """Said by default; turned off on their own; the cues turned off leave them on."""
    assert SpeechSettings().allows(Priority.SAFETY)
    assert not SpeechSettings(stop_signs=False).allows(Priority.SAFETY)
    assert SpeechSettings(stop_signs=False).allows(Priority.CUE)
    quiet = SpeechSettings(counts=False, cues=False, tips=False)
    assert quiet.allows(Priority.SAFETY), "no cues still says when to stop"


def test_a_stop_sign_cuts_a_cue_but_never_a_count() -> None:
    assert Priority.CUE < Priority.ANNOUNCE < Priority.SAFETY < Priority.COUNT < Priority.URGENT


def test_counts_have_a_short_late_tolerance() -> None:
    assert late_tolerance(Priority.COUNT) < late_tolerance(Priority.CUE)
    assert late_tolerance(Priority.URGENT) == late_tolerance(Priority.COUNT)
    assert late_tolerance(Priority.ANNOUNCE) == late_tolerance(Priority.CUE)
    assert late_tolerance(Priority.SAFETY) == late_tolerance(Priority.CUE)  # not on a beat


@pytest.mark.parametrize(
    "kwargs", [{"rate": 20}, {"rate": 1000}, {"volume": 1.5}, {"volume": -0.1}]
)
def test_bad_settings_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        SpeechSettings(**kwargs)  # type: ignore[arg-type]


def test_the_voice_is_chosen_per_language() -> None:
    """A voice chosen for English is not used to read German; a language with no
    choice speaks with its default voice (None)."""
    english = SpeechSettings().choosing("gmw/en-us", "en")
    assert english.voice_for("en") == "gmw/en-us"
    assert english.voice_for("de") is None
    both = english.choosing("gmw/de", "de")
    assert (both.voice_for("en"), both.voice_for("de")) == ("gmw/en-us", "gmw/de")
    assert both.choosing(None, "en").voices == (("de", "gmw/de"),)
    assert both.render_params()[0] == both.voices  # the voices decide how phrases sound


def test_the_pseudo_language_and_unknown_ones_speak_english() -> None:
    assert [voice_language(c) for c in ("de", "es", "en", "pseudo", "fr")] == [
        "de",
        "es",
        "en",
        "en",
        "en",
    ]
    assert voice_language() == "en"  # the language in force
