"""What a translator works through in the editor: every English text of an item in the
order of its file, each with its translation or none yet, the count done, and the
translations whose English the item no longer has."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

from guide_app.core.content_draft import Draft
from guide_app.core.loader import bundled_root, load_library
from guide_app.core.translation_rows import Row, place, rows

NAME = "Clamshell"
FIRST_CUE = (
    "Lie on your side, head resting on your lower arm, hips and knees bent to about 45 degrees."
)


def _clamshell(translations: dict[str, Any] | None = None) -> dict[str, Any]:
    path = bundled_root() / "exercises" / "clamshell.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("translations", None)  # the bundled file may carry its own
    if translations is not None:
        data["translations"] = translations
    return data


def test_every_english_text_in_file_order_none_translated_yet() -> None:
    found = rows(_clamshell(), "exercise", "de")
    english = [r.english for r in found.current]
    assert english[:3] == [NAME, _clamshell()["summary"].strip(), "mat"]
    assert FIRST_CUE in english and english.index(FIRST_CUE) > english.index("mat")
    assert all(r.translation is None and not r.translated for r in found.current)
    assert found.stale == ()
    assert found.count() == f"0 of {len(english)} translated"


def test_translations_fill_their_rows_and_the_count() -> None:
    data = _clamshell({"de": {NAME: "Muschel", FIRST_CUE: "Legen Sie sich auf die Seite."}})
    found = rows(data, "exercise", "de")
    by_english = {r.english: r for r in found.current}
    assert by_english[NAME] == Row(NAME, NAME, "Muschel")
    assert by_english[FIRST_CUE].translation == "Legen Sie sich auf die Seite."
    assert (found.done, found.total) == (2, len(found.current))
    assert found.count() == f"2 of {found.total} translated"
    assert NAME not in found.untranslated() and "mat" in found.untranslated()
    spanish = rows(data, "exercise", "es")
    assert spanish.done == 0, "each language has rows of its own"


def test_a_translation_whose_english_changed_is_listed_as_stale() -> None:
    data = _clamshell({"de": {NAME: "Muschel"}})
    changed = copy.deepcopy(data)
    changed["name"] = "Clamshell with band"
    found = rows(changed, "exercise", "de")
    assert found.stale == (Row(NAME, NAME, "Muschel", stale=True),)
    first = found.current[0]
    assert first.english == "Clamshell with band" and first.translation is None
    assert found.done == 0, "a stale translation is not counted as done"


def test_an_empty_translation_is_not_done_and_the_key_as_written_is_kept() -> None:
    data = _clamshell({"de": {f" {NAME} ": "", "mat": "Matte"}})
    found = rows(data, "exercise", "de")
    first = found.current[0]
    assert first == Row(NAME, f" {NAME} ", "")
    assert not first.translated and found.done == 1
    assert place("de", first.key) == ("translations", "de", f" {NAME} ")


def test_a_session_lists_its_title_notes_and_tempo_words() -> None:
    session = {
        "version": 2,
        "kind": "session",
        "id": "t",
        "title": "Tempo tour",
        "blocks": [
            {
                "exercise": "clamshell",
                "dosage": {"sets": 1, "reps": 2, "pace": "tempo", "tempo": {"out": 2, "back": 3}},
                "note": "Open the knee on 'out'.",
            }
        ],
        "translations": {"de": {"out": "auf", "gone": "weg"}},
    }
    found = rows(session, "session", "de")
    english = [r.english for r in found.current]
    assert english == ["Tempo tour", "out", "back", "Open the knee on 'out'."]
    assert [r.english for r in found.stale] == ["gone"]
    assert found.count() == "1 of 4 translated"


def test_a_duplicate_keeps_its_title_translated_with_copy_in_each_language(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "library"
    (folder / "exercises").mkdir(parents=True)
    data = _clamshell({"de": {NAME: "Muschel", "mat": "Matte"}, "es": {NAME: "Almeja"}})
    (folder / "exercises" / "clamshell.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    pictures = folder / "assets" / "pictures"
    pictures.mkdir(parents=True)
    for end in ("start", "end"):
        name = f"clamshell-{end}.svg"
        shutil.copyfile(bundled_root() / "assets" / "pictures" / name, pictures / name)
    library = load_library([bundled_root(), folder])
    draft = Draft.duplicate(library, "exercise", "clamshell", tmp_path / "mine")
    assert draft.data["name"] == "Clamshell (copy)"
    assert draft.data["translations"] == {
        "de": {"Clamshell (copy)": "Muschel (Kopie)", "mat": "Matte"},
        "es": {"Clamshell (copy)": "Almeja (copia)"},
    }
    assert rows(draft.data, "exercise", "de").stale == (), "nothing left behind"
