"""Reading a hand-over file (see ``handover``): every member checked before anything in
it is used, so a damaged or foreign file is refused with what is wrong, by name.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guide_app.core.bundle_format import (
    MANIFEST,  # the same name in both: the manifest pieces are shared
    BundleError,
    checked_members,
    entries_ok,
    is_newer,
    read_bundle,
    twice,
)
from guide_app.core.content_bundle import install_bundle
from guide_app.core.history_rows import (
    PERSON_FIELDS,
    PROGRESSION_FIELDS,
    Row,
    check_history,
    check_row,
    check_rows,
)
from guide_app.core.i18n import ntr, tr

FORMAT = "session-guide-handover"
VERSION = 1
SUFFIX = ".zip"
NAME_END = ".handover.zip"
PERSON = "person.json"
PROGRESSIONS = "progressions.json"
HISTORY = "history.json"
CONTENT = "content.zip"
MEMBERS = (PERSON, PROGRESSIONS, HISTORY, CONTENT)
MAX_BYTES = 500_000_000
PRIVATE = 0o600  # it holds health data: readable by its owner alone


class HandoverError(Exception):
    """Why a hand-over file cannot be written or imported; ``problems`` lists each thing
    found. Nothing was written to the journal or the library unless the message says so."""

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        self.message = message
        self.problems = list(problems)
        super().__init__("\n".join([message, *(f"  {p}" for p in self.problems)]))


@dataclass(frozen=True, slots=True)
class Handover:
    """A hand-over file read and checked."""

    path: Path
    made_at: float
    app_version: str
    person: Row
    progressions: list[Row]
    history: dict[str, list[Row]] | None
    content: bytes | None

    @property
    def name(self) -> str:
        return str(self.person["name"]) or tr("the person without a name")


# --------------------------------------------------------------------------- reading


def read_handover(path: Path) -> Handover:
    """The hand-over file at ``path``, every member checked: only known members, each
    with the sha256 the manifest names, the person, progressions and history well formed,
    and the content a bundle that loads on its own. A ``HandoverError`` names the file
    and what is wrong."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest, members = _members(path, archive)
    except zipfile.BadZipFile:
        raise HandoverError(
            tr("{file}: not a hand-over file (not a zip file, or damaged)", file=path)
        ) from None
    except OSError as exc:
        raise HandoverError(
            tr("{file}: cannot be read ({error})", file=path, error=exc.strerror or exc)
        ) from None
    refused = tr("{file}: refused: make the hand-over file again where it came from:", file=path)
    parts: dict[str, Any] = {}
    problems: list[str] = []
    for name in (PERSON, PROGRESSIONS, HISTORY):
        if name in members:
            try:
                parts[name] = json.loads(members[name].decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                problems.append(tr("{name}: cannot be read ({error})", name=name, error=exc))
    for name in (PERSON, PROGRESSIONS):
        if name not in members:
            problems.append(tr("{name} is missing", name=name))
    if problems:
        raise HandoverError(refused, problems)
    person = parts[PERSON]
    if not isinstance(person, dict):
        problems.append(tr("{name}: not an object", name=PERSON))
    else:
        problems += check_row(person, PERSON_FIELDS, PERSON)
        if not problems and person["uid"] != manifest["person"]:
            problems.append(tr("{name}: not the person the manifest names", name=PERSON))
    problems += check_rows(parts[PROGRESSIONS], PROGRESSION_FIELDS, PROGRESSIONS)
    history = parts.get(HISTORY)
    if HISTORY in parts:
        problems += [f"{HISTORY}: {p}" for p in check_history(history)]
    if problems:
        raise HandoverError(refused, _few(problems))
    content = members.get(CONTENT)
    if content is not None:
        _check_content(path, content, person["programme_id"])
    return Handover(
        path=path,
        made_at=float(manifest["made_at"]),
        app_version=manifest["app_version"],
        person=person,
        progressions=parts[PROGRESSIONS],
        history=history,
        content=content,
    )


def _members(path: Path, archive: zipfile.ZipFile) -> tuple[dict[str, Any], dict[str, bytes]]:
    infos = archive.infolist()
    names = [i.filename for i in infos]
    if sum(i.file_size for i in infos) > MAX_BYTES:
        raise HandoverError(tr("{file}: too large to be a hand-over file", file=path))
    if MANIFEST not in names:
        raise HandoverError(
            tr(
                "{file}: has no {manifest}: it is not a hand-over file",
                file=path,
                manifest=MANIFEST,
            )
        )
    manifest = _manifest(path, archive.read(MANIFEST))
    unknown = [n for n in names if n not in (MANIFEST, *MEMBERS)]
    again = sorted(set(twice(names)))
    if unknown or again:
        raise HandoverError(
            tr("{file}: refused, it holds files a hand-over file does not:", file=path),
            [*(repr(n) for n in unknown), *(tr("{name!r} twice", name=n) for n in again)],
        )
    members, bad = checked_members(archive, names, manifest["files"])
    if bad:
        raise HandoverError(
            tr("{file}: refused: make the hand-over file again where it came from:", file=path),
            bad,
        )
    return manifest, members


def _manifest(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HandoverError(
            tr("{file}: its manifest cannot be read ({error})", file=path, error=exc)
        ) from None
    found = data.get("format") if isinstance(data, dict) else None
    if found != FORMAT:
        hint = (
            tr("it is a content bundle: install it with guide-app import bundle")
            if found == "session-guide-bundle"
            else tr("make it with guide-app handover export")
        )
        raise HandoverError(
            tr(
                "{file}: not a hand-over file (format {found!r}): {hint}",
                file=path,
                found=found,
                hint=hint,
            )
        )
    version = data.get("version")
    if version != VERSION:
        raise HandoverError(
            tr(
                "{file}: hand-over version {version!r} was made by a newer Session Guide; "
                "this copy reads version {known}: update Session Guide to import it",
                file=path,
                version=version,
                known=VERSION,
            )
            if is_newer(version, VERSION)
            else tr(
                "{file}: unknown hand-over version {version!r} (this copy reads version {known})",
                file=path,
                version=version,
                known=VERSION,
            )
        )
    made_at = data.get("made_at")
    if not (
        entries_ok(data.get("files"), MEMBERS)
        and isinstance(made_at, (int, float))
        and not isinstance(made_at, bool)
        and isinstance(data.get("app_version"), str)
        and isinstance(data.get("person"), str)
    ):
        raise HandoverError(
            tr(
                "{file}: its manifest lacks files, made_at, app_version or person, or gives "
                "them wrongly",
                file=path,
            )
        )
    manifest: dict[str, Any] = data
    return manifest


def _check_content(path: Path, content: bytes, programme_id: str | None) -> None:
    """The content part is the person's programme as a bundle that loads on its own."""
    with tempfile.TemporaryDirectory(prefix="guide-handover-") as temp:
        bundle = Path(temp, CONTENT)
        bundle.write_bytes(content)
        try:
            read = read_bundle(bundle)
            if read.kind != "programme" or read.id != programme_id:
                raise BundleError(
                    tr(
                        "it holds the {kind} {id!r}, not the person's programme",
                        kind=read.kind,
                        id=read.id,
                    )
                )
            install_bundle(bundle, Path(temp, "check"))
        except BundleError as error:
            message = error.message.replace(str(bundle), CONTENT)
            raise HandoverError(
                tr("{file}: refused: its {content} is not right:", file=path, content=CONTENT),
                [message, *(p.replace(bundle.name, CONTENT) for p in error.problems)],
            ) from None


def _few(problems: list[str], most: int = 12) -> list[str]:
    if len(problems) <= most:
        return problems
    rest = len(problems) - most
    return [*problems[:most], ntr("and {n} more", "and {n} more", rest)]
