"""A real session, killed with SIGKILL at random moments, loses nothing and resumes right.

Each round starts `guide-app run first-session --resume` as its own process (autoplay,
session time 20x faster), reads the sets it reports saved, and kills it at a random
moment. Then: every set the process reported is in the database, the database passes
`PRAGMA integrity_check`, no set is recorded twice, and the next process carries on
from the step right after the last saved set.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from guide_app.core.loader import bundled_root, load_library
from guide_app.core.plan import expand

KILLS = 50
SESSION = "first-session"


def saved_sets(db: Path) -> tuple[str, list[tuple[int, int, str, int]]]:
    """(integrity check result, [(session row, block, side, set)]) as the database holds."""
    with sqlite3.connect(db) as conn:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rows = conn.execute("SELECT session, step, side, set_number FROM sets").fetchall()
        running = conn.execute(
            "SELECT id FROM sessions WHERE state = 'running' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    conn.close()
    return check, [(r[0], r[1], r[2], r[3]) for r in rows] + (
        [(-1, running[0], "", 0)] if running else []
    )


def expected_start(steps, done: set[tuple[int, str, int]]) -> int:  # type: ignore[no-untyped-def]
    last = -1
    for i, step in enumerate(steps):
        if step.ends_set and (step.block, step.side.value if step.side else "", step.set) in done:
            last = i
    return last + 1


def run_once(tmp: Path, kill_after: float, env: dict[str, str]) -> tuple[list[str], float]:
    command = [
        sys.executable, "-m", "guide_app", "--no-voice", "--no-user-library",
        "--data-dir", str(tmp), "run", SESSION, "--autoplay", "--time-scale", "20",
        "--resume", "--trace",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout or []), daemon=True)
    reader.start()
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    reader.join(timeout=10)
    return [line.strip() for line in lines], kill_after


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_set_and_resumes_in_place(tmp_path: Path) -> None:
    library = load_library([bundled_root()])
    plan = expand(library.sessions[SESSION], library.exercises)
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    db = tmp_path / "history.sqlite3"
    rng = random.Random(20261122)
    resumed = 0
    for kill in range(KILLS):
        before: list[tuple[int, int, str, int]] = []
        if db.exists():
            _, before = saved_sets(db)
        running = [r for r in before if r[0] == -1]
        lines, _ = run_once(tmp_path, rng.uniform(0.8, 3.5), env)

        check, after = saved_sets(db)
        assert check == "ok", f"kill {kill}: integrity_check says {check}"
        recorded = [r for r in after if r[0] != -1]
        assert len(recorded) == len(set(recorded)), f"kill {kill}: a set was saved twice"

        starts = [int(line.split()[1]) for line in lines if line.startswith("start ")]
        if running and starts:
            row = running[0][1]
            done = {(b, side, n) for s, b, side, n in before if s == row}
            assert starts[0] == expected_start(plan.steps, done), (
                f"kill {kill}: resumed at step {starts[0]}, the sets saved say "
                f"{expected_start(plan.steps, done)}"
            )
            resumed += 1

        reported = {
            tuple(line.split()[1:4]) for line in lines if line.startswith("set ")
        }  # (block, side, set) the process saw committed
        current = max((r[0] for r in recorded), default=0)
        in_db = {(str(b), side, str(n)) for s, b, side, n in recorded if s == current}
        assert reported <= in_db, f"kill {kill}: reported but not saved: {reported - in_db}"
    assert resumed >= KILLS // 3, f"only {resumed} of {KILLS} runs resumed a session"
