"""PTV objects as pkc entries: services, locations, contacts and organisations, with what did not fit."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..codelists import VOCABULARIES
from . import organisations as orgs
from .areas import service_area
from .channels import ChannelLinks
from .hours import convert_hours
from .leftovers import unmapped_keys
from .places import accessibility, address
from .read import CHANNEL_LABELS, PtvInput, PtvObject, ptv_id
from .site import SiteContext
from .texts import Notes, clean, items, markdown, name_of, per_language
from .values import audiences, modified, pick_codes, pick_email, pick_languages, pick_phone
from .yamltext import Flow, Markdown, Quoted

# The pkc kind each PTV object becomes; other channels (e-services, web pages, forms) add to their services.
KIND_OF = {"service": "service", "ServiceLocation": "location", "Phone": "contact", "organisation": "organisation"}
LABELS = {**CHANNEL_LABELS, "service": "service", "organisation": "organisation"}
NAME_KEYS = {"service": "serviceNames", "organisation": "organizationNames"}  # channels: serviceChannelNames
CONTACT_SUFFIX = "/contact"  # the reference of the contact made from a service location's phone and email
_CHARGE = {"FreeOfCharge": "free", "Chargeable": "fee"}
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
    named_by: orgs.OrgReference | None = None  # an organisation known only by the name a service gives it


@dataclass
class Mapper:
    """Turns the objects of one import into entries; slugs are given out before any data is built."""

    site: SiteContext
    ptv: PtvInput
    today: dt.date
    slugs: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, ref) -> slug, this import's
    org_names: dict[str, str] = field(default_factory=dict)  # PTV organisation id -> name
    _municipality_by_location: dict[str, str] = field(default_factory=dict)  # this import's locations
    channels: ChannelLinks = field(init=False)

    def __post_init__(self) -> None:
        self.channels = ChannelLinks(self.site.languages)

    @property
    def languages(self) -> list[str]:
        return self.site.languages

    # --- preparation ----------------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """One entry per service, location (and its phone and email), phone channel and organisation.

        An organisation a service names that neither the input nor the site has becomes an entry of its own,
        reported with the service that names it.
        """
        self.channels.collect(self.ptv)
        for obj in self.ptv.of_kind("service"):
            for ref in orgs.references(obj.data):
                if ref.id and ref.name:
                    self.org_names.setdefault(ref.id, ref.name)
        result: list[Entry] = []
        named: list[Entry] = []
        order = {"organisation": 0, "ServiceLocation": 1, "Phone": 2, "service": 3}
        input_orgs = {obj.id for obj in self.ptv.of_kind("organisation")}
        for obj in sorted(self.ptv.objects, key=lambda o: order.get(o.kind, 4)):
            fi_name = name_of(obj.data.get(NAME_KEYS.get(obj.kind, "serviceChannelNames")), self.languages) or obj.id
            label = f"{LABELS.get(obj.kind, obj.kind)} '{fi_name}' ({obj.id})"
            kind = KIND_OF.get(obj.kind)
            if kind is None:
                self.channels.notes[obj.id] = Notes(obj.base)
                continue
            result.append(Entry(kind, obj.id, obj, label, Notes(obj.base), fi_name))
            if obj.kind == "ServiceLocation" and (items(obj.data.get("phoneNumbers")) or
                                                  items(obj.data.get("emails"))):
                result.append(Entry("contact", obj.id + CONTACT_SUFFIX, obj, f"{label}: phone and email",
                                    Notes(obj.base), fi_name))
        # services first: an organisation a service and a channel both name is reported with the service
        for obj in sorted(self.ptv.objects, key=lambda o: o.kind != "service"):
            for ref in self._wanted_organisations(obj):
                if ref.id in input_orgs or ref.id in {e.ref for e in named} or \
                        self.site.organisation(ref.id, ref.name) is not None:
                    continue
                named.append(Entry("organisation", ref.id, obj, f"organisation '{ref.name}' ({ref.id})",
                                   Notes(obj.base), ref.name, named_by=ref))
        return result + named

    def _wanted_organisations(self, obj: PtvObject) -> list[orgs.OrgReference]:
        """The organisations an object links to that the import can name: a service's provider, a channel's owner."""
        if obj.kind == "service":  # the provider is the first by role (producers first), known or not
            first = next(iter(orgs.references(obj.data)), None)
            return [first] if first and first.id and first.name and not self._organisation_known(first) else []
        org_id = ptv_id(obj.data.get("organizationId"))
        if org_id and self.org_names.get(org_id):
            return [orgs.OrgReference(org_id, self.org_names[org_id], "Responsible", ".organizationId")]
        return []

    def _organisation_known(self, ref: orgs.OrgReference) -> bool:
        return any(obj.id == ref.id for obj in self.ptv.of_kind("organisation")) or \
            self.site.organisation(ref.id, ref.name) is not None

    def slug_of(self, kind: str, ref: str) -> str | None:
        """The file name of the entry imported from `ref`: in this import, or by an earlier one."""
        return self.slugs.get((kind, ref)) or self.site.imported.get(kind, {}).get(ref)

    def organisation_slug(self, org_id: str, name: str) -> str | None:
        """The file name of an organisation: this import's, or the site's by its '# ptv:' id or its name."""
        if org_id and self.slug_of("organisation", org_id):
            return self.slug_of("organisation", org_id)
        found = self.site.organisation(org_id, name)
        return found.slug if found is not None else None

    # --- building -------------------------------------------------------------------------------------

    def build(self, entry: Entry) -> None:
        """Fill `entry.data` from its PTV object, noting what does not fit."""
        builders = {"service": self._service, "location": self._location, "contact": self._contact,
                    "organisation": self._organisation}
        if entry.named_by is not None:
            entry.data = orgs.stub(entry.named_by, self.languages, entry.notes)
        elif entry.kind == "contact" and entry.ref.endswith(CONTACT_SUFFIX):
            entry.data = self._location_contact(entry)
        else:
            entry.data = builders[entry.kind](entry)
        if entry.ref == entry.obj.id:
            unmapped_keys(entry.obj, entry.notes)
            status = entry.obj.data.get("publishingStatus")
            if status not in (None, "Published"):
                entry.notes.check("", f"its publishing status in PTV is '{status}', not 'Published'")

    def channel_report(self, obj: PtvObject) -> Notes:
        """The report of a channel that has no file of its own (e-service, web page, printable form)."""
        notes = self.channels.report(obj)
        unmapped_keys(obj, notes)
        return notes

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
            if clean(item.get("type")) not in mapping and clean(item.get("value")):
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
        categories = pick_codes(data.get("serviceClasses"), ".serviceClasses", VOCABULARIES.service_classes,
                                notes, "service class", self.languages)
        if categories:
            result["categories"] = Flow(categories)
        else:
            notes.check(".serviceClasses", "no service class maps to pkc's list: write 'categories' before pkc check")
        life_events = pick_codes(data.get("lifeEvents"), ".lifeEvents", VOCABULARIES.life_events, notes,
                                 "life event", self.languages)
        result["audiences"] = Flow(audiences(data, life_events, notes, self.languages))
        provider = self._provider(data, notes)
        if provider is not None:
            result["provider"] = provider
        linked = self.channels.for_service(obj, entry.slug, notes, self.slug_of)
        if not linked.access:
            linked.access = ["appointment"]
            notes.check("", "access: PTV does not say how families get the service; 'appointment' is assumed")
        elif "appointment" in linked.access:
            notes.check("", "access: PTV does not say whether its service locations need an appointment; "
                            "'appointment' is assumed")
        result.update(self._area(data, notes, linked.locations, provider))
        result["access"] = Flow(linked.access)
        if "booking" in texts:
            result["booking"] = Markdown({lang: markdown(text) for lang, text in texts["booking"].items()})
        if linked.booking_url:
            result["booking_url"] = linked.booking_url
        charge = clean(data.get("serviceChargeType"))
        if charge in _CHARGE:
            result["cost"] = _CHARGE[charge]
        elif charge:
            notes.check(".serviceChargeType", f"the charge type '{charge}' has no pkc code: set 'cost' "
                                              "(free, fee or income-based)")
        if "cost_details" in texts:
            result["cost_details"] = texts["cost_details"]
        result["languages"] = Flow(pick_languages(data.get("languages"), ".languages", notes) or [self.languages[0]])
        if linked.locations:
            result["locations"] = Flow(linked.locations)
        if linked.contacts:
            result["contacts"] = Flow(linked.contacts)
        if life_events:
            result["life_events"] = Flow(life_events)
        if linked.website:
            result["website"] = linked.website
        result["last_reviewed"] = modified(data, self.today)
        return result

    def _provider(self, data: dict, notes: Notes) -> str | None:
        """The organisation that provides the service: the first PTV names that the site or the import has."""
        refs = orgs.references(data)
        if not refs:
            notes.missing(".organizations", "no organisation in PTV: write 'provider' before pkc check")
            return None
        chosen = next(((ref, slug) for ref in refs if (slug := self.organisation_slug(ref.id, ref.name))), None)
        if chosen is None:
            ref = refs[0]
            notes.missing(ref.path, f"organisation '{ref.name}' ({ref.id}) is neither in the site nor named well "
                                    "enough to import: write 'provider' before pkc check")
            return None
        for ref in refs:
            if ref is not chosen[0] and self.organisation_slug(ref.id, ref.name) != chosen[1]:
                notes.unmapped(ref.path, f"organisation '{ref.name}' ({ref.role}) not imported: a pkc service has "
                                         f"one provider, '{chosen[1]}'")
        return chosen[1]

    def _area(self, data: dict, notes: Notes, locations: list[str], provider: str | None) -> dict[str, Any]:
        area = service_area(data, self.site, notes)
        result: dict[str, Any] = {}
        if area.municipalities:
            result["municipalities"] = Flow(area.municipalities)
        if area.region:
            result["region"] = area.region
        if result:
            return result
        area_type = data.get("areaType")
        if area_type and area_type != "LimitedType":
            notes.check(".areaType", f"PTV's area is '{area_type}'; pkc lists municipalities or a region")
        in_locations = [self._municipality_by_location.get(slug) for slug in locations]
        if any(in_locations):
            return {"municipalities": Flow(dict.fromkeys(m for m in in_locations if m))}
        known = next((entry for entry in self.site.organisations if entry.slug == provider), None)
        if known is not None and known.region:
            return {"region": known.region}
        if known is not None and known.municipality:
            return {"municipalities": Flow([known.municipality])}
        notes.missing(".areas", "no municipality of the site: write 'municipalities' or 'region' before pkc check")
        return {}

    # --- service locations, contacts and organisations ------------------------------------------------

    def _location(self, entry: Entry) -> dict[str, Any]:
        obj, notes = entry.obj, entry.notes
        texts = self._texts(obj, notes, "serviceChannelDescriptions",
                            {"Summary": "summary", "Description": "description"})
        result: dict[str, Any] = {"name": self._name(obj, entry, "serviceChannelNames")}
        street, municipality, coordinates = address(obj.data, self.site, notes)
        if municipality:
            result["municipality"] = municipality
            self._municipality_by_location[entry.slug] = municipality
        if street:
            result["address"] = street
        if coordinates:
            result["coordinates"] = coordinates
        description = texts.get("description") or texts.get("summary")
        if description:
            result["description"] = Markdown({lang: markdown(text) for lang, text in description.items()})
        if "description" in texts and "summary" in texts:
            notes.unmapped(".serviceChannelDescriptions", "the summary not imported: a location has only a "
                                                          "description")
        access = accessibility(obj.data, self.languages, notes)
        if access:
            result["accessibility"] = access
        hours = convert_hours(obj.data.get("serviceHours"), ".serviceHours", self.languages, notes, self.today)
        if hours:
            result["opening_hours"] = hours
        contact = self.slugs.get(("contact", obj.id + CONTACT_SUFFIX))
        if contact:
            result["contacts"] = Flow([contact])
        result["last_reviewed"] = modified(obj.data, self.today)
        return result

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
        result["last_reviewed"] = modified(obj.data, self.today)
        return result

    def _location_contact(self, entry: Entry) -> dict[str, Any]:
        result = self._reachable(entry, "emails")
        result["last_reviewed"] = modified(entry.obj.data, self.today)
        return result

    def _reachable(self, entry: Entry, email_key: str) -> dict[str, Any]:
        """A channel's name, organisation, phone and email: what every contact made from a channel has."""
        obj, notes = entry.obj, entry.notes
        result: dict[str, Any] = {"name": self._name(obj, entry, "serviceChannelNames")}
        org_id = ptv_id(obj.data.get("organizationId"))
        if org_id:
            organisation = self.organisation_slug(org_id, self.org_names.get(org_id, ""))
            if organisation:
                result["organisation"] = organisation
            else:
                name = self.org_names.get(org_id)
                shown = f"'{name}' ({org_id})" if name else org_id
                notes.missing(".organizationId", f"organisation {shown} is not in the site: 'organisation' left out "
                                                 f"(import its JSON, GET /api/v11/Organization/{org_id}, or mark the "
                                                 f"site's organisation with '# ptv: {org_id}' to link it)")
        phone = pick_phone(obj.data.get("phoneNumbers"), ".phoneNumbers", notes)
        if phone:
            result["phone"] = Quoted(phone)
        email = pick_email(obj.data.get(email_key), f".{email_key}", notes, self.languages)
        if email:
            result["email"] = email
        return result

    def _organisation(self, entry: Entry) -> dict[str, Any]:
        obj = entry.obj
        texts = self._texts(obj, entry.notes, "organizationDescriptions",
                            {"Summary": "summary", "Description": "description"})
        return orgs.organisation(obj.data, self._name(obj, entry, "organizationNames"), texts, self.site,
                                 entry.notes)
