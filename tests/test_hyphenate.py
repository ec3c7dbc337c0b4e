"""Soft hyphens in long words of headings and navigation: where they go, where they never go, and that Chromium at
320 px then breaks no heading or navigation word without a hyphen."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from pkc import hyphenate
from pkc.hyphenate import hyphenate_page, hyphenate_word

from .site_checks import html_pages, page
from .wordbreaks import line_breaks

needs_voikko = pytest.mark.skipif(not hyphenate.available("fi"),
                                  reason="Finnish is hyphenated with Voikko (libvoikko1, voikko-fi), not installed")


def shown(html: str) -> str:
    """The hyphenation points as a reader would see them if every one broke."""
    return html.replace("&shy;", "-")


def doc(body: str, lang: str = "fi") -> str:
    return f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<title>Vanhemmuusvalmennus</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n'


# --- words ----------------------------------------------------------------------------------------------

@needs_voikko
def test_finnish_words_break_between_syllables_and_where_compounds_join() -> None:
    assert shown(hyphenate_word("perhekeskuksessa", "fi")) == "per-he-kes-kuk-sessa"
    assert shown(hyphenate_word("Vanhemmuusvalmennus", "fi")) == "Van-hem-muus-val-men-nus"
    # Voikko knows the parts: "kansan|opisto", not the syllable rule's "kan-sa-no-pis-to"
    assert shown(hyphenate_word("kansanopisto", "fi")) == "kan-san-opisto"
    assert shown(hyphenate_word("hyvinvointialue", "fi")) == "hyvin-voin-ti-alue"


def test_swedish_and_english_words_break_by_their_dictionaries() -> None:
    assert shown(hyphenate_word("Familjecenterverksamheten", "sv")) == "Famil-je-cen-ter-verk-sam-he-ten"
    assert shown(hyphenate_word("barnrådgivningen", "sv")) == "barn-råd-giv-ningen"
    assert shown(hyphenate_word("Familjecenterverksamheten", "sv-FI")) == "Famil-je-cen-ter-verk-sam-he-ten"
    assert shown(hyphenate_word("breastfeeding", "en")) == "breast-feed-ing"


def test_short_words_foreign_languages_and_words_an_editor_hyphenated_are_left_alone() -> None:
    for word in ("neuvola", "Hanko", "rådgivare", "parenting", "Tammisaar"):  # fewer than 10 letters
        assert hyphenate_word(word, "sv") == word
    assert hyphenate_word("Familienzentrum", "de") == "Familienzentrum"  # no dictionary: as written
    assert hyphenate_word("Familje\u00adcenterverksamheten", "sv") == "Familje\u00adcenterverksamheten"


def test_no_fragment_of_fewer_than_three_letters_at_either_end() -> None:
    for word, lang in [("Familjecenterverksamheten", "sv"), ("Tillgänglighetsutlåtande", "sv"),
                       ("Municipalities", "en"), ("organisations", "en"), ("perhekeskuksessa", "fi"),
                       ("Kohtaamispaikat", "fi"), ("lastenneuvolassa", "fi")]:
        parts = hyphenate_word(word, lang).split("&shy;")
        assert len(parts[0]) >= 3 and len(parts[-1]) >= 3, parts
        assert "".join(parts) == word


# --- pages ----------------------------------------------------------------------------------------------

def test_only_the_text_of_headings_and_navigation_is_hyphenated() -> None:
    html = doc(
        '<nav aria-label="Huvudmeny"><ul><li><a href="../motesplatser/" title="Familjecenterverksamheten">'
        'Familjecenterverksamheten</a></li></ul></nav>\n'
        '<h1 class="card-title" id="familjecenterverksamheten">Familjecenterverksamheten &amp; barnrådgivningen</h1>\n'
        '<p>Familjecenterverksamheten</p>\n'
        '<div hidden><p data-pagefind-weight="3.0">familjecenterverksamheten</p></div>\n', lang="sv")
    out = hyphenate_page(html)
    assert out.count("&shy;") == 17  # 7 in each of the two texts, 3 in "barnrådgivningen"
    assert ('<a href="../motesplatser/" title="Familjecenterverksamheten">'
            'Famil&shy;je&shy;cen&shy;ter&shy;verk&shy;sam&shy;he&shy;ten</a>') in out
    assert ('<h1 class="card-title" id="familjecenterverksamheten">Famil&shy;je&shy;cen&shy;ter&shy;verk&shy;sam&shy;'
            'he&shy;ten &amp; barn&shy;råd&shy;giv&shy;ningen</h1>') in out
    # the title, the paragraph and the hidden search words exactly as they were
    assert "<title>Vanhemmuusvalmennus</title>" in out
    assert "<p>Familjecenterverksamheten</p>" in out
    assert '<p data-pagefind-weight="3.0">familjecenterverksamheten</p>' in out
    assert out.replace("&shy;", "") == html


def test_scripts_styles_and_comments_inside_navigation_are_not_touched() -> None:
    html = doc('<nav><script>const familjecenterverksamheten = 1;</script><style>.familjecenterverksamheten{}</style>'
               '<!-- familjecenterverksamheten --><a href="#">x</a></nav>', lang="sv")
    assert hyphenate_page(html) == html


@needs_voikko
def test_a_text_is_hyphenated_in_the_language_of_its_nearest_lang_attribute() -> None:
    html = doc('<h1><span lang="fi">Vanhempainilta</span> Familjecenterverksamheten</h1>\n'
               '<div lang="fi">\n<h2 id="x">Vanhempainilta <span lang="sv">Familjecenterverksamheten</span></h2>\n</div>\n'
               '<h3>Vanhempainilta</h3>', lang="sv")
    out = shown(hyphenate_page(html))
    finnish, swedish = "Van-hem-pain-ilta", "Van-hem-pai-nilta"  # the Swedish dictionary would split it so
    assert f'<h1><span lang="fi">{finnish}</span> Famil-je-cen-ter-verk-sam-he-ten</h1>' in out
    assert f'<h2 id="x">{finnish} <span lang="sv">Famil-je-cen-ter-verk-sam-he-ten</span></h2>' in out
    assert f"<h3>{swedish}</h3>" in out


def test_the_same_heading_is_hyphenated_in_the_language_around_it_wherever_it_stands() -> None:
    # one heading, hyphenated once per language and reused: in a Swedish block and on the English page's own
    heading = '<h2 id="x">Familjecenterverksamheten <span lang="en">breastfeeding</span></h2>'
    html = doc(f'{heading}\n<div lang="sv">\n<p>Familjecenterverksamheten</p>\n{heading}\n</div>\n{heading}',
               lang="en")
    out = shown(hyphenate_page(html))
    swedish = '<h2 id="x">Famil-je-cen-ter-verk-sam-he-ten <span lang="en">breast-feed-ing</span></h2>'
    english = '<h2 id="x">Familje-centerverksam-heten <span lang="en">breast-feed-ing</span></h2>'
    assert out.count(swedish) == 1 and out.count(english) == 2
    assert out.index(swedish) < out.index("</div>")
    # a page rendered again comes out the same
    assert hyphenate_page(html) == hyphenate_page(html)


def test_a_heading_whose_language_changes_inside_it_is_hyphenated_part_by_part() -> None:
    # an element with a lang that closes inside the heading (no template writes one; a site's own might)
    html = doc('<div lang="sv"><h2>Familjecenterverksamheten</div> Familjecenterverksamheten</h2>\n'
               '<h3>Familjecenterverksamheten</h3>', lang="en")
    out = shown(hyphenate_page(html))
    assert ('<h2>Famil-je-cen-ter-verk-sam-he-ten</div> Familje-centerverksam-heten</h2>\n'
            '<h3>Familje-centerverksam-heten</h3>') in out


def test_the_language_switcher_stays_as_it_was() -> None:
    switcher = ('<nav class="language-switcher" aria-label="Kielivalinta"><ul>'
                '<li><a href="./" hreflang="fi" lang="fi" aria-current="true">suomi</a></li>'
                '<li><a href="../sv/" hreflang="sv" lang="sv">svenska</a></li>'
                '<li><a href="../en/" hreflang="en" lang="en">English</a></li></ul></nav>')
    assert hyphenate_page(doc(switcher)) == doc(switcher)


@given(st.text(alphabet=st.sampled_from("aäeiklmnoprsuvyö &<>;\"\u00ad-"), max_size=60))
def test_hyphenating_only_adds_soft_hyphens_and_twice_is_once(text: str) -> None:
    text = str(escape(text))  # as a template writes it
    html = doc(f'<h2 title="{text}">{text}</h2>\n<p>{text}</p>', lang="sv")
    out = hyphenate_page(html)
    assert out.replace("&shy;", "") == html
    assert hyphenate_page(out) == out


def test_a_page_without_headings_or_navigation_comes_back_as_it_was() -> None:
    html = doc("<p>" + "Familjecenterverksamheten " * 2000 + "</p>", lang="sv")
    assert hyphenate_page(html) is html


# --- the built sites ------------------------------------------------------------------------------------

def test_a_built_heading_with_a_long_compound_carries_soft_hyphens(multilingual_out: Path) -> None:
    event = page(multilingual_out, "sv/evenemang/perhekeskusfoorumi/")
    assert event.h1.get_text() == "Famil\u00adje\u00adcen\u00adter\u00adfo\u00adrum"
    breadcrumb = event.find("nav", class_="breadcrumbs").find("a", attrs={"aria-current": "page"})
    assert breadcrumb.get_text() == "Famil\u00adje\u00adcen\u00adter\u00adfo\u00adrum"
    # what no reader sees as text stays whole: the title, the sharing title, the search metadata
    assert event.title.get_text().startswith("Familjecenterforum – ")
    assert event.find("meta", property="og:title")["content"] == "Familjecenterforum"
    assert "\u00ad" not in str(event.head)


@needs_voikko
def test_built_finnish_headings_are_hyphenated_with_voikko(multilingual_out: Path) -> None:
    assert page(multilingual_out, "fi/tapahtumat/perhekeskusfoorumi/").h1.get_text() == (
        "Per\u00adhe\u00adkes\u00adkus\u00adfoo\u00adrumi")
    # a Finnish name on a Swedish page, in its lang span, is hyphenated as Finnish
    assert str(page(multilingual_out, "sv/evenemang/vanhempainilta-verkossa/").h1) == (
        '<h1><span lang="fi">Van\u00adhem\u00adpain\u00adilta verkossa</span></h1>')


# Pages checked in Chromium: every third page of the example (of every kind and language), which keeps the test
# near half a minute; tests/wordbreaks.py measures all of them the same way.
SAMPLE = 3


def test_no_heading_or_navigation_word_breaks_without_a_hyphen_at_320_px(example_out: Path, example_url: str) -> None:
    paths = [path.relative_to(example_out).as_posix() for path in html_pages(example_out)][::SAMPLE]
    assert len(paths) > 300
    found = line_breaks(example_url, paths, width=320)
    broken = {path: breaks.broken for path, breaks in found.items() if breaks.broken}
    assert broken == {}
    # and the words were long enough to need it: Chromium did break many of them, at their soft hyphens
    assert sum(breaks.hyphenated for breaks in found.values()) > 100
