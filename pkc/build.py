"""The whole build in one readable pipeline: load -> validate -> resolve -> render -> write -> index for search."""
from __future__ import annotations

import datetime as dt
import functools
import gc
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import wordforms
from .cache import BuildCache
from .catalog import Catalog, build_catalog, check_helplines
from .errors import BuildError, Problem, Problems
from .feeds import news_feed
from .headers import HEADERS_FILE, headers_file
from .hsds import hsds_files
from .images import MAX_BYTES as MAX_SHARE_IMAGE_BYTES
from .images import ImageFacts, check_share_image
from .incremental.fingerprints import whole_build
from .incremental.session import CachedBuild
from .incremental.store import locked
from .loader import load_sources, site_languages
from .localize import Localizer
from .model.contactfields import InvalidValue, check_base_url
from .model.publications import FAMILIES, PROFESSIONALS
from .model.registry import KIND_BY_NAME
from .output import staged_output, write_files
from .outputplace import cache_place, output_place
from .pagewriter import RenderJob, output_tasks, render_and_write
from .progress import Progress, Silent
from .publishable import logo_problem, material_problem, publish
from .render import Renderer, check_paths, environment
from .search import ENTRY_FILE, Indexer, SearchIndexReport, bundle_dir
from .sitefiles import read_site_file
from .sitemap import sitemap_files
from .theme import (
    Strings,
    check_site_templates,
    check_theme_colour,
    load_strings,
    static_assets,
    template_dirs,
    theme_css,
)
from .translations import check_translations
from .urls import (
    PageKey,
    Site,
    atom_path,
    logo_path,
    media_path,
    normalise_base_url,
    search_words_path,
    share_image_path,
)
from .views.search import SearchFacets

SILENT = Silent()


@dataclass(frozen=True)
class BuildOptions:
    """What to build, where, and how strictly."""

    site_dir: Path
    out_dir: Path | None = None
    base_url: str | None = None
    strict: bool = False
    today: dt.date | None = None  # the build date: past holiday exceptions are left out
    jobs: int | None = None  # processes that render pages (default: one per core)
    search: bool = True  # False leaves out the search index (benchmarks measure rendering on its own)
    cache_dir: Path | None = None  # keep what this build made, and reuse what the last one made (pkc.incremental)

    @property
    def output(self) -> Path:
        return self.out_dir if self.out_dir is not None else self.site_dir / "public"

    @property
    def build_date(self) -> dt.date:
        return self.today or dt.date.today()


@dataclass(frozen=True)
class Checked:
    """Content that passed validation, with the warnings found on the way."""

    catalog: Catalog
    strings: dict[str, Strings]
    warnings: list[Problem] = field(default_factory=list)
    share_image: ImageFacts | None = None  # the picture of link previews, measured
    routes: dict[str, tuple[PageKey, str]] = field(default_factory=dict)  # each page by its file: (key, language)


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote."""

    pages: int
    files: int
    output: Path
    warnings: list[Problem]
    search: SearchIndexReport
    reused: int = 0  # outputs taken unchanged from the cache
    made: int = 0  # outputs made (in a cached build)
    cache_note: str | None = None  # why the cache was not used, if it was not


def check(options: BuildOptions, progress: Progress = SILENT, cache: BuildCache | None = None) -> Checked:
    """Load and validate everything; raise ContentErrors listing every problem if anything is wrong.

    `pkc serve` passes a `cache` so that a reload reads and validates only the entries that changed.
    """
    problems = Problems()
    progress.start("Loading the content")
    sources = load_sources(options.site_dir, cache)
    problems.extend(sources.problems)
    progress.finish(f"read {sum(len(docs) for docs in sources.docs.values()) + 1} content files")
    progress.start("Checking the content")
    catalog = build_catalog(sources, problems, cache)
    check_site_templates(options.site_dir, problems)
    strings = load_strings(options.site_dir, site_languages(sources.site), problems)
    share_image, routes = None, {}
    if catalog is not None:
        share_image = check_share_image(catalog, options.site_dir, problems)
        check_statement_review(catalog, options.build_date, problems)
        check_translations(catalog, problems, options.strict, cache)
        _check_theme(catalog, options.site_dir, problems)
        _check_material_files(catalog, options.site_dir, problems)
        _check_family_choices(catalog, problems)
        routes = check_paths(catalog, problems, cache)
        check_helplines(catalog, problems)
    if options.strict:
        problems = Problems([p.as_error() for p in problems.items])
    problems.raise_if_errors()
    assert catalog is not None
    progress.finish(f"checked {catalog.counts()}")
    return Checked(catalog, strings, sorted(problems.warnings, key=Problem.sort_key), share_image, routes)


def build(options: BuildOptions, progress: Progress = SILENT) -> BuildReport:
    """Build the site into the output directory, or change nothing and raise if anything is wrong."""
    output_place(options.output, options.site_dir)  # before the long checks: a refused output fails at once
    base_url = None
    if options.base_url is not None:  # an option, checked by the rules of base_url in site.yaml
        try:
            base_url = check_base_url(options.base_url)
        except InvalidValue as exc:
            raise BuildError(f"the base URL is not valid: {exc.message}" + (f" ({exc.hint})" if exc.hint else "")) \
                from None
    checked = check(options, progress)
    site = Site(normalise_base_url(base_url or checked.catalog.site.base_url))
    try:
        with frozen_heap():
            return _render_site(options, progress, checked, site)
    except OSError as exc:
        raise BuildError(f"could not write the site to {options.output}: {exc}") from exc


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the garbage collector off the content while the site is built from it.

    The content lives for the whole build, yet the collector would walk its millions of objects again and
    again, and forked render workers would copy every memory page it touches. Unfrozen afterwards, so that
    `pkc serve`'s repeated builds still free theirs.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _render_site(options: BuildOptions, progress: Progress, checked: Checked, site: Site) -> BuildReport:
    """Render, write and index the site into a staging directory that replaces the output only if all went well."""
    if options.cache_dir is None:
        return _render_staged(options, progress, checked, site, None)
    cache_dir = cache_place(options.cache_dir, options.site_dir, options.output)
    with locked(cache_dir):
        cached = CachedBuild(cache_dir, _whole_build(options, checked, site), checked.catalog)
        report = _render_staged(options, progress, checked, site, cached)
        cached.save()
    return replace(report, cache_note=cached.note)


def _whole_build(options: BuildOptions, checked: Checked, site: Site) -> str:
    """What every output depends on (pkc.incremental.fingerprints)."""
    image = checked.share_image
    return whole_build(options.site_dir, template_dirs(options.site_dir), checked.catalog.site_source.digest,
                       options.build_date, site.base_url,
                       ((image.media_type, image.width, image.height) if image else None, wordforms.engine(),
                        options.search))


def _render_staged(options: BuildOptions, progress: Progress, checked: Checked, site: Site,
                   cached: CachedBuild | None) -> BuildReport:
    catalog, strings = checked.catalog, checked.strings
    # a cached build changes the previous output in place when it is just what the cache wrote (pkc.incremental)
    patch = cached.patch if cached is not None and cached.patchable(options.output) else None
    # Pagefind reads each page's search input (pkc.search.split_page): from this folder, or from the cache
    with staged_output(options.output, options.site_dir, patch) as staging, \
            tempfile.TemporaryDirectory(prefix="pkc-search-") as search_root:
        job = RenderJob(catalog, strings, site, options.build_date, options.site_dir, staging, checked.share_image,
                        cached.cache_dir if cached else None, Path(search_root) if cached is None else None,
                        options.search)
        indexer = Indexer(staging)  # each language's search index starts as soon as its pages are written

        def language_done(lang: str) -> None:
            bundle = cached.search_bundle(lang) if cached is not None else None
            if bundle is None:
                indexer.language_done(lang, cached.search_source(lang) if cached else job.search_root)
            else:  # the same pages as last time: the same index
                assert cached is not None
                cached.place_bundle(lang, bundle, staging)
                indexer.adopt(lang, cached.blobs.path(next(f.sha for f in bundle if f.rel.endswith(ENTRY_FILE))))

        # whatever fails, no Pagefind run goes on writing into a staging folder that is being removed
        try:
            progress.start("Rendering pages and calendars", len(output_tasks(catalog)))
            pages, calendars = render_and_write(job, progress, options.jobs,
                                                language_done if options.search else None, cached)
            languages = len(catalog.languages)
            progress.finish(f"rendered {pages + 2} pages and {calendars} calendars in {languages} "
                            f"language{'s' if languages != 1 else ''}"
                            + (f" ({cached.counts.reused} unchanged, from the cache)" if cached else ""))
            progress.start("Writing feeds, open data and assets")
            indexer.poll()
            files = site_assets(catalog, options.site_dir)  # read from the site's files each time: never cached
            write_files(staging, files)
            if cached is not None:
                cached.always("@assets", staging, files)
            written = len(files)
            today = options.build_date
            groups: list[tuple[str, Callable[[Any], dict[str, bytes]]]] = [
                ("@root", lambda cat: _root_pages(options, checked, cat, site)),
                ("@feeds", lambda cat: news_feeds(cat, strings, site, today)),
                ("@search-words", lambda cat: search_words(cat, strings, today)),
                ("@sitemap", lambda cat: sitemap_files(cat, site)),
            ]
            # one language at a time: a national site's data is 50 MiB a language
            groups += [(f"@open-data:{lang}", functools.partial(_open_data, strings, site, today, lang))
                       for lang in catalog.languages]
            for name, make in groups:
                indexer.poll()  # the next language's search index starts as soon as Pagefind is free
                if cached is not None:
                    written += cached.group(name, staging, make)
                else:
                    made = make(catalog)
                    write_files(staging, made)
                    written += len(made)
            progress.finish(f"wrote {written} files")
            search = SearchIndexReport({}, 0, 0.0)
            if options.search:
                progress.start("Finishing the search index")
                search = indexer.finish(catalog.languages)
                if cached is not None:
                    for lang in indexer.indexed:
                        cached.keep_bundle(lang, staging, bundle_dir(lang))
                    # a kept bundle is not in the staging folder when only changes are written: count the cache's
                    search = replace(search, bytes=sum(f.size for found in cached.new.search.values()
                                                       for f in found["files"]))
                finnish = "" if wordforms.available() or "fi" not in catalog.languages else \
                    "; no Finnish base forms, nor hyphens in Finnish headings: Voikko is not installed " \
                    "(apt-get install libvoikko1 voikko-fi)"
                progress.finish("indexed " + ", ".join(f"{n} {lang}" for lang, n in search.pages.items())
                                + f" pages ({search.bytes / 1024 / 1024:.1f} MiB){finnish}")
        finally:
            indexer.abandon()
    return BuildReport(pages + 2, pages + calendars + written, options.output, checked.warnings, search,
                       cached.counts.reused if cached else 0, cached.counts.made if cached else 0)


def _root_pages(options: BuildOptions, checked: Checked, catalog: Any, site: Site) -> dict[str, bytes]:
    """The language choice at the root and the one 404 page."""
    renderer = Renderer(environment(options.site_dir), catalog, checked.strings, site, options.build_date,
                        checked.share_image)
    return {"index.html": renderer.render_root(), "404.html": renderer.render_not_found()}


def _open_data(strings: dict[str, Strings], site: Site, today: dt.date, lang: str, catalog: Any) -> dict[str, bytes]:
    return hsds_files(catalog, strings, site, today, [lang])


def _audiences(catalog: Catalog) -> tuple[str, ...]:
    """Families, and professionals when the site has something for them (their own feed, words and calendar)."""
    return (FAMILIES, PROFESSIONALS) if catalog.has_professionals else (FAMILIES,)


def news_feeds(catalog: Catalog, strings: dict[str, Strings], site: Site, today: dt.date) -> dict[str, bytes]:
    """The Atom feeds of news in every language."""
    return {atom_path(lang, audience): news_feed(catalog, Localizer(lang, catalog.languages, strings[lang], today),
                                                 site, audience)
            for lang in catalog.languages for audience in _audiences(catalog)}


def search_words(catalog: Catalog, strings: dict[str, Strings], today: dt.date) -> dict[str, bytes]:
    """Per language, the words each search page suggests a misspelt query's correction from."""
    files = {}
    for lang in catalog.languages:
        facets = SearchFacets(catalog, Localizer(lang, catalog.languages, strings[lang], today))
        for audience in _audiences(catalog):
            files[search_words_path(lang, audience)] = facets.suggestion_words(audience)
    return files


def site_assets(catalog: Catalog, site_dir: Path) -> dict[str, bytes]:
    """Every file of the output that is not a page: static assets, the theme colour, the logo, _headers."""
    files = static_assets(site_dir)
    files["assets/theme.css"] = theme_css(catalog.site.theme.primary_colour).encode("utf-8")
    files[HEADERS_FILE] = headers_file().encode("utf-8")
    for material in catalog.materials.values():
        files[media_path(material.file)] = publish(site_dir, material.file)
    if catalog.site.theme.logo:
        files[logo_path(catalog.site.theme.logo)] = publish(site_dir, catalog.site.theme.logo, logo=True)
    if catalog.site.theme.share_image:
        image = catalog.site.theme.share_image.file
        files[share_image_path(image)] = read_site_file(site_dir / image, site_dir, MAX_SHARE_IMAGE_BYTES)
    return files


def check_statement_review(catalog: Catalog, today: dt.date, problems: Problems) -> None:
    """The accessibility statement must be reviewed at least once a year (Act 306/2019)."""
    reviewed = catalog.site.accessibility.reviewed
    if (today - reviewed).days > 365:
        problems.warning(catalog.site_source.where(("accessibility", "reviewed")),
                         f"the accessibility statement was last reviewed on {reviewed}, more than a year ago",
                         "review the statement, then set 'reviewed:' to the date of the review")


def _check_material_files(catalog: Catalog, site_dir: Path, problems: Problems) -> None:
    """Every material's file exists and is of a type that is safe to publish (pkc.publishable)."""
    for slug, material in catalog.materials.items():
        found = material_problem(site_dir, material.file, material.file in catalog.media)
        if found is not None:
            problems.error(catalog.source("material", slug).where(("file",)), *found)


# the lists in which an editor chooses questions and materials for a family's page
_FAMILY_CHOICES = (("life-situation", "questions", "question"), ("life-situation", "materials", "material"),
                   ("service", "materials", "material"), ("page", "materials", "material"))


def _check_family_choices(catalog: Catalog, problems: Problems) -> None:
    """A page for families never shows an item for professionals: say so where an editor chose one for it."""
    for kind, key, chosen in _FAMILY_CHOICES:
        for slug, entry in catalog.entries[kind].items():
            for index, ref in enumerate(getattr(entry, key)):
                if catalog.audience_of(chosen, ref) == PROFESSIONALS:
                    problems.warning(catalog.source(kind, slug).where((key, index)),
                                     f"the {KIND_BY_NAME[chosen].label} '{ref}' is for professionals: this page for "
                                     f"families does not show it",
                                     f"remove it from '{key}', or write one for families")


def _check_theme(catalog: Catalog, site_dir: Path, problems: Problems) -> None:
    theme = catalog.site.theme
    source = catalog.site_source
    check_theme_colour(theme.primary_colour, source.where(("theme", "primary_colour")), problems)
    if theme.logo:
        found = logo_problem(site_dir, theme.logo)
        if found is not None:
            problems.error(source.where(("theme", "logo")), *found)
