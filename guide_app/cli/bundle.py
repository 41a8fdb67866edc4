"""``guide-app export session|programme ID --to FILE``: a session or programme, with the
exercises and pictures it uses, as one file; and ``install``, which puts such a file into
the user's library folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guide_app.cli.library import load
from guide_app.core.content_text import printable
from guide_app.core.i18n import ntr, tr

if TYPE_CHECKING:
    from guide_app.core.bundle_format import BundleError, BundleSummary


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add ``export`` to the ``guide-app`` sub-commands."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "export",
        help=tr("write a session or programme, with its exercises and pictures, to one file"),
        description=tr(
            "Write a session or programme, with the sessions, exercises and pictures it "
            "uses, to one .zip file another copy of Session Guide can install."
        ),
    )
    parser.add_argument("kind", choices=("session", "programme"), help=tr("what to export"))
    parser.add_argument(
        "id", metavar="ID", help=tr("its id, as guide-app list shows it, e.g. iliopsoas-rehab")
    )
    parser.add_argument(
        "--to", type=Path, required=True, metavar="FILE", help=tr("the file to write (.zip)")
    )
    parser.set_defaults(func=export)
    return parser


def add_install_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments ``install`` reads: ``file``, ``--into DIR`` and ``--replace``."""
    parser.add_argument("file", type=Path, metavar="FILE", help=tr("a bundle made by export"))
    parser.add_argument(
        "--into",
        type=Path,
        default=None,
        metavar="DIR",
        help=tr("install into this library folder instead of your own library folder"),
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help=tr("overwrite files and ids already there with other content"),
    )
    parser.set_defaults(func=install)


def export(args: argparse.Namespace) -> int:
    """Write the bundle; print what went into it, or why it could not be written."""
    from guide_app.core.content_bundle import BundleError, export_bundle

    library = load(args)
    try:
        summary = export_bundle(library, args.kind, args.id, args.to)
    except BundleError as error:
        _refused(error)
        return 1
    print(printable(_wrote(summary)))
    return 0


def install(args: argparse.Namespace) -> int:
    """Install the bundle ``args.file`` into ``args.into`` (default: the user's library
    folder), overwriting what differs only with ``args.replace``; print the counts or
    why it was refused."""
    from guide_app.core.content_bundle import BundleError, install_bundle

    into: Path | None = getattr(args, "into", None)
    if into is None:
        from guide_app.paths import user_library_dir

        into = user_library_dir()
    try:
        summary = install_bundle(args.file, into, replace=bool(getattr(args, "replace", False)))
    except BundleError as error:
        _refused(error)
        return 1
    print(
        printable(
            tr(
                "Installed the {kind} {title!r} ({id}) from {file} into {folder}: "
                "{added}, {unchanged}, {replaced}.",
                kind=_kind_word(summary.kind),
                title=summary.title,
                id=summary.id,
                file=summary.path,
                folder=into,
                added=ntr("{n} file added", "{n} files added", summary.added),
                unchanged=ntr(
                    "{n} already there unchanged", "{n} already there unchanged", summary.unchanged
                ),
                replaced=ntr("{n} replaced", "{n} replaced", summary.replaced),
            )
        )
    )
    return 0


def _wrote(summary: BundleSummary) -> str:
    sessions = ntr("{n} session", "{n} sessions", summary.sessions)
    exercises = ntr("{n} exercise", "{n} exercises", summary.exercises)
    pictures = ntr("{n} picture", "{n} pictures", summary.pictures)
    if summary.kind == "programme":
        return tr(
            "Wrote {file}: the programme {title!r} with {sessions}, {exercises} and {pictures}.",
            file=summary.path,
            title=summary.title,
            sessions=sessions,
            exercises=exercises,
            pictures=pictures,
        )
    return tr(
        "Wrote {file}: the session {title!r} with {exercises} and {pictures}.",
        file=summary.path,
        title=summary.title,
        exercises=exercises,
        pictures=pictures,
    )


def _refused(error: BundleError) -> None:
    print(printable(error.message), file=sys.stderr)
    for problem in error.problems:
        print(printable(f"  {problem}"), file=sys.stderr)


def _kind_word(kind: str) -> str:
    return tr("programme") if kind == "programme" else tr("session")
