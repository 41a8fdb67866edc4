"""The command line speaks the language the window's settings chose, read without Qt, and
``--language`` wins over it, before or after the command."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide_app import paths
from guide_app.cli import main
from guide_app.core import i18n


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A settings folder of the test's own; the language back to English afterwards."""
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.setenv("LANGUAGE", "en")
    try:
        yield folder
    finally:
        i18n.set_language(None)


def _saved_by_the_window(folder: Path, language: str) -> None:
    """What the language setting in the voice dialog writes (QSettings, in a fresh
    process: Qt reads XDG_CONFIG_HOME once)."""
    code = (
        "from PySide6.QtCore import QSettings\n"
        "from guide_app import paths\n"
        "s = QSettings(paths.ORGANISATION, paths.APPLICATION)\n"
        f"s.setValue(paths.LANGUAGE_SETTING, {language!r})\n"
        "s.sync()\n"
    )
    env = {"XDG_CONFIG_HOME": str(folder), "HOME": str(folder), "PATH": ""}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_the_setting_the_window_saves_is_read_without_qt(config: Path) -> None:
    assert paths.saved_language() is None
    _saved_by_the_window(config, "es")
    assert paths.settings_file().is_file()
    assert paths.saved_language() == "es"


def test_a_command_speaks_the_saved_language_unless_told_otherwise(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _saved_by_the_window(config, "de")
    assert main(["plan", "first-session"]) == 0
    assert "Satz 1 von 2" in capsys.readouterr().out
    assert main(["plan", "first-session", "--language", "en"]) == 0
    assert "Set 1 of 2" in capsys.readouterr().out
