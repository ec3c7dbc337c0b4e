"""Write the built site: into a staging directory first, swapped into place only when complete."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path, PurePosixPath

from .errors import BuildError
from .outputplace import output_place

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locks, so stale staging folders are never removed
    fcntl = None  # type: ignore[assignment]

# Written into every output so that pkc only ever replaces a directory it wrote itself.
MARKER = ".pkc-build"
_MARKER_TEXT = "This directory is written by pkc and replaced on every build.\n"


def safe_target(root: Path, rel: str) -> Path:
    """The file `rel` inside `root`, refusing any path that could escape it."""
    pure = PurePosixPath(rel)
    if pure.is_absolute() or not pure.parts or any(part in ("", ".", "..") for part in pure.parts) or "\\" in rel:
        raise BuildError(f"refusing to write '{rel}': output paths must stay inside the output directory")
    return root.joinpath(*pure.parts)


def write_files(root: Path, files: Mapping[str, bytes]) -> None:
    """Write `files` (relative path -> bytes) under `root`."""
    for rel in sorted(files):
        target = safe_target(root, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[rel])


@contextlib.contextmanager
def staged_output(out_dir: Path, site_dir: Path,
                  patch: Callable[[Path, Path], None] | None = None) -> Iterator[Path]:
    """A fresh staging directory that replaces `out_dir` when the block succeeds, and vanishes if it fails.

    The previous output stays byte for byte as it was until the very end. Refuses (BuildError) an output that
    is, holds or lies in the sources of the site `site_dir`. Staging folders that killed builds left beside
    the output are removed first. With `patch`, the staging directory holds only what changed: at the end
    `patch(staging, out_dir)` moves it into the output, and the staging directory is removed.
    """
    out_dir = output_place(out_dir, site_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"the output {out_dir} exists and is not a directory")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise BuildError(f"the output directory {out_dir} is not empty and was not written by pkc; "
                         "refusing to replace it (choose another --out, or empty it yourself)")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    with _held(staging):
        try:
            # the marker is written only under the lock: a marked staging folder nobody holds is a dead build's
            (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
            yield staging
            (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
            os.chmod(staging, 0o755)  # mkdtemp creates it private; a web server must read it
            if patch is None:
                _swap(staging, out_dir)
            else:
                with _held(out_dir):
                    patch(staging, out_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if patch is not None:
            shutil.rmtree(staging, ignore_errors=True)


def remove_stale_staging(out_dir: Path) -> list[Path]:
    """Remove the staging and retired folders of `out_dir` that builds killed midway left; return them.

    Only folders named as pkc names them, holding the marker, that no live build holds locked: a build locks
    its folders for as long as it uses them, and the lock dies with the build (and its render workers).
    """
    if fcntl is None:
        return []
    own = re.compile(re.escape(f".{out_dir.name}.") + r"(?:new|old)-[a-z0-9_]{8}")  # tempfile.mkdtemp's names
    removed = []
    with os.scandir(out_dir.parent) as entries:
        candidates = [Path(entry.path) for entry in entries
                      if own.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)]
    for folder in sorted(candidates):
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a live build is writing it
            os.close(fd)
            continue
        try:
            marker = os.stat(MARKER, dir_fd=fd, follow_symlinks=False)
        except OSError:
            marker = None
        if marker is not None and stat.S_ISREG(marker.st_mode):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        os.close(fd)
    return removed


@contextlib.contextmanager
def _held(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (it follows the folder through renames) while the block runs."""
    if fcntl is None:
        yield
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # waits for a build that is cleaning up, or just published this folder
        yield
    finally:
        os.close(fd)


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    os.rmdir(retired)
    with _held(out_dir):  # locked before it is renamed, so no other build takes the retired output for stale
        os.rename(out_dir, retired)
        try:
            os.rename(staging, out_dir)
        except BaseException:
            os.rename(retired, out_dir)
            raise
        shutil.rmtree(retired, ignore_errors=True)
