"""Hostile values in every kind of field: refused with file:line:column and a fix, exit 1, the output untouched.

Control characters broke the Atom feeds (XML 1.0 cannot hold them), a 5,000-digit number ended in a traceback and
`--base-url javascript:…` reached every canonical link: each kind of field and option is tried here.
"""
from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from pkc.catalog import build_catalog
from pkc.cli import main
from pkc.errors import Problems
from pkc.feeds import news_feed
from pkc.loader import load_sources
from pkc.localize import Localizer
from pkc.model.fields import Text
from pkc.textchars import char_name, forbidden_char, xml_safe
from pkc.theme import DEFAULT_TEMPLATES, load_strings
from pkc.urls import Site

from .conftest import TODAY

NEWS = """---
title: Uutinen
date: 2026-11-01
author: pikkulan-kunta
---
Uutisen teksti.
"""
TOPIC = "name: Aihe\norder: {order}\n"
LOCATION = """name: Perhekeskus
municipality: pikkula
address:
  street: Katu 1
  postal_code: "00100"
coordinates:
  lat: {lat}
  lon: 25.0
"""


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(site: Path, *options: str):
    """Build `site` over a previous output; the result, and whether that output was left as it was."""
    out = site.parent / "out"
    out.mkdir(exist_ok=True)
    (out / "index.html").write_text("the previous build", encoding="utf-8")
    before = snapshot(out)
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--today", TODAY.isoformat(),
                                       "--quiet", *options])
    return result, snapshot(out) == before


def _replace(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (file, text to replace, hostile replacement, expected "file:line:column: message")
CASES = {
    "text": ("content/services/lastenneuvola.yaml", "name: Lastenneuvola", 'name: "Lasten\\0neuvola"',
             "content/services/lastenneuvola.yaml:1:14: 'name' contains the control character U+0000 (NUL)"),
    "localized text": ("content/services/lastenneuvola.yaml", "name: Lastenneuvola",
                       'name:\n  fi: "Lasten\\x1b[2Jneuvola"',
                       "content/services/lastenneuvola.yaml:2:14: 'fi' contains the control character U+001B (ESC)"),
    "multi-line text": ("content/services/lastenneuvola.yaml", "  Varaa aika puhelimitse.",
                        "  Varaa aika\x0bpuhelimitse.",
                        "content/services/lastenneuvola.yaml:6:13: the file contains the control character "
                        "U+000B (VT)"),
    "Markdown body": ("content/pages/tietoa.md", "Tämä on", "Tämä\x7f on",
                      "content/pages/tietoa.md:4:5: the file contains the control character U+007F (DEL)"),
    "line separator in a body": ("content/pages/tietoa.md", "Tämä on", "Tämä\u2028on",
                                 "content/pages/tietoa.md:4:5: the file contains the invisible character U+2028 "
                                 "(LINE SEPARATOR)"),
    "URL": ("municipalities/pikkula.yaml", "languages: [fi]", 'languages: [fi]\nwebsite: "https://pikkula.fi/\\0"',
            "municipalities/pikkula.yaml:4:30: 'website' contains the control character U+0000 (NUL)"),
    "email": ("site.yaml", "email: palaute@pikkula.example", 'email: "palaute@pikkula.example\\x85"',
              "site.yaml:7:34: 'email' contains the control character U+0085 (NEL)"),
    "phone": ("site.yaml", "publisher:", 'phone: "019 520\\P2000"\npublisher:',
              "site.yaml:5:16: 'phone' contains the invisible character U+2029 (PARAGRAPH SEPARATOR)"),
    "reference": ("content/services/lastenneuvola.yaml", "provider: pikkulan-kunta",
                  'provider: "pikkulan-kunta\\x9b"',
                  "content/services/lastenneuvola.yaml:10:26: 'provider' contains the control character "
                  "U+009B (CSI)"),
    "key": ("content/regions/pohjola.yaml", "name:", '"name\\0":',
            "content/regions/pohjola.yaml:1:6: the key contains the control character U+0000 (NUL)"),
    "non-character": ("content/regions/pohjola.yaml", "name: Pohjolan", 'name: "\\uFFFE"\nx: Pohjolan',
                      "content/regions/pohjola.yaml:1:8: 'name' contains U+FFFE (a non-character), which is not a "
                      "character of any text"),
    "news title (the Atom feeds)": ("content/news/uutinen.md", None,
                                    NEWS.replace("title: Uutinen", 'title: "Otsikko\\u0000\\u0001\\u000b\\u001b"'),
                                    "content/news/uutinen.md:2:16: 'title' contains the control character U+0000 (NUL)"),
    "huge number": ("content/topics/aihe.yaml", None, TOPIC.format(order="9" * 5000),
                    "content/topics/aihe.yaml:2:8: the number is too long (5000 digits)"),
    "order out of range": ("content/topics/aihe.yaml", None, TOPIC.format(order="100000"),
                           "content/topics/aihe.yaml:2:8: 'order' is 100000, but must be at most 10000"),
    "infinite number": ("content/locations/perhekeskus.yaml", None, LOCATION.format(lat="1.0e400"),
                        "content/locations/perhekeskus.yaml:7:8: the number 1.0e400 is too large or too long"),
    "not a number": ("content/locations/perhekeskus.yaml", None, LOCATION.format(lat="nan"),
                     "content/locations/perhekeskus.yaml:7:8: 'lat' must be an ordinary number, found 'nan'"),
    "date": ("content/services/lastenneuvola.yaml", "last_reviewed: 2026-05-04", "last_reviewed: 9999-12-31",
             "content/services/lastenneuvola.yaml:14:16: the year 9999 is not plausible"),
    "site.yaml": ("site.yaml", "base_url: https://pieni.example/", 'base_url: "javascript:alert(1)//"',
                  "site.yaml:4:11: 'javascript:alert(1)//' is not a valid web address"),
    "base URL with credentials": ("site.yaml", "base_url: https://pieni.example/",
                                  "base_url: https://admin:salasana@pieni.example/",
                                  "site.yaml:4:11: the base URL 'https://admin:salasana@pieni.example/' contains a "
                                  "user name or password"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_value_is_refused_where_it_is_written(scratch_site, case: str) -> None:
    rel, old, new, expected = CASES[case]
    site = scratch_site()
    if old is None:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(new, encoding="utf-8")
    else:
        _replace(site, rel, old, new)
    result, untouched = _build(site)
    assert result.exit_code == 1, result.output
    assert expected in result.stderr
    assert "  = hint: " in result.stderr
    assert isinstance(result.exception, SystemExit)  # exit 1, never an uncaught exception
    assert forbidden_char(result.stderr) is None  # the source line is shown without running an escape sequence
    assert untouched


def test_a_control_character_in_the_interface_texts_is_refused(scratch_site) -> None:
    site = scratch_site()
    text = (DEFAULT_TEMPLATES / "i18n" / "fi.yaml").read_text(encoding="utf-8")
    text = text.replace("skip_to_content: Siirry sisältöön", 'skip_to_content: "Siirry\\a sisältöön"', 1)
    (site / "templates" / "i18n").mkdir(parents=True)
    (site / "templates" / "i18n" / "fi.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index('skip_to_content: "Siirry\\a sisältöön"') + 1
    result, untouched = _build(site)
    assert result.exit_code == 1
    assert f"templates/i18n/fi.yaml:{line}:25: 'skip_to_content' contains the control character U+0007 (BEL)" \
        in result.stderr
    assert untouched


@pytest.mark.parametrize(("url", "message"), [
    ("javascript:alert(1)//", "'javascript:alert(1)//' is not a valid web address"),
    ("https://user:pw@pieni.example/", "contains a user name or password"),
    ("https://pieni.example/?utm=x", "has a query ('?') or a fragment ('#')"),
    ("https://pieni.example/\"><script>", "contains '\"', which a web address cannot hold as it is"),
    ("https://pieni.example/\x1b[2J", "the web address contains the control character U+001B (ESC)"),
    ("https://pieni.example:99999/", "has an invalid port"),
])
def test_the_base_url_option_follows_the_rules_of_base_url_in_site_yaml(scratch_site, url: str, message: str) -> None:
    result, untouched = _build(scratch_site(), "--base-url", url)
    assert result.exit_code == 1
    assert result.stderr.startswith("pkc: error: --base-url: ")
    assert message in result.stderr.splitlines()[0]
    assert "Traceback" not in result.stderr
    assert untouched


def test_the_same_base_url_in_site_yaml_is_refused_with_the_same_message(scratch_site) -> None:
    site = scratch_site()
    _replace(site, "site.yaml", "base_url: https://pieni.example/", 'base_url: "https://user:pw@pieni.example/"')
    from_file, _ = _build(site)
    from_option, _ = _build(site, "--base-url", "https://user:pw@pieni.example/")
    assert "the base URL 'https://user:pw@pieni.example/' contains a user name or password" in from_file.stderr
    assert "the base URL 'https://user:pw@pieni.example/' contains a user name or password" in from_option.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["build", "--today", "9999-12-31"], "give a date between 1900 and 2199"),
    (["build", "--jobs", "1000000"], "1000000 is not in the range 1<=x<=256"),
    (["serve", "--port", "70000"], "70000 is not in the range 0<=x<=65535"),
    (["serve", "--host", "\x1b]0;x"], "Invalid value for '--host': it contains U+001B (ESC)"),
])
def test_other_options_are_bounded(scratch_site, args: list[str], message: str) -> None:
    site = scratch_site()
    result = CliRunner().invoke(main, [*args, "--site", str(site)])
    assert result.exit_code == 2  # click's usage error
    assert message in result.stderr


@pytest.mark.parametrize(("option", "message"), [
    ("--name", "pkc: error: the site's name contains the control character U+001B (ESC)"),
    ("--municipality", "pkc: error: the municipality's name contains the control character U+001B (ESC)"),
])
def test_init_refuses_a_control_character_as_site_yaml_would(tmp_path: Path, option: str, message: str) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "uusi"), option, "Perhe\x1b[2Jkeskus"])
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert not (tmp_path / "uusi").exists()


def test_a_nul_in_a_path_option_is_a_usage_error_not_a_traceback(scratch_site) -> None:
    result = CliRunner().invoke(main, ["build", "--site", str(scratch_site()), "--out", "/tmp/out\0x"])
    assert result.exit_code == 2
    assert "Invalid value for '--out': a path cannot contain U+0000 (NUL)" in result.stderr


def test_the_atom_feed_stays_xml_whatever_a_title_holds(scratch_site) -> None:
    site = scratch_site({"content/news/uutinen.md": NEWS})
    problems = Problems()
    catalog = build_catalog(load_sources(site), problems)
    assert not problems.errors
    item = catalog.news["uutinen"]
    catalog.news["uutinen"] = item.model_copy(update={"title": Text({"fi": "Otsikko\x00\x01\x0b\x1b\ud800\ufffe!"})})
    strings = load_strings(site, ["fi"], problems)
    feed = news_feed(catalog, Localizer("fi", catalog.languages, strings["fi"], TODAY), Site("https://pieni.example/"))
    titles = [e.text for e in ET.fromstring(feed).iter("{http://www.w3.org/2005/Atom}title")]
    assert "Otsikko!" in titles


@pytest.mark.parametrize(("char", "name"), [
    ("\x00", "U+0000 (NUL)"), ("\x1b", "U+001B (ESC)"), ("\r", "U+000D (CR)"), ("\x7f", "U+007F (DEL)"),
    ("\x85", "U+0085 (NEL)"), ("\x9f", "U+009F (APC)"), ("\u2028", "U+2028 (LINE SEPARATOR)"),
    ("\u2029", "U+2029 (PARAGRAPH SEPARATOR)"), ("\ud800", "U+D800 (a lone surrogate)"),
    ("\ufdd0", "U+FDD0 (a non-character)"), ("\uffff", "U+FFFF (a non-character)"),
    ("\U0010fffe", "U+10FFFE (a non-character)"),
])
def test_every_kind_of_forbidden_character_is_found_and_named(char: str, name: str) -> None:
    assert forbidden_char(f"ok {char} ok") == 3
    assert char_name(char) == name
    assert xml_safe(f"a{char}b") == "ab"


def test_what_a_text_may_hold_is_left_alone() -> None:
    text = "Perhe\u00adkeskus\u00a0– 👪 \u200b\ufeff\U0010fffd\ue000\ufffd"
    assert forbidden_char(text) is None and forbidden_char("rivi\n\tsisennetty") is None
    assert forbidden_char("rivi\nrivi", multiline=False) == 4


def test_a_control_character_in_a_file_name_is_never_printed_as_it_is(scratch_site) -> None:
    site = scratch_site({"content/services/neuvola\x1b]0;pwned\x07.yaml": "name: x\n"})
    result, untouched = _build(site)
    assert result.exit_code == 1
    assert "content/services/neuvola\ufffd]0;pwned\ufffd.yaml: the file name" in result.stderr
    assert forbidden_char(result.stderr) is None
    assert untouched


def test_a_control_character_in_a_cli_error_is_never_printed_as_it_is(scratch_site) -> None:
    result = CliRunner().invoke(main, ["new", "service", "neuvola\x1b[2J", "--site", str(scratch_site())])
    assert result.exit_code == 1
    assert result.stderr.startswith("pkc: error: 'neuvola\ufffd[2J' cannot be a file name")
