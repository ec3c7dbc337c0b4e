"""Write the built site: into a staging directory first, swapped into place only when complete."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from .errors import BuildError

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
def staged_output(out_dir: Path) -> Iterator[Path]:
    """A fresh staging directory that replaces `out_dir` when the block succeeds, and vanishes if it fails.

    The previous output stays byte for byte as it was until the very end.
    """
    out_dir = out_dir.absolute()
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"the output {out_dir} exists and is not a directory")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise BuildError(f"the output directory {out_dir} is not empty and was not written by pkc; "
                         "refusing to replace it (choose another --out, or empty it yourself)")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        yield staging
        (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        os.chmod(staging, 0o755)  # mkdtemp creates it private; a web server must read it
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    os.rmdir(retired)
    os.rename(out_dir, retired)
    try:
        os.rename(staging, out_dir)
    except BaseException:
        os.rename(retired, out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)
