"""A phone's first screen answers the family: the header is compact, and every service, meeting place and
service point page shows whom to call or where to book within the first 800 px, in real Chromium."""
from __future__ import annotations

from pathlib import Path

import pytest

from .firstscreen import PHONE, entry_paths, measure

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def test_every_entry_page_shows_its_phone_or_booking_on_the_first_phone_screen(phone, example_url) -> None:
    paths = entry_paths(REPO)
    found = measure(phone, example_url, paths)
    assert len(found) == len(paths) > 400
    late = [(m.path, m.bottom) for m in found if m.bottom is not None and m.bottom > PHONE["height"]]
    assert late == []
    # an entry without any number or booking address says how to reach it instead: an email or "just come"
    for m in found:
        if m.top is None:
            phone.goto(example_url + m.path)
            essentials = phone.locator(".essentials")
            assert essentials.locator("a[href^='mailto:'], .essentials-access").count() > 0, m.path
            assert essentials.bounding_box()["y"] < PHONE["height"], m.path
    assert max(m.header for m in found) <= 120


def test_the_essentials_say_who_it_is_for_how_to_get_it_and_where(phone, example_url) -> None:
    phone.goto(example_url + "fi/palvelut/porvoo-lastenneuvola/")
    box = phone.locator(".essentials")
    assert box.get_attribute("aria-label") == "Tärkeimmät tiedot"
    text = box.inner_text()
    assert "Kenelle:" in text and "Ajanvarauksella" in text
    call = box.locator("a.call")
    assert call.inner_text().startswith("Soita ")
    assert call.get_attribute("href").startswith("tel:+358")
    assert "ma–pe" in box.locator(".essentials-detail").inner_text()   # the answering hours, in one line
    assert box.get_by_role("link", name="Näytä kartalla").count() == 1
    phone.goto(example_url + "sv/motesplatser/someron-perhepirtti/")
    assert "Ingen tidsbokning – kom bara" in phone.locator(".essentials").inner_text()


def test_on_a_wide_screen_the_essentials_sit_beside_the_description(browser, example_url) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(example_url + "fi/palvelut/porvoo-lastenneuvola/")
    side = page.locator(".essentials").bounding_box()
    lead = page.locator(".lead").bounding_box()
    assert side["x"] > lead["x"] + lead["width"]          # to the right of the text, not below it
    assert abs(side["y"] - lead["y"]) < 40
    assert page.locator("a.call").bounding_box()["y"] < 900
    context.close()


def test_the_phone_menu_opens_from_the_keyboard_and_closes_with_escape(phone, example_url) -> None:
    phone.goto(example_url + "fi/")
    nav = phone.get_by_role("navigation", name="Päävalikko")
    assert not nav.is_visible()
    button = phone.get_by_role("button", name="Valikko")
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.closest('nav') !== null")
    phone.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()
    assert phone.evaluate("document.activeElement.textContent") == "Valikko"


def test_without_javascript_the_menu_link_opens_the_navigation(browser, example_url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url + "sv/")
    nav = page.get_by_role("navigation", name="Huvudmeny")
    assert not nav.is_visible()
    page.get_by_role("link", name="Meny").click()
    assert nav.is_visible()
    assert page.get_by_role("link", name="Mötesplatser").first.is_visible()
    context.close()


def test_on_a_wide_screen_the_navigation_is_always_shown(browser, example_url) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(example_url + "en/")
    assert page.get_by_role("navigation", name="Main menu").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    context.close()
