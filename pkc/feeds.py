"""The Atom feeds (RFC 4287) of news, one per language: families', and professionals' in their section."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from .catalog import Catalog
from .localize import Localizer
from .model.publications import FAMILIES, PROFESSIONALS
from .textchars import xml_safe
from .urls import PageKey, Site, atom_path, page_path
from .views.publications import news_order

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 20


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    # ElementTree writes any character, XML 1.0 does not allow: a control character that slipped past the checks of
    # content would make the whole feed unreadable to every feed reader, so none is written.
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {name: xml_safe(value) for name, value in attributes.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def news_feed(catalog: Catalog, loc: Localizer, site: Site, audience: str = FAMILIES) -> bytes:
    """The latest news for `audience` in the language of `loc`, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": loc.lang})
    slugs = news_order(catalog, None, audience)[:FEED_SIZE]
    self_url = site.absolute(atom_path(loc.lang, audience))
    professionals = audience == PROFESSIONALS
    _add(feed, "id", self_url)
    title = f"{loc.t.news} – {loc.t.for_professionals}" if professionals else loc.t.news
    _add(feed, "title", f"{title} – {loc.text(catalog.site.name).text}")
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    news_list = site.absolute(page_path(PageKey("professionals" if professionals else "news-index"), loc.lang))
    _add(feed, "link", rel="alternate", type="text/html", href=news_list)
    newest = max((catalog.news[s].date for s in slugs), default=catalog.site.accessibility.prepared)
    _add(feed, "updated", _timestamp(newest))
    publisher = catalog.organisations.get(catalog.site.publisher)
    if publisher is not None:
        _add(_add(feed, "author"), "name", loc.text(publisher.name).text)
    for slug in slugs:
        item = catalog.news[slug]
        url = site.absolute(page_path(PageKey("news", slug), loc.lang))
        entry = _add(feed, "entry")
        _add(entry, "id", url)
        title, lang = item.title.pick(loc.lang, loc.fallbacks)
        _add(entry, "title", title, **({"xml:lang": lang} if lang != loc.lang else {}))
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "published", _timestamp(item.date))
        _add(entry, "updated", _timestamp(item.date))
        _add(_add(entry, "author"), "name", loc.text(catalog.organisations[item.author].name).text)
        summary = loc.summary(item.summary, item.body)
        if summary is not None:
            _add(entry, "summary", summary.text)
        body = loc.markdown(item.body, 2)
        _add(entry, "content", str(body.text) if body else "", type="html")  # plain str: Markup would re-escape
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
