"""What of a PTV object no pkc field takes: reported key by key, so that nothing is lost without a word."""
from __future__ import annotations

from .read import PtvObject
from .texts import Notes

# Keys that are bookkeeping, or that the other modules map: everything else with a value is reported as not imported.
_QUIET = {"id", "sourceId", "oid", "modified", "publishingStatus", "serviceChannelType", "organizationId", "type",
          "subType", "fundingType", "displayNameType", "responsibleSoteOrganization", "areaType", "areas",
          "businessCode", "businessName", "businessId", "versionId", "parentOrganizationId", "organizationRootId",
          "availableLanguages", "areaMunicipalities"}
_MAPPED = {
    "service": {"serviceNames", "serviceDescriptions", "serviceClasses", "targetGroups", "lifeEvents", "languages",
                "serviceChargeType", "organizations", "serviceProducers", "mainOrganization", "serviceChannels",
                "serviceVouchersInUse"},
    "ServiceLocation": {"serviceChannelNames", "serviceChannelDescriptions", "addresses", "serviceHours",
                        "phoneNumbers", "emails", "services"},
    "Phone": {"serviceChannelNames", "serviceChannelDescriptions", "phoneNumbers", "supportEmails", "serviceHours",
              "services"},
    "EChannel": {"serviceChannelNames", "webPages", "services"},
    "WebPage": {"serviceChannelNames", "webPages", "services"},
    "PrintableForm": {"serviceChannelNames", "services"},
    "organisation": {"organizationNames", "organizationType", "organizationDescriptions", "municipality",
                     "webPages", "emails", "phoneNumbers", "services", "addresses"},
}
_FIELD_WORDS = {
    "serviceVouchers": "service vouchers", "requirements": "requirements", "keywords": "keywords",
    "legislation": "laws", "ontologyTerms": "ontology terms", "industrialClasses": "industrial classes",
    "serviceCollections": "service collections", "generalDescriptionId": "the general description",
    "webPages": "web pages", "languages": "languages", "supportPhones": "support phone numbers",
    "supportEmails": "support email addresses", "attachments": "attachments",
    "accessibilityClassification": "accessibility classification", "emails": "email addresses",
    "phoneNumbers": "phone numbers", "serviceHours": "service hours", "addresses": "addresses",
    "serviceChannelDescriptions": "descriptions", "requiresAuthentication": "'requires identification'",
    "requiresSignature": "'requires a signature'", "electronicInvoicings": "e-invoicing addresses",
    "subOrganizations": "sub-organisations",
}


def unmapped_keys(obj: PtvObject, notes: Notes) -> None:
    """Report every key of `obj` with a value that no pkc field takes, in words an editor knows."""
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
