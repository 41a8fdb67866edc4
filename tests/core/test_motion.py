"""The figure moves on the beat: a tempo set driven by a fake clock puts the figure at the
start pose as "out" begins, at the end pose through "hold" and back at the start as "back"
ends, on both sides (the right side's picture mirrored); self-paced reps show the movement
once, holds show the held pose, a pause freezes the figure, and the get-ready shows one rep
at the prescribed pace. Through ``SessionRun.readout`` and the drawn picture's own pose data."""

from __future__ import annotations

import pytest

from guide_app.core.clock import FakeClock
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.motion import READY_WAIT, SHOW_MOVE, Movement, _fit, tempo_keys
from guide_app.core.plan import StepKind, expand
from guide_app.core.readout import Readout
from guide_app.core.session_run import SessionRun
from guide_app.figure.moving import MovingFigure, figure_of
from guide_app.figure.pose import Pose
from tests.helpers.content import block, session
from tests.helpers.fakes import FakeVoice

TEMPO = {"out": 2, "hold": 1, "back": 3}


@pytest.fixture(scope="module")
def bundled() -> Library:
    return load_library([bundled_root()])


def start_run(lib: Library, **dosage: object) -> tuple[SessionRun, FakeClock]:
    plan = expand(session(block("clamshell", **dosage)), lib.exercises, affected="left")
    clock = FakeClock(1000.0)
    run = SessionRun(lib, clock, FakeVoice())
    run.start_plan(plan)
    run.begin()
    return run, clock


def now(run: SessionRun) -> Readout:
    readout = run.readout()
    assert readout is not None
    return readout


def advance(run: SessionRun, clock: FakeClock, seconds: float) -> Readout:
    clock.advance(seconds)
    run.tick()
    return now(run)


def until(run: SessionRun, clock: FakeClock, kind: StepKind, phase: str | None = None) -> Readout:
    """Run the clock until a step of ``kind`` (and ``phase``) starts; returns its first
    readout, exactly at its start."""
    assert run.runner is not None
    for _ in range(1000):
        readout, step = now(run), run.runner.step
        if readout.kind is kind and (phase is None or step.phase == phase):
            assert readout.elapsed == 0.0, "found at its start"
            return readout
        deadline = run.runner.next_deadline()
        if deadline is None:
            run.next()
        else:
            advance(run, clock, deadline - clock.now())
    raise AssertionError(f"no {kind} {phase or ''} step came")


def pose_of(readout: Readout) -> Pose:
    assert readout.picture is not None
    figure = figure_of(readout.picture)
    assert isinstance(figure, MovingFigure) and figure.moves
    return figure.scene_at(readout.figure_at).pose


def angles(pose: Pose) -> dict[str, float]:
    return {k: round(v, 6) for k, v in pose.full_angles().items()}


def test_a_tempo_set_puts_the_figure_on_the_beat_on_both_sides(bundled: Library) -> None:
    figure = figure_of(bundled.picture_path("clamshell") or bundled_root())
    assert figure is not None
    start, end = angles(figure.scenes[0].pose), angles(figure.scenes[-1].pose)
    assert start != end, "the clamshell opens: its end pose differs"
    run, clock = start_run(bundled, sets=1, reps=1, tempo=TEMPO)
    for side, mirrored in (("left", False), ("right", True)):
        out = until(run, clock, StepKind.PHASE, "out")
        assert out.side is not None and out.side.value == side
        assert out.mirrored is mirrored, "the right side's picture is the left's mirror image"
        assert angles(pose_of(out)) == start, "the start pose as 'out' begins"
        halfway = advance(run, clock, 1.0)
        assert 0.4 < halfway.figure_at < 0.6, "half way out at half the phase (eased)"
        assert angles(pose_of(halfway)) not in (start, end)
        hold = advance(run, clock, 1.0)
        assert run.runner is not None and run.runner.step.phase == "hold"
        assert angles(pose_of(hold)) == end, "the end pose on the beat of 'hold'"
        assert angles(pose_of(advance(run, clock, 0.99))) == end, "and through the hold"
        back = advance(run, clock, 0.01)
        assert run.runner.step.phase == "back" and angles(pose_of(back)) == end
        assert 0.0 < advance(run, clock, 1.5).figure_at < 1.0, "on the way back"
        assert angles(pose_of(advance(run, clock, 1.499))) == pytest.approx(start, abs=1e-3)
        assert advance(run, clock, 0.001).figure_at == 0.0, "back at the start as 'back' ends"


def test_a_pause_freezes_the_figure(bundled: Library) -> None:
    run, clock = start_run(bundled, sets=1, reps=2, tempo=TEMPO)
    until(run, clock, StepKind.PHASE, "out")
    before = advance(run, clock, 0.7).figure_at
    run.toggle_pause()
    assert advance(run, clock, 5.0).figure_at == before
    run.toggle_pause()
    assert advance(run, clock, 0.3).figure_at > before, "it moves on from where it stopped"


def test_a_self_paced_rep_shows_the_movement_once_then_waits(bundled: Library) -> None:
    run, clock = start_run(bundled, sets=1, reps=3)
    rep = until(run, clock, StepKind.REP)
    assert rep.figure_at == 0.0
    assert advance(run, clock, SHOW_MOVE).figure_at == 1.0, "out to the end pose"
    assert advance(run, clock, 3.0).figure_at == 0.0, "and back, then it waits"
    assert not now(run).movement.moving(now(run).elapsed)
    run.next()  # the person counts the rep: the next one is shown again
    assert now(run).movement.moving(0.0) and now(run).elapsed == 0.0


def test_a_hold_shows_the_held_pose(bundled: Library) -> None:
    run, clock = start_run(bundled, sets=1, reps=2, hold=5, rest=10)
    rep = until(run, clock, StepKind.REP)
    assert advance(run, clock, SHOW_MOVE).figure_at == 1.0, "a rep with a hold goes out"
    assert advance(run, clock, 10.0).figure_at == 1.0, "and waits there for the key"
    run.next()
    hold = now(run)
    assert hold.kind is StepKind.HOLD and hold.figure_at == 1.0
    assert rep.picture is not None


def test_the_get_ready_shows_one_rep_at_the_prescribed_pace(bundled: Library) -> None:
    run, clock = start_run(bundled, sets=1, reps=2, tempo=TEMPO)
    ready = now(run)
    assert ready.kind is StepKind.READY
    assert run.runner is not None
    assert run.runner.step.duration == 5.0, (
        "the get-ready is shorter than the wait and the rep (7 s)"
    )
    seen = [advance(run, clock, 0.1).figure_at for _ in range(49)]
    assert now(run).kind is StepKind.READY
    assert 0.0 < seen[0] < 0.02, "no time for a moment's wait: out at once"
    assert seen.index(1.0) == 19, "the end pose after the prescribed 2 s of 'out'"
    assert seen[19:29] == [1.0] * 10, "held for the prescribed 1 s"
    assert seen[-3:] == [0.0] * 3, "back (quicker) at the start pose before the set begins"


def test_a_long_enough_get_ready_keeps_the_whole_rep_at_its_pace() -> None:
    keys = _fit(tempo_keys([("out", 2), ("hold", 1), ("back", 3)], READY_WAIT), 12.0)
    assert keys == [(1.0, 0.0), (3.0, 1.0), (4.0, 1.0), (7.0, 0.0)]
    quick = _fit(tempo_keys([("out", 2), ("back", 4)], READY_WAIT), 4.0)
    assert quick == [(0.0, 0.0), (2.0, 1.0), (4.0, 0.0)], "no wait, the way back quicker"


def test_tempo_words_move_and_pauses_hold() -> None:
    keys = tempo_keys([("down", 3), ("pause", 1), ("up", 3)])
    assert keys == [(0.0, 0.0), (3.0, 1.0), (4.0, 1.0), (7.0, 0.0)]
    lift = Movement(tuple(tempo_keys([("lift", 1), ("lower", 3)])))
    assert [lift.at(t) for t in (0.0, 1.0, 4.0)] == [0.0, 1.0, 0.0]
    assert lift.at(0.5) == pytest.approx(0.5), "eased: half way at half time"
    assert lift.at(0.1) < 0.1, "slow away from a pose"


def test_a_work_interval_repeats_the_movement() -> None:
    loop = Movement(((0.0, 0.0), (1.0, 1.0), (2.0, 0.0)), loop=2.5)
    assert loop.at(1.0) == loop.at(3.5) == 1.0
    assert loop.moving(100.0)
