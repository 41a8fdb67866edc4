"""How many sessions fall due on a day, from a phase's frequency in numbers or in words."""

from __future__ import annotations

from datetime import date, timedelta

from guide_app.core.programme_model import Frequency
from guide_app.core.schedule import day_due, how_often, suggested_days

START = date(2026, 11, 2)  # a Monday


def test_twice_a_day_every_day_shows_two_due_each_day() -> None:
    how = how_often(Frequency(text="twice a day, every day"))
    assert [day_due(how, START, START + timedelta(n), {}).due for n in range(3)] == [2, 2, 2]
    numbers = how_often(Frequency(times_a_day="2", days_a_week="7"))
    half_done = day_due(numbers, START, START, {START: 1})
    assert (half_done.due, half_done.done, half_done.missed) == (2, 1, 1)


def test_weekdays_and_every_other_day_fall_on_their_days() -> None:
    how = how_often(Frequency(weekdays=("mon", "wed", "fri")))
    week = [day_due(how, START, START + timedelta(n), {}).due for n in range(7)]
    assert week == [1, 0, 1, 0, 1, 0, 0]
    every = how_often(Frequency(every_days=3))
    assert [day_due(every, START, START + timedelta(n), {}).due for n in range(7)] == [
        1,
        0,
        0,
        1,
        0,
        0,
        1,
    ]


def test_a_flexible_week_is_due_until_its_count_is_done() -> None:
    how = how_often(Frequency(text="two or three times a week, after a workout"))
    assert how.flexible and how.per_week == (2, 3)
    done = {START: 1, START + timedelta(2): 1}
    thursday = day_due(how, START, START + timedelta(3), done)
    assert (thursday.due, thursday.week_done, thursday.week_target) == (0, 2, (2, 3))
    tuesday = day_due(how, START, START + timedelta(1), done)
    assert (tuesday.due, tuesday.missed) == (1, 1)
    assert suggested_days(how, START, START) == [START, START + timedelta(3)]
    next_week = day_due(how, START, START + timedelta(7), done)
    assert next_week.due == 1 and next_week.week_done == 0


def test_words_without_numbers_are_read_and_anything_else_is_once_a_day() -> None:
    assert how_often(Frequency(text="several times a week")).per_week == (3, 3)
    assert how_often(Frequency(text="once or twice a week")).per_week == (1, 2)
    assert how_often(Frequency(text="when it suits you")) == how_often(Frequency(text="daily"))
    assert how_often(Frequency(every_hours=4)).times_a_day == 4
    assert day_due(how_often(Frequency(text="daily")), START, START - timedelta(1), {}).due == 0
