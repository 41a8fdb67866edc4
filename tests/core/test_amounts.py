"""Loads, efforts and seconds as clinicians write them, read back the same way."""

from __future__ import annotations

import pytest

from guide_app.core.amounts import Effort, Load, Span, parse_load


@pytest.mark.parametrize(
    ("written", "shown", "heavier", "lighter"),
    [
        ("5 kg", "5 kg", "6 kg", "4 kg"),
        ("2.5kg", "2.5 kg", "3.5 kg", "1.5 kg"),
        ("10 lb", "10 lb", "12 lb", "8 lb"),
        ("red band", "red band", "green band", "yellow band"),
        ("band: Blue", "blue band", "black band", "green band"),
        ("level 3", "level 3", "level 4", "level 2"),
        ("body weight", "body weight", "body weight + 1 kg", None),
        ("bodyweight plus 5 kg", "body weight + 5 kg", "body weight + 6 kg", "body weight + 4 kg"),
    ],
)
def test_a_load_reads_as_written_and_steps_one_at_a_time(
    written: str, shown: str, heavier: str | None, lighter: str | None
) -> None:
    load = Load.model_validate(written)
    assert str(load) == shown
    assert parse_load(load.text) == load  # the journal's form reads back the same
    up, down = load.stepped(1), load.stepped(-1)
    assert (str(up) if up else None, str(down) if down else None) == (heavier, lighter)


def test_a_load_steps_by_the_dosage_step_and_never_below_nothing() -> None:
    step = Load.model_validate("2.5 kg")
    assert str(Load.model_validate("5 kg").stepped(2, step)) == "10 kg"
    assert Load.model_validate("2 kg").stepped(-1, step) is None
    assert Load.model_validate("gold band").stepped(1) is None
    assert Load.model_validate("purple band").stepped(1) is None  # a colour with no known order
    backpack = Load.model_validate("5 kg")
    loaded = Load.model_validate("body weight").stepped(2, backpack)
    assert str(loaded) == "body weight + 10 kg"
    assert loaded is not None and str(loaded.stepped(-2, backpack)) == "body weight"


@pytest.mark.parametrize("bad", ["5", "heavy", 5, "kg 5", {"stone": 3}])
def test_a_load_without_its_unit_says_how_to_write_one(bad: object) -> None:
    with pytest.raises(ValueError, match="5 kg"):
        Load.model_validate(bad)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("RPE 7", "RPE 7"),
        ("rpe 6-8", "RPE 6-8"),
        ("2 RIR", "2 reps in reserve"),
        ("70% 1RM", "70% of 1RM"),
        ({"rpe": 7}, "RPE 7"),
    ],
)
def test_an_effort_reads_as_written(written: object, shown: str) -> None:
    assert str(Effort.model_validate(written)) == shown


def test_an_effort_off_its_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="RPE goes up to 10"):
        Effort.model_validate("RPE 12")


@pytest.mark.parametrize(
    ("written", "low", "high", "shown"),
    [
        (30, 30, 30, "30 s"),
        ("30-45", 30, 45, "30-45 s"),
        ("30 to 45 s", 30, 45, "30-45 s"),
        ("1-2 min", 60, 120, "1-2 min"),
        ("90 s", 90, 90, "90 s"),
    ],
)
def test_seconds_read_as_a_number_or_a_range(
    written: object, low: float, high: float, shown: str
) -> None:
    span = Span.model_validate(written)
    assert (span.low, span.high, str(span)) == (low, high, shown)


def test_a_range_of_seconds_that_runs_backwards_says_so() -> None:
    with pytest.raises(ValueError, match="runs backwards"):
        Span.model_validate("45-30")
