"""`guide-app plan SESSION`: print a session's expansion as a script, or as JSON.

Every step in order with its start time, length (or "until key"), exercise, side,
set, rep, tempo phase and what is spoken, then the total time. Self-paced reps are
timed at a nominal pace for the start times and the total.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the engine loads only when the command runs, not with the window
    from guide_app.core.model import Exercise, Session
    from guide_app.core.plan import Plan, Step


class _Library(Protocol):
    @property
    def exercises(self) -> dict[str, Exercise]: ...

    @property
    def sessions(self) -> dict[str, Session]: ...


def _load_library(args: argparse.Namespace) -> _Library:
    """The library the command line asks for (``--library``, the user's folder), or else
    the bundled one."""
    if hasattr(args, "library") and hasattr(args, "no_user_library"):
        from guide_app.cli import load

        return load(args)
    from guide_app.core.loader import bundled_root, load_library

    return load_library([bundled_root()])


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``plan`` command to an ``argparse`` sub-parser collection."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "plan",
        help="print a session step by step, with times and what is spoken",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument("session", metavar="SESSION", help="the session's id, e.g. first-session")
    parser.add_argument("--affected-side", choices=("left", "right"), default=None)
    parser.add_argument("--weaker-side", choices=("left", "right"), default=None)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a script")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from guide_app.core.plan import PlanError, expand

    library = _load_library(args)
    session = library.sessions.get(args.session)
    if session is None:
        known = ", ".join(sorted(library.sessions)) or "none"
        print(f"guide-app plan: no session {args.session!r} (sessions: {known})", file=sys.stderr)
        for problem in getattr(library, "problems", []):
            if args.session in str(problem):
                print(f"  {problem}", file=sys.stderr)
        return 2
    try:
        plan = expand(
            session, library.exercises, affected=args.affected_side, weaker=args.weaker_side
        )
    except PlanError as exc:
        print(f"guide-app plan: {args.session}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(as_json(plan), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(as_text(plan))
    return 0


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
                "kind": step.kind.value,
                "exercise": step.exercise,
                "side": step.side.value if step.side else None,
                "set": step.set,
                "rep": step.rep,
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
        return "until key"
    return f"{step.duration:g} s"


def _side(step: Step) -> str:
    parts = [step.side.value] if step.side else []
    if step.direction:
        parts.append(f"going {step.direction}")
    return ", ".join(parts)


def _set(step: Step) -> str:
    from guide_app.core.plan import StepKind

    if step.set is None or step.kind in (StepKind.MEASURE, StepKind.NOTE, StepKind.END):
        return ""
    text = f"{step.set}/{step.sets}"
    if step.round is not None:
        text = f"r{step.round}/{step.rounds} {text}"
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
        return f"phase: {step.phase}"
    if step.kind is StepKind.MEASURE and step.measure_unit:
        return f"measure ({step.measure_unit})"
    return step.kind.value


def as_text(plan: Plan) -> str:
    """The plan as a script a physiotherapist can read, one line per step."""
    header = ["start", "length", "step", "exercise", "side", "set", "rep", "says"]
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
                f'"{says}"' if says else "",
            ]
        )
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header) - 1)]

    def line(cells: list[str]) -> str:
        padded = [cell.ljust(widths[c]) for c, cell in enumerate(cells[:-1])]
        return "  ".join([*padded, cells[-1]]).rstrip()

    out = [f"Session script: {plan.title} ({plan.session})"]
    affected = plan.affected.value if plan.affected else "not given"
    weaker = plan.weaker.value if plan.weaker else "not given"
    out.append(f"Affected side: {affected}. Weaker side: {weaker}.")
    out.extend(f"Warning: {w}" for w in plan.warnings)
    out.append("")
    out.append(line(header))
    out.extend(line(r) for r in rows)
    out.append("")
    out.append(
        f"Total: {clock_time(plan.total_seconds())} ({len(plan.steps)} steps; self-paced reps "
        f"timed at {plan.nominal_rep_seconds:g} s each, other waits for a key at "
        f"{plan.nominal_wait_seconds:g} s)"
    )
    return "\n".join(out) + "\n"
