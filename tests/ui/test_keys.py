"""Key bindings are one table: user overrides from the settings file, and the help."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from guide_app.ui import keys


def test_a_user_override_replaces_an_actions_keys(tmp_path: Path) -> None:
    ini = tmp_path / "guide-app.conf"
    ini.write_text("[keys]\nnext=N, Space\nmute=\n", encoding="utf-8")
    table = {
        b.action: b.keys for b in keys.bindings(QSettings(str(ini), QSettings.Format.IniFormat))
    }
    assert table["next"] == ("N", "Space")
    assert table["mute"] == ("M",), "an empty override keeps the default"
    assert table["back"] == ("Left", "PgUp", "Backspace")


def test_every_action_is_in_the_help_with_its_keys() -> None:
    rows = keys.help_rows()
    assert len(rows) == len(keys.DEFAULT_BINDINGS)
    shown = dict((label, k) for k, label in rows)
    assert "Space" in shown["Next: count a rep, start when ready, end a rest or hold early"]


def test_no_key_is_bound_to_two_actions() -> None:
    seen: dict[str, str] = {}
    for binding in keys.DEFAULT_BINDINGS:
        for key in binding.keys:
            assert key not in seen, f"{key} is bound to {seen[key]} and {binding.action}"
            seen[key] = binding.action
