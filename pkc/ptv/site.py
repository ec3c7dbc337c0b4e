"""What an import needs to know about the site: languages, municipalities, organisations and earlier imports."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PkcError
from ..loader import CONTENT_SUFFIXES, site_languages
from ..model.fields import slugify
from ..model.registry import KIND_BY_NAME
from ..sitefiles import UnsafeFile, read_site_file
from ..sourcefile import MAX_FILE_BYTES, load_file

# The second line of every imported file: `# ptv: <ref> sha256:<digest> …`. A re-import finds the file by <ref> (the
# PTV id, or `<id>/contact` for a service location's phone and email), and <digest> — of the file without this
# line — tells whether an editor has changed the file since.
MARKER = "# ptv:"
_MARKER = re.compile(r"^# ptv: (\S+)(?: sha256:([0-9a-f]{16}))?")
MAX_SLUG = 60


class SiteError(PkcError):
    """The site directory cannot take an import (no site.yaml)."""


@dataclass(frozen=True)
class NamedEntry:
    """An entry of the site that imported data may refer to by name."""

    slug: str
    names: frozenset[str]  # case-folded names in every language
    ptv_id: str | None = None  # the `# ptv:` marker of the file, when it has one
    region: str | None = None
    municipality: str | None = None


@dataclass(frozen=True)
class Existing:
    """A content file already in the site under a name the import wants, or carrying an import's marker."""

    path: Path
    ref: str | None  # the PTV reference of its marker; None for a file an editor wrote
    digest: str | None  # the digest in its marker
    text: str  # its text with line ends normalised ('' when unreadable)

    @property
    def edited(self) -> bool:
        """True when the file is no longer byte for byte what the import wrote."""
        return self.digest is None or digest(without_marker(self.text)) != self.digest


@dataclass
class SiteContext:
    """The site as the import sees it: read leniently, since `pkc check` reports the site's own mistakes."""

    site_dir: Path
    languages: list[str]
    municipalities: list[NamedEntry]
    organisations: list[NamedEntry]
    regions: list[NamedEntry] = field(default_factory=list)
    imported: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> PTV ref -> slug
    files: dict[str, dict[str, list[Path]]] = field(default_factory=dict)  # kind -> slug -> its files

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def municipality(self, names: list[str]) -> str | None:
        """The slug of the site's municipality with one of `names` (in any language), or None."""
        wanted = {fold(name) for name in names if name}
        for entry in self.municipalities:
            if entry.names & wanted or entry.slug in {slugify(name) for name in wanted}:
                return entry.slug
        return None

    def region(self, names: list[str]) -> str | None:
        """The slug of the site's region called one of `names` (in any language), or None."""
        wanted = {fold(name) for name in names if name}
        return next((entry.slug for entry in self.regions if entry.names & wanted), None)

    def organisation(self, ptv_id: str, name: str) -> NamedEntry | None:
        """The site's organisation marked with `ptv_id`, or else called `name` in some language."""
        for entry in self.organisations:
            if ptv_id and entry.ptv_id == ptv_id.lower():
                return entry
        for entry in self.organisations:
            if name and fold(name) in entry.names:
                return entry
        return None

    def existing(self, kind: str, slug: str) -> list[Path]:
        """The files of the site's entry `slug` of `kind` (the entry and its translations)."""
        return self.files.get(kind, {}).get(slug, [])


def fold(text: str) -> str:
    """A name compared without case and surrounding spaces."""
    return " ".join(text.split()).casefold()


def make_slug(name: str) -> str:
    """A file name from a name: lowercase ASCII, ä -> a, ö -> o, å -> a, other diacritics dropped, hyphens."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    slug = slugify(stripped)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def read_text(path: Path) -> str:
    """A file's text with Unix line ends, or '' when it cannot be read or is not a regular file of its folder.

    Content is someone else's pull request: a link out of the folder (to /etc/passwd), a pipe or a device is
    never opened (see pkc.sitefiles), and reads as an edited file that an import does not replace without --force.
    """
    try:
        raw = read_site_file(path, path.parent, MAX_FILE_BYTES)
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except (UnsafeFile, OSError, UnicodeDecodeError):
        return ""


def parse_marker(text: str) -> tuple[str | None, str | None]:
    """The PTV reference and digest of the marker in a file's first lines, or (None, None)."""
    for line in text.split("\n", 3)[:3]:
        match = _MARKER.match(line)
        if match:
            return match.group(1).lower(), match.group(2)
    return None, None


def without_marker(text: str) -> str:
    """A file's text without its marker line: what the digest covers."""
    lines = text.split("\n")
    return "\n".join(line for index, line in enumerate(lines) if not (index < 3 and _MARKER.match(line)))


def digest(text: str) -> str:
    """The 16 hex digits of SHA-256 kept in the marker line."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def existing_file(path: Path) -> Existing:
    """What the import needs to know about a file that is already there."""
    text = read_text(path)
    ref, found = parse_marker(text) if path.suffix != ".md" else (None, None)
    return Existing(path, ref, found, text)


def load_site(site_dir: Path) -> SiteContext:
    """Read what the import needs from the site directory; raise SiteError if it is not a site."""
    site_path = site_dir / "site.yaml"
    if not site_path.is_file():
        raise SiteError(f"no site.yaml in {site_dir}: run pkc in a site directory, or give it with --site DIR")
    site_doc, _ = load_file(site_path, "site.yaml", site_dir)
    context = SiteContext(site_dir, site_languages(site_doc), _named(site_dir, "municipality"),
                          _named(site_dir, "organisation"), _named(site_dir, "region"))
    for kind in ("service", "location", "contact", "organisation"):
        folder = site_dir / KIND_BY_NAME[kind].folder
        files = sorted(p for p in folder.iterdir() if p.suffix in CONTENT_SUFFIXES) if folder.is_dir() else []
        by_slug: dict[str, list[Path]] = {}
        refs: dict[str, str] = {}
        for path in files:
            by_slug.setdefault(path.name.split(".")[0], []).append(path)
            ref, _ = parse_marker(read_text(path)) if path.suffix != ".md" else (None, None)
            if ref and ref not in refs:
                refs[ref] = path.name.split(".")[0]
        context.files[kind] = by_slug
        context.imported[kind] = refs
    return context


def _named(site_dir: Path, kind: str) -> list[NamedEntry]:
    folder = site_dir / KIND_BY_NAME[kind].folder
    if not folder.is_dir():
        return []
    entries = []
    for path in sorted(p for p in folder.iterdir() if p.suffix in CONTENT_SUFFIXES and p.name.count(".") == 1):
        doc, _ = load_file(path, path.name, site_dir)
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        values = [value for key in ("name", "short_name") for value in _texts(data.get(key))]
        ref, _ = parse_marker(read_text(path))
        region, municipality = data.get("region"), data.get("municipality")
        entries.append(NamedEntry(path.stem, frozenset(fold(v) for v in values), ref,
                                  region if isinstance(region, str) else None,
                                  municipality if isinstance(municipality, str) else None))
    return entries


def _texts(value: object) -> list[str]:
    """The texts of a name written as one text or per language."""
    found = value.values() if isinstance(value, dict) else [value]
    return [text for text in found if isinstance(text, str)]
