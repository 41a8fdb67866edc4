"""Format versions: version 1 reads as it always did; what version 2 adds needs `version: 2`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from guide_app.core.loader import load_library
from guide_app.core.model import Exercise, ExerciseBlock, Frequency, ProgressionRule
from guide_app.core.placeholders import fill
from guide_app.core.sides import Side
from tests.helpers.content import small_library

EXERCISE = """\
version: {version}
kind: exercise
id: heel-drop
name: Heel drop
summary: Lower the heel slowly from a step.
position: standing on a step
pictures: {{start: assets/pictures/clamshell-start.svg}}
cues: ["Stand on the ball of your foot."]
sides: one_at_a_time
dosage:
  sets: 3
  reps: 15
{extra}
"""


def _write(folder: Path, kind: str, name: str, text: str) -> Path:
    path = folder / f"{kind}s" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Each field version 2 added, in an exercise, with the line it sits on (after line 12).
NEW_IN_EXERCISES = [
    ("  load: 5 kg", "dosage.load"),
    ("  effort: RPE 7", "dosage.effort"),
    ("  only: affected", "dosage.only"),
    ("  rest: 60-90", "dosage.rest: a range of seconds"),
    ("  per_side: {unaffected: {sets: 2, when: {weaker: affected}}}", "when"),
    ("limb: leg", "limb"),
    ("level: beginner", "level"),
    ("source: {title: A paper}", "source"),
]


@pytest.mark.parametrize(("extra", "named"), NEW_IN_EXERCISES)
def test_a_version_1_exercise_using_a_version_2_field_is_told_to_say_version_2(
    tmp_path: Path, extra: str, named: str
) -> None:
    root = small_library(tmp_path)
    path = _write(root, "exercise", "heel-drop", EXERCISE.format(version=1, extra=extra))
    library = load_library([root])
    problems = [p for p in library.problems if p.path == path]
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.line == 13
    assert named in problem.message
    assert "write version: 2 at the top" in problem.message
    assert "heel-drop" not in library.exercises

    path.write_text(EXERCISE.format(version=2, extra=extra), encoding="utf-8")
    library = load_library([root])
    assert [p for p in library.problems if p.path == path] == []
    assert "heel-drop" in library.exercises


def test_version_1_text_shows_braces_as_written_and_version_2_fills_the_side(
    tmp_path: Path,
) -> None:
    root = small_library(tmp_path)
    cue = "Lie on your {other_side} side, {side} leg on top."
    text = EXERCISE.format(version=1, extra="").replace("Stand on the ball of your foot.", cue)
    _write(root, "exercise", "heel-drop", text)
    old = load_library([root]).exercises["heel-drop"]
    assert fill(old.cues[0].text, Side.RIGHT) == cue

    _write(root, "exercise", "heel-drop", text.replace("version: 1", "version: 2"))
    new = load_library([root]).exercises["heel-drop"]
    assert fill(new.cues[0].text, Side.RIGHT) == "Lie on your left side, right leg on top."
    assert fill(new.cues[0].text, None) == "Lie on your other side, working leg on top."


def test_an_unknown_placeholder_is_a_problem_at_its_line(tmp_path: Path) -> None:
    root = small_library(tmp_path)
    text = EXERCISE.format(version=2, extra="").replace("your foot.", "your {sied} foot.")
    path = _write(root, "exercise", "heel-drop", text)
    (problem,) = [p for p in load_library([root]).problems if p.path == path]
    assert problem.line == 8
    assert "cues[0]: unknown placeholder 'sied'" in problem.message
    assert "{side}, {other_side} or {limb}" in problem.message


def test_a_version_the_app_does_not_know_is_named(tmp_path: Path) -> None:
    root = small_library(tmp_path)
    path = _write(root, "exercise", "heel-drop", EXERCISE.format(version=3, extra=""))
    (problem,) = [p for p in load_library([root]).problems if p.path == path]
    assert problem.line == 1
    assert "version 3 of the format" in problem.message
    assert "reads versions 1 and 2: update Session Guide" in problem.message


def test_a_version_1_programme_rule_must_still_give_sets_and_reps(tmp_path: Path) -> None:
    root = small_library(tmp_path)
    programme = textwrap.dedent(
        """\
        version: 1
        kind: programme
        id: calf
        title: Calf
        phases:
          - name: One
            sessions: [exercise-clamshell]
            frequency: {days_a_week: 3}
            progression:
              - text: Add a band.
                rule:
                  measure: {name: Knee bend, at_least: 90}
                  then: {add_load: 1 kg}
        """
    )
    path = _write(root, "programme", "calf", programme)
    messages = [p.message for p in load_library([root]).problems if p.path == path]
    assert any("frequency as numbers" in m and "version: 2" in m for m in messages), messages
    assert any("then: a change" in m for m in messages), messages
    assert any("rule.measure: this needs version 2" in m for m in messages), messages
    assert any("rule.exercise: missing" in m for m in messages), messages


def test_frequency_words_stay_words_and_numbers_must_agree() -> None:
    words = Frequency.model_validate("wall squats two or three times a week; stretches daily")
    assert words.days_a_week is None and words.times_a_day is None
    assert str(words) == "wall squats two or three times a week; stretches daily"
    data = Frequency.model_validate({"times_a_day": 2, "days_a_week": 7})
    assert str(data) == "2 times a day; 7 days a week"
    with pytest.raises(ValueError, match="weekdays names 3 days but days_a_week says 2"):
        Frequency.model_validate({"weekdays": ["mon", "wed", "fri"], "days_a_week": 2})


def test_a_rule_needs_something_to_check_and_a_change_needs_a_change() -> None:
    with pytest.raises(ValueError, match="a rule needs exercise, sets and reps, or a measure"):
        ProgressionRule.model_validate({"then": "add the band"})
    with pytest.raises(ValueError, match="exercise, sets and reps together"):
        ProgressionRule.model_validate({"exercise": "x", "sets": 3, "then": "more"})
    with pytest.raises(ValueError, match="then needs a change"):
        ProgressionRule.model_validate(
            {"exercise": "x", "sets": 3, "reps": 15, "then": {"say": "more"}}
        )
    rule = ProgressionRule.model_validate(
        {"measure": {"name": "Knee bend", "at_least": 90}, "then": {"phase": "next"}}
    )
    assert rule.exercise is None and rule.measure is not None


def test_a_week_table_picks_its_row_and_its_last_row_goes_on() -> None:
    block = ExerciseBlock.model_validate(
        {
            "exercise": "nordic",
            "dosage": {"rest": 60},
            "by_week": {1: {"sets": 2, "reps": 5}, 2: {"reps": 6}, "3-4": {"sets": 3, "reps": 8}},
        }
    )
    shapes = {}
    for week in (None, 1, 2, 3, 4, 9):
        dosage = block.week_dosage(week)
        assert dosage is not None and dosage.rest is not None and dosage.rest.low == 60
        shapes[week] = (dosage.sets, str(dosage.reps))
    assert shapes == {
        None: (2, "5"),
        1: (2, "5"),
        2: (None, "6"),
        3: (3, "8"),
        4: (3, "8"),
        9: (3, "8"),
    }
    with pytest.raises(ValueError, match="week 2 is missing"):
        ExerciseBlock.model_validate({"exercise": "n", "by_week": {1: {}, 3: {}}})
    with pytest.raises(ValueError, match="week 2 is given twice"):
        ExerciseBlock.model_validate({"exercise": "n", "by_week": {"1-2": {}, 2: {}}})


def test_only_one_side_and_a_per_side_dosage_for_the_other_contradict() -> None:
    with pytest.raises(ValueError, match="only: affected works one side alone"):
        Exercise.model_validate(
            {
                "version": 2,
                "kind": "exercise",
                "id": "x",
                "name": "X",
                "summary": "X.",
                "position": "standing",
                "pictures": {"start": "a.svg"},
                "cues": ["Go."],
                "sides": "one_at_a_time",
                "dosage": {"reps": 5, "only": "affected", "per_side": {"unaffected": {"sets": 1}}},
            }
        )
