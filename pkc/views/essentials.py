"""What a family needs on a phone's first screen: who it is for, book or just come, whom to call, when, where.

Each entry page (service, meeting place, service point) gets one EssentialsView; its template shows it right
under the page's name, before the description.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..catalog import Catalog
from ..codelists import VOCABULARIES
from ..localize import AddressView, Localizer, PhoneView, ScheduleView, Shown
from ..model.schedule import Schedule
from .cards import Cards


@dataclass(frozen=True)
class CallView:
    """The number to call first, whose number it is and when it answers, in one line."""

    phone: PhoneView
    name: Shown
    hours: str | None


@dataclass(frozen=True)
class EssentialsView:
    for_whom: str | None
    access: str | None            # "Ajanvarauksella · Puhelimitse", or "Ei ajanvarausta – tule paikalle"
    call: CallView | None
    email: str | None             # written to when there is no number to call
    booking_url: str | None
    hours: ScheduleView | None    # the hours that today's status is computed from
    address: AddressView | None
    more_addresses: int           # further addresses, listed below on the page


@dataclass(frozen=True)
class HelplineView:
    name: Shown
    phone: PhoneView | None
    hours: Shown
    description: Shown | None


def helplines(catalog: Catalog, loc: Localizer) -> list[HelplineView]:
    """The site's helplines (site.yaml), for the urgent-help box of the home page and of sensitive pages."""
    return [HelplineView(loc.text(line.name), loc.phone(line.phone), loc.text(line.hours), loc.maybe(line.description))
            for line in catalog.site.helplines]


class Essentials:
    """Builds the first-screen essentials of entry pages in one language."""

    def __init__(self, catalog: Catalog, loc: Localizer, cards: Cards):
        self.catalog = catalog
        self.loc = loc
        self.cards = cards

    def one_line(self, schedule: Schedule | None) -> str | None:
        """Weekly hours as one line: 'ma–pe 8.00–15.00, la 10.00–12.00'."""
        if schedule is None or not schedule.weekly:
            return None
        return ", ".join(f"{self.loc.days(h.days, 'abbreviated')} {self.loc.times(h.opens, h.closes)}"
                         for h in schedule.weekly)

    def call(self, contacts: Iterable[str], organisations: Iterable[str] = ()) -> CallView | None:
        """The first contact with a phone number; else the first organisation's own number."""
        for slug in contacts:
            contact = self.catalog.contacts[slug]
            if contact.phone:
                phone = self.loc.phone(contact.phone)
                return CallView(phone, self.loc.text(contact.name), self.one_line(contact.hours))
        for slug in organisations:
            organisation = self.catalog.organisations[slug]
            if organisation.phone:
                return CallView(self.loc.phone(organisation.phone), self.loc.text(organisation.name), None)
        return None

    def _email(self, contacts: Iterable[str], call: CallView | None) -> str | None:
        if call is not None:
            return None
        return next((self.catalog.contacts[c].email for c in contacts if self.catalog.contacts[c].email), None)

    def _for_whom(self, audiences: Iterable[str], ages: str | None = None) -> str | None:
        labels = [self.loc.code("audiences", code) for code in audiences]
        if not labels:
            return ages
        text = ", ".join([labels[0]] + [label[:1].lower() + label[1:] for label in labels[1:]])
        return f"{text} · {ages}" if ages else text

    def service_contacts(self, slug: str) -> list[str]:
        """A service's own contacts, then those of its service points."""
        service = self.catalog.services[slug]
        return [*service.contacts, *(c for loc in service.locations for c in self.catalog.locations[loc].contacts)]

    def service_call(self, slug: str) -> CallView | None:
        """The number to call about a service: its contacts', its service points', else its provider's."""
        return self.call(self.service_contacts(slug), [self.catalog.services[slug].provider])

    def access(self, slug: str) -> str:
        """How a service is reached, in one line: 'Ajanvarauksella · Puhelimitse'."""
        return " · ".join(self.loc.code("access_channels", a) for a in self.catalog.services[slug].access)

    def service(self, slug: str, ages: str | None) -> EssentialsView:
        service = self.catalog.services[slug]
        first = self.cards.location(service.locations[0]) if service.locations else None
        contacts = self.service_contacts(slug)
        call = self.service_call(slug)
        return EssentialsView(
            for_whom=self._for_whom(service.audiences, ages),
            access=self.access(slug),
            call=call,
            email=self._email(contacts, call),
            booking_url=service.booking_url,
            hours=self.loc.schedule(service.hours) or (first.hours if first else None),
            address=first.address if first else None,
            more_addresses=max(0, len(service.locations) - 1),
        )

    def place(self, slug: str) -> EssentialsView:
        place = self.catalog.places[slug]
        municipality = self.catalog.municipalities[place.municipality]
        call = self.call(place.contacts, place.organiser)
        return EssentialsView(
            for_whom=self._for_whom(place.audiences or ()),
            access=self.loc.t.just_come,
            call=call,
            email=self._email(place.contacts, call),
            booking_url=None,
            hours=self.loc.schedule(place.schedule),
            address=self.loc.address(place.address, municipality.name, place.coordinates),
            more_addresses=0,
        )

    def location(self, slug: str) -> EssentialsView:
        location = self.catalog.locations[slug]
        services = self.catalog.services_by_location.get(slug, ())
        view = self.cards.location(slug)
        service_contacts = [c for s in sorted(services) for c in self.catalog.services[s].contacts]
        audiences = {a for s in services for a in self.catalog.services[s].audiences}
        contacts = [*location.contacts, *service_contacts]
        call = self.call(contacts)
        return EssentialsView(
            for_whom=self._for_whom(a.code for a in VOCABULARIES.audiences if a.code in audiences),
            access=None,
            call=call,
            email=self._email(contacts, call),
            booking_url=None,
            hours=view.hours,
            address=view.address,
            more_addresses=0,
        )
