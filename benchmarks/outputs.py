#!/usr/bin/env python3
"""The CPU time of the outputs that are not pages: feeds, search words, sitemaps, HSDS open data and calendars.

    python benchmarks/outputs.py SITE [--against SRC] [--runs 3] [--today 2026-11-23] [--profile STAGE]

Checks the site once per run, then times each stage as `pkc build` runs it (process CPU time, one process, no
workers): assets, feeds, search words, sitemap, the HSDS files of each language, and every calendar file of each
language (rendered in the build's workers). With `--against SRC` (another pkc checkout, e.g. one of `main`) the
two sources run alternately, run by run, each in a fresh process, and the table gives both medians and their
ratio. `--profile STAGE` prints cProfile's top entries of one stage of this checkout instead.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def stages(site_dir: Path, today: dt.date) -> dict[str, Callable[[], object]]:
    """Each non-page output of a build of `site_dir`, as a call that makes its bytes (nothing is written)."""
    from pkc.build import BuildOptions, check, news_feeds, search_words, site_assets
    from pkc.calendar import Calendars, calendar_files
    from pkc.hsds import hsds_files
    from pkc.localize import Localizer
    from pkc.sitemap import sitemap_files
    from pkc.urls import Site, normalise_base_url

    checked = check(BuildOptions(site_dir=site_dir, today=today))
    gc.freeze()  # as pkc.build.frozen_heap does while the outputs are made: the collector skips the content
    catalog, strings = checked.catalog, checked.strings
    site = Site(normalise_base_url(catalog.site.base_url))

    def calendars(lang: str) -> list[bytes]:
        made = Calendars(catalog, Localizer(lang, catalog.languages, strings[lang], today), site)
        return [made.file(kind, slug) for kind, slug in calendar_files(catalog)]

    found: dict[str, Callable[[], object]] = {
        "assets": lambda: site_assets(catalog, site_dir),
        "feeds": lambda: news_feeds(catalog, strings, site, today),
        "search words": lambda: search_words(catalog, strings, today),
        "sitemap": lambda: sitemap_files(catalog, site),
    }
    for lang in catalog.languages:  # in the build's order: the first language fills the caches of ids
        found[f"hsds {lang}"] = lambda lang=lang: hsds_files(catalog, strings, site, today, [lang])
    for lang in catalog.languages:
        found[f"calendars {lang}"] = lambda lang=lang: calendars(lang)
    return found


def measure(site_dir: Path, today: dt.date) -> dict[str, float]:
    """CPU seconds of each stage, run once in this process."""
    times = {}
    for name, stage in stages(site_dir, today).items():
        started = time.process_time()
        stage()
        times[name] = time.process_time() - started
    return times


def _run(source: Path, args: argparse.Namespace) -> dict[str, float]:
    env = dict(os.environ, PKC_SOURCE=str(source))
    done = subprocess.run([sys.executable, __file__, str(args.site), "--today", args.today.isoformat(), "--json"],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--against", type=Path, help="another pkc source tree to compare with")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    parser.add_argument("--profile", metavar="STAGE", help="cProfile one stage of this checkout")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one run, for the runner
    args = parser.parse_args()
    sys.path.insert(0, os.environ.get("PKC_SOURCE", str(REPO)))
    if args.json:
        print(json.dumps(measure(args.site.resolve(), args.today)))
        return
    if args.profile:
        # benchmarks/profile.py would stand in for the standard library's `profile`, which cProfile imports
        sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).parent]
        import cProfile
        import pstats

        stage = stages(args.site.resolve(), args.today)[args.profile]
        profile = cProfile.Profile()
        profile.runcall(stage)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return
    sides = {"this": REPO} | ({"against": args.against.resolve()} if args.against else {})
    runs: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
    for _ in range(args.runs):  # alternating, so that a change in the machine's load hits both sides alike
        for side, source in sides.items():
            runs[side].append(_run(source, args))
    names = list(runs["this"][0])
    median = {side: {name: statistics.median(run[name] for run in found) for name in names}
              for side, found in runs.items()}
    for side in sides:
        median[side]["total"] = sum(median[side].values())
    print(f"CPU seconds, median of {args.runs} runs ({', '.join(f'{s}: {p}' for s, p in sides.items())})")
    print(f"{'stage':16}" + "".join(f"{side:>10}" for side in sides) + ("     ratio" if args.against else ""))
    for name in [*names, "total"]:
        figures = [median[side][name] for side in sides]
        ratio = f"{figures[0] / figures[1]:10.2f}" if args.against and figures[1] > 0.005 else ""
        print(f"{name:16}" + "".join(f"{figure:10.2f}" for figure in figures) + ratio)


if __name__ == "__main__":
    main()
