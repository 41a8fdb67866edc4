"""The progression offer (Accept, Not now, Undo) and the next-morning question, over a
real journal: what the person reads, and the history rows their buttons leave."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from guide_app.core.adjustments import Offer, accept, held_words, offers, undo
from guide_app.core.history import Journal
from guide_app.core.journal_lock import Held, ReadOnlyJournal
from guide_app.core.morning_check import question_for, record_answer
from guide_app.ui.morning_question import MorningQuestion
from guide_app.ui.progression_offer import ProgressionOffer
from tests.helpers.progression import (
    TODAY,
    clock,
    journal_with_person,
    log_session,
    programme,
    two_good_sessions,
)

NAMES = {"clamshell": "Clamshell", "bridge": "Bridge"}
STOP = {"next_morning": "baseline", "if_exceeded": "stop", "say": "Rest the tendon."}


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    journal, _ = journal_with_person(tmp_path / "history.sqlite3", clock())
    yield journal
    journal.close()


def the_offers(journal: Journal) -> list[Offer]:
    person = journal.person_by_row(journal.person)
    return offers(person, programme(), journal, [], TODAY, name_of=lambda i: NAMES[i])


def offer_widget(qtbot: QtBot, journal: Journal, found: list[Offer]) -> ProgressionOffer:
    person = journal.person_by_row(journal.person)
    widget = ProgressionOffer(
        found,
        accept=lambda offer: accept(journal, person, offer),
        undo=lambda adjustment: undo(journal, adjustment),
    )
    qtbot.addWidget(widget)
    return widget


def test_accept_keeps_the_change_and_undo_takes_it_back(qtbot: QtBot, journal: Journal) -> None:
    two_good_sessions(journal)
    widget = offer_widget(qtbot, journal, the_offers(journal))
    (row,) = widget.rows
    assert widget.title.text() == "Ready for a step up"
    assert row.heading.text() == "Next step for Clamshell"
    assert row.change.text() == "From your next session: 20 reps"
    assert row.reason.text() == "Met: 3x15 on each side in each of the last 2 sessions."
    assert row.accept_button.text() == "&Accept" and row.undo_button.isHidden()

    with qtbot.waitSignal(widget.accepted) as signal:
        row.accept_button.click()
    assert signal.args[0].words == "20 reps"
    assert row.status.text().startswith("Accepted: your programme changes from the next session")
    assert row.accept_button.isHidden() and not row.undo_button.isHidden()
    (kept,) = journal.adjustments(journal.person)
    assert kept.words == "20 reps" and kept.undone_at is None

    with qtbot.waitSignal(widget.undone) as signal:
        row.undo_button.click()
    assert signal.args[0].undone_at is not None
    assert row.status.text().startswith("Undone")
    assert not row.accept_button.isHidden() and row.undo_button.isHidden()
    (kept,) = journal.adjustments(journal.person)
    assert kept.undone_at is not None  # the history keeps it, marked undone


def test_not_now_keeps_nothing_and_advice_is_noted(qtbot: QtBot, journal: Journal) -> None:
    two_good_sessions(journal)
    log_session(journal, TODAY, reps=10, exercise_id="bridge")
    widget = offer_widget(qtbot, journal, the_offers(journal))
    clams, bridge = widget.rows
    assert widget.title.text() == "Ready for a step up, and advice"
    clams.later_button.click()
    assert clams.status.text() == "Not now: it is offered again next time."
    assert journal.adjustments(journal.person) == []
    assert bridge.heading.text() == "Advice for Bridge"
    assert bridge.change.text() == "Add the band" and bridge.accept_button.text() == "&Noted"
    bridge.accept_button.click()
    assert bridge.status.text() == "Noted in your history."
    (noted,) = journal.adjustments(journal.person)
    assert noted.change is None and noted.words == "add the band"


def test_a_second_copy_says_it_saves_nothing(qtbot: QtBot, journal: Journal) -> None:
    two_good_sessions(journal)
    person = journal.person_by_row(journal.person)
    second = ReadOnlyJournal(journal.path, Held(journal.path.parent, 4242), clock=journal.clock)
    widget = ProgressionOffer(the_offers(journal), accept=lambda o: accept(second, person, o))
    qtbot.addWidget(widget)
    widget.rows[0].accept_button.click()
    assert "process 4242" in widget.rows[0].status.text()
    assert not widget.rows[0].accept_button.isHidden()
    second.close()


def test_held_progression_says_why_and_offers_nothing(qtbot: QtBot, journal: Journal) -> None:
    widget = ProgressionOffer([], held="No step up for now: pain had not settled.")
    qtbot.addWidget(widget)
    assert widget.title.text() == "Progression on hold" and widget.rows == []
    assert widget.held.text() == "No step up for now: pain had not settled."
    empty = ProgressionOffer([])
    qtbot.addWidget(empty)
    assert empty.isHidden()


def morning(qtbot: QtBot, journal: Journal, pain: dict[str, Any]) -> MorningQuestion:
    person = journal.person_by_row(journal.person)
    prog = programme(pain=pain)
    log_session(journal, TODAY - timedelta(days=1))
    question = question_for(journal, person, prog, TODAY)
    assert question is not None
    dialog = MorningQuestion(question, lambda a: record_answer(journal, person, question, a))
    qtbot.addWidget(dialog)
    return dialog


def test_a_good_morning_answer_starts_the_session(qtbot: QtBot, journal: Journal) -> None:
    dialog = morning(qtbot, journal, {"next_morning": "baseline"})
    dialog.save_button.click()
    assert dialog.message.text() == "Choose a number from 0 to 10, and Yes or No."
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    qtbot.keyClick(dialog, Qt.Key.Key_Y)
    assert (dialog.score(), dialog.back()) == (2, True)
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.verdict is not None and not dialog.verdict.exceeded
    (report,) = journal.pain_for(dialog.question.session_row)
    assert (report.moment, report.score) == ("next_morning", 2)


def test_stop_advises_the_clinician_and_offers_not_to_start(qtbot: QtBot, journal: Journal) -> None:
    dialog = morning(qtbot, journal, STOP)
    assert dialog.windowTitle() == "Before you start"
    dialog.choose(6)
    dialog.set_back(False)
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    words = dialog.message.text()
    assert "contact your clinician" in words and words.endswith("Rest the tendon.")
    assert dialog.start_button.text() == "Start anyway" and not dialog.start_button.isHidden()
    dialog.dont_start_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    person = journal.person_by_row(journal.person)
    rows = journal.adjustments(person.row)
    assert rows[-1].action == "stop" and rows[-1].exceeded
    assert "No step up for now" in held_words(programme(pain=STOP), rows)
