"""The ``guide-app history`` command: export the history journal as CSV or as a PDF report
for a clinician, or print left/right totals per exercise."""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the journal loads when a history command runs, not with the window
    from guide_app.core.history import Journal
    from guide_app.core.loader import Library

JOURNAL_NAME = "history.sqlite3"


def journal_path(data_dir: Path | None) -> Path:
    """The journal file in ``data_dir``, or in the app data folder when it is None."""
    if data_dir is None:
        from guide_app.paths import data_dir as default_data_dir

        data_dir = default_data_dir()
    return data_dir / JOURNAL_NAME


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-03-14"
        ) from None


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``history`` (with ``export`` and ``totals``) to the ``guide-app`` sub-commands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        dest="history_data_dir",
        type=Path,
        metavar="DIR",
        help="the folder holding history.sqlite3 (default: the app data folder)",
    )
    common.add_argument("--since", type=_date, metavar="DATE", help="from this day (YYYY-MM-DD)")
    common.add_argument("--until", type=_date, metavar="DATE", help="to this day, included")

    history: argparse.ArgumentParser = subparsers.add_parser(
        "history", help="export or sum up the session history"
    )
    history.set_defaults(func=run, history_parser=history)
    commands = history.add_subparsers(dest="history_command", metavar="COMMAND")

    export = commands.add_parser(
        "export",
        parents=[common],
        help="write the history as CSV (one row per set per side) or as a PDF report",
    )
    formats = export.add_mutually_exclusive_group(required=True)
    formats.add_argument(
        "--csv",
        nargs="?",
        const="-",
        metavar="FILE",
        help="write CSV to FILE (to the screen when FILE is left out)",
    )
    formats.add_argument(
        "--pdf",
        type=Path,
        metavar="FILE",
        help="write a printable A4 report for a clinician to FILE: left against right, "
        "measurements, pain, effort and every session set by set",
    )

    totals = commands.add_parser(
        "totals", parents=[common], help="print sets, reps and hold seconds per exercise and side"
    )
    totals.add_argument("--exercise", metavar="ID", help="only this exercise")
    return history


def run(args: argparse.Namespace) -> int:
    from guide_app.core.history import Journal, StorageError

    command = getattr(args, "history_command", None)
    if command is None:
        args.history_parser.print_help(sys.stderr)
        return 2
    path = journal_path(getattr(args, "history_data_dir", None) or getattr(args, "data_dir", None))
    if not path.exists():
        return _no_history(args, path)
    try:
        with Journal(path) as journal:
            if journal.notice:
                print(f"note: {journal.notice}", file=sys.stderr)
            if command == "export":
                return _export(journal, args)
            return _totals(journal, args)
    except StorageError as error:
        print(error.message, file=sys.stderr)
        return 1


def _no_history(args: argparse.Namespace, path: Path) -> int:
    """Nothing recorded yet: say so without creating the journal."""
    from guide_app.core.history import CSV_COLUMNS

    print(f"No history yet: {path} does not exist.", file=sys.stderr)
    if args.history_command == "export":
        if args.pdf is not None:
            return _empty_pdf(args)
        if args.csv == "-":
            print(",".join(CSV_COLUMNS))
        else:
            Path(args.csv).write_text(",".join(CSV_COLUMNS) + "\n", encoding="utf-8")
    return 0


def _load_library(args: argparse.Namespace) -> Library:
    """The library named on the command line (for exercise and programme names), else the
    bundled one."""
    if hasattr(args, "library") and hasattr(args, "no_user_library"):
        from guide_app.cli import load

        return load(args)
    from guide_app.core.loader import bundled_root, load_library

    return load_library([bundled_root()])


def _write_pdf(journal: Journal, args: argparse.Namespace) -> int:
    from guide_app.report import write_pdf

    pages = write_pdf(journal, _load_library(args), args.pdf, since=args.since, until=args.until)
    print(f"wrote a {pages}-page report to {args.pdf}", file=sys.stderr)
    return 0


def _empty_pdf(args: argparse.Namespace) -> int:
    """A report that says nothing has been recorded, from a throw-away empty journal (the
    real one is not created)."""
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
        rows = journal.export_csv(sys.stdout, since=args.since, until=args.until)
    else:
        rows = journal.export_csv(Path(args.csv), since=args.since, until=args.until)
        print(f"wrote {rows} row(s) to {args.csv}", file=sys.stderr)
    return 0


def _totals(journal: Journal, args: argparse.Namespace) -> int:
    from guide_app.core.history import SIDES

    totals = journal.side_totals(args.exercise, since=args.since, until=args.until)
    if not totals:
        print("No sets recorded" + (" in that range." if args.since or args.until else " yet."))
        return 0
    width = max(len("exercise"), *(len(e) for e in totals))
    header = f"{'exercise':<{width}}  {'side':<5}  {'sets':>5}  {'reps':>6}  {'hold s':>7}  skipped"
    print(header)
    print("-" * len(header))
    for exercise, sides in totals.items():
        name = exercise
        for side in SIDES:
            if side not in sides:
                continue
            t = sides[side]
            print(
                f"{name:<{width}}  {side:<5}  {t.sets:>5}  {t.reps:>6}  "
                f"{t.hold_seconds:>7g}  {t.skipped:>7}"
            )
            name = ""
        if "left" in sides and "right" in sides and sides["right"].reps:
            ratio = sides["left"].reps / sides["right"].reps
            print(f"{'':<{width}}  left reps are {ratio:.0%} of right reps")
    return 0
