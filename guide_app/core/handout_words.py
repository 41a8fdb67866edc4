"""The words of a patient's handout: an amount per side ("Left (affected) 3 x 20, right
2 x 20"), a load ("at 5 kg"), the tempo and rest, the pain limits as sentences, and the
"stop and contact your clinician if" list. ``core.handout`` puts them together; logic
never reads them.
"""

from __future__ import annotations

from guide_app.core.amounts import Load
from guide_app.core.i18n import ntr, tr
from guide_app.core.model import Dosage, Exercise, Pace, PainLimits
from guide_app.core.plan_sides import SideChoice
from guide_app.core.plan_work import Assumed, alternates, resolve, sides
from guide_app.core.programme_words import listed, pain_words
from guide_app.core.sides import Side, side_word


def capital(text: str) -> str:
    """``text`` with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def load_words(load: Load) -> str:
    """'at 5 kg', 'with a red band', 'at level 3', 'at body weight'."""
    if load.unit == "band":
        return tr("with a {band}", band=str(load))
    return tr("at {load}", load=str(load))


def amount_words(dosage: Dosage) -> str:
    """One side's sets and amount: '3 x 20', '3 x 8-12 steps', '3 x 30 s hold',
    '2 x 5 holds of 30 s', '3 x 10 with a 5 s hold', and its load: '3 x 15 at 5 kg'."""
    sets = dosage.sets or 1
    reps = dosage.reps
    if dosage.effective_pace is Pace.HOLD:
        hold = str(dosage.hold)
        if reps is not None and reps.high > 1:
            amount = ntr(
                "{count} hold of {hold}",
                "{count} holds of {hold}",
                reps.high,
                count=str(reps),
                hold=hold,
            )
        else:
            amount = tr("{hold} hold", hold=hold)
    else:
        count = str(reps)
        amount = count
        if dosage.unit is not None and dosage.unit.value == "steps":
            amount = ntr("{count} step", "{count} steps", reps.high if reps else 1, count=count)
        if dosage.hold is not None and dosage.effective_pace is not Pace.TEMPO:
            amount = tr("{amount} with a {hold} hold", amount=amount, hold=str(dosage.hold))
    text = tr("{sets} x {amount}", sets=sets, amount=amount)
    if dosage.count == "in_total":
        text = tr("{dose} in total", dose=text)
    if dosage.load is not None:
        text = tr("{dose} {load}", dose=text, load=load_words(dosage.load))
    return text


def extra_words(dosage: Dosage) -> tuple[str, ...]:
    """What else a side's dosage asks: the tempo, the effort, each direction, the rest."""
    found = []
    if dosage.tempo is not None and dosage.effective_pace is Pace.TEMPO:
        phases = ", ".join(
            tr("{phase} {seconds:g} s", phase=p.name, seconds=p.seconds) for p in dosage.tempo
        )
        found.append(tr("Tempo: {phases}", phases=phases))
    if dosage.effort is not None:
        found.append(tr("Effort: {effort}", effort=str(dosage.effort)))
    if dosage.directions:
        found.append(tr("Each set in each direction: {ways}", ways=listed(dosage.directions)))
    if (dosage.sets or 1) > 1 and dosage.rest is not None:
        found.append(tr("Rest {rest} between sets", rest=str(dosage.rest)))
    return tuple(found)


def side_label(side: Side, choice: SideChoice) -> str:
    """'left (affected)', 'right (weaker)', 'left'."""
    word = side_word(side)
    if choice.affected is not None and side is choice.affected:
        return tr("{side} (affected)", side=word)
    if choice.weaker is not None and side is choice.weaker:
        return tr("{side} (weaker)", side=word)
    return word


def sides_words(choice: SideChoice) -> str:
    """'Affected side: left. Weaker side: left.' (what is given)."""
    parts = []
    if choice.affected is not None:
        parts.append(tr("Affected side: {side}.", side=side_word(choice.affected)))
    if choice.weaker is not None:
        parts.append(tr("Weaker side: {side}.", side=side_word(choice.weaker)))
    return " ".join(parts)


def limits_words(pain: PainLimits) -> str:
    """The pain limits as sentences: 'Pain up to 5/10 during; ...; if exceeded: step the
    dose down.', then what the programme tells the person."""
    words = capital(pain_words(pain.model_copy(update={"say": None}))) + "."
    return tr("{limits} {say}", limits=words, say=pain.say) if pain.say else words


def stop_box(pain: PainLimits | None) -> tuple[str, ...]:
    """'Stop and contact your clinician if': the pain limit when the programme says to
    stop, then the warning signs every handout gives."""
    found = []
    if pain is not None and pain.if_exceeded == "stop" and pain.during is not None:
        found.append(tr("your pain goes above {n}/10 during the exercises", n=pain.during))
    found += [
        tr("you feel a sudden sharp pain, a snap or a pop"),
        tr("pain keeps getting worse from one day or one week to the next"),
        tr("you notice new swelling, numbness, tingling or weakness"),
        tr("you feel unwell, dizzy, faint or short of breath"),
    ]
    return tuple(found)


def dose_words(
    exercise: Exercise, dosage: Dosage, choice: SideChoice
) -> tuple[str, tuple[str, ...]]:
    """The dosage per side in words, first side first, and what else it asks."""
    planned = sides(exercise, dosage, choice, Assumed())
    for side, each in planned:
        resolve(exercise, each, side)  # raises PlanError for what can't be run
    if len(planned) == 1 and planned[0][0] is Side.BOTH:
        return amount_words(planned[0][1]), extra_words(planned[0][1])
    extras = [extra_words(d) for _, d in planned]
    same = all(e == extras[0] for e in extras)
    parts = []
    for side, each in planned:
        words = tr("{side} {dose}", side=side_label(side, choice), dose=amount_words(each))
        if not same:
            more = "; ".join(extra_words(each))
            words = tr("{dose} ({more})", dose=words, more=more) if more else words
        parts.append(words)
    only = len(parts) == 1
    dose = tr("{dose}, this side only", dose=parts[0]) if only else ", ".join(parts)
    details = list(extras[0] if same else ())
    if alternates(exercise, dosage) and len(planned) > 1:
        details.insert(0, tr("The sides take turns, rep by rep."))
    return capital(dose), tuple(details)
