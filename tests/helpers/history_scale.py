"""A journal of years of daily sessions, written fast: the big journal that
bench/history_scale.py measures and the history-at-scale tests read.

``make_history`` lets ``Journal`` create (and migrate) the file, then fills it in one
transaction with ``executemany`` on a connection of its own: a session a day, 36 sets a
session (six exercises, three sets on each side, the affected left side doing more),
a measurement on each side, pain every other day and effort on the clamshell; every
hundredth set is marked corrected. What it wrote is returned, so a test can check what
the window and the report show against it.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from guide_app.core.history import Journal

PROGRAMME = "hip-external-rotation"
TITLE = "Hip external rotation"
MEASUREMENT = "Prone hip external rotation"
LAST_DAY = date(2026, 11, 29)  # the day before the tests' fake "today" (30 Nov 2026)

# exercise, reps on the left, reps on the right, seconds of each hold (None: not a hold);
# three sets on each side.
EXERCISES: tuple[tuple[str, int, int, float | None], ...] = (
    ("clamshell", 20, 15, None),
    ("fire-hydrant", 12, 12, None),
    ("side-lying-hip-external-rotation", 15, 10, None),
    ("single-leg-glute-bridge", 10, 8, None),
    ("quadruped-hip-abduction", 12, 12, None),
    ("single-leg-wall-mini-squat", 1, 1, 30.0),
)
SETS_A_SIDE = 3
SETS_A_SESSION = len(EXERCISES) * SETS_A_SIDE * 2  # 36
CORRECTED_EVERY = 100  # every hundredth set is marked corrected
SKIPPED_EVERY = 10  # the first fire hydrant set on the left is cut short every tenth day


@dataclass(frozen=True, slots=True)
class MadeHistory:
    """What ``make_history`` wrote."""

    path: Path
    first: date
    last: date
    sessions: int
    sets: int
    corrected_sets: int
    measurements: int
    pain: int
    effort: int


def _uid() -> str:
    return uuid.uuid4().hex


def session_start(day: date) -> float:
    """A day's session starts at 8:00 local time."""
    return datetime.combine(day, time(8)).timestamp()


def make_history(
    path: Path, days: int = 3 * 365, *, last: date = LAST_DAY, person: int = 1
) -> MadeHistory:
    """A session a day for ``days`` days up to ``last`` (included) for ``person`` (a row
    of ``people``, which must exist), in the journal at ``path`` (created when missing)."""
    Journal(path).close()  # the file, its schema and its first person
    first = last - timedelta(days=days - 1)
    sessions, sets, measurements, pain, effort = [], [], [], [], []
    set_count = corrected = 0
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        (row,) = connection.execute("SELECT coalesce(max(id), 0) FROM sessions").fetchone()
        for n in range(days):
            day = first + timedelta(days=n)
            start = session_start(day)
            row += 1
            sessions.append(
                (row, PROGRAMME, TITLE, PROGRAMME, "Foundation", "left", "left", start,
                 start + 1800, "finished", person, _uid())
            )  # fmt: skip
            at = start
            for exercise, left_reps, right_reps, hold in EXERCISES:
                for side, reps in (("left", left_reps), ("right", right_reps)):
                    for number in range(1, SETS_A_SIDE + 1):
                        at += 20
                        set_count += 1
                        cut = (
                            exercise == "fire-hydrant"
                            and side == "left"
                            and number == 1
                            and n % SKIPPED_EVERY == 0
                        )
                        done = reps // 2 if cut else reps
                        held = None if hold is None else hold * done
                        is_corrected = set_count % CORRECTED_EVERY == 0
                        corrected += is_corrected
                        sets.append(
                            (row, exercise, side, number, reps, done, hold, held, int(cut), at,
                             _uid(), at + 3600 if is_corrected else None)
                        )  # fmt: skip
            for side, value in (("left", 30.0 + n * 10 / days), ("right", 45.0)):
                value = round(value, 1)
                measurements.append((row, MEASUREMENT, side, value, "degrees", at, _uid()))
            if n % 2 == 0:
                pain.append((row, "clamshell", "left", n % 5, "outside of the hip", at, _uid()))
            for side in ("left", "right"):
                effort.append((row, "clamshell", side, 4 + n % 5, at, _uid()))
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO sessions (id, session_id, title, programme_id, phase, affected_side, "
            "weaker_side, started_at, ended_at, state, person, uid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        connection.executemany(
            "INSERT INTO sets (session, exercise_id, side, set_number, planned_reps, done_reps, "
            "hold_planned, hold_achieved, skipped, at, uid, corrected_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sets,
        )
        connection.executemany(
            "INSERT INTO measurements (session, name, side, value, unit, at, uid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            measurements,
        )
        connection.executemany(
            "INSERT INTO pain (session, exercise_id, side, score, location, at, uid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            pain,
        )
        connection.executemany(
            "INSERT INTO effort (session, exercise_id, side, score, at, uid) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            effort,
        )
        connection.execute("COMMIT")
    finally:
        connection.close()
    return MadeHistory(
        path, first, last, days, len(sets), corrected, len(measurements), len(pain), len(effort)
    )
