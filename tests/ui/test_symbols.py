"""Every symbol the app shows renders with the fonts the set-up installs, never as the
missing-glyph box ("▯ PAUSED").

The symbols are gathered from where they are written: the app's source and the bundled
content. Each is laid out and painted with the app's font (regular and bold, as labels
use both) and with DejaVu Sans alone (fonts-dejavu-core, which scripts/install.sh
installs), so a symbol that only some other font on this machine has is caught too.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QTextLayout
from PySide6.QtWidgets import QApplication

from guide_app.core import symbols

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted(p for p in (ROOT / "guide_app").rglob("*.py") if p.name != "symbols.py"),
    *sorted(p for d in ("exercises", "sessions", "programmes") for p in (ROOT / d).rglob("*.yaml")),
    *sorted((ROOT / "guide_app" / "locale").rglob("*.po")),  # the German and Spanish words
]
NOT_A_CHARACTER = "\U0010fffd"  # a private-use code point no font draws: the box itself


def _written(letters: bool) -> dict[str, str]:
    """Each non-ASCII character in the app's source, content and catalogs -> a file that
    has it: the letters (ä, ñ, ß, accented or not) or the symbols (everything else)."""
    found: dict[str, str] = {}
    for path in SOURCES:
        for char in re.findall(r"[^\x00-\x7f]", path.read_text(encoding="utf-8")):
            if unicodedata.category(char).startswith("L") == letters:
                found.setdefault(char, str(path.relative_to(ROOT)))
    return found


WRITTEN = _written(letters=False)
LETTERS = _written(letters=True)


def _fonts() -> list[tuple[str, QFont]]:
    fonts = []
    for bold in (False, True):
        app_font = QFont(QApplication.font())
        app_font.setBold(bold)
        app_font.setPixelSize(40)
        fonts.append((f"app font{' bold' if bold else ''}", app_font))
        if "DejaVu Sans" in QFontDatabase.families():
            dejavu = QFont("DejaVu Sans")
            dejavu.setBold(bold)
            dejavu.setPixelSize(40)
            dejavu.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # DejaVu only
            fonts.append((f"DejaVu Sans{' Bold' if bold else ''}", dejavu))
    return fonts


def _glyphs(text: str, font: QFont) -> list[tuple[str, int]]:
    """(font family, glyph index) of each glyph Qt lays out for ``text``."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [
        (run.rawFont().familyName(), index)
        for run in layout.glyphRuns()
        for index in run.glyphIndexes()
    ]


def _painted(text: str, font: QFont) -> QImage:
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QPointF(10, 45), text)
    painter.end()
    return image


def test_every_symbol_shown_is_listed_in_one_place() -> None:
    """core/symbols.py lists them all, so this test (and a translator) can find them."""
    unlisted = {c: f for c, f in WRITTEN.items() if c not in symbols.ALL}
    assert not unlisted, f"add these to guide_app/core/symbols.py: {unlisted}"


def test_the_translations_bring_their_letters() -> None:
    assert {"ä", "ö", "ü", "ß", "ñ", "é", "á"} <= set(LETTERS), sorted(LETTERS)


@pytest.mark.parametrize("char", sorted(set(WRITTEN) | set(symbols.ALL) | set(LETTERS)))
def test_the_symbol_renders_as_itself_not_as_a_box(qapp: QApplication, char: str) -> None:
    where = WRITTEN.get(char) or LETTERS.get(char) or "guide_app/core/symbols.py"
    for name, font in _fonts():
        glyphs = _glyphs(char, font)
        assert glyphs, f"{char!r} (U+{ord(char):04X}, {where}) lays out no glyph in {name}"
        missing = [family for family, index in glyphs if index == 0]  # glyph 0 is .notdef
        assert not missing, f"{char!r} (U+{ord(char):04X}, {where}) has no glyph in {name}"
        drawn, box = _painted(char, font), _painted(NOT_A_CHARACTER, font)
        assert drawn != box, f"{char!r} (U+{ord(char):04X}) paints the missing-glyph box"


def test_the_check_does_catch_a_missing_glyph(qapp: QApplication) -> None:
    """The test above would fail for a symbol no installed font has."""
    font = QFont(QApplication.font())
    font.setPixelSize(40)
    assert any(index == 0 for _, index in _glyphs(NOT_A_CHARACTER, font))
    assert _painted(NOT_A_CHARACTER, font) != _painted(" ", font), "the box paints something"


def test_the_pause_sign_is_not_an_empty_box(qapp: QApplication) -> None:
    """The symbol shown beside PAUSED: the one the issue saw as "▯"."""
    font = QFont(QApplication.font())
    font.setPixelSize(40)
    assert all(index != 0 for _, index in _glyphs(symbols.PAUSE, font))
