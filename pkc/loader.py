"""Find and read every content file of a site directory: the only stage that reads content from disk."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .cache import BuildCache, fingerprint
from .errors import Location, Problem, Problems, did_you_mean
from .model.fields import slugify
from .model.registry import KINDS, Kind
from .sitefiles import UnsafeFile, check_inside, check_site_file
from .sourcefile import SourceDoc, load_file, text_digest

CONTENT_SUFFIXES = (".yaml", ".yml", ".md")
MEDIA_FOLDER = "media"  # content/media: logos and other files content refers to
# Names Windows cannot create: a site must stay editable and buildable on any editor's computer.
RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TRANSLATION = re.compile(r"^(?P<slug>.+)\.(?P<lang>[a-z]{2,3})\.md$")


@dataclass
class Sources:
    """Every content file of a site, parsed but not yet validated."""

    site_dir: Path
    site: SourceDoc | None
    docs: dict[str, dict[str, SourceDoc]] = field(default_factory=dict)  # kind -> slug -> doc
    # every entry that has a file, readable or not: references to a broken file are not reported as unknown
    slugs: dict[str, set[str]] = field(default_factory=dict)
    media: dict[str, int] = field(default_factory=dict)  # files under content/media: path -> size in bytes
    problems: list[Problem] = field(default_factory=list)


def site_languages(site: SourceDoc | None) -> list[str]:
    """The languages site.yaml declares, read leniently (validation reports mistakes later)."""
    data = site.data if site is not None else None
    raw = data.get("languages") if isinstance(data, dict) else None
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, list):
        found = [lang for lang in raw if isinstance(lang, str) and re.match(r"^[a-z]{2,3}$", lang)]
        if found:
            return found
    return ["fi", "sv", "en"]


def load_sources(site_dir: Path, cache: BuildCache | None = None) -> Sources:
    """Read site.yaml and every content file of every kind; collect problems instead of stopping.

    With a `cache`, entries whose files did not change since the last load are not read again.
    """
    problems = Problems()
    if cache is not None:
        cache.start_loading()
    site_path = site_dir / "site.yaml"
    site_doc = None
    if not os.path.lexists(site_path):  # a link, a pipe or a folder named site.yaml is reported by load_file
        problems.error(Location("site.yaml"), f"no site.yaml in {site_dir}",
                       "run pkc in a site directory, or give it with --site DIR")
    else:
        site_doc, found = load_file(site_path, "site.yaml", site_dir)
        problems.extend(found)
    languages = site_languages(site_doc)
    sources = Sources(site_dir, site_doc)
    for kind in KINDS:
        sources.docs[kind.name], sources.slugs[kind.name] = _load_kind(site_dir, kind, languages, problems, cache)
    _warn_unknown_folders(site_dir, problems)
    sources.media = _list_media(site_dir, problems)
    sources.problems = problems.items
    return sources


def _list_media(site_dir: Path, problems: Problems) -> dict[str, int]:
    """Regular files under content/media inside the site, by path, with their sizes.

    A link leading outside the site, a pipe or a device is left out without being opened, with a warning (a pull
    request that adds one wants a second look); a material or a logo that names it is also told why
    (pkc.publishable). Linked folders are not entered.
    """
    media = site_dir / "content" / MEDIA_FOLDER
    found: dict[str, int] = {}
    if not media.is_dir():
        return found
    for folder, _, names in os.walk(media):
        for name in names:
            path = Path(folder) / name
            if name.startswith("."):
                continue
            rel = path.relative_to(site_dir).as_posix()
            try:
                found[rel] = check_site_file(path, site_dir).st_size
            except UnsafeFile as exc:
                problems.warning(Location(rel), f"{exc.message}; it is not published",
                                 exc.hint or "replace it with the file itself, or remove it")
            except OSError:
                continue
    return dict(sorted(found.items()))


def _load_kind(site_dir: Path, kind: Kind, languages: list[str], problems: Problems,
               cache: BuildCache | None = None) -> tuple[dict[str, SourceDoc], set[str]]:
    folder = site_dir / kind.folder
    if not folder.is_dir():
        return {}, set()
    try:
        check_inside(folder, site_dir)
    except UnsafeFile as exc:  # nothing in it is read, nor listed in warnings
        problems.error(Location(kind.folder), exc.message.replace("this ", "this folder ", 1), exc.hint)
        return {}, set()
    primaries: dict[str, str] = {}  # slug -> the file's path from the site directory
    translations: list[tuple[str, str, str]] = []
    for name in _file_names(folder):  # names, not Path objects: a national site's folders hold thousands
        rel = f"{kind.folder}/{name}"
        suffix = os.path.splitext(name)[1]
        if suffix not in CONTENT_SUFFIXES:
            problems.warning(Location(rel), "this file is ignored: content files end in .yaml or .md")
            continue
        translation = _TRANSLATION.match(name)
        if translation and translation.group("lang") in languages:
            translations.append((translation.group("slug"), translation.group("lang"), rel))
            continue
        slug = name[: -len(suffix)]
        if not _SLUG.fullmatch(slug):
            problems.error(Location(rel), f"the file name '{name}' cannot be used as an address",
                           f"rename it to '{slugify(slug) or 'entry'}{suffix}': lowercase a-z, digits and hyphens")
            continue
        if slug in RESERVED_NAMES:
            problems.error(Location(rel), f"'{slug}' is a reserved file name on Windows and cannot be an address",
                           f"rename the file, e.g. to '{kind.name}-{slug}{suffix}'")
            continue
        if slug in primaries:
            problems.error(Location(rel), f"'{slug}' is defined twice: here and in {primaries[slug]}",
                           "keep one file per entry")
            continue
        primaries[slug] = rel
    translated: dict[str, list[tuple[str, str]]] = {}
    for slug, lang, rel in translations:
        if slug in primaries:
            translated.setdefault(slug, []).append((lang, rel))
        else:
            problems.error(Location(rel), f"a translation of '{slug}', but there is no {slug}.yaml or {slug}.md",
                           f"add the entry in the default language ({languages[0]}) first")
    docs: dict[str, SourceDoc] = {}
    for slug, rel in primaries.items():
        doc = _load_entry(site_dir, kind, slug, rel, translated.get(slug, []), languages, problems, cache)
        if doc is not None:
            docs[slug] = doc
    return docs, set(primaries)


def _file_names(folder: Path) -> list[str]:
    """The names of the files in a folder (not its subfolders or hidden files), sorted."""
    with os.scandir(folder) as found:
        return sorted(item.name for item in found if not item.name.startswith(".") and not item.is_dir())


def _load_entry(site_dir: Path, kind: Kind, slug: str, rel: str, translations: list[tuple[str, str]],
                languages: list[str], problems: Problems, cache: BuildCache | None) -> SourceDoc | None:
    """One entry: its file (`rel`, from the site directory) with the body and the translation files merged in."""
    stamp = None
    if cache is not None:
        stamp = fingerprint([os.path.join(site_dir, rel)] + [os.path.join(site_dir, r) for _, r in translations])
        stamp = stamp and (tuple(languages), stamp)
        found = cache.document((kind.name, slug), stamp)
        if found is not None:
            problems.extend(found[1])
            return found[0]
    mine = Problems()
    doc, found_problems = load_file(site_dir / rel, rel, site_dir)
    mine.extend(found_problems)
    if doc is not None:
        if doc.body is not None:
            _merge_body(doc, doc, kind, languages[0], languages[0], mine)
        for lang, translation_rel in translations:
            translated, found_problems = load_file(site_dir / translation_rel, translation_rel, site_dir)
            mine.extend(found_problems)
            if translated is not None:
                _merge_translation(doc, translated, kind, lang, languages[0], mine)
                doc.digest = text_digest(doc.digest, translated.digest)
    problems.extend(mine.items)
    if cache is not None:
        cache.keep_document((kind.name, slug), stamp, doc, mine.items)
    return doc


def _body_location(doc: SourceDoc) -> Location:
    # the body starts after the closing '---' of the front matter, if there is one
    last = max((loc.line for loc in doc.values.values() if loc.file == doc.file), default=0)
    return Location(doc.file, last + 2 if doc.data else 1, 1)


def _as_languages(existing: object, default: str) -> dict:
    """A localized value as a language mapping: a plain text is in the default language."""
    if isinstance(existing, dict):
        return dict(existing)
    return {} if existing is None else {default: existing}


def _merge_body(target: SourceDoc, source: SourceDoc, kind: Kind, lang: str, default: str,
                problems: Problems) -> None:
    """Put a Markdown file's body into the kind's body field, in `lang`."""
    body = (source.body or "").strip()
    if not body:
        return
    if not isinstance(target.data, dict):
        return
    existing = target.data.get(kind.body_field)
    if lang in _as_languages(existing, default):
        problems.error(source.key_where((kind.body_field,)) if target is source else _body_location(source),
                       f"'{kind.body_field}' is given both in the front matter and as the text below it",
                       "keep one of them")
        return
    merged = _as_languages(existing, default)
    merged[lang] = body
    target.data[kind.body_field] = merged
    target.values[(kind.body_field,)] = target.values.get((kind.body_field,)) or _body_location(source)
    target.values[(kind.body_field, lang)] = _body_location(source)


def _merge_translation(target: SourceDoc, source: SourceDoc, kind: Kind, lang: str, default: str,
                       problems: Problems) -> None:
    """Merge `slug.<lang>.md` into its entry: its body and any plain texts of its front matter."""
    if not isinstance(source.data, dict) or not isinstance(target.data, dict):
        return
    for key, value in source.data.items():
        if not isinstance(value, str):
            problems.error(source.where((key,)), f"'{key}' in a translation file must be a plain text in '{lang}'",
                           "translation files give texts only; other details belong in the main file")
            continue
        if key not in kind.model.model_fields:
            problems.error(source.key_where((key,)),
                           f"unknown key '{key}'{did_you_mean(key, kind.model.model_fields)}")
            continue
        merged = _as_languages(target.data.get(key), default)
        if lang in merged:
            problems.error(source.key_where((key,)), f"the '{lang}' text of '{key}' is also given in {target.file}",
                           "keep it in one place")
            continue
        merged[lang] = value
        target.data[key] = merged
        target.values[(key, lang)] = source.where((key,))
        target.keys[(key, lang)] = source.key_where((key,))
    _merge_body(target, source, kind, lang, default, problems)


def _warn_unknown_folders(site_dir: Path, problems: Problems) -> None:
    content = site_dir / "content"
    if not content.is_dir():
        return
    known = {Path(kind.folder).name for kind in KINDS if kind.folder.startswith("content/")} | {MEDIA_FOLDER}
    for path in sorted(content.iterdir()):
        if path.is_dir() and not path.name.startswith(".") and path.name not in known:
            problems.warning(Location(f"content/{path.name}"),
                             f"the folder content/{path.name} is not a content kind and is ignored"
                             + did_you_mean(path.name, known),
                             f"content folders are: {', '.join(sorted(known))}")
