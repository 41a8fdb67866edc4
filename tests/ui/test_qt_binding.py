"""The Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 dropped a reference to ``None`` on every call of a method returning
nothing (``QLabel.setText``) and to ``True`` on every signal emit: a session's window,
refreshing many times a second, aborted CPython within minutes ("deallocating None").
pyproject.toml pins a release without the bug; this test fails on one that has it.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 5000


class _Emitter(QObject):
    changed = Signal(object)
    flag = Signal(bool)


def test_void_calls_and_emits_do_not_leak_references(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    emitter.changed.connect(lambda value: None)
    emitter.flag.connect(lambda value: None)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(CALLS):
        label.setText(str(i))
        label.property("css")
        emitter.changed.emit(None)
        emitter.flag.emit(True)
    assert abs(sys.getrefcount(None) - none_before) < 100
    assert abs(sys.getrefcount(True) - true_before) < 100
