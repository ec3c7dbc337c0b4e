"""Read PTV Open API v11 JSON files and sort their objects by what they are, or say why a file cannot be read."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location, PkcError, Problem

MAX_INPUT_BYTES = 64 * 1024 * 1024
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# serviceChannelType values of Open API v11, and the words the report uses for them
CHANNEL_LABELS = {
    "ServiceLocation": "service location",
    "Phone": "phone channel",
    "EChannel": "e-service channel",
    "WebPage": "web page channel",
    "PrintableForm": "printable form channel",
}
_HINT = ("give JSON saved from the PTV Open API v11: a service (GET /api/v11/Service/{id}), a service channel "
         "(GET /api/v11/ServiceChannel/{id}), an organisation (GET /api/v11/Organization/{id}), a list of them, "
         "or a page with 'itemList'")


@dataclass(frozen=True)
class PtvObject:
    """One service, service channel or organisation from an input file."""

    kind: str  # "service", "organisation" or a serviceChannelType ("ServiceLocation", "Phone", …)
    data: dict[str, Any]
    file: str  # the input file as given on the command line
    base: str  # the object's JSON path in its file: "$", "$[3]" or "$.itemList[3]"

    @property
    def id(self) -> str:
        return str(self.data.get("id") or "").lower()


@dataclass
class PtvInput:
    """Every PTV object of the input files, the newest version of each id."""

    objects: list[PtvObject] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[PtvObject]:
        return [obj for obj in self.objects if obj.kind == kind]


class PtvInputError(PkcError):
    """Some input files cannot be read as PTV JSON; nothing was imported."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} input file problem(s)")


def read_ptv_files(paths: Iterable[Path]) -> PtvInput:
    """The PTV objects of every file; raise PtvInputError listing every unreadable or non-PTV file."""
    problems: list[Problem] = []
    found: dict[str, PtvObject] = {}
    for path in paths:
        objects, problem = _read_file(path)
        if problem is not None:
            problems.append(problem)
            continue
        for obj in objects:
            if obj.id not in found or _modified(obj) >= _modified(found[obj.id]):
                found[obj.id] = obj
    if problems:
        raise PtvInputError(problems)
    return PtvInput(list(found.values()))


def _modified(obj: PtvObject) -> str:
    return str(obj.data.get("modified") or "")


def _read_file(path: Path) -> tuple[list[PtvObject], Problem | None]:
    where = Location(str(path))
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            return [], Problem(where, "the file is larger than 64 MiB", "split the PTV export into pages")
        raw = path.read_bytes()
    except OSError as exc:
        return [], Problem(where, f"cannot read the file: {exc.strerror or exc}", "check the path and permissions")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], Problem(where, "the file is not UTF-8 text", "PTV's Open API returns UTF-8 JSON; save it as is")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], Problem(Location(str(path), exc.lineno, exc.colno), f"the file is not valid JSON: {exc.msg}",
                           "save the PTV response unchanged; a cut-off download ends in the middle of a value")
    except RecursionError:
        return [], Problem(Location(str(path)), "the JSON is nested too deeply to be a PTV response", _HINT)
    return _objects(data, path)


def _objects(data: Any, path: Path) -> tuple[list[PtvObject], Problem | None]:
    where = Location(str(path))
    if isinstance(data, dict) and "itemList" in data:
        if not isinstance(data["itemList"], list):
            return [], Problem(where, "$.itemList is not a list", _HINT)
        items, prefix = data["itemList"], "$.itemList"
    elif isinstance(data, list):
        items, prefix = data, "$"
    elif isinstance(data, dict):
        items, prefix = [data], ""
    else:
        return [], Problem(where, "the file holds neither a PTV object nor a list of them", _HINT)
    if not items:
        return [], Problem(where, "the file holds no PTV objects (the list is empty)", _HINT)
    objects = []
    for index, item in enumerate(items):
        base = f"{prefix}[{index}]" if prefix else "$"
        kind, why = classify(item)
        if kind is None:
            return [], Problem(where, f"{base} is not a PTV service, service channel or organisation: {why}", _HINT)
        objects.append(PtvObject(kind, item, str(path), base))
    return objects, None


def ptv_id(value: Any) -> str:
    """A PTV id (a UUID) in lower case, or '' for anything else: ids end up in file markers and messages."""
    return value.lower() if isinstance(value, str) and _UUID.match(value) else ""


def classify(item: Any) -> tuple[str | None, str]:
    """'service', 'organisation' or the channel type of a PTV object by its shape, or None and why it is not one."""
    if not isinstance(item, dict):
        return None, "expected a JSON object"
    if not isinstance(item.get("id"), str) or not _UUID.match(item["id"]):
        return None, "it has no PTV 'id' (a UUID such as 0b5b2c1e-…)"
    channel_type = item.get("serviceChannelType")
    if isinstance(channel_type, str) and "serviceChannelNames" in item:
        if channel_type not in CHANNEL_LABELS:
            return None, f"unknown serviceChannelType '{channel_type}'"
        return channel_type, ""
    if isinstance(item.get("serviceNames"), list):
        return "service", ""
    if isinstance(item.get("organizationNames"), list):
        return "organisation", ""
    if "organizationType" in item:
        return None, "it has 'organizationType' but no list 'organizationNames', which an organisation has"
    return None, ("it has neither 'serviceNames' (a service), 'serviceChannelType' (a service channel) nor "
                  "'organizationNames' (an organisation)")
