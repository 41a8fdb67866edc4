"""The pain limit a running session uses, and whether a pain score passes it.

Pain limits are written for a session, a programme phase or a programme
(``PainLimits``); the running session takes the session's ``during`` limit, else its
programme phase's, else its programme's (``SessionChoice.programme_id`` and ``phase``).
Pain above the limit offers to skip the exercise or stop the session, with the
programme's own words (``say``, the first written of the three). With no limit written,
the app offers that from 7 out of 10, as it always has.
"""

from __future__ import annotations

from dataclasses import dataclass

from guide_app.core.choice import SessionChoice
from guide_app.core.content_language import same
from guide_app.core.loader import Library
from guide_app.core.model import PainLimits

APP_LIMIT = 6  # with none written: pain up to 6 goes on, from 7 skip or stop is offered


@dataclass(frozen=True, slots=True)
class PainLimit:
    """Acceptable pain during exercise (0-10) and what to tell the person past it."""

    during: int = APP_LIMIT
    say: str | None = None
    written: bool = False  # the limit is the content's, not the app's own

    def exceeded(self, score: int) -> bool:
        """Whether pain ``score`` is above the limit: time to offer skip or stop."""
        return score > self.during


def pain_limit(choice: SessionChoice | None, library: Library) -> PainLimit:
    """The limit for the session ``choice`` runs (the app's own when none is written)."""
    written = _limits(choice, library)
    during = next((p.during for p in written if p.during is not None), None)
    say = next((p.say for p in written if p.say), None)
    if during is None:
        return PainLimit(say=say)
    return PainLimit(during, say, True)


def _limits(choice: SessionChoice | None, library: Library) -> list[PainLimits]:
    """The pain limits written for the session, its phase and its programme, in that order."""
    if choice is None:
        return []
    found = [choice.session.pain]
    programme = library.programmes.get(choice.programme_id or "")
    if programme is not None:
        phase = next((p for p in programme.phases if same(p.name, choice.phase)), None)
        found += [phase.pain if phase is not None else None, programme.pain]
    return [p for p in found if p is not None]
