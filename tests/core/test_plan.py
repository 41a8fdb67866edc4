"""Expansion: sessions and sides become the right steps, in order, with the right words."""

from __future__ import annotations

import pytest

from guide_app.core.model import FirstSide
from guide_app.core.plan import (
    MarkKind,
    Plan,
    PlanError,
    Range,
    Side,
    SideChoice,
    Step,
    StepKind,
    expand,
    rep_units,
)
from tests.helpers.content import (
    block,
    bundled_library,
    circuit,
    exercise,
    library,
    measure,
    note,
    session,
)

L, R, B = Side.LEFT, Side.RIGHT, Side.BOTH


def kinds(plan: Plan) -> list[str]:
    return [s.kind.value for s in plan.steps]


def work(plan: Plan, exercise_id: str | None = None) -> list[Step]:
    return [
        s
        for s in plan.steps
        if s.kind in (StepKind.REP, StepKind.PHASE, StepKind.HOLD)
        and (exercise_id is None or s.exercise == exercise_id)
    ]


def sides_of_sets(plan: Plan) -> list[tuple[Side | None, int | None]]:
    """(side, set) of every set's first work step, in order."""
    seen: list[tuple[Side | None, int | None]] = []
    for s in work(plan):
        if s.rep == 1 and (not seen or seen[-1] != (s.side, s.set)):
            seen.append((s.side, s.set))
    return seen


# --------------------------------------------------------------------------- paces


def test_a_tempo_rep_is_one_phase_step_per_timed_phase() -> None:
    ex = exercise(sides="both", sets=1, reps=1, tempo={"out": 2, "pause": 0, "hold": 1, "back": 3})
    plan = expand(session(block("drill")), library(ex))
    phases = work(plan)
    assert [(s.phase, s.duration) for s in phases] == [("out", 2), ("hold", 1), ("back", 3)]
    assert [s.ends_rep for s in phases] == [False, False, True]
    assert phases[0].tempo is not None and [p.name for p in phases[0].tempo] == [
        "out",
        "pause",
        "hold",
        "back",
    ]
    # the cue is shown, not said over the beat
    assert [s.say for s in phases] == ["out", "hold", "back"]
    assert kinds(plan) == ["ready", "phase", "phase", "phase", "end"]


def test_self_paced_reps_wait_for_a_key_and_a_hold_follows_when_given() -> None:
    ex = exercise(sides="both", sets=1, reps=3, pace="self", hold=2)
    steps = work(expand(session(block("drill")), library(ex)))
    assert [(s.kind.value, s.duration, s.rep, s.ends_rep) for s in steps] == [
        ("rep", None, 1, False),
        ("hold", 2, 1, True),
        ("rep", None, 2, False),
        ("hold", 2, 2, True),
        ("rep", None, 3, False),
        ("hold", 2, 3, True),
    ]
    assert steps[1].say == "Hold"


def test_hold_pace_is_one_hold_per_rep_with_the_rest_between_holds() -> None:
    ex = exercise(sides="both", sets=4, hold=10, rest=10)
    plan = expand(session(block("drill")), library(ex))
    assert kinds(plan) == ["ready"] + ["hold", "rest"] * 3 + ["hold", "end"]
    holds = work(plan)
    assert [(h.set, h.duration, h.count_unit) for h in holds] == [
        (n, 10, "holds") for n in (1, 2, 3, 4)
    ]
    assert holds[0].say == "Hold for 10 seconds. Move out."
    assert plan.total_seconds() == 5 + 4 * 10 + 3 * 10


def test_holds_within_one_set_are_separated_by_the_rest_too() -> None:
    ex = exercise(sides="both", sets=1, reps=4, pace="hold", hold=10, rest=5)
    plan = expand(session(block("drill")), library(ex))
    assert kinds(plan) == ["ready"] + ["hold", "rest"] * 3 + ["hold", "end"]
    assert [s.rep for s in plan.steps if s.kind is StepKind.HOLD] == [1, 2, 3, 4]


def test_a_range_counts_to_its_top_and_stays_visible() -> None:
    ex = exercise(sides="both", sets=2, reps="8-12", rest=30)
    plan = expand(session(block("drill")), library(ex))
    reps = work(plan)
    assert len(reps) == 24
    assert {(s.reps, s.reps_range) for s in reps} == {(12, Range(8, 12))}
    assert str(reps[0].reps_range) == "8-12"
    rest = next(s for s in plan.steps if s.kind is StepKind.REST)
    assert (rest.duration, rest.set, rest.say) == (
        30,
        2,
        "Rest 30 seconds. Next, set 2 of 2. Go slowly.",
    )


# --------------------------------------------------------------------------- sides


ILIOPSOAS = {
    "sets": 3,
    "reps": 20,
    "pace": "self",
    "rest": 30,
    "side_rest": 15,
    "per_side": {"affected": {"sets": 3}, "unaffected": {"sets": 2}},
    "first_side": "affected",
}


@pytest.mark.parametrize(("affected", "first", "more"), [("left", L, L), ("right", R, R)])
def test_affected_and_unaffected_resolve_against_the_affected_side(
    affected: str, first: Side, more: Side
) -> None:
    plan = expand(session(block("drill")), library(exercise(**ILIOPSOAS)), affected=affected)
    assert plan.planned_reps() == {("drill", more): 60, ("drill", more.other()): 40}
    assert sides_of_sets(plan) == [
        (first, 1),
        (first, 2),
        (first, 3),
        (first.other(), 1),
        (first.other(), 2),
    ]
    assert plan.warnings == ()
    switch = next(s for s in plan.steps if s.kind is StepKind.SWITCH)
    assert (switch.duration, switch.side) == (15, first.other())
    assert switch.say == f"Switch to your {first.other().value} side. Set 1 of 2."


def test_without_an_affected_side_the_left_is_assumed_and_the_plan_warns() -> None:
    plan = expand(session(block("drill")), library(exercise(**ILIOPSOAS)))
    assert plan.planned_reps() == {("drill", L): 60, ("drill", R): 40}
    assert len(plan.warnings) == 1 and "left side is taken as the affected side" in plan.warnings[0]


def test_without_an_affected_side_a_known_weaker_side_is_taken() -> None:
    plan = expand(session(block("drill")), library(exercise(**ILIOPSOAS)), weaker="right")
    assert plan.planned_reps() == {("drill", R): 60, ("drill", L): 40}
    assert "right side" in plan.warnings[0]


def test_left_and_right_per_side_need_no_affected_side() -> None:
    ex = exercise(sets=1, reps=5, per_side={"left": {"reps": 5}, "right": {"reps": 7}})
    plan = expand(session(block("drill")), library(ex))
    assert plan.planned_reps() == {("drill", L): 5, ("drill", R): 7}
    assert plan.warnings == ()


@pytest.mark.parametrize(
    ("first_side", "affected", "weaker", "expected"),
    [
        ("affected", "right", None, R),
        ("affected", None, "right", R),
        ("affected", None, None, L),
        ("weaker", "left", "right", R),
        ("weaker", "right", None, R),
        ("unaffected", "left", None, R),
        ("stronger", None, "left", R),
        ("left", "right", None, L),
        ("right", None, None, R),
    ],
)
def test_the_first_side(
    first_side: str, affected: str | None, weaker: str | None, expected: Side
) -> None:
    ex = exercise(sets=1, reps=2, first_side=first_side)
    plan = expand(session(block("drill")), library(ex), affected=affected, weaker=weaker)
    assert work(plan)[0].side is expected
    assert plan.steps[0].side is expected


def test_the_users_preference_decides_when_the_dosage_does_not() -> None:
    ex = exercise(sets=1, reps=2)
    plan = expand(
        session(block("drill")),
        library(ex),
        affected="left",
        weaker="right",
        first=FirstSide.WEAKER,
    )
    assert work(plan)[0].side is R
    assert SideChoice(L, R).first_side(None) is L


def test_both_is_not_a_side_a_person_can_have() -> None:
    with pytest.raises(ValueError, match="left or right"):
        expand(session(block("drill")), library(exercise()), affected="both")


def test_alternate_sets_switch_after_every_set() -> None:
    ex = exercise(side_order="alternate_sets", **{k: v for k, v in ILIOPSOAS.items()})
    plan = expand(session(block("drill")), library(ex), affected="left")
    assert sides_of_sets(plan) == [(L, 1), (R, 1), (L, 2), (R, 2), (L, 3)]
    between = [s for s in plan.steps if s.kind in (StepKind.REST, StepKind.SWITCH)]
    assert [(s.kind.value, s.side) for s in between] == [
        ("switch", R),
        ("switch", L),
        ("switch", R),
        ("switch", L),
    ]


def test_alternate_reps_alternate_within_a_set_and_count_each_side_alone() -> None:
    ex = exercise(sets=2, reps=3, side_order="alternate_reps", per_side={"left": {"reps": 4}})
    plan = expand(session(block("drill")), library(ex))
    first_set = [(s.side, s.rep) for s in work(plan) if s.set == 1]
    assert first_set == [(L, 1), (R, 1), (L, 2), (R, 2), (L, 3), (R, 3), (L, 4)]
    assert work(plan)[0].say == "Left. Move out."
    assert work(plan)[1].say == "Right"
    assert plan.planned_reps() == {("drill", L): 8, ("drill", R): 6}
    assert plan.steps[0].say is not None and "Start with your left side" in plan.steps[0].say
    assert not any(s.kind is StepKind.SWITCH for s in plan.steps)
    rest = next(s for s in plan.steps if s.kind is StepKind.REST)
    assert rest.side is None


def test_an_alternating_movement_counts_reps_per_leg() -> None:
    ex = exercise(sides="alternating", sets=1, reps=2)
    plan = expand(session(block("drill")), library(ex), affected="right")
    assert [(s.side, s.rep) for s in work(plan)] == [(R, 1), (L, 1), (R, 2), (L, 2)]


def test_a_two_sided_exercise_has_no_switch() -> None:
    plan = expand(session(block("drill")), library(exercise(sides="both", sets=2, reps=2)))
    assert {s.side for s in work(plan)} == {B}
    assert StepKind.SWITCH.value not in kinds(plan)


def test_a_walk_goes_each_direction_in_every_set() -> None:
    ex = exercise(
        sides="both", sets=2, reps="8-12", unit="steps", directions=["right", "left"], rest=30
    )
    plan = expand(session(block("drill")), library(ex))
    order = [(s.set, s.direction) for s in work(plan) if s.rep == 1]
    assert order == [(1, "right"), (1, "left"), (2, "right"), (2, "left")]
    turns = [s for s in plan.steps if s.kind is StepKind.SWITCH]
    assert [(t.direction, t.duration, t.say) for t in turns] == [("left", 5, "Now go left")] * 2
    assert work(plan)[0].count_unit == "steps"
    assert plan.steps[0].say is not None and "Go right" in plan.steps[0].say


# --------------------------------------------------------------------------- session shape


def test_each_exercise_starts_with_a_get_ready_and_the_plan_ends() -> None:
    ex = exercise(sides="both", sets=1, reps=2)
    plan = expand(session(note(), block("drill", note="Sit tall."), measure()), library(ex))
    assert kinds(plan) == ["note", "ready", "rep", "rep", "measure", "measure", "end"]
    ready = plan.steps[1]
    assert ready.duration == 5
    assert ready.say == "Drill. Set up. Sit tall."
    assert ready.cue_index == 0
    assert [s.cue_index for s in work(plan)] == [1, 2]
    assert plan.steps[-1].say == "Well done"
    assert plan.steps[-1].duration == 0


def test_start_when_ready_waits_for_a_key() -> None:
    plan = expand(session(block("drill")), library(exercise()), ready_seconds=None)
    assert plan.steps[0].kind is StepKind.READY and plan.steps[0].duration is None


def test_cues_are_spoken_the_first_time_an_exercise_appears_only() -> None:
    ex = exercise(sides="both", sets=2, reps=5, rest=10)
    plan = expand(session(block("drill"), block("drill")), library(ex))
    said = [s.say for s in work(plan)]
    assert said[:3] == ["Move out.", "Come back.", None]
    assert all(s is None for s in said[3:])
    readies = [s for s in plan.steps if s.kind is StepKind.READY]
    assert readies[1].say == "Drill. Set 1 of 2."


def test_a_measurement_asks_once_per_side_affected_first() -> None:
    plan = expand(session(measure()), {}, affected="right")
    steps = [s for s in plan.steps if s.kind is StepKind.MEASURE]
    assert [(s.side, s.duration, s.measure_unit) for s in steps] == [
        (R, None, "degrees"),
        (L, None, "degrees"),
    ]
    assert steps[0].say == "Measure: Hip rotation. Right side. Look."
    one = expand(session(measure(per_side=False)), {})
    assert [s.side for s in one.steps if s.kind is StepKind.MEASURE] == [None]


def test_a_circuit_runs_the_low_end_of_its_rounds_one_set_each_with_rests_between() -> None:
    a = exercise("a", sides="both", sets=3, reps=2)
    b = exercise("b", sets=3, reps=2)
    plan = expand(session(circuit(block("a"), block("b"), rounds="2-3", rest=45)), library(a, b))
    rests = [s for s in plan.steps if s.kind is StepKind.REST]
    assert [(r.duration, r.round, r.rounds) for r in rests] == [(45, 2, 2)]
    assert rests[0].say == "Rest 45 seconds. Next up: A."
    assert plan.planned_reps() == {("a", B): 4, ("b", L): 4, ("b", R): 4}
    readies = [s for s in plan.steps if s.kind is StepKind.READY]
    assert [(r.exercise, r.round, r.rounds_range) for r in readies] == [
        ("a", 1, Range(2, 3)),
        ("b", 1, Range(2, 3)),
        ("a", 2, Range(2, 3)),
        ("b", 2, Range(2, 3)),
    ]
    assert readies[0].say == "Circuit. Round 1 of 2. A. Set up."
    assert readies[2].say == "Round 2 of 2. A."


def test_a_circuit_block_may_ask_for_more_than_one_set_per_round() -> None:
    a = exercise("a", sides="both", sets=1, reps=2, rest=10)
    plan = expand(session(circuit(block("a", sets=2), rounds=2)), library(a))
    assert plan.planned_reps() == {("a", B): 8}


def test_an_unknown_exercise_is_a_plan_error() -> None:
    with pytest.raises(PlanError, match="nope"):
        expand(session(block("nope")), {})


def test_nominal_times_stand_in_for_keys() -> None:
    ex = exercise(sides="both", sets=1, reps=4)
    plan = expand(session(note(), block("drill")), library(ex), nominal_rep_seconds=2)
    assert plan.start_times() == (0, 10, 15, 17, 19, 21, 23)
    assert plan.total_seconds() == 23


def test_a_hold_has_seconds_a_half_way_and_a_countdown() -> None:
    hold = Step(kind=StepKind.HOLD, duration=10)
    marks = [(m.offset, m.kind, m.value) for m in hold.marks()]
    assert [m for m in marks if m[1] is MarkKind.COUNTDOWN] == [
        (7, MarkKind.COUNTDOWN, 3),
        (8, MarkKind.COUNTDOWN, 2),
        (9, MarkKind.COUNTDOWN, 1),
    ]
    assert (5, MarkKind.HALF_WAY, 0) in marks
    assert [m[2] for m in marks if m[1] is MarkKind.SECOND] == list(range(1, 10))
    assert Step(kind=StepKind.HOLD, duration=2).marks()[0].offset == 1
    assert Step(kind=StepKind.REST, duration=4).marks() == ()
    assert Step(kind=StepKind.REP, duration=None).marks() == ()


def test_tempo_phases_of_one_rep_form_one_unit() -> None:
    ex = exercise(sides="both", sets=1, reps=2, tempo={"out": 1, "back": 1})
    plan = expand(session(block("drill")), library(ex))
    assert rep_units(plan.steps) == (0, 1, 1, 3, 3, 5)


# --------------------------------------------------------------------------- bundled


@pytest.mark.parametrize(("weaker", "right"), [("left", 40), ("right", 60)])
def test_bundled_iliopsoas_weeks_1_2_gives_the_unaffected_side_2_sets_when_the_affected_is_weaker(
    weaker: str, right: int
) -> None:
    """Issue 13: 60 internal-rotation reps left and 40 right when the affected left side
    tested weaker; 60 and 60 when the right side did."""
    lib = bundled_library()
    plan = expand(
        lib.sessions["iliopsoas-weeks-1-2"], lib.exercises, affected="left", weaker=weaker
    )
    reps = plan.planned_reps()
    assert reps[("seated-hip-internal-rotation", L)] == 60
    assert reps[("seated-hip-internal-rotation", R)] == right
    assert plan.warnings == ()


def test_every_bundled_session_expands() -> None:
    lib = bundled_library()
    assert lib.sessions
    for sid, sess in lib.sessions.items():
        for affected, weaker in (("left", "left"), ("right", "left")):
            plan = expand(sess, lib.exercises, affected=affected, weaker=weaker, week=1)
            assert plan.steps[-1].kind is StepKind.END, sid
            assert plan.total_seconds() > 0, sid
            assert plan.warnings == (), sid


def test_on_tempo_reps_the_highlighted_cue_stays_still() -> None:
    """Issue 11, item 15: the cues advanced once per tempo rep, so "OUT" showed beside
    "Pause for a moment with the knee open". A cue is not tied to a phase, so during
    tempo reps the cue shown is the set-up cue of the get-ready, whatever the phase."""
    from guide_app.core.clock import FakeClock
    from guide_app.core.engine import Runner, StepStarted
    from guide_app.core.readout import ReadoutBuilder

    lib = bundled_library()
    plan = expand(lib.sessions["first-session"], lib.exercises, affected="left")
    clamshell = [s for s in plan.steps if s.exercise == "clamshell"]
    assert any(s.kind is StepKind.PHASE for s in clamshell)
    assert all(s.cue_index is None for s in clamshell if s.kind is StepKind.PHASE)
    clock = FakeClock(0.0)
    runner = Runner(plan, clock)
    builder = ReadoutBuilder(plan, lib)
    shown: list[tuple[str, str]] = []
    events = runner.start()
    while not runner.done and len(shown) < 40:
        for e in events:
            if isinstance(e, StepStarted) and e.step.exercise == "clamshell":
                readout = builder.build(
                    runner.state, muted=False, voice=None, voice_progress=(0, 0), effort_for=None
                )
                assert readout.current_cue is not None
                shown.append((readout.big, readout.cues[readout.current_cue]))
        due = runner.next_deadline()
        if due is None:
            clock.advance(3.0)
            events = runner.next()
        else:
            clock.set(due)
            events = runner.advance()
    phases = [(big, cue) for big, cue in shown if big in ("OUT", "HOLD", "BACK")]
    assert len(phases) == 2 * 4 * 3  # both sides, 4 reps of out, hold, back
    setup = lib.exercises["clamshell"].cues[0].text
    assert {cue for _, cue in phases} == {setup}, phases[:6]
