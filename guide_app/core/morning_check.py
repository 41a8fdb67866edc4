"""The next-morning pain question a programme asks at the start of the next session, and
what the answer means: carry on, hold the progression, step the dose down, or stop.

A programme (or one of its phases) that writes ``pain.next_morning`` (``baseline``: pain
and stiffness back to how they were before the session; ``no_worse``: no worse than
before) asks it once for each session of the programme, at the start of the person's
first session on a later day: how much it hurt that morning (0-10), and whether it was
back to how it was (or no worse). "No" goes past the limit, and the programme's
``if_exceeded`` says what follows.

The answer is kept with the session it is about (the earlier one): a ``PainReport``
with ``moment="next_morning"`` and no exercise, and a row of ``adjustments`` (rule
``MORNING``) with the verdict, which holds offers (``adjustments.held_words``) or steps
the next session down (``adjustments.step_down_due``) until a later, good answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from guide_app.core import locale_format
from guide_app.core.adjustment_store import MORNING, Action, Adjustment
from guide_app.core.content_language import same
from guide_app.core.history import Journal, PainReport, SessionLog
from guide_app.core.history_records import SessionDetail
from guide_app.core.i18n import tr
from guide_app.core.model import PainLimits, Programme
from guide_app.core.people import Person
from guide_app.core.sides import Side


@dataclass(frozen=True, slots=True)
class Question:
    """The next-morning question about one earlier session, in the person's words."""

    programme_id: str
    session_row: int
    session_uid: str | None
    session_day: date
    limits: PainLimits
    heading: str
    score_words: str
    back_words: str


@dataclass(frozen=True, slots=True)
class MorningAnswer:
    """Pain that morning (0-10), and whether it was back to how it was before the
    session (``baseline``), or no worse than before (``no_worse``)."""

    score: int
    back: bool

    def __post_init__(self) -> None:
        if not 0 <= self.score <= 10:
            raise ValueError(f"a pain score is 0 to 10, not {self.score}")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What an answer means: past the limit or not, what follows, and the words for it."""

    exceeded: bool
    action: Action
    words: str

    @property
    def advise_not_to_start(self) -> bool:
        """The programme says to stop and contact the clinician."""
        return self.exceeded and self.action == "stop"

    @property
    def steps_down(self) -> bool:
        return self.exceeded and self.action == "step_down"


def morning_limits(programme: Programme, phase_name: str | None) -> PainLimits | None:
    """The pain limits that ask the next-morning question in a phase (its name as
    loaded, or in English as the journal keeps it): the phase's, else the programme's;
    None when neither writes ``next_morning``."""
    phase = next((p for p in programme.phases if same(p.name, phase_name)), None)
    for limits in (phase.pain if phase is not None else None, programme.pain):
        if limits is not None and limits.next_morning is not None:
            return limits
    return None


def _day_words(session_day: date, day: date) -> str:
    if session_day == day - timedelta(days=1):
        return tr("The morning after yesterday's session")
    return tr("The morning after your session on {day}", day=locale_format.day_full(session_day))


def morning_question(
    person: Person,
    programme: Programme,
    last_session: SessionLog | SessionDetail | None,
    day: date,
) -> Question | None:
    """The question to ask before the person's session on ``day``, or None: asked when
    their last session of ``programme`` (with its pain reports) was on an earlier day,
    ended, and has no next-morning answer yet, and its phase (or the programme) writes
    ``pain.next_morning``."""
    if last_session is None:
        return None
    record = last_session.session
    if (
        record.programme_id != programme.id
        or record.person != person.row
        or record.state == "running"
        or record.started_on >= day
        or any(p.moment == "next_morning" for p in last_session.pain)
    ):
        return None
    limits = morning_limits(programme, record.phase)
    if limits is None:
        return None
    if limits.next_morning == "no_worse":
        back = tr("Was it no worse than before that session?")
    else:
        back = tr("Were pain and stiffness back to how they were before that session?")
    return Question(
        programme_id=programme.id,
        session_row=record.row,
        session_uid=record.uid,
        session_day=record.started_on,
        limits=limits,
        heading=_day_words(record.started_on, day),
        score_words=tr("How much did it hurt that morning, from 0 (none) to 10?"),
        back_words=back,
    )


def morning_verdict(limits: PainLimits | Question, answer: MorningAnswer) -> Verdict:
    """What ``answer`` means under ``limits``: "no" to the question is past the limit,
    and the programme's ``if_exceeded`` says what follows, in words with its ``say``."""
    if isinstance(limits, Question):
        limits = limits.limits
    if answer.back:
        return Verdict(False, "carry_on", tr("Good: the pain had settled. Carry on as planned."))
    if limits.next_morning == "no_worse":
        words = [tr("The pain was worse the next morning than before the session.")]
    else:
        words = [tr("The pain had not settled by the next morning.")]
    action = limits.if_exceeded
    words.append(
        {
            "carry_on": tr("The programme says to carry on; keep an eye on it."),
            "hold": tr(
                "The progression is held: no step up until a morning when the pain has settled."
            ),
            "step_down": tr("So today's session is one step lighter."),
            "stop": tr(
                "The programme says to stop and contact your clinician before you exercise again."
            ),
        }[action]
    )
    if limits.say:
        words.append(limits.say)
    return Verdict(True, action, " ".join(words))


def last_session(journal: Journal, programme_id: str) -> SessionLog | None:
    """The journal person's last ended session of a programme, with its pain reports."""
    ended = [
        s for s in journal.sessions() if s.programme_id == programme_id and s.state != "running"
    ]
    if not ended:
        return None
    record = ended[-1]
    return SessionLog(record, (), tuple(journal.pain_for(record.row)))


def question_for(
    journal: Journal, person: Person, programme: Programme, day: date
) -> Question | None:
    """``morning_question`` with the person's last session read from the journal (whose
    ``person`` must be theirs); a programme that never asks reads nothing."""
    phases = [p.name for p in programme.phases]
    if all(morning_limits(programme, name) is None for name in phases):
        return None
    return morning_question(person, programme, last_session(journal, programme.id), day)


def record_answer(
    journal: Journal, person: Person, question: Question, answer: MorningAnswer
) -> Verdict:
    """Keep the answer with the session it is about (a next-morning pain report) and
    its verdict (a row of ``adjustments``); returns the verdict."""
    verdict = morning_verdict(question, answer)
    journal.record_pain(
        question.session_row,
        PainReport(None, Side.BOTH, answer.score, moment="next_morning"),
    )
    journal.add_adjustment(
        Adjustment(
            row=0,
            uid="",
            person=person.row,
            programme_id=question.programme_id,
            rule=MORNING,
            reason=verdict.words,
            about=question.session_uid,
            score=answer.score,
            back=answer.back,
            exceeded=verdict.exceeded,
            action=verdict.action,
        )
    )
    return verdict
