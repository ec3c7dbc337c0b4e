"""Every URL and output path of the site is decided here, and nowhere else."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from .codelists import VOCABULARIES
from .model.fields import slugify
from .model.publications import FAMILIES, PROFESSIONALS

# Section names per language: a Finnish family sees /fi/palvelut/, a Swedish one /sv/tjanster/.
SECTIONS: dict[str, dict[str, str]] = {
    "municipality": {"fi": "kunnat", "sv": "kommuner", "en": "municipalities"},
    "region": {"fi": "alueet", "sv": "omraden", "en": "regions"},
    "service": {"fi": "palvelut", "sv": "tjanster", "en": "services"},
    "place": {"fi": "kohtaamispaikat", "sv": "motesplatser", "en": "meeting-places"},
    "location": {"fi": "toimipisteet", "sv": "verksamhetsstallen", "en": "locations"},
    "organisation": {"fi": "toimijat", "sv": "aktorer", "en": "organisations"},
    "category": {"fi": "aiheet", "sv": "amnen", "en": "topics"},
    "audience": {"fi": "kenelle", "sv": "for-vem", "en": "for-whom"},
    "life-situation": {"fi": "elamantilanteet", "sv": "livssituationer", "en": "life-situations"},
    "event": {"fi": "tapahtumat", "sv": "evenemang", "en": "events"},
    "news": {"fi": "ajankohtaista", "sv": "aktuellt", "en": "news"},
    "material": {"fi": "materiaalit", "sv": "material", "en": "materials"},
    "topic": {"fi": "kysymykset", "sv": "fragor", "en": "questions"},
    "search": {"fi": "haku", "sv": "sok", "en": "search"},
    "professionals": {"fi": "ammattilaisille", "sv": "for-yrkesverksamma", "en": "for-professionals"},
    "accessibility": {"fi": "saavutettavuusseloste", "sv": "tillganglighetsutlatande",
                      "en": "accessibility-statement"},
}

NOT_FOUND_PATH = "404.html"
MEDIA_PREFIX = "media/"
_PAGINATION = {"fi": "sivu", "sv": "sida", "en": "page"}
_ARCHIVE = {"fi": "arkisto", "sv": "arkiv", "en": "archive"}  # past events, under the events or professionals


@dataclass(frozen=True, order=True)
class PageKey:
    """Identifies a page independently of language: ('service', 'lastenneuvola-porvoo'), ('home', '')."""

    kind: str
    slug: str = ""
    # a free page's own address per language, e.g. (('en', 'about'),): not part of the page's identity
    addresses: tuple[tuple[str, str], ...] = field(default=(), compare=False)


def free_page_key(slug: str, page) -> PageKey:
    """The key of a free page (content/pages/), with its address per language when its `slug:` gives one."""
    addresses = tuple(page.slug.values.items()) if page.slug is not None else ()
    return PageKey("page", slug, addresses)


def section(kind: str, lang: str) -> str:
    names = SECTIONS[kind]
    return names.get(lang) or names["en"]


_CODED_KINDS = {"category": "service_classes", "audience": "audiences"}


def _code_slug(kind: str, code: str, lang: str) -> str:
    return slugify(getattr(VOCABULARIES, _CODED_KINDS[kind])[code].name(lang))


def page_path(key: PageKey, lang: str) -> str:
    """The site-relative directory path of a page, e.g. 'fi/palvelut/lastenneuvola/' ('' is the root)."""
    if key.kind == "root":
        return ""
    if key.kind == "not-found":
        return NOT_FOUND_PATH
    if key.kind == "home":
        return f"{lang}/"
    if key.kind == "page":
        return f"{lang}/{dict(key.addresses).get(lang, key.slug)}/"
    if key.kind.endswith("-index"):
        return f"{lang}/{section(key.kind[:-len('-index')], lang)}/"
    if key.kind in ("accessibility", "search", "professionals"):
        return f"{lang}/{section(key.kind, lang)}/"
    if key.kind == "event-archive":
        return f"{lang}/{section('event', lang)}/{_ARCHIVE.get(lang, 'archive')}/"
    if key.kind == "professional-archive":
        return f"{lang}/{section('professionals', lang)}/{_ARCHIVE.get(lang, 'archive')}/"
    if key.kind == "professional-search":
        return f"{lang}/{section('professionals', lang)}/{section('search', lang)}/"
    if key.kind == "news-page":  # the second and later pages of the news list
        return f"{lang}/{section('news', lang)}/{_PAGINATION.get(lang, 'page')}/{key.slug}/"
    if key.kind == "life-situation-local":  # a life situation narrowed to one municipality: 'situation/municipality'
        return f"{lang}/{section('life-situation', lang)}/{key.slug}/"
    slug = _code_slug(key.kind, key.slug, lang) if key.kind in _CODED_KINDS else key.slug
    return f"{lang}/{section(key.kind, lang)}/{slug}/"


def calendar_path(kind: str, slug: str, lang: str) -> str:
    """Where an iCalendar file is published: an event's, a meeting place's hours, or a feed of events.

    `kind` is 'event' or 'place' (one entry), 'municipality' (its events), 'site' (every event for families) or
    'professionals' (every event for professionals).
    """
    events = section("event", lang)
    if kind == "site":
        return f"{lang}/{events}/{events}.ics"
    if kind == "professionals":
        return f"{page_path(PageKey('professionals'), lang)}{events}.ics"
    if kind == "municipality":
        return f"{page_path(PageKey('municipality', slug), lang)}{events}.ics"
    return f"{page_path(PageKey(kind, slug), lang)}{slug}.ics"


def search_words_path(lang: str, audience: str = FAMILIES) -> str:
    """The site's words in one language, from which the search page suggests a spelling ('Tarkoititko …?');
    the search for professionals has words of its own."""
    return f"assets/search-words-{lang}{'-professionals' if audience == PROFESSIONALS else ''}.json"


def atom_path(lang: str, audience: str = FAMILIES) -> str:
    """The Atom feed of news in one language: families', or professionals' in their section."""
    if audience == PROFESSIONALS:
        return f"{page_path(PageKey('professionals'), lang)}atom.xml"
    return f"{lang}/{section('news', lang)}/atom.xml"


def media_path(file: str) -> str:
    """Where a material's file is published: content/media/x.pdf -> media/x.pdf."""
    return MEDIA_PREFIX + file.split("/", 2)[2]


def logo_path(file: str) -> str:
    """Where the site's logo is published: content/media/logo.svg -> assets/logo.svg."""
    return "assets/" + PurePosixPath(file).name


def share_image_path(file: str) -> str:
    """Where the share image is published: one fixed name, so that it never meets the logo or a static asset."""
    return "assets/share-image" + PurePosixPath(file).suffix.lower()


def output_file(path: str) -> str:
    """The file a page path is written to: directories get an index.html (clean URLs)."""
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


@dataclass(frozen=True)
class Site:
    """Where the site is published: makes absolute URLs and root-relative paths."""

    base_url: str

    @property
    def base_path(self) -> str:
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def absolute(self, path: str) -> str:
        """The full URL of a site-relative path (for canonical links, hreflang, sitemaps)."""
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return base + path

    def rooted(self, path: str) -> str:
        """A root-relative URL ('/perhekeskus/fi/'), for pages served at any address (the 404 page)."""
        return self.base_path + path


def normalise_base_url(url: str) -> str:
    """A base URL always ends with '/', so that joining paths is plain concatenation."""
    return url if url.endswith("/") else url + "/"


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at `from_path` to `to_path`, both site-relative, that works under any subpath.

    Both are clean paths without '.' or '..' (urls.py makes every one of them), so the link is the number of
    folders to climb plus the rest of the target: string work, not os.path (this runs for every link).
    """
    from_dir = from_path if from_path.endswith("/") else from_path[:from_path.rfind("/") + 1]
    from_parts = from_dir.split("/")[:-1]
    to_parts = to_path.split("/")
    common = 0
    while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
        common += 1
    result = "../" * (len(from_parts) - common) + "/".join(to_parts[common:])
    return result or "./"


@dataclass(frozen=True)
class Linker:
    """Makes links from one page: relative everywhere, root-relative on pages served at any address."""

    page_path: str
    site: Site
    rooted: bool = False

    def __call__(self, to_path: str) -> str:
        if self.rooted:
            return self.site.rooted(to_path)
        return relative(self.page_path, to_path)


def display_url(url: str) -> str:
    """A web address as people read it: 'https://www.porvoo.fi/perhe/' -> 'www.porvoo.fi/perhe'."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")) or url
