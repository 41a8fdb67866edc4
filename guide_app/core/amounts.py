"""Amounts as clinicians write them: a load, an effort, and seconds given as a range.

``Load`` is what the person works against: ``5 kg``, ``10 lb``, ``red band``,
``level 3``, ``body weight``, or body weight with a weight carried (``body weight + 5 kg``,
a backpack or a vest). It can step up or down (the key that corrects the load
during a set): weights by a step (1 kg, 2 lb, 1 level unless a dosage says otherwise),
bands along the usual colour order, light to heavy. ``Effort`` is how hard a set should
feel: ``RPE 7``, ``2 RIR`` (reps in reserve) or ``70% 1RM``. ``Span`` is seconds written
as one number or a range: ``30``, ``30-45``, ``1-2 min``, ``90 s``; a session times the
low end, shows the range, and the person may add the rest.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from guide_app.core import content_text, locale_format
from guide_app.core.i18n import tr

# Resistance bands, light to heavy, as most makers colour them.
BAND_ORDER = ("tan", "yellow", "red", "green", "blue", "black", "silver", "gold")
LoadUnit = Literal["kg", "lb", "level", "band", "bodyweight"]
_DEFAULT_STEP = {"kg": 1.0, "lb": 2.0, "level": 1.0}
_KG_PER_LB = 0.45359237
_LOAD_WORDS = re.compile(
    r"\s*(?:(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>kg|kgs|kilos?|lb|lbs|pounds?)"
    r"|level\s+(?P<level>\d+(?:\.\d+)?)"
    r"|(?P<band>[a-z][a-z -]*?)\s+band"
    r"|band\s*:?\s*(?P<band2>[a-z][a-z -]*)"
    r"|(?P<body>body\s*weight|bodyweight)"
    r"(?:\s*(?:\+|plus|and)\s*(?P<carried>\d+(?:\.\d+)?)\s*(?P<carried_unit>kg|lb))?)\s*",
    re.IGNORECASE,
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _number(value: float) -> str:
    """The canonical form of a number, as files and the journal write it: "2.5"."""
    return f"{value:g}"


def _shown(value: float) -> str:
    """A number as the user's language writes it: "2.5", "2,5"."""
    return locale_format.decimal(value, 3)


def band_words(colour: str) -> str:
    """A band as the user reads it: "red band", "rotes Band"; a colour the app does not
    know is shown as written."""
    words = {
        "tan": tr("tan band"),
        "yellow": tr("yellow band"),
        "red": tr("red band"),
        "green": tr("green band"),
        "blue": tr("blue band"),
        "black": tr("black band"),
        "silver": tr("silver band"),
        "gold": tr("gold band"),
    }
    return words.get(colour) or tr("{colour} band", colour=colour)


class Load(_Frozen):
    """What the person works against, as written: a weight, a band colour or a level."""

    unit: LoadUnit
    amount: float | None = Field(default=None, ge=0, le=1000)  # on body weight: carried
    band: str | None = Field(default=None, max_length=30)
    carried: Literal["kg", "lb"] | None = None  # the unit of what body weight carries

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _parse_load(value)
        if isinstance(value, dict) and len(value) == 1:
            ((key, amount),) = value.items()
            if key in ("kg", "lb", "level"):
                return {"unit": key, "amount": amount}
            if key == "band":
                return {"unit": "band", "band": str(amount).strip().lower()}
        if isinstance(value, dict) and "unit" not in value:
            raise ValueError(
                tr(
                    "a load is written like '5 kg', 'red band', 'level 3', or as one of "
                    "{{kg: 5}}, {{lb: 10}}, {{band: red}}, {{level: 3}}"
                )
            )
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(
                tr(
                    "a load needs its unit: write e.g. '{value} kg', 'red band' or 'level 3'",
                    value=value,
                )
            )
        return value

    @model_validator(mode="after")
    def _complete(self) -> Load:
        if self.unit == "band" and not self.band:
            raise ValueError(tr("a band load needs its colour, e.g. 'red band'"))
        if self.unit in _DEFAULT_STEP and self.amount is None:
            raise ValueError(tr("a load in {unit} needs an amount, e.g. '5 kg'", unit=self.unit))
        if self.unit == "bodyweight" and (self.amount is not None) != (self.carried is not None):
            raise ValueError(tr("a weight carried on body weight is written 'body weight + 5 kg'"))
        return self

    def __str__(self) -> str:
        if self.unit == "band":
            return band_words(self.band or "")
        if self.unit == "bodyweight":
            if self.amount:
                return tr("body weight + {n} {unit}", n=_shown(self.amount), unit=self.carried)
            return tr("body weight")
        if self.unit == "level":
            return tr("level {n}", n=_shown(self.amount or 0))
        return f"{_shown(self.amount or 0)} {self.unit}"

    @property
    def text(self) -> str:
        """The canonical form, as the journal stores it and ``Load`` parses it back."""
        if self.unit == "band":
            return f"{self.band} band"
        if self.unit == "bodyweight":
            if self.amount:
                return f"bodyweight + {_number(self.amount)} {self.carried}"
            return "bodyweight"
        if self.unit == "level":
            return f"level {_number(self.amount or 0)}"
        return f"{_number(self.amount or 0)} {self.unit}"

    def stepped(self, steps: int, step: Load | None = None) -> Load | None:
        """This load ``steps`` steps heavier (negative: lighter), or None when it can't
        move that way (the heaviest band, zero kilograms, body weight)."""
        if self.unit == "band":
            if self.band not in BAND_ORDER:
                return None
            at = BAND_ORDER.index(self.band) + steps
            return Load(unit="band", band=BAND_ORDER[at]) if 0 <= at < len(BAND_ORDER) else None
        if self.unit == "bodyweight":
            return self._carry(steps, step)
        if self.amount is None:
            return None
        size = (
            step.amount
            if step is not None and step.unit == self.unit and step.amount
            else (_DEFAULT_STEP[self.unit])
        )
        amount = round(self.amount + steps * size, 3)
        return Load(unit=self.unit, amount=amount) if amount >= 0 else None

    def _carry(self, steps: int, step: Load | None) -> Load | None:
        """Body weight carrying ``steps`` steps more (a backpack): the dosage's step in kg
        or lb, else 1 kg; None below body weight alone."""
        unit: Literal["kg", "lb"] = self.carried or (
            "lb" if step is not None and step.unit == "lb" else "kg"
        )
        size = step.amount if step is not None and step.unit == unit and step.amount else None
        carried = round((self.amount or 0.0) + steps * (size or _DEFAULT_STEP[unit]), 3)
        if carried < 0:
            return None
        if carried == 0:
            return Load(unit="bodyweight")
        return Load(unit="bodyweight", amount=carried, carried=unit)

    def rank(self) -> float | None:
        """A number that orders loads of the same unit (bands by colour; body weight by
        the kilograms it carries), or None."""
        if self.unit == "band":
            return float(BAND_ORDER.index(self.band)) if self.band in BAND_ORDER else None
        if self.unit == "bodyweight":
            return (self.amount or 0.0) * (_KG_PER_LB if self.carried == "lb" else 1.0)
        return self.amount


def _parse_load(value: str) -> dict[str, Any]:
    match = _LOAD_WORDS.fullmatch(value)
    if not match:
        raise ValueError(
            tr(
                "must be a load like '5 kg', '10 lb', 'red band', 'level 3' or "
                "'body weight', not {value!r}",
                value=content_text.Shown(value),
            )
        )
    if match["amount"]:
        unit = "kg" if match["unit"].lower().startswith("k") else "lb"
        return {"unit": unit, "amount": float(match["amount"])}
    if match["level"]:
        return {"unit": "level", "amount": float(match["level"])}
    if match["body"]:
        if match["carried"]:
            return {
                "unit": "bodyweight",
                "amount": float(match["carried"]),
                "carried": match["carried_unit"].lower(),
            }
        return {"unit": "bodyweight"}
    colour = (match["band"] or match["band2"] or "").strip().lower()
    return {"unit": "band", "band": colour}


def parse_load(text: str) -> Load:
    """A load from its written (or stored) form."""
    return Load.model_validate(text)


EffortScale = Literal["rpe", "rir", "percent_1rm"]
_EFFORT_WORDS = re.compile(
    r"\s*(?:rpe\s*(?P<rpe>[\d.]+(?:\s*-\s*[\d.]+)?)"
    r"|(?P<rir>[\d.]+(?:\s*-\s*[\d.]+)?)\s*rir|rir\s*(?P<rir2>[\d.]+(?:\s*-\s*[\d.]+)?)"
    r"|(?P<pct>[\d.]+(?:\s*-\s*[\d.]+)?)\s*%\s*(?:of\s*)?1\s*rm)\s*",
    re.IGNORECASE,
)


class Effort(_Frozen):
    """How hard a set should feel: RPE (0-10), reps in reserve, or a share of the 1-rep max."""

    scale: EffortScale
    low: float = Field(ge=0, le=100)
    high: float = Field(ge=0, le=100)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = _EFFORT_WORDS.fullmatch(value)
            if not match:
                raise ValueError(
                    tr(
                        "must be an effort like 'RPE 7', 'RPE 6-8', '2 RIR' or '70% 1RM', "
                        "not {value!r}",
                        value=content_text.Shown(value),
                    )
                )
            for scale, group in (
                ("rpe", "rpe"),
                ("rir", "rir"),
                ("rir", "rir2"),
                ("percent_1rm", "pct"),
            ):
                if match[group]:
                    low, _, high = match[group].partition("-")
                    return {"scale": scale, "low": low, "high": high or low}
        if isinstance(value, dict) and len(value) == 1:
            ((key, amount),) = value.items()
            if key in ("rpe", "rir", "percent_1rm"):
                text = str(amount)
                low, _, high = text.partition("-")
                return {"scale": key, "low": low.strip(), "high": (high or low).strip()}
        return value

    @model_validator(mode="after")
    def _sensible(self) -> Effort:
        if self.high < self.low:
            raise ValueError(tr("write the smaller number first"))
        top = 100 if self.scale == "percent_1rm" else (10 if self.scale == "rpe" else 20)
        if self.high > top:
            raise ValueError(tr("{scale} goes up to {top}", scale=self.scale.upper(), top=top))
        return self

    def __str__(self) -> str:
        amount = (
            _shown(self.low)
            if self.low == self.high
            else (f"{_shown(self.low)}-{_shown(self.high)}")
        )
        if self.scale == "rpe":
            return tr("RPE {n}", n=amount)
        if self.scale == "rir":
            return tr("{n} reps in reserve", n=amount)
        return tr("{n}% of 1RM", n=amount)


_SPAN_WORDS = re.compile(
    r"\s*(?P<low>\d+(?:\.\d+)?)\s*(?:(?:-|–|to)\s*(?P<high>\d+(?:\.\d+)?)\s*)?"
    r"(?P<unit>s|sec|secs|seconds?|min|mins|minutes?)?\s*",
    re.IGNORECASE,
)


class Span(_Frozen):
    """Seconds, exact or a range: ``30``, ``30-45``, ``1-2 min``. ``low`` is what is timed."""

    low: float = Field(ge=0, le=24 * 3600)
    high: float = Field(ge=0, le=24 * 3600)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(tr("must be seconds like 30, or a range like 30-45, not true/false"))
        if isinstance(value, int | float):
            return {"low": value, "high": value}
        if isinstance(value, str):
            match = _SPAN_WORDS.fullmatch(value)
            if not match:
                raise ValueError(
                    tr(
                        "must be seconds like 30, a range like 30-45, or minutes like "
                        "'1-2 min', not {value!r}",
                        value=content_text.Shown(value),
                    )
                )
            scale = 60 if (match["unit"] or "").lower().startswith("m") else 1
            low = float(match["low"]) * scale
            high = float(match["high"]) * scale if match["high"] else low
            return {"low": low, "high": high}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.high < self.low:
            raise ValueError(
                tr(
                    "range {low}-{high} runs backwards: write the smaller number first",
                    low=_number(self.low),
                    high=_number(self.high),
                )
            )
        return self

    @property
    def is_range(self) -> bool:
        return self.high != self.low

    def __str__(self) -> str:
        if self.low >= 60 and self.low % 60 == 0 and self.high % 60 == 0:
            low, high = self.low / 60, self.high / 60
            shown = f"{_number(low)}-{_number(high)}" if self.is_range else _number(low)
            return tr("{n} min", n=shown)
        shown = f"{_number(self.low)}-{_number(self.high)}" if self.is_range else _number(self.low)
        return tr("{n} s", n=shown)

    def __float__(self) -> float:
        return self.low
