#!/usr/bin/env python3
"""Screenshots of built pages at phone and desktop widths, to look at before calling a change done.

    python scripts/screenshots.py public/ fi/ fi/kunnat/porvoo/ ... [--out screenshots/]

Serves the output directory on localhost and drives Debian's Chromium with Playwright.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (360, 1280)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--full", action="store_true", help="capture the full page, not just the viewport")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in args.paths:
                page.goto(base + path)
                name = path.strip("/").replace("/", "_") or "root"
                target = args.out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=args.full)
                print(target)
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
