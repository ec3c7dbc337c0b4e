"""What the search index learns about each page (filters, result-card metadata) and the search page itself."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..catalog import Catalog
from ..codelists import VOCABULARIES
from ..localize import Localizer, Shown
from .cards import sort_key

# Filter keys are the same in every language; their values are in the page's language, because
# Pagefind keeps one index per language and the search page offers the values as they are indexed.
FILTERS = ("municipality", "kind", "category", "audience", "language", "region")


@dataclass(frozen=True)
class SearchEntry:
    """A page's filters and the metadata its search result card shows."""

    filters: tuple[tuple[str, tuple[str, ...]], ...]
    meta: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FilterChoice:
    """One filter of the search page: its key, label and the values to choose from."""

    key: str
    label: str
    options: tuple[str, ...]


class SearchFacets:
    """Builds the search entries of every indexed page in one language."""

    def __init__(self, catalog: Catalog, loc: Localizer):
        self.catalog = catalog
        self.loc = loc
        self.t = loc.t

    def _name(self, kind: str, slug: str) -> str:
        return self.loc.text(self.catalog.entries[kind][slug].name).text  # type: ignore[attr-defined]

    def _region_name(self, slug: str) -> str:
        region = self.catalog.regions[slug]
        return self.loc.text(region.short_name or region.name).text

    def _entry(self, kind: str, *, municipalities: Iterable[str] = (), regions: Iterable[str] = (),
               categories: Iterable[str] = (), audiences: Iterable[str] = (), languages: Iterable[str] = (),
               summary: Shown | None = None) -> SearchEntry:
        municipalities = sorted(set(municipalities))
        regions = set(regions) | {self.catalog.municipalities[m].region for m in municipalities}
        municipality_names = sorted({self._name("municipality", m) for m in municipalities}, key=sort_key)
        category_names = list(dict.fromkeys(categories))
        values = {
            "kind": [self.t[f"kind_{kind}"]],
            "municipality": municipality_names,
            "region": sorted({self._region_name(r) for r in regions}, key=sort_key),
            "category": category_names,
            "audience": [self.loc.code("audiences", a) for a in audiences],
            "language": [self.loc.language_name(code) for code in languages],
        }
        meta = {"kind": self.t[f"kind_{kind}"]}
        if municipality_names:
            meta["municipality"] = ", ".join(municipality_names[:3]) + (" …" if len(municipality_names) > 3 else "")
        if category_names:
            meta["category"] = ", ".join(category_names)
        if summary is not None:
            meta["summary"] = summary.text
        return SearchEntry(tuple((key, tuple(values[key])) for key in FILTERS if values[key]),
                           tuple(meta.items()))

    # --- one entry per indexed kind ------------------------------------------------------------------

    def service(self, slug: str) -> SearchEntry:
        service = self.catalog.services[slug]
        return self._entry(
            "service", municipalities=self.catalog.service_area(slug),
            regions=[service.region] if service.region else [],
            categories=[self.loc.code("service_classes", c) for c in service.categories],
            audiences=service.audiences, languages=service.languages,
            summary=self.loc.summary(service.summary, service.description))

    def place(self, slug: str) -> SearchEntry:
        place = self.catalog.places[slug]
        return self._entry(
            "place", municipalities=[place.municipality],
            categories=[self.loc.code("place_types", place.type)],
            audiences=place.audiences or (), languages=place.languages or (),
            summary=self.loc.summary(place.summary, place.description))

    def organisation(self, slug: str) -> SearchEntry:
        organisation = self.catalog.organisations[slug]
        return self._entry(
            "organisation", municipalities=[organisation.municipality] if organisation.municipality else [],
            regions=[organisation.region] if organisation.region else [],
            categories=[self.loc.code("organisation_types", organisation.type)],
            summary=self.loc.summary(None, organisation.description))

    def municipality(self, slug: str) -> SearchEntry:
        return self._entry("municipality", municipalities=[slug],
                           summary=self.loc.summary(None, self.catalog.municipalities[slug].introduction))

    def region(self, slug: str) -> SearchEntry:
        return self._entry("region", regions=[slug],
                           summary=self.loc.summary(None, self.catalog.regions[slug].description))

    def location(self, slug: str) -> SearchEntry:
        location = self.catalog.locations[slug]
        return self._entry("location", municipalities=[location.municipality],
                           summary=self.loc.summary(None, location.description))

    def event(self, slug: str) -> SearchEntry:
        event = self.catalog.events[slug]
        return self._entry(
            "event", municipalities=self.catalog.event_area(slug), regions=[event.region] if event.region else [],
            categories=[self.loc.code("event_types", event.type)], audiences=event.audiences or (),
            languages=event.languages, summary=self.loc.summary(event.summary, event.description))

    def news(self, slug: str) -> SearchEntry:
        item = self.catalog.news[slug]
        return self._entry("news", municipalities=item.municipalities,
                           summary=self.loc.summary(item.summary, item.body))

    def topic(self, slug: str) -> SearchEntry:
        return self._entry("topic", summary=self.loc.summary(None, self.catalog.topics[slug].description))

    def life_situation(self, slug: str) -> SearchEntry:
        return self._entry("life_situation", summary=self.loc.text(self.catalog.life_situations[slug].summary))

    def page(self, slug: str) -> SearchEntry:
        page = self.catalog.pages[slug]
        return self._entry("page", summary=self.loc.maybe(page.description) or self.loc.summary(None, page.body))

    # --- the search page -----------------------------------------------------------------------------

    def choices(self) -> list[FilterChoice]:
        """Every value each filter takes on this language's pages, for the search page's selects."""
        catalog = self.catalog
        entries = [self.service(s) for s in catalog.services] + [self.place(s) for s in catalog.places]
        entries += [self.organisation(s) for s in catalog.organisations]
        entries += [self.municipality(s) for s in catalog.municipalities] + [self.region(s) for s in catalog.regions]
        entries += [self.location(s) for s in catalog.locations] + [self.page(s) for s in catalog.pages]
        entries += [self.event(s) for s in catalog.events] + [self.news(s) for s in catalog.news]
        entries += [self.topic(s) for s in catalog.topics]
        entries += [self.life_situation(s) for s in catalog.life_situations]
        found: dict[str, set[str]] = {key: set() for key in FILTERS}
        for entry in entries:
            for key, values in entry.filters:
                found[key].update(values)
        kind_order = [self.t[f"kind_{k}"] for k in ("service", "place", "event", "life_situation", "municipality",
                                                    "organisation", "location", "news", "topic", "region", "page")]
        category_order = [self.loc.code("service_classes", c.code) for c in VOCABULARIES.service_classes]
        audience_order = [a.name(self.loc.lang) for a in VOCABULARIES.audiences]

        def ordered(key: str) -> tuple[str, ...]:
            values = found[key]
            if key == "kind":
                return tuple(v for v in kind_order if v in values)
            if key == "audience":
                return tuple(v for v in audience_order if v in values)
            if key == "category":
                services = sorted((v for v in values if v in category_order), key=category_order.index)
                return tuple(services + sorted(values - set(services), key=sort_key))
            return tuple(sorted(values, key=sort_key))

        return [FilterChoice(key, self.t[f"filter_{key}"], ordered(key)) for key in FILTERS if found[key]]
