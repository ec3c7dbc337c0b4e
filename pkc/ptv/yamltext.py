"""Write entries as an editor would: block style, one text per language, Markdown as `|` blocks."""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import yaml

from ..textchars import replace_forbidden

INDENT = "  "
_PLAIN_START = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]")
_UNSAFE = re.compile(r": |\s#|[\x00-\x1f\x7f\u2028\u2029\ufeff]")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")


class Markdown(dict):
    """Texts per language that are Markdown: each is written as a literal block."""


class Flow(list):
    """A short list of codes or names, written on one line: [P5.2, P5.3]."""


class Quoted(str):
    """A value written in double quotes even where it could be plain: times, postal codes, phone numbers."""


def dump(data: dict[str, Any]) -> str:
    """The YAML text of `data` (keys in the given order)."""
    return "".join(_mapping(data, 0))


def _mapping(data: dict[str, Any], depth: int) -> list[str]:
    lines = []
    pad = INDENT * depth
    for key, value in data.items():
        if isinstance(value, Markdown):
            lines.append(f"{pad}{key}:\n")
            for lang, text in value.items():
                lines.append(f"{pad}{INDENT}{lang}: |\n")
                lines.extend(f"{pad}{INDENT * 2}{line}\n" if line else "\n" for line in block_lines(text))
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}:\n")
            lines.extend(_mapping(value, depth + 1))
        elif isinstance(value, Flow) or (isinstance(value, list) and not value):
            lines.append(f"{pad}{key}: [{', '.join(scalar(item, flow=True) for item in value)}]\n")
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:\n")
            for item in value:
                lines.extend(_list_item(item, depth + 1))
        else:
            lines.append(f"{pad}{key}: {scalar(value)}\n")
    return lines


def _list_item(item: Any, depth: int) -> list[str]:
    pad = INDENT * depth
    if not isinstance(item, dict):
        return [f"{pad}- {scalar(item)}\n"]
    inner = _mapping(item, depth + 1)
    first = inner[0][len(INDENT * (depth + 1)):]
    return [f"{pad}- {first}", *inner[1:]]


def block_lines(text: str) -> list[str]:
    """The lines of a literal block: no tabs, no trailing spaces, no control characters."""
    clean = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    clean = replace_forbidden(clean.replace("\u2028", "\n").replace("\u2029", "\n\n"), "")
    lines = [line.rstrip() for line in clean.strip("\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and lines[0].startswith(" "):  # a literal block's first line sets its indentation
        lines = [line.lstrip() for line in lines]
    return lines


def scalar(value: Any, flow: bool = False) -> str:
    """One value as YAML: plain when that reads back as the same text, else in double quotes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    # what pkc check refuses (control characters, U+2028, non-characters) is left out, so that an import writes
    # content that builds; a quoted text would otherwise carry it as an escape such as \u0000
    text = replace_forbidden(str(value).replace("\u2028", " ").replace("\u2029", " "), "")
    if isinstance(value, Quoted) or not _plain_ok(text, flow):
        return json.dumps(text, ensure_ascii=False)
    return text


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or _PLAIN_START.match(text) or _UNSAFE.search(text):
        return False
    if text.endswith(":") or (flow and _FLOW_UNSAFE.search(text)):
        return False
    try:
        return yaml.safe_load(text) == text
    except yaml.YAMLError:
        return False
