"""The code lists content refers to: the national PTV lists and pkc's own small vocabularies."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources


@dataclass(frozen=True)
class Code:
    """One entry of a code list, with its labels per language."""

    code: str
    label: Mapping[str, str]
    broader: tuple[str, ...] = ()
    uri: str | None = None
    ages: tuple[int, int] | None = None
    ptv: str | None = None

    def name(self, lang: str) -> str:
        """The label in `lang`, falling back to Finnish, then English."""
        return self.label.get(lang) or self.label.get("fi") or self.label["en"]


@dataclass(frozen=True)
class CodeList:
    """An ordered, read-only code list."""

    name: str
    codes: tuple[Code, ...]

    @cached_property
    def by_code(self) -> dict[str, Code]:
        return {c.code: c for c in self.codes}

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def __getitem__(self, code: str) -> Code:
        return self.by_code[code]

    def __iter__(self):
        return iter(self.codes)


def _read(name: str) -> object:
    return json.loads(resources.files("pkc.data").joinpath(name).read_text(encoding="utf-8"))


def _from_items(name: str, items: list[dict]) -> CodeList:
    codes = []
    for item in items:
        ages = item.get("ages")
        codes.append(Code(
            code=item["code"],
            label=dict(item["label"]),
            broader=tuple(item.get("broader") or ()),
            uri=item.get("uri"),
            ages=tuple(ages) if ages else None,
            ptv=item.get("ptv"),
        ))
    return CodeList(name, tuple(codes))


@dataclass(frozen=True)
class Vocabularies:
    """Every code list pkc knows, loaded once per build."""

    service_classes: CodeList
    ptv_target_groups: CodeList
    life_events: CodeList
    audiences: CodeList
    place_types: CodeList
    access_channels: CodeList
    organisation_types: CodeList
    costs: CodeList
    event_types: CodeList
    readers: CodeList  # whom an event, news item, question or material is for: families or professionals


def load_vocabularies() -> Vocabularies:
    """Load the code lists shipped with pkc."""
    own = _read("pkc-vocabulary.json")
    assert isinstance(own, dict)
    return Vocabularies(
        service_classes=_from_items("service class", _read("ptv-service-classes.json")),  # type: ignore[arg-type]
        ptv_target_groups=_from_items("PTV target group", _read("ptv-target-groups.json")),  # type: ignore[arg-type]
        life_events=_from_items("life event", _read("ptv-life-events.json")),  # type: ignore[arg-type]
        audiences=_from_items("target group", own["audiences"]),
        place_types=_from_items("meeting place type", own["place_types"]),
        access_channels=_from_items("way to get the service", own["access_channels"]),
        organisation_types=_from_items("organisation type", own["organisation_types"]),
        costs=_from_items("cost", own["costs"]),
        event_types=_from_items("event type", own["event_types"]),
        readers=_from_items("audience", own["readers"]),
    )


VOCABULARIES = load_vocabularies()
