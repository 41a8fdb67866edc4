"""The words the history window and the report share: days, sides, how a session ended,
counts of sets, reps and sessions, and the names of exercises and programmes.

Every word goes through ``tr``/``ntr`` when it is asked for, so a language chosen after
start-up is used. Sides are told by word and arrow (◀ Left, Right ▶), never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from guide_app.core import locale_format
from guide_app.core.history_records import SessionState, SideTotals
from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library
from guide_app.core.sides import Side


def day_text(day: date) -> str:
    """``Mon, 3 Mar 2025`` (``Mo., 3. März 2025``), in the language in force."""
    return locale_format.day_long(day)


def short_day_text(day: date) -> str:
    """``3 Mar``: a chart's date label."""
    return locale_format.day_short(day)


def side_label(side: Side | str) -> str:
    """``◀ Left``, ``Right ▶``, ``◀▶ Both sides``."""
    side = Side(side)
    if side is Side.LEFT:
        return tr("◀ Left")
    if side is Side.RIGHT:
        return tr("Right ▶")
    return tr("◀▶ Both sides")


def state_text(state: SessionState | str) -> str:
    """How a session ended: ``Finished``, ``Stopped early`` or ``Not finished``."""
    if state == "finished":
        return tr("Finished")
    if state == "stopped":
        return tr("Stopped early")
    return tr("Not finished")


def state_count(state: SessionState, n: int) -> str:
    """``4 finished``, ``1 stopped early``, ``1 not finished``."""
    if state == "finished":
        return ntr("{n} finished", "{n} finished", n)
    if state == "stopped":
        return ntr("{n} stopped early", "{n} stopped early", n)
    return ntr("{n} not finished", "{n} not finished", n)


def sets_count(n: int) -> str:
    return ntr("{n} set", "{n} sets", n)


def reps_count(n: int) -> str:
    return ntr("{n} rep", "{n} reps", n)


def sessions_count(n: int) -> str:
    return ntr("{n} session", "{n} sessions", n)


def held_text(seconds: float) -> str:
    """``150 s held``."""
    return tr("{seconds:.0f} s held", seconds=seconds)


def sets_text(reps: Sequence[int], holds: Sequence[float | None]) -> str:
    """``3 × 20``, or ``20, 18, 15`` when the sets differ; holds as ``2 × 30 s``."""
    if not reps:
        return "—"
    if all(h is not None for h in holds) and holds and all(r <= 1 for r in reps):
        values = [tr("{seconds:g} s", seconds=h) for h in holds]
    else:
        values = [str(r) for r in reps]
    if len(set(values)) == 1:
        return tr("{n} × {value}", n=len(values), value=values[0])
    return ", ".join(values)


def is_hold(totals: SideTotals) -> bool:
    """Timed holds only: each set is one hold, so reps say nothing the sets don't (and reps
    per day would chart nothing useful)."""
    return totals.hold_seconds > 0 and totals.reps <= totals.sets + totals.skipped


def exercise_name(library: Library, exercise_id: str | None) -> str:
    """The exercise's name in the library, else its id; a dash for no exercise."""
    if exercise_id is None:
        return "—"
    exercise = library.exercises.get(exercise_id)
    return exercise.name if exercise is not None else exercise_id


def programme_title(library: Library, programme_id: str | None) -> str:
    """The programme's title in the library, else its id; empty for no programme."""
    if programme_id is None:
        return ""
    programme = library.programmes.get(programme_id)
    return programme.title if programme is not None else programme_id


def side_text(totals: SideTotals | None) -> str:
    """``15 sets · 300 reps`` (with seconds held and skipped sets when there are any)."""
    if totals is None:
        return "—"
    parts = [sets_count(totals.sets)]
    if not is_hold(totals):
        parts.append(reps_count(totals.reps))
    if totals.hold_seconds:
        parts.append(held_text(totals.hold_seconds))
    text = " · ".join(parts)
    if totals.skipped:
        text = tr("{totals} ({n} skipped)", totals=text, n=totals.skipped)
    return text


def difference_text(left: SideTotals | None, right: SideTotals | None) -> str:
    """How the two sides compare: ``+100 reps on the left (left is 150% of right)``; for
    timed holds, in seconds held."""
    if left is None or right is None:
        return "—"
    holds = is_hold(left) and is_hold(right)
    a = round(left.hold_seconds) if holds else left.reps
    b = round(right.hold_seconds) if holds else right.reps
    gap = abs(a - b)
    if a == b:
        text = tr("Even")
    elif holds:
        text = (
            tr("+{n} s held on the left", n=gap) if a > b else tr("+{n} s held on the right", n=gap)
        )
    else:
        text = (
            ntr("+{n} rep on the left", "+{n} reps on the left", gap)
            if a > b
            else ntr("+{n} rep on the right", "+{n} reps on the right", gap)
        )
    if b:
        text = tr("{difference} (left is {share:.0%} of right)", difference=text, share=a / b)
    return text
