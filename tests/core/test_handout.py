"""The patient's handout as data: the phase a person is in, each exercise's amounts per
side in words, how often, pain limits and when to stop."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from guide_app.core.clock import FakeClock, today
from guide_app.core.handout import (
    Handout,
    HandoutError,
    HandoutNote,
    as_text,
    handout_for,
    programme_handout,
    session_handout,
)
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.model import Programme
from guide_app.core.people import Person
from guide_app.core.sides import Side
from tests.helpers import content

LIBRARY = load_library([bundled_root()])
ACHILLES = LIBRARY.programmes["achilles-pain-monitoring"]
CLOCK = FakeClock(wall_start=datetime(2026, 11, 30, 9).timestamp())
TODAY = today(CLOCK)
ACHILLES_EXERCISES = (
    "Two-Leg Heel Raise",
    "One-Leg Heel Raise",
    "Seated Heel Raise",
    "Eccentric Heel Drop, Straight Knee",
    "Quick-Rebound Heel Raise",
)


def person(**changes: object) -> Person:
    """Ann, left side affected, on the Achilles programme since 16 days ago (week 3)."""
    ann = Person(
        row=2,
        uid="a" * 32,
        name="Ann",
        affected=Side.LEFT,
        programme_id=ACHILLES.id,
        started_on=TODAY - timedelta(days=16),
    )
    return replace(ann, **changes)  # type: ignore[arg-type]


def test_the_handout_is_for_the_phase_and_week_the_person_is_in() -> None:
    handout = programme_handout(LIBRARY, ACHILLES, TODAY, person=person())
    assert handout.title == ACHILLES.title
    assert handout.phase == "Phase 2 - start strengthening"
    assert handout.goal.startswith("Move the exercises to a step")
    assert handout.week == 3
    assert handout.person == "Ann"
    assert handout.day == date(2026, 11, 30)
    assert handout.how_often == "every day (7 days a week)"
    assert handout.pain.startswith("Pain up to 5/10 during; up to 5/10 after")
    assert [e.name for e in handout.exercises] == list(ACHILLES_EXERCISES)


def test_each_exercise_says_its_amounts_per_side_affected_first() -> None:
    handout = programme_handout(LIBRARY, ACHILLES, TODAY, person=person())
    doses = {e.name: e.dose for e in handout.exercises}
    assert doses["One-Leg Heel Raise"] == "Left (affected) 3 x 15, right 3 x 15"
    assert doses["Eccentric Heel Drop, Straight Knee"] == (
        "Left (affected) 3 x 15 at body weight, right 3 x 15 at body weight"
    )
    assert doses["Two-Leg Heel Raise"] == "3 x 15"  # both legs together: no side
    right = programme_handout(LIBRARY, ACHILLES, TODAY, person=person(), affected="right")
    assert right.exercises[1].dose == "Right (affected) 3 x 15, left 3 x 15"


def test_cues_stop_signs_and_pictures_come_with_each_exercise() -> None:
    handout = programme_handout(LIBRARY, ACHILLES, TODAY, person=person())
    one_leg = handout.exercises[1]
    assert (
        one_leg.cues[0]
        == "Stand on your working leg, other foot lifted, fingertips on a wall or rail."
    )
    assert "A sharp, stabbing pain at the back of the heel." in one_leg.stop_signs
    assert [p.caption for p in one_leg.pictures] == ["Start", "End"]
    assert all(p.path.is_file() and not p.mirrored for p in one_leg.pictures)
    assert one_leg.pictures_show == "The pictures show the left side."
    mirrored = programme_handout(LIBRARY, ACHILLES, TODAY, person=person(affected=Side.RIGHT))
    assert all(p.mirrored for p in mirrored.exercises[1].pictures)
    assert mirrored.exercises[1].pictures_show == "The pictures show the right side."
    assert not any(p.mirrored for p in mirrored.exercises[0].pictures)  # both legs


def test_the_stop_box_and_the_text_say_when_to_stop() -> None:
    handout = programme_handout(LIBRARY, ACHILLES, TODAY, person=person())
    assert "you feel a sudden sharp pain, a snap or a pop" in handout.stop_if
    text = as_text(handout)
    assert "Stop and contact your clinician if:" in text
    assert "How often: every day (7 days a week)" in text
    assert "Phase 2 - start strengthening" in text
    assert "2. One-Leg Heel Raise: Left (affected) 3 x 15, right 3 x 15" in text
    assert "For: Ann · Date: Mon 30 Nov 2026 · Week 3 of the programme" in text


def test_a_programme_that_says_stop_puts_its_pain_limit_in_the_stop_box() -> None:
    data = ACHILLES.model_dump(mode="json", exclude_none=True)
    data["pain"]["if_exceeded"] = "stop"
    strict = Programme.model_validate(data)
    handout = programme_handout(LIBRARY, strict, TODAY, person=person())
    assert handout.stop_if[0] == "your pain goes above 5/10 during the exercises"


def test_a_named_phase_by_name_number_or_start_of_its_name() -> None:
    for name in ("Phase 3 - heavier strength", "3", "phase 3"):
        handout = programme_handout(LIBRARY, ACHILLES, TODAY, phase=name, person=person())
        assert handout.phase == "Phase 3 - heavier strength"
        assert handout.week is None  # not the phase of today: no week is claimed
    with pytest.raises(HandoutError, match=r"no phase 'Phase 9'.*1: Phase 1 - start loading"):
        programme_handout(LIBRARY, ACHILLES, TODAY, phase="Phase 9")


def test_without_a_start_date_the_first_phase_and_no_name_when_asked() -> None:
    handout = programme_handout(
        LIBRARY, ACHILLES, TODAY, person=person(started_on=None), show_name=False
    )
    assert handout.phase == "Phase 1 - start loading"
    assert handout.week is None
    assert handout.person == ""
    assert "Ann" not in as_text(handout)


def test_a_week_by_week_dosage_is_the_week_of_the_phase() -> None:
    nordic = LIBRARY.programmes["nordic-hamstring"]
    started = TODAY - timedelta(days=15)  # week 3
    handout = programme_handout(LIBRARY, nordic, TODAY, started_on=started)
    assert handout.phase_week == 3
    assert handout.exercises[0].dose == "3 x 6-8"


def _library(*exercises: object, session: object) -> Library:
    found = content.library(*exercises)  # type: ignore[arg-type]
    return Library(exercises=found, sessions={session.id: session})  # type: ignore[attr-defined]


def test_per_side_amounts_holds_loads_and_tempo_in_words() -> None:
    uneven = content.exercise(
        "clam",
        sets=3,
        reps=20,
        per_side={"affected": {"sets": 3}, "unaffected": {"sets": 2}},
        load="5 kg",
    )
    hold = content.exercise("plank", sides="both", sets=3, hold=30)
    band = content.exercise("walk", sides="both", sets=2, reps=10, load="red band")
    tempo = content.exercise(
        "slow", sides="both", sets=2, reps=8, tempo={"down": 3, "up": 1}, rest=45
    )
    session = content.session(
        content.block("clam"), content.block("plank"), content.block("walk"), content.block("slow")
    )
    library = _library(uneven, hold, band, tempo, session=session)
    handout = session_handout(library, session, TODAY, affected="left")
    doses = [e.dose for e in handout.exercises]
    assert doses == [
        "Left (affected) 3 x 20 at 5 kg, right 2 x 20 at 5 kg",
        "3 x 30 s hold",
        "2 x 10 with a red band",
        "2 x 8",
    ]
    assert handout.exercises[3].details == ("Tempo: down 3 s, up 1 s", "Rest 45 s between sets")
    right = session_handout(library, session, TODAY, affected="right")
    assert right.exercises[0].dose == "Right (affected) 3 x 20 at 5 kg, left 2 x 20 at 5 kg"


def test_a_session_handout_with_a_circuit_and_a_measurement() -> None:
    first = LIBRARY.sessions["first-session"]
    handout = session_handout(LIBRARY, first, TODAY, affected="right")
    assert handout.phase == "" and handout.title == first.title
    notes = [i.text for s in handout.sessions for i in s.items if isinstance(i, HandoutNote)]
    assert "Mini circuit: 2 rounds, rest 20 s between rounds" in notes
    assert any(n.startswith("Note down: Prone hip external rotation, each side") for n in notes)
    again = [e for e in handout.exercises if e.repeat]
    assert again and not again[0].cues and not again[0].pictures
    assert "Steps and pictures: as above." in as_text(handout)


def test_a_session_that_cannot_be_planned_says_so() -> None:
    session = content.session(content.block("missing"))
    library = Library(sessions={session.id: session})
    handout = session_handout(library, session, TODAY)
    assert isinstance(handout, Handout)
    assert "missing" in (handout.sessions[0].problem or "")
    assert "Cannot be planned" in as_text(handout)


def test_pictures_are_found_in_the_library_folder() -> None:
    one_leg = programme_handout(LIBRARY, ACHILLES, TODAY, person=person()).exercises[1]
    root = bundled_root()
    assert (
        one_leg.pictures[0].path == Path(root) / "assets/pictures/single-leg-heel-raise-start.svg"
    )


def test_what_the_window_prints_for_its_choice() -> None:
    ann = person()
    assert handout_for(LIBRARY, TODAY, person=ann).phase == "Phase 2 - start strengthening"
    chosen = handout_for(LIBRARY, TODAY, person=ann, session_id="first-session")
    assert chosen.title == LIBRARY.sessions["first-session"].title
    assert chosen.exercises[1].dose.startswith("Left (affected)")
    with pytest.raises(HandoutError, match="choose a programme or a session"):
        handout_for(LIBRARY, TODAY, person=person(programme_id=None))


def test_the_handout_has_the_progressions_the_person_accepted() -> None:
    from guide_app.core.adjustments import Adjustment
    from guide_app.core.model import Change

    def row(phase: str, change: Change, exercise: str | None = None) -> Adjustment:
        return Adjustment(
            1, "", 2, ACHILLES.id, "rule", exercise=exercise, phase=phase, change=change
        )

    moved = row("Phase 2 - start strengthening", Change(phase="next"))
    more = row("Phase 3 - heavier strength", Change(sets=5), "single-leg-heel-raise")
    handout = programme_handout(
        LIBRARY, ACHILLES, TODAY, person=person(), adjustments=[moved, more]
    )
    assert handout.phase == "Phase 3 - heavier strength"
    assert handout.week == 3
    doses = {e.exercise_id: e.dose for e in handout.exercises}
    assert doses["single-leg-heel-raise"].startswith("Left (affected) 5 x")
    undone = replace(more, undone_at=1.0)
    other = replace(moved, programme_id="another-programme")
    unchanged = programme_handout(LIBRARY, ACHILLES, TODAY, person=person(), adjustments=[other])
    assert unchanged == programme_handout(LIBRARY, ACHILLES, TODAY, person=person())
    kept = handout_for(LIBRARY, TODAY, person=person(), adjustments=[moved, undone])
    assert kept.phase == "Phase 3 - heavier strength"
    assert not {e.dose for e in kept.exercises} & {doses["single-leg-heel-raise"]}
