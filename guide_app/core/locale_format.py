"""Dates, times and numbers written the way the user's language writes them (no Qt).

The words of a message come from the catalog (``i18n.tr``); the shape of a date ("Mon 3 Nov
2026", "Mo., 3. Nov. 2026", "lun, 3 nov 2026"), a clock time and a decimal mark ("2.5",
"2,5") come from the Unicode CLDR data through Babel, for the language in force. English is
written the British way the app always used (day before month, 24-hour clock).
"""

from __future__ import annotations

from datetime import date, datetime, time

from babel import Locale, dates, numbers

from guide_app.core import i18n

_LOCALES = {"en": "en_GB", "de": "de_DE", "es": "es_ES"}
_cache: dict[str, Locale] = {}


def locale() -> Locale:
    """The CLDR locale of the language in force (English for the pseudo language)."""
    name = _LOCALES.get(i18n.content_language(), "en_GB")
    if name not in _cache:
        _cache[name] = Locale.parse(name)
    return _cache[name]


def _shown(text: object) -> str:
    """A date's words; the pseudo language marks them as it marks messages."""
    return i18n.pseudo(str(text)) if i18n.language() == i18n.PSEUDO else str(text)


def day_long(day: date) -> str:
    """A day with its weekday and year: "Mon 30 Nov 2026", "Mo., 30. Nov. 2026"."""
    if locale().language == "en":
        return _shown(dates.format_date(day, "EEE d MMM y", locale=locale()))
    return _shown(dates.format_skeleton("yMMMEd", day, locale=locale()))


def day_full(day: date) -> str:
    """A day written out: "Monday 30 November 2026", "Montag, 30. November 2026"."""
    if locale().language == "en":
        return _shown(dates.format_date(day, "EEEE d MMMM y", locale=locale()))
    return _shown(dates.format_date(day, "full", locale=locale()))


def day_of_year(day: date) -> str:
    """A day with its year, no weekday: "2 Dec 2024", "2. Dez. 2024", "2 dic 2024"."""
    if locale().language == "en":
        return _shown(dates.format_date(day, "d MMM y", locale=locale()))
    return _shown(dates.format_skeleton("yMMMd", day, locale=locale()))


def day_short(day: date) -> str:
    """A day of this year: "30 Nov", "30. Nov.", "30 nov"."""
    return _shown(dates.format_skeleton("MMMd", day, locale=locale()))


def day_numeric(day: date) -> str:
    """A day in figures: "30/11/2026", "30.11.2026", "30/11/2026"."""
    return _shown(dates.format_date(day, "short", locale=locale()))


def month_year(day: date) -> str:
    """A month: "Nov 2026", "Nov. 2026", "nov 2026"."""
    return _shown(dates.format_skeleton("yMMM", day, locale=locale()))


def weekday_short(day: date) -> str:
    """A weekday's short name: "Mon", "Mo.", "lun"."""
    return _shown(dates.format_date(day, "EEE", locale=locale()))


def clock(moment: datetime | time) -> str:
    """A time of day on the 24-hour clock: "09:05"."""
    return str(dates.format_time(moment, "HH:mm", locale=locale()))


def decimal(value: float, places: int = 2) -> str:
    """``value`` with up to ``places`` decimals and the language's mark: "2.5", "2,5";
    a whole number has none ("10"). No grouping: these are doses and scores, not money."""
    pattern = "0." + "#" * places if places > 0 else "0"
    return str(numbers.format_decimal(value, format=pattern, locale=locale()))


def decimal_mark() -> str:
    """The language's decimal mark: "." or ","."""
    return str(numbers.get_decimal_symbol(locale()))
