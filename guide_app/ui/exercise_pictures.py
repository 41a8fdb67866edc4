"""The exercise's pictures in its editor: the start and end pictures as thumbnails,
each chosen from the library's pictures or from a photo of the person's own, and the
side they show.

A picture path is relative to the library folder the exercise is saved in (the loader
refuses one that leads out of it). So a picture from elsewhere is copied into the
user's library at once: a photo as ``assets/pictures/<id>-start.png`` (or ``-end``),
a library picture under the path it had. A duplicated exercise's own pictures are
copied along first, so every path the draft names is found in one folder.
"""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.core.content_draft import MISSING, Draft
from guide_app.core.i18n import tr
from guide_app.ui.editor_fields import ChoiceField, Field, LinesField, add_row
from guide_app.ui.exercise_cues import HolderField
from guide_app.ui.picture import PictureView

PICTURE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
PICTURES_FOLDER = Path("assets") / "pictures"
THUMBNAIL = QSize(200, 150)


def library_pictures(roots: Iterable[Path]) -> list[Path]:
    """Every picture under a library folder's ``assets/pictures``, by name."""
    found: dict[Path, None] = {}
    for root in roots:
        folder = root / PICTURES_FOLDER
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.suffix.lower() in PICTURE_SUFFIXES and path.is_file():
                    found.setdefault(path, None)
    return sorted(found, key=lambda p: (p.name.lower(), str(p)))


def _photo_problem(path: Path) -> str | None:
    """Why ``path`` cannot be an exercise's picture, or None."""
    if path.suffix.lower() not in PICTURE_SUFFIXES:
        return tr("{file}: choose a PNG, JPEG or SVG picture", file=path)
    if not path.is_file():
        return tr("{file}: no such file", file=path)
    if not QImageReader(str(path)).canRead():
        return tr("{file}: not a picture that can be read", file=path)
    return None


def _free_place(folder: Path, stem: str, suffix: str, source: Path) -> Path:
    """``folder/stem+suffix``, or ``stem-2``... when another file has that name; a file
    with the same contents is used as it is."""
    target, n = folder / f"{stem}{suffix}", 1
    while target.exists() and not filecmp.cmp(target, source, shallow=False):
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return target


class PictureSlot(Field):
    """One picture of the exercise (start or end): its thumbnail, its file, a button
    to choose another."""

    def __init__(self, draft: Draft, which: str, title: str) -> None:
        self.which = which
        self.view = PictureView()
        self.view.setFixedSize(THUMBNAIL)
        self.view.setAccessibleName(title)
        self.file = QLabel()
        self.file.setObjectName("muted")
        self.file.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_button = QPushButton(tr("Choose…"))
        self._shown: Any = MISSING
        super().__init__(draft, ("pictures", which), self.choose_button)
        self.box = QWidget()
        column = QVBoxLayout(self.box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        caption = QLabel(title)
        caption.setBuddy(self.choose_button)
        self.choose_button.setAccessibleName(tr("Choose: {what}", what=title.replace("&", "")))
        for widget in (caption, self.view, self.file, self.choose_button, self.problem):
            column.addWidget(widget)
        column.addStretch(1)
        self.load()

    def value(self) -> Any:
        return self._shown

    def show_value(self, value: Any) -> None:
        self._shown = value
        self.refresh()

    def refresh(self) -> None:
        """Show the picture the draft names, from where it is now."""
        rel = self._shown
        if isinstance(rel, str) and rel:
            self.view.show_picture(self.draft.picture_root / rel)
            self.file.setText(Path(rel).name)
            self.file.setToolTip(rel)
        else:
            self.view.show_picture(None)
            self.file.setText(tr("(none)"))
            self.file.setToolTip("")


class PictureChooser(QDialog):
    """The library's pictures by name, the chosen one shown beside the list."""

    def __init__(self, roots: Sequence[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Choose a library picture"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Filter by name"))
        self.filter.setAccessibleName(tr("Filter by name"))
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Library pictures"))
        for path in library_pictures(roots):
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
        self.preview = PictureView()
        self.preview.setFixedSize(QSize(360, 270))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.filter.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._preview)
        self.list.itemActivated.connect(self.accept)
        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.list, 1)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)
        if self.list.count():
            self.list.setCurrentRow(0)

    def path(self) -> Path | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return Path(item.data(Qt.ItemDataRole.UserRole))

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = not all(w in item.text().lower() for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        current = self.list.currentItem()
        if first is not None and (current is None or current.isHidden()):
            self.list.setCurrentItem(first)

    def _preview(self, item: QListWidgetItem | None) -> None:
        path = Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        self.preview.show_picture(path)


class PicturesPanel(QGroupBox):
    """The start and end pictures, the side they show and any more in order.

    A picture chosen is ``replaced(loc, path, what)``, one step to undo; ``notice(text)``
    says why a file could not be used."""

    replaced = Signal(object, object, str)
    notice = Signal(str)

    def __init__(self, draft: Draft, roots: Sequence[Path], parent: QWidget | None = None) -> None:
        super().__init__(tr("Pictures"), parent)
        self.draft = draft
        self.roots = list(roots)
        self.holder = HolderField(draft, ("pictures",), self)
        self.start = PictureSlot(draft, "start", tr("&Start position"))
        self.end = PictureSlot(draft, "end", tr("&End position"))
        for slot in (self.start, self.end):
            menu = QMenu(slot.choose_button)
            menu.addAction(tr("A library picture…"), partial(self.choose_library, slot.which))
            menu.addAction(tr("A photo of your own…"), partial(self.choose_photo, slot.which))
            if slot is self.end:
                menu.addAction(tr("No end picture"), self.remove_end)
            slot.choose_button.setMenu(menu)
        self.drawn_side = ChoiceField(
            draft,
            ("pictures", "drawn_side"),
            [("left", tr("left")), ("right", tr("right")), ("both", tr("both"))],
            none=tr("left (not given)"),
        )
        self.steps = LinesField(
            draft, ("pictures", "steps"), tr("assets/pictures/one-step.svg, one a line"), lines=2
        )
        self.fields: list[Field] = [
            self.holder,
            self.start,
            self.end,
            self.drawn_side,
            self.steps,
        ]
        grid = QGridLayout()
        grid.addWidget(self.start.box, 0, 0)
        grid.addWidget(self.end.box, 0, 1)
        grid.setColumnStretch(2, 1)
        form = QFormLayout()
        add_row(form, tr("Side the pictures &show"), self.drawn_side)
        add_row(form, tr("More pictures, in order"), self.steps)
        layout = QVBoxLayout(self)
        layout.addWidget(self.holder.problem)
        layout.addLayout(grid)
        layout.addLayout(form)

    # ------------------------------------------------------------------ choosing

    def choose_library(self, which: str) -> None:
        chooser = PictureChooser(self._roots(), self)
        if chooser.exec() == QDialog.DialogCode.Accepted:
            path = chooser.path()
            if path is not None:
                self.use_picture(which, path)

    def choose_photo(self, which: str) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            tr("Choose a photo"),
            str(Path.home()),
            tr("Pictures (*.png *.jpg *.jpeg *.svg)"),
        )
        if name:
            self.use_photo(which, Path(name))

    def remove_end(self) -> None:
        self.replaced.emit(("pictures", "end"), MISSING, tr("Remove the end picture"))

    def use_photo(self, which: str, path: Path) -> str | None:
        """Copy the photo at ``path`` into the library as this exercise's ``which``
        picture and use it; the path it is given, or None (and a notice) when the file
        cannot be used."""
        problem = _photo_problem(path)
        if problem is not None:
            self.notice.emit(problem)
            return None
        folder = self.draft.folder / PICTURES_FOLDER
        stem = f"{self.draft.id or 'exercise'}-{which}"
        return self._copy_in(which, path, _free_place(folder, stem, path.suffix.lower(), path))

    def use_picture(self, which: str, path: Path) -> str | None:
        """Use the library picture at ``path`` (a file in one of the library folders)
        as the ``which`` picture; copied into the user's library when not there yet."""
        root = next((r for r in self._roots() if path.resolve().is_relative_to(r.resolve())), None)
        if root is None:
            return self.use_photo(which, path)
        problem = _photo_problem(path)
        if problem is not None:
            self.notice.emit(problem)
            return None
        rel = path.resolve().relative_to(root.resolve()).as_posix()
        here = self.draft.picture_root / rel
        if here.is_file() and filecmp.cmp(here, path, shallow=False):
            self._set(which, rel)
            return rel
        place = self.draft.folder / rel
        target = _free_place(place.parent, place.stem, place.suffix, path)
        return self._copy_in(which, path, target)

    def _copy_in(self, which: str, source: Path, target: Path) -> str | None:
        try:
            self._adopt()
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        except OSError as exc:
            self.notice.emit(tr("Could not copy {file}: {error}", file=source, error=exc))
            return None
        rel = target.relative_to(self.draft.folder).as_posix()
        self._set(which, rel)
        return rel

    def _set(self, which: str, rel: str) -> None:
        what = tr("Choose the start picture") if which == "start" else tr("Choose the end picture")
        self.replaced.emit(("pictures", which), rel, what)

    def _adopt(self) -> None:
        """Copy the pictures the draft names from where they are (a duplicate's library)
        into its own folder, so a picture added beside them is found with them."""
        self.draft.bring_pictures()
        for slot in (self.start, self.end):
            slot.refresh()

    def _roots(self) -> list[Path]:
        """The library folders whose pictures may be chosen, the draft's own first."""
        roots = [self.draft.picture_root, self.draft.folder, *self.roots]
        return list(dict.fromkeys(roots))
