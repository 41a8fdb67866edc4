"""Content texts that are also identities, in any language: a German frequency is still
read as numbers, the journal keeps phases, titles and measurements in English, and a
journal written in one language matches the programme, and reads, in the other."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from guide_app.core import i18n
from guide_app.core.adjustments import accept, current_phase, offers
from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.content_language import english, same, translated
from guide_app.core.history import Journal
from guide_app.core.loader import Library
from guide_app.core.morning_check import morning_limits
from guide_app.core.people import Person
from guide_app.core.session_run import SessionRun
from guide_app.core.sides import Side
from guide_app.core.steps import StepKind
from guide_app.core.today import today_readout
from tests.helpers.fakes import FakeVoice
from tests.helpers.language_identity import loaded, write_library

NOW = datetime(2026, 11, 30, 9).timestamp()
TODAY = date(2026, 11, 30)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    clock = FakeClock(wall_start=NOW)
    journal = Journal(tmp_path / "history.sqlite3", clock=clock)
    who = Person(0, "", name="K.", programme_id="knee-programme", started_on=TODAY - timedelta(2))
    journal.person = journal.add_person(who).row
    yield journal
    journal.close()


def person(journal: Journal) -> Person:
    return journal.person_by_row(journal.person)


def run_session(library: Library, journal: Journal, phase: str, value: float = 45.0) -> None:
    """The knee check run from the programme's ``phase`` (as the window names it), the
    knee measured at ``value``."""
    clock = journal.clock
    assert isinstance(clock, FakeClock)
    run = SessionRun(
        library,
        clock,
        FakeVoice(),
        lambda: Journal(journal.path, clock=clock, person=journal.person),
    )
    choice = SessionChoice(
        library.sessions["knee-check"], "knee-programme", phase, person=journal.person
    )
    run.start(choice)
    run.voice_prepared(1, 1)
    for _ in range(1000):
        runner = run.runner
        assert runner is not None
        if run.done:
            break
        at = run.wake_at()
        if at is None:
            clock.advance(2)
            if runner.step.kind is StepKind.MEASURE:
                run.record_measure(value)
            else:
                run.next()
        else:
            clock.set(max(at, clock.now()))
            run.tick()
    assert run.done
    run.shutdown()


def rows(journal: Journal, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(journal.path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_a_german_twice_a_day_still_gives_two_sessions_today(folder: Path) -> None:
    library = loaded(folder, "de")
    phase = library.programmes["knee-programme"].phases[0]
    assert phase.frequency.text == "zweimal täglich"
    who = Person(1, "a" * 32, programme_id="knee-programme", started_on=TODAY - timedelta(2))
    today = today_readout(who, library.programmes, library.sessions, [], TODAY)
    assert today is not None
    assert today.frequency == "zweimal täglich"
    assert today.phase == "Stufe 1"
    assert [s.session_id for s in today.slots] == ["knee-check", "knee-check"]


def test_the_pseudo_language_reads_the_frequency_too(folder: Path) -> None:
    library = loaded(folder, i18n.PSEUDO)
    phase = library.programmes["knee-programme"].phases[0]
    assert phase.frequency.text == i18n.pseudo("twice a day")
    assert english(phase.name) == "Phase 1"
    who = Person(1, "a" * 32, programme_id="knee-programme", started_on=TODAY - timedelta(2))
    today = today_readout(who, library.programmes, library.sessions, [], TODAY)
    assert today is not None and len(today.slots) == 2


def test_a_german_session_is_kept_in_english_and_meets_the_english_rule_in_both_languages(
    folder: Path, journal: Journal
) -> None:
    german = loaded(folder, "de")
    programme = german.programmes["knee-programme"]
    run_session(german, journal, programme.phases[0].name)
    assert rows(journal, "SELECT title, phase FROM sessions") == [("Knee check", "Phase 1")]
    assert rows(journal, "SELECT name, unit, value FROM measurements") == [
        ("Knee bend", "degrees", 45.0)
    ]
    # the rule, in German here, finds the measurement the journal keeps in English
    (offer,) = offers(
        person(journal), programme, journal, [], TODAY, measured=journal.session_details()
    )
    assert offer.change is not None and offer.change.phase == "next"
    assert "Kniebeugung" in offer.reason
    # and in English, the same rule (the same key: accepted once, in either language)
    english_programme = loaded(folder, None).programmes["knee-programme"]
    (again,) = offers(
        person(journal), english_programme, journal, [], TODAY, measured=journal.session_details()
    )
    assert again.key == offer.key
    assert "Knee bend" in again.reason


def test_a_rule_is_not_met_by_a_value_short_of_it_in_german(folder: Path, journal: Journal) -> None:
    german = loaded(folder, "de")
    programme = german.programmes["knee-programme"]
    run_session(german, journal, programme.phases[0].name, value=30.0)
    assert (
        offers(person(journal), programme, journal, [], TODAY, measured=journal.session_details())
        == []
    )


def test_an_english_journal_keeps_its_phase_when_the_library_is_german(
    folder: Path, journal: Journal
) -> None:
    english_library = loaded(folder, None)
    run_session(english_library, journal, "Phase 1")
    programme = english_library.programmes["knee-programme"]
    (offer,) = offers(
        person(journal), programme, journal, [], TODAY, measured=journal.session_details()
    )
    accept(journal, person(journal), offer)  # go on to the next phase, accepted in English
    assert rows(journal, "SELECT phase FROM sessions") == [("Phase 1",)]

    german = loaded(folder, "de").programmes["knee-programme"]
    taken = journal.adjustments(journal.person, german.id)
    assert current_phase(german, person(journal), taken, TODAY).name == "Stufe 2"
    # nothing offered again: the rule accepted in English is the same rule in German
    assert offers(person(journal), german, journal, taken, TODAY) == []
    held = [replace(a, change=None) for a in taken]  # had it not moved them on: still taken
    assert offers(person(journal), german, journal, held, TODAY) == []
    (record,) = journal.sessions()
    assert morning_limits(german, record.phase) == german.phases[0].pain
    who = replace(person(journal), row=journal.person)
    today = today_readout(who, {german.id: german}, {}, [], TODAY, phase_name=record.phase)
    assert today is not None and today.phase == "Stufe 1"


def test_a_phase_recorded_in_german_is_kept_in_english(folder: Path, journal: Journal) -> None:
    german = loaded(folder, "de")
    run_session(german, journal, "Stufe 1")
    (record,) = journal.sessions()
    assert record.phase == "Phase 1" and record.title == "Knee check"
    assert same("Stufe 1", record.phase) and not same("Stufe 2", record.phase)


def test_names_the_journal_keeps_are_shown_in_the_language_in_force(folder: Path) -> None:
    loaded(folder, "de")
    assert translated("Knee bend") == "Kniebeugung"
    assert translated("degrees") == "Grad"
    assert translated("Phase 1") == "Stufe 1"
    assert translated("Knee check") == "Kniecheck"
    assert translated("Something never loaded") == "Something never loaded"
    assert english("Kniebeugung") == "Knee bend"
    loaded(folder, None)
    assert translated("Knee bend") == "Knee bend"
    assert english("Kniebeugung") == "Kniebeugung"  # English: nothing is a translation


def test_a_journal_entry_read_back_in_german_has_its_german_name(
    folder: Path, journal: Journal
) -> None:
    english_library = loaded(folder, None)
    run_session(english_library, journal, "Phase 1")
    loaded(folder, "de")
    (detail,) = journal.session_details()
    (measured,) = detail.measurements
    assert (translated(measured.name), translated(measured.unit)) == ("Kniebeugung", "Grad")
    assert measured.side is Side.BOTH
