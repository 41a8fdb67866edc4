"""A whole bundled session through the core's session run: a fake clock, a fake voice and
a real journal on disk, and no Qt at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.notice import Notice
from guide_app.core.readout import Hint, Readout
from guide_app.core.session_run import SessionRun
from guide_app.core.sides import Side
from guide_app.core.steps import StepKind
from guide_app.core.summary import Summary
from guide_app.core.voice import Priority, VoiceStatus
from tests.helpers.content import bundled_library
from tests.helpers.fakes import FakeJournal, FakeVoice


def run_to_end(run: SessionRun, clock: FakeClock, seen: dict[str, Readout]) -> int:
    """Press "next" whenever the session waits for a key; otherwise move the clock to the
    run's next wake-up. Returns the number of key presses. Keeps the first readout seen
    for each step kind and side."""
    presses = 0
    for _ in range(100_000):
        readout = run.readout()
        assert readout is not None
        seen.setdefault(f"{readout.kind}:{readout.side}", readout)
        if run.done:
            return presses
        at = run.wake_at()
        if at is None:
            run.next()
            presses += 1
        else:
            clock.set(max(at, clock.now()))
            run.tick()
    raise AssertionError("the session never ended")


@pytest.fixture
def library():  # type: ignore[no-untyped-def]
    return bundled_library()


def test_iliopsoas_weeks_1_2_left_affected_runs_whole_in_the_core(tmp_path: Path, library) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(1000.0)
    voice = FakeVoice()
    db = tmp_path / "history.sqlite3"
    run = SessionRun(library, clock, voice, lambda: Journal(db, clock=clock))
    finished: list[Summary] = []
    notices: list[Notice] = []
    run.on_finished = finished.append
    run.on_notice = notices.append
    choice = SessionChoice(
        session=library.sessions["iliopsoas-weeks-1-2"], affected="left", weaker="left"
    )  # the strength test found the affected side weaker: the other side does 2 sets
    run.start(choice)
    assert run.waiting_for_voice, "the clock waits until the voice has its phrases"
    assert voice.prepared, "the session's phrases were handed to the voice to render"
    run.voice_prepared(len(voice.prepared), len(voice.prepared))
    assert not run.waiting_for_voice

    seen: dict[str, Readout] = {}
    run_to_end(run, clock, seen)

    # The journal on disk: 3 x 20 reps left (affected, weaker), 2 x 20 right, per rotation.
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT exercise_id, side, sum(done_reps), count(*), sum(skipped) FROM sets "
        "GROUP BY exercise_id, side"
    ).fetchall()
    state = connection.execute("SELECT state FROM sessions").fetchall()
    connection.close()
    totals = {(ex, side): (reps, sets, skipped) for ex, side, reps, sets, skipped in rows}
    assert totals[("seated-hip-internal-rotation", "left")] == (60, 3, 0)
    assert totals[("seated-hip-internal-rotation", "right")] == (40, 2, 0)
    assert totals[("seated-hip-external-rotation", "left")] == (60, 3, 0)
    assert totals[("seated-hip-external-rotation", "right")] == (40, 2, 0)
    assert totals[("hip-flexor-stretch", "left")][1] == 3
    assert totals[("hip-flexor-stretch", "right")][1] == 2
    assert state == [("finished",)]

    # Readouts at chosen moments.
    rep = seen["rep:left"]
    assert rep.exercise_name == library.exercises["seated-hip-internal-rotation"].name
    assert rep.big == "0 / 20" and rep.big_caption == "reps"
    assert rep.set_text == "Set 1 of 3"
    assert rep.cues and rep.picture is not None and rep.picture.exists()
    assert "part" in rep.session_text
    right = seen["rep:right"]
    assert right.set_text == "Set 1 of 2" and right.side is Side.RIGHT
    assert right.mirrored != rep.mirrored, "the picture is mirrored for the other side"
    hold = seen["hold:left"]
    assert hold.big == "30" and hold.progress is not None
    rest = seen["rest:left"]
    assert rest.big_caption == "rest"
    assert seen["end:None"].exercise_name == "Well done"

    # The summary matches the journal, and the voice was told what to say on the clock.
    (summary,) = finished
    assert not summary.stopped
    by_row = {(r.exercise, r.side): r for r in summary.rows}
    name = library.exercises["seated-hip-internal-rotation"].name
    assert by_row[(name, Side.LEFT)].reps_done == 60
    assert by_row[(name, Side.RIGHT)].reps_done == 40
    assert by_row[(name, Side.LEFT)].sets_done == by_row[(name, Side.LEFT)].sets_planned == 3
    assert all(s.at is not None and s.at >= 1000.0 for s in voice.said)
    assert [s.priority for s in voice.said].count(Priority.ANNOUNCE) > 10
    assert "Switch to your right side" in voice.texts()
    assert not [n for n in notices if n.level == "problem"]


def test_readout_while_paused_and_before_the_first_key(library) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    voice = FakeVoice()
    journal = FakeJournal()
    run = SessionRun(library, clock, voice, lambda: journal)
    run.start(SessionChoice(session=library.sessions["iliopsoas-weeks-1-2"], affected="left"))
    run.voice_prepared(1, 1)
    first = run.readout()
    assert first is not None and first.kind is StepKind.NOTE
    run.next()  # past the opening note
    ready = run.readout()
    assert ready is not None and ready.kind is StepKind.READY
    while run.readout().kind is not StepKind.REP:  # type: ignore[union-attr]
        at = run.wake_at()
        if at is None:
            run.next()
        else:
            clock.set(at)
            run.tick()
    run.next()
    run.next()
    assert run.readout().big == "2 / 20"  # type: ignore[union-attr]
    run.toggle_pause()
    paused = run.readout()
    assert paused is not None and paused.paused
    assert voice.stops == 1, "pausing stops the voice"
    run.toggle_pause()
    run.back()
    assert run.readout().big == "1 / 20"  # type: ignore[union-attr]
    run.stop()
    assert run.done
    row = journal.sessions[1]
    assert row.record.state == "stopped"
    assert [s.done_reps for s in row.sets] == [1] and row.sets[0].skipped


def test_a_voice_fault_starts_the_clock_at_once(library) -> None:  # type: ignore[no-untyped-def]
    run = SessionRun(library, FakeClock(), FakeVoice(VoiceStatus.NO_SOUND))
    run.start(SessionChoice(session=library.sessions["first-session"]))
    assert not run.waiting_for_voice and run.runner is not None and run.runner.started


def test_the_clock_starts_after_the_voice_wait_when_phrases_never_arrive(library) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    run = SessionRun(library, clock, FakeVoice())
    run.start(SessionChoice(session=library.sessions["first-session"]))
    at = run.wake_at()
    assert at == pytest.approx(10.0)
    clock.set(at)
    run.tick()
    assert not run.waiting_for_voice


class TwentyTimesClock(FakeClock):
    """A fake clock whose session seconds pass twenty times faster than real ones."""

    def real_seconds(self, seconds: float) -> float:
        return seconds / 20


def test_the_voice_wait_is_real_seconds_on_a_scaled_clock(library) -> None:  # type: ignore[no-untyped-def]
    clock = TwentyTimesClock()
    run = SessionRun(library, clock, FakeVoice())
    run.start(SessionChoice(session=library.sessions["first-session"]))
    assert run.wake_at() == pytest.approx(200.0), "10 real seconds are 200 session seconds"


def test_an_untimed_get_ready_hints_at_the_start_key(library) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    run = SessionRun(library, clock, FakeVoice())
    run.start(SessionChoice(session=library.sessions["first-session"]))
    run.voice_prepared(1, 1)
    for _ in range(50):
        readout = run.readout()
        assert readout is not None
        if readout.kind is StepKind.READY and readout.hint is Hint.START:
            assert "Press" not in readout.message, "key names are the window's to word"
            return
        at = run.wake_at()
        if at is None:
            run.next()
        else:
            clock.set(at)
            run.tick()


def test_a_resume_says_what_was_done_and_skipped_and_carries_on(library) -> None:  # type: ignore[no-untyped-def]
    journal = FakeJournal()
    first = SessionRun(library, FakeClock(), FakeVoice(), lambda: journal)
    first.start(SessionChoice(session=library.sessions["iliopsoas-weeks-1-2"], affected="left"))
    first.voice_prepared(1, 1)
    while first.readout().set_text != "Set 2 of 3":  # type: ignore[union-attr]
        first.next()  # the note, then 20 reps of set 1 (rests end early on a key)
    first.skip_side()  # the rest of the left side: sets 2 and 3, skipped
    assert [s.skipped for s in journal.sessions[1].sets] == [False, True, True]
    # The app dies here: nothing ends the session row.
    second = SessionRun(library, FakeClock(), FakeVoice(), lambda: journal)
    notices: list[Notice] = []
    second.on_notice = notices.append
    pending = second.interrupted()
    assert pending is not None
    assert second.resume(*pending)
    second.voice_prepared(1, 1)
    assert notices[-1].text == (
        "Resumed Iliopsoas rehab, weeks 1-2: 1 set was done, 2 skipped; "
        "carrying on from the next one."
    )
    readout = second.readout()
    assert readout is not None and readout.side is Side.RIGHT, "on with the other side"


class WordyVoice(FakeVoice):
    """A voice whose every phrase takes four seconds to say."""

    def spoken_seconds(self, text: str, priority: Priority) -> float | None:
        return 4.0


def test_autoplay_waits_for_a_steps_words_before_pressing_on(library) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(1000.0)
    run = SessionRun(library, clock, WordyVoice(), FakeJournal, autoplay=True)
    run.start(SessionChoice(session=library.sessions["first-session"], affected="left"))
    run.begin()
    for _ in range(200):  # to the first self-paced rep, the one autoplay presses on
        if run.runner is not None and run.runner.step.kind is StepKind.REP:
            break
        at = run.wake_at()
        assert at is not None
        clock.set(max(at, clock.now()))
        run.tick()
    runner = run.runner
    assert runner is not None and runner.step.kind is StepKind.REP
    at = run.wake_at()
    assert at is not None
    assert at >= runner.said_until, "autoplay pressed on while the rep's words were said"
