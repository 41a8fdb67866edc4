"""Numbers in a spoken phrase said as words in the phrase's language (core.spoken)."""

from __future__ import annotations

import pytest

from guide_app.core.spoken import spoken_text


@pytest.mark.parametrize(
    ("text", "language", "said"),
    [
        ("Satz 2 von 3", "de", "Satz zwei von drei"),
        ("1", "de", "eins"),
        ("21", "de", "einundzwanzig"),
        ("2,5 Kilogramm", "de", "zwei Komma fünf Kilogramm"),
        ("Pause 30 Sekunden.", "de", "Pause dreißig Sekunden."),
        ("Nächster: Satz 2 von 3", "de", "Nächster: Satz zwei von drei"),
        ("3", "es", "tres"),
        ("Serie 1 de 3", "es", "Serie uno de tres"),
        ("2,5 kilogramos", "es", "dos coma cinco kilogramos"),
        ("Descanso 45 segundos", "es", "Descanso cuarenta y cinco segundos"),
    ],
)
def test_numbers_are_said_as_words_in_german_and_spanish(
    text: str, language: str, said: str
) -> None:
    assert spoken_text(text, language) == said


def test_an_english_number_pattern_in_german_text_is_still_a_decimal() -> None:
    """A decimal written with a point in German text (e.g. from English content) is
    still a decimal, and a grouped thousand is a thousand."""
    assert spoken_text("1.5", "de") == "eins Komma fünf"
    assert spoken_text("1.000 Schritte", "de") == "eintausend Schritte"


def test_numbers_inside_words_are_left_to_the_engine() -> None:
    assert spoken_text("3x täglich", "de") == "3x täglich"
    assert spoken_text("Übung B2", "de") == "Übung B2"


@pytest.mark.parametrize("language", ["en", "pseudo"])
def test_english_keeps_its_digits(language: str) -> None:
    """espeak-ng's English reads digits as words already; English phrases (and their
    cached sound) stay as they were."""
    assert spoken_text("Set 2 of 3", language) == "Set 2 of 3"
    assert spoken_text("2.5 kilograms", language) == "2.5 kilograms"


def test_text_without_numbers_is_unchanged() -> None:
    assert spoken_text("Rechte Seite", "de") == "Rechte Seite"
    assert spoken_text("", "es") == ""
