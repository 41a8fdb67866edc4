"""Ten hours of simulated session keep memory flat (timing: bench/engine_soak.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "engine_soak.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("engine_soak", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ten_hours_of_session_run_with_flat_memory() -> None:
    bench = load_bench()
    ten = bench.soak(10.0, measure_time=False)
    longer = bench.soak(25.0, measure_time=False)
    assert ten["simulated_hours"] >= 9.5 and ten["steps"] > 5000
    # after the warm-up only back's bounded history can still grow, and only a little
    assert ten["memory_growth_bytes"] < 256 * 1024
    # a session two and a half times longer grows no more: nothing piles up per step
    assert longer["memory_growth_bytes"] < ten["memory_growth_bytes"] + 32 * 1024
