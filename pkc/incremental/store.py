"""The cache directory of `pkc build --cache DIR`: what the last build wrote, and what each output was made from.

    DIR/pkc-cache.json   the manifest: the whole build's fingerprint, a table of dependencies with the hash each
                         had, and per output (a page, a calendar, a group of files) its files and dependencies,
                         and for a page what Pagefind reads of it (pkc.search.split_page)
    DIR/blobs/ab/…       every file the last build wrote, and each page's search input, named by the hash of its
                         bytes

An unchanged output is hard-linked from its blob into the new site (copied where DIR is on another file
system), so it is neither rendered nor written again. A blob is used only if it still has the size and
modification time it had when it was stored, or, after a restore that changed the time (actions/cache), the
hash it is named by. Anything unreadable in DIR means a cold build, never a failed one. Not a security boundary:
DIR is trusted as the build machine is (keep it per repository and branch, as actions/cache does).
"""
from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import json
import os
import shutil
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .tracking import Dep

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds sharing a cache are not serialised
    fcntl = None  # type: ignore[assignment]

FORMAT = 3
MANIFEST = "pkc-cache.json"
BLOBS = "blobs"


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class Stored:
    """One file of an output as the cache keeps it."""

    rel: str
    sha: str
    size: int
    mtime_ns: int
    ino: int = 0  # the blob's inode: a previous output still holds the file if its entry has the same

    def row(self) -> list:
        return [self.rel, self.sha, self.size, self.mtime_ns, self.ino]


@dataclass
class Output:
    """An output of the last build: its files, the ids (in the manifest's table) of what it read, and for a page
    its search input (the page with its hidden search words, cut to what Pagefind reads)."""

    files: tuple[Stored, ...]
    deps: array  # of 'I'
    search: Stored | None = None


@dataclass
class Manifest:
    whole: str = ""
    deps: list[Dep] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)  # the hash of each dependency when it was recorded
    outputs: dict[str, Output] = field(default_factory=dict)
    search: dict[str, dict] = field(default_factory=dict)  # language -> {"input": hash, "files": [Stored]}


def _dep(raw: list) -> Dep:
    return tuple(tuple(part) if isinstance(part, list) else part for part in raw)


def load_manifest(cache_dir: Path) -> tuple[Manifest, str | None]:
    """The last build's manifest, or an empty one and the reason it could not be used."""
    path = cache_dir / MANIFEST
    if not path.is_file():
        return Manifest(), None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            return Manifest(), f"it was written by another version of pkc (format {raw.get('format')})"
        outputs = {}
        for name, (files, deps, search) in raw["outputs"].items():
            ids = array("I")
            ids.frombytes(base64.b64decode(deps))
            outputs[name] = Output(tuple(Stored(*row) for row in files), ids, Stored(*search) if search else None)
        search = {lang: {"input": found["input"], "files": tuple(Stored(*row) for row in found["files"])}
                  for lang, found in raw["search"].items()}
        return Manifest(raw["whole"], [_dep(dep) for dep in raw["deps"]], list(raw["hashes"]), outputs, search), None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return Manifest(), f"{path} could not be read ({type(exc).__name__}: {exc})"


def save_manifest(cache_dir: Path, manifest: Manifest) -> None:
    """Write the manifest atomically: a build killed midway leaves the previous one."""
    raw = {
        "format": FORMAT,
        "whole": manifest.whole,
        "deps": [list(dep) for dep in manifest.deps],
        "hashes": manifest.hashes,
        "outputs": {name: [[f.row() for f in output.files], base64.b64encode(output.deps.tobytes()).decode("ascii"),
                           output.search.row() if output.search else None]
                    for name, output in sorted(manifest.outputs.items())},
        "search": {lang: {"input": found["input"], "files": [f.row() for f in found["files"]]}
                   for lang, found in sorted(manifest.search.items())},
    }
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".pkc-cache-", dir=cache_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(raw, file, separators=(",", ":"))
        os.replace(temporary, cache_dir / MANIFEST)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class Blobs:
    """The files of past builds, by hash."""

    def __init__(self, cache_dir: Path):
        self.root = cache_dir / BLOBS
        self._linkable = True

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def usable(self, stored: Stored) -> Stored | None:
        """`stored` as it is on disk now, if its blob still holds the bytes it is named by."""
        try:
            stat = os.stat(self.path(stored.sha))
        except OSError:
            return None
        if stat.st_size != stored.size:
            return None
        if stat.st_mtime_ns != stored.mtime_ns:  # restored or touched: trust only the bytes
            if content_hash(self.path(stored.sha).read_bytes()) != stored.sha:
                return None
            return Stored(stored.rel, stored.sha, stored.size, stat.st_mtime_ns, stat.st_ino)
        return stored if stored.ino == stat.st_ino else Stored(stored.rel, stored.sha, stored.size,
                                                                 stat.st_mtime_ns, stat.st_ino)

    def place(self, stored: Stored, target: Path) -> None:
        """Put the blob at `target` (a new file of the staging folder)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        source = self.path(stored.sha)
        if self._linkable:
            try:
                os.link(source, target)
                return
            except OSError as exc:
                if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                    raise
                self._linkable = False  # another file system: copy from now on
        shutil.copyfile(source, target)

    def keep(self, rel: str, written: Path | None, data: bytes | None = None) -> Stored:
        """Store a file just written at `written` (hard-linked when possible), or `data` that no output folder
        holds (`written` None: a page's search input), and describe it."""
        if data is None:
            assert written is not None
            data = written.read_bytes()
        sha = content_hash(data)
        blob = self.path(sha)
        if not _holds(blob, data):  # absent, or changed in place since (through a published hard link)
            blob.parent.mkdir(parents=True, exist_ok=True)
            _link_or_write(written, blob.with_name(f".{sha}.{os.getpid()}"), data, blob)
        elif written is not None and self._linkable and not os.path.samefile(blob, written):
            # the same bytes are stored already: the site gets that file, so a later build sees it unchanged
            with contextlib.suppress(OSError):
                os.link(blob, temporary := written.with_name(f".{written.name}.{os.getpid()}.pkc"))
                os.replace(temporary, written)
        stat = os.stat(blob)
        return Stored(rel, sha, stat.st_size, stat.st_mtime_ns, stat.st_ino)

    def remove_unused(self, used: Iterable[str]) -> int:
        """Delete the blobs no output of the last build uses; return how many."""
        keep = set(used)
        removed = 0
        if not self.root.is_dir():
            return 0
        for folder in self.root.iterdir():
            if not folder.is_dir():
                continue
            for blob in folder.iterdir():
                if blob.name not in keep:
                    with contextlib.suppress(OSError):
                        blob.unlink()
                        removed += 1
        return removed


def _holds(blob: Path, data: bytes) -> bool:
    try:
        return os.stat(blob).st_size == len(data) and blob.read_bytes() == data
    except OSError:
        return False


def _link_or_write(source: Path | None, temporary: Path, data: bytes, target: Path) -> None:
    """Put `data` at `target` in one rename: a hard link of `source` (which holds it) where possible, else written."""
    linked = False
    if source is not None:
        with contextlib.suppress(OSError):
            os.link(source, temporary)
            linked = True
    if not linked:
        temporary.write_bytes(data)
    os.replace(temporary, target)


@contextlib.contextmanager
def locked(cache_dir: Path) -> Iterator[None]:
    """Hold the cache for one build at a time (a second build waits)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield
        return
    fd = os.open(cache_dir / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
