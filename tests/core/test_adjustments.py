"""Progression: a met rule offers its change; accepting it changes the person's next
plan, undoing it restores the plan, and the history keeps both; a bad next-morning
answer holds the offers or steps the next session down."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from guide_app.core.adjustments import (
    accept,
    accepted,
    adjusted_session,
    current_phase,
    held_words,
    offers,
    person_choice,
    undo,
)
from guide_app.core.choice import SessionChoice
from guide_app.core.choice_plan import choice_plan
from guide_app.core.history import Journal
from guide_app.core.journal_lock import Held, JournalOwnedElsewhere, ReadOnlyJournal
from guide_app.core.loader import Library
from guide_app.core.morning_check import MorningAnswer, question_for, record_answer
from guide_app.core.plan import expand
from guide_app.core.session_run import SessionRun
from tests.helpers.fakes import FakeVoice
from tests.helpers.progression import (
    PROGRAMME_ID,
    TODAY,
    clam_session,
    clock,
    dose,
    exercises,
    journal_with_person,
    loads,
    log_session,
    programme,
    two_good_sessions,
)

NAMES = {"clamshell": "Clamshell", "bridge": "Bridge"}


@pytest.fixture
def journal(tmp_path: Path) -> Any:
    journal, _ = journal_with_person(tmp_path / "history.sqlite3", clock())
    yield journal
    journal.close()


def person_of(journal: Journal) -> Any:
    return journal.person_by_row(journal.person)


def plan_for(journal: Journal, **session: Any) -> set[tuple[int | None, int | None]]:
    """The (sets, reps) of clamshell in the person's next session."""
    lib = Library(exercises=exercises(), programmes={PROGRAMME_ID: programme()})
    choice = SessionChoice(clam_session(**session), PROGRAMME_ID, "Early", affected="left")
    return dose(choice_plan(person_choice(choice, lib, journal), lib.exercises, 2))


def test_a_met_rule_offers_its_change_with_the_sentence_why(journal: Journal) -> None:
    person = person_of(journal)
    assert offers(person, programme(), journal, [], TODAY) == []  # nothing logged yet
    log_session(journal, TODAY - timedelta(days=1))
    assert offers(person, programme(), journal, [], TODAY) == []  # one session of two
    log_session(journal, TODAY)
    (offer,) = offers(person, programme(), journal, [], TODAY, name_of=NAMES.get)  # type: ignore[arg-type]
    assert offer.exercise_name == "Clamshell" and offer.words == "20 reps"
    assert offer.reason == "Met: 3x15 on each side in each of the last 2 sessions."
    assert offer.phase == "Early" and not offer.advice


def test_accepting_changes_the_next_plan_undo_restores_it_and_the_history_keeps_both(
    journal: Journal,
) -> None:
    person = person_of(journal)
    two_good_sessions(journal)
    assert plan_for(journal) == {(3, 15)}
    (offer,) = offers(person, programme(), journal, [], TODAY)

    taken = accept(journal, person, offer)
    assert plan_for(journal) == {(3, 20)}
    assert [a.words for a in accepted(journal, person)] == ["20 reps"]
    rows = journal.adjustments(person.row)
    assert offers(person, programme(), journal, rows, TODAY) == []  # not offered twice

    undone = undo(journal, taken)
    assert undone.undone_at is not None
    assert plan_for(journal) == {(3, 15)}
    assert accepted(journal, person) == []
    (kept,) = journal.adjustments(person.row)  # the history keeps it, marked undone
    assert kept.uid == taken.uid and kept.undone_at == undone.undone_at
    assert kept.reason == offer.reason and kept.change == offer.change
    rows = journal.adjustments(person.row)
    assert [o.key for o in offers(person, programme(), journal, rows, TODAY)] == [offer.key]


def test_the_change_holds_whatever_the_week_and_the_side(journal: Journal) -> None:
    person = person_of(journal)
    two_good_sessions(journal)
    (offer,) = offers(person, programme(), journal, [], TODAY)
    accept(journal, person, offer)
    by_week = {1: {"reps": 10}, "2-8": {"reps": 15}}
    assert plan_for(journal, by_week=by_week) == {(3, 20)}
    per_side = {"affected": {"reps": 15}, "unaffected": {"sets": 2}}
    assert plan_for(journal, per_side=per_side) == {(3, 20), (2, 20)}


def test_advice_in_words_is_noted_and_changes_no_plan(journal: Journal) -> None:
    person = person_of(journal)
    log_session(journal, TODAY - timedelta(days=1), reps=10, exercise_id="bridge")
    (offer,) = offers(person, programme(), journal, [], TODAY)
    assert offer.advice and offer.words == "add the band"
    noted = accept(journal, person, offer)
    assert noted.change is None and noted.words == "add the band"
    assert plan_for(journal) == {(3, 15)}
    assert offers(person, programme(), journal, journal.adjustments(person.row), TODAY) == []


@pytest.mark.parametrize(
    ("then", "start", "after"),
    [
        ({"add_load": "2.5 kg"}, "5 kg", {"7.5 kg"}),
        ({"load": "8 kg"}, "5 kg", {"8 kg"}),
        ({"band": "next"}, "red band", {"green band"}),
        ({"add_load": "5 kg"}, "body weight", {"bodyweight + 5 kg"}),
        ({"add_load": "5 lb"}, "5 kg", {"5 kg"}),  # another unit: left out
    ],
)
def test_a_load_change_applies_to_the_load_in_force(
    journal: Journal, then: dict[str, Any], start: str, after: set[str]
) -> None:
    person = person_of(journal)
    two_good_sessions(journal)
    prog = programme(progression=[{"text": "More", "rule": {**_clams(), "then": then}}])
    (offer,) = offers(person, prog, journal, [], TODAY)
    accept(journal, person, offer)
    lib = exercises(load=start)
    session = adjusted_session(clam_session(), accepted(journal, person), lib)
    assert loads(expand(session, lib, affected="left")) == after


def test_two_load_steps_add_up_and_an_exercise_can_be_swapped(journal: Journal) -> None:
    person = person_of(journal)
    two_good_sessions(journal)
    prog = programme(
        progression=[{"text": "More", "rule": {**_clams(), "then": {"add_load": "1 kg"}}}]
    )
    (offer,) = offers(person, prog, journal, [], TODAY)
    first = accept(journal, person, offer)
    second = replace(first, uid="again", at=first.at + 1)
    lib = exercises(load="5 kg")
    session = adjusted_session(clam_session(), [first, second], lib)
    assert loads(expand(session, lib, affected="left")) == {"7 kg"}

    swap = replace(
        first, change=first.change.model_copy(update={"add_load": None, "exercise": "side-plank"})
    )  # type: ignore[union-attr]
    swapped = adjusted_session(clam_session(), [swap], lib)
    assert [b.exercise for b in swapped.exercise_blocks()] == ["side-plank", "bridge"]


def test_accepting_the_next_phase_moves_the_person_on(journal: Journal) -> None:
    person = person_of(journal)
    two_good_sessions(journal)
    prog = programme(progression=[{"text": "On", "rule": {**_clams(), "then": {"phase": "next"}}}])
    assert current_phase(prog, person, [], TODAY).name == "Early"
    (offer,) = offers(person, prog, journal, [], TODAY)
    assert offer.words == "go on to the next phase"
    taken = accept(journal, person, offer)
    assert current_phase(prog, person, [taken], TODAY).name == "Later"
    assert current_phase(prog, person, [undo(journal, taken)], TODAY).name == "Early"


def test_a_bad_next_morning_answer_holds_the_offers_until_a_good_one(journal: Journal) -> None:
    person = person_of(journal)
    prog = programme(pain={"next_morning": "baseline", "if_exceeded": "hold"})
    log_session(journal, TODAY - timedelta(days=2))
    log_session(journal, TODAY - timedelta(days=1))
    question = question_for(journal, person, prog, TODAY)
    assert question is not None
    verdict = record_answer(journal, person, question, MorningAnswer(score=4, back=False))
    assert verdict.exceeded and verdict.action == "hold"
    rows = journal.adjustments(person.row)
    assert offers(person, prog, journal, rows, TODAY) == []
    assert "No step up for now" in held_words(prog, rows)
    assert plan_for(journal) == {(3, 15)}  # a hold changes nothing in the plan

    log_session(journal, TODAY)  # the next day's question, answered well
    question = question_for(journal, person, prog, TODAY + timedelta(days=1))
    assert question is not None
    record_answer(journal, person, question, MorningAnswer(score=1, back=True))
    rows = journal.adjustments(person.row)
    assert held_words(prog, rows) == ""
    assert len(offers(person, prog, journal, rows, TODAY + timedelta(days=1))) == 1


def test_a_step_down_undoes_the_last_change_for_one_session(journal: Journal) -> None:
    person = person_of(journal)
    prog = programme(pain={"next_morning": "baseline", "if_exceeded": "step_down"})
    two_good_sessions(journal)
    (offer,) = offers(person, prog, journal, [], TODAY)
    accept(journal, person, offer)
    assert plan_for(journal) == {(3, 20)}
    question = question_for(journal, person, prog, TODAY)
    assert question is not None
    verdict = record_answer(journal, person, question, MorningAnswer(score=5, back=False))
    assert verdict.steps_down
    assert offers(person, prog, journal, journal.adjustments(person.row), TODAY) == []
    assert plan_for(journal) == {(3, 15)}  # this session: one step lighter
    log_session(journal, TODAY, hour=10)  # ... and once it has run, back to the change
    assert plan_for(journal) == {(3, 20)}


def test_a_step_down_with_no_change_accepted_is_one_set_fewer(journal: Journal) -> None:
    person = person_of(journal)
    prog = programme(pain={"next_morning": "no_worse", "if_exceeded": "step_down"})
    log_session(journal, TODAY - timedelta(days=1))
    question = question_for(journal, person, prog, TODAY)
    assert question is not None
    record_answer(journal, person, question, MorningAnswer(score=6, back=False))
    assert plan_for(journal) == {(2, 15)}
    assert plan_for(journal, sets=1) == {(1, 15)}  # never below one


def test_a_resumed_session_plans_the_changes_as_they_stood_when_it_began(
    journal: Journal,
) -> None:
    person = person_of(journal)
    two_good_sessions(journal)
    began = journal.clock.wall()
    journal.clock.advance(600)  # type: ignore[attr-defined]
    (offer,) = offers(person, programme(), journal, [], TODAY)
    accept(journal, person, offer)
    lib = Library(exercises=exercises(), programmes={PROGRAMME_ID: programme()})
    choice = SessionChoice(clam_session(), PROGRAMME_ID, "Early", affected="left")
    then = person_choice(choice, lib, journal, as_of=began)
    assert then is choice and dose(choice_plan(then, lib.exercises, 2)) == {(3, 15)}
    now = person_choice(choice, lib, journal, as_of=journal.clock.wall())
    assert dose(choice_plan(now, lib.exercises, 2)) == {(3, 20)}


def test_a_session_run_plans_the_persons_changes(journal: Journal, tmp_path: Path) -> None:
    person = person_of(journal)
    two_good_sessions(journal)
    (offer,) = offers(person, programme(), journal, [], TODAY)
    accept(journal, person, offer)
    lib = Library(exercises=exercises(), programmes={PROGRAMME_ID: programme()})
    fake = journal.clock
    run = SessionRun(
        lib, fake, FakeVoice(), lambda: Journal(journal.path, clock=fake, person=person.row)
    )
    run.start(
        SessionChoice(clam_session(), PROGRAMME_ID, "Early", affected="left", person=person.row)
    )
    assert run.plan is not None and dose(run.plan) == {(3, 20)}
    run.shutdown()


def test_a_second_copy_cannot_accept_or_undo(journal: Journal) -> None:
    person = person_of(journal)
    two_good_sessions(journal)
    (offer,) = offers(person, programme(), journal, [], TODAY)
    held = Held(journal.path.parent, 4242)
    second = ReadOnlyJournal(journal.path, held, clock=journal.clock)
    with second, pytest.raises(JournalOwnedElsewhere):
        accept(second, person, offer)
    assert journal.adjustments(person.row) == []


def _clams() -> dict[str, Any]:
    return {"exercise": "clamshell", "sets": 3, "reps": 15, "sessions": 2}
