"""Take the README's screenshots: real windows (run under Xvfb), driven to each moment.

    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots.py
    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots.py display-paused

A fake clock moves the session to each moment at once; what is captured is exactly
what the window paints then. Writes docs/screenshots/*.png; names given on the command
line write only those (the session is driven the same way).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from guide_app.app import build_window
from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal, SetRecord
from guide_app.core.loader import bundled_root, load_library
from guide_app.core.plan import StepKind
from guide_app.core.sides import Side
from guide_app.speech.service import RecordingSpeech
from guide_app.ui.main_window import MainWindow
from guide_app.ui.picture import PictureRenderer

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
WANTED: set[str] = set()  # names from the command line; none means all


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()
    PictureRenderer.shared().wait()  # pictures are drawn off the GUI thread
    app.processEvents()


def shoot(app: QApplication, widget: QWidget, name: str) -> Path:
    settle(app)
    path = OUT / f"{name}.png"
    if WANTED and name not in WANTED:
        return path
    widget.grab().save(str(path))
    print(path)
    return path


def run_until(window: MainWindow, clock: FakeClock, wanted: Callable[[], bool]) -> None:
    """Press next on key steps and let time pass on timed ones until ``wanted()``."""
    adapter = window.adapter
    for _ in range(10_000):
        if wanted():
            return
        runner = adapter.run.runner
        assert runner is not None and not runner.done, "the session ended first"
        deadline = runner.next_deadline()
        if deadline is None:
            adapter.next()
        else:
            clock.set(max(deadline, clock.now()))
            adapter.tick()
    raise RuntimeError("never reached")


def paused_display(app: QApplication, window: MainWindow) -> None:
    """The wall display paused in the middle of a tempo rep: PAUSED is what reads."""
    assert window.display is not None
    window.adapter.toggle_pause()
    window.adapter.refresh()
    shoot(app, window.display, "display-paused")
    window.adapter.toggle_pause()
    window.adapter.refresh()


def format_2(app: QApplication, window: MainWindow, clock: FakeClock, library: Any) -> None:
    """What version 2 of the format shows: a load, a work interval, a hold given as a
    range, a side-lying exercise that says which side to lie on."""

    def step() -> Any:
        runner = window.adapter.run.runner
        assert runner is not None
        return runner.step

    def start(session_id: str) -> None:
        window.start(
            SessionChoice(session=library.sessions[session_id], affected="right", weaker="right")
        )

    # The Alfredson heel drops: the right (affected) leg alone, body weight plus a backpack.
    start("alfredson-heel-drops")
    run_until(window, clock, lambda: step().kind is StepKind.REP)
    window.adapter.change_load(+1)  # the heavier key: 5 kg in the backpack
    for _ in range(4):
        window.adapter.next()
    shoot(app, window, "load")
    window.adapter.run.stop_quietly()

    # Jump squat intervals: the third work interval, six reps counted so far.
    start("jump-squat-intervals")
    run_until(window, clock, lambda: step().kind is StepKind.WORK and step().interval == 3)
    for _ in range(6):
        window.adapter.next()
    clock.advance(7.2)
    window.adapter.tick()
    shoot(app, window, "interval")
    window.adapter.run.stop_quietly()

    # A stretch held 1-2 minutes: timed at 1 minute, the rest of the range a key away.
    start("hip-rotator-release")
    run_until(
        window,
        clock,
        lambda: step().kind is StepKind.HOLD and step().exercise == "seated-leg-to-chest-stretch",
    )
    clock.advance(41.3)
    window.adapter.tick()
    shoot(app, window, "hold-range")
    window.adapter.run.stop_quietly()

    # Side-lying: the get-ready says which leg works and which side to lie on.
    start("iliopsoas-weeks-3-4")
    run_until(
        window,
        clock,
        lambda: (
            step().kind is StepKind.READY
            and step().exercise == "side-lying-abduction-external-rotation"
        ),
    )
    shoot(app, window, "side-lying")
    window.adapter.run.stop_quietly()


def home_exercises(app: QApplication, window: MainWindow) -> None:
    """Home's exercises with their thumbnails, narrowed to those done on a mat; then
    back to the session the next shots start."""
    home = window.home
    choice = home.current_choice()
    while not home.store.complete:  # the filters learn the library once Home is shown
        app.processEvents()
    home.filters.choose(home.filters.equipment, "mat")
    home.select("exercise", "clamshell")
    for _ in range(3):  # the rows on screen ask for their thumbnails as they paint
        settle(app)
        home.thumbnails.wait()
        home.exercise_list.viewport().repaint()
    shoot(app, window, "home-exercises")
    home.filters.clear()
    assert choice is not None
    home.select("session", choice.session.id)


def today_page(app: QApplication, window: MainWindow, clock: FakeClock, tmp: Path) -> None:
    """Home on Today: a person on the Achilles programme since 16 days ago (week 3), a
    session done on most days, two days missed, today's still to do; then back to the
    lists."""
    from dataclasses import replace
    from datetime import datetime, timedelta

    from guide_app.core.clock import today
    from guide_app.core.today import today_readout

    library = window.home.library
    day = today(clock)
    journal = Journal(tmp / "today.sqlite3", clock=clock)
    (me,) = journal.people()
    me = journal.update_person(
        replace(
            me,
            programme_id="achilles-pain-monitoring",
            started_on=day - timedelta(days=16),
            reminders=("18:00",),
        )
    )
    for back in range(16, 0, -1):
        if back in (5, 10):
            continue  # two days missed
        on = day - timedelta(days=back)
        session_id = "achilles-loading-phase-1" if back > 2 else "achilles-loading-phase-2"
        at = datetime(on.year, on.month, on.day, 18, 5).timestamp()
        row = journal.begin_session(
            session_id,
            library.sessions[session_id].title,
            programme_id="achilles-pain-monitoring",
            started_at=at,
        )
        journal.end_session(row, at=at + 1200)
    done = journal.sessions(day - timedelta(weeks=4), day)
    journal.close()
    window.home.show_today(today_readout(me, library.programmes, library.sessions, done, day))
    shoot(app, window, "today")
    window.home.select("session", "iliopsoas-weeks-1-2")


def editors(app: QApplication, window: MainWindow) -> None:
    """Each editor on a copy of a bundled item, at the laptop's size; closed unsaved."""
    from guide_app.ui.editor_base import DraftEditor

    def open_copy(kind: str, item_id: str) -> DraftEditor:
        assert window.home.select(kind, item_id)
        window.home.edit_button.click()
        editor = window.editor
        assert editor is not None
        return editor

    session = open_copy("session", "iliopsoas-weeks-1-2")
    session.reveal(("blocks", 1))
    session.check_now()
    shoot(app, window, "editor-session")
    session.add_exercise_button.click()
    picker = getattr(session, "picker", None)
    if picker is not None:
        picker.search.setText("hip")
        for _ in range(3):
            settle(app)
            picker.thumbnails.wait()
    shoot(app, window, "editor-session-picker")
    session.closed.emit()
    exercise = open_copy("exercise", "clamshell")
    exercise.check_now()
    shoot(app, window, "editor-exercise")
    exercise.closed.emit()
    programme = open_copy("programme", "iliopsoas-rehab")
    programme.reveal(("phases", 0))
    programme.check_now()
    shoot(app, window, "editor-programme")
    programme.closed.emit()


def laptop_window(app: QApplication, tmp: Path) -> tuple[MainWindow, Any, FakeClock]:
    """The window at a laptop's 1366x768 over the bundled library (loaded in the language
    in force), a fake clock and a journal in ``tmp``; Home on a rehab programme's phase,
    the affected side set. Returns the window, its library and its clock."""
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    library = load_library([bundled_root()])
    clock = FakeClock(1000.0)
    window = build_window(
        library,
        settings,
        clock=clock,
        voice=RecordingSpeech(),
        journal=lambda: Journal(tmp / "history.sqlite3", clock=clock),
        display_screen=0,
        user_library=tmp / "library",
    )
    window.resize(1366, 768)  # a laptop screen, as most people at home have
    window.show()
    window.home.select("session", "iliopsoas-weeks-1-2")
    window.home.affected.set_value("left")
    window.home.weaker.set_value("left")
    settle(app)
    window.home.sessions_tree.wait_for_lengths()  # worked out off the GUI thread
    return window, library, clock


def main() -> int:
    WANTED.update(sys.argv[1:])
    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    window, library, clock = laptop_window(app, tmp)
    shoot(app, window, "home")
    today_page(app, window, clock, tmp)
    home_exercises(app, window)
    editors(app, window)
    window.home.select("session", "iliopsoas-weeks-1-2")

    def step_kind() -> StepKind:
        runner = window.adapter.run.runner
        assert runner is not None
        return runner.step.kind

    # A rep step: 3x20 on the affected (left) side, seven reps in.
    choice = window.home.current_choice()
    assert choice is not None
    window.start(choice)
    run_until(window, clock, lambda: step_kind() is StepKind.REP)
    for _ in range(7):
        window.adapter.next()
    shoot(app, window, "rep")
    window.toggle_page()  # the exercise's whole page over the session, which waits
    window.page_overlay.view.pictures[0].renderer.wait()
    shoot(app, window, "exercise-page")
    window.toggle_page()

    # A rest between sets, then the switch-sides moment.
    run_until(window, clock, lambda: step_kind() is StepKind.REST)
    clock.advance(8)
    window.adapter.tick()
    shoot(app, window, "rest")
    run_until(window, clock, lambda: step_kind() is StepKind.SWITCH)
    clock.advance(3)
    window.adapter.tick()
    shoot(app, window, "switch-sides")

    # A hold: the hip flexor stretch in the same session.
    run_until(window, clock, lambda: step_kind() is StepKind.HOLD)
    clock.advance(11.4)
    window.adapter.tick()
    shoot(app, window, "hold")

    # The clinic display at 1920x1080 during a tempo rep (the first session's clamshell).
    window.start(
        SessionChoice(
            session=library.sessions["first-session"],
            programme_id=None,
            phase=None,
            affected="right",
            weaker=None,
            weaker_first=True,
        )
    )
    run_until(window, clock, lambda: step_kind() is StepKind.PHASE)
    clock.advance(1.0)
    window.adapter.tick()
    assert window.display is not None
    window.display.resize(1920, 1080)
    window.display.show()
    window.adapter.refresh()
    shoot(app, window.display, "display-1920x1080")
    paused_display(app, window)
    shoot(app, window, "tempo")

    # The summary after the session ends.
    window.adapter.skip_exercise()
    run_until(window, clock, lambda: step_kind() is StepKind.END)
    settle(app)
    shoot(app, window, "summary")

    format_2(app, window, clock, library)

    # The resume prompt after a crash: a session left running in the journal.
    journal = Journal(tmp / "crashed.sqlite3", clock=clock)
    row = journal.begin_session(
        "iliopsoas-weeks-1-2", "Iliopsoas rehab, weeks 1-2", affected_side="left"
    )
    for n in (1, 2):
        journal.record_set(row, SetRecord("seated-hip-internal-rotation", Side.LEFT, n, 20, 20))
    record = journal.interrupted_session()
    assert record is not None
    sets = journal.resume_point(record.row)

    def grab_prompt() -> None:
        box = app.activeModalWidget()
        assert box is not None
        shoot(app, window, "resume-window")
        path = OUT / "resume-prompt.png"
        if not WANTED or "resume-prompt" in WANTED:
            box.grab().save(str(path))
            print(path)
        box.reject()

    window.pages.setCurrentWidget(window.home)
    QTimer.singleShot(300, grab_prompt)
    window.offer_resume(record, sets)
    journal.close()

    window.adapter.run.stop_quietly()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
