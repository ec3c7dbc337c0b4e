"""pkc as a tool for any site: the sdist and the wheel hold everything a site needs, and the wheel, installed into a
new virtual environment outside this repository, starts a site with `pkc init` and builds it."""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    completed = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, f"{' '.join(map(str, args))}\n{completed.stdout}\n{completed.stderr}"
    return completed.stdout + completed.stderr


def _tracked(folder: str) -> set[str]:
    listed = subprocess.run(["git", "ls-files", folder], cwd=REPO, capture_output=True, text=True, check=False)
    if listed.returncode != 0:  # not a git checkout (an unpacked sdist): what is on disk
        return {p.relative_to(REPO).as_posix() for p in (REPO / folder).rglob("*") if p.is_file()}
    return {line for line in listed.stdout.splitlines() if line}


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """`python -m build`: an sdist, and a wheel built from that sdist (so the sdist must be complete too).

    --no-isolation builds with the locked setuptools of this environment instead of downloading the newest."""
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, REPO], cwd=out)
    return out


def test_the_wheel_holds_the_templates_texts_assets_and_code_lists(dist: Path) -> None:
    (wheel,) = dist.glob("pkc-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {"pkc/" + name for name in _tracked("templates")}
    data = {name for name in _tracked("pkc/data") if not name.endswith(".py")}
    assert templates and templates <= names, sorted(templates - names)
    assert data <= names, sorted(data - names)
    assert {"pkc/templates/i18n/sv.yaml", "pkc/templates/static/style.css", "pkc/data/ptv-service-classes.json",
            "pkc/cli.py", "pkc/ptv/mapping.py"} <= names
    # the example site's content is not part of the tool
    assert not any(name.startswith(("content/", "municipalities/", "tests/")) for name in names)


def test_the_sdist_holds_what_builds_the_wheel(dist: Path) -> None:
    (sdist,) = dist.glob("pkc-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "LICENSE", "templates/base.html", "pkc/data/LICENSE-ptv"} <= names


def test_the_installed_wheel_starts_and_builds_a_site_outside_the_repository(dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    python, pkc = venv / "bin" / "python", venv / "bin" / "pkc"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # the locked dependencies, then the wheel with no index at all: its declared dependencies must be in the lock
    _run([python, "-m", "pip", "install", "--quiet", "--require-hashes", "-r", REPO / "requirements" / "run.txt"],
         cwd=tmp_path, env=env)
    (wheel,) = dist.glob("pkc-*.whl")
    _run([python, "-m", "pip", "install", "--quiet", "--no-index", wheel], cwd=tmp_path, env=env)

    where = _run([python, "-c", "import pkc.theme as t; print(t.DEFAULT_TEMPLATES)"], cwd=tmp_path, env=env)
    assert Path(where.strip()).is_relative_to(venv), "pkc must run from the wheel, not from the repository"
    assert _run([pkc, "--version"], cwd=tmp_path, env=env).strip().startswith("pkc ")

    _run([pkc, "init", "perhekeskus", "--name", "Testilän perhekeskus", "--languages", "fi,sv",
          "--municipality", "Testilä"], cwd=tmp_path, env=env)
    site = tmp_path / "perhekeskus"
    assert not (site / "templates").exists()  # the defaults come from the wheel
    _run([pkc, "check", "--strict"], cwd=site, env=env)
    _run([pkc, "build", "--strict", "--quiet"], cwd=site, env=env)
    public = site / "public"
    home = (public / "fi" / "index.html").read_text(encoding="utf-8")
    assert "Testilän perhekeskus" in home
    assert (public / "sv" / "index.html").is_file()
    assert (public / "assets" / "style.css").read_bytes() == (REPO / "templates" / "static" / "style.css").read_bytes()
    for lang in ("fi", "sv"):  # a search index per language, from the Pagefind binary the lock installed
        assert (public / "pagefind" / lang / "pagefind-entry.json").is_file()
    assert (public / "fi" / "kunnat" / "testila" / "index.html").is_file()
