"""The worker client: background rendering, the cache, restarts after a crash or a hang."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide_app.core.voice import VoiceStatus
from guide_app.speech.cache import Phrase, PhraseCache
from guide_app.speech.neural import NO_NEURAL_ENV
from guide_app.speech.renderer import Renderer

# The worker's environment in these tests: espeak-ng reads English (natural voice left out).
ESPEAK_ONLY = {NO_NEURAL_ENV: "1"}

PHRASES = ["one", "two", "three", "left side", "right side", "switch sides", "hold", "lower slowly"]


class Watch:
    """Collects what a Renderer reports."""

    def __init__(self, renderer: Renderer) -> None:
        self.ready: list[Phrase] = []
        self.failed: list[tuple[str, str]] = []
        self.progress: list[tuple[int, int]] = []
        self.faults: list[VoiceStatus | None] = []
        self.engine_ready: list[float] = []
        renderer.phrase_ready.connect(self.ready.append)
        renderer.phrase_failed.connect(lambda text, why: self.failed.append((text, why)))
        renderer.progress.connect(lambda done, total: self.progress.append((done, total)))
        renderer.fault_changed.connect(self.faults.append)
        renderer.engine_ready.connect(lambda _: self.engine_ready.append(time.monotonic()))

    def finished(self) -> bool:
        return bool(self.progress) and self.progress[-1][0] == self.progress[-1][1]


@pytest.fixture
def make_renderer(qtbot, tmp_path: Path) -> Iterator:
    made: list[Renderer] = []

    def make(folder: Path | None = None, **kwargs: object) -> tuple[Renderer, Watch]:
        # espeak-ng reads English: these tests are about the worker's life, and loading
        # the natural voice costs a second a worker
        kwargs["extra_env"] = {**ESPEAK_ONLY, **(kwargs.get("extra_env") or {})}  # type: ignore[dict-item]
        r = Renderer(PhraseCache(folder or tmp_path / "cache"), **kwargs)  # type: ignore[arg-type]
        made.append(r)
        watch = Watch(r)
        r.start()
        return r, watch

    yield make
    for r in made:
        r.shutdown()


def test_prepare_renders_in_the_background_and_reports_progress(qtbot, make_renderer) -> None:
    r, watch = make_renderer()
    r.prepare(PHRASES)
    assert watch.progress[0] == (0, len(PHRASES))  # reported at once, nothing blocked
    qtbot.waitUntil(watch.finished, timeout=30_000)
    assert sorted(p.text for p in watch.ready) == sorted(PHRASES)
    assert not watch.failed
    dones = [d for d, _ in watch.progress]
    assert dones == sorted(dones) and dones[-1] == len(PHRASES)
    for phrase in watch.ready:
        assert phrase.path.exists() and phrase.duration > 0.1
    # the short ones (counts, said on the beat) first
    assert [p.text for p in watch.ready] == sorted(PHRASES, key=len)


def test_second_prepare_of_the_same_phrases_renders_nothing(qtbot, make_renderer, tmp_path) -> None:
    r, watch = make_renderer()
    r.prepare(PHRASES)
    qtbot.waitUntil(watch.finished, timeout=30_000)
    assert r.renders_sent == len(PHRASES)
    r.shutdown()

    # a new app start with the same cache folder
    r2, watch2 = make_renderer()
    qtbot.waitUntil(lambda: r2.ready, timeout=10_000)
    r2.prepare(PHRASES)
    assert watch2.progress[-1] == (len(PHRASES), len(PHRASES))  # all ready at once
    assert r2.renders_sent == 0


def test_unknown_phrase_is_rendered_on_demand_first(qtbot, make_renderer) -> None:
    r, watch = make_renderer()
    qtbot.waitUntil(lambda: r.ready, timeout=10_000)
    r.prepare(PHRASES)
    assert r.request("keep your hips level") is None
    qtbot.waitUntil(
        lambda: any(p.text == "keep your hips level" for p in watch.ready), timeout=10_000
    )
    order = [p.text for p in watch.ready]
    assert order.index("keep your hips level") <= 1  # jumped the queue
    assert r.request("keep your hips level") is not None  # now cached


def test_worker_killed_mid_session_restarts_within_two_seconds(qtbot, make_renderer) -> None:
    r, watch = make_renderer()
    texts = [f"set {n}, rep {n}" for n in range(1, 13)]
    r.prepare(texts)
    qtbot.waitUntil(lambda: len(watch.ready) >= 3, timeout=30_000)
    pid = r.pid
    assert pid is not None
    killed_at = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: r.pid not in (None, pid) and r.ready, timeout=5_000)
    restart = watch.engine_ready[-1] - killed_at
    assert restart < 2.0
    qtbot.waitUntil(watch.finished, timeout=30_000)
    assert sorted(p.text for p in watch.ready) == sorted(texts)  # none lost
    assert not watch.failed
    assert r.restarts == 1
    assert VoiceStatus.RESTARTING in watch.faults and r.fault is None


def test_hung_worker_is_killed_and_replaced(qtbot, make_renderer) -> None:
    r, watch = make_renderer(render_timeout=1.0, render_timeout_per_char=0.0)
    qtbot.waitUntil(lambda: r.ready, timeout=10_000)
    pid = r.pid
    os.kill(pid, signal.SIGSTOP)  # it will never answer
    stopped_at = time.monotonic()
    r.prepare(["hold it there"])
    qtbot.waitUntil(watch.finished, timeout=10_000)
    assert [p.text for p in watch.ready] == ["hold it there"]
    assert r.pid != pid and r.restarts == 1
    assert watch.engine_ready[-1] - stopped_at < 1.0 + 2.0  # timeout, then restart within 2 s


def test_missing_espeak_is_a_lasting_fault_not_an_exception(
    qtbot, make_renderer, no_espeak_env
) -> None:
    r, watch = make_renderer(extra_env=no_espeak_env)
    qtbot.waitUntil(lambda: r.fault is VoiceStatus.NO_ESPEAK, timeout=10_000)
    r.prepare(PHRASES)
    assert watch.finished()  # nothing to wait for
    assert len(watch.failed) == len(PHRASES)
    assert r.request("one") is None
    qtbot.wait(300)
    assert r.restarts == 0 and r.pid is None


def test_a_worker_that_keeps_crashing_is_given_up(qtbot, make_renderer, crashing_env) -> None:
    r, watch = make_renderer(extra_env=crashing_env)
    r.prepare(["one", "two", "three", "four"])
    qtbot.waitUntil(lambda: r.fault is VoiceStatus.CRASH_LOOP, timeout=30_000)
    qtbot.waitUntil(watch.finished, timeout=5_000)
    assert {t for t, _ in watch.failed} == {"one", "two", "three", "four"}
    assert r.pid is None
