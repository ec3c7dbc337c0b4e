"""Shared fixtures: fixture sites, a factory for scratch sites, and a built copy of the example."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from pkc.build import BuildOptions, build

from .browser import CHROMIUM, CHROMIUM_ARGS, serve

TESTS = Path(__file__).resolve().parent
SITES = TESTS / "sites"
REPO = TESTS.parent
TODAY = dt.date(2026, 11, 23)


def overlay_site(base: str, overlay: Path | None, target: Path) -> Path:
    """A copy of fixture site `base` in `target`, with the files of `overlay` written over it."""
    shutil.copytree(SITES / base, target)
    if overlay is not None:
        for path in sorted(overlay.rglob("*")):
            if path.is_file() and path.name != "expected.txt":
                destination = target / path.relative_to(overlay)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)
    return target


@pytest.fixture
def scratch_site(tmp_path):
    """Write a site from a dict of {relative path: data or text} over the minimal fixture site."""

    def make(files: dict[str, object] | None = None, base: str = "minimal") -> Path:
        site = overlay_site(base, None, tmp_path / "site")
        for rel, content in (files or {}).items():
            path = site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if content is None:
                path.unlink()
            elif isinstance(content, (bytes, bytearray)):
                path.write_bytes(content)
            elif isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return site

    return make


@pytest.fixture(scope="session")
def multilingual_out(tmp_path_factory) -> Path:
    """The multilingual fixture site, built once for the session."""
    out = tmp_path_factory.mktemp("multilingual") / "public"
    build(BuildOptions(site_dir=SITES / "multilingual", out_dir=out, today=TODAY))
    return out


@pytest.fixture(scope="session")
def example_out(tmp_path_factory) -> Path:
    """The bundled example site, built once for the session."""
    out = tmp_path_factory.mktemp("example") / "public"
    build(BuildOptions(site_dir=REPO, out_dir=out, today=TODAY, strict=True))
    return out


@pytest.fixture(scope="session")
def example_url(example_out) -> str:
    """The built example, served on localhost at the domain root."""
    with serve(example_out) as url:
        yield url


@pytest.fixture(scope="session")
def example_subpath_url(tmp_path_factory) -> str:
    """The example built for, and served under, the subpath /perhekeskus/."""
    root = tmp_path_factory.mktemp("subpath")
    build(BuildOptions(site_dir=REPO, out_dir=root / "perhekeskus", today=TODAY,
                       base_url="https://example.org/perhekeskus/"))
    with serve(root) as url:
        yield url + "perhekeskus/"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (a downloaded browser is not used)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: browser tests need Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page_in(browser):
    """A fresh browser page per test (phone-sized unless the test resizes it); page errors fail the test."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], errors
