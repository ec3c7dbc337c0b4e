"""Events, news, materials, questions and answers, life situations: pages, calendars and feeds."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pkc import calendar
from pkc.build import BuildOptions, build

from .conftest import SITES
from .site_checks import page, shown

HELSINKI = ZoneInfo("Europe/Helsinki")


def events_in(calendar_file: Path) -> list:
    return [c for c in icalendar.Calendar.from_ical(calendar_file.read_bytes()).walk("VEVENT")]


def event_titles(document) -> list[str]:
    return [shown(a.get_text()) for a in document.find("main").select(".event-list .card-title a")]


def test_upcoming_and_past_events_follow_the_build_date(multilingual_out: Path, tmp_path: Path) -> None:
    listing = page(multilingual_out, "fi/tapahtumat/")
    assert event_titles(listing) == ["Perhekeskusfoorumi"]  # the past evening is not listed with them
    archive_link = listing.find("main").find("a", string="Menneet tapahtumat")
    assert archive_link["href"] == "arkisto/"
    archive = page(multilingual_out, "fi/tapahtumat/arkisto/")
    assert event_titles(archive) == ["Vanhempainilta verkossa"]
    assert "Tapahtuma on jo päättynyt." in page(multilingual_out, "fi/tapahtumat/vanhempainilta-verkossa/").get_text()
    assert "päättynyt" not in page(multilingual_out, "fi/tapahtumat/perhekeskusfoorumi/").get_text()
    later = tmp_path / "later"
    build(BuildOptions(site_dir=SITES / "multilingual", out_dir=later, today=dt.date(2026, 12, 10)))
    listing = page(later, "fi/tapahtumat/")
    assert "Tulevia tapahtumia ei ole tiedossa." in listing.find("main").get_text()
    # newest first; the page of an event that has ended still exists
    assert event_titles(page(later, "fi/tapahtumat/arkisto/")) == ["Perhekeskusfoorumi", "Vanhempainilta verkossa"]
    assert "Tapahtuma on jo päättynyt." in page(later, "fi/tapahtumat/perhekeskusfoorumi/").get_text()


def test_an_event_page_and_its_calendar_file(multilingual_out: Path) -> None:
    document = page(multilingual_out, "fi/tapahtumat/perhekeskusfoorumi/")
    assert document.find("p", class_="event-when").get_text() == "to 3.12.2026 klo 13.00–16.00"
    assert "Ilmoittautuminen päättyy 30. marraskuuta 2026." in document.find("main").get_text()
    link = document.find("a", class_="calendar-link")
    assert link["href"] == "perhekeskusfoorumi.ics"
    [event] = events_in(multilingual_out / "fi/tapahtumat/perhekeskusfoorumi/perhekeskusfoorumi.ics")
    assert event.decoded("dtstart") == dt.datetime(2026, 12, 3, 13, 0, tzinfo=HELSINKI)
    assert event.decoded("dtend") == dt.datetime(2026, 12, 3, 16, 0, tzinfo=HELSINKI)
    assert str(event["summary"]) == "Perhekeskusfoorumi"
    assert str(event["uid"]) == "event-perhekeskusfoorumi@testi.example"
    assert str(event["location"]) == "Kaksilan perhekeskus, Koulukatu 1, 99100 Kaksila"
    assert str(event["url"]) == "https://testi.example/fi/tapahtumat/perhekeskusfoorumi/"
    swedish = events_in(multilingual_out / "sv/evenemang/perhekeskusfoorumi/perhekeskusfoorumi.ics")
    assert str(swedish[0]["summary"]) == "Familjecenterforum"


def test_subscribable_feeds_per_municipality_and_for_the_site(multilingual_out: Path) -> None:
    def titles(rel: str) -> list[str]:
        return [str(e["summary"]) for e in events_in(multilingual_out / rel)]

    assert titles("fi/tapahtumat/tapahtumat.ics") == ["Vanhempainilta verkossa", "Perhekeskusfoorumi"]
    assert titles("fi/kunnat/kaksila/tapahtumat.ics") == ["Perhekeskusfoorumi"]  # region-wide
    assert titles("fi/kunnat/yksila/tapahtumat.ics") == ["Vanhempainilta verkossa", "Perhekeskusfoorumi"]
    municipality = page(multilingual_out, "sv/kommuner/kaksila/")
    assert municipality.find("a", href="evenemang.ics").get_text() == \
        "Prenumerera på evenemangen i din kalender (iCalendar)"


def test_a_meeting_places_hours_as_a_recurring_calendar(multilingual_out: Path) -> None:
    [weekly] = events_in(multilingual_out / "fi/kohtaamispaikat/perhekahvila-kaksila/perhekahvila-kaksila.ics")
    assert weekly.decoded("dtstart") == dt.datetime(2026, 9, 1, 9, 30, tzinfo=HELSINKI)  # a Tuesday
    assert weekly["rrule"]["FREQ"] == ["WEEKLY"] and weekly["rrule"]["BYDAY"] == ["TU"]
    excluded = sorted(d.dt.date() for d in weekly["exdate"].dts)
    assert excluded == [dt.date(2026, 12, 22), dt.date(2026, 12, 29), dt.date(2027, 1, 5)]  # the Christmas break
    assert str(weekly["summary"]) == "Perhekahvila Kaksi: Vauvakahvila"


def test_news_list_item_and_atom_feed(multilingual_out: Path) -> None:
    listing = page(multilingual_out, "fi/ajankohtaista/")
    assert [shown(a.get_text()) for a in listing.find("main").find_all("h2")] == ["Kaksilan perhekeskus avattiin"]
    item = page(multilingual_out, "sv/aktuellt/uusi-perhekeskus/")
    assert shown(item.find("h1").get_text()) == "Familjecentret i Tvåby har öppnat"
    assert item.find("strong").get_text() == "september"
    feed = ET.parse(multilingual_out / "sv/aktuellt/atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:title", ns).text == "Aktuellt – Testfamiljecentret"
    entry = feed.find("a:entry", ns)
    assert entry.find("a:title", ns).text == "Familjecentret i Tvåby har öppnat"
    assert entry.find("a:link", ns).get("href") == "https://testi.example/sv/aktuellt/uusi-perhekeskus/"
    assert entry.find("a:updated", ns).text == "2026-09-15T00:00:00Z"
    assert "<strong>september</strong>" in entry.find("a:content", ns).text
    head = page(multilingual_out, "fi/").head
    assert head.find("link", type="application/atom+xml")["href"] == "ajankohtaista/atom.xml"
    home = shown(page(multilingual_out, "fi/").find("main").get_text())
    assert "Kaksilan perhekeskus avattiin" in home and "Perhekeskusfoorumi" in home


def test_news_is_paginated(scratch_site, tmp_path: Path) -> None:
    files = {f"content/news/uutinen-{n:02d}.md": f"---\ntitle: Uutinen {n}\ndate: 2026-01-{n:02d}\n"
                                                  f"author: pikkulan-kunta\n---\nTeksti {n}.\n" for n in range(1, 13)}
    site = scratch_site(files)
    out = tmp_path / "out"
    build(BuildOptions(site_dir=site, out_dir=out))
    first = page(out, "fi/ajankohtaista/")
    assert [h.get_text() for h in first.find("main").find_all("h2")][:2] == ["Uutinen 12", "Uutinen 11"]
    assert len(first.find("main").find_all("h2")) == 10
    second = page(out, "fi/ajankohtaista/sivu/2/")
    assert [h.get_text() for h in second.find("main").find_all("h2")] == ["Uutinen 2", "Uutinen 1"]
    nav = second.find("nav", class_="pagination")
    assert nav["aria-label"] == "Sivut"
    assert nav.find("a", attrs={"aria-current": "page"}).get_text() == "Sivu 2"
    assert nav.find("a", rel="prev")["href"] == "../../"


def test_materials_say_their_format_size_and_language(multilingual_out: Path) -> None:
    link = page(multilingual_out, "sv/tjanster/lastenneuvola-kaksila/").find("ul", class_="material-list").find("a")
    size = (multilingual_out / "media/opas.pdf").stat().st_size
    assert link["href"] == "../../../media/opas.pdf" and link["hreflang"] == "fi"
    assert link.get_text() == f"Familjecentrets guide (PDF, {max(1, round(size / 1000))} kB, finska)"
    finnish = page(multilingual_out, "fi/materiaalit/").find("ul", class_="material-list").find("a")
    assert finnish.get_text() == f"Perhekeskuksen opas (PDF, {max(1, round(size / 1000))} kB)"


def test_questions_by_topic_and_a_life_situation(multilingual_out: Path) -> None:
    topic = page(multilingual_out, "fi/kysymykset/kohtaamispaikat/")
    question = topic.find("article", id="kahvilan-aloitus")
    assert shown(question.find("h2").get_text()) == "Miten perhekahvila perustetaan?"
    assert "Vastaaja: Testimaan hyvinvointialue, 20. toukokuuta 2026" in question.get_text()
    situation = page(multilingual_out, "sv/livssituationer/odotamme-vauvaa/")
    text = shown(situation.find("main").get_text(" "))
    assert shown(situation.find("h1").get_text()) == "Vi väntar barn"
    assert "Barnrådgivning" in text  # a service with the life event KE1, included automatically
    assert "Familjecaféet Två" in text and "Familjecentrets guide" in text and "Hur grundar man" in text
    home = page(multilingual_out, "fi/").find("section", attrs={"aria-labelledby": "by-age"})
    assert "Odotamme vauvaa" in [shown(a.get_text()) for a in home.find_all("a")]


def test_an_event_that_ends_before_it_starts(scratch_site) -> None:
    from click.testing import CliRunner

    from pkc.cli import main
    site = scratch_site({"content/events/tapahtuma.yaml": yaml.safe_dump({
        "title": "Tapahtuma", "type": "event", "description": "Kuvaus.", "start": "2026-12-03 13:00",
        "end": "2026-12-03 12:00", "organiser": ["pikkulan-kunta"], "languages": ["fi"]})})
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert "content/events/tapahtuma.yaml:2:6: the event ends (2026-12-03 12:00) before it starts (2026-12-03 13:00)" \
        in result.stderr


def test_events_that_start_at_the_same_time_are_listed_by_name_whatever_order_they_come_in() -> None:
    from types import SimpleNamespace

    from pkc.views.publications import past, upcoming

    at = dt.datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/Helsinki"))
    hours = dt.timedelta(hours=2)
    events = {slug: SimpleNamespace(start=start, end=start + hours) for slug, start in [
        ("b-kerho", at), ("a-kahvila", at), ("c-ilta", at + hours), ("d-aamu", at - dt.timedelta(days=30)),
        ("f-vanha", at - dt.timedelta(days=60)), ("e-vanha", at - dt.timedelta(days=60))]}
    catalog = SimpleNamespace(events=events, only=lambda audience, kind, slugs: tuple(slugs))
    today = dt.date(2026, 11, 23)
    for order in (list(events), list(reversed(events))):
        assert upcoming(catalog, order, today) == ["a-kahvila", "b-kerho", "c-ilta"]
        assert past(catalog, order, today) == ["d-aamu", "e-vanha", "f-vanha"]


# a title as editors write them: any letters, punctuation that iCalendar escapes (, ; \), and lengths around the
# 75 octets at which a line folds, with characters of two and three octets near the fold
_TITLE = st.text(st.sampled_from("aä€ ,;\\:x"), max_size=90).filter(lambda text: text.strip())
_NEAR_THE_FOLD = st.builds(lambda n, end: "a" * n + end, st.integers(60, 70), st.sampled_from(["", "ä", "€", "ä€"]))


@settings(max_examples=300, deadline=None)
@given(name=_TITLE, summary=st.one_of(_TITLE, _NEAR_THE_FOLD))
def test_calendar_files_are_exactly_what_icalendar_writes(name: str, summary: str) -> None:
    """A calendar program reads each title back whole, and the file is the library's own serialisation."""
    event = icalendar.Event()
    event.add("summary", summary)
    event.add("dtstart", dt.datetime(2026, 9, 1, 9, 30, tzinfo=HELSINKI))
    data = calendar._assemble(name, [calendar._to_ical(event)])
    parsed = icalendar.Calendar.from_ical(data)
    assert parsed.to_ical() == data
    assert str(parsed["x-wr-calname"]) == " ".join(name.split())
    assert [str(e["summary"]) for e in parsed.walk("VEVENT")] == [summary]
