"""Journals as earlier versions of the schema left them, for the migration tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from guide_app.core.history import MIGRATIONS

_SET_COLUMNS = (
    "step, exercise_id, side, set_number, planned_reps, done_reps, hold_planned, "
    "hold_achieved, tempo, skipped, at, plan_index"
)


def old_journal(path: Path, version: int, sets: Sequence[tuple[Any, ...]]) -> None:
    """A journal as schema ``version`` (3 or later) left it: one finished session, "Hip
    rehab", with ``sets`` (the set columns of that version, from ``step``; from version 4
    a ``load`` last), a measurement, a pain report and an effort rating."""
    connection = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:version]:
        for statement in migration:
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {version:d}")
    connection.execute(
        "INSERT INTO sessions (id, session_id, title, started_at, ended_at, state) "
        "VALUES (1, 'hip', 'Hip rehab', 1000.0, 1900.0, 'finished')"
    )
    columns = _SET_COLUMNS + (", load" if version >= 4 else "")
    width = len(columns.split(", "))
    connection.executemany(
        f"INSERT INTO sets (session, {columns}) VALUES (1, {', '.join('?' * width)})", sets
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


def version_4_journal(path: Path) -> None:
    """Version 4: two clamshell sets, the first at 5 kg, the second cut short."""
    old_journal(
        path,
        4,
        [
            (1, "clamshell", "left", 1, 15, 15, None, None, None, 0, 1100.0, 3, "5 kg"),
            (1, "clamshell", "left", 2, 15, 12, None, None, None, 1, 1200.0, 9, None),
        ],
    )
