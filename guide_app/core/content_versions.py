"""Format versions: a version-1 file read as version 2, and what only version 2 may say.

This is the one place a version-1 file is migrated. The models hold version 2; a
version-1 file differs from it in two ways only:

* its text knew no side placeholders, so braces in its cues, tips and position are
  escaped as it is read (``upgrade``) and show as written;
* it may not use what version 2 added (``newer_fields``): a file that does is told to
  say ``version: 2``, so a version-1 reader elsewhere never meets a field it drops.

Everything version 1 could say means the same in version 2, which is why the rest of
the app never asks a file's version.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from guide_app.core import model as m
from guide_app.core import placeholders
from guide_app.core.amounts import Span
from guide_app.core.content_errors import dotted
from guide_app.core.i18n import tr

Loc = tuple[str | int, ...]

# Fields version 2 added, by the model that holds them.
NEW_FIELDS: dict[type[BaseModel], frozenset[str]] = {
    m.DosageFields: frozenset({"load", "load_step", "effort", "count"}),
    m.SideDosage: frozenset({"load", "load_step", "effort", "count", "when"}),
    m.Dosage: frozenset({"load", "load_step", "effort", "count", "only"}),
    m.Pictures: frozenset({"steps"}),
    m.Exercise: frozenset({"secondary_targets", "level", "category", "limb", "source"}),
    m.ExerciseBlock: frozenset({"by_week"}),
    m.Measure: frozenset({"only", "goal"}),
    m.Session: frozenset({"source", "pain"}),
    m.Phase: frozenset({"pain"}),
    m.Programme: frozenset({"source", "pain"}),
    m.ProgressionRule: frozenset({"days", "load", "measure"}),
}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A version-1 file's data as version 2 reads it (other versions are returned as is)."""
    if data.get("version") != 1 or data.get("kind") != "exercise":
        return data
    out = dict(data)
    if isinstance(out.get("position"), str):
        out["position"] = placeholders.escape(out["position"])
    if isinstance(out.get("tips"), list):
        out["tips"] = [placeholders.escape(t) if isinstance(t, str) else t for t in out["tips"]]
    if isinstance(out.get("cues"), list):
        out["cues"] = [_escaped_cue(cue) for cue in out["cues"]]
    return out


def _escaped_cue(cue: Any) -> Any:
    if isinstance(cue, str):
        return placeholders.escape(cue)
    if isinstance(cue, dict) and isinstance(cue.get("text"), str):
        return {**cue, "text": placeholders.escape(cue["text"])}
    return cue


def problems(content: m.Content, data: Any = None) -> list[tuple[Loc, str]]:
    """What is wrong with a loaded file because of its version, as ``(where, message)``.
    ``data``, the file as read, lets a version-1 file that names nothing new skip the
    walk through its model (most files: the walk is a third of loading one)."""
    if content.version == 1:
        if data is not None and not _may_be_newer(data):
            return []
        return list(newer_fields(content, ()))
    if isinstance(content, m.Exercise):
        return list(_placeholder_problems(content))
    return []


_NEW_KEYS = frozenset().union(*NEW_FIELDS.values(), {"intervals"})
_SECONDS_KEYS = frozenset({"hold", "rest", "side_rest"})


def _may_be_newer(data: Any) -> bool:
    """Whether a file as read may use something of version 2: a key version 2 added, a
    string of seconds (a range), a frequency or a change written as a mapping, a rule
    without its sets. False is sure; True asks ``newer_fields`` to look."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _NEW_KEYS:
                    return True
                if key in _SECONDS_KEYS and isinstance(value, str):
                    return True
                if key in ("frequency", "then") and isinstance(value, dict):
                    return True
                if (
                    key == "rule"
                    and isinstance(value, dict)
                    and not value.keys()
                    >= {
                        "exercise",
                        "sets",
                        "reps",
                    }
                ):
                    return True
                if isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(item for item in node if isinstance(item, dict | list))
    return False


def newer_fields(node: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every field of a version-1 file that only version 2 may give."""
    if isinstance(node, m.IntervalsBlock):
        yield (*loc, "intervals"), _needs_2(dotted((*loc, "intervals")))
    elif isinstance(node, BaseModel):
        new = NEW_FIELDS.get(type(node), frozenset())
        for name in sorted(node.model_fields_set):
            value = getattr(node, name)
            if name in new and value is not None:
                yield (*loc, name), _needs_2(dotted((*loc, name)))
                continue
            yield from _newer_values(node, name, value, (*loc, name))
            yield from newer_fields(value, (*loc, name))
    elif isinstance(node, tuple):
        for i, item in enumerate(node):
            yield from newer_fields(item, (*loc, i))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from newer_fields(item, (*loc, key))


def _newer_values(owner: BaseModel, name: str, value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Values version 1 could not take in a field it knew."""
    if isinstance(value, Span) and value.is_range:
        yield loc, tr("{field}: a range of seconds", field=dotted(loc)) + "; " + _needs_2(None)
    elif isinstance(value, m.Frequency) and value.model_fields_set != {"text"}:
        yield loc, tr("{field}: frequency as numbers", field=dotted(loc)) + "; " + _needs_2(None)
    elif isinstance(value, m.Change):
        yield loc, tr("{field}: a change", field=dotted(loc)) + "; " + _needs_2(None)
    if isinstance(owner, m.ProgressionRule) and name == "then":
        for field in ("exercise", "sets", "reps"):
            if getattr(owner, field) is None:
                yield (
                    (*loc[:-1], field),
                    tr(
                        "{field}: missing (version 1 rules need exercise, sets and reps)",
                        field=dotted((*loc[:-1], field)),
                    ),
                )


def _needs_2(name: str | None) -> str:
    what = tr("{field}: ", field=name) if name else ""
    return what + tr("this needs version 2 of the format: write version: 2 at the top")


def _placeholder_problems(exercise: m.Exercise) -> Iterator[tuple[Loc, str]]:
    texts: list[tuple[Loc, str]] = [(("position",), exercise.position)]
    texts += [(("cues", i), cue.text) for i, cue in enumerate(exercise.cues)]
    texts += [(("tips", i), tip) for i, tip in enumerate(exercise.tips)]
    for loc, text in texts:
        for bad in placeholders.unknown(text):
            yield (
                loc,
                tr(
                    "{field}: unknown placeholder {bad!r}: a text may name {{side}}, "
                    "{{other_side}} or {{limb}} (write {{{{ for a brace)",
                    field=dotted(loc),
                    bad=bad,
                ),
            )
        if exercise.sides is m.Sides.BOTH and placeholders.uses_sides(text):
            yield (
                loc,
                tr(
                    "{field}: {{side}} names the working side, but this exercise works both "
                    "sides together (sides: both)",
                    field=dotted(loc),
                ),
            )
