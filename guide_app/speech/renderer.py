"""Client of the speech worker: keeps it running, feeds it phrases, restarts it when it dies.

Everything here runs on the GUI thread and never blocks it: the worker is a QProcess,
its replies arrive through ``readyReadStandardOutput``, and a watchdog timer kills a
worker whose render takes too long. A killed or crashed worker is started again at
once (well inside 2 s); the phrase it was rendering is tried once more, then given up.
A worker that cannot start its engine (no espeak-ng) is a lasting fault: it is
reported through ``fault_changed`` and not restarted. Faults are ``VoiceStatus`` values
(None: a worker is up), so the service passes them on without translating them.

The worker may host a second engine, the natural voice (``neural``). When it fails, the
worker says so with an ``engine`` event naming the engines left: the renderer takes
the new engine id (part of every cache key), renders the phrase it was on and the
prepared ones again with espeak-ng, sets ``natural_failed`` and emits
``engine_changed``; workers started after that are told to leave the natural voice out.

A phrase is a text in a language (None: the language in force): the worker is given its
spoken form (``core.spoken``: numbers as words) and that language's voice, and the cache
keys on both, so the same text in two languages is two phrases.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

import guide_app
from guide_app.core.spoken import spoken_text
from guide_app.core.voice import VoiceStatus
from guide_app.speech import neural, renderer_worker
from guide_app.speech.cache import Phrase, PhraseCache, RenderSpec
from guide_app.speech.settings import Voices, voice_language

log = logging.getLogger(__name__)

WORKER_MODULE = "guide_app.speech.renderer_worker"

# What ``fault`` can be: None (a worker is up), STARTING (the first worker is starting,
# not a fault yet), RESTARTING (a worker died and a new one is starting), or one of these
# lasting faults, after which no worker is started again:
LASTING_FAULTS = frozenset(
    {
        VoiceStatus.NO_ESPEAK,  # pyttsx3 cannot find espeak-ng
        VoiceStatus.ENGINE_FAILED,  # the engine failed to start for another reason
        VoiceStatus.CRASH_LOOP,  # the worker died too often
    }
)

MAX_CRASHES = 5  # this many crashes within CRASH_WINDOW seconds is a lasting fault
CRASH_WINDOW = 60.0
MAX_ATTEMPTS = 2  # a phrase that killed the worker this often is given up

Key = tuple[str, str]  # a phrase: (its text as asked for, the language it is spoken in)
Params = tuple[Voices, int, float]  # the voices chosen per language, rate, volume


class Renderer(QObject):
    """Renders phrases to the cache through the worker process; see the module docstring."""

    engine_ready = Signal(str)  # engine id, each time a worker is up
    phrase_ready = Signal(object)  # cache.Phrase, cached or freshly rendered
    phrase_failed = Signal(str, str)  # text, why
    progress = Signal(int, int)  # done, total of the last prepare()
    fault_changed = Signal(object)  # VoiceStatus | None, see LASTING_FAULTS
    voices_listed = Signal(list)  # [{"id", "name", "languages", "gender", "engine"}]
    engine_changed = Signal(str)  # engine id, when the natural voice failed in a worker

    def __init__(
        self,
        cache: PhraseCache,
        *,
        voices: Voices = (),
        rate: int = 175,
        volume: float = 1.0,
        program: str | None = None,
        extra_env: Mapping[str, str] | None = None,
        render_timeout: float = 8.0,
        render_timeout_per_char: float = 0.02,
        start_timeout: float = 10.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache = cache
        self._params: Params = (tuple(voices), int(rate), float(volume))
        self._program = program or sys.executable
        self._extra_env = dict(extra_env or {})
        self._render_timeout = render_timeout
        self._render_timeout_per_char = render_timeout_per_char
        self._start_timeout = start_timeout

        self._proc: QProcess | None = None
        self._engine: str | None = None
        self._fault: VoiceStatus | None = VoiceStatus.STARTING
        self._closing = False
        self._queue: deque[Key] = deque()
        self._urgent: set[Key] = set()
        self._inflight: tuple[int, Key, Params, str] | None = None  # str: as said
        self._voices_request: int | None = None
        self._next_id = 1
        self._known: dict[Key, Phrase] = {}
        self._batch: dict[Key, bool] = {}
        self._attempts: Counter[Key] = Counter()
        self._crashes: deque[float] = deque()
        self._stderr_tail: deque[str] = deque(maxlen=20)
        self.restarts = 0  # workers started again after a crash or hang
        self.natural_failed = False  # the natural voice failed; espeak-ng reads from now on
        self.renders_sent = 0  # phrases sent to a worker to render

        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)

    # ------------------------------------------------------------------ public

    @property
    def fault(self) -> VoiceStatus | None:
        return self._fault

    @property
    def pid(self) -> int | None:
        if self._proc is None:
            return None
        pid = int(self._proc.processId())
        return pid or None

    @property
    def ready(self) -> bool:
        return self._engine is not None and self._proc is not None

    def start(self) -> None:
        """Start the worker (no-op if it runs, is closing, or has a lasting fault)."""
        if self._closing or self._proc is not None or self._fault in LASTING_FAULTS:
            return
        proc = QProcess(self)
        proc.setProgram(self._program)
        proc.setArguments(["-m", WORKER_MODULE])
        proc.setProcessEnvironment(self._environment())
        # bound methods and sender(), not lambdas capturing proc: with PySide6 6.12 a
        # second QProcess after a deleted one crashed (bus error) with such lambdas
        proc.readyReadStandardOutput.connect(self._on_stdout_ready)
        proc.readyReadStandardError.connect(self._on_stderr_ready)
        proc.finished.connect(self._on_finished_signal)
        proc.errorOccurred.connect(self._on_error_signal)
        self._proc = proc
        self._engine = None
        proc.start()
        self._watchdog.start(round(self._start_timeout * 1000))

    def shutdown(self) -> None:
        """Stop the worker for good (asks it to quit, kills it after 0.5 s)."""
        self._closing = True
        self._watchdog.stop()
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.state() != QProcess.ProcessState.NotRunning:
            proc.write(b'{"op": "quit"}\n')
            proc.closeWriteChannel()
            if not proc.waitForFinished(500):
                proc.kill()
                proc.waitForFinished(1000)
        proc.deleteLater()

    def set_params(self, voices: Voices, rate: int, volume: float) -> None:
        """Change how phrases sound (the voice chosen per language, rate, volume);
        phrases already known are looked up again."""
        params = (tuple(voices), int(rate), float(volume))
        if params != self._params:
            self._params = params
            self._known.clear()

    def spec(self, language: str | None = None) -> RenderSpec | None:
        """How a phrase in ``language`` (None: the language in force) is rendered."""
        if self._engine is None:
            return None
        voices, rate, volume = self._params
        code = voice_language(language)
        voice = dict(voices).get(code)
        return RenderSpec(voice, rate, volume, engine=self._engine, language=code)

    def lookup(self, text: str, language: str | None = None) -> Phrase | None:
        """The rendered phrase for ``text`` in ``language`` (None: the language in force)
        if it is in the cache (cheap, never renders)."""
        return self._lookup(_key(text, language))

    def _lookup(self, key: Key) -> Phrase | None:
        phrase = self._known.get(key)
        if phrase is not None:
            return phrase
        spec = self.spec(key[1])
        return None if spec is None else self._cached(key, spec, spoken_text(*key))

    def _cached(self, key: Key, spec: RenderSpec, spoken: str) -> Phrase | None:
        """The phrase ``key`` (said as ``spoken``) from the disk cache, now known."""
        found = self.cache.lookup(spoken, spec)
        if found is None:
            return None
        phrase = replace(found, text=key[0], language=key[1], spoken=spoken)
        self._known[key] = phrase
        return phrase

    def prepare(self, texts: Iterable[str], languages: Mapping[str, str] | None = None) -> None:
        """Render, in the background, every phrase of ``texts`` that is not cached yet;
        each in its language in ``languages`` (text -> language), or else the language
        in force.

        Replaces the previous batch (phrases of it still waiting are dropped unless
        they were asked for by ``request``). Reports ``progress(done, total)`` now and
        after each phrase; every phrase ends as ``phrase_ready`` or ``phrase_failed``.

        Shorter phrases render first: counts and tempo words are short, said on the
        beat, and have no time to be rendered when asked for (the natural voice takes
        about 0.1 s for one, and a session may start before all are ready).
        """
        chosen = languages or {}
        batch = dict.fromkeys(_key(t, chosen.get(t)) for t in texts if t and t.strip())
        self._batch = dict.fromkeys(sorted(batch, key=lambda key: len(key[0])), False)
        self._queue = deque(t for t in self._queue if t in self._urgent)
        queued = set(self._queue)
        for key in self._batch:
            if self._inflight is not None and self._inflight[1] == key:
                continue
            if key not in queued:
                self._queue.append(key)
                queued.add(key)
        if self._fault in LASTING_FAULTS:
            self._fail_all(self._fault_reason())
        self._emit_progress()
        self._pump()

    def request(self, text: str, language: str | None = None) -> Phrase | None:
        """The phrase if cached; otherwise None and it is rendered next (``phrase_ready``).
        ``language``: the language it is spoken in (None: the language in force)."""
        key = _key(text, language)
        phrase = self._lookup(key)
        if phrase is not None or not key[0]:
            return phrase
        if self._fault in LASTING_FAULTS:
            return None
        self._urgent.add(key)
        if not (self._inflight is not None and self._inflight[1] == key):
            if key in self._queue:
                self._queue.remove(key)
            self._queue.appendleft(key)
        self._pump()
        return None

    def list_voices(self) -> None:
        """Ask the worker for its voices; the answer comes as ``voices_listed``."""
        if self._proc is None or self._engine is None:
            return
        self._voices_request = self._send({"op": "voices"})

    # ------------------------------------------------------------------ worker I/O

    def _environment(self) -> QProcessEnvironment:
        env = QProcessEnvironment.systemEnvironment()
        root = str(Path(guide_app.__file__).resolve().parent.parent)
        paths = [p for p in (self._extra_env.get("PYTHONPATH"), root, env.value("PYTHONPATH")) if p]
        for key, value in self._extra_env.items():
            env.insert(key, value)
        env.insert("PYTHONPATH", os.pathsep.join(paths))
        env.insert("PYTHONIOENCODING", "utf-8")
        env.insert(renderer_worker.PARENT_ENV, str(os.getpid()))  # it dies with this process
        if self.natural_failed:  # failed once: not tried again in a restarted worker
            env.insert(neural.NO_NEURAL_ENV, "1")
        return env

    def _send(self, message: dict[str, Any]) -> int:
        rid = self._next_id
        self._next_id += 1
        message["id"] = rid
        assert self._proc is not None
        self._proc.write((json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8"))
        return rid

    def _sender_process(self) -> QProcess | None:
        sender = self.sender()
        return sender if isinstance(sender, QProcess) else None

    def _on_stdout_ready(self) -> None:
        proc = self._sender_process()
        if proc is not None:
            self._on_stdout(proc)

    def _on_stderr_ready(self) -> None:
        proc = self._sender_process()
        if proc is not None:
            self._on_stderr(proc)

    def _on_finished_signal(self, code: int, status: QProcess.ExitStatus) -> None:
        proc = self._sender_process()
        if proc is not None:
            self._on_finished(proc, code, status)

    def _on_error_signal(self, error: QProcess.ProcessError) -> None:
        proc = self._sender_process()
        if proc is not None:
            self._on_error(proc, error)

    def _on_stdout(self, proc: QProcess) -> None:
        while proc is self._proc and proc.canReadLine():
            raw = bytes(proc.readLine().data()).decode("utf-8", "replace").strip()
            if not raw:
                continue
            try:
                message = json.loads(raw)
            except ValueError:
                log.debug("speech worker said: %s", raw)
                continue
            self._on_message(message)

    def _on_stderr(self, proc: QProcess) -> None:
        text = bytes(proc.readAllStandardError().data()).decode("utf-8", "replace")
        for line in text.splitlines():
            if line.strip():
                self._stderr_tail.append(line)
                log.debug("speech worker: %s", line)

    def _on_message(self, message: dict[str, Any]) -> None:
        event = message.get("event")
        if event == "ready":
            self._watchdog.stop()
            self._engine = str(message.get("engine", "?"))
            self._known.clear()
            self._set_fault(None)
            self.engine_ready.emit(self._engine)
            self._pump()
            return
        if event == "engine":
            self._on_engine_changed(message)
            return
        if event == "fault":
            self._watchdog.stop()
            kind = (
                VoiceStatus.NO_ESPEAK
                if message.get("kind") == renderer_worker.NO_ESPEAK
                else VoiceStatus.ENGINE_FAILED
            )
            log.warning("speech engine failed to start: %s", message.get("error"))
            self._set_fault(kind)
            self._fail_all(self._fault_reason())
            return
        rid = message.get("id")
        if rid is not None and rid == self._voices_request:
            self._voices_request = None
            self.voices_listed.emit(list(message.get("voices", [])))
            return
        if self._inflight is None or rid != self._inflight[0]:
            return  # an answer from before a restart
        _, key, params, spoken = self._inflight
        self._inflight = None
        self._watchdog.stop()
        self._attempts.pop(key, None)
        if params != self._params:
            # settings changed while it rendered: the file is valid for the old key only
            if key in self._batch or key in self._urgent:
                self._queue.appendleft(key)
        elif message.get("ok"):
            phrase = Phrase(
                text=key[0],
                path=Path(message["path"]),
                duration=float(message["duration"]),
                onset=float(message["onset"]),
                language=key[1],
                spoken=spoken,
            )
            self._known[key] = phrase
            self._finish(key)
            self.phrase_ready.emit(phrase)
        else:
            self._finish(key)
            self.phrase_failed.emit(key[0], str(message.get("error", "render failed")))
        self._pump()

    def _on_engine_changed(self, message: dict[str, Any]) -> None:
        """The worker lost an engine (the natural voice failed): phrases known under the
        old engine id are forgotten, the one being rendered and the prepared ones are
        rendered again."""
        self._engine = str(message.get("engine") or self._engine or "?")
        if message.get("natural") == "failed":
            self.natural_failed = True
            log.warning("the natural voice failed, espeak-ng reads: %s", message.get("error"))
        self._known.clear()
        if self._inflight is not None:  # its reply (a failure) is ignored
            key = self._inflight[1]
            self._inflight = None
            self._watchdog.stop()
            if key in self._batch or key in self._urgent:
                self._queue.appendleft(key)
        self._batch = dict.fromkeys(self._batch, False)
        queued = set(self._queue)
        self._queue.extend(key for key in self._batch if key not in queued)
        self.engine_changed.emit(self._engine)
        self._emit_progress()
        self._pump()

    def _pump(self) -> None:
        """Send the next phrase that is not cached yet, if the worker is free."""
        while self._inflight is None and self._queue and self.ready:
            key = self._queue.popleft()
            phrase = self._known.get(key)
            if phrase is None:
                spec = self.spec(key[1])
                assert spec is not None
                spoken = spoken_text(*key)  # once a phrase: the lookup, the render, its reply
                phrase = self._cached(key, spec, spoken)
                if phrase is None:
                    self._render(key, spec, spoken)
                    continue
            self._finish(key)
            self.phrase_ready.emit(phrase)

    def _render(self, key: Key, spec: RenderSpec, spoken: str) -> None:
        """Have the worker render ``key`` (said as ``spoken``) into the cache."""
        rid = self._send(
            {
                "op": "render",
                "text": spoken,
                "voice": spec.voice,
                "language": spec.language,
                "rate": spec.rate,
                "volume": spec.volume,
                "path": str(self.cache.path_for(spoken, spec)),
            }
        )
        self._inflight = (rid, key, self._params, spoken)
        self.renders_sent += 1
        timeout = self._render_timeout + self._render_timeout_per_char * len(spoken)
        self._watchdog.start(round(timeout * 1000))

    def _finish(self, key: Key) -> None:
        self._urgent.discard(key)
        if self._batch.get(key) is False:
            self._batch[key] = True
            self._emit_progress()

    def _emit_progress(self) -> None:
        done = sum(self._batch.values())
        self.progress.emit(done, len(self._batch))

    def _fail_all(self, reason: str) -> None:
        keys = list(self._queue)
        if self._inflight is not None:
            keys.insert(0, self._inflight[1])
        self._queue.clear()
        self._inflight = None
        for key in keys:
            self._finish(key)
            self.phrase_failed.emit(key[0], reason)
        self._urgent.clear()

    def _fault_reason(self) -> str:
        """Why phrases fail (for the log, not the window)."""
        reasons: dict[VoiceStatus | None, str] = {
            VoiceStatus.NO_ESPEAK: "espeak-ng is not installed",
            VoiceStatus.ENGINE_FAILED: "the speech engine failed to start",
            VoiceStatus.CRASH_LOOP: "the speech engine keeps crashing",
        }
        return reasons.get(self._fault, "the speech engine is not running")

    def _set_fault(self, kind: VoiceStatus | None) -> None:
        if kind != self._fault:
            self._fault = kind
            self.fault_changed.emit(kind)

    # ------------------------------------------------------------------ faults

    def _on_watchdog(self) -> None:
        proc = self._proc
        if proc is None:
            return
        what = f"rendering {self._inflight[1][0][:40]!r}" if self._inflight else "starting"
        log.warning("speech worker hung while %s; killing it", what)
        proc.kill()  # _on_finished restarts it

    def _on_error(self, proc: QProcess, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and proc is self._proc:
            log.warning("speech worker failed to start: %s", proc.errorString())
            self._proc = None
            proc.deleteLater()
            self._watchdog.stop()
            self._set_fault(VoiceStatus.ENGINE_FAILED)
            self._fail_all(self._fault_reason())

    def _on_finished(self, proc: QProcess, code: int, status: QProcess.ExitStatus) -> None:
        if proc is not self._proc:
            return
        self._on_stdout(proc)  # a last line may still be waiting (e.g. the fault report)
        self._proc = None
        self._engine = None
        proc.deleteLater()
        self._watchdog.stop()
        if self._closing or self._fault in LASTING_FAULTS:
            return
        log.warning(
            "speech worker stopped (exit %s, %s); last words: %s",
            code,
            status.name,
            " | ".join(self._stderr_tail),
        )
        now = time.monotonic()
        self._crashes.append(now)
        while self._crashes and now - self._crashes[0] > CRASH_WINDOW:
            self._crashes.popleft()
        if self._inflight is not None:
            key = self._inflight[1]
            self._inflight = None
            self._attempts[key] += 1
            if self._attempts[key] >= MAX_ATTEMPTS:
                del self._attempts[key]
                self._finish(key)
                self.phrase_failed.emit(key[0], "the speech engine crashed on this phrase")
            else:
                self._queue.appendleft(key)
        if len(self._crashes) >= MAX_CRASHES:
            self._set_fault(VoiceStatus.CRASH_LOOP)
            self._fail_all(self._fault_reason())
            return
        self.restarts += 1
        self._set_fault(VoiceStatus.RESTARTING)
        self.start()


def _key(text: str, language: str | None) -> Key:
    """The phrase ``text`` in ``language`` (None: the language in force)."""
    return (text.strip(), voice_language(language))
