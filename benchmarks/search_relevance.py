#!/usr/bin/env python3
"""Search relevance on the example site: family queries typed into the real search page, scored per language.

    python benchmarks/search_relevance.py [--site DIR] [--out DIR] [--queries FILE] [--subset] [--lang fi]

Builds the site (or uses --out if it holds a build and --no-build is given), serves it on localhost, types every
query of benchmarks/search_queries.yaml into the search page in Debian's Chromium — Pagefind's real bundle, the
page's own ranking, typo handling and all — and prints hit@1, hit@3, MRR and zero-result queries per language,
then every query whose expected page was not first.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pkc.build import BuildOptions, build  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from tests.relevance import QUERIES, load_queries, run_queries, score  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO)
    parser.add_argument("--out", type=Path, help="build here (default: a temporary folder)")
    parser.add_argument("--no-build", action="store_true", help="use the build already in --out")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--subset", action="store_true", help="only the queries marked subset: true")
    parser.add_argument("--lang", action="append", help="only these languages (repeatable)")
    args = parser.parse_args()

    queries = [q for q in load_queries(args.queries, subset=args.subset) if not args.lang or q.lang in args.lang]
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "public"
        if not args.no_build:
            build(BuildOptions(site_dir=args.site, out_dir=out))
        index_bytes = sum(p.stat().st_size for p in (out / "pagefind").rglob("*") if p.is_file())
        started = time.perf_counter()
        outcomes = run(out, queries)
        seconds = time.perf_counter() - started

    by_lang = score(outcomes)
    print(f"{len(queries)} queries in {seconds:.0f} s; search index {index_bytes / 1024:.0f} KiB\n")
    print(f"{'lang':<6}{'queries':>8}{'hit@1':>8}{'hit@3':>8}{'MRR':>7}{'zero':>6}")
    for lang, scores in by_lang.items():
        print(f"{lang:<6}{len(scores.outcomes):>8}{scores.hit1:>8.1%}{scores.hit3:>8.1%}{scores.mrr:>7.3f}"
              f"{len(scores.zero):>6}")
    kinds = sorted({o.query.kind for o in outcomes})
    print("\nby kind:  " + "  ".join(
        f"{kind} {score_kind(outcomes, kind):.0%}" for kind in kinds) + "  (hit@1)")
    print("\nmisses (expected page not first):")
    for lang, scores in by_lang.items():
        for outcome in scores.misses:
            rank = outcome.rank or "-"
            got = ", ".join(outcome.results[:3]) or "no results"
            hint = f" [suggested: {outcome.suggestion}]" if outcome.suggestion else ""
            print(f"  {lang} {outcome.query.kind:<15} {outcome.query.text!r}: rank {rank}{hint}\n"
                  f"      got {got}\n      want {', '.join(outcome.query.expect)}")


def score_kind(outcomes, kind: str) -> float:
    chosen = [o for o in outcomes if o.query.kind == kind]
    return sum(1 for o in chosen if o.rank == 1) / len(chosen)


def run(out: Path, queries):
    from playwright.sync_api import sync_playwright

    with serve(out) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return run_queries(browser.new_page(), url, queries)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
