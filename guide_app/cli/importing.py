"""``guide-app import free-exercise-db FILE.json``: bring exercises from elsewhere into a library.

What the import did is printed: how many exercises were added, updated, unchanged and
skipped, each skipped entry with its reason, the pictures that were missing, and the
exercises whose sides were guessed and need checking. Exit status: 0 when the file was
read (bad entries are skipped, not fatal), 2 when it is missing or not a JSON list.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from guide_app.core.content_text import printable
from guide_app.core.i18n import ntr, tr
from guide_app.paths import user_library_dir

SOURCES = ("free-exercise-db",)


def add_parser(commands: Any) -> None:
    """Add ``import`` to the ``guide-app`` sub-commands."""
    command = commands.add_parser(
        "import",
        help=tr("import exercises from another collection into your library"),
        description=tr(
            "Import every exercise of a free-exercise-db JSON file into your library "
            "(exercises/free-exercise-db/), with its pictures; importing again updates them."
        ),
    )
    command.add_argument("source", choices=SOURCES, help=tr("the collection's format"))
    command.add_argument("file", type=Path, metavar="FILE", help=tr("its JSON file"))
    command.add_argument(
        "--images",
        type=Path,
        default=None,
        metavar="FOLDER",
        help=tr("where its pictures are (default: the JSON file's folder)"),
    )
    command.add_argument(
        "--into",
        type=Path,
        default=None,
        metavar="DIR",
        help=tr("the library folder to import into (default: your own library)"),
    )
    command.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from guide_app.core.import_free_exercise_db import ImportFileError, import_file

    into: Path = args.into if args.into is not None else user_library_dir()
    try:
        report = import_file(args.file, into, args.images)
    except ImportFileError as exc:
        print(printable(tr("error: {problem}", problem=exc)), file=sys.stderr)
        return 2
    print(
        printable(
            tr(
                "Imported {exercises} from {file} into {folder}: {added} added, "
                "{updated} updated, {unchanged} unchanged, {skipped} skipped.",
                exercises=ntr("{n} exercise", "{n} exercises", report.imported),
                file=args.file,
                folder=into,
                added=len(report.added),
                updated=len(report.updated),
                unchanged=len(report.unchanged),
                skipped=len(report.skipped),
            )
        )
    )
    for skipped in report.skipped:
        print(printable(tr("skipped: {entry}", entry=skipped)))
    if report.missing_pictures:
        print(
            ntr(
                "{n} picture was missing; the exercise is imported without it "
                "(with none, it shows a 'No picture' stand-in):",
                "{n} pictures were missing; their exercises are imported without them "
                "(one with none shows a 'No picture' stand-in):",
                len(report.missing_pictures),
            )
        )
        for missing in report.missing_pictures:
            print(
                printable(
                    tr(
                        "  {id}: no {picture} in {folder}",
                        id=missing.exercise_id,
                        picture=missing.picture,
                        folder=missing.looked_in,
                    )
                )
            )
    if report.review:
        print(
            ntr(
                "{n} exercise has its sides guessed from its name; check it "
                "(its file says '# review'):",
                "{n} exercises have their sides guessed from their names; check them "
                "(their files say '# review'):",
                len(report.review),
            )
        )
        print(printable("  " + ", ".join(report.review)))
    return 0
