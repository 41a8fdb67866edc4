"""Where the app keeps the user's own content, data and cache (XDG folders via QStandardPaths)."""

from __future__ import annotations

from pathlib import Path

ORGANISATION = "SessionGuide"
APPLICATION = "guide-app"


def _location(kind: str) -> Path:
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
    location = getattr(QStandardPaths.StandardLocation, kind)
    return Path(QStandardPaths.writableLocation(location))


def data_dir() -> Path:
    """The app data folder: ~/.local/share/SessionGuide/guide-app, or under $XDG_DATA_HOME."""
    return _location("AppDataLocation")


def cache_dir() -> Path:
    return _location("CacheLocation")


def user_library_dir() -> Path:
    """Where a user's own exercises, sessions and programmes live, beside the bundled ones."""
    return data_dir() / "library"
