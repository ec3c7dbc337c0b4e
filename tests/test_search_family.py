"""Search as families use it, in Debian's Chromium over the example's real Pagefind index: everyday words, word
forms, typos, three languages, results a family can act on, and a page that still helps without JavaScript."""
from __future__ import annotations

import re

import pytest

from pkc import wordforms
from pkc.build import BuildOptions, check
from pkc.urls import PageKey, page_path

from .conftest import REPO
from .relevance import load_queries, run_queries, score
from .test_search_browser import all_results, results


def search(tab, base: str, lang_path: str, query: str) -> tuple[str, list[tuple[str, str]]]:
    tab.goto(f"{base}{lang_path}?q={query}")
    tab.wait_for_function("q => document.querySelector('form[data-search]').dataset.searchDone === q", arg=query)
    return results(tab)


def path(kind: str, slug: str, lang: str) -> str:
    return "/" + page_path(PageKey(kind, slug), lang)


def test_an_everyday_word_finds_the_service_that_uses_the_official_term(page_in, example_url) -> None:
    # the pages say "lastenvalvoja"; a parent who is separating types "ero"
    _, found = search(page_in, example_url, "fi/haku/", "ero")
    top = [href for _, href in found[:3]]
    assert path("life-situation", "ero", "fi") in top or any("lastenvalvoja" in h for h in top), top


def test_a_base_form_finds_an_inflected_text(page_in, example_url) -> None:
    # the life situation says "Tunnen itseni yksinäiseksi"; the family types the base form
    _, found = search(page_in, example_url, "fi/haku/", "yksinäinen")
    assert path("life-situation", "yksinaisyys", "fi") in [href for _, href in found[:3]], found[:3]


@pytest.mark.skipif(not wordforms.available(), reason="Voikko (libvoikko1, voikko-fi) is not installed")
def test_a_part_of_a_finnish_compound_is_found(page_in, example_url) -> None:
    # these antenatal classes call themselves "perhevalmennus" and "vanhemmuusvalmennus", never "valmennus" alone,
    # and no family word says it: only Voikko's compound parts find them (without Voikko: 6 results, none of these)
    search(page_in, example_url, "fi/haku/", "valmennus")
    found = {href for _, href in all_results(page_in)}
    for slug in ("keski-suomen-perhevalmennus", "porvoo-vanhemmuusvalmennus", "lansi-uusimaa-perhevalmennus"):
        assert path("service", slug, "fi") in found, found


def test_a_part_of_a_swedish_compound_is_found(page_in, example_url) -> None:
    # the antenatal classes say "förlossningssjukhuset"; neither the text nor its family words say "sjukhus"
    search(page_in, example_url, "sv/sok/", "sjukhus")
    found = {href for _, href in all_results(page_in)}
    assert path("service", "lansi-uusimaa-perhevalmennus", "sv") in found, found


def test_a_colloquial_swedish_word_finds_early_childhood_education(page_in, example_url) -> None:
    # no page says "dagis"; early childhood education (service class P3.4) is what the family means
    catalog = check(BuildOptions(site_dir=REPO)).catalog
    education = {path("service", slug, "sv") for slug, service in catalog.services.items() if "P3.4" in service.categories}
    education.add(path("life-situation", "lapsi-alle-kouluikainen", "sv"))
    _, found = search(page_in, example_url, "sv/sok/", "dagis")
    assert len(found) >= 3 and all(href in education for _, href in found[:3]), found[:3]


def test_a_typo_is_corrected_and_the_correction_offered(page_in, example_url) -> None:
    status, found = search(page_in, example_url, "fi/haku/", "nevola")
    suggestion = page_in.locator("[data-search-suggestion]")
    assert suggestion.is_visible()
    assert suggestion.inner_text() == "Tarkoititko neuvola?"
    # the live region says which search the results are for, so a screen reader hears it too
    assert re.fullmatch(r"Näytetään tulokset haulle neuvola\. \d+ tulosta", status), status
    assert found and all("neuvola" in title.lower() or "neuvola" in href for title, href in found[:3]), found[:3]
    # the suggestion is a link that runs that search
    suggestion.get_by_role("link", name="neuvola").click()
    page_in.wait_for_function("document.querySelector('form[data-search]').dataset.searchDone === 'neuvola'")
    assert page_in.get_by_label("Hakusana").input_value() == "neuvola"
    assert page_in.locator("[data-search-suggestion]").is_hidden()


def test_a_word_with_no_near_neighbour_lists_nothing_rather_than_prefix_matches(page_in, example_url) -> None:
    # Pagefind falls back to the longest indexed prefix ("perhe…" for this): a page of unrelated results
    status, found = search(page_in, example_url, "fi/haku/", "qwxzvbnm")
    assert found == []
    assert status == "Haulla ei löytynyt tuloksia."


def test_an_english_query_finds_an_english_page(page_in, example_url) -> None:
    _, found = search(page_in, example_url, "en/search/", "child health clinic porvoo")
    assert found[0][1] == path("service", "porvoo-lastenneuvola", "en"), found[:3]
    assert "clinic" in found[0][0].lower()


def test_a_result_shows_kind_municipality_and_a_phone_link(page_in, example_url) -> None:
    search(page_in, example_url, "fi/haku/", "neuvola porvoo")
    first = page_in.locator(".search-result").first
    assert re.match(r"^Palvelu · .*Porvoo", first.locator(".card-kind").inner_text())
    phone = first.locator("a.phone")
    assert phone.get_attribute("href").startswith("tel:+358")
    assert re.fullmatch(r"[0-9 ]+", phone.inner_text())


def test_excerpts_never_glue_a_label_to_its_value(page_in, example_url) -> None:
    search(page_in, example_url, "fi/haku/", "maksuton")
    excerpts = page_in.locator(".search-result .excerpt").all_inner_texts()
    assert excerpts
    glued = [e for e in excerpts if re.search(r"(Kenelle|Hinta|Alue|Palvelukielet)[A-ZÄÖ]", e)]
    assert glued == []


def test_on_a_phone_the_first_result_is_visible_without_scrolling(page_in, example_url) -> None:
    page_in.set_viewport_size({"width": 360, "height": 800})
    search(page_in, example_url, "fi/haku/", "perhekahvila")
    box = page_in.locator(".search-result h2 a").first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800, box
    # the filters wait behind one control until opened
    assert page_in.get_by_label("Kunta", exact=True).is_hidden()
    page_in.get_by_text("Rajaa hakua").click()
    assert page_in.get_by_label("Kunta", exact=True).is_visible()


def test_without_javascript_the_page_says_so_first_and_offers_the_lists(browser, example_url) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    tab = context.new_page()
    tab.goto(example_url + "fi/haku/?q=neuvola")
    main = tab.locator("main")
    first_paragraph = main.locator("p").first
    assert "JavaScript" in first_paragraph.inner_text()
    assert tab.locator("form[data-search]").is_hidden()  # no field and filters that would do nothing
    links = [name.strip() for name in main.get_by_role("link").all_inner_texts()]
    for wanted in ("Kunnat", "Palvelut", "Elämäntilanteet"):
        assert wanted in links, links
    tab.get_by_role("link", name="Elämäntilanteet", exact=True).first.click()
    tab.wait_for_url("**/fi/elamantilanteet/")
    context.close()


def test_keywords_are_found_but_not_shown(page_in, example_url, example_out) -> None:
    # the Porvoo clinic's local keyword (see its YAML) is indexed with the page and appears nowhere on it
    html = (example_out / "fi/palvelut/porvoo-lastenneuvola/index.html").read_text(encoding="utf-8")
    assert "kevätkumpu" in (REPO / "content/services/porvoo-lastenneuvola.yaml").read_text(encoding="utf-8")
    assert "kevätkumpu" not in html.lower() and "data-pagefind-weight" not in html
    _, found = search(page_in, example_url, "fi/haku/", "kevätkumpu")
    assert path("service", "porvoo-lastenneuvola", "fi") in [href for _, href in found[:3]], found[:3]


@pytest.mark.skipif(not wordforms.available(), reason="Voikko (libvoikko1, voikko-fi) is not installed")
def test_finnish_base_forms_and_compound_parts_come_from_voikko() -> None:
    assert wordforms.finnish_forms("perhepäivähoidossa") == ("perhepäivähoito", "päivähoito", "hoito")
    assert "yksinäinen" in wordforms.finnish_forms("yksinäiseksi")
    assert wordforms.finnish_forms("porvoossa") == ("porvoo",)


def test_compound_tails_without_voikko_come_from_the_vocabulary() -> None:
    forms = wordforms.WordForms(["rådgivning", "dagvård"])
    assert forms.extra([("Barnrådgivningen och familjedagvården", "sv")]) == ["rådgivningen", "dagvården"]


def test_the_fixed_subset_of_the_relevance_benchmark(page_in, example_url) -> None:
    queries = load_queries(subset=True)
    assert len(queries) >= 30 and {q.lang for q in queries} == {"fi", "sv", "en"}
    by_lang = score(run_queries(page_in, example_url, queries))
    for lang, scores in by_lang.items():
        misses = [(o.query.text, o.results[:3]) for o in scores.outcomes if not o.rank or o.rank > 3]
        assert scores.hit3 >= 0.9, (lang, misses)
        assert scores.zero == [], (lang, [o.query.text for o in scores.zero])
