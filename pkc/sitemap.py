"""sitemap.xml with every page in every language and its hreflang alternates, and robots.txt that points to it.

A sitemap holds at most 50,000 addresses and 50 MiB (sitemaps.org); a larger site gets numbered sitemaps and a
`sitemap.xml` that indexes them. An entry's `lastmod` is the date an editor last reviewed it (news: its date).
The files follow the sitemaps.org XSD (sitemap.xsd, siteindex.xsd): in a `<url>`, `<loc>` and `<lastmod>` come
before the `<xhtml:link>` alternates, which the schema admits only at its end.

A sitemap lists the canonical pages worth finding in a search engine: every page in every language, and the site
root (the choice of language: its canonical address is itself and nothing keeps it out of an index). Not listed:
404.html (an error page is never indexed: the host serves it with status 404 for any address) and the search pages
(a form with no content of its own; results appear only in the reader's browser).
"""
from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .catalog import Catalog
from .render import page_keys
from .urls import PageKey, Site, page_path

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
MAX_URLS = 50_000
MAX_BYTES = 52_428_800  # 50 MiB, uncompressed: with every language's alternates 50,000 addresses can be more
_NOT_LISTED = ("search", "professional-search")  # a search page has nothing of its own to find
_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
         'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def sitemap_files(catalog: Catalog, site: Site, max_urls: int = MAX_URLS,
                  max_bytes: int = MAX_BYTES) -> dict[str, bytes]:
    """sitemap.xml (or an index of sitemap-1.xml, sitemap-2.xml …) and robots.txt."""
    entries = [_root_entry(site)] + [_entry(catalog, site, key, lang) for key in page_keys(catalog)
                                     if key.kind not in _NOT_LISTED for lang in catalog.languages]
    chunks = _chunks(entries, max_urls, max_bytes)
    files: dict[str, bytes] = {}
    if len(chunks) == 1:
        files[SITEMAP] = _urlset(chunks[0])
    else:
        names = [f"sitemap-{number}.xml" for number in range(1, len(chunks) + 1)]
        files.update({name: _urlset(chunk) for name, chunk in zip(names, chunks, strict=True)})
        files[SITEMAP] = _index([site.absolute(name) for name in names])
    files[ROBOTS] = robots_txt(site).encode("utf-8")
    return files


def robots_txt(site: Site) -> str:
    """Every page may be crawled, the search index files need not be; where the sitemap is."""
    return (f"User-agent: *\nDisallow: {site.base_path}pagefind/\n\n"
            f"Sitemap: {site.absolute(SITEMAP)}\n")


def _root_entry(site: Site) -> str:
    # Without alternates: the home pages name each other (and the default language as x-default), not the root,
    # and an hreflang link that is not returned is one search engines ignore.
    return f"<url><loc>{xml_escape(site.absolute(''))}</loc></url>\n"


def _entry(catalog: Catalog, site: Site, key: PageKey, lang: str) -> str:
    lines = [f"<url><loc>{xml_escape(site.absolute(page_path(key, lang)))}</loc>"]
    modified = _last_modified(catalog, key)
    if modified is not None:  # the XSD's order: loc, lastmod, then elements of other namespaces
        lines.append(f"<lastmod>{modified.isoformat()}</lastmod>")
    if len(catalog.languages) > 1:
        for other in catalog.languages:
            href = quoteattr(site.absolute(page_path(key, other)))
            lines.append(f'<xhtml:link rel="alternate" hreflang="{other}" href={href}/>')
        default = quoteattr(site.absolute(page_path(key, catalog.default_language)))
        lines.append(f'<xhtml:link rel="alternate" hreflang="x-default" href={default}/>')
    return "".join(lines) + "</url>\n"


def _last_modified(catalog: Catalog, key: PageKey) -> dt.date | None:
    if key.slug is None or key.kind not in catalog.entries or key.slug not in catalog.entries[key.kind]:
        return None
    entry = catalog.entries[key.kind][key.slug]
    return getattr(entry, "last_reviewed", None) or (entry.date if key.kind == "news" else None)


def _chunks(entries: list[str], max_urls: int, max_bytes: int) -> list[list[str]]:
    """The entries in order, cut into sitemaps of at most max_urls entries and max_bytes bytes each."""
    room = max_bytes - len(_urlset([]))
    chunks: list[list[str]] = [[]]
    size = 0
    for entry in entries:
        length = len(entry.encode("utf-8"))
        if chunks[-1] and (len(chunks[-1]) == max_urls or size + length > room):
            chunks.append([])
            size = 0
        chunks[-1].append(entry)
        size += length
    return chunks


def _urlset(entries: list[str]) -> bytes:
    return (_HEAD + "".join(entries) + "</urlset>\n").encode("utf-8")


def _index(urls: list[str]) -> bytes:
    body = "".join(f"<sitemap><loc>{xml_escape(url)}</loc></sitemap>\n" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{body}</sitemapindex>\n").encode()
