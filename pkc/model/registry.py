"""The content kinds: where each kind's files live, which model validates them, how editors name them."""
from __future__ import annotations

from dataclasses import dataclass

from .kinds import Contact, Location, MeetingPlace, Municipality, Organisation, Page, Region, Service, Strict
from .publications import Event, LifeSituation, Material, News, Question, Topic


@dataclass(frozen=True)
class Kind:
    """A content kind: where its files live and which model validates them."""

    name: str
    folder: str
    model: type[Strict]
    body_field: str  # the field a Markdown file's body fills
    label: str  # in English messages: "unknown meeting place 'x'"
    plural: str


KINDS: tuple[Kind, ...] = (
    Kind("region", "content/regions", Region, "description", "region", "regions"),
    Kind("municipality", "municipalities", Municipality, "introduction", "municipality", "municipalities"),
    Kind("organisation", "content/organisations", Organisation, "description", "organisation", "organisations"),
    Kind("contact", "content/contacts", Contact, "note", "contact", "contacts"),
    Kind("location", "content/locations", Location, "description", "location", "locations"),
    Kind("place", "content/meeting-places", MeetingPlace, "description", "meeting place", "meeting places"),
    Kind("service", "content/services", Service, "description", "service", "services"),
    Kind("page", "content/pages", Page, "body", "page", "pages"),
    Kind("event", "content/events", Event, "description", "event", "events"),
    Kind("news", "content/news", News, "body", "news item", "news items"),
    Kind("material", "content/materials", Material, "description", "material", "materials"),
    Kind("topic", "content/topics", Topic, "description", "topic", "topics"),
    Kind("question", "content/questions", Question, "answer", "question", "questions"),
    Kind("life-situation", "content/life-situations", LifeSituation, "description", "life situation",
         "life situations"),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
