"""The directory as Open Referral HSDS 3.0 records in one language: organizations, services, locations, taxonomies.

HSDS has no multilingual text, so every text is picked in one language with the site's usual fallback. Ids are
UUIDv5 derived from slugs and do not depend on the language, so a service has the same id in every file set.
Records nest as the compiled HSDS shapes do (a service holds its organization, service_at_locations with their
locations, phones, schedules …); every nested record also carries the id of its parent, so that flattening the
records gives the rows of the tabular data package.

Meeting places are services too: a family café is something an organisation offers at a place, on a schedule.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from functools import lru_cache
from typing import Any

from ..catalog import Catalog
from ..codelists import VOCABULARIES
from ..localize import Localizer
from ..model.fields import Text
from ..model.kinds import Address, Coordinates
from ..model.schedule import DAYS, Schedule
from ..urls import PageKey, Site, page_path
from .taxonomies import TAXONOMIES, Terms

Json = dict[str, Any]

_RRULE_DAYS = {day: day.upper() for day in DAYS}  # mo -> MO, as RFC 5545 BYDAY writes them


def id_namespace(catalog: Catalog) -> uuid.UUID:
    """The namespace of every id: the site's own address from site.yaml (not --base-url, so that a preview
    published elsewhere keeps the ids)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, catalog.site.base_url or "https://perhekeskus.invalid/")


@lru_cache(maxsize=2**18)  # the same ids recur in every language (a national site has ~90,000 per language)
def _uuid(namespace: uuid.UUID, path: str) -> str:
    """str(uuid.uuid5(namespace, path)), without building a UUID object (a tenth of the HSDS files' time)."""
    digest = bytearray(hashlib.sha1(namespace.bytes + path.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5, as uuid.UUID(version=5) sets it (RFC 4122 4.1.3)
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    hexa = digest.hex()
    return f"{hexa[:8]}-{hexa[8:12]}-{hexa[12:16]}-{hexa[16:20]}-{hexa[20:]}"


def _clean(record: Json) -> Json:
    """HSDS fields are strings or numbers, never null: a value that is not there is left out."""
    return {key: value for key, value in record.items() if value is not None}


def _time(value: dt.time) -> str:
    return value.strftime("%H:%M:%S")  # ISO 8601, the Table Schema `time` type; Finnish local time


def _sentence_list(labels: list[str]) -> str:
    """'Ajanvarauksella, puhelimitse': labels in a running text, only the first capitalised."""
    return ", ".join(label if n == 0 else label[:1].lower() + label[1:] for n, label in enumerate(labels))


class Records:
    """Builds the HSDS records of one language."""

    def __init__(self, catalog: Catalog, loc: Localizer, site: Site):
        self.catalog = catalog
        self.loc = loc
        self.site = site
        self.namespace = id_namespace(catalog)
        self.terms = Terms(self.id, loc.lang, loc.text(catalog.site.name).text)
        self._locations: dict[str, Json] = {}  # a service point is nested in every service given there
        self._organizations: dict[str, Json] = {}  # and a provider in every service it gives
        self._language_names: dict[str, str] = {}
        self._phone_descriptions: dict[str, str | None] = {}

    # --- helpers -------------------------------------------------------------------------------------

    def id(self, path: str) -> str:
        return _uuid(self.namespace, path)

    def text(self, value: Text | None) -> str | None:
        return None if value is None else self.loc.text(value).text

    def page_url(self, kind: str, slug: str) -> str:
        return self.site.absolute(page_path(PageKey(kind, slug), self.loc.lang))

    def code(self, list_name: str, code: str) -> str:
        return self.loc.code(list_name, code)

    # --- organizations -------------------------------------------------------------------------------

    def organization(self, slug: str) -> Json:
        """The organization's own fields, as nested in a service: one record shared by its services."""
        if slug not in self._organizations:
            self._organizations[slug] = self._organization(slug)
        return self._organizations[slug]

    def _organization(self, slug: str) -> Json:
        organisation = self.catalog.organisations[slug]
        return _clean({
            "id": self.id(f"organisation/{slug}"),
            "name": self.text(organisation.name),
            "description": self.text(organisation.description) or self.code("organisation_types", organisation.type),
            "email": organisation.email,
            "website": organisation.website,
        })

    def full_organization(self, slug: str, services_by_organization: dict[str, list[Json]]) -> Json:
        """The organization with its phone, contacts, type and (as id, name and status) its services."""
        organisation = self.catalog.organisations[slug]
        record = self._organization(slug)  # its own copy: the full record adds to it
        oid = record["id"]
        path = f"organisation/{slug}"
        phones = []
        if organisation.phone is not None:
            phones.append({"id": self.id(f"{path}/phone"), "organization_id": oid,
                           "number": organisation.phone.e164, "type": "voice"})
        record["phones"] = phones
        record["contacts"] = [self.contact(c, path, {"organization_id": oid}) for c in organisation.contacts]
        record["attributes"] = [self.attribute(path, oid, "organization", "organisation-types", organisation.type)]
        record["services"] = [{key: service[key] for key in ("id", "name", "status", "organization_id")}
                              for service in services_by_organization.get(oid, [])]
        return record

    # --- services ------------------------------------------------------------------------------------

    def service(self, slug: str) -> Json:
        """A service with everything about it nested: provider, places, hours, area, languages, contacts."""
        service = self.catalog.services[slug]
        path = f"service/{slug}"
        sid = self.id(path)
        process = [_sentence_list([self.code("access_channels", a) for a in service.access]) + "."]
        process += [text for text in (self.text(service.booking), service.booking_url) if text]
        attributes = [self.attribute(path, sid, "service", "ptv-service-classes", c) for c in service.categories]
        attributes += self.audience_attributes(path, sid, service.audiences)
        attributes += [self.attribute(path, sid, "service", "ptv-life-events", e) for e in service.life_events or ()]
        return _clean({
            "id": sid,
            "organization_id": self.id(f"organisation/{service.provider}"),
            "organization": self.organization(service.provider),
            "name": self.text(service.name),
            "description": self.text(service.description),
            "url": service.website or self.page_url("service", slug),
            "status": "active",
            "application_process": "\n\n".join(process),
            "fees_description": self.fees(service.cost, service.cost_details),
            "eligibility_description": self.eligibility(service.audiences),
            "minimum_age": service.ages.min if service.ages else None,
            "maximum_age": service.ages.max if service.ages else None,
            "assured_date": service.last_reviewed.isoformat(),
            "phones": [],
            "schedules": self.schedules(service.hours, path, {"service_id": sid}),
            "service_areas": self.service_areas(path, sid, service.municipalities, service.region),
            "service_at_locations": [self.service_at_location(f"{path}/at/{location}", sid,
                                                              self.location(location))
                                     for location in service.locations],
            "languages": self.languages(path, sid, service.languages),
            "cost_options": [self.cost_option(path, sid, service.cost, service.cost_details)],
            "contacts": [self.contact(c, path, {"service_id": sid}) for c in service.contacts],
            "attributes": attributes,
        })

    def place_service(self, slug: str) -> Json:
        """An open meeting place as a service of its (first) organiser, at its own location, on its schedule."""
        place = self.catalog.places[slug]
        path = f"place/{slug}"
        sid = self.id(path)
        organiser = place.organiser[0]
        at_path = f"{path}/at"
        at = self.service_at_location(at_path, sid, self.place_location(slug))
        at["schedules"] = self.schedules(place.schedule, at_path, {"service_at_location_id": at["id"]})
        attributes = [self.attribute(path, sid, "service", "place-types", place.type)]
        attributes += self.audience_attributes(path, sid, place.audiences or [])
        description = self.text(place.description) or self.text(place.summary) or self.code("place_types", place.type)
        return _clean({
            "id": sid,
            "organization_id": self.id(f"organisation/{organiser}"),
            "organization": self.organization(organiser),
            "name": self.text(place.name),
            "description": description,
            "url": place.website or self.page_url("place", slug),
            "status": "active",
            "fees_description": self.fees(place.cost, place.cost_details),
            "eligibility_description": self.eligibility(place.audiences or []),
            "assured_date": place.last_reviewed.isoformat(),
            "phones": [],
            "schedules": [],
            "service_areas": self.service_areas(path, sid, [place.municipality], None),
            "service_at_locations": [at],
            "languages": self.languages(path, sid, place.languages or []),
            "cost_options": [self.cost_option(path, sid, place.cost, place.cost_details)],
            "contacts": [self.contact(c, path, {"service_id": sid}) for c in place.contacts],
            "attributes": attributes,
        })

    def service_at_location(self, path: str, service_id: str, location: Json) -> Json:
        record_id = self.id(path)
        return {"id": record_id, "service_id": service_id, "location_id": location["id"], "location": location,
                "schedules": [], "contacts": [], "phones": []}

    def fees(self, cost: str, details: Text | None) -> str:
        label = self.code("costs", cost)
        return f"{label}. {self.text(details)}" if details is not None else label

    def cost_option(self, path: str, service_id: str, cost: str, details: Text | None) -> Json:
        free = cost == "free"
        return _clean({"id": self.id(f"{path}/cost"), "service_id": service_id, "option": self.code("costs", cost),
                       "amount": 0 if free else None, "currency": "EUR" if free else None,
                       "amount_description": self.text(details)})

    def eligibility(self, audiences: list[str]) -> str | None:
        return _sentence_list([self.code("audiences", a) for a in audiences]) or None

    def service_areas(self, path: str, service_id: str, municipalities: list[str], region: str | None) -> list[Json]:
        """The region when a whole county is served (its municipalities named), then each municipality named."""
        areas = []
        if region is not None:
            members = self.catalog.municipalities_by_region.get(region, ())
            names = sorted(self.text(self.catalog.municipalities[m].name) or m for m in members)
            areas.append(_clean({"id": self.id(f"{path}/area/region/{region}"), "service_id": service_id,
                                 "name": self.text(self.catalog.regions[region].name),
                                 "description": ", ".join(names), "uri": self.page_url("region", region)}))
        for municipality in municipalities:
            areas.append({"id": self.id(f"{path}/area/municipality/{municipality}"), "service_id": service_id,
                          "name": self.text(self.catalog.municipalities[municipality].name),
                          "uri": self.page_url("municipality", municipality)})
        return areas

    def languages(self, path: str, service_id: str, codes: list[str]) -> list[Json]:
        return [{"id": self.id(f"{path}/language/{code}"), "service_id": service_id,
                 "name": self._language_name(code), "code": code} for code in codes]

    def _language_name(self, code: str) -> str:
        if code not in self._language_names:  # Babel looks a name up slowly, and a few names recur
            self._language_names[code] = self.loc.language_name(code)
        return self._language_names[code]

    # --- locations -----------------------------------------------------------------------------------

    def location(self, slug: str) -> Json:
        """A service point with its address, coordinates, accessibility, opening hours and contacts."""
        if slug in self._locations:
            return self._locations[slug]
        location = self.catalog.locations[slug]
        path = f"location/{slug}"
        record = self._location(path, location.name, location.municipality, location.address,
                                location.coordinates, location.accessibility, location.contacts)
        record["description"] = self.text(location.description)
        record["schedules"] = self.schedules(location.opening_hours, path, {"location_id": record["id"]})
        self._locations[slug] = _clean(record)
        return self._locations[slug]

    def place_location(self, slug: str) -> Json:
        """Where a meeting place meets (its hours belong to the service there, not to the building)."""
        place = self.catalog.places[slug]
        return _clean(self._location(f"place/{slug}/location", place.name, place.municipality, place.address,
                                     place.coordinates, place.accessibility, []))

    def _location(self, path: str, name: Text, municipality: str, address: Address,
                  coordinates: Coordinates | None, accessibility: Text | None, contacts: list[str]) -> Json:
        lid = self.id(path)
        region = self.catalog.regions[self.catalog.municipalities[municipality].region]
        record: Json = {
            "id": lid,
            "location_type": "physical",
            "name": self.text(name),
            "latitude": coordinates.lat if coordinates else None,
            "longitude": coordinates.lon if coordinates else None,
            "addresses": [{
                "id": self.id(f"{path}/address"), "location_id": lid,
                "address_1": self.text(address.street),
                "city": self.text(address.city or self.catalog.municipalities[municipality].name),
                # required (and, in the data package, not empty): the wellbeing services county is the
                # regional level of these services; most have the name of their region (maakunta)
                "state_province": self.text(region.short_name or region.name),
                "postal_code": address.postal_code, "country": "FI", "address_type": "physical",
            }],
            "accessibility": [],
            "contacts": [self.contact(c, path, {"location_id": lid}) for c in contacts],
            "phones": [],
            "schedules": [],
        }
        if accessibility is not None:
            record["accessibility"] = [{"id": self.id(f"{path}/accessibility"), "location_id": lid,
                                        "description": self.text(accessibility)}]
        return record

    # --- contacts and phones -------------------------------------------------------------------------

    def contact(self, slug: str, parent_path: str, parent: Json) -> Json:
        """A role or desk, repeated under each record it belongs to (as HSDS's tabular form requires)."""
        contact = self.catalog.contacts[slug]
        path = f"{parent_path}/contact/{slug}"
        cid = self.id(path)
        phones = []
        if contact.phone is not None:
            phones.append(_clean({"id": self.id(f"{path}/phone"), "contact_id": cid, "number": contact.phone.e164,
                                  "type": "voice", "description": self._phone_description(slug)}))
        return _clean({"id": cid, **parent, "name": self.text(contact.name), "email": contact.email,
                       "phones": phones})

    def _phone_description(self, slug: str) -> str | None:
        """The contact's phone hours and note, made once per contact: it is nested in every record it serves."""
        if slug not in self._phone_descriptions:
            contact = self.catalog.contacts[slug]
            hours = self.hours_text(contact.hours)
            note = self.text(contact.note)
            self._phone_descriptions[slug] = " ".join(part for part in (hours and f"{hours}.", note) if part) or None
        return self._phone_descriptions[slug]

    # --- schedules -----------------------------------------------------------------------------------

    def schedules(self, schedule: Schedule | None, owner_path: str, owner: Json) -> list[Json]:
        """Weekly hours as RFC 5545 WEEKLY rules, then the exceptions that are not over on the build date.

        An exception is valid only on its own days: closed ones have no times (and say so in `description`),
        others open and close at their own times on every weekday of the period. Times are Finnish local time.
        """
        if schedule is None:
            return []
        validity = {"valid_from": schedule.valid_from.isoformat() if schedule.valid_from else None,
                    "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else None}
        notes = self.text(schedule.note)
        records = []
        for n, hours in enumerate(schedule.weekly, 1):
            when = f"{self.loc.days(hours.days)} {self.loc.times(hours.opens, hours.closes)}"
            note = self.text(hours.note)
            records.append(_clean({
                "id": self.id(f"{owner_path}/schedule/{n}"), **owner, **validity,
                "freq": "WEEKLY", "wkst": "MO", "byday": ",".join(_RRULE_DAYS[d] for d in hours.days),
                "opens_at": _time(hours.opens), "closes_at": _time(hours.closes),
                "description": f"{when} ({note})" if note else when, "notes": notes,
            }))
        for n, exception in enumerate(schedule.exceptions, 1):
            first, last = exception.first_day, exception.last_day
            if last < self.loc.today:
                continue
            when = self.loc.short_date(first) + (f"–{self.loc.short_date(last)}" if last != first else "")
            note = self.text(exception.note)
            record: Json = {"id": self.id(f"{owner_path}/exception/{n}"), **owner,
                            "valid_from": first.isoformat(), "valid_to": last.isoformat(), "notes": notes}
            if exception.closed:
                what = self.loc.t.closed
            else:
                assert exception.opens is not None and exception.closes is not None
                length = min((last - first).days + 1, 7)
                weekdays = {DAYS[(first + dt.timedelta(days=d)).weekday()] for d in range(length)}
                record.update({"freq": "WEEKLY", "wkst": "MO", "dtstart": first.isoformat(),
                               "byday": ",".join(_RRULE_DAYS[d] for d in DAYS if d in weekdays),
                               "opens_at": _time(exception.opens), "closes_at": _time(exception.closes)})
                what = self.loc.times(exception.opens, exception.closes)
            record["description"] = f"{when} {what}" + (f" ({note})" if note else "")
            records.append(_clean(record))
        return records

    def hours_text(self, schedule: Schedule | None) -> str | None:
        """'Maanantai–perjantai 8.00–10.00': weekly hours as one line, for a phone's description."""
        if schedule is None:
            return None
        return ", ".join(f"{self.loc.days(h.days)} {self.loc.times(h.opens, h.closes)}" for h in schedule.weekly)

    # --- taxonomies ----------------------------------------------------------------------------------

    def audience_attributes(self, path: str, link_id: str, audiences: list[str]) -> list[Json]:
        """pkc's target groups, and the PTV target groups they belong to."""
        attributes = [self.attribute(path, link_id, "service", "audiences", a) for a in audiences]
        ptv = sorted({VOCABULARIES.audiences[a].ptv for a in audiences if VOCABULARIES.audiences[a].ptv})
        attributes += [self.attribute(path, link_id, "service", "ptv-target-groups", code) for code in ptv]
        return attributes

    def attribute(self, path: str, link_id: str, entity: str, taxonomy: str, code: str) -> Json:
        term = self.terms.use(taxonomy, code)
        return {"id": self.id(f"{path}/attribute/{taxonomy}/{code}"), "link_id": link_id, "link_entity": entity,
                "link_type": TAXONOMIES[taxonomy].link_type, "taxonomy_term_id": term["id"], "taxonomy_term": term}
