#!/usr/bin/env python3
"""Where a phone's first screen ends on the example's entry pages: the first call or booking link, page lengths.

    python benchmarks/first_screen.py [--site DIR] [--out DIR --no-build]

Builds the site, serves it on localhost and opens, in Debian's Chromium at 360×800, every service, meeting
place and service point page in every language; prints where the first `tel:` link or booking button sits, the
header's height, and the length in screens of the municipality and life-situation pages.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pkc.build import BuildOptions, build  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from tests.firstscreen import PHONE, distribution, entry_paths, measure  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO)
    parser.add_argument("--out", type=Path, help="build here (default: a temporary folder)")
    parser.add_argument("--no-build", action="store_true", help="use the build already in --out")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "public"
        if not args.no_build:
            build(BuildOptions(site_dir=args.site, out_dir=out))
        kinds = {kind: entry_paths(args.site, (kind,))
                 for kind in ("service", "place", "location", "municipality", "life-situation")}
        with serve(out) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_context(viewport=PHONE).new_page()
            found = {kind: measure(page, url, paths) for kind, paths in kinds.items()}
            browser.close()

    print(f"At {PHONE['width']}×{PHONE['height']} px in Chromium:")
    headers = [m.header for ms in found.values() for m in ms]
    print(f"  header height: median {statistics.median(headers):.0f} px, max {max(headers):.0f} px")
    for kind in ("service", "place", "location"):
        ms = found[kind]
        missing = [m.path for m in ms if m.top is None]
        print(f"  {kind} pages ({len(ms)}): bottom of the first call/booking link: "
              f"{distribution([m.bottom for m in ms if m.bottom is not None])}; without one: {len(missing)}")
        late = sorted((m for m in ms if m.bottom and m.bottom > PHONE["height"]), key=lambda m: -m.bottom)
        for m in late[:5]:
            print(f"      {m.bottom:>6.0f} px  {m.path}")
    for kind in ("municipality", "life-situation"):
        screens = [m.height / PHONE["height"] for m in found[kind]]
        print(f"  {kind} pages ({len(screens)}): length in screens: median {statistics.median(screens):.1f},"
              f" max {max(screens):.1f}")


if __name__ == "__main__":
    main()
