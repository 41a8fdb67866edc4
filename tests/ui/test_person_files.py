"""The handout and the hand-over file from Today: a handout for the person's programme is
saved as a PDF, and a hand-over file saved for a person and opened in another window
brings the person, switched to, with their history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from guide_app.core.history import Journal, SetRecord
from guide_app.core.people import Person
from guide_app.core.sides import Side
from guide_app.speech.service import RecordingSpeech
from tests.helpers.window import MakeWindow


def given(path: Path) -> Callable[..., Path]:
    return lambda *_: path


def test_the_handout_and_the_hand_over_file_from_today(
    qtbot: QtBot, make_window: MakeWindow, open_journal: Callable[[], Journal], tmp_path: Path
) -> None:
    with open_journal() as journal:
        ana = journal.add_person(
            Person(
                0,
                "",
                name="Ana",
                affected=Side.LEFT,
                programme_id="achilles-pain-monitoring",
                started_on=date(2025, 12, 20),
            )
        )
        journal.person = ana.row
        row = journal.begin_session("achilles-loading-phase-2", "Achilles", person=ana.row)
        journal.record_set(row, SetRecord("heel-raise", Side.LEFT, 1, 15, 15))
        journal.end_session(row)
    clinic = make_window(
        voice=RecordingSpeech(), journal=open_journal, user_library=tmp_path / "own"
    )
    clinic.set_person(clinic.people.journal().person_by_row(ana.row))  # type: ignore[union-attr]
    assert clinic.days is not None
    files = clinic.days.files
    files._save_as = given(tmp_path / "ana-handout.pdf")  # type: ignore[assignment]
    assert files.save_handout() == tmp_path / "ana-handout.pdf"
    assert (tmp_path / "ana-handout.pdf").read_bytes().startswith(b"%PDF")
    files._save_as = given(tmp_path / "ana.handover.zip")  # type: ignore[assignment]
    assert files.export(with_history=True) == tmp_path / "ana.handover.zip"

    home_data = tmp_path / "home"
    home_data.mkdir()
    home = make_window(
        voice=RecordingSpeech(),
        journal=lambda: Journal(home_data / "history.sqlite3", clock=clinic.adapter.run.clock),
        user_library=home_data / "own",
    )
    assert home.days is not None
    home.days.files._open = given(tmp_path / "ana.handover.zip")  # type: ignore[assignment]
    home.days.files.import_file()
    assert home.person.name == "Ana"
    journal = home.people.journal()
    assert journal is not None
    (session,) = journal.sessions()
    assert [s.done_reps for s in journal.sets_for(session.row)] == [15]
    assert (
        home.days.today is not None and home.days.today.programme_id == "achilles-pain-monitoring"
    )


def test_a_handout_that_cannot_be_saved_is_said_in_the_window(
    make_window: MakeWindow, open_journal: Callable[[], Journal], tmp_path: Path
) -> None:
    with open_journal() as journal:
        journal.update_person(
            Person(1, journal.people()[0].uid, programme_id="achilles-pain-monitoring")
        )
    window = make_window(voice=RecordingSpeech(), journal=open_journal)
    assert window.days is not None
    files = window.days.files
    files._save_as = given(tmp_path / "no-such-folder" / "h.pdf")  # type: ignore[assignment]
    assert files.save_handout() is None
    assert "no-such-folder" in window.notice.text()
