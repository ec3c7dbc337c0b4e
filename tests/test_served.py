"""The built example served for real: Debian's nginx with the shipped config, under a subpath, CSP enforced."""
from __future__ import annotations

import datetime as dt
import posixpath
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest

from pkc.build import BuildOptions, build
from pkc.headers import SECURITY_HEADERS, headers_file, headers_for, nginx_directives, nginx_media_directives

from .conftest import REPO, TODAY
from .nginx import SNIPPET, nginx_serving


@pytest.fixture(scope="module")
def served_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("served") / "public"
    build(BuildOptions(site_dir=REPO, out_dir=site, today=TODAY, base_url="https://example.org/perhekeskus/"))
    return site


@pytest.fixture(scope="module")
def nginx_url(served_site) -> str:
    with nginx_serving(served_site, served_site.parent / "nginx") as url:
        yield url


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in ("href", "src") and tag in ("a", "link", "script", "img")
                          or name == "action" and tag == "form"):
                self.links.append(value)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_shipped_nginx_snippet_carries_the_same_headers_as_the_build() -> None:
    assert nginx_directives() in SNIPPET.read_text(encoding="utf-8")
    assert nginx_media_directives() in SNIPPET.read_text(encoding="utf-8")
    built = (REPO / "public" / "_headers")
    expected = headers_file()
    assert "Content-Security-Policy: default-src 'none'; script-src 'self' 'wasm-unsafe-eval';" in expected
    assert "unsafe-inline" not in expected
    assert "\n/media/*\n  Content-Security-Policy: default-src 'none'; sandbox\n  Content-Disposition: attachment\n" \
        in expected
    if built.exists():
        assert built.read_text(encoding="utf-8") == expected


def test_every_page_and_asset_is_served_without_an_error(nginx_url, served_site) -> None:
    prefix = urlsplit(nginx_url).path  # '/perhekeskus/'

    queue, seen, failures = [nginx_url], set(), []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = fetch(url)
        if status != 200:
            failures.append(f"{url}: {status}")
            continue
        for name, value in headers_for(urlsplit(url).path[len(prefix):]).items():
            assert headers.get(name) == value, (url, name)
        if headers.get("Content-Type", "").startswith("text/html"):
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.links:
                target = urljoin(url, link).split("#")[0]
                if urlsplit(target).netloc == urlsplit(nginx_url).netloc:
                    assert urlsplit(target).path.startswith(prefix), (url, link)
                    queue.append(target)
    assert failures == []
    crawled = {urlsplit(u).path[len(prefix):] for u in seen}
    crawled = {path + "index.html" if path.endswith("/") or path == "" else path for path in crawled}
    written = {p.relative_to(served_site).as_posix() for p in served_site.rglob("*.html")}
    assert written - crawled == {"404.html"}  # every page is reachable by following links; 404 is tested below
    assets = {p.relative_to(served_site).as_posix() for p in (served_site / "assets").rglob("*") if p.is_file()}
    assert {"assets/" + name for name in ("search.js", "style.css", "theme.css", "favicon.svg")} <= crawled
    assert len(written) > 800 and assets


def test_a_missing_page_gets_the_404_page_with_working_links(nginx_url) -> None:
    status, headers, body = fetch(nginx_url + "fi/palvelut/ei-ole-olemassa/")
    assert status == 404
    assert "Sivua ei löytynyt" in body.decode("utf-8")
    assert headers.get("Content-Security-Policy") == SECURITY_HEADERS["Content-Security-Policy"]
    assert 'href="/perhekeskus/assets/style.css"' in body.decode("utf-8")
    assert fetch(posixpath.join(nginx_url, "assets/style.css"))[0] == 200
    assert fetch(nginx_url + ".pkc-build")[0] == 404


def test_a_material_is_downloaded_sandboxed_never_shown_as_a_page_of_the_site(nginx_url, served_site) -> None:
    material = sorted((served_site / "media").glob("*.pdf"))[0].name
    status, headers, body = fetch(nginx_url + "media/" + material)
    assert status == 200 and body.startswith(b"%PDF-")
    assert headers.get("Content-Type") == "application/pdf"
    assert headers.get("Content-Disposition") == "attachment"
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Content-Security-Policy") == "default-src 'none'; sandbox"
    status, headers, _ = fetch(nginx_url + "assets/style.css")  # the rest of the site keeps its own policy
    assert headers.get("Content-Security-Policy") == SECURITY_HEADERS["Content-Security-Policy"]
    assert "Content-Disposition" not in headers


def test_pages_and_search_keep_to_the_content_security_policy(browser, nginx_url) -> None:
    context = browser.new_context()
    context.add_init_script("""
        window.__violations = [];
        document.addEventListener('securitypolicyviolation',
            (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    """)
    tab = context.new_page()
    console_errors: list[str] = []
    tab.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    for path in ["", "fi/", "sv/kommuner/porvoo/", "fi/palvelut/porvoo-lastenneuvola/", "en/meeting-places/",
                 "sv/motesplatser/hanko-perhekahvila/", "fi/saavutettavuusseloste/", "fi/ei-ole/"]:
        tab.goto(nginx_url + path)
        assert tab.evaluate("window.__violations") == [], path
    # the "open today" lines are written by a script file too (the clock fixed to a Tuesday morning in Helsinki)
    tab.clock.set_fixed_time(dt.datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("Europe/Helsinki")))
    tab.goto(nginx_url + "fi/kohtaamispaikat/")
    assert tab.locator(".open-status:visible").count() == tab.locator(".card-place").count() > 30
    assert tab.evaluate("window.__violations") == []
    tab.goto(nginx_url + "fi/haku/?q=neuvola&municipality=Porvoo")
    tab.wait_for_selector(".search-result")
    assert tab.evaluate("window.__violations") == []
    assert [e for e in console_errors if "404" not in e] == []  # the deliberate 404 page above
    context.close()
