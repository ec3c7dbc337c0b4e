"""Markdown to safe HTML: CommonMark without raw HTML, then an allow-list sanitizer (nh3)."""
from __future__ import annotations

import html as html_module
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "hreflang"}, "th": {"scope"}, "ol": {"start"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_HEADING = re.compile(r"<(/?)h([1-6])>")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # html=False: an editor's raw HTML is shown as text, never interpreted; tables are useful for prices
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


@lru_cache(maxsize=32768)  # a text appears on many pages (cards, lists, three languages): render it once
def render_markdown(text: str, top_level: int = 2) -> str:
    """Markdown as sanitized HTML whose highest heading is `top_level` (the page's own h1 stays unique)."""
    html = _parser().render(text)
    levels = [int(level) for level in re.findall(r"<h([1-6])>", html)]
    if levels:
        shift = top_level - min(levels)
        html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, max(1, int(m.group(2)) + shift))}>", html)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


@lru_cache(maxsize=32768)
def plain_text(text: str) -> str:
    """Markdown reduced to one line of plain text (for summaries and meta descriptions)."""
    html = _parser().render(text)
    stripped = html_module.unescape(nh3.clean(html, tags=set()))
    return " ".join(stripped.split())


_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre|tr)>|<br\s*/?>")


def plain_lines(text: str) -> str:
    """Markdown as plain text that keeps its paragraphs and list items on lines of their own (for calendars)."""
    html = _BLOCK_END.sub("\n", _parser().render(text)).replace("<li>", "- ")
    stripped = html_module.unescape(nh3.clean(html, tags=set()))
    lines = [" ".join(line.split()) for line in stripped.splitlines()]
    return "\n".join(line for line in lines if line)


@lru_cache(maxsize=32768)
def first_sentence(text: str, limit: int = 160) -> str:
    """A summary: the first sentence of a Markdown text, cut at a word boundary near `limit`."""
    plain = plain_text(text)
    match = re.match(r"(.+?[.!?])(\s|$)", plain)
    sentence = match.group(1) if match else plain
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
