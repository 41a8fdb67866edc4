"""The ``guide-app`` command line: open the window, or validate, list, plan content and
export the history.

One module per command family (``content``: validate and list; ``plan``; ``history``;
``reminders``: the calendar file; ``handout``: the patient's handout;
``handover``: a person's file between copies; ``window``:
run), one that loads the library from the options (``library``), and the parser that puts
them together (``parser``). The command modules import ``library``, never this package.
"""

from __future__ import annotations

from guide_app.cli.parser import build_parser, main
from guide_app.paths import library_roots  # kept here for callers not yet on guide_app.paths

__all__ = ["build_parser", "library_roots", "main"]
