"""Search relevance: run family queries through the real search page (Pagefind in Chromium) and score them.

The queries live in `benchmarks/search_queries.yaml`, each with the pages a family would be glad to see in the
top three, decided from the content before running. The benchmark (`benchmarks/search_relevance.py`) runs them
all; a test runs the fixed subset marked `subset: true`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

QUERIES = Path(__file__).resolve().parent.parent / "benchmarks" / "search_queries.yaml"
SEARCH_PATHS = {"fi": "fi/haku/", "sv": "sv/sok/", "en": "en/search/"}
TOP = 10  # results read per query: MRR looks this far


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    kind: str
    expect: tuple[str, ...]
    subset: bool = False


@dataclass
class Outcome:
    """What the search page showed for one query."""

    query: Query
    results: list[str]
    suggestion: str | None = None
    status: str = ""

    @property
    def rank(self) -> int | None:
        """1-based position of the first expected page among the results, or None."""
        for position, path in enumerate(self.results, start=1):
            if path in self.query.expect:
                return position
        return None


@dataclass
class Scores:
    outcomes: list[Outcome] = field(default_factory=list)

    def _share(self, hit) -> float:
        return sum(1 for o in self.outcomes if hit(o)) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def hit1(self) -> float:
        return self._share(lambda o: o.rank == 1)

    @property
    def hit3(self) -> float:
        return self._share(lambda o: o.rank is not None and o.rank <= 3)

    @property
    def mrr(self) -> float:
        if not self.outcomes:
            return 0.0
        return sum(1 / o.rank for o in self.outcomes if o.rank) / len(self.outcomes)

    @property
    def zero(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.results]

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.rank != 1]


def load_queries(path: Path = QUERIES, *, subset: bool = False) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for lang, items in data.items():
        for item in items:
            query = Query(lang, str(item["q"]), item.get("kind", ""), tuple(item["expect"]),
                          bool(item.get("subset", False)))
            if query.subset or not subset:
                queries.append(query)
    return queries


# The search page marks each finished search on its form (data-search-done="<query>"), results included.
_READ = """() => {
    const form = document.querySelector('form[data-search]');
    const links = [...document.querySelectorAll('.search-result h2 a')].map(a => a.getAttribute('href'));
    const suggestion = document.querySelector('[data-search-suggestion] a');
    return {done: form.dataset.searchDone, links,
            status: document.querySelector('[data-search-status]').textContent,
            suggestion: suggestion ? suggestion.textContent : null};
}"""


def run_queries(page, base_url: str, queries: Iterable[Query]) -> list[Outcome]:
    """Type each query into its language's search page and read the results as a family would see them."""
    outcomes = []
    loaded = None
    for query in queries:
        if loaded != query.lang:
            page.goto(base_url + SEARCH_PATHS[query.lang])
            page.wait_for_function("document.querySelector('form[data-search]').dataset.searchDone !== undefined")
            loaded = query.lang
        page.fill("#search-input", query.text)
        page.press("#search-input", "Enter")
        page.wait_for_function("q => document.querySelector('form[data-search]').dataset.searchDone === q",
                               arg=query.text.strip())
        shown = page.evaluate(_READ)
        prefix = base_url.split("/", 3)[3] if base_url.count("/") > 3 else ""
        paths = [href.lstrip("/").removeprefix(prefix) for href in shown["links"][:TOP]]
        outcomes.append(Outcome(query, paths, shown["suggestion"], shown["status"]))
    return outcomes


def score(outcomes: Iterable[Outcome]) -> dict[str, Scores]:
    by_lang: dict[str, Scores] = {}
    for outcome in outcomes:
        by_lang.setdefault(outcome.query.lang, Scores()).outcomes.append(outcome)
    return by_lang
