"""What ``validate`` would say of a draft, each problem at the place it concerns.

A draft is checked as the loader checks a file (the same messages, ``file:line``),
then against the library it will join: the exercises a session names, the sessions a
programme names and what its rules change, dosage fields that cannot apply, and an id
another item already has. Each problem keeps its place in the data (``loc``), so an
editor can show it at the field.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from guide_app.core.content_draft import Draft
from guide_app.core.content_errors import Lines
from guide_app.core.content_language import TRANSLATIONS
from guide_app.core.content_read import FileProblem
from guide_app.core.content_save import ContentFileError
from guide_app.core.i18n import tr
from guide_app.core.loader import (
    Library,
    Problem,
    at,
    dosage_notes,
    load_file,
    programme_problems,
    session_problems,
)
from guide_app.core.model import Content, Exercise, Programme, Session


@dataclass(frozen=True, slots=True)
class Checked:
    """A draft's content when it loads, and every problem found."""

    content: Content | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.content is not None and not self.problems

    @property
    def blocking(self) -> tuple[Problem, ...]:
        """The problems that keep it from being saved: all but its translations' (with
        those it loads, showing the English where a translation does not fit)."""
        return tuple(p for p in self.problems if not p.loc or p.loc[0] != TRANSLATIONS)

    def at(self, loc: tuple[str | int, ...]) -> list[Problem]:
        """The problems at ``loc`` or inside it."""
        return [p for p in self.problems if p.loc is not None and p.loc[: len(loc)] == loc]


def check(draft: Draft, library: Library) -> Checked:
    """Everything ``validate`` would report of the draft saved into the library."""
    path = draft.path
    try:
        text = draft.text()
    except (ContentFileError, FileProblem, ValueError) as exc:
        return Checked(None, (Problem(path, None, str(exc)),))
    content, problems = load_file(path, draft.picture_root, text)
    if content is None:
        return Checked(None, tuple(problems))
    lines = Lines(text)
    joined = _joined(library, content)
    found: list[Problem] = list(problems)
    found += _taken(library, draft, content, lines)
    if isinstance(content, Session):
        found += session_problems(joined, path, lines, content)
    elif isinstance(content, Programme):
        found += programme_problems(joined, path, lines, content)
    if isinstance(content, Exercise | Session):
        found += [at(path, lines, loc, msg) for loc, msg in dosage_notes(joined, content)]
    return Checked(content, tuple(found))


def _joined(library: Library, content: Content) -> Library:
    """The library with the draft in it (in place of what it was), the rest shared."""
    joined = replace(
        library,
        exercises=dict(library.exercises),
        sessions=dict(library.sessions),
        programmes=dict(library.programmes),
    )
    joined.table(content.kind)[content.id] = content
    return joined


def _taken(library: Library, draft: Draft, content: Content, lines: Lines) -> list[Problem]:
    """A new item whose id another item of its kind has already."""
    if not draft.is_new:
        return []
    key = (content.kind, content.id)
    other = library.sources.get(key) or library.failed.get(key)
    if other is None:
        return []
    message = tr(
        "id: {id!r} is used by {other} already: choose another id",
        id=content.id,
        other=other,
    )
    return [at(draft.path, lines, ("id",), message)]
