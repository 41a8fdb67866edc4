"""The programme model: phases over weeks, how often, pain limits and progression rules."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, WithJsonSchema, model_validator

from guide_app.core import content_text
from guide_app.core.exercise_model import (
    Count,
    Frozen,
    Id,
    LoadText,
    SecondsSpan,
    Source,
    Text,
    Title,
    Translations,
    Version,
)
from guide_app.core.i18n import tr
from guide_app.core.session_model import PainLimits

# --------------------------------------------------------------------------- programmes


class Change(Frozen):
    """What a met rule changes: the dosage, the load, the exercise or the phase."""

    sets: int | None = Field(default=None, ge=1, le=100)
    reps: Count | None = None
    hold: SecondsSpan | None = None
    load: LoadText | None = Field(default=None, description="the new load, e.g. 5 kg")
    add_load: LoadText | None = Field(default=None, description="add this much, e.g. 2.5 kg")
    band: Literal["next"] | None = Field(default=None, description="next: the next band up")
    exercise: Id | None = Field(default=None, description="move on to this exercise")
    phase: Literal["next"] | None = Field(default=None, description="next: the next phase")
    say: Text | None = Field(default=None, description="the change in words")

    @model_validator(mode="after")
    def _something(self) -> Change:
        if not self.model_fields_set - {"say"}:
            raise ValueError(
                tr(
                    "then needs a change (sets, reps, hold, load, add_load, band, exercise, "
                    "phase); for words alone write then: your words"
                )
            )
        if self.load is not None and self.add_load is not None:
            raise ValueError(tr("give load (the new load) or add_load (how much more), not both"))
        return self


class MeasureCheck(Frozen):
    """A rule's measurement test: the last value of a measurement against a goal."""

    name: Title = Field(description="the measurement's name, as its session gives it")
    at_least: float | None = None
    at_most: float | None = None
    side: Literal["each", "affected", "left", "right"] = "each"

    @model_validator(mode="after")
    def _something(self) -> MeasureCheck:
        if self.at_least is None and self.at_most is None:
            raise ValueError(tr("a measurement test needs at_least or at_most"))
        return self


class ProgressionRule(Frozen):
    """A checkable progression rule: met when the log shows the dosage done in recent
    sessions (or on recent days), at a load, within a pain limit, or a measurement reached."""

    exercise: Id | None = None
    sets: int | None = Field(default=None, ge=1, le=100)
    reps: int | None = Field(default=None, ge=1, le=10000)
    sides: Literal["both", "affected", "left", "right", "each"] = "each"
    sessions: int = Field(default=1, ge=1, le=50, description="in this many sessions in a row")
    days: int | None = Field(
        default=None, ge=1, le=365, description="on this many different days in a row instead"
    )
    load: LoadText | None = Field(default=None, description="at this load or more")
    max_pain: int | None = Field(default=None, ge=0, le=10)
    measure: MeasureCheck | None = None
    then: Text | Change = Field(
        description="what changes once the rule is met: words ('add the band') or a change "
        "({add_load: 2.5 kg})"
    )

    @model_validator(mode="after")
    def _checkable(self) -> ProgressionRule:
        dose = (self.exercise, self.sets, self.reps)
        if any(v is not None for v in dose) and None in dose:
            raise ValueError(tr("a rule on sets needs exercise, sets and reps together"))
        if self.exercise is None and self.measure is None:
            raise ValueError(tr("a rule needs exercise, sets and reps, or a measure to test"))
        if self.load is not None and self.exercise is None:
            raise ValueError(tr("load in a rule needs the exercise it is lifted in"))
        return self


class Progression(Frozen):
    text: Text
    rule: ProgressionRule | None = None


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Frequency(Frozen):
    """How often, as data: times a day, days a week or which weekdays, every N hours."""

    text: Title | None = Field(default=None, description="in words, as the programme says it")
    times_a_day: Count | None = Field(default=None, description="sessions a day, e.g. 2")
    days_a_week: Count | None = Field(default=None, description="e.g. 7, or a range 2-3")
    weekdays: tuple[Weekday, ...] | None = Field(default=None, description="e.g. [mon, wed, fri]")
    every_days: int | None = Field(default=None, ge=2, le=30, description="every N days")
    every_hours: float | None = Field(
        default=None, gt=0, le=24, description="every N hours while awake"
    )

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        # Words stay words: "two or three times a week; stretches daily" is not guessed at.
        return {"text": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _said(self) -> Frequency:
        if not self.model_fields_set:
            raise ValueError(
                tr("frequency needs words or numbers, e.g. daily or {{days_a_week: 3}}")
            )
        days = self.days_a_week
        if (
            self.weekdays
            and days is not None
            and not days.low == days.high == len(set(self.weekdays))
        ):
            raise ValueError(
                tr(
                    "weekdays names {n} days but days_a_week says {d}",
                    n=len(set(self.weekdays)),
                    d=str(days),
                )
            )
        if self.days_a_week is not None and self.days_a_week.high > 7:
            raise ValueError(tr("days_a_week is at most 7"))
        return self

    def __str__(self) -> str:
        if self.text:
            return self.text
        parts = []
        if self.times_a_day is not None:
            parts.append(tr("{n} times a day", n=str(self.times_a_day)))
        if self.weekdays:
            parts.append(", ".join(self.weekdays))
        elif self.days_a_week is not None:
            parts.append(tr("{n} days a week", n=str(self.days_a_week)))
        if self.every_days:
            parts.append(tr("every {n} days", n=self.every_days))
        if self.every_hours:
            parts.append(tr("every {n:g} hours while awake", n=self.every_hours))
        return "; ".join(parts)


FrequencyText = Annotated[
    Frequency,
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "object"}],
            "description": "how often: words (daily, 2-3 times a week) or "
            "{times_a_day, days_a_week, weekdays, every_days, every_hours, text}",
        }
    ),
]


class WeekRange(Frozen):
    """Weeks of a programme, counted from 0 as the seeds do ("weeks 0-4")."""

    first: int = Field(ge=0, le=520)
    last: int = Field(ge=0, le=520)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"first": value, "last": value}
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", value)
            if not match:
                raise ValueError(
                    tr(
                        "must be a week or a week range like 0-4, not {value!r}",
                        value=content_text.Shown(value),
                    )
                )
            first = int(match.group(1))
            return {"first": first, "last": int(match.group(2) or first)}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> WeekRange:
        if self.last < self.first:
            raise ValueError(
                tr(
                    "week range {first}-{last} runs backwards: write {last}-{first}",
                    first=self.first,
                    last=self.last,
                )
            )
        return self

    def __str__(self) -> str:
        return (
            f"weeks {self.first}-{self.last}" if self.last != self.first else f"week {self.first}"
        )


class Phase(Frozen):
    name: Title
    weeks: WeekRange | None = Field(default=None, description="week range, e.g. 0-4")
    goal: Text | None = None
    sessions: tuple[Id, ...] = Field(min_length=1)
    frequency: FrequencyText = Field(description="e.g. daily, 2-3 times a week")
    pain: PainLimits | None = Field(default=None, description="pain limits in this phase")
    progression: tuple[Progression, ...] = ()


class Programme(Frozen):
    version: Version
    kind: Literal["programme"]
    id: Id
    title: Title
    summary: Text | None = None
    source: Source | None = None
    condition: Text | None = None
    notes: tuple[Text, ...] = ()
    pain: PainLimits | None = Field(default=None, description="pain limits for the programme")
    phases: tuple[Phase, ...] = Field(min_length=1)
    translations: Translations = None
