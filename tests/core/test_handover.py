"""The hand-over file carries a person, their programme with its custom content, and their
history from the clinic to the home and back: merged without duplicates however often,
never over a newer entry, and a damaged file changes nothing."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from guide_app.core.clock import FakeClock
from guide_app.core.handover import (
    HandoverError,
    export_handover,
    handover_name,
    import_handover,
    read_handover,
)
from guide_app.core.history import Journal
from guide_app.core.sides import Side
from tests.helpers.handover import (
    PICTURE,
    Machine,
    anna,
    clinic_library,
    machine,
    record_session,
    sets_of,
    world_clock,
)


@pytest.fixture
def clock() -> FakeClock:
    return world_clock()


@pytest.fixture
def clinic(tmp_path: Path, clock: FakeClock) -> Machine:
    place = machine(tmp_path / "clinic", clock)
    clinic_library(place.library_dir)
    return place


@pytest.fixture
def home(tmp_path: Path, clock: FakeClock) -> Machine:
    return machine(tmp_path / "home", clock)


def move(source: Machine, row: int, target: Machine, file: Path) -> str:
    """Hand the person at ``row`` over with their history; import it twice at the target:
    the second import changes nothing. Returns what the first import said."""
    export_handover(source.journal, row, source.library(), file, with_history=True)
    first = import_handover(file, target.journal, target.library_dir)
    again = import_handover(file, target.journal, target.library_dir)
    assert not again.merged.changed
    assert again.merged.words().startswith("0 new sessions, 0 new sets, 0 new measurements")
    assert again.words()[0].endswith("details as they were.")
    return "\n".join(first.words())


def test_three_round_trips_leave_no_duplicate_set_and_both_journals_agree(
    clinic: Machine, home: Machine, clock: FakeClock, tmp_path: Path
) -> None:
    patient = anna(clinic.journal).row
    record_session(clinic.journal, clock, patient)
    at_home = 0
    for trip in range(3):
        said = move(clinic, patient, home, tmp_path / f"to-home-{trip}.handover.zip")
        assert "1 new session, 2 new sets, 1 new measurement, 1 new pain report" in said
        at_home = home.journal.person_by_uid(clinic.journal.person_by_row(patient).uid).row
        for _ in range(2):
            record_session(home.journal, clock, at_home, sets=3)
        said = move(home, at_home, clinic, tmp_path / f"to-clinic-{trip}.handover.zip")
        assert "2 new sessions, 6 new sets, 2 new measurements, 2 new pain reports" in said
        record_session(clinic.journal, clock, patient)
    move(clinic, patient, home, tmp_path / "last.handover.zip")

    clinic_sets, home_sets = sets_of(clinic.journal, patient), sets_of(home.journal, at_home)
    assert clinic_sets == home_sets
    assert len(clinic_sets) == 4 * 2 + 6 * 3  # four clinic sessions, six home sessions
    assert len({s[1] for s in clinic_sets}) == len(clinic_sets)  # no set twice
    # The home copy's unused default person became Anna: nobody to switch between.
    (only,) = home.journal.people()
    assert (only.row, only.name, only.affected, only.programme_id) == (
        1,
        "Anna",
        Side.LEFT,
        "slide-programme",
    )
    assert only.reminders == ("18:30",)


def test_the_programme_with_its_custom_exercise_and_picture_arrives_in_the_library(
    clinic: Machine, home: Machine, tmp_path: Path
) -> None:
    patient = anna(clinic.journal).row
    file = tmp_path / "anna.handover.zip"
    written = export_handover(clinic.journal, patient, clinic.library(), file)
    assert written.words().startswith(f"Wrote {file} for Anna: their details and ")
    assert "the programme 'slide-programme' with 1 session, 2 exercises and 3 pictures" in (
        written.words()
    )
    assert file.stat().st_mode & 0o777 == 0o600  # health data: the owner's alone
    done = import_handover(file, home.journal, home.library_dir)
    assert done.words()[1] == (
        f"The programme 'slide-programme': 7 files added, 0 already there unchanged, "
        f"0 replaced in {home.library_dir}."
    )
    assert done.words()[2].startswith("No history in the file")
    library = home.library()
    assert "slide-programme" in library.programmes
    assert library.exercises["towel-slide"].name == "Towel slide"
    picture = library.picture_path("towel-slide", "start")
    assert picture is not None and picture.read_bytes() == PICTURE
    again = import_handover(file, home.journal, home.library_dir)
    assert "0 files added, 7 already there unchanged" in again.words()[1]


def test_content_changed_at_the_clinic_is_kept_at_home_unless_replaced(
    clinic: Machine, home: Machine, clock: FakeClock, tmp_path: Path
) -> None:
    patient = anna(clinic.journal).row
    export_handover(clinic.journal, patient, clinic.library(), tmp_path / "1.zip")
    import_handover(tmp_path / "1.zip", home.journal, home.library_dir)
    exercise = clinic.library_dir / "exercises" / "towel-slide.yaml"
    exercise.write_text(exercise.read_text().replace("Towel slide", "Towel glide"))
    record_session(clinic.journal, clock, patient)
    file = tmp_path / "2.zip"
    export_handover(clinic.journal, patient, clinic.library(), file, with_history=True)
    done = import_handover(file, home.journal, home.library_dir)
    said = done.words()
    assert said[1].startswith("The programme's content was not installed: it differs from")
    mine = home.library_dir / "exercises" / "slide-programme" / "towel-slide.yaml"
    assert said[2] == f"  {mine} is already there, with other content"
    assert said[-1].startswith("1 new session, 2 new sets")  # the history merged all the same
    assert home.library().exercises["towel-slide"].name == "Towel slide"
    done = import_handover(file, home.journal, home.library_dir, replace_content=True)
    assert ", 1 replaced in" in done.words()[1]
    assert home.library().exercises["towel-slide"].name == "Towel glide"


def test_a_programme_all_of_the_apps_own_is_not_carried(
    clinic: Machine, home: Machine, tmp_path: Path
) -> None:
    person = anna(clinic.journal)
    clinic.journal.update_person(
        type(person)(**{**_fields(person), "programme_id": "iliopsoas-rehab"})
    )
    file = tmp_path / "ilio.handover.zip"
    written = export_handover(clinic.journal, person.row, clinic.library(), file)
    assert "the programme 'iliopsoas-rehab' (the app's own)" in written.words()
    assert "content.zip" not in zipfile.ZipFile(file).namelist()
    done = import_handover(file, home.journal, home.library_dir)
    assert done.words()[1] == "The programme 'iliopsoas-rehab' is the app's own."
    assert not home.library_dir.exists()


def test_a_later_correction_at_home_replaces_the_clinics_entry(
    clinic: Machine, home: Machine, clock: FakeClock, tmp_path: Path
) -> None:
    patient = anna(clinic.journal).row
    session = record_session(clinic.journal, clock, patient)
    first, second = clinic.journal.sets_for(session)
    move(clinic, patient, home, tmp_path / "1.zip")
    assert first.uid and second.uid
    clock.advance(86400)
    home.journal.correct("set", first.uid, {"done_reps": 4}, "counted wrong")
    home.journal.delete_entry("set", second.uid, "did not happen")
    said = move(home, 1, clinic, tmp_path / "2.zip")
    assert "1 new correction" not in said and "2 new corrections" in said
    assert "2 entries corrected later in the file replaced the ones here." in said
    (only,) = clinic.journal.sets_for(session)
    assert (only.uid, only.done_reps, only.corrected) == (first.uid, 4, True)
    assert [c.reason for c in clinic.journal.corrections_for(first.uid)] == ["counted wrong"]


def test_a_newer_clinic_correction_is_not_overwritten_by_an_older_home_one(
    clinic: Machine, home: Machine, clock: FakeClock, tmp_path: Path
) -> None:
    patient = anna(clinic.journal).row
    session = record_session(clinic.journal, clock, patient)
    entry = clinic.journal.sets_for(session)[0].uid
    assert entry
    move(clinic, patient, home, tmp_path / "1.zip")
    clock.advance(3600)
    home.journal.correct("set", entry, {"done_reps": 7}, "home")
    clock.advance(3600)
    clinic.journal.correct("set", entry, {"done_reps": 5}, "clinic, later")
    said = move(home, 1, clinic, tmp_path / "2.zip")
    assert "replaced the one" not in said and "1 new correction," in said
    assert clinic.journal.sets_for(session)[0].done_reps == 5
    # ... and the clinic's newer correction wins at home on the way back.
    move(clinic, patient, home, tmp_path / "3.zip")
    assert home.journal.sets_for(_row_of(home.journal, session, clinic))[0].done_reps == 5
    reasons = {c.reason for c in clinic.journal.corrections_for(entry)}
    assert reasons == {"home", "clinic, later"}


def test_an_undo_at_home_travels_back_and_leaves_the_entry_unmarked(
    clinic: Machine, home: Machine, clock: FakeClock, tmp_path: Path
) -> None:
    patient = anna(clinic.journal).row
    session = record_session(clinic.journal, clock, patient)
    entry = clinic.journal.sets_for(session)[0]
    assert entry.uid
    clock.advance(3600)
    clinic.journal.correct("set", entry.uid, {"done_reps": 3}, "typed wrong")
    move(clinic, patient, home, tmp_path / "1.zip")
    clock.advance(3600)
    home.journal.undo_correction(entry.uid)  # the patient knows better: it was right
    move(home, 1, clinic, tmp_path / "2.zip")
    back = clinic.journal.sets_for(session)[0]
    assert (back.done_reps, back.corrected) == (entry.done_reps, False)
    assert [c.reason for c in clinic.journal.corrections_for(entry.uid)] == [
        "typed wrong",
        "undone: typed wrong",
    ]
    move(clinic, patient, home, tmp_path / "3.zip")  # and nothing comes back undone
    row = _row_of(home.journal, session, clinic)
    assert home.journal.sets_for(row)[0].done_reps == entry.done_reps


def test_a_newer_deletion_here_wins_over_the_files_older_entry(
    clinic: Machine, home: Machine, clock: FakeClock, tmp_path: Path
) -> None:
    patient = anna(clinic.journal).row
    session = record_session(clinic.journal, clock, patient)
    move(clinic, patient, home, tmp_path / "1.zip")
    entry = clinic.journal.sets_for(session)[0].uid
    assert entry
    clock.advance(60)
    clinic.journal.delete_entry("set", entry)
    move(home, 1, clinic, tmp_path / "2.zip")
    assert entry not in {s.uid for s in clinic.journal.sets_for(session)}


def test_the_persons_details_come_only_from_a_newer_file(
    clinic: Machine, home: Machine, clock: FakeClock, tmp_path: Path
) -> None:
    person = anna(clinic.journal)
    old = tmp_path / "old.zip"
    export_handover(clinic.journal, person.row, clinic.library(), old)
    import_handover(old, home.journal, home.library_dir)
    clock.advance(86400)
    clinic.journal.update_person(type(person)(**{**_fields(person), "weaker_first": False}))
    new = tmp_path / "new.zip"
    export_handover(clinic.journal, person.row, clinic.library(), new)
    done = import_handover(new, home.journal, home.library_dir)
    assert done.words()[0] == "Anna: details updated from the file."
    assert home.journal.person_by_row(1).weaker_first is False
    record_session(home.journal, clock, 1)  # home records after the new file was made
    done = import_handover(old, home.journal, home.library_dir)
    assert done.words()[0] == ("Anna: details kept: they changed here after the file was made.")
    assert home.journal.person_by_row(1).weaker_first is False


def test_accepted_progressions_move_once_and_an_undo_follows(
    clinic: Machine, home: Machine, clock: FakeClock, tmp_path: Path
) -> None:
    from guide_app.core.adjustment_store import Adjustment

    patient = anna(clinic.journal).row
    accepted = clinic.journal.add_adjustment(
        Adjustment(0, "", patient, "slide-programme", "rule-1", "12 reps reached", words="+2 reps")
    )
    move(clinic, patient, home, tmp_path / "1.zip")
    (there,) = home.journal.adjustments(1)
    assert (there.uid, there.reason, there.undone) == (accepted.uid, "12 reps reached", False)
    clock.advance(60)
    home.journal.undo_adjustment(accepted.uid)
    said = move(home, 1, clinic, tmp_path / "2.zip")
    assert "0 new progressions, 1 progression undone" in said
    (back,) = clinic.journal.adjustments(patient)
    assert back.undone


# --------------------------------------------------------------------------- refused files


def _damaged(file: Path, tmp_path: Path, member: str, change: bytes | None) -> Path:
    """A copy of ``file`` with ``member`` replaced by ``change`` (None: left out)."""
    out = tmp_path / f"damaged-{member}.zip"
    with zipfile.ZipFile(file) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info.filename, source.read(info.filename))
            elif change is not None:
                target.writestr(info.filename, change)
    return out


def _journal_rows(path: Path) -> list[tuple[str, int]]:
    connection = sqlite3.connect(path)
    try:
        return [
            (t, connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
            for t in ("people", "sessions", "sets", "pain", "corrections", "adjustments")
        ]
    finally:
        connection.close()


def test_a_damaged_file_is_refused_by_name_and_the_journal_is_unchanged(
    clinic: Machine, home: Machine, clock: FakeClock, tmp_path: Path
) -> None:
    patient = anna(clinic.journal).row
    record_session(clinic.journal, clock, patient)
    file = tmp_path / "anna.handover.zip"
    export_handover(clinic.journal, patient, clinic.library(), file, with_history=True)
    history = json.loads(zipfile.ZipFile(file).read("history.json"))
    before = _journal_rows(home.journal.path)

    bad_history = dict(history, sets=[{**history["sets"][0], "done_reps": -3}])
    cases = {
        _damaged(file, tmp_path, "history.json", b'{"sessions": ['): "differs from the manifest",
        tmp_path / "not.zip": "not a hand-over file (not a zip file, or damaged)",
    }
    (tmp_path / "not.zip").write_bytes(b"PK\x03\x04 cut short")
    for damaged, why in cases.items():
        with pytest.raises(HandoverError) as refused:
            import_handover(damaged, home.journal, home.library_dir)
        assert str(damaged) in str(refused.value) and why in str(refused.value)

    # A file whose checksums were made to match a bad row: refused by the row's checks.
    forged = _forged(file, tmp_path, "history.json", json.dumps(bad_history).encode())
    with pytest.raises(HandoverError) as refused:
        import_handover(forged, home.journal, home.library_dir)
    assert f"{forged}: refused" in refused.value.message
    assert "history.json: sets[0]: done_reps is -3, which it cannot be" in refused.value.problems
    assert _journal_rows(home.journal.path) == before
    assert not home.library_dir.exists()


def test_a_row_the_journal_rejects_rolls_back_the_whole_import(
    clinic: Machine,
    home: Machine,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patient = anna(clinic.journal).row
    record_session(clinic.journal, clock, patient)
    file = tmp_path / "anna.handover.zip"
    export_handover(clinic.journal, patient, clinic.library(), file, with_history=True)
    record_session(home.journal, clock, 1)
    before = _journal_rows(home.journal.path)

    def refuse(*_: object) -> int:  # the last step of the merge, after sessions and sets
        raise sqlite3.IntegrityError("UNIQUE constraint failed: corrections.uid")

    monkeypatch.setattr("guide_app.core.history_merge._insert_new", refuse)
    with pytest.raises(HandoverError) as refused:
        import_handover(file, home.journal, home.library_dir)
    assert "refused by the history, which is left as it was" in refused.value.message
    assert _journal_rows(home.journal.path) == before
    assert not home.library_dir.exists()


def test_a_content_bundle_is_not_a_hand_over_file(clinic: Machine, tmp_path: Path) -> None:
    from guide_app.core.content_bundle import export_bundle

    bundle = export_bundle(clinic.library(), "programme", "slide-programme", tmp_path / "p.zip")
    with pytest.raises(HandoverError, match="it is a content bundle: install it with"):
        read_handover(bundle.path)


def test_a_newer_hand_over_version_asks_for_an_update(clinic: Machine, tmp_path: Path) -> None:
    patient = anna(clinic.journal).row
    file = tmp_path / "anna.handover.zip"
    export_handover(clinic.journal, patient, clinic.library(), file)
    manifest = json.loads(zipfile.ZipFile(file).read("manifest.json"))
    newer = _damaged(
        file, tmp_path, "manifest.json", json.dumps({**manifest, "version": 2}).encode()
    )
    with pytest.raises(HandoverError, match="made by a newer Session Guide"):
        read_handover(newer)


def test_the_file_name_says_whose_and_when(clinic: Machine) -> None:
    from datetime import date

    person = anna(clinic.journal)
    assert handover_name(person, date(2026, 11, 30)) == "anna-2026-11-30.handover.zip"
    assert handover_name(clinic.journal.person_by_row(1), date(2026, 11, 30)) == (
        "me-2026-11-30.handover.zip"
    )


# --------------------------------------------------------------------------- helpers


def _forged(file: Path, tmp_path: Path, member: str, data: bytes) -> Path:
    """``member`` replaced with the manifest's checksum made to match it."""
    import hashlib

    manifest = json.loads(zipfile.ZipFile(file).read("manifest.json"))
    for entry in manifest["files"]:
        if entry["path"] == member:
            entry.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    step = _damaged(file, tmp_path, member, data)
    return _damaged(step, tmp_path, "manifest.json", json.dumps(manifest).encode())


def _fields(person: object) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(person)  # type: ignore[call-overload, no-any-return]


def _row_of(journal: Journal, clinic_row: int, clinic: Machine) -> int:
    uid = clinic.journal.session(clinic_row).uid
    rows = journal._read("SELECT id FROM sessions WHERE uid = ?", (uid,))
    return int(rows[0][0])
