"""The load each exercise-side is done at in a running session: as prescribed, and as corrected.

A set's prescribed load is its steps' ``Step.load``; a get-ready, a rest or a switch
shows the load of the set that comes next. The person corrects it a step lighter or
heavier (``Load.stepped`` by ``Step.load_step``; bands by colour), during the get-ready,
a rest or the set, with no typing. A correction holds for the later sets of that
exercise on that side that were prescribed the same load (a circuit's later rounds too),
and each set is saved with the load shown when it ends. A resumed session brings back
the corrections its saved sets carry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from guide_app.core import prompts
from guide_app.core.amounts import Load, parse_load
from guide_app.core.history_records import SetRecord
from guide_app.core.i18n import tr
from guide_app.core.prompts import Line
from guide_app.core.sides import Side
from guide_app.core.steps import WORK_KINDS, Step, work_ahead
from guide_app.core.voice import Priority

_Key = tuple[str, Side, str]  # exercise, side, the prescribed load (Load.text)


@dataclass(frozen=True, slots=True)
class ShownLoad:
    """The load a step shows: as done now, and as prescribed."""

    load: Load
    prescribed: Load

    @property
    def corrected(self) -> bool:
        return self.load != self.prescribed

    @property
    def text(self) -> str:
        """What is shown: "Load: 5 kg", or "Load: 7 kg (prescribed 5 kg)" once corrected."""
        if self.corrected:
            return tr(
                "Load: {load} (prescribed {prescribed})",
                load=str(self.load),
                prescribed=str(self.prescribed),
            )
        return tr("Load: {load}", load=str(self.load))


class SetLoads:
    """The loads of one plan's sets as the session runs: ``at`` a step, ``change`` by a
    key, and ``saved`` with a set. ``done`` are sets a resumed session saved before."""

    def __init__(self, steps: tuple[Step, ...], done: Iterable[SetRecord] = ()) -> None:
        self._steps = steps
        self._target = _targets(steps)
        self._corrected: dict[_Key, Load] = {}
        for record in done:
            self._recall(record)

    def at(self, index: int) -> ShownLoad | None:
        """The load step ``index`` shows (None: it has none)."""
        target = self._target[index] if 0 <= index < len(self._target) else None
        if target is None:
            return None
        step = self._steps[target]
        assert step.load is not None
        key = _key(step)
        load = self._corrected.get(key, step.load) if key is not None else step.load
        return ShownLoad(load, step.load)

    def change(self, index: int, steps: int) -> Line | None:
        """The load shown at step ``index`` made ``steps`` steps heavier (negative:
        lighter), from now on for its exercise-side; what to say (the load now, or that it
        can't move that way). None when the step shows no load."""
        shown = self.at(index)
        target = self._target[index] if shown is not None else None
        if shown is None or target is None:
            return None
        step = self._steps[target]
        moved = shown.load.stepped(steps, step.load_step)
        key = _key(step)
        if moved is None or key is None:
            said = prompts.load(shown.load)
            if shown.load.unit == "bodyweight":
                return said
            words = (
                tr("{load} is the lightest", load=said.text)
                if steps < 0
                else tr("{load} is the heaviest", load=said.text)
            )
            return Line(words, Priority.ANNOUNCE)
        self._corrected[key] = moved
        return prompts.load(moved)

    def saved(self, block: int, side: Side, place: int | None) -> str | None:
        """The load a set ends at, as the journal keeps it (``Load.text``): the set whose
        first step on ``side`` is plan step ``place`` (in ``block``); None when it has none."""
        if place is None or not 0 <= place < len(self._steps):
            return None
        step = self._steps[place]
        if step.block != block or step.load is None:
            return None
        key = _key(step)
        return (self._corrected.get(key, step.load) if key is not None else step.load).text

    def _recall(self, record: SetRecord) -> None:
        """A saved set's load, when it differs from what its set prescribes, holds on."""
        if record.load is None:
            return
        for step in self._steps:
            if (
                step.kind in WORK_KINDS
                and step.exercise == record.exercise_id
                and step.side == record.side
                and step.block == record.step
                and step.set == record.set_number
                and step.load is not None
            ):
                key = _key(step)
                try:
                    load = parse_load(record.load)
                except ValueError:
                    return
                if key is not None and load != step.load:
                    self._corrected[key] = load
                return


def _key(step: Step) -> _Key | None:
    if step.exercise is None or step.side is None or step.load is None:
        return None
    return (step.exercise, step.side, step.load.text)


def _targets(steps: tuple[Step, ...]) -> tuple[int | None, ...]:
    """For each step, the work step whose load it shows (``work_ahead``); None when that
    has no load."""
    return tuple(
        i if i is not None and steps[i].load is not None else None for i in work_ahead(steps)
    )
