"""The hand-over file: one file that carries a person, their programme with the custom
content it needs, their accepted progressions and, when asked, their history, from the
clinic to the patient's home and back.

A hand-over file is a zip (``NAME.handover.zip``) holding ``manifest.json`` (format,
version, the app's version, when it was made, whose it is, and each member's sha256),
``person.json``, ``progressions.json``, ``history.json`` (only with the history) and
``content.zip``: the programme as a content bundle (``content_bundle``), left out when
everything the programme needs is the app's own. Reading checks every member before
anything is used (``handover_read``); importing merges into the journal in one transaction
(``history_merge``), then installs the content into the user's library folder.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guide_app.core import people
from guide_app.core.bundle_format import (
    BundleError,
    BundleSummary,
    manifest_entries,
    read_bundle,
    zip_bytes,
)
from guide_app.core.content_bundle import export_bundle, install_bundle, same_bytes
from guide_app.core.handover_read import (
    CONTENT,
    FORMAT,
    HISTORY,
    NAME_END,
    PERSON,
    PRIVATE,
    PROGRESSIONS,
    SUFFIX,
    VERSION,
    Handover,
    HandoverError,
    read_handover,
)
from guide_app.core.history_merge import (
    MergeSummary,
    export_history,
    export_person,
    export_progressions,
    merge,
)
from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library, bundled_root
from guide_app.core.safe_write import write_atomically

if TYPE_CHECKING:
    from guide_app.core.history import Journal
    from guide_app.core.people import Person

__all__ = [
    "Handover",
    "HandoverError",
    "HandoverImported",
    "HandoverWritten",
    "export_handover",
    "find_person",
    "handover_name",
    "import_handover",
    "read_handover",
]


@dataclass(frozen=True, slots=True)
class HandoverWritten:
    """What ``export_handover`` wrote."""

    path: Path
    name: str
    programme_id: str | None
    content: BundleSummary | None
    progressions: int
    sessions: int | None  # None: written without the history
    sets: int = 0

    def words(self) -> str:
        """What went into the file, in a sentence."""
        what = [
            tr(
                "their details and {progressions}",
                progressions=ntr(
                    "{n} accepted progression", "{n} accepted progressions", self.progressions
                ),
            )
        ]
        if self.content is not None:
            what.append(
                tr(
                    "the programme {id!r} with {sessions}, {exercises} and {pictures}",
                    id=self.programme_id,
                    sessions=ntr("{n} session", "{n} sessions", self.content.sessions),
                    exercises=ntr("{n} exercise", "{n} exercises", self.content.exercises),
                    pictures=ntr("{n} picture", "{n} pictures", self.content.pictures),
                )
            )
        elif self.programme_id:
            what.append(tr("the programme {id!r} (the app's own)", id=self.programme_id))
        if self.sessions is not None:
            what.append(
                tr(
                    "their history: {sessions} with {sets}",
                    sessions=ntr("{n} session", "{n} sessions", self.sessions),
                    sets=ntr("{n} set", "{n} sets", self.sets),
                )
            )
        return tr(
            "Wrote {file} for {name}: {what}.", file=self.path, name=self.name, what="; ".join(what)
        )


@dataclass(frozen=True, slots=True)
class HandoverImported:
    """What ``import_handover`` did: the merge's counts, the content installed (None: the
    file had none), and the content left as it was because it differs here."""

    path: Path
    name: str
    merged: MergeSummary
    programme_id: str | None
    content: BundleSummary | None
    into: Path
    conflicts: tuple[str, ...] = field(default=())

    def words(self) -> list[str]:
        """What the import did, a line each: the person, the content, the history."""
        outcome = {
            "added": tr("{name}: added as a person here.", name=self.name),
            "updated": tr("{name}: details updated from the file.", name=self.name),
            "unchanged": tr("{name}: details as they were.", name=self.name),
            "kept": tr(
                "{name}: details kept: they changed here after the file was made.",
                name=self.name,
            ),
        }
        first = outcome[self.merged.person]
        lines = [first[:1].upper() + first[1:]]
        if self.conflicts:
            lines.append(
                tr(
                    "The programme's content was not installed: it differs from what is in "
                    "{folder}, which is kept (import it again replacing content to take "
                    "the file's):",
                    folder=self.into,
                )
            )
            lines += [f"  {c}" for c in self.conflicts]
        elif self.content is not None:
            lines.append(
                tr(
                    "The programme {id!r}: {added}, {unchanged}, {replaced} in {folder}.",
                    id=self.programme_id,
                    added=ntr("{n} file added", "{n} files added", self.content.added),
                    unchanged=ntr(
                        "{n} already there unchanged",
                        "{n} already there unchanged",
                        self.content.unchanged,
                    ),
                    replaced=ntr("{n} replaced", "{n} replaced", self.content.replaced),
                    folder=self.into,
                )
            )
        elif self.programme_id:
            lines.append(tr("The programme {id!r} is the app's own.", id=self.programme_id))
        lines.append(self.merged.words())
        return lines


# --------------------------------------------------------------------------- naming


def handover_name(person: Person, day: date) -> str:
    """A file name for the person's hand-over made on ``day``: ``anna-2026-11-30.handover.zip``."""
    words = re.sub(r"[\W_]+", "-", person.shown_name().lower()).strip("-") or "person"
    return f"{words}-{day.isoformat()}{NAME_END}"


def find_person(journal: Journal, text: str) -> Person:
    """The person ``text`` names (``people.find_person``), as a ``HandoverError``."""
    try:
        return people.find_person(journal.people(), text)
    except people.NoSuchPerson as error:
        raise HandoverError(error.said + " " + tr("The people are:"), error.listed) from None


# --------------------------------------------------------------------------- writing


def export_handover(
    journal: Journal,
    person_row: int,
    library: Library,
    to: Path,
    *,
    with_history: bool = False,
) -> HandoverWritten:
    """Write the hand-over file of the person at ``person_row`` to ``to`` (written whole
    or not at all, readable by its owner alone): their details, progressions, their
    programme with what it needs from ``library`` unless all of it is the app's own, and
    with ``with_history`` every ended session of theirs."""
    to = _handover_path(to)
    try:
        person = export_person(journal, person_row)
    except ValueError:
        raise HandoverError(tr("No person {row} here.", row=person_row)) from None
    progressions = export_progressions(journal, person_row)
    members = {PERSON: _json(person), PROGRESSIONS: _json(progressions)}
    content, summary = _content(library, person["programme_id"], person["name"])
    if content is not None:
        members[CONTENT] = content
    history = export_history(journal, person_row) if with_history else None
    if history is not None:
        members[HISTORY] = _json(history)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "app_version": _app_version(),
        "made_at": journal.clock.wall(),
        "person": person["uid"],
        "files": manifest_entries(members),
    }
    try:
        write_atomically(to, zip_bytes(_json(manifest), members), PRIVATE)
    except OSError as exc:
        raise HandoverError(
            tr("{file}: cannot be written ({error})", file=to, error=exc.strerror or exc)
        ) from None
    return HandoverWritten(
        to,
        person["name"] or tr("the person without a name"),
        person["programme_id"],
        summary,
        len(progressions),
        None if history is None else len(history["sessions"]),
        0 if history is None else len(history["sets"]),
    )


def _handover_path(to: Path) -> Path:
    if not to.suffix:
        to = to.with_name(to.name + NAME_END)
    if to.suffix.lower() != SUFFIX:
        raise HandoverError(
            tr(
                "{file}: a hand-over file is a zip file: name it {wanted}",
                file=to,
                wanted=to.stem + NAME_END,
            )
        )
    if not to.parent.is_dir():
        raise HandoverError(
            tr("{folder}: no such folder: create it or write the file elsewhere", folder=to.parent)
        )
    return to


def _content(
    library: Library, programme_id: str | None, name: str
) -> tuple[bytes, BundleSummary] | tuple[None, None]:
    """The programme's bundle and what it holds; None when all of it is the app's own
    (then it is left out: the other copy has it, and the app's updates to it keep
    reaching the person)."""
    if not programme_id:
        return None, None
    with tempfile.TemporaryDirectory(prefix="guide-handover-") as temp:
        path = Path(temp, CONTENT)
        try:
            summary = export_bundle(library, "programme", programme_id, path)
        except BundleError as error:
            raise HandoverError(
                tr(
                    "{name}'s programme {id!r} cannot go with the hand-over:",
                    name=name or tr("the person"),
                    id=programme_id,
                ),
                [error.message, *error.problems],
            ) from None
        data = path.read_bytes()
        files = read_bundle(path).files
    root = bundled_root()
    if all(same_bytes(root / member, content) for member, content in files.items()):
        return None, None
    return data, summary


def _json(value: Any) -> bytes:
    return json.dumps(value, indent=1, ensure_ascii=False).encode("utf-8")


def _app_version() -> str:
    try:
        return metadata.version("guide-app")
    except metadata.PackageNotFoundError:
        return "unknown"


# --------------------------------------------------------------------------- importing


def import_handover(
    path: Path, journal: Journal, into: Path, *, replace_content: bool = False
) -> HandoverImported:
    """Import the hand-over file at ``path``: merge the person, their progressions and
    history into ``journal`` (one transaction: a file refused changes nothing), then
    install its content into the library folder ``into``. Content that differs from what
    is already in ``into`` is kept as it is unless ``replace_content``; the conflicts are
    in the result."""
    handover = read_handover(path)
    try:
        merged = merge(journal, handover.person, handover.progressions, handover.history)
    except ValueError as error:
        raise HandoverError(
            tr("{file}: refused by the history, which is left as it was:", file=path),
            [str(error)],
        ) from None
    content, conflicts = _install(handover, into, replace_content)
    return HandoverImported(
        path,
        handover.name,
        merged,
        handover.person["programme_id"],
        content,
        into,
        conflicts,
    )


def _install(
    handover: Handover, into: Path, replace: bool
) -> tuple[BundleSummary | None, tuple[str, ...]]:
    if handover.content is None:
        return None, ()
    with tempfile.TemporaryDirectory(prefix="guide-handover-") as temp:
        bundle = Path(temp, CONTENT)
        bundle.write_bytes(handover.content)
        try:
            return install_bundle(bundle, into, replace=replace), ()
        except BundleError as error:  # it loaded on its own when read: a conflict here
            return None, tuple(error.problems or [error.message])
        except OSError as exc:
            raise HandoverError(
                tr(
                    "{folder}: the programme could not be installed ({error}); the history "
                    "was merged",
                    folder=into,
                    error=exc.strerror or exc,
                )
            ) from None
