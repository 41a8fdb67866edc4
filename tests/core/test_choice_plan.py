"""A week-by-week table picks its row from the programme's start, also when resumed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from guide_app.core.choice import SessionChoice
from guide_app.core.choice_plan import phase_start_week, phase_week
from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal
from guide_app.core.model import Programme
from guide_app.core.session_run import SessionRun
from guide_app.core.steps import StepKind
from tests.helpers.content import bundled_library
from tests.helpers.fakes import FakeVoice

DAY = 24 * 3600.0
MONDAY = datetime(2026, 11, 2, 9, 0).timestamp()


def programme() -> Programme:
    """Two phases: a week of something else, then the Nordic build-up from week 2."""
    return Programme.model_validate(
        {
            "version": 2,
            "kind": "programme",
            "id": "hamstrings",
            "title": "Hamstrings",
            "phases": [
                {
                    "name": "Settle",
                    "weeks": "0-1",
                    "sessions": ["first-session"],
                    "frequency": "daily",
                },
                {
                    "name": "Build",
                    "weeks": "2-12",
                    "sessions": ["nordic-hamstring-lowers"],
                    "frequency": {"days_a_week": 2},
                },
            ],
        }
    )


def test_the_week_of_a_phase_counts_from_1_where_the_phase_begins() -> None:
    p = programme()
    assert phase_start_week(p, "Settle") == 0 and phase_start_week(p, "Build") == 2
    start = date(2026, 11, 2)
    assert phase_week(p, "Settle", start, start) == 1
    assert phase_week(p, "Build", start, date(2026, 11, 16)) == 1  # programme week 2
    assert phase_week(p, "Build", start, date(2026, 11, 29)) == 2
    assert phase_week(p, "Build", start, date(2026, 11, 30)) == 3
    assert phase_week(p, "Build", start, date(2026, 10, 1)) == 1  # before the start


def _sets_and_reps(run: SessionRun) -> tuple[int | None, int | None]:
    assert run.plan is not None
    ready = next(s for s in run.plan.steps if s.kind is StepKind.READY and s.exercise)
    return ready.sets, ready.reps


def test_a_session_from_a_programme_plans_the_row_of_the_week_it_is_in(tmp_path: Path) -> None:
    library = bundled_library()
    library.programmes["hamstrings"] = programme()
    db = tmp_path / "history.sqlite3"
    clock = FakeClock(1000.0, wall_start=MONDAY)
    first = Journal(db, clock=clock)
    row = first.begin_session(
        "first-session", "First", programme_id="hamstrings", started_at=MONDAY
    )
    first.end_session(row, "finished", at=MONDAY + 600)
    first.close()
    choice = SessionChoice(
        session=library.sessions["nordic-hamstring-lowers"],
        programme_id="hamstrings",
        phase="Build",
    )

    # Week 4 of the programme is week 3 of "Build": 3 sets of 6-8, counted to 8.
    clock.advance(4 * 7 * DAY + 3600)
    run = SessionRun(library, clock, FakeVoice(), lambda: Journal(db, clock=clock))
    run.start(choice)
    assert _sets_and_reps(run) == (3, 8)
    assert not any("week 1" in w for w in run.plan.warnings)  # type: ignore[union-attr]
    run.stop_quietly()

    # With no programme: the table's first row, and the plan says week 1 was taken.
    alone = SessionRun(library, clock, FakeVoice(), lambda: Journal(db, clock=clock))
    alone.start(SessionChoice(session=library.sessions["nordic-hamstring-lowers"]))
    assert _sets_and_reps(alone) == (2, 5)
    alone.stop_quietly()
