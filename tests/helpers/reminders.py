"""A person with reminder times and a two-phase programme, for the reminder and calendar
tests: twice a day every day in weeks 1-2, then two or three times a week."""

from __future__ import annotations

from datetime import date

from guide_app.core.model import Programme
from guide_app.core.people import Person

MONDAY = date(2026, 11, 30)  # the day the person starts, a Monday
UID = "0123456789abcdef0123456789abcdef"

ACHILLES = Programme.model_validate(
    {
        "version": 2,
        "kind": "programme",
        "id": "achilles-loading",
        "title": "Achilles loading",
        "phases": [
            {
                "name": "phase 1",
                "weeks": "0-1",
                "sessions": ["heel-raises"],
                "frequency": {"text": "twice a day", "times_a_day": 2, "days_a_week": 7},
            },
            {
                "name": "phase 2",
                "weeks": "2-5",
                "sessions": ["heel-drops"],
                "frequency": "two or three times a week",
            },
        ],
    }
)

TITLES = {"heel-raises": "Heel raises", "heel-drops": "Heel drops"}


def person(
    reminders: tuple[str, ...] = ("08:00", "18:00"), started_on: date | None = MONDAY
) -> Person:
    """The default person following ACHILLES since ``started_on``."""
    return Person(
        row=1,
        uid=UID,
        programme_id=ACHILLES.id,
        started_on=started_on,
        reminders=reminders,
    )
