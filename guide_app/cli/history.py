"""``guide-app history``: export the history journal as CSV or as a PDF report for a
clinician, or print left/right totals per exercise."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guide_app.cli.library import load
from guide_app.cli.options import add_data_dir, day, journal_of
from guide_app.core.i18n import ntr, tr
from guide_app.paths import JOURNAL_NAME, journal_path

if TYPE_CHECKING:  # the journal loads when a history command runs, not with the window
    from guide_app.core.history import Journal

__all__ = ["JOURNAL_NAME", "add_parser", "journal_path", "run"]


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add ``history`` (with ``export`` and ``totals``) to the ``guide-app`` sub-commands."""
    common = argparse.ArgumentParser(add_help=False)
    add_data_dir(common, "history_data_dir")
    common.add_argument("--since", type=day, metavar="DATE", help=tr("from this day (YYYY-MM-DD)"))
    common.add_argument("--until", type=day, metavar="DATE", help=tr("to this day, included"))

    history: argparse.ArgumentParser = commands.add_parser(
        "history", help=tr("export or sum up the session history")
    )
    history.set_defaults(func=run, history_parser=history)
    history_commands = history.add_subparsers(dest="history_command", metavar="COMMAND")

    export = history_commands.add_parser(
        "export",
        parents=[common],
        help=tr("write the history as CSV (one row per set per side) or as a PDF report"),
    )
    formats = export.add_mutually_exclusive_group(required=True)
    formats.add_argument(
        "--csv",
        nargs="?",
        const="-",
        metavar="FILE",
        help=tr("write CSV to FILE (to the screen when FILE is left out)"),
    )
    formats.add_argument(
        "--pdf",
        type=Path,
        metavar="FILE",
        help=tr(
            "write a printable A4 report for a clinician to FILE: left against right, "
            "measurements, pain, effort and every session set by set"
        ),
    )

    totals = history_commands.add_parser(
        "totals",
        parents=[common],
        help=tr("print sets, reps and hold seconds per exercise and side"),
    )
    totals.add_argument("--exercise", metavar="ID", help=tr("only this exercise"))
    return history


def run(args: argparse.Namespace) -> int:
    from guide_app.core.history import Journal, StorageError

    command = getattr(args, "history_command", None)
    if command is None:
        args.history_parser.print_help(sys.stderr)
        return 2
    path = journal_of(args, "history_data_dir")
    if not path.exists():
        return _no_history(args, path)
    try:
        with Journal(path) as journal:
            if journal.notice:
                print(tr("note: {notice}", notice=journal.notice), file=sys.stderr)
            if command == "export":
                return _export(journal, args)
            return _totals(journal, args)
    except StorageError as error:
        print(error.message, file=sys.stderr)
        return 1


def _no_history(args: argparse.Namespace, path: Path) -> int:
    """Nothing recorded yet: say so without creating the journal."""
    from guide_app.core.history import CSV_COLUMNS

    print(tr("No history yet: {path} does not exist.", path=path), file=sys.stderr)
    if args.history_command == "export":
        if args.pdf is not None:
            return _empty_pdf(args)
        if args.csv == "-":
            print(",".join(CSV_COLUMNS))
        else:
            _header_only(Path(args.csv), ",".join(CSV_COLUMNS) + "\n")
    return 0


def _header_only(path: Path, header: str) -> None:
    """The CSV header alone, in a file readable by the user alone (as every export)."""
    from guide_app.core.history_storage import open_private

    with open_private(path) as stream:
        stream.write(header)


def _write_pdf(journal: Journal, args: argparse.Namespace) -> int:
    from guide_app.ui.report import write_pdf  # Qt draws the report: loaded only for --pdf

    pages = write_pdf(journal, load(args), args.pdf, since=args.since, until=args.until)
    print(
        ntr(
            "wrote a {n}-page report to {path}",
            "wrote a {n}-page report to {path}",
            pages,
            path=args.pdf,
        ),
        file=sys.stderr,
    )
    return 0


def _empty_pdf(args: argparse.Namespace) -> int:
    """A report that says nothing has been recorded, from a throw-away empty journal (the
    real one is not created)."""
    import tempfile  # only this command needs it: the window starts without it

    from guide_app.core.history import Journal, StorageError

    with tempfile.TemporaryDirectory() as folder:
        try:
            with Journal(Path(folder) / JOURNAL_NAME) as empty:
                return _write_pdf(empty, args)
        except StorageError as error:
            print(error.message, file=sys.stderr)
            return 1


def _export(journal: Journal, args: argparse.Namespace) -> int:
    if args.pdf is not None:
        return _write_pdf(journal, args)
    if args.csv == "-":
        journal.export_csv(sys.stdout, since=args.since, until=args.until)
    else:
        rows = journal.export_csv(Path(args.csv), since=args.since, until=args.until)
        print(
            ntr("wrote {n} row to {path}", "wrote {n} rows to {path}", rows, path=args.csv),
            file=sys.stderr,
        )
    return 0


def _totals(journal: Journal, args: argparse.Namespace) -> int:
    from guide_app.core.sides import Side, side_word

    totals = journal.side_totals(args.exercise, since=args.since, until=args.until)
    if not totals:
        if args.since or args.until:
            print(tr("No sets recorded in that range."))
        else:
            print(tr("No sets recorded yet."))
        return 0
    side_words = {side: side_word(side) for side in Side}
    titles = [tr("exercise"), tr("side"), tr("sets"), tr("reps"), tr("hold s"), tr("skipped")]
    width = max(len(titles[0]), *(len(e) for e in totals))
    side_width = max(len(titles[1]), *(len(w) for w in side_words.values()))
    widths = [width, side_width, 5, 6, 7, 7]
    header = "  ".join(
        t.ljust(w) if c < 2 else t.rjust(w)
        for c, (t, w) in enumerate(zip(titles, widths, strict=True))
    ).rstrip()
    print(header)
    print("-" * len(header))
    for exercise, sides in totals.items():
        name = exercise
        for side in Side:
            if side not in sides:
                continue
            t = sides[side]
            print(
                f"{name:<{width}}  {side_words[side]:<{side_width}}  {t.sets:>5}  "
                f"{t.reps:>6}  {t.hold_seconds:>7g}  {t.skipped:>7}"
            )
            name = ""
        left, right = sides.get(Side.LEFT), sides.get(Side.RIGHT)
        if left is not None and right is not None and right.reps:
            ratio = left.reps / right.reps
            print(" " * width + "  " + tr("left reps are {ratio:.0%} of right reps", ratio=ratio))
    return 0
