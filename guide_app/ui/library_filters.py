"""What Home filters the library by: each exercise's equipment, body position, targets,
sides and source, the choices the filters offer, and which exercises and sessions a
choice admits.

Facts about an exercise are worked out when first wanted (a row painted, a search typed)
or a few at a time while the window is idle, so a library of thousands opens as fast
as a small one. Equipment is compared without case or a note in brackets ("loop band
(optional)" is a loop band); positions are grouped into the ones a person looks for
(standing, seated, lying on your back...). The source is where a file lives: the
bundled library, the user's own folder, or a sub-folder an import made (such as
``exercises/free-exercise-db/``), named after that folder.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from guide_app.core.exercise_model import Sides
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.core.placeholders import fill

NO_EQUIPMENT = "\0none"  # the equipment choice "needs none"
BUNDLED = "bundled"
OWN = "own"
FOLDER = "folder:"  # a source that is a sub-folder of a library: "folder:free-exercise-db"

# Body positions as a person looks for them, in the order the filter lists them.
_POSITIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("hands_and_knees", r"hands and knees|all fours|quadruped|four-point"),
        ("kneeling", r"\bkneel"),
        ("lying_back", r"\bon (your|the) back\b|\bsupine\b"),
        ("lying_front", r"face down|\bprone\b|\bon (your|the) (front|stomach|belly)\b"),
        ("lying_side", r"\bon (your|the) (\w+ )?side\b|side-?lying|side lying"),
        ("lying", r"\blying\b|\blie\b"),
        ("seated", r"\bseated\b|\bsitting\b|\bsit\b"),
        ("hanging", r"\bhanging\b"),
        ("standing", r"\bstanding\b|\bstand\b"),
    )
)
POSITION_ORDER = (
    "standing",
    "seated",
    "lying_back",
    "lying_front",
    "lying_side",
    "lying",
    "hands_and_knees",
    "kneeling",
    "hanging",
    "other",
)
_BRACKETS = re.compile(r"\s*\([^)]*\)")


def position_key(position: str) -> str:
    """The group a written position belongs to: "standing, wide stance" is standing."""
    text = fill(position).lower()
    for key, pattern in _POSITIONS:
        if pattern.search(text):
            return key
    return "other"


def position_label(key: str) -> str:
    labels = {
        "standing": tr("Standing"),
        "seated": tr("Seated"),
        "lying_back": tr("Lying on your back"),
        "lying_front": tr("Lying face down"),
        "lying_side": tr("Lying on your side"),
        "lying": tr("Lying down"),
        "hands_and_knees": tr("On hands and knees"),
        "kneeling": tr("Kneeling"),
        "hanging": tr("Hanging"),
    }
    return labels.get(key, tr("Other positions"))


def equipment_key(item: str) -> str:
    """Equipment as the filter compares it: "Loop band (optional)" is "loop band"."""
    return " ".join(_BRACKETS.sub("", item).lower().split()) or item.lower().strip()


def sides_label(value: str) -> str:
    labels = {
        Sides.BOTH.value: tr("Both sides together"),
        Sides.ONE_AT_A_TIME.value: tr("One side at a time"),
        Sides.ALTERNATING.value: tr("Alternating sides"),
    }
    return labels.get(value, value)


def source_of(library: Library, kind: str, content_id: str, bundled: Path) -> str:
    """Where an item comes from: the bundled library, the user's own files, or the
    sub-folder an import put it in."""
    root = library.roots.get((kind, content_id))
    path = library.sources.get((kind, content_id))
    if root is None or path is None:
        return OWN
    if _same(root, bundled):
        return BUNDLED
    try:
        inside = path.relative_to(root / f"{kind}s").parts
    except ValueError:
        return OWN
    return FOLDER + inside[0] if len(inside) > 1 else OWN


def source_label(key: str) -> str:
    if key == BUNDLED:
        return tr("Bundled")
    if key == OWN:
        return tr("Your own")
    return key.removeprefix(FOLDER)


def _same(a: Path, b: Path) -> bool:
    return a == b or _real(a) == _real(b)


@functools.lru_cache(maxsize=64)
def _real(folder: Path) -> Path:
    """A library folder with its links followed (there are a few, asked about often)."""
    return folder.resolve()


@dataclass(frozen=True, slots=True)
class ExerciseFacts:
    """One exercise as Home lists and filters it."""

    id: str
    name: str
    line: str  # what its row says under the name: position and equipment
    picture: Path | None
    equipment: frozenset[str]
    position: str
    targets: frozenset[str]
    sides: str
    source: str
    words: str  # what a search looks in, lower case


def exercise_facts(library: Library, exercise_id: str, bundled: Path) -> ExerciseFacts:
    exercise = library.exercises[exercise_id]
    position = fill(exercise.position)
    equipment = tr(", ").join(exercise.equipment) if exercise.equipment else tr("no equipment")
    source = source_of(library, "exercise", exercise_id, bundled)
    words = " ".join(
        (
            exercise.name,
            exercise.id,
            position,
            *exercise.targets,
            *exercise.secondary_targets,
            *exercise.equipment,
            exercise.category or "",
            source_label(source),
        )
    ).lower()
    return ExerciseFacts(
        id=exercise_id,
        name=exercise.name,
        line=tr("{position} · {equipment}", position=position, equipment=equipment),
        picture=library.picture_path(exercise_id),
        equipment=frozenset(equipment_key(e) for e in exercise.equipment),
        position=position_key(exercise.position),
        targets=frozenset(t.lower() for t in exercise.targets),
        sides=exercise.sides.value,
        source=source,
        words=words,
    )


@dataclass(frozen=True, slots=True)
class Filter:
    """What the filters are set to; None is "any"."""

    equipment: str | None = None
    position: str | None = None
    target: str | None = None
    sides: str | None = None
    source: str | None = None

    def is_open(self) -> bool:
        return self == Filter()

    def admits(self, facts: ExerciseFacts) -> bool:
        if self.equipment is not None:
            if self.equipment == NO_EQUIPMENT:
                if facts.equipment:
                    return False
            elif self.equipment not in facts.equipment:
                return False
        return (
            (self.position is None or facts.position == self.position)
            and (self.target is None or self.target in facts.targets)
            and (self.sides is None or facts.sides == self.sides)
            and (self.source is None or facts.source == self.source)
        )

    def admits_session(
        self, source: str, equipment: frozenset[str], exercises: Sequence[ExerciseFacts]
    ) -> bool:
        """A session (or a programme's) passes when it comes from the source chosen, uses
        the equipment chosen (or none, when that is chosen), and has an exercise in the
        position, for the target and with the sides chosen."""
        if self.source is not None and source != self.source:
            return False
        if self.equipment == NO_EQUIPMENT:
            if equipment:
                return False
        elif self.equipment is not None and self.equipment not in equipment:
            return False
        body = replace(self, equipment=None, source=None)
        return body.is_open() or any(body.admits(facts) for facts in exercises)


@dataclass(frozen=True, slots=True)
class Facets:
    """The choices each filter offers: what the library holds."""

    equipment: tuple[str, ...] = ()
    no_equipment: bool = False
    positions: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @classmethod
    def of(cls, exercises: Iterable[ExerciseFacts], sources: Iterable[str] = ()) -> Facets:
        equipment: set[str] = set()
        positions: set[str] = set()
        targets: set[str] = set()
        sides: set[str] = set()
        found = set(sources)
        no_equipment = False
        for facts in exercises:
            equipment |= facts.equipment
            no_equipment |= not facts.equipment
            positions.add(facts.position)
            targets |= facts.targets
            sides.add(facts.sides)
            found.add(facts.source)
        order = {BUNDLED: 0, OWN: 1}
        return cls(
            equipment=tuple(sorted(equipment)),
            no_equipment=no_equipment,
            positions=tuple(p for p in POSITION_ORDER if p in positions),
            targets=tuple(sorted(targets)),
            sides=tuple(s.value for s in Sides if s.value in sides),
            sources=tuple(sorted(found, key=lambda s: (order.get(s, 2), s))),
        )


class ExerciseFactsStore:
    """The library's exercises in name order, their facts worked out when first wanted."""

    def __init__(self, library: Library, bundled: Path) -> None:
        self.library = library
        self.bundled = bundled
        exercises = library.exercises
        self.ids = sorted(exercises, key=lambda i: (exercises[i].name.casefold(), i))
        self._facts: list[ExerciseFacts | None] = [None] * len(self.ids)
        self._next = 0  # where ``fill`` goes on from
        self._index: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def name(self, row: int) -> str:
        return self.library.exercises[self.ids[row]].name

    def facts(self, row: int) -> ExerciseFacts:
        found = self._facts[row]
        if found is None:
            found = exercise_facts(self.library, self.ids[row], self.bundled)
            self._facts[row] = found
        return found

    def index(self, exercise_id: str) -> int | None:
        if self._index is None:
            self._index = {content_id: row for row, content_id in enumerate(self.ids)}
        return self._index.get(exercise_id)

    def by_id(self, exercise_id: str) -> ExerciseFacts | None:
        row = self.index(exercise_id)
        return None if row is None else self.facts(row)

    def fill(self, count: int) -> bool:
        """Work out the facts of up to ``count`` more exercises; True when all are known."""
        end = min(len(self.ids), self._next + count)
        for row in range(self._next, end):
            self.facts(row)
        self._next = end
        return self.complete

    @property
    def complete(self) -> bool:
        return self._next >= len(self.ids)

    def all(self) -> list[ExerciseFacts]:
        self.fill(len(self.ids))
        return [self.facts(row) for row in range(len(self.ids))]

    def matching(self, words: Sequence[str], chosen: Filter) -> list[int]:
        """The rows whose exercise has every word and passes the filter."""
        facts = self.all()
        if chosen.is_open():
            return [row for row, f in enumerate(facts) if all(w in f.words for w in words)]
        return [
            row
            for row, f in enumerate(facts)
            if chosen.admits(f) and all(w in f.words for w in words)
        ]
