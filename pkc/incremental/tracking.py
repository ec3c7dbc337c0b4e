"""Which parts of the content each output read: recorded while it is made, so a later build knows what to redo.

Every read of the catalog during a page's rendering goes through `TrackedCatalog`, which notes a *dependency*:
an entry (`("e", kind, slug)`, also when it does not exist: adding it must redo the page), the list of a kind's
slugs (`("k", kind)`), all entries of a kind (`("a", kind)`), one key of a derived index (`("i", name, key)`), a
derived index's keys (`("ik", name)`) or all of it (`("ia", name)`), and the sizes of the media files (`("m",)`).
The site itself (site.yaml), the templates, pkc and the build date are the whole build's inputs instead.

Objects that outlive one page and remember what they computed (a memo) must replay what the first computation
read on every later use: `memo()` does that. Reads outside any page (the set-up of a render worker) are recorded
in the base frame, which every output of that worker depends on.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, MutableMapping
from functools import cached_property
from types import MethodType
from typing import Any, TypeVar

Dep = tuple  # ("e", kind, slug) | ("k", kind) | ("a", kind) | ("i", name, key) | ("ik", name) | ("ia", name) | ("m",)
T = TypeVar("T")


class Recorder:
    """A stack of dependency sets: the innermost open frame receives every read."""

    def __init__(self) -> None:
        self.base: set[Dep] = set()
        self._frames: list[set[Dep]] = [self.base]

    def note(self, dep: Dep) -> None:
        self._frames[-1].add(dep)

    def open(self) -> None:
        self._frames.append(set())

    def close(self) -> frozenset[Dep]:
        """Close the innermost frame and return its reads, with the base frame's (they hold for every output)."""
        deps = self._frames.pop()
        return frozenset(deps | self.base)

    def replay(self, deps: frozenset[Dep] | set[Dep]) -> None:
        self._frames[-1].update(deps)

    def collect(self, compute: Callable[[], T]) -> tuple[T, frozenset[Dep]]:
        """Run `compute` in a frame of its own; return its result and its reads (also noted in the outer frame)."""
        self._frames.append(set())
        try:
            value = compute()
        finally:
            deps = frozenset(self._frames.pop())
        self._frames[-1].update(deps)
        return value, deps


_RECORDER: Recorder | None = None  # the render worker's, while a cached build records; None otherwise


def recording(recorder: Recorder | None) -> None:
    """Start (or, with None, stop) recording in this process."""
    global _RECORDER
    _RECORDER = recorder


def memo(store: MutableMapping[Hashable, Any], key: Hashable, compute: Callable[[], T]) -> T:
    """`store[key]`, computed once: on every later use the reads of the first computation are noted again."""
    found = store.get(key, _MISSING)
    if _RECORDER is None:
        if found is _MISSING:
            found = store[key] = (compute(), frozenset())
        return found[0]
    if found is _MISSING:
        found = store[key] = _RECORDER.collect(compute)
    else:
        _RECORDER.replay(found[1])
    return found[0]


_MISSING = object()


def _note(dep: Dep) -> None:
    if _RECORDER is not None:
        _RECORDER.note(dep)


class TrackedMapping(Mapping):
    """A read-only mapping whose reads are noted: one key as `(single, *prefix, key)`, the keys as `keys`, the
    values as `every`."""

    __slots__ = ("_data", "_single", "_keys", "_every")

    def __init__(self, data: Mapping, single: tuple, keys: Dep, every: Dep):
        self._data, self._single, self._keys, self._every = data, single, keys, every

    def __getitem__(self, key: Any) -> Any:
        _note((*self._single, key))
        return self._data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        _note((*self._single, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        _note((*self._single, key))
        return key in self._data

    def __iter__(self) -> Iterator:
        _note(self._keys)
        return iter(self._data)

    def __len__(self) -> int:
        _note(self._keys)
        return len(self._data)

    def keys(self):  # type: ignore[override]
        _note(self._keys)
        return self._data.keys()

    def items(self):  # type: ignore[override]
        _note(self._every)
        return self._data.items()

    def values(self):  # type: ignore[override]
        _note(self._every)
        return self._data.values()

    def __eq__(self, other: object) -> bool:
        _note(self._every)
        return self._data == (other._data if isinstance(other, TrackedMapping) else other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TrackedMapping({self._single})"


def tracked_entries(entries: Mapping[str, Mapping], kind: str) -> TrackedMapping:
    return TrackedMapping(entries[kind], ("e", kind), ("k", kind), ("a", kind))


class _TrackedKinds(Mapping):
    """catalog.entries or catalog.sources: kind -> the kind's tracked mapping (a source reads as its entry)."""

    def __init__(self, entries: Mapping[str, Mapping]):
        self._kinds = {kind: tracked_entries(entries, kind) for kind in entries}

    def __getitem__(self, kind: str) -> TrackedMapping:
        return self._kinds[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)  # the kinds are fixed by pkc, not by the content

    def __len__(self) -> int:
        return len(self._kinds)


# the catalog's fields that are the whole build's inputs (site.yaml): not noted
GLOBAL_FIELDS = frozenset({"site", "site_source"})


class TrackedCatalog:
    """The catalog as a render worker sees it while a cached build records: same attributes, reads noted.

    Properties and methods run with this object as `self`, so what they read is noted too; a derived index
    (a cached property of the catalog) is computed once on the real catalog and read through a tracked mapping.
    """

    def __init__(self, catalog: Any):
        self._catalog = catalog
        self._cls = type(catalog)
        self.entries = _TrackedKinds(catalog.entries)
        self.sources = _TrackedKinds(catalog.sources)
        for name in GLOBAL_FIELDS:
            setattr(self, name, getattr(catalog, name))
        self._indexes: dict[str, Any] = {}

    @property
    def media(self) -> Mapping[str, int]:
        _note(("m",))
        return self._catalog.media

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._cls, name, None)
        if isinstance(attribute, cached_property):
            if name not in self._indexes:
                self._indexes[name] = _tracked_index(name, getattr(self._catalog, name))
            found = self._indexes[name]
            if not isinstance(found, TrackedMapping):
                _note(("ia", name))
            return found
        if isinstance(attribute, property):
            assert attribute.fget is not None
            return attribute.fget(self)
        if callable(attribute):
            return MethodType(attribute, self)
        raise AttributeError(f"the catalog has no tracked attribute {name!r}: add it to pkc/incremental/tracking.py")


def _tracked_index(name: str, value: Any) -> Any:
    if isinstance(value, Mapping):
        return TrackedMapping(value, ("i", name), ("ik", name), ("ia", name))
    return value
