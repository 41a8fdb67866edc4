"""Today: the programme's week and phase from the start date, today's sessions by the
phase's frequency and which are done, and a calendar of the past weeks (all on a fake
date: Monday 30 November 2026)."""

from __future__ import annotations

from guide_app.core.loader import bundled_root, load_library
from guide_app.core.today import DONE, MISSED, PENDING, REST, today_readout
from tests.helpers.today import (
    TODAY,
    days_ago,
    done,
    person,
    phase,
    programme,
    sessions,
)

LIBRARY = load_library([bundled_root()])
DAILY = programme(phase("Only", "daily", "heel-a"))
TWICE = programme(phase("Only", {"times_a_day": 2, "days_a_week": 7}, "heel-a", "heel-b"))
FLEXIBLE = programme(phase("Only", "two or three times a week", "heel-a"))
SESSIONS = sessions("heel-a", "heel-b")


def readout(plan, started_days_ago, records=(), **person_fields):  # type: ignore[no-untyped-def]
    who = person(plan.id, started_days_ago, **person_fields)
    return today_readout(who, {plan.id: plan}, SESSIONS, list(records), TODAY)


def test_a_programme_started_16_days_ago_is_in_week_3() -> None:
    who = person("achilles-pain-monitoring", 16)
    today = today_readout(who, LIBRARY.programmes, LIBRARY.sessions, [], TODAY)
    assert today is not None
    assert today.position_words() == "Week 3, day 17"
    assert today.phase == "Phase 2 - start strengthening"
    assert today.goal and today.goal.startswith("Move the exercises to a step")
    assert [s.session_id for s in today.slots] == ["achilles-loading-phase-2"]
    assert today.programme_title.startswith("Achilles tendinopathy")
    assert "Next: Phase 3 - heavier strength, from week 7 (Sat 26 Dec 2026)." in today.notes()


def test_no_programme_or_a_missing_one_gives_nothing() -> None:
    assert today_readout(person(None, 3), LIBRARY.programmes, LIBRARY.sessions, [], TODAY) is None
    gone = person("no-such-programme", 3)
    assert today_readout(gone, LIBRARY.programmes, LIBRARY.sessions, [], TODAY) is None


def test_twice_daily_shows_two_slots_and_one_is_done_after_a_session() -> None:
    before = readout(TWICE, 5, reminders=("08:00", "18:30"))
    assert before is not None
    assert [(s.done, s.reminder) for s in before.slots] == [(False, "08:00"), (False, "18:30")]
    # two slots suggest the two sessions of the phase, so either can be done first
    assert [s.session_id for s in before.slots] == ["heel-a", "heel-b"]
    assert [o.session_id for o in before.slots[0].options] == ["heel-a", "heel-b"]
    after = readout(TWICE, 5, [done("heel-a", TODAY, 7)], reminders=("08:00", "18:30"))
    assert after is not None
    assert [s.done for s in after.slots] == [True, False]
    assert after.slots[0].words() == "Done at 07:00: Heel a"
    assert after.slots[1].words() == "Due at 18:30: Heel b"
    assert after.due_session == "heel-b"


def test_the_session_done_least_recently_comes_first() -> None:
    records = [done("heel-b", days_ago(2)), done("heel-a", days_ago(1))]
    today = readout(TWICE, 5, records)
    assert today is not None
    assert [o.session_id for o in today.slots[0].options] == ["heel-b", "heel-a"]
    assert today.slots[0].options[1].last_done == days_ago(1)


def test_a_missed_day_is_shown_in_the_calendar_plainly() -> None:
    records = [done("heel-a", days_ago(n)) for n in (1, 3, 4, 5, 6)]  # not two days ago
    today = readout(DAILY, 6, records)
    assert today is not None
    (week,) = today.calendar
    assert week.number == 1 and week.current
    states = [d.state for d in week.days]
    assert states == [DONE, DONE, DONE, DONE, MISSED, DONE, PENDING]
    assert week.days[4].words() == "Sat 28 Nov 2026: missed"
    assert week.days[0].words() == "Tue 24 Nov 2026: 1 session done"
    assert week.words() == "5 of 7"


def test_the_calendar_has_at_most_the_weeks_asked_and_counts_each() -> None:
    records = [done("heel-a", days_ago(n)) for n in range(1, 17) if n != 9]
    who = person(DAILY.id, 30)
    today = today_readout(who, {DAILY.id: DAILY}, SESSIONS, records, TODAY, weeks_back=3)
    assert today is not None
    assert [w.number for w in today.calendar] == [3, 4, 5]
    assert today.position_words() == "Week 5, day 31"
    assert [w.words() for w in today.calendar] == ["7 of 7", "6 of 7", "2 of 7"]
    assert [d.state for d in today.calendar[1].days].count(MISSED) == 1


def test_a_flexible_week_counts_its_sessions_and_never_calls_a_free_day_missed() -> None:
    one = readout(FLEXIBLE, 3, [done("heel-a", days_ago(2))])
    assert one is not None
    assert one.week_count_words() == "1 of 2-3 this week"
    assert [s.done for s in one.slots] == [False]
    assert MISSED not in [d.state for d in one.calendar[0].days]
    two = readout(FLEXIBLE, 3, [done("heel-a", days_ago(2)), done("heel-a", days_ago(1))])
    assert two is not None
    assert two.week_count_words() == "2 of 2-3 this week"
    assert two.slots == () and not two.rest_day
    assert two.due_session == "heel-a", "one key still starts an extra session"
    assert "2 of 2-3 this week" in two.notes()


def test_a_rest_day_is_quiet() -> None:
    plan = programme(phase("Only", {"weekdays": ["tue", "thu"]}, "heel-a"))
    today = readout(plan, 7)  # a Monday
    assert today is not None
    assert today.slots == () and today.rest_day
    assert today.notes() == ["Nothing is due today: a rest day."]
    assert today.calendar[0].days[-1].state == REST


def test_a_programme_not_started_yet_says_when_it_starts() -> None:
    today = readout(DAILY, -3)
    assert today is not None and today.not_started
    assert today.position_words() == "Starts on Thu 3 Dec 2026"
    assert today.slots == () and today.calendar == ()
    assert "The programme starts on Thu 3 Dec 2026. Nothing is due before then." in today.notes()


def test_no_start_date_counts_from_today_and_says_so() -> None:
    today = readout(DAILY, None)
    assert today is not None and today.start_assumed
    assert today.position_words() == "Week 1, day 1"
    assert today.notes()[0] == "No start date was set, so the programme counts from today."


def test_a_finished_programme_says_so_and_has_nothing_due() -> None:
    plan = programme(phase("Only", "daily", "heel-a", weeks="0-1"))
    today = readout(plan, 20)
    assert today is not None and today.finished
    assert today.slots == () and not today.rest_day
    assert today.notes()[0].startswith("Every week of this programme is over.")
    assert today.calendar[-1].days[0].state == "before"


def test_only_the_programmes_sessions_count() -> None:
    other = done("something-else", TODAY, 7, programme_id="other")
    from_elsewhere = done("heel-a", TODAY, 6, programme_id=None)  # run on its own
    running = done("heel-a", TODAY, 8, state="running")
    today = readout(DAILY, 5, [other, from_elsewhere, running])
    assert today is not None
    assert [(s.done, s.session_id) for s in today.slots] == [(True, "heel-a")]
