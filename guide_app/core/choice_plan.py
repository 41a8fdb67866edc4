"""The plan for what the person chose: their sides, and the week of the programme they are in.

A week-by-week table (``by_week``) picks its row from the programme's start: the day of
the first session of that programme in the journal, else the day of this session. Weeks
are counted from 1 within the phase (the phase's own ``weeks`` say where it starts in the
programme). The week is worked out for the day the session started, so a session resumed
the next week plans the same steps it began with.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from guide_app.core.choice import SessionChoice
from guide_app.core.content_language import same
from guide_app.core.history_storage import StorageError
from guide_app.core.journal_port import SessionJournal
from guide_app.core.model import Exercise, FirstSide, Programme
from guide_app.core.plan import Plan, expand
from guide_app.core.progress import phase_starts


def phase_start_week(programme: Programme, phase_name: str | None) -> int:
    """The programme week (from 0) the phase starts in, as ``programme_position`` places
    phases (``phase_starts``); 0 for a phase that can't be placed, or none named. The
    name is as loaded, or in English as the journal keeps it."""
    for phase, start in zip(programme.phases, phase_starts(programme), strict=True):
        if same(phase.name, phase_name):
            return start or 0
    return 0


def phase_week(programme: Programme, phase_name: str | None, started_on: date, on: date) -> int:
    """The week of the phase (from 1) on day ``on``, for a programme started ``started_on``."""
    programme_week = max(0, (on - started_on).days // 7)
    return max(1, programme_week - phase_start_week(programme, phase_name) + 1)


def week_for(
    choice: SessionChoice,
    programmes: Mapping[str, Programme],
    started: date | None,
    on: date,
) -> int | None:
    """The phase week a session chosen from a programme runs in on day ``on``, the
    programme begun on ``started`` (its first logged session; None: it begins today);
    None outside a programme."""
    programme = programmes.get(choice.programme_id) if choice.programme_id else None
    if programme is None:
        return None
    return phase_week(programme, choice.phase, min(started or on, on), on)


def journal_week(
    choice: SessionChoice,
    programmes: Mapping[str, Programme],
    journal: SessionJournal | None,
    on: date,
) -> int | None:
    """``week_for``, the programme's start read from the journal (a journal that cannot
    be read: the programme begins today)."""
    started = None
    if journal is not None and choice.programme_id:
        try:
            stamp = journal.programme_started(choice.programme_id)
        except StorageError:
            stamp = None
        started = datetime.fromtimestamp(stamp).date() if stamp is not None else None
    return week_for(choice, programmes, started, on)


def choice_plan(
    choice: SessionChoice, exercises: Mapping[str, Exercise], week: int | None = None
) -> Plan:
    """``choice`` expanded for the person's sides, in ``week`` of its phase."""
    return expand(
        choice.session,
        exercises,
        affected=choice.affected,
        weaker=choice.weaker,
        first=FirstSide.AFFECTED if choice.weaker_first else FirstSide.LEFT,
        week=week,
    )
