"""PTV services and service channels as pkc entries: services, locations and contacts, with what did not fit."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from pydantic_core import PydanticCustomError

from ..codelists import VOCABULARIES, CodeList
from ..model.fields import _email, _language, _phone, _url
from .coordinates import tm35fin_to_wgs84
from .hours import convert_hours
from .read import CHANNEL_LABELS, PtvInput, PtvObject
from .site import SiteContext, fold, make_slug
from .texts import Notes, clean, items, markdown, name_of, per_language
from .yamltext import Flow, Markdown, Quoted

# The pkc kind each PTV object becomes; other channels (e-services, web pages, forms) add to their services.
KIND_OF = {"service": "service", "ServiceLocation": "location", "Phone": "contact"}
CONTACT_SUFFIX = "/contact"  # the reference of the contact made from a service location's phone and email
_ROLE_ORDER = ("Producer", "Responsible", "OtherResponsible")
_CHARGE = {"FreeOfCharge": "free", "Chargeable": "fee"}
# Keys that are bookkeeping, or that this module maps: everything else with a value is reported as not imported.
_QUIET = {"id", "sourceId", "oid", "modified", "publishingStatus", "serviceChannelType", "organizationId", "type",
          "subType", "fundingType", "displayNameType", "responsibleSoteOrganization", "areaType", "areas"}
_MAPPED = {
    "service": {"serviceNames", "serviceDescriptions", "serviceClasses", "targetGroups", "lifeEvents", "languages",
                "serviceChargeType", "organizations", "serviceChannels", "serviceVouchersInUse"},
    "ServiceLocation": {"serviceChannelNames", "serviceChannelDescriptions", "addresses", "serviceHours",
                        "phoneNumbers", "emails", "services"},
    "Phone": {"serviceChannelNames", "serviceChannelDescriptions", "phoneNumbers", "supportEmails", "serviceHours",
              "services"},
    "EChannel": {"serviceChannelNames", "webPages", "services"},
    "WebPage": {"serviceChannelNames", "webPages", "services"},
    "PrintableForm": {"serviceChannelNames", "services"},
}
_FIELD_WORDS = {
    "serviceVouchers": "service vouchers", "requirements": "requirements", "keywords": "keywords",
    "legislation": "laws", "ontologyTerms": "ontology terms", "industrialClasses": "industrial classes",
    "serviceCollections": "service collections", "generalDescriptionId": "the general description",
    "webPages": "web pages", "languages": "languages", "supportPhones": "support phone numbers",
    "supportEmails": "support email addresses", "attachments": "attachments",
    "accessibilityClassification": "accessibility classification", "emails": "email addresses",
    "phoneNumbers": "phone numbers", "serviceHours": "service hours",
    "serviceChannelDescriptions": "descriptions", "requiresAuthentication": "'requires identification'",
    "requiresSignature": "'requires a signature'",
}


@dataclass
class Entry:
    """One pkc file an import writes: its kind, PTV reference, slug, data and report."""

    kind: str
    ref: str
    obj: PtvObject
    label: str  # "service 'Lastenneuvola' (3f2a…)" for messages
    notes: Notes
    fi_name: str
    slug: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Mapper:
    """Turns the objects of one import into entries; slugs are given out before any data is built."""

    site: SiteContext
    ptv: PtvInput
    today: dt.date
    slugs: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, ref) -> slug, this import's
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # service id -> [(channel id, path)]
    channels: dict[str, PtvObject] = field(default_factory=dict)
    org_names: dict[str, str] = field(default_factory=dict)  # PTV organisation id -> name
    channel_notes: dict[str, Notes] = field(default_factory=dict)  # reports of channels without a file
    _municipality_by_location: dict[str, str] = field(default_factory=dict)  # this import's locations
    channel_uses: dict[str, list[str]] = field(default_factory=dict)  # channel id -> "booking_url of <slug>"

    @property
    def languages(self) -> list[str]:
        return self.site.languages

    # --- preparation ----------------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """One entry per service, service location (and its phone and email) and phone channel."""
        for obj in self.ptv.objects:
            if obj.kind != "service":
                self.channels[obj.id] = obj
        services = {obj.id for obj in self.ptv.of_kind("service")}
        for obj in self.ptv.of_kind("service"):
            self.links.setdefault(obj.id, [])
            for index, link in enumerate(items(obj.data.get("serviceChannels"))):
                channel = link.get("serviceChannel") if isinstance(link.get("serviceChannel"), dict) else {}
                channel_id = str(channel.get("id") or "").lower()
                if channel_id:
                    self.links[obj.id].append((channel_id, f".serviceChannels[{index}]"))
            for org in items(obj.data.get("organizations")):
                inner = org.get("organization") if isinstance(org.get("organization"), dict) else {}
                if inner.get("id") and inner.get("name"):
                    self.org_names.setdefault(str(inner["id"]).lower(), str(inner["name"]))
        for channel in self.channels.values():
            for link in items(channel.data.get("services")):
                service = link.get("service") if isinstance(link.get("service"), dict) else {}
                service_id = str(service.get("id") or "").lower()
                known = {channel_id for channel_id, _ in self.links.get(service_id, [])}
                if service_id in services and channel.id not in known:
                    self.links[service_id].append((channel.id, ""))
        result = []
        order = {"ServiceLocation": 0, "Phone": 1, "service": 2}
        for obj in sorted(self.ptv.objects, key=lambda o: order.get(o.kind, 3)):
            names = obj.data.get("serviceNames" if obj.kind == "service" else "serviceChannelNames")
            fi_name = name_of(names, self.languages) or obj.id
            label = f"{CHANNEL_LABELS.get(obj.kind, obj.kind)} '{fi_name}' ({obj.id})"
            kind = KIND_OF.get(obj.kind)
            if kind is None:
                self.channel_notes[obj.id] = Notes(obj.base)
                continue
            result.append(Entry(kind, obj.id, obj, label, Notes(obj.base), fi_name))
            if obj.kind == "ServiceLocation" and (items(obj.data.get("phoneNumbers")) or
                                                  items(obj.data.get("emails"))):
                result.append(Entry("contact", obj.id + CONTACT_SUFFIX, obj, f"{label}: phone and email",
                                    Notes(obj.base), fi_name))
        return result

    def slug_of(self, kind: str, ref: str) -> str | None:
        """The file name of the entry imported from `ref`: in this import, or by an earlier one."""
        return self.slugs.get((kind, ref)) or self.site.imported.get(kind, {}).get(ref)

    # --- building -------------------------------------------------------------------------------------

    def build(self, entry: Entry) -> None:
        builders = {"service": self._service, "location": self._location, "contact": self._contact}
        if entry.kind == "contact" and entry.ref.endswith(CONTACT_SUFFIX):
            entry.data = self._location_contact(entry)
        else:
            entry.data = builders[entry.kind](entry)
        if entry.ref == entry.obj.id:
            self._unmapped_keys(entry.obj, entry.notes)
            status = entry.obj.data.get("publishingStatus")
            if status not in (None, "Published"):
                entry.notes.check("", f"its publishing status in PTV is '{status}', not 'Published'")

    def channel_report(self, obj: PtvObject) -> Notes:
        """The report of a channel that has no file of its own (e-service, web page, printable form)."""
        notes = self.channel_notes[obj.id]
        if not self.channel_uses.get(obj.id):
            notes.unmapped("", "not imported: no imported service uses it, and pkc keeps e-service and web "
                               "page channels only as a service's booking address or website")
        self._unmapped_keys(obj, notes)
        return notes

    def _unmapped_keys(self, obj: PtvObject, notes: Notes) -> None:
        mapped = _MAPPED.get(obj.kind, set())
        for key, value in obj.data.items():
            if key in _QUIET or key in mapped or value in (None, "", [], {}, False):
                continue
            words = _FIELD_WORDS.get(key, f"'{key}'")
            if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
                notes.unmapped(f".{key}", f"{words} ({', '.join(value)}) not imported")
                continue
            count = f"{len(value)} " if isinstance(value, list) and len(value) > 1 else ""
            notes.unmapped(f".{key}", f"{count}{words} not imported")

    # --- texts ----------------------------------------------------------------------------------------

    def _texts(self, obj: PtvObject, notes: Notes, key: str, mapping: dict[str, str]) -> dict[str, dict[str, str]]:
        """Texts of the PTV list `key` by pkc field, after `mapping` of PTV text types; the rest is reported."""
        values = obj.data.get(key)
        result: dict[str, dict[str, str]] = {}
        for target in dict.fromkeys(mapping.values()):
            types = [ptv_type for ptv_type, to in mapping.items() if to == target]
            found = per_language(values, self.languages, notes, f".{key}", types)
            if found:
                result[target] = found
        dropped: dict[str, int] = {}
        for index, item in enumerate(items(values)):
            if item.get("type") not in mapping and clean(item.get("value")):
                dropped.setdefault(str(item.get("type")), index)
        for ptv_type, index in dropped.items():
            what = "alternative name" if ptv_type == "AlternativeName" else f"'{ptv_type}' text"
            notes.unmapped(f".{key}[{index}]", f"{what} not imported: pkc has no field for it")
        return result

    def _name(self, obj: PtvObject, entry: Entry, key: str) -> dict[str, str]:
        names = self._texts(obj, entry.notes, key, {"Name": "name"}).get("name")
        if not names:
            entry.notes.check(f".{key}", f"no name in the site's languages; '{entry.fi_name}' is used")
            names = {self.languages[0]: entry.fi_name}
        return names

    # --- services -------------------------------------------------------------------------------------

    def _service(self, entry: Entry) -> dict[str, Any]:
        obj, notes, data = entry.obj, entry.notes, entry.obj.data
        texts = self._texts(obj, notes, "serviceDescriptions",
                            {"Summary": "summary", "Description": "description", "UserInstruction": "booking",
                             "ChargeTypeAdditionalInfo": "cost_details"})
        result: dict[str, Any] = {"name": self._name(obj, entry, "serviceNames")}
        if "summary" in texts:
            result["summary"] = texts["summary"]
        description = texts.get("description") or texts.get("summary")
        if "description" not in texts:
            notes.check(".serviceDescriptions", "no description in PTV" +
                        ("; the summary is used" if description else ": write 'description' before pkc check"))
        if description:
            result["description"] = Markdown({lang: markdown(text) for lang, text in description.items()})
        categories = self._codes(data.get("serviceClasses"), ".serviceClasses", VOCABULARIES.service_classes,
                                 notes, "service class")
        if categories:
            result["categories"] = Flow(categories)
        else:
            notes.check(".serviceClasses", "no service class maps to pkc's list: write 'categories' before pkc check")
        life_events = self._codes(data.get("lifeEvents"), ".lifeEvents", VOCABULARIES.life_events, notes,
                                  "life event")
        result["audiences"] = Flow(self._audiences(data, life_events, notes))
        provider = self._provider(data, notes)
        if provider is not None:
            result["provider"] = provider.slug if not isinstance(provider, str) else provider
        locations, contacts, access, booking_url, website = self._channels(entry)
        area = self._area(data, notes, locations, provider)
        result.update(area)
        result["access"] = Flow(access)
        if "booking" in texts:
            result["booking"] = Markdown({lang: markdown(text) for lang, text in texts["booking"].items()})
        if booking_url:
            result["booking_url"] = booking_url
        charge = data.get("serviceChargeType")
        if charge in _CHARGE:
            result["cost"] = _CHARGE[charge]
        elif charge:
            notes.check(".serviceChargeType", f"the charge type '{charge}' has no pkc code: set 'cost' "
                                              "(free, fee or income-based)")
        if "cost_details" in texts:
            result["cost_details"] = texts["cost_details"]
        result["languages"] = Flow(self._languages(data.get("languages"), ".languages", notes) or
                                   [self.languages[0]])
        if locations:
            result["locations"] = Flow(locations)
        if contacts:
            result["contacts"] = Flow(contacts)
        if life_events:
            result["life_events"] = Flow(life_events)
        if website:
            result["website"] = website
        result["last_reviewed"] = self._modified(data)
        return result

    def _codes(self, values: Any, path: str, codelist: CodeList, notes: Notes, what: str) -> list[str]:
        found: list[str] = []
        by_uri = {code.uri: code.code for code in codelist if code.uri}
        for index, item in enumerate(values if isinstance(values, list) else []):
            if not isinstance(item, dict):
                continue
            code = str(item.get("code") or "")
            if code not in codelist:
                code = by_uri.get(str(item.get("uri") or ""), "")
            if code:
                if code not in found:
                    found.append(code)
                continue
            label = name_of(item.get("name"), self.languages) or item.get("uri") or item.get("code")
            notes.unmapped(f"{path}[{index}]", f"{what} '{label}' not imported: it is not in pkc's code list")
        return found

    def _audiences(self, data: dict, life_events: list[str], notes: Notes) -> list[str]:
        found: list[str] = []
        for index, item in enumerate(items(data.get("targetGroups"))):
            code = str(item.get("code") or str(item.get("uri") or "").rsplit("/", 1)[-1])
            if code == "KR1.2":
                found.append("parents")
                notes.check(f".targetGroups[{index}]", "PTV's 'Lapset ja lapsiperheet' (KR1.2) is imported as "
                                                       "'parents'; add expecting, under-school-age or school-age "
                                                       "where they fit")
            elif code == "KR1.3":
                found.append("youth")
            else:
                label = name_of(item.get("name"), self.languages) or code
                notes.unmapped(f".targetGroups[{index}]", f"target group '{label}' ({code}) not imported: "
                                                          "pkc's target groups are about families")
        if "KE1" in life_events:
            found.insert(0, "expecting")
        if not found:
            notes.check(".targetGroups", "no target group for families: 'audiences' is set to [parents]")
            found = ["parents"]
        return list(dict.fromkeys(found))

    def _provider(self, data: dict, notes: Notes) -> Any:
        """The site's organisation that provides the service (a NamedEntry), or a slug to be added."""
        orgs = [(index, org) for index, org in enumerate(items(data.get("organizations")))
                if isinstance(org.get("organization"), dict)]
        orgs.sort(key=lambda pair: _ROLE_ORDER.index(pair[1].get("roleType"))
                  if pair[1].get("roleType") in _ROLE_ORDER else len(_ROLE_ORDER))
        if not orgs:
            notes.missing(".organizations", "no organisation in PTV: write 'provider' before pkc check")
            return None
        for _, org in orgs:
            inner = org["organization"]
            found = self.site.organisation(str(inner.get("id") or ""), str(inner.get("name") or ""))
            if found is not None:
                return found
        index, org = orgs[0]
        name = str(org["organization"].get("name") or "")
        slug = make_slug(name) or "organisaatio"
        notes.missing(f".organizations[{index}].organization",
                      f"organisation '{name}' ({org['organization'].get('id')}) is not in the site: add "
                      f"content/organisations/{slug}.yaml (pkc new organisation {slug}), or mark an existing "
                      f"organisation with '# ptv: {org['organization'].get('id')}'")
        return slug

    def _area(self, data: dict, notes: Notes, locations: list[str], provider: Any) -> dict[str, Any]:
        found: list[str] = []
        area_type = data.get("areaType")
        for index, area in enumerate(items(data.get("areas"))):
            at = f".areas[{index}]"
            if area.get("type") == "Municipality":
                slug = self.site.municipality(_names(area.get("name")))
                if slug:
                    found.append(slug)
                else:
                    notes.missing(at, f"municipality '{name_of(area.get('name'), self.languages)}' "
                                      f"({area.get('code')}) is not in the site")
                continue
            inside = items(area.get("municipalities"))
            slugs = [self.site.municipality(_names(m.get("name"))) for m in inside]
            found.extend(slug for slug in slugs if slug)
            if None in slugs:
                notes.missing(at, f"{slugs.count(None)} of the {len(slugs)} municipalities of "
                                  f"'{name_of(area.get('name'), self.languages)}' are not in the site")
        if found:
            return {"municipalities": Flow(dict.fromkeys(found))}
        if area_type and area_type != "LimitedType":
            notes.check(".areaType", f"PTV's area is '{area_type}'; pkc lists municipalities or a region")
        location_municipalities = [self._location_municipality(slug) for slug in locations]
        location_municipalities = [m for m in location_municipalities if m]
        if location_municipalities:
            return {"municipalities": Flow(dict.fromkeys(location_municipalities))}
        if not isinstance(provider, str) and provider is not None:
            if provider.region:
                return {"region": provider.region}
            if provider.municipality:
                return {"municipalities": Flow([provider.municipality])}
        notes.missing(".areas", "no municipality of the site: write 'municipalities' or 'region' before pkc check")
        return {}

    def _location_municipality(self, slug: str) -> str | None:
        return self._municipality_by_location.get(slug)

    def _channels(self, entry: Entry) -> tuple[list[str], list[str], list[str], str | None, str | None]:
        locations: list[str] = []
        contacts: list[str] = []
        access: list[str] = []
        booking_url = website = None
        for channel_id, path in self.links.get(entry.obj.id, []):
            channel = self.channels.get(channel_id)
            if channel is not None and channel.kind == "ServiceLocation" or \
                    channel is None and self.slug_of("location", channel_id):
                locations.append(self.slug_of("location", channel_id))  # type: ignore[arg-type]
                access.append("appointment")
            elif channel is not None and channel.kind == "Phone" or \
                    channel is None and self.slug_of("contact", channel_id):
                contacts.append(self.slug_of("contact", channel_id))  # type: ignore[arg-type]
                access.append("phone")
            elif channel is not None and channel.kind in ("EChannel", "WebPage"):
                url = self._url(channel.data.get("webPages"), ".webPages", self.channel_notes[channel.id])
                field_name = "booking_url" if channel.kind == "EChannel" else "website"
                if channel.kind == "EChannel":
                    access.append("e-service")
                    booking_url = booking_url or url
                else:
                    website = website or url
                if url:
                    self.channel_uses.setdefault(channel.id, []).append(f"{field_name} of {entry.slug}")
            elif channel is not None:
                name = name_of(channel.data.get("serviceChannelNames"), self.languages)
                entry.notes.unmapped(path, f"{CHANNEL_LABELS[channel.kind]} '{name}' not linked: pkc has no place "
                                           "for it")
            else:
                link = items(entry.obj.data.get("serviceChannels"))
                name = next((str(item.get("serviceChannel", {}).get("name") or "") for item in link
                             if str(item.get("serviceChannel", {}).get("id") or "").lower() == channel_id), "")
                entry.notes.missing(path, f"service channel '{name}' ({channel_id}) is neither in the input nor "
                                          "imported earlier: not linked (import its JSON too)")
            if path:
                self._connection(entry, path)
        if "appointment" in access:
            entry.notes.check("", "access: PTV does not say whether its service locations need an appointment; "
                                  "'appointment' is assumed")
        if not access:
            access = ["appointment"]
            entry.notes.check("", "access: PTV does not say how families get the service; 'appointment' is "
                                  "assumed")
        return (list(dict.fromkeys(locations)), list(dict.fromkeys(contacts)), list(dict.fromkeys(access)),
                booking_url, website)

    def _connection(self, entry: Entry, path: str) -> None:
        index = int(path.rsplit("[", 1)[1].rstrip("]"))
        link = items(entry.obj.data.get("serviceChannels"))[index]
        extra = [key for key in ("description", "serviceHours", "contactDetails", "extraTypes",
                                 "digitalAuthorizations", "serviceChargeType")
                 if link.get(key) not in (None, "", [], {}) and not _empty_details(link.get(key))]
        if extra:
            entry.notes.unmapped(path, f"details of the connection ({', '.join(extra)}) not imported: pkc keeps "
                                       "them on the location or contact")

    # --- service locations ----------------------------------------------------------------------------

    def _location(self, entry: Entry) -> dict[str, Any]:
        obj, notes = entry.obj, entry.notes
        texts = self._texts(obj, notes, "serviceChannelDescriptions",
                            {"Summary": "summary", "Description": "description"})
        result: dict[str, Any] = {"name": self._name(obj, entry, "serviceChannelNames")}
        address, municipality, coordinates = self._address(obj, notes)
        if municipality:
            result["municipality"] = municipality
            self._municipality_by_location[entry.slug] = municipality
        if address:
            result["address"] = address
        if coordinates:
            result["coordinates"] = coordinates
        description = texts.get("description") or texts.get("summary")
        if description:
            result["description"] = Markdown({lang: markdown(text) for lang, text in description.items()})
        if "description" in texts and "summary" in texts:
            notes.unmapped(".serviceChannelDescriptions", "the summary not imported: a location has only a "
                                                          "description")
        accessibility = self._accessibility(obj, notes)
        if accessibility:
            result["accessibility"] = accessibility
        hours = convert_hours(obj.data.get("serviceHours"), ".serviceHours", self.languages, notes, self.today)
        if hours:
            result["opening_hours"] = hours
        contact = self.slugs.get(("contact", obj.id + CONTACT_SUFFIX))
        if contact:
            result["contacts"] = Flow([contact])
        result["last_reviewed"] = self._modified(obj.data)
        return result

    def _address(self, obj: PtvObject, notes: Notes) -> tuple[dict | None, str | None, dict | None]:
        chosen = None
        for index, address in enumerate(items(obj.data.get("addresses"))):
            at = f".addresses[{index}]"
            street = address.get("streetAddress")
            if chosen is None and address.get("type") in ("Location", "Visiting", None) and isinstance(street, dict):
                chosen = (at, street)
                continue
            if address.get("entrances"):
                continue
            what = {"Postal": "postal address", "Delivery": "delivery address"}.get(address.get("type"), "address")
            notes.unmapped(at, f"{what} not imported: pkc keeps one street address")
        if chosen is None:
            notes.missing(".addresses", "no street address in PTV: write 'address' and 'municipality' before "
                                        "pkc check")
            return None, None, None
        at, street = chosen
        streets = per_language(street.get("street"), self.languages, notes, f"{at}.streetAddress.street")
        number = clean(street.get("streetNumber"))
        address: dict[str, Any] = {}
        if streets:
            address["street"] = {lang: f"{text} {number}".strip() for lang, text in streets.items()}
        else:
            notes.missing(f"{at}.streetAddress.street", "no street name: write 'street' before pkc check")
        postal = clean(street.get("postalCode"))
        if postal:
            address["postal_code"] = Quoted(postal)
        municipality_names = _names(street.get("municipality", {}).get("name")) \
            if isinstance(street.get("municipality"), dict) else []
        municipality = self.site.municipality(municipality_names)
        if municipality is None:
            code = street.get("municipality", {}).get("code") if isinstance(street.get("municipality"), dict) else ""
            shown = municipality_names[0] if municipality_names else "(none)"
            notes.missing(f"{at}.streetAddress.municipality", f"municipality '{shown}' ({code}) is not in the site: "
                                                              "add it to municipalities/, or write 'municipality'")
        offices = per_language(street.get("postOffice"), self.languages, notes, f"{at}.streetAddress.postOffice")
        if any(fold(text) not in {fold(n) for n in municipality_names} for text in offices.values()):
            address["city"] = {lang: _title(text) for lang, text in offices.items()}
        info = per_language(street.get("additionalInformation"), self.languages, notes,
                            f"{at}.streetAddress.additionalInformation")
        if info:
            notes.unmapped(f"{at}.streetAddress.additionalInformation",
                           "the address's additional information not imported: add it to 'accessibility' or "
                           "'description' if it helps families find the place")
        coordinates = self._coordinates(street, f"{at}.streetAddress", notes)
        return address or None, municipality, coordinates

    def _coordinates(self, street: dict, at: str, notes: Notes) -> dict | None:
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

    def _accessibility(self, obj: PtvObject, notes: Notes) -> Markdown | None:
        """The accessibility sentences of the entrances, as Markdown lists per language."""
        parts: dict[str, list[str]] = {}
        for index, address in enumerate(items(obj.data.get("addresses"))):
            for number, entrance in enumerate(items(address.get("entrances"))):
                at = f".addresses[{index}].entrances[{number}]"
                for group_index, group in enumerate(items(entrance.get("accessibilitySentences"))):
                    where = f"{at}.accessibilitySentences[{group_index}]"
                    heading = per_language(group.get("sentenceGroup"), self.languages, notes, f"{where}.sentenceGroup")
                    sentences = [per_language(s.get("sentence"), self.languages, notes, f"{where}.sentences")
                                 for s in items(group.get("sentences"))]
                    for lang in self.languages:
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

    # --- contacts -------------------------------------------------------------------------------------

    def _contact(self, entry: Entry) -> dict[str, Any]:
        obj, notes = entry.obj, entry.notes
        result = self._reachable(entry, "supportEmails")
        phone, email = result.get("phone"), result.get("email")
        hours = convert_hours(obj.data.get("serviceHours"), ".serviceHours", self.languages, notes, self.today)
        if hours:
            result["hours"] = hours
        texts = self._texts(obj, notes, "serviceChannelDescriptions",
                            {"Summary": "summary", "Description": "description"})
        note = texts.get("summary") or texts.get("description")
        if note:
            result["note"] = note
        if "summary" in texts and "description" in texts:
            notes.unmapped(".serviceChannelDescriptions", "the description not imported: a contact has one short "
                                                          "note, the summary")
        if not phone and not email:
            notes.missing(".phoneNumbers", "no phone number or email address: a contact needs one")
        result["last_reviewed"] = self._modified(obj.data)
        return result

    def _location_contact(self, entry: Entry) -> dict[str, Any]:
        result = self._reachable(entry, "emails")
        result["last_reviewed"] = self._modified(entry.obj.data)
        return result

    def _reachable(self, entry: Entry, email_key: str) -> dict[str, Any]:
        """A channel's name, organisation, phone and email: what every contact made from a channel has."""
        obj, notes = entry.obj, entry.notes
        result: dict[str, Any] = {"name": self._name(obj, entry, "serviceChannelNames")}
        organisation = self._channel_organisation(obj, notes)
        if organisation:
            result["organisation"] = organisation
        phone = self._phone(obj.data.get("phoneNumbers"), ".phoneNumbers", notes)
        if phone:
            result["phone"] = Quoted(phone)
        email = self._email(obj.data.get(email_key), f".{email_key}", notes)
        if email:
            result["email"] = email
        return result

    def _channel_organisation(self, obj: PtvObject, notes: Notes) -> str | None:
        org_id = str(obj.data.get("organizationId") or "").lower()
        if not org_id:
            return None
        found = self.site.organisation(org_id, self.org_names.get(org_id, ""))
        if found is None:
            name = self.org_names.get(org_id)
            shown = f"'{name}' ({org_id})" if name else org_id
            notes.missing(".organizationId", f"organisation {shown} is not in the site: 'organisation' left out "
                                             f"(mark the site's organisation with '# ptv: {org_id}' to link it)")
            return None
        return found.slug

    def _phone(self, values: Any, path: str, notes: Notes) -> str | None:
        chosen = None
        for index, item in enumerate(values if isinstance(values, list) else []):
            if not isinstance(item, dict):
                continue
            at = f"{path}[{index}]"
            if item.get("type") not in (None, "Phone"):
                notes.unmapped(at, f"{str(item.get('type')).lower()} number not imported")
                continue
            text = phone_text(item)
            if text is None:
                notes.unmapped(at, f"phone number '{item.get('prefixNumber') or ''} {item.get('number') or ''}' "
                                   "not imported: it is not a valid number")
                continue
            if chosen is not None:
                if text != chosen:
                    notes.unmapped(at, f"another phone number {text} not imported: pkc keeps one per entry")
                continue
            chosen = text
            if item.get("serviceChargeType") == "Chargeable" or clean(item.get("chargeDescription")):
                notes.check(at, "calls are charged" + (f": {clean(item.get('chargeDescription'))}"
                                                       if clean(item.get("chargeDescription")) else "") +
                            " — say so in the note")
            if clean(item.get("additionalInformation")):
                notes.unmapped(f"{at}.additionalInformation",
                               f"'{clean(item.get('additionalInformation'))}' not imported")
        return chosen

    def _email(self, values: Any, path: str, notes: Notes) -> str | None:
        ordered = sorted(enumerate(items(values)), key=lambda pair: pair[1].get("language") != self.languages[0])
        chosen = None
        for index, item in ordered:
            value = clean(item.get("value"))
            if not value:
                continue
            try:
                value = _email(value)
            except PydanticCustomError:
                notes.unmapped(f"{path}[{index}]", f"'{value}' not imported: it is not an email address")
                continue
            if chosen is None:
                chosen = value
            elif value != chosen:
                notes.unmapped(f"{path}[{index}]", f"another email address {value} not imported")
        return chosen

    def _url(self, values: Any, path: str, notes: Notes) -> str | None:
        ordered = sorted(enumerate(items(values)), key=lambda pair: pair[1].get("language") != self.languages[0])
        for index, item in ordered:
            try:
                return _url(clean(item.get("url")))
            except PydanticCustomError:
                notes.unmapped(f"{path}[{index}]", f"'{item.get('url')}' not imported: not a web address")
        return None

    def _languages(self, values: Any, path: str, notes: Notes) -> list[str]:
        found = []
        for index, value in enumerate(values if isinstance(values, list) else []):
            try:
                found.append(_language(str(value).lower()))
            except PydanticCustomError:
                notes.unmapped(f"{path}[{index}]", f"language '{value}' not imported: not a language code")
        return list(dict.fromkeys(found))

    def _modified(self, data: dict) -> dt.date:
        value = data.get("modified")
        try:
            return dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return self.today


def phone_text(item: dict) -> str | None:
    """A PTV phone number (prefix and number) as pkc writes it: '040 1234567' in Finland, international elsewhere."""
    prefix, number = clean(item.get("prefixNumber")), clean(item.get("number"))
    if not number:
        return None
    text = number if item.get("isFinnishServiceNumber") or not prefix else f"{prefix} {number}"
    try:
        parsed = phonenumbers.parse(text, "FI")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    style = phonenumbers.PhoneNumberFormat.NATIONAL if parsed.country_code == 358 else \
        phonenumbers.PhoneNumberFormat.INTERNATIONAL
    formatted = phonenumbers.format_number(parsed, style)
    try:
        _phone(formatted)
    except PydanticCustomError:
        return None
    return formatted


def _names(values: Any) -> list[str]:
    return [clean(item.get("value")) for item in items(values) if clean(item.get("value"))]


def _title(text: str) -> str:
    """PTV writes post offices in capitals: 'PORVOO' -> 'Porvoo'; mixed case is kept."""
    return text.title() if text.isupper() else text


def _empty_details(value: Any) -> bool:
    if isinstance(value, dict):
        return all(v in (None, "", [], {}) for v in value.values())
    return False
