"""The search stage: index the written site with Pagefind, one index per language (from `<html lang>`)."""
from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import cbor2

from .errors import BuildError
from .lifeline import die_with_parent

BUNDLE_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
# Pagefind's index files: gzip of this signature followed by CBOR
_SIGNATURE = b"pagefind_dcd"
_HIDDEN_WORDS = "<div hidden>⁂\n".encode()  # base.html's hidden search words start so
_SEARCH_META = re.compile(rb'<meta name="pkc:[^>]*>')  # the filters and result fields of pkc's base.html
_PUBLISHED_META = re.compile(_SEARCH_META.pattern + b"\n")  # each on a line of its own


@dataclass(frozen=True)
class SearchIndexReport:
    """What the index holds: pages per language, its size and how long indexing took."""

    pages: dict[str, int]
    bytes: int
    seconds: float


def pagefind_executable() -> Path:
    """The Pagefind binary that the pagefind[bin] package installs (or PAGEFIND_BINARY_PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:  # pragma: no cover - pagefind is a dependency
        raise BuildError("the Python package 'pagefind' is missing: pip install 'pagefind[bin]'") from exc
    executable = get_executable()
    if executable is None:
        raise BuildError("the Pagefind binary was not found: pip install 'pagefind[bin]'")
    return Path(executable)


def indexed_part(html: bytes) -> bytes | None:
    """What Pagefind takes from a page of pkc's templates, as a page of its own: the <html> tag with its lang, the
    pkc:* meta tags (filters and result fields) and <main data-pagefind-body>. Pagefind makes the same index from
    it, reading a third of the bytes. None when the page may hold anything else Pagefind reads — no
    data-pagefind-body or more than one, a data-pagefind attribute or a <h1> (its default title) outside the main
    element and the meta tags, as a site's own templates may have —: Pagefind then reads the whole page."""
    body = html.find(b"data-pagefind-body")
    if body < 0 or html.find(b"data-pagefind-body", body + 1) >= 0:
        return None
    main = html.rfind(b"<main", 0, body)
    end = html.find(b"</main>", body)
    head_end = html.find(b"<body")
    if main < 0 or end < 0 or not 0 <= head_end < main or html.find(b">", main) < body:
        return None
    end += len(b"</main>")
    metas = _SEARCH_META.findall(html, 0, head_end)
    outside = html.count(b"data-pagefind", 0, main) + html.count(b"data-pagefind", end)
    if outside != sum(meta.count(b"data-pagefind") for meta in metas) \
            or html.find(b"<h1", 0, main) >= 0 or html.find(b"<h1", end) >= 0:
        return None
    opening = html[:html.find(b">", html.find(b"<html")) + 1]
    head = b"\n<head>\n" + b"\n".join(metas) + b"\n</head>\n<body>\n"
    return opening + head + html[main:end] + b"\n</body>\n</html>\n"


def split_page(html: bytes) -> tuple[bytes, bytes]:
    """A rendered page as it is published, and as Pagefind reads it. What only Pagefind reads of pkc's base.html —
    the hidden search words (base forms, family words, keywords) and the pkc:* meta tags (the filters and the
    fields of a search result) — goes to it alone (`published_page`). Pagefind reads the page with them, cut to the
    part it indexes (`indexed_part`) where that makes the same index."""
    part = indexed_part(html)
    return published_page(html), html if part is None else part


def published_page(html: bytes) -> bytes:
    """`html` without what only Pagefind reads: the `<div hidden>⁂` block of hidden search words and the pkc:* meta
    tags. Together a fifth of a service page's gzipped bytes, that no visitor sees or hears."""
    start = html.find(_HIDDEN_WORDS)
    end = html.find(b"</div>\n", start) if start >= 0 else -1
    if end >= 0:
        html = html[:start] + html[end + len(b"</div>\n"):]
    head_end = html.find(b"</head>")
    if head_end < 0 or html.find(b'<meta name="pkc:', 0, head_end) < 0:
        return html
    return _PUBLISHED_META.sub(b"", html[:head_end]) + html[head_end:]


def bundle_dir(lang: str) -> str:
    """Where a language's search bundle is published: pagefind/fi/, pagefind/sv/ …"""
    return f"{BUNDLE_DIR}/{lang}"


class Indexer:
    """Indexes one language at a time with Pagefind, in the background, as soon as its pages are written.

    One run per language keeps Pagefind's memory to a third of one run over the whole site (a national site:
    about 0.8 instead of 2.2 GB), and a visitor's browser loads only its own language's bundle. Runs never
    overlap each other, so memory stays bounded; they overlap the rendering of the other languages.
    """

    def __init__(self, site_root: Path):
        self.site_root = site_root
        self.queue: list[str] = []
        self.running: tuple[str, subprocess.Popen] | None = None
        self.pages: dict[str, int] = {}
        self.indexed: list[str] = []  # the languages Pagefind indexed in this build
        self.sources: dict[str, Path] = {}
        self.started = time.perf_counter()

    def language_done(self, lang: str, source: Path | None = None) -> None:
        """Every page of `lang` is written: index it when Pagefind is free (reading the pages from `source`
        instead of the site, if given: a cached build writes only what changed)."""
        if source is not None:
            self.sources[lang] = source
        self.queue.append(lang)
        self._advance(wait=False)

    def adopt(self, lang: str, entry_file: Path | None = None) -> None:
        """The bundle of `lang` is kept as it was (a cached build found its pages unchanged); its entry file is
        `entry_file`, or in the site."""
        entry_file = entry_file or self.site_root / bundle_dir(lang) / ENTRY_FILE
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        self.pages[lang] = sum(info["page_count"] for info in entry["languages"].values())

    def poll(self) -> None:
        """Start the next waiting language if the run before it has ended: the build calls this between the
        other outputs it writes after rendering, so that Pagefind does not sit idle meanwhile."""
        self._advance(wait=False)

    def finish(self, languages: tuple[str, ...]) -> SearchIndexReport:
        """Index whatever is left, wait for every run, and report."""
        for lang in languages:
            if lang not in self.pages and lang not in self.queue and (self.running is None or self.running[0] != lang):
                self.queue.append(lang)
        while self.running is not None or self.queue:
            self._advance(wait=True)
        size = sum(path.stat().st_size for path in (self.site_root / BUNDLE_DIR).rglob("*") if path.is_file())
        return SearchIndexReport({lang: self.pages[lang] for lang in languages}, size,
                                 time.perf_counter() - self.started)

    def abandon(self) -> None:
        """Stop a run in progress (the build failed)."""
        if self.running is not None:
            self.running[1].kill()
            self.running[1].wait()
            self.running = None

    def _advance(self, wait: bool) -> None:
        if self.running is not None:
            lang, process = self.running
            if not wait and process.poll() is None:
                return
            output, _ = process.communicate()
            self.running = None
            if process.returncode != 0:
                raise BuildError(f"Pagefind failed to index the site (exit status {process.returncode}): "
                                 f"{output.strip()}")
            bundle = self.site_root / bundle_dir(lang)
            try:
                found = stabilise_bundle(bundle)
            except (OSError, ValueError, KeyError, cbor2.CBORDecodeError) as exc:
                raise BuildError(f"Pagefind wrote no usable index ({bundle}): {exc}") from exc
            self.pages[lang] = sum(info["page_count"] for info in found.values())
            self.indexed.append(lang)
        if self.running is None and self.queue:
            lang = self.queue.pop(0)
            source = self.sources.get(lang, self.site_root)
            command = [str(pagefind_executable()), "--site", str(source), "--glob", f"{lang}/**/*.html",
                       "--output-path", str((self.site_root / bundle_dir(lang)).absolute()), "--quiet"]
            # run in the site root, so that no pagefind.yml of the caller's working directory changes the result
            # Pagefind dies with the build: a killed build leaves no run indexing a folder that will be removed
            self.running = (lang, subprocess.Popen(command, cwd=source, stdout=subprocess.PIPE,
                                                   stderr=subprocess.STDOUT, text=True,
                                                   preexec_fn=functools.partial(die_with_parent, os.getpid())))


def index_site(site_root: Path, languages: tuple[str, ...]) -> SearchIndexReport:
    """Write one Pagefind bundle per language into `site_root/pagefind/<lang>/` from written pages."""
    indexer = Indexer(site_root)
    try:
        return indexer.finish(languages)
    finally:
        indexer.abandon()


# --- making the bundle reproducible -------------------------------------------------------------------
# Pagefind 1.5 writes its filter indexes and the language map in hash-map order, which changes from run
# to run (Pagefind issue #638: fragments are stable since 1.3, "other files will still change"). The same
# content must build the same bytes, so the filter lists are sorted and the files that name them are
# rewritten under names derived from their new content. Search behaves exactly as before.

def read_index_file(path: Path) -> object:
    """The data of one of Pagefind's index files (its meta, filter and index chunks)."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind index file")
    return cbor2.loads(raw[len(_SIGNATURE):])


def _encode(data: object) -> bytes:
    return gzip.compress(_SIGNATURE + cbor2.dumps(data), mtime=0)


def _content_name(lang: str, content: bytes, length: int) -> str:
    return f"{lang}_{hashlib.sha256(content).hexdigest()[:length]}"


def stabilise_bundle(bundle: Path) -> dict:
    """Rewrite the language-dependent index files in a fixed order; return the entry's language map."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_index_file(meta_path)
        filters = []
        for name, file_hash in meta[3]:
            filter_path = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = read_index_file(filter_path)
            content = _encode([filter_name, sorted(values, key=lambda value: value[0])])
            stable = _content_name(lang, content, 7)
            filter_path.unlink()
            (bundle / "filter" / f"{stable}.pf_filter").write_bytes(content)
            filters.append([name, stable])
        meta[3] = sorted(filters)
        content = _encode(meta)
        stable = _content_name(lang, content, 10)
        meta_path.unlink()
        (bundle / f"pagefind.{stable}.pf_meta").write_bytes(content)
        info["hash"] = stable
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return entry["languages"]
