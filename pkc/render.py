"""Render every page through the Jinja templates, in memory: output path -> bytes."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import jinja2
from jinja2.utils import Namespace

from .cache import BuildCache
from .catalog import Catalog
from .codelists import VOCABULARIES
from .errors import BuildError, Location, Problems
from .escape import CodeGenerator
from .hyphenate import hyphenate_page
from .images import ImageFacts
from .incremental.tracking import memo
from .localize import Link, Localizer
from .structured import StructuredData, og_locale, script_json
from .theme import SiteTemplateLoader, Strings
from .urls import (
    NOT_FOUND_PATH,
    Linker,
    PageKey,
    Site,
    atom_path,
    display_url,
    free_page_key,
    logo_path,
    output_file,
    page_path,
    share_image_path,
)
from .views.essentials import helplines
from .views.pages import Pages, PageView, used_categories
from .views.publications import news_page_count


def environment(site_dir: Path, reload: bool = True) -> jinja2.Environment:
    """The one Jinja environment: autoescaping on, and a typo in a template fails the build.

    `reload=False` for a build, whose templates do not change while it renders: Jinja then stops asking each
    template file's time of change on every page (and on every `extends` and `from … import` of it)."""
    env = jinja2.Environment(
        loader=SiteTemplateLoader(site_dir),  # the site's own templates only if they are files inside it
        auto_reload=reload,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.code_generator_class = CodeGenerator  # values escaped by pkc.escape: MarkupSafe's escape, less slowly
    env.filters["plain"] = str  # a text without its language markup, for <title> and attributes
    env.filters["short_url"] = display_url
    return env


@dataclass(frozen=True)
class _Fields:
    """Values a template reads as `x.name` (found at once, where a dict's key is looked up only after the attribute
    lookup failed) and as `x["name"]` (Jinja's rejectattr and map ask by item first)."""

    def __getitem__(self, key: str) -> object:
        return getattr(self, key)


@dataclass(frozen=True)
class Alternate(_Fields):
    """The page in one of the site's languages: the language switcher's link and the head's alternate link."""

    lang: str
    name: str
    locale: str
    path: str
    url: str


@dataclass(frozen=True)
class ShareImage(_Fields):
    """The picture of link previews (og:image) in one language: its address, type, size and text."""

    url: str
    type: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Planned:
    """A page to render: its view, its language and the file it is written to."""

    view: PageView
    lang: str
    path: str


INDEX_KINDS = ("municipality-index", "service-index", "place-index", "location-index", "organisation-index",
               "category-index", "audience-index", "event-index", "news-index", "material-index", "topic-index",
               "life-situation-index", "event-archive")
# the section for professionals, on a site that has something for them
PROFESSIONAL_KINDS = ("professionals", "professional-archive", "professional-search")


def page_keys(catalog: Catalog) -> list[PageKey]:
    """Every page of the site, independent of language."""
    keys = [PageKey("home")] + [PageKey(kind) for kind in INDEX_KINDS]
    for kind in ("municipality", "region", "service", "place", "location", "organisation"):
        keys += [PageKey(kind, slug) for slug in catalog.entries[kind]]
    keys += [PageKey("category", code) for code in used_categories(catalog)]
    keys += [PageKey("audience", code.code) for code in VOCABULARIES.audiences]
    keys += [free_page_key(slug, page) for slug, page in catalog.pages.items()]
    keys += [PageKey("event", slug) for slug in catalog.events] + [PageKey("news", slug) for slug in catalog.news]
    keys += [PageKey("news-page", str(n)) for n in range(2, news_page_count(catalog) + 1)]
    keys += [PageKey("topic", slug) for slug in catalog.topics]
    keys += [PageKey("life-situation", slug) for slug in catalog.life_situations]
    keys += [PageKey("life-situation-local", f"{slug}/{municipality}")
             for slug in catalog.life_situations for municipality in catalog.municipalities]
    keys += [PageKey("accessibility"), PageKey("search")]
    if catalog.has_professionals:
        keys += [PageKey(kind) for kind in PROFESSIONAL_KINDS]
    return keys


def check_paths(catalog: Catalog, problems: Problems,
                cache: BuildCache | None = None) -> dict[str, tuple[PageKey, str]]:
    """Two pages must never write the same file: name both sources. Returns the pages by the file each writes.

    With a `cache` (`pkc serve`), the files of the same pages as last time, none of them twice, are not found
    again."""
    keys = page_keys(catalog)
    if cache is None:
        return _routes(catalog, keys, problems)
    found = Problems()
    routes = cache.derived("paths", ("site", ""), None, (tuple(keys), catalog.languages),
                           lambda: _routes(catalog, keys, found))
    if found.items:  # a clash is looked for again next time, and named by the files of that time
        cache.forget("paths", ("site", ""))
        problems.extend(found.items)
    return routes


def _routes(catalog: Catalog, keys: list[PageKey], problems: Problems) -> dict[str, tuple[PageKey, str]]:
    routes: dict[str, tuple[PageKey, str]] = {}
    own = {"index.html": PageKey("root"), NOT_FOUND_PATH: PageKey("not-found")}
    for lang in catalog.languages:
        for key in keys:
            target = output_file(page_path(key, lang))
            if target in routes or target in own:
                other = own[target] if target in own else routes[target][0]
                problems.error(_source(catalog, key),
                               f"this page would be written to {target}, like {_describe(catalog, other)}",
                               "rename the file so that the addresses differ")
            else:
                routes[target] = (key, lang)
    return routes


def _source(catalog: Catalog, key: PageKey) -> Location:
    if key.kind in catalog.sources and key.slug in catalog.sources[key.kind]:
        return Location(catalog.source(key.kind, key.slug).file)
    return Location("site.yaml")


def _describe(catalog: Catalog, key: PageKey) -> str:
    if key.kind in catalog.sources and key.slug in catalog.sources[key.kind]:
        return catalog.source(key.kind, key.slug).file
    return f"pkc's own {key.kind.replace('-', ' ')} page"


class Renderer:
    """Renders planned pages with the site frame (header, navigation, language switcher, footer)."""

    def __init__(self, env: jinja2.Environment, catalog: Catalog, strings: dict[str, Strings], site: Site,
                 today: dt.date, share_image: ImageFacts | None = None):
        self.env = env
        self.catalog = catalog
        self.strings = strings
        self.site = site
        self.today = today
        self.share_image = share_image
        self._structured: dict[str, StructuredData] = {}
        self._localizers: dict[str, Localizer] = {}
        self._language_frames: dict = {}

    def render(self, item: Planned) -> bytes:
        view, lang = item.view, item.lang
        href = Linker(item.path, self.site)
        context = self._frame(lang, view.key, href)
        context["page"] = view
        structured = self._structured_data(lang).for_page(view.key)
        context["structured"] = script_json(structured) if structured is not None else None
        return self._render(view.template, context, item.path)

    def _structured_data(self, lang: str) -> StructuredData:
        if lang not in self._structured:
            self._structured[lang] = StructuredData(self.catalog, self._localizer(lang), self.site, self._image_url())
        return self._structured[lang]

    def _image_url(self) -> str | None:
        """The share image's address, when the site has one and it passed the checks that measured it."""
        image = self.catalog.site.theme.share_image
        if image is None or self.share_image is None:
            return None
        return self.site.absolute(share_image_path(image.file))

    def _share_image(self, loc: Localizer) -> ShareImage | None:
        """The share image of link previews (og:image) in one language: its address, size, type and text."""
        image, url = self.catalog.site.theme.share_image, self._image_url()
        if image is None or url is None or self.share_image is None:
            return None
        return ShareImage(url, self.share_image.media_type, self.share_image.width, self.share_image.height,
                          loc.text(image.alt).text)

    def render_not_found(self) -> bytes:
        """One 404 page for every language: it is served at any address, so its links are root-relative."""
        lang = self.catalog.default_language
        href = Linker(output_file(page_path(PageKey("not-found"), lang)), self.site, rooted=True)
        context = self._frame(lang, PageKey("not-found"), href)
        # its language switcher leads to each language's home: there is no same page in another language
        context["alternates"] = [replace(alternate, path=page_path(PageKey("home"), alternate.lang))
                                 for alternate in context["alternates"]]
        context["page"] = Pages(self.catalog, Localizer(lang, self.catalog.languages, self.strings[lang],
                                                        self.today)).not_found()
        context["others"] = [{"lang": code, "t": self.strings[code], "home": page_path(PageKey("home"), code)}
                             for code in self.catalog.languages]
        return self._render("404.html", context, "404.html")

    def render_root(self) -> bytes:
        """The site root: a choice of language, each leading to that language's home page."""
        href = Linker("", self.site)
        languages = []
        for code in self.catalog.languages:
            loc = Localizer(code, self.catalog.languages, self.strings[code], self.today)
            path = page_path(PageKey("home"), code)
            languages.append({"lang": code, "in_language": self.strings[code].in_language, "path": path,
                              "url": self.site.absolute(path), "site_name": loc.text(self.catalog.site.name),
                              "description": loc.text(self.catalog.site.description).text,
                              "locale": og_locale(code), "statement": self.strings[code].accessibility_statement,
                              "statement_path": page_path(PageKey("accessibility"), code),
                              "share_image": self._share_image(loc)})
        context = {"languages": languages, "href": href, "default": languages[0],
                   "canonical": self.site.absolute("")}
        return self._render("root.html", context, "index.html")

    def _render(self, template: str, context: dict, path: str) -> bytes:
        try:
            html = self.env.get_template(template).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise BuildError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}") from exc
        except jinja2.TemplateError as exc:
            raise BuildError(f"rendering {path} with {template} failed: {exc}") from exc
        except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
            # a mistake in a (site's own) template, such as calling a value: name the page and the template
            raise BuildError(f"rendering {path} with {template} failed: {type(exc).__name__}: {exc}") from exc
        # long words in headings and navigation get soft hyphens, so a phone never breaks them without one
        return hyphenate_page(html).encode("utf-8")

    def _frame(self, lang: str, key: PageKey, href: Linker) -> dict:
        """The context of the site frame around a page: what is the same on every page of the language, prepared
        once, and the page's own addresses."""
        default = self.catalog.default_language
        context = dict(self._language_frame(lang))
        context.update({
            # a partial, not the Linker: Jinja asks whatever a template calls for `jinja_pass_arg`, and a Linker's
            # bound __call__ answers only by raising AttributeError, on every link of every page
            "href": partial(Linker.__call__, href),
            "current_path": page_path(key, lang),
            "alternates": [Alternate(code, self.strings[code].language_name, og_locale(code), page_path(key, code),
                                     self.site.absolute(page_path(key, code)))
                           for code in self.catalog.languages],
            "canonical": self.site.absolute(page_path(key, lang)),
            "x_default": self.site.absolute(page_path(key, default)),
            "structured": None,  # schema.org JSON-LD, on the pages that describe something
            # the macro open_status sets scripts.open_now; base.html then adds open-now.js with these texts
            "scripts": Namespace(open_now=False),
        })
        return context

    def _localizer(self, lang: str) -> Localizer:
        if lang not in self._localizers:
            self._localizers[lang] = Localizer(lang, self.catalog.languages, self.strings[lang], self.today)
        return self._localizers[lang]

    def _language_frame(self, lang: str) -> dict:
        """What the frame shows alike on every page of a language: menus, footer, site name, helplines."""
        # a memo: in a cached build every page depends on what the frame was made from (pkc.incremental)
        return memo(self._language_frames, lang, lambda: self._make_language_frame(lang))

    def _make_language_frame(self, lang: str) -> dict:
        catalog = self.catalog
        t = self.strings[lang]
        loc = self._localizer(lang)
        site = catalog.site
        nav = [Link(page_path(PageKey(kind), lang), label) for kind, label in (
            ("municipality-index", t.municipalities), ("service-index", t.services),
            ("place-index", t.meeting_places), ("event-index", t.events), ("news-index", t.news))]
        footer_links = [Link(page_path(PageKey(kind), lang), label) for kind, label in (
            ("life-situation-index", t.life_situations), ("topic-index", t.questions),
            ("material-index", t.materials), ("organisation-index", t.organisations),
            ("location-index", t.locations), ("search", t.search))]
        if catalog.has_professionals:  # professionals find their section here, families never meet it in the menu
            footer_links.append(Link(page_path(PageKey("professionals"), lang), t.for_professionals))
        footer_pages = sorted(catalog.pages, key=lambda slug: (catalog.pages[slug].order, slug))
        publisher = catalog.organisations.get(site.publisher)
        frame = {
            "lang": lang,
            "locale": og_locale(lang),
            "share_image": self._share_image(loc),
            "t": t,
            "site_name": loc.text(site.name),
            "site_short_name": loc.text(site.short_name) if site.short_name else None,
            "example_notice": site.example_notice,
            "logo": logo_path(site.theme.logo) if site.theme.logo else None,
            "nav": nav,
            "home_path": page_path(PageKey("home"), lang),
            "atom_path": atom_path(lang),
            "footer_links": footer_links,
            "search_path": page_path(PageKey("search"), lang),
            "footer_pages": [Link(page_path(free_page_key(slug, catalog.pages[slug]), lang),
                                  loc.text(catalog.pages[slug].title))
                             for slug in footer_pages],
            "accessibility_path": page_path(PageKey("accessibility"), lang),
            "feedback": site.feedback,
            "publisher": Link(page_path(PageKey("organisation", site.publisher), lang), loc.text(publisher.name))
            if publisher else None,
            "site_email": site.email,
            "site_phone": loc.phone(site.phone),
            "helplines": helplines(catalog, loc),
            "quick_exit_url": site.quick_exit,
            "open_status_texts": loc.open_status_texts(),
        }
        return frame
