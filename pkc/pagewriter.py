"""Render every page and calendar and write it straight into the staging directory, on all the machine's cores.

Pages are written as they are rendered, so a national site never has to fit in memory at once. With more than
one worker the pages are split between forked processes, which inherit the checked content instead of having it
copied to them; the bytes written are the same whichever process renders a page.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .calendar import Calendars, calendar_files
from .catalog import Catalog
from .images import ImageFacts
from .lifeline import die_with_parent
from .localize import Localizer
from .output import safe_target
from .progress import Progress
from .render import Planned, Renderer, environment, page_keys
from .theme import Strings
from .urls import Site, calendar_path, output_file, page_path
from .views.pages import Pages

# ("page", language, key) or ("calendar", language, (kind, slug))
Task = tuple[str, str, object]

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
    share_image: ImageFacts | None = None  # the picture of link previews, measured when the site was checked


class _Worker:
    """Renders pages of one job; built once per process."""

    def __init__(self, job: RenderJob):
        self.job = job
        self.renderer = Renderer(environment(job.site_dir, reload=False), job.catalog, job.strings, job.site, job.today,
                                 job.share_image)
        self.pages = {lang: Pages(job.catalog, Localizer(lang, job.catalog.languages, job.strings[lang], job.today))
                      for lang in job.catalog.languages}
        self.calendars = {lang: Calendars(job.catalog, pages.loc, job.site) for lang, pages in self.pages.items()}

    def write(self, tasks: list[Task]) -> tuple[int, int]:
        """Write the pages and calendars of `tasks`; return how many of each."""
        pages = calendars = 0
        for task in tasks:
            if task[0] == "page":
                _, lang, key = task
                path = page_path(key, lang)
                data = self.renderer.render(Planned(self.pages[lang].view(key), lang, path))
                rel = output_file(path)
                pages += 1
            else:
                _, lang, (kind, slug) = task
                data = self.calendars[lang].file(kind, slug)
                rel = calendar_path(kind, slug, lang)
                calendars += 1
            target = safe_target(self.job.root, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return pages, calendars


# The job a forked worker inherits: set in the parent just before the pool starts, read only in workers.
_INHERITED: RenderJob | None = None
_WORKER: _Worker | None = None


def _write_chunk(tasks: list[Task]) -> tuple[int, int]:
    global _WORKER
    if _WORKER is None:
        assert _INHERITED is not None
        _WORKER = _Worker(_INHERITED)
    return _WORKER.write(tasks)


def _chunks(tasks: list[Task]) -> Iterator[list[Task]]:
    """Slices of at most CHUNK tasks; pages of different languages never share one, so that a language is
    known to be complete when its last slice is done."""
    start = 0
    while start < len(tasks):
        end = start + 1
        while end < len(tasks) and end - start < CHUNK and tasks[end][:2] == tasks[start][:2]:
            end += 1
        yield tasks[start:end]
        start = end


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def output_tasks(catalog: Catalog) -> list[Task]:
    """Every page and calendar of the site, in every language."""
    keys, calendars = page_keys(catalog), calendar_files(catalog)
    return ([("page", lang, key) for lang in catalog.languages for key in keys]
            + [("calendar", lang, calendar) for lang in catalog.languages for calendar in calendars])


def render_and_write(job: RenderJob, progress: Progress, workers: int | None = None,
                     on_language_done: Callable[[str], None] | None = None) -> tuple[int, int]:
    """Render every page and calendar into the staging directory; return how many of each were written.

    `on_language_done(lang)` is called as soon as every page of a language is written (the search index of
    that language can start while the others render).
    """
    global _INHERITED
    tasks = output_tasks(job.catalog)
    workers = workers or default_workers()
    chunks = list(_chunks(tasks))
    remaining: dict[str, int] = {}
    for chunk in chunks:
        if chunk[0][0] == "page":
            remaining[chunk[0][1]] = remaining.get(chunk[0][1], 0) + 1
    totals = [0, 0]

    def done(chunk: list[Task], counts: tuple[int, int]) -> None:
        totals[0] += counts[0]
        totals[1] += counts[1]
        progress.advance(sum(counts))
        if chunk[0][0] == "page":
            lang = chunk[0][1]
            remaining[lang] -= 1
            if remaining[lang] == 0 and on_language_done is not None:
                on_language_done(lang)

    if workers <= 1 or len(tasks) < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        worker = _Worker(job)
        for chunk in chunks:
            done(chunk, worker.write(chunk))
        return totals[0], totals[1]
    _INHERITED = job
    try:
        # workers die with this process: a killed build leaves none behind, blocked on a pipe nobody reads
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            futures = {pool.submit(_write_chunk, chunk): chunk for chunk in chunks}
            for future in as_completed(futures):
                done(futures[future], future.result())
    finally:
        _INHERITED = None
    return totals[0], totals[1]
