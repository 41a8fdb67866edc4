"""The rows a translator works through for one item in one language (no Qt).

Each English text of the item (``content_language.texts``, in the order of its file)
with its translation from the item's ``translations:``, or none yet; and, apart, the
translations whose English the item no longer has (stale: the English was changed or
removed), with the English they were for, so they can be fixed or removed. The editors'
Translations page shows them; ``place`` is where a translation is in the item's data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from guide_app.core.content_language import TRANSLATIONS, table, texts
from guide_app.core.i18n import ntr

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """One English text and its translation: ``key`` is the English as the file writes
    it (the text itself when there is no translation yet); ``translation`` is None when
    there is none."""

    english: str
    key: str
    translation: str | None
    stale: bool = False

    @property
    def translated(self) -> bool:
        """Has a translation that is not empty."""
        return bool(self.translation and self.translation.strip())


@dataclass(frozen=True, slots=True)
class Rows:
    """One item's rows in one language."""

    language: str
    current: tuple[Row, ...]
    stale: tuple[Row, ...]

    @property
    def done(self) -> int:
        """How many of the item's texts have a translation."""
        return sum(1 for row in self.current if row.translated)

    @property
    def total(self) -> int:
        return len(self.current)

    def count(self) -> str:
        """ "12 of 40 translated"."""
        return ntr(
            "{done} of {n} translated", "{done} of {n} translated", self.total, done=self.done
        )

    def untranslated(self) -> list[str]:
        """The English texts with no translation yet, in order."""
        return [row.english for row in self.current if not row.translated]


def place(language: str, key: str) -> Loc:
    """Where the translation of ``key`` into ``language`` is in an item's data."""
    return (TRANSLATIONS, language, key)


def rows(data: Mapping[str, Any], kind: str, language: str) -> Rows:
    """Every English text of the item with its translation into ``language``, and the
    translations that match no text of the item any more."""
    written: dict[str, tuple[str, Any]] = {}
    for key, value in table(data, language).items():
        if isinstance(key, str):
            written.setdefault(key.strip(), (key, value))
    current = []
    for english in texts(data, kind):
        if english in written:
            key, value = written.pop(english)
            current.append(Row(english, key, _text(value)))
        else:
            current.append(Row(english, english, None))
    stale = tuple(
        Row(english, key, _text(value), stale=True) for english, (key, value) in written.items()
    )
    return Rows(language, tuple(current), stale)


def _text(value: Any) -> str:
    """A translation as it is shown: text, a number written as text, None as nothing."""
    return "" if value is None else str(value)
