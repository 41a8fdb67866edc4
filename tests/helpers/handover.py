"""Two machines for the hand-over tests: a clinic and a home, each with its journal and
its own library folder on one fake clock, a custom programme in the clinic's library,
and sessions recorded on either."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal, Measurement, PainReport, Person, SetRecord
from guide_app.core.loader import bundled_root, load_library
from guide_app.core.sides import Side

PICTURE = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><circle r="1"/></svg>'
EXERCISE = """\
version: 1
kind: exercise
id: towel-slide
name: Towel slide
summary: The foot slides a towel out to the side and back.
position: standing
pictures: {start: assets/pictures/towel-slide.svg}
cues: [Slide the towel out., Bring it back.]
sides: one_at_a_time
dosage: {sets: 2, reps: 10}
"""
SESSION = """\
version: 1
kind: session
id: evening-slides
title: Evening slides
blocks:
  - exercise: towel-slide
  - exercise: clamshell
    dosage: {sets: 1, reps: 12}
"""
PROGRAMME = """\
version: 1
kind: programme
id: slide-programme
title: Slide programme
summary: Towel slides and clams, every evening.
phases:
  - name: Slides
    weeks: 0-5
    sessions: [evening-slides]
    frequency: daily
"""


def clinic_library(folder: Path) -> Path:
    """A library folder with a custom exercise (and its picture), a session using it and
    a bundled exercise, and a programme of that session."""
    for rel, text in (
        ("exercises/towel-slide.yaml", EXERCISE),
        ("sessions/evening-slides.yaml", SESSION),
        ("programmes/slide-programme.yaml", PROGRAMME),
    ):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    picture = folder / "assets" / "pictures" / "towel-slide.svg"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(PICTURE)
    return folder


@dataclass
class Machine:
    """One copy of the app: its journal and its user library folder."""

    journal: Journal
    library_dir: Path

    def library(self) -> Any:
        return load_library([bundled_root(), self.library_dir])


def machine(folder: Path, clock: FakeClock) -> Machine:
    folder.mkdir(parents=True, exist_ok=True)
    return Machine(Journal(folder / "history.sqlite3", clock=clock), folder / "library")


def world_clock() -> FakeClock:
    """The one clock both machines live by: 30 November 2026, 9:00."""
    return FakeClock(wall_start=datetime(2026, 11, 30, 9).timestamp())


def anna(journal: Journal) -> Person:
    """The clinic's patient: left side affected, on the slide programme since 30 November."""
    return journal.add_person(
        Person(
            0,
            "",
            name="Anna",
            affected=Side.LEFT,
            weaker=Side.LEFT,
            programme_id="slide-programme",
            started_on=date(2026, 11, 30),
            reminders=("18:30",),
        )
    )


def record_session(journal: Journal, clock: FakeClock, person: int, sets: int = 2) -> int:
    """A finished session for ``person``: ``sets`` sets, a measurement, pain and effort,
    a minute apart; then an hour passes."""
    row = journal.begin_session(
        "evening-slides", "Evening slides", programme_id="slide-programme", person=person
    )
    for n in range(1, sets + 1):
        clock.advance(60)
        journal.record_set(row, SetRecord("towel-slide", Side.LEFT, n, 10, 10 - n % 2))
    clock.advance(60)
    journal.record_measurement(row, Measurement("hip rotation", Side.LEFT, 30.0, "degrees"))
    journal.record_pain(row, PainReport("towel-slide", Side.LEFT, 2, "outer hip"))
    clock.advance(60)
    journal.end_session(row)
    clock.advance(3600)
    return row


def sets_of(journal: Journal, person: int) -> list[tuple[Any, ...]]:
    """Every set the person's history shows, with its uid, in order."""
    journal.person = person
    return [
        (d.session.uid, s.uid, s.exercise_id, s.side, s.set_number, s.done_reps, s.corrected)
        for d in journal.session_details()
        for s in d.sets
    ]
