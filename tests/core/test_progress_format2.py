"""Version-2 progression rules against seeded histories: days in a row, load, bands,
measurements; and a rule's ``then``, frequency and pain limits in words."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal, Measurement, SessionLog, SessionRecord, SetRecord
from guide_app.core.history_records import SessionDetail
from guide_app.core.model import Change, Frequency, PainLimits, ProgressionRule
from guide_app.core.programme_words import (
    change_words,
    frequency_words,
    pain_words,
    rule_words,
    then_words,
)
from guide_app.core.progress import rule_met

DAY_ONE = datetime(2025, 3, 3, 9, 0)


def rule(**fields: Any) -> ProgressionRule:
    base: dict[str, Any] = {
        "exercise": "clamshell",
        "sets": 3,
        "reps": 15,
        "sessions": 3,
        "then": "add the band",
    }
    return ProgressionRule.model_validate(base | fields)


def sets(reps: int = 15, load: str | None = None, per_side: int = 3) -> list[SetRecord]:
    return [
        SetRecord("clamshell", side, n, 15, reps, load=load)  # type: ignore[arg-type]
        for side in ("left", "right")
        for n in range(1, per_side + 1)
    ]


def record(day: float, affected: str | None = "left") -> SessionRecord:
    started = (DAY_ONE + timedelta(days=day)).timestamp()
    return SessionRecord(
        row=int(day * 10) + 1,
        session_id="s",
        title="S",
        programme_id=None,
        phase=None,
        affected_side=affected,  # type: ignore[arg-type]
        weaker_side=None,
        started_at=started,
        ended_at=started + 600,
        state="finished",
    )


def log(day: float, set_records: Iterable[SetRecord] | None = None) -> SessionLog:
    return SessionLog(record(day), tuple(sets() if set_records is None else set_records))


GOOD = sets()


# --------------------------------------------------------------------------- days


def test_days_counts_different_days_not_sessions() -> None:
    twice_a_day = [log(0), log(0.3), log(1), log(1.3)]
    status = rule_met(twice_a_day, rule(days=3))
    assert not status.met  # four sessions, but only two days
    assert status.explanation.startswith(
        "Not yet: 3x15 on each side on 2 days in a row so far (needs 3 days in a row)"
    )
    met = rule_met([*twice_a_day, log(2)], rule(days=3))
    assert met.met
    assert met.explanation == "Met: 3x15 on each side on each of the last 3 days."


def test_a_day_counts_when_one_of_its_sessions_does() -> None:
    short = sets(reps=10)
    history = [log(0), log(1, short), log(1.3), log(2)]
    assert rule_met(history, rule(days=3)).met
    status = rule_met([log(0), log(1, short), log(2)], rule(days=3))
    assert not status.met
    assert "on 1 day in a row so far" in status.explanation
    assert "on 2025-03-04: left side 0 sets of 15 or more (needs 3)" in status.explanation


def test_days_must_follow_one_another() -> None:
    status = rule_met([log(0), log(1), log(3)], rule(days=3))
    assert not status.met
    assert "nothing logged on 2025-03-05" in status.explanation
    assert rule_met([log(0), log(1), log(3), log(4), log(5)], rule(days=3)).met


# --------------------------------------------------------------------------- load


def test_a_set_counts_only_at_the_rules_load_or_more() -> None:
    light = sets(load="2.5 kg")
    heavy = sets(load="5 kg")
    heavier = sets(load="7.5 kg")
    r = rule(load="5 kg")
    assert rule_met([log(0, heavy), log(1, heavier), log(2, heavy)], r).met
    status = rule_met([log(0, heavy), log(1, heavy), log(2, light)], r)
    assert not status.met
    assert status.explanation.startswith("Not yet: 3x15 at 5 kg or more on each side")
    assert "0 sets of 15 or more at 5 kg or more (needs 3)" in status.explanation
    assert "(3 more at a lighter load)" in status.explanation


def test_a_load_in_another_unit_or_none_does_not_count() -> None:
    r = rule(load="5 kg", sessions=1)
    assert not rule_met([log(0, sets(load="20 lb"))], r).met
    assert not rule_met([log(0, sets(load=None))], r).met
    assert not rule_met([log(0, sets(load="red band"))], r).met


def test_the_same_rule_is_not_met_again_right_after_the_increase() -> None:
    # "3x15 at 5 kg: add 2.5 kg": the next rule asks for 7.5 kg, which 5 kg sets don't meet
    at_five = [log(d, sets(load="5 kg")) for d in range(3)]
    assert rule_met(at_five, rule(load="5 kg")).met
    assert not rule_met(at_five, rule(load="7.5 kg")).met


def test_bands_count_by_colour_order() -> None:
    r = rule(load="red band", sessions=1)
    assert rule_met([log(0, sets(load="green band"))], r).met  # heavier
    assert rule_met([log(0, sets(load="red band"))], r).met
    status = rule_met([log(0, sets(load="yellow band"))], r)  # lighter
    assert not status.met
    assert "3x15 with a red band or heavier on each side" in status.explanation


def test_body_weight_counts_as_body_weight() -> None:
    r = rule(load="body weight", sessions=1)
    assert rule_met([log(0, sets(load="bodyweight"))], r).met
    assert not rule_met([log(0, sets(load="5 kg"))], r).met


def test_load_read_back_from_the_journal(tmp_path: Path) -> None:
    clock = FakeClock()
    with Journal(tmp_path / "history.sqlite3", clock=clock) as journal:
        for load in ("5 kg", "5 kg", "2.5 kg"):
            row = journal.begin_session("s", "S", affected_side="left")
            for record_ in sets(load=load):
                journal.record_set(row, record_)
            journal.end_session(row)
        assert rule_met(journal, rule(load="2.5 kg")).met
        assert not rule_met(journal, rule(load="5 kg")).met


# --------------------------------------------------------------------------- measurements


def measured(*values: tuple[float, str, float], affected: str = "left") -> list[SessionDetail]:
    """Sessions on these days with one 'Knee bend' measurement each: (day, side, value)."""
    return [
        SessionDetail(
            record(day, affected), measurements=(Measurement("Knee bend", side, v, "degrees"),)
        )  # type: ignore[arg-type]
        for day, side, v in values
    ]


def knee(**check: Any) -> ProgressionRule:
    return ProgressionRule.model_validate(
        {"measure": {"name": "Knee bend", **check}, "then": {"phase": "next"}}
    )


def test_a_rule_with_only_a_measurement_uses_the_last_value_on_each_side() -> None:
    history = measured((0, "left", 80), (0, "right", 95), (1, "left", 92))
    status = rule_met([], knee(at_least=90), measured=history)
    assert status.met
    assert status.explanation == (
        "Met: Knee bend at least 90 degrees on each side "
        "(last measured: left 92 degrees, right 95 degrees)."
    )
    worse = [*history, *measured((2, "right", 85))]
    status = rule_met([], knee(at_least=90), measured=worse)
    assert not status.met
    assert status.explanation == (
        "Not yet: Knee bend at least 90 degrees on each side; "
        "last measured: left 92 degrees, right 85 degrees."
    )


def test_each_side_needs_a_measurement() -> None:
    status = rule_met([], knee(at_least=90), measured=measured((0, "left", 100)))
    assert not status.met
    assert "right not measured yet" in status.explanation
    none = rule_met([], knee(at_least=90), measured=[])
    assert not none.met and "not measured yet" in none.explanation


def test_the_affected_side_is_the_sessions_and_at_most_works() -> None:
    history = measured((0, "left", 5), (0, "right", 20), affected="left")
    assert rule_met([], knee(at_most=10, side="affected"), measured=history).met
    assert not rule_met([], knee(at_most=10, side="affected"), "right", measured=history).met
    status = rule_met([], knee(at_most=10, side="right"), measured=history)
    assert not status.met and "right 20 degrees" in status.explanation


def test_a_rule_on_sets_and_a_measurement_needs_both() -> None:
    r = rule(measure={"name": "Knee bend", "at_least": 90})
    good = measured((2, "left", 95), (2, "right", 91))
    logs = [log(0), log(1), log(2)]
    assert rule_met(logs, r, measured=good).met
    status = rule_met(logs, r, measured=measured((2, "left", 95), (2, "right", 70)))
    assert not status.met
    assert status.explanation.startswith("Met: 3x15 on each side in each of the last 3 sessions.")
    assert "Not yet: Knee bend at least 90 degrees" in status.explanation


def test_a_measurement_rule_read_from_the_journal(tmp_path: Path) -> None:
    clock = FakeClock()
    with Journal(tmp_path / "history.sqlite3", clock=clock) as journal:
        row = journal.begin_session("s", "S", affected_side="right")
        journal.record_measurement(row, Measurement("Knee bend", "right", 92, "degrees"))  # type: ignore[arg-type]
        journal.record_measurement(row, Measurement("Knee bend", "left", 60, "degrees"))  # type: ignore[arg-type]
        journal.end_session(row)
        assert rule_met(journal, knee(at_least=90, side="affected")).met
        assert not rule_met(journal, knee(at_least=90)).met


# --------------------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"add_load": "2.5 kg"}, "add 2.5 kg"),
        ({"sets": 3, "reps": 12}, "3 sets of 12"),
        ({"reps": "12-15"}, "12-15 reps"),
        ({"hold": "30-45"}, "hold 30-45 s"),
        ({"load": "10 lb"}, "use 10 lb"),
        ({"band": "next"}, "the next band up"),
        ({"add_load": "level 1"}, "go up a level"),
        ({"exercise": "single-leg-sit-to-stand"}, "move on to Single-leg sit-to-stand"),
        ({"phase": "next"}, "go on to the next phase"),
        ({"sets": 2, "say": "Keep it slow."}, "2 sets; Keep it slow."),
    ],
)
def test_a_change_in_words(change: dict[str, Any], words: str) -> None:
    names = {"single-leg-sit-to-stand": "Single-leg sit-to-stand"}
    assert change_words(Change.model_validate(change), names.__getitem__) == words


def test_then_as_words_stays_as_written() -> None:
    assert then_words("add the band") == "add the band"
    assert then_words(Change(add_load="2.5 kg")) == "add 2.5 kg"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("frequency", "words"),
    [
        ("daily", "daily"),
        ({"times_a_day": 2, "days_a_week": 7}, "twice a day, 7 days a week"),
        (
            {"times_a_day": 1, "weekdays": ["mon", "wed", "fri"]},
            "once a day, on Monday, Wednesday and Friday",
        ),
        ({"days_a_week": "2-3"}, "2-3 days a week"),
        ({"every_days": 2}, "every other day"),
        ({"every_hours": 2}, "every 2 hours while awake"),
        ({"text": "daily", "times_a_day": 3}, "daily (3 times a day)"),
    ],
)
def test_frequency_in_words(frequency: Any, words: str) -> None:
    assert frequency_words(Frequency.model_validate(frequency)) == words


def test_pain_limits_in_words() -> None:
    pain = PainLimits.model_validate({"during": 5, "next_morning": "baseline"})
    assert pain_words(pain) == (
        "pain up to 5/10 during; back to baseline by the next morning; "
        "if exceeded: hold the progression"
    )
    stop = PainLimits.model_validate({"during": 3, "after": 2, "if_exceeded": "stop"})
    assert pain_words(stop) == (
        "pain up to 3/10 during; up to 2/10 after; if exceeded: stop and contact your clinician"
    )


def test_a_rules_condition_in_words() -> None:
    r = rule(load="5 kg", days=3, max_pain=2, measure={"name": "Knee bend", "at_least": 90})
    assert rule_words(r, {"clamshell": "Clamshell"}.__getitem__, "degrees") == (
        "Clamshell: 3x15 at 5 kg or more on each side on 3 different days in a row, "
        "with pain at most 2/10; and Knee bend at least 90 degrees on each side"
    )
