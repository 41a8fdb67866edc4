"""A content item being edited: its data, each change to it, and where it is saved.

A ``Draft`` holds an exercise, a session or a programme as plain data (dicts, lists,
text and numbers), as the file says it. Every edit is a ``Change`` of one place in
it (``("blocks", 2, "dosage", "reps")``), with the value before and after, so an
editor can undo and redo it. ``text`` is the file as it would be saved; ``save``
writes it into the user's library folder: a new file laid out in the house style, or
the file that was opened changed only where the draft changed it, so the comments and
layout of a file the person wrote by hand stay (``content_save``).

``duplicate`` makes a draft of a bundled (or any) item under a new id, for the user's
library; the original stays as it was. An exercise's pictures come along when saved,
and its title's translations become the copy's ("Muschel (Kopie)").
"""

from __future__ import annotations

import copy
import difflib
import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guide_app.core import i18n
from guide_app.core.content_language import TRANSLATIONS
from guide_app.core.content_save import EditedFile, new_document, write_new
from guide_app.core.exercise_model import ID_PATTERN
from guide_app.core.i18n import tr
from guide_app.core.loader import CONTENT_FOLDERS, Library
from guide_app.core.safe_write import sync_folder

Loc = tuple[str | int, ...]
TITLE_KEY = {"exercise": "name", "session": "title", "programme": "title"}
COPY = "{title} (copy)"  # a duplicate's title: the message ``Draft.duplicate`` words it with


class _Missing:
    """No value at a place: the key is not in the file."""

    def __repr__(self) -> str:
        return "MISSING"

    def __deepcopy__(self, memo: dict[int, Any]) -> _Missing:
        return self  # one of it, so ``is MISSING`` holds for a copy


MISSING: Any = _Missing()


@dataclass(frozen=True, slots=True)
class Change:
    """One place in a draft given a new value; ``before`` puts it back."""

    loc: Loc
    before: Any
    after: Any


class Draft:
    """One exercise, session or programme being edited."""

    def __init__(
        self,
        kind: str,
        data: dict[str, Any],
        folder: Path,
        *,
        edited: EditedFile | None = None,
        pictures_from: Path | None = None,
    ) -> None:
        """``folder`` is the library folder it is saved in (the user's library);
        ``edited`` the file it came from, when it is changed in place; ``pictures_from``
        the library folder its pictures are in until it is saved (a duplicate's)."""
        self.kind = kind
        self.data = data
        self.folder = folder
        self.edited = edited
        self.pictures_from = pictures_from
        self._saved = copy.deepcopy(data)

    # ------------------------------------------------------------------ making

    @classmethod
    def new(cls, kind: str, folder: Path, fields: Mapping[str, Any] | None = None) -> Draft:
        """An empty item of ``kind`` (the fields given filled in), for ``folder``."""
        data: dict[str, Any] = {"version": 2, "kind": kind, **(fields or {})}
        draft = cls(kind, data, folder)
        draft._saved = {}
        return draft

    @classmethod
    def open(cls, path: Path, folder: Path) -> Draft:
        """The file at ``path`` (in the library ``folder``), to change in place."""
        edited = EditedFile.open(path)
        data = edited.plain()
        return cls(str(data.get("kind")), data, folder, edited=edited)

    @classmethod
    def duplicate(cls, library: Library, kind: str, item_id: str, folder: Path) -> Draft:
        """A copy of the item for ``folder``, with an id and title of its own."""
        source = library.sources[(kind, item_id)]
        data = EditedFile.open(source).plain()
        new_id = free_id(library, kind, f"{item_id}-copy")
        data["id"] = new_id
        key = TITLE_KEY[kind]
        if isinstance(data.get(key), str):
            title = data[key]
            data[key] = tr("{title} (copy)", title=title)
            _copy_title(data, title, data[key])  # its translations: "Muschel (Kopie)"
        draft = cls(kind, data, folder, pictures_from=library.roots[(kind, item_id)])
        draft._saved = {}
        return draft

    # ------------------------------------------------------------------ reading

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else ""

    @property
    def is_new(self) -> bool:
        """Not saved yet: it gets a file named after its id."""
        return self.edited is None

    @property
    def changed(self) -> bool:
        """Changed since it was opened or last saved."""
        return self.data != self._saved

    @property
    def path(self) -> Path:
        """The file it is saved in."""
        if self.edited is not None:
            return self.edited.path
        return self.folder / f"{self.kind}s" / f"{self.id or 'new'}.yaml"

    @property
    def picture_root(self) -> Path:
        """The library folder its picture paths are relative to, until it is saved."""
        return self.pictures_from or self.folder

    def get(self, loc: Loc, default: Any = None) -> Any:
        node: Any = self.data
        for step in loc:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def text(self) -> str:
        """The file as saving would write it."""
        if self.edited is None:
            fields = {k: v for k, v in self.data.items() if k not in ("version", "kind")}
            return new_document(self.kind, fields)
        self._apply_to_file()
        return self.edited.text()

    # ------------------------------------------------------------------ changing

    def change(self, loc: Loc, value: Any) -> Change:
        """The change that gives ``loc`` this value (``MISSING`` removes it); not done
        yet: ``apply`` does it."""
        before = copy.deepcopy(self.get(loc, MISSING))
        return Change(loc, before, copy.deepcopy(value))

    def apply(self, change: Change, *, undo: bool = False) -> None:
        self.put(change.loc, change.before if undo else change.after)

    def put(self, loc: Loc, value: Any) -> None:
        """Give ``loc`` a value, making the mappings on the way; ``MISSING`` removes
        it, and a mapping left empty by that goes too."""
        if not loc:
            raise KeyError(loc)
        parent: Any = self.data
        trail: list[tuple[Any, str | int]] = []
        for step in loc[:-1]:
            trail.append((parent, step))
            if isinstance(parent, dict) and not isinstance(parent.get(step), dict | list):
                if value is MISSING:
                    return
                parent[step] = {}
            parent = parent[step]
        last = loc[-1]
        if value is MISSING:
            if isinstance(parent, dict):
                parent.pop(last, None)
            elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
                del parent[last]
            for holder, step in reversed(trail):  # a mapping emptied by it goes with it
                if isinstance(holder, dict) and holder[step] == {}:
                    del holder[step]
                else:
                    break
        elif isinstance(parent, list) and isinstance(last, int) and last == len(parent):
            parent.append(copy.deepcopy(value))
        else:
            parent[last] = copy.deepcopy(value)

    # ------------------------------------------------------------------ saving

    def save(self, *, overwrite: bool = False) -> Path:
        """Write it into the library folder and return the file. A new item never
        replaces a file there (``ContentExistsError``); a file changed on disk since it
        was opened is not overwritten unless ``overwrite`` (``ContentChangedError``)."""
        if self.edited is None:
            path = self.path
            text = self.text()
            self.bring_pictures()
            write_new(path, text)
            self.edited = EditedFile.open(path)
        else:
            self.bring_pictures()
            self._apply_to_file()
            self.edited.save(overwrite=overwrite)
            path = self.edited.path
        self._saved = copy.deepcopy(self.data)
        return path

    def _apply_to_file(self) -> None:
        assert self.edited is not None
        _apply(self.edited, (), self.edited.plain(), self.data)

    def bring_pictures(self) -> None:
        """Copy the pictures a duplicate names (from the library it came from) into its
        own library folder, and find them there from now on. A path leading outside
        either folder is never followed; the check says what is wrong with it."""
        source = self.pictures_from
        pictures = self.data.get("pictures")
        if source is not None and source != self.folder and isinstance(pictures, dict):
            paths = [pictures.get("start"), pictures.get("end"), *(pictures.get("steps") or [])]
            for rel in paths:
                if not isinstance(rel, str) or not rel:
                    continue
                original, target = source / rel, self.folder / rel
                if not (_inside(source, original) and _inside(self.folder, target)):
                    continue
                if target.exists() or not original.is_file():
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(original, target)
                sync_folder(target.parent)
        self.pictures_from = None


def _apply(edited: EditedFile, loc: Loc, old: Any, new: Any) -> None:
    """Change the open file only where ``new`` differs from ``old``: in a list, the
    items kept stay as written (with their comments), the ones added, removed or moved
    are inserted or removed, and one changed in place is changed where it differs."""
    if old == new and type(old) is type(new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old:
            if key not in new:
                edited.remove((*loc, key))
        for key, value in new.items():
            if key in old:
                _apply(edited, (*loc, key), old[key], value)
            else:
                edited.set((*loc, key), value)
    elif isinstance(old, list) and isinstance(new, list) and loc:
        _apply_list(edited, loc, old, new)
    elif loc:
        edited.set(loc, new)


def _apply_list(edited: EditedFile, loc: Loc, old: list[Any], new: list[Any]) -> None:
    def key(item: Any) -> str:
        return json.dumps(item, sort_keys=True, default=str)

    matcher = difflib.SequenceMatcher(a=[key(i) for i in old], b=[key(i) for i in new])
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):  # from the end: places hold
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                _apply(edited, (*loc, i1 + k), old[i1 + k], new[j1 + k])
            continue
        for k in reversed(range(i1, i2)):
            edited.remove((*loc, k))
        for k, item in enumerate(new[j1:j2]):
            edited.insert((*loc, i1 + k), item)


def _inside(folder: Path, path: Path) -> bool:
    """Whether ``path`` (links followed) is inside ``folder``."""
    return path.resolve().is_relative_to(folder.resolve())


def free_id(library: Library, kind: str, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``-3``... : an id no item of ``kind`` has yet."""
    taken = set(library.table(kind)) | {i for k, i in library.failed if k == kind}
    base = wanted[:70].strip("-") if ID_PATTERN.fullmatch(wanted) else "item"
    found, n = base, 1
    while found in taken:
        n += 1
        found = f"{base}-{n}"
    return found


def kind_folder(kind: str) -> str:
    """The folder of a library that holds items of ``kind``."""
    folder = f"{kind}s"
    assert folder in CONTENT_FOLDERS
    return folder


def _copy_title(data: dict[str, Any], old: str, new: str) -> None:
    """A duplicate's title changed from ``old`` to ``new`` (``COPY``): each translation
    of the old title becomes one of the new, "(copy)" said in its language."""
    every = data.get(TRANSLATIONS)
    if not isinstance(every, dict):
        return
    for language, own in every.items():
        if not isinstance(own, dict) or not isinstance(language, str) or new in own:
            continue
        key = next(
            (k for k, v in own.items() if _same(k, old) and isinstance(v, str) and v.strip()),
            None,
        )
        if key is None:
            continue
        every[language] = {
            (new if k == key else k): (
                i18n.tr_in(language, COPY, title=v.strip()) if k == key else v
            )
            for k, v in own.items()
        }


def _same(key: Any, english: str) -> bool:
    return isinstance(key, str) and key.strip() == english.strip()
