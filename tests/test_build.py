"""The multilingual fixture site as a family would see it: pages, languages, links, hours, contacts."""
from __future__ import annotations

import hashlib
from pathlib import Path

from pkc.build import BuildOptions, build

from .conftest import SITES, TODAY
from .site_checks import broken_links, html_pages, page, shown


def test_every_page_kind_exists_in_every_language(multilingual_out: Path) -> None:
    expected = {
        "fi": ["fi/", "fi/kunnat/", "fi/kunnat/kaksila/", "fi/alueet/testimaa/", "fi/palvelut/",
               "fi/palvelut/lastenneuvola-kaksila/", "fi/kohtaamispaikat/", "fi/kohtaamispaikat/perhekahvila-kaksila/",
               "fi/toimipisteet/kaksilan-perhekeskus/", "fi/toimijat/", "fi/toimijat/perheyhdistys/", "fi/aiheet/",
               "fi/aiheet/neuvolapalvelut/", "fi/kenelle/", "fi/kenelle/alle-kouluikaiset-lapset/",
               "fi/elamantilanteet/", "fi/elamantilanteet/odotamme-vauvaa/", "fi/tapahtumat/",
               "fi/tapahtumat/perhekeskusfoorumi/", "fi/ajankohtaista/", "fi/ajankohtaista/uusi-perhekeskus/",
               "fi/materiaalit/", "fi/kysymykset/", "fi/kysymykset/kohtaamispaikat/", "fi/tietoa/",
               "fi/saavutettavuusseloste/"],
        "sv": ["sv/", "sv/kommuner/kaksila/", "sv/tjanster/lastenneuvola-kaksila/", "sv/motesplatser/perhekahvila-kaksila/",
               "sv/amnen/radgivningstjanster/", "sv/for-vem/barn-under-skolaldern/",
               "sv/livssituationer/odotamme-vauvaa/", "sv/evenemang/perhekeskusfoorumi/", "sv/aktuellt/",
               "sv/material/", "sv/fragor/kohtaamispaikat/", "sv/tietoa/",
               "sv/tillganglighetsutlatande/"],
        "en": ["en/", "en/municipalities/kaksila/", "en/services/lastenneuvola-kaksila/",
               "en/meeting-places/perhekahvila-kaksila/", "en/topics/health-clinic-services/", "en/tietoa/",
               "en/life-situations/odotamme-vauvaa/", "en/events/", "en/news/uusi-perhekeskus/", "en/materials/",
               "en/questions/",
               "en/accessibility-statement/"],
    }
    for lang, paths in expected.items():
        for rel in paths:
            document = page(multilingual_out, rel)
            assert document.html["lang"] == lang, rel
            assert len(document.find_all("h1")) == 1, rel
    assert (multilingual_out / "404.html").is_file()
    assert (multilingual_out / "index.html").is_file()


def test_no_internal_link_is_broken(multilingual_out: Path) -> None:
    assert broken_links(multilingual_out) == []


def test_links_work_under_a_subpath(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(BuildOptions(site_dir=SITES / "multilingual", out_dir=out, base_url="https://example.org/perhekeskus/",
                       today=TODAY))
    assert broken_links(out, base_path="/perhekeskus/") == []
    document = page(out, "fi/palvelut/lastenneuvola-kaksila/")
    assert document.find("link", rel="canonical")["href"] == "https://example.org/perhekeskus/fi/palvelut/lastenneuvola-kaksila/"
    not_found = page(out, "404.html")
    assert not_found.find("link", rel="stylesheet")["href"] == "/perhekeskus/assets/style.css"
    # served at any missing address, the 404 page's language links lead to each language's home, never to itself
    switcher = not_found.find("nav", class_="language-switcher")
    assert [a["href"] for a in switcher.find_all("a")] == ["/perhekeskus/fi/", "/perhekeskus/sv/", "/perhekeskus/en/"]
    assert not_found.find("link", rel="alternate", hreflang=True) is None


def test_language_switcher_and_hreflang_lead_to_the_same_page(multilingual_out: Path) -> None:
    document = page(multilingual_out, "sv/tjanster/lastenneuvola-kaksila/")
    switcher = document.find("nav", class_="language-switcher")
    assert [(a["hreflang"], a["href"]) for a in switcher.find_all("a")] == [
        ("fi", "../../../fi/palvelut/lastenneuvola-kaksila/"),
        ("sv", "./"),
        ("en", "../../../en/services/lastenneuvola-kaksila/"),
    ]
    assert switcher.find("a", attrs={"aria-current": "true"}).get_text() == "svenska"
    alternates = {link["hreflang"]: link["href"] for link in document.find_all("link", rel="alternate", hreflang=True)}
    assert alternates == {
        "fi": "https://testi.example/fi/palvelut/lastenneuvola-kaksila/",
        "sv": "https://testi.example/sv/tjanster/lastenneuvola-kaksila/",
        "en": "https://testi.example/en/services/lastenneuvola-kaksila/",
        "x-default": "https://testi.example/fi/palvelut/lastenneuvola-kaksila/",
    }


def test_a_missing_translation_falls_back_and_is_marked_with_its_language(multilingual_out: Path) -> None:
    english = page(multilingual_out, "en/services/lastenneuvola-kaksila/")
    title = english.find("h1")
    assert shown(title.find("span", lang="fi").get_text()) == "Lastenneuvola"
    assert english.find("p", class_="notice") is not None
    swedish = page(multilingual_out, "sv/tjanster/lastenneuvola-kaksila/")
    assert shown(swedish.find("h1").get_text()) == "Barnrådgivning"
    assert swedish.find("h1").find("span") is None
    assert swedish.find("p", class_="notice") is None


def test_markdown_body_of_a_md_file_and_its_translation(multilingual_out: Path) -> None:
    finnish = page(multilingual_out, "fi/palvelut/perheneuvola/").find("div", class_="entry-main")
    assert finnish.find("strong").get_text() == "lapsen kasvatus"
    swedish = page(multilingual_out, "sv/tjanster/perheneuvola/").find("div", class_="entry-main")
    assert swedish.find("strong").get_text() == "barnets uppfostran"


def test_phone_numbers_are_tel_links_and_addresses_link_to_a_map(multilingual_out: Path) -> None:
    document = page(multilingual_out, "fi/palvelut/lastenneuvola-kaksila/")
    phone = document.find("a", class_="phone")
    assert (phone["href"], phone.get_text()) == ("tel:+358400000002", "040 000 0002")
    map_link = document.find("p", class_="address").find("a")
    assert map_link["href"].startswith("https://www.openstreetmap.org/?mlat=60.39&mlon=25.66")
    assert "Koulukatu 1, 99100 Kaksila" in map_link.get_text()


def test_opening_hours_use_weekday_names_of_the_page_language(multilingual_out: Path) -> None:
    rows = {lang: [dt.get_text() for dt in page(multilingual_out, rel).find("div", class_="hours").find_all("dt")]
            for lang, rel in [("fi", "fi/toimipisteet/kaksilan-perhekeskus/"),
                              ("sv", "sv/verksamhetsstallen/kaksilan-perhekeskus/"),
                              ("en", "en/locations/kaksilan-perhekeskus/")]}
    assert rows == {"fi": ["Maanantai–torstai", "Perjantai"], "sv": ["Måndag–torsdag", "Fredag"],
                    "en": ["Monday–Thursday", "Friday"]}
    times = page(multilingual_out, "fi/toimipisteet/kaksilan-perhekeskus/").find("div", class_="hours").find_all("dd")
    assert times[0].get_text() == "8.00–16.00"


def test_past_exceptions_are_left_out_by_the_build_date(multilingual_out: Path) -> None:
    exceptions = page(multilingual_out, "fi/toimipisteet/kaksilan-perhekeskus/").find("div", class_="hours-exceptions")
    text = exceptions.get_text(" ", strip=True)
    assert text == "Poikkeukset 24.12.2026 suljettu – Jouluaatto"  # 2026-12-24 is after the build date 2026-11-23
    assert "Loppiaisen aatto" not in text  # 2026-01-05 is before it


def test_accessibility_statement_has_the_required_facts(multilingual_out: Path) -> None:
    text = page(multilingual_out, "fi/saavutettavuusseloste/").find("main").get_text(" ", strip=True)
    assert "täyttää osittain WCAG 2.1" in text
    assert "Kartat eivät ole saavutettavia." in text
    assert "1. helmikuuta 2026" in text and "1. lokakuuta 2026" in text
    assert "ulkopuolinen asiantuntija" in text
    assert "Traficom" in text
    footer_links = [a["href"] for a in page(multilingual_out, "fi/").find("footer").find_all("a")]
    assert "saavutettavuusseloste/" in footer_links


def test_every_page_has_a_skip_link_to_main_and_a_title(multilingual_out: Path) -> None:
    for path in html_pages(multilingual_out):
        if path.name == "index.html" and path.parent == multilingual_out:
            continue  # the language choice at the root
        document = page(multilingual_out, str(path.relative_to(multilingual_out)))
        skip = document.find("a", class_="skip-link")
        assert skip["href"] == "#main", path
        assert document.find("main", id="main") is not None, path
        assert document.title.get_text().strip(), path


def test_the_theme_colour_comes_from_site_yaml(multilingual_out: Path) -> None:
    assert (multilingual_out / "assets" / "theme.css").read_text() == ":root {\n  --primary: #6a1b4d;\n}\n"


def test_two_builds_of_the_same_input_are_identical(tmp_path: Path) -> None:
    digests = []
    for name in ("one", "two"):
        out = tmp_path / name
        build(BuildOptions(site_dir=SITES / "multilingual", out_dir=out, today=TODAY))
        digests.append({p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted(out.rglob("*")) if p.is_file()})
    assert digests[0] == digests[1]
    assert len(digests[0]) > 80


def test_a_service_shows_its_drop_in_hours(multilingual_out: Path) -> None:
    panel = page(multilingual_out, "sv/tjanster/lastenneuvola-kaksila/").find("section", class_="panel")
    row = panel.find("div", class_="hours").find("dl").find("div")
    assert [row.dt.get_text(), row.dd.get_text(" ", strip=True)] == ["Onsdag", "12.00–15.00 Öppen mottagning utan tidsbokning"]


def test_a_closed_period_is_shown_with_its_dates_in_the_page_language(multilingual_out: Path) -> None:
    expected = {"fi/kohtaamispaikat/perhekahvila-kaksila/": "Poikkeukset 21.12.2026–6.1.2027 suljettu – Joulutauko",
                "sv/motesplatser/perhekahvila-kaksila/": "Undantag 21.12.2026–6.1.2027 stängt – Jullov",
                "en/meeting-places/perhekahvila-kaksila/": "Exceptions 21 Dec 2026–6 Jan 2027 closed – Joulutauko"}
    for rel, text in expected.items():
        assert page(multilingual_out, rel).find("div", class_="hours-exceptions").get_text(" ", strip=True) == text


def test_the_root_page_has_open_graph_tags_and_every_languages_accessibility_statement(multilingual_out: Path) -> None:
    root = page(multilingual_out, "index.html")
    og = {meta["property"]: meta["content"] for meta in root.find_all("meta", property=True)
          if meta["property"] != "og:locale:alternate"}
    assert og["og:type"] == "website" and og["og:url"].endswith("/") and og["og:title"] and og["og:description"]
    assert og["og:locale"] == "fi_FI"
    assert [m["content"] for m in root.find_all("meta", property="og:locale:alternate")] == ["sv_FI", "en_GB"]
    statements = {a["hreflang"]: a["href"] for a in root.select("footer a")}
    assert statements == {"fi": "fi/saavutettavuusseloste/", "sv": "sv/tillganglighetsutlatande/",
                          "en": "en/accessibility-statement/"}
    for href in statements.values():
        assert (multilingual_out / href / "index.html").is_file()
