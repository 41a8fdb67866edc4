"""Load content folders (YAML) into validated models, reporting every problem as ``file:line``.

Each file is parsed once (``CSafeLoader``), keeping its nodes, and validated once;
when something is wrong the nodes give every problem its line, so a file with a
thousand problems is still parsed once. One bad file never stops the rest from loading.

A file's pictures are relative to its library folder: the folder that holds its
``exercises/``, ``sessions/`` or ``programmes/`` folder, however the file was named
(``guide-app validate exercises/clamshell.yaml`` finds ``assets/pictures/``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from guide_app.core import content_language, content_versions, i18n
from guide_app.core.content_errors import (
    Lines,
    Shown,
    block_conflicts,
    dosage_conflicts,
    dotted,
    explain,
    id_hint,
    without_block_tag,
)
from guide_app.core.content_pictures import picture_problems
from guide_app.core.content_read import FileProblem, parse, read_text
from guide_app.core.i18n import tr
from guide_app.core.model import (
    KINDS,
    CircuitBlock,
    Content,
    Exercise,
    ExerciseBlock,
    IntervalsBlock,
    MeasureBlock,
    Programme,
    Session,
)
from guide_app.core.plan_limits import (
    MAX_PLAN_STEPS,
    block_dosage,
    dosage_too_long,
    session_steps,
    session_too_long,
)
from guide_app.core.programme_checks import rule_problems

CONTENT_FOLDERS = ("exercises", "sessions", "programmes")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file, as the person fixing it needs to read it."""

    path: Path
    line: int | None
    message: str
    cause: Path | None = None  # the file whose own problems explain this one
    loc: tuple[str | int, ...] | None = None  # where in the file's data, when known

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Replacement:
    """A later library folder's file replacing an earlier one's with the same id."""

    path: Path
    kind: str
    id: str
    earlier: Path

    def __str__(self) -> str:
        return tr(
            "{path} replaces the {kind} {id!r} from {other}",
            path=self.path,
            kind=_kind_word(self.kind),
            id=self.id,
            other=self.earlier,
        )


@dataclass
class Library:
    """Everything that loaded, by id, plus every problem and every override notice.

    ``failed`` holds the files that did not load, by the kind and id they meant to
    define, so a session naming one is told it did not load rather than that it is
    missing."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # At a file's line, what is out of date but no problem: a translation whose English
    # changed since, or left empty (``content_language.check``); ``validate`` notes them.
    notes: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    replacements: list[Replacement] = field(default_factory=list)
    sources: dict[tuple[str, str], Path] = field(default_factory=dict)
    roots: dict[tuple[str, str], Path] = field(default_factory=dict)
    failed: dict[tuple[str, str], Path] = field(default_factory=dict)
    language: str = i18n.SOURCE  # what its text is in: one library serves one language

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


def at(path: Path, lines: Lines, loc: tuple[str | int, ...], message: str) -> Problem:
    """A problem at ``loc`` in the file, with its line."""
    return Problem(path, lines.of(loc), message, loc=loc)


def bundled_root() -> Path:
    """The library folder shipped with the app (holds exercises/, sessions/, programmes/)."""
    override = os.environ.get("GUIDE_APP_LIBRARY")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- finding files


def library_folder(path: Path) -> Path:
    """The library folder ``path`` (a file or a folder) belongs to, where its pictures
    are found: a folder holding exercises/, sessions/ or programmes/ is one; else the
    folder above the nearest such folder the path is in; else the path's own folder."""
    folder = Path(os.path.abspath(path if path.is_dir() else path.parent))
    if any((folder / sub).is_dir() for sub in CONTENT_FOLDERS):
        return folder
    for parent in (folder, *folder.parents):
        if parent.name in CONTENT_FOLDERS:
            return parent.parent
    return folder


def content_files(root: Path) -> list[Path]:
    """The YAML files a library folder holds: its content subfolders, or the folder itself.

    Everything named ``*.yaml`` or ``*.yml`` is listed, whatever it is (a folder, a pipe,
    a link to a device), so the loader can say why it is not read. Linked folders are
    followed once each: a link back up the tree is not walked round and round."""
    if not root.is_dir():
        return [root]
    files: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for sub in CONTENT_FOLDERS:
        folder = root / sub
        if folder.is_dir():
            files.extend(_walk(folder, seen))
    files.extend(p for p in root.glob("*") if p.suffix in YAML_SUFFIXES)
    return sorted(set(files))


def _walk(folder: Path, seen: set[tuple[int, int]]) -> list[Path]:
    found: list[Path] = []
    for here, folders, names in os.walk(folder, followlinks=True):
        try:
            info = os.stat(here)
        except OSError:
            folders[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            folders[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        base = Path(here)
        found.extend(base / n for n in (*names, *folders) if Path(n).suffix in YAML_SUFFIXES)
    return found


# --------------------------------------------------------------------------- one file


@dataclass
class _Loaded:
    """One file's result: its content or its problems, and what it meant to define."""

    content: Content | None
    problems: list[Problem]
    kind: str | None = None
    id: str | None = None
    notes: list[Problem] = field(default_factory=list)  # out of date, not wrong


def load_file(
    path: Path, root: Path, text: str | None = None
) -> tuple[Content | None, list[Problem]]:
    """Parse and validate one file (or ``text``, a file not yet written at ``path``);
    return the model, or None and the problems found."""
    loaded = _load(path, root, text)
    return loaded.content, loaded.problems


def _load(path: Path, root: Path, text: str | None = None) -> _Loaded:
    try:
        return _load_checked(path, root, text)
    except Exception as exc:  # a fault of ours met by one file costs that file only
        error = f"{type(exc).__name__}: {exc}"
        message = tr(
            "could not be loaded ({error}): this is a fault in Session Guide; "
            "please report it with this file",
            error=error if len(error) <= 200 else error[:200] + "...",
        )
        return _Loaded(None, [Problem(path, None, message)])


def _load_checked(path: Path, root: Path, text: str | None) -> _Loaded:
    """``text`` is the file's text when it is not on disk yet (an editor's draft)."""
    try:
        if text is None:
            text = read_text(path)
        node, data = parse(text)
    except FileProblem as problem:
        return _Loaded(None, [Problem(path, problem.line, problem.message)])
    lines = Lines(text, node, parsed=True)
    if not isinstance(data, dict):
        message = tr("expected a mapping with at least 'version', 'kind' and 'id' at the top")
        return _Loaded(None, [Problem(path, 1, message)])
    kind = data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    meant = data.get("id") if isinstance(data.get("id"), str) else path.stem
    if model is None:
        message = (
            tr(
                "kind: must be one of {kinds}, not {kind!r}",
                kinds=", ".join(KINDS),
                kind=Shown(kind),
            )
            if kind is not None
            else tr("kind: must be one of {kinds} (the key is missing)", kinds=", ".join(KINDS))
        )
        where = ("kind",) if "kind" in data else ()
        return _Loaded(None, [at(path, lines, where, message)], _folder_kind(path), meant)
    # Translations that are wrong are told, but keep nothing from loading: the English shows.
    wrong, dated = content_language.check(data, str(kind))
    told = [at(path, lines, loc, msg) for loc, msg in wrong]
    noted = [at(path, lines, loc, msg) for loc, msg in dated]
    try:
        content = _validated(model, data, str(kind))
    except ValidationError as exc:
        problems = _validation_problems(path, lines, exc, model)
        if model is Exercise and isinstance(data.get("pictures"), dict):
            problems += _check_pictures(path, lines, root, data["pictures"])  # every error
        return _Loaded(None, problems + told, str(kind), meant, noted)
    problems = [at(path, lines, loc, msg) for loc, msg in content_versions.problems(content, data)]
    if isinstance(content, Exercise):
        problems += _check_pictures(path, lines, root, content.pictures.model_dump())
        too_long = dosage_too_long(content, content.dosage, "dosage")
        if too_long:
            problems.append(at(path, lines, ("dosage",), too_long))
    if path.stem != content.id:  # an editor names its file after the id
        message = tr(
            "id: {id!r} differs from the file name {file!r}: name the file {wanted}",
            id=content.id,
            file=path.name,
            wanted=content.id + path.suffix,
        )
        problems.append(at(path, lines, ("id",), message))
    return _Loaded(None if problems else content, problems + told, content.kind, content.id, noted)


def _validated(model: type[Content], data: dict[str, Any], kind: str) -> Content:
    """The item in the user's language (``content_language``). Should its translations
    still not make a valid item, it is the English, all of it shown as English."""
    wanted = content_language.loaded_in()
    if wanted == i18n.SOURCE:
        return model.model_validate(content_versions.upgrade(data))
    try:
        read = content_language.localise(data, kind, wanted)
        return model.model_validate(content_versions.upgrade(read))
    except ValidationError:
        content = model.model_validate(content_versions.upgrade(data))  # its errors, if any
        content_language.keep_english(data, kind, wanted)
        return content


def _check_pictures(
    path: Path, lines: Lines, root: Path, pictures: Mapping[str, Any]
) -> list[Problem]:
    return [at(path, lines, loc, msg) for loc, msg in picture_problems(root, pictures)]


def _folder_kind(path: Path) -> str | None:
    """The kind a file in exercises/, sessions/ or programmes/ is meant to be."""
    for parent in path.parents:
        if parent.name in CONTENT_FOLDERS:
            return parent.name.removesuffix("s")
    return None


def _validation_problems(
    path: Path, lines: Lines, exc: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    errors = exc.errors(include_url=False)
    locs = [lines.in_file(without_block_tag(tuple(e["loc"]))) for e in errors]
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
        problems.append(at(path, lines, loc, explain(error, loc, model)))
    return problems


# --------------------------------------------------------------------------- whole library


def load_library(roots: Iterable[Path]) -> Library:
    """Load library folders in order; a later folder's file with the same id replaces an
    earlier one (a user's own version of a bundled exercise), and the library says so.

    A file named in more than one root (``guide-app validate exercises/clamshell.yaml``
    beside the bundled library) is loaded once, where it is named last."""
    library = Library(language=content_language.loaded_in())
    found: list[tuple[Path, Path]] = []  # (file, its library folder)
    for root in roots:
        root = Path(root)
        if not root.exists():
            library.problems.append(Problem(root, None, tr("folder not found")))
            continue
        base = library_folder(root)
        found.extend((path, base) for path in content_files(root))
    last = {os.path.realpath(path): n for n, (path, _) in enumerate(found)}
    for n, (path, base) in enumerate(found):
        if last[os.path.realpath(path)] == n:
            _add(library, path, base)
    _check_sessions(library)
    _check_programmes(library)
    _check_dosages(library)
    library.notices.extend(str(r) for r in library.replacements)
    return library


def _add(library: Library, path: Path, base: Path) -> None:
    loaded = _load(path, base)
    library.problems.extend(loaded.problems)
    library.notes.extend(loaded.notes)
    content = loaded.content
    if content is None:
        if loaded.kind in KINDS and loaded.id is not None:
            library.failed.setdefault((loaded.kind, loaded.id), path)
        return
    key = (content.kind, content.id)
    earlier = library.sources.get(key)
    if earlier is not None:
        if library.roots[key] == base:
            library.problems.append(
                Problem(
                    path,
                    _lines(path).of(("id",)),
                    tr(
                        "id: {id!r} is used by {other} too: give each {kind} its own id",
                        id=content.id,
                        other=earlier,
                        kind=_kind_word(content.kind),
                    ),
                )
            )
            return
        library.replacements.append(Replacement(path, content.kind, content.id, earlier))
    library.table(content.kind)[content.id] = content
    library.sources[key] = path
    library.roots[key] = base
    library.failed.pop(key, None)


def _check_sessions(library: Library) -> None:
    """Drop sessions that name exercises that do not exist (or did not load), or that
    expand past the longest plan there may be, saying where."""
    for session_id, session in list(library.sessions.items()):
        path = library.sources[("session", session_id)]
        problems = session_problems(library, path, _lines(path), session)
        if problems:
            library.problems.extend(problems)
            del library.sessions[session_id]
            library.failed[("session", session_id)] = path


def session_problems(library: Library, path: Path, lines: Lines, session: Session) -> list[Problem]:
    """What keeps ``session`` from running with this library: an exercise it names that
    is not there (or did not load), or a plan longer than any may be."""
    named: dict[str, tuple[str | int, ...]] = {}
    for loc, block in _exercise_blocks(session):
        named.setdefault(block.exercise, (*loc, "exercise"))
    for i, item in enumerate(session.blocks):
        if isinstance(item, MeasureBlock) and item.measure.exercise:
            named.setdefault(item.measure.exercise, ("blocks", i, "measure", "exercise"))
    problems = [
        _missing(library, path, lines, "exercise", exercise_id, library.exercises, loc)
        for exercise_id, loc in named.items()
        if exercise_id not in library.exercises
    ]
    return problems or _session_too_long(library, path, lines, session)


def _session_too_long(
    library: Library, path: Path, lines: Lines, session: Session
) -> list[Problem]:
    """A block whose dosage alone expands past the limit, or else the whole session."""
    problems = []
    for loc, block in _exercise_blocks(session):
        exercise = library.exercises[block.exercise]
        dosage = block_dosage(exercise, block, in_circuit="circuit" in loc)
        too_long = dosage_too_long(exercise, dosage, dotted((*loc, "dosage")))
        if too_long:
            problems.append(at(path, lines, (*loc, "dosage"), too_long))
    steps = session_steps(session, library.exercises)
    if not problems and steps > MAX_PLAN_STEPS:
        problems.append(at(path, lines, ("blocks",), session_too_long(steps)))
    return problems


def _check_programmes(library: Library) -> None:
    """Drop programmes that name sessions that do not exist or did not load, saying where."""
    for programme_id, programme in list(library.programmes.items()):
        path = library.sources[("programme", programme_id)]
        library.problems.extend(programme_problems(library, path, _lines(path), programme))
        if any(s not in library.sessions for phase in programme.phases for s in phase.sessions):
            del library.programmes[programme_id]


def programme_problems(
    library: Library, path: Path, lines: Lines, programme: Programme
) -> list[Problem]:
    """The sessions ``programme`` names that are not in the library; when all are, what
    its rules test and change that does not exist or fit."""
    named: dict[str, tuple[str | int, ...]] = {}
    for i, phase in enumerate(programme.phases):
        for j, session_id in enumerate(phase.sessions):
            named.setdefault(session_id, ("phases", i, "sessions", j))
    missing = [
        _missing(library, path, lines, "session", session_id, library.sessions, loc)
        for session_id, loc in named.items()
        if session_id not in library.sessions
    ]
    if missing:
        return missing
    found = rule_problems(programme, library.exercises, library.sessions, library.failed)
    return [at(path, lines, loc, msg) for loc, msg in found]


def _missing(
    library: Library,
    path: Path,
    lines: Lines,
    kind: str,
    wanted: str,
    known: Mapping[str, object],
    loc: tuple[str | int, ...],
) -> Problem:
    """The problem of ``path`` naming ``wanted`` (at ``loc``), which did not load or
    does not exist."""
    line = lines.of_value(wanted)
    failed = library.failed.get((kind, wanted))
    if failed is not None:
        message = tr(
            "{kind} {id!r} did not load: fix the problems in {file} (see above)",
            kind=_kind_word(kind),
            id=wanted,
            file=failed,
        )
        return Problem(path, line, message, cause=failed, loc=loc)
    if kind == "exercise":
        message = tr(
            "exercise {id!r} is not in the library: {suggestion}",
            id=wanted,
            suggestion=id_hint(wanted, known),
        )
    else:
        message = tr(
            "session {id!r} is not in the library: {suggestion}",
            id=wanted,
            suggestion=id_hint(wanted, known),
        )
    return Problem(path, line, message, loc=loc)


def _check_dosages(library: Library) -> None:
    """Report dosage fields an exercise or a session gives that cannot apply (``tempo``
    beside ``pace: self``); the content still loads, running without them."""
    for kind in ("exercise", "session"):
        for content_id, content in library.table(kind).items():
            found = dosage_notes(library, content)
            if found:
                path = library.sources[(kind, content_id)]
                library.problems.extend(at(path, _lines(path), loc, msg) for loc, msg in found)


def dosage_notes(library: Library, content: Exercise | Session) -> list[tuple[Any, str]]:
    """The dosage fields an exercise, or a session's blocks, give that cannot apply."""
    if isinstance(content, Exercise):
        return list(dosage_conflicts(content.dosage, content.dosage, content, ("dosage",)))
    conflicts: list[tuple[Any, str]] = []
    for loc, block in _exercise_blocks(content):
        used = library.exercises.get(block.exercise)
        if used is not None:
            conflicts += block_conflicts(block, used, loc)
    return conflicts


def _exercise_blocks(session: Session) -> list[tuple[tuple[str | int, ...], ExerciseBlock]]:
    """Every exercise block with its place in the file, circuits included."""
    found: list[tuple[tuple[str | int, ...], ExerciseBlock]] = []
    for i, block in enumerate(session.blocks):
        if isinstance(block, ExerciseBlock):
            found.append((("blocks", i), block))
        elif isinstance(block, CircuitBlock):
            found.extend(
                (("blocks", i, "circuit", "exercises", j), inner)
                for j, inner in enumerate(block.circuit.exercises)
            )
        elif isinstance(block, IntervalsBlock):
            found.extend(
                (("blocks", i, "intervals", "exercises", j), inner)
                for j, inner in enumerate(block.intervals.exercises)
            )
    return found


def _lines(path: Path) -> Lines:
    """Where things are in a file that loaded, read again (safely: it may have changed)."""
    try:
        return Lines(read_text(path))
    except FileProblem:
        return Lines("")


def _kind_word(kind: str) -> str:
    """'exercise', 'session' or 'programme' in the user's language."""
    words = {"exercise": tr("exercise"), "session": tr("session"), "programme": tr("programme")}
    return words.get(kind, kind)
