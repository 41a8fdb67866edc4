"""The bundled sessions and programmes carry the dosage the seed documents give.

Each test checks one seed programme (see /work/shared/seeds/README.md) against the
*effective* dosage: the exercise's default merged with the session block's override, and
then with that block's per-side numbers for the side being checked.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.model import (
    Change,
    CircuitBlock,
    Dosage,
    ExerciseBlock,
    FirstSide,
    MeasureBlock,
    Pace,
    Phase,
    Programme,
    Session,
    Sides,
    dosage_problem,
)
from guide_app.core.plan import Plan, Side, StepKind, expand

ROOT = bundled_root()
SESSION_FILES = sorted((ROOT / "sessions").glob("*.yaml"))
PROGRAMME_FILES = sorted((ROOT / "programmes").glob("*.yaml"))


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library([ROOT])


# --------------------------------------------------------------------------- helpers


def circuits(session: Session) -> list[CircuitBlock]:
    return [b for b in session.blocks if isinstance(b, CircuitBlock)]


def block_of(lib: Library, session_id: str, exercise_id: str) -> ExerciseBlock:
    assert session_id in lib.sessions, f"session {session_id!r} did not load"
    found = [b for b in lib.sessions[session_id].exercise_blocks() if b.exercise == exercise_id]
    assert found, f"session {session_id!r} has no block for {exercise_id!r}"
    return found[0]


def effective(lib: Library, block: ExerciseBlock, side: str | None = None) -> Dosage:
    """The dosage the session runs: exercise default, block override, then one side's."""
    assert block.exercise in lib.exercises, f"exercise {block.exercise!r} did not load"
    dosage = lib.exercises[block.exercise].dosage.merged(block.dosage)
    if side is not None and dosage.per_side and side in dosage.per_side:
        dosage = dosage.merged(dosage.per_side[side])
    return dosage


def dose(lib: Library, session_id: str, exercise_id: str, side: str | None = None) -> Dosage:
    return effective(lib, block_of(lib, session_id, exercise_id), side)


def check(
    dosage: Dosage,
    *,
    sets: int | None = None,
    reps: str | None = None,
    hold: float | None = None,
    pace: Pace | None = None,
) -> None:
    if sets is not None:
        assert dosage.sets == sets, f"sets {dosage.sets}, expected {sets}"
    if reps is not None:
        assert str(dosage.reps) == reps, f"reps {dosage.reps}, expected {reps}"
    if hold is not None:
        held = dosage.hold.low if dosage.hold else None
        assert held == hold, f"hold {dosage.hold}, expected {hold}"
    if pace is not None:
        assert dosage.effective_pace is pace, f"pace {dosage.effective_pace}, expected {pace}"


def tempo_of(dosage: Dosage) -> dict[str, float]:
    assert dosage.tempo is not None, "expected a tempo"
    return {phase.name: phase.seconds for phase in dosage.tempo}


def phase_named(programme: Programme, words: str) -> Phase:
    for phase in programme.phases:
        if words.lower() in phase.name.lower():
            return phase
    raise AssertionError(f"{programme.id} has no phase named like {words!r}")


SIDES = ("affected", "unaffected")


# --------------------------------------------------------------------------- the library


def test_sessions_and_programmes_load_without_problems(lib: Library) -> None:
    ours = [str(p) for p in lib.problems if Path(p.path).parent.name in {"sessions", "programmes"}]
    assert not ours, "\n".join(ours)
    assert {p.stem for p in SESSION_FILES} <= set(lib.sessions)
    assert {p.stem for p in PROGRAMME_FILES} <= set(lib.programmes)


@pytest.mark.parametrize("path", SESSION_FILES, ids=lambda p: p.stem)
def test_every_exercise_a_session_names_exists(lib: Library, path: Path) -> None:
    session = Session.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert session.id == path.stem
    missing = sorted(set(session.exercise_ids()) - set(lib.exercises))
    assert not missing, f"{path.name} names exercises not in the library: {missing}"


@pytest.mark.parametrize("path", PROGRAMME_FILES, ids=lambda p: p.stem)
def test_every_session_a_programme_names_exists(lib: Library, path: Path) -> None:
    programme = Programme.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert programme.id == path.stem
    named = {s for phase in programme.phases for s in phase.sessions}
    missing = sorted(named - set(lib.sessions))
    assert not missing, f"{path.name} names sessions not in the library: {missing}"
    rule_exercises = {
        p.rule.exercise for phase in programme.phases for p in phase.progression if p.rule
    }
    assert rule_exercises <= set(lib.exercises)


def test_every_block_resolves_to_a_runnable_dosage(lib: Library) -> None:
    for session in lib.sessions.values():
        for block in session.exercise_blocks():
            exercise = lib.exercises[block.exercise]
            sides: tuple[str | None, ...] = (
                (None,) if exercise.sides is Sides.BOTH else (*SIDES, "left", "right")
            )
            for side in sides:
                dosage = effective(lib, block, side)
                problem = dosage_problem(dosage)
                assert problem is None, f"{session.id}/{block.exercise}/{side}: {problem}"
                if exercise.sides is Sides.BOTH:
                    assert not dosage.per_side, f"{session.id}/{block.exercise}: per_side"


def test_programme_weeks_follow_on(lib: Library) -> None:
    for programme in lib.programmes.values():
        weeks = [p.weeks for p in programme.phases if p.weeks is not None]
        for before, after in pairwise(weeks):
            assert after.first >= before.last, f"{programme.id}: phases overlap"


# --------------------------------------------------------------------------- iliopsoas


ILIOPSOAS_STRETCHES = (
    "hip-flexor-stretch",
    "quadriceps-stretch",
    "piriformis-stretch",
    "hamstring-wall-stretch",
)


@pytest.mark.parametrize(
    ("session_id", "exercise_id"),
    [
        ("iliopsoas-weeks-3-4", "side-lying-abduction-external-rotation"),
        ("iliopsoas-wall-squat", "single-leg-wall-mini-squat"),
    ],
)
def test_iliopsoas_strength_is_3x20_affected_2x20_unaffected(
    lib: Library, session_id: str, exercise_id: str
) -> None:
    check(dose(lib, session_id, exercise_id, "affected"), sets=3, reps="20")
    check(dose(lib, session_id, exercise_id, "unaffected"), sets=2, reps="20")
    assert dose(lib, session_id, exercise_id).first_side is FirstSide.AFFECTED


SEATED_ROTATIONS = ("seated-hip-internal-rotation", "seated-hip-external-rotation")


def plan_of(lib: Library, session_id: str, **sides: str) -> Plan:
    return expand(lib.sessions[session_id], lib.exercises, **sides)  # type: ignore[arg-type]


@pytest.mark.parametrize("session_id", ["iliopsoas-weeks-1-2", "iliopsoas-seated-rotation"])
def test_iliopsoas_seated_rotations_follow_the_strength_test(lib: Library, session_id: str) -> None:
    """The seed: 3x20 on both sides, and 2x20 on the unaffected side only when the
    affected side tests weaker."""
    weaker_affected = plan_of(lib, session_id, affected="left", weaker="left").planned_reps()
    weaker_other = plan_of(lib, session_id, affected="left", weaker="right").planned_reps()
    for exercise_id in SEATED_ROTATIONS:
        assert weaker_affected[(exercise_id, Side.LEFT)] == 60
        assert weaker_affected[(exercise_id, Side.RIGHT)] == 40
        assert weaker_other[(exercise_id, Side.LEFT)] == 60
        assert weaker_other[(exercise_id, Side.RIGHT)] == 60
    untested = plan_of(lib, session_id, affected="left")
    assert untested.planned_reps()[(SEATED_ROTATIONS[0], Side.RIGHT)] == 60
    assert any("weaker" in w for w in untested.warnings), "the plan says what it assumed"
    first = next(s for s in untested.steps if s.kind is StepKind.READY)
    assert first.side is Side.LEFT, "the affected side goes first"


def test_iliopsoas_no_longer_apologises_for_always_running_3_and_2(lib: Library) -> None:
    for session_id in ("iliopsoas-weeks-1-2", "iliopsoas-seated-rotation"):
        notes = " ".join(lib.sessions[session_id].notes)
        assert "equally strong" not in notes
        assert "weaker" in notes, "the note says to enter the weaker side"


def test_iliopsoas_side_lying_lowers_slowly(lib: Library) -> None:
    dosage = dose(lib, "iliopsoas-weeks-3-4", "side-lying-abduction-external-rotation")
    assert dosage.effective_pace is Pace.TEMPO
    phases = [p.seconds for p in dosage.tempo or ()]
    assert phases[-1] > phases[0], "the lowering should take longer than the lift"


@pytest.mark.parametrize(
    "session_id", ["iliopsoas-weeks-1-2", "iliopsoas-weeks-3-4", "iliopsoas-stretches"]
)
def test_iliopsoas_stretches_do_more_on_the_affected_side(lib: Library, session_id: str) -> None:
    for exercise_id in ILIOPSOAS_STRETCHES:
        affected = dose(lib, session_id, exercise_id, "affected")
        unaffected = dose(lib, session_id, exercise_id, "unaffected")
        assert affected.effective_pace is Pace.HOLD
        assert affected.sets and unaffected.sets and affected.sets > unaffected.sets
        assert affected.hold == unaffected.hold
    # the hamstring stretch keeps its own dose: holds of 10 s, four on the affected side
    check(dose(lib, session_id, "hamstring-wall-stretch", "affected"), sets=4, hold=10)
    for exercise_id in ILIOPSOAS_STRETCHES[:3]:
        check(dose(lib, session_id, exercise_id, "affected"), sets=3, hold=30)
        check(dose(lib, session_id, exercise_id, "unaffected"), sets=2, hold=30)


def test_iliopsoas_programme_phases(lib: Library) -> None:
    programme = lib.programmes["iliopsoas-rehab"]
    first, second, third = programme.phases
    assert first.weeks is not None and second.weeks is not None
    assert (first.weeks.first, first.weeks.last) == (0, 2)
    assert first.sessions == ("iliopsoas-weeks-1-2",)
    assert str(first.frequency) == "daily"
    assert first.frequency.days_a_week is not None and first.frequency.days_a_week.low == 7
    assert (second.weeks.first, second.weeks.last) == (2, 4)
    assert "iliopsoas-weeks-3-4" in second.sessions
    assert "iliopsoas-seated-rotation" in second.sessions
    assert "daily" in str(second.frequency)
    assert "two or three times a week" in str(second.frequency)
    assert "iliopsoas-wall-squat" in third.sessions
    assert "iliopsoas-stretches" in third.sessions
    assert "two or three times a week" in str(third.frequency)
    assert "daily" in str(third.frequency)
    session_exercises = set(lib.sessions["iliopsoas-weeks-1-2"].exercise_ids())
    assert set(ILIOPSOAS_STRETCHES) <= session_exercises


# --------------------------------------------------------------------------- piriformis


PIRIFORMIS = {
    "piriformis-phase-1": ("glute-bridge", "clamshell"),
    "piriformis-phase-2": (
        "banded-squat",
        "banded-side-step",
        "sit-to-stand",
        "step-down",
    ),
    "piriformis-phase-3": (
        "forward-lunge",
        "lateral-lunge-45",
        "jump-two-leg-landing",
        "jump-single-leg-landing",
    ),
}


@pytest.mark.parametrize("session_id", sorted(PIRIFORMIS))
def test_piriformis_sessions_are_all_3x15(lib: Library, session_id: str) -> None:
    assert [b.exercise for b in lib.sessions[session_id].exercise_blocks()] == list(
        PIRIFORMIS[session_id]
    )
    for exercise_id in PIRIFORMIS[session_id]:
        for side in (None, *SIDES):
            check(dose(lib, session_id, exercise_id, side), sets=3, reps="15")


def test_piriformis_phase_2_details(lib: Library) -> None:
    side_step = dose(lib, "piriformis-phase-2", "banded-side-step")
    assert side_step.directions == ("right", "left")
    assert side_step.distance_m == 10
    step_down = dose(lib, "piriformis-phase-2", "step-down")
    assert step_down.effective_pace is Pace.TEMPO
    assert tempo_of(step_down)["down"] == 3, "the step-down lowers over 3 seconds"
    note = block_of(lib, "piriformis-phase-2", "step-down").note or ""
    assert "three seconds" in note and "20 cm" in note
    sit_note = block_of(lib, "piriformis-phase-2", "sit-to-stand").note or ""
    assert "70 cm" in sit_note and "4 cm" in sit_note and "single-leg" in sit_note
    assert tempo_of(lib.exercises["step-down"].dosage)["down"] == 3, "run on its own too"


def test_step_down_plans_three_seconds_down(lib: Library) -> None:
    plan = plan_of(lib, "piriformis-phase-2", affected="left")
    downs = {s.duration for s in plan.steps if s.exercise == "step-down" and s.phase == "down"}
    assert downs == {3}


def test_sit_to_stand_goes_from_two_legs_to_one_as_a_rule(lib: Library) -> None:
    """The seed: progress double-limbed to single-limbed, then lower the seat 4 cm."""
    two = phase_named(lib.programmes["piriformis"], "phase 2")
    rules = {p.rule.exercise: p.rule for p in two.progression if p.rule}
    rule = rules["sit-to-stand"]
    assert (rule.sets, rule.reps, rule.sides) == (3, 15, "both")
    assert isinstance(rule.then, Change)
    assert rule.then.exercise == "single-leg-sit-to-stand"
    assert lib.exercises["sit-to-stand"].sides is Sides.BOTH
    assert lib.exercises["single-leg-sit-to-stand"].sides is not Sides.BOTH
    assert "4 cm" in str(rules["single-leg-sit-to-stand"].then)


def test_piriformis_programme(lib: Library) -> None:
    programme = lib.programmes["piriformis"]
    weeks = [(p.weeks.first, p.weeks.last) for p in programme.phases if p.weeks]
    assert weeks == [(0, 4), (4, 9), (9, 14)]
    assert [p.sessions for p in programme.phases] == [(s,) for s in sorted(PIRIFORMIS)]

    one, two, three = programme.phases
    rules = {p.rule.exercise: p.rule for p in one.progression if p.rule}
    for exercise_id in ("clamshell", "glute-bridge"):
        rule = rules[exercise_id]
        assert (rule.sets, rule.reps) == (3, 15)
        assert "band" in str(rule.then)
    assert rules["clamshell"].sides == "each"

    rules = {p.rule.exercise: p.rule for p in two.progression if p.rule}
    assert (rules["single-leg-sit-to-stand"].sets, rules["single-leg-sit-to-stand"].reps) == (3, 15)
    assert "4 cm" in str(rules["single-leg-sit-to-stand"].then)
    assert "without" in str(rules["step-down"].then)
    assert any("75 degrees" in p.text for p in two.progression)

    assert any("faster" in p.text for p in three.progression), "phase 3 progresses by speed"
    rules = {p.rule.exercise: p.rule for p in three.progression if p.rule}
    assert (rules["forward-lunge"].sets, rules["forward-lunge"].reps) == (3, 15)


# --------------------------------------------------------------------------- pelvic drop


def test_pelvic_drop_10_to_15_with_a_2_second_hold(lib: Library) -> None:
    for side in (None, *SIDES):
        check(
            dose(lib, "pelvic-drop-and-hamstrings", "pelvic-drop", side),
            reps="10-15",
            hold=2,
            pace=Pace.SELF,
        )


def test_hamstring_wall_stretch_4_holds_of_10_seconds(lib: Library) -> None:
    for side in (None, *SIDES):
        check(
            dose(lib, "pelvic-drop-and-hamstrings", "hamstring-wall-stretch", side),
            sets=4,
            hold=10,
            pace=Pace.HOLD,
        )


# --------------------------------------------------------------------------- hip external rotation


def test_hip_external_rotation_exercises_and_stretches(lib: Library) -> None:
    session = "hip-external-rotation"
    for side in (None, *SIDES):
        check(dose(lib, session, "clamshell", side), sets=1, reps="20-30", pace=Pace.SELF)
        check(dose(lib, session, "prone-hip-external-rotation", side), sets=1, reps="20-30")
        hydrant = dose(lib, session, "fire-hydrant", side)
        check(hydrant, sets=1, reps="10-20")
        assert hydrant.hold, "fire hydrants pause briefly at the top"
        for stretch in (
            "figure-4-stretch",
            "seated-90-90-stretch",
            "strap-hip-external-rotation-stretch",
        ):
            check(dose(lib, session, stretch, side), sets=1, hold=30, pace=Pace.HOLD)


def test_hip_external_rotation_programme(lib: Library) -> None:
    programme = lib.programmes["hip-external-rotation"]
    foundation = phase_named(programme, "foundation")
    strengthening = phase_named(programme, "strengthening")
    assert foundation.sessions[0] == "hip-rotation-check", "baseline test comes first"
    assert "hip-external-rotation" in foundation.sessions
    assert "four to six weeks" in (foundation.goal or "").lower()
    assert "six to eight weeks" in (strengthening.goal or "").lower()
    assert foundation.weeks and strengthening.weeks
    assert 4 <= foundation.weeks.last - foundation.weeks.first <= 6
    assert 6 <= strengthening.weeks.last - strengthening.weeks.first <= 8
    assert "hip-rotation-check" in strengthening.sessions, "progress is re-tested"
    assert any("log" in note for note in programme.notes)


def test_hip_rotation_check_measures_each_side(lib: Library) -> None:
    session = lib.sessions["hip-rotation-check"]
    measures = [b.measure for b in session.blocks if isinstance(b, MeasureBlock)]
    assert {m.exercise for m in measures} == {
        "prone-hip-rotation-test",
        "seated-external-rotation-test",
    }
    assert all(m.per_side and m.unit == "degrees" for m in measures)
    prone_er = next(m for m in measures if m.name == "Prone hip external rotation")
    assert "45 degrees" in (prone_er.how or "")


# --------------------------------------------------------------------------- hip cuff


def test_hip_cuff_circuit(lib: Library) -> None:
    session = lib.sessions["hip-cuff-circuit"]
    (circuit,) = circuits(session)
    assert str(circuit.circuit.rounds) == "1", "the seed's circuit is one pass"
    # (exercise, position in the circuit, reps per side or way)
    expected = [
        ("quadruped-hip-abduction", 0, "8-12"),
        ("single-leg-glute-bridge", 1, "8-12"),
        ("external-hip-raise", 2, "8-12"),
        ("lateral-band-walk", 3, "8-12"),
        ("rotational-medicine-ball-throw", 4, "8"),
    ]
    order = [b.exercise for b in circuit.circuit.exercises]
    assert order == [exercise_id for exercise_id, _, _ in expected]
    for exercise_id, position, reps in expected:
        assert order[position] == exercise_id
        for side in (None, *SIDES):
            check(dose(lib, session.id, exercise_id, side), sets=1, reps=reps)
    walk = dose(lib, session.id, "lateral-band-walk")
    assert walk.unit is not None and walk.unit.value == "steps"
    assert walk.directions == ("right", "left")
    assert lib.programmes["hip-cuff"].phases[0].sessions == ("hip-cuff-circuit",)
    plan = plan_of(lib, session.id, affected="left")
    assert {s.round for s in plan.steps if s.round is not None} == {1}
    assert not any("round" in (n.lower()) for n in session.notes)


# --------------------------------------------------------------------------- dynamic warm-up


# (exercise, sets, reps): the warm-up circuit's exercises do one set per round
WARM_UP = [
    ("double-banded-pull-through", 1, "12-15"),
    ("side-plank-knee-drive", 1, "5-8"),
    ("banded-hip-march", 1, "5-8"),
]
STRENGTH = [
    ("bulgarian-split-squat", 3, "12-15"),
    ("step-up-reverse-lunge", 3, "12-15"),
    ("dumbbell-sumo-squat", 3, "8-10"),
    ("kickstand-romanian-deadlift", 3, "5-8"),
    ("explosive-sprinter-lunge", 3, "5-8"),
    ("banded-jump-squat", 3, "5-8"),
    ("kettlebell-swing", 3, "10-12"),
    ("lateral-lunge", 3, "10-12"),
    ("banded-marching-hip-bridge", 3, "10-12"),
]
STRENGTH_IDS = [exercise_id for exercise_id, _, _ in STRENGTH]


@pytest.mark.parametrize(
    "session_id",
    [
        "dynamic-warmup-and-strength",
        "dynamic-warmup-strength-day-a",
        "dynamic-warmup-strength-day-b",
    ],
)
def test_dynamic_warm_up_circuit(lib: Library, session_id: str) -> None:
    session = lib.sessions[session_id]
    assert isinstance(session.blocks[0], CircuitBlock), "the warm-up comes first"
    circuit = session.blocks[0].circuit
    assert str(circuit.rounds) == "2-3"
    assert [b.exercise for b in circuit.exercises] == [e for e, _, _ in WARM_UP]
    for block, (_, sets, reps) in zip(circuit.exercises, WARM_UP, strict=True):
        for side in (None, *SIDES):
            check(effective(lib, block, side), sets=sets, reps=reps)


def test_dynamic_strength_three_sets_each(lib: Library) -> None:
    session = lib.sessions["dynamic-warmup-and-strength"]
    top_level = [b.exercise for b in session.blocks if isinstance(b, ExerciseBlock)]
    assert top_level == STRENGTH_IDS
    for exercise_id, sets, reps in STRENGTH:
        for side in (None, *SIDES):
            check(dose(lib, session.id, exercise_id, side), sets=sets, reps=reps)
    halves = [
        [b.exercise for b in lib.sessions[s].blocks if isinstance(b, ExerciseBlock)]
        for s in ("dynamic-warmup-strength-day-a", "dynamic-warmup-strength-day-b")
    ]
    assert halves[0] + halves[1] == STRENGTH_IDS, "the two days split the list between them"
    for half, session_id in zip(
        halves, ("dynamic-warmup-strength-day-a", "dynamic-warmup-strength-day-b"), strict=True
    ):
        for exercise_id, sets, reps in STRENGTH:
            if exercise_id in half:
                check(dose(lib, session_id, exercise_id), sets=sets, reps=reps)


# --------------------------------------------------------------------------- runners


def test_runners_hip_work(lib: Library) -> None:
    session = "runners-hip-work"
    for exercise_id, sets, reps in [
        ("band-leg-cycle", 3, "20"),
        ("reverse-band-leg-cycle", 3, "20"),
        ("elevated-glute-bridge", 3, "12"),
        ("single-leg-deadlift", 3, "12"),
        ("single-leg-squat-to-bench", 3, "12"),
    ]:
        for side in (None, *SIDES):
            check(dose(lib, session, exercise_id, side), sets=sets, reps=reps, pace=Pace.SELF)
    check(dose(lib, session, "pike"), sets=3, reps="12", hold=1)
    walk = dose(lib, session, "banded-monster-walk")
    check(walk, sets=3, reps="10-20")
    assert walk.directions == ("forward", "back")
    assert walk.unit is not None and walk.unit.value == "steps"
    assert lib.programmes["runners-hip"].phases[0].sessions == (session,)


# --------------------------------------------------------------------------- hip rotator release


def test_seated_leg_to_chest_alternates_with_leg_opener(lib: Library) -> None:
    session = lib.sessions["hip-rotator-release"]
    (circuit,) = circuits(session)
    assert [b.exercise for b in circuit.circuit.exercises] == [
        "seated-leg-to-chest-stretch",
        "seated-leg-opener",
    ]
    assert circuit.circuit.rounds.low >= 2, "the two are taken in turns"
    for side in (None, *SIDES):
        stretch = dose(lib, session.id, "seated-leg-to-chest-stretch", side)
        assert stretch.effective_pace is Pace.HOLD
        assert stretch.hold is not None, "1-2 minutes a side"
        assert (stretch.hold.low, stretch.hold.high) == (60, 120), "1-2 minutes a side"
        opener = dose(lib, session.id, "seated-leg-opener", side)
        assert opener.effective_pace is Pace.HOLD
        assert opener.hold is not None and opener.hold.high <= 30
    default = lib.exercises["seated-leg-to-chest-stretch"].dosage.hold
    assert default is not None and (default.low, default.high) == (60, 120)
    holds = [
        (s.duration, s.up_to)
        for s in plan_of(lib, session.id, affected="left").steps
        if s.kind is StepKind.HOLD and s.exercise == "seated-leg-to-chest-stretch"
    ]
    assert holds and set(holds) == {(60, 120)}, "timed at the low end, up to the top"
    assert "1 to 2 minutes" in (
        next(
            s.say or ""
            for s in plan_of(lib, session.id, affected="left").steps
            if s.kind is StepKind.HOLD and s.exercise == "seated-leg-to-chest-stretch"
        )
    )


# --------------------------------------------------------------------------- ankle and foot


def test_ankle_and_foot_session(lib: Library) -> None:
    session = lib.sessions["ankle-and-foot"]
    assert [b.exercise for b in session.exercise_blocks()] == [
        "band-foot-external-rotation",
        "ankle-rotation-stretch",
        "band-prone-hip-internal-rotation",
    ]
    for exercise_id in ("band-foot-external-rotation", "band-prone-hip-internal-rotation"):
        tempo = tempo_of(dose(lib, session.id, exercise_id))
        phases = list(tempo)
        assert "hold" in tempo, "pause at the end of the turn"
        assert tempo[phases[-1]] > tempo[phases[0]], "the return is slower than the turn"
    circles = dose(lib, session.id, "ankle-rotation-stretch")
    assert circles.sets == 2, "one set each way round"
    assert lib.programmes["ankle-foot"].phases[0].sessions == ("ankle-and-foot",)


# --------------------------------------------------------------------------- first session


def _rough_seconds(lib: Library, block: ExerciseBlock) -> float:
    """A rough running time for one block: 3 s per self-paced rep, plus holds and rests."""
    exercise = lib.exercises[block.exercise]
    sides = (None,) if exercise.sides is Sides.BOTH else SIDES
    total = 0.0
    for side in sides:
        d = effective(lib, block, side)
        sets = d.sets or 1
        if d.effective_pace is Pace.HOLD:
            per_set = (d.hold.low if d.hold else 0) * (d.reps.target if d.reps else 1)
        elif d.effective_pace is Pace.TEMPO:
            per_set = sum(p.seconds for p in d.tempo or ()) * (d.reps.target if d.reps else 1)
        else:
            per_set = (3 + (d.hold.low if d.hold else 0)) * (d.reps.target if d.reps else 1)
        total += sets * per_set + (sets - 1) * (d.rest.low if d.rest else 0)
    if len(sides) == 2:
        side_rest = effective(lib, block).side_rest
        total += side_rest.low if side_rest else 0
    return total


def test_first_session_shows_each_kind_of_step_once(lib: Library) -> None:
    session = lib.sessions["first-session"]
    top = [b for b in session.blocks if isinstance(b, ExerciseBlock)]
    doses = [effective(lib, b) for b in top]
    paces = [d.effective_pace for d in doses]
    assert paces.count(Pace.SELF) == 1 and paces.count(Pace.TEMPO) == 1
    assert paces.count(Pace.HOLD) == 1
    tempo = next(d for d in doses if d.effective_pace is Pace.TEMPO)
    assert [(p.name, p.seconds) for p in tempo.tempo or ()] == [
        ("out", 2),
        ("hold", 1),
        ("back", 3),
    ]
    assert any((d.sets or 1) > 1 and d.rest for d in doses), "a rest between sets"
    assert any(lib.exercises[b.exercise].sides is not Sides.BOTH for b in top), "a side switch"
    (circuit,) = circuits(session)
    assert str(circuit.circuit.rounds) == "2"
    measures = [b for b in session.blocks if isinstance(b, MeasureBlock)]
    assert len(measures) == 1

    seconds = sum(_rough_seconds(lib, b) for b in top)
    body = sum(_rough_seconds(lib, b) for b in circuit.circuit.exercises)
    seconds += circuit.circuit.rounds.target * body
    seconds += (circuit.circuit.rounds.target - 1) * circuit.circuit.rest
    assert 150 <= seconds <= 420, f"about five minutes, estimated {seconds:.0f} s"


# --------------------------------------------------------------------------- side words


@pytest.mark.parametrize(
    ("session_id", "exercise_id", "lies_on"),
    [
        # the top leg works: you lie on the other side
        ("iliopsoas-weeks-3-4", "side-lying-abduction-external-rotation", "other"),
        ("hip-cuff-circuit", "external-hip-raise", "other"),
        ("dynamic-warmup-and-strength", "side-plank-knee-drive", "other"),
        # the bottom leg works: you lie on that side
        ("hip-external-rotation-strength", "side-lying-hip-external-rotation", "same"),
    ],
)
def test_side_lying_cues_say_which_side_to_lie_on(
    lib: Library, session_id: str, exercise_id: str, lies_on: str
) -> None:
    """ "Right leg. Lie on your left side ...": the first get-ready of each side names
    the leg that works and the side to lie on."""
    for affected in (Side.LEFT, Side.RIGHT):
        plan = plan_of(lib, session_id, affected=affected.value, weaker=affected.value)
        ready = next(
            s for s in plan.steps if s.kind is StepKind.READY and s.exercise == exercise_id
        )
        assert ready.side is not None and ready.side in (Side.LEFT, Side.RIGHT)
        lie = ready.side if lies_on == "same" else ready.side.other()
        say = ready.say or ""
        assert f"{ready.side.value.capitalize()} leg." in say, say
        assert f"Lie on your {lie.value} side" in say, say
        assert "{" not in say


def test_the_hip_march_counts_each_leg(lib: Library) -> None:
    """The seed gives the march as 5-8 per leg: version 2 says so in the file."""
    march = lib.exercises["banded-hip-march"]
    assert march.dosage.count == "each_side"
    plan = plan_of(lib, "dynamic-warmup-strength-day-a", affected="left")
    reps = plan.planned_reps()
    rounds = 2  # the warm-up circuit's 2-3 rounds run the low end
    assert reps[("banded-hip-march", Side.LEFT)] == reps[("banded-hip-march", Side.RIGHT)]
    assert reps[("banded-hip-march", Side.LEFT)] == 8 * rounds


def test_the_rotation_check_names_its_goal(lib: Library) -> None:
    """The seed: about 45 degrees of external rotation is a good range."""
    plan = plan_of(lib, "hip-rotation-check", affected="left")
    steps = [s for s in plan.steps if s.name == "Prone hip external rotation"]
    assert len(steps) == 2
    assert all(s.goal is not None and s.goal.at_least == 45 for s in steps)
    assert "Goal: at least 45 degrees" in (steps[0].say or "")


def test_files_say_version_2_only_where_they_need_it(lib: Library) -> None:
    """Every bundled file loads, and each version-2 file the seeds changed says so."""
    for path in (*SESSION_FILES, *PROGRAMME_FILES, *sorted((ROOT / "exercises").glob("*.yaml"))):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["version"] in (1, 2), path.name
    v2 = {
        "sessions/iliopsoas-weeks-1-2",
        "sessions/iliopsoas-seated-rotation",
        "sessions/hip-rotator-release",
        "programmes/iliopsoas-rehab",
        "programmes/piriformis",
        "exercises/seated-leg-to-chest-stretch",
    }
    for name in v2:
        data = yaml.safe_load((ROOT / f"{name}.yaml").read_text(encoding="utf-8"))
        assert data["version"] == 2, name
