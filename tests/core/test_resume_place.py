"""Where a resume carries on (issue 12, items 1 and 2): every saved set and measurement
has a place unique in the plan, so the second direction of a walk set is not passed over
and measurements already taken are not asked again; a journal of version 2 is migrated
and its sets still resume in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.history import MIGRATIONS, Journal, SetRecord
from guide_app.core.model import CircuitBlock
from guide_app.core.notice import Notice
from guide_app.core.plan import expand
from guide_app.core.resume import set_places
from guide_app.core.session_run import SessionRun
from guide_app.core.set_runs import PlanShape
from guide_app.core.sides import Side
from guide_app.core.steps import StepKind
from tests.helpers.content import bundled_library
from tests.helpers.fakes import FakeVoice

WALK = "lateral-band-walk"
CIRCUIT = "hip-cuff-circuit"  # a lateral band walk: one set walked right, then left


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return bundled_library()


def started(
    library, db: Path, session: str, *, autoplay: bool = False
) -> tuple[SessionRun, FakeClock]:  # type: ignore[no-untyped-def]
    clock = FakeClock(1000.0)
    run = SessionRun(
        library, clock, FakeVoice(), lambda: Journal(db, clock=clock), autoplay=autoplay
    )
    run.start(SessionChoice(session=library.sessions[session]))
    run.voice_prepared(1, 1)
    return run, clock


def carry_on(run: SessionRun, clock: FakeClock, until: int | None = None) -> None:
    """Press on like a person (a key 2 s after a step that waits for one), measuring 40,
    until the run is past plan step ``until`` (None: to the end)."""
    for _ in range(100_000):
        runner = run.runner
        assert runner is not None
        if run.done or (until is not None and runner.index > until):
            return
        at = run.wake_at()
        if at is None:
            clock.advance(2)
            if runner.step.kind is StepKind.MEASURE:
                run.record_measure(40.0)
            else:
                run.next()
        else:
            clock.set(max(at, clock.now()))
            run.tick()
    raise AssertionError("never got there")


def resumed(library, db: Path) -> tuple[SessionRun, list[Notice]]:  # type: ignore[no-untyped-def]
    """A new run over the same journal (the app was killed): resumed as the app does."""
    clock = FakeClock(5000.0)
    run = SessionRun(library, clock, FakeVoice(), lambda: Journal(db, clock=clock))
    notices: list[Notice] = []
    run.on_notice = notices.append
    pending = run.interrupted()
    assert pending is not None, "the interrupted session is offered"
    assert run.resume(*pending)
    run.voice_prepared(1, 1)
    return run, notices


def rounds(library) -> int:  # type: ignore[no-untyped-def]
    """The rounds the bundled circuit runs (one pass since format 2)."""
    (block,) = [b for b in library.sessions[CIRCUIT].blocks if isinstance(b, CircuitBlock)]
    return int(block.circuit.rounds.low)


def planned_sets(library) -> int:  # type: ignore[no-untyped-def]
    """Sets the circuit's plan holds: each side, direction and round of each exercise."""
    plan = expand(library.sessions[CIRCUIT], library.exercises)
    return len(set_places(plan))


def walk_steps(library) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The last steps of the walk's two directions in the circuit's plan."""
    plan = expand(library.sessions[CIRCUIT], library.exercises)
    runs = [r for r in PlanShape.of(plan.steps).runs if plan.steps[r.first].exercise == WALK]
    assert len(runs) >= 2
    return runs[0].last, runs[1].last


def rows(db: Path, table: str, columns: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        found = connection.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()
    connection.close()
    return found


# --------------------------------------------------------------------------- item 1


def test_every_set_saved_has_a_place_of_its_own_in_the_plan(library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "history.sqlite3"
    run, clock = started(library, db, CIRCUIT, autoplay=True)
    carry_on(run, clock)
    places = [r[0] for r in rows(db, "sets", "plan_index")]
    assert len(places) == planned_sets(library) and None not in places
    assert len(set(places)) == len(places), "no two sets share a place"
    assert places == sorted(places), "saved in plan order"
    plan = expand(library.sessions[CIRCUIT], library.exercises)
    walk = [
        p for p, (ex,) in zip(places, rows(db, "sets", "exercise_id"), strict=True) if ex == WALK
    ]
    assert [plan.steps[p].direction for p in walk] == ["right", "left"] * rounds(library)


def test_a_kill_between_the_two_directions_of_a_walk_resumes_with_the_second(
    library,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    right_end, left_end = walk_steps(library)
    run, clock = started(library, db, CIRCUIT)
    carry_on(run, clock, until=right_end)  # the right direction is saved, the left is not
    assert [r for r in rows(db, "sets", "exercise_id") if r == (WALK,)] == [(WALK,)]
    second, _ = resumed(library, db)
    assert second.runner is not None
    assert second.runner.index == right_end + 1, (
        f"resumed at step {second.runner.index}, not at the left direction ({right_end + 1}; "
        f"the walk ends at {left_end})"
    )
    carry_on(second, second.clock)  # type: ignore[arg-type]
    saved = rows(db, "sets", "exercise_id, side, set_number")
    walked = saved.count((WALK, "both", 1))
    assert walked == 2 * rounds(library), "both directions of every round saved"
    assert len(saved) == planned_sets(library), "every planned set saved once"


def version_2_journal(path: Path) -> None:
    """A journal as version 2 wrote it: no place in the plan for sets or measurements."""
    connection = sqlite3.connect(path, isolation_level=None)
    for statements in MIGRATIONS[:2]:
        for statement in statements:
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 2")
    connection.close()


def test_migration_3_keeps_a_version_2_journal_and_its_interrupted_walk_resumes_in_place(
    library,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    version_2_journal(db)
    right_end, _ = walk_steps(library)
    # What version 2 saved of a run killed between the walk's directions (copied from a
    # run of this version, without the new column).
    scratch = tmp_path / "scratch.sqlite3"
    run, clock = started(library, scratch, CIRCUIT)
    carry_on(run, clock, until=right_end)
    old_sets = rows(
        scratch,
        "sets",
        "step, exercise_id, side, set_number, planned_reps, done_reps, skipped, at",
    )
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute(
        "INSERT INTO sessions (id, session_id, title, started_at, state) "
        "VALUES (1, ?, 'Hip cuff circuit', 1.0, 'running')",
        (CIRCUIT,),
    )
    connection.executemany(
        "INSERT INTO sets (session, step, exercise_id, side, set_number, planned_reps, "
        "done_reps, skipped, at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
        old_sets,
    )
    connection.close()

    with Journal(db) as journal:
        saved = journal.sets_for(1)
    assert [s.plan_index for s in saved] == [None] * len(old_sets), "old rows kept, no place"
    assert [(s.step, s.exercise_id, s.side, s.set_number) for s in saved] == [
        (r[0], r[1], r[2], r[3]) for r in old_sets
    ]
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] >= 3
    connection.close()

    second, _ = resumed(library, db)
    assert second.runner is not None and second.runner.index == right_end + 1


def test_a_place_that_no_longer_fits_the_plan_falls_back_to_the_set_it_names(library) -> None:  # type: ignore[no-untyped-def]
    """A journal row whose place points at another step (the content changed since) is
    matched by its exercise, side and set, in plan order, like a row without a place."""
    from guide_app.core.resume import resume_point

    plan = expand(library.sessions[CIRCUIT], library.exercises)
    right_end, _ = walk_steps(library)
    first = PlanShape.of(plan.steps).runs[0]
    lead = plan.steps[first.first]
    assert lead.exercise is not None and lead.side is not None and lead.block is not None
    record = SetRecord(lead.exercise, lead.side, 1, 12, 12, step=lead.block, plan_index=right_end)
    point = resume_point(plan, [record])
    assert point.last == first.last


# --------------------------------------------------------------------------- item 2


def test_a_resume_after_three_measurements_asks_only_the_other_five(
    library, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "history.sqlite3"
    run, _clock = started(library, db, "hip-rotation-check")
    for value in (30.0, 35.0, 40.0):
        assert run.runner is not None and run.runner.step.kind is StepKind.MEASURE
        run.record_measure(value)
    assert len(rows(db, "measurements", "name")) == 3
    # killed here; the next start carries on with the fourth measurement
    second, notices = resumed(library, db)
    assert second.runner is not None and second.runner.index == 3
    assert "3 measurements" in notices[-1].text
    carry_on(second, second.clock)  # type: ignore[arg-type]
    saved = rows(db, "measurements", "session, name, side, value, plan_index")
    assert len(saved) == 8, f"8 measurements planned, {len(saved)} saved"
    assert [r[4] for r in saved] == list(range(8))
    assert {r[0] for r in saved} == {1}, "all in the one session row"
    assert [r[3] for r in saved[:3]] == [30.0, 35.0, 40.0]


def test_autoplay_saves_each_measurement_in_its_place(library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "history.sqlite3"
    run, clock = started(library, db, "first-session", autoplay=True)
    carry_on(run, clock)
    plan = expand(library.sessions["first-session"], library.exercises)
    measure_steps = [i for i, s in enumerate(plan.steps) if s.kind is StepKind.MEASURE]
    saved = rows(db, "measurements", "name, side, plan_index")
    assert [r[2] for r in saved] == measure_steps
    assert [r[1] for r in saved] == [Side.LEFT.value, Side.RIGHT.value]
