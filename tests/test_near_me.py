"""Nearest first: the browser's position, asked for only on the tap, sorts a list by distance in the page."""
from __future__ import annotations

PORVOO = {"latitude": 60.3932, "longitude": 25.6650}


def test_nearest_first_asks_only_on_the_tap_and_sorts_by_distance(browser, example_url) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800}, geolocation=PORVOO, permissions=[])
    page = context.new_page()
    page.add_init_script("""(() => {
      const original = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
      navigator.geolocation.getCurrentPosition = (...args) => { window.__asked = true; return original(...args); };
    })()""")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(example_url + "fi/kohtaamispaikat/")
    button = page.get_by_role("button", name="Näytä lähimmät ensin")
    assert page.evaluate("window.__asked === undefined")                # nothing asked before the tap
    context.grant_permissions(["geolocation"], origin=example_url.rstrip("/"))
    button.click()
    status = page.locator(".near-me [role=status]")
    status.filter(has_text="Lähimmät näytetään ensin").wait_for()
    assert page.locator("main li[data-coords]").first.get_attribute("data-area") == "porvoo"
    assert page.locator("main h2").first.inner_text() == "Porvoo"          # the nearest municipality's group first
    distances = [float(text.replace(" km", "").replace(",", "."))
                 for text in page.locator("main section").first.locator(".distance").all_inner_texts()]
    assert distances == sorted(distances)
    assert distances[0] < 5
    assert all(url.startswith(example_url) for url in requests)        # no map tiles, nothing third-party
    context.close()


def test_a_refused_position_is_said_plainly(browser, example_url) -> None:
    context = browser.new_context(permissions=[])
    page = context.new_page()
    page.goto(example_url + "sv/tjanster/")
    page.get_by_role("button", name="Visa de närmaste först").click()
    page.locator(".near-me [role=status]").filter(has_text="Positionen kunde inte hämtas").wait_for()
    context.close()
