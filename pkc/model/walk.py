"""Walk a validated entry's fields generically: its references and its texts, each with its path."""
from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from .fields import SLUG_PATTERN, MarkdownMarker, RefTo, Text

SLUG = re.compile(SLUG_PATTERN)


def _markers(annotation: Any, marker: type) -> list:
    found = []
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, marker):
            found.append(meta)
    for arg in typing.get_args(annotation):
        found.extend(_markers(arg, marker))
    return found


@dataclass(frozen=True)
class _Field:
    """What walking needs to know of one field of a model, read once from its annotation."""

    name: str  # the attribute
    key: str  # the name in the content (its alias, if it has one)
    ref: str | None  # the kind of entry it names, for a reference
    markdown: bool  # a text written in Markdown
    nested: bool  # may hold a model or a list of models


@cache
def _plan(model: type[BaseModel]) -> tuple[_Field, ...]:
    fields = []
    for name, info in model.model_fields.items():
        refs = _markers(info.annotation, RefTo) + [m for m in info.metadata if isinstance(m, RefTo)]
        markdown = bool(_markers(info.annotation, MarkdownMarker)
                        or any(isinstance(m, MarkdownMarker) for m in info.metadata))
        nested = info.annotation is Any or nested_model(info.annotation) is not None
        fields.append(_Field(name, info.alias or name, refs[0].kind if refs else None, markdown, nested))
    return tuple(fields)


def references(model: BaseModel, path: tuple = ()) -> Iterator[tuple[str, str, tuple]]:
    """Every reference in `model`: (kind it names, slug, path of the value)."""
    for field in _plan(type(model)):
        value = getattr(model, field.name)
        if value is None:
            continue
        if field.ref is not None:
            if isinstance(value, list):
                for index, slug in enumerate(value):
                    yield field.ref, slug, path + (field.key, index)
            else:
                yield field.ref, value, path + (field.key,)
        if field.nested:
            yield from _nested(value, path + (field.key,), references)


def texts(model: BaseModel, path: tuple = ()) -> Iterator[tuple[Text, tuple, bool]]:
    """Every text a person reads in `model`: (text, path, whether it is Markdown)."""
    for field in _plan(type(model)):
        value = getattr(model, field.name)
        if isinstance(value, Text):
            yield value, path + (field.key,), field.markdown
        elif isinstance(value, list) and value and isinstance(value[0], Text):
            for index, item in enumerate(value):
                yield item, path + (field.key, index), False
        if field.nested:
            yield from _nested(value, path + (field.key,), texts)


def _nested(value: Any, path: tuple, walker) -> Iterator:
    if isinstance(value, BaseModel):
        yield from walker(value, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield from walker(item, path + (index,))


def raw_references(model: type[BaseModel], data: Any, path: tuple = ()) -> Iterator[tuple[str, str, tuple]]:
    """References in data that failed validation, found by the model's field types (best effort)."""
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in data:
            continue
        value = data[key]
        refs = _markers(info.annotation, RefTo) + [m for m in info.metadata if isinstance(m, RefTo)]
        if refs:
            items = value if isinstance(value, list) else [value]
            for index, slug in enumerate(items):
                if isinstance(slug, str) and SLUG.fullmatch(slug):  # malformed names are reported already
                    yield refs[0].kind, slug, path + ((key, index) if isinstance(value, list) else (key,))
            continue
        nested = nested_model(info.annotation)
        if nested is not None:
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield from raw_references(nested, item, path + (key, index))
            else:
                yield from raw_references(nested, value, path + (key,))


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside a field's annotation (`Schedule | None`, `list[WeeklyHours]`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None
