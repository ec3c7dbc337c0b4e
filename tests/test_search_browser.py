"""Search in a real browser: Debian's Chromium, the built example served on localhost, Pagefind's real index."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from pkc.build import BuildOptions, check
from pkc.urls import PageKey, page_path

from .conftest import REPO
from .site_checks import shown


@pytest.fixture(scope="module")
def catalog():
    return check(BuildOptions(site_dir=REPO)).catalog


def results(tab) -> tuple[str, list[tuple[str, str]]]:
    """Wait for the search to settle; the status text and the (title, href) of the results shown."""
    tab.wait_for_function("""() => {
        const status = document.querySelector('[data-search-status]').textContent;
        const list = document.querySelector('[data-search-results]');
        return status.length > 0 && !list.hasAttribute('aria-busy');
    }""")
    links = tab.eval_on_selector_all(".search-result h2 a",
                                     "links => links.map(a => [a.textContent, a.getAttribute('href')])")
    return tab.inner_text("[data-search-status]"), [(shown(title), href) for title, href in links]


def all_results(tab) -> list[tuple[str, str]]:
    """Every result of the current search, pressing 'Show more' until there are no more."""
    more = tab.locator("[data-search-more]")
    while more.is_visible():
        shown = tab.locator(".search-result").count()
        more.click()
        tab.wait_for_function(f"document.querySelectorAll('.search-result').length > {shown}")
    return results(tab)[1]


def count(status: str) -> int:
    match = re.match(r"^(\d+) ", status)
    return int(match.group(1)) if match else (1 if status.startswith("1 ") else 0)


def clinic_paths(catalog, lang: str, prefix: str = "/") -> set[str]:
    """Where the example's child health clinic services are published: class P5.2, named a neuvola."""
    return {prefix + page_path(PageKey("service", slug), lang) for slug, service in catalog.services.items()
            if "P5.2" in service.categories and "neuvola" in service.name.values["fi"].lower()}


def test_neuvola_finds_the_child_health_clinics(page_in, example_url, catalog) -> None:
    page_in.goto(example_url + "fi/haku/?q=neuvola")
    status, first = results(page_in)
    assert re.fullmatch(r"\d+ tulosta", status)
    assert len(first) == 10  # one page of results at a time
    found = {href for _, href in all_results(page_in)}
    assert len(found) == count(status)
    clinics = clinic_paths(catalog, "fi")
    assert len(clinics) >= 10
    assert clinics <= found, clinics - found


def test_an_inflected_form_still_finds_them(page_in, example_url, catalog) -> None:
    page_in.goto(example_url + "fi/haku/?q=neuvolaan")  # illative: "to the clinic"
    results(page_in)
    found = {href for _, href in all_results(page_in)}
    assert clinic_paths(catalog, "fi") <= found


def test_a_municipality_filter_narrows_the_results(page_in, example_url, catalog) -> None:
    page_in.goto(example_url + "fi/haku/?q=neuvola")
    everywhere = count(results(page_in)[0])
    page_in.get_by_text("Rajaa hakua", exact=True).click()  # the filters wait behind one control
    page_in.get_by_label("Kunta", exact=True).select_option("Porvoo")
    status, found = results(page_in)
    assert 0 < count(status) < everywhere
    porvoo = {"/" + page_path(PageKey("service", slug), "fi") for slug in catalog.services
              if "porvoo" in catalog.service_area(slug)}
    porvoo |= {"/" + page_path(PageKey(kind, slug), "fi") for kind in ("place", "location")
               for slug, entry in catalog.entries[kind].items() if entry.municipality == "porvoo"}
    porvoo |= {"/" + page_path(PageKey("organisation", slug), "fi")
               for slug, entry in catalog.organisations.items() if entry.municipality == "porvoo"}
    porvoo.add("/" + page_path(PageKey("municipality", "porvoo"), "fi"))
    porvoo |= {"/" + page_path(PageKey("event", slug), "fi") for slug in catalog.events
               if "porvoo" in catalog.event_area(slug)}
    porvoo |= {"/" + page_path(PageKey("news", slug), "fi") for slug, item in catalog.news.items()
               if "porvoo" in item.municipalities}
    assert found and all(href in porvoo for _, href in found), found
    assert "municipality=Porvoo" in page_in.url  # the filtered search can be shared and bookmarked


def test_a_swedish_query_on_the_swedish_page_finds_swedish_content(page_in, example_url) -> None:
    page_in.goto(example_url + "sv/sok/?q=rådgivning")
    status, found = results(page_in)
    assert re.fullmatch(r"\d+ träffar", status)
    assert all(href.startswith("/sv/") for _, href in found)
    assert sum("rådgivning" in title.lower() for title, _ in found[:5]) >= 3, found


def test_search_works_under_a_subpath(page_in, example_subpath_url, catalog) -> None:
    page_in.goto(example_subpath_url + "fi/haku/?q=neuvola")
    status, found = results(page_in)
    assert count(status) > 10
    assert all(href.startswith("/perhekeskus/fi/") for _, href in found), found
    assert clinic_paths(catalog, "fi", "/perhekeskus/") <= {href for _, href in all_results(page_in)}
    title, href = found[0]
    page_in.click(".search-result h2 a >> nth=0")
    page_in.wait_for_url("**" + href)
    assert shown(page_in.inner_text("h1")) == title


def _tab_until(page, condition: str, what: str) -> None:
    """Press Tab until the JavaScript `condition` about document.activeElement holds (at most 30 times)."""
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"{what} is not reachable with Tab")


def test_keyboard_only_from_the_header_field_to_a_result(page_in, example_url) -> None:
    page_in.goto(example_url + "fi/palvelut/porvoo-lastenneuvola/")
    # on a phone the field is in the menu: Tab to the menu button, open it with Enter, Tab on to the field
    _tab_until(page_in, "document.activeElement.textContent === 'Valikko'", "the menu button")
    page_in.keyboard.press("Enter")
    _tab_until(page_in, "document.activeElement.id === 'header-search-input'", "the header search field")
    page_in.keyboard.type("perhekahvila")
    page_in.keyboard.press("Enter")
    page_in.wait_for_url("**/fi/haku/?q=perhekahvila")
    status, found = results(page_in)
    assert count(status) > 0
    _tab_until(page_in, "document.activeElement.closest('.search-result') !== null", "a search result")
    target = page_in.evaluate("document.activeElement.getAttribute('href')")
    page_in.keyboard.press("Enter")
    page_in.wait_for_url("**" + target)


def test_filters_are_usable_from_the_keyboard(page_in, example_url) -> None:
    page_in.goto(example_url + "sv/sok/?q=familjecafé")
    before = count(results(page_in)[0])
    page_in.get_by_text("Avgränsa sökningen", exact=True).focus()
    page_in.keyboard.press("Enter")  # opens the filters
    page_in.get_by_label("Kommun", exact=True).focus()
    page_in.keyboard.press("ArrowDown")  # the first municipality after "Alla"
    status, _ = results(page_in)
    assert count(status) <= before
    assert page_in.get_by_label("Kommun", exact=True).input_value() != ""


def test_no_results_says_so_and_suggests_what_to_try(page_in, example_url) -> None:
    page_in.goto(example_url + "en/search/?q=xyzzyplugh")
    status, found = results(page_in)
    assert status == "The search found nothing."
    assert found == []
    help_box = page_in.locator("[data-search-help]")
    assert help_box.is_visible()
    assert "shorter word" in help_box.inner_text()
    assert help_box.get_by_role("link", name="Services", exact=True).is_visible()


def test_result_count_is_announced_in_a_live_region(page_in, example_url) -> None:
    page_in.goto(example_url + "fi/haku/")
    status = page_in.get_by_role("status")
    # the script writes the prompt once it has started: wait for it rather than read the status at once
    expect(status).to_have_text("Kirjoita hakusana tai valitse rajaus.")
    page_in.get_by_label("Hakusana").fill("perheneuvola")
    page_in.get_by_label("Hakusana").press("Enter")
    results(page_in)
    assert re.fullmatch(r"\d+ tulosta|1 tulos", status.inner_text())


def test_without_javascript_the_search_page_points_to_the_directory(browser, example_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(example_url + "fi/haku/?q=neuvola")
    assert "JavaScriptin" in tab.inner_text("main")
    tab.get_by_role("link", name="Palvelut", exact=True).last.click()
    tab.wait_for_url("**/fi/palvelut/")
    context.close()


def test_search_within_a_municipality(page_in, example_url) -> None:
    page_in.goto(example_url + "sv/kommuner/porvoo/")
    field = page_in.get_by_role("searchbox", name="Sök bland kommunens tjänster")
    field.fill("rådgivning")
    field.press("Enter")
    page_in.wait_for_url("**/sv/sok/?**")
    status, found = results(page_in)
    assert count(status) > 0
    assert page_in.get_by_label("Kommun", exact=True).input_value() == "Borgå"
    assert page_in.get_by_label("Kommun", exact=True).is_visible()  # a chosen filter opens the filters
