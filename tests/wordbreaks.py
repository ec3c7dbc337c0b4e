"""Where Chromium breaks a word across lines without a hyphen, in the headings and navigation of built pages.

A word ("perhekeskuksessa") that is wider than its line is broken anywhere by `overflow-wrap: anywhere` unless it
holds a soft hyphen where it can break. For every word of every heading (h1–h6) and navigation (nav) text, the
rectangle of each of its characters says on which line the character is; a line change between two letters with
no soft hyphen between them is a break without a hyphen.

Pages are loaded several at a time with Playwright's async API, in a thread of its own (like tests/audit.py), so
that it never meets the synchronous Playwright of the other browser tests.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass

from .browser import CHROMIUM, CHROMIUM_ARGS, run_in_own_thread

# Returns {broken: ["word as broken, with | where it broke", …], hyphenated: how many breaks were at a soft hyphen}
# for the page's headings and navigation.
_LINE_BREAKS = r"""() => {
    const SCOPES = 'h1, h2, h3, h4, h5, h6, nav';
    const WORD = /[\p{L}\p{M}\u00ad]+/gu;
    const broken = [];
    let hyphenated = 0;
    const range = document.createRange();
    // a letter's own box is its last: after a soft hyphen's break the letter also reports the hyphen's box
    const ownRect = () => Array.from(range.getClientRects()).filter((r) => r.width > 0).pop();
    for (const scope of document.querySelectorAll(SCOPES)) {
        if (scope.parentElement && scope.parentElement.closest(SCOPES)) continue;  // counted with its ancestor
        const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(WORD)) {
                const word = match[0];
                range.setStart(node, match.index);
                range.setEnd(node, match.index + word.length);
                if (Array.from(range.getClientRects()).filter((r) => r.width > 0).length < 2) continue;
                let previous = null, cuts = [];
                for (let i = 0; i < word.length; i++) {
                    range.setStart(node, match.index + i);
                    range.setEnd(node, match.index + i + 1);
                    const rect = ownRect();
                    if (!rect) continue;  // an unused soft hyphen has no width
                    if (previous && rect.top >= previous.rect.bottom - 1) {
                        if (word.slice(previous.index, i).includes('\u00ad')) hyphenated++;
                        else cuts.push(i);
                    }
                    previous = { rect, index: i };
                }
                if (cuts.length) {
                    let shown = '', from = 0;
                    for (const cut of cuts) { shown += word.slice(from, cut) + '|'; from = cut; }
                    broken.push((shown + word.slice(from)).replace(/\u00ad/g, ''));
                }
            }
        }
    }
    return { broken, hyphenated };
}"""


@dataclass(frozen=True)
class LineBreaks:
    """How the words of a page's headings and navigation broke across lines."""

    broken: list[str]  # broken without a hyphen, each with a | where it broke
    hyphenated: int  # breaks at a soft hyphen


async def _scan(base_url: str, paths: list[str], width: int, concurrency: int) -> dict[str, LineBreaks]:
    from playwright.async_api import async_playwright

    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    found: dict[str, LineBreaks] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        async def worker() -> None:
            page = await browser.new_page(viewport={"width": width, "height": 720})
            while not queue.empty():
                path = queue.get_nowait()
                await page.goto(base_url + path)
                found[path] = LineBreaks(**await page.evaluate(_LINE_BREAKS))
            await page.close()

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        await browser.close()
    return dict(sorted(found.items()))


def line_breaks(base_url: str, paths: list[str], width: int = 320, concurrency: int = 3) -> dict[str, LineBreaks]:
    """For each of `paths` (relative to `base_url`) shown `width` CSS pixels wide: how Chromium broke the words of
    its headings and navigation."""
    return run_in_own_thread(_scan(base_url, paths, width, concurrency))
