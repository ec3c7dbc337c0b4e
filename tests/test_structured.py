"""What other systems read from the site: schema.org JSON-LD, Open Graph, sitemap.xml and robots.txt."""
from __future__ import annotations

import datetime as dt
import json
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from pkc.build import BuildOptions, build, check
from pkc.errors import ContentErrors
from pkc.images import image_size
from pkc.localize import Localizer
from pkc.sitemap import sitemap_files
from pkc.structured import StructuredData
from pkc.urls import PageKey, Site

from .conftest import REPO, SITES, TODAY
from .site_checks import html_pages, soup

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


LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>'


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of the given size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = (b"\x00" + b"\x80" * width) * height
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def jpeg_header(width: int, height: int) -> bytes:
    """The start of a baseline JPEG: SOI, a JFIF segment, then the frame header with the size."""
    jfif = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + jfif + frame + b"\xff\xda"


def with_theme(**theme: object) -> dict:
    """The minimal site's site.yaml with these theme settings."""
    site = yaml.safe_load((SITES / "minimal" / "site.yaml").read_text(encoding="utf-8"))
    return {**site, "theme": theme}


# --- JSON-LD -----------------------------------------------------------------------------------------

_ORGANISATION = {"name", "url", "description", "sameAs", "email", "telephone", "address", "areaServed", "contactPoint",
                 "logo"}
# What pkc means to say about these types: a property outside this list is a mistake, even if schema.org has it
INTENDED = {
    "WebSite": {"name", "url", "description", "inLanguage", "potentialAction", "publisher"},
    "SearchAction": {"target", "query-input"},
    "EntryPoint": {"urlTemplate"},
    "PropertyValueSpecification": {"valueRequired", "valueName"},
    "Event": {"name", "url", "description", "startDate", "endDate", "eventStatus", "eventAttendanceMode", "location",
              "organizer", "inLanguage", "isAccessibleForFree", "offers", "audience", "image"},
    "Offer": {"name", "description", "price", "priceCurrency", "url", "validThrough", "availability"},
    "Organization": _ORGANISATION, "NGO": _ORGANISATION, "GovernmentOrganization": _ORGANISATION,
    "Corporation": _ORGANISATION,
}


def used_properties(node: object, found: dict[str, set[str]]) -> None:
    """Collect, per type, the properties the JSON-LD gives it."""
    if isinstance(node, list):
        for item in node:
            used_properties(item, found)
    elif isinstance(node, dict):
        if "@type" in node:
            found.setdefault(node["@type"], set()).update(key for key in node if not key.startswith("@"))
        for value in node.values():
            used_properties(value, found)


def test_every_json_ld_block_parses_and_uses_schema_org_correctly(example_out: Path) -> None:
    checked = 0
    used: dict[str, set[str]] = {}
    for path in html_pages(example_out):
        rel = str(path.relative_to(example_out))
        if rel in ("index.html", "404.html"):
            continue
        for data in json_ld(example_out, rel.removesuffix("index.html")):
            assert vocabulary_errors(data) == [], rel
            used_properties(data, used)
            checked += 1
    assert checked > 600  # services, places, service points, organisations, events, news, topics, home pages
    assert {kind: props - INTENDED[kind] for kind, props in used.items() if props - INTENDED.get(kind, props)} == {}
    # the example has the data for every property pkc gives events and its publisher
    assert used["Event"] == INTENDED["Event"] and used["Offer"] == INTENDED["Offer"]
    assert {"logo", "address", "telephone"} <= used["NGO"]


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
    # schema.org's typed long form: an EntryPoint's template, and its variable named by a PropertyValueSpecification
    assert home["potentialAction"] == {
        "@type": "SearchAction",
        "target": {"@type": "EntryPoint", "urlTemplate": BASE + "en/search/?q={search_term_string}"},
        "query-input": {"@type": "PropertyValueSpecification", "valueRequired": True,
                        "valueName": "search_term_string"}}
    assert vocabulary_errors(home) == []


def structured_data(site_dir: Path, lang: str, today=TODAY, image_url: str | None = None) -> StructuredData:
    """The JSON-LD builder of a fixture site in one language, on a given build date (in memory)."""
    checked = check(BuildOptions(site_dir=site_dir, today=today))
    loc = Localizer(lang, checked.catalog.languages, checked.strings[lang], today)
    return StructuredData(checked.catalog, loc, Site(BASE), image_url)


def test_an_event_offers_its_sign_up_until_the_deadline_and_the_site_image() -> None:
    image = BASE + "assets/share-image.png"
    data = structured_data(SITES / "multilingual", "fi", image_url=image)
    forum = data.for_page(PageKey("event", "perhekeskusfoorumi"))
    assert forum["image"] == [image]
    assert forum["offers"] == {"@type": "Offer", "name": "Maksuton", "price": 0, "priceCurrency": "EUR",
                               "url": "https://ilmo.example/foorumi", "validThrough": "2026-11-30",
                               "availability": "https://schema.org/InStock"}
    assert vocabulary_errors(forum) == []
    # after the deadline nothing says a place is free: a closed registration does not mean the event is full
    closed = structured_data(SITES / "multilingual", "fi", today=dt.date(2026, 12, 1))
    assert "availability" not in closed.for_page(PageKey("event", "perhekeskusfoorumi"))["offers"]
    # an event without a sign-up address is got to through its own page; a site without an image gives none
    evening = structured_data(SITES / "multilingual", "fi").for_page(PageKey("event", "vanhempainilta-verkossa"))
    assert evening["offers"]["url"] == BASE + "fi/tapahtumat/vanhempainilta-verkossa/"
    assert "availability" not in evening["offers"]  # it is over
    assert "image" not in evening


MINIMAL_ORGANISATION = yaml.safe_load((SITES / "minimal/content/organisations/pikkulan-kunta.yaml").read_text())


def test_the_publisher_has_the_site_logo_and_an_organisation_its_main_phone_and_address(
        scratch_site, tmp_path: Path) -> None:
    site = scratch_site({"content/media/logo.svg": LOGO, "site.yaml": with_theme(logo="content/media/logo.svg"),
                         "content/contacts/neuvola.yaml": {"name": "Neuvola", "organisation": "pikkulan-kunta",
                                                           "phone": "040 123 4567"},
                         "content/organisations/pikkulan-kunta.yaml": {
                             **MINIMAL_ORGANISATION, "contacts": ["neuvola"],
                             "address": {"street": "Kuntatie 1", "postal_code": "99100"}}})
    data = structured_data(site, "fi")
    publisher = data.for_page(PageKey("organisation", "pikkulan-kunta"))
    assert publisher["logo"] == BASE + "assets/logo.svg"
    assert publisher["telephone"] == "+358401234567"  # no switchboard number: its first contact's
    assert publisher["url"] == BASE + "fi/toimijat/pikkulan-kunta/"
    assert publisher["address"] == {"@type": "PostalAddress", "streetAddress": "Kuntatie 1", "postalCode": "99100",
                                    "addressLocality": "Pikkula", "addressCountry": "FI"}  # its municipality's name
    assert vocabulary_errors(publisher) == []
    assert data.for_page(PageKey("home"))["publisher"]["logo"] == BASE + "assets/logo.svg"
    out = tmp_path / "out"
    build(BuildOptions(site_dir=site, out_dir=out, today=TODAY))
    page = BeautifulSoup((out / "fi/toimijat/pikkulan-kunta/index.html").read_text(encoding="utf-8"), "html.parser")
    facts = {term.get_text(): value.get_text(" ", strip=True) for term, value in
             zip(page.select(".facts dt"), page.select(".facts dd"), strict=True)}
    assert facts["Osoite"].startswith("Kuntatie 1, 99100 Pikkula")  # what the JSON-LD says is on the page


def test_an_organisation_address_without_a_city_needs_its_municipality(scratch_site) -> None:
    site = scratch_site({"content/organisations/yhdistys.yaml": {
        "name": "Yhdistys", "type": "ngo", "address": {"street": "Kuntatie 1", "postal_code": "99100"}}})
    with pytest.raises(ContentErrors) as raised:
        check(BuildOptions(site_dir=site, today=TODAY))
    assert [(str(p.location), p.message) for p in raised.value.problems] == [
        ("content/organisations/yhdistys.yaml:4:3",
         "the address has no 'city', and the organisation no 'municipality' to take it from")]


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


EXAMPLE_BASE = "https://perhekeskus.example/"
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]*)">')


def open_graph(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    tags = {meta["property"]: meta["content"] for meta in soup.find_all("meta", property=True)}
    return tags | {meta["name"]: meta["content"] for meta in soup.find_all("meta", attrs={"name": True})
                   if meta["name"].startswith("twitter:")}


def test_every_page_kind_and_the_root_page_share_the_site_image(example_out: Path) -> None:
    pages = html_pages(example_out)
    images = {str(path.relative_to(example_out)): OG_IMAGE.findall(path.read_text(encoding="utf-8"))
              for path in pages}
    assert {rel: found for rel, found in images.items() if found != [EXAMPLE_BASE + "assets/share-image.png"]} == {}
    assert {"index.html", "404.html", "fi/index.html", "sv/evenemang/index.html"} <= set(images)
    published = (example_out / "assets" / "share-image.png").read_bytes()
    assert published == (REPO / "content" / "media" / "jaa.png").read_bytes() and len(published) < 60 * 1024
    assert image_size(published, "image/png") == (1200, 630)
    root = open_graph((example_out / "index.html").read_text(encoding="utf-8"))
    assert root["og:type"] == "website" and root["og:url"] == EXAMPLE_BASE and root["og:locale"] == "fi_FI"
    assert root["og:image:width"] == "1200" and root["og:image:height"] == "630"
    assert root["og:image:type"] == "image/png" and root["twitter:card"] == "summary_large_image"
    assert root["og:image:alt"].startswith("Perhekeskuksen tunnus")
    swedish = open_graph((example_out / "sv" / "index.html").read_text(encoding="utf-8"))
    assert swedish["og:image:alt"].startswith("Familjecentrets logotyp") == swedish["twitter:image:alt"].startswith(
        "Familjecentrets logotyp") is True


def test_a_site_without_a_share_image_has_no_og_image_and_no_large_card(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(BuildOptions(site_dir=SITES / "minimal", out_dir=out, today=TODAY))
    for path in html_pages(out):
        tags = open_graph(path.read_text(encoding="utf-8"))
        assert tags["og:title"] and not {key for key in tags if key.startswith(("og:image", "twitter:"))}, path
    assert not (out / "assets" / "share-image.png").exists()


def test_the_share_image_text_is_shown_as_text_in_the_head(scratch_site, tmp_path: Path) -> None:
    hostile = '"><script>alert(1)</script><meta property="og:image" content="https://evil.example/x.png'
    site = scratch_site({"content/media/jaa.jpg": jpeg_header(1200, 630),
                         "site.yaml": with_theme(share_image={"file": "content/media/jaa.jpg", "alt": hostile})})
    out = tmp_path / "out"
    build(BuildOptions(site_dir=site, out_dir=out, today=TODAY))
    for rel in ("index.html", "fi/index.html", "fi/palvelut/lastenneuvola/index.html"):
        html = (out / rel).read_text(encoding="utf-8")
        tags = open_graph(html)
        assert tags["og:image:alt"] == tags["twitter:image:alt"] == hostile, rel
        assert OG_IMAGE.findall(html) == ["https://pieni.example/assets/share-image.jpg"], rel
        assert (tags["og:image:type"], tags["og:image:width"], tags["og:image:height"]) == ("image/jpeg", "1200", "630")
        assert "alert(1)</script>" not in html, rel
    assert (out / "assets" / "share-image.jpg").read_bytes() == jpeg_header(1200, 630)


def share_image_site(scratch_site, files: dict, image: str) -> Path:
    return scratch_site({**files, "site.yaml": with_theme(share_image={"file": image, "alt": "Kuva"})})


def share_image_problems(site: Path, tmp_path: Path) -> list[str]:
    """The messages about the share image of a site, each at the line of its `file:` in site.yaml."""
    line = next(n for n, text in enumerate((site / "site.yaml").read_text().splitlines(), 1) if "file:" in text)
    try:
        checked = check(BuildOptions(site_dir=site, out_dir=tmp_path / "out", today=TODAY))
        problems = checked.warnings
    except ContentErrors as exc:
        problems = exc.problems
    assert all(str(p.location).startswith(f"site.yaml:{line}:") for p in problems)
    return [f"{p.severity}: {p.message}" for p in problems]


@pytest.mark.parametrize(("files", "image", "message"), [
    ({}, "../outside.png", "error: the share image '../outside.png' is not a PNG or JPEG file in the site"),
    ({}, "/etc/passwd.png", "error: the share image '/etc/passwd.png' is not a PNG or JPEG file in the site"),
    ({}, "content/media/puuttuu.png", "error: the share image 'content/media/puuttuu.png' is not a PNG or JPEG "
                                      "file in the site"),
    ({"content/media/logo.svg": LOGO}, "content/media/logo.svg",
     "error: the share image 'content/media/logo.svg' is not a PNG or JPEG file in the site"),
    ({"content/media/jaa.png": "<html><script>alert(1)</script></html>"}, "content/media/jaa.png",
     "error: the share image 'content/media/jaa.png' is not a PNG image inside, whatever its name says"),
    ({"content/media/jaa.jpg": png(1200, 630)}, "content/media/jaa.jpg",
     "error: the share image 'content/media/jaa.jpg' is not a JPEG image inside, whatever its name says"),
    ({"content/media/jaa.png": png(1200, 630) + bytes(5 * 1024 * 1024)}, "content/media/jaa.png",
     "error: the share image is 5.0 MB: X (Twitter) shows no preview over 5 MB, and every share would download it"),
    ({"content/media/jaa.png": png(120, 63)}, "content/media/jaa.png",
     "warning: the share image is only 120×63 pixels: link previews leave it out"),
], ids=["outside", "absolute", "missing", "svg", "html-named-png", "png-named-jpg", "too-large", "too-small"])
def test_a_share_image_that_is_not_a_usable_picture_is_refused_where_it_is_named(
        scratch_site, tmp_path: Path, files: dict, image: str, message: str) -> None:
    (tmp_path / "outside.png").write_bytes(png(1200, 630))
    assert share_image_problems(share_image_site(scratch_site, files, image), tmp_path) == [message]


def test_a_share_image_linked_to_a_file_outside_the_site_is_refused(scratch_site, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(1200, 630))
    site = share_image_site(scratch_site, {}, "content/media/jaa.png")
    (site / "content" / "media").mkdir(parents=True, exist_ok=True)
    (site / "content" / "media" / "jaa.png").symlink_to(secret)
    with pytest.raises(ContentErrors) as refused:
        check(BuildOptions(site_dir=site, out_dir=tmp_path / "out", today=TODAY))
    line = next(n for n, text in enumerate((site / "site.yaml").read_text().splitlines(), 1) if "file:" in text)
    link = f"this is a symbolic link to '{secret}', outside the site directory"
    # refused where site.yaml names it, and pointed out where it lies among the media (pkc.loader)
    assert [(str(p.location).split(":")[:2], p.severity, p.message) for p in refused.value.problems] == [
        (["content/media/jaa.png"], "warning", f"{link}; it is not published"),
        (["site.yaml", str(line)], "error", f"the share image 'content/media/jaa.png': {link}")]


def test_image_sizes_are_read_from_the_header_only() -> None:
    assert image_size(png(1200, 630), "image/png") == (1200, 630)
    assert image_size(jpeg_header(640, 480), "image/jpeg") == (640, 480)
    assert image_size(png(1200, 630)[:20], "image/png") is None  # cut short
    assert image_size(b"\xff\xd8\xff\xda" + bytes(100), "image/jpeg") is None  # image data before any frame
    assert image_size(jpeg_header(0, 480), "image/jpeg") is None


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


def test_a_page_left_out_of_the_sitemap_asks_search_engines_not_to_index_it(multilingual_out: Path) -> None:
    """The sitemap and the pages agree: a page is either listed or marked noindex (the search forms, the 404)."""
    listed = set(sitemap_urls(ET.parse(multilingual_out / "sitemap.xml").getroot()))
    for path in html_pages(multilingual_out):
        rel = str(path.relative_to(multilingual_out))
        robots = soup(path).find("meta", attrs={"name": "robots"})
        noindex = robots is not None and robots.get("content") == "noindex"
        assert noindex == (BASE + rel.removesuffix("index.html") not in listed), rel


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
