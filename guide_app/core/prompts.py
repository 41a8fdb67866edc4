"""What the guide says and shows: every spoken line, worded through the translation layer.

Each builder returns a ``Line``: the text, in the user's language (``i18n.tr``), and a
``Priority`` that tells the voice what may be dropped when lines pile up (a count on the
beat matters more than a tip). ``plan.phrases_for(plan)`` lists every phrase a session
can say, so speech can be rendered before it is needed.

A line of content's own words (a name, cue, note, tip, stop sign, tempo word) that is
shown in English for lack of a translation carries ``language="en"``: it is said with the
English voice, not read out by the voice of the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guide_app.core import locale_format
from guide_app.core.amounts import band_words
from guide_app.core.content_language import in_english
from guide_app.core.i18n import SOURCE, ntr, tr
from guide_app.core.placeholders import limb_word
from guide_app.core.voice import Priority

if TYPE_CHECKING:
    from guide_app.core.amounts import Load
    from guide_app.core.model import Goal


@dataclass(frozen=True, slots=True)
class Line:
    """One thing to say (and show): its text, its priority, and the language it is said
    in (None: the language in force)."""

    text: str
    priority: Priority
    language: str | None = None


def _content(text: str, priority: Priority) -> Line:
    """A line of content's own words: said in English when it is shown in English."""
    return Line(text, priority, SOURCE if in_english(text) else None)


def number(n: float) -> str:
    """A number as shown and spoken: ``10`` not ``10.0``, ``2.5`` with the language's
    decimal mark (``2,5`` in German)."""
    return locale_format.decimal(n, 3)


def time_words(seconds: float, up_to: float | None = None) -> str:
    """``30`` -> '30 seconds', ``60`` -> '1 minute', ``90`` -> '90 seconds'; with a top,
    the range: ``30, 45`` -> '30 to 45 seconds', ``60, 120`` -> '1 to 2 minutes'."""
    if up_to is not None and up_to != seconds:
        return _range_words(seconds, up_to)
    if seconds >= 60 and seconds % 60 == 0:
        return ntr("{n} minute", "{n} minutes", int(seconds // 60))
    if seconds == int(seconds):
        return ntr("{n} second", "{n} seconds", int(seconds))
    return tr("{seconds} seconds", seconds=number(seconds))


def _range_words(low: float, high: float) -> str:
    if low >= 60 and low % 60 == 0 and high % 60 == 0:
        return ntr(
            "{low} to {n} minute", "{low} to {n} minutes", int(high // 60), low=int(low // 60)
        )
    if high == int(high):
        return ntr("{low} to {n} second", "{low} to {n} seconds", int(high), low=number(low))
    return tr("{low} to {high} seconds", low=number(low), high=number(high))


def count(n: int) -> Line:
    return Line(str(n), Priority.COUNT)


def phase(name: str) -> Line:
    return _content(name, Priority.COUNT)


def hold(seconds: float, up_to: float | None = None) -> Line:
    """'Hold' for a short hold, 'Hold for 10 seconds' from 5 s up, 'Hold for 30 to 45
    seconds' for a range."""
    top = seconds if up_to is None else up_to
    text = tr("Hold for {time}", time=time_words(seconds, up_to)) if top >= 5 else tr("Hold")
    return Line(text, Priority.COUNT)


def rep_side(side: str) -> Line:
    """The side word said before each rep when the sides alternate rep by rep."""
    return Line(tr("Left") if side == "left" else tr("Right"), Priority.COUNT)


def exercise(name: str) -> Line:
    return _content(name, Priority.ANNOUNCE)


def circuit(title: str) -> Line:
    return _content(title, Priority.ANNOUNCE)


def round_of(round_no: int, rounds: int) -> Line:
    return Line(tr("Round {round} of {rounds}", round=round_no, rounds=rounds), Priority.ANNOUNCE)


def side(side_name: str, limb: str | None = None) -> Line:
    """'Left side', or with a limb 'Left leg'."""
    if limb:
        word = limb_word(limb)
        text = (
            tr("Left {limb}", limb=word) if side_name == "left" else tr("Right {limb}", limb=word)
        )
    else:
        text = tr("Left side") if side_name == "left" else tr("Right side")
    return Line(text, Priority.ANNOUNCE)


def start_side(side_name: str, limb: str | None = None) -> Line:
    if limb:
        word = limb_word(limb)
        if side_name == "left":
            return Line(tr("Start with your left {limb}", limb=word), Priority.ANNOUNCE)
        return Line(tr("Start with your right {limb}", limb=word), Priority.ANNOUNCE)
    if side_name == "left":
        return Line(tr("Start with your left side"), Priority.ANNOUNCE)
    return Line(tr("Start with your right side"), Priority.ANNOUNCE)


def switch_to(side_name: str, limb: str | None = None) -> Line:
    if limb:
        word = limb_word(limb)
        if side_name == "left":
            return Line(tr("Switch to your left {limb}", limb=word), Priority.ANNOUNCE)
        return Line(tr("Switch to your right {limb}", limb=word), Priority.ANNOUNCE)
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


def rest(seconds: float, up_to: float | None = None) -> Line:
    """'Rest 30 seconds', or for a range 'Rest 1 to 2 minutes'."""
    return Line(tr("Rest {time}", time=time_words(seconds, up_to)), Priority.ANNOUNCE)


def load(amount: Load) -> Line:
    """What the set is done against, as said: '5 kilograms', 'Red band', 'Level 3'."""
    value = amount.amount or 0.0
    shown = number(value)
    many = int(value) if value == int(value) else 2  # a fraction takes the plural
    if amount.unit == "kg":
        text = ntr("{amount} kilogram", "{amount} kilograms", many, amount=shown)
    elif amount.unit == "lb":
        text = ntr("{amount} pound", "{amount} pounds", many, amount=shown)
    elif amount.unit == "level":
        text = tr("Level {n}", n=shown)
    elif amount.unit == "band":
        words = band_words(amount.band or "")
        text = words[:1].upper() + words[1:]
    elif amount.amount and amount.carried == "kg":
        text = ntr(
            "Body weight and {amount} kilogram",
            "Body weight and {amount} kilograms",
            many,
            amount=shown,
        )
    elif amount.amount:
        text = ntr(
            "Body weight and {amount} pound", "Body weight and {amount} pounds", many, amount=shown
        )
    else:
        text = tr("Body weight")
    return Line(text, Priority.ANNOUNCE)


def work() -> Line:
    """'Work', on the beat, as a work interval starts."""
    return Line(tr("Work"), Priority.COUNT)


def interval_of(interval: int, intervals: int) -> Line:
    """'Interval 3 of 8': which work interval this is, in its block."""
    text = tr("Interval {interval} of {intervals}", interval=interval, intervals=intervals)
    return Line(text, Priority.ANNOUNCE)


def rest_now() -> Line:
    """'Rest', on the beat, as an interval's rest starts (its time is on the clock)."""
    return Line(tr("Rest"), Priority.COUNT)


def next_up(name: str, side_name: str | None, limb: str | None = None) -> Line:
    if side_name in ("left", "right") and limb:
        word = limb_word(limb)
        if side_name == "left":
            return Line(tr("Next up: {name}, left {limb}", name=name, limb=word), Priority.ANNOUNCE)
        return Line(tr("Next up: {name}, right {limb}", name=name, limb=word), Priority.ANNOUNCE)
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


def goal(target: Goal, unit: str) -> Line:
    """A measurement's goal: 'Goal: at least 90 degrees'."""
    if target.at_least is not None and target.at_most is not None:
        text = tr(
            "Goal: {low} to {high} {unit}",
            low=number(target.at_least),
            high=number(target.at_most),
            unit=unit,
        )
    elif target.at_least is not None:
        text = tr("Goal: at least {n} {unit}", n=number(target.at_least), unit=unit)
    else:
        text = tr("Goal: at most {n} {unit}", n=number(target.at_most or 0), unit=unit)
    return Line(text, Priority.ANNOUNCE)


def well_done() -> Line:
    return Line(tr("Well done"), Priority.ANNOUNCE)


def cue(text: str) -> Line:
    """A cue from the exercise (or a how-to for a measurement): content's own words."""
    return _content(text, Priority.CUE)


def note(text: str) -> Line:
    return _content(text, Priority.CUE)


def tip(text: str) -> Line:
    return _content(text, Priority.TIP)


def stop_signs(signs: Iterable[str]) -> tuple[Line, ...]:
    """An exercise's stop signs, said once: a line that frames them, then each sign as a
    line of its own (content's own words). No signs: nothing is said."""
    said = tuple(_content(sign, Priority.SAFETY) for sign in signs)
    if not said:
        return ()
    # Translators: said on an exercise's first get-ready; each stop sign ("Sharp pain in
    # the hip.") follows it as a sentence of its own.
    framing = Line(tr("Stop if you notice any of these:"), Priority.SAFETY)
    return (framing, *said)


def joined(lines: tuple[Line, ...]) -> str | None:
    """The lines as one sentence run for a script: 'Clamshell. Left side. Set 1 of 3.'"""
    if not lines:
        return None
    if len(lines) == 1:
        return lines[0].text
    parts = [ln.text if ln.text[-1] in ".!?:" else ln.text + "." for ln in lines]
    return " ".join(parts)
