"""Programme progress: where a person is in a programme, and whether the log meets a rule.

A progression rule (``ProgressionRule``) says e.g. "3x15 at 5 kg or more on each side in
3 sessions in a row, pain at most 3", "... on 3 different days in a row", or "knee bend
at least 90 degrees on each side": this module checks it against the history journal and
explains the answer in a sentence the person can read.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from guide_app.core.amounts import Load, parse_load
from guide_app.core.content_language import english, translated
from guide_app.core.history import (
    BodySide,
    Journal,
    Measurement,
    SessionLog,
    SessionRecord,
    SetRecord,
    Side,
)
from guide_app.core.history_records import SessionDetail
from guide_app.core.i18n import ntr, tr
from guide_app.core.model import MeasureCheck, Phase, Programme, ProgressionRule
from guide_app.core.programme_words import dose_words, load_condition, measure_words
from guide_app.core.sides import side_word

# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class SessionCheck:
    """One session judged against a rule: whether it counts, and if not, why not."""

    session: SessionRecord
    counts: bool
    reason: str = ""


@dataclass(frozen=True, slots=True)
class RuleStatus:
    """The answer for one rule: ``met``, a sentence saying why, and the sessions looked at
    (those of the last ``rule.sessions`` sessions, or the last ``rule.days`` days, that
    included the exercise, oldest first). ``counted`` is the sessions (or days in a row)
    that counted; for a rule on a measurement alone, the sides that reached the goal."""

    rule: ProgressionRule
    met: bool
    explanation: str
    counted: int
    checks: tuple[SessionCheck, ...]


@functools.lru_cache(maxsize=256)
def _parsed(text: str) -> Load | None:
    try:
        return parse_load(text)
    except ValueError:
        return None


def load_reaches(logged: str | None, wanted: Load) -> bool | None:
    """Whether a set logged at ``logged`` (``Load.text``, or None) is at ``wanted`` or
    more: True; False when it is lighter in the same unit; None when it can't be compared
    (no load logged, another unit, a band colour out of the usual order)."""
    have = _parsed(logged) if logged else None
    if have is None or have.unit != wanted.unit:
        return None
    have_rank, wanted_rank = have.rank(), wanted.rank()
    if have_rank is None or wanted_rank is None:
        return True if have.text == wanted.text else None
    return have_rank >= wanted_rank


def _required_sides(
    rule: ProgressionRule, sets: list[SetRecord], affected_side: BodySide | None
) -> tuple[Side, ...] | str:
    """The sides that must each reach the dosage, or why that can't be known."""
    if rule.sides in ("each", "both"):
        if all(s.side == Side.BOTH for s in sets):
            return (Side.BOTH,)
        return (Side.LEFT, Side.RIGHT)
    if rule.sides == "affected":
        if affected_side is None:
            return tr("the affected side isn't known")
        return (Side(affected_side),)
    return (Side.LEFT,) if rule.sides == "left" else (Side.RIGHT,)


def _side_short(rule: ProgressionRule, side: Side, sets: list[SetRecord]) -> str | None:
    """Why one side falls short of the rule's sets in a session, or None when it doesn't."""
    assert rule.sets is not None and rule.reps is not None
    reached = [
        s
        for s in sets
        if not s.skipped and s.done_reps >= rule.reps and s.side in (side, Side.BOTH)
    ]
    if rule.load is None:
        good, lighter, unknown = len(reached), 0, 0
    else:
        reaches = [load_reaches(s.load, rule.load) for s in reached]
        good, lighter, unknown = reaches.count(True), reaches.count(False), reaches.count(None)
    if good >= rule.sets:
        return None
    if rule.load is None:
        text = ntr(
            "{n} set of {reps} or more (needs {needed})",
            "{n} sets of {reps} or more (needs {needed})",
            good,
            reps=rule.reps,
            needed=rule.sets,
        )
    else:
        text = ntr(
            "{n} set of {reps} or more {load} (needs {needed})",
            "{n} sets of {reps} or more {load} (needs {needed})",
            good,
            reps=rule.reps,
            load=load_condition(rule.load),
            needed=rule.sets,
        )
        if lighter:
            text += " " + tr("({n} more at a lighter load)", n=lighter)
        if unknown:
            text += " " + tr("({n} more with no load logged, or in another unit)", n=unknown)
    if side is not Side.BOTH:
        text = tr("{side} side", side=side_word(side)) + " " + text
    return text


def check_session(
    log: SessionLog, rule: ProgressionRule, affected_side: BodySide | None = None
) -> SessionCheck | None:
    """Judge one session against a rule; None when the session didn't include the exercise.

    A set qualifies when it was not skipped, its done reps reach ``rule.reps`` and, with a
    ``load``, it was logged at that load or more (same unit; bands by colour order); a set
    on ``both`` sides qualifies for either side. Every required side needs ``rule.sets``
    qualifying sets, and with ``max_pain`` no pain above it may have been reported for the
    exercise (or for no exercise in particular) on any side.
    """
    if rule.exercise is None or rule.sets is None or rule.reps is None:
        return None  # a rule on a measurement alone
    sets = [s for s in log.sets if s.exercise_id == rule.exercise]
    if not sets:
        return None
    reasons: list[str] = []
    sides = _required_sides(rule, sets, affected_side or log.session.affected_side)
    if isinstance(sides, str):
        reasons.append(sides)
    else:
        reasons.extend(r for side in sides if (r := _side_short(rule, side, sets)) is not None)
    if rule.max_pain is not None:
        scores = [p.score for p in log.pain if p.exercise_id in (rule.exercise, None)]
        if scores and max(scores) > rule.max_pain:
            reasons.append(
                tr("pain {score}/10 (limit {limit})", score=max(scores), limit=rule.max_pain)
            )
    return SessionCheck(log.session, not reasons, "; ".join(reasons))


class _Part(NamedTuple):
    """One half of a rule judged: the sets it asks for, or its measurement."""

    met: bool
    text: str
    counted: int
    checks: tuple[SessionCheck, ...] = ()


def _over_sessions(checks: list[SessionCheck], rule: ProgressionRule, dose: str) -> _Part:
    window = tuple(checks[-rule.sessions :])
    counted = sum(1 for c in window if c.counts)
    if not window:
        return _Part(False, tr("Not yet: {dose}; no sessions with it logged yet.", dose=dose), 0)
    if len(window) == rule.sessions and counted == rule.sessions:
        last = ntr("the last session", "each of the last {n} sessions", rule.sessions)
        return _Part(True, tr("Met: {dose} in {last}.", dose=dose, last=last), counted, window)
    if len(window) < rule.sessions:
        span = ntr(
            "{counted} of {n} session so far",
            "{counted} of {n} sessions so far",
            len(window),
            counted=counted,
        )
    else:
        span = ntr(
            "{counted} of the last {n} session",
            "{counted} of the last {n} sessions",
            len(window),
            counted=counted,
        )
    text = tr(
        "Not yet: {dose} in {span} (needs {needed} in a row)",
        dose=dose,
        span=span,
        needed=rule.sessions,
    )
    miss = next((c for c in reversed(window) if not c.counts), None)
    if miss is not None:
        text += "; " + tr(
            "on {day}: {reason}", day=miss.session.started_on.isoformat(), reason=miss.reason
        )
    return _Part(False, text + ".", counted, window)


def _over_days(checks: list[SessionCheck], needed: int, dose: str) -> _Part:
    """Met when each of the last ``needed`` calendar days, one after another, had a session
    that counts (a day with two sessions counts when either does)."""
    days: dict[date, list[SessionCheck]] = {}
    for check in checks:
        days.setdefault(check.session.started_on, []).append(check)
    if not days:
        return _Part(False, tr("Not yet: {dose}; no sessions with it logged yet.", dose=dose), 0)
    window = tuple(c for _, day_checks in list(days.items())[-needed:] for c in day_checks)
    streak, after, miss = 0, None, ""
    for day, day_checks in reversed(days.items()):
        if after is not None and day != after - timedelta(days=1):
            miss = tr("nothing logged on {day}", day=(after - timedelta(days=1)).isoformat())
            break
        if not any(c.counts for c in day_checks):
            miss = tr("on {day}: {reason}", day=day.isoformat(), reason=day_checks[-1].reason)
            break
        streak, after = streak + 1, day
        if streak == needed:
            last = ntr("on the last day", "on each of the last {n} days", needed)
            return _Part(True, tr("Met: {dose} {last}.", dose=dose, last=last), streak, window)
    text = tr(
        "Not yet: {dose} on {span} ({needs})",
        dose=dose,
        span=ntr("{n} day in a row so far", "{n} days in a row so far", streak),
        needs=ntr("needs {n} day", "needs {n} days in a row", needed),
    )
    return _Part(False, text + (f"; {miss}" if miss else "") + ".", streak, window)


def _value(measurement: Measurement, side: Side) -> str:
    unit = translated(measurement.unit)  # kept in English
    value = tr("{value:g} {unit}", value=measurement.value, unit=unit).strip()
    if side is Side.BOTH:
        return value
    return tr("{side} {value}", side=side_word(side), value=value)


def _measured(
    check: MeasureCheck, measured: Iterable[SessionDetail], affected_side: BodySide | None
) -> _Part:
    """The last logged value(s) of a measurement against the rule's goal, on its sides."""
    name = measure_key(check.name)
    found = [
        (d.session, m) for d in measured for m in d.measurements if measure_key(m.name) == name
    ]
    unit = translated(found[-1][1].unit) if found else None
    affected = affected_side or (found[-1][0].affected_side if found else None)
    test = measure_words(check, unit, affected)
    if not found:
        return _Part(False, tr("Not yet: {test}; not measured yet.", test=test), 0)
    sides: Sequence[Side]
    if check.side == "each":
        both = all(m.side == Side.BOTH for _, m in found)
        sides = (Side.BOTH,) if both else (Side.LEFT, Side.RIGHT)
    elif check.side == "affected":
        if affected is None:
            text = tr("Not yet: {test}; the affected side isn't known.", test=test)
            return _Part(False, text, 0)
        sides = (Side(affected),)
    else:
        sides = (Side(check.side),)
    values, reached = [], 0
    for side in sides:
        last = next((m for _, m in reversed(found) if m.side in (side, Side.BOTH)), None)
        if last is None:
            values.append(tr("{side} not measured yet", side=side_word(side)))
            continue
        values.append(_value(last, side))
        low, high = check.at_least, check.at_most
        reached += (low is None or last.value >= low) and (high is None or last.value <= high)
    shown = ", ".join(values)
    if reached == len(sides):
        return _Part(
            True, tr("Met: {test} (last measured: {values}).", test=test, values=shown), reached
        )
    return _Part(
        False, tr("Not yet: {test}; last measured: {values}.", test=test, values=shown), reached
    )


def measure_key(name: str) -> str:
    """What a measurement is known by, whatever the language: a rule's ``measure.name``
    (loaded in the user's language) and the name the journal keeps (in English) meet here."""
    return english(name).strip().casefold()


def rule_met(
    journal_or_logs: Journal | Iterable[SessionLog],
    rule: ProgressionRule,
    affected_side: BodySide | None = None,
    *,
    measured: Iterable[SessionDetail] | None = None,
) -> RuleStatus:
    """Whether the log meets ``rule``: the last ``rule.sessions`` sessions that included
    the exercise all count (with ``days``: each of the last N days, one after another, had
    one that counts), and the last measurement(s) reach its ``measure`` goal.

    ``affected_side`` overrides the side stored with each session (for ``sides: affected``).
    Running (unfinished) sessions are left out when reading from a journal. ``measured``
    gives the sessions with their measurements when ``journal_or_logs`` is not a journal
    (``Journal.session_details()``); a journal is read for them when the rule has a
    measure. A rule on sets and a measurement is met when both are, and says each.
    """
    parts: list[_Part] = []
    if rule.exercise is not None:
        if isinstance(journal_or_logs, Journal):
            logs: Iterable[SessionLog] = journal_or_logs.session_logs(rule.exercise)
        else:
            logs = sorted(
                journal_or_logs, key=lambda log: (log.session.started_at, log.session.row)
            )
        checks = [c for log in logs if (c := check_session(log, rule, affected_side)) is not None]
        side = affected_side or (checks[-1].session.affected_side if checks else None)
        dose = dose_words(rule, side)
        if rule.max_pain is not None:
            dose += " " + tr("with pain at most {limit}/10", limit=rule.max_pain)
        if rule.days is not None:
            parts.append(_over_days(checks, rule.days, dose))
        else:
            parts.append(_over_sessions(checks, rule, dose))
    if rule.measure is not None:
        if measured is None and isinstance(journal_or_logs, Journal):
            measured = journal_or_logs.session_details()
        parts.append(_measured(rule.measure, measured or (), affected_side))
    return RuleStatus(
        rule,
        all(p.met for p in parts),
        " ".join(p.text for p in parts),
        parts[0].counted,
        parts[0].checks,
    )


# --------------------------------------------------------------------------- position


class ProgrammePosition(NamedTuple):
    phase: Phase
    week: int


def programme_position(programme: Programme, started_on: date, today: date) -> ProgrammePosition:
    """The phase and the week (counted from 0, as the programmes do) on ``today``.

    The phase is the last one whose first week has been reached, so a week between two
    phases, or after the last, stays in the phase before it. A phase without weeks starts
    the week after the one before it ends (the first phase starts at week 0); one that
    can't be placed that way is never current unless it comes first.
    """
    week = max(0, (today - started_on).days // 7)
    current = programme.phases[0]
    for phase, start in zip(programme.phases, phase_starts(programme), strict=True):
        if start is not None and start <= week:
            current = phase
    return ProgrammePosition(current, week)


def phase_starts(programme: Programme) -> tuple[int | None, ...]:
    """The programme week (from 0) each phase starts in: its own first week, else the
    week after the phase before it ends (the first phase: week 0); None when it can't be
    placed (the phase before gives no weeks)."""
    starts: list[int | None] = []
    next_start: int | None = 0
    for phase in programme.phases:
        starts.append(phase.weeks.first if phase.weeks is not None else next_start)
        next_start = phase.weeks.last + 1 if phase.weeks is not None else None
    return tuple(starts)
