"""Colours and type for reading across a room: high contrast, colour-blind-safe sides.

Sides never rely on colour alone: each has a word, an arrow and a place on screen too.
The side colours are from the Okabe-Ito palette (sky blue and orange), distinguishable
with every common colour-vision deficiency, and each reaches at least 7:1 against the
background.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from guide_app.core.i18n import tr

BACKGROUND = "#101418"
PANEL = "#1b2229"
TEXT = "#ffffff"
MUTED_TEXT = "#c9d1d9"
ACCENT = "#f0e442"  # Okabe-Ito yellow: the current cue, paused/muted banners
LEFT = "#56b4e9"  # Okabe-Ito sky blue
RIGHT = "#e69f00"  # Okabe-Ito orange
BOTH = "#ffffff"
WARNING_BG = "#5c1f00"
DIMMED = "#5b6570"  # a readout set aside while paused: still there, plainly not current


@dataclass(frozen=True, slots=True)
class SideStyle:
    """How a side is shown: a word (in the language in force), an arrow, a colour, a place."""

    say: Callable[[], str]
    arrow: str
    colour: str
    align_left: bool

    @property
    def word(self) -> str:
        return self.say()


SIDE_STYLES = {
    "left": SideStyle(lambda: tr("LEFT"), "◀", LEFT, True),
    "right": SideStyle(lambda: tr("RIGHT"), "▶", RIGHT, False),
    "both": SideStyle(lambda: tr("BOTH SIDES"), "◀▶", BOTH, True),
}


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


GRID = "#3a4651"  # table lines and frames: the history window, the editors

STYLESHEET = f"""
QWidget {{ background: {BACKGROUND}; color: {TEXT}; }}
QLineEdit, QListWidget, QTreeWidget, QComboBox, QSpinBox, QTextBrowser {{
    background: {PANEL}; color: {TEXT}; border: 1px solid #3a4651; border-radius: 6px;
    padding: 4px;
}}
QTreeWidget::item:selected, QListWidget::item:selected {{ background: #2f4b63; }}
QPushButton {{
    background: #2a3440; color: {TEXT}; border: 1px solid #4a5866; border-radius: 8px;
    padding: 8px 16px;
}}
QPushButton:default, QPushButton#primary {{ background: #0b5c8c; border-color: {LEFT}; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QLineEdit:focus, QListWidget:focus, QTreeWidget:focus, QComboBox:focus, QSpinBox:focus,
QDoubleSpinBox:focus, QTextBrowser:focus, QTableWidget:focus, QTabBar::tab:focus {{
    border: 2px solid {ACCENT};
}}
QLabel#muted {{ color: {MUTED_TEXT}; }}
QRadioButton, QCheckBox {{ spacing: 8px; }}
QRadioButton::indicator, QCheckBox::indicator {{
    width: 18px; height: 18px; border: 2px solid {MUTED_TEXT}; background: {PANEL};
}}
QRadioButton::indicator {{ border-radius: 11px; }}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator:checked, QCheckBox::indicator:checked {{
    background: {ACCENT}; border-color: {TEXT};
}}
QRadioButton:focus, QCheckBox:focus {{ color: {ACCENT}; }}
QRadioButton::indicator:focus, QCheckBox::indicator:focus {{ border-color: {ACCENT}; }}
"""

# The editors add paragraphs, tabs and groups to the common sheet (set on the editor).
EDITOR_STYLE = f"""
QPlainTextEdit {{
    background: {PANEL}; color: {TEXT}; border: 1px solid {GRID};
    border-radius: 6px; padding: 2px;
}}
QPlainTextEdit:focus {{ border: 2px solid {ACCENT}; }}
QPlainTextEdit:disabled, QLineEdit:read-only {{ color: {MUTED_TEXT}; }}
QTabWidget::pane {{ border: 1px solid {GRID}; border-radius: 6px; top: -1px; }}
QTabBar::tab {{
    background: #2a3440; color: {MUTED_TEXT}; padding: 6px 18px; margin-right: 4px;
    border: 1px solid {GRID}; border-bottom: none;
    border-top-left-radius: 6px; border-top-right-radius: 6px;
}}
QTabBar::tab:selected {{ background: {PANEL}; color: {TEXT}; font-weight: bold; }}
QGroupBox {{
    border: 1px solid {GRID}; border-radius: 6px; margin-top: 14px;
    padding: 10px 6px 6px 6px; font-weight: bold;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 6px; }}
QGroupBox QLabel, QGroupBox QCheckBox, QGroupBox QRadioButton {{ font-weight: normal; }}
QScrollArea {{ border: none; }}
QLabel#muted {{ color: {MUTED_TEXT}; }}
"""

HISTORY_POINT_SIZE = 13  # the history window's text, read at arm's length
# The history window adds tables, tabs, group boxes and charts to the common sheet.
HISTORY_STYLE = f"""
QTableWidget {{
    background: {PANEL}; alternate-background-color: #222b33; color: {TEXT};
    gridline-color: {GRID}; border: 1px solid {GRID}; border-radius: 6px;
}}
QTableWidget::item {{ padding: 4px 8px; }}
QHeaderView::section {{
    background: #2a3440; color: {TEXT}; border: none; border-right: 1px solid {GRID};
    padding: 6px 8px; font-weight: bold;
}}
QTabWidget::pane {{ border: 1px solid {GRID}; border-radius: 6px; top: -1px; }}
QTabBar::tab {{
    background: #2a3440; color: {MUTED_TEXT}; padding: 8px 22px; margin-right: 4px;
    border: 1px solid {GRID}; border-bottom: none;
    border-top-left-radius: 6px; border-top-right-radius: 6px;
}}
QTabBar::tab:selected {{ background: {PANEL}; color: {TEXT}; font-weight: bold; }}
QTabBar::tab:focus {{ border: 2px solid {ACCENT}; }}
QGroupBox {{
    border: 1px solid {GRID}; border-radius: 6px; margin-top: 14px; padding: 12px 8px 8px 8px;
    font-weight: bold;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 6px; }}
QDateEdit {{
    background: {PANEL}; color: {TEXT}; border: 1px solid {GRID};
    border-radius: 6px; padding: 4px;
}}
QWidget {{ font-size: {HISTORY_POINT_SIZE}pt; }}
QLabel#title {{ font-size: {HISTORY_POINT_SIZE * 2}pt; font-weight: bold; }}
QLabel#position {{ font-size: {HISTORY_POINT_SIZE + 5}pt; font-weight: bold; }}
QLabel#empty {{ font-size: {HISTORY_POINT_SIZE + 5}pt; }}
QLabel#heading {{ font-weight: bold; }}
QLabel#verdict {{ font-size: {HISTORY_POINT_SIZE + 2}pt; font-weight: bold; }}
QLabel#verdict[met="true"] {{ color: {ACCENT}; }}
QFrame#rule {{ background: {PANEL}; border: 1px solid {GRID}; border-radius: 6px; }}
QFrame#rule[met="true"] {{ border: 2px solid {ACCENT}; }}
QFrame#rule QLabel {{ background: transparent; border: none; }}
"""
