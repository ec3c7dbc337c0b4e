#!/usr/bin/env python3
"""Where a national `pkc build` spends its time: a sampling profile of the whole build, render workers included.

    python benchmarks/profile.py [--scale 0.2] [--work /tmp/pkc-profile] [--rate 100] [--top 15]
                                 [--raw FILE] [--no-py-spy] [--no-fragments] [--no-pagefind]

In one command:

1. generates the national dataset (benchmarks/national_data.py) at `--scale`;
2. builds it with `pkc build` under py-spy (`py-spy record --subprocesses --format raw`: the parent and every
   forked render worker, sampled `--rate` times a second; py-spy needs ptrace, so run it as root or with
   kernel.yama.ptrace_scope=0). py-spy is looked for on PATH, next to this Python, then in $PY_SPY; without it
   the build runs unprofiled and only the stage times are shown. `--raw FILE` reads a profile recorded before;
3. prints, from the collapsed stacks (benchmarks/profile_stacks.py): the build's own stage times (wall), the
   samples by stage (seconds = samples / rate, every process summed), the top functions by self and total time,
   the modules by self time, and the template units by self and total time — Jinja's compiled frames mapped to
   'service.html', 'service.html {% block content %}', 'macros.html:service_card' … and to template lines —,
   and the samples each lever of issue 17 would act on (site frame, repeated fragments, soft hyphens …);
4. runs Pagefind again over the built pages, one language at a time as the build does, timing it (wall and
   CPU: py-spy cannot see into Pagefind, a Rust program), alternating with a run over the same pages cut to the
   part it indexes (`<main data-pagefind-body>` and the pkc:* meta tags): what feeding it only that would save;
5. measures the output: the page frame every page repeats (head, header, footer: bytes, and how many distinct
   ones per language once links are blanked), bytes per folder and, in HSDS `services.json`, each field's
   share and how much the locations nested in every service repeat;
6. renders every page once more in this process counting each macro's calls against its distinct inputs and
   outputs per language (benchmarks/profile_fragments.py): the case for rendering fragments once per language.

Figures are for the machine as it is when run. py-spy samples a thread that is running, waiting for a CPU or in
a system call alike, so on a busy machine the sampled seconds exceed the CPU time and the render workers' share
grows with the waiting (`--jobs 1` profiles the same work in one process, without workers competing for the
cores and the file system). Sample shares are steadier than seconds. The file's name shadows the standard
library's `profile` module for scripts run from benchmarks/, which none of them imports.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import national_data  # noqa: E402
import profile_fragments  # noqa: E402
import profile_stacks  # noqa: E402

from pkc.search import indexed_part  # noqa: E402

TODAY = dt.date(2026, 11, 23)
_STAGE_LINE = re.compile(r"^\s+(.+?): .*\((\d+\.\d+) s\)$")


def find_py_spy() -> str | None:
    for candidate in (shutil.which("py-spy"), str(Path(sys.executable).parent / "py-spy"), os.environ.get("PY_SPY")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_build(site: Path, out: Path, raw: Path, rate: int, jobs: int | None,
              sample: bool = True) -> tuple[str, float, float, bool]:
    """Build under py-spy when there is one; (build output, wall seconds, CPU seconds, profiled)."""
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "pkc", "build", "--site", str(site), "--out", str(out),
               "--today", TODAY.isoformat()] + (["--jobs", str(jobs)] if jobs else [])
    py_spy = find_py_spy() if sample else None
    if py_spy is not None:
        command = [py_spy, "record", "--subprocesses", "--format", "raw", "--rate", str(rate),
                   "--output", str(raw), "--"] + command
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    os.sync()  # the dataset's writes land before the build is timed
    cpu, started = _children_cpu(), time.perf_counter()
    run = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if run.returncode != 0:
        raise SystemExit(f"the profiled build failed ({' '.join(command[:3])} …):\n{run.stdout}")
    return run.stdout, wall, cpu, py_spy is not None


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    –"


def print_profile(profile: profile_stacks.Profile, top: int) -> None:
    total = profile.samples
    print(f"\nsamples: {total:,} at {profile.rate:g}/s = {profile.seconds(total):.1f} s of active threads, every "
          "process summed (on a CPU, waiting for one, or in a system call; idle waits are not sampled): on a busy "
          "machine more than the CPU time")
    print(f"\n{'stage (by samples)':50}{'s':>8}{'share':>9}")
    for stage, count in profile.stages.most_common():
        print(f"{stage:50}{profile.seconds(count):>8.1f}{_pct(count, total):>9}")
    print(f"\ntop {top} functions by self time (the frame on top of the stack)")
    print(f"{'function (file)':78}{'self s':>8}{'self':>9}{'total s':>9}")
    for function, count in profile.self_functions.most_common(top):
        print(f"{function[:77]:78}{profile.seconds(count):>8.1f}{_pct(count, total):>9}"
              f"{profile.seconds(profile.total_functions[function]):>9.1f}")
    print(f"\ntop {top} pkc functions and templates by total time (on the stack; includes what they call)")
    mine = [(f, c) for f, c in profile.total_functions.most_common()
            if "(pkc/" in f or f.endswith(".html)")][:top]
    for function, count in mine:
        print(f"{function[:77]:78}{profile.seconds(count):>8.1f}{_pct(count, total):>9}")
    print(f"\n{'module (self time)':50}{'self s':>8}{'share':>9}")
    for module, count in profile.self_modules.most_common(top):
        print(f"{module[:49]:50}{profile.seconds(count):>8.1f}{_pct(count, total):>9}")
    inside = profile.template_samples
    print(f"\ntemplates: {profile.seconds(inside):.1f} s with a template on the stack "
          f"({_pct(inside, total).strip()} of all)")
    print(f"{'template unit':50}{'self s':>8}{'of tmpl':>9}{'total s':>9}{'of tmpl':>9}")
    for unit, count in profile.total_units.most_common(top):
        mine_self = profile.self_units[unit]
        print(f"{unit[:49]:50}{profile.seconds(mine_self):>8.1f}{_pct(mine_self, inside):>9}"
              f"{profile.seconds(count):>9.1f}{_pct(count, inside):>9}")
    print("  (self: the innermost template frame is this unit, Jinja and markupsafe calls under it included)")
    print(f"\n{'template line (innermost template frame)':50}{'self s':>8}{'of tmpl':>9}")
    for line, count in profile.self_lines.most_common(top):
        print(f"{line:50}{profile.seconds(count):>8.1f}{_pct(count, inside):>9}")


def _pagefind(site: Path, lang: str, bundle: str) -> tuple[float, float, int]:
    """One Pagefind run over a language's pages: (wall s, CPU s, bundle bytes)."""
    from pkc.search import pagefind_executable

    command = [str(pagefind_executable()), "--site", str(site), "--glob", f"{lang}/**/*.html",
               "--output-subdir", f"{bundle}/{lang}", "--quiet"]
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run(command, cwd=site, check=True, stdout=subprocess.DEVNULL)
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu
    size = sum(path.stat().st_size for path in (site / bundle / lang).rglob("*") if path.is_file())
    return wall, cpu, size


def _same_bundle(one: Path, other: Path) -> bool:
    """Whether two Pagefind bundles hold the same bytes once made reproducible as the build makes them."""
    from pkc.search import stabilise_bundle

    for bundle in (one, other):
        stabilise_bundle(bundle)
    files = {str(path.relative_to(one)) for path in one.rglob("*") if path.is_file()}
    return files == {str(path.relative_to(other)) for path in other.rglob("*") if path.is_file()} and \
        all((one / name).read_bytes() == (other / name).read_bytes() for name in files)


def pagefind_figures(out: Path, work: Path, languages: list[str]) -> None:
    """Pagefind once more over the built pages, one language at a time as the build runs it, alternating with a
    run over the same pages cut to the part Pagefind indexes (what feeding it only that would cost)."""
    print(f"\n{'Pagefind, per language':22}{'pages':>7}{'HTML MiB':>9}{'cut MiB':>8}{'wall s':>8}{'CPU s':>7}"
          f"{'cut: wall s':>12}{'CPU s':>7}{'index MiB':>10}{'cut':>6}{'same bytes':>11}")
    cut_site = work / "pagefind-cut"
    for lang in languages:
        shutil.rmtree(cut_site, ignore_errors=True)
        files = list((out / lang).rglob("*.html"))
        size = cut = 0
        for path in files:
            html = path.read_bytes()
            size += len(html)
            if b"data-pagefind-body" not in html:  # not indexed: left out
                continue
            part = indexed_part(html) or html  # what a cached build gives Pagefind (pkc.search.indexed_part)
            cut += len(part)
            target = cut_site / path.relative_to(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(part)
        wall, cpu, index = _pagefind(out, lang, "pagefind-profile")
        cut_wall, cut_cpu, cut_index = _pagefind(cut_site, lang, "pagefind-profile")
        same = _same_bundle(out / "pagefind-profile" / lang, cut_site / "pagefind-profile" / lang)
        print(f"{lang:22}{len(files):>7,}{size / 2**20:>9.1f}{cut / 2**20:>8.1f}{wall:>8.1f}{cpu:>7.1f}"
              f"{cut_wall:>12.1f}{cut_cpu:>7.1f}{index / 2**20:>10.1f}{cut_index / 2**20:>6.1f}"
              f"{'yes' if same else 'no':>11}")
    shutil.rmtree(out / "pagefind-profile", ignore_errors=True)
    shutil.rmtree(cut_site, ignore_errors=True)
    print("  (cut: each page reduced to <html lang>, the pkc:* meta tags and <main data-pagefind-body>, pages "
          "without it left out; Pagefind parses every byte it is given; same bytes: the two bundles are identical)")


_LINKS = re.compile(rb'(href|content)="[^"]*"| aria-current="[a-z]+"')


def frame_figures(out: Path, languages: list[str]) -> None:
    """The parts every page repeats around its own content, per language: how many distinct ones there are once
    links (and which menu item is current) are blanked, and their bytes: what rendering the frame once per
    language (and page depth) would save."""
    print(f"\n{'page frame, per language':30}{'pages':>8}{'part':>8}{'distinct':>10}{'MiB':>8}{'of HTML':>9}")
    for lang in languages:
        parts: dict[str, set[int]] = {"head": set(), "header": set(), "footer": set()}
        sizes: Counter = Counter()
        files = [path for path in (out / lang).rglob("*.html")]
        whole = 0
        for path in files:
            html = path.read_bytes()
            whole += len(html)
            body, main, end = html.find(b"<body"), html.find(b"<main"), html.find(b"</main>")
            if min(body, main, end) < 0:
                continue
            for name, piece in (("head", html[:body]), ("header", html[body:main]), ("footer", html[end:])):
                parts[name].add(hash(_LINKS.sub(b"", piece)))
                sizes[name] += len(piece)
        for name, distinct in parts.items():
            print(f"{lang if name == 'head' else '':30}{len(files) if name == 'head' else '':>8}{name:>8}"
                  f"{len(distinct):>10,}{sizes[name] / 2**20:>8.1f}{_pct(sizes[name], whole):>9}")
    print("  (head: up to <body>, header: <body> to <main>, footer: </main> to the end; distinct once href=, "
          "content= and aria-current are blanked)")


def output_figures(out: Path) -> None:
    sizes: Counter = Counter()
    for path in out.rglob("*"):
        if path.is_file():
            rel = path.relative_to(out).parts
            sizes["/".join(rel[:3]) if rel[0] == "data" else rel[0] if len(rel) > 1 else "(root files)"] += \
                path.stat().st_size
    total = sum(sizes.values())
    print(f"\noutput: {total / 2**20:.1f} MiB")
    for folder, size in sizes.most_common(12):
        print(f"  {folder:30}{size / 2**20:>8.1f} MiB{_pct(size, total):>9}")
    services = sorted(out.glob("data/hsds/*/services.json"))
    if not services:
        return
    fields: Counter = Counter()
    nested = 0
    distinct: dict[str, int] = {}
    for path in services:
        for service in json.loads(path.read_bytes())["contents"]:
            for key, value in service.items():
                fields[key] += len(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
            for at in service.get("service_at_locations", []):
                location = at.get("location")
                if location:
                    size = len(json.dumps(location, ensure_ascii=False, separators=(",", ":")))
                    nested += size
                    distinct[f"{path.parent.name}/{location.get('id')}"] = size
    whole = sum(path.stat().st_size for path in services)
    print(f"\nHSDS services.json, all languages: {whole / 2**20:.1f} MiB (compact JSON of fields below; the file "
          f"is indented)")
    for key, size in fields.most_common(8):
        print(f"  {key:30}{size / 2**20:>8.1f} MiB")
    print(f"  locations nested in service_at_locations: {nested / 2**20:.1f} MiB for {len(distinct):,} distinct "
          f"locations of {sum(distinct.values()) / 2**20:.2f} MiB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/pkc-profile"))
    parser.add_argument("--rate", type=int, default=100, help="py-spy samples per second and process")
    parser.add_argument("--jobs", type=int, default=None, help="render processes (default: one per core)")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--raw", type=Path, help="read this py-spy raw profile instead of building")
    parser.add_argument("--no-py-spy", action="store_true", help="build without sampling (stage times only)")
    parser.add_argument("--no-fragments", action="store_true", help="skip counting fragments")
    parser.add_argument("--no-pagefind", action="store_true", help="skip timing Pagefind on its own")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    site, out = args.work / "national", args.work / "out"
    counts = national_data.generate(site, args.scale)
    print(f"national dataset at scale {args.scale}: " + ", ".join(f"{n:,} {kind}" for kind, n in counts.items()))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    raw = args.raw or args.work / "pkc-build.raw.txt"
    profiled = args.raw is not None
    if args.raw is None:
        output, wall, cpu, profiled = run_build(site, out, raw, args.rate, args.jobs, not args.no_py_spy)
        print(f"\n`pkc build` {'under py-spy ' if profiled else ''}(wall {wall:.1f} s, CPU {cpu:.1f} s, "
              f"children included{', py-spy too' if profiled else ''}); the build's stage times:")
        for line in output.splitlines():
            match = _STAGE_LINE.match(line)
            if match:
                print(f"  {match.group(1):42}{float(match.group(2)):>8.2f} s")
        if not profiled:
            print("no sampling profile: " + ("--no-py-spy" if args.no_py_spy else
                                              "py-spy not found (pip install py-spy; see the docstring)"))
    if profiled:
        from pkc.render import environment

        stacks = profile_stacks.read_collapsed(raw.read_text(encoding="utf-8"))
        templates = profile_stacks.TemplateMap(environment(site))
        profile = profile_stacks.summarise(stacks, templates, args.rate)
        print_profile(profile, args.top)
        print(f"\n{'levers (samples each would act on; they overlap)':70}{'s':>8}{'share':>9}")
        for lever, count in profile_stacks.lever_samples(stacks, templates).most_common():
            print(f"{lever:70}{profile.seconds(count):>8.1f}{_pct(count, profile.samples):>9}")
        print(f"\n(raw stacks: {raw}; a flame graph: flamegraph.pl {raw} > build.svg, or speedscope.app)")
    if out.exists():
        languages = sorted(p.parent.name for p in out.glob("*/index.html"))
        if not args.no_pagefind:
            pagefind_figures(out, args.work, languages)
        frame_figures(out, languages)
        output_figures(out)
    if not args.no_fragments:
        started = time.perf_counter()
        tallies, pages = profile_fragments.count_fragments(site, TODAY)
        print(f"\nfragments, every page rendered once more in one process ({time.perf_counter() - started:.0f} s):")
        print("\n".join(profile_fragments.fragment_table(tallies, pages, 2 * args.top)))


if __name__ == "__main__":
    main()
