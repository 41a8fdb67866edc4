"""A programme's progression rules checked against the library: what a rule tests and what
its ``then`` changes must exist and fit.

The loader reports each problem at its file and line (``(location, message)`` pairs, as
``content_errors.dosage_conflicts`` gives them); the programme still loads. Checked: the
rule's exercise and a change's ``exercise`` are in the library; ``phase: next`` is not on
the last phase; a rule's or change's load (``load``, ``add_load``, ``band: next``) is in
the unit the exercise is loaded in, when its dosage gives one; a rule's ``measure`` names
a measurement one of the programme's sessions takes; a change of dosage has an exercise
to change.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from pathlib import Path

from guide_app.core.content_errors import id_hint
from guide_app.core.i18n import tr
from guide_app.core.model import (
    Change,
    Dosage,
    Exercise,
    MeasureBlock,
    Programme,
    ProgressionRule,
    Session,
)

Loc = tuple[str | int, ...]
_UNIT_WORDS = ("kg", "lb", "level", "band", "bodyweight")


def _unit_word(unit: str) -> str:
    words = {
        "kg": tr("kg"),
        "lb": tr("lb"),
        "level": tr("levels"),
        "band": tr("band"),
        "bodyweight": tr("body weight"),
    }
    return words.get(unit, unit)


def _not_there(
    wanted: str, exercises: Mapping[str, Exercise], failed: Mapping[tuple[str, str], Path]
) -> str:
    """Why an exercise a rule names is not there: it did not load, or does not exist."""
    broken = failed.get(("exercise", wanted))
    if broken is not None:
        return tr(
            "exercise {id!r} did not load: fix the problems in {file} (see above)",
            id=wanted,
            file=broken,
        )
    suggestion = id_hint(wanted, exercises)
    return tr(
        "exercise {id!r} is not in the library: {suggestion}", id=wanted, suggestion=suggestion
    )


def _dosage_units(dosage: Dosage | None) -> set[str]:
    if dosage is None:
        return set()
    units: set[str] = {dosage.load.unit} if dosage.load is not None else set()
    for side in (dosage.per_side or {}).values():
        if side.load is not None:
            units.add(side.load.unit)
    return units


def load_units(exercise_id: str, exercise: Exercise, sessions: list[Session]) -> set[str]:
    """The units the exercise is loaded in: its own dosage's, and those the sessions give it
    (block dosage and week rows)."""
    units = _dosage_units(exercise.dosage)
    for session in sessions:
        for block in session.exercise_blocks():
            if block.exercise == exercise_id:
                units |= _dosage_units(block.dosage)
                units |= {u for row in block.by_week or () for u in _dosage_units(row.dosage)}
    return units


def _measured_names(sessions: list[Session]) -> list[str]:
    return list(
        dict.fromkeys(
            b.measure.name for s in sessions for b in s.blocks if isinstance(b, MeasureBlock)
        )
    )


def _load_fits(field: str, unit: str, exercise_id: str, units: set[str]) -> str | None:
    if not units or unit in units:
        return None
    if unit in ("kg", "lb") and "bodyweight" in units:
        return None  # body weight carrying a weight: a backpack or a vest
    return tr(
        "{field} is in {unit} but {exercise} is loaded in {units}: give them one unit",
        field=field,
        unit=_unit_word(unit),
        exercise=exercise_id,
        units=", ".join(_unit_word(u) for u in _UNIT_WORDS if u in units),
    )


def _change_problems(
    change: Change,
    rule: ProgressionRule,
    last_phase: bool,
    exercises: Mapping[str, Exercise],
    sessions: list[Session],
    failed: Mapping[tuple[str, str], Path],
) -> Iterator[tuple[Loc, str]]:
    if change.exercise is not None and change.exercise not in exercises:
        yield ("exercise",), _not_there(change.exercise, exercises, failed)
    if change.phase == "next" and last_phase:
        yield ("phase",), tr("phase: next is on the last phase: there is no next phase to go on to")
    target = change.exercise or rule.exercise
    doses = ("sets", "reps", "hold", "load", "add_load", "band")
    if target is None:
        given = [f for f in doses if getattr(change, f) is not None]
        if given:
            yield (
                (given[0],),
                tr(
                    "{field} changes an exercise's dosage, but the rule names no exercise: "
                    "give the rule's exercise or then.exercise",
                    field=f"then.{given[0]}",
                ),
            )
        return
    if change.add_load is not None and change.add_load.unit in ("band", "bodyweight"):
        yield (
            ("add_load",),
            tr("then.add_load is an amount, e.g. 2.5 kg; for the next band write band: next"),
        )
        return
    exercise = exercises.get(target)
    units = load_units(target, exercise, sessions) if exercise is not None else set()
    for field in ("load", "add_load"):
        load = getattr(change, field)
        if load is not None:
            problem = _load_fits(f"then.{field}", load.unit, target, units)
            if problem:
                yield (field,), problem
    if change.band == "next" and units and "band" not in units:
        yield (
            ("band",),
            tr(
                "then.band: next moves to the next band, but {exercise} is loaded in {units}",
                exercise=target,
                units=", ".join(_unit_word(u) for u in _UNIT_WORDS if u in units),
            ),
        )


def _rule_problems(
    rule: ProgressionRule,
    last_phase: bool,
    exercises: Mapping[str, Exercise],
    sessions: list[Session],
    failed: Mapping[tuple[str, str], Path],
) -> Iterator[tuple[Loc, str]]:
    if rule.exercise is not None:
        exercise = exercises.get(rule.exercise)
        if exercise is None:
            yield ("exercise",), _not_there(rule.exercise, exercises, failed)
        elif rule.load is not None:
            units = load_units(rule.exercise, exercise, sessions)
            problem = _load_fits("load", rule.load.unit, rule.exercise, units)
            if problem:
                yield ("load",), problem
    if rule.measure is not None:
        names = _measured_names(sessions)
        if rule.measure.name.casefold() not in {n.casefold() for n in names}:
            close = difflib.get_close_matches(rule.measure.name, names, n=1, cutoff=0.6)
            yield (
                ("measure", "name"),
                tr(
                    "no session of this programme measures {name!r}: {known}",
                    name=rule.measure.name,
                    known=tr("did you mean {name!r}?", name=close[0])
                    if close
                    else tr("its sessions measure {names}", names=", ".join(map(repr, names)))
                    if names
                    else tr("its sessions take no measurements"),
                ),
            )
    if isinstance(rule.then, Change):
        for loc, message in _change_problems(
            rule.then, rule, last_phase, exercises, sessions, failed
        ):
            yield ("then", *loc), message


def rule_problems(
    programme: Programme,
    exercises: Mapping[str, Exercise],
    sessions: Mapping[str, Session],
    failed: Mapping[tuple[str, str], Path],
) -> list[tuple[Loc, str]]:
    """Every problem with the programme's progression rules, at its place in the file."""
    used = [
        sessions[s]
        for phase in programme.phases
        for s in dict.fromkeys(phase.sessions)
        if s in sessions
    ]
    found: list[tuple[Loc, str]] = []
    last = len(programme.phases) - 1
    for i, phase in enumerate(programme.phases):
        for j, progression in enumerate(phase.progression):
            if progression.rule is None:
                continue
            base: Loc = ("phases", i, "progression", j, "rule")
            for loc, message in _rule_problems(
                progression.rule, i == last, exercises, used, failed
            ):
                found.append(((*base, *loc), message))
    return found
