"""speech.heard on made-up recordings: a phrase is found whole, moved by a brief gap the
sound server filled, and not whole when it was cut or broken by a gap a listener hears."""

from __future__ import annotations

import math
import random
from array import array

from guide_app.speech import heard

RATE = 22050


def phrase(seconds: float = 0.6) -> array[int]:
    """A made-up phrase: a wandering pitch and breath noise under a syllable envelope
    (noisy enough that it matches itself at one place only, as speech does)."""
    rnd = random.Random(7)
    out = array("h")
    phase = noise = 0.0
    for n in range(round(seconds * RATE)):
        t = n / RATE
        pitch = 140 + 30 * math.sin(2 * math.pi * 1.3 * t)
        phase += 2 * math.pi * pitch / RATE
        envelope = 0.3 + 0.7 * abs(math.sin(2 * math.pi * 2.5 * t))
        noise = 0.7 * noise + 0.3 * rnd.uniform(-1, 1)  # breath: low, like speech
        wave = 0.5 * math.sin(phase) + 0.2 * math.sin(3 * phase) + 2.0 * noise
        out.append(round(9000 * envelope * wave))
    return out


def recording(*parts: array[int] | float) -> array[int]:
    """Sound parts in order; a float is that many seconds of silence."""
    out = array("h")
    for part in parts:
        out.extend(array("h", bytes(2 * round(part * RATE))) if isinstance(part, float) else part)
    return out


def test_a_phrase_played_as_it_is_is_heard_whole_where_it_was() -> None:
    sound = phrase()
    found = heard.find(recording(0.5, sound, 0.5), sound, RATE, expected=round(0.5 * RATE) + 40)
    assert found.start == round(0.5 * RATE)
    assert found.whole and found.moved == 0.0


def test_a_brief_gap_inside_a_phrase_moves_its_rest_and_it_is_still_heard_whole() -> None:
    sound = phrase()
    split = round(0.35 * RATE)
    gap = 0.004  # what a sound server's brief underrun inserts
    found = heard.find(
        recording(0.5, sound[:split], gap, sound[split:], 0.5), sound, RATE, expected=11025
    )
    assert found.whole, found.gains
    assert abs(found.moved - gap) < 0.0005


def test_a_short_word_with_a_brief_gap_inside_one_segment_is_still_heard_whole() -> None:
    sound = phrase(0.3)  # six segments: one lost to the gap would leave it short of whole
    split = round(0.125 * RATE)  # half-way through the third segment
    found = heard.find(
        recording(0.5, sound[:split], 0.002, sound[split:], 0.5), sound, RATE, expected=11025
    )
    assert found.whole, found.gains
    assert abs(found.moved - 0.002) < 0.0005


def test_a_gap_a_listener_hears_is_not_whole() -> None:
    sound = phrase()
    split = round(0.35 * RATE)
    found = heard.find(
        recording(0.5, sound[:split], 0.05, sound[split:], 0.5), sound, RATE, expected=11025
    )
    assert not found.whole


def test_a_phrase_cut_off_is_not_whole() -> None:
    sound = phrase()
    cut = round(0.4 * RATE)
    found = heard.find(recording(0.5, sound[:cut], 0.6), sound, RATE, expected=11025)
    assert not found.whole
