"""What the voice is given to say: a phrase with its numbers written out as words.

The screen and ``guide-app plan`` show digits ("Satz 2 von 3"); the voice says the words
of the phrase's language ("Satz zwei von drei"), from the ``num2words`` library, so a
count is "eins" in German and "tres" in Spanish whatever the speech engine would make
of the digit. Decimals use the language's mark ("2,5" -> "zwei Komma fünf"); a number
written with a point in German or Spanish text (English-formatted) is still read as a
decimal, and a grouped thousand ("1.000") as a thousand.

English (and the pseudo language, which reads English) keeps its digits: espeak-ng's
English says them as the same words, and English phrases, their tests and their cached
sound stay as they were. A number glued to letters ("3x", "B2") is left to the engine.
"""

from __future__ import annotations

import re
from decimal import Decimal

from num2words import num2words

# The languages whose numbers are written out, and the word for their decimal mark
# where num2words's differs from what a speaker of that language says ("2,5" in Spain is
# "dos coma cinco"; num2words says "punto").
_WORDED = ("de", "es")
_DECIMAL_WORD = {"es": ("punto", "coma")}

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?!\w)")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def spoken_text(text: str, language: str) -> str:
    """``text`` as the voice of ``language`` says it: its numbers as words ("de", "es");
    English and the pseudo language unchanged (see the module docstring)."""
    code = language.split("-")[0].lower()
    if code not in _WORDED or not any(c.isdigit() for c in text):
        return text
    return _NUMBER.sub(lambda m: _words(m.group(0), code), text)


def _words(number: str, code: str) -> str:
    """One number as written in a ``code`` phrase, as words."""
    if number.isdigit():
        return _say(Decimal(number), code)
    if _THOUSANDS.fullmatch(number):
        number = number.replace(".", "")
    marks = [c for c in number if c in ".,"]
    if len(marks) == 1:
        return _say(Decimal(number.replace(",", ".")), code)
    # "1,2,3": not one number; each run of digits on its own
    return re.sub(r"\d+", lambda m: _say(Decimal(m.group(0)), code), number)


def _say(value: Decimal, code: str) -> str:
    words = str(num2words(value if value != value.to_integral() else int(value), lang=code))
    if code in _DECIMAL_WORD:
        theirs, ours = _DECIMAL_WORD[code]
        words = re.sub(rf"\b{theirs}\b", ours, words)
    return words
