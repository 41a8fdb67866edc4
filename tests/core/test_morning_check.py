"""The next-morning question: asked at the start of the next session only when the
programme writes ``pain.next_morning``, once per session; the answer is kept with the
session it is about, and its verdict follows the programme's ``if_exceeded``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from guide_app.core.adjustments import step_down_due
from guide_app.core.history import Journal
from guide_app.core.model import PainLimits
from guide_app.core.morning_check import (
    MorningAnswer,
    last_session,
    morning_limits,
    morning_question,
    morning_verdict,
    question_for,
    record_answer,
)
from tests.helpers.progression import (
    PROGRAMME_ID,
    TODAY,
    clock,
    journal_with_person,
    log_session,
    programme,
)

BASELINE = {"next_morning": "baseline", "if_exceeded": "step_down", "say": "Do less."}


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    journal, _ = journal_with_person(tmp_path / "history.sqlite3", clock())
    yield journal
    journal.close()


def person_of(journal: Journal) -> Any:
    return journal.person_by_row(journal.person)


def test_a_programme_with_no_next_morning_never_asks(journal: Journal) -> None:
    log_session(journal, TODAY - timedelta(days=1))
    person = person_of(journal)
    assert question_for(journal, person, programme(), TODAY) is None
    no_morning = programme(pain={"during": 5, "after": 5, "if_exceeded": "step_down"})
    assert question_for(journal, person, no_morning, TODAY) is None
    assert morning_limits(no_morning, "Early") is None


def test_asked_once_about_the_last_session_on_an_earlier_day(journal: Journal) -> None:
    person = person_of(journal)
    prog = programme(pain=BASELINE)
    assert question_for(journal, person, prog, TODAY) is None  # no session yet
    row = log_session(journal, TODAY - timedelta(days=1))
    question = question_for(journal, person, prog, TODAY)
    assert question is not None and question.session_row == row
    assert question.heading == "The morning after yesterday's session"
    assert question.back_words == (
        "Were pain and stiffness back to how they were before that session?"
    )
    same_day = log_session(journal, TODAY, hour=8)
    assert question_for(journal, person, prog, TODAY) is None  # today's session: not yet
    question = question_for(journal, person, prog, TODAY + timedelta(days=2))
    assert question is not None and question.session_row == same_day
    assert question.heading.startswith("The morning after your session on Monday 30 November")

    record_answer(journal, person, question, MorningAnswer(score=2, back=True))
    assert question_for(journal, person, prog, TODAY + timedelta(days=2)) is None  # answered
    (report,) = journal.pain_for(same_day)  # kept with the session it is about
    assert (report.moment, report.exercise_id, report.score) == ("next_morning", None, 2)


def test_the_phase_may_ask_when_the_programme_does_not(journal: Journal) -> None:
    prog = programme()
    phases = list(prog.phases)
    phases[0] = phases[0].model_copy(
        update={"pain": PainLimits.model_validate({"next_morning": "no_worse"})}
    )
    prog = prog.model_copy(update={"phases": tuple(phases)})
    log_session(journal, TODAY - timedelta(days=1))
    question = question_for(journal, person_of(journal), prog, TODAY)
    assert question is not None
    assert question.back_words == "Was it no worse than before that session?"
    later = log_session(journal, TODAY, phase="Later", hour=8)
    record = last_session(journal, PROGRAMME_ID)
    assert record is not None and record.session.row == later
    assert morning_question(person_of(journal), prog, record, TODAY + timedelta(days=1)) is None


@pytest.mark.parametrize(
    ("if_exceeded", "exceeded_words"),
    [
        ("carry_on", "The programme says to carry on; keep an eye on it."),
        ("hold", "The progression is held"),
        ("step_down", "So today's session is one step lighter."),
        ("stop", "contact your clinician"),
    ],
)
def test_the_verdict_follows_the_programme(if_exceeded: str, exceeded_words: str) -> None:
    limits = PainLimits.model_validate(BASELINE | {"if_exceeded": if_exceeded})
    good = morning_verdict(limits, MorningAnswer(score=3, back=True))
    assert not good.exceeded and good.action == "carry_on" and "settled" in good.words
    bad = morning_verdict(limits, MorningAnswer(score=3, back=False))
    assert bad.exceeded and bad.action == if_exceeded
    assert bad.words.startswith("The pain had not settled by the next morning.")
    assert exceeded_words in bad.words and bad.words.endswith("Do less.")
    assert bad.advise_not_to_start == (if_exceeded == "stop")
    assert bad.steps_down == (if_exceeded == "step_down")


def test_a_step_down_is_due_for_the_next_session_only(journal: Journal) -> None:
    person = person_of(journal)
    prog = programme(pain=BASELINE)
    log_session(journal, TODAY - timedelta(days=1))
    question = question_for(journal, person, prog, TODAY)
    assert question is not None
    assert not step_down_due(journal, person.row, PROGRAMME_ID)
    record_answer(journal, person, question, MorningAnswer(score=6, back=False))
    assert step_down_due(journal, person.row, PROGRAMME_ID)
    log_session(journal, TODAY, hour=10)
    assert not step_down_due(journal, person.row, PROGRAMME_ID)


def test_a_score_is_0_to_10() -> None:
    with pytest.raises(ValueError):
        MorningAnswer(score=11, back=True)
