#!/usr/bin/env python3
"""CPU time of rendering every page of a site, for two or more checkouts of pkc side by side, alternated.

    python benchmarks/render_cpu.py SITE NAME=PKC_ROOT [NAME=PKC_ROOT …] [--runs 3] [--today 2026-11-23]
                                    [--instructions]

e.g. `render_cpu.py /tmp/nat02 before=/work/main after=.`. Each run is a fresh process that imports pkc from
its checkout, loads and checks SITE, then renders every page of every language in memory, in one process, as
`pkc build --jobs 1` does, writing nothing: the CPU time (user + sys) of that rendering alone is its figure, so
loading, calendars, feeds and the search index do not dilute what a change to rendering saves. Runs alternate
A B A B … so that whatever else the machine does falls on every side alike; the medians are printed, with a
digest of every rendered byte: sides whose digests differ did not render the same pages.

CPU time on a shared machine varies by a tenth from run to run. `--instructions` counts instead the instructions
each side executes (valgrind's callgrind, ~50× slower: use a small site, e.g. scale 0.05): once with rendering and
once loading only, the difference being rendering's. The count is the same on every run, whatever else the
machine does, though an instruction is not a fixed time.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

# Run in the child, with pkc imported from the side's checkout.
_CHILD = r"""
import datetime as dt, hashlib, json, sys, time
from pathlib import Path
from pkc.build import BuildOptions, check
from pkc.pagewriter import RenderJob, _Worker, output_tasks
from pkc.urls import Site, normalise_base_url, page_path
from pkc.render import Planned

site_dir, today = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
checked = check(BuildOptions(site_dir=site_dir, out_dir=Path("/nonexistent"), today=today))
if sys.argv[3:] == ["load"]:
    raise SystemExit(0)
site = Site(normalise_base_url(checked.catalog.site.base_url))
job = RenderJob(checked.catalog, checked.strings, site, today, site_dir, Path("/nonexistent"), checked.share_image)
tasks = [task for task in output_tasks(checked.catalog) if task[0] == "page"]
digest = hashlib.sha256()
start = time.process_time()
worker = _Worker(job)
for _, lang, key in tasks:
    path = page_path(key, lang)
    digest.update(path.encode() + b"\0" + worker.renderer.render(Planned(worker.pages[lang].view(key), lang, path)))
cpu = time.process_time() - start
import pkc
print(json.dumps({"cpu": cpu, "pages": len(tasks), "digest": digest.hexdigest()[:16], "pkc": pkc.__file__}))
"""


def run_side(root: Path, site: Path, today: str) -> dict:
    """One run: a fresh process importing pkc from `root`; its rendering CPU seconds, page count and digest."""
    env = dict(os.environ, PYTHONPATH=str(root))
    # -P: `python -c` would otherwise import pkc from the current folder first, whatever PYTHONPATH says
    done = subprocess.run([sys.executable, "-P", "-c", _CHILD, str(site), today], env=env, capture_output=True,
                          text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not Path(result["pkc"]).resolve().is_relative_to(root):
        raise SystemExit(f"the side {root} rendered with the pkc of {result['pkc']}")
    return result


def instructions(root: Path, site: Path, today: str, load_only: bool) -> int:
    """The instructions a run of the child executes under callgrind."""
    env = dict(os.environ, PYTHONPATH=str(root))
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-P", "-c", _CHILD,
               str(site), today] + (["load"] if load_only else [])
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return int(re.search(r"I\s+refs:\s+([\d,]+)", done.stderr).group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("sides", nargs="+", help="NAME=PKC_ROOT")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--today", default="2026-11-23")
    parser.add_argument("--instructions", action="store_true", help="count instructions with callgrind instead")
    args = parser.parse_args()
    sides = {name: Path(root).resolve() for name, root in (side.split("=", 1) for side in args.sides)}
    if args.instructions:
        counts = {name: instructions(root, args.site, args.today, False)
                  - instructions(root, args.site, args.today, True) for name, root in sides.items()}
        first = next(iter(counts.values()))
        print(f"{'side':>12}  {'rendering, instructions':>24}  {'vs first':>8}")
        for name, count in counts.items():
            print(f"{name:>12}  {count:24,}  {count / first:7.3f}×")
        return
    results: dict[str, list[dict]] = {name: [] for name in sides}
    for run in range(args.runs):
        for name, root in sides.items():
            result = run_side(root, args.site, args.today)
            results[name].append(result)
            print(f"run {run + 1} {name:>12}: {result['cpu']:7.2f} s CPU", file=sys.stderr, flush=True)
    first = statistics.median(r["cpu"] for r in next(iter(results.values())))
    print(f"{'side':>12}  {'median CPU':>10}  {'runs':<24}  {'vs first':>8}  pages  digest")
    for name, runs in results.items():
        cpu = statistics.median(r["cpu"] for r in runs)
        figures = ", ".join(f"{r['cpu']:.2f}" for r in runs)
        digests = {r["digest"] for r in runs}
        print(f"{name:>12}  {cpu:8.2f} s  {figures:<24}  {cpu / first:7.3f}×  {runs[0]['pages']:5}  "
              f"{'/'.join(sorted(digests))}")


if __name__ == "__main__":
    main()
