"""A PTV service's areas as the site's municipalities or region, whichever of PTV's two area shapes arrives."""
from __future__ import annotations

from dataclasses import dataclass, field

from .site import SiteContext
from .texts import Notes, clean, items, name_of
from .values import names


@dataclass
class Area:
    """What a service's areas come to in the site: municipalities (each once, in PTV's order) and a region."""

    municipalities: list[str] = field(default_factory=list)
    region: str | None = None


def service_area(data: dict, site: SiteContext, notes: Notes) -> Area:
    """The site's municipalities and region among the service's `areas`; every area that is not is reported.

    PTV sends a municipality either with its own code and name, or — as the service catalogue does for many
    services — with code and name null and the municipality in `municipalities`; both are read. Regions,
    business regions and hospital districts list their municipalities; a wellbeing services county the site has
    becomes the service's `region`.
    """
    result = Area()
    for index, area in enumerate(items(data.get("areas"))):
        at = f".areas[{index}]"
        kind = clean(area.get("type")) or "area"
        label = name_of(area.get("name"), site.languages)
        if kind == "Municipality":
            _municipality(area, at, label, site, notes, result)
            continue
        if "wellbeing" in kind.casefold():
            region = site.region(names(area.get("name")))
            if region is not None:
                result.region = result.region or region
                continue
        inside = items(area.get("municipalities"))
        if not inside:
            notes.unmapped(at, f"{kind} '{label or area.get('code') or '?'}' not imported: PTV lists no "
                               "municipalities in it and the site has no region of that name; write "
                               "'municipalities' or 'region'")
            continue
        slugs = [site.municipality(names(m.get("name"))) for m in inside]
        result.municipalities.extend(slug for slug in slugs if slug and slug not in result.municipalities)
        if None in slugs:
            notes.missing(at, f"{slugs.count(None)} of the {len(slugs)} municipalities of '{label}' are not in "
                              "the site")
    return result


def _municipality(area: dict, at: str, label: str, site: SiteContext, notes: Notes, result: Area) -> None:
    """A `Municipality` area: its own name, or each of its `municipalities` (code and name null)."""
    places = [(at, area)] if names(area.get("name")) or not items(area.get("municipalities")) else []
    places += [(f"{at}.municipalities[{number}]", inner)
               for number, inner in enumerate(items(area.get("municipalities")))]
    for where, place in places:
        slug = site.municipality(names(place.get("name")))
        if slug is None:
            shown = name_of(place.get("name"), site.languages) or label or "(no name)"
            notes.missing(where, f"municipality '{shown}' ({clean(place.get('code'))}) is not in the site")
        elif slug not in result.municipalities:
            result.municipalities.append(slug)
