"""The code lists of the directory as HSDS taxonomies: Suomi.fi (PTV) service classes, target groups and life
events with their uri.suomi.fi addresses, and pkc's own target groups, meeting place and organisation types."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..codelists import VOCABULARIES, Code, CodeList

Json = dict[str, Any]


@dataclass(frozen=True)
class Taxonomy:
    """A code list published as an HSDS taxonomy, and the attribute link_type of its terms."""

    key: str
    codes: CodeList
    link_type: str
    names: dict[str, str]  # per language; English for any other
    uri: str | None = None


TAXONOMIES = {taxonomy.key: taxonomy for taxonomy in [
    Taxonomy("ptv-service-classes", VOCABULARIES.service_classes, "service_class",
             {"fi": "Suomi.fi-palveluluokat", "sv": "Suomi.fi-tjänsteklasser", "en": "Suomi.fi service classes"},
             "http://uri.suomi.fi/codelist/ptv/ptvserclass2"),
    Taxonomy("ptv-target-groups", VOCABULARIES.ptv_target_groups, "target_group",
             {"fi": "Suomi.fi-kohderyhmät", "sv": "Suomi.fi-målgrupper", "en": "Suomi.fi target groups"},
             "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat"),
    Taxonomy("ptv-life-events", VOCABULARIES.life_events, "life_event",
             {"fi": "Suomi.fi-elämäntilanteet", "sv": "Suomi.fi-livssituationer", "en": "Suomi.fi life events"},
             "http://uri.suomi.fi/codelist/ptv/ptvelti"),
    Taxonomy("audiences", VOCABULARIES.audiences, "audience",
             {"fi": "Perhekeskuksen kohderyhmät", "sv": "Familjecentrets målgrupper",
              "en": "Family centre target groups"}),
    Taxonomy("place-types", VOCABULARIES.place_types, "meeting_place_type",
             {"fi": "Kohtaamispaikkojen tyypit", "sv": "Typer av mötesplatser", "en": "Types of meeting places"}),
    Taxonomy("organisation-types", VOCABULARIES.organisation_types, "organization_type",
             {"fi": "Toimijoiden tyypit", "sv": "Typer av aktörer", "en": "Types of organisations"}),
]}


class Terms:
    """The taxonomy terms of one language, and which of them the records use."""

    def __init__(self, make_id: Callable[[str], str], lang: str, site_name: str):
        self.id = make_id
        self.lang = lang
        self.site_name = site_name
        self.used: set[tuple[str, str]] = set()  # (taxonomy, code) that some attribute refers to
        self._terms: dict[tuple[str, str], Json] = {}  # made once: thousands of attributes share a few terms

    def term(self, taxonomy: str, code: str) -> Json:
        if (taxonomy, code) not in self._terms:
            self._terms[taxonomy, code] = self._term(taxonomy, code)
        return self._terms[taxonomy, code]

    def _term(self, taxonomy: str, code: str) -> Json:
        entry: Code = TAXONOMIES[taxonomy].codes[code]
        name = entry.name(self.lang)
        parent = entry.broader[0] if entry.broader else None
        term = {
            "id": self.id(f"taxonomy/{taxonomy}/{code}"), "code": code, "name": name, "description": name,
            "parent_id": self.id(f"taxonomy/{taxonomy}/{parent}") if parent else None,
            "taxonomy": self.name(taxonomy), "taxonomy_id": self.id(f"taxonomy/{taxonomy}"),
            "language": self.lang, "term_uri": entry.uri,
        }
        return {key: value for key, value in term.items() if value is not None}

    def use(self, taxonomy: str, code: str) -> Json:
        """The term, remembered as used (it and its broader terms go into taxonomy_terms)."""
        self.used.add((taxonomy, code))
        return self.term(taxonomy, code)

    def name(self, taxonomy: str) -> str:
        names = TAXONOMIES[taxonomy].names
        return names.get(self.lang) or names["en"]

    def taxonomy(self, taxonomy: str) -> Json:
        described = TAXONOMIES[taxonomy]
        source = "Suomi.fi" if described.uri else self.site_name
        record = {"id": self.id(f"taxonomy/{taxonomy}"), "name": self.name(taxonomy),
                  "description": f"{self.name(taxonomy)} ({source})", "uri": described.uri}
        return {key: value for key, value in record.items() if value is not None}

    def used_terms(self) -> list[Json]:
        """Every term an attribute refers to, and the broader terms above it (so that parent_id resolves)."""
        wanted: set[tuple[str, str]] = set()
        for taxonomy, code in self.used:
            while True:
                wanted.add((taxonomy, code))
                broader = TAXONOMIES[taxonomy].codes[code].broader
                if not broader:
                    break
                code = broader[0]
        return [self.term(taxonomy, code) for taxonomy, code in sorted(wanted)]

    def used_taxonomies(self) -> list[Json]:
        return [self.taxonomy(key) for key in sorted({taxonomy for taxonomy, _ in self.used})]
