"""The documented order of the keys of content files, as data, for writing them back.

One table says, for exercises, sessions, programmes and everything inside them (blocks,
dosages, pictures, phases, rules...), which keys a mapping may hold and in what order
(as docs/format.md shows them), and which short mappings and lists the house style
writes on one line (a session block's ``dosage: {sets: 3, reps: 10}``,
``equipment: [mat, loop band]``). Saving uses it to put a new key among its siblings
and to lay out a new file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Step = str | int


@dataclass(frozen=True, slots=True)
class Keys:
    """The keys of one kind of mapping, in order, and what lies inside them."""

    order: tuple[str, ...]
    inside: Mapping[str, Keys] = field(default_factory=lambda: MappingProxyType({}))
    each: Keys | None = None  # the keys are data (weeks, sides): each value is one of these
    flow: bool = False  # written on one line when every value is plain: {sets: 3, reps: 10}
    flow_lists: frozenset[str] = frozenset()  # lists of plain values written [a, b]

    def child(self, step: Step) -> Keys | None:
        """The keys of the value at ``step`` (an item of a list keeps its list's keys)."""
        if isinstance(step, int):
            return self
        return self.inside.get(step, self.each)

    def position(self, existing: Iterable[object], key: str) -> int:
        """Where ``key`` goes among ``existing`` keys: after the last one documented
        before it, else before the first documented after it, else at the end."""
        keys = list(existing)
        if key not in self.order:
            return len(keys)
        rank = self.order.index(key)
        ranks = [self.order.index(k) if k in self.order else None for k in keys]
        before = [i for i, r in enumerate(ranks) if r is not None and r < rank]
        if before:
            return before[-1] + 1
        after = [i for i, r in enumerate(ranks) if r is not None and r > rank]
        return after[0] if after else len(keys)


def _keys(
    order: str,
    inside: Mapping[str, Keys] | None = None,
    *,
    each: Keys | None = None,
    flow: bool = False,
    flow_lists: str = "",
) -> Keys:
    return Keys(
        tuple(order.split()),
        MappingProxyType(dict(inside or {})),
        each,
        flow,
        frozenset(flow_lists.split()),
    )


_FIELDS = "sets reps unit pace tempo hold rest side_rest distance_m directions"
_LOADS = "load load_step effort count"
_TEMPO = _keys("", flow=True)  # the phases are the person's own names, in their order
_WHEN = _keys("weaker", flow=True)
_SIDE_DOSAGE = _keys(
    f"{_FIELDS} {_LOADS} when", {"tempo": _TEMPO, "when": _WHEN}, flow=True, flow_lists="directions"
)
_PER_SIDE = _keys("affected unaffected left right", each=_SIDE_DOSAGE)


def _dosage(*, flow: bool) -> Keys:
    return _keys(
        f"{_FIELDS} per_side first_side side_order {_LOADS} only",
        {"tempo": _TEMPO, "per_side": _PER_SIDE},
        flow=flow,
        flow_lists="directions",
    )


_SOURCE = _keys("title author url licence note")
_PAIN = _keys("during after next_morning if_exceeded say")

EXERCISE = _keys(
    "version kind id name summary equipment targets secondary_targets level category limb "
    "position pictures cues tips faq stop_signs sides dosage progressions regressions source",
    {
        "pictures": _keys("start end drawn_side steps"),
        "cues": _keys("text speak"),
        "faq": _keys("q a"),
        "dosage": _dosage(flow=False),
        "source": _SOURCE,
    },
    flow_lists="equipment targets secondary_targets",
)

_BLOCK_DOSAGE = _dosage(flow=True)
_EXERCISE_BLOCK = _keys(
    "exercise dosage by_week note",
    {"dosage": _BLOCK_DOSAGE, "by_week": _keys("", each=_BLOCK_DOSAGE)},
)
_MEASURE = _keys(
    "name unit per_side only goal how exercise", {"goal": _keys("at_least at_most", flow=True)}
)
_BLOCK = _keys(
    "exercise circuit intervals measure dosage by_week note",
    {
        **_EXERCISE_BLOCK.inside,
        "circuit": _keys("title rounds rest exercises", {"exercises": _EXERCISE_BLOCK}),
        "intervals": _keys(
            "title work rest rounds round_rest count_reps exercises",
            {"exercises": _EXERCISE_BLOCK},
        ),
        "measure": _MEASURE,
    },
)

SESSION = _keys(
    "version kind id title summary notes equipment source pain blocks",
    {"source": _SOURCE, "pain": _PAIN, "blocks": _BLOCK},
    flow_lists="equipment",
)

_CHANGE = _keys("sets reps hold load add_load band exercise phase say")
_RULE = _keys(
    "exercise sets reps sides sessions days load max_pain measure then",
    {"measure": _keys("name at_least at_most side", flow=True), "then": _CHANGE},
)
_PHASE = _keys(
    "name weeks goal sessions frequency pain progression",
    {
        "frequency": _keys(
            "text times_a_day days_a_week weekdays every_days every_hours", flow_lists="weekdays"
        ),
        "pain": _PAIN,
        "progression": _keys("text rule", {"rule": _RULE}),
    },
    flow_lists="sessions",
)

PROGRAMME = _keys(
    "version kind id title condition summary source notes pain phases",
    {"source": _SOURCE, "pain": _PAIN, "phases": _PHASE},
)

ROOTS: Mapping[str, Keys] = MappingProxyType(
    {"exercise": EXERCISE, "session": SESSION, "programme": PROGRAMME}
)


def keys_at(kind: object, where: Iterable[Step]) -> Keys | None:
    """The keys of the mapping at ``where`` in a file of ``kind``; None where the table
    knows nothing (an unknown kind or key): a new key then goes at the end."""
    keys = ROOTS.get(kind) if isinstance(kind, str) else None
    for step in where:
        if keys is None:
            return None
        keys = keys.child(step)
    return keys
