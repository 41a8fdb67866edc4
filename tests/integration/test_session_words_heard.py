"""The whole app, by ear: every phrase a session's plan speaks is heard whole, in order.

A short session (a get-ready that names the exercise, the set, the set-up cue and how
the reps are counted; a counted rep; a rest with its countdown; a second set; the end)
runs as its own process (`guide-app run ... --autoplay --trace`) into a PulseAudio null
sink, and the sink's monitor is recorded.

How a phrase is found: the speech cache holds the very samples the player mixes into
the output, so each phrase's cached WAV is searched for in the recording near the
moment the session asked for it (its ``say`` trace line; the app's session clock is the
monotonic clock the recording is timestamped on). ``speech.heard`` locates it by its
envelope, then to the sample, then projects each 50 ms segment of it onto the
recording: a segment heard has a gain near 1, a segment cut off or never played near 0.
This proves more than sound being present at the right time (which another phrase, or
a phrase cut half-way, would also give): it proves *this* phrase's own samples, its end
included, came out, and the found positions prove the order and that no two phrases
talked over each other.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from guide_app.core.loader import bundled_root, load_library
from guide_app.core.plan import expand, phrases_for
from guide_app.speech import heard
from tests.helpers.hearing import asked_phrases, cached_phrases, make_library, record_run, sample_of


def test_every_planned_phrase_is_heard_whole_and_in_order(tmp_path: Path) -> None:
    library = make_library(tmp_path)
    loaded = load_library([bundled_root(), library])
    plan = expand(loaded.sessions["words-check"], loaded.exercises)
    lines, recording = record_run(library, tmp_path)
    asked = asked_phrases(lines)
    texts = [text for _, text in asked]
    assert phrases_for(plan) <= set(texts), "the session says every phrase its plan lists"
    assert "Set 1 of 2" in texts and "Hip Lift" in texts
    phrases = cached_phrases(tmp_path / "cache")
    rate = recording.rate
    report = []
    spans: list[tuple[int, int, str]] = []
    for at, text in asked:
        sound, onset = phrases[text]
        expected = sample_of(recording, at) - round(onset * rate)
        found = heard.find(recording.samples, sound, rate, expected=expected)
        spans.append((found.start, found.start + len(sound), text))
        report.append(
            f"{text!r}: asked {at:.2f}, found {(found.start - expected) / rate:+.3f} s off, "
            f"heard {found.heard_share:.0%}, moved {found.moved * 1000:.1f} ms, "
            f"whole={found.whole}, gains " + " ".join(f"{g:.2f}" for g in found.gains)
        )
    print("\n".join(report))
    not_whole = [line for line in report if "whole=False" in line]
    assert not not_whole, "phrases not heard whole:\n" + "\n".join(not_whole)
    for (start, end, text), (nxt, _, nxt_text) in itertools.pairwise(spans):
        assert start < nxt, f"{nxt_text!r} was heard before {text!r}"
        overlap = (end - nxt) / rate
        assert overlap <= 0.03, f"{text!r} and {nxt_text!r} overlap by {overlap:.2f} s"
