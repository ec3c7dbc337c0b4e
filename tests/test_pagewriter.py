"""Rendering on several processes: the same bytes as one process, and each language announced once it is whole."""
from __future__ import annotations

from pathlib import Path

import pytest

from pkc import pagewriter
from pkc.build import BuildOptions, check
from pkc.pagewriter import RenderJob, render_and_write
from pkc.progress import Silent
from pkc.urls import Site

from .conftest import SITES, TODAY


def job_for(site_dir: Path, root: Path) -> RenderJob:
    checked = check(BuildOptions(site_dir=site_dir, today=TODAY))
    return RenderJob(checked.catalog, checked.strings, Site("https://example.fi/"), TODAY, site_dir, root)


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def small_chunks(monkeypatch):
    """Force the process pool on a small site, with many small chunks finishing in any order."""
    monkeypatch.setattr(pagewriter, "PARALLEL_THRESHOLD", 0)
    monkeypatch.setattr(pagewriter, "CHUNK", 7)


def test_two_processes_write_the_same_bytes_as_one(tmp_path: Path, small_chunks) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    counts_one = render_and_write(job_for(SITES / "multilingual", one), Silent(), workers=1)
    counts_two = render_and_write(job_for(SITES / "multilingual", two), Silent(), workers=2)
    assert counts_one == counts_two and counts_one[0] > 50
    assert files(one) == files(two)


def test_a_language_is_announced_once_every_page_of_it_is_written(tmp_path: Path, small_chunks) -> None:
    root = tmp_path / "site"
    seen: dict[str, set[str]] = {}

    def language_done(lang: str) -> None:
        assert lang not in seen, f"{lang} announced twice"
        seen[lang] = {str(p.relative_to(root)) for p in (root / lang).rglob("*.html")}

    render_and_write(job_for(SITES / "multilingual", root), Silent(), 2, language_done)
    assert sorted(seen) == ["en", "fi", "sv"]
    for lang, announced in seen.items():
        final = {str(p.relative_to(root)) for p in (root / lang).rglob("*.html")}
        assert announced == final and len(final) > 20
