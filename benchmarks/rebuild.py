#!/usr/bin/env python3
"""How fast `pkc serve` shows an edit: reload after changing one service file, and rendering the page asked for.

    python benchmarks/rebuild.py [--site DIR] [--runs 5]

Compares, in one run, a full `pkc build` of the same site with what `pkc serve` does after a save.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pkc.build import BuildOptions, build  # noqa: E402
from pkc.serve import DevSite  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("public", "node_modules", ".git"))
        service = sorted((site / "content" / "services").glob("*.yaml"))[0]
        page = "/fi/palvelut/" + service.stem + "/"

        builds = []
        for _ in range(args.runs):
            started = time.perf_counter()
            build(BuildOptions(site_dir=site, out_dir=Path(tmp) / "public"))
            builds.append(time.perf_counter() - started)

        dev = DevSite(BuildOptions(site_dir=site), "http://127.0.0.1:8000/", on_event=lambda message: None)
        dev.reload()
        dev.wait_for_search()
        reloads, renders = [], []
        original = service.read_text(encoding="utf-8")
        for run in range(args.runs):
            service.write_text(original.replace("last_reviewed:", f"# edit {run}\nlast_reviewed:"), encoding="utf-8")
            reloads.append(dev.reload())
            started = time.perf_counter()
            status, _, _ = dev.respond(page)
            renders.append(time.perf_counter() - started)
            assert status == 200
            dev.wait_for_search()  # edits come seconds apart; the index catches up in between
        dev.close()

    full, reload, render = (statistics.median(values) for values in (builds, reloads, renders))
    print(f"site: {args.site}  runs: {args.runs}")
    print(f"full build (render + write + search index):  {full:.3f} s")
    print(f"pkc serve after a save: reload {reload:.3f} s + page {render * 1000:.1f} ms = {reload + render:.3f} s")
    print(f"ratio serve / full build: {(reload + render) / full:.2f}")


if __name__ == "__main__":
    main()
