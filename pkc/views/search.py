"""What the search index learns about each page (filters, result-card metadata) and the search page itself."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial

from .. import familywords
from ..catalog import Catalog
from ..codelists import VOCABULARIES
from ..localize import Localizer, Shown
from ..model.fields import Text
from ..model.publications import FAMILIES, PROFESSIONALS
from ..wordforms import WORD, WordForms
from .cards import sort_key

# Filter keys are the same in every language; their values are in the page's language, because
# Pagefind keeps one index per language and the search page offers the values as they are indexed.
FILTERS = ("municipality", "kind", "category", "audience", "language", "region")
# A filter no one chooses: pages for professionals carry it, families' search leaves them out with Pagefind's
# `not`, and the search for professionals asks for it (templates/static/search.js adds the page's scope).
READERS = "readers"

# How much a page's score counts against other kinds' (the search page multiplies Pagefind's score by it when
# it orders the best results): a family that types a need wants the service, the meeting place or the life
# situation, and finds news, organisations and staff events when it types their own words. Pagefind adds up
# the score of every form of a word a page has, so a short news item full of "neuvolan, neuvoloihin,
# neuvoloissa" outscores the clinic's own page without this. A life situation gathers the services for a need,
# so it leads when it answers the words as well as one of them. Kinds not listed count fully.
KIND_WEIGHTS = {"life_situation": 1.5, "news": 0.4, "event": 0.5, "organisation": 0.3, "topic": 0.6, "page": 0.5,
                "location": 0.6, "region": 0.7, "professionals": 0.5}
# The hidden words of a page, in three groups weighted against body text (1) and the page's title (7, Pagefind's
# weight of an h1): the base forms and compound parts of the name count as the name does; the family words of what
# the page is (its service class, life event, place or event type) and its keywords as a subheading; the family
# words of whom it is for and the word forms of its texts as body text, since many pages share them.
NAME_WEIGHT = 7.0
KEY_WEIGHT = 3.0
WORDS_WEIGHT = 1.0
_KEY_SECTIONS = ("service_classes", "life_events", "place_types", "event_types", "organisation_types")


@dataclass(frozen=True)
class SearchEntry:
    """A page's filters, the metadata its search result card shows, and the words indexed with it unseen."""

    filters: tuple[tuple[str, tuple[str, ...]], ...]
    meta: tuple[tuple[str, str], ...]
    title: str = ""  # the page's name as shown, for the search page's spelling suggestions
    # computes the hidden words when a page or the word list needs them (the search page's filters never do):
    # called with True for every group, with False for the name's forms and the words of what the page is
    words_of: Callable[[bool], tuple[tuple[float, str], ...]] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def hidden(self) -> tuple[tuple[float, str], ...]:
        """(weight, words) groups indexed with the page, never shown: family words, keywords, word forms."""
        return self.words_of(True) if self.words_of else ()

    @property
    def audience(self) -> str:
        """Whom the page is for: families, or professionals (whose pages families' search leaves out)."""
        return PROFESSIONALS if (READERS, (PROFESSIONALS,)) in self.filters else FAMILIES

    @cached_property
    def key_words(self) -> str:
        """The forms of the page's name, its family words and keywords: the words worth suggesting."""
        return ", ".join(words for _, words in (self.words_of(False) if self.words_of else ()))


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
        self.forms = WordForms(familywords.lexicon(loc.lang))

    def _name(self, kind: str, slug: str) -> str:
        return self.loc.text(self.catalog.entries[kind][slug].name).text  # type: ignore[attr-defined]

    def _region_name(self, slug: str) -> str:
        region = self.catalog.regions[slug]
        return self.loc.text(region.short_name or region.name).text

    def _entry(self, kind: str, *, municipalities: Iterable[str] = (), regions: Iterable[str] = (),
               categories: Iterable[str] = (), audiences: Iterable[str] = (), languages: Iterable[str] = (),
               summary: Shown | None = None, codes: dict[str, Iterable[str]] | None = None,
               keywords: Text | None = None, texts: Iterable[Text | None] = (),
               phone: str | None = None, audience: str = FAMILIES) -> SearchEntry:
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
        if phone:
            meta["phone"] = phone
        meta["weight"] = str(KIND_WEIGHTS.get(kind, 1))
        labels = [*category_names, *values["audience"], *municipality_names]
        texts = list(texts)
        name = texts[0].pick(self.loc.lang, self.loc.fallbacks) if texts and texts[0] else None
        filters = tuple((key, tuple(values[key])) for key in FILTERS if values[key])
        if audience == PROFESSIONALS:
            filters += ((READERS, (PROFESSIONALS,)),)
        return SearchEntry(filters,
                           tuple(meta.items()), name[0] if name else "",
                           partial(self._hidden, name, codes or {}, keywords, texts[1:], labels))

    def _hidden(self, name: tuple[str, str] | None, codes: dict[str, Iterable[str]], keywords: Text | None,
                texts: list[Text | None], labels: list[str], everything: bool) -> tuple[tuple[float, str], ...]:
        """The hidden words of a page by weight: its name's forms, what it is, whom it is for and its texts' forms
        (the last group only if `everything`)."""
        lang = self.loc.lang
        key: dict[str, None] = {}
        other: dict[str, None] = {}
        for section, section_codes in codes.items():
            if section in _KEY_SECTIONS or everything:
                target = key if section in _KEY_SECTIONS else other
                target.update(dict.fromkeys(familywords.words_for(section, section_codes, lang)))
        if keywords is not None and lang in keywords.values:
            key.update(dict.fromkeys(w.strip().lower() for w in keywords.values[lang].split(",") if w.strip()))
        name_forms = self.forms.extra([name], verbs=True) if name else []
        key.update(dict.fromkeys(self.forms.extra([(word, lang) for word in key])))
        if everything:
            shown = [text.pick(lang, self.loc.fallbacks) for text in texts if text is not None]
            shown += [(label, lang) for label in labels] + [(word, lang) for word in other]
            other.update(dict.fromkeys(self.forms.extra(shown)))
        groups, seen = [], set()
        for weight, words in ((NAME_WEIGHT, name_forms), (KEY_WEIGHT, list(key)), (WORDS_WEIGHT, list(other))):
            fresh = [word for word in words if word not in seen]
            seen.update(fresh)
            if fresh:
                groups.append((weight, ", ".join(fresh)))
        return tuple(groups)

    def _phone(self, contacts: Iterable[str]) -> str | None:
        for slug in contacts:
            phone = self.catalog.contacts[slug].phone
            if phone is not None:
                return f"{phone.text}|{phone.e164}"
        return None

    # --- one entry per indexed kind ------------------------------------------------------------------

    def service(self, slug: str) -> SearchEntry:
        service = self.catalog.services[slug]
        return self._entry(
            "service", municipalities=self.catalog.service_area(slug),
            regions=[service.region] if service.region else [],
            categories=[self.loc.code("service_classes", c) for c in service.categories],
            audiences=service.audiences, languages=service.languages,
            summary=self.loc.summary(service.summary, service.description),
            codes={"service_classes": service.categories, "audiences": service.audiences,
                   "life_events": service.life_events or ()},
            keywords=service.keywords, texts=[service.name, service.summary, service.description],
            phone=self._phone(service.contacts))

    def place(self, slug: str) -> SearchEntry:
        place = self.catalog.places[slug]
        return self._entry(
            "place", municipalities=[place.municipality],
            categories=[self.loc.code("place_types", place.type)],
            audiences=place.audiences or (), languages=place.languages or (),
            summary=self.loc.summary(place.summary, place.description),
            codes={"place_types": [place.type], "audiences": place.audiences or ()},
            keywords=place.keywords, texts=[place.name, place.summary, place.description],
            phone=self._phone(place.contacts))

    def organisation(self, slug: str) -> SearchEntry:
        organisation = self.catalog.organisations[slug]
        return self._entry(
            "organisation", municipalities=[organisation.municipality] if organisation.municipality else [],
            regions=[organisation.region] if organisation.region else [],
            categories=[self.loc.code("organisation_types", organisation.type)],
            summary=self.loc.summary(None, organisation.description),
            keywords=organisation.keywords, texts=[organisation.name, organisation.description])

    def municipality(self, slug: str) -> SearchEntry:
        municipality = self.catalog.municipalities[slug]
        return self._entry("municipality", municipalities=[slug],
                           summary=self.loc.summary(None, municipality.introduction),
                           keywords=municipality.keywords, texts=[municipality.name, municipality.introduction])

    def region(self, slug: str) -> SearchEntry:
        region = self.catalog.regions[slug]
        return self._entry("region", regions=[slug], summary=self.loc.summary(None, region.description),
                           keywords=region.keywords, texts=[region.name, region.description])

    def location(self, slug: str) -> SearchEntry:
        location = self.catalog.locations[slug]
        return self._entry("location", municipalities=[location.municipality],
                           summary=self.loc.summary(None, location.description),
                           keywords=location.keywords, texts=[location.name, location.description],
                           phone=self._phone(location.contacts))

    def event(self, slug: str) -> SearchEntry:
        event = self.catalog.events[slug]
        return self._entry(
            "event", municipalities=self.catalog.event_area(slug), regions=[event.region] if event.region else [],
            categories=[self.loc.code("event_types", event.type)], audiences=event.audiences or (),
            languages=event.languages, summary=self.loc.summary(event.summary, event.description),
            codes={"event_types": [event.type], "audiences": event.audiences or ()},
            keywords=event.keywords, texts=[event.title, event.summary], audience=event.audience)

    def news(self, slug: str) -> SearchEntry:
        item = self.catalog.news[slug]
        return self._entry("news", municipalities=item.municipalities,
                           summary=self.loc.summary(item.summary, item.body),
                           keywords=item.keywords, texts=[item.title, item.summary], audience=item.audience)

    def topic(self, slug: str) -> SearchEntry:
        topic = self.catalog.topics[slug]
        return self._entry("topic", summary=self.loc.summary(None, topic.description),
                           keywords=topic.keywords, texts=[topic.name, topic.description],
                           audience=self.catalog.topic_audience(slug))

    def life_situation(self, slug: str) -> SearchEntry:
        situation = self.catalog.life_situations[slug]
        return self._entry("life_situation", summary=self.loc.text(situation.summary),
                           codes={"life_events": [situation.life_event] if situation.life_event else []},
                           keywords=situation.keywords,
                           texts=[situation.name, situation.summary, situation.description])

    def page(self, slug: str) -> SearchEntry:
        page = self.catalog.pages[slug]
        return self._entry("page", summary=self.loc.maybe(page.description) or self.loc.summary(None, page.body),
                           keywords=page.keywords, texts=[page.title, page.description])

    def professionals(self) -> SearchEntry:
        """The section for professionals: its name, and the words of what it lists (its texts are indexed)."""
        name = Text({self.loc.lang: self.t.for_professionals})
        lead = self.loc.text(Text({self.loc.lang: self.t.professionals_lead}))
        return self._entry("professionals", summary=lead, texts=[name], audience=PROFESSIONALS)

    # --- the search page -----------------------------------------------------------------------------

    def _all(self) -> list[SearchEntry]:
        catalog = self.catalog
        entries = [self.service(s) for s in catalog.services] + [self.place(s) for s in catalog.places]
        entries += [self.organisation(s) for s in catalog.organisations]
        entries += [self.municipality(s) for s in catalog.municipalities] + [self.region(s) for s in catalog.regions]
        entries += [self.location(s) for s in catalog.locations] + [self.page(s) for s in catalog.pages]
        entries += [self.event(s) for s in catalog.events] + [self.news(s) for s in catalog.news]
        entries += [self.topic(s) for s in catalog.topics]
        entries += [self.life_situation(s) for s in catalog.life_situations]
        if catalog.has_professionals:
            entries.append(self.professionals())
        return entries

    def scope(self, audience: str = FAMILIES) -> str:
        """The Pagefind filter a search page always adds, as JSON: families' leaves professionals' pages out."""
        if audience == PROFESSIONALS:
            return json.dumps({READERS: PROFESSIONALS})
        return json.dumps({"not": {READERS: PROFESSIONALS}}) if self.catalog.has_professionals else "{}"

    def suggestion_words(self, audience: str = FAMILIES) -> bytes:
        """The words the search page may suggest for a misspelt query, with the number of pages that have each.

        The names, categories and municipalities of every indexed page, their names' base forms and parts, family
        words and keywords: what a family searches for, not every word of every text. Words of four letters or more
        (the search page corrects no shorter word), grouped by their number of pages — {"pages": {"3": "word …"}}
        — which is a third smaller than a pair per word. Sorted, so the file is reproducible.
        """
        counts: dict[str, int] = {}
        for entry in (e for e in self._all() if e.audience == audience):
            meta = dict(entry.meta)
            text = " ".join([entry.title, meta.get("category", ""), meta.get("municipality", ""), entry.key_words])
            for word in set(WORD.findall(text.lower())):
                if len(word) >= 4:
                    counts[word] = counts.get(word, 0) + 1
        groups: dict[int, list[str]] = {}
        for word, pages in sorted(counts.items()):
            groups.setdefault(pages, []).append(word)
        data = {"pages": {str(pages): " ".join(words) for pages, words in sorted(groups.items())}}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def choices(self, audience: str = FAMILIES) -> list[FilterChoice]:
        """Every value each filter takes on the pages for `audience` in this language, for the search page's selects."""
        entries = [entry for entry in self._all() if entry.audience == audience]
        found: dict[str, set[str]] = {key: set() for key in FILTERS}
        for entry in entries:
            for key, values in entry.filters:
                if key in found:
                    found[key].update(values)
        kind_order = [self.t[f"kind_{k}"] for k in ("service", "place", "event", "life_situation", "municipality",
                                                    "organisation", "location", "news", "topic", "region", "page",
                                                    "professionals")]
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
