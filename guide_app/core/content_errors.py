"""A content validation error in words for people who write YAML: where it is, in the
file's own terms, and what to write instead."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from guide_app.core.i18n import tr


def without_block_tag(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Pydantic puts a tagged union's tag in the location (blocks.0.exercise.dosage);
    the file has no such level, so drop it."""
    out: list[Any] = []
    for i, part in enumerate(loc):
        if i >= 2 and loc[i - 2] == "blocks" and isinstance(loc[i - 1], int):
            continue
        out.append(part)
    return tuple(out)


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(top)"


def explain(error: Any, loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    kind = error["type"]
    where = _dotted(loc)
    if kind == "extra_forbidden":
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
            key=name,
            hint=hint,
            listing=listing,
        )
    if kind == "missing":
        return tr("{where}: required, but missing", where=where)
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    value = error.get("input")
    if kind in {
        "int_type",
        "int_parsing",
        "float_type",
        "float_parsing",
        "bool_type",
        "string_type",
        "dict_type",
        "list_type",
        "tuple_type",
        "literal_error",
        "enum",
        "int_from_float",
    }:
        message = tr("{problem}, got {value!r}", problem=message, value=value)
    ctx = error.get("ctx") or {}
    if kind == "greater_than_equal":
        message = tr("must be at least {limit}, got {value!r}", limit=ctx.get("ge"), value=value)
    elif kind == "greater_than":
        message = tr("must be more than {limit}, got {value!r}", limit=ctx.get("gt"), value=value)
    elif kind in {"less_than_equal", "less_than"}:
        message = tr(
            "must be at most {limit}, got {value!r}",
            limit=ctx.get("le", ctx.get("lt")),
            value=value,
        )
    return tr("{where}: {problem}", where=where, problem=message)


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at a location, found by walking the model's annotations."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
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
