"""``guide-app reminders --ics FILE``: a person's schedule for the weeks ahead as a
calendar file (.ics), an event with an alarm at each of their reminder times."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guide_app.cli.library import load
from guide_app.cli.options import add_data_dir, journal_of
from guide_app.core.i18n import ntr, tr

if TYPE_CHECKING:  # loaded when the command runs, not with the window
    from guide_app.core.clock import Clock
    from guide_app.core.people import Person

WEEKS = 4


def _weeks(text: str) -> int:
    try:
        weeks = int(text)
    except ValueError:
        weeks = 0
    if not 1 <= weeks <= 104:
        raise argparse.ArgumentTypeError(
            tr("{text!r} is not a number of weeks from 1 to 104", text=text)
        )
    return weeks


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add ``reminders`` to the ``guide-app`` sub-commands."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "reminders",
        help=tr("write a person's reminders for the weeks ahead as a calendar file (.ics)"),
    )
    parser.add_argument(
        "--ics",
        required=True,
        metavar="FILE",
        help=tr("write the calendar to FILE (- for the screen)"),
    )
    parser.add_argument(
        "--person",
        metavar="NAME_OR_ROW",
        help=tr("whose reminders: a name, or the number the app gives the person (default: 1)"),
    )
    parser.add_argument(
        "--weeks",
        type=_weeks,
        default=WEEKS,
        metavar="N",
        help=tr("this many weeks from today or the person's start (default: {n})", n=WEEKS),
    )
    add_data_dir(parser, "reminders_data_dir")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace, clock: Clock | None = None) -> int:
    from guide_app.core.calendar_file import calendar_bytes, first_day, write_calendar
    from guide_app.core.clock import MonotonicClock, today
    from guide_app.core.history import Journal, StorageError
    from guide_app.core.people import NoSuchPerson, find_person

    path = journal_of(args, "reminders_data_dir")
    if not path.exists():  # nothing set up: say so without creating the journal
        print(
            tr(
                "No one has reminder times yet: {path} does not exist. Choose a programme "
                "and reminder times for a person in the app first.",
                path=path,
            ),
            file=sys.stderr,
        )
        return 1
    clock = clock or MonotonicClock()
    try:
        with Journal(path, clock) as journal:
            person = find_person(journal.people(), args.person or "1")
    except (StorageError, NoSuchPerson) as error:
        print(error.message, file=sys.stderr)
        return 1
    library = load(args)
    programme = library.programmes.get(person.programme_id or "")
    problem = _problem(person, person.programme_id, programme is not None)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    day = today(clock)

    def name_of(session_id: str) -> str | None:
        session = library.sessions.get(session_id)
        return session.title if session is not None else None

    if args.ics == "-":
        sys.stdout.buffer.write(
            calendar_bytes(person, programme, day, weeks=args.weeks, name_of=name_of)
        )
        sys.stdout.flush()
        return 0
    events = write_calendar(
        Path(args.ics), person, programme, day, weeks=args.weeks, name_of=name_of
    )
    span = ntr(
        "{n} week from {day}",
        "{n} weeks from {day}",
        args.weeks,
        day=first_day(person, day).isoformat(),
    )
    print(
        ntr(
            "wrote {n} reminder ({span}) to {path}",
            "wrote {n} reminders ({span}) to {path}",
            events,
            span=span,
            path=args.ics,
        ),
        file=sys.stderr,
    )
    return 0


def _problem(person: Person, programme_id: str | None, found: bool) -> str:
    """Why ``person`` has no calendar to write, or ""."""
    name = person.shown_name()
    if programme_id is None:
        return tr("{name} has no programme: choose one for them in the app first.", name=name)
    if not found:
        return tr("{name}'s programme {id} is not in the library.", name=name, id=programme_id)
    if not person.reminders:
        return tr(
            "{name} has no reminder times: choose them in the app first (e.g. 8:00, 18:30).",
            name=name,
        )
    return ""
