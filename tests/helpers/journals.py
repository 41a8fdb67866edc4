"""Journals as earlier versions of the schema left them, for the migration tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from guide_app.core.history import MIGRATIONS


def version_4_journal(path: Path) -> None:
    """A journal as version 4 of the schema left it: one finished session with two sets
    (one with a load), a measurement, a pain report and an effort rating."""
    connection = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:4]:
        for statement in migration:
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 4")
    connection.execute(
        "INSERT INTO sessions (id, session_id, title, started_at, ended_at, state) "
        "VALUES (1, 'hip', 'Hip rehab', 1000.0, 1900.0, 'finished')"
    )
    connection.executemany(
        "INSERT INTO sets (session, step, exercise_id, side, set_number, planned_reps, "
        "done_reps, hold_planned, hold_achieved, tempo, skipped, at, plan_index, load) "
        "VALUES (1, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?, ?)",
        [
            (1, "clamshell", "left", 1, 15, 15, 0, 1100.0, 3, "5 kg"),
            (1, "clamshell", "left", 2, 15, 12, 1, 1200.0, 9, None),
        ],
    )
    connection.execute(
        "INSERT INTO measurements (session, name, side, value, unit, at, plan_index) "
        "VALUES (1, 'hip rotation', 'left', 35.0, 'degrees', 1400.0, 20)"
    )
    connection.execute(
        "INSERT INTO pain (session, exercise_id, side, score, location, at) "
        "VALUES (1, 'clamshell', 'left', 3, 'outer hip', 1500.0)"
    )
    connection.execute(
        "INSERT INTO effort (session, exercise_id, side, score, at) "
        "VALUES (1, 'clamshell', 'left', 6, 1600.0)"
    )
    connection.close()
