"""A phase's progression rules checked against the recent weeks of the log, read once, when
those weeks settle them (on a journal of years, nearly always), else against all of it.

``progress.rule_met`` looks at the last few sessions that included a rule's exercise (or
the last few days with one), and at the last value of a measurement on each side; older
sessions can't change its answer once the recent weeks hold that many. So the window's
Programme tab reads the sessions of the last weeks (``RECENT`` plus twice the longest
rule), checks each rule there, and reads the whole log only for a rule those weeks
don't settle: the answer is the same as from the whole log, for a fraction of the reading.
Counts the caller read already (the sets of each exercise, the measurements' names) settle
a rule on an exercise, or a measurement, that the log holds only in the recent weeks or
not at all.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, timedelta
from typing import Protocol

from guide_app.core.history_records import SessionDetail, SessionLog
from guide_app.core.model import MeasureCheck, ProgressionRule
from guide_app.core.progress import RuleStatus, measure_key, rule_met
from guide_app.core.sides import Side

RECENT = timedelta(days=14)


class LogReader(Protocol):
    """What is read: the journal (``history.Journal``) or a read-only copy of its queries."""

    def session_details(
        self, since: date | None = None, until: date | None = None
    ) -> list[SessionDetail]: ...


def _logs(details: Sequence[SessionDetail]) -> list[SessionLog]:
    """The finished and stopped sessions with their sets and pain, as ``session_logs``."""
    return [SessionLog(d.session, d.sets, d.pain) for d in details if d.session.state != "running"]


def _sets_settled(
    rule: ProgressionRule,
    details: Sequence[SessionDetail],
    logs: Sequence[SessionLog],
    sets_logged: Mapping[str, int] | None,
) -> bool:
    """Whether the recent ``logs`` hold as many sessions (or days) with the exercise as the
    rule looks back over, or every set of it ever logged (``sets_logged``)."""
    exercise = rule.exercise
    if exercise is None or rule.sets is None or rule.reps is None:
        return True  # no sessions are checked: the log can't change the answer
    with_it = [log.session for log in logs if any(s.exercise_id == exercise for s in log.sets)]
    if rule.days is not None:
        enough = len({record.started_on for record in with_it}) >= rule.days
    else:
        enough = len(with_it) >= rule.sessions
    if enough or sets_logged is None:
        return enough
    recent = sum(1 for d in details for s in d.sets if s.exercise_id == exercise)
    return recent == sets_logged.get(exercise, 0)


def _measure_settled(
    check: MeasureCheck, details: Sequence[SessionDetail], names: Collection[str] | None
) -> bool:
    """Whether ``details`` hold the last value on every side the test reads (or the
    measurement is none of the ``names`` ever measured)."""
    name = measure_key(check.name)
    found = [(d.session, m) for d in details for m in d.measurements if measure_key(m.name) == name]
    if not found:
        return names is not None and name not in {measure_key(n) for n in names}
    sides: tuple[Side, ...]
    if check.side == "each":
        if all(m.side == Side.BOTH for _, m in found):
            return False  # an older value on one side would ask for each side
        sides = (Side.LEFT, Side.RIGHT)
    elif check.side == "affected":
        affected = found[-1][0].affected_side
        if affected is None:
            return True
        sides = (Side(affected),)
    else:
        sides = (Side(check.side),)
    return all(any(m.side in (side, Side.BOTH) for _, m in found) for side in sides)


def rule_statuses(
    reader: LogReader,
    rules: Sequence[ProgressionRule],
    first_day: date | None,
    last_day: date | None,
    *,
    sets_logged: Mapping[str, int] | None = None,
    measured: Collection[str] | None = None,
) -> list[RuleStatus]:
    """``rule_met`` for each rule (as the window checks them: without an affected side
    given), reading the recent weeks up to ``last_day`` once and the whole log only when
    needed. ``first_day`` and ``last_day`` are the days of the journal's first and last
    sessions (None: no sessions). What the caller has read already settles more rules:
    ``sets_logged``, the sets of each exercise in the whole log (done or skipped), and
    ``measured``, the name of every measurement in it."""
    if not rules:
        return []
    reach = max(rule.days or rule.sessions for rule in rules)
    since = None if last_day is None else last_day - RECENT - timedelta(days=2 * reach)
    if since is not None and first_day is not None and first_day >= since:
        since = None  # the recent weeks are the whole log
    details = reader.session_details(since)
    logs = _logs(details)
    everything: tuple[list[SessionLog], list[SessionDetail]] | None = None
    statuses = []
    for rule in rules:
        settled = since is None or (
            _sets_settled(rule, details, logs, sets_logged)
            and (rule.measure is None or _measure_settled(rule.measure, details, measured))
        )
        if settled:
            status = rule_met(logs, rule, measured=details if rule.measure else None)
        else:
            if everything is None:
                all_details = reader.session_details()
                everything = (_logs(all_details), all_details)
            status = rule_met(everything[0], rule, measured=everything[1] if rule.measure else None)
        statuses.append(status)
    return statuses
