"""PTV organisations as pkc organisations: from an organisation's own JSON, or from the name a service gives it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .places import address
from .read import ptv_id
from .site import SiteContext
from .texts import Notes, clean, inner, items, markdown, name_of, one_line
from .values import names, pick_email, pick_phone, pick_url
from .yamltext import Markdown, Quoted

# PTV's organizationType -> pkc's organisation type, and whether an editor should look at the choice.
_TYPES = {
    "Municipality": ("municipality", False),
    "Region": ("wellbeing-county", False),  # PTV's type for a wellbeing services county (hyvinvointialue)
    "SotePublic": ("wellbeing-county", True),  # also joint municipal authorities
    "Company": ("company", False),
    "SotePrivate": ("company", True),
    "Organization": ("ngo", True),  # PTV's 'Organization' is every association, foundation and parish
}
# Words in an organisation's name that tell its type when a service gives only the name: (pattern, type).
_NAME_TYPES = (
    (re.compile(r"hyvinvointialue|välfärdsområde|wellbeing services county", re.I), "wellbeing-county"),
    (re.compile(r"seurakun|församling|parish", re.I), "parish"),
    (re.compile(r"(^|\s)(kunta|kaupunki|kommun|stad)$|\s(kunnan|kaupungin)\s", re.I), "municipality"),
    (re.compile(r"\b(ry|r\.y\.|rf|yhdistys|liitto|säätiö|förening|förbund|stiftelse)\b", re.I), "ngo"),
    (re.compile(r"\b(oy|oyj|ab|ltd)\b", re.I), "company"),
)
_ROLE_ORDER = ("Producer", "Responsible", "OtherResponsible")


@dataclass(frozen=True)
class OrgReference:
    """An organisation a service names: its PTV id, name, role and JSON path."""

    id: str
    name: str
    role: str
    path: str


def references(data: dict) -> list[OrgReference]:
    """The organisations a service names, producers first: `organizations`, `serviceProducers`, `mainOrganization`."""
    found: list[OrgReference] = []
    for index, org in enumerate(items(data.get("organizations"))):
        ref = inner(org, "organization")
        found.append(OrgReference(ptv_id(ref.get("id")), one_line(clean(ref.get("name"))),
                                  clean(org.get("roleType")) or "Responsible", f".organizations[{index}].organization"))
    for index, producer in enumerate(items(data.get("serviceProducers"))):
        for number, ref in enumerate(items(producer.get("organizations"))):
            found.append(OrgReference(ptv_id(ref.get("id")), one_line(clean(ref.get("name"))), "Producer",
                                      f".serviceProducers[{index}].organizations[{number}]"))
    main = inner(data, "mainOrganization")
    if main:
        found.append(OrgReference(ptv_id(main.get("id")), one_line(clean(main.get("name"))), "Responsible",
                                  ".mainOrganization"))
    found = [ref for ref in found if ref.id or ref.name]
    found.sort(key=lambda ref: _ROLE_ORDER.index(ref.role) if ref.role in _ROLE_ORDER else len(_ROLE_ORDER))
    unique: dict[str, OrgReference] = {}
    for ref in found:
        unique.setdefault(ref.id or ref.name.casefold(), ref)
    return list(unique.values())


def type_from_name(name: str) -> str | None:
    """The pkc organisation type a Finnish or Swedish name makes plain ('Porvoon seurakuntayhtymä' -> parish)."""
    return next((kind for pattern, kind in _NAME_TYPES if pattern.search(name)), None)


def stub(ref: OrgReference, languages: list[str], notes: Notes) -> dict[str, Any]:
    """An organisation from the name a service gives it: the name, and the type the name tells, to be checked."""
    result: dict[str, Any] = {"name": {languages[0]: ref.name}}
    kind = type_from_name(ref.name)
    hint = f"import the organisation's JSON (GET /api/v11/Organization/{ref.id}) for its details"
    if kind:
        result["type"] = kind
        notes.check(ref.path, f"organisation '{ref.name}' is imported from its name only; 'type: {kind}' is "
                              f"guessed from the name: check it, or {hint}")
    else:
        notes.check(ref.path, f"organisation '{ref.name}' is imported from its name only: write its 'type' "
                              f"before pkc check, or {hint}")
    return result


def organisation(data: dict, name: dict[str, str], texts: dict[str, dict[str, str]], site: SiteContext,
                 notes: Notes) -> dict[str, Any]:
    """A pkc organisation from PTV's organisation JSON, given its name and descriptions per language."""
    languages = site.languages
    result: dict[str, Any] = {"name": name}
    ptv_type = clean(data.get("organizationType"))
    kind, doubtful = _TYPES.get(ptv_type, (None, False))
    if kind is None:
        kind = type_from_name(next(iter(name.values()), ""))
        doubtful = True
    if kind:
        result["type"] = kind
        if doubtful:
            notes.check(".organizationType", f"PTV's organisation type '{ptv_type}' is imported as '{kind}': check it")
    else:
        notes.check(".organizationType", f"PTV's organisation type '{ptv_type}' has no pkc type: write 'type' "
                                         "(municipality, wellbeing-county, ngo, parish or company) before pkc check")
    description = texts.get("description") or texts.get("summary")
    if description:
        result["description"] = Markdown({lang: markdown(text) for lang, text in description.items()})
    home = inner(data, "municipality")
    if home:
        slug = site.municipality(names(home.get("name")))
        if slug:
            result["municipality"] = slug
        else:
            notes.missing(".municipality", f"municipality '{name_of(home.get('name'), languages)}' "
                                           f"({clean(home.get('code'))}) is not in the site: 'municipality' "
                                           "left out")
    if kind == "wellbeing-county":
        region = site.region([text for text in name.values()] + names(data.get("organizationNames")))
        if region:
            result["region"] = region
        else:
            notes.missing("", "no region of the site has this name: write 'region' if the county is the site's")
    _visiting_address(data, result, site, notes)
    website = pick_url(data.get("webPages"), ".webPages", notes, languages, "website")
    if website:
        result["website"] = website
    email = pick_email(data.get("emails"), ".emails", notes, languages)
    if email:
        result["email"] = email
    phone = pick_phone(data.get("phoneNumbers"), ".phoneNumbers", notes)
    if phone:
        result["phone"] = Quoted(phone)
    services = items(data.get("services"))
    if services:
        notes.unmapped(".services", f"its {len(services)} service(s) not imported: give each service's JSON "
                                    "(GET /api/v11/Service/{id}) to pkc import ptv")
    return result


def _visiting_address(data: dict, result: dict[str, Any], site: SiteContext, notes: Notes) -> None:
    """The organisation's visiting address as its `address:`, when PTV gives a whole one; postal ones are reported."""
    street, municipality, coordinates = address(data, site, notes, required=False)
    if coordinates:
        notes.unmapped(".addresses", "the map position not imported: a pkc organisation has none")
    if not street or "street" not in street or "postal_code" not in street:
        return
    if "city" not in street and "municipality" not in result:
        if municipality is None:  # neither the site's municipality nor another post office names the city
            notes.unmapped(".addresses", "the visiting address not imported: its municipality is not in the site; "
                                         "write 'address' with 'city'")
            return
        result["municipality"] = municipality
    result["address"] = street
