"""The patient's handout as plain data: a programme's phase (or one session) in words.

``programme_handout`` and ``session_handout`` gather what a printed sheet tells the person:
the programme's title, the phase and its goal, how often, the pain limits, and each
exercise with its pictures, its cues, its dosage per side in words ("Left (affected)
3 x 20, right 2 x 20"), and when to stop. The sides are the person's (or given), the
phase is the one they are in on ``today`` from their start date (or one named), and a
week-by-week dosage is the week of the phase they are in. With the person's rows of
adjustments, the phase and the sessions are theirs as Today and a session run have them:
a progression that moved them on, and the changes they accepted (``core/adjustments``).
``ui/handout`` draws it; the command line prints ``as_text``. Nothing here is drawn,
and logic never reads the words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from guide_app.core.adjustments import Adjustment, adjusted_session, current_phase
from guide_app.core.choice_plan import phase_week
from guide_app.core.content_language import english, shown
from guide_app.core.handout_words import (
    capital,
    dose_words,
    limits_words,
    load_words,
    side_label,
    sides_words,
    stop_box,
)
from guide_app.core.history_text import day_text
from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library
from guide_app.core.model import (
    CircuitBlock,
    Dosage,
    Exercise,
    ExerciseBlock,
    FirstSide,
    IntervalsBlock,
    MeasureBlock,
    NoteBlock,
    Phase,
    Programme,
    Session,
    Sides,
)
from guide_app.core.people import Person
from guide_app.core.placeholders import fill
from guide_app.core.plan import PlanError, expand
from guide_app.core.plan_sides import SideChoice, parse_side
from guide_app.core.plan_work import Assumed, alternates, sides
from guide_app.core.programme_words import frequency_words, listed
from guide_app.core.progress import programme_position
from guide_app.core.sides import Side, side_word

MAX_PICTURES = 3  # pictures per exercise on paper: start and end, or the first steps


class HandoutError(ValueError):
    """What was asked can't be made into a handout; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class HandoutPicture:
    """One picture as printed: the file, whether it is mirrored, and its caption."""

    path: Path
    mirrored: bool
    caption: str


@dataclass(frozen=True, slots=True)
class HandoutExercise:
    """One exercise of a session: its dosage per side in words and what to do.

    ``repeat`` is an exercise already shown earlier on the handout: its pictures and
    steps are not printed again."""

    exercise_id: str
    name: str
    dose: str
    details: tuple[str, ...] = ()
    note: str | None = None
    cues: tuple[str, ...] = ()
    stop_signs: tuple[str, ...] = ()
    pictures: tuple[HandoutPicture, ...] = ()
    pictures_show: str = ""
    repeat: bool = False


@dataclass(frozen=True, slots=True)
class HandoutNote:
    """A line between exercises: a note, a circuit's or intervals' heading, a measurement."""

    kind: str  # "note", "group" or "measure"
    text: str
    detail: str = ""


HandoutItem = HandoutExercise | HandoutNote


@dataclass(frozen=True, slots=True)
class HandoutSession:
    """One session of the phase, its items in order; ``problem`` when it can't be planned."""

    title: str
    items: tuple[HandoutItem, ...] = ()
    notes: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    problem: str | None = None

    @property
    def exercises(self) -> tuple[HandoutExercise, ...]:
        return tuple(i for i in self.items if isinstance(i, HandoutExercise))


@dataclass(frozen=True, slots=True)
class Handout:
    """Everything the printed handout says, as words and picture files."""

    title: str
    day: date
    phase: str = ""
    goal: str = ""
    week: int | None = None  # the programme week, counted from 1
    person: str = ""
    sides: str = ""
    how_often: str = ""
    pain: str = ""
    stop_if: tuple[str, ...] = ()
    sessions: tuple[HandoutSession, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    phase_week: int | None = None  # the week of the phase the dosage is for, from 1
    about: str = ""  # a single session's summary

    @property
    def exercises(self) -> tuple[HandoutExercise, ...]:
        return tuple(e for s in self.sessions for e in s.exercises)

    def footer(self) -> str:
        """The words at the foot of every page."""
        return " · ".join(x for x in (self.title, self.phase, day_text(self.day)) if x)


# --------------------------------------------------------------------------- exercises


def _pictures(
    exercise: Exercise, root: Path | None, side: Side | None
) -> tuple[tuple[HandoutPicture, ...], str]:
    """The exercise's pictures as printed, for ``side`` (mirrored when drawn for the other
    one), and the words saying which side they show."""
    if root is None:
        return (), ""
    drawn = exercise.pictures
    files: list[tuple[str, str]] = [(drawn.start, tr("Start"))]
    if drawn.end:
        files.append((drawn.end, tr("End")))
    elif drawn.steps:
        files = [(path, tr("Step {n}", n=n)) for n, path in enumerate(drawn.steps, start=1)]
    one_sided = exercise.sides is not Sides.BOTH and drawn.drawn_side != "both"
    mirrored = one_sided and side is not None and side.value != drawn.drawn_side
    shows = ""
    if one_sided:
        shown = side if side is not None else Side(drawn.drawn_side)
        shows = tr("The pictures show the {side} side.", side=side_word(shown))
    pictures = tuple(
        HandoutPicture(root / path, mirrored, caption) for path, caption in files[:MAX_PICTURES]
    )
    return pictures, shows


@dataclass
class _Maker:
    library: Library
    choice: SideChoice
    week: int | None
    seen: set[str]

    def exercise(
        self, block: ExerciseBlock, in_circuit: bool = False, interval: float | None = None
    ) -> HandoutExercise:
        exercise = self.library.exercises.get(block.exercise)
        if exercise is None:
            raise PlanError(
                tr(
                    "the session uses exercise {id!r}, which is not in the library",
                    id=block.exercise,
                )
            )
        own = block.week_dosage(self.week)
        dosage = exercise.dosage.merged(own)
        if in_circuit and not (own and "sets" in own.model_fields_set):
            dosage = dosage.model_copy(update={"sets": 1})  # one set a round, as planned
        details: tuple[str, ...] = ()
        if interval is not None:
            dose = self._interval_dose(exercise, dosage, interval)
        else:
            dose, details = dose_words(exercise, dosage, self.choice)
            if in_circuit:
                details = (tr("In each round."), *details)
        repeat = exercise.id in self.seen
        self.seen.add(exercise.id)
        entry = HandoutExercise(
            exercise_id=exercise.id,
            name=shown(exercise.name),  # marked when shown in English
            dose=dose,
            details=details,
            note=shown(block.note) if block.note else block.note,
            stop_signs=tuple(shown(fill(s, None, exercise.limb)) for s in exercise.stop_signs),
            repeat=repeat,
        )
        if repeat:
            return entry
        first = self._first_side(exercise, dosage)
        pictures, shows = _pictures(
            exercise, self.library.roots.get(("exercise", exercise.id)), first
        )
        cues = tuple(shown(fill(c.text, None, exercise.limb)) for c in exercise.cues)
        return replace(entry, cues=cues, pictures=pictures, pictures_show=shows)

    def _first_side(self, exercise: Exercise, dosage: Dosage) -> Side | None:
        """The side the pictures show: the first one worked, once the sides are known."""
        if exercise.sides is Sides.BOTH:
            return None
        if self.choice.affected is None and self.choice.weaker is None and not dosage.only:
            return None
        side = sides(exercise, dosage, self.choice, Assumed())[0][0]
        return side if side in (Side.LEFT, Side.RIGHT) else None

    def _interval_dose(self, exercise: Exercise, dosage: Dosage, work: float) -> str:
        seconds = tr("{n:g} s", n=work)
        planned = sides(exercise, dosage, self.choice, Assumed())
        if len(planned) == 1 or alternates(exercise, dosage):
            load = f" {load_words(dosage.load)}" if dosage.load is not None else ""
            return tr("{seconds} each interval{load}", seconds=seconds, load=load)
        order = listed([side_label(s, self.choice) for s, _ in planned])
        return capital(tr("{sides}: {seconds} each", sides=order, seconds=seconds))

    def session(self, session: Session) -> HandoutSession:
        items: list[HandoutItem] = []
        try:
            for block in session.blocks:
                items.extend(self._block(block))
        except (PlanError, ValueError) as exc:
            return HandoutSession(session.title, problem=str(exc))
        equipment = list(session.equipment)
        for item in items:
            if isinstance(item, HandoutExercise):
                found = self.library.exercises[item.exercise_id].equipment
                equipment += [e for e in found if e not in equipment]
        notes = tuple(shown(n) for n in session.notes)
        return HandoutSession(shown(session.title), tuple(items), notes, tuple(equipment))

    def _block(self, block: object) -> list[HandoutItem]:
        if isinstance(block, ExerciseBlock):
            return [self.exercise(block)]
        if isinstance(block, NoteBlock):
            return [HandoutNote("note", block.note)]
        if isinstance(block, CircuitBlock):
            circuit = block.circuit
            rounds = circuit.rounds
            heading = ntr(
                "{title}: {rounds} round, rest {rest:g} s between rounds",
                "{title}: {rounds} rounds, rest {rest:g} s between rounds",
                rounds.high,
                title=circuit.title or tr("Circuit"),
                rounds=str(rounds),
                rest=circuit.rest,
            )
            return [
                HandoutNote("group", heading),
                *(self.exercise(b, in_circuit=True) for b in circuit.exercises),
            ]
        if isinstance(block, IntervalsBlock):
            intervals = block.intervals
            heading = ntr(
                "{title}: {work:g} s work, {rest:g} s rest, {n} round",
                "{title}: {work:g} s work, {rest:g} s rest, {n} rounds",
                intervals.rounds,
                title=intervals.title or tr("Intervals"),
                work=intervals.work,
                rest=intervals.rest,
            )
            return [
                HandoutNote("group", heading),
                *(self.exercise(b, interval=intervals.work) for b in intervals.exercises),
            ]
        if isinstance(block, MeasureBlock):
            return [self._measure(block)]
        return []

    def _measure(self, block: MeasureBlock) -> HandoutNote:
        measure = block.measure
        where = ""
        if measure.only is not None:
            side = self.choice.only_side(measure.only, self.choice.affected)
            where = tr(", {side} side", side=side_label(side, self.choice))
        elif measure.per_side:
            where = tr(", each side")
        goal = ""
        if measure.goal is not None:
            low, high = measure.goal.at_least, measure.goal.at_most
            if low is not None and high is not None:
                goal = tr("aim: {low:g} to {high:g} {unit}", low=low, high=high, unit=measure.unit)
            elif low is not None:
                goal = tr("aim: at least {n:g} {unit}", n=low, unit=measure.unit)
            else:
                goal = tr("aim: at most {n:g} {unit}", n=high or 0.0, unit=measure.unit)
        text = tr("Note down: {name}{where}", name=measure.name, where=where)
        if goal:
            text = tr("{text} ({goal})", text=text, goal=goal)
        return HandoutNote("measure", text, measure.how or "")


# --------------------------------------------------------------------------- handouts


def _choice(
    person: Person | None, affected: Side | str | None, weaker: Side | str | None
) -> SideChoice:
    """The sides given, else the person's."""
    aff = parse_side(affected or (person.affected if person else None), "affected")
    weak = parse_side(weaker or (person.weaker if person else None), "weaker")
    first = FirstSide.AFFECTED if person is None or person.weaker_first else FirstSide.LEFT
    return SideChoice(aff, weak, first)


def _warnings(
    sessions: list[Session], library: Library, choice: SideChoice, week: int | None
) -> tuple[str, ...]:
    found: list[str] = []
    for session in sessions:
        try:
            plan = expand(
                session,
                library.exercises,
                affected=choice.affected,
                weaker=choice.weaker,
                first=choice.first,
                week=week,
            )
        except PlanError:
            continue  # the session says its own problem
        found += plan.warnings
    return tuple(dict.fromkeys(found))


def find_phase(programme: Programme, wanted: str) -> Phase:
    """The phase ``wanted`` names: its name (any case), its number from 1, or the start
    of its name ("Phase 2"); a ``HandoutError`` lists the phases otherwise."""
    key = wanted.strip().casefold()
    for phase in programme.phases:
        if key in (phase.name.casefold(), english(phase.name).casefold()):  # or in English
            return phase
    if key.isdigit() and 1 <= int(key) <= len(programme.phases):
        return programme.phases[int(key) - 1]
    starting = [p for p in programme.phases if p.name.casefold().startswith(key)]
    if key and len(starting) == 1:
        return starting[0]
    names = "; ".join(f"{n}: {p.name}" for n, p in enumerate(programme.phases, start=1))
    raise HandoutError(
        tr(
            "{programme} has no phase {phase!r}: give a phase's name or number ({names})",
            programme=programme.id,
            phase=wanted,
            names=names,
        )
    )


def programme_handout(
    library: Library,
    programme: Programme,
    today: date,
    *,
    phase: str | None = None,
    person: Person | None = None,
    affected: Side | str | None = None,
    weaker: Side | str | None = None,
    started_on: date | None = None,
    show_name: bool = True,
    adjustments: Sequence[Adjustment] = (),
) -> Handout:
    """The handout for ``programme``: the phase named, else the one the person is in on
    ``today`` from their start (``started_on``, else the person's when they follow this
    programme) or a progression moved them to, else the first; the sides given, else the
    person's. ``adjustments``: the person's rows (``Journal.adjustments``); the changes
    they accepted in this programme are in its sessions, as a session run has them."""
    choice = _choice(person, affected, weaker)
    if started_on is None and person is not None and person.programme_id in (None, programme.id):
        started_on = person.started_on
    begun = started_on if started_on is not None and started_on <= today else None
    current, week, in_phase = programme.phases[0], None, 1
    if begun is not None:
        current, programme_week = programme_position(programme, begun, today)
        week = programme_week + 1  # shown counted from 1
    if person is not None and adjustments:  # a progression may have moved them on
        current = current_phase(
            programme, replace(person, started_on=started_on), adjustments, today
        )
    if begun is not None:
        in_phase = phase_week(programme, current.name, begun, today)
    chosen = find_phase(programme, phase) if phase is not None else current
    if chosen is not current:
        week, in_phase = None, 1  # another phase than today's: its first week
    accepted = [a for a in adjustments if a.programme_id == programme.id]
    sessions = [
        adjusted_session(library.sessions[s], accepted, library.exercises)
        for s in chosen.sessions
        if s in library.sessions
    ]
    maker = _Maker(library, choice, in_phase, set())
    made = [maker.session(s) for s in sessions]
    missing = [s for s in chosen.sessions if s not in library.sessions]
    made += [
        HandoutSession(s, problem=tr("the session {id!r} is not in the library", id=s))
        for s in missing
    ]
    pain = chosen.pain or programme.pain
    has_weeks = any(
        isinstance(b, ExerciseBlock) and b.by_week for s in sessions for b in s.exercise_blocks()
    )
    return Handout(
        title=shown(programme.title),
        day=today,
        phase=shown(chosen.name),
        goal=shown(chosen.goal or ""),
        week=week,
        person=person.name if person is not None and show_name else "",
        sides=sides_words(choice),
        how_often=frequency_words(chosen.frequency),
        pain=limits_words(pain) if pain is not None else "",
        stop_if=stop_box(pain),
        sessions=tuple(made),
        notes=tuple(shown(n) for n in programme.notes),
        warnings=_warnings(sessions, library, choice, in_phase),
        phase_week=in_phase if has_weeks else None,
    )


def session_handout(
    library: Library,
    session: Session,
    today: date,
    *,
    person: Person | None = None,
    affected: Side | str | None = None,
    weaker: Side | str | None = None,
    show_name: bool = True,
) -> Handout:
    """The handout for one session, outside a programme: its exercises for the sides
    given (else the person's), and its own pain limits."""
    choice = _choice(person, affected, weaker)
    made = _Maker(library, choice, None, set()).session(session)
    return Handout(
        title=shown(session.title),
        day=today,
        about=shown(session.summary or ""),
        person=person.name if person is not None and show_name else "",
        sides=sides_words(choice),
        pain=limits_words(session.pain) if session.pain is not None else "",
        stop_if=stop_box(session.pain),
        sessions=(HandoutSession(made.title, made.items, (), made.equipment, made.problem),),
        notes=tuple(shown(n) for n in session.notes),
        warnings=_warnings([session], library, choice, None),
    )


def handout_for(
    library: Library,
    today: date,
    *,
    person: Person | None = None,
    programme_id: str | None = None,
    phase: str | None = None,
    session_id: str | None = None,
    show_name: bool = True,
    adjustments: Sequence[Adjustment] = (),
) -> Handout:
    """The handout the window prints: the programme chosen (in ``phase``, else the
    person's phase today), else the session chosen, else the person's programme, with
    the person's ``adjustments`` (see ``programme_handout``). A ``HandoutError`` says
    what is missing."""
    wanted = programme_id or (None if session_id else person and person.programme_id)
    if wanted:
        programme = library.programmes.get(wanted)
        if programme is None:
            raise HandoutError(tr("the programme {id!r} is not in the library", id=wanted))
        return programme_handout(
            library,
            programme,
            today,
            phase=phase,
            person=person,
            show_name=show_name,
            adjustments=adjustments,
        )
    session = library.sessions.get(session_id or "")
    if session is None:
        raise HandoutError(tr("choose a programme or a session to print a handout for"))
    return session_handout(library, session, today, person=person, show_name=show_name)


# --------------------------------------------------------------------------- text


def as_text(handout: Handout) -> str:
    """The handout as plain text, in the order it is printed."""
    out = [handout.title]
    if handout.phase:
        out.append(handout.phase)
    if handout.goal:
        out.append(tr("Goal: {goal}", goal=handout.goal))
    if handout.about:
        out.append(handout.about)
    facts = []
    if handout.person:
        facts.append(tr("For: {name}", name=handout.person))
    facts.append(tr("Date: {day}", day=day_text(handout.day)))
    if handout.week is not None:
        facts.append(tr("Week {n} of the programme", n=handout.week))
    out.append(" · ".join(facts))
    if handout.sides:
        out.append(handout.sides)
    if handout.how_often:
        out.append(tr("How often: {often}", often=handout.how_often))
    if handout.pain:
        out.append(tr("Pain limits: {pain}", pain=handout.pain))
    out.append(tr("Stop and contact your clinician if:"))
    out += [f"  - {item}" for item in handout.stop_if]
    out += [f"! {w}" for w in handout.warnings]
    if handout.phase_week is not None:
        out.append(tr("Dosage for week {n} of this phase.", n=handout.phase_week))
    for session in handout.sessions:
        out += ["", session.title]
        if session.problem:
            out.append(tr("Cannot be planned: {problem}", problem=session.problem))
        if session.equipment:
            out.append(tr("You need: {items}", items=", ".join(session.equipment)))
        out += [f"  {note}" for note in session.notes]
        number = 0
        for item in session.items:
            if isinstance(item, HandoutNote):
                out.append(f"  {item.text}")
                if item.detail:
                    out.append(f"    {item.detail}")
                continue
            number += 1
            out.append(f"  {number}. {item.name}: {item.dose}")
            out += [f"     {line}" for line in (*item.details, *(item.note or "",)) if line]
            out += [f"     - {cue}" for cue in item.cues]
            if item.repeat:
                out.append("     " + tr("Steps and pictures: as above."))
            if item.stop_signs:
                out.append("     " + tr("Stop if: {signs}", signs=" ".join(item.stop_signs)))
    return "\n".join(out) + "\n"
