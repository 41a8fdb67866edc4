"""Every word the user sees or hears: one translation function, with plural forms.

The layer is GNU gettext from the standard library, not Qt's ``tr``: the core builds
spoken prompts, readouts and report text and imports no Qt, and gettext works the same
in the core, the command line, the PDF report and the window. ``ntr`` picks the plural
form the language needs ("1 set", "2 sets"; other languages have more forms).

Messages are written as ``str.format`` templates with named fields, so a translator can
move the fields: ``tr("Set {set} of {sets}", set=2, sets=3)``. Catalogs live in
``guide_app/locale/<lang>/LC_MESSAGES/guide_app.mo``; with none installed the English
source text is used. ``scripts/translations.py`` extracts, updates, compiles and checks
them (Babel's tool chain); ``tests/test_translations.py`` fails on anything missing or stale.

The pseudo language (``--language pseudo``) wraps every message in ``⟦…⟧``, accents its
letters and lengthens it by 40%: text on screen without the brackets bypassed this layer,
and a layout that cuts it off will cut off German.

Logic never reads a translated string: it reads enums and ids, and only the last step
before a person sees or hears something calls ``tr``.
"""

from __future__ import annotations

import gettext
import math
import os
import re
from pathlib import Path

DOMAIN = "guide_app"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

SOURCE = "en"
LANGUAGES = ("de", "es")  # the translated ones: a catalog each under LOCALE_DIR
PSEUDO = "pseudo"  # every message wrapped and lengthened, to find what bypasses the layer
# Each language by its own name, as the settings list them.
NAMES = {"en": "English", "de": "Deutsch", "es": "Español"}

_catalog: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE


def choices() -> tuple[str, ...]:
    """The languages a user can choose: English first, then the translated ones."""
    return (SOURCE, *LANGUAGES)


def system_language(environ: dict[str, str] | None = None) -> str:
    """The first of the user's locale settings that the app speaks (``LANGUAGE``, then
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: "de_AT.UTF-8" is German), else English."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in env.get(name, "").split(":"):
            code = re.split(r"[_.@-]", part.strip(), maxsplit=1)[0].lower()
            if code in choices():
                return code
    return SOURCE


def set_language(code: str | None) -> str:
    """Use ``code``'s catalog ("de", "es"; None or "en": the source English; "pseudo" for
    layout checks). Returns the language in force: an unknown code falls back to English
    rather than failing."""
    global _catalog, _language
    if code == PSEUDO:
        _catalog, _language = _Pseudo(), PSEUDO
        return _language
    if not code or code == SOURCE:
        _catalog, _language = gettext.NullTranslations(), SOURCE
        return _language
    try:
        _catalog = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[code])
        _language = code
    except OSError:
        _catalog, _language = gettext.NullTranslations(), SOURCE
    return _language


def language() -> str:
    """The language in force: "en", "de", "es" or "pseudo"."""
    return _language


def content_language() -> str:
    """The language content text is shown in: the pseudo language reads English."""
    return SOURCE if _language == PSEUDO else _language


def tr(message: str, /, **values: object) -> str:
    """``message`` in the user's language, its ``{fields}`` filled from ``values``; a
    number with decimals is written with the language's decimal mark ("{kg:g}": 2,5)."""
    text = _catalog.gettext(message)
    return text.format(**_marked(values)) if values else text


def tr_in(language: str, message: str, /, **values: object) -> str:
    """``message`` in ``language`` instead of the one in force: a duplicate's German
    title, "Muschel (Kopie)", made while the window is in English."""
    catalog = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True)
    text = catalog.gettext(message)
    return text.format(**values) if values else text


def ntr(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of ``singular``/``plural`` that goes with the number ``n`` (available to
    the template as ``{n}``), filled from ``values``."""
    return _catalog.ngettext(singular, plural, n).format(n=n, **_marked(values))


# The decimal mark of each language that does not use the point (CLDR's; a test checks
# these against Babel's data, which ``core.locale_format`` uses for everything else).
DECIMAL_COMMA = frozenset({"de", "es"})


class _Decimal(float):
    """A float that formats with a decimal comma, whatever its format spec."""

    def __format__(self, spec: str) -> str:
        return format(float(self), spec).replace(".", ",")


def _marked(values: dict[str, object]) -> dict[str, object]:
    if _language not in DECIMAL_COMMA:
        return values
    return {k: _Decimal(v) if type(v) is float else v for k, v in values.items()}


PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"
_ACCENTED = str.maketrans("aceinouyACEINOUY", "àçéîñöûÿÀÇÉÎÑÖÛŸ")
_FIELD = re.compile(r"(\{[^{}]*\})")


def pseudo(text: str) -> str:
    """``text`` as the pseudo language shows it: accented outside its ``{fields}``,
    lengthened by 40% and wrapped in ``⟦…⟧``."""
    if not text:
        return text
    parts = _FIELD.split(text)
    accented = "".join(p if _FIELD.fullmatch(p) else p.translate(_ACCENTED) for p in parts)
    return f"{PSEUDO_OPEN}{accented}{'~' * math.ceil(len(text) * 0.4)}{PSEUDO_CLOSE}"


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
