"""What a build's outputs were made from, reduced to short hashes that the next build compares.

`whole_build()` covers what every output depends on: pkc itself (its code, templates and the versions of the
libraries that shape the output), the site's site.yaml and own templates, the build date, the base URL and the
share image. `Fingerprints.of(dep)` gives the current hash of one recorded dependency (pkc.incremental.tracking).
"""
from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..sourcefile import text_digest
from .tracking import Dep

# the libraries whose release can change what pkc writes for the same content
OUTPUT_LIBRARIES = ("Jinja2", "MarkupSafe", "PyYAML", "pydantic", "pydantic-core", "Babel", "markdown-it-py", "nh3",
                    "phonenumbers", "pagefind", "pagefind-bin", "cbor2", "icalendar", "libvoikko", "pyphen")
_ABSENT = b"-"  # the fingerprint of an entry, index key or kind that does not exist
ALWAYS = ("now",)  # the dependency of outputs made on every build: it never has the same fingerprint twice


def tree_digest(folders: Iterable[Path]) -> bytes:
    """Every regular file under `folders` (names and bytes), in a fixed order; compiled Python left out."""
    parts: list[str | bytes] = []
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = Path(root, name)
                if name.endswith(".pyc") or path.is_symlink() or not path.is_file():
                    continue
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
        parts.append(b"/")
    return text_digest(*parts)


def library_versions() -> str:
    found = []
    for name in OUTPUT_LIBRARIES:
        try:
            found.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ";".join(found)


def whole_build(site_dir: Path, template_folders: Iterable[Path], site_digest: bytes, today: dt.date,
                base_url: str, extra: Iterable[Any]) -> str:
    """The hash of everything every output depends on."""
    package = Path(__file__).resolve().parent.parent
    own = [folder for folder in template_folders if folder.resolve() != package / "templates"]
    return text_digest(
        tree_digest([package]), tree_digest(own), site_digest, today.isoformat(), base_url, library_versions(),
        f"python {sys.version_info[0]}.{sys.version_info[1]}", repr(tuple(extra)),
    ).hex()


def canonical(value: Any) -> Any:
    """`value` as nested tuples in a fixed order (sets sorted), so that its repr is the same in every process."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return ("{}", tuple((canonical(key), canonical(item)) for key, item in value.items()))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted((canonical(item) for item in value), key=repr)))
    if isinstance(value, (list, tuple)):
        return tuple(canonical(item) for item in value)
    raise TypeError(f"cannot fingerprint a {type(value).__name__}")


class Fingerprints:
    """The current hash of each dependency, computed once per build."""

    def __init__(self, catalog: Any):
        self.catalog = catalog
        self._found: dict[Dep, bytes] = {}

    def of(self, dep: Dep) -> bytes:
        found = self._found.get(dep)
        if found is None:
            try:
                found = self._compute(dep)
            except (KeyError, TypeError, AttributeError, ValueError, IndexError):
                found = b"?" + repr(dep).encode()  # never equal to what was recorded: the output is made again
            self._found[dep] = found
        return found

    def _compute(self, dep: Dep) -> bytes:
        catalog = self.catalog
        tag = dep[0]
        if tag == "e":
            _, kind, slug = dep
            doc = catalog.sources[kind].get(slug) if slug in catalog.entries[kind] else None
            return doc.digest if doc is not None else _ABSENT
        if tag == "k":
            return text_digest(*catalog.entries[dep[1]])
        if tag == "a":
            sources = catalog.sources[dep[1]]
            return text_digest(*(part for slug in catalog.entries[dep[1]] for part in (slug, sources[slug].digest)))
        if tag == "now":
            return os.urandom(16)
        if tag == "m":
            return text_digest(repr(canonical(catalog.media)))
        index = getattr(catalog, dep[1])
        if tag == "i":
            return text_digest(repr(canonical(index[dep[2]]))) if dep[2] in index else _ABSENT
        if tag == "ik":
            return text_digest(repr(canonical(tuple(index))))
        if tag == "ia":
            return text_digest(repr(canonical(index)))
        raise ValueError(f"unknown dependency {dep!r}")
