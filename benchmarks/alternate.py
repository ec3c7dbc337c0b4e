"""Side-by-side cold builds of the national site, alternated A B C A B C …: pkc, Hugo + Pagefind, Hugo's floor.

Each side is a list of commands run one after the other (pkc: `pkc build`; Hugo: `hugo`, then Pagefind). One run of
a side is a cold build: its output folder removed and the disk synced first. Runs are timed without sampling memory
(sampling slows a build by about a tenth, measure.py); after the timed runs, each side is built once more with
memory sampled, for its peak. Alternating spreads whatever else the machine does over every side alike, and the
medians ignore one disturbed run.
"""
from __future__ import annotations

import os
import shutil
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from measure import Measured, run_measured

# Targets of issue 17 for the cold end-to-end build with search, as pkc / side.
RATIO_TARGETS = {"Hugo + Pagefind": 0.5, "Hugo floor + Pagefind": 2.0}


@dataclass
class Side:
    name: str
    out: Path  # removed before every run
    steps: list[tuple[list[str], str | None]]  # (command, working directory), run in order


@dataclass
class Runs:
    """A side's timed runs: per run its steps' measurements; and the memory-sampled run's."""
    side: Side
    runs: list[list[Measured]] = field(default_factory=list)
    sampled: list[Measured] = field(default_factory=list)

    @property
    def walls(self) -> list[float]:
        return [sum(step.seconds for step in run) for run in self.runs]

    @property
    def cpus(self) -> list[float]:
        return [sum(step.cpu_seconds for step in run) for run in self.runs]

    def step_median(self, index: int) -> float:
        return statistics.median(run[index].seconds for run in self.runs)

    @property
    def peak_bytes(self) -> int:  # steps run one after the other: the largest step's peak
        return max((step.peak_bytes for step in self.sampled), default=0)

    @property
    def peak_rss_bytes(self) -> int:
        return max((step.peak_rss_bytes for step in self.sampled), default=0)


def run_side(side: Side, memory: bool) -> list[Measured]:
    shutil.rmtree(side.out, ignore_errors=True)
    os.sync()  # the previous build's writes reach the disk before this one is timed, not during it
    measured = []
    for command, cwd in side.steps:
        step = run_measured(command, cwd=cwd, memory=memory)
        if step.returncode != 0:
            raise SystemExit(f"{side.name} failed: {' '.join(command)}\n{step.output}")
        measured.append(step)
    return measured


def measure(sides: list[Side], runs: int, alternate: bool = True,
            progress: Callable[[str], None] = print) -> list[Runs]:
    """`runs` timed runs of every side (A B C A B C … with `alternate`, else A A B B C C), then one
    memory-sampled run of each."""
    results = [Runs(side) for side in sides]
    order = ([(run, result) for run in range(runs) for result in results] if alternate
             else [(run, result) for result in results for run in range(runs)])
    for run, result in order:
        result.runs.append(run_side(result.side, memory=False))
        progress(f"  run {run + 1}/{runs} {result.side.name}: {result.walls[-1]:.1f} s wall, "
                 f"{result.cpus[-1]:.1f} s CPU")
    for result in results:
        result.sampled = run_side(result.side, memory=True)
    return results


def _seconds(values: list[float]) -> str:
    return f"{statistics.median(values):6.1f} s  (" + ", ".join(f"{value:.1f}" for value in values) + ")"


def report(results: list[Runs], alternate: bool = True) -> None:
    runs = len(results[0].runs)
    order = ", sides alternated run by run" if alternate and len(results) > 1 else ""
    print(f"\ncold end-to-end builds with search, {runs} run(s) per side{order}; medians (the runs):")
    width = max(len(r.side.name) for r in results) + 2
    print(f"{'':{width}}{'wall':<28}{'CPU (user+sys, tree)':<30}peak memory (PSS, tree)")
    for result in results:
        peak = f"{result.peak_bytes / 2**30:.2f} GiB" if result.peak_bytes else "–"
        print(f"{result.side.name:{width}}{_seconds(result.walls):<28}{_seconds(result.cpus):<30}{peak}")
    pkc = results[0]
    for other in results[1:]:
        wall = statistics.median(pkc.walls) / statistics.median(other.walls)
        cpu = statistics.median(pkc.cpus) / statistics.median(other.cpus)
        memory = f", peak memory {pkc.peak_bytes / other.peak_bytes:.2f}x" if other.peak_bytes else ""
        target = RATIO_TARGETS.get(other.side.name)
        aim = f"   (target <= {target}x: {'met' if wall <= target else 'not met'})" if target else ""
        print(f"{pkc.side.name} / {other.side.name}: wall {wall:.2f}x, CPU {cpu:.2f}x{memory}{aim}")
