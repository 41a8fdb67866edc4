"""Key bindings are one table: user overrides from the settings file, and the help."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from guide_app.ui import keys
from guide_app.ui.help_overlay import HelpOverlay


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


def test_key_names_says_the_first_keys_of_an_action() -> None:
    assert keys.key_names("next") == "Space or Return"
    assert keys.key_names("next", most=1) == "Space"
    assert keys.key_names("next", most=3) == "Space, Return or Enter"
    assert keys.key_names("history") == "Ctrl+H"


def test_a_hint_follows_the_users_own_keys(tmp_path: Path) -> None:
    ini = tmp_path / "guide-app.conf"
    ini.write_text("[keys]\nnext=N, Space\n", encoding="utf-8")
    table = keys.bindings(QSettings(str(ini), QSettings.Format.IniFormat))
    assert keys.key_names("next", table) == "N or Space"
    assert keys.key_names("next", {"next": ["PgDown"]}) == "PgDown"
    assert keys.key_names("next", {"next": "N, Space"}, most=1) == "N"


def test_the_help_says_how_to_close_it_with_the_users_keys(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ini = tmp_path / "guide-app.conf"
    ini.write_text("[keys]\nhelp=K\n", encoding="utf-8")
    window = QWidget()
    qtbot.addWidget(window)
    overlay = HelpOverlay(window, keys.bindings(QSettings(str(ini), QSettings.Format.IniFormat)))
    assert "Press K to close." in overlay.text()
