"""The directory as Open Referral HSDS 3.0 (Human Services Data Specification): one file set per language.

Each language's folder holds the HSDS API's list shapes as JSON — `services.json` (fully nested services,
meeting places included), `organizations.json`, `locations.json`, `service_at_locations.json`,
`taxonomies.json` and `taxonomy_terms.json`, each a single page of `contents` — and the same records as the
HSDS tabular data package: `datapackage.json` and one CSV per table. The build publishes them under
`data/hsds/<lang>/`; `pkc export hsds` writes them into a folder of their own.
"""
from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..errors import BuildError
from ..localize import Localizer
from ..model.fields import slugify
from ..output import staged_output, write_files
from ..theme import Strings
from ..urls import Site, normalise_base_url
from .records import Records, id_namespace
from .tabular import TABLES, csv_bytes, datapackage, flatten, json_bytes

__all__ = ["HSDS_DIR", "export_files", "hsds_files", "id_namespace", "write_export"]

HSDS_DIR = "data/hsds"
Json = dict[str, Any]


def hsds_files(catalog: Catalog, strings: dict[str, Strings], site: Site, today: dt.date,
               languages: list[str] | None = None) -> dict[str, bytes]:
    """The HSDS files of the site (or of some of its languages), under data/hsds/<lang>/."""
    return {f"{HSDS_DIR}/{rel}": data
            for rel, data in export_files(catalog, strings, site, today, languages).items()}


def export_files(catalog: Catalog, strings: dict[str, Strings], site: Site, today: dt.date,
                 languages: list[str] | None = None) -> dict[str, bytes]:
    """The HSDS files of the site (or of some of its languages), relative to the HSDS folder:
    <lang>/services.json, <lang>/services.csv …"""
    files = {}
    with _collector_paused():
        for lang in languages or catalog.languages:
            loc = Localizer(lang, catalog.languages, strings[lang], today)
            for name, data in language_files(catalog, loc, site).items():
                files[f"{lang}/{name}"] = data
    return files


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector off while the records are made: they are trees of dicts and lists, freed by reference
    counting, yet their hundreds of thousands of new objects set the collector off again and again, to walk
    them all, for a fifth of the time. (Records and its Terms refer to each other: the first collection after
    this frees them.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def language_files(catalog: Catalog, loc: Localizer, site: Site) -> dict[str, bytes]:
    """One language's file set: the JSON lists and the tabular data package."""
    records = Records(catalog, loc, site)
    services = ([records.service(slug) for slug in catalog.services]
                + [records.place_service(slug) for slug in catalog.places])
    by_organization: dict[str, list[Json]] = {}
    for service in services:
        by_organization.setdefault(service.get("organization_id", ""), []).append(service)
    organizations = [records.full_organization(slug, by_organization) for slug in catalog.organisations]
    locations = ([records.location(slug) for slug in catalog.locations]
                 + [records.place_location(slug) for slug in catalog.places])
    at_locations = [{key: value for key, value in at.items() if not isinstance(value, (list, dict))}
                    for service in services for at in service["service_at_locations"]]
    taxonomies, terms = records.terms.used_taxonomies(), records.terms.used_terms()
    files = {
        "services.json": json_bytes(_page(services)),
        "organizations.json": json_bytes(_page(organizations)),
        "locations.json": json_bytes(_page(locations)),
        "service_at_locations.json": json_bytes(_page(at_locations, key="id")),
        "taxonomies.json": json_bytes(_page(taxonomies)),
        "taxonomy_terms.json": json_bytes(_page(terms, key="code")),
    }
    rows: dict[str, dict[str, Json]] = {}
    seen: set[int] = set()
    for table, items in [("service", services), ("organization", organizations), ("location", locations),
                         ("taxonomy", taxonomies), ("taxonomy_term", terms)]:
        flatten(table, items, rows, seen)
    rows["meta_table_description"] = {
        record["id"]: record for record in (
            {"id": records.id(f"table/{table}"), "name": table, "language": loc.lang, "character_set": "UTF-8"}
            for table in TABLES)}
    for table, (path, _) in TABLES.items():
        files[path] = csv_bytes(table, rows.get(table, {}))
    site_name = loc.text(catalog.site.name).text
    files["datapackage.json"] = json_bytes(datapackage(
        f"{slugify(site_name)}-hsds-{loc.lang}", f"{site_name} (HSDS 3.0, {loc.language_name(loc.lang)})",
        loc.text(catalog.site.description).text, site.absolute(f"{loc.lang}/")), indent=2)
    return files


def _page(contents: list[Json], key: str = "name") -> Json:
    """A list in the shape of the HSDS API's paginated responses: everything on one page."""
    ordered = sorted(contents, key=lambda record: (str(record.get(key, "")).casefold(), record["id"]))
    return {"contents": ordered, "total_items": len(ordered), "total_pages": 1, "page_number": 1,
            "size": len(ordered), "first_page": True, "last_page": True, "empty": not ordered}


def write_export(catalog: Catalog, strings: dict[str, Strings], today: dt.date, out_dir: Path,
                 site_dir: Path) -> dict[str, bytes]:
    """Write the HSDS files into `out_dir` (replaced as a whole, like a build's output, and never over the site
    `site_dir` or its sources); return what was written."""
    site = Site(normalise_base_url(catalog.site.base_url))
    files = export_files(catalog, strings, site, today)
    try:
        with staged_output(out_dir, site_dir) as staging:
            write_files(staging, files)
    except OSError as exc:
        raise BuildError(f"could not write the HSDS files to {out_dir}: {exc}") from exc
    return files
