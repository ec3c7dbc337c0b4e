"""Reading py-spy's collapsed stacks (`--format raw`) of a `pkc build`: stages, templates, functions, modules.

One line of the raw format is one distinct stack and how many samples it got:

    process 1:"python -m pkc build";process 2:"…";<module> (pkc/__main__.py:4);…;escape (markupsafe/__init__.py:40) 12

With `--subprocesses` every line starts with the process chain. A forked render worker's stack also starts with
the frames of the parent it was forked from (down to `Popen._launch`), so a sample is told to be a worker's by
`_process_worker` in its stack, never by its process prefix.

Jinja compiles a template to Python whose frames carry the template's file name (`root (service.html:57)`,
`block_content (service.html:80)`, `root.<locals>.macro (macros.html:312)`), with the line numbers of the
generated Python, not of the template. `TemplateMap` recompiles each template the same way to name the macro a
line belongs to, so that `macros.html` splits into `service_card`, `place_rows` … (page templates are named by
file and block).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import jinja2

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")

# Stages, first match wins: a rule matches a sample when one of its (function, file) frames is on the stack.
# The worker's rules come first: its stack also holds the parent's frames it was forked from.
STAGES: list[tuple[str, tuple[tuple[str, str], ...]]] = [
    ("render worker: calendars (.ics)", (("Calendars.file", "pkc/calendar.py"),)),
    ("render worker: view data (Pages.view)", (("Pages.view", "pkc/views/pages.py"),)),
    # a page's hidden search words: computed when base.html asks for them, Voikko's base forms included
    ("render worker: search words (SearchEntry.hidden)", (("SearchEntry.hidden", "pkc/views/search.py"),)),
    ("render worker: soft hyphens (hyphenate_page)", (("hyphenate_page", "pkc/hyphenate.py"),)),
    ("render worker: JSON-LD (StructuredData)", (("Renderer._structured_data", "pkc/render.py"),
                                                  ("StructuredData.for_page", "pkc/structured.py"),
                                                  ("script_json", "pkc/structured.py"))),
    ("render worker: page frame context (_frame)", (("Renderer._frame", "pkc/render.py"),)),
    ("render worker: Jinja templates", (("Renderer._render", "pkc/render.py"), ("Renderer.render", "pkc/render.py"))),
    ("render worker: setup (_Worker.__init__)", (("_Worker.__init__", "pkc/pagewriter.py"),)),
    ("render worker: writing files", (("_Worker.write", "pkc/pagewriter.py"),)),
    ("render worker: pool and pickling", (("_process_worker", "concurrent/futures/process.py"),)),
    ("load content", (("load_sources", "pkc/loader.py"),)),
    ("check content", (("check", "pkc/build.py"),)),
    ("HSDS open data (building, encoding)", (("hsds_files", "pkc/hsds/__init__.py"),)),
    ("feeds, sitemap, search words, assets", (("news_feeds", "pkc/build.py"), ("search_words", "pkc/build.py"),
                                              ("sitemap_files", "pkc/sitemap.py"), ("site_assets", "pkc/build.py"))),
    ("root and 404 pages", (("Renderer.render_root", "pkc/render.py"),
                            ("Renderer.render_not_found", "pkc/render.py"))),
    ("writing files (parent: HSDS, feeds …)", (("write_files", "pkc/output.py"),)),
    ("search: Pagefind runs, bundle rewritten", (("Indexer.finish", "pkc/search.py"),
                                                  ("Indexer.language_done", "pkc/search.py"))),
    ("parent: feeding the render pool", (("render_and_write", "pkc/pagewriter.py"),)),
    ("staging output (move into place)", (("staged_output", "pkc/output.py"),)),
    ("start-up and imports", (("<module>", ""),)),
]
OTHER = "other"


@dataclass(frozen=True)
class Frame:
    func: str
    file: str  # as py-spy shows it: relative to sys.path ('pkc/render.py', 'jinja2/runtime.py', 'service.html')
    line: int

    @property
    def function(self) -> str:
        return f"{self.func} ({self.file})"


def parse_frame(text: str) -> Frame | None:
    """A frame of the raw format; None for the 'process N:"command"' prefix."""
    if text.startswith("process ") and ':"' in text:
        return None
    match = _FRAME.match(text)
    if match is None:
        return Frame(text, "", 0)
    return Frame(match["func"], match["file"], int(match["line"] or 0))


def read_collapsed(text: str) -> list[tuple[list[Frame], int]]:
    """Stacks (outermost frame first) with their sample counts."""
    stacks = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line:
            continue
        stack, _, count = line.rpartition(" ")
        frames = [frame for frame in (parse_frame(part) for part in stack.split(";")) if frame is not None]
        stacks.append((frames, int(count)))
    return stacks


def stage_of(frames: list[Frame]) -> str:
    on_stack = {(frame.func, frame.file) for frame in frames}
    funcs = {frame.func for frame in frames}
    for stage, markers in STAGES:
        for func, file in markers:
            if (func, file) in on_stack or (not file and func in funcs):
                return stage
    return OTHER


class TemplateMap:
    """Names the template unit a compiled template's frame belongs to: 'service.html', 'macros.html:service_card'."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self._macros: dict[str, tuple[list[int], list[str]]] = {}
        self.files = set(env.list_templates(filter_func=lambda name: name.endswith(".html")))

    def is_template(self, frame: Frame) -> bool:
        return PurePosixPath(frame.file).name in self.files and not frame.file.endswith(".py")

    def unit(self, frame: Frame) -> str:
        name = PurePosixPath(frame.file).name
        if ".<locals>.macro" in frame.func or frame.func == "macro":
            return f"{name}:{self._macro_at(name, frame.line)}"
        if frame.func.startswith("block_"):
            return f"{name} {{% block {frame.func[len('block_'):].split('.')[0]} %}}"
        return name

    def _macro_at(self, name: str, line: int) -> str:
        if name not in self._macros:
            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            python = self.env.compile(source, name, filename, raw=True)
            starts, names = [], []
            pending: int | None = None
            for number, text in enumerate(python.splitlines(), start=1):
                if re.match(r"\s*def macro\(", text):
                    pending = number
                found = re.search(r"Macro\(environment, macro, '([^']+)'", text)
                if found and pending is not None:  # the Macro(...) line after a def names it
                    starts.append(pending)
                    names.append(found[1])
                    pending = None
            self._macros[name] = (starts, names)
        starts, names = self._macros[name]
        index = bisect.bisect_right(starts, line) - 1
        return names[index] if index >= 0 else "(macro)"

    def template_line(self, frame: Frame) -> str:
        """'base.html:97': the template line whose compiled Python the frame is running (Jinja's debug_info)."""
        name = PurePosixPath(frame.file).name
        line = self.env.get_template(name).get_corresponding_lineno(frame.line)
        return f"{name}:{line}"


@dataclass
class Profile:
    """Samples summed by stage, function, module and template unit (self: the frame on top; total: on the stack)."""

    rate: float
    samples: int = 0
    stages: Counter = field(default_factory=Counter)
    self_functions: Counter = field(default_factory=Counter)
    total_functions: Counter = field(default_factory=Counter)
    self_modules: Counter = field(default_factory=Counter)
    self_units: Counter = field(default_factory=Counter)  # template unit the sample's innermost template frame is
    total_units: Counter = field(default_factory=Counter)
    self_lines: Counter = field(default_factory=Counter)  # template line of the innermost template frame
    template_samples: int = 0  # samples with a template frame on the stack

    def seconds(self, samples: int) -> float:
        return samples / self.rate


def module_of(frame: Frame, templates: TemplateMap) -> str:
    if templates.is_template(frame):
        return "templates (compiled Jinja)"
    parts = PurePosixPath(frame.file).parts
    if not parts:
        return frame.file or "?"
    if parts[0] == "pkc":
        return "/".join(parts[:2]) if len(parts) > 2 else frame.file
    return parts[0].removesuffix(".py")


def summarise(stacks: list[tuple[list[Frame], int]], templates: TemplateMap, rate: float) -> Profile:
    profile = Profile(rate)
    for frames, count in stacks:
        if not frames:
            continue
        profile.samples += count
        profile.stages[stage_of(frames)] += count
        leaf = frames[-1]
        profile.self_functions[leaf.function] += count
        profile.self_modules[module_of(leaf, templates)] += count
        for function in {frame.function for frame in frames}:
            profile.total_functions[function] += count
        inner = [frame for frame in frames if templates.is_template(frame)]
        units = [templates.unit(frame) for frame in inner]
        if units:
            profile.self_lines[templates.template_line(inner[-1])] += count
            profile.template_samples += count
            profile.self_units[units[-1]] += count  # time in the innermost template, with what it calls
            for unit in set(units):
                profile.total_units[unit] += count
    return profile


# Macros that pages repeat (a card, a contact, a location … rendered many times per distinct one: see
# profile_fragments.py), and the view functions that build their data on every call.
REPEATED_MACROS = frozenset({"service_card", "service_list", "place_card", "place_list", "link_list", "open_status",
                             "schedule_block", "contacts_section", "contact_card", "location_block", "address_block",
                             "materials_section", "accessibility_section", "services_and_places", "grouped_services"})
REPEATED_VIEWS = frozenset({"Cards.service_card", "Cards.service_cards", "Cards.place_card", "Cards.place_cards",
                            "Cards.contact", "Cards.contacts", "Cards.location", "Cards.service_area",
                            "Localizer.markdown"})


def lever_samples(stacks: list[tuple[list[Frame], int]], templates: TemplateMap) -> Counter:
    """Samples that each lever of issue 17 would act on (a sample may count for more than one lever):

    - 'site frame': base.html's own work (head, header, navigation, footer — not the hidden search words it asks
      for) and the context Renderer._frame prepares for it, on every page;
    - 'repeated fragments': time inside the REPEATED_MACROS and REPEATED_VIEWS;
    - the others by the function on the stack.
    """
    levers: Counter = Counter()
    for frames, count in stacks:
        funcs = {frame.func for frame in frames}
        inner = [templates.unit(frame) for frame in frames if templates.is_template(frame)]
        if "SearchEntry.hidden" in funcs:
            levers["hidden search words per page (SearchEntry.hidden)"] += count
        elif (inner and inner[-1] == "base.html") or "Renderer._frame" in funcs:
            levers["site frame per page (base.html's own work, _frame)"] += count
        if any(unit.split(":")[-1] in REPEATED_MACROS for unit in inner if unit.startswith("macros.html:")) \
                or funcs & REPEATED_VIEWS:
            levers["repeated fragments (cards, contacts, locations: macros and views)"] += count
        if "hyphenate_page" in funcs:
            levers["soft hyphens over the whole page (hyphenate_page)"] += count
        stage = stage_of(frames)
        if stage in ("render worker: writing files", "writing files (parent: HSDS, feeds …)"):
            levers["writing files (open, mkdir, write)"] += count
        elif stage.startswith(("render worker: calendars", "HSDS", "render worker: JSON-LD")):
            levers[stage.removeprefix("render worker: ")] += count
    return levers
