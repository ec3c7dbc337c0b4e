"""The "open today" line in a real browser: Debian's Chromium on the built example, its clock fixed by Playwright.

The browser is in New York throughout: the line must follow Finnish time whatever the device's time zone.
The hours come from the example's content:
- Porvoon perhekeskus (a location): ma-ke 8-16, to 8-18, pe 8-15; closed 24-26.12.2026; 31.12.2026 8-13.
- MLL:n perhekahvila Lohjan keskustassa (a meeting place): ti 9.30-11.30, pe 10-12, valid 18.8.2026-28.5.2027;
  closed 21.12.2026-6.1.2027 (Christmas break) and 22-26.2.2027.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

HELSINKI = ZoneInfo("Europe/Helsinki")
PORVOO_FI = "fi/toimipisteet/porvoon-perhekeskus/"
PORVOO_SV = "sv/verksamhetsstallen/porvoon-perhekeskus/"
LOHJA_FI = "fi/kohtaamispaikat/lohja-mll-perhekahvila/"


@pytest.fixture
def open_tab(browser):
    """open_tab(path, Helsinki time) -> a page loaded at that moment, in a browser set to New York time."""
    contexts = []
    errors: list[str] = []

    def load(path: str, when: dt.datetime, javascript: bool = True):
        context = browser.new_context(timezone_id="America/New_York", java_script_enabled=javascript)
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.clock.set_fixed_time(when.replace(tzinfo=HELSINKI))
        tab.goto(load.url + path)
        tab.wait_for_load_state("load")  # deferred scripts have run
        return tab

    yield load
    for context in contexts:
        context.close()
    assert errors == []


@pytest.fixture(autouse=True)
def _served(open_tab, example_url):
    open_tab.url = example_url


def status(tab) -> str | None:
    """The status line among the page's first-screen essentials, or None when it is not shown."""
    line = tab.locator(".essentials .open-status")
    return line.inner_text() if line.is_visible() else None


def test_the_browser_really_is_in_another_time_zone(open_tab) -> None:
    tab = open_tab(PORVOO_FI, dt.datetime(2026, 11, 24, 6, 30))
    assert tab.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "America/New_York"
    assert tab.evaluate("new Date().getDate()") == 23  # still Monday evening in New York


def test_a_weekday_with_hours_says_open_today_by_finnish_time(open_tab) -> None:
    # Tuesday 6.30 in Helsinki is Monday 23.30 in New York, after Monday's hours there
    tab = open_tab(PORVOO_FI, dt.datetime(2026, 11, 24, 6, 30))
    assert status(tab) == "Avoinna tänään 8.00–16.00"
    assert "is-open" in tab.locator(".essentials .open-status").get_attribute("class")
    assert status(open_tab(PORVOO_FI, dt.datetime(2026, 11, 26, 17, 59))) == "Avoinna tänään 8.00–18.00"


def test_after_closing_time_it_names_the_next_opening(open_tab) -> None:
    # Monday 17.00 in Helsinki is 10.00 in New York, inside Monday's hours there
    tab = open_tab(PORVOO_FI, dt.datetime(2026, 11, 23, 17, 0))
    assert status(tab) == "Avataan ti 8.00"
    assert "is-closed" in tab.locator(".essentials .open-status").get_attribute("class")
    assert status(open_tab(PORVOO_FI, dt.datetime(2026, 11, 27, 15, 0))) == "Avataan ma 8.00"  # Friday, at closing


def test_a_day_without_hours_names_the_next_opening(open_tab) -> None:
    assert status(open_tab(LOHJA_FI, dt.datetime(2026, 11, 23, 12, 0))) == "Avataan ti 9.30"  # Monday
    assert status(open_tab(LOHJA_FI, dt.datetime(2026, 11, 25, 8, 0))) == "Avataan pe 10.00"  # Wednesday


def test_a_holiday_from_the_content_is_closed(open_tab) -> None:
    # Thursday 24.12. would be 8-18; closed 24.-26.12., Sunday has no hours: next Monday
    assert status(open_tab(PORVOO_FI, dt.datetime(2026, 12, 24, 10, 0))) == "Avataan ma 8.00"
    # New Year's Eve, a Thursday, has shorter hours of its own
    assert status(open_tab(PORVOO_FI, dt.datetime(2026, 12, 31, 10, 0))) == "Avoinna tänään 8.00–13.00"


def test_a_long_break_says_closed_today(open_tab) -> None:
    # the Christmas break runs from 21.12. to 6.1.: no opening within the week
    assert status(open_tab(LOHJA_FI, dt.datetime(2026, 12, 22, 10, 0))) == "Suljettu tänään"
    # the break ends on Wednesday 6.1.; Friday 8.1. opens again
    assert status(open_tab(LOHJA_FI, dt.datetime(2027, 1, 5, 10, 0))) == "Avataan pe 10.00"


def test_outside_the_validity_of_the_hours_nothing_is_claimed(open_tab) -> None:
    # valid until Friday 28.5.2027: on that day after closing no next opening is known, and after it nothing
    assert status(open_tab(LOHJA_FI, dt.datetime(2027, 5, 28, 10, 0))) == "Avoinna tänään 10.00–12.00"
    assert status(open_tab(LOHJA_FI, dt.datetime(2027, 5, 28, 13, 0))) is None
    assert status(open_tab(LOHJA_FI, dt.datetime(2027, 6, 1, 10, 0))) is None
    # before the last week: Tuesday 25.5. after its hours, the Friday is still within the validity
    assert status(open_tab(LOHJA_FI, dt.datetime(2027, 5, 25, 12, 0))) == "Avataan pe 10.00"


def test_a_swedish_page_writes_swedish(open_tab) -> None:
    assert status(open_tab(PORVOO_SV, dt.datetime(2026, 11, 24, 9, 0))) == "Öppet i dag 8.00–16.00"
    assert status(open_tab(PORVOO_SV, dt.datetime(2026, 11, 23, 17, 0))) == "Öppnar tis 8.00"
    assert status(open_tab(PORVOO_SV, dt.datetime(2026, 12, 25, 9, 0))) == "Öppnar mån 8.00"


def test_an_english_page_writes_english_with_its_own_times(open_tab) -> None:
    tab = open_tab("en/meeting-places/avoin-paivakoti-vipina/", dt.datetime(2026, 11, 24, 12, 30))
    assert status(tab) == "Open today 09:00–12:00, 13:00–15:00"  # two rows on Tuesdays
    tab = open_tab("en/meeting-places/avoin-paivakoti-vipina/", dt.datetime(2026, 11, 27, 12, 30))
    assert status(tab) == "Opens Mon 09:00"


def test_every_card_of_the_meeting_places_list_has_its_line(open_tab) -> None:
    tab = open_tab("fi/kohtaamispaikat/", dt.datetime(2026, 11, 24, 10, 0))
    cards = tab.locator(".card-place")
    lines = tab.locator(".card-place .open-status").all_inner_texts()
    assert len(lines) == cards.count() > 30
    assert all(line.startswith(("Avoinna tänään ", "Avataan ", "Suljettu tänään")) for line in lines), lines
    lohja = tab.locator(".card-place", has_text="MLL:n perhekahvila Lohjan keskustassa")
    assert lohja.locator(".open-status").inner_text() == "Avoinna tänään 9.30–11.30"


def test_it_is_ordinary_text_in_the_reading_order(open_tab) -> None:
    tab = open_tab(PORVOO_FI, dt.datetime(2026, 11, 24, 9, 0))
    line = tab.locator(".essentials .open-status")
    assert line.evaluate("el => [el.tagName, el.getAttribute('role'), el.getAttribute('aria-live')]") == [
        "P", None, None]
    snapshot = tab.locator("main").aria_snapshot()
    assert "- paragraph: Avoinna tänään 8.00–16.00" in snapshot
    # the dot is decoration; the words carry the meaning
    assert line.evaluate("el => getComputedStyle(el, '::before').content") == '""'


def test_without_javascript_nothing_shows_and_the_weekly_hours_remain(open_tab) -> None:
    for path in (PORVOO_FI, "fi/kohtaamispaikat/"):
        tab = open_tab(path, dt.datetime(2026, 11, 24, 10, 0), javascript=False)
        lines = tab.locator(".open-status")
        assert lines.count() > 0
        assert all(not lines.nth(i).is_visible() and lines.nth(i).inner_text() == "" for i in range(lines.count()))
    tab = open_tab(PORVOO_FI, dt.datetime(2026, 11, 24, 10, 0), javascript=False)
    assert tab.locator(".hours dl").first.is_visible()
    assert tab.locator(".hours dt").first.inner_text() == "Maanantai–keskiviikko"
