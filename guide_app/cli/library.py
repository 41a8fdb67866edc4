"""The one place the command line loads the content library from its options."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from guide_app.core.i18n import tr
from guide_app.paths import library_roots

if TYPE_CHECKING:  # the loader (YAML, pydantic) loads when a command needs it
    from guide_app.core.loader import Library


def add_options(parser: argparse.ArgumentParser) -> None:
    """``--library FOLDER`` (repeatable) and ``--no-user-library``, read by ``load``."""
    parser.add_argument(
        "--library",
        action="append",
        type=Path,
        default=[],
        metavar="FOLDER",
        help=tr("load this content folder too (may be given more than once)"),
    )
    parser.add_argument(
        "--no-user-library",
        action="store_true",
        help=tr("ignore the user's own library folder"),
    )


def load(args: argparse.Namespace, paths: Sequence[Path] = (), *, alone: bool = False) -> Library:
    """The library the options name: the bundled one, the user's folder (unless
    ``--no-user-library``) and every ``--library`` folder.

    Given ``paths`` (files or folders to check), that library and those paths after it,
    so what they name is checked against everything the app would load with them; or
    only those paths when ``alone``."""
    from guide_app.core.loader import load_library

    roots = (
        [] if paths and alone else library_roots(args.library, with_user=not args.no_user_library)
    )
    return load_library([*roots, *paths])
