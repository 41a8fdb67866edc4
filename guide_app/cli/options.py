"""Options several commands share, worded once: a day, and the folder holding the history
(and the journal it names)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from guide_app.core.i18n import tr
from guide_app.paths import JOURNAL_NAME, journal_path


def day(text: str) -> date:
    """An argument that is a day, ``YYYY-MM-DD``; anything else says how to write one."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-03-14", text=text)
        ) from None


def add_data_dir(parser: argparse.ArgumentParser, dest: str) -> None:
    """``--data-dir DIR``: the folder holding the history, kept in ``dest`` (each command
    its own, so it never clashes with the window's ``--data-dir``)."""
    parser.add_argument(
        "--data-dir",
        dest=dest,
        type=Path,
        metavar="DIR",
        help=tr("the folder holding {file} (default: the app data folder)", file=JOURNAL_NAME),
    )


def journal_of(args: argparse.Namespace, dest: str) -> Path:
    """The journal in the folder the command's ``--data-dir`` (kept in ``dest``) names,
    else the window's ``--data-dir``, else the app data folder."""
    return journal_path(getattr(args, dest, None) or getattr(args, "data_dir", None))
