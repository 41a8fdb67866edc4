"""A content validation error in words for people who write YAML: where it is, in the
file's own terms, and what to write instead.

Three parts: ``explain`` turns one pydantic error into a sentence (no regular
expressions, no "tuple", no "after validation"); ``Lines`` finds the line of a key or a
value from the file's parsed nodes, parsed once however many problems a file has (a
week-by-week row, which the model holds as a list, is found by its key); and
``dosage_conflicts`` names the dosage fields that a session or an exercise gives but
that cannot apply (``tempo`` beside ``pace: self``, ``count`` on reps that do not
alternate), so nothing is silently ignored.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import yaml
from pydantic import BaseModel

from guide_app.core.content_text import Shown
from guide_app.core.i18n import ntr, tr
from guide_app.core.model import (
    Dosage,
    DosageFields,
    Exercise,
    ExerciseBlock,
    Pace,
    SideDosage,
    SideOrder,
    Sides,
    WeekRow,
)

try:  # the C loader is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as FastSafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as FastSafeLoader  # type: ignore[assignment]

__all__ = [
    "FastSafeLoader",
    "Lines",
    "Shown",
    "block_conflicts",
    "dosage_conflicts",
    "dotted",
    "explain",
    "suggest_id",
    "without_block_tag",
]

Loc = tuple[str | int, ...]


def without_block_tag(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Pydantic puts a tagged union's tag in the location (blocks.0.exercise.dosage);
    the file has no such level, so drop it."""
    out: list[Any] = []
    for i, part in enumerate(loc):
        if i >= 2 and loc[i - 2] == "blocks" and isinstance(loc[i - 1], int):
            continue
        out.append(part)
    return tuple(out)


def dotted(loc: Sequence[str | int]) -> str:
    """``("blocks", 0, "dosage")`` -> 'blocks[0].dosage' (an overlong key cut short)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + (part if len(part) <= 40 else part[:37] + "...")
    return out or "(top)"


# --------------------------------------------------------------------------- one error


_WHOLE = {"int_type", "int_parsing", "int_from_float"}
_NUMBER = {"float_type", "float_parsing"}
_BOOL = {"bool_type", "bool_parsing"}
_LIST = {"list_type", "tuple_type", "set_type", "frozen_set_type"}
_MAPPING = {"dict_type", "model_type", "model_attributes_type", "dataclass_type"}
_CHOICE = {"literal_error", "enum"}


def explain(error: Any, loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    """One pydantic error as ``where: what is wrong and what to write``."""
    kind = error["type"]
    where = dotted(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(where, loc, model)
    if kind == "missing":
        return tr("{where}: required, but missing", where=where)
    colon = _colon_text(value) if kind in {"string_type", "text_with_colon"} else None
    if colon is not None:
        return tr(
            "{where}: the colon in {text!r} makes YAML read a key and a value, not text: "
            'put the whole item in quotes, e.g. - "{text}"',
            where=where,
            text=colon,
        )
    return tr("{where}: {problem}", where=where, problem=_problem(kind, value, ctx, loc, error))


def _problem(kind: str, value: Any, ctx: dict[str, Any], loc: Loc, error: Any) -> str:
    if loc == ("version",) and kind in _CHOICE and isinstance(value, int) and value > 2:
        return tr(
            "this file is written in version {value} of the format, and this Session Guide "
            "reads versions 1 and 2: update Session Guide, or write the file in version 2",
            value=value,
        )
    if kind == "string_pattern_mismatch" and isinstance(value, str):
        return tr(
            "{value!r} is not a valid id: write lower-case words joined by hyphens, "
            "e.g. {suggestion!r}",
            value=Shown(value),
            suggestion=suggest_id(value),
        )
    if kind == "string_too_short":
        return tr("must not be empty")
    if kind == "string_too_long":
        return tr(
            "is {length} characters long; at most {limit} are allowed here",
            length=len(value) if isinstance(value, str) else "?",
            limit=ctx.get("max_length"),
        )
    if kind == "too_short":
        actual = int(ctx.get("actual_length") or 0)
        got = tr("none") if actual == 0 else str(actual)
        return ntr(
            "needs at least {n} item, got {got}",
            "needs at least {n} items, got {got}",
            int(ctx.get("min_length") or 1),
            got=got,
        )
    if kind == "too_long":
        return ntr(
            "may have at most {n} item, got {got}",
            "may have at most {n} items, got {got}",
            int(ctx.get("max_length") or 0),
            got=ctx.get("actual_length"),
        )
    if kind in _WHOLE:
        return tr("must be a whole number, got {value!r}", value=Shown(value))
    if kind in _NUMBER:
        return tr("must be a number, got {value!r}", value=Shown(value))
    if kind in _BOOL:
        return tr("must be true or false, got {value!r}", value=Shown(value))
    if kind == "string_type":
        return tr(
            "must be text, got {value!r}: put it in quotes if YAML read it as something else",
            value=Shown(value),
        )
    if kind in _LIST and loc and loc[-1] == "tempo":
        return tr(
            'must be phases with seconds, e.g. {{out: 2, back: 3}} or "out 2, back 3", '
            "got {value!r}",
            value=Shown(value),
        )
    if kind in _LIST:
        if isinstance(value, str | int | float):
            return tr(
                "must be a list, got {value!r}: write [{value}] or one item a line, "
                "each starting with '- '",
                value=Shown(value),
            )
        return tr("must be a list, got {value!r}", value=Shown(value))
    if kind in _MAPPING:
        return tr("must be keys with values (key: value), got {value!r}", value=Shown(value))
    if kind in _CHOICE:
        return _choice(value, ctx)
    if kind == "block_kind":
        return tr("each block needs one of the keys exercise, circuit, intervals, measure or note")
    if kind == "greater_than_equal":
        return tr(
            "must be at least {limit}, got {value!r}", limit=ctx.get("ge"), value=Shown(value)
        )
    if kind == "greater_than":
        return tr(
            "must be more than {limit}, got {value!r}", limit=ctx.get("gt"), value=Shown(value)
        )
    if kind in {"less_than_equal", "less_than"}:
        return tr(
            "must be at most {limit}, got {value!r}",
            limit=ctx.get("le", ctx.get("lt")),
            value=Shown(value),
        )
    return str(error["msg"]).removeprefix("Value error, ")


def _unknown_key(where: str, loc: Loc, model: type[BaseModel]) -> str:
    name = str(loc[-1])
    allowed = _allowed_keys(model, loc[:-1])
    hint = ""
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        hint = tr(" (did you mean {key!r}?)", key=close[0])
    listing = tr("; allowed here: {keys}", keys=", ".join(allowed)) if allowed else ""
    return tr(
        "{where}: unknown key {key!r}{hint}{listing}",
        where=where,
        key=Shown(name),
        hint=hint,
        listing=listing,
    )


def _choice(value: Any, ctx: dict[str, Any]) -> str:
    """'must be one of both, one_at_a_time, alternating, got 'one at a time'' with a guess."""
    expected = str(ctx.get("expected", ""))
    choices = [a or b for a, b in re.findall(r"'([^']*)'|(\w+)", expected) if a or b]
    choices = [c for c in choices if c != "or"]
    if len(choices) == 1:
        return tr("must be {choice}, got {value!r}", choice=choices[0], value=Shown(value))
    message = tr(
        "must be one of {choices}, got {value!r}", choices=", ".join(choices), value=Shown(value)
    )
    if isinstance(value, str):
        wanted = re.sub(r"[\s-]+", "_", value.strip().lower())
        close = difflib.get_close_matches(wanted, choices, n=1, cutoff=0.6)
        if close and close[0] != value:
            message += tr(" (did you mean {choice!r}?)", choice=close[0])
    return message


def _colon_text(value: Any) -> str | None:
    """``{'Note': 'sharp pain'}``, as YAML reads ``- Note: sharp pain``, back as its text."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((key, rest),) = value.items()
    if isinstance(key, dict | list) or isinstance(rest, dict | list):
        return None
    return f"{key}:" if rest is None else f"{key}: {rest}"


def suggest_id(text: str) -> str:
    """A valid id made from ``text``: 'Clam Shell' -> 'clam-shell'."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:80].strip("-") or "my-exercise"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at a location, found by walking the model's annotations."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is WeekRow and part not in WeekRow.model_fields:
            current = Dosage  # a week's row, named by its key as the file writes it
            continue
        current = _field_model(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _field_model(model: Any, name: str) -> Any:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        # a union of block models: pick the one that has this field
        return None
    info = model.model_fields.get(name)
    if info is None:
        return None
    return _first_model(info.annotation)


def _first_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _first_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        return _first_model(origin)
    return None


# --------------------------------------------------------------------------- lines


class Lines:
    """Where things are in one file's text: parsed for its nodes at most once, however
    many problems ask (a folder with thousands of problems parses each file once)."""

    def __init__(self, text: str, node: yaml.Node | None = None, *, parsed: bool = False):
        self.text = text
        self._node = node
        self._parsed = parsed or node is not None

    def _root(self) -> yaml.Node | None:
        if not self._parsed:
            self._parsed = True
            loader = FastSafeLoader(self.text)
            try:
                self._node = loader.get_single_node()
            except yaml.YAMLError:
                self._node = None
            finally:
                loader.dispose()
        return self._node

    def of(self, loc: Sequence[str | int]) -> int | None:
        """The 1-based line of the value at ``loc`` (or of the deepest part that exists)."""
        node = self._root()
        if node is None:
            return 1 if self.text.strip() == "" else None
        line = node.start_mark.line + 1
        for part in self.in_file(loc):
            found = _child(node, part)
            if found is None:
                break
            line, node = found
        return line

    def in_file(self, loc: Sequence[str | int]) -> tuple[str | int, ...]:
        """``loc`` as the file writes it: a week-by-week row, which the model holds as the
        n-th of a list (``by_week, 1, dosage, sets``), named by its key (``by_week, 2-3,
        sets``)."""
        parts = tuple(loc)
        if "by_week" not in parts:
            return parts
        node = self._root()
        out: list[str | int] = []
        i = 0
        while i < len(parts):
            part = parts[i]
            out.append(part)
            found = _child(node, part) if node is not None else None
            node = found[1] if found else None
            row = parts[i + 1] if i + 1 < len(parts) else None
            rows = node.value if part == "by_week" and isinstance(node, yaml.MappingNode) else ()
            if isinstance(row, int) and 0 <= row < len(rows):
                key, node = rows[row]
                out.append(str(key.value))
                i += 3 if parts[i + 2 : i + 3] == ("dosage",) else 2
                continue
            i += 1
        return tuple(out)

    def of_value(self, value: str) -> int | None:
        """The first line (not a comment) that holds ``value`` as a whole word."""
        pattern = re.compile(rf"(?<![\w-]){re.escape(value)}(?![\w-])")
        for number, line in enumerate(self.text.splitlines(), start=1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                return number
        return None


def _child(node: yaml.Node, part: str | int) -> tuple[int, yaml.Node] | None:
    """The line and node of ``part`` under ``node`` (a key, or a list's item), if there."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key.start_mark.line + 1, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        items = node.value
        child = items[part] if 0 <= part < len(items) else None
        if child is not None:
            return child.start_mark.line + 1, child
    return None


# --------------------------------------------------------------------------- dosage fields


def block_conflicts(
    block: ExerciseBlock, exercise: Exercise, loc: Loc
) -> Iterator[tuple[Loc, str]]:
    """The conflicts of a session block's dosage and of each row of its week table."""
    if block.dosage is not None:
        merged = exercise.dosage.merged(block.dosage)
        yield from dosage_conflicts(block.dosage, merged, exercise, (*loc, "dosage"))
    for row in block.by_week or ():
        weeks = row.weeks
        key = f"{weeks.first}-{weeks.last}" if weeks.last > weeks.first else str(weeks.first)
        merged = exercise.dosage.merged(block.week_dosage(weeks.first))
        yield from dosage_conflicts(row.dosage, merged, exercise, (*loc, "by_week", key))


def dosage_conflicts(
    named: DosageFields, merged: Dosage, exercise: Exercise, loc: Loc
) -> Iterator[tuple[Loc, str]]:
    """Each field ``named`` gives that cannot apply to ``exercise`` once ``merged`` (what
    runs), as ``(where, message)``; per-side entries are checked against their side."""
    given = named.model_fields_set
    pace = named.pace if "pace" in given else None
    if "tempo" in given and pace in (Pace.SELF, Pace.HOLD):
        what = tr("one key press per rep") if pace is Pace.SELF else tr("timed holds")
        yield (
            (*loc, "tempo"),
            tr(
                "{where}: cannot apply: pace is {pace} ({what}); remove tempo, "
                "or remove pace to run this tempo",
                where=dotted((*loc, "tempo")),
                pace=pace.value,
                what=what,
            ),
        )
    if "hold" in given and merged.effective_pace is Pace.TEMPO:
        yield (
            (*loc, "hold"),
            tr(
                "{where}: cannot apply: tempo reps are timed by their phases; remove hold, "
                "or give the tempo a hold phase, e.g. {{out: 2, hold: 5, back: 2}}",
                where=dotted((*loc, "hold")),
            ),
        )
    one_sided = ("per_side", "first_side", "side_order", "side_rest", "only")
    for field in one_sided if exercise.sides is Sides.BOTH else ():
        if field in given and getattr(named, field, None) is not None:
            yield (
                (*loc, field),
                tr(
                    "{where}: cannot apply: {id!r} works both sides together (sides: both); "
                    "remove {field}",
                    where=dotted((*loc, field)),
                    id=exercise.id,
                    field=field,
                ),
            )
    order = getattr(named, "side_order", None)
    if exercise.sides is Sides.ALTERNATING and order not in (None, SideOrder.ALTERNATE_REPS):
        yield (
            (*loc, "side_order"),
            tr(
                "{where}: cannot apply: {id!r} alternates sides within the movement "
                "(sides: alternating); remove side_order",
                where=dotted((*loc, "side_order")),
                id=exercise.id,
            ),
        )
    yield from _version_2_conflicts(named, merged, exercise, loc)
    per_side = getattr(named, "per_side", None) or {}
    if exercise.sides is not Sides.BOTH:
        for key, entry in per_side.items():
            if key in ("left", "right") and entry.when is not None:
                where = dotted((*loc, "per_side", key, "when"))
                yield (
                    (*loc, "per_side", key, "when"),
                    tr(
                        "{where}: cannot apply: when names the side a test found weaker, "
                        "which needs per_side written as affected and unaffected; write "
                        "per_side.affected or per_side.unaffected, or remove when",
                        where=where,
                    ),
                )
            yield from dosage_conflicts(
                entry, merged.merged(entry), exercise, (*loc, "per_side", key)
            )


def _version_2_conflicts(
    named: DosageFields, merged: Dosage, exercise: Exercise, loc: Loc
) -> Iterator[tuple[Loc, str]]:
    """``count`` on reps that do not alternate, ``load_step`` with no load to step."""
    given = named.model_fields_set
    alternate = exercise.sides is Sides.ALTERNATING or merged.side_order is SideOrder.ALTERNATE_REPS
    if "count" in given and named.count is not None and not alternate:
        yield (
            (*loc, "count"),
            tr(
                "{where}: cannot apply: the reps of {id!r} do not alternate sides, and count "
                "says how alternating reps are counted (each_side or in_total); remove count, "
                "or give side_order: alternate_reps",
                where=dotted((*loc, "count")),
                id=exercise.id,
            ),
        )
    if "load_step" in given and named.load_step is not None and merged.load is None:
        others = () if isinstance(named, SideDosage) else (merged.per_side or {}).values()
        if not any(entry.load is not None for entry in others):
            yield (
                (*loc, "load_step"),
                tr(
                    "{where}: cannot apply: there is no load for it to change; give a load "
                    "(e.g. load: 5 kg), or remove load_step",
                    where=dotted((*loc, "load_step")),
                ),
            )


def id_hint(wanted: str, known: Iterable[str]) -> str:
    """What to say after "… is not in the library:": the closest id, or where to look."""
    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.6)
    if close:
        return tr("did you mean {id!r}?", id=close[0])
    return tr("check the id against `guide-app list`")
