"""The speech worker never outlives the app (issue 12, "Also"): killed with SIGKILL while
its worker is busy (here: an engine that takes a minute to start, so the worker reads no
input and cannot see its stdin close), the app's worker is gone within a second."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SLOW_PYTTSX3 = """
    import os, time

    def init(driverName=None, debug=False):
        open(os.environ["GUIDE_TEST_MARK"], "w").close()  # the worker is busy now
        time.sleep(60)
        raise RuntimeError("never gets here in the test")
"""

PARENT = """
    import sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from guide_app.speech.cache import PhraseCache
    from guide_app.speech.renderer import Renderer

    app = QCoreApplication([])
    renderer = Renderer(PhraseCache(sys.argv[1]), extra_env={"PYTHONPATH": sys.argv[2]})
    renderer.start()

    def report():
        if renderer.pid:
            print(renderer.pid, flush=True)
        else:
            QTimer.singleShot(5, report)

    QTimer.singleShot(5, report)
    app.exec()
"""


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its new parent to reap it counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_the_worker_dies_within_a_second_of_its_app_being_killed(tmp_path: Path) -> None:
    fake = tmp_path / "fake"
    (fake / "pyttsx3").mkdir(parents=True)
    (fake / "pyttsx3" / "__init__.py").write_text(textwrap.dedent(SLOW_PYTTSX3))
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(PARENT))
    mark = tmp_path / "busy"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GUIDE_TEST_MARK=str(mark))
    env["PYTHONPATH"] = str(ROOT)
    parent = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "cache"), str(fake)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    worker = 0
    try:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        deadline = time.monotonic() + 20
        while not mark.exists():
            assert time.monotonic() < deadline, "the worker never got busy"
            time.sleep(0.01)
        assert alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        killed = time.monotonic()
        while alive(worker) and time.monotonic() - killed < 5:
            time.sleep(0.005)
        outlived = time.monotonic() - killed
        assert not alive(worker), "the worker outlived its app by more than 5 s"
        assert outlived < 1.0, f"the worker outlived its app by {outlived:.2f} s"
        print(f"worker gone {outlived * 1000:.0f} ms after the app's SIGKILL")
    finally:
        if parent.poll() is None:
            parent.kill()
        if worker and alive(worker):
            os.kill(worker, signal.SIGKILL)
