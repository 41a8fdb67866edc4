"""The translation tool chain: extract the messages from the code, update each language's
catalog, compile it, and check that nothing is missing or stale.

    .venv/bin/python scripts/translations.py extract   # guide_app/locale/guide_app.pot
    .venv/bin/python scripts/translations.py update    # merge the template into each .po
    .venv/bin/python scripts/translations.py compile   # each .po -> .mo, for the app
    .venv/bin/python scripts/translations.py check     # exit 1 on anything missing
    .venv/bin/python scripts/translations.py all       # extract, update, compile, check

It uses Babel's library (the same extractor ``pybabel`` runs) with the keywords of
``guide_app.core.i18n``: ``tr(message)`` and ``ntr(singular, plural, n)``. A message
changed in the code turns fuzzy in each catalog on ``update``; ``check`` (and
``tests/test_translations.py``) then names it until a translator has looked at it.
"""

from __future__ import annotations

import ast
import contextlib
import io
import sys
from pathlib import Path
from string import Formatter

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide_app.core.i18n import DOMAIN, LANGUAGES, LOCALE_DIR  # noqa: E402

KEYWORDS = {"tr": None, "ntr": (1, 2)}
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def template() -> Catalog:
    """Every message the code passes to ``tr`` and ``ntr``, with where it is used."""
    catalog = Catalog(project="Session Guide", domain=DOMAIN, charset="utf-8")
    package = ROOT / "guide_app"
    # Babel warns of an f-string passed as a field's value (``seconds=f"{x:g}"``) as if it
    # were the message; every message is a literal (tests/test_plurals.py reads them all).
    with contextlib.redirect_stderr(io.StringIO()):
        found = list(
            extract_from_dir(
                package, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
            )
        )
    found += in_f_strings(package)
    for filename, lineno, message, comments, _context in found:
        path = f"guide_app/{filename}"
        catalog.add(
            message,
            locations=[(path, lineno)],
            auto_comments=comments,
            flags=("python-brace-format",),
        )
    return catalog


def in_f_strings(
    package: Path,
) -> list[tuple[str, int, str | tuple[str, str], list[str], None]]:
    """The messages of ``tr``/``ntr`` calls written inside an f-string, which Babel's
    tokenizer reads as one string on Python 3.11 (``f"{symbols.PAUSE} {tr('PAUSED')}"``)."""
    found: list[tuple[str, int, str | tuple[str, str], list[str], None]] = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                    continue
                texts = [a.value for a in call.args if isinstance(a, ast.Constant)]
                if not all(isinstance(t, str) for t in texts):
                    continue
                name = str(path.relative_to(package))
                if call.func.id == "tr" and texts:
                    found.append((name, call.lineno, str(texts[0]), [], None))
                elif call.func.id == "ntr" and len(texts) >= 2:
                    found.append((name, call.lineno, (str(texts[0]), str(texts[1])), [], None))
    return found


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _write_po(path: Path, catalog: Catalog) -> None:
    out = io.BytesIO()
    write_po(out, catalog, width=88, include_lineno=False, ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def extract() -> Catalog:
    catalog = template()
    _write_po(TEMPLATE, catalog)
    print(f"{TEMPLATE.relative_to(ROOT)}: {len(catalog)} messages")
    return catalog


def update(catalog: Catalog) -> None:
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            with path.open("rb") as f:
                po = read_po(f, locale=language)
        else:
            po = Catalog(locale=language, domain=DOMAIN, charset="utf-8", project="Session Guide")
        po.update(catalog, update_creation_date=False)
        _write_po(path, po)
        untranslated = sum(1 for m in po if m.id and (not m.string or m.fuzzy))
        print(f"{path.relative_to(ROOT)}: {len(po)} messages, {untranslated} to translate")


def compiled(path: Path, language: str) -> bytes:
    """The .mo file the app reads for ``language``, made from its .po at ``path``."""
    with path.open("rb") as f:
        po = read_po(f, locale=language)
    out = io.BytesIO()
    write_mo(out, po, use_fuzzy=False)
    return out.getvalue()


def compile_all() -> None:
    for language in LANGUAGES:
        mo = po_path(language).with_suffix(".mo")
        mo.write_bytes(compiled(po_path(language), language))
        print(f"{mo.relative_to(ROOT)}")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def problems(wanted: Catalog | None = None, catalogs: dict[str, Path] | None = None) -> list[str]:
    """What keeps a catalog from being complete and current, one line each: a message the
    code uses that is missing, untranslated or fuzzy; a translation the code no longer
    uses; a translation whose {fields} differ from the message's; a .mo older than its .po.
    By default the code's messages against each language's catalog."""
    wanted = template() if wanted is None else wanted
    catalogs = {lang: po_path(lang) for lang in LANGUAGES} if catalogs is None else catalogs
    found: list[str] = []
    for language, path in catalogs.items():
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if not path.exists():
            found.append(f"{name}: missing; run scripts/translations.py update")
            continue
        with path.open("rb") as f:
            po = read_po(f, locale=language)
        for message in wanted:
            if not message.id:
                continue
            have = po.get(message.id)
            key = message.id if isinstance(message.id, str) else message.id[0]
            where = message.locations[0][0] if message.locations else "?"
            if have is None:
                found.append(f"{name}: not translated yet ({where}): {key!r}")
                continue
            strings = have.string if isinstance(have.string, tuple) else (have.string,)
            if have.fuzzy:
                found.append(f"{name}: stale, the English changed ({where}): {key!r}")
            elif not all(strings):
                found.append(f"{name}: not translated yet ({where}): {key!r}")
            else:
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                expected = set().union(*(_fields(i) for i in ids))
                for text in strings:
                    if not _fields(text) <= expected | {"n"}:
                        found.append(
                            f"{name}: {{fields}} differ from the English ({where}): {key!r}"
                        )
                        break
        used = {m.id for m in wanted if m.id}
        for message in po:
            if message.id and message.id not in used and message.string:
                key = message.id if isinstance(message.id, str) else message.id[0]
                found.append(f"{name}: no longer used by the code: {key!r}")
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(path, language):
            found.append(
                f"{mo.name} beside {name}: out of date; run scripts/translations.py compile"
            )
    return found


def check() -> int:
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    if command == "extract":
        extract()
    elif command == "update":
        update(template())
    elif command == "compile":
        compile_all()
    elif command == "check":
        return check()
    elif command == "all":
        update(extract())
        compile_all()
        return check()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
