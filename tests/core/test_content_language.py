"""Content in the user's language: translations in the file are shown, spoken and planned;
what has none is shown in English and marked; validate names what is wrong in them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from guide_app.core import content_language, i18n
from guide_app.core.content_check import check
from guide_app.core.content_draft import Draft
from guide_app.core.content_language import in_english, localise, shown, texts
from guide_app.core.handout import as_text, session_handout
from guide_app.core.loader import load_library
from guide_app.core.plan import expand
from guide_app.core.translation_rows import rows
from tests.helpers.content import small_library

TRANSLATED = """
translations:
  de:
    "Clamshell": "Muschel"
    "Lie on your side, head resting on your lower arm, hips and knees bent to about 45 degrees.":
      "Legen Sie sich auf die Seite, den Kopf auf dem unteren Arm."
    "Pause for a moment with the knee open.": "Halten Sie das Knie kurz offen."
"""

SESSION = """version: 2
kind: session
id: tempo-tour
title: Tempo tour
blocks:
  - exercise: clamshell
    dosage: {sets: 1, reps: 2, pace: tempo, tempo: {out: 2, hold: 1, back: 3}}
    note: Open the knee on 'out'.
translations:
  de:
    "Tempo tour": "Tempo-Runde"
    "out": "auf"
    "hold": "halten"
    "back": "zurück"
"""


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The window in German (a catalog with no messages: content is what is tested)."""
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "guide_app.mo").open("wb") as mo:
        write_mo(mo, Catalog(locale="de"))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    content_language.forget()  # what loads of other libraries learned
    try:
        assert i18n.set_language("de") == "de"
        yield
    finally:
        i18n.set_language("en")


@pytest.fixture
def pseudo() -> Iterator[None]:
    try:
        i18n.set_language(i18n.PSEUDO)
        yield
    finally:
        i18n.set_language("en")


def _library(tmp_path: Path, extra: str = TRANSLATED, session: str | None = None) -> Path:
    (tmp_path / "library").mkdir()
    folder = small_library(tmp_path / "library")
    clamshell = folder / "exercises" / "clamshell.yaml"
    # The bundled file's own translations give way to the test's.
    english = clamshell.read_text(encoding="utf-8").split("\ntranslations:")[0] + "\n"
    clamshell.write_text(english + extra, encoding="utf-8")
    if session is not None:
        (folder / "sessions").mkdir()
        (folder / "sessions" / "tempo-tour.yaml").write_text(session, encoding="utf-8")
    return folder


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def test_a_german_translation_is_used_for_the_name_and_cues(tmp_path: Path, german: None) -> None:
    library = load_library([_library(tmp_path)])
    assert library.problems == []
    assert library.language == "de"
    clamshell = library.exercises["clamshell"]
    assert clamshell.name == "Muschel"
    assert clamshell.cues[0].text == "Legen Sie sich auf die Seite, den Kopf auf dem unteren Arm."
    assert clamshell.cues[3].text == "Halten Sie das Knie kurz offen."
    assert shown(clamshell.name) == "Muschel"  # translated: no mark


def test_a_missing_translation_falls_back_to_english_marked(tmp_path: Path, german: None) -> None:
    clamshell = load_library([_library(tmp_path)]).exercises["clamshell"]
    english = "Stack your hips one above the other and keep your heels together."
    assert clamshell.cues[1].text == english  # never blank
    assert in_english(english)
    assert shown(english) == f"{english} [EN]"
    assert clamshell.position == "lying on your side"
    assert shown(clamshell.position).endswith("[EN]")


def test_nothing_is_marked_in_english(tmp_path: Path) -> None:
    clamshell = load_library([_library(tmp_path)]).exercises["clamshell"]
    assert clamshell.name == "Clamshell"  # English: the translations are not used
    assert clamshell.cues[3].text == "Pause for a moment with the knee open."
    assert not in_english(clamshell.cues[1].text)
    assert shown(clamshell.cues[1].text) == clamshell.cues[1].text


def test_a_text_with_side_words_is_marked_once_filled(german: None) -> None:
    data = {"kind": "exercise", "position": "lying on your {other_side} side"}
    localise(data, "exercise", "de")
    assert in_english("lying on your left side")
    assert not in_english("lying on your back")


def test_the_pseudo_language_wraps_every_content_text(tmp_path: Path, pseudo: None) -> None:
    library = load_library([_library(tmp_path, session=SESSION)])
    assert library.problems == []
    clamshell = library.exercises["clamshell"]
    wrapped = [clamshell.name, clamshell.summary, clamshell.position, *clamshell.equipment]
    wrapped += [cue.text for cue in clamshell.cues] + [faq.a for faq in clamshell.faq]
    assert all(t.startswith("⟦") and t.endswith("⟧") for t in wrapped), wrapped
    assert clamshell.name == i18n.pseudo("Clamshell")
    assert clamshell.id == "clamshell"  # ids and paths are not text
    assert clamshell.pictures.start == "assets/pictures/clamshell-start.svg"
    tempo = library.sessions["tempo-tour"].blocks[0].dosage.tempo  # type: ignore[union-attr]
    assert [p.name for p in tempo] == [i18n.pseudo(w) for w in ("out", "hold", "back")]
    assert not in_english(clamshell.name)


def test_a_field_keeps_its_length_limit_in_the_pseudo_language() -> None:
    data = {"kind": "session", "blocks": [{"measure": {"name": "x", "unit": "breaths per minute"}}]}
    unit = localise(data, "session", "pseudo")["blocks"][0]["measure"]["unit"]
    assert unit.startswith("⟦") and unit.endswith("⟧") and len(unit) <= 20


def test_loading_in_english_ignores_translations(tmp_path: Path) -> None:
    data = {"kind": "exercise", "name": "Clamshell", "translations": {"de": {"Clamshell": "M"}}}
    assert localise(data, "exercise", "en") == data
    library = load_library([_library(tmp_path)])
    assert library.language == "en"
    assert library.exercises["clamshell"].name == "Clamshell"


def test_texts_lists_every_text_field_once_in_file_order() -> None:
    data = {
        "kind": "exercise",
        "id": "x",
        "name": "Bridge",
        "equipment": ["mat"],
        "pictures": {"start": "a.svg"},
        "cues": ["Lift.", {"text": "Lower.", "speak": False}, "Lift."],
        "faq": [{"q": "Why?", "a": "Because."}],
        "dosage": {"tempo": "up 2, down 3", "per_side": {"left": {"directions": ["right"]}}},
        "source": {"title": "A book"},
    }
    assert texts(data, "exercise") == [
        "Bridge", "mat", "Lift.", "Lower.", "Why?", "Because.", "up", "down", "right",
    ]  # fmt: skip


def test_a_whole_session_plan_in_german_says_the_translated_words(
    tmp_path: Path, german: None
) -> None:
    library = load_library([_library(tmp_path, session=SESSION)])
    assert library.problems == []
    plan = expand(library.sessions["tempo-tour"], library.exercises, affected="left")
    said = [line.text for step in plan.steps for line in step.lines]
    assert "Legen Sie sich auf die Seite, den Kopf auf dem unteren Arm." in said
    assert {"auf", "halten", "zurück"} <= set(said)  # the tempo's words, on the beat
    phases = [s.phase for s in plan.steps if s.phase]
    assert phases[:3] == ["auf", "halten", "zurück"]
    assert "Open the knee on 'out'." in said  # no translation: the English, marked
    assert in_english("Open the knee on 'out'.")


# --------------------------------------------------------------------------- validate

STALE = """
translations:
  de:
    "Clamshell": "Muschel"
    "Lie on your side with the knees bent.": "Legen Sie sich auf die Seite."
    "Pause for a moment with the knee open.": ""
  fr:
    "Clamshell": "Coquillage"
"""


def test_validate_names_stale_empty_and_unknown_language_with_lines(
    tmp_path: Path, german: None
) -> None:
    folder = _library(tmp_path, extra=STALE)
    path = folder / "exercises" / "clamshell.yaml"
    library = load_library([folder])
    clamshell = library.exercises["clamshell"]  # still loads
    assert clamshell.name == "Muschel"
    assert clamshell.cues[3].text == "Pause for a moment with the knee open."  # empty: English
    found = {str(p) for p in library.notes}  # out of date, not wrong: no problem
    stale = _line_of(path, "Lie on your side with the knees bent.")
    empty = _line_of(path, '"Pause for a moment')
    assert any(
        p.startswith(f"{path}:{stale}: translations.de: ")
        and "matches no text" in p
        and "copy the text exactly, or remove this line" in p
        for p in found
    ), found
    assert any(p.startswith(f"{path}:{empty}: translations.de: ") and "empty" in p for p in found)
    unknown = _line_of(path, "fr:")
    [problem] = [str(p) for p in library.problems]  # a language the app has not: wrong
    assert problem.startswith(f"{path}:{unknown}: translations.fr: ") and "de, es" in problem


def test_validate_names_a_dropped_placeholder(tmp_path: Path) -> None:
    (tmp_path / "library").mkdir()
    folder = small_library(tmp_path / "library")
    path = folder / "exercises" / "clamshell.yaml"
    text = path.read_text(encoding="utf-8").split("\ntranslations:")[0] + "\n"  # the test's own
    text = text.replace("version: 1", "version: 2", 1)
    text = text.replace("position: lying on your side", "position: lying on your {other_side} side")
    text += '\ntranslations:\n  es:\n    "lying on your {other_side} side": "de lado"\n'
    path.write_text(text, encoding="utf-8")
    library = load_library([folder])
    assert "clamshell" in library.exercises
    line = _line_of(path, '"lying on your')
    [problem] = [str(p) for p in library.problems]
    assert problem.startswith(f"{path}:{line}: translations.es: ")
    assert "{other_side}" in problem


def test_guide_app_validate_reports_and_exits_1(tmp_path: Path) -> None:
    folder = _library(tmp_path, extra=STALE)
    done = subprocess.run(
        [sys.executable, "-m", "guide_app", "validate", "--alone", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        env={"GUIDE_APP_LIBRARY": str(folder), "LANG": "C", "PATH": ""},
    )
    assert done.returncode == 1
    assert "note: " in done.stdout and "translations.de: " in done.stdout  # stale, empty
    assert "translations.fr: " in done.stdout  # a language the app has not: the exit 1
    assert content_language.TRANSLATIONS == "translations"


def test_the_handout_marks_what_is_shown_in_english(tmp_path: Path, german: None) -> None:
    extra = TRANSLATED.replace(
        '"Clamshell": "Muschel"', '"Lower the knee slowly back to the start.": "Knie senken."'
    )
    library = load_library([_library(tmp_path, extra=extra, session=SESSION)])
    session = library.sessions["tempo-tour"]
    text = as_text(session_handout(library, session, date(2026, 11, 30), affected="left"))
    assert "Tempo-Runde" in text
    assert "Clamshell [EN]" in text  # no German name: the English, marked
    assert "Knie senken." in text and "Knie senken. [EN]" not in text
    assert "Stack your hips one above the other and keep your heels together. [EN]" in text


def test_the_editor_reads_and_saves_the_file_as_written(tmp_path: Path, german: None) -> None:
    """An edit to the English saves (its stale translation is told, not a reason to
    refuse), and the file keeps its English and its translations, whatever the language."""
    folder = _library(tmp_path)
    library = load_library([folder])
    draft = Draft.open(folder / "exercises" / "clamshell.yaml", folder)
    assert draft.get(("name",)) == "Clamshell"  # the file's English, not "Muschel"
    draft.apply(draft.change(("cues", 3), "Pause with the knee open."))
    checked = check(draft, library)
    assert checked.content is not None
    assert not checked.problems and not checked.blocking  # out of date is no problem
    stale = rows(draft.data, "exercise", "de").stale
    assert [row.english for row in stale] == ["Pause for a moment with the knee open."]
    saved = draft.save().read_text(encoding="utf-8")
    assert "name: Clamshell\n" in saved
    assert "  - Pause with the knee open.\n" in saved
    assert '"Clamshell": "Muschel"' in saved
