"""The ``guide-app`` parser: the options every command shares, then each command family's
own sub-command, and ``main``, which runs the chosen one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from guide_app import paths
from guide_app.cli import (
    bundle,
    content,
    handout,
    handover,
    history,
    importing,
    library,
    plan,
    reminders,
    window,
)
from guide_app.core import i18n
from guide_app.core.i18n import tr


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language",
        choices=(*i18n.choices(), i18n.PSEUDO),
        default=None,
        metavar="CODE",
        help=tr(
            "the language of the window, the voice and the content: en, de or es "
            "(default: the settings, else the system's; pseudo checks layouts)"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guide-app",
        description=tr(
            "Session Guide: coaches you through an exercise session, one cue at a time."
        ),
    )
    library.add_options(parser)
    _language_option(parser)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help=tr("keep the history here instead of the app data folder"),
    )
    parser.add_argument(
        "--no-voice", action="store_true", help=tr("do not speak (cues stay on screen)")
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    content.add_parsers(commands)
    window.add_parser(commands)
    plan.add_parser(commands)
    history.add_parser(commands)
    bundle.add_parser(commands)
    importing.add_parser(commands)
    reminders.add_parser(commands)
    handout.add_parser(commands)
    handover.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv`` names; with none, open the window. The language is put in
    force first, so the help and every message are in it; ``--language`` may come before
    or after the command (``guide-app plan first-session --language de``)."""
    words = list(sys.argv[1:] if argv is None else argv)
    early = argparse.ArgumentParser(add_help=False)
    _language_option(early)
    known, rest = early.parse_known_args(words)
    paths.choose_language(known.language)
    args = build_parser().parse_args(rest)
    func = getattr(args, "func", None) or window.open_window
    result: int = func(args)
    return result
