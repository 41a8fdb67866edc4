"""The help overlay: every key, built from the same table that builds the shortcuts."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from guide_app.core.i18n import tr
from guide_app.ui import theme
from guide_app.ui.keys import Binding, help_rows, key_names


class HelpOverlay(QLabel):
    """A panel over the window listing every key; it follows the window's size."""

    def __init__(self, parent: QWidget, table: tuple[Binding, ...]) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            f"background: rgba(16, 20, 24, 235); color: {theme.TEXT}; border-radius: 16px;"
        )
        rows = "".join(
            f"<tr><td style='padding:4px 24px; color:{theme.ACCENT}; font-weight:bold;'>"
            f"{escape(keys)}</td><td style='padding:4px 24px;'>{escape(label)}</td></tr>"
            for keys, label in help_rows(table)
        )
        title = escape(tr("Keys"))
        close = escape(tr("Press {keys} to close.", keys=key_names("help", table)))
        self.setText(f"<h2>{title}</h2><table>{rows}</table><p>{close}</p>")
        self.hide()
        parent.installEventFilter(self)

    def toggle(self) -> None:
        self.setVisible(not self.isVisible())
        if self.isVisible():
            self._fit()
            self.raise_()

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect().adjusted(40, 40, -40, -40))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False
