#!/usr/bin/env python3
"""The national benchmark: pkc and Hugo + Pagefind side by side on a site the size of Finland, and the example.

    python benchmarks/national.py [--scale 1.0] [--work /tmp/pkc-bench] [--runs 3 --alternate]
                                  [--no-hugo] [--no-floor] [--no-example]

Generates the national dataset (benchmarks/national_data.py) and builds it cold, end to end with search, with
three sides: pkc; Hugo + Pagefind (content adapter and layouts in benchmarks/hugo/, written the way a Hugo expert
would: see benchmarks/hugo/README.md); and Hugo's bare floor + Pagefind (the same data, pages and URLs through
one plain template, benchmarks/hugo-floor/). `--runs N` builds every side N times, `--alternate` in turn (pkc,
Hugo, floor, pkc, …: benchmarks/alternate.py), and prints per side the median wall time and the runs, the CPU
time (user + system of the process tree) and the peak memory (PSS of the process tree, measure.py), with the
ratios pkc / Hugo and pkc / floor. Targets (issue 17): pkc at or below 0.5x Hugo + Pagefind and 2x the floor.

Also measured, in one more build of each: the build without the search index, pages per second, the output size,
the median page gzipped, the search index size, pkc's stages and its rebuild time after editing one service file
under `pkc serve` and of a cached `pkc build --cache` after renaming one service (in the output the previous
cached build wrote); and the same for the bundled example site.
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

import alternate  # noqa: E402
import national_data  # noqa: E402
from measure import run_measured  # noqa: E402

from pkc.build import BuildOptions  # noqa: E402
from pkc.serve import DevSite  # noqa: E402

TARGETS = {"end_to_end_ratio": 0.5, "render_ratio": 2.0, "rebuild_seconds": 0.2, "peak_gib": 1.0, "cached_seconds": 10}
TODAY = "2026-11-23"


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
    cached: float | None = None  # `pkc build --cache` after renaming one service
    cached_made: int = 0
    cached_reused: int = 0
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


def pkc_command(site: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pkc", "build", "--site", str(site), "--out", str(out), "--today", TODAY]


def _outputs(figures: Figures, out: Path, pages: int | None = None) -> Figures:
    """The output's figures, from a finished build in `out`."""
    figures.pages = pages if pages is not None else sum(1 for _ in out.rglob("*.html"))
    figures.output_bytes = _size(out)
    figures.median_gzip = _median_gzip(out)
    figures.index_bytes = _size(out / "pagefind")
    return figures


def _stages(figures: Figures, output: str) -> None:
    for line in output.splitlines():
        match = _STAGE.match(line)
        if match:
            figures.stages[match.group(1)] = float(match.group(2))


def pkc_figures(runs: alternate.Runs, site: Path) -> Figures:
    """The table's figures for pkc from the alternated runs, then its build without search and its rebuild."""
    out = runs.side.out
    figures = Figures(runs.side.name, end_to_end=statistics.median(runs.walls), peak_bytes=runs.peak_bytes,
                      peak_rss_bytes=runs.peak_rss_bytes)
    _stages(figures, runs.runs[-1][0].output)
    _outputs(figures, out)
    figures.without_search = _build(out, [sys.executable, str(HERE / "render_only.py"), str(site), str(out)]).seconds
    figures.index = figures.end_to_end - figures.without_search
    figures.rebuild = measure_rebuild(site)
    figures.cached, figures.cached_made, figures.cached_reused = measure_cached_build(
        site, out.with_name(out.name + "-cached"), out.with_name(out.name + "-cache"))
    return figures


def hugo_figures(runs: alternate.Runs) -> Figures:
    """The table's figures for a Hugo side: its steps are `hugo`, then Pagefind."""
    import hugo_site

    public = runs.side.out
    figures = Figures(runs.side.name, end_to_end=statistics.median(runs.walls),
                      without_search=runs.step_median(0), index=runs.step_median(1),
                      peak_bytes=runs.peak_bytes, peak_rss_bytes=runs.peak_rss_bytes)
    return _outputs(figures, public, pages=len(hugo_site.html_paths(public)))


def hugo_side(name: str, site: Path, work: Path, floor: bool = False) -> alternate.Side:
    """Prepare the Hugo project in `work` (not timed) and describe its build: `hugo`, then Pagefind."""
    import hugo_site

    hugo_site.prepare(site, work, TODAY, floor=floor)
    public = work / "public"
    return alternate.Side(name, public, [([*hugo_site.hugo_command(), "--quiet", "--minify=false"], str(work)),
                                         ([hugo_site.pagefind_binary(), "--site", str(public)], None)])


def measure_pkc(name: str, site: Path, out: Path) -> Figures:
    """Cold builds in processes of their own: `pkc build` end to end (peak memory of the process tree in one
    build, time and stages in another), then the same build without the search index, for rendering on its own."""
    command = pkc_command(site, out)
    sampled = _build(out, command, memory=True)  # memory in a build of its own: sampling slows it down
    run = _build(out, command)
    figures = Figures(name, end_to_end=run.seconds, peak_bytes=sampled.peak_bytes,
                      peak_rss_bytes=sampled.peak_rss_bytes)
    _stages(figures, run.output)
    _outputs(figures, out)
    figures.without_search = _build(out, [sys.executable, str(HERE / "render_only.py"), str(site), str(out)]).seconds
    figures.index = figures.end_to_end - figures.without_search  # what the search index adds to the build
    figures.rebuild = measure_rebuild(site)
    figures.cached, figures.cached_made, figures.cached_reused = measure_cached_build(
        site, out.with_name(out.name + "-cached"), out.with_name(out.name + "-cache"))
    return figures


def _build(out: Path, command: list[str], memory: bool = False):
    if out.exists():
        shutil.rmtree(out)
    os.sync()  # the previous build's writes reach the disk before this one is timed, not during it
    if "--today" not in command:
        command = [*command, "--today", TODAY]
    run = run_measured(command, memory=memory)
    if run.returncode != 0:
        raise SystemExit(f"pkc build failed:\n{run.output}")
    return run


_MADE = re.compile(r"Cache: (\d+) outputs unchanged, (\d+) made again")


def _renamed(text: str, run: int) -> str:
    """The service file with its (Finnish) name changed: an edit every page that shows the service sees."""
    single = re.compile(r"^(name:[ \t]*)(\S.*)$", re.M)
    if single.search(text) and not text.split("name:", 1)[1].startswith(("\n", " \n")):
        return single.sub(lambda m: f"{m.group(1)}{m.group(2)} (muokattu {run})", text, count=1)
    return re.sub(r"^(name:\s*\n\s+fi:[ \t]*)(\S.*)$", lambda m: f"{m.group(1)}{m.group(2)} (muokattu {run})",
                  text, count=1, flags=re.M)


def measure_cached_build(site: Path, out: Path, cache: Path, runs: int = 3) -> tuple[float, int, int]:
    """`pkc build --cache` after renaming one service, into the output the last cached build wrote (median of
    `runs` edits): seconds, outputs made again, outputs taken from the cache."""
    service = sorted((site / "content" / "services").glob("*.yaml"))[0]
    original = service.read_text(encoding="utf-8")
    command = [*pkc_command(site, out), "--cache", str(cache)]
    if cache.exists():
        shutil.rmtree(cache)
    _build(out, command)  # fills the cache and writes the output the next builds bring up to date
    times, made, reused = [], 0, 0
    try:
        for run in range(runs):
            edited = _renamed(original, run)
            assert edited != original, f"no name to edit in {service}"
            service.write_text(edited, encoding="utf-8")
            os.sync()
            result = run_measured(command)
            if result.returncode != 0:
                raise SystemExit(f"pkc build --cache failed:\n{result.output}")
            times.append(result.seconds)
            found = _MADE.search(result.output)
            assert found is not None, result.output
            reused, made = int(found.group(1)), int(found.group(2))
    finally:
        service.write_text(original, encoding="utf-8")
    return statistics.median(times), made, reused


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
        ("cached build after renaming one", lambda r: f"{r.cached:.1f} s" if r.cached is not None else "–"),
        ("  outputs made again / from cache",
         lambda r: f"{r.cached_made:,} / {r.cached_reused:,}" if r.cached is not None else "–"),
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
    print(f"  cached build, one edit  {pkc.cached:.1f} s   (target <= {TARGETS['cached_seconds']} s)")
    print(f"  peak memory (PSS)       {pkc.peak_bytes / 2**30:.2f} GiB   (target < {TARGETS['peak_gib']} GiB; "
          f"{pkc.peak_bytes / hugo.peak_bytes:.2f}x Hugo + Pagefind)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--work", type=Path, default=Path("/tmp/pkc-bench"))
    parser.add_argument("--runs", type=int, default=1, help="Timed cold builds of every side (medians).")
    parser.add_argument("--alternate", action="store_true",
                        help="Alternate the sides run by run (pkc, Hugo, floor, pkc, …) rather than side by side.")
    parser.add_argument("--no-hugo", action="store_true", help="Measure pkc only (no Hugo side, no floor).")
    parser.add_argument("--no-floor", action="store_true", help="Leave out Hugo's bare floor.")
    parser.add_argument("--no-example", action="store_true", help="Skip the bundled example site.")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    site = args.work / "national"
    counts = national_data.generate(site, args.scale)
    print("national dataset: " + ", ".join(f"{count:,} {kind}" for kind, count in counts.items()))
    sides = [alternate.Side("pkc", args.work / "pkc-out", [(pkc_command(site, args.work / "pkc-out"), None)])]
    if not args.no_hugo:
        sides.append(hugo_side("Hugo + Pagefind", site, args.work / "hugo"))
        if not args.no_floor:
            sides.append(hugo_side("Hugo floor + Pagefind", site, args.work / "hugo-floor", floor=True))
    results = alternate.measure(sides, args.runs, args.alternate)
    rows = [hugo_figures(runs) for runs in results[1:]]  # before pkc's extra builds: the outputs are measured
    rows.insert(0, pkc_figures(results[0], site))
    if not args.no_example:
        example = args.work / "example"
        if example.exists():
            shutil.rmtree(example)
        shutil.copytree(REPO, example, ignore=shutil.ignore_patterns("public", "node_modules", ".git", "tests"))
        rows.append(measure_pkc("pkc, example", example, args.work / "example-out"))
    report(rows)
    if len(results) > 1:
        ratios(rows[0], rows[1])
    alternate.report(results, args.alternate)


if __name__ == "__main__":
    main()
