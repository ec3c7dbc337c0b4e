"""How often each fragment (a macro of the templates: service card, place row, contact, location block …) is
rendered in one build, against how many distinct ones there are: the case for rendering each once per language.

Every page of every language is rendered once, in this process, with Jinja's `Macro._invoke` wrapped to count
calls (nothing is written). For each (language, macro):

- calls: how many times the macro ran;
- distinct data: distinct values of its first argument (the card, contact, location … compared by value, not
  identity): what rendering each fragment once per language would render;
- distinct calls: distinct values of all its arguments (a heading level too);
- distinct outputs: distinct HTML it returned — fewer than calls only where the output could be reused as it
  is today; links are page-relative (`../../palvelut/x/`), so the same card differs by the depth of its page;
- outputs without links: distinct HTML once every href="…" is blanked: what reuse gives with links that do not
  depend on the page (root-relative, or one variant per depth).

A list macro (service_rows(rows) …) also counts its items under 'macro[]': one row per item. The view functions
that build a fragment's data (VIEW_FUNCTIONS: Cards.service_card(slug) …) are counted the same way, as
'Class.method()': how often each card is built against how many distinct ones.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import jinja2.runtime

from pkc.build import BuildOptions, check
from pkc.localize import Localizer
from pkc.render import Planned, Renderer, environment, page_keys
from pkc.urls import Site, normalise_base_url, page_path
from pkc.views.cards import Cards
from pkc.views.essentials import Essentials
from pkc.views.pages import Pages

_HREF = re.compile(r'href="[^"]*"')
# the functions that build the data of a repeated fragment, once per call today
VIEW_FUNCTIONS = [(Cards, "service_card"), (Cards, "place_card"), (Cards, "contact"), (Cards, "location"),
                  (Cards, "service_area"), (Essentials, "service"), (Localizer, "markdown")]


def value_key(value: object) -> object:
    """A hashable key equal for equal values: dataclasses by their fields, texts by their text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,) + tuple(value_key(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (list, tuple)):
        return tuple(value_key(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), value_key(v)) for k, v in value.items()))
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return (type(value).__name__, str(value))


@dataclass
class Tally:
    calls: int = 0
    output_bytes: int = 0
    inputs: set = field(default_factory=set)  # first argument: the fragment's data
    calls_by_value: set = field(default_factory=set)  # all arguments
    outputs: set = field(default_factory=set)
    unlinked: set = field(default_factory=set)


def count_fragments(site_dir: Path, today: dt.date) -> tuple[dict[tuple[str, str], Tally], dict[str, int]]:
    """Render every page once in each language, counting macro calls; (counts per (lang, macro), pages per lang)."""
    checked = check(BuildOptions(site_dir=site_dir, today=today))
    catalog = checked.catalog
    site = Site(normalise_base_url(catalog.site.base_url))
    renderer = Renderer(environment(site_dir), catalog, checked.strings, site, today, checked.share_image)
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    pages: dict[str, int] = {}
    current = {"lang": ""}
    original = jinja2.runtime.Macro._invoke

    def counted(self, arguments, autoescape):  # type: ignore[no-untyped-def]
        output = original(self, arguments, autoescape)
        tally = tallies[(current["lang"], self.name)]
        tally.calls += 1
        tally.output_bytes += len(output)
        given = arguments[:len(self.arguments)]
        tally.inputs.add(value_key(given[0]) if given else ())
        tally.calls_by_value.add(value_key(given))
        tally.outputs.add(hash(output))
        tally.unlinked.add(hash(_HREF.sub('href=""', output)))
        for argument in given:
            if isinstance(argument, (list, tuple)) and argument and dataclasses.is_dataclass(argument[0]):
                items = tallies[(current["lang"], self.name + "[]")]
                items.calls += len(argument)
                items.inputs.update(value_key(item) for item in argument)
        return output

    def view_counter(cls: type, name: str):  # type: ignore[no-untyped-def]
        function = getattr(cls, name)

        def counted_view(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            tally = tallies[(current["lang"], f"{cls.__name__}.{name}()")]
            tally.calls += 1
            tally.inputs.add(value_key((args, kwargs)))
            return function(self, *args, **kwargs)
        return function, counted_view

    originals = []
    for cls, name in VIEW_FUNCTIONS:
        function, wrapper = view_counter(cls, name)
        originals.append((cls, name, function))
        setattr(cls, name, wrapper)
    jinja2.runtime.Macro._invoke = counted  # type: ignore[method-assign]
    try:
        keys = page_keys(catalog)
        for lang in catalog.languages:
            current["lang"] = lang
            views = Pages(catalog, Localizer(lang, catalog.languages, checked.strings[lang], today))
            for key in keys:
                path = page_path(key, lang)
                renderer.render(Planned(views.view(key), lang, path))
            pages[lang] = len(keys)
    finally:
        jinja2.runtime.Macro._invoke = original  # type: ignore[method-assign]
        for cls, name, function in originals:
            setattr(cls, name, function)
    return dict(tallies), pages


def fragment_table(tallies: dict[tuple[str, str], Tally], pages: dict[str, int], top: int) -> list[str]:
    """The macros rendered most often, summed over languages (distinct ones counted per language)."""
    summed: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for (_, name), tally in tallies.items():
        row = summed[name]
        for index, value in enumerate((tally.calls, len(tally.inputs), len(tally.calls_by_value), len(tally.outputs),
                                       len(tally.unlinked), tally.output_bytes)):
            row[index] += value
    lines = [f"pages rendered: {sum(pages.values()):,} in {len(pages)} languages; 'macro[]': the items of a list "
             "macro's first argument",
             f"{'macro (fragment)':24}{'calls':>9}{'distinct data':>14}{'calls/data':>11}{'distinct calls':>15}"
             f"{'distinct out':>13}{'out w/o links':>14}{'HTML MiB':>9}"]
    for name, (calls, inputs, by_value, outputs, unlinked, size) in sorted(summed.items(),
                                                                          key=lambda kv: -kv[1][0])[:top]:
        item = name.endswith(("[]", ")"))
        cells = ["–"] * 4 if item else [f"{by_value:,}", f"{outputs:,}", f"{unlinked:,}", f"{size / 2**20:.1f}"]
        lines.append(f"{name:24}{calls:>9,}{inputs:>14,}{calls / max(inputs, 1):>11.1f}{cells[0]:>15}"
                     f"{cells[1]:>13}{cells[2]:>14}{cells[3]:>9}")
    return lines
