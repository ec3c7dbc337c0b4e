"""Pages for events, news, materials, questions and answers, and life situations, in one language."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..catalog import Catalog
from ..incremental.tracking import memo
from ..localize import AddressView, Link, Localizer, Shown, ShownHtml
from ..model.publications import FAMILIES, PROFESSIONALS
from ..urls import PageKey, calendar_path, media_path, page_path
from .cards import Cards, sort_key
from .essentials import helplines

NEWS_PER_PAGE = 10


@dataclass(frozen=True)
class EventCard:
    url: str
    title: Shown
    type: str
    when: str
    where: Shown | str
    summary: Shown | None


@dataclass(frozen=True)
class NewsCard:
    url: str
    title: Shown
    date: str
    author: Shown
    summary: Shown | None


@dataclass(frozen=True)
class MaterialLink:
    href: str
    title: Shown
    details: str  # "PDF, 240 kB"
    lang: str
    description: Shown | None


@dataclass(frozen=True)
class QuestionView:
    anchor: str
    question: Shown
    answer: ShownHtml
    answered: str
    topic: Link


# Every list below is families' unless it asks for professionals': an item for professionals is never listed by
# accident on a family's page.

def upcoming(catalog: Catalog, slugs, today: dt.date, audience: str = FAMILIES) -> list[str]:
    """Events for `audience` that have not ended by the build date, soonest first."""
    return sorted((s for s in catalog.only(audience, "event", slugs) if catalog.events[s].end.date() >= today),
                  key=lambda s: (catalog.events[s].start, s))


def past(catalog: Catalog, slugs, today: dt.date, audience: str = FAMILIES) -> list[str]:
    """Events for `audience` that ended before the build date, latest first."""
    # by name first: events that start at the same time keep that order (a set's order changes between runs)
    return sorted(sorted(s for s in catalog.only(audience, "event", slugs) if catalog.events[s].end.date() < today),
                  key=lambda s: catalog.events[s].start, reverse=True)


def news_order(catalog: Catalog, slugs=None, audience: str = FAMILIES) -> list[str]:
    """News items for `audience` newest first (then by name, so that the order never depends on the file system)."""
    return sorted(catalog.only(audience, "news", slugs), key=lambda s: (catalog.news[s].date, s), reverse=True)


def news_page_count(catalog: Catalog) -> int:
    return max(1, -(-len(catalog.only(FAMILIES, "news")) // NEWS_PER_PAGE))


def life_situation_order(catalog: Catalog) -> list[str]:
    return sorted(catalog.life_situations, key=lambda s: (catalog.life_situations[s].order, s))


class PublicationCards:
    """Cards and links for events, news, materials and questions."""

    def __init__(self, catalog: Catalog, loc: Localizer, cards: Cards):
        self.catalog = catalog
        self.loc = loc
        self.cards = cards

    def where(self, slug: str) -> Shown | str:
        event = self.catalog.events[slug]
        if event.place:
            return self.loc.text(self.catalog.places[event.place].name)
        if event.location:
            return self.loc.text(self.catalog.locations[event.location].name)
        if event.municipality:
            return self.cards.municipality_name(event.municipality)
        return self.loc.t.online

    def event(self, slug: str) -> EventCard:
        event = self.catalog.events[slug]
        return EventCard(self.cards.path("event", slug), self.loc.text(event.title),
                         self.loc.code("event_types", event.type), self.loc.event_time(event.start, event.end),
                         self.where(slug), self.loc.summary(event.summary, event.description))

    def events(self, slugs) -> list[EventCard]:
        return [self.event(slug) for slug in slugs]

    def news(self, slug: str) -> NewsCard:
        item = self.catalog.news[slug]
        return NewsCard(self.cards.path("news", slug), self.loc.text(item.title), self.loc.date(item.date),
                        self.loc.text(self.catalog.organisations[item.author].name),
                        self.loc.summary(item.summary, item.body))

    def material(self, slug: str) -> MaterialLink:
        material = self.catalog.materials[slug]
        kind = PurePosixPath(material.file).suffix.lstrip(".").upper() or "FILE"
        details = f"{kind}, {self.loc.file_size(self.catalog.media[material.file])}"
        if material.language != self.loc.lang:
            details += f", {self.loc.language_name(material.language)}"
        return MaterialLink(media_path(material.file), self.loc.text(material.title), details, material.language,
                            self.loc.maybe(material.description))

    def materials(self, slugs, audience: str = FAMILIES) -> list[MaterialLink]:
        return [self.material(slug) for slug in self.catalog.only(audience, "material", slugs)]

    def question(self, slug: str) -> QuestionView:
        question = self.catalog.questions[slug]
        answered_by = self.loc.text(self.catalog.organisations[question.answered_by].name).text
        return QuestionView(slug, self.loc.text(question.question), self.loc.markdown(question.answer, 3),
                            self.loc.t.fmt("answered", by=answered_by, date=self.loc.date(question.date)),
                            self.cards.link("topic", question.topic))


class PublicationPages:
    """The publication pages; mixed into views.pages.Pages, which provides catalog, loc, t, cards and facets."""

    catalog: Catalog
    loc: Localizer
    cards: Cards

    @property
    def publications(self) -> PublicationCards:
        return PublicationCards(self.catalog, self.loc, self.cards)

    def _view(self, *args, **kwargs):  # the PageView constructor, imported late to avoid a cycle
        from .pages import PageView
        return PageView(*args, **kwargs)

    # --- events --------------------------------------------------------------------------------------

    def event_index(self):
        t = self.loc.t
        return self._view(PageKey("event-index"), "event_index.html", t.events, t.upcoming_events,
                          self._crumbs(), {
                              "upcoming": self.publications.events(
                                  upcoming(self.catalog, self.catalog.events, self.loc.today)),
                              "calendar": calendar_path("site", "", self.loc.lang),
                              "archive": Link(self.cards.path("event-archive"), t.past_events)})

    def event_archive(self):
        """Families' past events, newest first: the only list they stay on once they have ended."""
        t = self.loc.t
        return self._view(PageKey("event-archive"), "event_archive.html", t.past_events, t.past_events,
                          self._crumbs(("event-index", t.events)), {
                              "events": self.publications.events(past(self.catalog, self.catalog.events,
                                                                      self.loc.today)),
                              "for_professionals": False})

    def event(self, slug: str):
        catalog, loc = self.catalog, self.loc
        event = catalog.events[slug]
        address: AddressView | None = None
        if event.address is not None and event.municipality:
            address = loc.address(event.address, catalog.municipalities[event.municipality].name, None)
        location = self.cards.location(event.location) if event.location else None
        place = self.cards.link("place", event.place) if event.place else None
        place_address = None
        if event.place:
            venue = catalog.places[event.place]
            place_address = loc.address(venue.address, catalog.municipalities[venue.municipality].name,
                                        venue.coordinates)
        professional = event.audience == PROFESSIONALS
        return self._view(
            PageKey("event", slug), "event.html", loc.text(event.title),
            self._description(loc.summary(event.summary, event.description)),
            self._crumbs(("professionals", loc.t.for_professionals) if professional else ("event-index", loc.t.events)),
            {
                "for_professionals": professional,
                "lead": loc.maybe(event.summary),
                "body": loc.markdown(event.description, 3),
                "type": loc.code("event_types", event.type),
                "when": loc.event_time(event.start, event.end),
                "past": event.end.date() < loc.today,
                "place": place, "place_address": place_address, "location": location, "address": address,
                "online_url": event.online_url,
                "organisers": [self.cards.link("organisation", o) for o in event.organiser],
                "area": self.cards.links("municipality", event.municipalities),
                "region": self.cards.link("region", event.region) if event.region else None,
                "audiences": [self.cards.code_link("audience", a) for a in event.audiences or ()],
                "audience_details": loc.maybe(event.audience_details),
                "registration": loc.markdown(event.registration, 3),
                "registration_url": event.registration_url,
                "deadline": loc.t.fmt("registration_deadline", date=loc.date(event.registration_deadline))
                if event.registration_deadline else None,
                "cost": loc.code("costs", event.cost), "cost_details": loc.maybe(event.cost_details),
                "languages": [loc.language_name(code) for code in event.languages],
                "calendar": calendar_path("event", slug, loc.lang),
            },
            search=self.facets.event(slug),
        )

    # --- news ----------------------------------------------------------------------------------------

    def news_index(self, number: int = 1):
        t = self.loc.t
        count = news_page_count(self.catalog)
        ordered = news_order(self.catalog)[(number - 1) * NEWS_PER_PAGE:number * NEWS_PER_PAGE]
        pages = [Link(news_list_path(n, self.loc.lang), t.fmt("page_n", n=n)) for n in range(1, count + 1)]
        key = PageKey("news-index") if number == 1 else PageKey("news-page", str(number))
        title = t.news if number == 1 else f"{t.news} – {t.fmt('page_n', n=number)}"
        return self._view(key, "news_index.html", title, t.latest_news, self._crumbs(), {
            "entries": [self.publications.news(slug) for slug in ordered],
            "pages": pages, "current": number,
            "previous": pages[number - 2] if number > 1 else None,
            "next": pages[number] if number < count else None,
        })

    def news_page(self, number: str):
        return self.news_index(int(number))

    def news(self, slug: str):
        catalog, loc = self.catalog, self.loc
        item = catalog.news[slug]
        professional = item.audience == PROFESSIONALS
        return self._view(
            PageKey("news", slug), "news.html", loc.text(item.title),
            self._description(loc.summary(item.summary, item.body)),
            self._crumbs(("professionals", loc.t.for_professionals) if professional else ("news-index", loc.t.news)),
            {
                "for_professionals": professional,
                "lead": loc.maybe(item.summary),
                "body": loc.markdown(item.body, 2),
                "date": loc.t.fmt("published", date=loc.date(item.date)),
                "author": self.cards.link("organisation", item.author),
                "municipalities": self.cards.links("municipality", item.municipalities),
            },
            search=self.facets.news(slug),
        )

    # --- materials, questions, life situations -------------------------------------------------------

    def material_index(self):
        t = self.loc.t
        materials = sorted(self.publications.materials(self.catalog.materials), key=lambda m: sort_key(m.title))
        return self._view(PageKey("material-index"), "material_index.html", t.materials, t.materials,
                          self._crumbs(), {"materials": materials})

    def topic_index(self):
        t = self.loc.t
        topics = [{"link": self.cards.link("topic", slug),
                   "count": len(self.catalog.questions_by_topic.get(slug, ())),
                   "description": self.loc.summary(None, topic.description)}
                  for slug, topic in sorted(self.catalog.topics.items(), key=lambda i: (i[1].order, i[0]))
                  if self.catalog.topic_audience(slug) == FAMILIES]
        return self._view(PageKey("topic-index"), "topic_index.html", t.questions, t.questions, self._crumbs(),
                          {"topics": topics})

    def topic(self, slug: str):
        topic = self.catalog.topics[slug]
        # a topic whose every question is for professionals is theirs: marked, and reached from their section
        professional = self.catalog.topic_audience(slug) == PROFESSIONALS
        t = self.loc.t
        crumb = ("professionals", t.for_professionals) if professional else ("topic-index", t.questions)
        return self._view(PageKey("topic", slug), "topic.html", self.loc.text(topic.name),
                          self._description(self.loc.summary(None, topic.description)), self._crumbs(crumb),
                          {"body": self.loc.markdown(topic.description, 2), "for_professionals": professional,
                           "questions": [self.publications.question(q) for q in self.catalog.topic_questions(slug)]},
                          search=self.facets.topic(slug))

    def life_situation_index(self):
        t = self.loc.t
        situations = [{"link": self.cards.link("life-situation", slug),
                       "summary": self.loc.text(self.catalog.life_situations[slug].summary)}
                      for slug in life_situation_order(self.catalog)]
        return self._view(PageKey("life-situation-index"), "life_situation_index.html", t.life_situations,
                          t.home_by_age, self._crumbs(), {"situations": situations})

    def _helplines(self, situation) -> list:
        """The situation's own helplines in its order; every helpline on a sensitive page that names none."""
        lines = {line.phone.href: line for line in helplines(self.catalog, self.loc)}
        if situation.helplines:
            return [lines[f"tel:{number.e164}"] for number in situation.helplines]
        return list(lines.values()) if situation.sensitive else []

    def life_situation(self, slug: str):
        catalog = self.catalog
        situation = catalog.life_situations[slug]
        return self._view(
            PageKey("life-situation", slug), "life_situation.html", self.loc.text(situation.name),
            self.loc.text(situation.summary).text, self._crumbs(("life-situation-index", self.loc.t.life_situations)),
            self._situation_data(slug, None), search=self.facets.life_situation(slug))

    def life_situation_local(self, key: str):
        """A life situation narrowed to one municipality: a page to share, and the choice without JavaScript."""
        slug, municipality = key.split("/")
        situation = self.catalog.life_situations[slug]
        name = self.loc.text(situation.name)
        place = self.loc.text(self.catalog.municipalities[municipality].name)
        crumbs = self._crumbs(("life-situation-index", self.loc.t.life_situations))
        return self._view(
            PageKey("life-situation-local", key), "life_situation.html", f"{name.text}: {place.text}",
            self.loc.text(situation.summary).text, crumbs + (self.cards.link("life-situation", slug),),
            self._situation_data(slug, municipality))

    def _situation_data(self, slug: str, municipality: str | None) -> dict:
        catalog = self.catalog
        situation = catalog.life_situations[slug]
        services = set(situation.services)
        if situation.life_event:
            services.update(catalog.services_by_life_event.get(situation.life_event, ()))
        places = list(situation.places)
        if municipality is not None:
            services = {s for s in services if municipality in catalog.service_area(s)}
            places = [p for p in places if catalog.places[p].municipality == municipality]
        return {
            "lead": self.loc.text(situation.summary),
            "body": self.loc.markdown(situation.description, 2),
            "service_groups": self._rows_by_category(sorted(services)),
            "places": self.cards.place_cards(places),
            "materials": self.publications.materials(situation.materials),
            "questions": [self.publications.question(q)
                          for q in catalog.only(FAMILIES, "question", situation.questions)],
            "sensitive": situation.sensitive,
            "helplines": self._helplines(situation),
            "municipality": self.cards.link("municipality", municipality) if municipality else None,
            "general": self.cards.link("life-situation", slug),
            "local_pages": self._local_pages(slug),
        }

    def _local_pages(self, slug: str) -> list[dict]:
        """The situation's page in each municipality, grouped by region, for the choice without JavaScript."""
        return memo(self.__dict__.setdefault("_local_pages_cache", {}), slug, lambda: self._local_page_groups(slug))

    def _local_page_groups(self, slug: str) -> list[dict]:
        groups = []
        for region, municipalities in self.catalog.municipalities_by_region.items():
            links = [Link(self.cards.path("life-situation-local", f"{slug}/{m}"),
                          self.cards.link("municipality", m).label) for m in municipalities]
            groups.append({"region": self.cards.link("region", region).label,
                           "links": sorted(links, key=lambda link: sort_key(link.label))})
        return sorted(groups, key=lambda group: sort_key(group["region"]))


def news_list_path(number: int, lang: str) -> str:
    return page_path(PageKey("news-index") if number == 1 else PageKey("news-page", str(number)), lang)
