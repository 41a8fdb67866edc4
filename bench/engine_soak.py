"""Soak the session engine: ten hours of simulated session on a fake clock.

Runs a long circuit (tempo reps, timed holds, self-paced reps with holds, rests and
side switches) from start to end the way a driver would: advance to each deadline,
press the key for self-paced steps. Prints a JSON object on its last line:

    {"simulated_hours": 10.0, "steps": ..., "events": ..., "seconds": ...,
     "memory_growth_bytes": ..., "peak_bytes": ...}

``seconds`` is wall time without tracing; the memory figures come from a second run
under ``tracemalloc``: growth is measured after a warm-up of three simulated hours
(by then ``back``'s history is at its limit), so a leak shows as steady growth.

    .venv/bin/python bench/engine_soak.py [HOURS]
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from typing import Any

from guide_app.core.clock import FakeClock
from guide_app.core.engine import Runner
from guide_app.core.model import Exercise, Session
from guide_app.core.plan import Plan, expand

WARM_UP_HOURS = 3.0
ROUND_SECONDS = 390.0  # about, for the circuit below


def _exercise(ex_id: str, sides: str, dosage: dict[str, Any]) -> Exercise:
    return Exercise.model_validate(
        {
            "version": 1,
            "kind": "exercise",
            "id": ex_id,
            "name": ex_id.replace("-", " ").capitalize(),
            "summary": "Soak test.",
            "position": "standing",
            "pictures": {"start": "x.svg"},
            "cues": ["Set up.", "Move.", "Return."],
            "tips": ["Breathe."],
            "sides": sides,
            "dosage": dosage,
        }
    )


def soak_plan(hours: float) -> Plan:
    """A circuit with enough rounds to last ``hours``."""
    exercises = {
        e.id: e
        for e in (
            _exercise(
                "tempo-drill", "one_at_a_time", {"reps": 10, "tempo": "out 2, hold 1, back 3"}
            ),
            _exercise("hold-drill", "both", {"sets": 3, "hold": 30, "rest": 10}),
            _exercise("key-drill", "both", {"reps": 15, "pace": "self", "hold": 2}),
        )
    }
    rounds = max(1, round(hours * 3600 / ROUND_SECONDS))
    session = Session.model_validate(
        {
            "version": 1,
            "kind": "session",
            "id": "soak",
            "title": "Soak",
            "blocks": [
                {
                    "circuit": {
                        "rounds": rounds,
                        "rest": 60,
                        "exercises": [
                            {"exercise": "tempo-drill"},
                            {"exercise": "hold-drill", "dosage": {"sets": 3}},
                            {"exercise": "key-drill"},
                        ],
                    }
                }
            ],
        }
    )
    return expand(session, exercises, affected="left", max_steps=10**7)  # hours, on purpose


def _drive(runner: Runner, clock: FakeClock, until: float | None = None) -> int:
    """Run until the session ends (or the clock passes ``until``); return the events seen."""
    events = 0
    while not runner.done and (until is None or clock.now() < until):
        due = runner.next_deadline()
        if due is None:
            clock.advance(3.0)
            events += len(runner.next())
        else:
            clock.set(due)
            events += len(runner.advance())
    return events


def soak(hours: float = 10.0, *, measure_time: bool = True) -> dict[str, Any]:
    plan = soak_plan(hours)
    result: dict[str, Any] = {"simulated_hours": 0.0, "steps": len(plan.steps)}
    if measure_time:
        clock = FakeClock()
        runner = Runner(plan, clock)
        began = time.perf_counter()
        runner.start()
        events = _drive(runner, clock)
        result["seconds"] = round(time.perf_counter() - began, 3)
        result["events"] = events
        result["simulated_hours"] = round(clock.now() / 3600, 2)

    clock = FakeClock()
    runner = Runner(plan, clock)
    tracemalloc.start()
    try:
        runner.start()
        _drive(runner, clock, until=WARM_UP_HOURS * 3600)
        settled, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        _drive(runner, clock)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    result["simulated_hours"] = round(clock.now() / 3600, 2)
    result["memory_growth_bytes"] = current - settled
    result["peak_bytes"] = peak
    return result


if __name__ == "__main__":
    print(json.dumps(soak(float(sys.argv[1]) if len(sys.argv) > 1 else 10.0)))
