"""The ``guide-app`` command line: open the window, or validate, list and plan content."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide_app.core.loader import Library


def library_roots(extra: Sequence[Path], *, with_user: bool = True) -> list[Path]:
    """The bundled library, then the user's library folder, then folders named on the
    command line: a later one's file with the same id replaces an earlier one's."""
    from guide_app.core.loader import bundled_root

    roots = [bundled_root()]
    if with_user:
        from guide_app.paths import user_library_dir

        user = user_library_dir()
        if user.is_dir():
            roots.append(user)
    roots.extend(extra)
    return roots


def load(args: argparse.Namespace) -> Library:
    from guide_app.core.loader import load_library

    return load_library(library_roots(args.library, with_user=not args.no_user_library))


def _validate(args: argparse.Namespace) -> int:
    from guide_app.core.loader import bundled_root, load_library

    if args.paths:
        library = (
            load_library([bundled_root(), *args.paths])
            if not args.alone
            else load_library(args.paths)
        )
    else:
        library = load(args)
    for notice in library.notices:
        print(f"note: {notice}")
    for problem in library.problems:
        print(problem)
    counts = (
        f"{len(library.exercises)} exercises, {len(library.sessions)} sessions, "
        f"{len(library.programmes)} programmes"
    )
    if library.problems:
        print(f"{len(library.problems)} problem(s); loaded {counts}", file=sys.stderr)
        return 1
    print(f"ok: {counts}")
    return 0


def _list(args: argparse.Namespace) -> int:
    library = load(args)
    if args.json:
        out = {
            "exercises": [
                {"id": e.id, "name": e.name, "position": e.position, "sides": e.sides.value}
                for e in sorted(library.exercises.values(), key=lambda e: e.id)
            ],
            "sessions": [
                {"id": s.id, "title": s.title, "exercises": s.exercise_ids()}
                for s in sorted(library.sessions.values(), key=lambda s: s.id)
            ],
            "programmes": [
                {"id": p.id, "title": p.title, "phases": [ph.name for ph in p.phases]}
                for p in sorted(library.programmes.values(), key=lambda p: p.id)
            ],
        }
        print(json.dumps(out, indent=2))
    else:
        for title, table, label in (
            ("Programmes", library.programmes, lambda p: p.title),
            ("Sessions", library.sessions, lambda s: s.title),
            ("Exercises", library.exercises, lambda e: e.name),
        ):
            print(f"{title} ({len(table)})")
            for content_id in sorted(table):
                print(f"  {content_id:<40} {label(table[content_id])}")
            print()
    for problem in library.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


def _run(args: argparse.Namespace) -> int:
    from guide_app.app import run_app

    return run_app(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guide-app",
        description="Session Guide: coaches you through an exercise session, one cue at a time.",
    )
    parser.add_argument(
        "--library",
        action="append",
        type=Path,
        default=[],
        metavar="FOLDER",
        help="load this content folder too (may be given more than once)",
    )
    parser.add_argument(
        "--no-user-library", action="store_true", help="ignore the user's own library folder"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="keep the history here instead of the app data folder",
    )
    parser.add_argument(
        "--no-voice", action="store_true", help="do not speak (cues stay on screen)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check content files; exit 1 on any problem")
    validate.add_argument("paths", nargs="*", type=Path, help="files or folders (default: all)")
    validate.add_argument(
        "--alone",
        action="store_true",
        help="check the given paths without the bundled library beside them",
    )
    validate.set_defaults(func=_validate)

    listing = commands.add_parser("list", help="list exercises, sessions and programmes")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=_list)

    run = commands.add_parser("run", help="start a session (or one exercise) straight away")
    run.add_argument("session", help="a session id, or an exercise id")
    run.add_argument("--affected-side", choices=("left", "right"), default=None)
    run.add_argument("--weaker-side", choices=("left", "right"), default=None)
    run.add_argument("--fullscreen", action="store_true", help="full screen (home use)")
    run.add_argument(
        "--display-screen",
        type=int,
        default=None,
        metavar="N",
        help="open the clinic display full screen on screen N (0 is the first)",
    )
    run.add_argument("--mute", action="store_true", help="start with the voice muted")
    run.add_argument(
        "--autoplay", action="store_true", help="press next by itself at the nominal pace"
    )
    run.add_argument(
        "--resume",
        action="store_true",
        help="carry on this session if it was interrupted (after a crash), without asking",
    )
    run.add_argument(
        "--time-scale",
        type=float,
        default=None,
        metavar="K",
        help="run session time K times faster (demonstrations and tests)",
    )
    run.add_argument(
        "--trace",
        action="store_true",
        help="print each saved set, and each spoken beat with its due time",
    )
    run.add_argument(
        "--quit-when-done", action="store_true", help="close the app when the session ends"
    )
    run.set_defaults(func=_run)

    from guide_app import plan_command

    plan_command.add_parser(commands)
    _add_history_parser(commands)

    return parser


def _add_history_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from guide_app import history_command

    history_command.add_parser(commands)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        from guide_app.app import run_app

        return run_app(args)
    result: int = args.func(args)
    return result
