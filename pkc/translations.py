"""Which languages each entry must be written in, and the missing translations (warnings; errors with --strict)."""
from __future__ import annotations

from functools import partial

from babel import Locale

from .cache import BuildCache
from .catalog import Catalog
from .errors import Problems
from .model.kinds import Strict
from .model.registry import KIND_BY_NAME
from .model.walk import texts


def required_languages(catalog: Catalog, kind: str, slug: str,
                       areas: dict[frozenset[str], tuple[set[str], str]] | None = None) -> tuple[set[str], str]:
    """The languages an entry's texts must be given in, and why (for the message). `areas` keeps the answer for
    each set of municipalities met, when many entries are asked about."""
    site = catalog.site
    site_required = set(site.required_translations or [site.languages[0]])
    entry = catalog.entries[kind][slug]
    municipalities: set[str] = set()
    if kind == "municipality":
        municipalities = {slug}
    elif kind == "region":
        municipalities = set(catalog.municipalities_by_region.get(slug, ()))
    elif kind in ("location", "place"):
        municipalities = {entry.municipality}  # type: ignore[attr-defined]
    elif kind == "service":
        municipalities = set(catalog.service_area(slug))
    elif kind == "event":
        municipalities = set(catalog.event_area(slug))
    elif kind == "news":
        municipalities = set(entry.municipalities)  # type: ignore[attr-defined]
    elif kind == "organisation":
        return _organisation_languages(catalog, slug, site_required)
    elif kind == "contact":
        organisation = entry.organisation  # type: ignore[attr-defined]
        if organisation in catalog.organisations:
            return _organisation_languages(catalog, organisation, site_required)
    if not municipalities:
        return site_required | {site.languages[0]}, "the site"
    if areas is None:
        return _area_languages(catalog, municipalities)
    area = frozenset(municipalities)
    if area not in areas:
        areas[area] = _area_languages(catalog, municipalities)
    required, reason = areas[area]
    return set(required), reason


def _organisation_languages(catalog: Catalog, slug: str, site_required: set[str]) -> tuple[set[str], str]:
    organisation = catalog.organisations[slug]
    if organisation.municipality in catalog.municipalities:
        return _area_languages(catalog, {organisation.municipality})
    if organisation.region in catalog.regions:
        return _area_languages(catalog, set(catalog.municipalities_by_region.get(organisation.region, ())))
    return site_required | {catalog.default_language}, "the site"


def _area_languages(catalog: Catalog, municipalities: set[str]) -> tuple[set[str], str]:
    languages = {catalog.default_language}
    bilingual = []
    for slug in sorted(municipalities):
        municipality = catalog.municipalities.get(slug)
        if municipality is None:
            continue
        extra = set(municipality.languages) & set(catalog.languages)
        if extra - {catalog.default_language}:
            bilingual.append(municipality.name.pick("en", (catalog.default_language,))[0])
        languages |= extra
    reason = f"{', '.join(bilingual[:3])}{' …' if len(bilingual) > 3 else ''} is bilingual" if bilingual else "the area"
    return languages, reason


def check_translations(catalog: Catalog, problems: Problems, strict: bool, cache: BuildCache | None = None) -> None:
    """Report every text that lacks a language its readers are entitled to.

    With a `cache` (`pkc serve`), an entry that did not change and needs the same languages is not walked again.
    """
    report = problems.error if strict else problems.warning
    gaps = _gaps(catalog.site, catalog.site_source, set(catalog.languages), "every page shows it")
    areas: dict[frozenset[str], tuple[set[str], str]] = {}
    for kind, entries in catalog.entries.items():
        body_field = KIND_BY_NAME[kind].body_field
        for slug, entry in entries.items():
            required, reason = required_languages(catalog, kind, slug, areas)
            find = partial(_gaps, entry, catalog.source(kind, slug), required, reason, body_field)
            gaps += find() if cache is None else cache.derived("translations", (kind, slug), entry, (required, reason),
                                                               find)
    for where, message, hint in gaps:
        report(where, message, hint)


# Per-language values that are not translations of one text: a language without them loses nothing readable.
UNTRANSLATED = {"slug", "keywords"}


def _gaps(entry: Strict, source, required: set[str], reason: str, body_field: str = "") -> list[tuple]:
    """The texts of an entry that lack a required language: (location, message, hint) of each."""
    gaps = []
    for text, path, _markdown in texts(entry):
        if path[-1] in UNTRANSLATED:
            continue
        missing = [lang for lang in sorted(required) if lang not in text.values]
        if not missing:
            continue
        names = " and ".join(f"{_english(lang)} ({lang})" for lang in missing)
        shown = next(iter(text.values))
        field = path[-1] if isinstance(path[-1], str) else f"{path[-2]}[{path[-1] + 1}]"
        if source.file.endswith(".md"):
            translation = f"{source.file[:-3]}.{missing[0]}.md"
            where = "as the text below its front matter" if source.body is not None and field == body_field \
                else f"as '{field}:' in its front matter"
            how = f"write the {_english(missing[0])} version in {translation}, {where}"
        elif path + (shown,) in source.values:
            how = f"add '{missing[0]}: …' next to '{shown}: …'"
        else:
            how = f"give the text per language: '{shown}: …' and '{missing[0]}: …' on their own lines"
        gaps.append((source.key_where(path), f"'{field}' has no {names} text ({reason})",
                     f"{how}; until then the {_english(shown)} text is shown"))
    return gaps


def _english(lang: str) -> str:
    return Locale("en").languages.get(lang, lang)
