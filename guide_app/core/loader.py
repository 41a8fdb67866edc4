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


class ContentError(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)


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

    def source(self, kind: str, content_id: str) -> Path | None:
        return self.sources.get((kind, content_id))

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
        return None, [Problem(path, None, f"cannot read the file: {exc.strerror}")]
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(
                path,
                None,
                f"file is {size / 1e6:.1f} MB; content files may be at most "
                f"{MAX_FILE_BYTES // 1000} kB: split it or remove what does not belong",
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
                f"not UTF-8 text (byte 0x{raw[exc.start]:02x}): save the file as UTF-8",
            )
        ]
    try:
        data = yaml.load(text, Loader=FastSafeLoader)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(path, exc)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, None, f"not valid YAML: {exc}")]
    if "*" in text and _ALIAS.search(text) and _too_big(data):
        return None, [
            Problem(
                path,
                None,
                f"YAML aliases expand to more than {MAX_NODES:,} values: "
                "remove the anchors (&) and aliases (*)",
            )
        ]
    if not isinstance(data, dict):
        return None, [
            Problem(
                path,
                1,
                "expected a mapping with at least 'version', 'kind' and 'id' at the top",
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
                f"kind: must be one of {', '.join(KINDS)}"
                + (f", not {kind!r}" if kind is not None else " (the key is missing)"),
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
                f"id: {content.id!r} differs from the file name {path.name!r}: "
                f"name the file {content.id}{path.suffix}",
            )
        )
    return (None if problems else content), problems


def _yaml_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    what = exc.problem or "not valid YAML"
    if "could not determine a constructor" in str(exc):
        tag = re.search(r"tag '([^']+)'", str(exc))
        return Problem(
            path,
            line,
            f"the tag {tag.group(1) if tag else ''} is not allowed: content files hold plain "
            "values only (text, numbers, lists, mappings)",
        )
    return Problem(path, line, f"not valid YAML: {what}")


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
    locs = [_without_block_tag(tuple(e["loc"])) for e in errors]
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
        problems.append(_locate(path, text, loc, _explain(error, loc, model)))
    return problems


def _without_block_tag(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Pydantic puts a tagged union's tag in the location (blocks.0.exercise.dosage);
    the file has no such level, so drop it."""
    out: list[Any] = []
    for i, part in enumerate(loc):
        if i >= 2 and loc[i - 2] == "blocks" and isinstance(loc[i - 1], int):
            continue
        out.append(part)
    return tuple(out)


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(top)"


def _explain(error: Any, loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    kind = error["type"]
    where = _dotted(loc)
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_keys(model, loc[:-1])
        hint = ""
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        if close:
            hint = f" (did you mean {close[0]!r}?)"
        listing = f"; allowed here: {', '.join(allowed)}" if allowed else ""
        return f"{where}: unknown key {name!r}{hint}{listing}"
    if kind == "missing":
        return f"{where}: required, but missing"
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    value = error.get("input")
    if kind in {
        "int_type",
        "int_parsing",
        "float_type",
        "float_parsing",
        "bool_type",
        "string_type",
        "dict_type",
        "list_type",
        "tuple_type",
        "literal_error",
        "enum",
        "int_from_float",
    }:
        message = f"{message}, got {value!r}"
    ctx = error.get("ctx") or {}
    if kind == "greater_than_equal":
        message = f"must be at least {ctx.get('ge')}, got {value!r}"
    elif kind == "greater_than":
        message = f"must be more than {ctx.get('gt')}, got {value!r}"
    elif kind in {"less_than_equal", "less_than"}:
        message = f"must be at most {ctx.get('le', ctx.get('lt'))}, got {value!r}"
    return f"{where}: {message}"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at a location, found by walking the model's annotations."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        current = _field_model(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _field_model(model: Any, name: str) -> Any:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        # a union of block models: pick the one that has this field
        return None
    info = model.model_fields.get(name)
    if info is None:
        return None
    return _first_model(info.annotation)


def _first_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _first_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        return _first_model(origin)
    return None


# --------------------------------------------------------------------------- lines


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
                    f"pictures.{which}: {rel!r} points outside the library folder {root}: "
                    "keep pictures inside it (e.g. assets/pictures/)",
                )
            )
        elif not is_file:
            problems.append(
                _locate(
                    path,
                    text,
                    ("pictures", which),
                    f"pictures.{which}: no picture at {rel!r} (looked in {root}): "
                    "add the file or correct the path",
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
            library.problems.append(Problem(root, None, "folder not found"))
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
                            f"id: {content.id!r} is used by {earlier} too: give each "
                            f"{content.kind} its own id",
                        )
                    )
                    continue
                library.notices.append(
                    f"{path} replaces the {content.kind} {content.id!r} from {earlier}"
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
                        f"exercise {exercise_id!r} is not in the library: "
                        f"{_suggest(exercise_id, library.exercises)}",
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
                        f"session {session_id!r} is not in the library (or did not load): "
                        f"{_suggest(session_id, library.sessions)}",
                    )
                )
            del library.programmes[programme_id]


def _suggest(name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else "check the id against `guide-app list`"


def _line_of_value(text: str, value: str) -> int | None:
    pattern = re.compile(rf"(?<![\w-]){re.escape(value)}(?![\w-])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line) and not line.lstrip().startswith("#"):
            return number
    return None
