"""``guide-app plan SESSION``: print a session's expansion as a script, or as JSON.

Every step in order with its start time, length (or "until key"; a range of seconds
as written, "30-45 s"), exercise, side, set, rep, tempo phase, load and effort (when the
session has any) and what is spoken, then the total time. Self-paced reps are timed at a
nominal pace for the start times and the total. ``--week N`` picks the rows of
week-by-week dosage.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from guide_app.cli.library import load
from guide_app.cli.options import add_data_dir, journal_of
from guide_app.core.content_text import printable
from guide_app.core.i18n import ntr, tr
from guide_app.core.sides import side_word

if TYPE_CHECKING:  # the planner loads when the command runs, not with the window
    from guide_app.core.plan import Plan, Step


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add ``plan`` to the ``guide-app`` sub-commands."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "plan",
        help=tr("print a session step by step, with times and what is spoken"),
        description=tr("Print a session's expansion as a script, or as JSON."),
    )
    parser.add_argument(
        "session",
        metavar="SESSION",
        help=tr("a session id, e.g. first-session, or an exercise id, e.g. clamshell"),
    )
    parser.add_argument("--affected-side", choices=("left", "right"), default=None)
    parser.add_argument("--weaker-side", choices=("left", "right"), default=None)
    parser.add_argument(
        "--week",
        type=_week,
        default=None,
        metavar="N",
        help=tr("the week of the phase, counted from 1, for week-by-week dosage"),
    )
    parser.add_argument(
        "--person",
        metavar="NAME_OR_ROW",
        default=None,
        help=tr("plan it for this person: their sides, week and the changes they accepted"),
    )
    add_data_dir(parser, "plan_data_dir")  # where --person is looked up
    parser.add_argument("--json", action="store_true", help=tr("print JSON instead of a script"))
    parser.set_defaults(func=run)
    return parser


def _week(text: str) -> int:
    try:
        week = int(text)
    except ValueError:
        week = 0
    if week < 1:
        raise argparse.ArgumentTypeError(
            tr("must be a week counted from 1, e.g. 3, not {text!r}", text=text)
        )
    return week


def run(args: argparse.Namespace) -> int:
    from guide_app.core.choice import single_exercise_session
    from guide_app.core.plan import PlanError, expand

    library = load(args)
    programmes, wanted = getattr(library, "programmes", {}), args.session
    if wanted.startswith("programme:") or (wanted in programmes and wanted not in library.sessions):
        from guide_app.cli.plan_programme import run_programme  # a programme, phase by phase

        return run_programme(args, library)
    session = library.sessions.get(args.session)
    if session is None and args.session in library.exercises:
        session = single_exercise_session(library.exercises[args.session])  # as `run` does
    if session is None:
        known = ", ".join(sorted(library.sessions)) or tr("none")
        print(
            tr(
                "guide-app plan: no session or exercise {session!r} (sessions: {known}; "
                "exercises: see `guide-app list`)",
                session=args.session,
                known=known,
            ),
            file=sys.stderr,
        )
        for problem in library.problems:
            if args.session in str(problem):
                print(printable(f"  {problem}"), file=sys.stderr)
        return 2
    try:
        if getattr(args, "person", None):
            found = _for_person(args, library, session)
            if found is None:
                return 2
            plan = found
        else:
            plan = expand(
                session,
                library.exercises,
                affected=args.affected_side,
                weaker=args.weaker_side,
                week=getattr(args, "week", None),
            )
    except PlanError as exc:
        print(
            printable(
                tr("guide-app plan: {session}: {problem}", session=args.session, problem=exc)
            ),
            file=sys.stderr,
        )
        return 1
    if args.json:
        import json

        json.dump(as_json(plan), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(printable(as_text(plan)))
    return 0


def _for_person(args: argparse.Namespace, library: Any, session: Any) -> Plan | None:
    """The plan of the person ``--person`` names, as their next session runs it: their
    sides, the week of their programme, the changes they accepted (None: said why not)."""
    from guide_app.core.adjustments import choice_for_person
    from guide_app.core.choice_plan import choice_plan
    from guide_app.core.clock import MonotonicClock, today
    from guide_app.core.history import Journal, StorageError
    from guide_app.core.people import NoSuchPerson, find_person

    path = journal_of(args, "plan_data_dir")
    if not path.exists():
        print(tr("guide-app plan: no history in {folder}", folder=path.parent), file=sys.stderr)
        return None
    try:
        with Journal(path) as journal:
            try:
                person = find_person(journal.people(), args.person)
            except NoSuchPerson as error:
                print("guide-app plan: " + error.message, file=sys.stderr)
                return None
            day = today(MonotonicClock())
            choice, week = choice_for_person(journal, library, session, person, day)
    except StorageError as exc:
        print(printable(tr("guide-app plan: {problem}", problem=exc.message)), file=sys.stderr)
        return None
    if args.affected_side or args.weaker_side:
        choice = replace(
            choice,
            affected=args.affected_side or choice.affected,
            weaker=args.weaker_side or choice.weaker,
        )
    return choice_plan(choice, library.exercises, getattr(args, "week", None) or week)


def _seconds(value: float) -> float | int:
    rounded = round(value, 3)
    return int(rounded) if rounded.is_integer() else rounded


def as_json(plan: Plan) -> dict[str, Any]:
    """The plan as ``{"session", "total_seconds", "steps": [...]}``."""
    steps = []
    for start, step in zip(plan.start_times(), plan.steps, strict=True):
        steps.append(
            {
                "start": _seconds(start),
                "duration": None if step.duration is None else _seconds(step.duration),
                "up_to": None if step.up_to is None else _seconds(step.up_to),
                "kind": step.kind.value,
                "exercise": step.exercise,
                "side": step.side.value if step.side else None,
                "set": step.set,
                "rep": step.rep,
                "load": step.load.text if step.load else None,
                "effort": str(step.effort) if step.effort else None,
                "say": step.say,
            }
        )
    return {
        "session": plan.session,
        "total_seconds": _seconds(plan.total_seconds()),
        "steps": steps,
    }


def clock_time(seconds: float) -> str:
    """``75`` -> '01:15'; tenths are shown when a tempo makes them matter ('01:15.5')."""
    minutes, rest = divmod(round(float(seconds), 1), 60)
    if rest.is_integer():
        return f"{int(minutes):02d}:{int(rest):02d}"
    return f"{int(minutes):02d}:{rest:04.1f}"


def _length(step: Step) -> str:
    if step.duration is None:
        return tr("until key")
    if step.up_to is not None and step.up_to != step.duration:
        from guide_app.core.amounts import Span

        return str(Span(low=step.duration, high=step.up_to))  # as written: "30-45 s"
    return tr("{seconds:g} s", seconds=step.duration)


def _load(step: Step) -> str:
    parts = [str(step.load)] if step.load else []
    if step.effort:
        parts.append(str(step.effort))
    return ", ".join(parts)


def _side(step: Step) -> str:
    parts = [side_word(step.side)] if step.side else []
    if step.direction:
        parts.append(tr("going {direction}", direction=step.direction))
    return ", ".join(parts)


def _set(step: Step) -> str:
    from guide_app.core.plan import StepKind

    if step.set is None or step.kind in (StepKind.MEASURE, StepKind.NOTE, StepKind.END):
        return ""
    text = f"{step.set}/{step.sets}"
    if step.round is not None:
        text = tr("r{round}/{rounds} {set}", round=step.round, rounds=step.rounds, set=text)
    return text


def _rep(step: Step) -> str:
    if step.rep is None:
        return ""
    text = f"{step.rep}/{step.reps}"
    if step.reps_range is not None and step.reps_range.low != step.reps_range.high:
        text += f" ({step.reps_range})"
    return text


def _what(step: Step) -> str:
    from guide_app.core.plan import StepKind

    if step.kind is StepKind.PHASE and step.phase:
        return tr("phase: {phase}", phase=step.phase)
    if step.kind is StepKind.MEASURE and step.measure_unit:
        return tr("measure ({unit})", unit=step.measure_unit)
    words = {
        StepKind.READY: tr("ready"),
        StepKind.REP: tr("rep"),
        StepKind.PHASE: tr("phase"),
        StepKind.HOLD: tr("hold"),
        StepKind.REST: tr("rest"),
        StepKind.SWITCH: tr("switch"),
        StepKind.MEASURE: tr("measure"),
        StepKind.NOTE: tr("note"),
        StepKind.WORK: tr("work"),
        StepKind.END: tr("end"),
    }
    return words[step.kind]


def as_text(plan: Plan) -> str:
    """The plan as a script a physiotherapist can read, one line per step."""
    loads = any(step.load or step.effort for step in plan.steps)  # a column when any
    header = [
        tr("start"),
        tr("length"),
        tr("step"),
        tr("exercise"),
        tr("side"),
        tr("set"),
        tr("rep"),
        *([tr("load")] if loads else []),
        tr("says"),
    ]
    rows: list[list[str]] = []
    for start, step in zip(plan.start_times(), plan.steps, strict=True):
        says = step.say
        rows.append(
            [
                clock_time(start),
                _length(step),
                _what(step),
                step.name or "",
                _side(step),
                _set(step),
                _rep(step),
                *([_load(step)] if loads else []),
                tr('"{says}"', says=says) if says else "",
            ]
        )
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header) - 1)]

    def line(cells: list[str]) -> str:
        padded = [cell.ljust(widths[c]) for c, cell in enumerate(cells[:-1])]
        return "  ".join([*padded, cells[-1]]).rstrip()

    not_given = tr("not given")
    out = [tr("Session script: {title} ({session})", title=plan.title, session=plan.session)]
    out.append(
        tr(
            "Affected side: {affected}. Weaker side: {weaker}.",
            affected=side_word(plan.affected) if plan.affected else not_given,
            weaker=side_word(plan.weaker) if plan.weaker else not_given,
        )
    )
    out.extend(tr("Warning: {warning}", warning=w) for w in plan.warnings)
    out.append("")
    out.append(line(header))
    out.extend(line(r) for r in rows)
    out.append("")
    out.append(
        tr(
            "Total: {time} ({steps}; self-paced reps timed at {rep_seconds:g} s each, "
            "other waits for a key at {wait_seconds:g} s)",
            time=clock_time(plan.total_seconds()),
            steps=ntr("{n} step", "{n} steps", len(plan.steps)),
            rep_seconds=plan.nominal_rep_seconds,
            wait_seconds=plan.nominal_wait_seconds,
        )
    )
    return "\n".join(out) + "\n"
