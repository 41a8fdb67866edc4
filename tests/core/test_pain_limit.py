"""The pain limit a running session uses: the session's, else its programme phase's, else
the programme's; with none written the app offers to stop from 7, as it always did."""

from __future__ import annotations

from typing import Any

from guide_app.core.choice import SessionChoice
from guide_app.core.loader import Library
from guide_app.core.model import Programme, Session
from guide_app.core.pain_limit import pain_limit
from tests.helpers.content import exercise


def session(pain: dict[str, Any] | None = None, session_id: str = "s") -> Session:
    data: dict[str, Any] = {
        "version": 2,
        "kind": "session",
        "id": session_id,
        "title": "Test",
        "blocks": [{"exercise": "drill"}],
    }
    if pain is not None:
        data["pain"] = pain
    return Session.model_validate(data)


def programme(
    pain: dict[str, Any] | None = None, phase_pain: dict[str, Any] | None = None
) -> Programme:
    phase: dict[str, Any] = {"name": "Early", "sessions": ["s"], "frequency": "daily"}
    if phase_pain is not None:
        phase["pain"] = phase_pain
    data: dict[str, Any] = {
        "version": 2,
        "kind": "programme",
        "id": "p",
        "title": "Programme",
        "phases": [phase, {"name": "Late", "sessions": ["s"], "frequency": "daily"}],
    }
    if pain is not None:
        data["pain"] = pain
    return Programme.model_validate(data)


def library(prog: Programme | None = None) -> Library:
    lib = Library(exercises={"drill": exercise("drill")})
    if prog is not None:
        lib.programmes[prog.id] = prog
    return lib


def test_with_no_limit_written_the_way_out_is_offered_from_7() -> None:
    limit = pain_limit(SessionChoice(session()), library())
    assert [limit.exceeded(n) for n in (6, 7, 8)] == [False, True, True]
    assert limit.say is None and not limit.written
    assert pain_limit(None, library()).exceeded(7)


def test_the_sessions_limit_comes_first() -> None:
    prog = programme({"during": 3}, {"during": 4})
    choice = SessionChoice(session({"during": 5, "say": "Ease off."}), "p", "Early")
    limit = pain_limit(choice, library(prog))
    assert [limit.exceeded(n) for n in (5, 6)] == [False, True]
    assert (limit.during, limit.say, limit.written) == (5, "Ease off.", True)


def test_else_the_phases_else_the_programmes() -> None:
    prog = programme({"during": 3, "say": "Call the clinic."}, {"during": 4})
    early = pain_limit(SessionChoice(session(), "p", "Early"), library(prog))
    assert (early.during, early.say) == (4, "Call the clinic.")
    late = pain_limit(SessionChoice(session(), "p", "Late"), library(prog))
    assert (late.during, late.say) == (3, "Call the clinic.")


def test_limits_without_during_leave_it_to_the_next() -> None:
    """A session's pain block that says only what to do after does not set the limit
    during the session: the programme's does."""
    prog = programme({"during": 4})
    limit = pain_limit(SessionChoice(session({"after": 3}), "p", "Early"), library(prog))
    assert limit.during == 4
    assert pain_limit(SessionChoice(session({"after": 3})), library()).exceeded(7)


def test_a_limit_not_written_is_not_printed_as_one() -> None:
    """`pain: {say: ...}` leaves the limit to the phase, the programme or the app: the
    programme's words do not claim a limit of their own."""
    from guide_app.core.model import PainLimits
    from guide_app.core.programme_words import pain_words

    words = pain_words(PainLimits.model_validate({"say": "Ease off."}))
    assert "/10 during" not in words and words.endswith("Ease off.")
    assert pain_words(PainLimits.model_validate({"during": 5})).startswith("pain up to 5/10")
