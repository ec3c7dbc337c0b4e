"""What each page shows, in one language: ready values for its template, no logic left to templates."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..catalog import Catalog
from ..codelists import VOCABULARIES
from ..localize import Link, Localizer, Shown
from ..urls import PageKey, calendar_path, free_page_key, search_words_path
from .cards import Cards, sort_key
from .essentials import Essentials
from .municipality import ESSENTIAL_CLASSES, MunicipalityParts
from .professionals import ProfessionalPages
from .publications import PublicationPages, life_situation_order, news_order, upcoming
from .search import SearchEntry, SearchFacets


@dataclass(frozen=True)
class PageView:
    """One page in one language, ready for its template."""

    key: PageKey
    template: str
    title: Shown | str
    description: str
    breadcrumbs: tuple[Link, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    search: SearchEntry | None = None  # set on the pages the search index covers

    @property
    def fallback(self) -> bool:
        """Whether the page's own title or main text is shown in another language than the page's."""
        main = [self.title, self.data.get("lead"), self.data.get("body")]
        return any(getattr(item, "foreign", False) for item in main)


def used_categories(catalog: Catalog) -> list[str]:
    """The service classes that at least one service uses, in code-list order."""
    order = [c.code for c in VOCABULARIES.service_classes]
    return sorted(catalog.services_by_category, key=order.index)


class Pages(PublicationPages, ProfessionalPages):
    """Builds every page of the site in one language."""

    def __init__(self, catalog: Catalog, loc: Localizer):
        self.catalog = catalog
        self.loc = loc
        self.t = loc.t
        self.cards = Cards(catalog, loc)
        self.facets = SearchFacets(catalog, loc)
        self.essentials = Essentials(catalog, loc, self.cards)
        self.municipality_parts = MunicipalityParts(catalog, loc, self.cards, self.essentials)

    # --- helpers -------------------------------------------------------------------------------------

    def _crumbs(self, *middle: tuple[str, str]) -> tuple[Link, ...]:
        links = [Link(self.cards.path("home"), self.t.home)]
        links += [Link(self.cards.path(kind), label) for kind, label in middle]
        return tuple(links)

    def _description(self, summary: Shown | None) -> str:
        return summary.text if summary is not None else self.loc.text(self.catalog.site.description).text

    def _category_groups(self, slugs) -> list[tuple[str, list[str]]]:
        """Services grouped under their first category: the classes a family needs first (child health clinics,
        early education, family counselling and social work), then the others in code-list order."""
        groups: dict[str, list[str]] = {}
        for slug in slugs:
            groups.setdefault(self.catalog.services[slug].categories[0], []).append(slug)
        order = [*ESSENTIAL_CLASSES, *(c.code for c in VOCABULARIES.service_classes if c.code not in ESSENTIAL_CLASSES)]
        return sorted(groups.items(), key=lambda item: order.index(item[0]))

    def _by_category(self, slugs) -> list[dict]:
        """Service cards in category groups."""
        return [{"category": self.cards.code_link("category", code), "services": self.cards.service_cards(group)}
                for code, group in self._category_groups(slugs)]

    def _rows_by_category(self, slugs) -> list[dict]:
        """Compact rows with the number to call, in category groups."""
        row = self.municipality_parts.row
        return [{"category": self.cards.code_link("category", code),
                 "rows": sorted((row(slug) for slug in group), key=lambda r: sort_key(r.link.label))}
                for code, group in self._category_groups(slugs)]

    def view(self, key: PageKey) -> PageView:
        """The page for `key`: index pages by kind, entry pages by kind and slug."""
        build = getattr(self, key.kind.replace("-", "_"))
        return build(key.slug) if key.slug else build()

    # --- pages ---------------------------------------------------------------------------------------

    def home(self) -> PageView:
        catalog = self.catalog
        regions = []
        for region_slug, municipalities in catalog.municipalities_by_region.items():
            region = catalog.regions[region_slug]
            tiles = [{"slug": m, "link": self.cards.link("municipality", m)} for m in municipalities]
            regions.append({"name": self.loc.text(region.short_name or region.name),
                            "municipalities": sorted(tiles, key=lambda tile: sort_key(tile["link"].label))})
        regions.sort(key=lambda r: sort_key(r["name"]))
        audiences = [{"link": self.cards.code_link("audience", a.code),
                      "count": len(catalog.services_by_audience.get(a.code, ()))} for a in VOCABULARIES.audiences]
        topics = [{"link": self.cards.code_link("category", code),
                   "count": len(catalog.services_by_category[code])} for code in used_categories(self.catalog)]
        situations = [self.cards.link("life-situation", slug) for slug in life_situation_order(catalog)]
        site = catalog.site
        return PageView(PageKey("home"), "home.html", self.loc.text(site.name), self.loc.text(site.description).text,
                        data={"lead": self.loc.text(site.description), "regions": regions, "audiences": audiences,
                              "life_situations": situations, "topics": topics,
                              "news": [self.publications.news(s) for s in news_order(catalog)[:3]],
                              "events": self.publications.events(
                                  upcoming(catalog, catalog.events, self.loc.today)[:3]),
                              "place_count": len(catalog.places)})

    def municipality_index(self) -> PageView:
        groups = []
        for region_slug, municipalities in self.catalog.municipalities_by_region.items():
            groups.append({"region": self.cards.link("region", region_slug),
                           "municipalities": self.cards.links("municipality", municipalities)})
        groups.sort(key=lambda g: sort_key(g["region"].label))
        return PageView(PageKey("municipality-index"), "municipality_index.html", self.t.municipalities,
                        self.t.home_by_municipality, self._crumbs(), {"groups": groups})

    def municipality(self, slug: str) -> PageView:
        catalog = self.catalog
        municipality = catalog.municipalities[slug]
        name = self.loc.text(municipality.name)
        intro = self.loc.markdown(municipality.introduction, 3)
        parts = self.municipality_parts
        services = catalog.services_by_municipality.get(slug, ())
        return PageView(
            PageKey("municipality", slug), "municipality.html", name,
            self._description(self.loc.summary(None, municipality.introduction)),
            self._crumbs(("municipality-index", self.t.municipalities)),
            {
                "body": intro,
                "region": self.cards.link("region", municipality.region),
                "languages": [self.loc.language_name(code) for code in municipality.languages],
                "family_centres": [self.cards.location(s) for s in municipality.family_centres],
                "contacts": self.cards.contacts(municipality.contacts),
                "essentials": parts.essentials_of(slug),
                "needs": parts.needs(services, leave_out=parts.essential_slugs(services)),
                "places": self.cards.place_cards(catalog.places_by_municipality.get(slug, ())),
                "website": municipality.website,
                "search_value": name.text,
                "names": json.dumps({lang: municipality.name.pick(lang, catalog.languages)[0]
                                     for lang in catalog.languages}, ensure_ascii=False),
                "events": self.publications.events(
                    upcoming(catalog, catalog.events_by_municipality.get(slug, ()), self.loc.today)),
                "calendar": calendar_path("municipality", slug, self.loc.lang),
                "news": [self.publications.news(s)
                         for s in news_order(catalog, catalog.news_by_municipality.get(slug, ()))[:3]],
            },
            search=self.facets.municipality(slug),
        )

    def region(self, slug: str) -> PageView:
        catalog = self.catalog
        region = catalog.regions[slug]
        region_events = {e for m in catalog.municipalities_by_region.get(slug, ())
                         for e in catalog.events_by_municipality.get(m, ())}
        return PageView(
            PageKey("region", slug), "region.html", self.loc.text(region.name),
            self._description(self.loc.summary(None, region.description)),
            self._crumbs(("municipality-index", self.t.municipalities)),
            {
                "body": self.loc.markdown(region.description, 3),
                "municipalities": self.cards.links("municipality", catalog.municipalities_by_region.get(slug, ())),
                "services": self.cards.service_cards(catalog.services_by_region.get(slug, ())),
                "organisation": self.cards.link("organisation", region.organisation) if region.organisation else None,
                "events": self.publications.events(upcoming(catalog, region_events, self.loc.today)),
                "website": region.website,
            },
            search=self.facets.region(slug),
        )

    def service_index(self) -> PageView:
        return PageView(PageKey("service-index"), "service_index.html", self.t.services, self.t.all_services,
                        self._crumbs(), {"groups": self._by_category(self.catalog.services)})

    def service(self, slug: str) -> PageView:
        catalog = self.catalog
        service = catalog.services[slug]
        summary = self.loc.summary(service.summary, service.description)
        ages = self.t.fmt("ages", min=service.ages.min, max=service.ages.max) if service.ages else None
        return PageView(
            PageKey("service", slug), "service.html", self.loc.text(service.name), self._description(summary),
            self._crumbs(("service-index", self.t.services)),
            {
                "essentials": self.essentials.service(slug, ages),
                "lead": self.loc.maybe(service.summary),
                "body": self.loc.markdown(service.description, 3),
                "audiences": [self.cards.code_link("audience", a) for a in service.audiences],
                "ages": ages,
                "categories": [self.cards.code_link("category", c) for c in service.categories],
                "cost": self.loc.code("costs", service.cost),
                "cost_details": self.loc.maybe(service.cost_details),
                "languages": [self.loc.language_name(code) for code in service.languages],
                "region": self.cards.link("region", service.region) if service.region else None,
                "municipalities": self.cards.links("municipality", service.municipalities),
                "provider": self.cards.link("organisation", service.provider),
                "access": [self.loc.code("access_channels", a) for a in service.access],
                "booking": self.loc.markdown(service.booking, 3),
                "booking_url": service.booking_url,
                "hours": self.loc.schedule(service.hours),
                "locations": [self.cards.location(s) for s in service.locations],
                "contacts": self.cards.contacts(service.contacts),
                "website": service.website,
                "last_reviewed": self.loc.date(service.last_reviewed),
                "materials": self.publications.materials(service.materials),
            },
            search=self.facets.service(slug),
        )

    def place_index(self) -> PageView:
        groups = []
        for municipality, places in self.catalog.places_by_municipality.items():
            groups.append({"municipality": self.cards.link("municipality", municipality),
                           "places": self.cards.place_cards(places)})
        groups.sort(key=lambda g: sort_key(g["municipality"].label))
        return PageView(PageKey("place-index"), "place_index.html", self.t.meeting_places,
                        self.t.home_meeting_places_text, self._crumbs(), {"groups": groups})

    def place(self, slug: str) -> PageView:
        place = self.catalog.places[slug]
        municipality = self.catalog.municipalities[place.municipality]
        summary = self.loc.summary(place.summary, place.description)
        return PageView(
            PageKey("place", slug), "place.html", self.loc.text(place.name), self._description(summary),
            self._crumbs(("place-index", self.t.meeting_places)),
            {
                "essentials": self.essentials.place(slug),
                "lead": self.loc.maybe(place.summary),
                "body": self.loc.markdown(place.description, 3),
                "type": self.loc.code("place_types", place.type),
                "municipality": self.cards.link("municipality", place.municipality),
                "address": self.loc.address(place.address, municipality.name, place.coordinates),
                "accessibility": self.loc.markdown(place.accessibility, 3),
                "schedule": self.loc.schedule(place.schedule),
                "organisers": [self.cards.link("organisation", o) for o in place.organiser],
                "audiences": [self.cards.code_link("audience", a) for a in place.audiences or ()],
                "languages": [self.loc.language_name(code) for code in place.languages or ()],
                "cost": self.loc.code("costs", place.cost),
                "cost_details": self.loc.maybe(place.cost_details),
                "contacts": self.cards.contacts(place.contacts),
                "website": place.website,
                "last_reviewed": self.loc.date(place.last_reviewed),
                "calendar": calendar_path("place", slug, self.loc.lang) if place.schedule else None,
                "events": self.publications.events(upcoming(
                    self.catalog, [e for e, ev in self.catalog.events.items() if ev.place == slug], self.loc.today)),
            },
            search=self.facets.place(slug),
        )

    def location_index(self) -> PageView:
        groups = []
        for municipality, locations in self.catalog.locations_by_municipality.items():
            groups.append({"municipality": self.cards.link("municipality", municipality),
                           "locations": self.cards.links("location", locations)})
        groups.sort(key=lambda g: sort_key(g["municipality"].label))
        return PageView(PageKey("location-index"), "location_index.html", self.t.locations, self.t.locations,
                        self._crumbs(), {"groups": groups})

    def location(self, slug: str) -> PageView:
        location = self.catalog.locations[slug]
        view = self.cards.location(slug)
        return PageView(
            PageKey("location", slug), "location.html", view.name,
            self._description(self.loc.summary(None, location.description)),
            self._crumbs(("location-index", self.t.locations)),
            {
                "location": view,
                "essentials": self.essentials.location(slug),
                "body": self.loc.markdown(location.description, 3),
                "accessibility": self.loc.markdown(location.accessibility, 3),
                "municipality": self.cards.link("municipality", location.municipality),
                "services": self.cards.service_cards(self.catalog.services_by_location.get(slug, ())),
                "contacts": self.cards.contacts(location.contacts),
            },
            search=self.facets.location(slug),
        )

    def organisation_index(self) -> PageView:
        groups = []
        for org_type in VOCABULARIES.organisation_types:
            slugs = [s for s, o in self.catalog.organisations.items() if o.type == org_type.code]
            if slugs:
                groups.append({"type": org_type.name(self.loc.lang),
                               "organisations": self.cards.links("organisation", slugs)})
        return PageView(PageKey("organisation-index"), "organisation_index.html", self.t.organisations,
                        self.t.organisations, self._crumbs(), {"groups": groups})

    def organisation(self, slug: str) -> PageView:
        catalog = self.catalog
        organisation = catalog.organisations[slug]
        return PageView(
            PageKey("organisation", slug), "organisation.html", self.loc.text(organisation.name),
            self._description(self.loc.summary(None, organisation.description)),
            self._crumbs(("organisation-index", self.t.organisations)),
            {
                "body": self.loc.markdown(organisation.description, 3),
                "type": self.loc.code("organisation_types", organisation.type),
                "municipality": (self.cards.link("municipality", organisation.municipality)
                                 if organisation.municipality else None),
                "region": self.cards.link("region", organisation.region) if organisation.region else None,
                "website": organisation.website,
                "phone": self.loc.phone(organisation.phone),
                "email": organisation.email,
                # an address without its city belongs to an organisation with a municipality (the model says so)
                "address": (self.loc.address(organisation.address, organisation.address.city
                                             or catalog.municipalities[organisation.municipality or ""].name, None)
                            if organisation.address else None),
                "contacts": self.cards.contacts(organisation.contacts),
                "services": self.cards.service_cards(catalog.services_by_provider.get(slug, ())),
                "places": self.cards.place_cards(catalog.places_by_organiser.get(slug, ())),
            },
            search=self.facets.organisation(slug),
        )

    def category_index(self) -> PageView:
        topics = [{"link": self.cards.code_link("category", code),
                   "count": len(self.catalog.services_by_category[code])} for code in used_categories(self.catalog)]
        return PageView(PageKey("category-index"), "category_index.html", self.t.categories, self.t.home_by_topic,
                        self._crumbs(), {"topics": topics})

    def category(self, code: str) -> PageView:
        label = self.loc.code("service_classes", code)
        return PageView(PageKey("category", code), "category.html", label, label,
                        self._crumbs(("category-index", self.t.categories)),
                        {"services": self.cards.service_cards(self.catalog.services_by_category.get(code, ()))})

    def audience_index(self) -> PageView:
        audiences = [{"link": self.cards.code_link("audience", a.code),
                      "count": len(self.catalog.services_by_audience.get(a.code, ()))} for a in VOCABULARIES.audiences]
        situations = [self.cards.link("life-situation", slug) for slug in life_situation_order(self.catalog)]
        return PageView(PageKey("audience-index"), "audience_index.html", self.t.audiences, self.t.home_by_age,
                        self._crumbs(), {"audiences": audiences, "life_situations": situations})

    def audience(self, code: str) -> PageView:
        label = self.loc.code("audiences", code)
        return PageView(PageKey("audience", code), "audience.html", label, label,
                        self._crumbs(("audience-index", self.t.audiences)),
                        {"service_groups": self._by_category(self.catalog.services_by_audience.get(code, ())),
                         "places": self.cards.place_cards(self.catalog.places_by_audience.get(code, ()))})

    def page(self, slug: str) -> PageView:
        page = self.catalog.pages[slug]
        title = self.loc.text(page.title)
        body = self.loc.markdown(page.body, 2)
        description = self.loc.maybe(page.description) or self.loc.summary(None, page.body)
        return PageView(free_page_key(slug, page), "page.html", title, self._description(description),
                        self._crumbs(), {"body": body, "materials": self.publications.materials(page.materials)},
                        search=self.facets.page(slug))

    def accessibility(self) -> PageView:
        """The accessibility statement that Act 306/2019 requires, from the facts in site.yaml."""
        site = self.catalog.site
        facts = site.accessibility
        publisher = self.catalog.organisations.get(site.publisher)
        publisher_name = self.loc.text(publisher.name).text if publisher else ""
        t = self.t
        return PageView(
            PageKey("accessibility"), "accessibility.html", t.accessibility_statement,
            t.fmt("statement_intro", publisher=publisher_name, site=self.loc.text(site.name).text), self._crumbs(),
            {
                "intro": t.fmt("statement_intro", publisher=publisher_name, site=self.loc.text(site.name).text),
                "status": t[f"status_{facts.status}"],
                "non_accessible": [self.loc.text(item) for item in facts.non_accessible],
                "dates": t.fmt("statement_dates", prepared=self.loc.date(facts.prepared),
                               reviewed=self.loc.date(facts.reviewed)),
                "method": t[f"method_{facts.method}"],
                "feedback_text": t.fmt("statement_feedback_text", handler=self.loc.text(site.feedback.handled_by).text),
                "feedback": site.feedback,
            },
        )

    def search(self) -> PageView:
        """The search page: the form works without JavaScript only to say so; results come from Pagefind."""
        t = self.t
        return PageView(PageKey("search"), "search.html", t.search, t.search_site, self._crumbs(),
                        {"filters": self.facets.choices(), "words": search_words_path(self.loc.lang),
                         "scope": self.facets.scope(),
                         "browse": [Link(self.cards.path(kind), label) for kind, label in (
                             ("municipality-index", t.municipalities), ("service-index", t.services),
                             ("life-situation-index", t.life_situations), ("place-index", t.meeting_places),
                             ("category-index", t.categories))]})

    def not_found(self) -> PageView:
        return PageView(PageKey("not-found"), "404.html", self.t.not_found_title, self.t.not_found_text)
