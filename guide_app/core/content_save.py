"""Saving a content file without losing what the person wrote in it.

``EditedFile.open`` reads a file for editing (checked as the loader checks it: size,
plain file, UTF-8, plain tags only, no alias bombs) and keeps a round-trip copy of it
(ruamel.yaml), so comments, blank lines, key order, quoting, indentation, line endings
and the final newline come back as they were; ``set`` and ``remove`` change one value,
a new key landing at its documented place (``content_order``). ``save`` writes to a
temporary file in the same folder, syncs it and renames it over the file, and refuses
(``ContentChangedError``) when the file changed on disk since it was opened.
``new_document`` and ``write_new`` lay out and write a new file in the house style.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarstring import ScalarString
from ruamel.yaml.tokens import CommentToken

from guide_app.core.content_errors import dotted
from guide_app.core.content_order import Keys, keys_at
from guide_app.core.content_read import FileProblem, parse, read_text
from guide_app.core.exercise_model import FORMAT_VERSION
from guide_app.core.i18n import tr
from guide_app.core.safe_write import FILE_MODE, write_atomically

KeyPath = tuple[str | int, ...]
_WIDE = 4096  # never fold a long line the person wrote on one line
_KEY_ONLY = re.compile(r"^\s*(?:-\s+)?[^\s#'\"][^#]*:\s*(?:#.*)?$")


class ContentFileError(Exception):
    """A content file that cannot be opened, edited or saved: the file, the line when
    there is one, and what to do."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.line = line
        self.message = message


class ContentChangedError(ContentFileError):
    """The file changed on disk since it was opened: saving would lose that change."""


class ContentExistsError(ContentFileError):
    """A new file would replace one already there."""


@dataclass(frozen=True, slots=True)
class _Layout:
    """How the file is laid out, to write it back the same way."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    crlf: bool = False
    bom: bool = False
    final_newline: bool = True
    explicit_start: bool = False


HOUSE = _Layout()


class EditedFile:
    """One content file open for editing; ``save`` writes it back."""

    def __init__(self, path: Path, data: CommentedMap, layout: _Layout, fingerprint: str):
        self.path = path
        self._data = data
        self._layout = layout
        self._fingerprint = fingerprint

    @classmethod
    def open(cls, path: Path) -> EditedFile:
        """Read ``path`` for editing; a file the loader would refuse is refused here."""
        try:
            text = read_text(path)
            parse(text)
        except FileProblem as exc:
            raise ContentFileError(path, exc.message, exc.line) from None
        layout = _layout_of(text)
        try:
            data = _yaml(layout).load(_plain_text(text))
        except YAMLError as exc:  # the checks above passed: ruamel reads YAML more strictly
            raise ContentFileError(path, tr("not valid YAML: {error}", error=exc)) from None
        if not isinstance(data, CommentedMap):
            raise ContentFileError(
                path, tr("the file is not a mapping of keys: it should start with version: 2")
            )
        return cls(path, data, layout, _digest(text))

    @property
    def kind(self) -> object:
        return self._data.get("kind")

    def get(self, where: KeyPath) -> Any:
        """The value at ``where``, e.g. ``("blocks", 0, "dosage", "reps")``."""
        node: Any = self._data
        for step in where:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                raise KeyError(dotted(where)) from None
        return node

    def has(self, where: KeyPath) -> bool:
        try:
            self.get(where)
        except KeyError:
            return False
        return True

    def set(self, where: KeyPath, value: Any) -> None:
        """Give ``where`` a new value, in the style of the old one (a quoted text stays
        quoted, a one-line mapping stays on one line); a new key goes to its documented
        place among its siblings, and one past a list's end is added to the list."""
        if not where:
            raise KeyError(dotted(where))
        parent, step = self.get(where[:-1]), where[-1]
        new = _styled(value, keys_at(self.kind, where), _inline_list(self.kind, where))
        if isinstance(parent, CommentedMap) and isinstance(step, str):
            if step in parent:
                _replace(parent, step, new)
                return
            keys = keys_at(self.kind, where[:-1])
            index = keys.position(parent, step) if keys else len(parent)
            rest = _take_rest(parent, list(parent)[index - 1]) if index else ""
            parent.insert(index, step, new)
            _give_rest(parent, step, rest)
        elif isinstance(parent, CommentedSeq) and isinstance(step, int):
            if step == len(parent):
                rest = _take_rest(parent, step - 1) if step else ""
                parent.append(new)
                _give_rest(parent, step, rest)
            elif 0 <= step < len(parent):
                _replace(parent, step, new)
            else:
                raise KeyError(dotted(where))
        else:
            raise KeyError(dotted(where))

    def insert(self, where: KeyPath, value: Any) -> None:
        """Put a new item into a list at ``where`` (its index), moving the ones from
        there on down; the comment lines before the item that was there stay before it."""
        if not where or not isinstance(where[-1], int):
            raise KeyError(dotted(where))
        parent, step = self.get(where[:-1]), where[-1]
        if not isinstance(parent, CommentedSeq) or not 0 <= step <= len(parent):
            raise KeyError(dotted(where))
        if step == len(parent):
            self.set(where, value)
            return
        new = _styled(value, keys_at(self.kind, where), _inline_list(self.kind, where))
        rest = _take_rest(parent, step - 1) if step else ""
        parent.insert(step, new)
        if step:
            _give_rest(parent, step, rest)

    def remove(self, where: KeyPath) -> None:
        """Remove the key or list item at ``where`` and its lines, nothing else: a
        comment or blank line that comes before the next key stays before it."""
        if not where:
            raise KeyError(dotted(where))
        parent, step = self.get(where[:-1]), where[-1]
        if not self.has(where):
            raise KeyError(dotted(where))
        rest = _take_rest(parent, step)
        siblings = list(parent) if isinstance(parent, CommentedMap) else list(range(len(parent)))
        index = siblings.index(step)
        del parent[step]
        if index:
            _give_rest(parent, siblings[index - 1], rest)
        elif len(where) > 1:  # the first: its comment goes after the line of its parent
            _append_comment(self.get(where[:-2]), where[-2], rest)

    def plain(self) -> dict[str, Any]:
        """The file's data as plain dicts, lists, text and numbers (a copy)."""
        result = _plain(self._data)
        assert isinstance(result, dict)
        return result

    def text(self) -> str:
        """The file as ``save`` would write it."""
        return _dump(self._data, self._layout)

    def save(self, *, overwrite: bool = False) -> None:
        """Write the file back, atomically. Refused with ``ContentChangedError`` when
        the file changed on disk since it was opened (or last saved), unless
        ``overwrite``: the change on disk is then lost."""
        target = Path(os.path.realpath(self.path))  # through a link, the file it names
        if not overwrite and _digest_on_disk(target) != self._fingerprint:
            raise ContentChangedError(
                self.path,
                tr(
                    "the file changed on disk since it was opened: open it again to see "
                    "the change, or save over it to keep only this version"
                ),
            )
        text = self.text()
        _check_readable(self.path, text)
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            mode = FILE_MODE
        write_atomically(target, text.encode("utf-8"), mode, os.replace)
        self._fingerprint = _digest(text)


# --------------------------------------------------------------------------- new files


def new_document(kind: str, fields: Mapping[str, Any]) -> str:
    """A new file of ``kind`` holding ``fields``: ``version: 2`` and ``kind`` first, the
    rest in the documented order, laid out as the bundled library is."""
    keys = keys_at(kind, ())
    if keys is None:
        raise ValueError(tr("unknown kind {kind}: exercise, session or programme", kind=kind))
    data = {"version": FORMAT_VERSION, "kind": kind, **fields}
    return _dump(_styled(data, keys, inline_list=False), HOUSE)


def write_new(path: Path, text: str) -> None:
    """Write a new file at ``path`` (its folder made when missing), never over one there."""
    exists = ContentExistsError(
        path, tr("a file with this name is already there: choose another id or edit that file")
    )
    if os.path.lexists(path):
        raise exists
    _check_readable(path, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomically(path, text.encode("utf-8"), FILE_MODE, _link_new)
    except FileExistsError:
        raise exists from None


def _link_new(source: str, target: Path) -> None:
    """Put ``source`` at ``target`` unless something is already there, in one step."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: create exclusively, then fill it
        with open(target, "xb") as out, open(source, "rb") as data:
            out.write(data.read())
            out.flush()
            os.fsync(out.fileno())
    os.unlink(source)


def _check_readable(path: Path, text: str) -> None:
    """Never write what the loader could not read back."""
    try:
        parse(text)
    except FileProblem as exc:
        raise ContentFileError(
            path, tr("not saved: the result would not read back: {error}", error=exc.message)
        ) from None


def _plain(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {_plain(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, ScalarBoolean):
        return bool(node)
    for kind in (str, int, float):  # ruamel's scalars are subclasses that keep their style
        if isinstance(node, kind):
            return kind(node)
    return node


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _digest_on_disk(path: Path) -> str | None:
    try:
        return _digest(read_text(path))
    except FileProblem:  # gone, or no longer a file we would read: not what was opened
        return None


# --------------------------------------------------------------------------- YAML text


def _yaml(layout: _Layout) -> YAML:
    yaml = YAML(typ="rt")  # plain mappings, lists and scalars only: no objects are built
    yaml.width = _WIDE
    yaml.preserve_quotes = True
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    yaml.explicit_start = layout.explicit_start
    return yaml


def _plain_text(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _dump(data: Any, layout: _Layout) -> str:
    out = io.StringIO()
    _yaml(layout).dump(data, out)
    text = out.getvalue()
    if not layout.final_newline:
        text = text.removesuffix("\n")
    if layout.crlf:
        text = text.replace("\n", "\r\n")
    return "\ufeff" + text if layout.bom else text


def _layout_of(text: str) -> _Layout:
    """The file's indentation (mapping, list, dash offset), line endings and edges."""
    plain = _plain_text(text)
    mapping = sequence = offset = None
    key_column: int | None = None
    for line in plain.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        column = len(line) - len(line.lstrip(" "))
        if stripped.startswith("- ") and sequence is None and key_column is not None:
            offset = column - key_column
            after = stripped[1:]
            sequence = offset + 1 + len(after) - len(after.lstrip(" "))
        elif mapping is None and key_column is not None and column > key_column:
            mapping = column - key_column
        key_column = column if _KEY_ONLY.match(line) and not stripped.startswith("-") else None
        if mapping is not None and sequence is not None:
            break
    first = next((s for s in plain.splitlines() if s.strip() and not s.startswith("#")), "")
    return _Layout(
        mapping=mapping or HOUSE.mapping,
        sequence=sequence if sequence is not None else HOUSE.sequence,
        offset=offset if offset is not None else HOUSE.offset,
        crlf="\r\n" in text,
        bom=text.startswith("\ufeff"),
        final_newline=not text or text.endswith("\n"),
        explicit_start=first.rstrip() == "---" or first.startswith("--- "),
    )


# --------------------------------------------------------------------------- values


def _inline_list(kind: object, where: KeyPath) -> bool:
    keys = keys_at(kind, where[:-1])
    return bool(keys and where and where[-1] in keys.flow_lists)


def _styled(value: Any, keys: Keys | None, inline_list: bool) -> Any:
    """A plain value made ready to write: mappings in documented order, short ones on
    one line where the house style has them so."""
    if isinstance(value, Mapping):
        order = keys.order if keys else ()
        names = sorted(value, key=lambda k: order.index(k) if k in order else len(order))
        out = CommentedMap()
        for name in names:
            child = keys.child(name) if keys else None
            out[name] = _styled(value[name], child, bool(keys and name in keys.flow_lists))
        if keys and keys.flow and all(_one_line(v) for v in out.values()):
            out.fa.set_flow_style()
        return out
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        items = CommentedSeq(_styled(item, keys, inline_list=False) for item in value)
        if inline_list and all(not isinstance(item, Mapping | list) for item in items):
            items.fa.set_flow_style()
        return items
    return value


def _one_line(value: Any) -> bool:
    if isinstance(value, CommentedMap | CommentedSeq):
        return bool(value.fa.flow_style())
    return not (isinstance(value, str) and "\n" in value)


def _replace(container: Any, step: Any, new: Any) -> None:
    """Replace ``container[step]``, keeping the comments that follow its lines."""
    rest = _take_rest(container, step)
    container[step] = _like(container[step], new)
    _give_rest(container, step, rest)


def _like(old: Any, new: Any) -> Any:
    """``new`` in the style of the value it replaces."""
    if isinstance(old, ScalarString) and isinstance(new, str) and not isinstance(new, ScalarString):
        return type(old)(new)
    if isinstance(old, CommentedMap | CommentedSeq) and isinstance(
        new, CommentedMap | CommentedSeq
    ):
        if old.fa.flow_style() and all(_one_line(v) for v in _values(new)):
            new.fa.set_flow_style()
        elif not old.fa.flow_style():
            new.fa.set_block_style()
    return new


def _values(container: CommentedMap | CommentedSeq) -> list[Any]:
    return list(container.values()) if isinstance(container, CommentedMap) else list(container)


# --------------------------------------------------------------------------- comments
#
# ruamel keeps the comment lines and blank lines that come before a key with the key
# before it (as the tail of that key's end-of-line comment). A key removed or inserted
# would take them along; these move them so they stay before the key they describe.


def _slot(container: Any) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _tail(container: Any, step: Any) -> tuple[Any, Any]:
    """The last line of ``container[step]``: where its trailing comments are kept."""
    value = container[step]
    while isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
        container, step = (
            value,
            (list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1),
        )
        value = container[step]
    return container, step


def _take_rest(container: Any, step: Any) -> str:
    """Cut the comment lines after the last line of ``container[step]``, and give them."""
    holder, last = _tail(container, step)
    entry = holder.ca.items.get(last)
    token = entry[_slot(holder)] if entry else None
    if token is None or "\n" not in token.value:
        return ""
    own, rest = str(token.value).split("\n", 1)
    if own:
        token.value = own + "\n"
    else:
        entry[_slot(holder)] = None
    return rest


def _give_rest(container: Any, step: Any, rest: str) -> None:
    if rest:
        holder, last = _tail(container, step)
        _append_comment(holder, last, rest)


def _append_comment(container: Any, step: Any, rest: str) -> None:
    """Put comment lines ``rest`` after the line of ``container[step]``."""
    if not rest:
        return
    entry = container.ca.items.setdefault(step, [None, None, None, None])
    token = entry[_slot(container)]
    if token is None:
        entry[_slot(container)] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        token.value = token.value + rest
