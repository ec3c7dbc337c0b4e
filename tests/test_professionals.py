"""Families apart from professionals: what is marked `audience: professionals` is listed only in its own section,
and past events only in the archive, as a family and a professional see the built example."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from pkc.build import BuildOptions, build, check
from pkc.cli import main

from .conftest import TODAY
from .site_checks import indexed_pages, shown
from .test_search_browser import all_results, results


def page(out: Path, rel: str) -> BeautifulSoup:
    """A built page as a reader sees its words: headings' soft hyphens (pkc/hyphenate.py) left out."""
    path = out / rel / "index.html" if not rel.endswith(".html") else out / rel
    return BeautifulSoup(shown(path.read_text(encoding="utf-8").replace("&shy;", "")), "html.parser")


FORUM = "lansi-uudenmaan-perhekeskusfoorumi-2026"  # an upcoming forum in Lohja, for the whole of Länsi-Uusimaa
FORUM_TITLE = "Länsi-Uudenmaan perhekeskusfoorumi"
STAFF_NEWS = "ita-uudenmaan-foorumin-yhteenveto"  # a forum's summary, about Porvoo, Loviisa and Sipoo
FAMILY_PAST = "muuramen-perhekeskuksen-avoimet-ovet"  # open doors in Muurame, 5 September 2026
STAFF_PAST = "keski-suomen-perhekeskusfoorumi-syksy-2026"  # a forum in Jyväskylä, 8 October 2026
ATOM = "{http://www.w3.org/2005/Atom}"


def event_links(document) -> list[str]:
    """Where the event lists of a page's main content lead."""
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in document.find("main").select(".event-list a")]


def news_links(document) -> list[str]:
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in document.find("main").select(".news-list a")]


def calendar_uids(path: Path) -> set[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["uid"]).split("@")[0].removeprefix("event-") for event in calendar.walk("VEVENT")}


def feed_links(path: Path) -> list[str]:
    entries = ET.parse(path).getroot().iter(f"{ATOM}entry")
    return [entry.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[-1] for entry in entries]


def test_a_professional_event_is_in_the_professionals_section_and_nowhere_a_family_looks(example_out: Path) -> None:
    section = page(example_out, "fi/ammattilaisille/")
    assert FORUM in event_links(section)
    assert "perhekeskusten ammattilaisille" in section.find("p", class_="notice").get_text()
    for family_page in ("fi/", "fi/tapahtumat/", "fi/kunnat/lohja/", "fi/kunnat/hanko/", "fi/alueet/lansi-uusimaa/",
                        "fi/kohtaamispaikat/lohja-mll-perhekahvila/"):
        document = page(example_out, family_page)
        assert FORUM not in event_links(document), family_page
        assert FORUM_TITLE not in document.find("main").get_text(), family_page
    home = page(example_out, "fi/")
    assert len(event_links(home)) == 3  # the three soonest family events, none of them a staff forum
    assert not set(event_links(home)) & set(event_links(section))


def test_a_professional_event_page_says_so_and_leads_back_through_the_section(example_out: Path) -> None:
    document = page(example_out, f"fi/tapahtumat/{FORUM}/")
    assert document.find("p", class_="for-professionals").get_text() == "Ammattilaisille"
    crumbs = [a.get_text() for a in document.select(".breadcrumbs a")]
    assert crumbs == ["Etusivu", "Ammattilaisille", FORUM_TITLE]
    assert document.select(".breadcrumbs a")[1]["href"] == "../../ammattilaisille/"
    swedish = page(example_out, f"sv/evenemang/{FORUM}/")
    assert swedish.find("p", class_="for-professionals").get_text() == "För yrkesverksamma"
    news = page(example_out, f"fi/ajankohtaista/{STAFF_NEWS}/")
    assert news.find("p", class_="for-professionals").get_text() == "Ammattilaisille"
    family_event = page(example_out, "fi/tapahtumat/someron-perhepirtin-pikkujoulu/")
    assert family_event.find("p", class_="for-professionals") is None
    assert [a.get_text() for a in family_event.select(".breadcrumbs a")][1] == "Tapahtumat"


def test_the_section_is_linked_from_the_footer_not_the_main_menu(example_out: Path) -> None:
    for rel, label, href in (("fi/", "Ammattilaisille", "ammattilaisille/"),
                             ("sv/", "För yrkesverksamma", "for-yrkesverksamma/"),
                             ("en/", "For professionals", "for-professionals/")):
        document = page(example_out, rel)
        assert label in [a.get_text() for a in document.find("footer").find_all("a")]
        assert label not in [a.get_text() for a in document.select(".main-nav a")]
        assert page(example_out, rel + href).find("h1").get_text() == label


def test_professional_news_leave_families_news_and_feed(example_out: Path) -> None:
    assert STAFF_NEWS not in news_links(page(example_out, "fi/ajankohtaista/"))
    assert STAFF_NEWS not in news_links(page(example_out, "fi/kunnat/porvoo/"))
    assert STAFF_NEWS not in news_links(page(example_out, "fi/"))
    assert STAFF_NEWS in news_links(page(example_out, "fi/ammattilaisille/"))
    assert STAFF_NEWS not in feed_links(example_out / "fi/ajankohtaista/atom.xml")
    assert STAFF_NEWS in feed_links(example_out / "fi/ammattilaisille/atom.xml")
    assert "joulun-aukioloajat-2026" not in feed_links(example_out / "fi/ammattilaisille/atom.xml")


def test_families_calendars_leave_out_professional_events_which_have_their_own(example_out: Path) -> None:
    site = calendar_uids(example_out / "fi/tapahtumat/tapahtumat.ics")
    professionals = calendar_uids(example_out / "fi/ammattilaisille/tapahtumat.ics")
    assert FORUM in professionals and FORUM not in site
    assert "someron-perhepirtin-pikkujoulu" in site and "someron-perhepirtin-pikkujoulu" not in professionals
    assert FORUM not in calendar_uids(example_out / "fi/kunnat/lohja/tapahtumat.ics")
    assert len(site) + len(professionals) == 38
    assert (example_out / f"fi/tapahtumat/{FORUM}/{FORUM}.ics").is_file()  # the event's own file stays


def test_professional_materials_and_answers_are_only_in_their_section(example_out: Path) -> None:
    materials = [a.get_text() for a in page(example_out, "fi/materiaalit/").select(".material-list a")]
    assert not any("Perhekahvilan ohjaajan opas" in title for title in materials)
    assert any("Neuvolan terveystarkastukset" in title for title in materials)
    section = page(example_out, "fi/ammattilaisille/")
    assert "Perhekahvilan ohjaajan opas" in section.select_one("#professional-materials").get_text()
    # the staff's question that ended the page of a life situation is in the professionals' topic instead
    staff_question = "Pitääkö avoimessa kohtaamispaikassa olla aina ammattilainen paikalla"
    situation = page(example_out, "fi/elamantilanteet/lapsi-alle-kouluikainen/")
    assert staff_question not in situation.get_text() and "Voinko tulla perhekahvilaan" in situation.get_text()
    # a topic whose every question is for professionals is theirs: listed in their section, not in families' list
    topics = [a.get_text() for a in page(example_out, "fi/kysymykset/").find("main").find_all("a")]
    assert topics == ["Apua ja tukea arkeen"]
    assert "Kohtaamispaikat" in [a.get_text() for a in section.select("#professional-questions a")]
    topic = page(example_out, "fi/kysymykset/kohtaamispaikat/")
    assert staff_question in topic.get_text()
    assert topic.find("p", class_="for-professionals").get_text() == "Ammattilaisille"
    assert [a.get_text() for a in topic.select(".breadcrumbs a")][:2] == ["Etusivu", "Ammattilaisille"]


def test_professional_questions_of_a_families_topic_are_answered_in_the_section(scratch_site, tmp_path) -> None:
    site = scratch_site({"content/questions/vapaaehtoisten-tuki.yaml": {
        "question": {"fi": "Miten tuemme perhekahvilan vapaaehtoisia?", "sv": "Hur stöder vi frivilliga?"},
        "answer": {"fi": "Nimetkää yhteyshenkilö.", "sv": "Utse en kontaktperson."}, "topic": "kohtaamispaikat",
        "answered_by": "testimaan-hyvinvointialue", "date": "2026-06-01", "audience": "professionals"}},
        base="multilingual")
    out = tmp_path / "out"
    build(BuildOptions(site_dir=site, out_dir=out, today=TODAY))
    topic = page(out, "fi/kysymykset/kohtaamispaikat/")
    assert "Miten perhekahvila perustetaan?" in topic.get_text()  # the family's question stays on its topic
    assert "Miten tuemme" not in topic.get_text() and topic.find("p", class_="for-professionals") is None
    section = page(out, "fi/ammattilaisille/")
    assert "Miten tuemme perhekahvilan vapaaehtoisia?" in section.select_one("#topic-kohtaamispaikat").get_text()
    assert "Ammattilaisille" in [a.get_text() for a in page(out, "fi/").find("footer").find_all("a")]


def test_past_events_are_only_in_the_archive_and_their_pages_say_they_are_over(example_out: Path) -> None:
    archive = page(example_out, "fi/tapahtumat/arkisto/")
    past = event_links(archive)
    assert FAMILY_PAST in past and STAFF_PAST not in past
    assert past.index("lasten-oikeuksien-paiva-vipina") < past.index(FAMILY_PAST)  # newest first
    index = page(example_out, "fi/tapahtumat/")
    assert FAMILY_PAST not in event_links(index)
    assert index.find("main").find("a", string="Menneet tapahtumat")["href"] == "arkisto/"
    for rel in ("fi/kunnat/muurame/", "fi/alueet/keski-suomi/", "fi/", "sv/kommuner/porvoo/"):
        document = page(example_out, rel)
        assert FAMILY_PAST not in event_links(document), rel
        assert "Menneet tapahtumat" not in document.find("main").get_text() or rel == "fi/", rel
    assert STAFF_PAST in event_links(page(example_out, "fi/ammattilaisille/arkisto/"))
    assert STAFF_PAST not in event_links(page(example_out, "fi/ammattilaisille/"))
    over = page(example_out, f"fi/tapahtumat/{FAMILY_PAST}/")
    assert "Tapahtuma on jo päättynyt." in over.find("main").get_text()
    assert over.find("a", class_="calendar-link") is None


def test_professional_pages_carry_the_filter_that_families_search_leaves_out(example_out: Path) -> None:
    indexed = indexed_pages(example_out, "fi")
    readers = {url for url, fragment in indexed.items() if "readers" in fragment["filters"]}
    assert {fragment["filters"]["readers"][0] for url, fragment in indexed.items() if url in readers} == \
        {"professionals"}
    assert {f"/fi/tapahtumat/{FORUM}/", f"/fi/ajankohtaista/{STAFF_NEWS}/", "/fi/ammattilaisille/"} <= readers
    assert "/fi/tapahtumat/someron-perhepirtin-pikkujoulu/" in set(indexed) - readers
    # the filters are Pagefind's alone: the published pages go without them
    assert page(example_out, f"fi/tapahtumat/{FORUM}/").find("meta", attrs={"name": "pkc:filter:readers"}) is None
    family = page(example_out, "fi/haku/").find("form", attrs={"data-search": True})
    assert family["data-scope"] == '{"not": {"readers": "professionals"}}'
    own = page(example_out, "fi/ammattilaisille/haku/").find("form", attrs={"data-search": True})
    assert own["data-scope"] == '{"readers": "professionals"}'


def test_a_familys_search_never_finds_a_professional_page_and_a_professionals_does(page_in, example_url) -> None:
    page_in.goto(example_url + "fi/haku/?q=perhekeskusfoorumi")
    results(page_in)
    family = [href for _, href in all_results(page_in)]
    assert not any("/tapahtumat/" in href and "foorumi" in href for href in family), family
    assert "/fi/ammattilaisille/" not in family
    page_in.goto(example_url + "fi/haku/?q=koulutus")
    results(page_in)
    assert f"/fi/tapahtumat/{FORUM}/" not in [href for _, href in all_results(page_in)]
    assert not any("koulutus" in href for _, href in all_results(page_in))
    # every event a family can filter for is a family event
    page_in.goto(example_url + "fi/haku/?kind=Tapahtuma")
    status, _ = results(page_in)
    assert status == "17 tulosta"  # 38 events, 21 of them for professionals
    page_in.goto(example_url + "fi/ammattilaisille/haku/?q=perhekeskusfoorumi")
    results(page_in)
    professional = [href for _, href in all_results(page_in)]
    assert f"/fi/tapahtumat/{FORUM}/" in professional
    assert all("ammattilaisille" in href or "/tapahtumat/" in href or "/ajankohtaista/" in href
               or "/kysymykset/" in href for href in professional), professional


def test_a_wrong_audience_names_the_file_the_line_and_the_codes(scratch_site) -> None:
    site = scratch_site({"content/events/koulutus.yaml": yaml.safe_dump({
        "title": "Koulutus", "type": "training", "audience": "staff", "description": "Kuvaus.",
        "start": "2026-12-03 13:00", "end": "2026-12-03 15:00", "online_url": "https://kokous.example/k",
        "organiser": ["pikkulan-kunta"], "languages": ["fi"]}, sort_keys=False)})
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert "content/events/koulutus.yaml:3:11: unknown audience 'staff'" in result.stderr
    assert "hint: use one of the codes: families, professionals" in result.stderr


def test_a_professional_question_chosen_for_a_life_situation_is_left_out_with_a_warning(scratch_site) -> None:
    question = (Path(__file__).parent / "sites/multilingual/content/questions/kahvilan-aloitus.yaml").read_text(
        encoding="utf-8")
    site = scratch_site({"content/questions/kahvilan-aloitus.yaml": question + "audience: professionals\n"},
                        base="multilingual")
    checked = check(BuildOptions(site_dir=site))
    [warning] = [p for p in checked.warnings if "for professionals" in p.message]
    assert str(warning.location).startswith("content/life-situations/odotamme-vauvaa.yaml:7:")
    assert warning.message == "the question 'kahvilan-aloitus' is for professionals: this page for families does " \
                              "not show it"


def test_a_site_with_nothing_for_professionals_has_no_section_for_them(multilingual_out: Path) -> None:
    assert not (multilingual_out / "fi/ammattilaisille").exists()
    footer = [a.get_text() for a in page(multilingual_out, "fi/").find("footer").find_all("a")]
    assert "Ammattilaisille" not in footer
    form = page(multilingual_out, "fi/haku/").find("form", attrs={"data-search": True})
    assert form["data-scope"] == "{}"
