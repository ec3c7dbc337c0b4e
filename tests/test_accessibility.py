"""WCAG 2.1 AA in a real browser on every page of the example, valid HTML, keyboard use, reflow and print."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pkc.build import BuildOptions, check
from pkc.theme import contrast_ratio
from pkc.urls import PageKey, page_path

from .audit import AXE, REFLOW_WIDTH, audit_site
from .conftest import REPO
from .site_checks import html_pages, page, shown

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def site_paths(out: Path) -> list[str]:
    return [path.relative_to(out).as_posix() for path in html_pages(out)]


def test_axe_finds_no_violation_and_nothing_scrolls_sideways_on_any_page(example_out, example_url) -> None:
    assert AXE.is_file(), "axe-core is missing: run scripts/setup-tests (npm ci)"
    paths = site_paths(example_out)
    assert len(paths) > 800
    audits = audit_site(example_url, paths)
    assert len(audits) == len(paths)
    violations = {a.path: a.violations for a in audits if a.violations}
    assert violations == {}, json.dumps(dict(list(violations.items())[:5]), indent=1, ensure_ascii=False)
    too_wide = {a.path: a.scroll_width for a in audits if a.scroll_width > REFLOW_WIDTH}
    assert too_wide == {}


def test_the_nu_html_checker_finds_no_error(example_out) -> None:
    assert VNU.is_file(), "vnu-jar is missing: run scripts/setup-tests (npm ci)"
    java = shutil.which("java")
    assert java, "Java is missing: run scripts/setup-tests (apt-get install default-jre-headless)"
    completed = subprocess.run([java, "-jar", str(VNU), "--skip-non-html", "--format", "json", str(example_out)],
                               capture_output=True, text=True, check=False)
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages
              if m["type"] == "error" or m.get("subType") == "fatal"]
    assert errors == [], errors[:10]
    assert completed.returncode == 0


def test_keyboard_only_journey_to_a_phone_number(page_in, example_url) -> None:
    page_in.set_viewport_size({"width": 1280, "height": 900})
    page_in.goto(example_url + "fi/")
    focused: list[dict] = []

    def press(key: str) -> dict:
        page_in.keyboard.press(key)
        state = page_in.evaluate("""() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            // the text as a reader sees it on one line: without its soft hyphens
            return {text: (el.innerText || el.value || '').replace(/\u00ad/g, ''), tag: el.tagName, href: el.getAttribute('href'),
                    id: el.id, visible: style.outlineStyle !== 'none' && style.outlineWidth !== '0px'
                        || style.boxShadow !== 'none'};
        }""")
        focused.append(state)
        assert state["visible"], f"focus is not visible on {state}"
        return state

    def tab_to(predicate, limit: int = 80) -> dict:
        for _ in range(limit):
            state = press("Tab")
            if predicate(state):
                return state
        pytest.fail(f"not reachable with Tab; focus went through {[s['text'][:20] for s in focused[-10:]]}")

    first = press("Tab")
    assert first["href"] == "#main" and first["text"] == "Siirry sisältöön"
    tab_to(lambda s: s["text"] == "svenska")  # the language switcher
    tab_to(lambda s: s["id"] == "header-search-input")  # the search field
    press("Shift+Tab")
    assert focused[-1]["text"] == "Ajankohtaista"  # Shift+Tab goes back through the navigation
    tab_to(lambda s: s["text"] == "Porvoo")
    page_in.keyboard.press("Enter")
    page_in.wait_for_url("**/fi/kunnat/porvoo/")
    tab_to(lambda s: s["text"] == "Lastenneuvola Porvoossa")
    page_in.keyboard.press("Enter")
    page_in.wait_for_url("**/fi/palvelut/porvoo-lastenneuvola/")
    phone = tab_to(lambda s: (s["href"] or "").startswith("tel:"))
    assert phone["href"] == "tel:+358400005101"


@pytest.mark.parametrize("path", ["fi/", "sv/kommuner/porvoo/", "fi/palvelut/porvoo-lastenneuvola/",
                                  "sv/motesplatser/hanko-perhekahvila/", "fi/haku/?q=neuvola", "en/services/",
                                  "fi/saavutettavuusseloste/"])
def test_text_at_200_percent_stays_readable(page_in, example_url, path) -> None:
    page_in.set_viewport_size({"width": 1280, "height": 900})
    page_in.goto(example_url + path)
    page_in.evaluate("document.documentElement.style.fontSize = '225%'")  # twice the stylesheet's 112.5 %
    assert page_in.evaluate("document.documentElement.scrollWidth") <= 1280
    clipped = page_in.evaluate("""() => [...document.querySelectorAll('main *')].filter((el) => {
        const style = getComputedStyle(el);
        if (el.classList.contains('visually-hidden')) return false;  // hidden on purpose, read by screen readers
        return (style.overflow === 'hidden' || style.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1;
    }).map((el) => el.tagName)""")
    assert clipped == []


def test_nothing_moves_for_people_who_ask_for_reduced_motion(browser, example_url) -> None:
    context = browser.new_context(reduced_motion="reduce")
    tab = context.new_page()
    tab.goto(example_url + "fi/kunnat/porvoo/")
    moving = tab.evaluate("""() => [...document.querySelectorAll('*')].filter((el) => {
        const style = getComputedStyle(el);
        const seconds = (value) => Math.max(...value.split(',').map(parseFloat));
        return style.animationName !== 'none' || seconds(style.transitionDuration) > 0
            || style.scrollBehavior === 'smooth';
    }).map((el) => el.tagName)""")
    context.close()
    assert moving == []


def css_variables() -> dict[str, str]:
    css = (REPO / "templates" / "static" / "style.css").read_text(encoding="utf-8")
    root = re.search(r":root \{(.*?)\}", css, re.DOTALL).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def test_every_colour_pair_of_the_theme_meets_aa_contrast() -> None:
    colour = css_variables()
    catalog = check(BuildOptions(site_dir=REPO)).catalog
    primary = catalog.site.theme.primary_colour
    footer = re.search(r"\.site-footer \{[^}]*background: (#[0-9a-f]{6})",
                       (REPO / "templates" / "static" / "style.css").read_text()).group(1)
    pairs = {
        "text on white": (colour["text"], "#ffffff"),
        "muted text on white": (colour["muted"], "#ffffff"),
        "muted text on a panel": (colour["muted"], colour["surface"]),
        "text on a panel": (colour["text"], colour["surface"]),
        "links on white": (primary, "#ffffff"),
        "links on a panel": (primary, colour["surface"]),
        "links in the footer": (primary, footer),
        "white on the header": ("#ffffff", primary),
        "focused link": (colour["focus-text"], colour["focus"]),
        "example notice": (colour["text"], colour["notice"]),
    }
    too_low = {name: round(contrast_ratio(*pair), 2) for name, pair in pairs.items() if contrast_ratio(*pair) < 4.5}
    assert too_low == {}


def test_language_of_passages_is_marked(example_out) -> None:
    """On English pages, names that exist only in Finnish or Swedish carry their own lang attribute."""
    catalog = check(BuildOptions(site_dir=REPO)).catalog
    listing = page(example_out, "en/meeting-places/")
    marked = 0
    for slug, place in catalog.places.items():
        link = listing.find("a", href=f"{slug}/")
        span = link.find("span", lang=True)
        if "en" in place.name.values:
            assert span is None, slug
        else:
            assert span is not None and span["lang"] == next(iter(place.name.values)), slug
            assert shown(span.get_text()) == next(iter(place.name.values.values()))
            marked += 1
    assert marked > 20


def test_every_page_names_its_other_languages(example_out) -> None:
    for rel in site_paths(example_out):
        if rel in ("index.html", "404.html"):
            continue
        document = page(example_out, rel)
        hreflangs = [link["hreflang"] for link in document.head.find_all("link", rel="alternate", hreflang=True)]
        assert hreflangs == ["fi", "sv", "en", "x-default"], rel


def test_a_service_and_a_meeting_place_print_on_one_page(browser, example_url) -> None:
    catalog = check(BuildOptions(site_dir=REPO)).catalog
    keys = [PageKey("place", slug) for slug in catalog.places]
    # services at up to three locations; a service at four or five spills onto a second sheet
    keys += [PageKey("service", slug) for slug, service in catalog.services.items() if len(service.locations) <= 3]
    tab = browser.new_page()
    too_long = []
    for key in keys:
        for lang in ("fi", "sv"):
            tab.goto(example_url + page_path(key, lang))
            pages = len(re.findall(rb"/Type\s*/Page[^s]", tab.pdf(format="A4")))
            if pages != 1:
                too_long.append((page_path(key, lang), pages))
    tab.close()
    assert too_long == []
