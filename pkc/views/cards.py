"""Ready-to-render pieces shared by many pages: links, service and place cards, contacts, locations."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..localize import AddressView, Link, Localizer, PhoneView, ScheduleView, Shown, ShownHtml
from ..urls import PageKey, page_path

_SORT_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "{", "Ä": "|", "Ö": "}"})


def sort_key(text: str | Shown) -> str:
    """Alphabetical order for Finnish and Swedish: å, ä and ö come after z."""
    return str(text).casefold().translate(_SORT_ORDER)


@dataclass(frozen=True)
class ServiceCard:
    url: str
    name: Shown
    summary: Shown | None
    categories: tuple[str, ...]
    area: tuple[Shown, ...]
    cost: str
    access: tuple[str, ...]
    area_slugs: str  # the municipalities it serves, for narrowing lists in the browser: 'loviisa porvoo'
    coords: str      # where it is given, for sorting lists by distance in the browser: '60.39,25.66 60.45,26.22'


@dataclass(frozen=True)
class PlaceCard:
    url: str
    name: Shown
    summary: Shown | None
    type: str
    municipality: Shown
    hours: tuple[str, ...]
    municipality_slug: str
    coords: str
    schedule: ScheduleView | None  # for the "open today" line


@dataclass(frozen=True)
class ContactView:
    name: Shown
    organisation: Link | None
    phone: PhoneView | None
    email: str | None
    hours: ScheduleView | None
    note: ShownHtml | None


@dataclass(frozen=True)
class LocationView:
    url: str
    name: Shown
    address: AddressView
    hours: ScheduleView | None
    accessibility: ShownHtml | None


class Cards:
    """Builds links and cards for pages in one language."""

    def __init__(self, catalog: Catalog, loc: Localizer):
        self.catalog = catalog
        self.loc = loc
        self.lang = loc.lang

    def path(self, kind: str, slug: str = "") -> str:
        return page_path(PageKey(kind, slug), self.lang)

    def link(self, kind: str, slug: str) -> Link:
        entry = self.catalog.entries[kind][slug]
        name = entry.name if hasattr(entry, "name") else entry.title  # type: ignore[attr-defined]
        return Link(self.path(kind, slug), self.loc.text(name))

    def links(self, kind: str, slugs) -> list[Link]:
        return sorted((self.link(kind, slug) for slug in slugs), key=lambda link: sort_key(link.label))

    def code_link(self, kind: str, code: str) -> Link:
        list_name = {"category": "service_classes", "audience": "audiences"}[kind]
        return Link(self.path(kind, code), self.loc.code(list_name, code))

    def municipality_name(self, slug: str) -> Shown:
        return self.loc.text(self.catalog.municipalities[slug].name)

    def service_area(self, slug: str) -> tuple[Shown, ...]:
        service = self.catalog.services[slug]
        if service.region:
            region = self.catalog.regions[service.region]
            return (self.loc.text(region.short_name or region.name),)
        return tuple(sorted((self.municipality_name(m) for m in service.municipalities), key=sort_key))

    def service_coords(self, slug: str) -> str:
        """The map positions of a service's locations: 'lat,lon lat,lon' ('' when none is known)."""
        found = (self.catalog.locations[loc].coordinates for loc in self.catalog.services[slug].locations)
        return " ".join(f"{c.lat},{c.lon}" for c in found if c is not None)

    def service_card(self, slug: str) -> ServiceCard:
        service = self.catalog.services[slug]
        return ServiceCard(
            url=self.path("service", slug),
            name=self.loc.text(service.name),
            summary=self.loc.summary(service.summary, service.description),
            categories=tuple(self.loc.code("service_classes", c) for c in service.categories),
            area=self.service_area(slug),
            cost=self.loc.code("costs", service.cost),
            access=tuple(self.loc.code("access_channels", a) for a in service.access),
            area_slugs=" ".join(self.catalog.service_area(slug)),
            coords=self.service_coords(slug),
        )

    def service_cards(self, slugs) -> list[ServiceCard]:
        return sorted((self.service_card(slug) for slug in slugs), key=lambda card: sort_key(card.name))

    def place_card(self, slug: str) -> PlaceCard:
        place = self.catalog.places[slug]
        schedule = self.loc.schedule(place.schedule)
        hours = tuple(f"{row.days} {row.times}" for row in schedule.rows) if schedule else ()
        return PlaceCard(
            url=self.path("place", slug),
            name=self.loc.text(place.name),
            summary=self.loc.summary(place.summary, place.description),
            type=self.loc.code("place_types", place.type),
            municipality=self.municipality_name(place.municipality),
            hours=hours,
            municipality_slug=place.municipality,
            coords=f"{place.coordinates.lat},{place.coordinates.lon}" if place.coordinates else "",
            schedule=schedule,
        )

    def place_cards(self, slugs) -> list[PlaceCard]:
        return sorted((self.place_card(slug) for slug in slugs), key=lambda card: sort_key(card.name))

    def contact(self, slug: str) -> ContactView:
        contact = self.catalog.contacts[slug]
        return ContactView(
            name=self.loc.text(contact.name),
            organisation=self.link("organisation", contact.organisation) if contact.organisation else None,
            phone=self.loc.phone(contact.phone),
            email=contact.email,
            hours=self.loc.schedule(contact.hours),
            note=self.loc.markdown(contact.note, 4),
        )

    def contacts(self, slugs) -> list[ContactView]:
        return [self.contact(slug) for slug in slugs]

    def location(self, slug: str) -> LocationView:
        location = self.catalog.locations[slug]
        municipality = self.catalog.municipalities[location.municipality]
        return LocationView(
            url=self.path("location", slug),
            name=self.loc.text(location.name),
            address=self.loc.address(location.address, municipality.name, location.coordinates),
            hours=self.loc.schedule(location.opening_hours),
            accessibility=self.loc.markdown(location.accessibility, 4),
        )
