"""Every text a window shows a person, read from its widgets, and the check that each went
through the translation layer (the pseudo language wraps all of those in ⟦…⟧)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)

from guide_app.core.i18n import PSEUDO_CLOSE, PSEUDO_OPEN

_WRAPPED = re.compile(
    re.escape(PSEUDO_OPEN)
    + r"[^"
    + re.escape(PSEUDO_OPEN + PSEUDO_CLOSE)
    + r"]*"
    + re.escape(PSEUDO_CLOSE)
)


# Widgets Qt makes and words itself (a tab bar's scroll arrows): Qt's own translations
# word them, installed by the app for the language in force.
QT_OWN = frozenset({"ScrollLeftButton", "ScrollRightButton"})


def plain(text: str) -> str:
    """``text`` without rich-text markup."""
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def bypassed(text: str) -> bool:
    """Whether ``text`` holds a word that did not come through the translation layer: a
    letter left once every ⟦…⟧ (innermost first) is taken out."""
    rest = text
    while True:
        shorter = _WRAPPED.sub(" ", rest)
        if shorter == rest:
            break
        rest = shorter
    return any(ch.isalpha() for ch in rest)


def _item_texts(view: QAbstractItemView) -> Iterator[str]:
    if isinstance(view, QTableWidget):
        for c in range(view.columnCount()):
            head = view.horizontalHeaderItem(c)
            if head is not None and not view.isColumnHidden(c):
                yield head.text()
        for r in range(view.rowCount()):
            for c in range(view.columnCount()):
                item = view.item(r, c)
                if item is not None and not view.isColumnHidden(c):
                    yield item.text()
    elif isinstance(view, QListWidget):
        for r in range(view.count()):
            if not view.item(r).isHidden():
                yield view.item(r).text()
    elif isinstance(view, QTreeWidget):
        header = view.headerItem()
        for c in range(view.columnCount()):
            yield header.text(c)
        it = QTreeWidgetItemIterator(view)
        while it.value():
            for c in range(view.columnCount()):
                yield it.value().text(c)
            it += 1


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person can see in ``root`` and its visible children."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if w.objectName().startswith("qt_") or w.objectName() in QT_OWN:
            continue  # Qt's own widgets, worded by Qt's translations
        if w.isWindow() and w.windowTitle():
            yield (f"{type(w).__name__} title", w.windowTitle())
        where = f"{type(w).__name__} {w.objectName()}".strip()
        if isinstance(w, QLabel):
            yield where, plain(w.text())
        elif isinstance(w, QAbstractButton):
            yield where, w.text()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QLineEdit):
            yield where, w.text() or w.placeholderText()
        elif isinstance(w, QTextEdit):
            yield where, w.toPlainText()
        elif isinstance(w, QComboBox):
            yield where, w.currentText()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield where, w.tabText(i)
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
            for text in _item_texts(w):
                yield where, text
        tip = w.toolTip()
        if tip and w.isEnabled():
            yield f"{where} tooltip", plain(tip)
        name = w.accessibleName()
        if name:
            yield f"{where} accessible name", name


def bypassing(root: QWidget) -> set[tuple[str, str]]:
    """The texts in ``root`` that bypassed the translation layer."""
    return {(where, text) for where, text in shown_texts(root) if bypassed(text)}
