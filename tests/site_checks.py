"""Helpers that look at a built site the way a browser would: parse pages, follow links."""
from __future__ import annotations

import gzip
import json
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def shown(text: str) -> str:
    """A text as a reader sees it on one line: its soft hyphens (pkc/hyphenate.py) show only where a line breaks."""
    return text.replace("\u00ad", "")


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(out: Path, rel: str) -> BeautifulSoup:
    return soup(out / rel / "index.html" if not rel.endswith(".html") else out / rel)


def indexed_pages(out: Path, lang: str) -> dict[str, dict]:
    """What the built Pagefind index of `lang` holds of each page, by its address: the fragment the search page
    receives (its filters, result fields and content)."""
    pages = {}
    for path in sorted((out / "pagefind" / lang / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[raw.index(b"{"):])
        pages[fragment["url"]] = fragment
    return pages


def broken_links(out: Path, base_path: str = "/") -> list[str]:
    """Every internal href/src in the site that does not lead to a file, as 'page -> link'."""
    broken = []
    for path in html_pages(out):
        rel_dir = posixpath.dirname(path.relative_to(out).as_posix())
        document = soup(path)
        for tag in document.find_all(["a", "link", "img", "script"]):
            target = tag.get("href") or tag.get("src")
            if not target:
                continue
            parts = urlsplit(target)
            if parts.scheme or target.startswith("#"):
                continue
            link_path = unquote(parts.path)
            if link_path.startswith("/"):
                if not link_path.startswith(base_path):
                    broken.append(f"{path.relative_to(out)} -> {target}")
                    continue
                resolved = link_path[len(base_path):]
            else:
                resolved = posixpath.normpath(posixpath.join(rel_dir, link_path))
                if resolved.startswith(".."):
                    broken.append(f"{path.relative_to(out)} -> {target}")
                    continue
                if resolved == ".":
                    resolved = ""
            file = out / resolved
            if link_path.endswith("/") or resolved == "" or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{path.relative_to(out)} -> {target}")
            elif parts.fragment and file.suffix == ".html":
                if soup(file).find(id=parts.fragment) is None:
                    broken.append(f"{path.relative_to(out)} -> {target} (no id '{parts.fragment}')")
    return broken
