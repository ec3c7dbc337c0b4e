#!/usr/bin/env python3
"""Search figures on the example site: index size, indexing time, and what a family's first query downloads.

    python benchmarks/search.py [--site DIR] [--query neuvola] [--runs 3]

Builds the site, times the Pagefind stage on its own (median of --runs), then loads the Finnish search page in
Debian's Chromium and sums the bytes of every response the first query needs, by kind of file.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pkc.build import BuildOptions, build  # noqa: E402
from pkc.incremental.session import SEARCH_INPUT  # noqa: E402
from pkc.search import BUNDLE_DIR, index_site  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO)
    parser.add_argument("--query", default="neuvola")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--built", type=Path, help="only measure the first query on this already built site")
    args = parser.parse_args()
    if args.built:
        first_query(args.built, args.query)
        return

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "public"
        # a cached build keeps what Pagefind reads of each page (the page with its hidden search words, cut)
        cache = Path(tmp) / "cache"
        report = build(BuildOptions(site_dir=args.site, out_dir=out, cache_dir=cache))
        html_pages = sum(1 for _ in out.rglob("*.html"))
        timings = []
        for _ in range(args.runs):
            staging = Path(tempfile.mkdtemp(dir=tmp))
            for page in (cache / SEARCH_INPUT).glob("*/**/*.html"):
                target = staging / page.relative_to(cache / SEARCH_INPUT).as_posix().split("/", 1)[1]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(page.read_bytes())
            timings.append(index_site(staging, tuple(report.search.pages)).seconds)
        bundle = out / BUNDLE_DIR
        index_files = [p for p in bundle.rglob("*") if p.is_file()]
        print(f"pages built:            {html_pages}")
        print(f"pages indexed:          {', '.join(f'{n} {lang}' for lang, n in report.search.pages.items())}")
        print(f"index size:             {report.search.bytes / 1024:.0f} KiB in {len(index_files)} files")
        print(f"indexing time:          {statistics.median(timings):.2f} s (median of {args.runs})")
        first_query(out, args.query)


def first_query(out: Path, query: str) -> None:
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = defaultdict(int)
    with serve(out) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        # warm the page itself (HTML, CSS, search.js) as a visitor arriving from any page would have it
        page.goto(url + "fi/haku/")
        page.wait_for_function("document.querySelector('[data-search-status]').textContent.length > 0")
        fetched: dict[str, int] = {}

        def record(response):
            if "/pagefind/" in response.url or "/search-words-" in response.url:
                kind = Path(response.url.split("?")[0]).suffix or Path(response.url).name
                size = len(response.body())
                sizes[kind] += size
                fetched[response.url] = size

        # a fresh page: the search bundle is fetched from scratch for the first query
        page.close()
        page = browser.new_context().new_page()
        page.on("response", record)
        page.goto(url + "fi/haku/?q=" + query)
        page.wait_for_selector(".search-result")
        page.wait_for_load_state("networkidle")
        status = page.inner_text("[data-search-status]")
        browser.close()
    total = sum(sizes.values())
    print(f"first query '{query}':   {status}; {total / 1024:.0f} KiB from {len(fetched)} files "
          "(transfer size before HTTP compression)")
    for kind, size in sorted(sizes.items(), key=lambda item: -item[1]):
        print(f"  {kind:20} {size / 1024:8.1f} KiB")


if __name__ == "__main__":
    main()
