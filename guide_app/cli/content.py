"""``guide-app validate`` and ``guide-app list``: check the content files, list what loaded."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guide_app.cli.library import load
from guide_app.core.content_text import printable
from guide_app.core.i18n import ntr, tr

if TYPE_CHECKING:
    from guide_app.core.loader import Library, Problem, Replacement
    from guide_app.core.model import Exercise, Source


def add_parsers(commands: Any) -> None:
    """Add ``validate`` and ``list`` to the ``guide-app`` sub-commands."""
    validate = commands.add_parser(
        "validate", help=tr("check content files; exit 1 on any problem")
    )
    validate.add_argument("paths", nargs="*", type=Path, help=tr("files or folders (default: all)"))
    validate.add_argument(
        "--alone",
        action="store_true",
        help=tr(
            "check the given paths by themselves, without the library (bundled, your own, "
            "--library) beside them"
        ),
    )
    validate.set_defaults(func=validate_command)

    listing = commands.add_parser("list", help=tr("list exercises, sessions and programmes"))
    listing.add_argument("--json", action="store_true", help=tr("print JSON"))
    listing.set_defaults(func=list_command)


def counts(library: Library) -> str:
    """'58 exercises, 20 sessions, 7 programmes'."""
    return tr(
        "{exercises}, {sessions}, {programmes}",
        exercises=ntr("{n} exercise", "{n} exercises", len(library.exercises)),
        sessions=ntr("{n} session", "{n} sessions", len(library.sessions)),
        programmes=ntr("{n} programme", "{n} programmes", len(library.programmes)),
    )


def validate_command(args: argparse.Namespace) -> int:
    """Print every notice and every problem (``file:line: what is wrong``); exit 1 on any.

    Given paths, they are checked against the library the options name (bundled, the
    user's, ``--library``), and only what concerns them is printed: their own problems,
    the problems of the files they need that did not load, and what they replace."""
    library = load(args, args.paths, alone=args.alone)
    problems: Sequence[Problem] = library.problems
    replacements: Sequence[Replacement] = library.replacements
    notes: Sequence[Problem] = library.notes
    if args.paths and not args.alone:
        problems, replacements, notes = _about(library, args.paths)
    for replacement in replacements:
        print(printable(tr("note: {notice}", notice=replacement)))
    for note in notes:
        print(printable(tr("note: {notice}", notice=note)))
    for problem in problems:
        print(printable(problem))
    if problems:
        print(
            ntr(
                "{n} problem; loaded {counts}",
                "{n} problems; loaded {counts}",
                len(problems),
                counts=counts(library),
            ),
            file=sys.stderr,
        )
        return 1
    print(tr("ok: {counts}", counts=counts(library)))
    return 0


def _about(
    library: Library, paths: Sequence[Path]
) -> tuple[list[Problem], list[Replacement], list[Problem]]:
    """The problems, replacements and notes that concern the files under ``paths``: their
    own, and the problems of every file whose failure explains one of theirs ("did not
    load, see above")."""
    from guide_app.core.loader import content_files

    named = {os.path.realpath(path) for path in paths}
    named |= {os.path.realpath(f) for path in paths if path.exists() for f in content_files(path)}
    wanted = set(named)
    while True:
        causes = {
            os.path.realpath(p.cause)
            for p in library.problems
            if p.cause is not None and os.path.realpath(p.path) in wanted
        }
        if causes <= wanted:
            break
        wanted |= causes
    return (
        [p for p in library.problems if os.path.realpath(p.path) in wanted],
        [r for r in library.replacements if os.path.realpath(r.path) in named],
        [n for n in library.notes if os.path.realpath(n.path) in named],
    )


def list_command(args: argparse.Namespace) -> int:
    """Every programme, session and exercise with its id, as a table or as JSON."""
    library = load(args)
    if args.json:
        import json

        print(json.dumps(as_json(library), indent=2))
    else:
        sys.stdout.write(printable(as_text(library)))
    for replacement in library.replacements:
        print(printable(tr("note: {notice}", notice=replacement)), file=sys.stderr)
    for problem in library.problems:
        print(printable(tr("warning: {problem}", problem=problem)), file=sys.stderr)
    return 0


def as_json(library: Library) -> dict[str, list[dict[str, Any]]]:
    """``{"exercises": [...], "sessions": [...], "programmes": [...]}``, each sorted by id."""
    return {
        "exercises": [
            _exercise_json(e) for e in sorted(library.exercises.values(), key=lambda e: e.id)
        ],
        "sessions": [
            {
                "id": s.id,
                "title": s.title,
                "exercises": s.exercise_ids(),
                "source": _source_json(s.source),
            }
            for s in sorted(library.sessions.values(), key=lambda s: s.id)
        ],
        "programmes": [
            {
                "id": p.id,
                "title": p.title,
                "phases": [ph.name for ph in p.phases],
                "source": _source_json(p.source),
            }
            for p in sorted(library.programmes.values(), key=lambda p: p.id)
        ],
    }


def _exercise_json(e: Exercise) -> dict[str, Any]:
    """What an exercise is, as a catalogue lists it (version 2 adds level, category, limb,
    secondary targets, a sequence of pictures and the source)."""
    from guide_app.core import placeholders

    return {
        "id": e.id,
        "name": e.name,
        "position": placeholders.fill(e.position),
        "sides": e.sides.value,
        "limb": e.limb,
        "level": e.level,
        "category": e.category,
        "targets": list(e.targets),
        "secondary_targets": list(e.secondary_targets),
        "equipment": list(e.equipment),
        "pictures": {
            "start": e.pictures.start,
            "end": e.pictures.end,
            "steps": list(e.pictures.steps),
        },
        "source": _source_json(e.source),
    }


def _source_json(source: Source | None) -> dict[str, Any] | None:
    return None if source is None else source.model_dump()


def as_text(library: Library) -> str:
    """Programmes, sessions and exercises, each under a heading, one id and name a line."""
    sections = [
        (
            tr("Programmes ({n})", n=len(library.programmes)),
            {i: p.title for i, p in library.programmes.items()},
        ),
        (
            tr("Sessions ({n})", n=len(library.sessions)),
            {i: s.title for i, s in library.sessions.items()},
        ),
        (
            tr("Exercises ({n})", n=len(library.exercises)),
            {i: e.name for i, e in library.exercises.items()},
        ),
    ]
    out: list[str] = []
    for heading, labels in sections:
        out.append(heading)
        out.extend(f"  {content_id:<40} {labels[content_id]}" for content_id in sorted(labels))
        out.append("")
    return "\n".join(out) + "\n"
