"""Validate one file's data against its kind's model and turn pydantic's errors into editor-facing problems."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Location, Problem, did_you_mean
from .model.fields import describe
from .model.walk import nested_model
from .sourcefile import SourceDoc


def validate(model: type[BaseModel], doc: SourceDoc, context: dict[str, Any]) -> tuple[BaseModel | None, list[Problem]]:
    """The validated entry, or None and every problem in it."""
    if doc.data is None:
        return None, [Problem(Location(doc.file, 1, 1), "the file is empty",
                              f"write the entry's keys, starting with '{next(iter(model.model_fields))}:'")]
    try:
        return model.model_validate(doc.data, context=context), []
    except ValidationError as exc:
        problems = [_problem(error, model, doc) for error in exc.errors(include_url=False)]
        return None, _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set = set()
    result = []
    for problem in problems:
        key = (problem.location, problem.message)
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result


def _problem(error: Any, model: type[BaseModel], doc: SourceDoc) -> Problem:
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    field = loc[-1] if loc else None

    if kind == "pkc":
        subpath = tuple(ctx.get("subpath") or ())
        full = loc + subpath
        where = doc.key_where(full) if ctx.get("at_key") else doc.where(full)
        return Problem(where, ctx["message"], ctx.get("hint"))
    if kind == "missing":
        parent = loc[:-1]
        where = doc.key_where(parent) if parent else Location(doc.file, 1, 1)
        inside = f" in '{_name(parent)}'" if parent else ""
        help_text = _field_help(model, loc)
        hint = f"add '{field}: …' — {help_text}" if help_text else f"add '{field}: …'"
        return Problem(where, f"missing required key '{field}'{inside}", hint)
    if kind == "extra_forbidden":
        allowed = _field_names(model, loc[:-1])
        return Problem(doc.key_where(loc), f"unknown key '{field}'{did_you_mean(str(field), allowed)}",
                       f"the keys allowed here are: {', '.join(allowed)}" if allowed else None)
    where = doc.where(loc)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if not loc:
            return Problem(Location(doc.file, 1, 1), f"the file must hold keys and values, not {describe(value)}",
                           "start each line with a key, e.g. 'name: …'")
        return Problem(where, f"'{field}' must hold keys and values, found {describe(value)}",
                       _field_help(model, loc) or "write the keys on the following lines, indented")
    if kind == "string_type":
        hint = "put the value in quotes" if isinstance(value, (int, float)) else None
        return Problem(where, f"'{_name(loc)}' must be text, found {describe(value)}", hint)
    if kind == "string_pattern_mismatch":
        return Problem(where, f"{describe(value)} is not a valid value for '{_name(loc)}'", _field_help(model, loc))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return Problem(where, f"'{_name(loc)}' must be a whole number, found {describe(value)}")
    if kind == "finite_number":
        return Problem(where, f"'{_name(loc)}' must be an ordinary number, found {describe(value)}",
                       "write decimals with a point, e.g. 60.3932")
    if kind == "int_parsing_size":
        return Problem(where, f"'{_name(loc)}' is far too large a number", "write a small whole number, e.g. 10")
    if kind in ("float_type", "float_parsing"):
        return Problem(where, f"'{_name(loc)}' must be a number, found {describe(value)}",
                       "write decimals with a point, e.g. 60.3932")
    if kind in ("bool_type", "bool_parsing"):
        return Problem(where, f"'{_name(loc)}' must be true or false, found {describe(value)}")
    if kind == "list_type":
        return Problem(where, f"'{_name(loc)}' must be a list, found {describe(value)}",
                       "write each item on its own line starting with '- '")
    if kind == "too_short":
        return Problem(where, f"'{_name(loc)}' needs at least {ctx.get('min_length', 1)} item(s)",
                       _field_help(model, loc))
    if kind == "literal_error":
        return Problem(where, f"{describe(value)} is not allowed for '{_name(loc)}'"
                       + did_you_mean(str(value), _literal_options(ctx)),
                       f"use one of: {ctx.get('expected', '')}")
    if kind in _BOUNDS:
        word, limit_key = _BOUNDS[kind]
        return Problem(where, f"'{_name(loc)}' is {value}, but must be {word} {ctx.get(limit_key)}",
                       _field_help(model, loc))
    return Problem(where, f"'{_name(loc)}': {error['msg']}")


_BOUNDS = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
           "greater_than": ("more than", "gt"), "less_than": ("less than", "lt")}


def _name(loc: tuple) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int)]
    return parts[-1] if parts else "value"


def _literal_options(ctx: dict) -> list[str]:
    expected = str(ctx.get("expected", ""))
    return [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip(" '")]


def _field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    target = _model_at(model, loc)
    if target is None:
        return []
    return [info.alias or name for name, info in target.model_fields.items()]


def _field_help(model: type[BaseModel], loc: tuple) -> str | None:
    target = _model_at(model, loc[:-1])
    if target is None or not loc:
        return None
    for name, info in target.model_fields.items():
        if loc[-1] in (name, info.alias):
            return info.description
    return None


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The nested model class that the data at `loc` is validated by."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = next((info for name, info in current.model_fields.items() if part in (name, info.alias)), None)
        if field is None:
            return None
        current = nested_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None
