"""The language setting: a list of the languages the app speaks, kept in the settings file.

"Same as the system" follows the computer's language (``LANG``); a language chosen here
wins over it, and ``--language`` on the command line wins over both. The window's words are
built when they are first shown, so a new choice takes effect at the next start; the row
says so.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from guide_app.core import i18n
from guide_app.core.i18n import tr
from guide_app.paths import LANGUAGE_SETTING


class LanguageChooser(QWidget):
    """The language list and, once it differs from the one in force, a line that the new
    choice applies at the next start."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.choice = QComboBox()
        system = i18n.system_language()
        self.choice.addItem(tr("Same as the system ({language})", language=i18n.NAMES[system]), "")
        for code in i18n.choices():
            self.choice.addItem(i18n.NAMES[code], code)
        saved = str(settings.value(LANGUAGE_SETTING, "") or "")
        self.choice.setCurrentIndex(max(0, self.choice.findData(saved)))
        self.choice.setAccessibleName(tr("Language"))
        self.later = QLabel(tr("Takes effect when Session Guide starts again."))
        self.later.setWordWrap(True)
        layout.addWidget(self.choice)
        layout.addWidget(self.later)
        self.choice.currentIndexChanged.connect(self._show_when)
        self._show_when()

    def chosen(self) -> str:
        """The code chosen ("de"), or "" to follow the system."""
        return str(self.choice.currentData() or "")

    def _show_when(self) -> None:
        effective = self.chosen() or i18n.system_language()
        self.later.setVisible(effective != i18n.content_language())

    def save(self) -> None:
        self._settings.setValue(LANGUAGE_SETTING, self.chosen())
