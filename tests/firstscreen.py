"""What a phone shows first: where the first way to call or book sits on the pages of a built site.

Shared by benchmarks/first_screen.py (prints the distribution) and tests/test_first_screen.py (asserts it).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from pkc.build import BuildOptions, Checked, check
from pkc.urls import PageKey, page_path

PHONE = {"width": 360, "height": 800}
# the first call or booking link inside the page's main content, as a family sees it
_MEASURE = """() => {
  const header = document.querySelector('header.site-header');
  const action = [...document.querySelectorAll('main a[href^="tel:"], main a.booking, main a.button')]
    .find(a => a.getClientRects().length > 0);
  const box = action ? action.getBoundingClientRect() : null;
  return {header: header ? header.getBoundingClientRect().height : 0,
          top: box ? box.top + window.scrollY : null, bottom: box ? box.bottom + window.scrollY : null,
          height: document.documentElement.scrollHeight};
}"""


@dataclass(frozen=True)
class Measured:
    path: str
    header: float
    top: float | None     # None: the page has no phone number and no booking link
    bottom: float | None
    height: float


def entry_paths(site_dir: Path, kinds=("service", "place", "location")) -> list[str]:
    """Every page of these kinds in every language of the site."""
    checked: Checked = check(BuildOptions(site_dir=site_dir, out_dir=site_dir / "unused"))
    langs = checked.catalog.site.languages
    return [page_path(PageKey(kind, slug), lang)
            for kind in kinds for slug in sorted(checked.catalog.entries[kind]) for lang in langs]


def measure(page, base_url: str, paths: list[str]) -> list[Measured]:
    """Open each page at the phone's size and measure it (the page must already have PHONE's viewport)."""
    found = []
    for path in paths:
        page.goto(base_url + path)
        m = page.evaluate(_MEASURE)
        found.append(Measured(path, m["header"], m["top"], m["bottom"], m["height"]))
    return found


def distribution(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return (f"min {ordered[0]:.0f}, median {statistics.median(ordered):.0f}, 90th {p90:.0f}, max {ordered[-1]:.0f} px"
            f" ({sum(v <= PHONE['height'] for v in ordered)}/{len(ordered)} within {PHONE['height']} px)")
