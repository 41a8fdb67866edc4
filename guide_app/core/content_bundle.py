"""A session or programme as one file another copy of the app can install: the bundle.

A bundle is a zip file (``.zip``, so every system, mail program and file manager knows
it and a clinician can look inside) holding ``manifest.json``, each content file's own
bytes under ``exercises/``, ``sessions/`` and ``programmes/``, and each picture under its
path relative to the library folder (``assets/pictures/...``). Installing checks every
member against the manifest, loads the bundle on its own in a temporary folder, and only
then copies it into the library: content files into a folder per bundle
(``sessions/<bundle id>/``), pictures at their own paths.
"""

from __future__ import annotations

import json
import os
import posixpath
import tempfile
from collections.abc import Mapping
from pathlib import Path

from guide_app.core.bundle_format import (
    FORMAT,
    KINDS,
    SUFFIX,
    VERSION,
    Bundle,
    BundleError,
    BundleSummary,
    is_content,
    kind_word,
    manifest_entries,
    not_a_picture,
    read_bundle,
    unsafe,
    zip_bytes,
)
from guide_app.core.content_errors import id_hint
from guide_app.core.i18n import tr
from guide_app.core.loader import Library, Problem, load_library
from guide_app.core.model import Change
from guide_app.core.safe_write import write_atomically

__all__ = [
    "Bundle",
    "BundleError",
    "BundleSummary",
    "export_bundle",
    "install_bundle",
    "read_bundle",
]

# --------------------------------------------------------------------------- export


def export_bundle(library: Library, kind: str, item_id: str, to: Path) -> BundleSummary:
    """Write the session or programme ``item_id``, with the sessions, exercises and
    pictures it uses, to the bundle file ``to`` (written whole or not at all)."""
    to = _bundle_path(to)
    sessions, exercises = _needs(library, kind, item_id)
    files: dict[str, bytes] = {}
    items = [(kind, item_id)] if kind == "programme" else []
    items += [("session", s) for s in sessions] + [("exercise", e) for e in exercises]
    for content_kind, content_id in items:
        source = library.sources[(content_kind, content_id)]
        files[f"{content_kind}s/{source.name}"] = _read(source)
    pictures: dict[str, str] = {}  # bundle path -> the exercise that uses it
    for exercise_id in exercises:
        for name, data in _pictures(library, exercise_id):
            if name in files and files[name] != data:
                raise BundleError(
                    tr(
                        "exercises {first!r} and {second!r} both use a picture at {path!r}, "
                        "but the two files differ: give one of them another name",
                        first=pictures[name],
                        second=exercise_id,
                        path=name,
                    )
                )
            files[name] = data
            pictures.setdefault(name, exercise_id)
    title = library.table(kind)[item_id].title
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "id": item_id,
        "title": title,
        "files": manifest_entries(files),
    }
    manifest_bytes = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
    write_atomically(to, zip_bytes(manifest_bytes, files))  # whole or not at all
    return Bundle(to, kind, item_id, title, files).summary()


def _bundle_path(to: Path) -> Path:
    if not to.suffix:
        to = to.with_name(to.name + SUFFIX)
    if to.suffix.lower() != SUFFIX:
        raise BundleError(
            tr(
                "{file}: a bundle is a zip file: name it {wanted}",
                file=to,
                wanted=to.with_suffix(SUFFIX).name,
            )
        )
    if not to.parent.is_dir():
        raise BundleError(
            tr(
                "{folder}: no such folder: create it or write the bundle elsewhere",
                folder=to.parent,
            )
        )
    return to


def _needs(library: Library, kind: str, item_id: str) -> tuple[list[str], list[str]]:
    """The sessions and the exercises the item uses, each once, in order."""
    if kind not in KINDS:
        raise BundleError(tr("can bundle a session or a programme, not {kind!r}", kind=kind))
    table = library.table(kind)
    if item_id not in table:
        failed = library.failed.get((kind, item_id))
        if failed is not None:
            raise BundleError(
                tr(
                    "{kind} {id!r} did not load: fix the problems in {file} "
                    "(guide-app validate {file}), then export it",
                    kind=kind_word(kind),
                    id=item_id,
                    file=failed,
                )
            )
        hint = id_hint(item_id, table)
        raise BundleError(
            tr(
                "{kind} {id!r} is not in the library: {hint}",
                kind=kind_word(kind),
                id=item_id,
                hint=hint,
            )
        )
    rule_exercises: list[str] = []
    if kind == "programme":
        programme = library.programmes[item_id]
        sessions = list(dict.fromkeys(s for phase in programme.phases for s in phase.sessions))
        for phase in programme.phases:
            for step in phase.progression:
                if step.rule is not None:
                    rule_exercises.append(step.rule.exercise or "")
                    if isinstance(step.rule.then, Change):
                        rule_exercises.append(step.rule.then.exercise or "")
    else:
        sessions = [item_id]
    named = [e for s in sessions for e in library.sessions[s].exercise_ids()]
    exercises = list(dict.fromkeys(e for e in [*named, *rule_exercises] if e))
    missing = [e for e in exercises if e not in library.exercises]
    if missing:
        raise BundleError(
            tr(
                "{kind} {id!r} names exercises that did not load or are not in the "
                "library: {missing}: run guide-app validate and fix them first",
                kind=kind_word(kind),
                id=item_id,
                missing=", ".join(missing),
            )
        )
    return sessions, exercises


def _pictures(library: Library, exercise_id: str) -> list[tuple[str, bytes]]:
    """Each picture the exercise uses, by its path in the bundle, with its bytes."""
    exercise = library.exercises[exercise_id]
    root = library.roots[("exercise", exercise_id)]
    wanted = [exercise.pictures.start, exercise.pictures.end, *exercise.pictures.steps]
    found = []
    for rel in dict.fromkeys(p for p in wanted if p):
        name = posixpath.normpath(rel.replace("\\", "/"))
        why = unsafe(name) or not_a_picture(name)
        if why:
            raise BundleError(
                tr(
                    "exercise {id!r}: its picture {path!r} cannot go in a bundle: {why}",
                    id=exercise_id,
                    path=rel,
                    why=why,
                )
            )
        try:
            data = (root / rel).read_bytes()
        except OSError as exc:
            raise BundleError(
                tr(
                    "exercise {id!r}: its picture {path!r} cannot be read ({error}): "
                    "add the file at {full} or correct the path in {file}",
                    id=exercise_id,
                    path=rel,
                    error=exc.strerror or exc,
                    full=root / rel,
                    file=library.sources[("exercise", exercise_id)],
                )
            ) from None
        found.append((name, data))
    return found


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BundleError(
            tr("{file}: cannot be read ({error})", file=path, error=exc.strerror or exc)
        ) from None


# --------------------------------------------------------------------------- installing


def install_bundle(path: Path, into: Path, *, replace: bool = False) -> BundleSummary:
    """Install the bundle at ``path`` into the library folder ``into``, once it has loaded
    on its own without a problem. A file or an id already in ``into`` with other bytes is a
    conflict: nothing is written unless ``replace``."""
    bundle = read_bundle(path)
    placed = {_place(bundle, name): name for name in bundle.files}  # path in into -> member
    with tempfile.TemporaryDirectory(prefix="guide-bundle-") as temp:
        for rel, name in placed.items():
            target = Path(temp, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(bundle.files[name])
        loaded = load_library([Path(temp)])
        problems = [_inside(p, Path(temp), placed, bundle.path) for p in loaded.problems]
        if problems:
            raise BundleError(
                tr("{file}: refused: it does not load on its own:", file=path), problems
            )
        ids = {
            (kind, content_id): Path(source).relative_to(temp).as_posix()
            for (kind, content_id), source in loaded.sources.items()
        }
    writes, unchanged, conflicts = _compare(bundle, placed, ids, into)
    if conflicts and not replace:
        raise BundleError(
            tr(
                "{file}: refused: it would change what is already in {folder} (install with "
                "replace to overwrite):",
                file=path,
                folder=into,
            ),
            conflicts,
        )
    added = replaced = 0
    for target, data in writes:
        existed = target.exists()
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
        added, replaced = (added, replaced + 1) if existed else (added + 1, replaced)
    return bundle.summary(added, unchanged, replaced)


def _place(bundle: Bundle, name: str) -> str:
    """Where a member goes in the library: content files in a folder per bundle."""
    if is_content(name):
        folder, file_name = name.split("/")
        return f"{folder}/{bundle.id}/{file_name}"
    return name


def _compare(
    bundle: Bundle, placed: Mapping[str, str], ids: Mapping[tuple[str, str], str], into: Path
) -> tuple[list[tuple[Path, bytes]], int, list[str]]:
    """What to write, how many files are there already with the same bytes, and the
    conflicts: a different file at the same path, or an id ``into`` already defines."""
    existing = load_library([into]) if into.is_dir() else Library()
    known = {**existing.failed, **existing.sources}
    by_place = {rel: key for key, rel in ids.items()}
    writes: list[tuple[Path, bytes]] = []
    unchanged = 0
    conflicts: list[str] = []
    for rel, name in placed.items():
        data = bundle.files[name]
        target = into / rel
        key = by_place.get(rel)
        other = known.get(key) if key is not None else None
        if (
            key is not None
            and other is not None
            and os.path.realpath(other) != os.path.realpath(target)
        ):
            if same_bytes(other, data):
                unchanged += 1
                continue
            conflicts.append(
                tr(
                    "{kind} {id!r} is already in {file}, with other content",
                    kind=kind_word(key[0]),
                    id=key[1],
                    file=other,
                )
            )
            target = Path(other)  # replacing it replaces that file, not a second copy
        elif target.exists() or target.is_symlink():
            if same_bytes(target, data):
                unchanged += 1
                continue
            conflicts.append(tr("{file} is already there, with other content", file=target))
        writes.append((target, data))
    return writes, unchanged, conflicts


def same_bytes(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a file holding ``data`` (False when it cannot be read)."""
    try:
        return path.is_file() and path.read_bytes() == data
    except OSError:
        return False


def _inside(problem: Problem, temp: Path, placed: Mapping[str, str], bundle: Path) -> str:
    """A problem found in the unpacked bundle, as ``bundle:member:line: message``."""
    try:
        rel = problem.path.relative_to(temp).as_posix()
    except ValueError:
        rel = str(problem.path)
    where = f"{bundle.name}:{placed.get(rel, rel)}"
    if problem.line:
        where += f":{problem.line}"
    message = problem.message
    for folder in {str(temp), os.path.realpath(temp)}:
        message = message.replace(folder + os.sep, "").replace(folder, bundle.name)
    return f"{where}: {message}"
