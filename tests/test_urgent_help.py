"""Urgent help: the helplines of site.yaml as tel: links, and the quick exit of sensitive pages, in Chromium."""
from __future__ import annotations

import yaml
from click.testing import CliRunner

from pkc.cli import main

NEUTRAL = "https://www.ilmatieteenlaitos.fi/"
VIOLENCE = "fi/elamantilanteet/vakivalta-perheessa/"


def _neutral_site(page) -> None:
    """The quick exit's neutral site, answered locally: tests never leave localhost."""
    page.route(NEUTRAL + "**", lambda route: route.fulfill(status=200, content_type="text/html",
                                                           body="<!DOCTYPE html><title>Sää</title><p>Sää"))


def test_the_home_page_lists_the_helplines_as_tel_links(page_in, example_url) -> None:
    page_in.goto(example_url + "sv/")
    box = page_in.get_by_role("region", name="Behöver du hjälp genast?")
    links = box.get_by_role("link")
    assert links.first.inner_text() == "Nödnumret 112"
    assert links.first.get_attribute("href") == "tel:112"
    assert box.get_by_role("link", name="Nollalinjen 080 005 005").get_attribute("href") == "tel:+35880005005"
    assert "dygnet runt" in box.inner_text()
    assert page_in.locator("[data-quick-exit]").count() == 0       # no quick exit on an ordinary page
    footer = page_in.locator("footer")
    assert footer.get_by_role("link", name="112").get_attribute("href") == "tel:112"


def test_a_sensitive_page_shows_its_helplines_in_its_own_order(page_in, example_url) -> None:
    page_in.goto(example_url + VIOLENCE)
    names = page_in.locator(".urgent-help .helpline-name").all_inner_texts()
    assert names == ["Hätänumero", "Nollalinja", "Kriisipuhelin", "Lasten ja nuorten puhelin", "Vanhempainpuhelin"]
    exit_button = page_in.get_by_role("link", name="Poistu sivulta")
    assert exit_button.is_visible()
    box = exit_button.bounding_box()
    assert box["y"] < 200                                           # at the top of a phone's first screen
    page_in.mouse.wheel(0, 2000)
    assert exit_button.bounding_box()["y"] >= 0 and exit_button.is_visible()  # and it stays there


def test_the_quick_exit_replaces_the_page_so_back_does_not_return(page_in, example_url) -> None:
    _neutral_site(page_in)
    page_in.goto(example_url + "fi/")
    page_in.goto(example_url + VIOLENCE)
    page_in.get_by_role("link", name="Poistu sivulta").click()
    page_in.wait_for_url(NEUTRAL)
    page_in.go_back()
    assert page_in.url == example_url + "fi/"


def test_three_presses_of_shift_leave_the_page_and_two_are_announced(page_in, example_url) -> None:
    _neutral_site(page_in)
    page_in.goto(example_url + VIOLENCE)
    page_in.keyboard.press("Shift")
    page_in.keyboard.press("Shift")
    status = page_in.locator("[data-quick-exit-status]")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == "Shift: paina vielä 1 kertaa, niin poistut sivulta."
    page_in.keyboard.press("Shift")
    page_in.wait_for_url(NEUTRAL)


def test_typing_capital_letters_does_not_leave_the_page(page_in, example_url) -> None:
    page_in.goto(example_url + VIOLENCE)
    for key in ("Shift+A", "Shift+B", "Shift+C"):
        page_in.keyboard.press(key)
    page_in.wait_for_timeout(200)
    assert page_in.url == example_url + VIOLENCE


def test_without_javascript_the_quick_exit_is_a_link_to_the_neutral_site(browser, example_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url + "en/life-situations/vakivalta-perheessa/")
    link = page.get_by_role("link", name="Exit this page")
    assert link.get_attribute("href") == NEUTRAL
    assert link.get_attribute("rel") == "nofollow noreferrer"
    context.close()


def test_an_unknown_helpline_is_named_with_its_file_and_line(scratch_site) -> None:
    site = scratch_site()
    config = yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))
    config["helplines"] = [{"name": "Hätänumero", "phone": "112", "hours": "aina"}]
    (site / "site.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    situation = site / "content" / "life-situations" / "kriisi.yaml"
    situation.parent.mkdir(parents=True)
    situation.write_text("name: Kriisi\nsummary: Apua kriisiin.\ndescription: Soita.\nsensitive: true\n"
                         "helplines: ['112', '080 005 005']\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert "content/life-situations/kriisi.yaml:5:20: '080 005 005' is not one of the helplines in site.yaml" \
        in result.stderr
    assert "'112'" in result.stderr                                  # the hint lists the numbers there are


def test_a_helpline_number_that_cannot_be_called_is_refused(scratch_site) -> None:
    site = scratch_site()
    config = yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))
    config["helplines"] = [{"name": "Linja", "phone": "123", "hours": "aina"}]
    (site / "site.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert "'123' is not a phone number that can be called in Finland" in result.stderr
