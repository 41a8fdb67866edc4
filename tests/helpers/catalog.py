"""Writes a small gettext catalog (.mo) for tests of the translation layer."""

from __future__ import annotations

import struct
from pathlib import Path

from guide_app.core.i18n import DOMAIN


def write_mo(
    locale_dir: Path,
    language: str,
    messages: dict[str, str],
    plurals: dict[tuple[str, str], tuple[str, ...]] | None = None,
    plural_forms: str = "nplurals=2; plural=(n != 1);",
) -> Path:
    """A catalog for ``language`` under ``locale_dir``: singular messages, and plural ones
    keyed by (singular, plural) with one translation per plural form."""
    entries: dict[bytes, bytes] = {
        b"": f"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: {plural_forms}\n".encode()
    }
    for source, text in messages.items():
        entries[source.encode()] = text.encode()
    for (one, many), forms in (plurals or {}).items():
        entries[one.encode() + b"\0" + many.encode()] = b"\0".join(f.encode() for f in forms)
    keys = sorted(entries)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(entries[k] + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    id_table, offset = [], start
    for k in keys:
        id_table += [len(k), offset]
        offset += len(k) + 1
    str_table, offset = [], start + len(ids)
    for k in keys:
        str_table += [len(entries[k]), offset]
        offset += len(entries[k]) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0)
    body = struct.pack(f"{len(id_table)}i", *id_table) + struct.pack(
        f"{len(str_table)}i", *str_table
    )
    path = locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + body + ids + strs)
    return path
