"""The German and Spanish catalogs are complete and current: every message the code says is
translated, none is stale, none drops a {field}, and the compiled .mo matches its .po."""

from __future__ import annotations

import importlib.util
import io
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from guide_app.core import i18n

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def chain() -> ModuleType:
    """scripts/translations.py, the tool chain the README names."""
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts/translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def wanted(chain: ModuleType) -> Catalog:
    catalog: Catalog = chain.template()
    return catalog


def test_every_message_is_translated_and_current(chain: ModuleType, wanted: Catalog) -> None:
    found = chain.problems(wanted)
    assert not found, f"{len(found)} problems, e.g.:\n" + "\n".join(found[:40])


def _copy(chain: ModuleType, tmp_path: Path, language: str) -> Path:
    path = tmp_path / language / "LC_MESSAGES" / "guide_app.po"
    path.parent.mkdir(parents=True)
    shutil.copy(chain.po_path(language), path)
    path.with_suffix(".mo").write_bytes(chain.compiled(path, language))
    return path


def _rewrite(path: Path, language: str, change: object) -> None:
    with path.open("rb") as f:
        po = read_po(f, locale=language)
    change(po)  # type: ignore[operator]
    out = io.BytesIO()
    write_po(out, po)
    path.write_bytes(out.getvalue())


def test_the_check_names_a_message_missing_from_a_translation(
    chain: ModuleType, wanted: Catalog, tmp_path: Path
) -> None:
    path = _copy(chain, tmp_path, "de")
    _rewrite(path, "de", lambda po: po.delete("Well done"))
    found = chain.problems(wanted, {"de": path})
    assert any("not translated yet" in line and "'Well done'" in line for line in found)


def test_the_check_names_a_stale_translation(
    chain: ModuleType, wanted: Catalog, tmp_path: Path
) -> None:
    path = _copy(chain, tmp_path, "es")

    def stale(po: Catalog) -> None:
        po["Well done"].flags.add("fuzzy")
        po.add("A message the code no longer says", "Un mensaje que ya no se usa")

    _rewrite(path, "es", stale)
    found = chain.problems(wanted, {"es": path})
    assert any("stale" in line and "'Well done'" in line for line in found)
    assert any("no longer used" in line for line in found)
    assert any("out of date" in line for line in found), "the .mo was not rebuilt"


def test_the_check_names_a_translation_that_renames_a_field(
    chain: ModuleType, wanted: Catalog, tmp_path: Path
) -> None:
    path = _copy(chain, tmp_path, "de")
    _rewrite(path, "de", lambda po: setattr(po["Set {set} of {sets}"], "string", "Satz {satz}"))
    found = chain.problems(wanted, {"de": path})
    assert any("fields" in line and "Set {set} of {sets}" in line for line in found)


@pytest.mark.parametrize(
    ("language", "said"),
    [("de", "Satz 2 von 3"), ("es", "Serie 2 de 3")],
)
def test_the_app_speaks_the_catalog(language: str, said: str) -> None:
    try:
        assert i18n.set_language(language) == language
        assert i18n.tr("Set {set} of {sets}", set=2, sets=3) == said
        assert i18n.ntr("{n} set", "{n} sets", 1) != i18n.ntr("{n} set", "{n} sets", 2)
    finally:
        i18n.set_language(None)


def test_the_system_language_is_followed() -> None:
    assert i18n.system_language({"LANG": "de_DE.UTF-8"}) == "de"
    assert i18n.system_language({"LANGUAGE": "fr:es", "LANG": "fr_FR.UTF-8"}) == "es"
    assert i18n.system_language({"LANG": "C.UTF-8"}) == "en"


def test_the_decimal_comma_matches_the_locale_data() -> None:
    from babel import Locale, numbers

    for language in i18n.choices():
        comma = numbers.get_decimal_symbol(Locale.parse(language)) == ","
        assert comma == (language in i18n.DECIMAL_COMMA), language


def test_every_message_is_a_literal_the_extractor_can_see() -> None:
    """``tr(name)`` with a variable would never reach a catalog: it stays English."""
    import ast

    bad = []
    for path in sorted((ROOT / "guide_app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                count = {"tr": 1, "ntr": 2}.get(node.func.id, 0)
                given = node.args[:count]
                if count and not all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in given
                ):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:80]}")
    assert not bad, "\n".join(bad)


def test_a_message_written_inside_an_f_string_reaches_the_catalogs(wanted: Catalog) -> None:
    """Babel reads an f-string as one string on Python 3.11: ``f"{tr('PAUSED')}"`` was
    never extracted, so German and Spanish showed it in English (issue 18 found it)."""
    assert "PAUSED" in wanted and "<b>Goal:</b> {goal}" in wanted
    locations = {path for path, _ in wanted["PAUSED"].locations}
    assert "guide_app/ui/session_view.py" in locations
    try:
        i18n.set_language("de")
        assert i18n.tr("PAUSED") == "PAUSIERT"
        assert i18n.tr("Stop if:") == "Aufhören, wenn:"
    finally:
        i18n.set_language(None)
