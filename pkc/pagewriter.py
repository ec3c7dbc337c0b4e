"""Render every page and write it straight into the staging directory, on all the machine's cores.

Pages are written as they are rendered, so a national site never has to fit in memory at once. With more than
one worker the pages are split between forked processes, which inherit the checked content instead of having it
copied to them; the bytes written are the same whichever process renders a page.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .localize import Localizer
from .output import safe_target
from .progress import Progress
from .render import Planned, Renderer, environment, page_keys
from .theme import Strings
from .urls import PageKey, Site, output_file, page_path
from .views.pages import Pages

# Below this many pages, starting processes costs more than it saves.
PARALLEL_THRESHOLD = 600
CHUNK = 200


@dataclass(frozen=True)
class RenderJob:
    """Everything needed to render any page of the site."""

    catalog: Catalog
    strings: dict[str, Strings]
    site: Site
    today: dt.date
    site_dir: Path
    root: Path  # the staging directory


class _Worker:
    """Renders pages of one job; built once per process."""

    def __init__(self, job: RenderJob):
        self.job = job
        self.renderer = Renderer(environment(job.site_dir), job.catalog, job.strings, job.site, job.today)
        self.pages = {lang: Pages(job.catalog, Localizer(lang, job.catalog.languages, job.strings[lang], job.today))
                      for lang in job.catalog.languages}

    def write(self, tasks: list[tuple[str, PageKey]]) -> int:
        for lang, key in tasks:
            path = page_path(key, lang)
            html = self.renderer.render(Planned(self.pages[lang].view(key), lang, path))
            target = safe_target(self.job.root, output_file(path))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
        return len(tasks)


# The job a forked worker inherits: set in the parent just before the pool starts, read only in workers.
_INHERITED: RenderJob | None = None
_WORKER: _Worker | None = None


def _write_chunk(tasks: list[tuple[str, PageKey]]) -> int:
    global _WORKER
    if _WORKER is None:
        assert _INHERITED is not None
        _WORKER = _Worker(_INHERITED)
    return _WORKER.write(tasks)


def _chunks(tasks: list[tuple[str, PageKey]]) -> Iterator[list[tuple[str, PageKey]]]:
    for start in range(0, len(tasks), CHUNK):
        yield tasks[start:start + CHUNK]


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def page_tasks(catalog: Catalog) -> list[tuple[str, PageKey]]:
    """Every page of the site: (language, key)."""
    keys = page_keys(catalog)
    return [(lang, key) for lang in catalog.languages for key in keys]


def render_and_write(job: RenderJob, progress: Progress, workers: int | None = None) -> int:
    """Render every page into the staging directory; return how many pages were written."""
    global _INHERITED
    tasks = page_tasks(job.catalog)
    workers = workers or default_workers()
    if workers <= 1 or len(tasks) < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        worker = _Worker(job)
        for chunk in _chunks(tasks):
            progress.advance(worker.write(chunk))
        return len(tasks)
    _INHERITED = job
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for done in as_completed([pool.submit(_write_chunk, chunk) for chunk in _chunks(tasks)]):
                progress.advance(done.result())
    finally:
        _INHERITED = None
    return len(tasks)
