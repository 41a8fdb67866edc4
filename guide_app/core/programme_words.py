"""A programme in the person's words: how often, pain limits, a rule's condition and its
``then``.

``guide-app plan PROGRAMME``, the history window's rule panel and the progress check all
say these things; they build the words here from the data (``Frequency``, ``PainLimits``,
``ProgressionRule``, ``MeasureCheck``, ``Change``) so every place says them alike. Logic
never reads these strings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from guide_app.core.amounts import BAND_ORDER, Load
from guide_app.core.i18n import ntr, tr
from guide_app.core.model import (
    Change,
    Count,
    Frequency,
    MeasureCheck,
    PainLimits,
    ProgressionRule,
)
from guide_app.core.sides import Side, side_word

NameOf = Callable[[str], str]
"""An exercise's name from its id (the library's name, else the id)."""


def _as_is(exercise_id: str) -> str:
    return exercise_id


def listed(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return tr("{items} and {last}", items=", ".join(items[:-1]), last=items[-1])


# --------------------------------------------------------------------------- frequency


def _weekday_names() -> dict[str, str]:
    return {
        "mon": tr("Monday"),
        "tue": tr("Tuesday"),
        "wed": tr("Wednesday"),
        "thu": tr("Thursday"),
        "fri": tr("Friday"),
        "sat": tr("Saturday"),
        "sun": tr("Sunday"),
    }


def _times_a_day(count: Count) -> str:
    if count.is_range:
        return tr("{n} times a day", n=str(count))
    if count.low == 1:
        return tr("once a day")
    if count.low == 2:
        return tr("twice a day")
    return ntr("{n} time a day", "{n} times a day", count.low)


def frequency_data_words(frequency: Frequency) -> str:
    """What the numbers of a frequency say ("twice a day, 7 days a week"); empty when it is
    given in words only."""
    parts: list[str] = []
    if frequency.times_a_day is not None:
        parts.append(_times_a_day(frequency.times_a_day))
    if frequency.weekdays:
        names = _weekday_names()
        days = [d for d in names if d in frequency.weekdays]
        if len(days) == 7:
            parts.append(tr("every day"))
        else:
            parts.append(tr("on {days}", days=listed([names[d] for d in days])))
    elif frequency.days_a_week is not None:
        days_a_week = frequency.days_a_week
        if days_a_week.is_range:
            parts.append(tr("{n} days a week", n=str(days_a_week)))
        else:
            parts.append(ntr("{n} day a week", "{n} days a week", days_a_week.low))
    if frequency.every_days is not None:
        parts.append(
            tr("every other day")
            if frequency.every_days == 2
            else tr("every {n} days", n=frequency.every_days)
        )
    if frequency.every_hours is not None:
        hours = frequency.every_hours
        parts.append(
            tr("every hour while awake")
            if hours == 1
            else tr("every {n:g} hours while awake", n=hours)
        )
    return ", ".join(parts)


def frequency_words(frequency: Frequency) -> str:
    """How often, as the programme says it: its words, its numbers in words, or the words
    followed by the numbers ("daily (twice a day, 7 days a week)")."""
    data = frequency_data_words(frequency)
    if frequency.text and data:
        return tr("{words} ({numbers})", words=frequency.text, numbers=data)
    return frequency.text or data


# --------------------------------------------------------------------------- pain


def if_exceeded_words(what: str) -> str:
    words = {
        "carry_on": tr("carry on"),
        "hold": tr("hold the progression"),
        "step_down": tr("step the dose down"),
        "stop": tr("stop and contact your clinician"),
    }
    return words.get(what, what)


def pain_words(pain: PainLimits) -> str:
    """'pain up to 5/10 during; back to baseline by the next morning; if exceeded: hold the
    progression', then what to tell the person when the limits say it."""
    parts = [tr("pain up to {n}/10 during", n=pain.during)] if pain.during is not None else []
    if pain.after is not None:
        parts.append(tr("up to {n}/10 after", n=pain.after))
    if pain.next_morning == "baseline":
        parts.append(tr("back to baseline by the next morning"))
    elif pain.next_morning == "no_worse":
        parts.append(tr("no worse than before by the next morning"))
    parts.append(tr("if exceeded: {what}", what=if_exceeded_words(pain.if_exceeded)))
    if pain.say:
        parts.append(pain.say)
    return "; ".join(parts)


# --------------------------------------------------------------------------- rules


def sides_phrase(sides: str, affected: Side | None = None) -> str:
    """The sides a rule (or a measurement test) asks for: 'each side', 'the affected side
    (left)', 'the right side'."""
    if sides == "each":
        return tr("each side")
    if sides == "both":
        return tr("both sides")
    if sides == "affected":
        if affected in (Side.LEFT, Side.RIGHT):
            return tr("the affected side ({side})", side=side_word(Side(affected)))
        return tr("the affected side")
    return tr("the {side} side", side=side_word(Side(sides)))


def load_condition(load: Load) -> str:
    """A rule's load: 'at 5 kg or more', 'with a red band or heavier', 'at body weight'."""
    if load.unit == "bodyweight":
        return tr("at {load} or more", load=str(load)) if load.amount else tr("at body weight")
    if load.unit == "band":
        if load.band in BAND_ORDER:
            return tr("with a {band} or heavier", band=str(load))
        return tr("with a {band}", band=str(load))
    return tr("at {load} or more", load=str(load))


def dose_words(rule: ProgressionRule, affected: Side | None = None) -> str:
    """'3x15 at 5 kg or more on each side'; empty for a rule on a measurement alone."""
    if rule.sets is None or rule.reps is None:
        return ""
    load = f" {load_condition(rule.load)}" if rule.load is not None else ""
    return tr(
        "{sets}x{reps}{load} on {sides}",
        sets=rule.sets,
        reps=rule.reps,
        load=load,
        sides=sides_phrase(rule.sides, affected),
    )


def goal_words(check: MeasureCheck, unit: str | None = None) -> str:
    """'at least 90 degrees', 'at most 10', 'between 80 and 100 degrees'."""
    after = f" {unit}" if unit else ""
    low, high = check.at_least, check.at_most
    if low is not None and high is not None:
        return tr("between {low:g} and {high:g}{unit}", low=low, high=high, unit=after)
    if low is not None:
        return tr("at least {n:g}{unit}", n=low, unit=after)
    return tr("at most {n:g}{unit}", n=high or 0.0, unit=after)


def measure_words(
    check: MeasureCheck, unit: str | None = None, affected: Side | None = None
) -> str:
    """'Knee bend at least 90 degrees on each side'."""
    return tr(
        "{name} {goal} on {sides}",
        name=check.name,
        goal=goal_words(check, unit),
        sides=sides_phrase(check.side, affected),
    )


def window_words(rule: ProgressionRule) -> str:
    """'in 3 sessions in a row' or 'on 3 different days in a row'."""
    if rule.days is not None:
        return ntr("on {n} day", "on {n} different days in a row", rule.days)
    return ntr("in {n} session", "in {n} sessions in a row", rule.sessions)


def rule_words(rule: ProgressionRule, name_of: NameOf = _as_is, unit: str | None = None) -> str:
    """A rule's whole condition, as a clinician reads it: 'Clamshell: 3x15 at 5 kg or more
    on each side in 3 sessions in a row, with pain at most 2/10'; a measurement test after
    it ('and knee bend at least 90 degrees on each side'). ``unit`` is the measurement's."""
    parts: list[str] = []
    if rule.exercise is not None:
        dose = dose_words(rule)
        text = tr(
            "{exercise}: {dose} {window}",
            exercise=name_of(rule.exercise),
            dose=dose,
            window=window_words(rule),
        )
        if rule.max_pain is not None:
            text += ", " + tr("with pain at most {limit}/10", limit=rule.max_pain)
        parts.append(text)
    if rule.measure is not None:
        measured = measure_words(rule.measure, unit)
        parts.append(tr("and {test}", test=measured) if parts else measured)
    return "; ".join(parts)


# --------------------------------------------------------------------------- changes


def _add_load_words(load: Load) -> str:
    if load.unit == "level":
        amount = load.amount or 0.0
        if amount == 1:
            return tr("go up a level")
        return tr("go up {n:g} levels", n=amount)
    return tr("add {load}", load=str(load))


def change_words(change: Change, name_of: NameOf = _as_is) -> str:
    """A change in words: 'add 2.5 kg', '3 sets of 12', 'move on to Single-leg
    sit-to-stand', 'go on to the next phase', 'the next band up'; its ``say`` after."""
    parts: list[str] = []
    if change.sets is not None and change.reps is not None:
        parts.append(
            ntr(
                "{n} set of {reps}",
                "{n} sets of {reps}",
                change.sets,
                reps=str(change.reps),
            )
        )
    elif change.sets is not None:
        parts.append(ntr("{n} set", "{n} sets", change.sets))
    elif change.reps is not None:
        parts.append(ntr("{reps} rep", "{reps} reps", change.reps.high, reps=str(change.reps)))
    if change.hold is not None:
        parts.append(tr("hold {span}", span=str(change.hold)))
    if change.load is not None:
        parts.append(tr("use {load}", load=str(change.load)))
    if change.add_load is not None:
        parts.append(_add_load_words(change.add_load))
    if change.band == "next":
        parts.append(tr("the next band up"))
    if change.exercise is not None:
        parts.append(tr("move on to {exercise}", exercise=name_of(change.exercise)))
    if change.phase == "next":
        parts.append(tr("go on to the next phase"))
    words = ", ".join(parts)
    if change.say:
        return tr("{change}; {say}", change=words, say=change.say) if words else change.say
    return words


def then_words(then: str | Change, name_of: NameOf = _as_is) -> str:
    """A rule's ``then``: its words as written, or its change in words."""
    return then if isinstance(then, str) else change_words(then, name_of)
