"""Where the app finds its library folders and keeps the user's content, history and cache.

The data and cache folders are the XDG ones, found through ``QStandardPaths``; Qt is
imported only when one of them is asked for, so the command line can name the library
folders without loading Qt. The data folder holds health data and is kept 0700.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Sequence
from pathlib import Path

ORGANISATION = "SessionGuide"
APPLICATION = "guide-app"
JOURNAL_NAME = "history.sqlite3"


def _location(kind: str) -> Path:
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
    location = getattr(QStandardPaths.StandardLocation, kind)
    return Path(QStandardPaths.writableLocation(location))


def data_dir() -> Path:
    """The app data folder: ~/.local/share/SessionGuide/guide-app, or under $XDG_DATA_HOME.

    It holds health data, so it is the user's alone (0700): the journal creates it so,
    and one an earlier release left readable by others is narrowed here.
    """
    folder = _location("AppDataLocation")
    _keep_private(folder)
    return folder


def _keep_private(folder: Path) -> None:
    try:
        if folder.is_dir() and folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
    except OSError:
        pass  # not ours to change (another owner, a read-only disk): the journal says more


def cache_dir() -> Path:
    return _location("CacheLocation")


def user_library_dir() -> Path:
    """Where a user's own exercises, sessions and programmes live, beside the bundled ones."""
    return data_dir() / "library"


def journal_path(folder: Path | None = None) -> Path:
    """The history journal in ``folder``, or in the app data folder when it is None."""
    return (data_dir() if folder is None else folder) / JOURNAL_NAME


def library_roots(extra: Sequence[Path], *, with_user: bool = True) -> list[Path]:
    """The bundled library, then the user's library folder, then folders named on the
    command line: a later one's file with the same id replaces an earlier one's."""
    # The loader (YAML, pydantic) is imported when the library is wanted, not at start-up.
    from guide_app.core.loader import bundled_root

    roots = [bundled_root()]
    if with_user:
        user = user_library_dir()
        if user.is_dir():
            roots.append(user)
    roots.extend(extra)
    return roots


LANGUAGE_SETTING = "language"


def settings_file() -> Path:
    """The window's settings file, where ``QSettings`` keeps it on Linux:
    ``$XDG_CONFIG_HOME`` (else ``~/.config``) / SessionGuide / guide-app.conf."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    folder = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return folder / ORGANISATION / f"{APPLICATION}.conf"


def saved_language() -> str | None:
    """The language chosen in the settings ("de"), or None to follow the system.

    Read as the INI text ``QSettings`` writes (``[General]``, ``language=de``), so that a
    command (``guide-app plan``) does not load Qt for one setting; tests/test_cli_language.py
    checks that this reads what the window saves."""
    found = configparser.ConfigParser(interpolation=None)
    try:
        found.read(settings_file(), encoding="utf-8")
    except (OSError, UnicodeDecodeError, configparser.Error):
        return None  # an unreadable settings file: the system's language
    value = found.get("General", LANGUAGE_SETTING, fallback="").strip()
    return value or None


def choose_language(flag: str | None) -> str:
    """Put the app's language in force and return it: ``--language`` when given, else the
    one chosen in the settings, else the system's (``LANGUAGE``/``LANG``), else English."""
    from guide_app.core import i18n

    return i18n.set_language(flag or saved_language() or i18n.system_language())
