"""What other systems read from the site: schema.org JSON-LD, Open Graph, sitemap.xml and robots.txt."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pkc.build import BuildOptions, build, check
from pkc.sitemap import sitemap_files
from pkc.urls import Site

from .conftest import SITES, TODAY
from .site_checks import html_pages

VOCABULARY = json.loads((Path(__file__).parent / "data" / "schemaorg-vocabulary.json").read_text())
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "https://testi.example/"


def json_ld(out: Path, rel: str) -> list[dict]:
    soup = BeautifulSoup((out / rel / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def the_json_ld(out: Path, rel: str) -> dict:
    found = json_ld(out, rel)
    assert len(found) == 1, f"{rel}: {len(found)} JSON-LD blocks"
    assert found[0]["@context"] == "https://schema.org"
    return found[0]


def ancestors(type_name: str) -> set[str]:
    seen, todo = set(), [type_name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(VOCABULARY["types"][current])
    return seen


def vocabulary_errors(node: object, where: str = "") -> list[str]:
    """Types that schema.org does not define, and properties used on a type they do not belong to."""
    errors: list[str] = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            errors += vocabulary_errors(item, f"{where}[{index}]")
    elif isinstance(node, dict):
        type_name = node.get("@type")
        if type_name is not None and type_name not in VOCABULARY["types"]:
            errors.append(f"{where}: unknown type {type_name}")
        elif type_name is not None:
            lineage = ancestors(type_name)
            for key in node:
                if key.startswith("@") or (key == "query-input" and type_name == "SearchAction"):
                    continue
                domains = VOCABULARY["properties"].get(key)
                if domains is None:
                    errors.append(f"{where}: unknown property {key}")
                elif not lineage & set(domains):
                    errors.append(f"{where}: {key} is not a property of {type_name}")
        for key, value in node.items():
            errors += vocabulary_errors(value, f"{where}.{key}")
    return errors


# --- JSON-LD -----------------------------------------------------------------------------------------

def test_every_json_ld_block_parses_and_uses_schema_org_correctly(example_out: Path) -> None:
    checked = 0
    for path in html_pages(example_out):
        rel = str(path.relative_to(example_out))
        if rel in ("index.html", "404.html"):
            continue
        for data in json_ld(example_out, rel.removesuffix("index.html")):
            assert vocabulary_errors(data) == [], rel
            checked += 1
    assert checked > 600  # services, places, service points, organisations, events, news, topics, home pages


def test_a_service_says_who_provides_it_where_for_whom_and_when(multilingual_out: Path) -> None:
    service = the_json_ld(multilingual_out, "sv/tjanster/lastenneuvola-kaksila")
    assert service["@type"] == "GovernmentService"  # the provider is a wellbeing services county
    assert service["name"] == "Barnrådgivning"
    assert service["url"] == BASE + "sv/tjanster/lastenneuvola-kaksila/"
    assert service["provider"]["@id"] == BASE + "sv/aktorer/testimaan-hyvinvointialue/#organization"
    assert [area["name"] for area in service["areaServed"]] == ["Tvåby"]
    assert service["audience"] == {"@type": "ParentAudience", "audienceType": "Barn under skolåldern",
                                   "childMinAge": 0, "childMaxAge": 6}
    assert service["offers"]["price"] == 0 and service["offers"]["priceCurrency"] == "EUR"
    channels = service["availableChannel"]
    place = next(c["serviceLocation"] for c in channels if "serviceLocation" in c)
    assert place["address"]["postalCode"] == "99100"
    phone = next(c["servicePhone"] for c in channels if "servicePhone" in c)
    assert phone["telephone"] == "+358400000002"
    assert any(c.get("serviceUrl") == "https://asiointi.kaksila.example/neuvola" for c in channels)
    assert {lang["alternateName"] for lang in channels[0]["availableLanguage"]} == {"fi", "sv"}
    assert service["hoursAvailable"] == [{"@type": "OpeningHoursSpecification",
                                          "dayOfWeek": ["https://schema.org/Wednesday"],
                                          "opens": "12:00", "closes": "15:00"}]


def test_a_meeting_place_has_its_address_position_and_hours_with_exceptions(multilingual_out: Path) -> None:
    place = the_json_ld(multilingual_out, "fi/kohtaamispaikat/perhekahvila-kaksila")
    assert place["@type"] == "Place" and place["publicAccess"] is True
    assert set(place["address"]) >= {"streetAddress", "postalCode", "addressLocality", "addressCountry"}
    assert place["geo"]["@type"] == "GeoCoordinates" and 59 < place["geo"]["latitude"] < 71
    hours = place["openingHoursSpecification"]
    weekly = [spec for spec in hours if "dayOfWeek" in spec]
    assert weekly and all(spec["opens"] < spec["closes"] for spec in weekly)
    closed = [spec for spec in hours if spec["opens"] == spec["closes"] == "00:00"]
    assert closed and all(spec["validFrom"] >= TODAY.isoformat() or spec["validThrough"] >= TODAY.isoformat()
                          for spec in closed)  # exceptions over before the build date are left out


def test_an_event_is_in_finnish_time_with_its_place_and_organiser(multilingual_out: Path) -> None:
    event = the_json_ld(multilingual_out, "fi/tapahtumat/perhekeskusfoorumi")
    assert event["@type"] == "Event"
    assert event["startDate"] == "2026-12-03T13:00:00+02:00" and event["endDate"] == "2026-12-03T16:00:00+02:00"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "CivicStructure" and event["location"]["name"] == "Kaksilan perhekeskus"
    assert [o["name"] for o in event["organizer"]] == ["Testimaan hyvinvointialue"]
    online = the_json_ld(multilingual_out, "fi/tapahtumat/vanhempainilta-verkossa")
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"]["@type"] == "VirtualLocation"


def test_a_topic_is_an_faq_page_with_its_answers(multilingual_out: Path) -> None:
    faq = the_json_ld(multilingual_out, "fi/kysymykset/kohtaamispaikat")
    assert faq["@type"] == "FAQPage"
    question = faq["mainEntity"][0]
    assert question["@type"] == "Question" and question["name"].endswith("?")
    assert question["acceptedAnswer"]["@type"] == "Answer" and len(question["acceptedAnswer"]["text"]) > 20
    assert "**" not in question["acceptedAnswer"]["text"] and "<" not in question["acceptedAnswer"]["text"]


def test_organisations_and_home_pages(multilingual_out: Path) -> None:
    ngo = the_json_ld(multilingual_out, "en/organisations/perheyhdistys")
    assert ngo["@type"] == "NGO" and ngo["@id"] == BASE + "en/organisations/perheyhdistys/#organization"
    home = the_json_ld(multilingual_out, "en")
    assert home["@type"] == "WebSite" and home["inLanguage"] == "en"
    assert home["potentialAction"]["target"] == BASE + "en/search/?q={search_term_string}"


def test_list_pages_carry_no_json_ld(multilingual_out: Path) -> None:
    for rel in ("fi/palvelut", "fi/kunnat", "sv/sok", "en/events"):
        assert json_ld(multilingual_out, rel) == [], rel


def test_content_cannot_break_out_of_the_json_ld_script(scratch_site, tmp_path: Path) -> None:
    hostile = "Kerho </script><script>alert(1)</script> & <!-- muuta"
    site = scratch_site(base="multilingual")
    service = site / "content" / "services" / "lastenneuvola-kaksila.yaml"
    service.write_text(service.read_text(encoding="utf-8").replace("fi: Lastenneuvola", f"fi: '{hostile}'"),
                       encoding="utf-8")
    out = tmp_path / "out"
    build(BuildOptions(site_dir=site, out_dir=out, today=TODAY))
    html = (out / "fi/palvelut/lastenneuvola-kaksila/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    # no script of the content's own: the JSON-LD, and pkc's script files (the menu; the "open today" line)
    assert [(s.get("type"), s.get("src")) for s in scripts] == [("application/ld+json", None),
                                                                (None, "../../../assets/site.js"),
                                                                (None, "../../../assets/open-now.js")]
    assert json.loads(scripts[0].string)["name"] == hostile


# --- Open Graph --------------------------------------------------------------------------------------

def test_open_graph_title_description_address_and_locales(multilingual_out: Path) -> None:
    soup = BeautifulSoup((multilingual_out / "sv/tjanster/lastenneuvola-kaksila/index.html").read_text(), "html.parser")
    og = {}
    for meta in soup.find_all("meta", property=True):
        og.setdefault(meta["property"], []).append(meta["content"])
    assert og["og:title"] == ["Barnrådgivning"]
    assert og["og:description"] == ["Barnets hälsokontroller."]
    assert og["og:url"] == [soup.find("link", rel="canonical")["href"]] == [BASE + "sv/tjanster/lastenneuvola-kaksila/"]
    assert og["og:locale"] == ["sv_FI"] and og["og:locale:alternate"] == ["fi_FI", "en_GB"]
    assert og["og:site_name"] == ["Testfamiljecentret"] and og["og:type"] == ["website"]
    news = BeautifulSoup((multilingual_out / "fi/ajankohtaista/uusi-perhekeskus/index.html").read_text(), "html.parser")
    assert news.find("meta", property="og:type")["content"] == "article"


# --- sitemap and robots.txt --------------------------------------------------------------------------

def sitemap_urls(root: ET.Element) -> dict[str, ET.Element]:
    return {url.findtext(f"{SITEMAP}loc"): url for url in root.findall(f"{SITEMAP}url")}


def test_the_sitemap_lists_every_page_once_with_its_language_versions(multilingual_out: Path) -> None:
    urls = sitemap_urls(ET.parse(multilingual_out / "sitemap.xml").getroot())
    rels = [str(path.relative_to(multilingual_out)) for path in html_pages(multilingual_out)]
    pages = {BASE + rel.removesuffix("index.html") for rel in rels if rel != "404.html"}
    searches = {BASE + "fi/haku/", BASE + "sv/sok/", BASE + "en/search/"}
    assert set(urls) == pages - searches and BASE in urls  # the root's choice of language is a page too
    assert urls[BASE].find(f"{XHTML}link") is None  # the home pages do not name it back: no alternates
    service = urls[BASE + "fi/palvelut/lastenneuvola-kaksila/"]
    alternates = {link.get("hreflang"): link.get("href") for link in service.findall(f"{XHTML}link")}
    assert alternates == {"fi": BASE + "fi/palvelut/lastenneuvola-kaksila/",
                          "sv": BASE + "sv/tjanster/lastenneuvola-kaksila/",
                          "en": BASE + "en/services/lastenneuvola-kaksila/",
                          "x-default": BASE + "fi/palvelut/lastenneuvola-kaksila/"}
    assert all(href in urls for href in alternates.values())
    assert service.findtext(f"{SITEMAP}lastmod") == "2026-08-15"  # when an editor last reviewed it


def test_robots_txt_points_to_the_sitemap_under_a_subpath(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(BuildOptions(site_dir=SITES / "minimal", out_dir=out, today=TODAY,
                       base_url="https://example.org/perhekeskus/"))
    robots = (out / "robots.txt").read_text()
    assert "Sitemap: https://example.org/perhekeskus/sitemap.xml" in robots.splitlines()
    assert "Disallow: /perhekeskus/pagefind/" in robots.splitlines()
    urls = sitemap_urls(ET.parse(out / "sitemap.xml").getroot())
    root = "https://example.org/perhekeskus/"
    assert root in urls and all(url.startswith(root + "fi/") for url in urls if url != root)
    assert all(url.find(f"{XHTML}link") is None for url in urls.values())  # one language: no alternates


@pytest.mark.parametrize("wanted", [1, 3, 4])
def test_a_large_site_gets_a_sitemap_index(wanted: int) -> None:
    catalog = check(BuildOptions(site_dir=SITES / "multilingual", today=TODAY)).catalog
    whole = sitemap_urls(ET.fromstring(sitemap_files(catalog, Site(BASE))["sitemap.xml"]))
    limit = -(-len(whole) // wanted)  # the fewest URLs per file that make `wanted` files
    files = sitemap_files(catalog, Site(BASE), max_urls=limit)
    if wanted == 1:
        assert sorted(files) == ["robots.txt", "sitemap.xml"]
        return
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert parts == [BASE + f"sitemap-{n}.xml" for n in range(1, len(parts) + 1)] and len(parts) == wanted
    listed: list[str] = []
    for part in parts:
        urls = sitemap_urls(ET.fromstring(files[part.removeprefix(BASE)]))
        assert len(urls) <= limit
        listed += urls
    assert sorted(listed) == sorted(whole)
