"""Where an output may be written: never over the site, anything holding it, or any of its sources.

Compared by real paths (symlinks followed), never by markers: a content pull request can put a `.pkc-build`
marker anywhere in the site, so a marker says nothing about whether a folder may be replaced.
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import BuildError
from .model.registry import KINDS

# What a site is made of, by name in its root: its settings and content, its theme (templates/), what
# `pkc schema` writes (schemas/, docs/). Hidden entries (.git, .github …) are refused by their leading dot.
SOURCES: tuple[str, ...] = tuple(sorted({"site.yaml", "content", "templates", "schemas", "docs"}
                                        | {kind.folder.split("/")[0] for kind in KINDS}))


def output_place(out_dir: Path, site_dir: Path) -> Path:
    """The real path of `out_dir`; raise BuildError if writing there could replace any part of the site."""
    try:
        out = out_dir.resolve()
        site = site_dir.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        raise BuildError(f"cannot tell where the output {out_dir} is: {exc}") from exc
    advice = f"write it to {site / 'public'} (the default) or to a folder outside the site"
    given = out_dir.absolute()
    refused = f"refusing to write the output into {given}" + (f" (really {out})" if given != out else "")
    if out == site:
        raise BuildError(f"{refused}: that is the site {site} itself, which the output would replace; {advice}")
    if out in site.parents:
        raise BuildError(f"{refused}: it holds the site {site}, which the output would replace; {advice}")
    if site in out.parents:
        top = out.relative_to(site).parts[0]
        if top.lower() in SOURCES or top.startswith("."):  # lower(): macOS does not tell Content from content
            where = "that is" if out == site / top else "it is inside"
            raise BuildError(f"{refused}: {where} {site / top}, part of the site {site}; {advice}")
    for name in SOURCES:  # a source may be a symlink to a folder outside the site
        source = (site / name).resolve()
        if not source.exists():
            continue
        if out == source or out in source.parents or source in out.parents:
            raise BuildError(f"{refused}: the site {site} reads its {name} from {source}, which the output "
                             f"would replace or sit in; {advice}")
    _no_link_in_site(Path(os.path.normpath(given)), Path(os.path.normpath(site_dir.absolute())), refused)
    return out


def _no_link_in_site(out: Path, site: Path, refused: str) -> None:
    """An output named inside the site goes through no symlink there: a pull request can commit one (public ->
    /srv/www/another-site) to have the build replace whatever it points to."""
    if site not in out.parents:
        return
    step = site
    for part in out.relative_to(site).parts:
        step = step / part
        if step.is_symlink():
            raise BuildError(f"{refused}: {step} is a symbolic link in the site {site}, to "
                             f"{os.readlink(step)}; name the folder it points to with --out if that is where "
                             f"the site should go, or make {step} a real folder")


def cache_place(cache_dir: Path, site_dir: Path, out_dir: Path) -> Path:
    """The real path of a build cache; raise BuildError where its files could replace or be published with the
    site (a hidden folder in the site, such as .pkc-cache, is fine: nothing reads or publishes it)."""
    try:
        cache, site, out = cache_dir.resolve(), site_dir.resolve(), out_dir.resolve()
    except (OSError, RuntimeError) as exc:
        raise BuildError(f"cannot tell where the cache {cache_dir} is: {exc}") from exc
    refused = f"refusing to keep the build cache in {cache_dir.absolute()}"
    advice = f"use a folder of its own, e.g. {site / '.pkc-cache'}"
    if cache == site or cache in site.parents:
        raise BuildError(f"{refused}: it is or holds the site {site}; {advice}")
    if cache == out or out in cache.parents or cache in out.parents:
        raise BuildError(f"{refused}: it is, holds or lies in the output {out}, which every build replaces; {advice}")
    for name in SOURCES:
        source = (site / name).resolve()
        if source.exists() and (cache == source or source in cache.parents or cache in source.parents):
            raise BuildError(f"{refused}: it is, holds or lies in the site's {name}; {advice}")
    if site in cache.parents and cache.relative_to(site).parts[0].lower() in SOURCES:
        raise BuildError(f"{refused}: it lies in the site's {cache.relative_to(site).parts[0]}; {advice}")
    return cache
