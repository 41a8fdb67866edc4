"""``guide-app plan PROGRAMME``: a programme as a clinician reads it, as text or as JSON.

Each phase with its weeks, how often (words and numbers), its pain limits, its sessions
(title and total time, each expanded for the given sides and week as ``plan SESSION``
expands it) and each progression rule with its condition and what follows, in words. The
text is printed from the same data ``--json`` prints, so the two always agree.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from typing import TYPE_CHECKING, Any

from guide_app.core.content_text import printable
from guide_app.core.i18n import tr
from guide_app.core.model import (
    Change,
    Count,
    Frequency,
    MeasureBlock,
    PainLimits,
    Phase,
    Programme,
    ProgressionRule,
    Session,
)
from guide_app.core.programme_words import (
    frequency_words,
    pain_words,
    rule_words,
    then_words,
)
from guide_app.core.sides import Side, side_word

PREFIX = "programme:"  # names a programme when a session has the same id

if TYPE_CHECKING:
    from guide_app.core.loader import Library


def run_programme(args: argparse.Namespace, library: Library) -> int:
    """Print the programme ``args.session`` names (``ID`` or ``programme:ID``); 1 when a
    session of it can't be planned, 2 when there is no such programme."""
    programme_id = args.session.removeprefix(PREFIX)
    programme = library.programmes.get(programme_id)
    if programme is None:
        known = ", ".join(sorted(library.programmes)) or tr("none")
        print(
            tr(
                "guide-app plan: no programme {programme!r} (programmes: {known})",
                programme=programme_id,
                known=known,
            ),
            file=sys.stderr,
        )
        for problem in library.problems:
            if programme_id in str(problem):
                print(printable(f"  {problem}"), file=sys.stderr)
        return 2
    data = as_json(
        programme,
        library,
        affected=args.affected_side,
        weaker=args.weaker_side,
        week=getattr(args, "week", None),
    )
    if args.json:
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(printable(as_text(data)))
    failed = any(s["problem"] for p in data["phases"] for s in p["sessions"])
    return 1 if failed else 0


# --------------------------------------------------------------------------- data


def _seconds(value: float) -> float | int:
    rounded = round(value, 3)
    return int(rounded) if rounded.is_integer() else rounded


def _count(count: Count | None) -> dict[str, int] | None:
    return None if count is None else {"low": count.low, "high": count.high}


def _frequency(frequency: Frequency) -> dict[str, Any]:
    return {
        "words": frequency_words(frequency),
        "text": frequency.text,
        "times_a_day": _count(frequency.times_a_day),
        "days_a_week": _count(frequency.days_a_week),
        "weekdays": list(frequency.weekdays) if frequency.weekdays else None,
        "every_days": frequency.every_days,
        "every_hours": frequency.every_hours,
    }


def _pain(pain: PainLimits | None) -> dict[str, Any] | None:
    if pain is None:
        return None
    return {
        "words": pain_words(pain),
        "during": pain.during,
        "after": pain.after,
        "next_morning": pain.next_morning,
        "if_exceeded": pain.if_exceeded,
        "say": pain.say,
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "sets": change.sets,
        "reps": _count(change.reps),
        "hold": None
        if change.hold is None
        else {"low": _seconds(change.hold.low), "high": _seconds(change.hold.high)},
        "load": None if change.load is None else change.load.text,
        "add_load": None if change.add_load is None else change.add_load.text,
        "band": change.band,
        "exercise": change.exercise,
        "phase": change.phase,
        "say": change.say,
    }


def _unit(name: str, sessions: list[Session]) -> str | None:
    """The unit the programme's sessions take a measurement in."""
    for session in sessions:
        for block in session.blocks:
            if isinstance(block, MeasureBlock) and block.measure.name.casefold() == name.casefold():
                return block.measure.unit
    return None


def _rule(rule: ProgressionRule, library: Library, sessions: list[Session]) -> dict[str, Any]:
    def name_of(exercise_id: str) -> str:
        exercise = library.exercises.get(exercise_id)
        return exercise.name if exercise is not None else exercise_id

    unit = _unit(rule.measure.name, sessions) if rule.measure is not None else None
    then = rule.then
    return {
        "condition": rule_words(rule, name_of, unit),
        "exercise": rule.exercise,
        "sets": rule.sets,
        "reps": rule.reps,
        "sides": rule.sides,
        "sessions": None if rule.days is not None else rule.sessions,
        "days": rule.days,
        "load": None if rule.load is None else rule.load.text,
        "max_pain": rule.max_pain,
        "measure": None if rule.measure is None else rule.measure.model_dump(),
        "then": {
            "words": then_words(then, name_of),
            "change": _change(then) if isinstance(then, Change) else None,
        },
    }


def _session(
    session: Session, library: Library, affected: str | None, weaker: str | None, week: int | None
) -> dict[str, Any]:
    from guide_app.core.plan import PlanError, expand

    options: dict[str, Any] = {"affected": affected, "weaker": weaker}
    if week is not None and "week" in inspect.signature(expand).parameters:
        options["week"] = week
    entry: dict[str, Any] = {
        "session": session.id,
        "title": session.title,
        "total_seconds": None,
        "warnings": [],
        "pain": _pain(session.pain),
        "problem": None,
    }
    try:
        plan = expand(session, library.exercises, **options)
    except PlanError as exc:
        entry["problem"] = str(exc)
        return entry
    entry["total_seconds"] = _seconds(plan.total_seconds())
    entry["warnings"] = list(plan.warnings)
    return entry


def _phase(
    phase: Phase,
    programme: Programme,
    library: Library,
    sides: tuple[str | None, str | None],
    week: int | None,
) -> dict[str, Any]:
    sessions = [library.sessions[s] for s in phase.sessions if s in library.sessions]
    return {
        "name": phase.name,
        "weeks": None
        if phase.weeks is None
        else {"first": phase.weeks.first, "last": phase.weeks.last},
        "goal": phase.goal,
        "frequency": _frequency(phase.frequency),
        "pain": _pain(phase.pain or programme.pain),
        "sessions": [_session(s, library, *sides, week) for s in sessions],
        "progression": [
            {
                "text": p.text,
                "rule": None if p.rule is None else _rule(p.rule, library, sessions),
            }
            for p in phase.progression
        ],
    }


def as_json(
    programme: Programme,
    library: Library,
    *,
    affected: str | None = None,
    weaker: str | None = None,
    week: int | None = None,
) -> dict[str, Any]:
    """The programme as data: see docs/format.md, "Programmes (`guide-app plan PROGRAMME`)"."""
    return {
        "programme": programme.id,
        "title": programme.title,
        "summary": programme.summary,
        "condition": programme.condition,
        "source": None if programme.source is None else programme.source.model_dump(),
        "notes": list(programme.notes),
        "affected_side": affected,
        "weaker_side": weaker,
        "week": week,
        "pain": _pain(programme.pain),
        "phases": [
            _phase(phase, programme, library, (affected, weaker), week)
            for phase in programme.phases
        ],
    }


# --------------------------------------------------------------------------- text


def clock(seconds: float) -> str:
    """``1560`` -> '26:00'; an hour or more -> '1:05:00'."""
    minutes, rest = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes:02d}:{rest:02d}"


def _weeks(weeks: dict[str, int] | None) -> str:
    if weeks is None:
        return ""
    if weeks["first"] == weeks["last"]:
        return " " + tr("(week {week})", week=weeks["first"])
    return " " + tr("(weeks {first}-{last})", first=weeks["first"], last=weeks["last"])


def _session_line(entry: dict[str, Any]) -> str:
    name = tr("{title} ({session})", title=entry["title"], session=entry["session"])
    if entry["problem"]:
        return tr("{session}: cannot be planned: {problem}", session=name, problem=entry["problem"])
    line = tr("{session}: {time}", session=name, time=clock(entry["total_seconds"]))
    if entry["pain"]:
        line += "; " + tr("its own pain limits: {pain}", pain=entry["pain"]["words"])
    return line


def _phase_lines(number: int, phase: dict[str, Any], pain: dict[str, Any] | None) -> list[str]:
    out = [
        tr("Phase {n}: {name}{weeks}", n=number, name=phase["name"], weeks=_weeks(phase["weeks"]))
    ]
    if phase["goal"]:
        out.append("  " + tr("Goal: {goal}", goal=phase["goal"]))
    out.append("  " + tr("How often: {frequency}", frequency=phase["frequency"]["words"]))
    if phase["pain"] and phase["pain"] != pain:  # the programme's limits are said once
        out.append("  " + tr("Pain: {pain}", pain=phase["pain"]["words"]))
    out.append("  " + tr("Sessions:"))
    out.extend("    " + _session_line(s) for s in phase["sessions"])
    if phase["progression"]:
        out.append("  " + tr("Progression:"))
    for progression in phase["progression"]:
        out.append("    - " + progression["text"])
        rule = progression["rule"]
        if rule is not None:
            out.append("      " + tr("Rule: {condition}", condition=rule["condition"]))
            out.append("      " + tr("Then: {then}", then=rule["then"]["words"]))
    return out


def as_text(data: dict[str, Any]) -> str:
    """The programme as a clinician reads it, one phase after another."""
    not_given = tr("not given")
    out = [tr("Programme: {title} ({programme})", title=data["title"], programme=data["programme"])]
    if data["condition"]:
        out.append(tr("Condition: {condition}", condition=data["condition"]))
    if data["summary"]:
        out.append(data["summary"])
    if data["source"]:
        source = data["source"]
        out.append(
            tr(
                "Source: {source}",
                source=", ".join(
                    str(source[k]) for k in ("title", "author", "url") if source.get(k)
                ),
            )
        )
    sides = tr(
        "Affected side: {affected}. Weaker side: {weaker}.",
        affected=side_word(Side(data["affected_side"])) if data["affected_side"] else not_given,
        weaker=side_word(Side(data["weaker_side"])) if data["weaker_side"] else not_given,
    )
    if data["week"] is not None:
        sides += " " + tr("Sessions planned for week {week} of their phase.", week=data["week"])
    out.append(sides)
    if data["pain"]:
        out.append(tr("Pain: {pain}", pain=data["pain"]["words"]))
    out.extend(tr("Note: {note}", note=note) for note in data["notes"])
    warnings = dict.fromkeys(
        w for p in data["phases"] for s in p["sessions"] for w in s["warnings"]
    )
    out.extend(tr("Warning: {warning}", warning=w) for w in warnings)
    for number, phase in enumerate(data["phases"], start=1):
        out.append("")
        out.extend(_phase_lines(number, phase, data["pain"]))
    return "\n".join(out) + "\n"
