"""A programme draft in one line: its phases, the weeks they cover, sessions a week.

Read from the draft's plain data (as the file says it), so the line follows every edit,
even one that does not load yet: a part that cannot be read is left out rather than
guessed. "Sessions a week" is what a phase's frequency gives as numbers (times a day
times days a week, the weekdays named, or every N days); a frequency in words only is
counted as such.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from guide_app.core import locale_format
from guide_app.core.i18n import ntr, tr

_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?)\s*)?$")
Span = tuple[float, float]


def _span(value: Any) -> Span | None:
    """``3`` -> (3, 3), ``"2-3"`` -> (2, 3); anything else: None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return (float(value), float(value))
    if isinstance(value, str):
        match = _RANGE.match(value)
        if match:
            low = float(match.group(1))
            return (low, float(match.group(2) or low))
    return None


def weeks(phase: Mapping[str, Any]) -> tuple[int, int] | None:
    """The weeks a phase gives (``0-4`` -> (0, 4)), or None."""
    span = _span(phase.get("weeks"))
    if span is None or not all(v.is_integer() for v in span) or span[1] < span[0]:
        return None
    return (int(span[0]), int(span[1]))


def sessions_a_week(frequency: Any) -> Span | None:
    """Sessions a week a frequency gives as numbers, or None when it gives none."""
    if not isinstance(frequency, Mapping):
        return None
    days = _span(frequency.get("days_a_week"))
    weekdays = frequency.get("weekdays")
    if days is None and isinstance(weekdays, list) and weekdays:
        days = (float(len(set(map(str, weekdays)))),) * 2
    every = frequency.get("every_days")
    if days is None and isinstance(every, int) and not isinstance(every, bool) and every > 0:
        days = (float(math.floor(7 / every)), float(math.ceil(7 / every)))
    times = _span(frequency.get("times_a_day"))
    if times is None:
        if frequency.get("every_hours") is not None:
            return None  # so many times a day as the hours awake allow
        times = (1.0, 1.0)
    if days is None:
        return None
    return (days[0] * times[0], days[1] * times[1])


def span_text(span: Span) -> str:
    low, high = (locale_format.decimal(v, 3) for v in span)
    return low if low == high else f"{low}-{high}"


def _phase_list(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    phases = data.get("phases")
    if not isinstance(phases, Sequence) or isinstance(phases, str):
        return []
    return [p if isinstance(p, Mapping) else {} for p in phases]


def phase_label(number: int, phase: Mapping[str, Any]) -> str:
    """A phase as its list shows it: ``2. Side-lying strength · weeks 2-4 · 7 a week``."""
    name = phase.get("name")
    parts = [
        tr("{n}. {name}", n=number, name=name)
        if isinstance(name, str) and name
        else tr("{n}. (no name yet)", n=number)
    ]
    span = weeks(phase)
    if span is not None:
        parts.append(
            tr("weeks {first}-{last}", first=span[0], last=span[1])
            if span[0] != span[1]
            else tr("week {n}", n=span[0])
        )
    rate = sessions_a_week(phase.get("frequency"))
    if rate is not None:
        parts.append(tr("{n} a week", n=span_text(rate)))
    return " · ".join(parts)


def programme_outline(data: Mapping[str, Any]) -> str:
    """``3 phases · weeks 0-4, 1 phase without weeks · 7-14 sessions a week``."""
    phases = _phase_list(data)
    if not phases:
        return tr("No phases yet: add one to begin")
    parts = [ntr("{n} phase", "{n} phases", len(phases))]
    spans = [weeks(p) for p in phases]
    given = [s for s in spans if s is not None]
    week_parts = []
    if given:
        first, last = min(s[0] for s in given), max(s[1] for s in given)
        week_parts.append(tr("weeks {first}-{last}", first=first, last=last))
    if len(given) < len(phases):
        missing = len(phases) - len(given)
        week_parts.append(ntr("{n} phase without weeks", "{n} phases without weeks", missing))
    parts.append(", ".join(week_parts))
    rates = [sessions_a_week(p.get("frequency")) for p in phases]
    known = [r for r in rates if r is not None]
    rate_parts = []
    if known:
        low, high = min(r[0] for r in known), max(r[1] for r in known)
        rate_parts.append(tr("{n} sessions a week", n=span_text((low, high))))
    words = [str(i) for i, r in enumerate(rates, start=1) if r is None]
    if words:
        rate_parts.append(
            ntr(
                "how often in words only in phase {phases}",
                "how often in words only in phases {phases}",
                len(words),
                phases=", ".join(words),
            )
        )
    parts.append(", ".join(rate_parts))
    return " · ".join(parts)
