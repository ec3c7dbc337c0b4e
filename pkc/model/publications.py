"""What family centres publish besides the directory: events, news, materials, Q&A and life situations."""
from __future__ import annotations

from pathlib import PurePosixPath

from pydantic import Field, field_validator, model_validator

from .contactfields import Url
from .fields import (
    KEYWORDS,
    MAX_ORDER,
    Coded,
    CodedList,
    Language,
    LanguageList,
    LocalText,
    Markdown,
    Ref,
    RefList,
    fail,
)
from .helplines import HelplineNumber
from .kinds import Address, Strict
from .timefields import Date, DateTime

_ORGANISER = "Who arranges it (file names in content/organisations/)."
_MUNICIPALITIES = "Municipalities it concerns (file names in municipalities/)."
# Whom an item is written for. Families see only theirs; the rest is listed in the section for professionals.
FAMILIES = "families"
PROFESSIONALS = "professionals"
_AUDIENCE = ("families or professionals (families when not given): an item for professionals is listed only in the "
             "section for professionals, never in families' lists, feeds, calendars or search.")


class Event(Strict):
    """An event with a date: a family-centre forum, a training, a parents' group, a meeting."""

    title: LocalText = Field(description="Name of the event.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    type: Coded("event_types", "forum") = Field(description="forum, training, group, meeting or event.")
    summary: LocalText | None = Field(None, description="One line for lists and search results.")
    description: Markdown = Field(description="What happens, for whom, the programme.")
    start: DateTime = Field(description="Start in Finnish time, 'YYYY-MM-DD HH:MM'.")
    end: DateTime = Field(description="End in Finnish time, 'YYYY-MM-DD HH:MM'.")
    place: Ref("place") | None = Field(None, description="A meeting place where it is held.")
    location: Ref("location") | None = Field(None, description="A service point where it is held.")
    address: Address | None = Field(None, description="Any other address where it is held.")
    municipality: Ref("municipality") | None = Field(None, description="The municipality of 'address'.")
    online_url: Url | None = Field(None, description="Address of the online meeting, when it is held online.")
    organiser: RefList("organisation") = Field(min_length=1, description=_ORGANISER)
    municipalities: RefList("municipality") = Field(default_factory=list, description=_MUNICIPALITIES)
    region: Ref("region") | None = Field(None, description="The region it concerns, when it is for the whole county.")
    audience: Coded("readers", PROFESSIONALS) = Field(FAMILIES, description=_AUDIENCE)
    audiences: CodedList("audiences", "parents") | None = Field(
        None, description="Who it is for: expecting, under-school-age, school-age, youth, parents.")
    audience_details: LocalText | None = Field(
        None, description="Who it is for, in words, e.g. 'neuvolan ja perhetyön työntekijät'; shown on its page.")
    registration: Markdown | None = Field(None, description="How to sign up.")
    registration_url: Url | None = Field(None, description="Address of the sign-up form.")
    registration_deadline: Date | None = Field(None, description="Last day to sign up, YYYY-MM-DD.")
    cost: Coded("costs", "free") = Field("free", description="free, fee or income-based (free when not given).")
    cost_details: LocalText | None = Field(None, description="What it costs, when not free.")
    languages: LanguageList = Field(description="Languages it is held in.")

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.end <= self.start:
            raise fail(f"the event ends ({self.end:%Y-%m-%d %H:%M}) before it starts ({self.start:%Y-%m-%d %H:%M})",
                       "check 'start' and 'end'", ("end",))
        if not (self.place or self.location or self.address or self.online_url):
            raise fail("an event needs a 'place', a 'location', an 'address' or an 'online_url'",
                       "say where it is held, or give the address of the online meeting")
        if self.address is not None and self.municipality is None:
            raise fail("an event with an 'address' needs its 'municipality'", "add 'municipality: …'", ("address",))
        if self.registration_deadline and self.registration_deadline > self.start.date():
            raise fail("the registration deadline is after the event starts", "check the dates",
                       ("registration_deadline",))
        return self


class News(Strict):
    """A news item: a Markdown file with its date, the organisation behind it and the municipalities it concerns."""

    title: LocalText = Field(description="Headline.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    date: Date = Field(description="Publication date, YYYY-MM-DD.")
    author: Ref("organisation") = Field(description="The organisation that publishes it.")
    municipalities: RefList("municipality") = Field(default_factory=list, description=_MUNICIPALITIES)
    audience: Coded("readers", PROFESSIONALS) = Field(FAMILIES, description=_AUDIENCE)
    summary: LocalText | None = Field(None, description="One sentence for lists, feeds and search results.")
    body: Markdown = Field(description="The news item in Markdown (the text below the front matter).")


MATERIAL_FOLDER = "content/media"


class Material(Strict):
    """A document to download (PDF and others): its file lives under content/media/."""

    title: LocalText = Field(description="Title of the document.")
    description: LocalText | None = Field(None, description="One or two sentences on what is in it.")
    file: str = Field(description=(
        "Path of the file from the site folder, e.g. content/media/neuvola-opas.pdf. PDF, images, office documents, "
        "EPUB, text, CSV, recordings and videos can be published; web pages and scripts cannot."))
    language: Language = Field(description="Language of the document itself, e.g. fi.")
    organisation: Ref("organisation") | None = Field(None, description="Who published the document.")
    date: Date | None = Field(None, description="Date of the document, YYYY-MM-DD.")
    audience: Coded("readers", PROFESSIONALS) = Field(FAMILIES, description=_AUDIENCE)

    @field_validator("file")
    @classmethod
    def _inside_media(cls, value: str) -> str:
        path = PurePosixPath(value)
        if path.is_absolute() or ".." in path.parts or "\\" in value or not value.startswith(MATERIAL_FOLDER + "/"):
            raise fail(f"'{value}' is not a file in {MATERIAL_FOLDER}/",
                       f"put the file in {MATERIAL_FOLDER}/ and write its path, e.g. {MATERIAL_FOLDER}/opas.pdf")
        return value


class Topic(Strict):
    """A topic that groups questions and answers."""

    name: LocalText = Field(description="Name of the topic.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    description: Markdown | None = Field(None, description="What the questions of this topic are about.")
    order: int = Field(100, ge=0, le=MAX_ORDER, description="Position in the list of topics; smaller comes first.")


class Question(Strict):
    """A question asked by a family or a professional, with its published answer."""

    question: LocalText = Field(description="The question as it was asked.")
    answer: Markdown = Field(description="The answer.")
    topic: Ref("topic") = Field(description="The topic (file name in content/topics/).")
    answered_by: Ref("organisation") = Field(description="The organisation that answered.")
    date: Date = Field(description="When the answer was published, YYYY-MM-DD.")
    audience: Coded("readers", PROFESSIONALS) = Field(FAMILIES, description=_AUDIENCE)


class LifeSituation(Strict):
    """A pathway for a moment in a family's life: the services, places, materials and answers that help then."""

    name: LocalText = Field(description="The situation in the family's words, e.g. 'Odotamme vauvaa'.")
    keywords: LocalText | None = Field(None, description=KEYWORDS)
    summary: LocalText = Field(description="One sentence for the home page and the list of situations.")
    description: Markdown = Field(description="What families in this situation should know first.")
    life_event: Coded("life_events", "KE1") | None = Field(
        None, description="The national life event it matches, e.g. KE1; its services are included automatically.")
    services: RefList("service") = Field(default_factory=list, description="Services chosen for this situation.")
    places: RefList("place") = Field(default_factory=list, description="Meeting places chosen for it.")
    materials: RefList("material") = Field(default_factory=list, description="Materials chosen for it.")
    questions: RefList("question") = Field(default_factory=list, description="Questions and answers chosen for it.")
    order: int = Field(100, ge=0, le=MAX_ORDER, description="Position on the home page; smaller comes first.")
    sensitive: bool = Field(False, description=(
        "true for a situation someone may need to hide from others (violence, crisis): the page shows the "
        "helplines first and a quick-exit button."))
    helplines: list[HelplineNumber] = Field(default_factory=list, description=(
        "The helplines of site.yaml to show here, by number and in this order, e.g. ['112', '080 005 005'] "
        "(all of them on a sensitive page when not given)."))
