"""Progression rules checked against seeded histories, and the position in a programme."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal, PainReport, SessionLog, SessionRecord, SetRecord
from guide_app.core.model import Programme, ProgressionRule
from guide_app.core.progress import check_session, programme_position, rule_met

DAY_ONE = datetime(2025, 3, 3, 9, 0)


def rule(**fields: Any) -> ProgressionRule:
    base: dict[str, Any] = {
        "exercise": "clamshell",
        "sets": 3,
        "reps": 15,
        "sides": "each",
        "sessions": 3,
        "then": "add the band",
    }
    return ProgressionRule.model_validate(base | fields)


def sets(
    left: Iterable[int] = (15, 15, 15),
    right: Iterable[int] = (15, 15, 15),
    exercise: str = "clamshell",
    skipped: Iterable[tuple[str, int]] = (),
) -> list[SetRecord]:
    """Sets with these done reps on each side; ``skipped`` marks (side, set number) skipped."""
    skip = set(skipped)
    out = []
    for side, reps in (("left", left), ("right", right)):
        for number, done in enumerate(reps, start=1):
            out.append(
                SetRecord(exercise, side, number, 15, done, skipped=(side, number) in skip)  # type: ignore[arg-type]
            )
    return out


def log(
    day: int,
    set_records: list[SetRecord],
    pain: Iterable[PainReport] = (),
    affected: str | None = "left",
    state: str = "finished",
) -> SessionLog:
    started = (DAY_ONE + timedelta(days=day)).timestamp()
    record = SessionRecord(
        row=day + 1,
        session_id="hip-rehab",
        title="Hip rehab",
        programme_id=None,
        phase=None,
        affected_side=affected,  # type: ignore[arg-type]
        weaker_side=None,
        started_at=started,
        ended_at=started + 1800,
        state=state,  # type: ignore[arg-type]
    )
    return SessionLog(record, tuple(set_records), tuple(pain))


GOOD = sets()


# --------------------------------------------------------------------------- rule met


def test_met_when_the_last_sessions_all_reach_the_dosage_on_each_side() -> None:
    status = rule_met([log(0, GOOD), log(1, GOOD), log(2, GOOD)], rule())
    assert status.met
    assert status.counted == 3
    assert status.explanation == "Met: 3x15 on each side in each of the last 3 sessions."


def test_an_early_miss_outside_the_window_does_not_matter() -> None:
    history = [log(0, sets(right=(10, 10, 10))), log(1, GOOD), log(2, GOOD), log(3, GOOD)]
    assert rule_met(history, rule()).met


def test_one_side_short_is_not_met_and_says_which_side() -> None:
    short = sets(right=(15, 15))  # only two sets on the right
    status = rule_met([log(0, GOOD), log(1, short), log(2, GOOD)], rule(sides="both"))
    assert not status.met
    assert status.counted == 2
    assert status.explanation.startswith(
        "Not yet: 3x15 on both sides in 2 of the last 3 sessions (needs 3 in a row); "
        "on 2025-03-04: right side 2 sets of 15 or more (needs 3)"
    )
    assert [c.counts for c in status.checks] == [True, False, True]


def test_a_missing_side_is_short() -> None:
    left_only = sets(right=())
    status = rule_met([log(0, GOOD), log(1, GOOD), log(2, left_only)], rule())
    assert not status.met
    assert "right side 0 sets" in status.explanation


def test_a_set_below_the_reps_does_not_count() -> None:
    status = rule_met([log(0, GOOD), log(1, GOOD), log(2, sets(left=(15, 14, 15)))], rule())
    assert not status.met
    assert "left side 2 sets of 15 or more" in status.explanation


def test_a_skipped_set_does_not_count_even_with_its_reps() -> None:
    skipped = sets(skipped=[("left", 3)])
    status = rule_met([log(0, GOOD), log(1, GOOD), log(2, skipped)], rule())
    assert not status.met
    assert "left side 2 sets" in status.explanation


def test_pain_above_the_limit_stops_a_session_counting() -> None:
    hurt = [PainReport("clamshell", "left", 5, "outer hip")]
    status = rule_met([log(0, GOOD), log(1, GOOD, hurt), log(2, GOOD)], rule(max_pain=3))
    assert not status.met
    assert "with pain at most 3/10" in status.explanation
    assert "pain 5/10 (limit 3)" in status.explanation


def test_pain_at_the_limit_or_for_another_exercise_is_fine() -> None:
    ok = [PainReport("clamshell", "left", 3), PainReport("squat", "right", 9)]
    assert rule_met([log(0, GOOD), log(1, GOOD, ok), log(2, GOOD)], rule(max_pain=3)).met
    # without a max_pain, pain is not part of the rule
    hurt = [PainReport("clamshell", "left", 8)]
    assert rule_met([log(0, GOOD), log(1, GOOD, hurt), log(2, GOOD)], rule()).met


def test_pain_reported_for_no_exercise_counts_against_every_exercise() -> None:
    general = [PainReport(None, "both", 6, "lower back")]
    assert not rule_met([log(0, GOOD), log(1, GOOD, general), log(2, GOOD)], rule(max_pain=4)).met


def test_fewer_sessions_than_the_rule_asks_for_is_not_met() -> None:
    status = rule_met([log(0, GOOD), log(1, GOOD)], rule())
    assert not status.met
    assert status.explanation == (
        "Not yet: 3x15 on each side in 2 of 2 sessions so far (needs 3 in a row)."
    )
    empty = rule_met([], rule())
    assert not empty.met and "no sessions" in empty.explanation


def test_sessions_without_the_exercise_are_passed_over() -> None:
    other = sets(exercise="squat")
    history = [log(0, GOOD), log(1, other), log(2, GOOD), log(3, other), log(4, GOOD)]
    status = rule_met(history, rule())
    assert status.met
    assert len(status.checks) == 3
    assert check_session(log(1, other), rule()) is None


def test_the_affected_side_only() -> None:
    weak_right = sets(right=(10, 10, 10))  # the unaffected right side is short: no matter
    history = [log(0, weak_right), log(1, weak_right), log(2, weak_right)]
    status = rule_met(history, rule(sides="affected"))
    assert status.met
    assert "the affected side (left)" in status.explanation
    # the caller's affected side overrides the one stored with the session
    assert not rule_met(history, rule(sides="affected"), affected_side="right").met
    unknown = [log(d, GOOD, affected=None) for d in range(3)]
    status = rule_met(unknown, rule(sides="affected"))
    assert not status.met and "affected side isn't known" in status.explanation


def test_one_named_side() -> None:
    history = [log(d, sets(left=(20, 20, 20), right=())) for d in range(2)]
    assert rule_met(history, rule(sides="left", sessions=2, reps=20)).met
    assert not rule_met(history, rule(sides="right", sessions=2, reps=20)).met


def test_an_exercise_done_on_both_sides_at_once() -> None:
    squats = [SetRecord("squat", "both", n, 10, 10) for n in (1, 2, 3)]
    history = [log(d, squats) for d in range(2)]
    assert rule_met(history, rule(exercise="squat", reps=10, sessions=2)).met
    status = rule_met(history, rule(exercise="squat", reps=12, sessions=2))
    assert "0 sets of 12 or more" in status.explanation


def test_logs_are_taken_in_time_order() -> None:
    history = [log(2, sets(right=(1,))), log(0, GOOD), log(1, GOOD)]
    assert rule_met(history, rule(sessions=2)).met is False
    assert rule_met(list(reversed(history[1:])), rule(sessions=2)).met


# --------------------------------------------------------------------------- from a journal


class Clock(FakeClock):
    """A fake clock whose wall time is set directly (a day at a time)."""

    def __init__(self) -> None:
        super().__init__()
        self.now_wall = DAY_ONE.timestamp()

    def wall(self) -> float:
        return self.now_wall


def seed(journal: Journal, clock: Clock, days: list[list[SetRecord]]) -> list[int]:
    rows = []
    for day, set_records in enumerate(days):
        clock.now_wall = (DAY_ONE + timedelta(days=day)).timestamp()
        row = journal.begin_session("hip-rehab", "Hip rehab", affected_side="left")
        for record in set_records:
            journal.record_set(row, record)
        journal.end_session(row)
        rows.append(row)
    return rows


def test_a_rule_checked_against_the_journal(tmp_path: Path) -> None:
    clock = Clock()
    with Journal(tmp_path / "history.sqlite3", clock=clock) as journal:
        seed(journal, clock, [GOOD, sets(right=(15, 15)), GOOD, GOOD])
        assert not rule_met(journal, rule(sessions=4)).met
        assert rule_met(journal, rule(sessions=2)).met
        # pain logged for the last session breaks it
        last = journal.sessions()[-1].row
        journal.record_pain(last, PainReport("clamshell", "left", 7, "groin"))
        status = rule_met(journal, rule(sessions=2, max_pain=4))
        assert not status.met and "pain 7/10" in status.explanation
        # a session still running (or interrupted) is not judged
        clock.now_wall += 86400
        running = journal.begin_session("hip-rehab", "Hip rehab", affected_side="left")
        journal.record_set(running, SetRecord("clamshell", "left", 1, 15, 3))
        assert rule_met(journal, rule(sessions=2)).met


# --------------------------------------------------------------------------- programme


PROGRAMME = Programme.model_validate(
    {
        "version": 1,
        "kind": "programme",
        "id": "hip",
        "title": "Hip",
        "phases": [
            {"name": "Early", "weeks": "0-2", "sessions": ["a"], "frequency": "daily"},
            {"name": "Middle", "weeks": "3-5", "sessions": ["b"], "frequency": "daily"},
            {"name": "Late", "weeks": "8-12", "sessions": ["c"], "frequency": "3 a week"},
        ],
    }
)


@pytest.mark.parametrize(
    ("days", "phase", "week"),
    [
        (0, "Early", 0),
        (6, "Early", 0),
        (7, "Early", 1),
        (20, "Early", 2),
        (21, "Middle", 3),
        (45, "Middle", 6),  # a gap between phases stays in the phase before
        (56, "Late", 8),
        (200, "Late", 28),  # past the end stays in the last phase
        (-3, "Early", 0),  # a start date in the future counts as week 0
    ],
)
def test_programme_position(days: int, phase: str, week: int) -> None:
    start = date(2025, 3, 3)
    position = programme_position(PROGRAMME, start, start + timedelta(days=days))
    assert (position.phase.name, position.week) == (phase, week)


def test_programme_position_with_phases_without_weeks() -> None:
    programme = Programme.model_validate(
        {
            "version": 1,
            "kind": "programme",
            "id": "p",
            "title": "P",
            "phases": [
                {"name": "One", "weeks": "0-1", "sessions": ["a"], "frequency": "daily"},
                {"name": "Two", "sessions": ["b"], "frequency": "daily"},
                {"name": "Three", "sessions": ["c"], "frequency": "daily"},
            ],
        }
    )
    start = date(2025, 1, 6)
    assert programme_position(programme, start, start).phase.name == "One"
    phase, week = programme_position(programme, start, start + timedelta(weeks=2))
    assert (phase.name, week) == ("Two", 2)  # starts the week after One ends
    assert programme_position(programme, start, start + timedelta(weeks=9)).phase.name == "Two"
