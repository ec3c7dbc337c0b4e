"""The site's look: where templates, interface texts and static assets come from, and the theme colour."""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from .errors import BuildError, Location, Problems
from .sitefiles import UnsafeFile, check_inside, check_site_file, read_site_file
from .sourcefile import MAX_FILE_BYTES, load_file


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
MAX_STATIC_BYTES = 25 * 1024 * 1024  # a font or an image; Cloudflare Pages serves no larger file either


def template_dirs(site_dir: Path) -> list[Path]:
    """Template folders in lookup order: the site's own first, then the defaults."""
    own = site_dir / "templates"
    dirs = [own] if own.is_dir() else []
    if DEFAULT_TEMPLATES.is_dir() and DEFAULT_TEMPLATES not in [d.resolve() for d in dirs]:
        dirs.append(DEFAULT_TEMPLATES)
    return dirs


def _root(folder: Path, site_dir: Path) -> Path | None:
    """The directory a template folder's files must stay inside: the site's for its own, none for pkc's."""
    return site_dir if folder == site_dir / "templates" else None


def check_site_templates(site_dir: Path, problems: Problems) -> None:
    """Every file of the site's own templates/ (templates, i18n, static) is a regular file inside the site."""
    own = site_dir / "templates"
    if not own.is_dir() and not own.is_symlink():
        return
    try:
        check_inside(own, site_dir)
    except UnsafeFile as exc:
        problems.error(Location("templates"), exc.message.replace("this ", "this folder ", 1), exc.hint)
        return
    for folder, dirs, names in os.walk(own):
        for name in sorted(dirs + names):
            path = Path(folder) / name
            rel = path.relative_to(site_dir).as_posix()
            try:
                if name in dirs:
                    check_inside(path, site_dir)  # a linked folder is not walked, but Jinja would follow it
                elif not name.startswith("."):
                    check_site_file(path, site_dir)
            except UnsafeFile as exc:
                problems.error(Location(rel), exc.message, exc.hint)
            except OSError as exc:
                problems.error(Location(rel), f"cannot read the file: {exc.strerror or exc}")


class SiteTemplateLoader(jinja2.FileSystemLoader):
    """Jinja's file loader that reads the site's own templates through pkc.sitefiles (pkc's own are trusted)."""

    def __init__(self, site_dir: Path):
        self.folders = template_dirs(site_dir)
        self.site_dir = site_dir
        super().__init__([str(d) for d in self.folders])

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..'
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            try:
                source = read_site_file(path, _root(folder, self.site_dir), MAX_FILE_BYTES).decode("utf-8")
            except (UnsafeFile, OSError, UnicodeDecodeError) as exc:
                raise jinja2.TemplateError(f"{_display_path(path, self.site_dir)}: {getattr(exc, 'message', exc)}") \
                    from None
            mtime = os.path.getmtime(path)

            def uptodate(path: Path = path, mtime: float = mtime) -> bool:
                try:
                    return os.path.getmtime(path) == mtime
                except OSError:
                    return False

            return source, str(path), uptodate
        raise jinja2.TemplateNotFound(template)


@dataclass(frozen=True)
class Strings:
    """The interface texts of one language: `t['home']`, `t.fmt('ages', min=0, max=6)`."""

    lang: str
    values: Mapping[str, str]

    def __post_init__(self) -> None:
        # Templates read `t.phone` hundreds of times a page. Held as the instance's own attributes, a text is found
        # at once; through __getattr__ every read first failed the ordinary lookup (~1.7 µs more each). A key
        # that names an attribute of the class (`fmt`, `lang`) stays as __getattr__ gives it: the attribute.
        shadowed = {field.name for field in fields(self)}
        self.__dict__.update({key: value for key, value in self.values.items()
                              if key not in shadowed and not hasattr(Strings, key)})

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
        found, root = None, None
        for folder in template_dirs(site_dir):
            path = folder / "i18n" / f"{lang}.yaml"
            if os.path.lexists(path):  # a link or a pipe in its place is reported by load_file
                found, root = path, _root(folder, site_dir)
                break
        if found is None:
            problems.error(Location("site.yaml"), f"there are no interface texts for the language '{lang}'",
                           f"add templates/i18n/{lang}.yaml (copy en.yaml and translate it)")
            continue
        rel = _display_path(found, site_dir)
        doc, file_problems = load_file(found, rel, root)
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


def static_assets(site_dir: Path) -> dict[str, bytes]:
    """Static assets by output path ('assets/style.css'); a site's own file overrides the default.

    check_site_templates has reported any link, pipe or device among the site's own; one that appears
    after that check fails the build here.
    """
    files: dict[str, bytes] = {}
    for folder in reversed(template_dirs(site_dir)):
        static = folder / STATIC_FOLDER
        if not static.is_dir():
            continue
        root = _root(folder, site_dir)
        for parent, _, names in os.walk(static):  # linked folders are not walked
            for name in sorted(names):
                path = Path(parent) / name
                if name.startswith("."):
                    continue
                try:
                    files[ASSET_PREFIX + path.relative_to(static).as_posix()] = read_site_file(
                        path, root, MAX_STATIC_BYTES)
                except (UnsafeFile, OSError) as exc:
                    raise BuildError(f"{_display_path(path, site_dir)}: {getattr(exc, 'message', exc)}") from None
    return dict(sorted(files.items()))


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
