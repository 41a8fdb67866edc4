"""Every symbol the app shows that is not plain ASCII, in one place.

Each must render with the fonts the set-up installs (``fonts-dejavu-core``, see
scripts/install.sh): DejaVu Sans has every one below. tests/ui/test_symbols.py renders
each, and fails when a file of the app or its content uses a character not listed here.
Pick a new symbol from what DejaVu Sans has (or draw it), never an emoji. Letters (the
accented letters of German and Spanish) are not symbols: the test renders every letter the
catalogs and the content use without listing them here.
"""

from __future__ import annotations

PAUSE = "❚❚"  # beside "PAUSED" (U+275A; U+23F8 and emoji are not in DejaVu Sans)
LEFT_ARROW = "◀"  # the left side, always with its word
RIGHT_ARROW = "▶"  # the right side; also "Start ▶" and the current cue in the list
DONE = "✓"  # the end of a session; a progression rule met
NOT_DONE = "✗"  # a set that does not count towards a rule
WARNING = "⚠"  # a session's notes on Home; the stop signs on a get-ready
BULLET = "•"  # each stop sign in the session's safety box
TIMES = "×"  # "3 × 20"
MINUS = "−"  # "Left − right"
TO = "→"  # "effort 5 → 7"
DOT = "·"  # "Hip cuff · part 3 of 8"
DASH = "—"  # "Resuming … — the therapist is choosing"
EN_DASH = "–"  # a range of reps, "8–12", as content may write it
ELLIPSIS = "…"  # "Loading the exercise library…"
PENCIL = "✎"  # an entry corrected from the history window
DAGGER = "†"  # a corrected entry in the report, with its note
CIRCLE = "○"  # a session due later today, or a day ahead, on Today
UP, DOWN = "↑", "↓"  # arrow keys in German and Spanish key help ("Alt+↑")
# Quotation marks and inverted marks of the translations: German „…“, Spanish «…», ¿…?, ¡…!
QUOTES = "„“«»"
INVERTED = "¿¡"
# The pseudo language's brackets around every translated text (core/i18n.py).
PSEUDO = "⟦⟧"

ALL: frozenset[str] = frozenset(
    "".join(
        (
            PAUSE,
            LEFT_ARROW,
            RIGHT_ARROW,
            DONE,
            NOT_DONE,
            WARNING,
            BULLET,
            TIMES,
            MINUS,
            TO,
            DOT,
            DASH,
            EN_DASH,
            ELLIPSIS,
            PENCIL,
            DAGGER,
            CIRCLE,
            UP,
            DOWN,
            QUOTES,
            INVERTED,
            PSEUDO,
        )
    )
)
