"""What the session screen and the clinic display show at one moment, built from the
engine's state as plain data (``Readout``). Widgets only draw it.

Every word in it is already in the user's language (``tr``), except where a sentence
names a key: those are ``Hint`` values, worded by the window from its key table, so a
rebound key is never misnamed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from guide_app.core import placeholders, symbols
from guide_app.core.amounts import Span
from guide_app.core.engine import State
from guide_app.core.i18n import ntr, tr
from guide_app.core.loader import Library
from guide_app.core.model import Exercise
from guide_app.core.motion import STILL, Motions, Movement
from guide_app.core.plan import Plan, Step, StepKind
from guide_app.core.set_load import SetLoads
from guide_app.core.sides import Side, side_word
from guide_app.core.steps import work_ahead
from guide_app.core.voice import VoiceStatus


class Hint(StrEnum):
    """A sentence that names a key; the window words it from the key table."""

    START = "start"  # "Press Space (or the clicker) to start"
    GO_ON = "go_on"  # a note waits: "Press Space or Return to go on"
    COUNT = "count"  # counted reps: "Press Space or Return after each rep"
    EXTEND = "extend"  # a hold or rest given as a range: "Press E to add the rest of the range"


@dataclass(frozen=True, slots=True)
class Readout:
    """Everything the session screen shows at one moment."""

    exercise_name: str = ""
    kind: StepKind = StepKind.READY
    picture: Path | None = None
    mirrored: bool = False
    cues: tuple[str, ...] = ()
    current_cue: int | None = None
    tip: str = ""  # the tip on screen: the one last said of this exercise, else its first
    big: str = ""  # "7 / 15", "0:23", "OUT"
    big_caption: str = ""  # "reps", "hold", "rest"
    progress: float | None = None  # 0..1 through a phase, hold or rest
    set_text: str = ""  # "Set 2 of 3"
    side: Side | None = None
    side_text: str = ""  # the side with its limb, "Right leg" (empty: the side alone)
    message: str = ""  # "Switch sides: now your right side"
    hint: Hint | None = None
    count_unit: str | None = None  # what the count key counts: reps, steps or holds
    next_text: str = ""
    session_progress: float = 0.0
    session_text: str = ""  # "Hip cuff · part 3 of 8"
    paused: bool = False
    muted: bool = False
    voice: VoiceStatus | None = None
    voice_done: int = 0  # phrases prepared of voice_total, while the voice prepares
    voice_total: int = 0
    stop_signs: tuple[str, ...] = ()
    effort_for: str | None = None  # the exercise whose effort may be rated now, by name
    load_text: str = ""  # "Load: 5 kg", "Load: 7 kg (prescribed 5 kg)"
    load_corrected: bool = False
    effort_text: str = ""  # how hard the set should feel: "RPE 7"
    range_text: str = ""  # a hold or rest given as a range, as written: "30-45 s"
    movement: Movement = STILL  # the figure's way through the step (``core.motion``)
    elapsed: float = 0.0  # seconds into the step, pauses left out, when this was built
    # (below 0 while the step is handled ahead of its start: ``Movement.before``)

    @property
    def figure_at(self) -> float:
        """Where the figure is along its movement (0 start pose, 1 end pose) now."""
        return self.movement.at(self.elapsed)


def format_seconds(seconds: float) -> str:
    """Whole seconds left, rounded up, as 45 or 1:30."""
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


def unit_word(unit: str | None) -> str:
    """The name of what a set counts, as shown under the count."""
    return {"steps": tr("steps"), "holds": tr("holds")}.get(unit or "", tr("reps"))


class ReadoutBuilder:
    """Builds readouts for one plan; remembers the last cue shown between steps."""

    def __init__(self, plan: Plan, library: Library, loads: SetLoads | None = None) -> None:
        self.plan = plan
        self.library = library
        self.loads = loads if loads is not None else SetLoads(plan.steps)
        self._ahead = work_ahead(plan.steps)  # the work step each step's set leads to
        self._motions = Motions(plan, self._ahead)
        self._tips = tips_shown(plan.steps)  # which of its exercise's tips each step shows
        self._starts = plan.start_times()
        self._total = max(plan.total_seconds(), 1.0)
        blocks = sorted({s.block for s in plan.steps if s.block is not None})
        self._block_no = {block: n for n, block in enumerate(blocks, start=1)}
        self._cue: tuple[str | None, int | None] = (None, None)  # exercise, last cue shown

    def build(
        self,
        state: State,
        *,
        muted: bool,
        voice: VoiceStatus | None,
        voice_progress: tuple[int, int],
        effort_for: str | None,
    ) -> Readout:
        step = state.step
        exercise = self.library.exercises.get(step.exercise or "")
        big, caption, progress, message, hint = self._big(state, step)
        picture, mirrored = self._picture(step)
        if step.exercise != self._cue[0]:
            self._cue = (step.exercise, None)
        if step.cue_index is not None:
            self._cue = (step.exercise, step.cue_index)
        sets = self._set_text(state.index, step)
        if sets and step.round and step.rounds and step.rounds != step.intervals:
            rounds = tr("round {round} of {rounds}", round=step.round, rounds=step.rounds)
            sets += "  ·  " + rounds
        load = self.loads.at(state.index)
        at = self._ahead[state.index] if state.index < len(self._ahead) else None
        ahead = self.plan.steps[at] if at is not None else None
        side, limb = step.side, step.limb or (exercise.limb if exercise else None)
        elapsed = self._starts[state.index] if state.index < len(self._starts) else 0.0
        parts = len(self._block_no)
        block_no = self._block_no.get(step.block, parts) if step.block is not None else parts
        name = exercise.name if exercise else step.name or ""
        if step.kind is StepKind.END:
            name = tr("Well done")
        return Readout(
            exercise_name=name,
            kind=step.kind,
            picture=picture,
            mirrored=mirrored,
            cues=tuple(placeholders.fill(c.text, side, limb) for c in exercise.cues)
            if exercise
            else (),
            current_cue=self._cue[1],
            tip=self._tip(state.index, exercise, side, limb),
            big=big,
            big_caption=caption,
            progress=progress,
            set_text=sets,
            side=step.side,
            side_text=limb_side(side, limb),
            message=message,
            hint=hint,
            count_unit=step.count_unit,
            next_text=self._next_text(state.index),
            session_progress=min(1.0, elapsed / self._total),
            session_text=self.plan.title
            + "  ·  "
            + tr("part {part} of {parts}", part=block_no, parts=parts),
            paused=state.paused,
            muted=muted,
            voice=voice,
            voice_done=voice_progress[0],
            voice_total=voice_progress[1],
            stop_signs=tuple(placeholders.fill(s, side, limb) for s in exercise.stop_signs)
            if exercise
            else (),
            effort_for=effort_for,
            load_text=load.text if load is not None else "",
            load_corrected=load is not None and load.corrected,
            effort_text=str(ahead.effort) if ahead is not None and ahead.effort else "",
            range_text=self._range(state.index),
            movement=self._motions.of(state.index, step) if exercise else STILL,
            elapsed=state.elapsed - state.starts_in,
        )

    def _tip(
        self, index: int, exercise: Exercise | None, side: Side | None, limb: str | None
    ) -> str:
        """The tip step ``index`` shows, filled for the side and limb ('' for none)."""
        if exercise is None or not exercise.tips:
            return ""
        n = self._tips[index] if index < len(self._tips) else 0
        return placeholders.fill(exercise.tips[n % len(exercise.tips)], side, limb)

    def _set_text(self, index: int, step: Step) -> str:
        """The set ("Set 2 of 3"); in intervals the interval, and on a rest the next one."""
        if step.interval and step.intervals:
            before = self.plan.steps[index - 1] if index > 0 else None
            if step.kind is not StepKind.REST:
                return tr("Interval {n} of {of}", n=step.interval, of=step.intervals)
            if before is not None and before.interval != step.interval:
                return tr("Next: interval {n} of {of}", n=step.interval, of=step.intervals)
            return ""  # the rest after the last interval
        if step.set and step.sets:
            return tr("Set {set} of {sets}", set=step.set, sets=step.sets)
        return ""

    def _range(self, index: int) -> str:
        """A hold or rest given as a range, as written ("30-45 s"); timed at its low end."""
        step = self.plan.steps[index] if index < len(self.plan.steps) else None
        if step is None or step.up_to is None or step.duration is None:
            return ""
        if step.up_to <= step.duration:
            return ""
        return str(Span(low=step.duration, high=step.up_to))

    def _big(self, state: State, step: Step) -> tuple[str, str, float | None, str, Hint | None]:
        """The big readout, its caption, the progress bar, a message and a hint."""
        kind = step.kind
        left = state.time_left
        # a range timed at its low end may still be lengthened to its top
        extend = Hint.EXTEND if step.up_to and (step.duration or 0.0) < step.up_to else None
        progress = None
        if step.duration and left is not None:
            progress = 1.0 - left / step.duration
        if kind is StepKind.REP:
            shown = (
                f"{step.reps_range}"
                if step.reps_range and step.reps_range.low != step.reps_range.high
                else f"{step.reps}"
            )
            count = f"{state.set_reps} / {shown}"
            return count, unit_word(step.count_unit), None, "", Hint.COUNT
        if kind is StepKind.PHASE:
            rep = ""
            if step.rep and step.reps:
                rep = tr("rep {rep} of {reps}", rep=step.rep, reps=step.reps)
            return (step.phase or "").upper(), rep, progress, "", None
        if kind is StepKind.HOLD:
            caption = tr("hold")
            if step.rep and step.reps and step.reps > 1:
                caption = tr("hold {rep} of {reps}", rep=step.rep, reps=step.reps)
            return format_seconds(left or 0.0), caption, progress, "", extend
        if kind is StepKind.WORK:  # timed; the key counts what was done in it, if asked to
            time = format_seconds(left or 0.0)
            if step.count_unit is None:
                return time, tr("work"), progress, tr("Work"), None
            n = state.set_reps
            done = (
                ntr("{n} step", "{n} steps", n)
                if step.count_unit == "steps"
                else ntr("{n} rep", "{n} reps", n)
            )
            return time, done, progress, tr("Work"), Hint.COUNT
        if kind is StepKind.REST:
            message = tr("Rest") if step.intervals else ""
            return format_seconds(left or 0.0), tr("rest"), progress, message, extend
        if kind is StepKind.SWITCH:
            if step.side is not None:
                message = tr("Switch sides: now your {side} side", side=side_word(step.side))
            else:
                message = tr("Turn: now go {direction}", direction=step.direction or "")
            return format_seconds(left or 0.0), tr("switch"), progress, message, None
        if kind is StepKind.READY:
            if left is None:
                return tr("Ready?"), tr("get ready"), None, "", Hint.START
            return format_seconds(left), tr("get ready"), progress, "", None
        if kind is StepKind.MEASURE:
            what = step.name or ""
            unit = step.measure_unit or ""
            if step.side is not None:
                message = tr(
                    "Measure {what} — {side} side ({unit})",
                    what=what,
                    side=side_word(step.side),
                    unit=unit,
                )
            else:
                message = tr("Measure {what} ({unit})", what=what, unit=unit)
            return "", tr("measure"), None, message, None
        if kind is StepKind.NOTE:
            return "", tr("note"), None, step.text or "", Hint.GO_ON
        return symbols.DONE, tr("done"), None, "", None

    def _picture(self, step: Step) -> tuple[Path | None, bool]:
        """The picture for the step, and whether to mirror it for the side worked."""
        exercise = self.library.exercises.get(step.exercise or "")
        if exercise is None:
            return None, False
        which = "start"
        if exercise.pictures.end:
            if step.kind is StepKind.PHASE and step.tempo:
                names = [p.name for p in step.tempo if p.seconds > 0]
                last = names[-1] if names else None
                which = "start" if step.phase == last else "end"
            elif step.kind is StepKind.HOLD and step.reps and step.hold:
                which = "end"
        path = self.library.picture_path(exercise.id, which)
        drawn = exercise.pictures.drawn_side
        side = step.side.value if step.side is not None else None
        mirrored = side in ("left", "right") and drawn in ("left", "right") and side != drawn
        return path, mirrored

    def _next_text(self, index: int) -> str:
        steps = self.plan.steps
        current = steps[index]
        if current.kind is StepKind.WORK:
            after = self._after_work(index)
            if after:
                return after
        for step in steps[index + 1 :]:
            if step.kind is StepKind.END:
                return tr("Next: the end of the session")
            if step.block != current.block and step.kind in (
                StepKind.READY,
                StepKind.MEASURE,
                StepKind.NOTE,
            ):
                name = step.name or ""
                if step.side in (Side.LEFT, Side.RIGHT):
                    return tr("Next up: {name}, {side}", name=name, side=_side_words(step))
                return tr("Next up: {name}", name=name)
            if step.block == current.block and step.side != current.side and step.side:
                return tr("Next: {side}", side=_side_words(step))
        return ""

    def _after_work(self, index: int) -> str:
        """After a work interval: the rest, then the next interval ('' after the last)."""
        current = self.plan.steps[index]
        rest = 0.0
        for step in self.plan.steps[index + 1 :]:
            if step.block != current.block or step.kind is StepKind.END:
                return ""
            if step.kind is StepKind.REST:
                rest += step.duration or 0.0
            elif step.kind is StepKind.WORK and step.interval and step.intervals:
                then = tr("interval {n} of {of}", n=step.interval, of=step.intervals)
                if step.exercise != current.exercise and step.name:
                    then = tr("{interval}: {name}", interval=then, name=step.name)
                if rest:
                    return tr("Next: rest {seconds:g} s, then {then}", seconds=rest, then=then)
                return tr("Next: {then}", then=then)
        return ""


def tips_shown(steps: tuple[Step, ...]) -> tuple[int, ...]:
    """For each step, which of its exercise's tips is shown: the last one said for that
    exercise at or before the step (``Step.tip``, a rest's), anywhere in the session;
    else the first."""
    last: dict[str, int] = {}
    found: list[int] = []
    for step in steps:
        if step.exercise is not None and step.tip is not None:
            last[step.exercise] = step.tip
        found.append(last.get(step.exercise or "", 0))
    return tuple(found)


def _side_words(step: Step) -> str:
    """'right side', or with the exercise's limb 'right leg'."""
    assert step.side is not None
    if step.limb:
        return tr(
            "{side} {limb}", side=side_word(step.side), limb=placeholders.limb_word(step.limb)
        )
    return tr("{side} side", side=side_word(step.side))


def limb_side(side: Side | None, limb: str | None) -> str:
    """The side with its limb, "Right leg", for a one-sided exercise that names its limb;
    empty otherwise (the side alone is shown)."""
    if limb is None or side not in (Side.LEFT, Side.RIGHT):
        return ""
    word = placeholders.limb_word(limb)
    return tr("Left {limb}", limb=word) if side is Side.LEFT else tr("Right {limb}", limb=word)
