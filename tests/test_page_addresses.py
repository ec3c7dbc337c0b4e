"""A free page's own address per language (`slug:`), and `keywords:`, which no reader sees and no language needs."""
from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner

from pkc.cli import main


def test_free_pages_have_addresses_in_their_own_language(example_out: Path) -> None:
    assert (example_out / "en/about/index.html").is_file()
    assert (example_out / "en/privacy/index.html").is_file()
    assert (example_out / "sv/om-familjecentret/index.html").is_file()
    assert (example_out / "fi/tietoa/index.html").is_file()
    assert not (example_out / "en/tietoa").exists()
    about = BeautifulSoup((example_out / "en/about/index.html").read_text(encoding="utf-8"), "html.parser")
    alternates = {link["hreflang"]: link["href"] for link in about.find_all("link", rel="alternate", hreflang=True)}
    assert alternates["fi"].endswith("/fi/tietoa/")
    assert alternates["sv"].endswith("/sv/om-familjecentret/")
    assert about.find("link", rel="canonical")["href"].endswith("/en/about/")
    # the footer of every page links the page where it is
    home = BeautifulSoup((example_out / "en/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "about/" in {a["href"] for a in home.select("footer a")}
    sitemap = (example_out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/en/about/" in sitemap and "/en/tietoa/" not in sitemap


def test_an_address_that_cannot_be_one_names_the_file_and_the_fix(scratch_site) -> None:
    page = Path(__file__).parent / "sites/minimal/content/pages/tietoa.md"
    text = page.read_text(encoding="utf-8").replace("---\n", "---\nslug: Tietoa meistä\n", 1)
    site = scratch_site({"content/pages/tietoa.md": text})
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert "content/pages/tietoa.md:2:" in result.stderr
    assert "'Tietoa meistä' cannot be part of an address" in result.stderr
    assert "lower-case letters a-z, digits and hyphens" in result.stderr


def test_keywords_are_not_a_translation_an_editor_must_give(scratch_site) -> None:
    # a bilingual site, whose texts --strict requires in Finnish and Swedish: Finnish keywords alone are fine
    service = Path(__file__).parent / "sites/multilingual/content/services/lastenneuvola-kaksila.yaml"
    text = service.read_text(encoding="utf-8") + "keywords:\n  fi: terkkari, rokotus\n"
    site = scratch_site({"content/services/lastenneuvola-kaksila.yaml": text}, base="multilingual")
    result = CliRunner().invoke(main, ["check", "--strict", "--site", str(site)])
    assert result.exit_code == 0, result.stderr
