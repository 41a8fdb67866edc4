"""Side words in content text: ``{side}``, ``{other_side}`` and ``{limb}``, filled per side.

A version-2 cue may say "Lie on your {other_side} side, {side} leg on top": for the right
leg it reads "Lie on your left side, right leg on top". Without a side (the library's
exercise page) it reads "Lie on your other side, working leg on top". ``{{`` and ``}}``
are a brace. Version-1 text knew no placeholders: it is escaped when it is read
(``escape``), so every text is filled the same way.
"""

from __future__ import annotations

import re

from guide_app.core.i18n import tr
from guide_app.core.sides import Side, side_word

NAMES = ("side", "other_side", "limb")
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def escape(text: str) -> str:
    """``text`` with its braces doubled, so filling it gives it back unchanged."""
    return text.replace("{", "{{").replace("}", "}}")


def unknown(text: str) -> list[str]:
    """Placeholders in ``text`` that are not side words (``{sdie}``), and lone braces."""
    found = [m.group(1) for m in _FIELD.finditer(text) if m.group(1) is not None]
    bad = [name for name in found if name.strip() not in NAMES]
    rest = _FIELD.sub("", text)
    if "{" in rest or "}" in rest:
        bad.append(tr("a lone brace (write {{ or }} for a brace)"))
    return bad


def uses_sides(text: str) -> bool:
    """Whether ``text`` names a side (``{side}`` or ``{other_side}``)."""
    return any(m.group(1) in ("side", "other_side") for m in _FIELD.finditer(text))


def fill(text: str, side: Side | None = None, limb: str | None = None) -> str:
    """``text`` with its side words for ``side`` (None or both: no side in particular)."""
    if "{" not in text and "}" not in text:
        return text

    def word(match: re.Match[str]) -> str:
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            return token[0]
        name = (name or "").strip()
        one = side if side in (Side.LEFT, Side.RIGHT) else None
        if name == "side":
            return side_word(one) if one else tr("working")
        if name == "other_side":
            return side_word(one.other()) if one else tr("other")
        if name == "limb":
            return limb_word(limb) if limb else tr("limb")
        return token

    return _FIELD.sub(word, text)


def limb_word(limb: str) -> str:
    """The limb as a word in a sentence: "leg", "arm"."""
    words = {
        "leg": tr("leg"),
        "arm": tr("arm"),
        "foot": tr("foot"),
        "hand": tr("hand"),
        "hip": tr("hip"),
        "knee": tr("knee"),
        "ankle": tr("ankle"),
        "shoulder": tr("shoulder"),
        "elbow": tr("elbow"),
        "wrist": tr("wrist"),
    }
    return words.get(limb, limb)
