"""The one table of key bindings (action -> keys): it builds the shortcuts and the help.

Users override keys in the settings file, group ``keys``, e.g. ``next=Space, Return``.
Presentation clickers send PageDown/PageUp for next/back and B or "." for their
blank-screen button, so those keys are bound too. Shortcuts never auto-repeat: holding a
key down counts one rep.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True, slots=True)
class Binding:
    action: str
    keys: tuple[str, ...]
    label: str


DEFAULT_BINDINGS: tuple[Binding, ...] = (
    Binding(
        "next",
        ("Space", "Return", "Enter", "Right", "PgDown"),
        "Next: count a rep, start when ready, end a rest or hold early",
    ),
    Binding("back", ("Left", "PgUp", "Backspace"), "Back: undo the last rep, or go back a step"),
    Binding("pause", ("P", "B", "."), "Pause or resume (a clicker's blank-screen button)"),
    Binding("skip", ("S",), "Skip the rest of this exercise"),
    Binding("skip_side", ("Shift+S",), "Skip the rest of this side"),
    Binding("repeat_set", ("R",), "Repeat this set"),
    Binding("pain", ("Ctrl+P",), "Report pain (pauses the session)"),
    Binding(
        "effort",
        ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"),
        "After an exercise: how hard it felt, 1-10 (0 means 10)",
    ),
    Binding("mute", ("M",), "Mute or unmute the voice"),
    Binding("fullscreen", ("F", "F11", "F5"), "Full screen on or off"),
    Binding("escape", ("Esc",), "Leave full screen, or pause"),
    Binding("bigger", ("+", "=", "Ctrl++"), "Larger text"),
    Binding("smaller", ("-", "Ctrl+-"), "Smaller text"),
    Binding("help", ("?", "H", "F1"), "Show or hide this list of keys"),
    Binding("history", ("Ctrl+H",), "Open the history: left against right over time"),
    Binding("display", ("D",), "Open or close the clinic display (on the second screen)"),
    Binding("voice", ("Ctrl+,",), "Voice settings: voice, speed, volume, beeps, what is said"),
    Binding("stop", ("Ctrl+Q",), "Stop the session and show the summary"),
)


def bindings(settings: QSettings | None = None) -> tuple[Binding, ...]:
    """The default table with the user's overrides from the settings file applied."""
    if settings is None:
        return DEFAULT_BINDINGS
    out = []
    settings.beginGroup("keys")
    try:
        for binding in DEFAULT_BINDINGS:
            value = settings.value(binding.action)
            if value is None:
                out.append(binding)
                continue
            parts = value if isinstance(value, list) else str(value).split(",")
            keys = tuple(k.strip() for k in parts if str(k).strip())
            out.append(Binding(binding.action, keys or binding.keys, binding.label))
    finally:
        settings.endGroup()
    return tuple(out)


def install(
    widget: QWidget,
    handlers: Mapping[str, Callable[[], None] | Callable[[str], None]],
    table: tuple[Binding, ...] = DEFAULT_BINDINGS,
    *,
    keyed: frozenset[str] = frozenset(),
) -> list[QShortcut]:
    """Create a non-repeating, window-wide shortcut for every key of every handled action.

    Handlers of the actions named in ``keyed`` are given the key that was pressed."""
    shortcuts = []
    for binding in table:
        handler = handlers.get(binding.action)
        if handler is None:
            continue
        for key in binding.keys:
            shortcut = QShortcut(QKeySequence(key), widget)
            shortcut.setAutoRepeat(False)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            if binding.action in keyed:
                shortcut.activated.connect(lambda h=handler, k=key: h(k))
            else:
                shortcut.activated.connect(handler)
            shortcuts.append(shortcut)
    return shortcuts


def help_rows(table: tuple[Binding, ...] = DEFAULT_BINDINGS) -> list[tuple[str, str]]:
    """(keys as shown to the user, what they do), in table order, for the help overlay."""
    rows = []
    for binding in table:
        shown = [
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) or k
            for k in binding.keys
        ]
        rows.append((", ".join(shown), binding.label))
    return rows
