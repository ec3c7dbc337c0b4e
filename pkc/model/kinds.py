"""The content kinds: one pydantic model each, the single source of truth for validation and schemas."""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .contactfields import BaseUrl, Email, PhoneNumber, Url
from .fields import KEYWORDS, MAX_ORDER, Coded, CodedList, Colour, LanguageList, LocalText, Markdown, Ref, RefList, fail
from .helplines import Helpline
from .schedule import Schedule
from .timefields import Date

# Descriptions used by several kinds (they become hints in error messages and schema documentation).
_CONTACTS = "Contacts (file names in content/contacts/)."
_AUDIENCES = "Who it is for: expecting, under-school-age, school-age, youth, parents."
_PROVIDER = "The organisation that provides it (file name in content/organisations/)."
_LOCATIONS = "Where it is given (file names in content/locations/)."
_COST = "free, fee or income-based (free when not given)."
_ACCESS = "How families get it: appointment, drop-in, phone, e-service, home-visit, referral."


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- shared parts -----------------------------------------------------------------------------------

class Coordinates(Strict):
    """WGS84 latitude and longitude in decimal degrees."""

    lat: float = Field(allow_inf_nan=False, description="Latitude, e.g. 60.3932.")
    lon: float = Field(allow_inf_nan=False, description="Longitude, e.g. 25.6650.")

    @model_validator(mode="after")
    def _in_finland(self) -> Coordinates:
        in_lat, in_lon = 59.0 <= self.lat <= 70.5, 19.0 <= self.lon <= 32.0
        if not (in_lat and in_lon):
            swapped = 59.0 <= self.lon <= 70.5 and 19.0 <= self.lat <= 32.0
            raise fail(
                f"the coordinates {self.lat}, {self.lon} are not in Finland",
                "latitude and longitude look swapped: 'lat' is about 60-70 and 'lon' about 20-31" if swapped
                else "copy the decimal coordinates from a map service, e.g. lat: 60.3932, lon: 25.6650",
                ("lat",) if not in_lat else ("lon",))
        return self


class Address(Strict):
    """A street address."""

    street: LocalText = Field(description="Street and number; per language in bilingual municipalities.")
    postal_code: str = Field(pattern=r"^[0-9]{5}$", description="Five-digit postal code, in quotes: '06100'.")
    city: LocalText | None = Field(None, description="Post office; defaults to the municipality's name.")


class Ages(Strict):
    """The ages of the children a service is for, in years."""

    min: int = Field(0, ge=0, le=29, description="Youngest age served, in years.")
    max: int = Field(18, ge=0, le=29, description="Oldest age served, in years.")

    @model_validator(mode="after")
    def _ordered(self) -> Ages:
        if self.max < self.min:
            raise fail(f"'max' ({self.max}) is smaller than 'min' ({self.min})", "swap the numbers", ("max",))
        return self


# --- the site ---------------------------------------------------------------------------------------

class ShareImage(Strict):
    """The picture link previews show when a page of the site is shared (Open Graph, X cards)."""

    file: str = Field(description="Path of a PNG or JPEG image, relative to the site directory; 1200×630 pixels "
                                  "suits every service, e.g. content/media/jaa.png.")
    alt: LocalText = Field(description="What the picture shows, per language, for those who cannot see it.")


class Theme(Strict):
    """The family centre's own look."""

    primary_colour: Colour = Field("#1d5a8a", description="Main colour of links and the header, '#rrggbb'.")
    logo: str | None = Field(None, description=(
        "Path of an SVG or PNG logo, relative to the site directory; an SVG without scripts or links to other files."))
    share_image: ShareImage | None = Field(None, description=(
        "The picture shown when a page is shared or linked in social media and chat apps: 'file' and 'alt' "
        "(none when not given)."))


class Feedback(Strict):
    """The feedback channel the Act on the Provision of Digital Services requires."""

    email: Email | None = Field(None, description="Email address that receives feedback.")
    url: Url | None = Field(None, description="Web form for feedback.")
    handled_by: LocalText = Field(description="Who reads and answers the feedback.")

    @model_validator(mode="after")
    def _has_channel(self) -> Feedback:
        if self.email is None and self.url is None:
            raise fail("the feedback channel needs an 'email' or a 'url'", "add one of them")
        return self


class AccessibilityFacts(Strict):
    """Facts for the accessibility statement (Act 306/2019, EU decision 2018/1523)."""

    status: Literal["fully", "partially", "not"] = Field(
        description="Compliance with WCAG 2.1 AA: fully, partially or not.")
    prepared: Date = Field(description="When the statement was first prepared.")
    reviewed: Date = Field(description="When the statement was last reviewed.")
    method: Literal["self-assessment", "third-party"] = Field(
        description="How compliance was assessed: self-assessment or third-party.")
    non_accessible: list[LocalText] = Field(default_factory=list,
                                            description="Content that is not accessible, and why.")

    @model_validator(mode="after")
    def _complete(self) -> AccessibilityFacts:
        if self.reviewed < self.prepared:
            raise fail(f"the statement is reviewed ({self.reviewed}) before it was prepared ({self.prepared})",
                       "check the dates", ("reviewed",))
        if self.status != "fully" and not self.non_accessible:
            raise fail(f"a site that is {self.status} accessible must list what is not accessible, and why",
                       "add 'non_accessible:' with one item per problem (EU decision 2018/1523 requires it)",
                       ("status",))
        return self


class Site(Strict):
    """site.yaml: what the whole electronic family centre is and who publishes it."""

    name: LocalText = Field(description="Name of the site.")
    short_name: LocalText | None = Field(
        None, description="A short name for the header on a phone, e.g. 'Perhekeskus' (the name when not given).")
    description: LocalText = Field(description="One sentence that says what the site is for.")
    languages: LanguageList = Field(description="Languages of the site; the first is the default.")
    required_translations: LanguageList | None = Field(
        None, description="Languages every site-wide text must be given in (default: the first language).")
    base_url: BaseUrl = Field(description="Address where the site is published, e.g. https://perhekeskus.fi/.")
    publisher: Ref("organisation") = Field(description="The organisation that publishes the site.")
    email: Email | None = Field(None, description="General contact email of the site.")
    phone: PhoneNumber | None = Field(None, description="General phone number.")
    feedback: Feedback = Field(description="The feedback channel (email or url) and who handles it.")
    accessibility: AccessibilityFacts = Field(description="Facts for the accessibility statement.")
    theme: Theme = Field(default_factory=Theme,
                         description="The primary colour, the logo and the share image of the site.")
    example_notice: bool = Field(False, description="Show a banner saying the content is example data.")
    helplines: list[Helpline] = Field(default_factory=list, description=(
        "Lines to call for urgent help (112, crisis, violence, parents' lines), shown on the home page and on "
        "sensitive life situations."))
    quick_exit: Url = Field("https://www.ilmatieteenlaitos.fi/", description=(
        "The neutral site that the quick-exit button of sensitive pages opens, e.g. a weather site."))


# --- directory kinds --------------------------------------------------------------------------------

class Region(Strict):
    """A wellbeing services county (hyvinvointialue) that groups municipalities."""

    name: LocalText = Field(description="Official name, e.g. 'Keski-Suomen hyvinvointialue'.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    short_name: LocalText | None = Field(None, description="Short name, e.g. 'Keski-Suomi'.")
    description: Markdown | None = Field(None, description="How family services work in the region.")
    organisation: Ref("organisation") | None = Field(None, description="The county as an organisation.")
    website: Url | None = Field(None, description="The county's own website.")


class Municipality(Strict):
    """A municipality (kunta) and its family-centre model."""

    name: LocalText = Field(description="Name per language, e.g. fi: Porvoo, sv: Borgå.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    region: Ref("region") = Field(description="The wellbeing services county it belongs to.")
    languages: LanguageList = Field(description="Official languages; bilingual municipalities list fi and sv.")
    introduction: Markdown | None = Field(None, description="How the municipality's family centre works.")
    family_centres: RefList("location") = Field(default_factory=list,
                                                description="Physical family centres (locations).")
    contacts: RefList("contact") = Field(default_factory=list, description="Contacts families start from.")
    website: Url | None = Field(None, description="The municipality's own website.")


class Organisation(Strict):
    """A provider or organiser: municipality, wellbeing services county, NGO, parish or company."""

    name: LocalText = Field(description="Official name of the organisation.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    type: Coded("organisation_types", "ngo") = Field(
        description="municipality, wellbeing-county, ngo, parish or company.")
    description: Markdown | None = Field(None, description="What the organisation does for families.")
    municipality: Ref("municipality") | None = Field(None, description="Home municipality, if local.")
    region: Ref("region") | None = Field(None, description="Region, if it works across a county.")
    website: Url | None = Field(None, description="The organisation's website.")
    email: Email | None = Field(None, description="General email address.")
    phone: PhoneNumber | None = Field(None, description="General phone number (switchboard).")
    address: Address | None = Field(None, description="Visiting address of its office; the city defaults to its "
                                                      "municipality's name.")
    contacts: RefList("contact") = Field(default_factory=list, description=_CONTACTS)

    @model_validator(mode="after")
    def _address_has_a_city(self) -> Organisation:
        if self.address is not None and self.address.city is None and self.municipality is None:
            raise fail("the address has no 'city', and the organisation no 'municipality' to take it from",
                       "add 'city: …' to the address, e.g. 'city: Jyväskylä'", ("address",))
        return self


class Contact(Strict):
    """A role or a service desk families can reach (never a private person's details)."""

    name: LocalText = Field(description="The role or desk, e.g. 'Neuvolan ajanvaraus'.")
    organisation: Ref("organisation") | None = Field(None, description="The organisation the desk belongs to.")
    phone: PhoneNumber | None = Field(None, description="Phone number, in quotes: \"040 123 4567\".")
    email: Email | None = Field(None, description="Email address.")
    hours: Schedule | None = Field(None, description="When the phone is answered.")
    note: Markdown | None = Field(None, description="How to get in touch, e.g. 'Soita ja jätä takaisinsoittopyyntö.'")
    last_reviewed: Date | None = Field(None, description="When an editor last checked these details, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if self.phone is None and self.email is None:
            raise fail("a contact needs a 'phone' or an 'email'", "add at least one way to get in touch")
        return self


class Location(Strict):
    """A physical service point: a clinic, an office, a family-centre building."""

    name: LocalText = Field(description="Name of the service point, e.g. 'Porvoon perhekeskus'.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    municipality: Ref("municipality") = Field(description="The municipality it is in (file name in municipalities/).")
    address: Address = Field(description="Street address.")
    coordinates: Coordinates | None = Field(None, description="Map position: lat and lon in decimal degrees.")
    description: Markdown | None = Field(None, description="What the service point is and what is there.")
    accessibility: Markdown | None = Field(None, description="Access to the premises: entrance, lift, toilet, parking.")
    opening_hours: Schedule | None = Field(None, description="Opening hours.")
    contacts: RefList("contact") = Field(default_factory=list, description=_CONTACTS)
    last_reviewed: Date | None = Field(None, description="When an editor last checked these details, YYYY-MM-DD.")


class MeetingPlace(Strict):
    """An open meeting place (kohtaamispaikka): family café, family room, family park, open day-care."""

    name: LocalText = Field(description="Name of the meeting place, e.g. 'Perhekahvila Nuppu'.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    type: Coded("place_types", "perhekahvila") = Field(
        description="perhekahvila, perhetupa, perhepuisto, avoin-paivakoti, perhekerho or muu.")
    organiser: RefList("organisation") = Field(min_length=1, description="Who runs it; one or more organisations.")
    municipality: Ref("municipality") = Field(description="The municipality it is in (file name in municipalities/).")
    address: Address = Field(description="Street address.")
    coordinates: Coordinates | None = Field(None, description="Map position: lat and lon in decimal degrees.")
    summary: LocalText | None = Field(None, description="One line for lists and search results.")
    description: Markdown | None = Field(None, description="What happens there, who comes, what to bring.")
    audiences: CodedList("audiences", "under-school-age") | None = Field(None, description=_AUDIENCES)
    languages: LanguageList | None = Field(None, description="Languages spoken there.")
    cost: Coded("costs", "free") = Field("free", description=_COST)
    cost_details: LocalText | None = Field(None, description="What it costs, when not free.")
    accessibility: Markdown | None = Field(None, description="Access to the premises: entrance, lift, toilet, parking.")
    schedule: Schedule | None = Field(None, description="Weekly hours with holidays and breaks.")
    contacts: RefList("contact") = Field(default_factory=list, description=_CONTACTS)
    website: Url | None = Field(None, description="Web page with more information.")
    last_reviewed: Date = Field(description="When an editor last checked this entry, YYYY-MM-DD.")


class Service(Strict):
    """A service for families: what it is, for whom, where and how to get it."""

    name: LocalText = Field(description="Name of the service, e.g. 'Lastenneuvola'.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    summary: LocalText | None = Field(None, description="One line for lists and search results.")
    description: Markdown = Field(description="What happens in the service, for whom, what to bring.")
    categories: CodedList("service_classes", "P5.2") = Field(description="National service classes, e.g. P5.2.")
    audiences: CodedList("audiences", "under-school-age") = Field(description=_AUDIENCES)
    ages: Ages | None = Field(None, description="Ages of the children served: min and max in years.")
    provider: Ref("organisation") = Field(description=_PROVIDER)
    municipalities: RefList("municipality") = Field(default_factory=list,
                                                    description="Municipalities served.")
    region: Ref("region") | None = Field(None, description="The region served, when the whole county is.")
    access: CodedList("access_channels", "appointment") = Field(description=_ACCESS)
    booking: Markdown | None = Field(None, description="How to book or get in, step by step.")
    booking_url: Url | None = Field(None, description="The online booking or e-service address.")
    hours: Schedule | None = Field(None, description="When the service is open, e.g. drop-in reception hours.")
    cost: Coded("costs", "free") = Field("free", description=_COST)
    cost_details: LocalText | None = Field(None, description="What it costs and how the fee is set, when not free.")
    languages: LanguageList = Field(description="Languages the service is offered in.")
    locations: RefList("location") = Field(default_factory=list, description=_LOCATIONS)
    contacts: RefList("contact") = Field(default_factory=list, description=_CONTACTS)
    life_events: CodedList("life_events", "KE1") | None = Field(None, description="National life events, e.g. KE1.")
    materials: RefList("material") = Field(default_factory=list, description="Materials to download about it.")
    website: Url | None = Field(None, description="Web page with more information.")
    last_reviewed: Date = Field(description="When an editor last checked this entry, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _has_area(self) -> Service:
        if not self.municipalities and self.region is None:
            raise fail("a service needs 'municipalities' or 'region'",
                       "list the municipalities it serves, or name the region if it serves the whole county")
        return self


class Page(Strict):
    """A free page written in Markdown (about the family centre, privacy)."""

    title: LocalText = Field(description="Title of the page.")
    slug: LocalText | None = Field(
        None, description="The end of the page's address per language, e.g. 'en: about' (lower-case letters, digits "
                          "and hyphens); the file name when not given.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    description: LocalText | None = Field(None, description="One sentence for search engines and link previews.")
    body: Markdown = Field(description="The text of the page in Markdown (the body of the .md file).")
    order: int = Field(100, ge=0, le=MAX_ORDER, description="Position in the footer menu; smaller comes first.")
    materials: RefList("material") = Field(default_factory=list, description="Materials to download.")

    @model_validator(mode="after")
    def _addresses(self) -> Page:
        for lang, slug in (self.slug.values.items() if self.slug else ()):
            if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
                raise fail(f"'{slug}' cannot be part of an address",
                           "use lower-case letters a-z, digits and hyphens, e.g. 'about' or 'om-oss'", ("slug", lang))
        return self
