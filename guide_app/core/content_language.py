"""Content in the user's language: an item's text fields replaced by their translations.

An exercise, session or programme file may end with ``translations:``, one mapping per
language code, each mapping **the exact English text** of a text field to its
translation (keyed by the English, like gettext: reordering a list keeps them right, and
a changed English no longer matches, so it shows in English instead of out of date)::

    translations:
      de:
        "Clamshell": "Muschel"

``localise`` gives the item with its text fields in one language; the loader calls it
on every file it reads, so everything built from the library (Home, a session, the plan,
the voice, the handout) speaks that language. A text without a usable translation stays
English and is remembered as such: ``shown`` marks it where it is displayed. The pseudo
language wraps every text field as ``i18n.pseudo`` does, so text that bypassed this
layer stands out. ``check`` is what ``guide-app validate`` says of the translations;
nothing it says keeps an item from loading.

Some texts are also identities: a phase's name, a measurement's name and unit are kept in
the journal and compared with the library later, and frequency words are read as
numbers. The journal keeps them in English (``english``: the English a text as loaded
stands for), compares them in English (``same``), reads frequency words in English, and
shows what it keeps in the user's language (``translated``), so a journal written in one
language matches, and reads, in another.

Only text fields are translated: what a person reads or hears (``FIELDS`` names them),
never ids, kinds, file paths, numbers, loads or sources.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from guide_app.core import content_text, i18n
from guide_app.core.content_text import Shown
from guide_app.core.i18n import tr

TRANSLATIONS = "translations"
Loc = tuple[str | int, ...]
Found = tuple[Loc, str]  # where in the item, and what is said of it


# --------------------------------------------------------------------------- the text fields


@dataclass(frozen=True, slots=True)
class _Kind:
    """What a text field may hold, as the model checks it."""

    longest: int
    one_line: bool


_NAME, _WORD, _SHORT = _Kind(120, True), _Kind(60, True), _Kind(20, True)
_TITLE, _TEXT = _Kind(2000, True), _Kind(2000, False)


@dataclass
class _Node:
    """Where text fields are: ``text`` when the value here is a string, ``parts`` for a
    mapping's keys or a list's items (``"*"``: any), ``tempo`` for a tempo's phase words."""

    text: _Kind | None = None
    parts: dict[str, _Node] = field(default_factory=dict)
    tempo: bool = False


def _node(kind: _Kind | None = None, /, **parts: _Node) -> _Node:
    return _Node(kind, dict(parts))


def _items(kind: _Kind | None = None, /, **parts: _Node) -> _Node:
    """A list (or a mapping) whose every item is ``_node(kind, **parts)``."""
    return _node(**{"*": _node(kind, **parts)})


_DOSAGE = _node(tempo=_Node(tempo=True), directions=_items(_SHORT))
_DOSAGE.parts["per_side"] = _node(**{"*": _DOSAGE})
_BLOCK = _node(note=_node(_TEXT), dosage=_DOSAGE, by_week=_node(**{"*": _DOSAGE}))
_PAIN = _node(say=_node(_TEXT))

FIELDS: dict[str, _Node] = {
    "exercise": _node(
        name=_node(_NAME),
        summary=_node(_TEXT),
        equipment=_items(_WORD),
        targets=_items(_WORD),
        secondary_targets=_items(_WORD),
        position=_node(_WORD),
        cues=_items(_TEXT, text=_node(_TEXT)),
        tips=_items(_TEXT),
        faq=_items(q=_node(_TEXT), a=_node(_TEXT)),
        stop_signs=_items(_TEXT),
        dosage=_DOSAGE,
        progressions=_items(_TEXT),
        regressions=_items(_TEXT),
    ),
    "session": _node(
        title=_node(_TITLE),
        summary=_node(_TEXT),
        notes=_items(_TEXT),
        equipment=_items(_WORD),
        pain=_PAIN,
        blocks=_items(
            None,
            **_BLOCK.parts,
            circuit=_node(title=_node(_TITLE), exercises=_node(**{"*": _BLOCK})),
            intervals=_node(title=_node(_TITLE), exercises=_node(**{"*": _BLOCK})),
            measure=_node(name=_node(_TITLE), unit=_node(_SHORT), how=_node(_TEXT)),
        ),
    ),
    "programme": _node(
        title=_node(_TITLE),
        summary=_node(_TEXT),
        condition=_node(_TEXT),
        notes=_items(_TEXT),
        pain=_PAIN,
        phases=_items(
            None,
            name=_node(_TITLE),
            goal=_node(_TEXT),
            frequency=_node(_TITLE, text=_node(_TITLE)),
            pain=_PAIN,
            progression=_items(
                None,
                text=_node(_TEXT),
                rule=_node(
                    then=_node(_TEXT, say=_node(_TEXT)),
                    measure=_node(name=_node(_TITLE)),
                ),
            ),
        ),
    ),
}

# A tempo written as words: "out 2, hold 1, back 3" (as the model reads it).
_TEMPO_PART = re.compile(r"\s*([A-Za-z][A-Za-z ]*?)\s+(\d+(?:\.\d+)?)\s*s?\s*")


@dataclass(frozen=True, slots=True)
class _Field:
    """One text field met in an item: its English, what it may hold, and how to set it."""

    text: str
    kind: _Kind
    put: Callable[[str], None]


def _fields(data: Any, node: _Node) -> Iterator[_Field]:
    """Every text field under ``data``, in the order the file gives them."""
    if isinstance(data, dict):
        for key, value in list(data.items()):
            sub = node.parts.get(key) if isinstance(key, str) else None
            sub = sub or node.parts.get("*")
            if sub is not None:
                yield from _value(data, key, value, sub)
    elif isinstance(data, list):
        sub = node.parts.get("*")
        if sub is not None:
            for i, value in enumerate(data):
                yield from _value(data, i, value, sub)


def _value(owner: Any, key: Any, value: Any, node: _Node) -> Iterator[_Field]:
    def put(text: str) -> None:
        owner[key] = text

    if node.tempo:
        yield from _tempo(owner, key, value)
    elif isinstance(value, str):
        if node.text is not None and value.strip():
            yield _Field(value.strip(), node.text, put)
    else:
        yield from _fields(value, node)


def _tempo(owner: Any, key: Any, value: Any) -> Iterator[_Field]:
    """A tempo's phase words: the keys of ``{out: 2, hold: 1, back: 3}``, or the words of
    "out 2, hold 1, back 3" (written as a mapping, which takes any letters, once a word is
    put). The engine keys nothing on a phase's word: it says and shows it, so the word is
    replaced. Reading the words changes nothing: only a put writes, so a walk that only
    reads needs no copy of the item."""
    if isinstance(value, str):
        parts = [_TEMPO_PART.fullmatch(part) for part in value.split(",")]
        if not all(parts):
            return
        value = {m.group(1): float(m.group(2)) for m in parts if m}  # written back on a put
    if not isinstance(value, dict):
        return
    words = [k for k in value if isinstance(k, str) and k.strip()]
    new: dict[str, str] = {}

    def renamer(word: str) -> Callable[[str], None]:
        def put(text: str) -> None:
            if text not in value and text not in new.values():  # two phases, one word: keep
                new[word] = text
                owner[key] = {
                    new.get(k, k) if isinstance(k, str) else k: v for k, v in value.items()
                }

        return put

    for word in words:
        yield _Field(word.strip(), _SHORT, renamer(word))


def texts(data: Mapping[str, Any], kind: str) -> list[str]:
    """Every English text of one item, in the order of the file, each once: what a
    translator translates."""
    node = FIELDS.get(kind)
    if node is None:
        return []
    found = (f.text for f in _fields(data, node))
    return list(dict.fromkeys(found))


# --------------------------------------------------------------------------- localising


# The texts shown in English in each language, because they have no usable translation;
# texts with placeholders are matched once filled too ("Lie on your left side").
_ENGLISH: dict[str, set[str]] = {}
_FILLED: dict[str, dict[str, str]] = {}  # text -> a pattern its filled forms match
_FILLED_ANY: dict[str, re.Pattern[str]] = {}  # all of a language's, in one
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def localise(data: Mapping[str, Any], kind: str, language: str) -> dict[str, Any]:
    """A copy of the raw item with each text field in ``language``: its translation when
    the file has a usable one, else the English, remembered as shown in English. "pseudo"
    wraps every text as ``i18n.pseudo`` does; "en" gives the item as it is."""
    if language == i18n.SOURCE or kind not in FIELDS:
        return dict(data)
    out = copy.deepcopy(dict(data))
    table = _table(data, language)
    for f in list(_fields(out, FIELDS[kind])):
        if language == i18n.PSEUDO:
            wrapped = _pseudo(f.text, f.kind)
            if wrapped is not None:
                f.put(wrapped)
            _learn(language, f.text, wrapped or f.text)
            continue
        wanted = table.get(f.text)
        if wanted is not None and _fault(f.text, wanted, f.kind) is None:
            f.put(wanted)
            _learn(language, f.text, wanted)
        else:
            _remember(language, f.text)
            _learn(language, f.text, f.text)
    return out


def keep_english(data: Mapping[str, Any], kind: str, language: str) -> None:
    """Remember every text of the item as shown in English in ``language`` (the loader
    shows the English when the translated item would not load)."""
    node = FIELDS.get(kind)
    if node is not None and language not in (i18n.SOURCE, i18n.PSEUDO):
        for f in _fields(data, node):
            _remember(language, f.text)


def table(data: Mapping[str, Any], language: str) -> dict[str, Any]:
    """The item's translations into ``language`` as the file gives them (keys as written)."""
    every = data.get(TRANSLATIONS)
    own = every.get(language) if isinstance(every, Mapping) else None
    return dict(own) if isinstance(own, Mapping) else {}


def _table(data: Mapping[str, Any], language: str) -> dict[str, str]:
    """The item's usable translations into ``language``: stripped English -> stripped
    translation."""
    return {
        k.strip(): v.strip()
        for k, v in table(data, language).items()
        if isinstance(k, str) and isinstance(v, str)
    }


def _pseudo(text: str, kind: _Kind) -> str | None:
    """``text`` wrapped as the pseudo language shows it, lengthened only as far as the
    field allows (None: it does not fit even unlengthened)."""
    wrapped = i18n.pseudo(text)
    surplus = len(wrapped) - kind.longest
    if surplus > 0:
        tildes = len(wrapped) - len(wrapped.rstrip(i18n.PSEUDO_CLOSE).rstrip("~")) - 1
        if surplus > tildes:
            return None
        wrapped = wrapped[: -1 - surplus] + i18n.PSEUDO_CLOSE
    return wrapped


def _remember(language: str, text: str) -> None:
    _ENGLISH.setdefault(language, set()).add(text)
    if "{" in text and _PLACEHOLDER.search(text):
        pattern = "".join(
            re.escape(part[0])
            if part in ("{{", "}}")
            else ".+?"
            if part.startswith("{")
            else re.escape(part)
            for part in _split(text)
        )
        patterns = _FILLED.setdefault(language, {})
        if text not in patterns:
            patterns[text] = pattern
            _FILLED_ANY.pop(language, None)


def _split(text: str) -> list[str]:
    """``text`` cut into its placeholders and braces and the text between them."""
    parts, last = [], 0
    for match in _PLACEHOLDER.finditer(text):
        parts += [text[last : match.start()], match.group(0)]
        last = match.end()
    return [p for p in [*parts, text[last:]] if p]


# Each language's content texts as loaded, both ways: a text shown -> the English it
# stands for (every one: two English texts may share a translation), and an English
# text -> how it is shown. Kept per language, so loading in another language leaves each
# language's own; a text translated anew replaces its old translation, and one item
# without a translation does not undo another's ("degrees" in two sessions).
_SOURCES: dict[str, dict[str, dict[str, None]]] = {}
_SHOWN: dict[str, dict[str, str]] = {}


def forget() -> None:
    """Forget what earlier loads learned of content's languages (which texts showed in
    English, which translation stands for which English): for a test that loads its own
    small library, so an earlier load of another library cannot mark its texts."""
    for table in (_ENGLISH, _FILLED, _FILLED_ANY, _SOURCES, _SHOWN):
        table.clear()


def _learn(language: str, source: str, text: str) -> None:
    """Remember that ``text`` is how the English ``source`` is shown in ``language``."""
    sources = _SOURCES.setdefault(language, {}).setdefault(text, {})
    sources.pop(source, None)
    sources[source] = None  # the latest last
    shown = _SHOWN.setdefault(language, {})
    if text != source or source not in shown:
        shown[source] = text


def loaded_in() -> str:
    """The language content is loaded in: the user's, or "pseudo" to wrap every text."""
    return i18n.PSEUDO if i18n.language() == i18n.PSEUDO else i18n.content_language()


def english(text: str) -> str:
    """The source English of a content text as loaded (a phase's name, a measurement's
    name or unit, a session's title): what the journal keeps and what identities are
    compared on, whatever language the app runs in. ``text`` itself when it is English,
    not content, or the app runs in English. A text that is itself English content as
    well as a translation of another is taken as itself."""
    language = loaded_in()
    if language == i18n.SOURCE:
        return text
    key = text.strip()
    sources = _SOURCES.get(language, {}).get(key)
    if not sources or key in sources:
        return text if not sources else key
    return next(reversed(sources))


def translated(english: str) -> str:
    """How the English content text ``english`` (as the journal keeps it) is shown in the
    language in force: its translation, seen as the library was loaded; else itself."""
    language = loaded_in()
    if language == i18n.SOURCE or not english:
        return english
    return _SHOWN.get(language, {}).get(english.strip(), english)


def same(text: str, other: str | None) -> bool:
    """Whether two content texts name the same thing, each in any language: a phase's
    name as loaded and the phase a journal row keeps (in English, or as shown)."""
    if other is None:
        return False
    if text == other:
        return True
    language = loaded_in()
    one, two = text.strip(), other.strip()
    if language == i18n.SOURCE:
        return one == two
    known = _SOURCES.get(language, {})
    return bool(({one} | set(known.get(one, ()))) & ({two} | set(known.get(two, ()))))


def in_english(text: str) -> bool:
    """Whether ``text`` is content shown in English because the user's language has no
    translation of it (never in English itself, nor in the pseudo language)."""
    language = i18n.content_language()
    if language == i18n.SOURCE:
        return False
    stripped = text.strip()
    if stripped in _ENGLISH.get(language, set()):
        return True
    if not _FILLED.get(language):
        return False
    found = _FILLED_ANY.get(language)
    if found is None:
        found = re.compile("|".join(f"(?:{p})" for p in _FILLED[language].values()))
        _FILLED_ANY[language] = found
    return found.fullmatch(stripped) is not None


def shown(text: str) -> str:
    """``text`` for display: marked when it is content shown in English."""
    if not text or not in_english(text):
        return text
    # Translators: content (an exercise's name, a cue) that has no translation yet and is
    # shown in English; keep it short, e.g. "{text} [EN]".
    return tr("{text} [EN]", text=text)


# --------------------------------------------------------------------------- checking


def check(data: Mapping[str, Any], kind: str) -> tuple[list[Found], list[Found]]:
    """What ``validate`` says of an item's translations, as ``(where, message)`` lists,
    in one pass over them.

    First the problems, what is wrong: a language the app does not have, a translation
    that is not text, drops or renames a ``{placeholder}``, or does not fit its field.
    Then the notes, what is out of date rather than wrong: a translation whose English
    the item no longer has (changed since, or misspelt), and one left empty; like a
    gettext entry gone fuzzy, they are told (``validate`` notes them, the editor lists
    them) but are no problem. Neither keeps the item from loading: the English is shown
    where a translation is unusable."""
    every = data.get(TRANSLATIONS)
    if every is None or kind not in FIELDS:
        return [], []
    loc: Loc = (TRANSLATIONS,)
    if not isinstance(every, dict):
        message = tr(
            "{where}: must map each language code to its translations, "
            "e.g. de: {{Clamshell: Muschel}}",
            where=TRANSLATIONS,
        )
        return [(loc, message)], []
    problems: list[Found] = []
    notes: list[Found] = []
    english: dict[str, list[_Kind]] = {}
    for f in _fields(data, FIELDS[kind]):
        english.setdefault(f.text, []).append(f.kind)
    for language, table in every.items():
        where = f"{TRANSLATIONS}.{language}"
        here: Loc = (TRANSLATIONS, str(language))
        if language not in i18n.LANGUAGES:
            message = tr(
                "{where}: the app has no language {code!r}: use one of {codes}",
                where=where,
                code=Shown(language),
                codes=", ".join(i18n.LANGUAGES),
            )
            problems.append((here, message))
            continue
        if not isinstance(table, dict):
            message = tr(
                "{where}: must map each English text to its translation, e.g. Clamshell: Muschel",
                where=where,
            )
            problems.append((here, message))
            continue
        for key, value in table.items():
            told = _entry(where, key, value, english)
            if told is not None:
                message, only_a_note = told
                at = (*here, key) if isinstance(key, str) else here
                (notes if only_a_note else problems).append((at, message))
    return problems, notes


def _entry(
    where: str, key: Any, value: Any, english: dict[str, list[_Kind]]
) -> tuple[str, bool] | None:
    """What is wrong with one translation, and whether it is only a note (out of date, not
    wrong); None when nothing is."""
    if not isinstance(key, str):
        message = tr(
            "{where}: {key!r} is not text: put the English in double quotes",
            where=where,
            key=Shown(key),
        )
        return message, False
    text = key.strip()
    kinds = english.get(text)
    if kinds is None:
        message = tr(
            "{where}: {text!r} matches no text of this item: the English changed or is "
            "misspelt: copy the text exactly, or remove this line",
            where=where,
            text=Shown(text),
        )
        return message, True
    if value is None or (isinstance(value, str) and not value.strip()):
        message = tr(
            "{where}: the translation of {text!r} is empty: translate it, or remove "
            "the line (the English is shown meanwhile)",
            where=where,
            text=Shown(text),
        )
        return message, True
    if not isinstance(value, str):
        message = tr(
            "{where}: the translation of {text!r} is not text: put it in double quotes",
            where=where,
            text=Shown(text),
        )
        return message, False
    for kind in kinds:
        fault = _fault(text, value.strip(), kind)
        if fault:
            message = tr(
                "{where}: the translation of {text!r} {fault}",
                where=where,
                text=Shown(text),
                fault=fault,
            )
            return message, False
    return None


def _fault(english: str, translated: str, kind: _Kind) -> str | None:
    """Why ``translated`` cannot stand for ``english`` in a field of ``kind``, or None."""
    if not translated:
        return tr("is empty")
    wanted, given = _placeholders(english), _placeholders(translated)
    if wanted != given:
        return tr(
            "drops or renames a placeholder (the English has {wanted}, the translation "
            "{given}): keep each {{...}} exactly as the English writes it",
            given=", ".join(given) or tr("none"),
            wanted=", ".join(wanted) or tr("none"),
        )
    if len(translated) > kind.longest:
        return tr(
            "is {n} characters long; this field takes at most {longest}: shorten it",
            n=len(translated),
            longest=kind.longest,
        )
    try:
        (content_text.one_line if kind.one_line else content_text.text)(translated)
    except ValueError as exc:
        return str(exc)
    return None


def _placeholders(text: str) -> list[str]:
    return sorted(
        f"{{{m.group(1)}}}" for m in _PLACEHOLDER.finditer(text) if m.group(1) is not None
    )
