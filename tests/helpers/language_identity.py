"""A small programme and session with German translations whose texts are also
identities (a phase's name, a frequency, a measurement's name and unit): for the tests
of content in another language meeting the journal."""

from __future__ import annotations

from pathlib import Path

from guide_app.core import i18n
from guide_app.core.loader import Library, load_library

SESSION = """version: 2
kind: session
id: knee-check
title: Knee check
blocks:
  - note: Sit on the floor with the leg straight.
  - measure:
      name: Knee bend
      unit: degrees
      per_side: false
      how: Bend the knee as far as it goes and measure the angle.
translations:
  de:
    "Knee check": "Kniecheck"
    "Sit on the floor with the leg straight.": "Setzen Sie sich mit gestrecktem Bein auf den Boden."
    "Knee bend": "Kniebeugung"
    "degrees": "Grad"
    "Bend the knee as far as it goes and measure the angle.":
      "Beugen Sie das Knie so weit es geht und messen Sie den Winkel."
"""

PROGRAMME = """version: 2
kind: programme
id: knee-programme
title: Knee programme
phases:
  - name: Phase 1
    weeks: 0-3
    sessions: [knee-check]
    frequency: twice a day
    pain: {during: 3, next_morning: baseline, if_exceeded: hold}
    progression:
      - text: Once the knee bends to 40 degrees, go on.
        rule:
          measure: {name: Knee bend, at_least: 40}
          then: {phase: next}
  - name: Phase 2
    weeks: 4-8
    sessions: [knee-check]
    frequency: daily
translations:
  de:
    "Knee programme": "Knieprogramm"
    "Phase 1": "Stufe 1"
    "Phase 2": "Stufe 2"
    "twice a day": "zweimal täglich"
    "daily": "täglich"
    "Once the knee bends to 40 degrees, go on.": "Sobald sich das Knie um 40 Grad beugt, weiter."
    "Knee bend": "Kniebeugung"
"""


def write_library(folder: Path) -> Path:
    """The knee check session and the knee programme, as files in ``folder``."""
    for kind, name, text in (
        ("sessions", "knee-check", SESSION),
        ("programmes", "knee-programme", PROGRAMME),
    ):
        (folder / kind).mkdir(parents=True)
        (folder / kind / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def loaded(folder: Path, code: str | None) -> Library:
    """The library loaded as the app loads it in ``code`` (None: English)."""
    i18n.set_language(code)
    library = load_library([folder])
    assert library.problems == [], library.problems
    return library
