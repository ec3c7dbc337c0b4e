"""Validate every loaded file, resolve references, and hold the result as one read-only catalog."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from .cache import BuildCache
from .errors import Location, Problem, Problems, did_you_mean
from .loader import Sources, site_languages
from .model.kinds import (
    Contact,
    MeetingPlace,
    Municipality,
    Organisation,
    Page,
    Region,
    Service,
    Site,
    Strict,
)
from .model.kinds import Location as LocationModel
from .model.publications import FAMILIES, PROFESSIONALS, Event, LifeSituation, Material, News, Question, Topic
from .model.registry import KIND_BY_NAME, KINDS, Kind
from .model.walk import raw_references, references
from .sourcefile import SourceDoc
from .validate import validate


@dataclass(frozen=True)
class Catalog:
    """Every validated entry of a site, by kind and slug, with the indexes pages need."""

    site: Site
    site_source: SourceDoc
    entries: Mapping[str, Mapping[str, Strict]]  # kind -> slug -> entry, slugs sorted
    sources: Mapping[str, Mapping[str, SourceDoc]]
    media: Mapping[str, int]  # files under content/media: path -> size in bytes

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.site.languages)

    @property
    def default_language(self) -> str:
        return self.site.languages[0]

    @property
    def regions(self) -> Mapping[str, Region]:
        return self.entries["region"]  # type: ignore[return-value]

    @property
    def municipalities(self) -> Mapping[str, Municipality]:
        return self.entries["municipality"]  # type: ignore[return-value]

    @property
    def organisations(self) -> Mapping[str, Organisation]:
        return self.entries["organisation"]  # type: ignore[return-value]

    @property
    def contacts(self) -> Mapping[str, Contact]:
        return self.entries["contact"]  # type: ignore[return-value]

    @property
    def locations(self) -> Mapping[str, LocationModel]:
        return self.entries["location"]  # type: ignore[return-value]

    @property
    def places(self) -> Mapping[str, MeetingPlace]:
        return self.entries["place"]  # type: ignore[return-value]

    @property
    def services(self) -> Mapping[str, Service]:
        return self.entries["service"]  # type: ignore[return-value]

    @property
    def pages(self) -> Mapping[str, Page]:
        return self.entries["page"]  # type: ignore[return-value]

    @property
    def events(self) -> Mapping[str, Event]:
        return self.entries["event"]  # type: ignore[return-value]

    @property
    def news(self) -> Mapping[str, News]:
        return self.entries["news"]  # type: ignore[return-value]

    @property
    def materials(self) -> Mapping[str, Material]:
        return self.entries["material"]  # type: ignore[return-value]

    @property
    def topics(self) -> Mapping[str, Topic]:
        return self.entries["topic"]  # type: ignore[return-value]

    @property
    def questions(self) -> Mapping[str, Question]:
        return self.entries["question"]  # type: ignore[return-value]

    @property
    def life_situations(self) -> Mapping[str, LifeSituation]:
        return self.entries["life-situation"]  # type: ignore[return-value]

    def counts(self) -> str:
        """'5 regions, 16 municipalities, …': how many entries of each kind."""
        names = {kind: (KIND_BY_NAME[kind].label if len(entries) == 1 else KIND_BY_NAME[kind].plural)
                 for kind, entries in self.entries.items()}
        return ", ".join(f"{len(entries)} {names[kind]}" for kind, entries in self.entries.items())

    def source(self, kind: str, slug: str) -> SourceDoc:
        return self.sources[kind][slug]

    # --- families and professionals -----------------------------------------------------------------

    @cached_property
    def for_professionals(self) -> Mapping[str, frozenset[str]]:
        """The events, news items, questions and materials marked `audience: professionals`, by kind."""
        return {kind: frozenset(slug for slug, entry in self.entries[kind].items()
                                if getattr(entry, "audience", None) == PROFESSIONALS)
                for kind in ("event", "news", "question", "material")}

    def audience_of(self, kind: str, slug: str) -> str:
        """'professionals' or 'families': whom an entry is written for (every other kind is for families)."""
        return PROFESSIONALS if slug in self.for_professionals.get(kind, ()) else FAMILIES

    @property
    def has_professionals(self) -> bool:
        """Whether anything is for professionals: only then has the site a section for them."""
        return any(self.for_professionals.values())

    @cached_property
    def professional_topics(self) -> frozenset[str]:
        """The topics that have questions, every one of them for professionals."""
        return frozenset({q.topic for q in self.questions.values()} - set(self.questions_by_topic))

    def topic_audience(self, slug: str) -> str:
        return PROFESSIONALS if slug in self.professional_topics else FAMILIES

    def topic_questions(self, slug: str) -> list[str]:
        """The questions a topic's page answers, newest first: families', or on a topic for professionals theirs.

        Every question for professionals is shown once: there, or, if its topic has questions for families too, on
        the page for professionals."""
        if slug in self.professional_topics:
            slugs = self.only(PROFESSIONALS, "question", [q for q, question in self.questions.items()
                                                          if question.topic == slug])
        else:
            slugs = self.questions_by_topic.get(slug, ())
        return sorted(slugs, key=lambda q: (self.questions[q].date, q), reverse=True)

    def only(self, audience: str, kind: str, slugs: Iterable[str] | None = None) -> tuple[str, ...]:
        """The entries of `kind` (all of them, or those of `slugs` in their order) written for `audience`."""
        marked = self.for_professionals.get(kind, frozenset())
        wanted = audience == PROFESSIONALS
        return tuple(s for s in (self.entries[kind] if slugs is None else slugs) if (s in marked) == wanted)

    # --- indexes ------------------------------------------------------------------------------------

    @cached_property
    def municipalities_by_region(self) -> Mapping[str, tuple[str, ...]]:
        return _group((m.region, slug) for slug, m in self.municipalities.items())

    def service_area(self, slug: str) -> tuple[str, ...]:
        """The municipalities a service serves: those it names and every one of its region."""
        service = self.services[slug]
        area = set(service.municipalities)
        if service.region:
            area.update(self.municipalities_by_region.get(service.region, ()))
        return tuple(sorted(area))

    def event_area(self, slug: str) -> tuple[str, ...]:
        """The municipalities an event concerns: those it names, its region's, and where it is held."""
        event = self.events[slug]
        area = set(event.municipalities)
        if event.region:
            area.update(self.municipalities_by_region.get(event.region, ()))
        if event.place in self.places:
            area.add(self.places[event.place].municipality)
        if event.location in self.locations:
            area.add(self.locations[event.location].municipality)
        if event.municipality:
            area.add(event.municipality)
        return tuple(sorted(area))

    @cached_property
    def events_by_municipality(self) -> Mapping[str, tuple[str, ...]]:
        """Events for families by the municipalities they concern (professionals' have a section of their own)."""
        return _group((m, slug) for slug in self.only(FAMILIES, "event") for m in self.event_area(slug))

    @cached_property
    def news_by_municipality(self) -> Mapping[str, tuple[str, ...]]:
        """News for families by the municipalities they concern."""
        return _group((m, slug) for slug in self.only(FAMILIES, "news") for m in self.news[slug].municipalities)

    @cached_property
    def questions_by_topic(self) -> Mapping[str, tuple[str, ...]]:
        """Questions for families by topic (a topic page answers families; professionals' answers are theirs)."""
        return _group((self.questions[slug].topic, slug) for slug in self.only(FAMILIES, "question"))

    @cached_property
    def services_by_municipality(self) -> Mapping[str, tuple[str, ...]]:
        return _group((m, slug) for slug in self.services for m in self.service_area(slug))

    @cached_property
    def services_by_region(self) -> Mapping[str, tuple[str, ...]]:
        """Services that serve a whole region."""
        return _group((s.region, slug) for slug, s in self.services.items() if s.region)

    @cached_property
    def places_by_municipality(self) -> Mapping[str, tuple[str, ...]]:
        return _group((p.municipality, slug) for slug, p in self.places.items())

    @cached_property
    def locations_by_municipality(self) -> Mapping[str, tuple[str, ...]]:
        return _group((loc.municipality, slug) for slug, loc in self.locations.items())

    @cached_property
    def services_by_category(self) -> Mapping[str, tuple[str, ...]]:
        return _group((c, slug) for slug, s in self.services.items() for c in s.categories)

    @cached_property
    def services_by_audience(self) -> Mapping[str, tuple[str, ...]]:
        return _group((a, slug) for slug, s in self.services.items() for a in s.audiences)

    @cached_property
    def places_by_audience(self) -> Mapping[str, tuple[str, ...]]:
        return _group((a, slug) for slug, p in self.places.items() for a in (p.audiences or ()))

    @cached_property
    def services_by_life_event(self) -> Mapping[str, tuple[str, ...]]:
        return _group((e, slug) for slug, s in self.services.items() for e in (s.life_events or ()))

    @cached_property
    def services_by_location(self) -> Mapping[str, tuple[str, ...]]:
        return _group((loc, slug) for slug, s in self.services.items() for loc in s.locations)

    @cached_property
    def services_by_provider(self) -> Mapping[str, tuple[str, ...]]:
        return _group((s.provider, slug) for slug, s in self.services.items())

    @cached_property
    def places_by_organiser(self) -> Mapping[str, tuple[str, ...]]:
        return _group((o, slug) for slug, p in self.places.items() for o in p.organiser)

    @cached_property
    def organisations_by_municipality(self) -> Mapping[str, tuple[str, ...]]:
        return _group((o.municipality, slug) for slug, o in self.organisations.items() if o.municipality)


def _group(pairs) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for key, slug in pairs:
        grouped.setdefault(key, []).append(slug)
    return {key: tuple(sorted(set(slugs))) for key, slugs in sorted(grouped.items())}


def build_catalog(sources: Sources, problems: Problems, cache: BuildCache | None = None) -> Catalog | None:
    """Validate every source and check every reference; problems go to `problems`.

    With a `cache`, an entry whose document was reused by the loader is not validated again.
    """
    languages = site_languages(sources.site)
    context = {"languages": languages, "default_language": languages[0]}
    if cache is not None:
        cache.start_validating()
    site = None
    if sources.site is not None:
        site, found = validate(Site, sources.site, context)
        problems.extend(found)
    entries: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        entries[kind.name] = {}
        for slug, doc in sorted(sources.docs[kind.name].items()):
            entry, found = _validate(kind, slug, doc, context, cache)
            problems.extend(found)
            if entry is not None:
                entries[kind.name][slug] = entry
    # references are checked against every file that exists, valid or not, so that one broken file
    # does not cause a cascade of "unknown reference" errors elsewhere
    existing = sources.slugs
    if sources.site is not None:
        site_refs = references(site) if site is not None else raw_references(Site, sources.site.data)
        _check_references(site_refs, sources.site, existing, problems)
    for kind in KINDS:
        for slug, doc in sorted(sources.docs[kind.name].items()):
            entry = entries[kind.name].get(slug)
            if entry is None:
                found_refs = raw_references(kind.model, doc.data)
            elif cache is None:
                found_refs = references(entry)
            else:  # the references themselves are checked every time: another file may have come or gone
                found_refs = cache.derived("references", (kind.name, slug), entry, None, partial(_listed, entry))
            _check_references(found_refs, doc, existing, problems)
    if site is None or sources.site is None:
        return None
    return Catalog(site, sources.site, entries, sources.docs, sources.media)


def _listed(entry: Any) -> list[tuple[str, str, tuple]]:
    return list(references(entry))


def _validate(kind: Kind, slug: str, doc: SourceDoc, context: dict[str, Any],
              cache: BuildCache | None) -> tuple[Any, list[Problem]]:
    if cache is None:
        return validate(kind.model, doc, context)
    key, languages = (kind.name, slug), tuple(context["languages"])
    found = cache.model(key, doc, languages)
    if found is None:
        found = validate(kind.model, doc, context)
        cache.keep_model(key, doc, languages, *found)
    return found


def _check_references(found: Iterable[tuple[str, str, tuple]], doc: SourceDoc, existing: Mapping[str, set[str]],
                      problems: Problems) -> None:
    for kind, slug, path in found:
        if slug in existing[kind]:
            continue
        folder = KIND_BY_NAME[kind].folder
        label = KIND_BY_NAME[kind].label
        article = "an" if label[0] in "aeiou" else "a"
        problems.error(doc.where(path), f"unknown {label} '{slug}'{did_you_mean(slug, existing[kind])}",
                       f"{article} {label} is named by its file name: add {folder}/{slug}.yaml or fix the name")


def location_of(catalog: Catalog, kind: str, slug: str, path: tuple = ()) -> Location:
    """Where the value at `path` of an entry was written."""
    return catalog.source(kind, slug).where(path)


def check_helplines(catalog: Catalog, problems: Problems) -> None:
    """A life situation names its helplines by numbers that site.yaml lists."""
    known = {line.phone.e164 for line in catalog.site.helplines}
    listed = ", ".join(f"'{line.phone.text}'" for line in catalog.site.helplines) or "none yet"
    for slug, situation in catalog.life_situations.items():
        for index, number in enumerate(situation.helplines):
            if number.e164 not in known:
                problems.error(location_of(catalog, "life-situation", slug, ("helplines", index)),
                               f"'{number.text}' is not one of the helplines in site.yaml",
                               f"use a number that site.yaml lists under 'helplines' ({listed}), or add it there")
