"""The phrase cache: keys, atomic entries, damaged entries."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from guide_app.speech import cache, wavtools

SPEC = cache.RenderSpec(voice=None, rate=175, volume=1.0, engine="pyttsx3 2.99 / espeak-ng 1.51")


def test_key_depends_on_text_voice_rate_volume_and_engine() -> None:
    base = cache.phrase_key("left side", SPEC)
    assert cache.phrase_key("left side", SPEC) == base
    variants = [
        cache.phrase_key("right side", SPEC),
        cache.phrase_key("left side", cache.RenderSpec("gmw/en-us", 175, 1.0, SPEC.engine)),
        cache.phrase_key("left side", cache.RenderSpec(None, 160, 1.0, SPEC.engine)),
        cache.phrase_key("left side", cache.RenderSpec(None, 175, 0.5, SPEC.engine)),
        cache.phrase_key("left side", cache.RenderSpec(None, 175, 1.0, "pyttsx3 2.98 / x")),
    ]
    assert len({base, *variants}) == 6


def test_the_language_is_part_of_the_key() -> None:
    """The same text in two languages is two phrases (rendered twice), never mixed."""
    german = cache.RenderSpec(None, 175, 1.0, SPEC.engine, language="de")
    assert cache.phrase_key("Plank", german) != cache.phrase_key("Plank", SPEC)
    assert SPEC.language == "en"


def test_an_entry_of_the_format_before_languages_is_never_read(tmp_path: Path) -> None:
    """Old entries are harmless: their sidecar's format is refused, so the phrase is
    rendered again (with the language in its key)."""
    store = cache.PhraseCache(tmp_path)
    path = store.path_for("hold", SPEC)
    cache.write_phrase(path, "hold", wavtools.sine(), 22050, 0.004)
    meta = cache.meta_path(path)
    old = json.loads(meta.read_text())
    old["format"] = 3
    del old["language"], old["voice"]
    meta.write_text(json.dumps(old))
    assert store.lookup("hold", SPEC) is None


def test_write_then_lookup(tmp_path: Path) -> None:
    store = cache.PhraseCache(tmp_path / "speech")
    path = store.path_for("hold", SPEC)
    assert store.lookup("hold", SPEC) is None
    written = cache.write_phrase(path, "hold", wavtools.sine(), 22050, 0.004)
    found = store.lookup("hold", SPEC)
    assert found == written
    assert found.text == "hold" and abs(found.duration - 0.08) < 0.001
    assert sorted(p.name for p in store.folder.iterdir()) == sorted(
        [path.name, f"{path.stem}.json"]
    )


def test_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    store = cache.PhraseCache(tmp_path)
    path = store.path_for("hold", SPEC)
    cache.write_phrase(path, "hold", wavtools.sine(), 22050, 0.004)
    cache.meta_path(path).write_text("{not json")
    assert store.lookup("hold", SPEC) is None
    cache.write_phrase(path, "hold", wavtools.sine(), 22050, 0.004)
    path.unlink()
    assert store.lookup("hold", SPEC) is None


def test_leftovers_of_a_killed_writer_are_removed_when_old(tmp_path: Path) -> None:
    store = cache.PhraseCache(tmp_path)
    old = tmp_path / ".abc.wav.raw-123.tmp"
    new = tmp_path / ".def.wav.xyz.tmp"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert store.remove_leftovers() == 1
    assert not old.exists() and new.exists()
