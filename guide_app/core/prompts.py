"""What the guide says and shows: every spoken line, worded through the translation layer.

Each builder returns a ``Line``: the text, in the user's language (``i18n.tr``), and a
``Priority`` that tells the voice what may be dropped when lines pile up (a count on the
beat matters more than a tip). ``plan.phrases_for(plan)`` lists every phrase a session
can say, so speech can be rendered before it is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from guide_app.core.i18n import ntr, tr
from guide_app.core.voice import Priority


@dataclass(frozen=True, slots=True)
class Line:
    """One thing to say (and show): its text and its priority."""

    text: str
    priority: Priority


def number(n: float) -> str:
    """A number as spoken: ``10`` not ``10.0``, ``2.5`` as is."""
    return f"{n:g}"


def time_words(seconds: float) -> str:
    """``30`` -> '30 seconds', ``60`` -> '1 minute', ``90`` -> '90 seconds'."""
    if seconds >= 60 and seconds % 60 == 0:
        return ntr("{n} minute", "{n} minutes", int(seconds // 60))
    if seconds == int(seconds):
        return ntr("{n} second", "{n} seconds", int(seconds))
    return tr("{seconds} seconds", seconds=number(seconds))


def count(n: int) -> Line:
    return Line(str(n), Priority.COUNT)


def phase(name: str) -> Line:
    return Line(name, Priority.COUNT)


def hold(seconds: float) -> Line:
    """'Hold' for a short hold, 'Hold for 10 seconds' from 5 s up."""
    text = tr("Hold for {time}", time=time_words(seconds)) if seconds >= 5 else tr("Hold")
    return Line(text, Priority.COUNT)


def rep_side(side: str) -> Line:
    """The side word said before each rep when the sides alternate rep by rep."""
    return Line(tr("Left") if side == "left" else tr("Right"), Priority.COUNT)


def exercise(name: str) -> Line:
    return Line(name, Priority.ANNOUNCE)


def circuit(title: str) -> Line:
    return Line(title, Priority.ANNOUNCE)


def round_of(round_no: int, rounds: int) -> Line:
    return Line(tr("Round {round} of {rounds}", round=round_no, rounds=rounds), Priority.ANNOUNCE)


def side(side_name: str) -> Line:
    text = tr("Left side") if side_name == "left" else tr("Right side")
    return Line(text, Priority.ANNOUNCE)


def start_side(side_name: str) -> Line:
    if side_name == "left":
        return Line(tr("Start with your left side"), Priority.ANNOUNCE)
    return Line(tr("Start with your right side"), Priority.ANNOUNCE)


def switch_to(side_name: str) -> Line:
    if side_name == "left":
        return Line(tr("Switch to your left side"), Priority.ANNOUNCE)
    return Line(tr("Switch to your right side"), Priority.ANNOUNCE)


def direction(word: str) -> Line:
    return Line(tr("Go {direction}", direction=word), Priority.ANNOUNCE)


def direction_switch(word: str) -> Line:
    return Line(tr("Now go {direction}", direction=word), Priority.ANNOUNCE)


def set_of(set_no: int, sets: int) -> Line:
    return Line(tr("Set {set} of {sets}", set=set_no, sets=sets), Priority.ANNOUNCE)


def next_set(set_no: int, sets: int) -> Line:
    return Line(tr("Next, set {set} of {sets}", set=set_no, sets=sets), Priority.ANNOUNCE)


def rest(seconds: float) -> Line:
    return Line(tr("Rest {time}", time=time_words(seconds)), Priority.ANNOUNCE)


def next_up(name: str, side_name: str | None) -> Line:
    if side_name == "left":
        return Line(tr("Next up: {name}, left side", name=name), Priority.ANNOUNCE)
    if side_name == "right":
        return Line(tr("Next up: {name}, right side", name=name), Priority.ANNOUNCE)
    return Line(tr("Next up: {name}", name=name), Priority.ANNOUNCE)


def countdown(n: int) -> Line:
    return Line(str(n), Priority.ANNOUNCE)


def half_way() -> Line:
    return Line(tr("Half-way"), Priority.ANNOUNCE)


def measure(name: str) -> Line:
    return Line(tr("Measure: {name}", name=name), Priority.ANNOUNCE)


def well_done() -> Line:
    return Line(tr("Well done"), Priority.ANNOUNCE)


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
