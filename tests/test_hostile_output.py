"""Hostile outputs: no marker lets a build replace the site or its sources, and a killed build leaves nothing behind."""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

from pkc.build import BuildOptions, build
from pkc.cli import main
from pkc.output import MARKER, staged_output

from .conftest import REPO, TODAY


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and symlink under `folder` (hidden ones too), with its content's hash."""
    return {p.relative_to(folder).as_posix(): "link:" + os.readlink(p) if p.is_symlink()
            else hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() or p.is_symlink()}


@pytest.fixture
def planted(scratch_site) -> Path:
    """A site whose pull request planted pkc's output marker in its root, in content/ and in .git/."""
    site = scratch_site({MARKER: "", f"content/{MARKER}": "", f".git/{MARKER}": "", ".git/HEAD": "ref: main\n"})
    return site


def refused(result, out: Path, site: Path) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"pkc: error: refusing to write the output into {out}" in result.stderr
    assert f"the site {site}" in result.stderr
    assert f"write it to {site / 'public'} (the default) or to a folder outside the site" in result.stderr


def test_a_marker_in_the_site_root_does_not_let_out_site_replace_the_site(planted: Path) -> None:
    before = snapshot(planted)
    result = run("build", "--site", str(planted), "--out", str(planted), "--today", "2026-11-23")
    refused(result, planted, planted)
    assert "that is the site" in result.stderr
    assert snapshot(planted) == before
    assert [p.name for p in planted.parent.iterdir()] == [planted.name]  # no staging folder beside it either


@pytest.mark.parametrize("where", ["content", "content/pages", "municipalities", "templates", "schemas", "docs",
                                   ".git", "..", "../.."])
def test_no_output_inside_the_sources_or_holding_the_site(planted: Path, where: str) -> None:
    out = (planted / where).resolve()
    before = snapshot(planted)
    result = run("build", "--site", str(planted), "--out", str(planted / where), "--today", "2026-11-23")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"the site {planted}" in result.stderr and str(out) in result.stderr
    assert "holds the site" in result.stderr if where.startswith("..") else f"part of the site {planted}" in result.stderr
    assert snapshot(planted) == before


def test_an_output_that_is_a_symlink_to_the_site_is_refused(planted: Path, tmp_path: Path) -> None:
    link = tmp_path / "public-link"
    link.symlink_to(planted)
    before = snapshot(planted)
    result = run("build", "--site", str(planted), "--out", str(link), "--today", "2026-11-23")
    refused(result, link, planted)
    assert f"(really {planted})" in result.stderr
    assert snapshot(planted) == before and link.is_symlink()


def test_a_source_folder_that_is_a_symlink_protects_where_it_points(scratch_site, tmp_path: Path) -> None:
    site = scratch_site()
    shared = tmp_path / "shared"
    (site / "content").rename(shared)
    (site / "content").symlink_to(shared)
    (shared / MARKER).write_text("")
    before = snapshot(shared)
    for out in (shared, shared / "pages", tmp_path):
        result = run("build", "--site", str(site), "--out", str(out), "--today", "2026-11-23")
        assert result.exit_code == 1, result.output
        assert f"reads its content from {shared}" in result.stderr or "holds the site" in result.stderr
    assert snapshot(shared) == before


def test_hsds_export_has_the_same_guard(planted: Path) -> None:
    before = snapshot(planted)
    result = run("export", "hsds", "--site", str(planted), "--out", str(planted / "municipalities"),
                 "--today", "2026-11-23")
    refused(result, planted / "municipalities", planted)
    assert snapshot(planted) == before


def test_the_default_output_and_one_elsewhere_stay_allowed(planted: Path, tmp_path: Path) -> None:
    result = run("build", "--site", str(planted), "--today", "2026-11-23", "--quiet")
    assert result.exit_code == 0, result.output
    assert (planted / "public" / "fi" / "index.html").is_file()
    result = run("build", "--site", str(planted), "--out", str(tmp_path / "www"), "--today", "2026-11-23", "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "www" / "fi" / "index.html").is_file()


def _stale(parent: Path, name: str, marked: bool = True) -> Path:
    folder = parent / name
    (folder / "fi").mkdir(parents=True)
    (folder / "fi" / "index.html").write_text("half a page")
    if marked:
        (folder / MARKER).write_text("")
    return folder


def test_the_next_build_removes_a_killed_builds_folders_and_keeps_a_live_ones(scratch_site, tmp_path: Path) -> None:
    site = scratch_site()
    out = tmp_path / "www" / "public"
    out.parent.mkdir()
    stale = [_stale(out.parent, ".public.new-k1lled_1"), _stale(out.parent, ".public.old-k1lled_2")]
    foreign = [_stale(out.parent, ".public.new-notpkc12", marked=False),  # pkc's name, but no marker
               _stale(out.parent, ".other.new-k1lled_3"),  # another output's
               _stale(out.parent, ".public.new-toolongname")]  # not a name tempfile makes
    target = _stale(tmp_path, "elsewhere")
    (out.parent / ".public.new-symlink1").symlink_to(target)
    held = _stale(out.parent, ".public.new-heldbyme")  # locked, as a build still running holds its folder
    fd = os.open(held, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with staged_output(out, site) as live:  # a concurrent build, still rendering
            (live / "fi").mkdir()
            build(BuildOptions(site_dir=site, out_dir=out, today=TODAY, search=False))
            assert live.is_dir() and (live / MARKER).is_file() and (live / "fi").is_dir()
    finally:
        os.close(fd)
    assert (out / "fi").is_dir() and not (out / "fi" / "index.html").exists()  # the live build published last
    assert not any(folder.exists() for folder in stale)
    assert all(folder.is_dir() for folder in foreign + [held, target])
    assert (out.parent / ".public.new-symlink1").is_symlink()
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(
        ["public", ".public.new-symlink1"] + [p.name for p in foreign + [held]])


def _fake_pagefind(tmp_path: Path) -> Path:
    """A 'Pagefind' that takes a minute: a killed build must not leave it running."""
    script = tmp_path / "pagefind"
    script.write_text("#!/bin/sh\nexec sleep 60\n")
    script.chmod(0o755)
    return script


def _names(processes: list[psutil.Process]) -> list[str]:
    names = []
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            names.append(process.name())
    return names


def _still_running(processes: list[psutil.Process], timeout: float) -> list[str]:
    """The names of `processes` still running after `timeout` seconds; a zombie has ended (only not yet been
    reaped by the container's init, which takes it a second or two here)."""
    deadline = time.monotonic() + timeout
    while True:
        running = []
        for process in processes:
            with contextlib.suppress(psutil.NoSuchProcess):
                if process.status() != psutil.STATUS_ZOMBIE:
                    running.append(process)
        if not running or time.monotonic() > deadline:
            return _names(running)
        time.sleep(0.01)


@pytest.mark.skipif(sys.platform != "linux", reason="render workers die with the build through Linux's prctl")
def test_a_killed_build_leaves_no_process_and_the_next_build_its_folders(tmp_path: Path, scratch_site) -> None:
    out = tmp_path / "public"
    env = dict(os.environ, PAGEFIND_BINARY_PATH=str(_fake_pagefind(tmp_path)))
    builder = subprocess.Popen([sys.executable, "-m", "pkc", "build", "--site", str(REPO), "--out", str(out),
                                "--today", "2026-11-23", "--jobs", "2", "--quiet"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(builder.pid)
    tree: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and builder.poll() is None:
            # the first language is being indexed while the workers render the others
            tree = parent.children(recursive=True)
            names = _names(tree)
            if "sleep" in names and names.count(parent.name()) >= 2:
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"the build never got to render and index at once (exit status {builder.poll()})")
        staging = [p for p in tmp_path.iterdir() if p.name.startswith(".public.new-")]
        assert len(staging) == 1 and (staging[0] / MARKER).is_file()
        builder.kill()
        builder.wait()
        assert _still_running(tree, timeout=5) == []
    finally:  # a failing run leaves nothing behind either
        builder.kill()
        builder.wait()
        for process in tree:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
    result = run("build", "--site", str(scratch_site()), "--out", str(out), "--today", "2026-11-23", "--quiet")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "site") == ["pagefind", "public"]


@pytest.mark.skipif(sys.platform != "linux", reason="the search build dies with pkc serve through Linux's prctl")
def test_a_killed_serve_leaves_no_search_build_running() -> None:
    server = subprocess.Popen([sys.executable, "-m", "pkc", "serve", "--site", str(REPO), "--port", "0",
                               "--today", "2026-11-23"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(server.pid)
    builds: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and server.poll() is None and not builds:
            builds = [child for child in parent.children() if "build" in child.cmdline()]
            time.sleep(0.05)
        assert builds, "pkc serve never started its search build"
        time.sleep(1)  # the build is well under way (a full build of the example takes far longer)
        tree = builds + builds[0].children(recursive=True)
        server.kill()
        server.wait()
        assert _still_running(tree, timeout=5) == []
    finally:
        server.kill()
        server.wait()
        for process in builds:
            with contextlib.suppress(psutil.NoSuchProcess):
                for child in process.children(recursive=True) + [process]:
                    child.kill()


def test_a_symlink_committed_as_the_default_output_is_refused(scratch_site, tmp_path: Path) -> None:
    victim = tmp_path / "another-site"  # an output pkc wrote for another site, on the same runner
    victim.mkdir()
    (victim / MARKER).write_text("")
    (victim / "index.html").write_text("another site")
    site = scratch_site()
    (site / "public").symlink_to(victim)
    result = run("build", "--site", str(site), "--today", "2026-11-23")
    assert result.exit_code == 1, result.output
    assert (f"{site / 'public'} is a symbolic link in the site {site}, to {victim}; name the folder it points to "
            f"with --out") in result.stderr
    assert (victim / "index.html").read_text() == "another site"
