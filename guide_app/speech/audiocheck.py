"""Check the real audio path: counts played on their beats into a PulseAudio null sink,
recorded from its monitor, and the onset of each count compared with its beat.

Used by tests/speech and bench/speech.py, and runnable as a diagnostic:

    python -m guide_app.speech.audiocheck            # private null sink, 8 counts, report
    python -m guide_app.speech.audiocheck --language de   # the counts 1..8 in German
    python -m guide_app.speech.audiocheck play ...   # the playing side (a child process)

``COUNTS`` are English words on purpose: they are a test signal for the audio path, not
something a person hears in a session (a session's counts are worded by
``core.prompts`` and said in the user's language). ``--language`` plays texts in
another language's voice, as a session in that language does.

The playing side always runs in a fresh process: Qt's audio backend connects to the
sound server once per process and never again, so the process must be started with
the server it is meant to use (measured with Qt 6.12).

Recording times are mapped to ``time.monotonic()`` (one clock for all processes) by
timestamping each chunk that ``parec`` delivers with a 5 ms capture latency; sample
``i`` was heard at ``t0 + i / rate`` where ``t0`` is the earliest such estimate, so
onsets can only appear a few ms later than they were, never earlier.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guide_app.speech import wavtools

SINK = "guide"
RECORD_RATE = 22050
BEEP = "(beep)"  # in a list of texts to play: a beep instead of speech
COUNTS = ("one", "two", "three", "four", "five", "six", "seven", "eight")


class NullSink:
    """A private PulseAudio server with one null sink, in a temporary XDG_RUNTIME_DIR.

    ``env`` is the environment a process needs to play into it or record from it.
    """

    def __init__(self) -> None:
        self.runtime_dir: Path | None = None
        self.env: dict[str, str] = {}
        self.pid: int | None = None

    def start(self, timeout: float = 10.0) -> NullSink:
        runtime = Path(tempfile.mkdtemp(prefix="guide-pulse-"))
        self.runtime_dir = runtime
        env = dict(os.environ)
        env["XDG_RUNTIME_DIR"] = str(runtime)
        env["PULSE_SERVER"] = f"unix:{runtime}/pulse/native"
        env.pop("PULSE_SINK", None)
        self.env = env
        subprocess.run(
            [
                "pulseaudio",
                "--daemonize=yes",
                "--exit-idle-time=-1",
                "-n",
                "--log-level=error",
                f"--load=module-null-sink sink_name={SINK}",
                "--load=module-native-protocol-unix auth-anonymous=1",
            ],
            env=env,
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("pulseaudio did not come up")
            time.sleep(0.05)
        pid_file = runtime / "pulse" / "pid"
        if pid_file.exists():
            self.pid = int(pid_file.read_text().split()[0])
        subprocess.run(["pactl", "set-default-sink", SINK], env=env, check=True)
        return self

    def stop(self) -> None:
        if self.runtime_dir is None:
            return
        subprocess.run(["pulseaudio", "--kill"], env=self.env, capture_output=True, timeout=10)
        if self.pid is not None:
            deadline = time.monotonic() + 3.0
            while _alive(self.pid) and time.monotonic() < deadline:
                time.sleep(0.02)
            if _alive(self.pid):
                os.kill(self.pid, signal.SIGKILL)
        shutil.rmtree(self.runtime_dir, ignore_errors=True)
        self.runtime_dir = None
        self.pid = None

    def __enter__(self) -> NullSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie counts as gone
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


@dataclass
class Recording:
    samples: array[int]
    rate: int  # nominal sample rate
    t0: float  # monotonic time at which sample 0 was heard (see the module docstring)
    clock_rate: float = 0.0  # samples per monotonic second as observed (0: nominal)

    def time_of(self, seconds_into: float) -> float:
        """Monotonic time of the point ``seconds_into`` the recording (nominal seconds)."""
        rate = self.clock_rate or self.rate
        return self.t0 + seconds_into * self.rate / rate

    def onsets(self) -> list[float]:
        """Onsets of the recorded sounds, as monotonic times."""
        return [self.time_of(o) for o in wavtools.detect_onsets(self.samples, self.rate)]

    def save(self, path: Path) -> None:
        wavtools.write_wav(path, self.samples, self.rate)


class Recorder:
    """Records the null sink's monitor with ``parec``, timestamping what arrives."""

    def __init__(self, env: dict[str, str], rate: int = RECORD_RATE) -> None:
        self._env = env
        self.rate = rate
        self._proc: subprocess.Popen[bytes] | None = None
        self._keeper: subprocess.Popen[bytes] | None = None
        self._chunks: list[tuple[float, bytes]] = []
        self._thread: threading.Thread | None = None
        self._started = 0.0

    def start(self) -> Recorder:
        # An idle null sink feeds its monitor nothing; a stream of silence keeps it
        # running so the recording is continuous from its first sample.
        with open("/dev/zero", "rb") as zeros:
            self._keeper = subprocess.Popen(
                [
                    "pacat",
                    "--playback",
                    "--raw",
                    "--format=s16le",
                    "--rate=22050",
                    "--channels=1",
                    "--latency-msec=20",
                ],
                stdin=zeros,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=self._env,
            )
        self._proc = subprocess.Popen(
            [
                "parec",
                "-d",
                f"{SINK}.monitor",
                "--raw",
                "--format=s16le",
                f"--rate={self.rate}",
                "--channels=1",
                "--latency-msec=5",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self._env,
        )
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._started = time.monotonic()
        self._thread.start()
        deadline = time.monotonic() + 10.0
        while not self._chunks and time.monotonic() < deadline:  # wait until sound flows
            time.sleep(0.01)
        return self

    def _read(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        read = self._proc.stdout.read1  # type: ignore[attr-defined]
        while True:
            data = read(65536)
            if not data:
                break
            self._chunks.append((time.monotonic(), data))

    def stop(self) -> Recording:
        assert self._proc is not None and self._thread is not None
        for proc in (self._proc, self._keeper):
            if proc is None:
                continue
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._thread.join(timeout=5)
        data = b"".join(chunk for _, chunk in self._chunks)
        data = data[: len(data) - len(data) % 2]
        if not self._chunks:
            return Recording(array("h"), self.rate, self._started)
        t0, rate = self._clock()
        samples = array("h", data)
        # the monitor may first deliver a backlog from before parec started: drop it
        skip = max(0, int((self._started - t0) * rate))
        return Recording(samples[skip:], self.rate, t0 + skip / rate, rate)

    def _clock(self) -> tuple[float, float]:
        """(t0, samples per second) mapping sample counts to monotonic time.

        Each chunk gives an upper bound on when its last sample was heard (its arrival);
        the line through the tightest bound early in the recording and the tightest
        late in it follows the sound server's clock, drift included.
        """
        points: list[tuple[int, float]] = []
        received = 0
        for arrived, chunk in self._chunks:
            received += len(chunk) // 2
            points.append((received, arrived))
        nominal = float(self.rate)

        def tightest(part: list[tuple[int, float]]) -> tuple[int, float]:
            return min(part, key=lambda p: p[1] - p[0] / nominal)

        live = [p for p in points if p[1] - self._started > 0.05] or points
        fifth = max(1, len(live) // 5)
        n1, a1 = tightest(live[:fifth])
        n2, a2 = tightest(live[-fifth:])
        rate = (n2 - n1) / (a2 - a1) if n2 > n1 and a2 > a1 else nominal
        if abs(rate / nominal - 1) > 0.01:  # implausible: keep the nominal rate
            rate = nominal
        # lowest line of slope 1/rate under all points
        t0 = min(a - n / rate for n, a in points)
        return t0, rate


@dataclass
class Measurement:
    beats: list[float]
    onsets: list[float]
    errors: list[float | None]  # onset - beat for each beat (None: no onset near it)
    child: dict[str, Any]
    recording: Recording | None = None

    @property
    def matched(self) -> list[float]:
        return [e for e in self.errors if e is not None]

    def relative_errors(self) -> list[float]:
        """Errors after aligning the first onset with the first beat (latency removed)."""
        found = self.matched
        return [e - found[0] for e in found] if found else []


def match_onsets(
    beats: list[float], onsets: list[float], window: float = 0.25
) -> list[float | None]:
    errors: list[float | None] = []
    for beat in beats:
        near = [o - beat for o in onsets if abs(o - beat) <= window]
        errors.append(min(near, key=abs) if near else None)
    return errors


def child_env(env: dict[str, str]) -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    out = dict(env)
    out["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    out.setdefault("QT_QPA_PLATFORM", "offscreen")
    return out


def run_player(
    env: dict[str, str],
    cache_dir: Path,
    texts: list[str],
    interval: float,
    *,
    lead_in: float = 1.0,
    device_latency: float | None = None,
    offsets: list[float] | None = None,
    time_scale: float = 1.0,
    language: str | None = None,
    timeout: float = 120.0,
    extra_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run the playing side in a fresh process with ``env``; return what it reports.

    With ``time_scale`` the speech runs on a ``ScaledClock``: each beat is asked for at
    the session-clock second that falls on its real moment (the beats reported stay in
    real ``time.monotonic()`` seconds). With ``language`` every text is said in that
    language ("de": "1" is said "eins" by the German voice); the report's ``rendered``
    lists each phrase's text, spoken form, language and voice id. ``extra_env`` is added
    to ``env`` (``neural.NO_NEURAL_ENV``: espeak-ng reads English)."""
    cmd = [
        sys.executable,
        "-m",
        "guide_app.speech.audiocheck",
        "play",
        "--cache",
        str(cache_dir),
        "--interval",
        str(interval),
        "--lead-in",
        str(lead_in),
    ]
    if device_latency is not None:
        cmd += ["--latency", str(device_latency)]
    if offsets:
        cmd += ["--offsets", ",".join(f"{o:.6f}" for o in offsets)]
    if time_scale != 1.0:
        cmd += ["--time-scale", str(time_scale)]
    if language:
        cmd += ["--language", language]
    proc = subprocess.run(
        [*cmd, "--", *texts],
        env=child_env({**env, **(extra_env or {})}),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"player process failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        )
    result: dict[str, Any] = json.loads(lines[-1])
    result["stderr"] = proc.stderr
    return result


def measure(
    sink: NullSink,
    cache_dir: Path,
    texts: list[str] | None = None,
    interval: float = 0.75,
    *,
    device_latency: float | None = None,
    offsets: list[float] | None = None,
    time_scale: float = 1.0,
    language: str | None = None,
    extra_env: dict[str, str] | None = None,
) -> Measurement:
    """Play ``texts`` one per beat into ``sink`` (in ``language``: see ``run_player``)
    and find where each onset landed."""
    texts = list(texts or COUNTS)
    recorder = Recorder(sink.env).start()
    time.sleep(0.3)  # let the recording settle
    try:
        child = run_player(
            sink.env,
            cache_dir,
            texts,
            interval,
            device_latency=device_latency,
            offsets=offsets,
            time_scale=time_scale,
            language=language,
            extra_env=extra_env,
        )
    finally:
        time.sleep(0.3)
        recording = recorder.stop()
    beats = [float(b) for b in child["beats"]]
    onsets = recording.onsets()
    return Measurement(beats, onsets, match_onsets(beats, onsets), child, recording)


# ---------------------------------------------------------------------- the playing side


def _play(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from guide_app.core.clock import Clock, MonotonicClock, ScaledClock
    from guide_app.core.voice import Priority, VoiceStatus
    from guide_app.speech.cache import voice_used
    from guide_app.speech.renderer import LASTING_FAULTS
    from guide_app.speech.service import QtSpeech
    from guide_app.speech.stream import DEFAULT_DEVICE_LATENCY

    app = QCoreApplication.instance() or QCoreApplication([])
    latency = DEFAULT_DEVICE_LATENCY if args.latency is None else args.latency
    scale = float(args.time_scale)
    clock: Clock = ScaledClock(scale) if scale != 1.0 else MonotonicClock()
    speech = QtSpeech(args.cache, clock=clock, device_latency=latency)
    statuses: list[VoiceStatus] = [speech.status]
    started: list[tuple[str, float, float]] = []
    dropped: list[tuple[str, str]] = []
    speech.status_changed.connect(statuses.append)
    speech.player.started.connect(lambda text, at, t: started.append((text, at, t)))
    speech.player.dropped.connect(lambda text, why: dropped.append((text, why)))
    loop = QEventLoop()

    def run_until(done: Any, limit: float) -> bool:
        deadline = time.monotonic() + limit
        while not done() and time.monotonic() < deadline:
            QTimer.singleShot(10, loop.quit)
            loop.exec()
        return bool(done())

    texts: list[str] = list(args.texts)
    spoken = [t for t in texts if t != BEEP]
    language: str | None = args.language or None
    t_prepare = time.monotonic()
    speech.prepare(spoken, dict.fromkeys(spoken, language) if language else None)

    def ready() -> bool:
        if speech.renderer.fault in LASTING_FAULTS:
            return True
        phrases = [speech.renderer.lookup(t, language) for t in spoken]
        if not speech.player.available:
            return all(p is not None for p in phrases) or speech.renderer.fault is not None
        return all(p is not None and speech.player.loaded(p) for p in phrases)

    prepared = run_until(ready, 60.0)
    t_ready = time.monotonic()
    first = time.monotonic() + args.lead_in
    if args.offsets:
        offsets = [float(x) for x in args.offsets.split(",")]
    else:
        offsets = [i * args.interval for i in range(len(texts))]
    beats = [first + o for o in offsets]
    # each real beat as a second on the session clock (the same second when not scaled)
    real_now, session_now = time.monotonic(), clock.now()
    for text, beat in zip(texts, beats, strict=True):
        at = session_now + (beat - real_now) * scale
        if text == BEEP:
            speech.beep(at=at)
        else:
            speech.say(text, Priority.COUNT, at=at, language=language)
    run_until(lambda: time.monotonic() > beats[-1] + 1.0, beats[-1] - time.monotonic() + 5)
    found = [speech.renderer.lookup(t, language) for t in spoken]
    rendered = [
        {"text": p.text, "spoken": p.spoken, "language": p.language, "voice": voice_used(p)}
        for p in found
        if p is not None
    ]
    result = {
        "status": speech.status,
        "statuses": statuses,
        "prepared": prepared,
        "prepare_seconds": t_ready - t_prepare,
        "beats": beats,
        "texts": texts,
        "started": started,
        "dropped": dropped,
        "device_latency": latency,
        "sound_available": speech.player.available,
        "rendered": rendered,
    }
    speech.close()
    app.processEvents()
    print(json.dumps(result), flush=True)
    return 0


def _report(args: argparse.Namespace) -> int:
    language = args.language
    counts = list(COUNTS) if not language else [str(n) for n in range(1, len(COUNTS) + 1)]
    with NullSink() as sink, tempfile.TemporaryDirectory() as cache:
        m = measure(
            sink, Path(cache), counts, args.interval, device_latency=args.latency, language=language
        )
    errors = [round(e * 1000, 1) if e is not None else None for e in m.errors]
    print(json.dumps({"onset_error_ms": errors, "status": m.child["status"]}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide_app.speech.audiocheck")
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help="play texts one per beat (the child side)")
    play.add_argument("--cache", type=Path, required=True)
    play.add_argument("--interval", type=float, default=0.75)
    play.add_argument("--lead-in", type=float, default=1.0)
    play.add_argument("--latency", type=float, default=None)
    play.add_argument("--offsets", default="", help="comma-separated beat times from the first")
    play.add_argument("--time-scale", type=float, default=1.0, help="speech on a ScaledClock")
    play.add_argument("--language", default="", help="say every text in this language")
    play.add_argument("texts", nargs="+")
    parser.add_argument("--interval", type=float, default=0.75)
    parser.add_argument("--latency", type=float, default=None)
    parser.add_argument("--language", default="", help="the counts 1..8 in this language")
    args = parser.parse_args(argv)
    if args.command == "play":
        return _play(args)
    return _report(args)


if __name__ == "__main__":
    sys.exit(main())
