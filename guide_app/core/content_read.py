"""Reading one content file without trusting it: what the loader parses, or why not.

A library folder is the user's, and may hold anything named ``x.yaml``. So:

* only plain files are read: a folder, a named pipe or a device (a link to
  ``/dev/zero``) is refused by its type, before it is opened for reading;
* at most ``MAX_FILE_BYTES`` are read, whatever size the file claims (``/proc`` files
  and files still being written say 0);
* YAML is parsed with a safe loader; nesting is capped at ``MAX_DEPTH`` levels (the
  pure-Python parser would otherwise recurse until ``RecursionError``), a key may not
  be given twice in one mapping (YAML keeps the last silently), values carry no tags
  but the plain ones (no ``!!binary``, no ``!!python/...``), and aliases may not expand
  past ``MAX_NODES`` values.

Every refusal is a ``FileProblem``: a line (when there is one) and what to do.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from guide_app.core.content_errors import FastSafeLoader, dotted
from guide_app.core.i18n import tr

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000  # after aliases are expanded; an alias bomb trips this long before memory
MAX_DEPTH = 32  # the deepest real content (a circuit's per-side tempo) needs about 11
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s\[\]{},]+", re.MULTILINE)
_STANDARD = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _STANDARD + name
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge")
)
_CHUNK = 1 << 16


class FileProblem(Exception):
    """Why a file cannot be read or parsed, with the line it is on when there is one."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


# --------------------------------------------------------------------------- reading


def read_text(path: Path) -> str:
    """The file's text: a plain file, at most ``MAX_FILE_BYTES``, in UTF-8."""
    try:
        _plain(os.stat(path).st_mode)  # refused before it is opened: opening may block
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileProblem(None, _cannot_read(exc)) from None
    try:
        info = os.fstat(fd)
        _plain(info.st_mode)  # it may have been swapped since
        if info.st_size > MAX_FILE_BYTES:
            raise FileProblem(
                None,
                tr(
                    "file is {size:.1f} MB; content files may be at most {limit} kB: "
                    "split it or remove what does not belong",
                    size=info.st_size / 1e6,
                    limit=MAX_FILE_BYTES // 1000,
                ),
            )
        raw = _read_at_most(fd, MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FileProblem(None, _cannot_read(exc)) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        raise FileProblem(
            None,
            tr(
                "file is over {limit} kB; content files may be at most {limit} kB: "
                "split it or remove what does not belong",
                limit=MAX_FILE_BYTES // 1000,
            ),
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = tr(
            "not UTF-8 text (byte 0x{byte:02x}): save the file as UTF-8", byte=raw[exc.start]
        )
        raise FileProblem(line, message) from None


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = os.read(fd, min(_CHUNK, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _plain(mode: int) -> None:
    """Refuse anything but a plain file, saying what it is."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        message = tr(
            "is a folder, not a plain file: content files are plain files; "
            "rename the folder so it does not end in .yaml"
        )
    elif stat.S_ISFIFO(mode):
        message = tr(
            "is a named pipe, not a plain file: content files are plain files; "
            "move it out of the library folder"
        )
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        message = tr(
            "is a device, not a plain file: content files are plain files; "
            "move it (or the link to it) out of the library folder"
        )
    else:
        message = tr(
            "is not a plain file: content files are plain files; move it out of the library folder"
        )
    raise FileProblem(None, message)


def _cannot_read(exc: OSError) -> str:
    return tr("cannot read the file: {reason}", reason=exc.strerror or exc)


# --------------------------------------------------------------------------- parsing


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _DepthCappedLoader(yaml.SafeLoader):
    """The pure-Python safe loader, used where PyYAML has no libyaml: it composes nodes
    by recursion, so the depth is capped while composing, not after. (libyaml stops at
    1000 levels itself, and its nodes are checked once composed.)"""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise _TooDeep(event.start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _new_loader(text: str) -> Any:
    if FastSafeLoader.__name__ == "SafeLoader":  # PyYAML without libyaml
        return _DepthCappedLoader(text)
    return FastSafeLoader(text)


def parse(text: str) -> tuple[yaml.Node | None, Any]:
    """The file's nodes (for line numbers) and its data, from one parse, checked."""
    loader = _new_loader(text)
    try:
        try:
            node = loader.get_single_node()
        except _TooDeep as exc:
            raise FileProblem(exc.line, _too_deep()) from None
        except yaml.MarkedYAMLError as exc:
            raise _yaml_problem(exc) from None
        except yaml.YAMLError as exc:
            raise FileProblem(None, tr("not valid YAML: {error}", error=exc)) from None
        if node is None:
            return None, None
        _check_nodes(node)
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            raise _yaml_problem(exc) from None
        except Exception as exc:  # a value that does not fit its tag (``!!int ten``)
            line = _unfit_line(loader, node)
            raise FileProblem(line, tr("not valid YAML: {error}", error=exc)) from None
    finally:
        loader.dispose()
    if "*" in text and _ALIAS.search(text):
        _check_expanded(data)
    return node, data


def _too_deep() -> str:
    return tr(
        "nested more than {limit} levels deep: content needs only a few levels; "
        "look for brackets that are never closed",
        limit=MAX_DEPTH,
    )


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag


def _tag_problem(line: int | None, tag: str) -> FileProblem:
    return FileProblem(
        line,
        tr(
            "the tag {tag} is not allowed: content files hold plain values only "
            "(text, numbers, lists, mappings)",
            tag=_short_tag(tag),
        ),
    )


def _yaml_problem(exc: yaml.MarkedYAMLError) -> FileProblem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    if "could not determine a constructor" in str(exc):
        tag = re.search(r"tag '([^']+)'", str(exc))
        return _tag_problem(line, tag.group(1) if tag else "")
    return FileProblem(line, tr("not valid YAML: {error}", error=exc.problem or exc))


def _check_nodes(root: yaml.Node) -> None:
    """Depth, repeated keys and tags, each node visited once (an alias is not re-walked)."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int, tuple[str | int, ...]]] = [(root, 1, ())]
    while stack:
        node, depth, loc = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise FileProblem(line, _too_deep())
        if node.tag not in _PLAIN_TAGS:
            raise _tag_problem(line, node.tag)
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != _STANDARD + "merge":
                    where = (*loc, key.value)
                    ident, key_line = (key.tag, key.value), key.start_mark.line + 1
                    if ident in first:
                        raise FileProblem(key_line, _twice(where, first[ident]))
                    first[ident] = key_line
                    stack.append((value, depth + 1, where))
                else:
                    stack.append((value, depth + 1, loc))
                stack.append((key, depth + 1, loc))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1, (*loc, i)) for i, item in enumerate(node.value))


def _twice(where: tuple[str | int, ...], first: int) -> str:
    return tr(
        "{where}: given twice (first on line {first}): keep one; YAML would silently use the last",
        where=dotted(where),
        first=first,
    )


def _unfit_line(loader: Any, root: yaml.Node) -> int | None:
    """The line of the first scalar whose value does not fit its tag."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except Exception:  # any failure is the one being looked for
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def _check_expanded(data: Any) -> None:
    """Walk the data with its aliases expanded: no more than MAX_NODES values, nested no
    deeper than MAX_DEPTH (anchors can nest one inside another)."""
    count = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise FileProblem(
                None,
                tr(
                    "YAML aliases expand to more than {limit:,} values: "
                    "remove the anchors (&) and aliases (*)",
                    limit=MAX_NODES,
                ),
            )
        if depth > MAX_DEPTH:
            raise FileProblem(None, _too_deep())
        if isinstance(item, dict):
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
