"""`guide-app handover export --person NAME [--with-history] FILE` writes a person's file;
`guide-app handover import FILE` merges it and says what changed: nothing, the second
time; a damaged file is refused by name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from guide_app.cli import build_parser
from guide_app.core.history import Journal
from tests.helpers.handover import anna, clinic_library, record_session, world_clock


def run(*argv: str) -> int:
    args = build_parser().parse_args(list(argv))
    result: int = args.func(args)
    return result


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """The clinic's data folder: Anna with one session, and a library with her programme."""
    clock = world_clock()
    clinic_library(tmp_path / "clinic-library")
    with Journal(tmp_path / "clinic" / "history.sqlite3", clock=clock) as journal:
        record_session(journal, clock, anna(journal).row)
    return tmp_path / "clinic"


def export(clinic: Path, file: Path, *more: str) -> int:
    library = str(clinic.parent / "clinic-library")
    return run(
        "--no-user-library", "--library", library, "handover", "export",
        "--data-dir", str(clinic), *more, str(file),
    )  # fmt: skip


def test_export_then_import_twice_says_what_moved_and_then_nothing(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "anna"
    assert export(clinic, file, "--person", "anna", "--with-history") == 0
    file = tmp_path / "anna.handover.zip"
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote {file} for Anna: their details and 0 accepted progressions;")
    assert "their history: 1 session with 2 sets." in out
    home, library = tmp_path / "home", tmp_path / "home-library"
    argv = ("handover", "import", "--data-dir", str(home), str(file), "--into", str(library))
    assert run(*argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Anna: added as a person here."
    assert lines[1].startswith("The programme 'slide-programme': 7 files added,")
    assert lines[2].startswith("1 new session, 2 new sets, 1 new measurement, 1 new pain report,")
    assert (library / "exercises" / "slide-programme" / "towel-slide.yaml").exists()
    assert run(*argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Anna: details as they were."
    assert lines[2] == (
        "0 new sessions, 0 new sets, 0 new measurements, 0 new pain reports, "
        "0 new effort ratings, 0 new corrections, 0 new progressions."
    )
    with Journal(home / "history.sqlite3", clock=world_clock()) as journal:
        assert [p.name for p in journal.people()] == ["Anna"]
        assert len(journal.session_details()[0].sets) == 2


def test_a_damaged_file_is_refused_and_the_journal_left_as_it_was(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "anna.handover.zip"
    assert export(clinic, file, "--person", "2", "--with-history") == 0
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(file) as source, zipfile.ZipFile(damaged, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data.replace(b'"done_reps": 9', b'"done_reps": 8'))
    home = tmp_path / "home"
    with Journal(home / "history.sqlite3", clock=world_clock()) as journal:
        before = journal.people()
    capsys.readouterr()
    assert run("handover", "import", "--data-dir", str(home), str(damaged)) == 1
    err = capsys.readouterr().err
    assert f"{damaged}: refused: make the hand-over file again where it came from:" in err
    assert "'history.json' differs from the manifest (damaged or changed)" in err
    with Journal(home / "history.sqlite3", clock=world_clock()) as journal:
        assert journal.people() == before and journal.sessions() == []


def test_an_unknown_person_lists_the_people(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(clinic, tmp_path / "x.zip", "--person", "Bob") == 1
    err = capsys.readouterr().err
    assert "No person 'Bob' here. The people are:\n  1: Me\n  2: Anna\n" in err
    assert not (tmp_path / "x.zip").exists()


def test_export_without_a_journal_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ("handover", "export", "--data-dir", str(tmp_path / "none"), "--person", "1")
    assert run(*argv, str(tmp_path / "x.zip")) == 1
    assert "No history yet" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()
