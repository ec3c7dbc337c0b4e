"""Audit every page of a built site in Chromium: axe-core violations and horizontal overflow at 320 px.

Pages are loaded several at a time with Playwright's async API, in a thread of its own so that it never meets
the synchronous Playwright of the other browser tests.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from .browser import CHROMIUM, CHROMIUM_ARGS, run_in_own_thread

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rules switched off, each with its reason. (None so far: every rule runs.)
AXE_DISABLED: dict[str, str] = {}
REFLOW_WIDTH = 320


@dataclass
class PageAudit:
    path: str
    violations: list[dict] = field(default_factory=list)
    scroll_width: int = 0


_RUN_AXE = """async ([tags, disabled]) => {
    const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, rules });
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary),
    }));
}"""


async def _audit(base_url: str, paths: list[str], concurrency: int) -> list[PageAudit]:
    from playwright.async_api import async_playwright

    axe_source = AXE.read_text(encoding="utf-8")
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    audits: list[PageAudit] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        async def worker() -> None:
            page = await browser.new_page(viewport={"width": REFLOW_WIDTH, "height": 720})
            while not queue.empty():
                path = queue.get_nowait()
                await page.goto(base_url + path)
                await page.evaluate(axe_source)
                violations = await page.evaluate(_RUN_AXE, [AXE_TAGS, list(AXE_DISABLED)])
                width = await page.evaluate("document.documentElement.scrollWidth")
                audits.append(PageAudit(path, violations, width))
            await page.close()

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        await browser.close()
    return sorted(audits, key=lambda audit: audit.path)


def audit_site(base_url: str, paths: list[str], concurrency: int = 3) -> list[PageAudit]:
    """Audit `paths` (relative to `base_url`) and return one PageAudit per page."""
    return run_in_own_thread(_audit(base_url, paths, concurrency))
