"""``guide-app import free-exercise-db FILE.json`` and ``guide-app import bundle FILE``:
bring exercises from elsewhere, or a session or programme another copy of the app
exported (``guide_app.cli.bundle``), into a library.

What a free-exercise-db import did is printed: how many exercises were added, updated, unchanged and
skipped, each skipped entry with its reason, the pictures that were missing, and the
exercises whose sides were guessed and need checking. Exit status: 0 when the file was
read (bad entries are skipped, not fatal), 2 when it is missing or not a JSON list.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from guide_app.cli import bundle
from guide_app.core.content_text import printable
from guide_app.core.i18n import tr
from guide_app.paths import user_library_dir

SOURCES = ("free-exercise-db",)


def add_parser(commands: Any) -> None:
    """Add ``import`` to the ``guide-app`` sub-commands: one sub-command per source."""
    command = commands.add_parser(
        "import",
        help=tr("import exercises from another collection, or a bundle, into your library"),
        description=tr(
            "Import every exercise of a free-exercise-db JSON file into your library "
            "(exercises/free-exercise-db/), with its pictures; importing again updates them. "
            "Or install a session or programme made by 'guide-app export'."
        ),
    )
    sources = command.add_subparsers(dest="source", metavar="SOURCE", required=True)
    free = sources.add_parser(
        SOURCES[0], help=tr("the free-exercise-db's exercises.json and its pictures")
    )
    free.add_argument("file", type=Path, metavar="FILE", help=tr("its JSON file"))
    free.add_argument(
        "--images",
        type=Path,
        default=None,
        metavar="FOLDER",
        help=tr("where its pictures are (default: the JSON file's folder)"),
    )
    free.add_argument(
        "--into",
        type=Path,
        default=None,
        metavar="DIR",
        help=tr("the library folder to import into (default: your own library)"),
    )
    free.set_defaults(func=run)
    bundle.add_install_arguments(
        sources.add_parser(
            "bundle", help=tr("a session or programme made by 'guide-app export' (a .zip)")
        )
    )


def run(args: argparse.Namespace) -> int:
    from guide_app.core.import_free_exercise_db import ImportFileError, import_file
    from guide_app.core.import_words import import_lines

    into: Path = args.into if args.into is not None else user_library_dir()
    try:
        report = import_file(args.file, into, args.images)
    except ImportFileError as exc:
        print(printable(tr("error: {problem}", problem=exc)), file=sys.stderr)
        return 2
    for line in import_lines(report, args.file, into):
        print(printable(line))
    return 0
