"""Progression for a person: the changes their programme offers once a rule is met, the
ones they accepted (or undid), and their sessions with those changes applied.

``offers`` looks at the rules of the person's current phase: each one met, and not
already accepted, is an ``Offer`` with the sentence why and the change in words. A rule
in words only ("add the band") is offered as advice: accepting it notes it in the
history and changes no plan. After a next-morning answer that went past the programme's
limit (``if_exceeded``: hold, step_down or stop) nothing is offered until a good one
(``held_words`` says why).

``accept`` keeps an offer in the journal's ``adjustments`` table with its reason;
``undo`` marks it undone (the row stays in the history). ``adjusted_session`` applies
the accepted changes, oldest first, to the blocks of each rule's exercise: ``sets``,
``reps``, ``hold`` and ``load`` replace the dosage's; ``add_load`` adds to the load in
force (same unit; a weight carried on body weight); ``band: next`` takes the next band
in the usual colour order; ``exercise`` swaps the exercise. A change is written into the
block's dosage, and into every week row and per-side entry that sets that field itself,
so it holds whatever the week or the side. A change that can't apply (a load in another
unit, the heaviest band, an exercise not in the library) is left out. ``phase: next``
moves the person on (``current_phase``).

A step down (the next-morning answer said so) makes one session one step lighter: the
last accepted change to a dose in that session is left out, or, with none, each
exercise does one set fewer (never below one). ``person_choice`` is what a session run
calls as a session of a programme starts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from guide_app.core.adjustment_store import MORNING, Adjustment
from guide_app.core.amounts import Load
from guide_app.core.choice import SessionChoice
from guide_app.core.choice_plan import phase_week
from guide_app.core.content_language import english, same
from guide_app.core.history import Journal, SessionLog, StorageError
from guide_app.core.history_records import SessionDetail
from guide_app.core.i18n import tr
from guide_app.core.loader import Library
from guide_app.core.model import (
    Change,
    CircuitBlock,
    Dosage,
    DosageFields,
    Exercise,
    ExerciseBlock,
    IntervalsBlock,
    Phase,
    Programme,
    ProgressionRule,
    Session,
)
from guide_app.core.people import Person
from guide_app.core.programme_words import NameOf, if_exceeded_words, then_words
from guide_app.core.progress import programme_position, rule_met

__all__ = [
    "Adjustment",
    "Offer",
    "accept",
    "accepted",
    "adjusted_session",
    "choice_for_person",
    "current_phase",
    "held_words",
    "offers",
    "person_choice",
    "rule_key",
    "step_down_due",
    "undo",
]

_DOSE = ("sets", "reps", "hold", "load", "add_load", "band")


def _as_is(exercise_id: str) -> str:
    return exercise_id


# --------------------------------------------------------------------------- offers


@dataclass(frozen=True, slots=True)
class Offer:
    """A met rule's change, offered to the person: ``reason`` says why (the rule's
    explanation), ``words`` the change; ``change`` is None for advice in words only."""

    key: str
    programme_id: str
    phase: str
    exercise: str | None
    exercise_name: str
    rule: ProgressionRule
    change: Change | None
    words: str
    reason: str

    @property
    def advice(self) -> bool:
        """Words only: accepting notes it; no plan changes."""
        return self.change is None


def rule_key(programme_id: str, phase: str, index: int, rule: ProgressionRule) -> str:
    """A rule's stable name: programme, phase, its place in the phase, and a short hash
    of what it says (a rule rewritten is a new rule); its texts and the phase in English,
    so a rule accepted in one language is the same rule in another."""
    said = _in_english(rule.model_dump(mode="json", exclude_none=True))
    digest = hashlib.sha256(json.dumps(said, sort_keys=True).encode("utf-8")).hexdigest()[:10]
    return f"{programme_id}/{english(phase)}/{index}/{digest}"


def _in_english(value: Any) -> Any:
    """``value`` (a rule as JSON) with each content text in its English."""
    if isinstance(value, str):
        return english(value)
    if isinstance(value, dict):
        return {k: _in_english(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_in_english(v) for v in value]
    return value


def current_phase(
    programme: Programme, person: Person, adjustments: Iterable[Adjustment], day: date
) -> Phase:
    """The person's phase on ``day``: the one their start date reaches
    (``programme_position``), or a later one an accepted ``phase: next`` moved them to."""
    phases = programme.phases
    position = programme_position(programme, person.started_on or day, day)
    index = phases.index(position.phase)
    for adjustment in adjustments:
        change = adjustment.change
        if (
            adjustment.active()
            and adjustment.programme_id == programme.id
            and change is not None
            and change.phase == "next"
        ):
            # the phase as the journal keeps it: in English (see ``accept``)
            left = next((n for n, p in enumerate(phases) if same(p.name, adjustment.phase)), None)
            if left is not None:
                index = max(index, left + 1)
    return phases[min(index, len(phases) - 1)]


def _last_morning(adjustments: Iterable[Adjustment], programme_id: str) -> Adjustment | None:
    found = [a for a in adjustments if a.is_morning and a.programme_id == programme_id]
    active = [a for a in found if a.active()]
    return active[-1] if active else None


def held_words(programme: Programme, adjustments: Iterable[Adjustment]) -> str:
    """Why no change is offered now (the last next-morning answer went past the limit,
    and the programme says to hold, step down or stop); empty when nothing holds it."""
    last = _last_morning(adjustments, programme.id)
    if last is None or not last.exceeded or last.action in (None, "carry_on"):
        return ""
    return tr(
        "No step up for now: pain had not settled by the morning after the last session "
        "(the programme says: {what}). The next step is offered after a morning when it has.",
        what=if_exceeded_words(last.action or "hold"),
    )


def offers(
    person: Person,
    programme: Programme,
    journal_logs: Journal | Iterable[SessionLog],
    accepted: Sequence[Adjustment],
    day: date,
    *,
    name_of: NameOf = _as_is,
    measured: Iterable[SessionDetail] | None = None,
) -> list[Offer]:
    """The changes the person's current phase offers on ``day``: each rule met (by the
    person's logs) whose change is not already accepted. None while a next-morning
    answer holds progression (``held_words``). ``accepted``: the person's rows of
    ``adjustments`` (undone ones are offered again when their rule is met). A journal
    given as the logs reads its own ``person``'s sessions."""
    if held_words(programme, accepted):
        return []
    phase = current_phase(programme, person, accepted, day)
    taken = {a.rule for a in accepted if a.active() and a.programme_id == programme.id}
    logs: Journal | list[SessionLog] = (
        journal_logs if isinstance(journal_logs, Journal) else list(journal_logs)
    )
    details = None if measured is None else list(measured)
    found: list[Offer] = []
    for index, progression in enumerate(phase.progression):
        rule = progression.rule
        if rule is None:
            continue
        key = rule_key(programme.id, phase.name, index, rule)
        if key in taken:
            continue
        status = rule_met(logs, rule, person.affected, measured=details)
        if not status.met:
            continue
        change = rule.then if isinstance(rule.then, Change) else None
        found.append(
            Offer(
                key=key,
                programme_id=programme.id,
                phase=phase.name,
                exercise=rule.exercise,
                exercise_name=name_of(rule.exercise) if rule.exercise else "",
                rule=rule,
                change=change,
                words=then_words(rule.then, name_of),
                reason=status.explanation,
            )
        )
    return found


# --------------------------------------------------------------------------- the journal


def accept(journal: Journal, person: Person, offer: Offer) -> Adjustment:
    """Keep ``offer`` as accepted by ``person``, its reason with it; from their next
    session on, their programme has the change (advice is only noted)."""
    return journal.add_adjustment(
        Adjustment(
            row=0,
            uid="",
            person=person.row,
            programme_id=offer.programme_id,
            rule=offer.key,
            reason=offer.reason,
            exercise=offer.exercise,
            phase=english(offer.phase),  # compared with the programme in any language
            change=offer.change,
            words=offer.words,
        )
    )


def undo(journal: Journal, adjustment: Adjustment) -> Adjustment:
    """Take an accepted change back: its row stays in the history, marked undone."""
    when = journal.undo_adjustment(adjustment.uid)
    return replace(adjustment, undone_at=when if when is not None else adjustment.undone_at)


def accepted(
    journal: Journal, person: Person | int, programme_id: str | None = None
) -> list[Adjustment]:
    """The progressions ``person`` accepted and has not undone, oldest first (of one
    programme when given). ``journal.adjustments`` gives every row, undone ones too."""
    row = person.row if isinstance(person, Person) else person
    return [a for a in journal.adjustments(row, programme_id) if not a.is_morning and a.active()]


def step_down_due(
    journal: Journal, person: int, programme_id: str, as_of: float | None = None
) -> bool:
    """Whether the person's session of the programme starting at ``as_of`` (None: now)
    is one step lighter: the last next-morning answer by then asked for a step down, and
    no session of the programme has started since it was given."""
    rows = [a for a in journal.adjustments(person, programme_id) if a.active(as_of)]
    last = _last_morning(rows, programme_id)
    if last is None or not last.exceeded or last.action != "step_down":
        return False
    return journal.sessions_between(person, programme_id, last.at, as_of) == 0


# --------------------------------------------------------------------------- applying

_Op = Callable[[DosageFields, Dosage | None, bool], DosageFields]
"""A change to one dosage: (the dosage, the exercise's own under a block's, whether it
is the block's own dosage, which takes every field the change names)."""


def _heavier(load: Load, change: Change) -> Load | None:
    """``load`` with ``add_load`` added, or the next band; None when it can't be."""
    if change.band == "next":
        return load.stepped(1) if load.unit == "band" else None
    add = change.add_load
    if add is None or load.unit == "band" or add.unit == "band":
        return None
    if load.unit == "bodyweight":
        fits = add.unit in ("kg", "lb") and load.carried in (None, add.unit)
        return load.stepped(1, add) if fits else None
    return load.stepped(1, add) if add.unit == load.unit else None


def _changing(change: Change) -> _Op:
    """The operation ``change`` makes on one dosage: a week row or a side's entry takes
    only the fields it sets itself; the block's own takes every one."""

    def op(dosage: DosageFields, base: Dosage | None, top: bool) -> DosageFields:
        update: dict[str, Any] = {}
        own = dosage.model_fields_set
        for name in ("sets", "reps", "hold", "load"):
            value = getattr(change, name)
            if value is not None and (top or name in own):
                update[name] = value
        if change.add_load is not None or change.band == "next":
            load = dosage.load if "load" in own else (base.load if top and base else None)
            heavier = _heavier(load, change) if load is not None else None
            if heavier is not None:
                update["load"] = heavier
        return dosage.model_copy(update=update) if update else dosage

    return op


def _one_set_fewer(dosage: DosageFields, base: Dosage | None, top: bool) -> DosageFields:
    own = dosage.model_fields_set
    sets = dosage.sets if "sets" in own else (base.sets if top and base else None)
    return dosage.model_copy(update={"sets": sets - 1}) if sets and sets > 1 else dosage


def _with_sides(dosage: Dosage, base: Dosage | None, op: _Op, top: bool) -> Dosage:
    """``op`` on a dosage and on the per-side entries in force under it."""
    new = op(dosage, base, top)
    assert isinstance(new, Dosage)
    per_side = dosage.per_side if "per_side" in dosage.model_fields_set else None
    if per_side is None and top and base is not None:
        per_side = base.per_side
    if per_side:
        sides = {key: op(entry, None, False) for key, entry in per_side.items()}
        if sides != per_side:
            new = new.model_copy(update={"per_side": sides})
    return new


def _block_changed(block: ExerciseBlock, exercise: Exercise | None, op: _Op) -> ExerciseBlock:
    base = exercise.dosage if exercise is not None else None
    before = block.dosage or Dosage()
    dosage = _with_sides(before, base, op, True)
    rows = block.by_week
    if rows:
        rows = tuple(
            row.model_copy(update={"dosage": _with_sides(row.dosage, None, op, False)})
            for row in rows
        )
    if dosage == before and rows == block.by_week:
        return block
    return block.model_copy(update={"dosage": dosage, "by_week": rows})


def _each_block(session: Session, edit: Callable[[ExerciseBlock, bool], ExerciseBlock]) -> Session:
    """``session`` with ``edit`` done to each exercise block, in circuits and intervals
    too (told so: a set there is a round's)."""

    def many(blocks: tuple[ExerciseBlock, ...]) -> tuple[ExerciseBlock, ...]:
        return tuple(edit(b, True) for b in blocks)

    blocks: list[Any] = []
    for block in session.blocks:
        if isinstance(block, ExerciseBlock):
            block = edit(block, False)
        elif isinstance(block, CircuitBlock):
            circuit = block.circuit.model_copy(update={"exercises": many(block.circuit.exercises)})
            block = block.model_copy(update={"circuit": circuit})
        elif isinstance(block, IntervalsBlock):
            inner = block.intervals
            intervals = inner.model_copy(update={"exercises": many(inner.exercises)})
            block = block.model_copy(update={"intervals": intervals})
        blocks.append(block)
    if blocks == list(session.blocks):
        return session
    return session.model_copy(update={"blocks": tuple(blocks)})


def _apply(session: Session, adjustment: Adjustment, exercises: Mapping[str, Exercise]) -> Session:
    change, wanted = adjustment.change, adjustment.exercise
    if change is None or wanted is None:
        return session
    op = _changing(change)
    swap = change.exercise if change.exercise in exercises else None

    def edit(block: ExerciseBlock, _grouped: bool) -> ExerciseBlock:
        if block.exercise != wanted:
            return block
        block = _block_changed(block, exercises.get(block.exercise), op)
        return block.model_copy(update={"exercise": swap}) if swap else block

    return _each_block(session, edit)


def _doses(adjustment: Adjustment) -> bool:
    change = adjustment.change
    return change is not None and any(getattr(change, f) is not None for f in _DOSE)


def adjusted_session(
    session: Session,
    adjustments: Sequence[Adjustment],
    exercises: Mapping[str, Exercise],
    *,
    step_down: bool = False,
) -> Session:
    """``session`` with the accepted, not undone, changes applied in order (see the
    module's words); with ``step_down`` one step lighter. The same object when nothing
    applies."""
    changes = [a for a in adjustments if not a.is_morning and a.active() and a.change]
    used = {block.exercise for block in session.exercise_blocks()}
    dosing = [a for a in changes if _doses(a) and a.exercise in used]
    if step_down and dosing:
        changes.remove(dosing[-1])  # one step back: the last change to this session's dose
    for adjustment in changes:
        session = _apply(session, adjustment, exercises)
    if step_down and not dosing:  # in a circuit only a block's own sets: a round is one set
        session = _each_block(
            session,
            lambda b, grouped: _block_changed(
                b, None if grouped else exercises.get(b.exercise), _one_set_fewer
            ),
        )
    return session


def choice_for_person(
    journal: Journal, library: Library, session: Session, person: Person, day: date
) -> tuple[SessionChoice, int | None]:
    """What the person's next run of ``session`` plans on ``day``: their sides, their
    programme's phase holding it (the current one first) and its week, with the changes
    they accepted; the week is None outside their programme."""
    programme = library.programmes.get(person.programme_id or "")
    choice = SessionChoice(
        session,
        affected=person.affected.value if person.affected else None,
        weaker=person.weaker.value if person.weaker else None,
        weaker_first=person.weaker_first,
        person=person.row,
    )
    if programme is None:
        return choice, None
    rows = journal.adjustments(person.row, programme.id)
    current = current_phase(programme, person, rows, day)
    holding = [p for p in (current, *programme.phases) if session.id in p.sessions]
    if not holding:
        return choice, None
    phase = holding[0]
    choice = replace(choice, programme_id=programme.id, phase=phase.name)
    week = phase_week(programme, phase.name, person.started_on or day, day)
    return person_choice(choice, library, journal), week


def person_choice(
    choice: SessionChoice, library: Library, journal: object, *, as_of: float | None = None
) -> SessionChoice:
    """``choice`` with its person's accepted changes of its programme, as they stood at
    ``as_of`` (a time stamp; None: now), and the step down a next-morning answer asked
    for. Unchanged outside a programme, without a journal that keeps adjustments, or
    when the journal can't be read (the session runs as written)."""
    if not choice.programme_id or not isinstance(journal, Journal):
        return choice
    person = choice.person or journal.person
    try:
        rows = [a for a in journal.adjustments(person, choice.programme_id) if a.active(as_of)]
        down = step_down_due(journal, person, choice.programme_id, as_of)
    except StorageError:
        return choice
    rows = [replace(a, undone_at=None) for a in rows if a.rule != MORNING]
    session = adjusted_session(choice.session, rows, library.exercises, step_down=down)
    return choice if session is choice.session else replace(choice, session=session)
