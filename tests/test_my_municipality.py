"""My municipality: chosen once on its page, kept in this browser only, it narrows lists and leads the home page;
without JavaScript each life situation has a static page per municipality."""
from __future__ import annotations

import re

from .site_checks import shown

PORVOO_SV = "sv/kommuner/porvoo/"


def _choose_porvoo(page, base: str) -> None:
    page.goto(base + PORVOO_SV)
    button = page.get_by_role("button", name="Välj som min kommun")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert page.get_by_role("status").filter(has_text="Borgå är nu din kommun").count() == 1
    assert page.get_by_role("button", name="Ta bort kommunvalet").get_attribute("aria-pressed") == "true"


def test_the_choice_is_kept_in_local_storage_only(page_in, example_url) -> None:
    requests: list[str] = []
    page_in.on("request", lambda request: requests.append(request.url))
    _choose_porvoo(page_in, example_url)
    stored = page_in.evaluate("JSON.parse(localStorage.getItem('pkc-municipality'))")
    assert stored == {"slug": "porvoo", "names": {"fi": "Porvoo", "sv": "Borgå", "en": "Porvoo"}}
    assert page_in.context.cookies() == []
    assert all(url.startswith(example_url) for url in requests)       # nothing leaves the site
    page_in.get_by_role("button", name="Ta bort kommunvalet").click()
    assert page_in.evaluate("localStorage.getItem('pkc-municipality')") is None


def test_the_home_page_leads_with_the_chosen_municipality(page_in, example_url) -> None:
    _choose_porvoo(page_in, example_url)
    page_in.goto(example_url + "fi/")
    mine = page_in.get_by_role("region", name="Kuntasi: Porvoo")
    mine.locator(".service-rows").wait_for()
    assert mine.get_by_role("link", name="Lastenneuvola Porvoossa").count() == 1
    assert mine.locator("a[href^='tel:']").count() >= 3
    hero = page_in.locator(".hero").bounding_box()
    assert mine.bounding_box()["y"] > hero["y"]
    assert mine.bounding_box()["y"] < 800


def test_lists_start_narrowed_with_one_control_to_widen(page_in, example_url) -> None:
    _choose_porvoo(page_in, example_url)
    page_in.goto(example_url + "fi/elamantilanteet/odotamme-vauvaa/")
    status = page_in.locator(".narrowed [role=status]")
    match = re.fullmatch(r"Näytetään kunnan Porvoo palvelut: (\d+)/(\d+)\.", status.inner_text())
    assert match and 0 < int(match[1]) < int(match[2])
    visible = page_in.locator("main li[data-area]:visible")
    assert visible.count() == int(match[1])
    for area in visible.evaluate_all("items => items.map(item => item.dataset.area)"):
        assert "porvoo" in area.split()
    page_in.get_by_role("button", name="Näytä kaikki kunnat").click()
    assert visible.count() == int(match[2])
    assert page_in.get_by_role("button", name="Näytä vain Porvoo").count() == 1


def test_search_starts_narrowed_to_the_chosen_municipality(page_in, example_url) -> None:
    _choose_porvoo(page_in, example_url)
    page_in.goto(example_url + "sv/sok/?q=rådgivning")
    page_in.locator("[data-search-done]").wait_for(state="attached")
    assert page_in.locator("select[name=municipality]").input_value() == "Borgå"
    status = page_in.locator("[data-search-status]")
    narrowed = int(re.search(r"\d+", status.inner_text())[0])
    page_in.locator("select[name=municipality]").select_option("")      # the one control that widens
    page_in.wait_for_function(
        f"(parseInt(document.querySelector('[data-search-status]').textContent.match(/\\d+/)) || 0) > {narrowed}")
    assert 0 < narrowed


def test_a_life_situation_has_a_static_page_per_municipality(browser, example_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url + "fi/elamantilanteet/odotamme-vauvaa/")
    page.get_by_text("Näytä vain oman kuntasi palvelut").click()
    page.get_by_role("link", name="Porvoo", exact=True).click()
    assert page.url == example_url + "fi/elamantilanteet/odotamme-vauvaa/porvoo/"
    assert shown(page.locator("h1").inner_text()) == "Odotamme vauvaa: Porvoo"
    areas = page.locator("main li[data-area]").evaluate_all("items => items.map(item => item.dataset.area)")
    assert areas and all("porvoo" in area.split() for area in areas)
    # the child health clinics come first, not the national code list's first class
    first_group = shown(page.locator("#services-heading ~ h3").first.inner_text())
    assert first_group == "Neuvolapalvelut"
    page.get_by_role("link", name="Näytä kaikkien kuntien palvelut").click()
    assert page.url == example_url + "fi/elamantilanteet/odotamme-vauvaa/"
    context.close()
