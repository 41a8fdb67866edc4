"""Work/rest intervals, by ear: "Work", "Rest" and the 3-2-1 of every interval are heard
whole, in order, each on its beat, and there is one get-ready, before the first round.

The app runs an intervals session as its own process into a PulseAudio null sink, as
``test_session_words_heard`` does (how a phrase is found is told there; what both share
is in ``tests/helpers/hearing``).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from guide_app.core.loader import bundled_root, load_library
from guide_app.core.plan import StepKind, expand, phrases_for
from guide_app.speech import heard
from tests.helpers.hearing import asked_phrases, cached_phrases, make_library, record_run, sample_of

SESSION = """\
version: 2
kind: session
id: interval-check
title: Interval check
blocks:
  - intervals:
      work: 6
      rest: 5
      rounds: 2
      count_reps: false
      exercises:
        - exercise: hip-lift
"""


def test_work_rest_and_each_countdown_are_heard_whole_on_their_beat(tmp_path: Path) -> None:
    library = make_library(tmp_path)
    (library / "sessions" / "interval-check.yaml").write_text(SESSION, encoding="utf-8")
    loaded = load_library([bundled_root(), library])
    assert not [p for p in loaded.problems if "interval-check" in str(p)]
    plan = expand(loaded.sessions["interval-check"], loaded.exercises)
    assert [s.kind for s in plan.steps].count(StepKind.READY) == 1
    assert [s.kind for s in plan.steps].count(StepKind.WORK) == 2
    lines, recording = record_run(library, tmp_path, "interval-check")
    asked = asked_phrases(lines)
    texts = [text for _, text in asked]
    assert phrases_for(plan) <= set(texts), "the session says every phrase its plan lists"
    assert texts.count("Work") == 2 and texts.count("Rest") == 2
    assert texts.count("3") == 5, "a 3-2-1 ending the get-ready, each work and each rest"
    phrases = cached_phrases(tmp_path / "cache")
    rate = recording.rate
    report, spans, offsets = [], [], []
    for at, text in asked:
        sound, onset = phrases[text]
        expected = sample_of(recording, at) - round(onset * rate)
        found = heard.find(recording.samples, sound, rate, expected=expected)
        spans.append((found.start, found.start + len(sound), text))
        if text in ("Work", "3", "2", "1"):
            offsets.append(abs(found.start - expected) / rate)
        report.append(
            f"{text!r}: asked {at:.2f}, found {(found.start - expected) / rate:+.3f} s off, "
            f"heard {found.heard_share:.0%}, moved {found.moved * 1000:.1f} ms, "
            f"whole={found.whole} gains " + " ".join(f"{g:.2f}" for g in found.gains)
        )
    print("\n".join(report))
    not_whole = [line for line in report if "whole=False" in line]
    assert not not_whole, "phrases not heard whole:\n" + "\n".join(not_whole)
    assert max(offsets) <= 0.03, f"a beat word {max(offsets) * 1000:.0f} ms off its beat"
    for (start, end, text), (nxt, _, nxt_text) in itertools.pairwise(spans):
        assert start < nxt, f"{nxt_text!r} was heard before {text!r}"
        assert (end - nxt) / rate <= 0.03, f"{text!r} and {nxt_text!r} overlap"
