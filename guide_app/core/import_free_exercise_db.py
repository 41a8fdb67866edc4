"""Import the free-exercise-db (a JSON list of exercises) into a library folder.

Each entry becomes a version-2 exercise file, ``exercises/free-exercise-db/<id>.yaml``,
laid out as the bundled library is: its name, level, category, equipment, primary and
secondary muscles, its instructions as cues, its pictures (copied to
``assets/pictures/free-exercise-db/<id>/``, as the start and end pictures and as a
sequence), a default dosage for its category, and its source (free-exercise-db, the
entry's id, the Unlicense). Which sides it uses is guessed from its name; a guess that is
not sure is written anyway and flagged for review: a ``# review:`` comment at the top of
the file and a sentence in ``source.note``.

A bad entry (not an object, no id or name, a field of the wrong type, a value the
format refuses) is skipped with the reason, naming the file, its index and id; the rest
are imported. Importing again writes the same files: what changed is updated, nothing
is duplicated, and the report counts what was added, updated, unchanged and skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from guide_app.core import placeholders
from guide_app.core.content_errors import dotted, explain
from guide_app.core.content_save import new_document
from guide_app.core.exercise_model import Exercise
from guide_app.core.i18n import tr
from guide_app.core.safe_write import write_atomically

SOURCE = "free-exercise-db"
SOURCE_URL = "https://github.com/yuhonas/free-exercise-db"
LICENCE = "Unlicense"
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PICTURES = 12  # what ``pictures.steps`` may hold
EXERCISE_FOLDER = PurePosixPath("exercises", SOURCE)
PICTURE_FOLDER = PurePosixPath("assets", "pictures", SOURCE)
NO_PICTURE = PICTURE_FOLDER / "no-picture.svg"

# The source's categories, as the format says them, and the default dosage of each.
CATEGORIES = {
    "strength": "strength",
    "powerlifting": "strength",
    "olympic weightlifting": "power",
    "strongman": "strength",
    "plyometrics": "power",
    "stretching": "stretch",
    "cardio": "endurance",
}
_STRENGTH_DOSAGE: dict[str, Any] = {"sets": 3, "reps": 10, "rest": "60-90"}
DOSAGES: dict[str, dict[str, Any]] = {
    "strength": _STRENGTH_DOSAGE,
    "powerlifting": _STRENGTH_DOSAGE,
    "olympic weightlifting": _STRENGTH_DOSAGE,
    "strongman": _STRENGTH_DOSAGE,
    "stretching": {"sets": 2, "hold": 30, "rest": 15},
    "cardio": {"sets": 1, "hold": "5-10 min"},
    "plyometrics": {"sets": 3, "reps": 8, "rest": "90-120"},
}
LEVELS = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced"}
NO_EQUIPMENT = frozenset({"body only", "none", ""})

# Which sides a name says: sure words, then words that only hint.
_ALTERNATING = re.compile(r"\balternat(e|es|ing)\b|\balt\b")
_ONE_SIDED = re.compile(
    r"\b(single|one)[- ]?(leg|legged|arm|armed|hand|handed|foot|footed|side|sided)\b"
    r"|\bunilateral\b|\(\s*(left|right)\s*\)|\b(left|right)\b"
)
_TWO_SIDED = re.compile(r"\b(two|double|both|bilateral)[- ]?(leg|legged|arm|armed|hand|handed)?\b")
_SIDE_HINT = re.compile(
    r"\b(side|sided|lateral|lunges?|split|step[- ]?ups?|windmill|twists?|rotations?|"
    r"crossovers?|single|one|kickbacks?)\b"
)
_LEG = re.compile(r"\b(leg|legged|legs|foot|footed|lunges?|step[- ]?ups?)\b")
_ARM = re.compile(r"\b(arm|armed|arms|hand|handed)\b")
_POSITIONS = (
    (re.compile(r"\b(seated|sitting|sit)\b"), "seated"),
    (re.compile(r"\b(lying|prone|supine)\b"), "lying"),
    (re.compile(r"\bkneeling\b"), "kneeling"),
    (re.compile(r"\bhanging\b"), "hanging"),
    (re.compile(r"\bstanding\b"), "standing"),
)


class ImportFileError(Exception):
    """The file to import cannot be read as a list of exercises: the file and what to do."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry that was not imported, and why."""

    path: Path
    index: int
    entry_id: str | None
    reason: str

    def __str__(self) -> str:
        if self.entry_id is None:
            return tr(
                "{file}: entry [{index}]: {reason}",
                file=self.path,
                index=self.index,
                reason=self.reason,
            )
        return tr(
            "{file}: entry [{index}] (id {id!r}): {reason}",
            file=self.path,
            index=self.index,
            id=self.entry_id,
            reason=self.reason,
        )


@dataclass(frozen=True, slots=True)
class MissingPicture:
    """A picture an entry names that is not in the images folder."""

    exercise_id: str
    picture: str
    looked_in: Path


@dataclass
class ImportReport:
    """What an import did, by exercise id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    missing_pictures: list[MissingPicture] = field(default_factory=list)
    review: list[str] = field(default_factory=list)  # sides guessed: check them

    @property
    def imported(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)


@dataclass(frozen=True, slots=True)
class SidesGuess:
    """Which sides an exercise uses, as its name says, and whether that is sure."""

    sides: str
    limb: str | None
    sure: bool


class BadEntry(Exception):
    """An entry that cannot be imported; the message says which field and why."""


# --------------------------------------------------------------------------- reading


def read_entries(path: Path) -> list[Any]:
    """The entries of a free-exercise-db JSON file; ``ImportFileError`` when it is not one."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ImportFileError(path, tr("no such file: check the path")) from None
    except IsADirectoryError:
        raise ImportFileError(path, tr("is a folder: give the JSON file itself")) from None
    except OSError as exc:
        raise ImportFileError(path, tr("cannot be read: {error}", error=exc.strerror)) from None
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            path, tr("is larger than {mb} MB: is it the right file?", mb=MAX_FILE_BYTES // 2**20)
        )
    try:
        entries = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError(path, tr("is not UTF-8 text: give the exercises JSON file")) from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            path,
            tr("is not JSON ({error}, column {column})", error=exc.msg, column=exc.colno),
            exc.lineno,
        ) from None
    if not isinstance(entries, list):
        raise ImportFileError(
            path,
            tr(
                "expected a JSON list of exercises ([{{...}}, ...]), found {found}",
                found=_json_type(entries),
            ),
        )
    return entries


def _json_type(value: object) -> str:
    if value is None:
        return tr("null")
    if isinstance(value, bool):
        return tr("true/false")
    if isinstance(value, int | float):
        return tr("a number")
    if isinstance(value, str):
        return tr("a string")
    if isinstance(value, list):
        return tr("a list")
    return tr("an object")


def _text(entry: Mapping[str, Any], key: str, *, required: bool = False) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise BadEntry(tr("{field}: missing: every exercise needs one", field=key))
        return None
    if not isinstance(value, str):
        raise BadEntry(
            tr("{field}: expected a string, found {found}", field=key, found=_json_type(value))
        )
    value = value.strip()
    if required and not value:
        raise BadEntry(tr("{field}: empty: every exercise needs one", field=key))
    return value or None


def _texts(entry: Mapping[str, Any], key: str) -> list[str]:
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadEntry(
            tr(
                "{field}: expected a list of strings, found {found}",
                field=key,
                found=_json_type(value),
            )
        )
    out = []
    for n, item in enumerate(value):
        if not isinstance(item, str):
            raise BadEntry(
                tr(
                    "{field}[{n}]: expected a string, found {found}",
                    field=key,
                    n=n,
                    found=_json_type(item),
                )
            )
        if item.strip():
            out.append(item.strip())
    return out


# --------------------------------------------------------------------------- one entry


def safe_id(entry_id: str) -> str:
    """An id the format accepts: lower-case words joined by hyphens, at most 80 characters."""
    words = re.sub(r"[^a-z0-9]+", "-", entry_id.lower()).strip("-")
    return words[:80].rstrip("-")


def guess_sides(name: str) -> SidesGuess:
    """Which sides the exercise named ``name`` uses: sure words ("single-leg",
    "alternating", "two-arm"), else a hint ("side", "lateral", "lunge": one side at a
    time, not sure), else both sides together (a squat, a press: sure)."""
    words = name.lower().replace("_", " ")
    limb = None
    legs, arms = bool(_LEG.search(words)), bool(_ARM.search(words))
    if legs != arms:
        limb = "leg" if legs else "arm"
    if _ALTERNATING.search(words):
        return SidesGuess("alternating", limb, sure=True)
    if _ONE_SIDED.search(words):
        return SidesGuess("one_at_a_time", limb, sure=True)
    if _TWO_SIDED.search(words):
        return SidesGuess("both", None, sure=True)
    if _SIDE_HINT.search(words):
        return SidesGuess("one_at_a_time", limb, sure=False)
    return SidesGuess("both", None, sure=True)


def _position(name: str) -> str:
    words = name.lower()
    for pattern, position in _POSITIONS:
        if pattern.search(words):
            return {
                "seated": tr("seated"),
                "lying": tr("lying down"),
                "kneeling": tr("kneeling"),
                "hanging": tr("hanging"),
                "standing": tr("standing"),
            }[position]
    return tr("as the pictures and cues show")


def _summary(category: str | None, targets: Sequence[str]) -> str:
    if category and targets:
        return tr(
            "A {category} exercise for the {targets}, imported from free-exercise-db.",
            category=category,
            targets=", ".join(targets),
        )
    if category:
        return tr("A {category} exercise, imported from free-exercise-db.", category=category)
    if targets:
        return tr(
            "An exercise for the {targets}, imported from free-exercise-db.",
            targets=", ".join(targets),
        )
    return tr("An exercise imported from free-exercise-db.")


def _note(entry_id: str, details: Mapping[str, str | None], sure: bool) -> str:
    parts = [tr("Entry {id} of free-exercise-db.", id=entry_id)]
    kept = [f"{key}: {value}" for key, value in details.items() if value]
    if kept:
        parts.append(tr("As it says: {details}.", details="; ".join(kept)))
    if not sure:
        parts.append(review_note())
    return " ".join(parts)


def review_note() -> str:
    """The sentence ``source.note`` ends with when the sides need checking."""
    return tr("Review: the sides were guessed from the name; check them.")


def exercise_document(
    entry: Mapping[str, Any], exercise_id: str, pictures: Sequence[str]
) -> tuple[dict[str, Any], bool]:
    """The exercise file's fields for one entry (``pictures``: its copied pictures,
    relative to the library folder, or the stand-in), and whether its sides need review.

    Raises ``BadEntry`` for a missing id or name or a field of the wrong type."""
    entry_id = _text(entry, "id", required=True) or ""
    name = _text(entry, "name", required=True) or ""
    level = _text(entry, "level")
    category = _text(entry, "category")
    equipment = _text(entry, "equipment")
    force = _text(entry, "force")
    mechanic = _text(entry, "mechanic")
    primary = _texts(entry, "primaryMuscles")
    secondary = _texts(entry, "secondaryMuscles")
    instructions = _texts(entry, "instructions")
    _texts(entry, "images")
    if not instructions:
        raise BadEntry(tr("instructions: none given: an exercise needs at least one cue"))
    guess = guess_sides(name)
    category_key = (category or "").lower()
    fields: dict[str, Any] = {
        "id": exercise_id,
        "name": name,
        "summary": _summary(category, primary),
    }
    if (equipment or "").lower() not in NO_EQUIPMENT:
        fields["equipment"] = [equipment]
    if primary:
        fields["targets"] = primary
    if secondary:
        fields["secondary_targets"] = secondary
    if level and level.lower() in LEVELS:
        fields["level"] = LEVELS[level.lower()]
    if category_key in CATEGORIES:
        fields["category"] = CATEGORIES[category_key]
    if guess.limb and guess.sides != "both":
        fields["limb"] = guess.limb
    fields["position"] = _position(name)
    fields["pictures"] = {"start": pictures[0]}
    if len(pictures) > 1:
        fields["pictures"] |= {"end": pictures[1], "drawn_side": "both", "steps": list(pictures)}
    else:
        fields["pictures"]["drawn_side"] = "both"  # a photo is never mirrored
    fields["cues"] = [placeholders.escape(text) for text in instructions]
    fields["sides"] = guess.sides
    fields["dosage"] = dict(DOSAGES.get(category_key, _STRENGTH_DOSAGE))
    details = {"level": level, "category": category, "force": force, "mechanic": mechanic}
    fields["source"] = {
        "title": SOURCE,
        "url": SOURCE_URL,
        "licence": LICENCE,
        "note": _note(entry_id, details, guess.sure),
    }
    return fields, not guess.sure


def exercise_text(fields: Mapping[str, Any], entry_id: str, review: bool) -> str:
    """The file's text: a comment saying where it came from (and what to review), then
    the fields in the documented order."""
    head = [
        "# "
        + tr(
            "Imported from free-exercise-db (entry {id}) by guide-app import; "
            "importing again replaces this file.",
            id=entry_id,
        )
    ]
    if review:
        head.append("# " + tr("review: sides guessed from the name: check sides and limb."))
    return "\n".join(head) + "\n" + new_document("exercise", fields)


def _checked(fields: Mapping[str, Any]) -> None:
    """Raise ``BadEntry`` when the format would refuse the exercise (a name too long...)."""
    try:
        Exercise.model_validate({"version": 2, "kind": "exercise", **fields})
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = tuple(error["loc"])
        raise BadEntry(
            tr("{field}: {problem}", field=dotted(loc), problem=explain(error, loc, Exercise))
        ) from None


# --------------------------------------------------------------------------- the whole file


def import_file(path: Path, into: Path, images: Path | None = None) -> ImportReport:
    """Import every entry of ``path`` into the library folder ``into``; pictures are
    looked up under ``images`` (default: the JSON file's folder)."""
    entries = read_entries(path)
    images = path.parent if images is None else images
    report = ImportReport()
    taken: dict[str, int] = {}
    for index, entry in enumerate(entries):
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        shown_id = entry_id if isinstance(entry_id, str) else None
        try:
            _import_entry(entry, index, taken, images, into, report)
        except BadEntry as exc:
            report.skipped.append(Skipped(path, index, shown_id, str(exc)))
    return report


def _import_entry(
    entry: Any, index: int, taken: dict[str, int], images: Path, into: Path, report: ImportReport
) -> None:
    if not isinstance(entry, dict):
        raise BadEntry(tr("expected an object ({{...}}), found {found}", found=_json_type(entry)))
    entry_id = _text(entry, "id", required=True) or ""
    exercise_id = safe_id(entry_id)
    if not exercise_id:
        raise BadEntry(tr("id: has no letters or digits to make an exercise id from"))
    if exercise_id in taken:
        raise BadEntry(
            tr(
                "id: becomes {id!r}, as entry {other}'s does: give one of them another id",
                id=exercise_id,
                other=taken[exercise_id],
            )
        )
    sources = _texts(entry, "images")[:MAX_PICTURES]
    found, missing = _pictures(sources, images, exercise_id)
    pictures = [str(picture) for picture, _ in found] or [str(NO_PICTURE)]
    fields, review = exercise_document(entry, exercise_id, pictures)
    _checked(fields)
    taken[exercise_id] = index
    changed = [_put_bytes(into / picture, source.read_bytes()) for picture, source in found]
    if not found:
        changed.append(_put_bytes(into / NO_PICTURE, _no_picture_svg().encode("utf-8")))
    target = into / EXERCISE_FOLDER / f"{exercise_id}.yaml"
    existed = target.exists()
    changed.append(_put_bytes(target, exercise_text(fields, entry_id, review).encode("utf-8")))
    report.missing_pictures += [MissingPicture(exercise_id, rel, images) for rel in missing]
    if review:
        report.review.append(exercise_id)
    if not existed:
        report.added.append(exercise_id)
    elif any(changed):
        report.updated.append(exercise_id)
    else:
        report.unchanged.append(exercise_id)


def _pictures(
    sources: Sequence[str], images: Path, exercise_id: str
) -> tuple[list[tuple[PurePosixPath, Path]], list[str]]:
    """The pictures found (where they go in the library, where they are now) and those
    missing; a path out of the images folder counts as missing."""
    found: list[tuple[PurePosixPath, Path]] = []
    missing: list[str] = []
    for n, rel in enumerate(sources):
        relative = PurePosixPath(rel)
        source = images / relative
        if relative.is_absolute() or ".." in relative.parts or not source.is_file():
            missing.append(rel)
            continue
        suffix = (
            relative.suffix.lower()
            if re.fullmatch(r"\.[a-z0-9]{1,5}", relative.suffix.lower())
            else ""
        )
        found.append((PICTURE_FOLDER / exercise_id / f"{n}{suffix}", source))
    return found, missing


def _no_picture_svg() -> str:
    words = tr("No picture")
    escaped = words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">\n'
        '  <rect width="400" height="300" fill="#f2f2f2"/>\n'
        f'  <text x="200" y="155" font-size="28" text-anchor="middle" fill="#666">'
        f"{escaped}</text>\n"
        "</svg>\n"
    )


def _put_bytes(target: Path, data: bytes) -> bool:
    """Write ``data`` at ``target`` unless it already holds exactly that; True when written.
    It is never half there (``safe_write``)."""
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)
    return True
