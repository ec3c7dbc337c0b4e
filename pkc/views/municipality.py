"""A municipality's page, in the order a family asks: whom to call first, where to go this week, then the rest
grouped by who it is for (a tap away), not by the national catalogue's labels."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..codelists import VOCABULARIES
from ..localize import Link, Localizer
from .cards import Cards, sort_key
from .essentials import CallView, Essentials

# The services a family needs first, in this order: child health clinics, early childhood education, family
# counselling, family social work (the service classes of the national catalogue).
ESSENTIAL_CLASSES = ("P5.2", "P3.4", "P3.7", "P3.6")


@dataclass(frozen=True)
class ServiceRow:
    """A service in a compact list: its name, the number to call and how to get it."""

    link: Link
    call: CallView | None
    access: str
    area: str    # the municipalities it serves, for narrowing lists in the browser: 'loviisa porvoo'
    coords: str  # where it is given, for sorting by distance in the browser


@dataclass(frozen=True)
class NeedGroup:
    """The services for one group of people (a target group), shown behind one tap."""

    label: str
    services: list[ServiceRow]


class MunicipalityParts:
    """The parts of municipality pages in one language."""

    def __init__(self, catalog: Catalog, loc: Localizer, cards: Cards, essentials: Essentials):
        self.catalog = catalog
        self.loc = loc
        self.cards = cards
        self.essentials = essentials

    def row(self, slug: str) -> ServiceRow:
        return ServiceRow(self.cards.link("service", slug), self.essentials.service_call(slug),
                          self.essentials.access(slug), " ".join(self.catalog.service_area(slug)),
                          self.cards.service_coords(slug))

    def essential_slugs(self, slugs) -> list[str]:
        """The municipality's essential services (their main class is one of ESSENTIAL_CLASSES): in that order,
        then by name."""
        def rank(slug: str) -> int:
            main = self.catalog.services[slug].categories[0]
            return ESSENTIAL_CLASSES.index(main) if main in ESSENTIAL_CLASSES else -1

        chosen = [slug for slug in slugs if rank(slug) >= 0]
        names = {slug: sort_key(self.loc.text(self.catalog.services[slug].name)) for slug in chosen}
        return sorted(chosen, key=lambda slug: (rank(slug), names[slug]))

    def essentials_of(self, slug: str) -> list[ServiceRow]:
        return [self.row(s) for s in self.essential_slugs(self.catalog.services_by_municipality.get(slug, ()))]

    def needs(self, slugs, leave_out=()) -> list[NeedGroup]:
        """The other services grouped by target group, in the code list's order; a service may be in several."""
        rest = [s for s in slugs if s not in set(leave_out)]
        groups = []
        for audience in VOCABULARIES.audiences:
            members = [s for s in rest if audience.code in self.catalog.services[s].audiences]
            if members:
                rows = sorted((self.row(s) for s in members), key=lambda row: sort_key(row.link.label))
                groups.append(NeedGroup(self.loc.code("audiences", audience.code), rows))
        return groups
