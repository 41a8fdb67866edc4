"""Every word the user sees or hears: one translation function, with plural forms.

The layer is GNU gettext from the standard library, not Qt's ``tr``: the core builds
spoken prompts, readouts and report text and imports no Qt, and gettext works the same
in the core, the command line, the PDF report and the window. ``ntr`` picks the plural
form the language needs ("1 set", "2 sets"; other languages have more forms).

Messages are written as ``str.format`` templates with named fields, so a translator can
move the fields: ``tr("Set {set} of {sets}", set=2, sets=3)``. Catalogs live in
``guide_app/locale/<lang>/LC_MESSAGES/guide_app.mo``; with none installed the English
source text is used. Extraction: ``xgettext --keyword=tr --keyword=ntr:1,2``.

Logic never reads a translated string: it reads enums and ids, and only the last step
before a person sees or hears something calls ``tr``.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "guide_app"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_catalog: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(code: str | None) -> str:
    """Use ``code``'s catalog ("de", "es"; None or "en": the source English). Returns the
    language in force: an unknown code falls back to English rather than failing."""
    global _catalog, _language
    if not code or code == "en":
        _catalog, _language = gettext.NullTranslations(), "en"
        return _language
    try:
        _catalog = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[code])
        _language = code
    except OSError:
        _catalog, _language = gettext.NullTranslations(), "en"
    return _language


def language() -> str:
    return _language


def tr(message: str, /, **values: object) -> str:
    """``message`` in the user's language, its ``{fields}`` filled from ``values``."""
    text = _catalog.gettext(message)
    return text.format(**values) if values else text


def ntr(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of ``singular``/``plural`` that goes with the number ``n`` (available to
    the template as ``{n}``), filled from ``values``."""
    return _catalog.ngettext(singular, plural, n).format(n=n, **values)
