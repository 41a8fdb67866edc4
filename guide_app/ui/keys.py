"""The one table of key bindings (action -> keys): it builds the shortcuts and the help.

Users override keys in the settings file, group ``keys``, e.g. ``next=Space, Return``.
Presentation clickers send PageDown/PageUp for next/back and B or "." for their
blank-screen button, so those keys are bound too; Tab, which many clickers' extra
(hyperlink) button sends, opens the exercise's page. Shortcuts never auto-repeat: holding a
key down counts one rep.

Keys act by *mode*, as in qutebrowser: the session's keys (Space, arrows, letters, digits)
act only while a session runs; on Home, the summary and in an editor only the keys that
cannot be typing or moving between controls (function keys, Ctrl+..., Alt+...) act, so
the controls get arrows, Space, Enter and letters. Over an exercise's page only the
page's own keys act (closing it, help, text size, full screen), whatever key they are:
the arrows, Space and the page keys scroll the page. ``KeyRouter`` binds the table on
each of the app's windows and switches the mode on all of them at once.

Sentences that name a key ("Press Space to start") never type the key: they ask
``key_names(action, table)``, so the hint follows the user's own bindings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from guide_app.core.i18n import tr

SESSION = "session"  # a session runs: every key of the table acts
BROWSE = "browse"  # Home, the summary: only command keys of the actions that apply there
EDIT = "edit"  # an editor: only command keys, and the editor's own (save, undo, move)
PAGE = "page"  # an exercise's page over the window: its keys, all else scrolls the page
MODES = (SESSION, BROWSE, EDIT, PAGE)


@dataclass(frozen=True, slots=True)
class Binding:
    """An action, its keys, what it does in the user's words, and the modes it acts in.

    ``describe`` returns the description in the language in force when it is called, so
    the table can be built once at import and still follow a change of language."""

    action: str
    keys: tuple[str, ...]
    describe: Callable[[], str]
    modes: frozenset[str] = frozenset({SESSION})

    @property
    def label(self) -> str:
        """What the action does, translated, for the help."""
        return self.describe()


EVERYWHERE = frozenset(MODES)

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
    Binding(
        "lighter",
        ("[", "L"),
        lambda: tr("Load one step lighter for this exercise and side (a band: the next colour)"),
    ),
    Binding(
        "heavier",
        ("]", "Shift+L"),
        lambda: tr("Load one step heavier for this exercise and side (a band: the next colour)"),
    ),
    Binding(
        "extend",
        ("E",),
        lambda: tr("A hold or rest given as a range (30-45 s): add the rest of the range"),
    ),
    Binding("pain", ("Ctrl+P",), lambda: tr("Report pain (pauses the session)")),
    Binding(
        "effort",
        ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"),
        lambda: tr("After an exercise: how hard it felt, 1-10 (0 means 10)"),
    ),
    Binding("mute", ("M",), lambda: tr("Mute or unmute the voice")),
    Binding(
        "page",
        ("I", "Tab", "F4"),
        lambda: tr(
            "The exercise's page: how to do it, when to stop, tips and questions "
            "(pauses the session; the same key or Esc closes it and goes on)"
        ),
        frozenset({SESSION, BROWSE, PAGE}),
    ),
    Binding("fullscreen", ("F", "F11", "F5"), lambda: tr("Full screen on or off"), EVERYWHERE),
    Binding(
        "escape", ("Esc",), lambda: tr("Leave full screen, pause, or close the editor"), EVERYWHERE
    ),
    Binding("bigger", ("+", "=", "Ctrl++"), lambda: tr("Larger text"), EVERYWHERE),
    Binding("smaller", ("-", "Ctrl+-"), lambda: tr("Smaller text"), EVERYWHERE),
    Binding("help", ("?", "H", "F1"), lambda: tr("Show or hide this list of keys"), EVERYWHERE),
    Binding(
        "history",
        ("Ctrl+H",),
        lambda: tr("Open the history: left against right over time"),
        EVERYWHERE,
    ),
    Binding(
        "display",
        ("D", "Ctrl+D"),
        lambda: tr("Open or close the clinic display (on the second screen)"),
        EVERYWHERE,
    ),
    Binding(
        "voice",
        ("Ctrl+,",),
        lambda: tr(
            "Settings: the language, voice, speed, volume, beeps, what is said, moving pictures"
        ),
        EVERYWHERE,
    ),
    Binding(
        "people",
        ("F2", "Ctrl+Shift+P"),
        lambda: tr("Home: switch person (then a number), or add or change a person"),
        frozenset({BROWSE}),
    ),
    Binding(
        "start_due",
        ("Ctrl+Return",),
        lambda: tr("Home: start the session due today (on Today, Enter or Space too)"),
        frozenset({BROWSE}),
    ),
    Binding("stop", ("Ctrl+Q",), lambda: tr("Stop the session and show the summary")),
    Binding("save", ("Ctrl+S",), lambda: tr("Editor: save"), frozenset({EDIT})),
    Binding("undo", ("Ctrl+Z",), lambda: tr("Editor: undo"), frozenset({EDIT})),
    Binding("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), lambda: tr("Editor: redo"), frozenset({EDIT})),
    Binding(
        "move_up",
        ("Alt+Up",),
        lambda: tr("Editor: move the chosen block, cue or phase up"),
        frozenset({EDIT}),
    ),
    Binding(
        "move_down",
        ("Alt+Down",),
        lambda: tr("Editor: move the chosen block, cue or phase down"),
        frozenset({EDIT}),
    ),
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
            out.append(
                Binding(binding.action, keys or binding.keys, binding.describe, binding.modes)
            )
    finally:
        settings.endGroup()
    return tuple(out)


def is_command_key(key: str) -> bool:
    """True for a key that is never typing nor moving between controls: a function key,
    Esc, or a key held with Ctrl, Alt or Meta. Only these act outside a session."""
    sequence = QKeySequence(key)
    if sequence.isEmpty():
        return False
    combination = sequence[0]  # type: ignore[index]  # PySide6 stubs lack __getitem__
    held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    if combination.keyboardModifiers() & (held | Qt.KeyboardModifier.MetaModifier):
        return True
    code = combination.key()
    first, last = Qt.Key.Key_F1.value, Qt.Key.Key_F35.value
    return bool(code == Qt.Key.Key_Escape or first <= code.value <= last)


class KeyRouter:
    """The table's shortcuts on every window of the app, switched on and off by mode.

    Each shortcut is non-repeating (holding a key down counts one rep) and window-wide, so
    a key acts whichever control of a bound window has focus. Handlers of the actions
    named in ``keyed`` are given the key that was pressed."""

    def __init__(
        self,
        table: tuple[Binding, ...],
        handlers: Mapping[str, Callable[[], None] | Callable[[str], None]],
        *,
        keyed: frozenset[str] = frozenset(),
    ) -> None:
        self.table = table
        self.handlers = handlers
        self.keyed = keyed
        self.mode = BROWSE
        self._shortcuts: list[tuple[Binding, str, QShortcut]] = []

    def bind(self, window: QWidget, *, leave_out: frozenset[str] = frozenset()) -> None:
        """Give ``window`` every handled action's keys but those in ``leave_out``."""
        added = []
        for binding in self.table:
            handler = self.handlers.get(binding.action)
            if handler is None or binding.action in leave_out:
                continue
            for key in binding.keys:
                shortcut = QShortcut(QKeySequence(key), window)
                shortcut.setAutoRepeat(False)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                if binding.action in self.keyed:
                    shortcut.activated.connect(lambda h=handler, k=key: h(k))
                else:
                    shortcut.activated.connect(handler)
                added.append((binding, key, shortcut))
        self._shortcuts.extend(added)
        window.destroyed.connect(lambda *_: self._forget(added))
        self._apply()

    def set_mode(self, mode: str) -> None:
        """``SESSION`` while a session runs, ``EDIT`` in an editor, ``BROWSE`` elsewhere."""
        self.mode = mode
        self._apply()

    def acts(self, binding: Binding, key: str) -> bool:
        """Whether ``key`` of ``binding`` acts in the mode in force."""
        if self.mode not in binding.modes:
            return False
        return self.mode in (SESSION, PAGE) or is_command_key(key)

    def _apply(self) -> None:
        for binding, key, shortcut in self._shortcuts:
            shortcut.setEnabled(self.acts(binding, key))

    def _forget(self, gone: list[tuple[Binding, str, QShortcut]]) -> None:
        ids = {id(entry) for entry in gone}
        self._shortcuts = [entry for entry in self._shortcuts if id(entry) not in ids]


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
        name = _native_name(key)
        if name not in names:
            names.append(name)
    return names


@cache
def _native_name(key: str) -> str:
    """How the system writes ``key``: asked once per key, as the readout's hints name
    keys twenty times a second (asking Qt each time took a tenth of the GUI thread)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key
