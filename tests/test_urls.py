"""URLs: one module decides them; links are relative so the site works under any subpath."""
from __future__ import annotations

import pytest

from pkc.urls import Linker, PageKey, Site, output_file, page_path, relative


@pytest.mark.parametrize("key, lang, path", [
    (PageKey("home"), "fi", "fi/"),
    (PageKey("service", "lastenneuvola"), "fi", "fi/palvelut/lastenneuvola/"),
    (PageKey("service", "lastenneuvola"), "sv", "sv/tjanster/lastenneuvola/"),
    (PageKey("place-index"), "en", "en/meeting-places/"),
    (PageKey("category", "P5.2"), "fi", "fi/aiheet/neuvolapalvelut/"),
    (PageKey("category", "P5.2"), "sv", "sv/amnen/radgivningstjanster/"),
    (PageKey("audience", "under-school-age"), "fi", "fi/kenelle/alle-kouluikaiset-lapset/"),
    (PageKey("page", "tietoa"), "sv", "sv/tietoa/"),
    (PageKey("not-found"), "fi", "404.html"),
])
def test_page_paths(key, lang, path) -> None:
    assert page_path(key, lang) == path


def test_clean_urls_are_written_as_index_files() -> None:
    assert output_file("fi/palvelut/x/") == "fi/palvelut/x/index.html"
    assert output_file("") == "index.html"
    assert output_file("404.html") == "404.html"


@pytest.mark.parametrize("source, target, link", [
    ("fi/palvelut/x/", "fi/kunnat/porvoo/", "../../kunnat/porvoo/"),
    ("fi/palvelut/x/", "assets/style.css", "../../../assets/style.css"),
    ("fi/", "sv/", "../sv/"),
    ("fi/", "fi/", "./"),
    ("", "fi/", "fi/"),
])
def test_relative_links(source, target, link) -> None:
    assert relative(source, target) == link


def test_the_404_page_links_from_the_base_path() -> None:
    site = Site("https://example.org/perhekeskus/")
    assert Linker("404.html", site, rooted=True)("fi/") == "/perhekeskus/fi/"
    assert site.absolute("fi/palvelut/") == "https://example.org/perhekeskus/fi/palvelut/"
