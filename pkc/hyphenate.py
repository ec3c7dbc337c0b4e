"""Soft hyphens in the long words of a rendered page's headings and navigation.

Finnish and Swedish compounds ("perhekeskuksessa", "Familjecenterverksamheten") are often wider than a phone's
line in a heading. The stylesheet asks for `hyphens: auto`, but Chromium on Linux, Windows and ChromeOS has no
hyphenation dictionary for them, so `overflow-wrap: anywhere` breaks such a word at any letter and without a
hyphen ("perhekeskukses|sa"). This module writes a soft hyphen (`&shy;`, invisible unless the line breaks there)
at each hyphenation point of the long words of every text inside `h1`–`h6` and `nav` elements, after the page is
rendered:

- Finnish with Voikko (Debian `libvoikko1` + `voikko-fi`, as for search), which knows where compounds join
  ("kan-san-opis-to", not "kan-sa-no-pis-to"); without Voikko, Finnish words are left as they are.
- Swedish and English with the LibreOffice hyphenation dictionaries that pyphen ships (`hyph_sv`, `hyph_en_GB`).

A text is hyphenated in the language of its nearest `lang` attribute (a Finnish name shown on a Swedish page sits
in `<span lang="fi">`), else the page's `<html lang>`. Tags, attributes, the `<head>`, scripts and everything
outside headings and navigation are never changed, and a word that already holds a soft hyphen is left as its
editor wrote it. Only words of at least MIN_WORD letters are hyphenated, never closer than MIN_FRAGMENT letters to
either end. The result depends only on the text and the dictionaries, and each word, and each distinct heading or
navigation in each language, is hyphenated once per process.
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

# An h1 at 320 px holds 284 px of text: 12.8 letters of an average Finnish word in 34.2 px system-ui, 11 of a word
# of wide letters ("vanhemmuuden"), fewer for a reader whose browser font is larger than 16 px. The example's
# shortest words broken at 320 px were 12 letters long; 10 leaves room for wide letters and larger text.
MIN_WORD = 10
# No fragment of one or two letters at either end ("a-", "-en"): they read badly and save too little.
MIN_FRAGMENT = 3
SOFT_HYPHEN = "&shy;"

_BODY = re.compile(r"<body[\s>]", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\slang=\"([^\"]*)\"", re.IGNORECASE)
_SCOPE = re.compile(r"<(h[1-6]|nav)(?=[\s>])[^>]*>", re.IGNORECASE)
# text between tags; a script or a style is skipped whole
_PIECES = re.compile(r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>)",
                     re.IGNORECASE | re.DOTALL)
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD}}}")
# an entity (left alone) or a word: letters, possibly joined by soft hyphens that an editor wrote
_TOKEN = re.compile(r"&#?\w+;|[^\W\d_]+(?:(?:\u00ad|&shy;)[^\W\d_]+)*")
_LANG_ATTRIBUTE = re.compile(r"\slang=\"([^\"]*)\"")
_LANG_VALUE = re.compile(r"lang=\"([^\"]*)\"")
_TAG_NAME = re.compile(r"<([a-zA-Z][\w-]*)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_PYPHEN = {"sv": "sv", "en": "en_GB"}  # the site's English is British ("centre")
_VOIKKO_LOCK = threading.Lock()  # a Voikko handle is not for two threads at once (`pkc serve` renders in threads)


@lru_cache(maxsize=1)
def _voikko():
    try:
        import libvoikko
        voikko = libvoikko.Voikko("fi")
    except Exception:  # noqa: BLE001 - no library (OSError), no dictionary (VoikkoException): not installed
        return None
    voikko.setNoUglyHyphenation(True)  # "per-he-alue", not "per-he-a-lu-e"
    return voikko


def _voikko_points(word: str) -> list[int]:
    voikko = _voikko()
    if voikko is None:
        return []
    with _VOIKKO_LOCK:
        pattern = voikko.getHyphenationPattern(word)
    return [i for i, mark in enumerate(pattern) if mark == "-"]


@cache
def _pyphen_points(code: str) -> Callable[[str], list[int]]:
    import pyphen

    dictionary = pyphen.Pyphen(lang=code, left=MIN_FRAGMENT, right=MIN_FRAGMENT)
    # a point that changes the spelling when broken (`data`) cannot be a soft hyphen
    return lambda word: [int(p) for p in dictionary.positions(word) if not getattr(p, "data", None)]


def _points(lang: str) -> Callable[[str], list[int]] | None:
    """Where a word of `lang` may be hyphenated, or None for a language without a dictionary."""
    primary = lang.split("-")[0].lower()
    if primary == "fi":
        return _voikko_points if available("fi") else None
    if primary in _PYPHEN:
        return _pyphen_points(_PYPHEN[primary])
    return None


def available(lang: str) -> bool:
    """Whether words of `lang` are hyphenated on this machine (Finnish needs Voikko)."""
    primary = lang.split("-")[0].lower()
    return _voikko() is not None if primary == "fi" else primary in _PYPHEN


@lru_cache(maxsize=200_000)
def hyphenate_word(word: str, lang: str) -> str:
    """`word` with a soft hyphen (`&shy;`) at each of its hyphenation points in `lang`, or unchanged when it is
    shorter than MIN_WORD letters, holds a soft hyphen already or `lang` has no dictionary here."""
    if len(word) < MIN_WORD or "\u00ad" in word or "&" in word:
        return word
    points = _points(lang)
    if points is None:
        return word
    cuts = [i for i in points(word) if MIN_FRAGMENT <= i <= len(word) - MIN_FRAGMENT]
    if not cuts:
        return word
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(word[start:cut])
        start = cut
    pieces.append(word[start:])
    return SOFT_HYPHEN.join(pieces)


def hyphenate_text(text: str, lang: str) -> str:
    """An HTML text (no tags; entities stay as they are) with its long words hyphenated."""
    if not _LONG_WORD.search(text):
        return text
    return _TOKEN.sub(lambda match: hyphenate_word(match.group(0), lang), text)


class _Languages:
    """The language at a place in the page: the innermost element with a `lang` that encloses it, else the page's.
    Found only when a page has a long word to hyphenate, and only once."""

    def __init__(self, html: str, start: int, page_lang: str):
        self.page_lang = page_lang
        spans = []
        for attribute in _LANG_ATTRIBUTE.finditer(html, start):
            span = _lang_span(html, html.rfind("<", 0, attribute.start()), attribute)
            if span is not None:
                spans.append(span)
        self.starts = [span[0] for span in spans]
        self.spans = spans

    def at(self, position: int) -> str:
        # elements nest: the last one opened before the position that is still open there is the innermost
        for index in range(bisect_right(self.starts, position) - 1, -1, -1):
            start, end, lang = self.spans[index]
            if position < end:
                return lang
        return self.page_lang


def _lang_span(html: str, tag_start: int, attribute: re.Match[str]) -> tuple[int, int, str] | None:
    """(start, end, language) of the element whose tag, opening at `tag_start`, holds the lang `attribute`."""
    tag_end = html.find(">", attribute.end()) + 1
    name = _TAG_NAME.match(html, tag_start)
    if name is None or tag_end == 0:
        return None
    tag = name.group(1).lower()
    void = tag in _VOID or html[tag_end - 2] == "/"
    return tag_start, tag_end if void else _closing(html, tag, tag_end), attribute.group(1)


def _closing(html: str, name: str, position: int) -> int:
    """Where the element `name` opened just before `position` ends (the end of the page if it never does)."""
    depth = 1
    for match in _tag_pattern(name).finditer(html, position):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)


@lru_cache(maxsize=64)
def _tag_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s>/])[^>]*>", re.IGNORECASE)


def hyphenate_page(html: str) -> str:
    """The page with soft hyphens in the long words of its headings and navigation (see the module's text)."""
    body = _BODY.search(html)
    start = body.start() if body else 0
    if not _LONG_WORD.search(html, start):
        return html
    page_lang = _HTML_LANG.search(html)
    outer = _Outer(html, start, page_lang.group(1) if page_lang else "")
    out: list[str] = []
    done = 0
    for begin, end in _scope_spans(html, start):
        lang = outer.at(begin, end)
        if lang is None:  # an element with a lang closes inside the heading: its language is not the same throughout
            return _hyphenate_page_whole(html, start, outer.page_lang)
        hyphenated = _hyphenate_scope(html[begin:end], lang)
        if hyphenated is not None:
            out.append(html[done:begin])
            out.append(hyphenated)
            done = end
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


# The repeated ones (menus, card titles) stay: at scale 0.2, 10,000 entries hit as often as 100,000, and a page's own
# heading or breadcrumbs, met once, should not hold memory in every render worker.
@lru_cache(maxsize=20_000)
def _hyphenate_scope(inner: str, lang: str) -> str | None:
    """The inside of a heading or navigation element (its tags included) with its long words hyphenated, its text
    in `lang` unless an element inside says otherwise; None when nothing changes.

    Pages repeat the same headings and menus (the main menu, a service's card title on every list that shows it),
    so each distinct inside is hyphenated once per language and process."""
    pieces = _PIECES.split(inner)
    if not any(_LONG_WORD.search(text) for text in pieces[::2]):
        return None
    languages = _Languages(inner, 0, lang)
    out: list[str] = []
    position = 0
    for index, piece in enumerate(pieces):
        out.append(hyphenate_text(piece, languages.at(position)) if index % 2 == 0 and piece else piece)
        position += len(piece)
    hyphenated = "".join(out)
    return None if hyphenated == inner else hyphenated


# An element whose content holds no tag: what its lang says applies to its own text only, never to a heading
# around or after it (h1–h6 and nav excepted: their lang is their own text's language).
_LEAF = re.compile(r"<(?!(?i:h[1-6]|nav)[\s>/])([a-zA-Z][\w-]*)(?=[\s>/])[^<>]*>[^<]*</\1\s*>")


class _Outer:
    """The language around a heading or navigation: the innermost element with a `lang` that encloses it, else the
    page's. Only elements that hold other elements can enclose one, so elements of plain text are not followed."""

    def __init__(self, html: str, start: int, page_lang: str):
        self.page_lang = page_lang
        spans = []
        for attribute in _LANG_VALUE.finditer(html, start):
            if not html[attribute.start() - 1].isspace():  # _LANG_ATTRIBUTE's \s, found faster from its letters
                continue
            tag_start = html.rfind("<", 0, attribute.start())
            leaf = _LEAF.match(html, tag_start)
            if leaf is not None and html.find(">", tag_start, leaf.end()) > attribute.start():
                continue  # the lang of an element of plain text
            span = _lang_span(html, tag_start, attribute)
            if span is not None:
                spans.append(span)
        self.spans = spans

    def at(self, begin: int, end: int) -> str | None:
        """The language of the text from `begin` to `end`, or None when an element around `begin` ends before
        `end`."""
        lang = self.page_lang
        for span_start, span_end, span_lang in self.spans:
            if span_start >= begin:
                break
            if begin < span_end < end:
                return None
            if begin < span_end:
                lang = span_lang  # opened later than any enclosing one before it: the innermost so far
        return lang


def _hyphenate_page_whole(html: str, start: int, page_lang: str) -> str:
    """Every heading and navigation of the page hyphenated with the languages of the whole page: for pages whose
    elements do not nest, where a heading's language may change inside it."""
    languages = _Languages(html, start, page_lang)
    out: list[str] = []
    done = 0
    for begin, end in _scope_spans(html, start):
        pieces = _PIECES.split(html[begin:end])
        if not any(_LONG_WORD.search(text) for text in pieces[::2]):
            continue
        out.append(html[done:begin])
        position = begin
        for index, piece in enumerate(pieces):
            out.append(hyphenate_text(piece, languages.at(position)) if index % 2 == 0 and piece else piece)
            position += len(piece)
        done = end
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


def _scope_spans(html: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each outermost h1–h6 and nav element from `start` on: the inside, without its own tags."""
    position = start
    while True:
        match = _SCOPE.search(html, position)
        if match is None:
            return
        name = match.group(1).lower()
        closing = _closing(html, name, match.end())
        inner_end = html.rfind("<", match.end(), closing) if closing < len(html) else closing
        yield match.end(), max(inner_end, match.end())
        position = closing
