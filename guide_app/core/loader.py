"""Load content folders (YAML) into validated models, reporting every problem as ``file:line``.

The happy path is one ``CSafeLoader`` parse and one pydantic validation per file. Only
when something is wrong is the file parsed again, keeping line numbers, so the error can
name the line. One bad file never stops the rest from loading.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from guide_app.core.content_errors import explain, without_block_tag
from guide_app.core.i18n import tr
from guide_app.core.model import (
    KINDS,
    Content,
    Exercise,
    Programme,
    Session,
)

try:  # the C loader is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as FastSafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as FastSafeLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000  # after aliases are expanded; an alias bomb trips this long before memory
CONTENT_FOLDERS = ("exercises", "sessions", "programmes")
YAML_SUFFIXES = (".yaml", ".yml")
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s\[\]{},]+", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file, as the person fixing it needs to read it."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


@dataclass
class Library:
    """Everything that loaded, by id, plus every problem and every override notice."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    sources: dict[tuple[str, str], Path] = field(default_factory=dict)
    roots: dict[tuple[str, str], Path] = field(default_factory=dict)

    def table(self, kind: str) -> dict[str, Any]:
        tables: dict[str, dict[str, Any]] = {
            "exercise": self.exercises,
            "session": self.sessions,
            "programme": self.programmes,
        }
        return tables[kind]

    def picture_path(self, exercise_id: str, which: str = "start") -> Path | None:
        """Absolute path of an exercise's picture, or None when it has none."""
        exercise = self.exercises.get(exercise_id)
        root = self.roots.get(("exercise", exercise_id))
        if exercise is None or root is None:
            return None
        rel = exercise.pictures.start if which == "start" else exercise.pictures.end
        return root / rel if rel else None


def bundled_root() -> Path:
    """The library folder shipped with the app (holds exercises/, sessions/, programmes/)."""
    override = os.environ.get("GUIDE_APP_LIBRARY")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- finding files


def content_files(root: Path) -> list[Path]:
    """The YAML files a library folder holds: its content subfolders, or the folder itself."""
    if root.is_file():
        return [root]
    files: list[Path] = []
    for sub in CONTENT_FOLDERS:
        folder = root / sub
        if folder.is_dir():
            files.extend(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES)
    files.extend(p for p in root.glob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
    return sorted(files)


# --------------------------------------------------------------------------- one file


def load_file(path: Path, root: Path) -> tuple[Content | None, list[Problem]]:
    """Parse and validate one file; return the model, or None and the problems found."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [
            Problem(path, None, tr("cannot read the file: {reason}", reason=exc.strerror))
        ]
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(
                path,
                None,
                tr(
                    "file is {size:.1f} MB; content files may be at most {limit} kB: "
                    "split it or remove what does not belong",
                    size=size / 1e6,
                    limit=MAX_FILE_BYTES // 1000,
                ),
            )
        ]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [
            Problem(
                path,
                line,
                tr(
                    "not UTF-8 text (byte 0x{byte:02x}): save the file as UTF-8",
                    byte=raw[exc.start],
                ),
            )
        ]
    try:
        data = yaml.load(text, Loader=FastSafeLoader)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(path, exc)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, None, tr("not valid YAML: {error}", error=exc))]
    if "*" in text and _ALIAS.search(text) and _too_big(data):
        return None, [
            Problem(
                path,
                None,
                tr(
                    "YAML aliases expand to more than {limit:,} values: "
                    "remove the anchors (&) and aliases (*)",
                    limit=MAX_NODES,
                ),
            )
        ]
    if not isinstance(data, dict):
        return None, [
            Problem(
                path,
                1,
                tr("expected a mapping with at least 'version', 'kind' and 'id' at the top"),
            )
        ]
    kind = data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        return None, [
            _locate(
                path,
                text,
                ("kind",) if "kind" in data else (),
                tr("kind: must be one of {kinds}, not {kind!r}", kinds=", ".join(KINDS), kind=kind)
                if kind is not None
                else tr(
                    "kind: must be one of {kinds} (the key is missing)", kinds=", ".join(KINDS)
                ),
            )
        ]
    try:
        content = model.model_validate(data)
    except ValidationError as exc:
        problems = _validation_problems(path, text, exc, model)
        if model is Exercise and isinstance(data.get("pictures"), dict):
            problems += _check_pictures(path, text, root, data["pictures"])  # every error
        return None, problems
    problems = (
        _check_pictures(path, text, root, content.pictures.model_dump())
        if isinstance(content, Exercise)
        else []
    )
    if path.stem != content.id:
        problems.append(
            _locate(
                path,
                text,
                ("id",),
                tr(
                    "id: {id!r} differs from the file name {file!r}: name the file {wanted}",
                    id=content.id,
                    file=path.name,
                    wanted=content.id + path.suffix,
                ),
            )
        )
    return (None if problems else content), problems


def _yaml_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    what = exc.problem or tr("not valid YAML")
    if "could not determine a constructor" in str(exc):
        tag = re.search(r"tag '([^']+)'", str(exc))
        return Problem(
            path,
            line,
            tr(
                "the tag {tag} is not allowed: content files hold plain values only "
                "(text, numbers, lists, mappings)",
                tag=tag.group(1) if tag else "",
            ),
        )
    return Problem(path, line, tr("not valid YAML: {error}", error=what))


def _too_big(data: Any) -> bool:
    """True when walking the loaded data (aliases expanded) passes MAX_NODES."""
    count = 0
    stack = [data]
    while stack:
        item = stack.pop()
        count += 1
        if count > MAX_NODES:
            return True
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _validation_problems(
    path: Path, text: str, exc: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    errors = exc.errors(include_url=False)
    locs = [without_block_tag(tuple(e["loc"])) for e in errors]
    for error, loc in zip(errors, locs, strict=True):
        # A list whose items failed is also reported as too short; the item errors say it all.
        if error["type"] == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other in locs
        ):
            continue
        key = (loc, error["type"])
        if key in seen:
            continue
        seen.add(key)
        problems.append(_locate(path, text, loc, explain(error, loc, model)))
    return problems


def _locate(path: Path, text: str, loc: Sequence[str | int], message: str) -> Problem:
    return Problem(path, _line_of(text, loc), message)


def _line_of(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the value at ``loc`` (or of the deepest part that exists)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


# --------------------------------------------------------------------------- pictures


def _check_pictures(
    path: Path, text: str, root: Path, pictures: Mapping[str, Any]
) -> list[Problem]:
    problems = []
    real_root = _realpath(str(root))
    for which in ("start", "end"):
        rel = pictures.get(which)
        if not isinstance(rel, str) or not rel:
            continue
        full, is_file = _resolve_picture(real_root, rel)
        if full != real_root and not full.startswith(real_root + os.sep):
            problems.append(
                _locate(
                    path,
                    text,
                    ("pictures", which),
                    tr(
                        "pictures.{which}: {path!r} points outside the library folder "
                        "{root}: keep pictures inside it (e.g. assets/pictures/)",
                        which=which,
                        path=rel,
                        root=root,
                    ),
                )
            )
        elif not is_file:
            problems.append(
                _locate(
                    path,
                    text,
                    ("pictures", which),
                    tr(
                        "pictures.{which}: no picture at {path!r} (looked in {root}): "
                        "add the file or correct the path",
                        which=which,
                        path=rel,
                        root=root,
                    ),
                )
            )
    return problems


@functools.lru_cache(maxsize=256)
def _realpath(folder: str) -> str:
    return os.path.realpath(folder)


def _resolve_picture(real_root: str, rel: str) -> tuple[str, bool]:
    """Where a picture path really leads (links followed), and whether a file is there.

    Folders are resolved once and cached, so a library of a thousand exercises sharing one
    pictures folder costs one lstat per picture."""
    joined = os.path.join(real_root, rel)
    full = os.path.join(_realpath(os.path.dirname(joined)), os.path.basename(joined))
    try:
        mode = os.lstat(full).st_mode
    except OSError:
        return full, False
    if stat.S_ISLNK(mode):
        full = os.path.realpath(full)
        return full, os.path.isfile(full)
    return full, stat.S_ISREG(mode)


# --------------------------------------------------------------------------- whole library


def load_library(roots: Iterable[Path]) -> Library:
    """Load library folders in order; a later folder's file with the same id replaces an
    earlier one (a user's own version of a bundled exercise), and the library says so."""
    library = Library()
    for root in roots:
        root = Path(root)
        base = root.parent if root.is_file() else root
        if not root.exists():
            library.problems.append(Problem(root, None, tr("folder not found")))
            continue
        for path in content_files(root):
            content, problems = load_file(path, base)
            library.problems.extend(problems)
            if content is None:
                continue
            table = library.table(content.kind)
            key = (content.kind, content.id)
            earlier = library.sources.get(key)
            if earlier is not None:
                if library.roots[key] == base:
                    library.problems.append(
                        Problem(
                            path,
                            _line_of(path.read_text(encoding="utf-8"), ("id",)),
                            tr(
                                "id: {id!r} is used by {other} too: give each {kind} its own id",
                                id=content.id,
                                other=earlier,
                                kind=_kind_word(content.kind),
                            ),
                        )
                    )
                    continue
                library.notices.append(
                    tr(
                        "{path} replaces the {kind} {id!r} from {other}",
                        path=path,
                        kind=_kind_word(content.kind),
                        id=content.id,
                        other=earlier,
                    )
                )
            table[content.id] = content
            library.sources[key] = path
            library.roots[key] = base
    _check_references(library)
    return library


def _check_references(library: Library) -> None:
    """Drop sessions and programmes that name content that does not exist, saying where."""
    for session_id, session in list(library.sessions.items()):
        missing = [i for i in session.exercise_ids() if i not in library.exercises]
        if missing:
            path = library.sources[("session", session_id)]
            text = path.read_text(encoding="utf-8")
            for exercise_id in dict.fromkeys(missing):
                library.problems.append(
                    Problem(
                        path,
                        _line_of_value(text, exercise_id),
                        tr(
                            "exercise {id!r} is not in the library: {suggestion}",
                            id=exercise_id,
                            suggestion=_suggest(exercise_id, library.exercises),
                        ),
                    )
                )
            del library.sessions[session_id]
    for programme_id, programme in list(library.programmes.items()):
        missing = [
            s for phase in programme.phases for s in phase.sessions if s not in library.sessions
        ]
        if missing:
            path = library.sources[("programme", programme_id)]
            text = path.read_text(encoding="utf-8")
            for session_id in dict.fromkeys(missing):
                library.problems.append(
                    Problem(
                        path,
                        _line_of_value(text, session_id),
                        tr(
                            "session {id!r} is not in the library (or did not load): {suggestion}",
                            id=session_id,
                            suggestion=_suggest(session_id, library.sessions),
                        ),
                    )
                )
            del library.programmes[programme_id]


def _suggest(name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return tr("did you mean {id!r}?", id=close[0])
    return tr("check the id against `guide-app list`")


def _kind_word(kind: str) -> str:
    """'exercise', 'session' or 'programme' in the user's language."""
    words = {"exercise": tr("exercise"), "session": tr("session"), "programme": tr("programme")}
    return words.get(kind, kind)


def _line_of_value(text: str, value: str) -> int | None:
    pattern = re.compile(rf"(?<![\w-]){re.escape(value)}(?![\w-])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line) and not line.lstrip().startswith("#"):
            return number
    return None
