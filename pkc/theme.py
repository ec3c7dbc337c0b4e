"""The site's look: where templates, interface texts and static assets come from, and the theme colour."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, Problems
from .sourcefile import load_file


def _default_templates() -> Path:
    """pkc's own templates, interface texts and static assets: a site without `templates/` is rendered with them.

    In an installed wheel they are the package's `templates/` folder; in a source checkout (or an editable
    install) they are the repository's top-level `templates/`, which the wheel is built from.
    """
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


DEFAULT_TEMPLATES = _default_templates()

STATIC_FOLDER = "static"
ASSET_PREFIX = "assets/"


def template_dirs(site_dir: Path) -> list[Path]:
    """Template folders in lookup order: the site's own first, then the defaults."""
    own = site_dir / "templates"
    dirs = [own] if own.is_dir() else []
    if DEFAULT_TEMPLATES.is_dir() and DEFAULT_TEMPLATES not in [d.resolve() for d in dirs]:
        dirs.append(DEFAULT_TEMPLATES)
    return dirs


@dataclass(frozen=True)
class Strings:
    """The interface texts of one language: `t['home']`, `t.fmt('ages', min=0, max=6)`."""

    lang: str
    values: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def __getattr__(self, key: str) -> str:
        try:
            return self.values[key]
        except KeyError:
            raise AttributeError(key) from None

    def fmt(self, key: str, **values: object) -> str:
        return self.values[key].format(**values)


def load_strings(site_dir: Path, languages: list[str], problems: Problems) -> dict[str, Strings]:
    """Interface texts for every site language, from the first template folder that has them."""
    result: dict[str, Strings] = {}
    reference_keys: set[str] | None = None
    for lang in languages:
        found = None
        for folder in template_dirs(site_dir):
            path = folder / "i18n" / f"{lang}.yaml"
            if path.is_file():
                found = path
                break
        if found is None:
            problems.error(Location("site.yaml"), f"there are no interface texts for the language '{lang}'",
                           f"add templates/i18n/{lang}.yaml (copy en.yaml and translate it)")
            continue
        rel = _display_path(found, site_dir)
        doc, file_problems = load_file(found, rel)
        problems.extend(file_problems)
        if doc is None or not isinstance(doc.data, dict):
            continue
        values = {str(k): str(v) for k, v in doc.data.items()}
        if reference_keys is None:
            reference_keys = set(values)
        missing = sorted(reference_keys - set(values))
        if missing:
            problems.error(Location(rel), f"interface texts missing in '{lang}': {', '.join(missing)}",
                           "add the missing keys (compare with the first language's file)")
        result[lang] = Strings(lang, values)
    return result


def _display_path(path: Path, site_dir: Path) -> str:
    try:
        return path.resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return str(path)


def static_files(site_dir: Path) -> dict[str, Path]:
    """Static assets by output path ('assets/style.css'); a site's own file overrides the default."""
    files: dict[str, Path] = {}
    for folder in reversed(template_dirs(site_dir)):
        static = folder / STATIC_FOLDER
        if not static.is_dir():
            continue
        for path in sorted(static.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files[ASSET_PREFIX + path.relative_to(static).as_posix()] = path
    return files


# --- colour -----------------------------------------------------------------------------------------

def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two '#rrggbb' colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def theme_css(primary: str) -> str:
    """The stylesheet that carries the site's own colour (no inline styles, so a strict CSP holds)."""
    return f":root {{\n  --primary: {primary};\n}}\n"


def check_theme_colour(primary: str, where: Location, problems: Problems) -> None:
    """The primary colour is used for links and white text on it: both need WCAG AA contrast (4.5:1)."""
    ratio = contrast_ratio(primary, "#ffffff")
    if ratio < 4.5:
        problems.error(where, f"the colour {primary} has too little contrast with white "
                              f"({ratio:.2f}:1, at least 4.5:1 is needed)",
                       "choose a darker colour so that links and white text on it stay readable")
