"""``guide-app handout``: the patient's printable handout of a programme's phase (or of one
session), as an A4 PDF or as text.

The programme's phase is the one named (``--phase``), else the one the person is in today
from their start date; the person is found by name in the journal (``--person``), else the
journal's first person when there is a journal; the sides given on the command line win
over theirs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guide_app.cli.library import load
from guide_app.cli.options import add_data_dir, day, journal_of
from guide_app.core.content_text import printable
from guide_app.core.i18n import ntr, tr

if TYPE_CHECKING:  # the loader and the journal load when the command runs
    from datetime import date

    from guide_app.core.adjustments import Adjustment
    from guide_app.core.handout import Handout
    from guide_app.core.loader import Library
    from guide_app.core.model import Programme
    from guide_app.core.people import Person

PROGRAMME_PREFIX = "programme:"


class _Stop(Exception):
    """The command can't go on: ``message`` says what to fix; ``code`` is its exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add ``handout`` to the ``guide-app`` sub-commands."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "handout",
        help=tr("write a printable handout for the patient: exercises, pictures, amounts"),
        description=tr(
            "Write the patient's handout of a programme's phase, or of one session: each "
            "exercise with its pictures, its steps, its amounts per side, how often, and "
            "when to stop."
        ),
    )
    parser.add_argument(
        "what",
        nargs="?",
        metavar="PROGRAMME_OR_SESSION",
        help=tr(
            "a programme id, a session id or an exercise id (default: the person's "
            "programme); programme:ID when a session has the same id"
        ),
    )
    parser.add_argument(
        "--phase",
        metavar="NAME",
        help=tr("the phase, by name or number (default: the person's phase today)"),
    )
    parser.add_argument("--affected", choices=("left", "right"), default=None)
    parser.add_argument("--weaker", choices=("left", "right"), default=None)
    parser.add_argument(
        "--person", metavar="NAME", help=tr("the person, by name, as the window lists them")
    )
    parser.add_argument(
        "--no-name", action="store_true", help=tr("leave the person's name off the handout")
    )
    add_data_dir(parser, "handout_data_dir")
    parser.add_argument(
        "--date",
        dest="day",
        type=day,
        metavar="DATE",
        help=tr("the day printed on it and the phase is worked out for (default: today)"),
    )
    parser.add_argument(
        "--pdf", type=Path, metavar="FILE", help=tr("write an A4 PDF to FILE (else: text)")
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from guide_app.core.history import StorageError

    try:
        handout = _handout(args)
    except _Stop as stop:
        print(printable(tr("guide-app handout: {problem}", problem=stop.message)), file=sys.stderr)
        return stop.code
    if args.pdf is None:
        sys.stdout.write(printable(_text(handout)))
        return 0
    from guide_app.ui.handout import save_handout_pdf  # Qt draws it: loaded only for --pdf

    try:
        pages = save_handout_pdf(handout, args.pdf)
    except StorageError as error:
        print(error.message, file=sys.stderr)
        return 1
    print(
        ntr(
            "wrote a {n}-page handout to {path}",
            "wrote a {n}-page handout to {path}",
            pages,
            path=args.pdf,
        ),
        file=sys.stderr,
    )
    return 0


def _text(handout: Handout) -> str:
    from guide_app.core.handout import as_text

    return as_text(handout)


def _today(args: argparse.Namespace) -> date:
    from guide_app.core.clock import MonotonicClock, today

    return args.day if args.day is not None else today(MonotonicClock())


def _person(args: argparse.Namespace) -> tuple[Person | None, list[Adjustment]]:
    """The person ``--person`` names, else the journal's first person, with the
    progressions they accepted; None when there is no journal and no name was given."""
    from guide_app.core.history import Journal, StorageError
    from guide_app.core.people import NoSuchPerson, find_person

    path = journal_of(args, "handout_data_dir")
    if not path.exists():
        if args.person:
            raise _Stop(
                tr(
                    "no people to look {name!r} up in: {path} does not exist (give "
                    "--data-dir DIR, the folder holding the history, or leave out --person)",
                    name=args.person,
                    path=path,
                )
            )
        return None, []
    try:
        with Journal(path) as journal:
            people = journal.people()
            if not args.person:
                person = people[0] if people else None
            else:
                try:
                    person = find_person(people, args.person)
                except NoSuchPerson as error:
                    raise _Stop(error.message) from None
            return person, journal.adjustments(person.row) if person is not None else []
    except StorageError as error:
        raise _Stop(error.message, 1) from None


def _handout(args: argparse.Namespace) -> Handout:
    from guide_app.core.choice import single_exercise_session
    from guide_app.core.handout import HandoutError, programme_handout, session_handout

    library = load(args)
    person, accepted = _person(args)
    day = _today(args)
    wanted = args.what or (person.programme_id if person is not None else None)
    if not wanted:
        raise _Stop(
            tr(
                "name a programme or a session (e.g. guide-app handout "
                "achilles-pain-monitoring); the person follows no programme"
            )
        )
    shown = not args.no_name
    programme = _programme(library, wanted)
    if programme is not None:
        try:
            return programme_handout(
                library,
                programme,
                day,
                phase=args.phase,
                person=person,
                affected=args.affected,
                weaker=args.weaker,
                show_name=shown,
                adjustments=accepted,  # the progressions accepted, as the window's handout
            )
        except HandoutError as error:
            raise _Stop(str(error)) from None
    if args.phase:
        raise _Stop(
            tr("--phase needs a programme, but {what!r} is a session or an exercise", what=wanted)
        )
    session = library.sessions.get(wanted)
    if session is None and wanted in library.exercises:
        session = single_exercise_session(library.exercises[wanted])
    if session is None:
        raise _Stop(_unknown(library, wanted))
    return session_handout(
        library,
        session,
        day,
        person=person,
        affected=args.affected,
        weaker=args.weaker,
        show_name=shown,
    )


def _programme(library: Library, wanted: str) -> Programme | None:
    """The programme ``wanted`` names (``programme:ID``, or an id no session has)."""
    if wanted.startswith(PROGRAMME_PREFIX):
        programme_id = wanted.removeprefix(PROGRAMME_PREFIX)
        if programme_id not in library.programmes:
            raise _Stop(_unknown(library, programme_id))
        return library.programmes[programme_id]
    if wanted in library.programmes and wanted not in library.sessions:
        return library.programmes[wanted]
    return None


def _unknown(library: Library, wanted: str) -> str:
    message = tr(
        "no programme, session or exercise {what!r} (programmes: {programmes}; sessions: "
        "see `guide-app list`)",
        what=wanted,
        programmes=", ".join(sorted(library.programmes)) or tr("none"),
    )
    problems = [str(p) for p in library.problems if wanted in str(p)]
    return "\n".join([message, *(f"  {p}" for p in problems)])
