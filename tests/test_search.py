"""The search index as built: what is indexed, with which filters, per language (no browser needed)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pkc.search import index_site, indexed_part, split_page

from .site_checks import html_pages, indexed_pages, page, shown


def test_one_index_per_language_holding_exactly_the_entity_pages(multilingual_out: Path) -> None:
    entries = {lang: json.loads((multilingual_out / "pagefind" / lang / "pagefind-entry.json").read_text())
               for lang in ("fi", "sv", "en")}
    indexed = {}
    for path in html_pages(multilingual_out):
        document = page(multilingual_out, str(path.relative_to(multilingual_out)))
        if document.find("main", attrs={"data-pagefind-body": True}) is not None:
            indexed.setdefault(document.html["lang"], []).append(path)
    # 1 region, 2 municipalities, 3 organisations, 1 location, 1 meeting place, 3 services, 1 page,
    # 2 events, 1 news item, 1 topic of questions, 1 life situation
    assert {lang: len(paths) for lang, paths in indexed.items()} == {"fi": 17, "sv": 17, "en": 17}
    # one bundle per language, each holding only its own language's index
    assert {lang: {code: info["page_count"] for code, info in entry["languages"].items()}
            for lang, entry in entries.items()} == {"fi": {"fi": 17}, "sv": {"sv": 17}, "en": {"en": 17}}


def test_lists_and_navigation_are_not_indexed(multilingual_out: Path) -> None:
    for rel in ["fi/", "fi/palvelut/", "fi/kunnat/", "fi/aiheet/neuvolapalvelut/", "fi/haku/", "404.html"]:
        assert page(multilingual_out, rel).find(attrs={"data-pagefind-body": True}) is None, rel
    service = page(multilingual_out, "fi/palvelut/lastenneuvola-kaksila/")
    body = service.find("main", attrs={"data-pagefind-body": True})
    assert body is not None
    assert body.find("nav") is None and body.find("footer") is None


def test_a_service_page_carries_its_filters_and_card_metadata(multilingual_out: Path) -> None:
    indexed = indexed_pages(multilingual_out, "sv")["/sv/tjanster/lastenneuvola-kaksila/"]
    assert indexed["filters"] == {
        "municipality": ["Tvåby"],
        "kind": ["Tjänst"],
        "category": ["Rådgivningstjänster"],
        "audience": ["Barn under skolåldern"],
        "language": ["finska", "svenska"],
        "region": ["Testland"],
    }
    # the phone as shown and as dialled, for the result card's tel: link; the weight of a service against news
    meta = indexed["meta"]
    assert shown(meta.pop("title")) == "Barnrådgivning"  # the page's <h1>, as Pagefind takes it
    assert meta == {"kind": "Tjänst", "municipality": "Tvåby", "category": "Rådgivningstjänster",
                    "summary": "Barnets hälsokontroller.", "phone": "040 000 0002|+358400000002", "weight": "1"}
    # they are Pagefind's alone: the published page goes without them, and without the hidden search words
    html = (multilingual_out / "sv/tjanster/lastenneuvola-kaksila/index.html").read_text(encoding="utf-8")
    assert "pkc:" not in html and "data-pagefind-filter" not in html and "data-pagefind-weight" not in html


def test_every_page_has_a_labelled_search_field_that_leads_to_the_search_page(multilingual_out: Path) -> None:
    for rel, action in [("fi/palvelut/lastenneuvola-kaksila/", "../../haku/"), ("sv/", "sok/"),
                        ("en/municipalities/kaksila/", "../../search/")]:
        form = page(multilingual_out, rel).find("form", class_="header-search")
        assert form["action"] == action and form["role"] == "search"
        field = form.find("input", attrs={"name": "q"})
        assert form.find("label", attrs={"for": field["id"]}).get_text()


def test_the_search_page_works_without_javascript_only_to_say_so(multilingual_out: Path) -> None:
    document = page(multilingual_out, "fi/haku/")
    noscript = document.find("noscript")
    assert "JavaScriptin" in noscript.get_text()
    assert [a["href"] for a in noscript.find_all("a")] == ["../kunnat/", "../palvelut/", "../elamantilanteet/",
                                                          "../kohtaamispaikat/", "../aiheet/"]
    # the notice comes before the form, and the form (useless without the script) is hidden until it runs
    assert noscript.find_next("form", attrs={"data-search": True}).has_attr("hidden")
    assert document.find(attrs={"role": "status"}) is not None
    selects = document.find("form", attrs={"data-search": True}).find_all("select")
    assert [s["name"] for s in selects] == ["municipality", "kind", "category", "audience", "language", "region"]
    for select in selects:
        assert document.find("label", attrs={"for": select["id"]}).get_text()
    assert [o.get_text() for o in document.find("select", attrs={"name": "municipality"}).find_all("option")] == [
        "Kaikki", "Kaksila", "Yksilä"]


def test_a_municipality_page_offers_search_within_it(multilingual_out: Path) -> None:
    form = page(multilingual_out, "sv/kommuner/kaksila/").find("form", class_="search-within")
    assert form["action"] == "../../sok/"
    assert form.find("input", attrs={"name": "municipality"})["value"] == "Tvåby"


def test_the_family_vocabulary_names_only_real_codes_and_says_which_is_wrong() -> None:
    from pkc import familywords

    vocabulary = familywords.bundled()
    assert {"fi", "sv", "en"} <= set(vocabulary["service_classes"]["P5.2"])
    assert "ero" in familywords.words_for("life_events", ["KE7"], "fi")
    with pytest.raises(ValueError, match=r"'P5\.99' is not a code of service_classes"):
        familywords.parse({"service_classes": {"P5.99": {"fi": ["neuvola"]}}}, "family-words.yaml")
    with pytest.raises(ValueError, match=r"service_classes\.P5\.2\.fi must be a list of words"):
        familywords.parse({"service_classes": {"P5.2": {"fi": "neuvola"}}}, "family-words.yaml")


def test_pagefind_makes_the_same_index_from_the_part_of_each_page_it_indexes(example_out: Path, tmp_path) -> None:
    """A cached build gives Pagefind only <main data-pagefind-body> and the pkc:* meta tags of each page
    (pkc.search.indexed_part): on every Swedish page of the example site that is the same search index, byte for
    byte."""
    full, cut = tmp_path / "full", tmp_path / "cut"
    cut_bytes = full_bytes = indexed = 0
    for path in sorted(example_out.glob("sv/**/*.html")):
        rel = path.relative_to(example_out)
        html = path.read_bytes()
        part = indexed_part(html)
        for root, data in ((full, html), (cut, html if part is None else part)):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        indexed += b"data-pagefind-body" in html
        full_bytes += len(html)
        cut_bytes += len(html if part is None else part)
    assert cut_bytes < full_bytes * 0.75
    for root in (full, cut):
        assert index_site(root, ("sv",)).pages["sv"] == indexed > 300
    bundles = [{p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "pagefind" / "sv").rglob("*")
                if p.is_file()} for root in (full, cut)]
    assert bundles[0] == bundles[1]


def test_a_page_pagefind_may_read_more_of_is_given_whole() -> None:
    page = (b'<!DOCTYPE html>\n<html lang="fi">\n<head>\n<title>T</title>\n'
            b'<meta name="pkc:kind" content="Palvelu" data-pagefind-meta="kind[content]">\n</head>\n<body>\n'
            b'<header>HEADER</header>\n<main id="main" data-pagefind-body>\n<h1>Neuvola</h1>\n</main>\n'
            b'<footer>FOOTER</footer>\n</body>\n</html>\n')
    part = indexed_part(page)
    assert part is not None and b"<h1>Neuvola</h1>" in part and b'data-pagefind-meta="kind[content]"' in part
    assert b"HEADER" not in part and b"FOOTER" not in part and b"<title>" not in part
    for changed in (page.replace(b" data-pagefind-body", b""),  # Pagefind reads every page's <body> then
                    page.replace(b"HEADER", b'<span data-pagefind-filter="area">Koko maa</span>'),
                    page.replace(b"FOOTER", b"<h1>Toinen otsikko</h1>"),  # Pagefind's default title
                    page.replace(b"FOOTER", b"<div data-pagefind-body>more</div>"),
                    page.replace(b"<main id", b"<main data-x='>' id")):
        assert indexed_part(changed) is None


def test_what_only_pagefind_reads_goes_to_pagefind_and_not_to_the_visitor() -> None:
    main = (b'<main id="main" data-pagefind-body>\n<h1>Neuvola</h1>\n<div hidden>\xe2\x81\x82\n'
            b'<p data-pagefind-weight="7.0">neuvola, kevatkumpu</p>\n</div>\n</main>\n')
    meta = b'<meta name="pkc:filter:kind" content="Palvelu" data-pagefind-filter="kind[content]">\n'
    page = (b'<!DOCTYPE html>\n<html lang="fi">\n<head>\n<title>T</title>\n' + meta + b'</head>\n<body>\n'
            b'<header>H</header>\n' + main + b'<footer><div hidden>menu</div>\n</footer>\n</body>\n</html>\n')
    published, search_input = split_page(page)
    assert published == page.replace(main, b'<main id="main" data-pagefind-body>\n<h1>Neuvola</h1>\n</main>\n') \
        .replace(meta, b"")
    assert b"kevatkumpu" in search_input and b"<h1>Neuvola</h1>" in search_input and b"<header>" not in search_input
    assert meta in search_input
    # a page of a site's own template without the block: Pagefind reads it whole, with the meta tags
    plain = page.replace(main, b"<main><h1>Oma</h1></main>\n")
    assert split_page(plain) == (plain.replace(meta, b""), plain)
    assert split_page(published)[0] == published  # nothing of the kind left: published as it is
