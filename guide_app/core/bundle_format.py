"""What a bundle file is (a zip of content files, pictures and ``manifest.json``) and how
one is read: every member checked for a safe path, an allowed kind and the manifest's
sha256 before anything in it is used. The hand-over file (``handover_read``) is built and
checked with the same manifest pieces."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from guide_app.core.i18n import tr
from guide_app.core.loader import CONTENT_FOLDERS

FORMAT = "session-guide-bundle"
VERSION = 1
SUFFIX = ".zip"
MANIFEST = "manifest.json"
KINDS = ("session", "programme")
CONTENT_SUFFIXES = (".yaml", ".yml")
PICTURE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
MAX_MEMBERS = 2000
MAX_TOTAL_BYTES = 200_000_000
MAX_MANIFEST_BYTES = 2_000_000
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class BundleError(Exception):
    """Why a bundle cannot be written or installed; ``problems`` lists each thing found."""

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        self.message = message
        self.problems = list(problems)
        super().__init__("\n".join([message, *(f"  {p}" for p in self.problems)]))


@dataclass(frozen=True, slots=True)
class BundleSummary:
    """What a bundle holds and, after an install, how many files were added, found
    already there with the same bytes, or replaced."""

    path: Path
    kind: str
    id: str
    title: str
    exercises: int
    sessions: int
    programmes: int
    pictures: int
    added: int = 0
    unchanged: int = 0
    replaced: int = 0


@dataclass(frozen=True, slots=True)
class Bundle:
    """A bundle read and checked: its manifest's item, and every file's bytes by path."""

    path: Path
    kind: str
    id: str
    title: str
    files: Mapping[str, bytes]

    def summary(self, added: int = 0, unchanged: int = 0, replaced: int = 0) -> BundleSummary:
        folders = [name.split("/", 1)[0] for name in self.files if is_content(name)]
        return BundleSummary(
            path=self.path,
            kind=self.kind,
            id=self.id,
            title=self.title,
            exercises=folders.count("exercises"),
            sessions=folders.count("sessions"),
            programmes=folders.count("programmes"),
            pictures=sum(1 for name in self.files if not is_content(name)),
            added=added,
            unchanged=unchanged,
            replaced=replaced,
        )


# ------------------------------------------------------- shared with the hand-over file


def manifest_entries(files: Mapping[str, bytes]) -> list[dict[str, Any]]:
    """The manifest's ``files``: each member's path, sha256 and size."""
    return [
        {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in files.items()
    ]


def zip_bytes(manifest: bytes, files: Mapping[str, bytes]) -> bytes:
    """The zip of ``manifest.json`` and then each member, built in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest)
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def is_newer(version: Any, known: int) -> bool:
    """Whether a manifest's ``version`` is a whole number above ``known``: a newer app's."""
    return isinstance(version, int) and not isinstance(version, bool) and version > known


def entries_ok(files: Any, paths: Collection[str] | None = None) -> bool:
    """Whether a manifest's ``files`` is a list of entries each with a path (one of
    ``paths``, when given), a sha256 and a size."""
    return isinstance(files, list) and all(
        isinstance(e, dict)
        and (isinstance(e.get("path"), str) if paths is None else e.get("path") in paths)
        and isinstance(e.get("sha256"), str)
        and isinstance(e.get("size"), int)
        for e in files
    )


def checked_members(
    archive: zipfile.ZipFile, names: Iterable[str], entries: Iterable[Mapping[str, Any]]
) -> tuple[dict[str, bytes], list[str]]:
    """Each member of ``archive`` (``names``, the manifest aside) that the manifest's
    ``entries`` list, with its bytes; and what is wrong: a member not listed, one listed
    but missing, or one whose size or sha256 is not the listed one."""
    listed = {entry["path"]: entry for entry in entries}
    present = set(names) - {MANIFEST}
    bad = [tr("{name!r} is not in the manifest", name=n) for n in sorted(present - set(listed))]
    bad += [tr("{name!r} is missing", name=n) for n in sorted(set(listed) - present)]
    members: dict[str, bytes] = {}
    for name in sorted(present & set(listed)):
        data = archive.read(name)
        entry = listed[name]
        if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            bad.append(tr("{name!r} differs from the manifest (damaged or changed)", name=name))
        members[name] = data
    return members, bad


# --------------------------------------------------------------------------- reading


def read_bundle(path: Path) -> Bundle:
    """The bundle at ``path``, every member checked: a safe path of an allowed kind,
    listed in the manifest with the bytes the manifest's sha256 names."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_archive(path, archive)
    except zipfile.BadZipFile:
        raise BundleError(
            tr("{file}: not a bundle (not a zip file): export it again", file=path)
        ) from None
    except OSError as exc:
        raise BundleError(
            tr("{file}: cannot be read ({error})", file=path, error=exc.strerror or exc)
        ) from None


def _read_archive(path: Path, archive: zipfile.ZipFile) -> Bundle:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise BundleError(
            tr(
                "{file}: holds {n} files; a bundle may hold at most {limit}",
                file=path,
                n=len(members),
                limit=MAX_MEMBERS,
            )
        )
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise BundleError(
            tr(
                "{file}: unpacks to {size:.0f} MB; a bundle may unpack to at most {limit} MB",
                file=path,
                size=total / 1e6,
                limit=MAX_TOTAL_BYTES // 1_000_000,
            )
        )
    names = [m.filename for m in members]
    bad = [f"{n!r}: {why}" for n in names if (why := unsafe(n) or _not_allowed(n))]
    bad += [tr("{name!r} is in the bundle twice", name=n) for n in twice(names)]
    if bad:
        raise BundleError(tr("{file}: refused, it holds files it must not:", file=path), bad)
    if MANIFEST not in names:
        raise BundleError(
            tr(
                "{file}: has no {manifest}: it was not made by guide-app export",
                file=path,
                manifest=MANIFEST,
            )
        )
    manifest = _manifest(path, archive)
    files, bad = checked_members(archive, names, manifest["files"])
    listed = {entry["path"] for entry in manifest["files"]}
    kind, item_id = manifest["kind"], manifest["id"]
    if not any(f"{kind}s/{item_id}{s}" in listed for s in CONTENT_SUFFIXES):
        bad.append(tr("the {kind} {id!r} itself is missing", kind=kind_word(kind), id=item_id))
    if bad:
        raise BundleError(
            tr("{file}: refused: export it again from the copy it came from:", file=path), bad
        )
    return Bundle(path, kind, item_id, manifest["title"], files)


def _manifest(path: Path, archive: zipfile.ZipFile) -> dict[str, Any]:
    """The manifest, its format and version known and its fields of the right types."""
    if archive.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
        raise BundleError(tr("{file}: its manifest is too large", file=path))
    try:
        data = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(
            tr(
                "{file}: its manifest cannot be read ({error}): export it again",
                file=path,
                error=exc,
            )
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise BundleError(
            tr(
                "{file}: not a Session Guide bundle (format {found!r}, expected {format!r}): "
                "make it with guide-app export",
                file=path,
                found=found,
                format=FORMAT,
            )
        )
    version = data.get("version")
    if version != VERSION:
        raise BundleError(
            tr(
                "{file}: bundle version {version!r} was made by a newer Session Guide; this "
                "copy reads version {known}: update Session Guide to install it",
                file=path,
                version=version,
                known=VERSION,
            )
            if is_newer(version, VERSION)
            else tr(
                "{file}: unknown bundle version {version!r} (this copy reads version {known}): "
                "export it again with guide-app export",
                file=path,
                version=version,
                known=VERSION,
            )
        )
    item_id = data.get("id")
    if (
        data.get("kind") not in KINDS
        or not isinstance(item_id, str)
        or not _ID.match(item_id)
        or not isinstance(data.get("title"), str)
        or not entries_ok(data.get("files"))
    ):
        raise BundleError(
            tr(
                "{file}: its manifest lacks kind, id, title or files, or gives them wrongly: "
                "export it again",
                file=path,
            )
        )
    return data


def unsafe(name: str) -> str | None:
    """Why a member's path could land outside the folder it is unpacked into, if it could."""
    parts = name.split("/")
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or PurePosixPath(name).is_absolute()
        or PureWindowsPath(name).drive
        or any(part in ("", ".", "..") for part in parts)
    ):
        return tr("an absolute path or one that climbs out of its folder")
    return None


def _not_allowed(name: str) -> str | None:
    if name == MANIFEST:
        return None
    if name.lower().endswith(CONTENT_SUFFIXES):
        if not is_content(name):
            return tr("content files belong directly in exercises/, sessions/ or programmes/")
        return None
    return not_a_picture(name)


def not_a_picture(name: str) -> str | None:
    if name.lower().endswith(PICTURE_SUFFIXES):
        return None
    return tr(
        "only content files ({content}) and pictures ({pictures}) may be in a bundle",
        content=", ".join(CONTENT_SUFFIXES),
        pictures=", ".join(PICTURE_SUFFIXES),
    )


def is_content(name: str) -> bool:
    parts = name.split("/")
    return len(parts) == 2 and parts[0] in CONTENT_FOLDERS and name.endswith(CONTENT_SUFFIXES)


def twice(names: Iterable[str]) -> list[str]:
    """Each name that comes again, at each time it comes again, in order."""
    seen: set[str] = set()
    twice = []
    for name in names:
        if name in seen:
            twice.append(name)
        seen.add(name)
    return twice


def kind_word(kind: str) -> str:
    words = {"exercise": tr("exercise"), "session": tr("session"), "programme": tr("programme")}
    return words.get(kind, kind)
