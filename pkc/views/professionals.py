"""The section for professionals: what the family centres' staff, NGOs, parishes and volunteers read, apart from
families (the events, news, questions and materials marked `audience: professionals`), in one language."""
from __future__ import annotations

from ..localize import Link
from ..model.publications import PROFESSIONALS
from ..urls import PageKey, atom_path, calendar_path, search_words_path
from .cards import sort_key
from .publications import news_order, past, upcoming


class ProfessionalPages:
    """The pages of the section; mixed into views.pages.Pages with PublicationPages, which provides catalog, loc,
    cards, facets, publications, _crumbs and _view."""

    def _section_crumbs(self):
        return self._crumbs(("professionals", self.loc.t.for_professionals))

    def professionals(self):
        """Upcoming events, news, materials and questions and answers for professionals, marked as theirs."""
        catalog, loc, t = self.catalog, self.loc, self.loc.t
        # a topic for professionals has a page of its own; their questions in a topic of families' are shown here
        topics, answers = [], []
        for slug, topic in sorted(catalog.topics.items(), key=lambda item: (item[1].order, item[0])):
            if catalog.topic_audience(slug) == PROFESSIONALS:
                topics.append({"link": self.cards.link("topic", slug), "count": len(catalog.topic_questions(slug)),
                               "description": loc.summary(None, topic.description)})
                continue
            questions = sorted(catalog.only(PROFESSIONALS, "question",
                                            (q for q, question in catalog.questions.items() if question.topic == slug)),
                               key=lambda q: (catalog.questions[q].date, q), reverse=True)
            if questions:
                answers.append({"anchor": f"topic-{slug}", "name": loc.text(topic.name),
                                "questions": [self.publications.question(q) for q in questions]})
        materials = self.publications.materials(catalog.materials, PROFESSIONALS)
        return self._view(
            PageKey("professionals"), "professionals.html", t.for_professionals, t.professionals_lead,
            self._crumbs(),
            {
                "events": self.publications.events(upcoming(catalog, catalog.events, loc.today, PROFESSIONALS)),
                "calendar": calendar_path("professionals", "", loc.lang),
                "archive": Link(self.cards.path("professional-archive"), t.professionals_past_events),
                "news": [self.publications.news(s) for s in news_order(catalog, None, PROFESSIONALS)],
                "feed": atom_path(loc.lang, PROFESSIONALS),
                "materials": sorted(materials, key=lambda m: sort_key(m.title)),
                "topics": topics,
                "answers": answers,
                "search": Link(self.cards.path("professional-search"), t.professionals_search),
            },
            search=self.facets.professionals(),
        )

    def professional_archive(self):
        """Professionals' past events, newest first."""
        t = self.loc.t
        events = past(self.catalog, self.catalog.events, self.loc.today, PROFESSIONALS)
        return self._view(PageKey("professional-archive"), "event_archive.html", t.professionals_past_events,
                          t.professionals_past_events, self._section_crumbs(),
                          {"events": self.publications.events(events), "for_professionals": True})

    def professional_search(self):
        """The search page again, over the pages for professionals only."""
        t = self.loc.t
        return self._view(PageKey("professional-search"), "search.html", t.professionals_search,
                          t.professionals_search, self._section_crumbs(),
                          {"filters": self.facets.choices(PROFESSIONALS),
                           "words": search_words_path(self.loc.lang, PROFESSIONALS),
                           "scope": self.facets.scope(PROFESSIONALS),
                           "browse": [Link(self.cards.path("professionals"), t.for_professionals)]})
