"""schema.org JSON-LD for the pages that describe something: what search engines and other systems can read.

One `StructuredData` per language builds, for a page key, the object that goes into the page's
`<script type="application/ld+json">`: a WebSite on the home page, GovernmentService or Service on service pages,
Place or CivicStructure on meeting places and service points, an Organization of the right kind, Event, NewsArticle
and, on Q&A topics, FAQPage. Every object is linked to the others by `@id` (the page's absolute address with a
fragment), so a reader can follow a service to its provider and its service points.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from .catalog import Catalog
from .localize import Localizer
from .markdown import plain_text
from .model.fields import LocalText
from .model.kinds import Address, Coordinates
from .model.publications import PROFESSIONALS
from .model.schedule import Schedule
from .urls import PageKey, Site, logo_path, page_path

CONTEXT = "https://schema.org"
DAY_URIS = {"mo": "https://schema.org/Monday", "tu": "https://schema.org/Tuesday",
            "we": "https://schema.org/Wednesday", "th": "https://schema.org/Thursday",
            "fr": "https://schema.org/Friday", "sa": "https://schema.org/Saturday", "su": "https://schema.org/Sunday"}
ORGANISATION_TYPES = {"municipality": "GovernmentOrganization", "wellbeing-county": "GovernmentOrganization",
                      "ngo": "NGO", "company": "Corporation"}
PUBLIC_PROVIDERS = ("municipality", "wellbeing-county")
# Open Graph locales: Finnish and Swedish as used in Finland
OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}

Json = dict[str, Any]


def og_locale(lang: str) -> str:
    """The Open Graph locale of a page language: fi_FI, sv_FI, en_GB."""
    return OG_LOCALES.get(lang, f"{lang}_FI")


def script_json(data: Json) -> Markup:
    """JSON for inside a <script> element: '<', '>' and '&' escaped, so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class StructuredData:
    """Builds the JSON-LD of every page in one language."""

    def __init__(self, catalog: Catalog, loc: Localizer, site: Site, image_url: str | None = None):
        self.catalog = catalog
        self.loc = loc
        self.site = site
        self.image_url = image_url  # the site's share image, absolute
        logo = catalog.site.theme.logo
        self.logo_url = site.absolute(logo_path(logo)) if logo else None

    def for_page(self, key: PageKey) -> Json | None:
        """The JSON-LD object of a page, or None for pages that only list or navigate."""
        build = getattr(self, "_" + key.kind.replace("-", "_"), None)
        if build is None:
            return None
        data = build(key.slug) if key.slug else build()
        return {"@context": CONTEXT, **data} if data is not None else None

    # --- helpers -------------------------------------------------------------------------------------

    def url(self, kind: str, slug: str | None = None) -> str:
        return self.site.absolute(page_path(PageKey(kind, slug), self.loc.lang))

    def text(self, value: LocalText) -> str:
        return self.loc.text(value).text

    def summary(self, summary: LocalText | None, description: LocalText | None) -> str | None:
        shown = self.loc.summary(summary, description)
        return shown.text if shown is not None else None

    def plain(self, markdown: LocalText) -> str:
        return plain_text(self.loc.text(markdown).text)

    def organisation_ref(self, slug: str) -> Json:
        """An organisation by reference; the site's publisher with the site's logo, which is its logo."""
        organisation = self.catalog.organisations[slug]
        url = self.url("organisation", slug)
        data: Json = {"@type": ORGANISATION_TYPES.get(organisation.type, "Organization"),
                      "@id": url + "#organization", "name": self.text(organisation.name), "url": url}
        if slug == self.catalog.site.publisher and self.logo_url:
            data["logo"] = self.logo_url
        return data

    def area(self, kind: str, slug: str) -> Json:
        entry = self.catalog.regions[slug] if kind == "region" else self.catalog.municipalities[slug]
        return {"@type": "AdministrativeArea", "name": self.text(entry.name), "url": self.url(kind, slug)}

    def address(self, address: Address, municipality: str | None) -> Json:
        """A PostalAddress; its city is the address's own, else the municipality's name (one of them is given)."""
        city = address.city or self.catalog.municipalities[municipality or ""].name
        return {"@type": "PostalAddress", "streetAddress": self.text(address.street),
                "postalCode": address.postal_code, "addressLocality": self.text(city), "addressCountry": "FI"}

    @staticmethod
    def geo(coordinates: Coordinates | None) -> Json:
        if coordinates is None:
            return {}
        return {"geo": {"@type": "GeoCoordinates", "latitude": coordinates.lat, "longitude": coordinates.lon}}

    def hours(self, schedule: Schedule | None) -> list[Json]:
        """Weekly hours, then the exceptions not over on the build date (a closed day opens and closes at 00:00)."""
        if schedule is None:
            return []
        validity: Json = {}
        if schedule.valid_from:
            validity["validFrom"] = schedule.valid_from.isoformat()
        if schedule.valid_to:
            validity["validThrough"] = schedule.valid_to.isoformat()
        specs = [{"@type": "OpeningHoursSpecification", "dayOfWeek": [DAY_URIS[day] for day in hours.days],
                  "opens": _time(hours.opens), "closes": _time(hours.closes), **validity}
                 for hours in schedule.weekly]
        for exception in sorted(schedule.exceptions, key=lambda e: e.first_day):
            if exception.last_day < self.loc.today:
                continue
            opens, closes = (dt.time(0), dt.time(0)) if exception.closed else (exception.opens, exception.closes)
            spec: Json = {"@type": "OpeningHoursSpecification", "opens": _time(opens), "closes": _time(closes),
                          "validFrom": exception.first_day.isoformat(),
                          "validThrough": exception.last_day.isoformat()}
            if exception.note is not None:
                spec["description"] = self.text(exception.note)
            specs.append(spec)
        return specs

    def contact_points(self, slugs) -> list[Json]:
        points = []
        for slug in slugs:
            contact = self.catalog.contacts[slug]
            point: Json = {"@type": "ContactPoint", "name": self.text(contact.name)}
            if contact.phone is not None:
                point["telephone"] = contact.phone.e164
            if contact.email is not None:
                point["email"] = contact.email
            hours = self.hours(contact.hours)
            if hours:
                point["hoursAvailable"] = hours
            points.append(point)
        return points

    def languages(self, codes) -> list[Json]:
        return [{"@type": "Language", "name": self.loc.language_name(code), "alternateName": code} for code in codes]

    def offer(self, cost: str, details: LocalText | None) -> Json:
        offer: Json = {"@type": "Offer", "name": self.loc.code("costs", cost)}
        if cost == "free":
            offer.update(price=0, priceCurrency="EUR")
        if details is not None:
            offer["description"] = self.text(details)
        return offer

    def audience(self, codes, ages=None) -> Json:
        audience: Json = {"@type": "ParentAudience",
                          "audienceType": ", ".join(self.loc.code("audiences", code) for code in codes)}
        if ages is not None:
            audience.update(childMinAge=ages.min, childMaxAge=ages.max)
        return audience

    def place_ref(self, kind: str, slug: str) -> Json:
        """A meeting place or a service point, by reference with its name and address."""
        entry = self.catalog.places[slug] if kind == "place" else self.catalog.locations[slug]
        url = self.url(kind, slug)
        return {"@type": "Place" if kind == "place" else "CivicStructure", "@id": url + "#place",
                "name": self.text(entry.name), "url": url, "address": self.address(entry.address, entry.municipality)}

    # --- pages ---------------------------------------------------------------------------------------

    def _home(self) -> Json:
        site = self.catalog.site
        url = self.url("home")
        search = self.site.absolute(page_path(PageKey("search"), self.loc.lang))
        # schema.org's own long form of a search action (docs/actions.html, part 4): the address as an EntryPoint's
        # urlTemplate, and the `query-input` annotation as a PropertyValueSpecification whose valueName is the
        # template's variable. Every type and property in it is then a schema.org term a strict reader can check;
        # the short text form "required name=…" is a string only schema.org's Actions page and Google's
        # (since 2024 unused) sitelinks search box define.
        data: Json = {"@type": "WebSite", "@id": url + "#website", "name": self.text(site.name), "url": url,
                      "description": self.text(site.description), "inLanguage": self.loc.lang,
                      "potentialAction": {
                          "@type": "SearchAction",
                          "target": {"@type": "EntryPoint", "urlTemplate": search + "?q={search_term_string}"},
                          "query-input": {"@type": "PropertyValueSpecification", "valueRequired": True,
                                          "valueName": "search_term_string"}}}
        if site.publisher in self.catalog.organisations:
            data["publisher"] = self.organisation_ref(site.publisher)
        return data

    def _service(self, slug: str) -> Json:
        service = self.catalog.services[slug]
        provider = self.catalog.organisations[service.provider]
        url = self.url("service", slug)
        categories = [self.loc.code("service_classes", code) for code in service.categories]
        data: Json = {
            "@type": "GovernmentService" if provider.type in PUBLIC_PROVIDERS else "Service",
            "@id": url + "#service", "name": self.text(service.name), "url": url,
            "description": self.summary(service.summary, service.description),
            "serviceType": categories[0], "category": categories,
            "provider": self.organisation_ref(service.provider),
            "areaServed": ([self.area("region", service.region)] if service.region else [])
            + [self.area("municipality", m) for m in service.municipalities],
            "audience": self.audience(service.audiences, service.ages),
            "offers": self.offer(service.cost, service.cost_details),
        }
        channels = [{"@type": "ServiceChannel", "name": self.text(self.catalog.locations[location].name),
                     "serviceLocation": self.place_ref("location", location)} for location in service.locations]
        channels += [{"@type": "ServiceChannel", "name": point["name"], "servicePhone": point}
                     for point in self.contact_points(service.contacts)]
        if service.booking_url:
            channels.append({"@type": "ServiceChannel", "name": self.loc.t.book_online,
                             "serviceUrl": service.booking_url})
        if channels:
            languages = self.languages(service.languages)  # schema.org gives a service's languages per channel
            data["availableChannel"] = [{**channel, "availableLanguage": languages} for channel in channels]
        hours = self.hours(service.hours)
        if hours:
            data["hoursAvailable"] = hours
        if service.website:
            data["sameAs"] = service.website
        return data

    def _place(self, slug: str) -> Json:
        place = self.catalog.places[slug]
        data: Json = {
            **self.place_ref("place", slug),
            "description": self.summary(place.summary, place.description),
            **self.geo(place.coordinates),
            "containedInPlace": self.area("municipality", place.municipality),
            "publicAccess": True,
            "isAccessibleForFree": place.cost == "free",
        }
        self._hours_and_phone(data, place.schedule, place.contacts)
        if place.website:
            data["sameAs"] = place.website
        return data

    def _location(self, slug: str) -> Json:
        location = self.catalog.locations[slug]
        data: Json = {**self.place_ref("location", slug), **self.geo(location.coordinates),
                      "containedInPlace": self.area("municipality", location.municipality)}
        if location.description is not None:
            data["description"] = self.summary(None, location.description)
        self._hours_and_phone(data, location.opening_hours, location.contacts)
        return data

    def _hours_and_phone(self, data: Json, schedule, contacts: list[str]) -> None:
        """A place's opening hours, and the phone number of its first contact that has one."""
        hours = self.hours(schedule)
        if hours:
            data["openingHoursSpecification"] = hours
        points = self.contact_points(contacts)
        if points and "telephone" in points[0]:
            data["telephone"] = points[0]["telephone"]

    def _organisation(self, slug: str) -> Json:
        organisation = self.catalog.organisations[slug]
        data = self.organisation_ref(slug)
        if organisation.description is not None:
            data["description"] = self.summary(None, organisation.description)
        if organisation.website:
            data["sameAs"] = organisation.website
        if organisation.email:
            data["email"] = organisation.email
        if organisation.address is not None:
            data["address"] = self.address(organisation.address, organisation.municipality)
        if organisation.region:
            data["areaServed"] = self.area("region", organisation.region)
        elif organisation.municipality:
            data["areaServed"] = self.area("municipality", organisation.municipality)
        points = self.contact_points(organisation.contacts)
        if points:
            data["contactPoint"] = points
        # its main number: its own (switchboard), else that of its first contact that has one, as on its page
        phones = [organisation.phone.e164] if organisation.phone is not None else []
        phones += [point["telephone"] for point in points if "telephone" in point]
        if phones:
            data["telephone"] = phones[0]
        return data

    def _event(self, slug: str) -> Json:
        event = self.catalog.events[slug]
        url = self.url("event", slug)
        places: list[Json] = []
        if event.place:
            places.append(self.place_ref("place", event.place))
        if event.location:
            places.append(self.place_ref("location", event.location))
        if event.address is not None and event.municipality:
            places.append({"@type": "Place", "address": self.address(event.address, event.municipality)})
        if event.online_url:
            places.append({"@type": "VirtualLocation", "url": event.online_url})
        online = bool(event.online_url)
        mode = "Mixed" if online and len(places) > 1 else "Online" if online else "Offline"
        data: Json = {
            "@type": "Event", "@id": url + "#event", "name": self.text(event.title), "url": url,
            "description": self.summary(event.summary, event.description),
            "startDate": event.start.isoformat(), "endDate": event.end.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
            "location": places[0] if len(places) == 1 else places,
            "organizer": [self.organisation_ref(slug) for slug in event.organiser],
            "inLanguage": list(event.languages),
            "isAccessibleForFree": event.cost == "free",
            "offers": self._event_offer(slug, url),
        }
        if self.image_url:
            # events have no picture of their own: the site's share image is what any link to the event shows
            # (og:image), so the search engine's event listing and a shared link agree
            data["image"] = [self.image_url]
        if event.audience == PROFESSIONALS:  # not a family's event, whatever families its subject concerns
            data["audience"] = {"@type": "BusinessAudience", "audienceType": self.loc.t.for_professionals}
        elif event.audiences:
            data["audience"] = self.audience(event.audiences)
        return data

    def _event_offer(self, slug: str, url: str) -> Json:
        """How to get in: where to sign up, until when, and whether one still can on the build date.

        Only what is known: a place is available (InStock) while the event is ahead and its registration open;
        after that nothing is said, since a closed registration does not mean the event is full.
        """
        event = self.catalog.events[slug]
        offer = {**self.offer(event.cost, event.cost_details), "url": event.registration_url or url}
        deadline = event.registration_deadline
        if deadline is not None:
            offer["validThrough"] = deadline.isoformat()
        if event.end.date() >= self.loc.today and (deadline is None or deadline >= self.loc.today):
            offer["availability"] = "https://schema.org/InStock"
        return offer

    def _news(self, slug: str) -> Json:
        item = self.catalog.news[slug]
        url = self.url("news", slug)
        author = self.organisation_ref(item.author)
        return {"@type": "NewsArticle", "@id": url + "#article", "headline": self.text(item.title), "url": url,
                "description": self.summary(item.summary, item.body),
                "datePublished": item.date.isoformat(), "inLanguage": self.loc.text(item.title).lang,
                "author": author, "publisher": author}

    def _topic(self, slug: str) -> Json | None:
        topic = self.catalog.topics[slug]
        url = self.url("topic", slug)
        questions = self.catalog.topic_questions(slug)
        if not questions:  # a FAQPage needs questions
            return None
        return {"@type": "FAQPage", "@id": url + "#faq", "name": self.text(topic.name), "url": url,
                "inLanguage": self.loc.lang, "mainEntity": [self._question(q) for q in questions]}

    def _question(self, slug: str) -> Json:
        question = self.catalog.questions[slug]
        return {"@type": "Question", "name": self.text(question.question),
                "acceptedAnswer": {"@type": "Answer", "text": self.plain(question.answer),
                                   "dateCreated": question.date.isoformat(),
                                   "author": self.organisation_ref(question.answered_by)}}


@lru_cache(maxsize=4096)  # the same opening times recur on thousands of pages; strftime is slow
def _time(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value is not None else ""

