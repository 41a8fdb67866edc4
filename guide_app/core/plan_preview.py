"""A session's plan in brief, for the editor beside it: how long it takes, how many
steps, and what is said, in order.

``preview`` expands the session as ``guide-app plan`` does (``plan.expand``) and keeps
what a person writing the session wants to see while typing: the total time, the
number of steps, and each thing said with when it is said, for which exercise and
side. A session that cannot be planned yet (an exercise not in the library, a dosage
that is not complete) gives the reason instead of an error, so the editor can show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from guide_app.core.i18n import ntr, tr
from guide_app.core.model import Exercise, Session
from guide_app.core.plan import PlanError, StepKind, expand
from guide_app.core.sides import Side, side_word


@dataclass(frozen=True, slots=True)
class SaidLine:
    """One thing said: when (seconds from the start), for which exercise and side."""

    start: float
    kind: StepKind
    name: str | None
    side: str | None  # the side as a word ("left"), or None
    say: str


@dataclass(frozen=True, slots=True)
class Preview:
    """The plan in brief, or why there is none (``error``)."""

    total_seconds: float = 0.0
    steps: int = 0
    lines: tuple[SaidLine, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def heading(self) -> str:
        """'Total 29:00, 299 steps', or why there is no plan."""
        if self.error is not None:
            return tr("No plan yet: {problem}", problem=self.error)
        return tr(
            "Total {time}, {steps}",
            time=clock(self.total_seconds),
            steps=ntr("{n} step", "{n} steps", self.steps),
        )

    def text(self) -> str:
        """The preview as lines of text: the heading, then each thing said."""
        out = [self.heading()]
        out.extend(tr("Warning: {warning}", warning=w) for w in self.warnings)
        for line in self.lines:
            out.append(
                tr(
                    "{time}  {who}: {say}",
                    time=clock(line.start),
                    who=who(line),
                    say=line.say,
                )
            )
        return "\n".join(out) + "\n"


def clock(seconds: float) -> str:
    """``75`` -> '01:15'; an hour or more -> '1:01:15'."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def who(line: SaidLine) -> str:
    """Whose line it is: 'Clamshell, left', 'Clamshell', or 'Note' when no exercise."""
    if line.name and line.side:
        return tr("{name}, {side}", name=line.name, side=line.side)
    if line.name:
        return line.name
    if line.kind is StepKind.NOTE:
        return tr("Note")
    if line.kind is StepKind.END:
        return tr("End")
    return tr("Session")


def preview(
    session: Session,
    exercises: Mapping[str, Exercise],
    affected: Side | str | None = None,
    weaker: Side | str | None = None,
) -> Preview:
    """The plan of ``session`` in brief for a person with these sides; never raises on
    a session that cannot be planned: the preview carries the reason instead."""
    missing = [i for i in dict.fromkeys(session.exercise_ids()) if i not in exercises]
    if missing:
        return Preview(
            error=tr(
                "exercise {id!r} is not in the library",
                id=missing[0],
            )
        )
    try:
        plan = expand(session, exercises, affected=affected, weaker=weaker)
    except PlanError as exc:
        return Preview(error=str(exc))
    lines = tuple(
        SaidLine(start, step.kind, step.name, side_word(step.side) if step.side else None, step.say)
        for start, step in zip(plan.start_times(), plan.steps, strict=True)
        if step.say
    )
    return Preview(plan.total_seconds(), len(plan.steps), lines, plan.warnings)
