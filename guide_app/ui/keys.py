"""The one table of key bindings (action -> keys): it builds the shortcuts and the help.

Users override keys in the settings file, group ``keys``, e.g. ``next=Space, Return``.
Presentation clickers send PageDown/PageUp for next/back and B or "." for their
blank-screen button, so those keys are bound too. Shortcuts never auto-repeat: holding a
key down counts one rep.

Sentences that name a key ("Press Space to start") never type the key: they ask
``key_names(action, table)``, so the hint follows the user's own bindings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from guide_app.core.i18n import tr


@dataclass(frozen=True, slots=True)
class Binding:
    """An action, its keys, and what it does in the user's words.

    ``describe`` returns the description in the language in force when it is called, so
    the table can be built once at import and still follow a change of language."""

    action: str
    keys: tuple[str, ...]
    describe: Callable[[], str]

    @property
    def label(self) -> str:
        """What the action does, translated, for the help."""
        return self.describe()


DEFAULT_BINDINGS: tuple[Binding, ...] = (
    Binding(
        "next",
        ("Space", "Return", "Enter", "Right", "PgDown"),
        lambda: tr("Next: count a rep, start when ready, end a rest or hold early"),
    ),
    Binding(
        "back",
        ("Left", "PgUp", "Backspace"),
        lambda: tr("Back: undo the last rep, or go back a step"),
    ),
    Binding(
        "pause",
        ("P", "B", "."),
        lambda: tr("Pause or resume (a clicker's blank-screen button)"),
    ),
    Binding("skip", ("S",), lambda: tr("Skip the rest of this exercise")),
    Binding("skip_side", ("Shift+S",), lambda: tr("Skip the rest of this side")),
    Binding("repeat_set", ("R",), lambda: tr("Repeat this set")),
    Binding("pain", ("Ctrl+P",), lambda: tr("Report pain (pauses the session)")),
    Binding(
        "effort",
        ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"),
        lambda: tr("After an exercise: how hard it felt, 1-10 (0 means 10)"),
    ),
    Binding("mute", ("M",), lambda: tr("Mute or unmute the voice")),
    Binding("fullscreen", ("F", "F11", "F5"), lambda: tr("Full screen on or off")),
    Binding("escape", ("Esc",), lambda: tr("Leave full screen, or pause")),
    Binding("bigger", ("+", "=", "Ctrl++"), lambda: tr("Larger text")),
    Binding("smaller", ("-", "Ctrl+-"), lambda: tr("Smaller text")),
    Binding("help", ("?", "H", "F1"), lambda: tr("Show or hide this list of keys")),
    Binding(
        "history",
        ("Ctrl+H",),
        lambda: tr("Open the history: left against right over time"),
    ),
    Binding(
        "display",
        ("D",),
        lambda: tr("Open or close the clinic display (on the second screen)"),
    ),
    Binding(
        "voice",
        ("Ctrl+,",),
        lambda: tr("Voice settings: voice, speed, volume, beeps, what is said"),
    ),
    Binding("stop", ("Ctrl+Q",), lambda: tr("Stop the session and show the summary")),
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
            out.append(Binding(binding.action, keys or binding.keys, binding.describe))
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
    return [(tr(", ").join(_names(binding.keys)), binding.label) for binding in table]


def key_names(
    action: str,
    bindings: Mapping[str, Sequence[str]] | Iterable[Binding] | None = None,
    most: int = 2,
) -> str:
    """The names of the first ``most`` keys bound to ``action``, for a sentence.

    ``bindings`` is the table in force: what ``bindings(settings)`` returns (user
    overrides included) or a mapping action -> keys; None means the defaults. Gives
    "Space or Return", "Ctrl+H", or "" when the action has no key. The names are Qt's
    native text for the keys; "or" is translated. Raises KeyError for an unknown action.
    """
    keys = _as_mapping(DEFAULT_BINDINGS if bindings is None else bindings)[action]
    if isinstance(keys, str):  # "Space, Return", as the settings file writes it
        keys = keys.split(",")
    names = _names(k.strip() for k in keys if k.strip())[: max(1, most)]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return tr("{keys} or {last}", keys=tr(", ").join(names[:-1]), last=names[-1])


def _as_mapping(
    bindings: Mapping[str, Sequence[str]] | Iterable[Binding],
) -> Mapping[str, Sequence[str]]:
    if isinstance(bindings, Mapping):
        return bindings
    return {binding.action: binding.keys for binding in bindings}


def _names(keys: Iterable[str]) -> list[str]:
    """Each key as the user's system writes it, without repeats, in table order."""
    names: list[str] = []
    for key in keys:
        name = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key
        if name not in names:
            names.append(name)
    return names
