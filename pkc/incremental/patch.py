"""Bring the previous output up to date in place, when it is still exactly what the last cached build wrote.

A full staging folder means creating, and afterwards deleting, every file and folder of the site: on a national
site ~42,000 files in ~32,000 folders, which costs more than rendering the few pages an edit changed. So when the
output holds exactly the files the cache says it wrote (the same names, each the same inode as its stored copy),
a cached build writes only what it made into a small staging folder and, once everything succeeded, moves each
changed file into the output (one atomic rename per file; new files first, each search bundle's entry file
last, removed files at the end). Files with the same bytes as before are left alone.
"""
from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from ..output import MARKER, safe_target
from .store import Blobs, Stored

_ENTRY = "pagefind-entry.json"  # a search bundle's entry names its index files: replaced after them


def intact_output(out_dir: Path, files: Mapping[str, Stored], blobs: Blobs) -> bool:
    """Whether `out_dir` holds exactly `files` (besides pkc's marker), each still the cache's own, unchanged copy
    (a file edited in place there changes the stored copy too: then the output is built afresh)."""
    found: dict[str, int] = {}
    if not _walk(out_dir, "", found):
        return False
    found.pop(MARKER, None)
    if found.keys() != files.keys():
        return False
    for rel, stored in files.items():
        try:
            stat = os.stat(out_dir / rel, follow_symlinks=False)
            blob = stat if found[rel] == stored.ino else os.stat(blobs.path(stored.sha))
        except OSError:
            return False
        if (stat.st_ino, stat.st_size, stat.st_mtime_ns) != (blob.st_ino, stored.size, stored.mtime_ns):
            return False
    return True


def _walk(folder: Path, prefix: str, found: dict[str, int]) -> bool:
    """Every regular file under `folder` by relative path -> inode; False if anything else is there."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    for entry in entries:
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            if not _walk(Path(entry.path), rel + "/", found):
                return False
        elif entry.is_file(follow_symlinks=False):
            found[rel] = entry.inode()
        else:  # a link, a pipe …: not something pkc wrote
            return False
    return True


def apply_patch(staging: Path, out_dir: Path, old: Mapping[str, Stored], new: Mapping[str, Stored],
                blobs: Blobs) -> None:
    """Make `out_dir` hold `new` instead of `old`."""
    changed = [rel for rel, stored in new.items() if rel not in old or old[rel].sha != stored.sha]
    changed.sort(key=lambda rel: (rel.endswith(_ENTRY), rel))
    for rel in changed:
        target = safe_target(out_dir, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        source = safe_target(staging, rel)
        if not source.is_file():  # reused from the cache, yet not in the output under this name
            blobs.place(new[rel], source)
        os.replace(source, target)
    removed = sorted(set(old) - set(new))
    for rel in removed:
        target = safe_target(out_dir, rel)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        _prune(target.parent, out_dir)


def _prune(folder: Path, root: Path) -> None:
    """Remove `folder` and its parents up to `root` while they are empty."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def update_search_input(shadow: Path, pages: Mapping[str, Stored], blobs: Blobs) -> None:
    """Make `shadow` hold what Pagefind reads of `pages`: each page's search input (pkc.search.split_page), a hard
    link to its stored copy. Only files whose input changed since the last time are placed again: `shadow`.json
    names the stored input of each file, and is removed while the folder changes, so that a build stopped halfway
    places every file again next time."""
    record = shadow.with_name(f"{shadow.name}.json")
    try:
        made_from: dict[str, str] = json.loads(record.read_text(encoding="utf-8"))
        record.unlink()
    except (OSError, ValueError):
        made_from = {}
    found: dict[str, int] = {}
    if shadow.exists() and not _walk(shadow, "", found):
        raise OSError(f"{shadow} holds something other than files")
    if not isinstance(made_from, dict) or made_from.keys() != found.keys():
        made_from = {}
    for rel in sorted(set(found) - set(pages)):
        target = shadow / rel
        target.unlink()
        _prune(target.parent, shadow)
    for rel, stored in pages.items():
        if made_from.get(rel) == stored.sha:
            continue
        target = safe_target(shadow, rel)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        blobs.place(stored, target)
        made_from[rel] = stored.sha
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps({rel: made_from[rel] for rel in sorted(pages)}), encoding="utf-8")
