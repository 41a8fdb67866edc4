"""``guide-app handover export|import``: one file that carries a person, their programme
with its custom content, and (``--with-history``) their history between two copies of
the app, such as the clinic's and the patient's at home (``core.handover``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guide_app.cli.library import load
from guide_app.cli.options import add_data_dir, journal_of
from guide_app.core.content_text import printable
from guide_app.core.i18n import tr
from guide_app.paths import user_library_dir

if TYPE_CHECKING:
    from guide_app.core.handover import HandoverError


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add ``handover`` (with ``export`` and ``import``) to the ``guide-app`` sub-commands."""
    common = argparse.ArgumentParser(add_help=False)
    add_data_dir(common, "handover_data_dir")
    handover: argparse.ArgumentParser = commands.add_parser(
        "handover",
        help=tr("carry a person, their programme and their history to another copy"),
        description=tr(
            "Write one file with a person, their programme with any custom exercises and "
            "pictures, their accepted progressions and, if asked, their history; or import "
            "such a file. Importing merges the history without duplicates, however often it "
            "is repeated, and never over a newer entry."
        ),
    )
    handover.set_defaults(func=_help, handover_parser=handover)
    actions = handover.add_subparsers(dest="handover_command", metavar="COMMAND")

    export = actions.add_parser(
        "export", parents=[common], help=tr("write a person's hand-over file")
    )
    export.add_argument(
        "--person",
        required=True,
        metavar="NAME_OR_ROW",
        help=tr("whose: their name, or their number as the people list shows it"),
    )
    export.add_argument(
        "--with-history",
        action="store_true",
        help=tr("include every ended session of theirs, with its sets and corrections"),
    )
    export.add_argument(
        "file", type=Path, metavar="FILE", help=tr("the file to write (NAME.handover.zip)")
    )
    export.set_defaults(func=export_file)

    bring = actions.add_parser(
        "import", parents=[common], help=tr("merge a hand-over file into this copy")
    )
    bring.add_argument(
        "file", type=Path, metavar="FILE", help=tr("a file made by guide-app handover export")
    )
    bring.add_argument(
        "--into",
        type=Path,
        default=None,
        metavar="DIR",
        help=tr("install the programme into this library folder instead of your own"),
    )
    bring.add_argument(
        "--replace-content",
        action="store_true",
        help=tr("overwrite exercises, sessions or pictures here that differ from the file's"),
    )
    bring.set_defaults(func=import_file)
    return handover


def _help(args: argparse.Namespace) -> int:
    args.handover_parser.print_help(sys.stderr)
    return 2


def _journal(args: argparse.Namespace) -> Path:
    return journal_of(args, "handover_data_dir")


def export_file(args: argparse.Namespace) -> int:
    """Write the hand-over file of ``args.person``; print what went into it."""
    from guide_app.core.handover import HandoverError, export_handover, find_person
    from guide_app.core.history import Journal, StorageError

    path = _journal(args)
    if not path.exists():
        print(
            tr(
                "No history yet: {path} does not exist, so there is no one to hand over.", path=path
            ),
            file=sys.stderr,
        )
        return 1
    try:
        with Journal(path) as journal:
            person = find_person(journal, args.person)
            written = export_handover(
                journal, person.row, load(args), args.file, with_history=args.with_history
            )
    except HandoverError as error:
        _refused(error)
        return 1
    except StorageError as error:
        print(error.message, file=sys.stderr)
        return 1
    print(printable(written.words()))
    return 0


def import_file(args: argparse.Namespace) -> int:
    """Merge the hand-over file into the journal and install its programme into the
    user's library folder (or ``--into``); print what changed."""
    from guide_app.core.handover import HandoverError, import_handover
    from guide_app.core.history import Journal, StorageError

    into: Path = args.into if args.into is not None else user_library_dir()
    try:
        with Journal(_journal(args)) as journal:
            if journal.notice:
                print(tr("note: {notice}", notice=journal.notice), file=sys.stderr)
            done = import_handover(args.file, journal, into, replace_content=args.replace_content)
    except HandoverError as error:
        _refused(error)
        return 1
    except StorageError as error:
        print(error.message, file=sys.stderr)
        return 1
    for line in done.words():
        print(printable(line))
    return 0


def _refused(error: HandoverError) -> None:
    print(printable(error.message), file=sys.stderr)
    for problem in error.problems:
        print(printable(f"  {problem}"), file=sys.stderr)
