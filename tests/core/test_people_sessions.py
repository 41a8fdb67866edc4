"""Whose session a run writes (``SessionChoice.person``), through the core's session run:
each person's history holds only their own sessions, and a session the app died during
is offered again to its own person alone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.people import Person
from guide_app.core.session_run import SessionRun
from guide_app.core.sides import Side
from tests.helpers.content import bundled_library
from tests.helpers.fakes import FakeVoice


def test_a_run_writes_the_session_of_the_person_chosen(tmp_path: Path) -> None:
    library = bundled_library()
    clock = FakeClock(1000.0, wall_start=datetime(2026, 11, 30, 9).timestamp())
    journal = Journal(tmp_path / "history.sqlite3", clock=clock)
    ana = journal.add_person(Person(0, "", name="Ana", affected=Side.RIGHT))
    run = SessionRun(library, clock, FakeVoice(), lambda: journal)

    run.start(SessionChoice(library.sessions["first-session"], affected="left"))
    run.stop()
    run.start(SessionChoice(library.sessions["ankle-and-foot"], affected="right", person=ana.row))
    clock.advance(5)
    run.tick()  # running when the app "dies": never ended

    assert [s.title for s in journal.sessions()] == ["First session - a five-minute tour"]
    assert journal.interrupted_session() is None, "not the default person's to resume"
    journal.person = ana.row
    assert [(s.title, s.affected_side) for s in journal.sessions()] == [
        ("Ankle and foot control", Side.RIGHT)
    ]
    interrupted = journal.interrupted_session()
    assert interrupted is not None and interrupted.title == "Ankle and foot control"
    run.stop_quietly()
    journal.close()
