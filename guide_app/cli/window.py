"""``guide-app`` and ``guide-app run SESSION``: open the window, or start a session in it."""

from __future__ import annotations

import argparse
from typing import Any

from guide_app.core.i18n import tr


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add ``run`` to the ``guide-app`` sub-commands."""
    run: argparse.ArgumentParser = commands.add_parser(
        "run", help=tr("start a session (or one exercise) straight away")
    )
    run.add_argument("session", help=tr("a session id, or an exercise id"))
    run.add_argument("--affected-side", choices=("left", "right"), default=None)
    run.add_argument("--weaker-side", choices=("left", "right"), default=None)
    run.add_argument("--fullscreen", action="store_true", help=tr("full screen (home use)"))
    run.add_argument(
        "--display-screen",
        type=int,
        default=None,
        metavar="N",
        help=tr("open the clinic display full screen on screen N (0 is the first)"),
    )
    run.add_argument("--mute", action="store_true", help=tr("start with the voice muted"))
    run.add_argument(
        "--autoplay", action="store_true", help=tr("press next by itself at the nominal pace")
    )
    run.add_argument(
        "--resume",
        action="store_true",
        help=tr("carry on this session if it was interrupted (after a crash), without asking"),
    )
    run.add_argument(
        "--time-scale",
        type=float,
        default=None,
        metavar="K",
        help=tr("run session time K times faster (demonstrations and tests)"),
    )
    run.add_argument(
        "--trace",
        action="store_true",
        help=tr("print each saved set, and each spoken beat with its due time"),
    )
    run.add_argument(
        "--quit-when-done",
        action="store_true",
        help=tr("close the app when the session ends"),
    )
    run.set_defaults(func=open_window)
    return run


def open_window(args: argparse.Namespace) -> int:
    """Open the window (and start ``args.session`` when the ``run`` command gave one)."""
    from guide_app.app import run_app  # Qt and the window load only when they are wanted

    return run_app(args)
