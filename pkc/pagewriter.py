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
from .incremental.session import CachedBuild
from .incremental.store import Blobs, Stored
from .incremental.tracking import Dep, Recorder, TrackedCatalog, recording
from .lifeline import die_with_parent
from .localize import Localizer
from .output import safe_target
from .progress import Progress
from .render import Planned, Renderer, environment, page_keys
from .search import published_page, split_page
from .theme import Strings
from .urls import Site, calendar_path, output_file, page_path
from .views.pages import Pages

# ("page", language, key) or ("calendar", language, (kind, slug))
Task = tuple[str, str, object]
# what a worker made of a task in a cached build: the file, what it read, and a page's stored search input
Made = tuple[str, Stored, frozenset[Dep], Stored | None]

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
    cache_dir: Path | None = None  # a cached build: record what each output reads, keep its file in the cache
    # a build with search: each page's search input (pkc.search.split_page) is written into this folder (by the
    # page's path, so that `fi/**/*.html` is Finnish), or kept in the cache in a cached build
    search_root: Path | None = None
    search: bool = False


def task_file(task: Task) -> str:
    """The file a task writes, relative to the site root (also its name in the cache)."""
    if task[0] == "page":
        return output_file(page_path(task[2], task[1]))  # type: ignore[arg-type]
    kind, slug = task[2]  # type: ignore[misc]
    return calendar_path(kind, slug, task[1])


class _Worker:
    """Renders pages of one job; built once per process."""

    def __init__(self, job: RenderJob):
        self.job = job
        catalog = job.catalog
        self.recorder: Recorder | None = None
        self.blobs = Blobs(job.cache_dir) if job.cache_dir is not None else None
        if self.blobs is not None:  # what the set-up reads, every output depends on (the recorder's base)
            self.recorder = Recorder()
            recording(self.recorder)
            catalog = TrackedCatalog(catalog)
        self.renderer = Renderer(environment(job.site_dir, reload=False), catalog, job.strings, job.site,
                                 job.today, job.share_image)
        self.pages = {lang: Pages(catalog, Localizer(lang, job.catalog.languages, job.strings[lang], job.today))
                      for lang in job.catalog.languages}
        self.calendars = {lang: Calendars(catalog, pages.loc, job.site) for lang, pages in self.pages.items()}

    def close(self) -> None:
        if self.recorder is not None:
            recording(None)

    def write(self, tasks: list[Task]) -> tuple[int, int, list[Made]]:
        """Write the pages and calendars of `tasks`; return how many of each, and in a cached build what each
        one read."""
        pages = calendars = 0
        made: list[Made] = []
        for task in tasks:
            if self.recorder is not None:
                self.recorder.open()
            search_input = None
            if task[0] == "page":
                _, lang, key = task
                path = page_path(key, lang)
                html = self.renderer.render(Planned(self.pages[lang].view(key), lang, path))
                data, search_input = split_page(html) if self.job.search else (published_page(html), None)
                pages += 1
            else:
                _, lang, (kind, slug) = task
                data = self.calendars[lang].file(kind, slug)
                calendars += 1
            rel = task_file(task)
            target = safe_target(self.job.root, rel)
            _write(target, data)
            searched = None
            if search_input is not None:
                if self.blobs is not None:
                    searched = self.blobs.keep(rel, None, search_input)
                elif self.job.search_root is not None:
                    _write(safe_target(self.job.search_root, rel), search_input)
            if self.recorder is not None and self.blobs is not None:
                made.append((rel, self.blobs.keep(rel, target, data), self.recorder.close(), searched))
        return pages, calendars, made


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


# The job a forked worker inherits: set in the parent just before the pool starts, read only in workers.
_INHERITED: RenderJob | None = None
_WORKER: _Worker | None = None


def _write_chunk(tasks: list[Task]) -> tuple[int, int, list[Made]]:
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
                     on_language_done: Callable[[str], None] | None = None,
                     cached: CachedBuild | None = None) -> tuple[int, int]:
    """Render every page and calendar into the staging directory; return how many of each were written.

    `on_language_done(lang)` is called as soon as every page of a language is written (the search index of
    that language can start while the others render). In a `cached` build an output whose inputs did not change
    is taken from the cache instead of being rendered (and counted as written: it is in the site).
    """
    global _INHERITED
    tasks = output_tasks(job.catalog)
    totals = [0, 0]
    if cached is not None:
        tasks = _reuse_unchanged(tasks, cached, job.root, totals)
        progress.advance(sum(totals))
    workers = workers or default_workers()
    chunks = list(_chunks(tasks))
    remaining: dict[str, int] = {lang: 0 for lang in job.catalog.languages}
    for chunk in chunks:
        if chunk[0][0] == "page":
            remaining[chunk[0][1]] += 1
    for lang, count in remaining.items():
        if count == 0 and on_language_done is not None:  # nothing to render: its pages are all in place
            on_language_done(lang)

    def done(chunk: list[Task], counts: tuple[int, int, list[Made]]) -> None:
        totals[0] += counts[0]
        totals[1] += counts[1]
        if cached is not None:
            for rel, stored, deps, searched in counts[2]:
                cached.record(rel, [stored], deps, search=searched)
        progress.advance(counts[0] + counts[1])
        if chunk[0][0] == "page":
            lang = chunk[0][1]
            remaining[lang] -= 1
            if remaining[lang] == 0 and on_language_done is not None:
                on_language_done(lang)

    if workers <= 1 or len(tasks) < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        worker = _Worker(job)
        try:
            for chunk in chunks:
                done(chunk, worker.write(chunk))
        finally:
            worker.close()
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


def _reuse_unchanged(tasks: list[Task], cached: CachedBuild, root: Path, totals: list[int]) -> list[Task]:
    """Place every output the cache still holds; return the tasks left to render."""
    left = []
    for task in tasks:
        rel = task_file(task)
        found = cached.reusable(rel)
        if found is None:
            left.append(task)
            continue
        cached.reuse(rel, found, root)
        totals[0 if task[0] == "page" else 1] += 1
    return left
