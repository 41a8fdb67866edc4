"""The journal keeps the load each set was done at (schema version 4): a version-3 file
opens, migrates and keeps every row; new sets carry their load, read back, in the CSV
export, and through the write queue's file of waiting writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from guide_app.core.clock import FakeClock
from guide_app.core.history import (
    CSV_COLUMNS,
    SCHEMA_VERSION,
    EffortRating,
    Journal,
    Measurement,
    PainReport,
    SetRecord,
)
from guide_app.core.journal_queue import WAITING_SUFFIX, WriteQueue
from tests.helpers.journals import old_journal


def version_3_journal(path: Path) -> None:
    """A journal as version 3 of the schema left it, with a session of every kind of row."""
    old_journal(
        path,
        3,
        [
            (1, "clamshell", "left", 1, 15, 15, None, None, "out 2, back 3", 0, 1100.0, 3),
            (1, "clamshell", "left", 2, 15, 12, None, None, "out 2, back 3", 1, 1200.0, 9),
            (2, "side-plank", "right", 1, 1, 1, 30.0, 30.0, None, 0, 1300.0, None),
        ],
    )


def test_a_version_3_journal_migrates_keeps_every_row_and_new_sets_carry_their_load(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    version_3_journal(path)
    with Journal(path, clock=FakeClock(2000.0)) as journal:
        version = journal._connection.execute("PRAGMA user_version").fetchone()[0]
        old = journal.sets_for(1)
        assert [(s.exercise_id, s.set_number, s.done_reps, s.plan_index) for s in old] == [
            ("clamshell", 1, 15, 3),
            ("clamshell", 2, 12, 9),
            ("side-plank", 1, 1, None),
        ]
        assert [s.load for s in old] == [None, None, None], "no load was recorded then"
        assert old[0].tempo == "out 2, back 3" and old[1].skipped and old[2].hold_achieved == 30
        assert journal.measurements_for(1) == [
            Measurement("hip rotation", "left", 35.0, "degrees", 1400.0, 20)  # type: ignore[arg-type]
        ]
        assert journal.pain_for(1) == [PainReport("clamshell", "left", 3, "outer hip", 1500.0)]  # type: ignore[arg-type]
        assert journal.effort_for(1) == [EffortRating("clamshell", "left", 6, 1600.0)]  # type: ignore[arg-type]
        assert journal.session(1).state == "finished"

        row = journal.begin_session("hip", "Hip rehab")
        journal.record_set(row, SetRecord("clamshell", "left", 1, 15, 15, load="7 kg"))
        journal.record_set(row, SetRecord("band-walk", "both", 1, 10, 10, load="red band"))
        journal.record_set(row, SetRecord("bridge", "both", 1, 10, 10))
    assert version == SCHEMA_VERSION >= 4
    with Journal(path) as journal:
        assert [s.load for s in journal.sets_for(row)] == ["7 kg", "red band", None]
        assert [s.load for s in journal.session_details()[-1].sets] == ["7 kg", "red band", None]


def test_the_csv_export_has_a_load_column(tmp_path: Path) -> None:
    with Journal(tmp_path / "history.sqlite3", clock=FakeClock(1000.0)) as journal:
        row = journal.begin_session("hip", "Hip rehab")
        journal.record_set(row, SetRecord("clamshell", "left", 1, 15, 15, load="7.5 kg"))
        journal.record_set(row, SetRecord("bridge", "both", 1, 10, 10))
        stream = io.StringIO()
        journal.export_csv(stream)
    assert CSV_COLUMNS[-1] == "load"
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [r["load"] for r in rows] == ["7.5 kg", ""]


def test_a_waiting_set_keeps_its_load_over_a_quit(tmp_path: Path) -> None:
    """The write queue's file of waiting writes holds the load; one written before the
    load existed (no load in it) still reads."""
    path = tmp_path / "history.sqlite3"
    clock = FakeClock(1000.0)
    with Journal(path, clock=clock) as journal:
        row = journal.begin_session("hip", "Hip rehab")
    kept = path.with_name(path.name + WAITING_SUFFIX)
    fields = {
        "exercise_id": "clamshell",
        "side": "left",
        "set_number": 1,
        "planned_reps": 15,
        "done_reps": 15,
        "at": 1001.0,
    }
    writes = [
        {"method": "record_set", "row": row, "args": [{"record": "SetRecord", "fields": f}]}
        for f in ({**fields, "load": "7 kg"}, {**fields, "set_number": 2})
    ]
    kept.write_text(json.dumps({"version": 1, "writes": [{**w, "kwargs": {}} for w in writes]}))
    queue = WriteQueue(Journal(path, clock=clock), clock, kept)
    assert queue.waiting == 0
    queue.close()
    with Journal(path) as journal:
        assert [(s.set_number, s.load) for s in journal.sets_for(row)] == [(1, "7 kg"), (2, None)]
