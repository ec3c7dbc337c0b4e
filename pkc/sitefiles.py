"""Read a file of the site safely: only a regular file inside the site directory, and never more than a limit.

A site's content comes in pull requests from people the site owner does not control. A symbolic link to
/etc/passwd or /proc/self/environ would otherwise be published as a page or a material, /dev/zero would fill
the memory and a named pipe would hang the build. Every reader of a site's file goes through this module; its
errors say what the file is or where it leads, never what is in it.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

# O_NOFOLLOW: a link put in place of the checked file after the check is not followed.
# O_NONBLOCK: a named pipe put there is not waited on (a regular file ignores the flag).
_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
          | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
_TRUSTED_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_OPEN_FILES = Path("/proc/self/fd")  # Linux: where an open file really is, whatever links led to it

_LINK_HINT = "pkc reads only files inside the site directory: copy the file into the site instead of linking to it"
_KIND_HINT = "pkc reads only ordinary files: replace it with a file saved by an editor"


class UnsafeFile(Exception):
    """A file pkc refuses to read: `message` says what it is or where it leads, `hint` how to fix it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class FileTooLarge(UnsafeFile):
    """A regular file larger than the limit of its kind; it was not read."""

    def __init__(self, size: int, limit: int):
        super().__init__(f"the file is too large ({_kib(size)}; the limit is {_kib(limit)})",
                         "make the file smaller")
        self.size = size
        self.limit = limit


def _kib(size: int) -> str:
    return f"{size // 1024} KiB" if size < 10 * 1024 * 1024 else f"{size // (1024 * 1024)} MiB"


def _inside(real: str, top: str) -> bool:
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every link on the way resolved, is `root` or inside it."""
    return _inside(os.path.realpath(path), os.path.realpath(root))


def check_inside(path: Path, root: Path) -> None:
    """Raise UnsafeFile when `path` (a file or a folder) leads outside `root`, naming where it leads."""
    _check_inside(path, os.path.realpath(path), os.path.realpath(root))


def _check_inside(path: Path, real: str, top: str) -> None:
    if _inside(real, top):
        return
    if path.is_symlink():
        raise UnsafeFile(f"this is a symbolic link to '{os.readlink(path)}', outside the site directory", _LINK_HINT)
    raise UnsafeFile(f"this leads outside the site directory, to '{real}', through a linked folder", _LINK_HINT)


def _what(mode: int) -> str | None:
    """What a file that is not a regular one is, in an editor's words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    return "not a regular file"


def _check_regular(mode: int, path: Path) -> None:
    what = _what(mode)
    if what is not None:
        link = f" (a link to '{os.readlink(path)}')" if path.is_symlink() else ""
        raise UnsafeFile(f"this is {what}{link}", _KIND_HINT)


def check_site_file(path: Path, root: Path | None) -> os.stat_result:
    """The status of a file pkc may read: a regular file inside `root` (None: pkc's own, trusted file).

    Raises UnsafeFile for a link leading outside `root`, a folder, a device, a pipe or a socket;
    FileNotFoundError (an OSError) when nothing is there, including a link to nothing.
    """
    return _check(path, None if root is None else os.path.realpath(root))[1]


def _check(path: Path, top: str | None, checked_when_open: bool = False) -> tuple[str, os.stat_result]:
    """The real path and status of a file pkc may read inside `top` (a real path; None: trusted).

    With `checked_when_open`, a file that is not itself a link skips resolving its folders: the caller
    checks where the opened file really is (Linux), which is as sure and much cheaper on a large site.
    """
    if checked_when_open and top is not None:
        status = os.lstat(path)
        if not stat.S_ISLNK(status.st_mode):
            _check_regular(status.st_mode, path)  # a pipe or a device is never opened
            return str(path), status
    real = os.path.realpath(path)
    if top is not None:
        _check_inside(path, real, top)
    try:
        status = os.stat(real)
    except FileNotFoundError:
        if path.is_symlink():
            raise UnsafeFile(f"this is a symbolic link to '{os.readlink(path)}', which does not exist",
                             "replace the link with the file itself") from None
        raise
    _check_regular(status.st_mode, path)
    return real, status


def read_site_file(path: Path, root: Path | None, limit: int, head: int | None = None) -> bytes:
    """The bytes of a file pkc may read (see check_site_file), at most `limit` of them (only the first
    `head` bytes when given: enough to tell a file's type).

    Raises UnsafeFile (FileTooLarge when larger than `limit`) or OSError. The file is classified before it is
    opened (a pipe or a device is never opened), and the opened file itself is checked again, so that a file
    swapped for a link, a pipe or a device in between is refused too.
    """
    top = None if root is None else os.path.realpath(root)
    real, _ = _check(path, top, checked_when_open=_OPEN_FILES.is_dir())
    fd = os.open(real, _FLAGS if top is not None else _TRUSTED_FLAGS)
    try:
        status = os.fstat(fd)
        _check_regular(status.st_mode, path)
        if top is not None:
            _check_opened_inside(fd, path, top)
        if status.st_size > limit:
            raise FileTooLarge(status.st_size, limit)
        chunks, total = [], 0
        wanted = limit + 1 if head is None else min(head, limit + 1)
        while total < wanted:  # a file growing while it is read stops at the limit too
            chunk = os.read(fd, min(1024 * 1024, wanted - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:
        raise FileTooLarge(total, limit)
    return b"".join(chunks)


def _check_opened_inside(fd: int, path: Path, top: str) -> None:
    """On Linux, where the opened file really is: a file reached through a linked folder is caught here."""
    try:
        real = os.readlink(f"{_OPEN_FILES}/{fd}")
    except OSError:
        return  # no /proc (macOS, Windows): the checks before opening are what there is
    if not _inside(real, top):
        _check_inside(path, os.path.realpath(path), top)  # say where it leads
        raise UnsafeFile("this leads outside the site directory (it changed while it was read)", _LINK_HINT)
