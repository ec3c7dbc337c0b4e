"""What `pkc serve` keeps between reloads, so that one edited file costs one file's work on a national site.

An entry's document is reused while none of its files (the entry and its translations) changed on disk — same
size, modification time and inode — its validated model while its document is the same object, and what the
checks found in a model (its references, its missing translations) while the model is the same object and the
rest of the check's input is equal. Each reload keeps only what it used, so deleted entries drop out.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import Problem

Key = tuple[str, str]  # (kind, slug)
T = TypeVar("T")


def fingerprint(paths: list[str]) -> tuple | None:
    """The files as the disk has them now, or None if one cannot be read (it will be loaded and reported)."""
    try:
        return tuple((path, *_stat(os.stat(path))) for path in paths)
    except OSError:
        return None


def _stat(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


@dataclass
class BuildCache:
    loaded: dict[Key, tuple[tuple, Any, list[Problem]]] = field(default_factory=dict)
    validated: dict[Key, tuple[Any, Any, Any, list[Problem]]] = field(default_factory=dict)
    found: dict[tuple[str, Key], tuple[Any, Any, Any]] = field(default_factory=dict)
    _previous_loaded: dict = field(default_factory=dict)
    _previous_validated: dict = field(default_factory=dict)
    _previous_found: dict = field(default_factory=dict)

    def start_loading(self) -> None:
        self._previous_loaded, self.loaded = self.loaded, {}

    def start_validating(self) -> None:
        self._previous_validated, self.validated = self.validated, {}
        self._previous_found, self.found = self.found, {}

    def document(self, key: Key, stamp: tuple | None) -> tuple[Any, list[Problem]] | None:
        """The document loaded earlier from the same files, with the problems found then."""
        found = self._previous_loaded.get(key)
        if stamp is None or found is None or found[0] != stamp:
            return None
        self.loaded[key] = found
        return found[1], found[2]

    def keep_document(self, key: Key, stamp: tuple | None, doc: Any, problems: list[Problem]) -> None:
        if stamp is not None:
            self.loaded[key] = (stamp, doc, problems)

    def model(self, key: Key, doc: Any, context: Any) -> tuple[Any, list[Problem]] | None:
        """The model validated earlier from this very document in the same context."""
        found = self._previous_validated.get(key)
        if found is None or found[0] is not doc or found[1] != context:
            return None
        self.validated[key] = found
        return found[2], found[3]

    def keep_model(self, key: Key, doc: Any, context: Any, model: Any, problems: list[Problem]) -> None:
        self.validated[key] = (doc, context, model, problems)

    def derived(self, check: str, key: Key, model: Any, context: Any, compute: Callable[[], T]) -> T:
        """What `check` found in an entry's model in this context: computed again only when the model is another
        object (its files changed) or the context differs."""
        found = self._previous_found.get((check, key))
        if found is None or found[0] is not model or found[1] != context:
            found = (model, context, compute())
        self.found[(check, key)] = found
        return found[2]

    def forget(self, check: str, key: Key) -> None:
        """Not keep what `check` found this time: it is looked for again next time."""
        self.found.pop((check, key), None)
