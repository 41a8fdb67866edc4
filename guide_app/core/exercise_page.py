"""An exercise's whole page as plain data: what a person reads before doing it alone.

``exercise_page`` gathers every field of an exercise's file that a person reads: its
name and summary, its pictures (start and end, or its steps), its usual dosage in words,
the facts (position, equipment, where to feel it, what else it works, sides, level,
kind), the numbered steps, when to stop, the tips, the questions and answers, how to
make it easier or harder, and where it comes from. ``page_movement`` is the figure's
loop for the page: one rep at the exercise's own pace, again and again.

Labels are worded through the translation layer and content is marked where it is
shown in English (``shown``); ``ui/exercise_page`` draws it. Nothing here is drawn, and
logic never reads the words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from guide_app.core.content_language import shown
from guide_app.core.handout_words import amount_words, capital, dose_words, extra_words
from guide_app.core.i18n import tr
from guide_app.core.model import Dosage, Exercise, Pace, Sides
from guide_app.core.motion import LOOP_REST, Movement, tempo_keys
from guide_app.core.placeholders import fill, limb_word
from guide_app.core.plan_sides import SideChoice
from guide_app.core.plan_work import PlanError
from guide_app.core.sides import Side, side_word

PAGE_MOVE = 1.5  # seconds one way of the page's movement when the dosage sets no tempo
PAGE_HOLD = 1.0  # seconds at the end pose in between
PAGE_WAIT = 1.2  # seconds at the start pose before it goes again


@dataclass(frozen=True, slots=True)
class PagePicture:
    """One picture of the page: the file and its caption ("Start", "End", "Step 2")."""

    path: Path
    caption: str


@dataclass(frozen=True, slots=True)
class Fact:
    """One line of the page's facts: 'Position: lying on your side'."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Question:
    q: str
    a: str


@dataclass(frozen=True, slots=True)
class ExercisePage:
    """Everything the page says of one exercise, in words and picture files.

    ``mirrored``: the pictures are shown for the other side than they are drawn for;
    ``side`` is the side they show then (None: as drawn). ``problem`` says why the
    dosage could not be put in words (the rest of the page is still there)."""

    exercise_id: str
    name: str
    summary: str
    dose: str = ""
    dose_details: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    steps: tuple[str, ...] = ()
    stop_signs: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    easier: tuple[str, ...] = ()
    harder: tuple[str, ...] = ()
    pictures: tuple[PagePicture, ...] = ()
    pictures_show: str = ""
    mirrored: bool = False
    side: Side | None = None
    source: str = ""
    problem: str | None = None


def exercise_page(
    exercise: Exercise,
    root: Path | None,
    *,
    choice: SideChoice | None = None,
    side: Side | None = None,
) -> ExercisePage:
    """The page of ``exercise``, its pictures under ``root`` (None: no pictures), the
    dosage for the person's sides (``choice``), the pictures and the words filled for
    ``side`` (the side being worked, in a session; None: as drawn)."""
    choice = choice if choice is not None else SideChoice()
    worked = side if side in (Side.LEFT, Side.RIGHT) else None

    def text(value: str) -> str:
        return shown(fill(value, worked, exercise.limb))

    def texts(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(text(v) for v in values)

    problem = None
    try:
        dose, details = _dose(exercise, choice)
    except (PlanError, ValueError) as exc:
        dose, details, problem = "", (), str(exc)
    pictures, shows, mirrored, shown_side = _pictures(exercise, root, worked)
    return ExercisePage(
        exercise_id=exercise.id,
        name=shown(exercise.name),
        summary=text(exercise.summary),
        dose=dose,
        dose_details=details,
        facts=_facts(exercise, text),
        steps=tuple(text(c.text) for c in exercise.cues),
        stop_signs=texts(exercise.stop_signs),
        tips=texts(exercise.tips),
        questions=tuple(Question(text(f.q), text(f.a)) for f in exercise.faq),
        easier=texts(exercise.regressions),
        harder=texts(exercise.progressions),
        pictures=pictures,
        pictures_show=shows,
        mirrored=mirrored,
        side=shown_side,
        source=_source(exercise),
        problem=problem,
    )


def page_movement(exercise: Exercise) -> Movement:
    """One rep of ``exercise`` on a loop: on the beat of its tempo when its dosage has
    one, else out, a moment at the end pose, back, and a wait."""
    dosage = exercise.dosage
    phases = [(p.name, p.seconds) for p in dosage.tempo or () if p.seconds > 0]
    if phases and dosage.effective_pace is Pace.TEMPO:
        keys = tempo_keys(phases)
        return Movement(tuple(keys), loop=keys[-1][0] + LOOP_REST + PAGE_WAIT)
    out, hold = PAGE_MOVE, PAGE_HOLD
    keys = [(0.0, 0.0), (out, 1.0), (out + hold, 1.0), (2 * out + hold, 0.0)]
    return Movement(tuple(keys), loop=2 * out + hold + PAGE_WAIT)


# --------------------------------------------------------------------------- parts


def _dose(exercise: Exercise, choice: SideChoice) -> tuple[str, tuple[str, ...]]:
    """The usual dosage in words: '2 × 10 each side' when the sides do the same, the
    sides' own amounts when they differ (for the person's sides when they are known)."""
    dosage = exercise.dosage
    if exercise.sides is Sides.BOTH:
        return capital(amount_words(dosage)), extra_words(dosage)
    alternate = (tr("The sides take turns, rep by rep."),)
    turns = alternate if exercise.sides is Sides.ALTERNATING else ()
    known = choice.affected is not None or choice.weaker is not None
    per_side = dosage.per_side or {}
    if not per_side and not dosage.only:
        dose_words(exercise, dosage, choice)  # raises for a dosage that can't be run
        each = tr("{dose} each side", dose=amount_words(dosage))
        return capital(each), turns + extra_words(dosage)
    if not known and set(per_side) <= {"affected", "unaffected"} and not dosage.only:
        dose_words(exercise, dosage, choice)
        parts = [
            tr("{side} {dose}", side=label, dose=amount_words(_side_dosage(dosage, key)))
            for key, label in (
                ("affected", tr("affected side")),
                ("unaffected", tr("other side")),
            )
        ]
        return capital(", ".join(parts)), turns + extra_words(dosage)
    return dose_words(exercise, dosage, choice)


def _side_dosage(dosage: Dosage, key: str) -> Dosage:
    own = (dosage.per_side or {}).get(key)  # type: ignore[call-overload]
    return dosage.merged(own).model_copy(update={"per_side": None})


def _facts(exercise: Exercise, text: Callable[[str], str]) -> tuple[Fact, ...]:
    facts = [Fact(tr("Position"), text(exercise.position))]
    if exercise.equipment:
        facts.append(Fact(tr("Equipment"), _words(exercise.equipment)))
    if exercise.targets:
        facts.append(Fact(tr("Where to feel it"), _words(exercise.targets)))
    if exercise.secondary_targets:
        facts.append(Fact(tr("Also works"), _words(exercise.secondary_targets)))
    facts.append(Fact(tr("Sides"), _sides(exercise)))
    if exercise.level is not None:
        facts.append(Fact(tr("Level"), level_word(exercise.level)))
    if exercise.category is not None:
        facts.append(Fact(tr("Kind"), category_word(exercise.category)))
    return tuple(facts)


def _words(values: tuple[str, ...]) -> str:
    return tr(", ").join(shown(v) for v in values)


def _sides(exercise: Exercise) -> str:
    limb = f" ({limb_word(exercise.limb)})" if exercise.limb else ""
    if exercise.sides is Sides.BOTH:
        return tr("both sides together")
    if exercise.sides is Sides.ALTERNATING:
        return tr("left and right take turns{limb}", limb=limb)
    return tr("one side at a time{limb}", limb=limb)


def level_word(level: str) -> str:
    """'beginner', 'intermediate', 'advanced', as the page and the editor say them."""
    words = {
        "beginner": tr("beginner"),
        "intermediate": tr("intermediate"),
        "advanced": tr("advanced"),
    }
    return words.get(level, level)


def category_word(category: str) -> str:
    """The kind of exercise as a word: 'strength', 'stretch', 'warm-up'."""
    words = {
        "strength": tr("strength"),
        "mobility": tr("mobility"),
        "stretch": tr("stretch"),
        "balance": tr("balance"),
        "power": tr("power"),
        "endurance": tr("endurance"),
        "warm_up": tr("warm-up"),
        "test": tr("test"),
    }
    return words.get(category, category)


def _pictures(
    exercise: Exercise, root: Path | None, side: Side | None
) -> tuple[tuple[PagePicture, ...], str, bool, Side | None]:
    """The pictures, the words saying which side they show, whether they are mirrored
    for ``side``, and the side they show (None: two-sided, or drawn for both)."""
    drawn = exercise.pictures
    one_sided = exercise.sides is not Sides.BOTH and drawn.drawn_side != "both"
    shows = Side(drawn.drawn_side) if one_sided else None
    mirrored = one_sided and side is not None and side.value != drawn.drawn_side
    if mirrored:
        shows = side
    words = tr("The pictures show the {side} side.", side=side_word(shows)) if shows else ""
    if root is None:
        return (), words, mirrored, shows
    files = [(drawn.start, tr("Start"))]
    if drawn.end:
        files.append((drawn.end, tr("End")))
    files += [(path, tr("Step {n}", n=n)) for n, path in enumerate(drawn.steps, start=1)]
    return tuple(PagePicture(root / p, c) for p, c in files), words, mirrored, shows


def _source(exercise: Exercise) -> str:
    source = exercise.source
    if source is None:
        return ""
    parts = [source.title]
    if source.author:
        parts.append(tr("by {author}", author=source.author))
    if source.licence:
        parts.append(tr("licence: {licence}", licence=source.licence))
    if source.url:
        parts.append(source.url)
    words = tr(", ").join(parts)
    if source.note:
        words = tr("{source}. {note}", source=words, note=shown(source.note))
    return words


__all__ = [
    "ExercisePage",
    "Fact",
    "PagePicture",
    "Question",
    "category_word",
    "exercise_page",
    "level_word",
    "page_movement",
]
