"""The characters content text may hold, and content text made safe for a terminal.

Names (an exercise's name, a session's title, a unit, a picture path) are one line of
visible text: no control characters (an escape sequence would be sent to the terminal
by ``guide-app list``; a NUL byte cannot be a file name), and at least one character a
reader can see (a name of zero-width spaces shows as nothing). Longer text (a summary,
a cue) may also break lines and hold tabs.

``Shown`` is a wrong value as a message quotes it: cut short. ``printable`` is for what
the command line prints that content or a file name may have
put there: control characters are shown escaped (``\\x1b``), never sent.
"""

from __future__ import annotations

import re
import reprlib
import unicodedata
from typing import Any

from guide_app.core.i18n import tr

# C0 and C1 controls and DEL; longer text keeps tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Letters that draw nothing: the Hangul fillers, the Braille blank, the Mongolian vowel separator.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
_UNSEEN = frozenset(("Mn", "Me", "Cf", "Co", "Cn", "Cs", "Zs", "Zl", "Zp", "Cc"))
# What a terminal must not be sent: controls, and the marks that reorder text on screen.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(value: str) -> str:
    """A name's check: one line of text with something visible in it."""
    _no_control(value, _CONTROL)
    _something_visible(value)
    return value


def text(value: str) -> str:
    """Longer text's check: lines of text, something visible in them."""
    _no_control(value, _CONTROL_IN_TEXT)
    _something_visible(value)
    return value


def _no_control(value: str, pattern: re.Pattern[str]) -> None:
    found = pattern.search(value)
    if found:
        raise ValueError(
            tr(
                "contains the control character U+{code:04X}: remove it",
                code=ord(found.group()),
            )
        )


def _something_visible(value: str) -> None:
    for char in value:
        if char.isascii():
            if char.isprintable() and not char.isspace():
                return
        elif char not in _BLANK_LETTERS and unicodedata.category(char) not in _UNSEEN:
            return
    if value:  # an empty value is refused by the field's own minimum length
        raise ValueError(tr("has no visible characters: write it in words"))


def printable(value: object) -> str:
    """``str(value)`` with control characters escaped, for printing to a terminal."""
    shown = str(value)
    if not _UNPRINTABLE.search(shown):
        return shown
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), shown)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Shown:
    """A wrong value as a message shows it: cut short, so a list of 100,000 items or a
    string nested 900 levels deep is a few words in the message, not the whole file."""

    __slots__ = ("value",)
    _repr = reprlib.Repr()
    _repr.maxstring = _repr.maxother = 80
    _repr.maxlist = _repr.maxtuple = _repr.maxset = 8
    _repr.maxdict = 6
    _repr.maxlevel = 3

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return self._repr.repr(self.value)

    def __str__(self) -> str:
        text = str(self.value) if isinstance(self.value, str | int | float) else repr(self)
        return text if len(text) <= 80 else text[:77] + "..."
