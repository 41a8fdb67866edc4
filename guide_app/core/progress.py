"""Programme progress: where a person is in a programme, and whether the log meets a rule.

A progression rule (``ProgressionRule``) says e.g. "3x15 on each side in 3 sessions in a
row, pain at most 3": this module checks it against the history journal and explains the
answer in a sentence the person can read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from guide_app.core.history import BodySide, Journal, SessionLog, SessionRecord, SetRecord, Side
from guide_app.core.i18n import ntr, tr
from guide_app.core.model import Phase, Programme, ProgressionRule
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
    (the last ``rule.sessions`` that included the exercise, oldest first)."""

    rule: ProgressionRule
    met: bool
    explanation: str
    counted: int
    checks: tuple[SessionCheck, ...]


def _sides_phrase(rule: ProgressionRule, affected_side: BodySide | None) -> str:
    if rule.sides == "each":
        return tr("each side")
    if rule.sides == "both":
        return tr("both sides")
    if rule.sides == "affected":
        if affected_side:
            return tr("the affected side ({side})", side=side_word(Side(affected_side)))
        return tr("the affected side")
    return tr("the {side} side", side=side_word(Side(rule.sides)))


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


def check_session(
    log: SessionLog, rule: ProgressionRule, affected_side: BodySide | None = None
) -> SessionCheck | None:
    """Judge one session against a rule; None when the session didn't include the exercise.

    A set qualifies when it was not skipped and its done reps reach ``rule.reps``; a set on
    ``both`` sides qualifies for either side. Every required side needs ``rule.sets``
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
        for side in sides:
            good = sum(
                1
                for s in sets
                if not s.skipped and s.done_reps >= rule.reps and s.side in (side, "both")
            )
            if good < rule.sets:
                sets_done = ntr(
                    "{n} set of {reps} or more (needs {needed})",
                    "{n} sets of {reps} or more (needs {needed})",
                    good,
                    reps=rule.reps,
                    needed=rule.sets,
                )
                if side is not Side.BOTH:
                    sets_done = tr("{side} side", side=side_word(side)) + " " + sets_done
                reasons.append(sets_done)
    if rule.max_pain is not None:
        scores = [p.score for p in log.pain if p.exercise_id in (rule.exercise, None)]
        if scores and max(scores) > rule.max_pain:
            reasons.append(
                tr("pain {score}/10 (limit {limit})", score=max(scores), limit=rule.max_pain)
            )
    return SessionCheck(log.session, not reasons, "; ".join(reasons))


def rule_met(
    journal_or_logs: Journal | Iterable[SessionLog],
    rule: ProgressionRule,
    affected_side: BodySide | None = None,
) -> RuleStatus:
    """Whether the last ``rule.sessions`` sessions that included the exercise all count.

    ``affected_side`` overrides the side stored with each session (for ``sides: affected``).
    Running (unfinished) sessions are left out when reading from a journal.
    """
    if isinstance(journal_or_logs, Journal):
        logs: Iterable[SessionLog] = journal_or_logs.session_logs(rule.exercise)
    else:
        logs = sorted(journal_or_logs, key=lambda log: (log.session.started_at, log.session.row))
    checks = [c for log in logs if (c := check_session(log, rule, affected_side)) is not None]
    window = tuple(checks[-rule.sessions :])
    counted = sum(1 for c in window if c.counts)
    met = len(window) == rule.sessions and counted == rule.sessions

    side = affected_side or (window[-1].session.affected_side if window else None)
    dose = tr(
        "{sets}x{reps} on {sides}", sets=rule.sets, reps=rule.reps, sides=_sides_phrase(rule, side)
    )
    if rule.max_pain is not None:
        dose += " " + tr("with pain at most {limit}/10", limit=rule.max_pain)
    if not window:
        text = tr("Not yet: {dose}; no sessions with it logged yet.", dose=dose)
        return RuleStatus(rule, False, text, 0, ())
    if met:
        last = ntr("the last session", "each of the last {n} sessions", rule.sessions)
        return RuleStatus(
            rule, True, tr("Met: {dose} in {last}.", dose=dose, last=last), counted, window
        )
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
    return RuleStatus(rule, False, text + ".", counted, window)


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
    next_start: int | None = 0
    for phase in programme.phases:
        start = phase.weeks.first if phase.weeks is not None else next_start
        if start is not None and start <= week:
            current = phase
        next_start = phase.weeks.last + 1 if phase.weeks is not None else None
    return ProgrammePosition(current, week)
