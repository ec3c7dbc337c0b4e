"""iCalendar files (RFC 5545): one per event, feeds of events, and meeting places' weekly hours as recurring events."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from .catalog import Catalog
from .incremental.tracking import memo
from .localize import Localizer
from .markdown import plain_lines
from .model.publications import FAMILIES, PROFESSIONALS
from .model.schedule import DAYS
from .model.timefields import HELSINKI
from .urls import PageKey, Site, page_path

PRODID = "-//pkc//electronic family centre//EN"
_ICAL_DAYS = {"mo": "MO", "tu": "TU", "we": "WE", "th": "TH", "fr": "FR", "sa": "SA", "su": "SU"}


def _line(text: str) -> str:
    """A one-line value: a title written over several lines becomes one line."""
    return " ".join(text.split())


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _line(name))
    calendar.add("x-wr-timezone", HELSINKI)
    calendar.add("x-lic-location", HELSINKI)
    return calendar


@cache
def _helsinki() -> bytes:
    """Europe/Helsinki as a VTIMEZONE with the EU summer-time rule (in force since 1996), as calendar
    programs write it: two yearly rules instead of a list of every change from 1970 to 2038."""
    zone = Timezone()
    zone.add("tzid", HELSINKI)
    for kind, name, start, offset_from, offset_to, month in [
        (TimezoneDaylight, "EEST", dt.datetime(1996, 3, 31, 3, 0), 2, 3, 3),
        (TimezoneStandard, "EET", dt.datetime(1996, 10, 27, 4, 0), 3, 2, 10),
    ]:
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", dt.timedelta(hours=offset_from))
        part.add("tzoffsetto", dt.timedelta(hours=offset_to))
        part.add("rrule", vRecur({"freq": "yearly", "bymonth": month, "byday": "-1SU"}))
        zone.add_component(part)
    return zone.to_ical()


def _stamp(today: dt.date) -> dt.datetime:
    # DTSTAMP must be a time: the build date keeps the same input building the same bytes
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)


def _host(site: Site) -> str:
    return site.base_url.split("://", 1)[-1].split("/", 1)[0]


def _event_component(catalog: Catalog, loc: Localizer, site: Site, slug: str) -> Event:
    event = catalog.events[slug]
    component = Event()
    component.add("uid", f"event-{slug}@{_host(site)}")
    component.add("dtstamp", _stamp(loc.today))
    component.add("dtstart", event.start)
    component.add("dtend", event.end)
    component.add("summary", _line(loc.text(event.title).text))
    url = site.absolute(page_path(PageKey("event", slug), loc.lang))
    description = plain_lines(event.description.pick(loc.lang, loc.fallbacks)[0])
    component.add("description", f"{description}\n\n{url}")
    component.add("url", url)
    where = _event_location(catalog, loc, slug)
    if where:
        component.add("location", _line(where))
    component.add("categories", [loc.code("event_types", event.type)])
    return component


def _event_location(catalog: Catalog, loc: Localizer, slug: str) -> str | None:
    event = catalog.events[slug]
    if event.place:
        place = catalog.places[event.place]
        address = loc.address(place.address, catalog.municipalities[place.municipality].name, None)
        return f"{loc.text(place.name).text}, {address.one_line}"
    if event.location:
        location = catalog.locations[event.location]
        address = loc.address(location.address, catalog.municipalities[location.municipality].name, None)
        return f"{loc.text(location.name).text}, {address.one_line}"
    if event.address is not None and event.municipality:
        return loc.address(event.address, catalog.municipalities[event.municipality].name, None).one_line
    return event.online_url


_BEGIN, _END = b"BEGIN:VCALENDAR\r\n", b"END:VCALENDAR\r\n"
_NAME_MARK = "pkc-calendar-name"


@cache
def _head_around_name() -> tuple[bytes, bytes]:
    """The calendar's own lines before and after its name's line (their order does not depend on the name)."""
    head = _calendar(_NAME_MARK).to_ical()
    before, mark, after = head.partition(_name_line(_NAME_MARK))
    assert mark and after.endswith(_END)
    return before, after[: -len(_END)]


# icalendar folds a content line at 75 octets (RFC 5545 3.1): a shorter line is written as it is
_FOLD_AT = 75


def _to_ical(component: Component) -> bytes:
    """component.to_ical(), with only the lines that need folding handed to the library's folding.

    Folding goes character by character in Python and was a third of a calendar's time, for lines that are
    nearly all shorter than 75 octets and come out of it unchanged.
    """
    lines = []
    for line in component.content_lines():
        if line:  # as Contentlines.to_ical: the list ends with an empty line
            data = line.encode("utf-8")
            lines.append(data if len(data) < _FOLD_AT else line.to_ical())
    return b"\r\n".join(lines) + b"\r\n"


def _name_line(name: str) -> bytes:
    """X-WR-CALNAME as icalendar writes it: escaped and folded (a calendar of that line alone, unwrapped)."""
    only = Calendar()
    only.add("x-wr-calname", _line(name))
    lines = _to_ical(only)
    assert lines.startswith(_BEGIN) and lines.endswith(_END)
    return lines[len(_BEGIN): -len(_END)]


def _assemble(name: str, components: Iterable[bytes]) -> bytes:
    """The calendar's own lines, the time zone the events refer to, then the already serialised components.

    Only the name's line is made per file: the calendar's other lines are the same in every file.
    """
    before, after = _head_around_name()
    return before + _name_line(name) + after + _helsinki() + b"".join(components) + _END


class Calendars:
    """The calendar files of one language. Every event is serialised once and reused by the three files it is
    in (its own, the site's and its municipality's)."""

    def __init__(self, catalog: Catalog, loc: Localizer, site: Site):
        self.catalog, self.loc, self.site = catalog, loc, site
        self._events: dict = {}

    def file(self, kind: str, slug: str) -> bytes:
        """The iCalendar file of `kind` ('site', 'professionals', 'event', 'municipality' or 'place')."""
        catalog, loc = self.catalog, self.loc
        if kind == "site":  # families' events: professionals' have a calendar of their own
            return self.events(catalog.only(FAMILIES, "event"), loc.text(catalog.site.name).text)
        if kind == "professionals":
            return self.events(catalog.only(PROFESSIONALS, "event"),
                               f"{loc.t.for_professionals} – {loc.text(catalog.site.name).text}")
        if kind == "event":
            return self.events([slug], loc.text(catalog.events[slug].title).text)
        if kind == "municipality":
            name = loc.text(catalog.municipalities[slug].name).text
            return self.events(catalog.events_by_municipality.get(slug, ()), f"{loc.t.events} – {name}")
        calendar = place_calendar(catalog, loc, self.site, slug)
        assert calendar is not None  # calendar_files() lists only places with a schedule
        return calendar

    def events(self, slugs: Iterable[str], name: str) -> bytes:
        """An iCalendar file of the given events (one event, or a subscribable feed)."""
        events = self.catalog.events
        return _assemble(name, (self._event(slug) for slug in sorted(slugs, key=lambda s: (events[s].start, s))))

    def _event(self, slug: str) -> bytes:
        # a memo: in a cached build every calendar that reuses the event depends on what it was made from
        return memo(self._events, slug,
                    lambda: _to_ical(_event_component(self.catalog, self.loc, self.site, slug)))


def _first_on_or_after(day: dt.date, weekday: str) -> dt.date:
    return day + dt.timedelta(days=(DAYS.index(weekday) - day.weekday()) % 7)


def place_calendar(catalog: Catalog, loc: Localizer, site: Site, slug: str) -> bytes | None:
    """A meeting place's weekly hours as recurring events, with its closed days left out."""
    place = catalog.places[slug]
    schedule = place.schedule
    if schedule is None:
        return None
    zone = ZoneInfo(HELSINKI)
    name = loc.text(place.name).text
    components: list[Event] = []
    # the series starts from a date in the content, never from the clock
    anchor = schedule.valid_from or place.last_reviewed
    url = site.absolute(page_path(PageKey("place", slug), loc.lang))
    municipality = catalog.municipalities[place.municipality].name
    where = f"{name}, {loc.address(place.address, municipality, None).one_line}"
    for index, hours in enumerate(schedule.weekly):
        first = min(_first_on_or_after(anchor, day) for day in hours.days)
        component = Event()
        component.add("uid", f"place-{slug}-{index + 1}@{_host(site)}")
        component.add("dtstamp", _stamp(loc.today))
        component.add("dtstart", dt.datetime.combine(first, hours.opens, zone))
        component.add("dtend", dt.datetime.combine(first, hours.closes, zone))
        rule = {"freq": "weekly", "byday": [_ICAL_DAYS[day] for day in hours.days]}
        if schedule.valid_to:
            rule["until"] = dt.datetime.combine(schedule.valid_to, dt.time(23, 59), zone).astimezone(dt.UTC)
        component.add("rrule", vRecur(rule))
        closed = sorted({dt.datetime.combine(day, hours.opens, zone) for exc in schedule.exceptions
                         for day in _days_between(exc.first_day, exc.last_day) if day.weekday() in
                         [DAYS.index(d) for d in hours.days] and day >= first})
        if closed:
            component.add("exdate", closed)
        summary = f"{name}: {loc.text(hours.note).text}" if hours.note else name
        component.add("summary", _line(summary))
        component.add("location", _line(where))
        component.add("url", url)
        components.append(component)
    for index, exc in enumerate(schedule.exceptions):
        if exc.closed or exc.opens is None or exc.closes is None:
            continue
        for day in _days_between(exc.first_day, exc.last_day):
            component = Event()
            component.add("uid", f"place-{slug}-extra-{index + 1}-{day.isoformat()}@{_host(site)}")
            component.add("dtstamp", _stamp(loc.today))
            component.add("dtstart", dt.datetime.combine(day, exc.opens, zone))
            component.add("dtend", dt.datetime.combine(day, exc.closes, zone))
            component.add("summary", _line(f"{name}: {loc.text(exc.note).text}" if exc.note else name))
            component.add("location", _line(where))
            component.add("url", url)
            components.append(component)
    return _assemble(name, (_to_ical(component) for component in components))


def _days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def calendar_files(catalog: Catalog) -> list[tuple[str, str]]:
    """Every calendar file of the site, per language: (kind, slug) as urls.calendar_path names them."""
    files = [("site", "")] + [("event", slug) for slug in catalog.events]
    if catalog.has_professionals:
        files.append(("professionals", ""))
    files += [("municipality", slug) for slug in catalog.municipalities]
    files += [("place", slug) for slug, place in catalog.places.items() if place.schedule is not None]
    return files
