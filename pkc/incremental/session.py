"""One cached build: which outputs of the last build still hold, and what this build made of what.

An output (a page, a calendar, a group of files such as a language's open data) is reused when the whole
build's fingerprint is the same and none of the dependencies it recorded has changed since; otherwise it is made
again while its reads are recorded. The result is the same bytes as a cold build: only the work differs.
"""
from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..output import safe_target, write_files
from ..sourcefile import text_digest
from .fingerprints import ALWAYS, Fingerprints
from .patch import apply_patch, intact_output, update_search_input
from .store import Blobs, Manifest, Output, Stored, load_manifest, save_manifest
from .tracking import Dep, Recorder, TrackedCatalog, recording

SEARCH_INPUT = "search-input"  # in the cache: the pages Pagefind reads when only changes are written


def all_files(manifest: Manifest) -> dict[str, Stored]:
    """Every file a manifest says its build wrote, by path."""
    files = {f.rel: f for output in manifest.outputs.values() for f in output.files}
    files.update((f.rel, f) for found in manifest.search.values() for f in found["files"])
    return files


@dataclass
class Counts:
    reused: int = 0
    made: int = 0


class CachedBuild:
    """The cache of one build: open it, ask what can be reused, record what was made, then `save()`."""

    def __init__(self, cache_dir: Path, whole: str, catalog: Any):
        self.cache_dir = cache_dir
        self.blobs = Blobs(cache_dir)
        old, self.note = load_manifest(cache_dir)
        self.previous = all_files(old)  # what the last build wrote: the output may still hold exactly that
        self.patching = False
        if old.whole and old.whole != whole:
            self.note = "pkc, the templates, site.yaml, the build date or the base URL changed: all is made again"
            old = Manifest()
        self.old = old
        self.catalog = catalog
        self.fingerprints = Fingerprints(catalog)
        # the new table starts as the old one with today's hashes: a reused output keeps its ids as they are
        hashes = [self.fingerprints.of(dep).hex() for dep in old.deps]
        self.changed = {i for i, (now, recorded) in enumerate(zip(hashes, old.hashes, strict=True)) if now != recorded}
        self.new = Manifest(whole, list(old.deps), hashes)
        self._ids: dict[Dep, int] = {dep: i for i, dep in enumerate(old.deps)}
        self.counts = Counts()
        self._search_inputs: dict[str, str] = {}

    # --- reuse ---------------------------------------------------------------------------------------

    def reusable(self, name: str) -> Output | None:
        """Output `name` as the last build made it (its files and search input as they are stored now), if nothing
        it read has changed."""
        output = self.old.outputs.get(name)
        if output is None or not self.changed.isdisjoint(output.deps):
            return None
        files = [self.blobs.usable(stored) for stored in output.files]
        search = self.blobs.usable(output.search) if output.search is not None else None
        if any(found is None for found in files) or (output.search is not None and search is None):
            return None
        return Output(tuple(files), output.deps, search)  # type: ignore[arg-type]

    def reuse(self, name: str, found: Output, root: Path) -> None:
        """Put the files of an unchanged output into the staging folder `root` and keep its record."""
        if not self.patching:
            for stored in found.files:
                self.blobs.place(stored, safe_target(root, stored.rel))
        self.new.outputs[name] = found
        self.counts.reused += 1

    # --- patching the previous output ----------------------------------------------------------------

    def patchable(self, out_dir: Path) -> bool:
        """Whether `out_dir` is exactly what the last cached build wrote: then only changes are written to it."""
        self.patching = bool(self.previous) and out_dir.is_dir() and intact_output(out_dir, self.previous, self.blobs)
        return self.patching

    def patch(self, staging: Path, out_dir: Path) -> None:
        """Move what changed from `staging` into `out_dir` (see pkc.incremental.patch)."""
        apply_patch(staging, out_dir, self.previous, all_files(self.new), self.blobs)

    def search_source(self, lang: str) -> Path:
        """A tree of the search inputs of `lang`'s pages for Pagefind to read, kept in the cache between builds."""
        shadow = self.cache_dir / SEARCH_INPUT / lang
        update_search_input(shadow, self._pages(lang), self.blobs)
        return shadow

    # --- recording -----------------------------------------------------------------------------------

    def record(self, name: str, files: Iterable[Stored], deps: Iterable[Dep], count: bool = True,
               search: Stored | None = None) -> None:
        self.new.outputs[name] = Output(tuple(files), array("I", sorted(self._id(dep) for dep in deps)), search)
        self.counts.made += count

    def group(self, name: str, root: Path, make: Callable[[Any], Mapping[str, bytes]]) -> int:
        """Files made together from the catalog (a feed, a language's open data): reused, or made with `make`
        from a tracked catalog and written into `root`. Returns how many files."""
        found = self.reusable(name)
        if found is not None:
            self.reuse(name, found, root)
            return len(found.files)
        recorder = Recorder()
        recording(recorder)
        try:
            files, deps = recorder.collect(lambda: make(TrackedCatalog(self.catalog)))
        finally:
            recording(None)
        write_files(root, files)
        self.record(name, [self.blobs.keep(rel, safe_target(root, rel), files[rel]) for rel in sorted(files)], deps)
        return len(files)

    def always(self, name: str, root: Path, files: Mapping[str, bytes]) -> None:
        """Files made on every build (read straight from the site's files): stored so that a patch can tell
        whether they changed."""
        self.record(name, [self.blobs.keep(rel, safe_target(root, rel), files[rel]) for rel in sorted(files)],
                    [ALWAYS], count=False)

    def _compact(self) -> None:
        """Drop the dependencies no output reads any more (deleted entries), once they are a quarter of the table."""
        used = sorted(set().union(*(output.deps for output in self.new.outputs.values())))
        if len(used) * 4 >= len(self.new.deps) * 3:
            return
        renumber = array("I", bytes(4 * len(self.new.deps)))
        for new_id, old_id in enumerate(used):
            renumber[old_id] = new_id
        for output in self.new.outputs.values():
            output.deps = array("I", (renumber[i] for i in output.deps))
        self.new.deps = [self.new.deps[i] for i in used]
        self.new.hashes = [self.new.hashes[i] for i in used]

    def _id(self, dep: Dep) -> int:
        found = self._ids.get(dep)
        if found is None:
            found = self._ids[dep] = len(self.new.deps)
            self.new.deps.append(dep)
            self.new.hashes.append(self.fingerprints.of(dep).hex())
        return found

    # --- search --------------------------------------------------------------------------------------

    def _pages(self, lang: str) -> dict[str, Stored]:
        """The search inputs of the pages of `lang` this build has put in the site (all of them once the language
        is rendered)."""
        prefix = f"{lang}/"
        return {output.search.rel: output.search for output in self.new.outputs.values()
                if output.search is not None and output.search.rel.startswith(prefix)}

    def search_input(self, lang: str) -> str:
        """What the search index of `lang` is made from: its pages' names and search inputs (asked once its pages
        are all rendered; nothing made afterwards is a page of a language)."""
        if lang not in self._search_inputs:
            pages = sorted((rel, f.sha) for rel, f in self._pages(lang).items())
            self._search_inputs[lang] = text_digest(*(part for page in pages for part in page)).hex()
        return self._search_inputs[lang]

    def search_bundle(self, lang: str) -> tuple[Stored, ...] | None:
        """The last build's search bundle of `lang`, if its pages are the same."""
        found = self.old.search.get(lang)
        if found is None or found["input"] != self.search_input(lang):
            return None
        files = [self.blobs.usable(stored) for stored in found["files"]]
        return None if any(f is None for f in files) else tuple(files)  # type: ignore[arg-type]

    def place_bundle(self, lang: str, files: tuple[Stored, ...], root: Path) -> None:
        if not self.patching:
            for stored in files:
                self.blobs.place(stored, safe_target(root, stored.rel))
        self.new.search[lang] = {"input": self.search_input(lang), "files": files}

    def keep_bundle(self, lang: str, root: Path, folder: str) -> None:
        """Store the bundle Pagefind just wrote under `root/folder`."""
        files = sorted(path for path in (root / folder).rglob("*") if path.is_file())
        self.new.search[lang] = {"input": self.search_input(lang),
                                 "files": tuple(self.blobs.keep(path.relative_to(root).as_posix(), path)
                                                for path in files)}

    # --- the end -------------------------------------------------------------------------------------

    def save(self) -> None:
        """Write the new manifest and drop the blobs nothing uses any more (after the site was published)."""
        self._compact()
        save_manifest(self.cache_dir, self.new)
        used = {f.sha for output in self.new.outputs.values() for f in output.files}
        used |= {output.search.sha for output in self.new.outputs.values() if output.search is not None}
        used |= {f.sha for found in self.new.search.values() for f in found["files"]}
        self.blobs.remove_unused(used)
