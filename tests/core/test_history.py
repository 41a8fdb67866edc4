"""The history journal: schema and migrations, round trips, resume after a crash, per-side
totals, CSV export, and the faults a person can meet (read-only folder, full disk, corrupt
file)."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide_app.core.clock import FakeClock as CoreFakeClock
from guide_app.core.clock import MonotonicClock
from guide_app.core.history import (
    CSV_COLUMNS,
    MIGRATIONS,
    SCHEMA_VERSION,
    CorruptJournalError,
    DayVolume,
    DiskFullError,
    EffortRating,
    Journal,
    JournalBusyError,
    Measurement,
    MeasurementPoint,
    NewerJournalError,
    PainReport,
    ReadOnlyFolderError,
    SetRecord,
    Side,
    SideTotals,
    StorageError,
    _error_from_sqlite,
)
from guide_app.core.history_records import detail_measurements, detail_volume

REPO = Path(__file__).resolve().parents[2]


class FakeClock:
    """A ``Clock`` whose wall time only moves when a test says so (and may be set back, to
    seed the journal out of order)."""

    def __init__(self, when: datetime) -> None:
        self.seconds = when.timestamp()

    def now(self) -> float:
        return self.seconds

    def wall(self) -> float:
        return self.seconds

    def real_seconds(self, seconds: float) -> float:
        return seconds

    def set(self, when: datetime) -> None:
        self.seconds = when.timestamp()

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2025, 3, 3, 9, 0))


@pytest.fixture
def journal(tmp_path: Path, clock: FakeClock) -> Journal:
    j = Journal(tmp_path / "data" / "history.sqlite3", clock=clock)
    yield j  # type: ignore[misc]
    j.close()


def one_set(exercise: str, side: str, number: int, done: int = 20, **more: object) -> SetRecord:
    return SetRecord(exercise, side, number, planned_reps=20, done_reps=done, **more)  # type: ignore[arg-type]


def seed_rehab(journal: Journal, clock: FakeClock, sessions: int = 5) -> list[int]:
    """``sessions`` days of clamshells, 3x20 on the affected left and 2x20 on the right, plus
    a squat on both sides; one day apart, starting 3 March 2025."""
    rows = []
    for day in range(sessions):
        clock.set(datetime(2025, 3, 3, 9, 0) + timedelta(days=day))
        row = journal.begin_session(
            "hip-rehab", "Hip rehab", programme_id="hip-programme", affected_side="left"
        )
        for number in (1, 2, 3):
            clock.advance(60)
            journal.record_set(row, one_set("clamshell", "left", number))
        for number in (1, 2):
            clock.advance(60)
            journal.record_set(row, one_set("clamshell", "right", number))
        clock.advance(60)
        journal.record_set(row, one_set("squat", "both", 1, done=10))
        journal.end_session(row)
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- schema


def test_a_new_journal_is_created_with_the_schema_in_wal_mode(journal: Journal) -> None:
    check = sqlite3.connect(journal.path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sessions", "sets", "measurements", "pain", "effort"} <= tables
    check.close()
    assert journal._connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert journal.notice is None


def test_an_empty_file_is_migrated_and_reopening_keeps_everything(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"")  # version 0: no tables yet
    with Journal(path, clock=clock) as journal:
        row = journal.begin_session("s", "Session")
        journal.record_set(row, one_set("clamshell", "left", 1))
    with Journal(path, clock=clock) as journal:
        assert journal.notice is None
        assert journal._connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [s.exercise_id for s in journal.sets_for(row)] == ["clamshell"]


def test_a_journal_from_a_newer_app_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE future (x)")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerJournalError, match="newer version"):
        Journal(path)
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


# --------------------------------------------------------------------------- round trips


def test_every_record_round_trips(journal: Journal, clock: FakeClock) -> None:
    row = journal.begin_session(
        "hip-rehab",
        "Hip rehab",
        programme_id="hip-programme",
        phase="Phase 1",
        affected_side="left",
        weaker_side="right",
    )
    full = SetRecord(
        exercise_id="side-plank",
        side="right",
        set_number=2,
        planned_reps=3,
        done_reps=2,
        hold_planned=30.0,
        hold_achieved=27.5,
        tempo="out 2, hold 1, back 3",
        skipped=True,
        step=7,
        at=clock.wall() + 5,
    )
    assert journal.record_set(row, full) == full
    plain = journal.record_set(row, one_set("clamshell", "both", 1))
    assert plain.at == clock.wall()
    measurement = journal.record_measurement(row, Measurement("hip rotation", "left", 35.5, "°"))
    pain = journal.record_pain(row, PainReport("clamshell", "left", 4, "outer hip"))
    no_exercise = journal.record_pain(row, PainReport(None, "both", 0))
    effort = journal.record_effort(row, EffortRating("clamshell", "both", 7))
    clock.advance(600)
    journal.end_session(row, "stopped")

    assert journal.sets_for(row) == [full, plain]
    assert journal.measurements_for(row) == [measurement]
    assert journal.pain_for(row) == [pain, no_exercise]
    assert journal.effort_for(row) == [effort]
    record = journal.session(row)
    assert (record.row, record.session_id, record.title) == (row, "hip-rehab", "Hip rehab")
    assert (record.programme_id, record.phase) == ("hip-programme", "Phase 1")
    assert (record.affected_side, record.weaker_side) == ("left", "right")
    assert record.ended_at == record.started_at + 600
    assert record.state == "stopped"
    assert record.started_on == date(2025, 3, 3)


def test_records_with_impossible_values_are_refused() -> None:
    with pytest.raises(ValueError, match="side"):
        SetRecord("clamshell", "middle", 1, 20, 20)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="set_number"):
        SetRecord("clamshell", "left", 0, 20, 20)
    with pytest.raises(ValueError, match="0 to 10"):
        PainReport("clamshell", "left", 11)
    with pytest.raises(ValueError, match="0 to 10"):
        EffortRating("clamshell", "left", -1)


def test_a_set_for_a_session_that_does_not_exist_is_refused(journal: Journal) -> None:
    with pytest.raises(ValueError, match="no such session"):
        journal.record_set(99, one_set("clamshell", "left", 1))


def test_each_write_is_visible_to_another_connection_at_once(journal: Journal) -> None:
    """Committed the moment it happens: a second reader sees it with the journal still open."""
    row = journal.begin_session("s", "Session")
    journal.record_set(row, one_set("clamshell", "left", 1))
    other = sqlite3.connect(journal.path)
    assert other.execute("SELECT count(*) FROM sets").fetchone()[0] == 1
    journal.record_measurement(row, Measurement("reach", "right", 12, "cm"))
    assert other.execute("SELECT count(*) FROM measurements").fetchone()[0] == 1
    other.close()


# --------------------------------------------------------------------------- resume


CRASH = textwrap.dedent(
    """
    import os, signal, sys
    from guide_app.core.clock import FakeClock
    from guide_app.core.history import Journal, SetRecord
    journal = Journal(sys.argv[1], clock=FakeClock(wall_start=1741000000.0))
    row = journal.begin_session("hip-rehab", "Hip rehab", affected_side="left")
    journal.record_set(row, SetRecord("clamshell", "left", 1, 20, 20, step=0))
    journal.record_set(row, SetRecord("clamshell", "left", 2, 20, 18, step=1))
    print(row, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # no end_session, no close: a crash
    """
)


def test_after_a_crash_the_session_is_offered_with_its_completed_sets(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH, str(path)], capture_output=True, text=True, cwd=REPO
    )
    assert crashed.returncode == -9, crashed.stderr
    row = int(crashed.stdout)
    assert Path(f"{path}-wal").exists()  # the sets are in the WAL, not yet checkpointed

    with Journal(path) as journal:
        offered = journal.interrupted_session()
        assert offered is not None
        assert (offered.row, offered.state, offered.ended_at) == (row, "running", None)
        assert offered.affected_side == "left"
        done = journal.resume_point(row)
        assert [(s.set_number, s.done_reps, s.step) for s in done] == [(1, 20, 0), (2, 18, 1)]
        assert journal._connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # resuming carries on in the same session row
        journal.record_set(row, SetRecord("clamshell", "left", 3, 20, 20, step=2))
        journal.end_session(row)
        assert journal.interrupted_session() is None
        assert len(journal.sets_for(row)) == 3


def test_the_latest_running_session_is_the_one_offered(journal: Journal, clock: FakeClock) -> None:
    first = journal.begin_session("a", "A")
    clock.advance(3600)
    second = journal.begin_session("b", "B")
    clock.advance(3600)
    finished = journal.begin_session("c", "C")
    journal.end_session(finished)
    offered = journal.interrupted_session()
    assert offered is not None and offered.row == second
    journal.abandon(second)
    offered = journal.interrupted_session()
    assert offered is not None and offered.row == first


def test_abandoning_stops_the_session_at_its_last_record(
    journal: Journal, clock: FakeClock
) -> None:
    row = journal.begin_session("s", "Session")
    clock.advance(90)
    journal.record_set(row, one_set("clamshell", "left", 1))
    last = clock.wall()
    clock.advance(7200)  # the app is restarted two hours later
    journal.abandon(row)
    record = journal.session(row)
    assert (record.state, record.ended_at) == ("stopped", last)
    assert journal.interrupted_session() is None
    with pytest.raises(ValueError, match="not running"):
        journal.end_session(row)
    with pytest.raises(ValueError, match="no session"):
        journal.resume_point(12345)


# --------------------------------------------------------------------------- queries


def test_left_and_right_totals_on_a_seeded_history(journal: Journal, clock: FakeClock) -> None:
    seed_rehab(journal, clock)
    totals = journal.side_totals()
    assert totals["clamshell"] == {
        "left": SideTotals(sets=15, reps=300, hold_seconds=0.0, skipped=0),
        "right": SideTotals(sets=10, reps=200, hold_seconds=0.0, skipped=0),
    }
    assert totals["squat"] == {"both": SideTotals(sets=5, reps=50)}
    assert list(journal.side_totals("squat")) == ["squat"]
    # 4-5 March only: two sessions
    window = journal.side_totals("clamshell", since=date(2025, 3, 4), until=date(2025, 3, 5))
    assert window["clamshell"]["left"].sets == 6
    assert window["clamshell"]["right"].reps == 80
    assert journal.side_totals(since=date(2025, 4, 1)) == {}


def test_totals_count_skipped_sets_apart_and_add_up_holds(
    journal: Journal, clock: FakeClock
) -> None:
    row = journal.begin_session("s", "Session")
    for number, held in ((1, 30.0), (2, 25.5)):
        journal.record_set(
            row, SetRecord("side-plank", "left", number, 1, 1, hold_planned=30, hold_achieved=held)
        )
    journal.record_set(row, SetRecord("side-plank", "right", 1, 1, 0, skipped=True))
    journal.record_set(row, SetRecord("clamshell", "right", 1, 20, 8, skipped=True))
    totals = journal.side_totals()
    assert totals["side-plank"]["left"] == SideTotals(sets=2, reps=2, hold_seconds=55.5)
    assert totals["side-plank"]["right"] == SideTotals(sets=0, reps=0, skipped=1)
    # reps done before a set was cut short still count as reps done
    assert totals["clamshell"]["right"] == SideTotals(sets=0, reps=8, skipped=1)


def test_volume_by_day_for_a_chart(journal: Journal, clock: FakeClock) -> None:
    seed_rehab(journal, clock, sessions=3)
    assert journal.volume_by_day("clamshell") == [
        DayVolume(date(2025, 3, 3), 60, 40),
        DayVolume(date(2025, 3, 4), 60, 40),
        DayVolume(date(2025, 3, 5), 60, 40),
    ]
    # a set on both sides counts for the left and for the right
    assert journal.volume_by_day("squat")[0] == (date(2025, 3, 3), 10, 10)
    assert journal.volume_by_day("nothing") == []


def test_measurements_over_time(journal: Journal, clock: FakeClock) -> None:
    for day, (left, right) in enumerate(((20, 35), (24, 35), (29, 36))):
        clock.set(datetime(2025, 3, 10 + day * 7, 18, 0))
        row = journal.begin_session("s", "Session")
        journal.record_measurement(row, Measurement("hip rotation", "left", left, "degrees"))
        journal.record_measurement(row, Measurement("hip rotation", "right", right, "degrees"))
        journal.record_measurement(row, Measurement("reach", "both", 3, "cm"))
        journal.end_session(row)
    points = journal.measurements_over_time("hip rotation")
    assert points[:2] == [
        MeasurementPoint(date(2025, 3, 10), "left", 20),
        MeasurementPoint(date(2025, 3, 10), "right", 35),
    ]
    assert [p.value for p in points if p.side == "left"] == [20, 24, 29]
    assert len(journal.measurements_over_time("reach")) == 3


def test_sessions_between_two_days_both_included(journal: Journal, clock: FakeClock) -> None:
    rows = seed_rehab(journal, clock)
    assert [s.row for s in journal.sessions()] == rows
    picked = journal.sessions(since=date(2025, 3, 4), until=date(2025, 3, 6))
    assert [s.started_on for s in picked] == [date(2025, 3, d) for d in (4, 5, 6)]
    assert all(s.state == "finished" for s in picked)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["clamshell", "bridge"]),
            st.sampled_from(["left", "right", "both"]),
            st.integers(0, 30),
            st.booleans(),
        ),
        max_size=30,
    )
)
def test_totals_and_export_agree_with_a_plain_count(
    tmp_path_factory: pytest.TempPathFactory, done: list[tuple[str, str, int, bool]]
) -> None:
    path = tmp_path_factory.mktemp("prop") / "history.sqlite3"
    with Journal(path) as journal:
        row = journal.begin_session("s", "Session")
        for number, (exercise, side, reps, skipped) in enumerate(done, start=1):
            journal.record_set(row, one_set(exercise, side, number, done=reps, skipped=skipped))
        expected: dict[str, dict[str, SideTotals]] = {}
        for exercise, side, reps, skipped in done:
            t = expected.setdefault(exercise, {}).setdefault(side, SideTotals())
            t.sets += not skipped
            t.skipped += skipped
            t.reps += reps
        assert journal.side_totals() == expected
        assert journal.export_csv(io.StringIO()) == len(done)


# --------------------------------------------------------------------------- export


def test_csv_export_has_the_columns_and_one_row_per_set_per_side(
    journal: Journal, clock: FakeClock, tmp_path: Path
) -> None:
    seed_rehab(journal, clock)
    stream = io.StringIO()
    assert journal.export_csv(stream) == 5 * 6
    rows = list(csv.reader(io.StringIO(stream.getvalue())))
    assert (
        tuple(rows[0])
        == CSV_COLUMNS
        == (
            "date",
            "session",
            "programme",
            "exercise",
            "side",
            "set",
            "planned reps",
            "done reps",
            "planned hold seconds",
            "held seconds",
            "tempo",
            "skipped",
            "cut short",
            "load",
        )
    )
    assert len(rows) == 1 + 30
    assert rows[1] == [
        "2025-03-03",
        "Hip rehab",
        "hip-programme",
        "clamshell",
        "left",
        "1",
        "20",
        "20",
        "",
        "",
        "",
        "no",
        "no",
        "",
    ]
    assert [r[4] for r in rows[1:7]] == ["left"] * 3 + ["right"] * 2 + ["both"]

    out = tmp_path / "export.csv"
    assert journal.export_csv(out, since=date(2025, 3, 7)) == 6
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7 and all(line.startswith("2025-03-07") for line in lines[1:])


def test_csv_export_writes_holds_tempo_and_skips(journal: Journal) -> None:
    row = journal.begin_session("s", "Session, with comma")
    journal.record_set(
        row, SetRecord("side-plank", "left", 1, 1, 1, hold_planned=30, hold_achieved=27.5)
    )
    journal.record_set(
        row, SetRecord("clamshell", "right", 1, 15, 0, tempo="out 2, back 3", skipped=True)
    )
    stream = io.StringIO()
    journal.export_csv(stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert rows[0]["session"] == "Session, with comma"
    assert (rows[0]["planned hold seconds"], rows[0]["held seconds"]) == ("30.0", "27.5")
    assert (rows[1]["tempo"], rows[1]["skipped"], rows[1]["programme"]) == (
        "out 2, back 3",
        "yes",
        "",
    )
    assert rows[1]["cut short"] == "no", "nothing was done: skipped, not cut short"


def test_csv_export_shows_holds_cut_short_in_tenths_of_a_second(journal: Journal) -> None:
    row = journal.begin_session("s", "Stretches")
    journal.record_set(
        row,
        SetRecord("figure-4-stretch", "left", 1, 1, 1, hold_planned=30, hold_achieved=1.27756,
                  skipped=True),
    )  # fmt: skip
    journal.record_set(
        row, SetRecord("fire-hydrant", "left", 1, 4, 4, hold_planned=1, hold_achieved=4.0000001)
    )
    stream = io.StringIO()
    journal.export_csv(stream)
    assert "1.27756" not in stream.getvalue()
    cut, full = csv.DictReader(io.StringIO(stream.getvalue()))
    assert (cut["planned hold seconds"], cut["held seconds"], cut["cut short"]) == (
        "30.0",
        "1.3",
        "yes",
    )
    assert (full["planned hold seconds"], full["held seconds"], full["cut short"]) == (
        "4.0",
        "4.0",
        "no",
    )


def test_a_second_effort_rating_replaces_the_first(journal: Journal) -> None:
    row = journal.begin_session("s", "Session")
    journal.record_effort(row, EffortRating("clamshell", "left", 7))
    journal.record_effort(row, EffortRating("clamshell", "right", 6))
    journal.record_effort(row, EffortRating("clamshell", "left", 4))  # changed on the summary
    assert [(e.side, e.score) for e in journal.effort_for(row)] == [("right", 6), ("left", 4)]


def test_old_journals_have_holds_let_go_early_marked_cut_short(tmp_path: Path) -> None:
    """A journal of version 1 counted a 30-second hold ended after a second as done: the
    migration marks such sets cut short, and leaves every other row as it was."""
    path = tmp_path / "history.sqlite3"
    con = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.execute(
        "INSERT INTO sessions (session_id, title, started_at, state) "
        "VALUES ('s', 'S', 1.0, 'finished')"
    )
    rows = [  # exercise, planned, done, hold, held, skipped
        ("figure-4-stretch", 1, 1, 30.0, 1.27756, 0),  # let go after a second
        ("figure-4-stretch", 1, 1, 30.0, 30.0, 0),  # held to the end
        ("fire-hydrant", 4, 4, 1.0, 3.99999, 0),  # four 1-second holds, float sums
        ("clamshell", 20, 20, None, None, 0),  # reps, no hold
        ("clamshell", 20, 5, None, None, 1),  # skipped already
    ]
    for n, (exercise, planned, done, hold, held, skipped) in enumerate(rows, start=1):
        con.execute(
            "INSERT INTO sets (session, exercise_id, side, set_number, planned_reps, "
            "done_reps, hold_planned, hold_achieved, skipped, at) "
            "VALUES (1, ?, 'left', ?, ?, ?, ?, ?, ?, 1.0)",
            (exercise, n, planned, done, hold, held, skipped),
        )
    con.close()
    with Journal(path) as journal:
        sets = journal.sets_for(1)
        version = journal._connection.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION >= 2
    assert [(s.skipped, s.cut_short) for s in sets] == [
        (True, True),
        (False, False),
        (False, False),
        (False, False),
        (True, True),
    ]
    assert sets[0].hold_achieved == 1.27756, "the seconds held are kept"


# --------------------------------------------------------------------------- faults


def _writes_despite_chmod(folder: Path) -> bool:
    probe = folder / "probe"
    try:
        probe.write_bytes(b"")
    except PermissionError:
        return False
    probe.unlink()
    return True


def test_a_folder_that_cannot_be_created_gives_a_clear_message(tmp_path: Path) -> None:
    """A data folder under a regular file can't be made, even by root: the honest stand-in
    for a read-only place when tests run as root (where chmod stops nothing)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, not a folder")
    folder = blocker / "data"
    with pytest.raises(ReadOnlyFolderError) as caught:
        Journal(folder / "history.sqlite3")
    assert str(folder) in caught.value.message
    assert "--data-dir" in caught.value.message
    assert isinstance(caught.value, StorageError)


def test_a_read_only_folder_gives_a_clear_message(tmp_path: Path) -> None:
    """chmod 0o500 where it works (an ordinary user); as root chmod does not stop writes, so
    there this checks the same refusal by making the database itself refuse writes
    (``PRAGMA query_only``), which SQLite reports exactly as a read-only file."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if not _writes_despite_chmod(folder):
            with pytest.raises(ReadOnlyFolderError) as caught:
                Journal(folder / "history.sqlite3")
            assert str(folder) in caught.value.message
            return
    finally:
        folder.chmod(0o700)
    journal = Journal(folder / "history.sqlite3")
    row = journal.begin_session("s", "Session")
    journal.record_set(row, one_set("clamshell", "left", 1))
    journal._connection.execute("PRAGMA query_only = ON")  # now nothing can be written
    with pytest.raises(ReadOnlyFolderError) as caught:
        journal.record_set(row, one_set("clamshell", "left", 2))
    assert str(folder) in caught.value.message
    assert "can't be created or written to" in caught.value.message
    # the app keeps going: reading still works, and writing works again once allowed
    assert len(journal.sets_for(row)) == 1
    journal._connection.execute("PRAGMA query_only = OFF")
    journal.record_set(row, one_set("clamshell", "left", 2))
    journal.close()


def test_a_full_disk_gives_a_clear_message_and_keeps_what_was_saved(journal: Journal) -> None:
    row = journal.begin_session("s", "Session")
    journal.record_set(row, one_set("clamshell", "left", 1))
    pages = journal._connection.execute("PRAGMA page_count").fetchone()[0]
    journal._connection.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    with pytest.raises(DiskFullError) as caught:
        for number in range(2, 2000):
            journal.record_set(row, one_set("clamshell", "left", number, tempo="x" * 200))
    assert "full" in caught.value.message
    assert str(journal.path.parent) in caught.value.message
    saved = journal.sets_for(row)
    assert saved[0].set_number == 1
    assert [s.set_number for s in saved] == list(range(1, len(saved) + 1))
    journal._connection.execute("PRAGMA max_page_count = 1000000")  # space freed
    journal.record_set(row, one_set("clamshell", "left", 99))
    assert journal.sets_for(row)[-1].set_number == 99
    integrity = journal._connection.execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"


def test_a_corrupt_file_is_moved_aside_intact_and_a_fresh_journal_started(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "history.sqlite3"
    garbage = bytes(range(256)) * 64
    path.write_bytes(garbage)
    Path(f"{path}-wal").write_bytes(b"old wal")
    with Journal(path, clock=clock) as journal:
        moved = tmp_path / "history.sqlite3.corrupt-20250303-090000"
        assert moved.read_bytes() == garbage
        assert Path(f"{moved}-wal").read_bytes() == b"old wal"
        assert journal.notice is not None
        assert str(path) in journal.notice and str(moved) in journal.notice
        row = journal.begin_session("s", "Session")
        journal.record_set(row, one_set("clamshell", "left", 1))
        assert len(journal.sets_for(row)) == 1
    with Journal(path, clock=clock) as journal:
        assert journal.notice is None
        assert len(journal.sessions()) == 1


def test_moving_aside_never_overwrites_an_earlier_corrupt_file(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "history.sqlite3"
    earlier = tmp_path / "history.sqlite3.corrupt-20250303-090000"
    earlier.write_bytes(b"the first damaged file")
    path.write_bytes(b"the second damaged file" * 100)
    with Journal(path, clock=clock) as journal:
        assert earlier.read_bytes() == b"the first damaged file"
        second = tmp_path / "history.sqlite3.corrupt-20250303-090000-1"
        assert second.read_bytes() == b"the second damaged file" * 100
        assert journal.notice is not None and str(second) in journal.notice


def test_a_damaged_page_found_by_the_integrity_check_is_moved_aside(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "history.sqlite3"
    with Journal(path, clock=clock) as journal:
        seed_rehab(journal, clock, sessions=40)
    assert not Path(f"{path}-wal").exists()  # checkpointed into the file on close
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page : 4 * page] = b"\xa5" * (2 * page)  # keep the header, smash two pages
    path.write_bytes(bytes(data))
    with Journal(path, clock=clock) as journal:
        assert journal.notice is not None and "moved aside" in journal.notice
        assert journal.sessions() == []
    stamp = datetime.fromtimestamp(clock.wall()).strftime("%Y%m%d-%H%M%S")
    moved = tmp_path / f"history.sqlite3.corrupt-{stamp}"
    assert moved.read_bytes() == bytes(data)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (sqlite3.OperationalError("database or disk is full"), DiskFullError),
        (sqlite3.OperationalError("attempt to write a readonly database"), ReadOnlyFolderError),
        (sqlite3.OperationalError("unable to open database file"), ReadOnlyFolderError),
        (sqlite3.DatabaseError("database disk image is malformed"), CorruptJournalError),
        (sqlite3.OperationalError("database is locked"), JournalBusyError),
        (sqlite3.OperationalError("something else"), StorageError),
    ],
)
def test_sqlite_errors_become_messages_a_person_can_act_on(
    error: sqlite3.Error, kind: type[StorageError], tmp_path: Path
) -> None:
    mapped = _error_from_sqlite(error, tmp_path / "history.sqlite3")
    assert type(mapped) is kind
    assert str(tmp_path) in mapped.message
    assert str(mapped) == mapped.message


def test_no_journal_file_is_left_behind_in_the_repository() -> None:
    assert not list(REPO.glob("*.sqlite3*")), "a test wrote a journal into the repository"
    assert os.environ.get("XDG_DATA_HOME", "") != str(REPO)


def test_a_withdrawn_set_leaves_the_others(tmp_path: Path) -> None:
    with Journal(tmp_path / "history.sqlite3") as journal:
        row = journal.begin_session("s", "S", affected_side="left")
        journal.record_set(row, SetRecord("clamshell", "left", 1, 20, 20, step=2))
        journal.record_set(row, SetRecord("clamshell", "left", 2, 20, 20, step=2))
        journal.record_set(row, SetRecord("clamshell", "left", 1, 20, 20, step=5))
        assert journal.withdraw_set(row, "clamshell", "left", 1, 2)
        assert not journal.withdraw_set(row, "clamshell", "left", 1, 2), "already gone"
        kept = [(s.set_number, s.step) for s in journal.sets_for(row)]
        assert kept == [(2, 2), (1, 5)]


# --------------------------------------------------------------------------- sides and clock


def test_sides_are_the_one_side_type_and_plain_strings_still_work(journal: Journal) -> None:
    row = journal.begin_session("s", "S", affected_side="left", weaker_side=Side.RIGHT)
    journal.record_set(row, one_set("clamshell", "left", 1))
    journal.record_set(row, SetRecord("clamshell", Side.BOTH, 2, 20, 20))
    journal.record_measurement(row, Measurement("reach", "right", 12, "cm"))
    journal.record_pain(row, PainReport(None, "both", 2))
    journal.record_effort(row, EffortRating("clamshell", "left", 5))
    record = journal.session(row)
    assert record.affected_side is Side.LEFT and record.weaker_side is Side.RIGHT
    assert [s.side for s in journal.sets_for(row)] == [Side.LEFT, Side.BOTH]
    assert all(type(s.side) is Side for s in journal.sets_for(row))
    assert journal.measurements_for(row)[0].side is Side.RIGHT
    assert journal.pain_for(row)[0].side is Side.BOTH
    assert journal.effort_for(row)[0].side is Side.LEFT
    assert set(journal.side_totals()["clamshell"]) == {Side.LEFT, Side.BOTH}
    # stored as the same strings as ever
    raw = journal._connection.execute("SELECT side, typeof(side) FROM sets").fetchall()
    assert raw == [("left", "text"), ("both", "text")]
    assert journal.withdraw_set(row, "clamshell", "both", 2, None)
    with pytest.raises(ValueError, match="affected_side"):
        journal.begin_session("s", "S", affected_side="both")


def test_rows_are_stamped_with_the_injected_clock(tmp_path: Path) -> None:
    clock = CoreFakeClock(wall_start=datetime(2025, 6, 1, 8, 0).timestamp())
    with Journal(tmp_path / "history.sqlite3", clock=clock) as journal:
        row = journal.begin_session("s", "S")
        clock.advance(90)
        done = journal.record_set(row, one_set("clamshell", "left", 1))
        assert done.at == datetime(2025, 6, 1, 8, 1, 30).timestamp()
        assert journal.session(row).started_on == date(2025, 6, 1)
    with Journal(tmp_path / "history.sqlite3") as journal:
        assert isinstance(journal.clock, MonotonicClock)


# --------------------------------------------------------------------------- view queries


def test_session_summaries_count_sets_and_the_highest_pain(
    journal: Journal, clock: FakeClock
) -> None:
    rows = seed_rehab(journal, clock, sessions=3)
    journal.record_set(rows[1], one_set("clamshell", "left", 4, done=5, skipped=True))
    journal.record_pain(rows[1], PainReport("clamshell", "left", 3))
    journal.record_pain(rows[1], PainReport(None, "both", 6))
    summaries = journal.session_summaries()
    assert [s.session.row for s in summaries] == rows
    assert [(s.sets, s.sets_done, s.highest_pain) for s in summaries] == [
        (6, 6, None),
        (7, 6, 6),
        (6, 6, None),
    ]
    picked = journal.session_summaries(since=date(2025, 3, 4), until=date(2025, 3, 4))
    assert [s.session.row for s in picked] == [rows[1]]


def test_session_details_hold_everything_recorded_per_session(
    journal: Journal, clock: FakeClock
) -> None:
    rows = seed_rehab(journal, clock, sessions=3)
    journal.record_measurement(rows[2], Measurement("reach", "left", 12, "cm"))
    journal.record_pain(rows[0], PainReport("clamshell", "left", 3))
    journal.record_effort(rows[0], EffortRating("clamshell", "right", 6))
    details = journal.session_details()
    assert [d.session.row for d in details] == rows
    for detail in details:
        assert list(detail.sets) == journal.sets_for(detail.session.row)
        assert list(detail.measurements) == journal.measurements_for(detail.session.row)
        assert list(detail.pain) == journal.pain_for(detail.session.row)
        assert list(detail.effort) == journal.effort_for(detail.session.row)
    narrowed = journal.session_details(since=date(2025, 3, 5))
    assert [d.session.row for d in narrowed] == [rows[2]]
    assert detail_volume(details, "clamshell") == journal.volume_by_day("clamshell")
    assert detail_measurements(details, "reach") == journal.measurements_over_time("reach")


def test_measurement_units_by_name(journal: Journal) -> None:
    row = journal.begin_session("s", "S")
    journal.record_measurement(row, Measurement("reach", "left", 12, "cm"))
    journal.record_measurement(row, Measurement("hip rotation", "left", 30, "degrees"))
    journal.record_measurement(row, Measurement("reach", "right", 5, "in"))
    assert journal.measurement_units() == {"hip rotation": "degrees", "reach": "cm"}


def test_each_history_module_does_one_job_in_at_most_600_lines() -> None:
    for module in sorted((REPO / "guide_app" / "core").glob("history*.py")):
        text = module.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 600, module.name
        assert text.startswith('"""'), f"{module.name} says its job in a docstring"
