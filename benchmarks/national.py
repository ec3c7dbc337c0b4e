#!/usr/bin/env python3
"""The national benchmark: pkc and Hugo + Pagefind side by side on a site the size of Finland, and the example.

    python benchmarks/national.py [--scale 1.0] [--work /tmp/pkc-bench] [--no-hugo]

Generates the national dataset (benchmarks/national_data.py), then measures in one run, on it and on the bundled
example site: the cold end-to-end build (render and search index), the build without the search index,
pages per second, the peak memory of the whole build including the Pagefind processes, the output size, the
median page size gzipped, the search index size and the rebuild time after editing one service file under
`pkc serve`. The same generated data is built with Hugo (content adapters, benchmarks/hugo/) followed by the
Pagefind CLI, and the ratios pkc / Hugo are printed. Targets: end-to-end at or below 1.0x Hugo + Pagefind,
without search at or below 2x Hugo, rebuild under 1 s, peak memory under 1.5 GiB.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import national_data  # noqa: E402
from measure import run_measured  # noqa: E402

from pkc.build import BuildOptions  # noqa: E402
from pkc.serve import DevSite  # noqa: E402

TARGETS = {"end_to_end_ratio": 1.0, "render_ratio": 2.0, "rebuild_seconds": 1.0, "peak_gib": 1.5}


@dataclass
class Figures:
    name: str
    pages: int = 0
    end_to_end: float = 0.0
    without_search: float = 0.0
    index: float = 0.0
    peak_bytes: int = 0  # PSS summed over the process tree (measure.py)
    peak_rss_bytes: int = 0  # RSS summed: pages shared by forked processes counted once per process
    output_bytes: int = 0
    median_gzip: int = 0
    index_bytes: int = 0
    rebuild: float | None = None
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.without_search if self.without_search else 0.0


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _median_gzip(folder: Path) -> int:
    sizes = [len(gzip.compress(p.read_bytes(), 6, mtime=0)) for p in folder.rglob("*.html")]
    return int(statistics.median(sizes)) if sizes else 0


_STAGE = re.compile(r"^\s+(.+?): .*\((\d+\.\d+) s\)$")


def measure_pkc(name: str, site: Path, out: Path) -> Figures:
    """Cold builds in processes of their own: `pkc build` end to end (peak memory of the process tree in one
    build, time and stages in another), then the same build without the search index, for rendering on its own."""
    command = [sys.executable, "-m", "pkc", "build", "--site", str(site), "--out", str(out)]
    sampled = _build(out, command, memory=True)  # memory in a build of its own: sampling slows it down
    run = _build(out, command)
    figures = Figures(name, end_to_end=run.seconds, peak_bytes=sampled.peak_bytes,
                      peak_rss_bytes=sampled.peak_rss_bytes)
    for line in run.output.splitlines():
        match = _STAGE.match(line)
        if match:
            figures.stages[match.group(1)] = float(match.group(2))
    figures.pages = sum(1 for _ in out.rglob("*.html"))
    figures.output_bytes = _size(out)
    figures.median_gzip = _median_gzip(out)
    figures.index_bytes = _size(out / "pagefind")
    figures.without_search = _build(out, [sys.executable, str(HERE / "render_only.py"), str(site), str(out)]).seconds
    figures.index = figures.end_to_end - figures.without_search  # what the search index adds to the build
    figures.rebuild = measure_rebuild(site)
    return figures


def _build(out: Path, command: list[str], memory: bool = False):
    if out.exists():
        shutil.rmtree(out)
    os.sync()  # the previous build's writes reach the disk before this one is timed, not during it
    run = run_measured(command + ["--today", "2026-11-23"], memory=memory)
    if run.returncode != 0:
        raise SystemExit(f"pkc build failed:\n{run.output}")
    return run


def measure_rebuild(site: Path, runs: int = 3) -> float:
    """Seconds from saving one service file to having its page again under `pkc serve` (median)."""
    service = sorted((site / "content" / "services").glob("*.yaml"))[0]
    original = service.read_text(encoding="utf-8")
    dev = DevSite(BuildOptions(site_dir=site), "http://127.0.0.1:8000/", on_event=lambda message: None)
    dev.reload()
    dev.wait_for_search()
    times = []
    try:
        for run in range(runs):
            os.sync()  # the background build's writes do not land during the timed reload
            service.write_text(original.replace("last_reviewed:", f"# edit {run}\nlast_reviewed:"), encoding="utf-8")
            started = time.perf_counter()
            dev.reload()
            status, _, _ = dev.respond("/fi/palvelut/" + service.stem + "/")
            times.append(time.perf_counter() - started)
            assert status == 200
            dev.wait_for_search()  # edits come seconds apart; the index catches up in between
    finally:
        service.write_text(original, encoding="utf-8")
        dev.close()
    return statistics.median(times)


def measure_hugo(site: Path, work: Path) -> Figures:
    import hugo_site

    result = hugo_site.measure(site, work)
    public = work / "public"
    return Figures("Hugo + Pagefind", pages=result["pages"],
                   end_to_end=result["build_seconds"] + result["index_seconds"],
                   without_search=result["build_seconds"], index=result["index_seconds"],
                   peak_bytes=result.get("peak_bytes", 0),
                   peak_rss_bytes=result.get("peak_rss_bytes", 0), output_bytes=_size(public),
                   median_gzip=_median_gzip(public), index_bytes=_size(public / "pagefind"))


def _mib(size: int) -> str:
    return f"{size / 2**20:,.1f} MiB"


def report(rows: list[Figures]) -> None:
    print(f"machine: {os.cpu_count()} cores\n")
    header = f"{'':34}" + "".join(f"{row.name:>22}" for row in rows)
    print(header)
    lines = [
        ("pages (HTML files)", lambda r: f"{r.pages:,}"),
        ("end-to-end build (with search)", lambda r: f"{r.end_to_end:.1f} s"),
        ("build without search index", lambda r: f"{r.without_search:.1f} s"),
        ("search index adds", lambda r: f"{r.index:.1f} s"),
        ("pages per second (without search)", lambda r: f"{r.pages_per_second:,.0f}"),
        ("peak memory, process tree (PSS)", lambda r: f"{r.peak_bytes / 2**30:.2f} GiB" if r.peak_bytes else "–"),
        ("  RSS summed (shared pages x n)",
         lambda r: f"{r.peak_rss_bytes / 2**30:.2f} GiB" if r.peak_rss_bytes else "–"),
        ("output size", lambda r: _mib(r.output_bytes)),
        ("median page, gzipped", lambda r: f"{r.median_gzip / 1024:.1f} KiB"),
        ("search index size", lambda r: _mib(r.index_bytes)),
        ("rebuild after editing a service", lambda r: f"{r.rebuild:.2f} s" if r.rebuild is not None else "–"),
    ]
    for label, value in lines:
        print(f"{label:34}" + "".join(f"{value(row):>22}" for row in rows))
    for row in rows:
        if row.stages:
            stages = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in row.stages.items())
            print(f"\n{row.name} stages: {stages}")


def ratios(pkc: Figures, hugo: Figures) -> None:
    end_to_end = pkc.end_to_end / hugo.end_to_end
    render = pkc.without_search / hugo.without_search
    print("\nratios pkc / Hugo on the same data:")
    print(f"  end-to-end with search  {end_to_end:.2f}x   (target <= {TARGETS['end_to_end_ratio']}x)")
    print(f"  without search          {render:.2f}x   (target <= {TARGETS['render_ratio']}x)")
    print(f"  search indexing         {pkc.index / hugo.index:.2f}x")
    print(f"  rebuild under pkc serve {pkc.rebuild:.2f} s   (target < {TARGETS['rebuild_seconds']} s)")
    print(f"  peak memory (PSS)       {pkc.peak_bytes / 2**30:.2f} GiB   (target < {TARGETS['peak_gib']} GiB; "
          f"{pkc.peak_bytes / hugo.peak_bytes:.2f}x Hugo + Pagefind)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--work", type=Path, default=Path("/tmp/pkc-bench"))
    parser.add_argument("--no-hugo", action="store_true", help="Measure pkc only.")
    parser.add_argument("--no-example", action="store_true", help="Skip the bundled example site.")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    site = args.work / "national"
    counts = national_data.generate(site, args.scale)
    print("national dataset: " + ", ".join(f"{count:,} {kind}" for kind, count in counts.items()))
    rows = [measure_pkc("pkc, national", site, args.work / "pkc-out")]
    hugo = None if args.no_hugo else measure_hugo(site, args.work / "hugo")
    if hugo is not None:
        rows.append(hugo)
    if not args.no_example:
        example = args.work / "example"
        if example.exists():
            shutil.rmtree(example)
        shutil.copytree(REPO, example, ignore=shutil.ignore_patterns("public", "node_modules", ".git", "tests"))
        rows.append(measure_pkc("pkc, example", example, args.work / "example-out"))
    report(rows)
    if hugo is not None:
        ratios(rows[0], hugo)


if __name__ == "__main__":
    main()
