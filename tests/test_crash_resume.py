"""A real session, killed with SIGKILL, loses nothing and resumes right where it was.

Each round starts `guide-app run hip-cuff-circuit --resume` as its own process (autoplay,
session time 100x faster), reads the sets it reports saved, and kills it. Then: every set
the process reported is in the database, the database passes `PRAGMA integrity_check`,
no place in the plan is saved twice, the saved rows are the plan's sets in sequence, and
the next process carries on from the step right after the last of them, found by their
sequence in the plan (the n-th row saved is the plan's n-th set), not by (step, side,
set), which the two directions of the circuit's lateral band walk share.
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
from guide_app.core.plan import Plan, expand
from guide_app.core.set_runs import PlanShape
from guide_app.core.steps import StepKind

KILLS = 16
SESSION = "hip-cuff-circuit"  # 20 sets; the lateral band walk is walked right, then left
SCALE = "100"


def plan_sequence(plan: Plan) -> list[tuple[int, int]]:
    """(place, last step) of what a run saves, in the order it saves it: each set's first
    step on its side (with its run's last step), and each measure step."""
    found = [
        (run.last, run.lead[side]) for run in PlanShape.of(plan.steps).runs for side in run.sides
    ]
    found += [(i, i) for i, s in enumerate(plan.steps) if s.kind is StepKind.MEASURE]
    return [(place, last) for last, place in sorted(found)]


def expected_start(plan: Plan, saved: int) -> int:
    """Where a run with ``saved`` rows carries on: after the last step of its last row."""
    return plan_sequence(plan)[saved - 1][1] + 1 if saved else 0


def running_rows(db: Path) -> tuple[str, int | None, list[int | None]]:
    """(integrity check, the running session's row, its saved places in the order saved)."""
    with sqlite3.connect(db) as conn:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        running = conn.execute(
            "SELECT id FROM sessions WHERE state = 'running' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        places: list[int | None] = []
        if running:
            places = [
                r[0]
                for r in conn.execute(
                    "SELECT plan_index, id FROM sets WHERE session = ?1 UNION ALL "
                    "SELECT plan_index, id + 1000000 FROM measurements WHERE session = ?1 "
                    "ORDER BY 2",
                    (running[0],),
                )
            ]
    conn.close()
    return check, running[0] if running else None, places


def all_places(db: Path) -> list[tuple[int, int | None]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT session, plan_index FROM sets").fetchall()
    conn.close()
    return [(r[0], r[1]) for r in rows]


class App:
    """`guide-app run SESSION --resume` as its own process, its trace read as it comes."""

    def __init__(self, tmp: Path, env: dict[str, str], *extra: str) -> None:
        command = [
            sys.executable, "-m", "guide_app", "--no-voice", "--no-user-library",
            "--data-dir", str(tmp), "run", SESSION, "--autoplay", "--time-scale", SCALE,
            "--resume", "--trace", *extra,
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
        )
        self.lines: list[str] = []
        self._seen = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout or []:
            with self._seen:
                self.lines.append(line.strip())
                self._seen.notify_all()

    def wait_for(self, prefix: str, timeout: float = 30.0) -> str:
        """The first trace line starting with ``prefix`` (waits for it)."""
        deadline = time.monotonic() + timeout
        with self._seen:
            while True:
                for line in self.lines:
                    if line.startswith(prefix):
                        return line
                left = deadline - time.monotonic()
                assert left > 0 and self.process.poll() is None, f"no {prefix!r} line"
                self._seen.wait(left)

    def kill(self) -> list[str]:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        return list(self.lines)

    def finish(self, timeout: float = 60.0) -> int:
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=10)
        return code

    def start(self) -> int:
        return int(self.wait_for("start ").split()[1])


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    found = dict(os.environ)
    found.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    return found


@pytest.fixture(scope="module")
def plan() -> Plan:
    library = load_library([bundled_root()])
    return expand(library.sessions[SESSION], library.exercises)


def test_a_kill_between_the_two_directions_of_a_walk_resumes_with_the_second(
    tmp_path: Path, env: dict[str, str], plan: Plan
) -> None:
    walk = next(s.block for s in plan.steps if s.exercise == "lateral-band-walk")
    first = App(tmp_path, env)
    first.wait_for(f"set {walk} both 1 ")  # the right direction is saved: kill at once
    first.kill()
    db = tmp_path / "history.sqlite3"
    check, row, places = running_rows(db)
    assert check == "ok" and row is not None
    assert places == [p for p, _ in plan_sequence(plan)[: len(places)]], "saved in sequence"
    assert plan.steps[places[-1] or 0].direction == "right", "killed before the left direction"

    second = App(tmp_path, env, "--quit-when-done")
    start = second.start()
    assert start == expected_start(plan, len(places)), (
        f"resumed at step {start}; after {len(places)} saved sets the plan's sequence "
        f"says {expected_start(plan, len(places))}"
    )
    assert second.finish() == 0
    saved = [p for s, p in all_places(db) if s == row]
    assert saved == [p for p, _ in plan_sequence(plan)], "every planned set saved once, in order"


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_set_and_resumes_in_place(
    tmp_path: Path, env: dict[str, str], plan: Plan
) -> None:
    db = tmp_path / "history.sqlite3"
    rng = random.Random(20261122)
    resumed = 0
    for kill in range(KILLS):
        row, before = None, []
        if db.exists():
            _, row, before = running_rows(db)
        app = App(tmp_path, env)
        time.sleep(rng.uniform(0.9, 2.6))
        lines = app.kill()

        check, _, _ = running_rows(db)
        assert check == "ok", f"kill {kill}: integrity_check says {check}"
        places = all_places(db)
        assert len(places) == len(set(places)), f"kill {kill}: a set was saved twice"

        starts = [int(line.split()[1]) for line in lines if line.startswith("start ")]
        if row is not None and before and starts:
            assert before == [p for p, _ in plan_sequence(plan)[: len(before)]]
            assert starts[0] == expected_start(plan, len(before)), (
                f"kill {kill}: resumed at step {starts[0]}, the {len(before)} rows saved "
                f"say {expected_start(plan, len(before))}"
            )
            resumed += 1

        reported = {int(line.split()[5]) for line in lines if line.startswith("set ")}
        current = max((s for s, _ in places), default=0)
        in_db = {p for s, p in places if s == current}
        assert reported <= in_db, f"kill {kill}: reported but not saved: {reported - in_db}"
    print(f"{KILLS} kills, {resumed} resumed, every one in place")
    assert resumed >= KILLS // 3, f"only {resumed} of {KILLS} runs resumed a session"
