"""A session's outline for Home: duration, equipment and each exercise's dosage per side."""

from __future__ import annotations

from collections import OrderedDict
from html import escape

from guide_app.core.loader import Library
from guide_app.core.model import Session
from guide_app.core.plan import PlanError, StepKind, expand


def describe_session(
    library: Library, session: Session, affected: str | None, weaker: str | None
) -> str:
    """HTML: summary, estimated duration, equipment and the outline, side by side."""
    try:
        plan = expand(session, library.exercises, affected=affected, weaker=weaker)
    except PlanError as exc:
        return f"<p><b>This session cannot run:</b> {escape(str(exc))}</p>"
    minutes = max(1, round(plan.total_seconds() / 60))
    equipment: list[str] = list(session.equipment)
    for exercise_id in session.exercise_ids():
        exercise = library.exercises.get(exercise_id)
        if exercise:
            equipment += [e for e in exercise.equipment if e not in equipment]

    # exercise -> side -> (sets, reps or hold)
    outline: OrderedDict[str, OrderedDict[str, list[str]]] = OrderedDict()
    for step in plan.steps:
        if not step.exercise or not step.ends_set or step.side is None:
            continue
        sides = outline.setdefault(step.name or step.exercise, OrderedDict())
        amount = (
            f"{step.hold:g} s"
            if step.kind is StepKind.HOLD and step.reps in (None, 1) and step.hold
            else f"{step.reps_range or step.reps} {step.count_unit or 'reps'}"
        )
        sides.setdefault(step.side.value, []).append(amount)

    rows = []
    for name, sides in outline.items():
        parts = []
        for side, amounts in sides.items():
            label = {"left": "◀ left", "right": "right ▶", "both": ""}.get(side, side)
            same = len(set(amounts)) == 1
            dose = f"{len(amounts)} × {amounts[0]}" if same else " + ".join(amounts)
            parts.append(f"{dose} {label}".strip())
        rows.append(f"<li><b>{escape(name)}</b> — {escape('; '.join(parts))}</li>")
    warnings = "".join(f"<p><i>{escape(w)}</i></p>" for w in plan.warnings)
    summary = f"<p>{escape(session.summary)}</p>" if session.summary else ""
    notes = "".join(f"<p>⚠ {escape(n)}</p>" for n in session.notes)
    return (
        f"{summary}<p><b>About {minutes} min</b> · {len(outline)} exercise(s)"
        + (f" · equipment: {escape(', '.join(equipment))}" if equipment else "")
        + f"</p>{warnings}<ol>{''.join(rows)}</ol>{notes}"
    )
