"""A session's outline for Home: duration, equipment and each exercise's dosage per side."""

from __future__ import annotations

from html import escape

from guide_app.core import locale_format
from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library
from guide_app.core.model import Session
from guide_app.core.plan import Plan, PlanError, Step, StepKind, expand
from guide_app.core.sides import Side

PAGE_LINK = "exercise:"  # an outline's link to an exercise's page: "exercise:clamshell"


def describe_session(
    library: Library, session: Session, affected: str | None, weaker: str | None
) -> str:
    """HTML: summary, estimated duration, equipment and the outline, side by side; each
    exercise's name links to its page (``PAGE_LINK`` and its id)."""
    try:
        plan = expand(session, library.exercises, affected=affected, weaker=weaker)
    except PlanError as exc:
        problem = escape(tr("This session cannot run:"))
        return f"<p><b>{problem}</b> {escape(str(exc))}</p>"
    equipment: list[str] = list(session.equipment)
    for exercise_id in session.exercise_ids():
        exercise = library.exercises.get(exercise_id)
        if exercise:
            equipment += [e for e in exercise.equipment if e not in equipment]

    # exercise -> side -> one amount per set (reps or hold)
    outline: dict[str, dict[Side, list[str]]] = {}
    ids: dict[str, str] = {}  # name -> the exercise whose page its link opens
    for step in plan.steps:
        if not step.exercise or not step.ends_set or step.side is None:
            continue
        name = step.name or step.exercise
        ids.setdefault(name, step.exercise)
        sides = outline.setdefault(name, {})
        sides.setdefault(step.side, []).append(_amount(step))

    rows = []
    for name, sides in outline.items():
        parts = []
        for side, amounts in sides.items():
            same = len(set(amounts)) == 1
            dose = tr("{sets} × {amount}", sets=len(amounts), amount=amounts[0])
            if not same:
                dose = " + ".join(amounts)
            parts.append(tr("{dose} {side}", dose=dose, side=_side_label(side)).strip())
        link = f"<a href='{PAGE_LINK}{escape(ids[name], quote=True)}'>{escape(name)}</a>"
        rows.append(f"<li><b>{link}</b> — {escape(tr('; ').join(parts))}</li>")
    warnings = "".join(f"<p><i>{escape(w)}</i></p>" for w in plan.warnings)
    summary = f"<p>{escape(session.summary)}</p>" if session.summary else ""
    notes = "".join(f"<p>⚠ {escape(n)}</p>" for n in session.notes)
    about = escape(_about(plan))
    facts = [ntr("{n} exercise", "{n} exercises", len(outline))]
    if equipment:
        facts.append(tr("equipment: {items}", items=tr(", ").join(equipment)))
    rest = escape("".join(f" · {fact}" for fact in facts))
    return f"{summary}<p><b>{about}</b>{rest}</p>{warnings}<ol>{''.join(rows)}</ol>{notes}"


def _amount(step: Step) -> str:
    """One set's amount: "20 reps", "8-12 steps", "30 s"."""
    if step.kind is StepKind.HOLD and step.reps in (None, 1) and step.hold:
        return tr("{seconds} s", seconds=locale_format.decimal(step.hold, 3))
    shown = str(step.reps_range or step.reps)
    n = step.reps_range.high if step.reps_range is not None else (step.reps or 0)
    if step.count_unit == "steps":
        return ntr("{count} step", "{count} steps", n, count=shown)
    if step.count_unit == "holds":
        return ntr("{count} hold", "{count} holds", n, count=shown)
    return ntr("{count} rep", "{count} reps", n, count=shown)


def _side_label(side: Side) -> str:
    if side is Side.LEFT:
        return tr("◀ left")
    if side is Side.RIGHT:
        return tr("right ▶")
    return ""


def minutes_words(
    library: Library, session: Session, affected: str | None, weaker: str | None
) -> str:
    """'About 4 min' for ``session`` with these sides, or "" when it cannot be planned."""
    try:
        plan = expand(session, library.exercises, affected=affected, weaker=weaker)
    except PlanError:
        return ""
    return _about(plan)


def _about(plan: Plan) -> str:
    """How long the plan takes, in whole minutes: 'About 4 min'."""
    return ntr("About {n} min", "About {n} min", max(1, round(plan.total_seconds() / 60)))
