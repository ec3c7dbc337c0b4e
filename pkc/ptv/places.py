"""A PTV service location's street address, map position and accessibility sentences, as a pkc location has them."""
from __future__ import annotations

from typing import Any

from .coordinates import tm35fin_to_wgs84
from .site import SiteContext, fold
from .texts import Notes, clean, items, per_language
from .values import names, title
from .yamltext import Markdown, Quoted


def address(data: dict, site: SiteContext, notes: Notes,
            required: bool = True) -> tuple[dict | None, str | None, dict | None]:
    """The street (visiting) address, the site's municipality it is in, and its coordinates; what is left is
    reported. A location must have one (`required`); an organisation may go without."""
    chosen = None
    for index, entry in enumerate(items(data.get("addresses"))):
        at = f".addresses[{index}]"
        street = entry.get("streetAddress")
        kind = clean(entry.get("type"))
        if chosen is None and kind in ("Location", "Visiting", "") and isinstance(street, dict):
            chosen = (at, street)
            continue
        if entry.get("entrances"):
            continue
        what = {"Postal": "postal address", "Delivery": "delivery address"}.get(kind, "address")
        notes.unmapped(at, f"{what} not imported: pkc keeps one street address")
    if chosen is None:
        if required:
            notes.missing(".addresses", "no street address in PTV: write 'address' and 'municipality' before "
                                        "pkc check")
        return None, None, None
    at, street = chosen
    languages = site.languages
    streets = per_language(street.get("street"), languages, notes, f"{at}.streetAddress.street")
    number = clean(street.get("streetNumber"))
    result: dict[str, Any] = {}
    if streets:
        result["street"] = {lang: f"{text} {number}".strip() for lang, text in streets.items()}
    else:
        notes.missing(f"{at}.streetAddress.street", "no street name: write 'street' before pkc check")
    postal = clean(street.get("postalCode"))
    if postal:
        result["postal_code"] = Quoted(postal)
    place = street.get("municipality") if isinstance(street.get("municipality"), dict) else {}
    municipality_names = names(place.get("name"))
    municipality = site.municipality(municipality_names)
    if municipality is None:
        shown = municipality_names[0] if municipality_names else "(none)"
        notes.missing(f"{at}.streetAddress.municipality", f"municipality '{shown}' ({place.get('code') or ''}) is "
                                                          "not in the site: add it to municipalities/, or write "
                                                          "'municipality'")
    offices = per_language(street.get("postOffice"), languages, notes, f"{at}.streetAddress.postOffice")
    if any(fold(text) not in {fold(n) for n in municipality_names} for text in offices.values()):
        result["city"] = {lang: title(text) for lang, text in offices.items()}
    info = per_language(street.get("additionalInformation"), languages, notes,
                        f"{at}.streetAddress.additionalInformation")
    if info:
        notes.unmapped(f"{at}.streetAddress.additionalInformation",
                       "the address's additional information not imported: add it to 'accessibility' or "
                       "'description' if it helps families find the place")
    return result or None, municipality, coordinates(street, f"{at}.streetAddress", notes)


def coordinates(street: dict, at: str, notes: Notes) -> dict | None:
    """WGS84 degrees from PTV's coordinates, which are ETRS-TM35FIN metres (or, from some sources, degrees)."""
    raw_lat, raw_lon = street.get("latitude"), street.get("longitude")
    if raw_lat in (None, "") and raw_lon in (None, ""):
        return None
    try:
        first, second = float(str(raw_lat).replace(",", ".")), float(str(raw_lon).replace(",", "."))
    except ValueError:
        notes.unmapped(at, f"coordinates '{raw_lat}', '{raw_lon}' not imported: they are not numbers")
        return None
    state = street.get("coordinateState")
    if state not in (None, "", "Ok", "EnteredByUser", "EnteredByAR"):
        notes.check(at, f"PTV's coordinate state is '{state}': check the map position")
    if 59.0 <= first <= 70.5 and 19.0 <= second <= 32.0:  # WGS84 degrees
        lat, lon = first, second
    elif 6_600_000 <= first <= 7_800_000 and 40_000 <= second <= 770_000:  # ETRS-TM35FIN metres
        lat, lon = tm35fin_to_wgs84(first, second)
    else:
        notes.unmapped(at, f"coordinates {raw_lat}, {raw_lon} not imported: neither ETRS-TM35FIN metres "
                           "nor WGS84 degrees in Finland")
        return None
    return {"lat": round(lat, 6), "lon": round(lon, 6)}


def accessibility(data: dict, languages: list[str], notes: Notes) -> Markdown | None:
    """The accessibility sentences of the entrances, as Markdown lists per language."""
    parts: dict[str, list[str]] = {}
    for index, entry in enumerate(items(data.get("addresses"))):
        for number, entrance in enumerate(items(entry.get("entrances"))):
            at = f".addresses[{index}].entrances[{number}]"
            for group_index, group in enumerate(items(entrance.get("accessibilitySentences"))):
                where = f"{at}.accessibilitySentences[{group_index}]"
                heading = per_language(group.get("sentenceGroup"), languages, notes, f"{where}.sentenceGroup")
                sentences = [per_language(s.get("sentence"), languages, notes, f"{where}.sentences")
                             for s in items(group.get("sentences"))]
                for lang in languages:
                    lines = [s[lang] for s in sentences if lang in s]
                    if not lines:
                        continue
                    block = parts.setdefault(lang, [])
                    if heading.get(lang):
                        block.append(f"**{heading[lang]}**")
                    block.append("\n".join(f"- {line}" for line in lines))
    if not parts:
        return None
    return Markdown({lang: "\n\n".join(blocks) for lang, blocks in parts.items()})
