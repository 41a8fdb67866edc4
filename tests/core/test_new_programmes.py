"""The published programmes bundled with content format 2, checked through the plan.

Each programme names its source in its summary and in ``source``; each test checks one
fact of the published dosage as the person meets it: the plan (what ``plan --json``
prints) and, where it is about running, the engine's events.

- Alfredson et al. 1998, Achilles: heel drops on the affected leg alone, 3x15 straight
  knee and 3x15 bent knee, twice a day, every day, for 12 weeks.
- Mjolsnes et al. 2004, Nordic hamstring lowers: a week-by-week table over 10 weeks.
- Silbernagel et al. 2007, Achilles: three phases of heel raises under the
  pain-monitoring model (pain up to 5/10, settled by the next morning, else less).
- A work/rest interval session: 20 s work, 10 s rest, 8 rounds (Tabata et al. 1996).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide_app.core.clock import FakeClock
from guide_app.core.engine import Runner
from guide_app.core.events import SetDone
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.model import IntervalsBlock, MeasureBlock, Programme, Sides
from guide_app.core.plan import Plan, Side, StepKind, expand
from tests.helpers.content import run_to_end

ROOT = bundled_root()
NEW_PROGRAMMES = {
    # id: (words the summary must name, the source's year)
    "achilles-eccentric-alfredson": ("Alfredson", "1998"),
    "nordic-hamstring": ("Mjolsnes", "2004"),
    "achilles-pain-monitoring": ("Silbernagel", "2007"),
}
NEW_EXERCISES = (
    "heel-drop-straight-knee",
    "heel-drop-bent-knee",
    "double-leg-heel-raise",
    "single-leg-heel-raise",
    "seated-heel-raise",
    "quick-rebound-heel-raise",
    "nordic-hamstring-curl",
    "sit-to-stand",
)


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library([ROOT])


def plan_of(lib: Library, session_id: str, **options: Any) -> Plan:
    return expand(lib.sessions[session_id], lib.exercises, **options)


def work_steps(plan: Plan, exercise_id: str) -> list[Any]:
    return [s for s in plan.steps if s.exercise == exercise_id and s.ends_rep]


# --------------------------------------------------------------------------- all of them


def test_the_new_content_loads_without_problems(lib: Library) -> None:
    assert [str(p) for p in lib.problems] == []
    assert set(NEW_PROGRAMMES) <= set(lib.programmes)
    assert set(NEW_EXERCISES) <= set(lib.exercises)
    assert "jump-squat-intervals" in lib.sessions


@pytest.mark.parametrize("programme_id", sorted(NEW_PROGRAMMES))
def test_each_programme_names_its_source(lib: Library, programme_id: str) -> None:
    author, year = NEW_PROGRAMMES[programme_id]
    programme = lib.programmes[programme_id]
    assert programme.version == 2
    assert author in (programme.summary or "") and year in (programme.summary or "")
    assert programme.source is not None
    assert author in (programme.source.author or "")
    assert year in programme.source.title
    for phase in programme.phases:
        for session_id in phase.sessions:
            session = lib.sessions[session_id]
            assert session.source is not None and author in (session.source.author or "")


@pytest.mark.parametrize("exercise_id", NEW_EXERCISES)
def test_each_new_exercise_is_drawn_by_the_project(lib: Library, exercise_id: str) -> None:
    exercise = lib.exercises[exercise_id]
    poses = yaml.safe_load((ROOT / "assets" / "poses.yaml").read_text(encoding="utf-8"))
    assert exercise_id in poses["exercises"], "pictures come from the pose data"
    assert exercise.level is not None and exercise.category is not None
    assert exercise.targets and exercise.secondary_targets
    for picture in (
        exercise.pictures.start,
        exercise.pictures.end,
        *exercise.pictures.steps,
    ):
        if picture is not None:
            assert (ROOT / picture).is_file(), picture
            assert (
                Path(picture).stem.removesuffix("-start").removesuffix("-end") in poses["exercises"]
            ), f"{picture} is drawn from the pose data"
    if exercise.sides is not Sides.BOTH:
        assert exercise.limb == "leg"


# --------------------------------------------------------------------------- Alfredson


@pytest.mark.parametrize("affected", [Side.LEFT, Side.RIGHT])
def test_alfredson_plans_the_affected_leg_alone(lib: Library, affected: Side) -> None:
    plan = plan_of(lib, "alfredson-heel-drops", affected=affected.value)
    assert {s.side for s in plan.steps if s.exercise} == {affected}
    assert not [s for s in plan.steps if s.kind is StepKind.SWITCH], "no switch, no other leg"
    reps = plan.planned_reps()
    assert reps == {
        ("heel-drop-straight-knee", affected): 45,
        ("heel-drop-bent-knee", affected): 45,
    }
    for exercise_id in ("heel-drop-straight-knee", "heel-drop-bent-knee"):
        sets = {s.set for s in work_steps(plan, exercise_id)}
        assert sets == {1, 2, 3}
        assert {s.reps for s in work_steps(plan, exercise_id)} == {15}
    assert plan.warnings == ()


def test_alfredson_is_180_reps_a_day_for_12_weeks(lib: Library) -> None:
    programme = lib.programmes["achilles-eccentric-alfredson"]
    (phase,) = programme.phases
    assert phase.weeks is not None and phase.weeks.last - phase.weeks.first == 12
    frequency = phase.frequency
    assert frequency.times_a_day is not None and frequency.times_a_day.low == 2
    assert frequency.days_a_week is not None and frequency.days_a_week.low == 7
    assert str(frequency) == "twice a day, every day"
    plan = plan_of(lib, phase.sessions[0], affected="left")
    per_session = sum(plan.planned_reps().values())
    assert per_session == 90
    assert per_session * frequency.times_a_day.low == 180


def test_alfredson_shows_the_load_and_the_words_name_the_leg(lib: Library) -> None:
    plan = plan_of(lib, "alfredson-heel-drops", affected="right")
    ready = plan.steps[0]
    assert ready.kind is StepKind.READY
    assert ready.load is not None and ready.load.text == "bodyweight"
    say = ready.say or ""
    assert "Right leg." in say and "Body weight." in say
    assert "Lift the left foot" in " ".join(s.say or "" for s in plan.steps), "{other_side}"


def test_alfredson_pain_is_allowed_until_disabling_and_load_follows_pain_free_sessions(
    lib: Library,
) -> None:
    session = lib.sessions["alfredson-heel-drops"]
    assert session.pain is not None
    assert session.pain.during == 9 and session.pain.if_exceeded == "stop"
    (phase,) = lib.programmes["achilles-eccentric-alfredson"].phases
    rules = [p.rule for p in phase.progression if p.rule]
    assert {r.exercise for r in rules} == {"heel-drop-straight-knee", "heel-drop-bent-knee"}
    for rule in rules:
        assert (rule.sets, rule.reps, rule.sides, rule.max_pain) == (3, 15, "affected", 0)
        assert rule.load is not None and rule.load.unit == "bodyweight"
        assert "5 kg" in str(rule.then) and "backpack" in str(rule.then)


def test_alfredson_runs_only_the_affected_leg(lib: Library) -> None:
    plan = plan_of(lib, "alfredson-heel-drops", affected="left")
    clock = FakeClock(0.0)
    events = run_to_end(Runner(plan, clock), clock, key_seconds=2.0)
    sets = [e for e in events if isinstance(e, SetDone)]
    assert len(sets) == 6
    assert {e.side for e in sets} == {Side.LEFT}
    assert sum(e.done_reps for e in sets) == 90


# --------------------------------------------------------------------------- Nordic


NORDIC_WEEKS = {
    # week: (sets, reps the set counts to, reps as written)
    1: (2, 5, "5"),
    2: (2, 6, "6"),
    3: (3, 8, "6-8"),
    4: (3, 10, "8-10"),
    5: (3, 12, "8-12"),
    10: (3, 12, "8-12"),
}


@pytest.mark.parametrize("week", sorted(NORDIC_WEEKS))
def test_nordic_dosage_follows_the_week(lib: Library, week: int) -> None:
    sets, target, written = NORDIC_WEEKS[week]
    plan = plan_of(lib, "nordic-hamstring-lowers", week=week)
    reps = work_steps(plan, "nordic-hamstring-curl")
    assert {s.set for s in reps} == set(range(1, sets + 1))
    assert {s.reps for s in reps} == {target}
    assert {str(s.reps_range) for s in reps} == {written}
    assert plan.planned_reps()[("nordic-hamstring-curl", Side.BOTH)] == sets * target
    assert plan.warnings == (), "a week was given"


def test_nordic_week_1_and_week_4_differ_and_no_week_means_week_1(lib: Library) -> None:
    first = plan_of(lib, "nordic-hamstring-lowers", week=1)
    fourth = plan_of(lib, "nordic-hamstring-lowers", week=4)
    assert first.planned_reps()[("nordic-hamstring-curl", Side.BOTH)] == 10
    assert fourth.planned_reps()[("nordic-hamstring-curl", Side.BOTH)] == 30
    unsaid = plan_of(lib, "nordic-hamstring-lowers")
    assert unsaid.planned_reps() == first.planned_reps()
    assert any("week" in w.lower() for w in unsaid.warnings), "the plan says it took week 1"
    after = plan_of(lib, "nordic-hamstring-lowers", week=12)
    assert after.planned_reps() == plan_of(lib, "nordic-hamstring-lowers", week=10).planned_reps()


def test_nordic_programme_is_ten_weeks(lib: Library) -> None:
    (phase,) = lib.programmes["nordic-hamstring"].phases
    assert phase.weeks is not None and (phase.weeks.first, phase.weeks.last) == (0, 10)
    assert phase.sessions == ("nordic-hamstring-lowers",)
    assert phase.frequency.days_a_week is not None
    assert (phase.frequency.days_a_week.low, phase.frequency.days_a_week.high) == (1, 3)
    exercise = lib.exercises["nordic-hamstring-curl"]
    assert len(exercise.pictures.steps) == 3, "kneeling, half-way, caught on the hands"


# --------------------------------------------------------------------------- Silbernagel


SILBERNAGEL_PHASES = {
    # session: [(exercise, sets, reps as written), ...] in order
    "achilles-loading-phase-1": [
        ("double-leg-heel-raise", 3, "10-15"),
        ("single-leg-heel-raise", 3, "10"),
        ("seated-heel-raise", 3, "10"),
        ("heel-drop-straight-knee", 3, "10"),
    ],
    "achilles-loading-phase-2": [
        ("double-leg-heel-raise", 3, "15"),
        ("single-leg-heel-raise", 3, "15"),
        ("seated-heel-raise", 3, "15"),
        ("heel-drop-straight-knee", 3, "15"),
        ("quick-rebound-heel-raise", 3, "20"),
    ],
    "achilles-loading-phase-3": [
        ("single-leg-heel-raise", 3, "15"),
        ("seated-heel-raise", 3, "15"),
        ("heel-drop-straight-knee", 3, "15"),
        ("quick-rebound-heel-raise", 3, "20"),
    ],
}


@pytest.mark.parametrize("session_id", sorted(SILBERNAGEL_PHASES))
def test_silbernagel_phase_dosage(lib: Library, session_id: str) -> None:
    expected = SILBERNAGEL_PHASES[session_id]
    plan = plan_of(lib, session_id, affected="left")
    order = list(dict.fromkeys(s.exercise for s in plan.steps if s.exercise and s.ends_rep))
    assert order == [e for e, _, _ in expected]
    for exercise_id, sets, written in expected:
        reps = work_steps(plan, exercise_id)
        assert {str(s.reps_range) for s in reps} == {written}, exercise_id
        assert {s.sets for s in reps} == {sets}, exercise_id
        sides = {s.side for s in reps}
        one_sided = lib.exercises[exercise_id].sides is not Sides.BOTH
        assert sides == ({Side.LEFT, Side.RIGHT} if one_sided else {Side.BOTH}), exercise_id
        if one_sided:
            first = next(s for s in reps)
            assert first.side is Side.LEFT, "the affected leg first"


def test_silbernagel_pain_monitoring_model(lib: Library) -> None:
    programme = lib.programmes["achilles-pain-monitoring"]
    pain = programme.pain
    assert pain is not None
    assert (pain.during, pain.after, pain.next_morning, pain.if_exceeded) == (
        5,
        5,
        "baseline",
        "step_down",
    )
    assert pain.say and "5" in pain.say
    for phase in programme.phases:
        assert phase.frequency.days_a_week is not None and phase.frequency.days_a_week.low == 7


@pytest.mark.parametrize("affected", [Side.LEFT, Side.RIGHT])
def test_silbernagel_measures_pain_on_the_affected_side_against_its_limit(
    lib: Library, affected: Side
) -> None:
    for session_id in SILBERNAGEL_PHASES:
        session = lib.sessions[session_id]
        (block,) = [b for b in session.blocks if isinstance(b, MeasureBlock)]
        assert block.measure.only == "affected"
        plan = plan_of(lib, session_id, affected=affected.value)
        steps = [s for s in plan.steps if s.kind is StepKind.MEASURE]
        assert len(steps) == 1 and steps[0].side is affected
        assert steps[0].goal is not None and steps[0].goal.at_most == 5
        assert "Goal: at most 5" in (steps[0].say or "")


def test_silbernagel_phases_follow_the_published_weeks(lib: Library) -> None:
    programme: Programme = lib.programmes["achilles-pain-monitoring"]
    one, two, three = programme.phases
    assert one.weeks is not None and (one.weeks.first, one.weeks.last) == (0, 2)
    assert two.weeks is not None and (two.weeks.first, two.weeks.last) == (2, 5)
    assert three.weeks is None and "week 3" in (three.goal or "")


# --------------------------------------------------------------------------- intervals


def test_interval_session_is_4_minutes_after_one_get_ready(lib: Library) -> None:
    session = lib.sessions["jump-squat-intervals"]
    (block,) = [b for b in session.blocks if isinstance(b, IntervalsBlock)]
    assert (block.intervals.work, block.intervals.rest, block.intervals.rounds) == (20, 10, 8)
    plan = plan_of(lib, session.id)
    readies = [s for s in plan.steps if s.kind is StepKind.READY]
    assert len(readies) == 1, "one get-ready, before the first round only"
    first_work = next(i for i, s in enumerate(plan.steps) if s.kind is StepKind.WORK)
    assert plan.steps[first_work - 1].kind is StepKind.READY
    after = plan.steps[first_work:]
    kinds = Counter(s.kind for s in after)
    assert kinds[StepKind.WORK] == 8 and kinds[StepKind.REST] == 8
    assert sum(s.duration or 0 for s in after) == 240
    works = [s for s in after if s.kind is StepKind.WORK]
    assert {s.duration for s in works} == {20}
    assert [s.interval for s in works] == list(range(1, 9))
    assert {s.intervals for s in works} == {8}
    said = " ".join(s.say or "" for s in after)
    assert "Work" in said and "Rest" in said
    assert "Hold for" not in said
    assert not any(m.kind.value == "half_way" for s in works for m in s.marks())


def test_interval_session_logs_each_interval_as_a_set(lib: Library) -> None:
    plan = plan_of(lib, "jump-squat-intervals")
    clock = FakeClock(0.0)
    runner = Runner(plan, clock)
    events = run_to_end(runner, clock)
    sets = [e for e in events if isinstance(e, SetDone)]
    assert len(sets) == 8
    assert {e.exercise for e in sets} == {"banded-jump-squat"}
