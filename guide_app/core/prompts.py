"""What the guide says and shows: every spoken line built from one table of templates.

Wording lives in ``TEMPLATES`` (key -> format string) so it can be changed or
translated in one place. Each builder returns a ``Line``: the text and a ``Priority``
that tells the voice what may be dropped when lines pile up (a count on the beat
matters more than a tip). ``phrases_for(plan)`` lists every phrase a session can say,
so speech can be rendered before it is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide_app.core.plan import Plan

TEMPLATES: dict[str, str] = {
    # counts and beats (said on the beat)
    "count": "{n}",
    "phase": "{phase}",
    "hold": "Hold",
    "hold_for": "Hold for {time}",
    "rep_side.left": "Left",
    "rep_side.right": "Right",
    # sides, sets, rounds, rests
    "exercise": "{name}",
    "circuit": "{title}",
    "round": "Round {round} of {rounds}",
    "side.left": "Left side",
    "side.right": "Right side",
    "start_side.left": "Start with your left side",
    "start_side.right": "Start with your right side",
    "switch.left": "Switch to your left side",
    "switch.right": "Switch to your right side",
    "direction": "Go {direction}",
    "direction_switch": "Now go {direction}",
    "set": "Set {set} of {sets}",
    "next_set": "Next, set {set} of {sets}",
    "rest": "Rest {time}",
    "next_up": "Next up: {name}",
    "next_up.left": "Next up: {name}, left side",
    "next_up.right": "Next up: {name}, right side",
    "countdown": "{n}",
    "half_way": "Half-way",
    "measure": "Measure: {name}",
    "well_done": "Well done",
    # time words
    "second": "1 second",
    "seconds": "{n} seconds",
    "minute": "1 minute",
    "minutes": "{n} minutes",
}


class Priority(IntEnum):
    """How much a line matters when the voice is busy: higher wins."""

    TIP = 0
    CUE = 1
    ANNOUNCE = 2  # exercise, side, switch, set, rest, countdown, half-way
    COUNT = 3  # counts and words on the beat


@dataclass(frozen=True, slots=True)
class Line:
    """One thing to say (and show): its text and its priority."""

    text: str
    priority: Priority


def _t(key: str, **values: object) -> str:
    return TEMPLATES[key].format(**values)


def number(n: float) -> str:
    """A number as spoken: ``10`` not ``10.0``, ``2.5`` as is."""
    return f"{n:g}"


def time_words(seconds: float) -> str:
    """``30`` -> '30 seconds', ``60`` -> '1 minute', ``90`` -> '90 seconds'."""
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return _t("minute") if minutes == 1 else _t("minutes", n=minutes)
    return _t("second") if seconds == 1 else _t("seconds", n=number(seconds))


def count(n: int) -> Line:
    return Line(_t("count", n=n), Priority.COUNT)


def phase(name: str) -> Line:
    return Line(_t("phase", phase=name), Priority.COUNT)


def hold(seconds: float) -> Line:
    """'Hold' for a short hold, 'Hold for 10 seconds' from 5 s up."""
    text = _t("hold_for", time=time_words(seconds)) if seconds >= 5 else _t("hold")
    return Line(text, Priority.COUNT)


def rep_side(side: str) -> Line:
    """The side word said before each rep when the sides alternate rep by rep."""
    return Line(_t(f"rep_side.{side}"), Priority.COUNT)


def exercise(name: str) -> Line:
    return Line(_t("exercise", name=name), Priority.ANNOUNCE)


def circuit(title: str) -> Line:
    return Line(_t("circuit", title=title), Priority.ANNOUNCE)


def round_of(round_no: int, rounds: int) -> Line:
    return Line(_t("round", round=round_no, rounds=rounds), Priority.ANNOUNCE)


def side(side_name: str) -> Line:
    return Line(_t(f"side.{side_name}"), Priority.ANNOUNCE)


def start_side(side_name: str) -> Line:
    return Line(_t(f"start_side.{side_name}"), Priority.ANNOUNCE)


def switch_to(side_name: str) -> Line:
    return Line(_t(f"switch.{side_name}"), Priority.ANNOUNCE)


def direction(word: str) -> Line:
    return Line(_t("direction", direction=word), Priority.ANNOUNCE)


def direction_switch(word: str) -> Line:
    return Line(_t("direction_switch", direction=word), Priority.ANNOUNCE)


def set_of(set_no: int, sets: int) -> Line:
    return Line(_t("set", set=set_no, sets=sets), Priority.ANNOUNCE)


def next_set(set_no: int, sets: int) -> Line:
    return Line(_t("next_set", set=set_no, sets=sets), Priority.ANNOUNCE)


def rest(seconds: float) -> Line:
    return Line(_t("rest", time=time_words(seconds)), Priority.ANNOUNCE)


def next_up(name: str, side_name: str | None) -> Line:
    key = f"next_up.{side_name}" if side_name in ("left", "right") else "next_up"
    return Line(_t(key, name=name), Priority.ANNOUNCE)


def countdown(n: int) -> Line:
    return Line(_t("countdown", n=n), Priority.ANNOUNCE)


def half_way() -> Line:
    return Line(_t("half_way"), Priority.ANNOUNCE)


def measure(name: str) -> Line:
    return Line(_t("measure", name=name), Priority.ANNOUNCE)


def well_done() -> Line:
    return Line(_t("well_done"), Priority.ANNOUNCE)


def cue(text: str) -> Line:
    """A cue from the exercise (or a how-to for a measurement): content's own words."""
    return Line(text, Priority.CUE)


def note(text: str) -> Line:
    return Line(text, Priority.CUE)


def tip(text: str) -> Line:
    return Line(text, Priority.TIP)


def joined(lines: tuple[Line, ...]) -> str | None:
    """The lines as one sentence run for a script: 'Clamshell. Left side. Set 1 of 3.'"""
    if not lines:
        return None
    if len(lines) == 1:
        return lines[0].text
    parts = [ln.text if ln.text[-1] in ".!?:" else ln.text + "." for ln in lines]
    return " ".join(parts)


def phrases_for(plan: Plan) -> set[str]:
    """Every phrase the engine can say while running ``plan`` (each line on its own)."""
    from guide_app.core.plan import MarkKind

    phrases: set[str] = set()
    for step in plan.steps:
        phrases.update(line.text for line in step.lines)
        if step.ends_rep and step.rep is not None:
            phrases.add(count(step.rep).text)
        for mark in step.marks():
            if mark.kind is MarkKind.COUNTDOWN:
                phrases.add(countdown(mark.value).text)
            elif mark.kind is MarkKind.HALF_WAY:
                phrases.add(half_way().text)
    return phrases
