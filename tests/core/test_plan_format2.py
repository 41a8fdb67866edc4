"""Version 2 dosage in the plan: one side alone, test-dependent per-side dosage, reps in
total, week-by-week rows, ranges of seconds, load and effort, limb-aware words, and the
validation that goes with them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from guide_app.cli import main
from guide_app.core.loader import load_library
from guide_app.core.model import Exercise, ExerciseBlock, MeasureBlock, Session
from guide_app.core.plan import Plan, Side, Step, StepKind, expand
from guide_app.core.plan_limits import MAX_PLAN_STEPS, session_steps
from tests.helpers.content import exercise, session
from tests.helpers.content import library as lib

L, R, B = Side.LEFT, Side.RIGHT, Side.BOTH
WORK = (StepKind.REP, StepKind.PHASE, StepKind.HOLD)


def ex2(
    ex_id: str = "drill",
    *,
    limb: str | None = None,
    version: int = 2,
    **fields: Any,
) -> Exercise:
    """A version-2 exercise with these dosage fields."""
    return exercise(ex_id, version=version, more={"limb": limb} if limb else None, **fields)


def blk(ex_id: str, *, by_week: dict[Any, Any] | None = None, **dosage: Any) -> ExerciseBlock:
    data: dict[str, Any] = {"exercise": ex_id}
    if dosage:
        data["dosage"] = dosage
    if by_week is not None:
        data["by_week"] = by_week
    return ExerciseBlock.model_validate(data)


def sess(*blocks: Any) -> Session:
    return session(*blocks, session_id="s", version=2)


def work(plan: Plan) -> list[Step]:
    return [s for s in plan.steps if s.kind in WORK]


def of(plan: Plan, kind: StepKind) -> list[Step]:
    return [s for s in plan.steps if s.kind is kind]


# --------------------------------------------------------------------------- only


def test_only_affected_plans_that_side_alone_with_no_switch() -> None:
    ex = ex2(sets=2, reps=3, first_side="unaffected")
    plan = expand(sess(blk("drill", only="affected")), lib(ex), affected="right")
    assert {s.side for s in work(plan)} == {R}
    assert of(plan, StepKind.SWITCH) == []
    assert plan.planned_reps() == {("drill", R): 6}
    assert of(plan, StepKind.READY)[0].say == "Drill. Right side. Set 1 of 2. Set up."
    assert plan.warnings == ()


@pytest.mark.parametrize(
    ("only", "affected", "weaker", "side"),
    [
        ("unaffected", "left", None, R),
        ("weaker", None, "right", R),
        ("stronger", None, "right", L),
        ("left", "right", None, L),
        ("right", None, None, R),
    ],
)
def test_only_resolves_its_side_as_the_sides_resolve(
    only: str, affected: str | None, weaker: str | None, side: Side
) -> None:
    ex = ex2(sets=1, reps=2, only=only, first_side="right" if side is L else "left")
    plan = expand(sess(blk("drill")), lib(ex), affected=affected, weaker=weaker)
    assert {s.side for s in work(plan)} == {side}
    assert of(plan, StepKind.SWITCH) == []
    assert plan.warnings == ()


def test_only_with_no_side_given_says_what_it_assumed() -> None:
    ex = ex2(sets=1, reps=2)
    plan = expand(sess(blk("drill", only="affected")), lib(ex))
    assert {s.side for s in work(plan)} == {L}
    assert (
        len(plan.warnings) == 1 and "left side is taken as the affected side" in (plan.warnings[0])
    )
    plan = expand(sess(blk("drill", only="stronger")), lib(ex), affected="left")
    assert {s.side for s in work(plan)} == {R}
    assert plan.warnings == (
        "No weaker side was given: the left side is taken as the weaker side for Drill",
    )


def test_only_on_a_measurement_plans_one_step_for_that_side() -> None:
    block = MeasureBlock.model_validate(
        {"measure": {"name": "Knee bend", "unit": "degrees", "only": "affected"}}
    )
    plan = expand(sess(block), {}, affected="right")
    measures = of(plan, StepKind.MEASURE)
    assert [s.side for s in measures] == [R]
    assert measures[0].say == "Measure: Knee bend. Right side."


def test_a_measurement_goal_is_shown_and_said() -> None:
    block = MeasureBlock.model_validate(
        {"measure": {"name": "Knee bend", "unit": "degrees", "goal": {"at_least": 90}}}
    )
    steps = of(expand(sess(block), {}, affected="left"), StepKind.MEASURE)
    assert [s.goal.at_least if s.goal else None for s in steps] == [90, 90]
    assert steps[0].say == "Measure: Knee bend. Left side. Goal: at least 90 degrees."


# --------------------------------------------------------------------------- when


def iliopsoas() -> tuple[Session, dict[str, Exercise]]:
    ex = ex2("seated-hip-internal-rotation", sets=3, reps=20, pace="self")
    block = blk(
        "seated-hip-internal-rotation",
        sets=3,
        reps=20,
        per_side={"unaffected": {"sets": 2, "when": {"weaker": "affected"}}},
        first_side="affected",
    )
    return sess(block), lib(ex)


@pytest.mark.parametrize(("weaker", "left", "right"), [("left", 60, 40), ("right", 60, 60)])
def test_a_per_side_entry_applies_only_when_its_side_tested_weaker(
    weaker: str, left: int, right: int
) -> None:
    session, exercises = iliopsoas()
    plan = expand(session, exercises, affected="left", weaker=weaker)
    ex = "seated-hip-internal-rotation"
    assert plan.planned_reps() == {(ex, L): left, (ex, R): right}
    assert plan.warnings == ()
    assert work(plan)[0].side is L  # the affected side first


def test_an_unknown_weaker_side_leaves_the_entry_out_and_says_so() -> None:
    session, exercises = iliopsoas()
    plan = expand(session, exercises, affected="left")
    ex = "seated-hip-internal-rotation"
    assert plan.planned_reps() == {(ex, L): 60, (ex, R): 60}
    assert len(plan.warnings) == 1
    warning = plan.warnings[0]
    assert "No weaker side was given" in warning
    assert "Seated hip internal rotation" in warning and "per_side.unaffected" in warning


# --------------------------------------------------------------------------- in total


@pytest.mark.parametrize(
    ("reps", "first", "second"),
    [(10, 5, 5), (11, 6, 5), ("10-12", 6, 6)],
)
def test_reps_in_total_alternate_and_count_across_both_sides(
    reps: Any, first: int, second: int
) -> None:
    ex = ex2("march", sides="alternating", sets=1, reps=reps, count="in_total")
    plan = expand(sess(blk("march")), lib(ex), affected="right")
    steps = work(plan)
    total = first + second
    assert [s.rep for s in steps] == list(range(1, total + 1))
    assert {s.reps for s in steps} == {total}
    assert [s.side for s in steps[:4]] == [R, L, R, L]
    assert plan.planned_reps() == {("march", R): first, ("march", L): second}
    assert steps[2].say == "Right"  # the side word leads each rep; the engine says "3"
    assert of(plan, StepKind.READY)[0].reps == total
    assert steps[-1].ends_set


def test_reps_in_total_on_alternate_reps_and_each_side_as_before() -> None:
    ex = ex2(sets=1, reps=4, side_order="alternate_reps", count="in_total")
    steps = work(expand(sess(blk("drill")), lib(ex), affected="left"))
    assert [(s.side, s.rep, s.reps) for s in steps] == [(L, 1, 4), (R, 2, 4), (L, 3, 4), (R, 4, 4)]
    each = ex2(sets=1, reps=2, side_order="alternate_reps", count="each_side")
    steps = work(expand(sess(blk("drill")), lib(each), affected="left"))
    assert [(s.side, s.rep, s.reps) for s in steps] == [(L, 1, 2), (R, 1, 2), (L, 2, 2), (R, 2, 2)]


def test_reps_in_total_give_each_side_its_share_on_every_rep() -> None:
    ex = ex2("march", sides="alternating", sets=1, reps=5, count="in_total")
    steps = work(expand(sess(blk("march")), lib(ex), affected="left"))
    assert [(s.side, s.share) for s in steps] == [(L, 3), (R, 2), (L, 3), (R, 2), (L, 3)]


def test_reps_in_total_on_one_side_alone_are_the_whole_total() -> None:
    """A clinician who writes "10 in total" for one side means 10 on that side."""
    ex = ex2("march", sides="alternating", sets=2, reps=10, count="in_total")
    plan = expand(sess(blk("march", only="affected")), lib(ex), affected="right")
    steps = work(plan)
    assert [(s.side, s.set, s.rep, s.reps, s.share) for s in steps] == [
        (R, n, k, 10, None) for n in (1, 2) for k in range(1, 11)
    ]
    assert plan.planned_reps() == {("march", R): 20}
    assert of(plan, StepKind.READY)[0].reps == 10
    assert of(plan, StepKind.SWITCH) == []


def test_reps_in_total_in_a_set_the_other_side_has_not_are_the_whole_total() -> None:
    ex = ex2("march", sides="alternating", sets=2, reps="9-11", count="in_total")
    block = blk("march", per_side={"unaffected": {"sets": 1}})
    plan = expand(sess(block), lib(ex), affected="right")
    steps = work(plan)
    assert plan.planned_reps() == {("march", R): 6 + 11, ("march", L): 5}
    second = [s for s in steps if s.set == 2]
    assert {(s.side, s.reps, s.share, str(s.reps_range)) for s in second} == {(R, 11, None, "9-11")}
    assert [s.rep for s in second] == list(range(1, 12))
    rest = of(plan, StepKind.REST)
    assert [(s.side, s.reps) for s in rest] == [(R, 11)], "the rest says the set to come"


# --------------------------------------------------------------------------- by week


def weekly() -> tuple[Session, dict[str, Exercise]]:
    ex = ex2(sets=1, reps=3, sides="both")
    table = {1: {"sets": 2, "reps": 5}, 2: {"sets": 2, "reps": 6}, "3-4": {"sets": 3, "reps": 8}}
    return sess(blk("drill", by_week=table, rest=20)), lib(ex)


@pytest.mark.parametrize(
    ("week", "sets", "reps"), [(1, 2, 5), (2, 2, 6), (3, 3, 8), (4, 3, 8), (9, 3, 8)]
)
def test_by_week_picks_the_weeks_row(week: int, sets: int, reps: int) -> None:
    session, exercises = weekly()
    plan = expand(session, exercises, week=week)
    assert plan.planned_reps() == {("drill", B): sets * reps}
    assert {s.sets for s in work(plan)} == {sets}
    assert {s.duration for s in of(plan, StepKind.REST)} == {20}  # the block's own rest stays
    assert plan.warnings == ()


def test_by_week_with_no_week_given_assumes_week_1_and_says_so() -> None:
    session, exercises = weekly()
    plan = expand(session, exercises)
    assert plan.planned_reps() == {("drill", B): 10}
    assert len(plan.warnings) == 1 and "week 1 assumed" in plan.warnings[0]
    assert "Drill" in plan.warnings[0]
    plain = expand(sess(blk("drill")), exercises)
    assert plain.warnings == ()


# --------------------------------------------------------------------------- ranges


def test_a_hold_range_is_timed_at_its_low_end_and_carries_its_top() -> None:
    ex = ex2(sides="both", cues=("Set up.",), sets=2, hold="30-45", rest="1-2 min")
    plan = expand(sess(blk("drill")), lib(ex))
    holds = of(plan, StepKind.HOLD)
    assert [(s.duration, s.up_to) for s in holds] == [(30, 45), (30, 45)]
    assert holds[0].say == "Hold for 30 to 45 seconds"
    assert holds[0].hold == 30
    rests = of(plan, StepKind.REST)
    assert [(s.duration, s.up_to) for s in rests] == [(60, 120)]
    assert rests[0].say is not None and rests[0].say.startswith("Rest 1 to 2 minutes.")


def test_exact_seconds_carry_no_top_and_a_side_rest_range_does() -> None:
    ex = ex2(sets=1, reps=1, hold=10, side_rest="10-20")
    plan = expand(sess(blk("drill")), lib(ex), affected="left")
    assert {s.up_to for s in plan.steps if s.kind is not StepKind.SWITCH} == {None}
    switch = of(plan, StepKind.SWITCH)
    assert [(s.duration, s.up_to) for s in switch] == [(10, 20)]


# --------------------------------------------------------------------------- load


def test_load_and_effort_ride_on_every_step_and_the_get_ready_says_the_load() -> None:
    ex = ex2(sets=2, reps=2, load="5 kg", load_step="2.5 kg", effort="RPE 7")
    plan = expand(sess(blk("drill")), lib(ex), affected="left")
    mine = [s for s in plan.steps if s.exercise == "drill"]
    assert {(s.load.text if s.load else None) for s in mine} == {"5 kg"}
    assert {(s.load_step.text if s.load_step else None) for s in mine} == {"2.5 kg"}
    assert {str(s.effort) for s in mine} == {"RPE 7"}
    assert of(plan, StepKind.READY)[0].say == "Drill. Left side. 5 kilograms. Set 1 of 2. Set up."


def test_a_band_and_a_per_side_load_are_said() -> None:
    ex = ex2(sets=1, reps=2, load="red band", per_side={"unaffected": {"load": "yellow band"}})
    plan = expand(sess(blk("drill")), lib(ex), affected="right")
    assert "Red band." in (of(plan, StepKind.READY)[0].say or "")
    switch = of(plan, StepKind.SWITCH)[0]
    assert switch.say == "Switch to your left side. Yellow band."
    assert {s.load.text for s in work(plan) if s.side is L and s.load} == {"yellow band"}


# --------------------------------------------------------------------------- limb


def test_a_limb_names_the_side_in_the_prompts() -> None:
    ex = ex2(
        sets=1, reps=2, limb="leg", cues=("Lie on your {other_side} side.", "Lift the {limb}.")
    )
    plan = expand(sess(blk("drill")), lib(ex), affected="right")
    ready = of(plan, StepKind.READY)[0]
    assert ready.say == "Drill. Right leg. Lie on your left side."
    assert of(plan, StepKind.SWITCH)[0].say == "Switch to your left leg"
    assert work(plan)[0].say == "Lift the leg."
    assert {s.limb for s in plan.steps if s.exercise == "drill"} == {"leg"}


def test_cues_and_tips_are_filled_for_the_side_worked() -> None:
    ex = ex2(
        sets=2,
        reps=1,
        rest=30,
        cues=("Stand on your {side} leg.",),
        tips=("Keep the {other_side} hip level.",),
    )
    plan = expand(sess(blk("drill")), lib(ex), affected="left")
    assert (
        of(plan, StepKind.READY)[0].say == "Drill. Left side. Set 1 of 2. Stand on your left leg."
    )
    rests = of(plan, StepKind.REST)
    assert [(s.side, s.say) for s in rests] == [
        (L, "Rest 30 seconds. Next, set 2 of 2. Keep the right hip level."),
        (R, "Rest 30 seconds. Next, set 2 of 2. Keep the left hip level."),
    ]


def test_version_1_braces_show_as_written() -> None:
    ex = Exercise.model_validate(
        {
            **ex2().model_dump(mode="json", exclude_none=True),
            "version": 1,
            "cues": ["Hold {{this}} still."],
        }
    )
    ready = of(expand(sess(blk("drill")), lib(ex), affected="left"), StepKind.READY)[0]
    assert ready.say is not None and ready.say.endswith("Hold {this} still.")


def test_alternating_reps_keep_their_side_leads_with_a_limb() -> None:
    ex = ex2("march", sides="alternating", sets=1, reps=1, limb="leg")
    plan = expand(sess(blk("march")), lib(ex), affected="left")
    assert [s.say for s in work(plan)] == ["Left. Move out.", "Right"]
    assert of(plan, StepKind.READY)[0].say == "March. Start with your left leg. Set up."


# --------------------------------------------------------------------------- limits


def test_the_step_count_follows_the_new_shapes() -> None:
    one = ex2(sets=3, reps=100, only="affected")
    both = ex2(sets=3, reps=100)
    assert session_steps(sess(blk("drill")), lib(one)) < session_steps(
        sess(blk("drill")), lib(both)
    )
    total = ex2("march", sides="alternating", sets=1, reps=100, count="in_total")
    each = ex2("march", sides="alternating", sets=1, reps=100)
    assert session_steps(sess(blk("march")), lib(total)) < session_steps(
        sess(blk("march")), lib(each)
    )
    table = {1: {"reps": 1}, 2: {"sets": 100, "reps": 1000}}
    big = sess(blk("drill", by_week=table))
    assert session_steps(big, lib(ex2(sets=1, reps=1))) > MAX_PLAN_STEPS
    for ex_id, exercises in (("drill", lib(one)), ("march", lib(total))):
        plan = expand(sess(blk(ex_id)), exercises, affected="left")
        assert len(plan.steps) <= session_steps(sess(blk(ex_id)), exercises)


# --------------------------------------------------------------------------- validate


PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>'
EXERCISE = """\
version: 2
kind: exercise
id: {id}
name: {name}
summary: A drill.
position: standing
pictures: {{start: assets/pictures/x.svg}}
cues: [Stand.]
sides: {sides}
dosage: {{sets: 1, reps: 5}}
"""


def folder(tmp_path: Path, session: str) -> Path:
    root = tmp_path / "lib"
    for sub in ("exercises", "sessions", "assets/pictures"):
        (root / sub).mkdir(parents=True)
    (root / "assets/pictures/x.svg").write_text(PICTURE, encoding="utf-8")
    for ex_id, sides in (("one", "one_at_a_time"), ("pair", "both"), ("march", "alternating")):
        text = EXERCISE.format(id=ex_id, name=ex_id.capitalize(), sides=sides)
        (root / "exercises" / f"{ex_id}.yaml").write_text(text, encoding="utf-8")
    head = "version: 2\nkind: session\nid: mine\ntitle: Mine\nblocks:\n"
    (root / "sessions" / "mine.yaml").write_text(head + session, encoding="utf-8")
    return root


def validate(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code = main(["--no-user-library", "validate", "--alone", str(root)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1, out
    mine = str(root / "sessions" / "mine.yaml")
    return [line.removeprefix(mine) for line in out if line.startswith(mine)]


def test_validate_points_into_a_week_table_at_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = folder(
        tmp_path,
        "  - exercise: one\n"  # 6
        "    by_week:\n"  # 7
        "      1: {sets: 2, reps: 5}\n"  # 8
        '      "2-3":\n'  # 9
        "        sets: 0\n"  # 10
        "        reps: 6\n"  # 11
        "      4: {sets: 2, rep: 8}\n",  # 12
    )
    found = validate(root, capsys)
    assert any(
        line.startswith(":10: blocks[0].by_week.2-3.sets: must be at least 1") for line in found
    ), found
    assert any(
        line.startswith(":12: blocks[0].by_week.4.rep: unknown key 'rep'") for line in found
    ), found


def test_validate_refuses_a_week_row_too_long_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = folder(
        tmp_path,
        "  - exercise: one\n"
        "    by_week:\n"
        "      1: {sets: 2, reps: 5}\n"
        "      2: {sets: 100, reps: 1000}\n",
    )
    found = validate(root, capsys)
    assert len(found) == 1 and found[0].startswith(":6: "), found
    assert "steps" in found[0] and "10,000" in found[0]


def test_validate_names_version_2_dosage_that_cannot_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = folder(
        tmp_path,
        "  - exercise: one\n"  # 6
        "    dosage:\n"  # 7
        "      count: in_total\n"  # 8
        "      load_step: 2 kg\n"  # 9
        "  - exercise: pair\n"  # 10
        "    dosage: {only: affected}\n"  # 11
        "  - exercise: one\n"  # 12
        "    dosage:\n"  # 13
        "      per_side:\n"  # 14
        "        left: {sets: 2, when: {weaker: left}}\n"  # 15
        "  - exercise: march\n"  # 16
        "    dosage: {count: in_total, load: 5 kg, load_step: 1 kg}\n",  # 17
    )
    found = validate(root, capsys)
    assert [line.split(":")[1] for line in found] == ["8", "9", "11", "15"], found
    assert "count" in found[0] and "alternate" in found[0]
    assert "load_step" in found[1] and "load" in found[1]
    assert "only" in found[2] and "both" in found[2]
    assert "when" in found[3] and "affected" in found[3]


def test_a_session_that_runs_one_side_alone_loads_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = folder(
        tmp_path,
        "  - exercise: one\n"
        "    dosage: {only: affected, load: red band}\n"
        "  - exercise: march\n"
        "    dosage: {count: in_total, reps: 11}\n",
    )
    library = load_library([root])
    assert library.problems == []
    plan = expand(library.sessions["mine"], library.exercises, affected="left")
    assert plan.planned_reps() == {("one", L): 5, ("march", L): 6, ("march", R): 5}


def test_validate_names_a_week_rows_field_that_cannot_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = folder(
        tmp_path,
        "  - exercise: one\n"  # 6
        "    by_week:\n"  # 7
        "      1: {reps: 5}\n"  # 8
        "      2-3: {reps: 6, count: in_total}\n",  # 9
    )
    found = validate(root, capsys)
    assert len(found) == 1 and found[0].startswith(":9: blocks[0].by_week.2-3.count: "), found


@pytest.mark.parametrize("other_sets", [1, 3])
def test_the_step_count_for_the_limit_is_never_below_the_plan_for_reps_in_total(
    other_sets: int,
) -> None:
    """A side with more sets than the other does the whole total in its extra sets."""
    from guide_app.core.plan_limits import dosage_steps
    from tests.helpers.content import block, exercise, library, session

    ex = exercise(
        "march",
        sides="alternating",
        reps=100,
        sets=3,
        count="in_total",
        per_side={"right": {"sets": other_sets}},
    )
    plan = expand(session(block("march")), library(ex))
    assert len(plan.steps) <= dosage_steps(ex, ex.dosage) <= len(plan.steps) + 10
