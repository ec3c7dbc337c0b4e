"""The command line: parses options, calls the library, prints problems. No build logic lives here."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shlex
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import click

from .build import BuildOptions, build, check
from .errors import ContentErrors, PkcError, Problem, format_problem, github_annotation
from .hsds import write_export
from .model.contactfields import InvalidValue, check_base_url
from .model.timefields import YEARS
from .newsite import (
    DEFAULT_LANGUAGES,
    DEFAULT_MUNICIPALITY,
    DEFAULT_NAME,
    NewSite,
    check_target,
    parse_languages,
    write_new_site,
)
from .progress import Silent
from .report import build_report, format_report
from .scaffold import NEW_KINDS, new_entry
from .schema import write_schemas
from .textchars import char_name, forbidden_char, replace_forbidden


def _print_problems(problems: list[Problem], site_dir: Path) -> None:
    for problem in problems:
        click.echo(format_problem(problem, site_dir), err=True)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # annotations on the pull request's changed lines (workflow commands are read from stdout)
        workspace = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd())
        for problem in problems:
            click.echo(github_annotation(problem, site_dir.absolute(), workspace))


def _error(message: str) -> None:
    """Print 'pkc: error: …' on stderr; a control character in a name or value quoted in it is not run."""
    click.echo(f"pkc: error: {replace_forbidden(message, multiline=False)}", err=True)


def _summary(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)


@contextlib.contextmanager
def _reporting_failures(site_dir: Path, outcome: str) -> Iterator[None]:
    """Print a failed run's problems (never a traceback) and exit with status 1."""
    try:
        yield
    except ContentErrors as exc:
        _print_problems(exc.problems, site_dir)
        click.echo(f"pkc: the content has {_summary(exc.problems)}; {outcome}", err=True)
        sys.exit(1)
    except PkcError as exc:
        _error(str(exc))
        click.echo(f"pkc: {outcome}", err=True)
        sys.exit(1)


class ConsoleProgress:
    """Shows a build's stages on stderr: one line per stage with its time; a live counter on a terminal."""

    def __init__(self, verbose: bool = False):
        self.verbose = verbose
        self.live = sys.stderr.isatty()
        self.stage = ""
        self.total: int | None = None
        self.done = 0
        self.started = 0.0
        self.last_shown = -1

    def start(self, stage: str, total: int | None = None) -> None:
        self.stage, self.total, self.done, self.last_shown = stage, total, 0, -1
        self.started = time.perf_counter()
        if self.verbose:
            click.echo(f"{stage}…", err=True)

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if not self.total:
            return
        percent = self.done * 100 // self.total
        if self.live and percent != self.last_shown:
            click.echo(f"\r  {self.stage}: {self.done}/{self.total}", err=True, nl=False)
        elif self.verbose and not self.live and percent // 10 != self.last_shown // 10:
            click.echo(f"  {self.done}/{self.total}", err=True)
        self.last_shown = percent

    def finish(self, summary: str) -> None:
        seconds = time.perf_counter() - self.started
        clear = "\r\033[K" if self.live and self.total else ""
        click.echo(f"{clear}  {self.stage}: {summary} ({seconds:.2f} s)", err=True)


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("write the date as YYYY-MM-DD") from None
    if day.year not in YEARS:  # the same years a date in content may have
        raise click.BadParameter(f"give a date between {YEARS.start} and {YEARS.stop - 1}")
    return day


class _Path(click.Path):
    """click.Path that refuses a NUL character: the operating system cannot take it, and os.stat raises ValueError."""

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if "\0" in str(value):
            self.fail("a path cannot contain U+0000 (NUL)", param, ctx)
        return super().convert(value, param, ctx)


def _one_line(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A one-line option without control characters (an address to listen on is echoed back in messages)."""
    index = None if value is None else forbidden_char(value, multiline=False)
    if value is not None and index is not None:
        raise click.BadParameter(f"it contains {char_name(value[index])}")
    return value


def _parse_base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The option checked by the rules of base_url in site.yaml; a bad one is refused like bad content (exit 1)."""
    if value is None:
        return None
    try:
        return check_base_url(value)
    except InvalidValue as exc:
        _error(f"--base-url: {exc.message}")
        if exc.hint:
            click.echo(f"  = hint: {exc.hint}", err=True)
        click.echo("pkc: nothing was written", err=True)
        sys.exit(1)


MAX_JOBS = 256  # far more than cores on any machine; a million would try to start a million processes
site_option = click.option("--site", "site_dir", type=_Path(file_okay=False, path_type=Path), default=".",
                           show_default=True, help="The site directory (with site.yaml).")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings, such as missing translations, as errors.")


@click.group()
@click.version_option(package_name="pkc", prog_name="pkc", message="%(prog)s %(version)s")
def main() -> None:
    """pkc builds an electronic family centre (sähköinen perhekeskus) from YAML and Markdown."""


today_option = click.option(
    "--today", callback=_parse_date, metavar="YYYY-MM-DD",
    help="The build date: exceptions to opening hours that ended before it are left out, and review dates are "
         "compared with it.  [default: today]")


@main.command(name="check")
@site_option
@strict_option
@today_option
def check_command(site_dir: Path, strict: bool, today: dt.date | None) -> None:
    """Validate the content without writing anything."""
    with _reporting_failures(site_dir, "fix them and run again"):
        checked = check(BuildOptions(site_dir=site_dir, strict=strict, today=today))
    _print_problems(checked.warnings, site_dir)
    tail = f" ({_summary(checked.warnings)})" if checked.warnings else ""
    click.echo(f"The content is valid: {checked.catalog.counts()}{tail}.")


@main.command(name="build")
@site_option
@click.option("--out", "out_dir", type=_Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site.  [default: SITE/public]")
@click.option("--base-url", callback=_parse_base_url,
              help="The address the site is published at, e.g. https://example.org/perhekeskus/ "
                   "[default: base_url in site.yaml]")
@strict_option
@today_option
@click.option("--jobs", "-j", type=click.IntRange(min=1, max=MAX_JOBS), default=None,
              help="Processes that render pages.  [default: one per core]")
@click.option("--cache", "cache_dir", type=_Path(file_okay=False, path_type=Path), default=None,
              help="Keep what the build made in this folder, and reuse what the last build made there: only "
                   "pages whose content changed are made again, with the same result as a full build.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
@click.option("--verbose", "-v", is_flag=True, help="Print every stage as it starts, and progress in logs too.")
def build_command(site_dir: Path, out_dir: Path | None, base_url: str | None, strict: bool,
                  today: dt.date | None, jobs: int | None, cache_dir: Path | None, quiet: bool,
                  verbose: bool) -> None:
    """Validate the content and write the complete static site."""
    options = BuildOptions(site_dir=site_dir, out_dir=out_dir, base_url=base_url, strict=strict, today=today,
                           jobs=jobs, cache_dir=cache_dir)
    started = time.perf_counter()
    with _reporting_failures(site_dir, "nothing was written"):
        report = build(options, Silent() if quiet else ConsoleProgress(verbose))
    _print_problems(report.warnings, site_dir)
    if quiet:
        return
    tail = f" ({_summary(report.warnings)})" if report.warnings else ""
    if report.cache_note:
        click.echo(f"Cache: {report.cache_note}")
    if cache_dir is not None:
        click.echo(f"Cache: {report.reused} outputs unchanged, {report.made} made again.")
    click.echo(f"Built {report.pages} pages ({report.files} files) into {report.output} "
               f"in {time.perf_counter() - started:.1f} s{tail}.")


@main.command(name="new")
@click.argument("kind", type=click.Choice(sorted(NEW_KINDS)))
@click.argument("slug")
@site_option
def new_command(kind: str, slug: str, site_dir: Path) -> None:
    """Write a commented starter file for a new entry: pkc new service lastenneuvola-porvoo."""
    try:
        path = new_entry(site_dir, kind, slug, dt.date.today())
    except PkcError as exc:
        _error(str(exc))
        sys.exit(1)
    click.echo(f"Wrote {path}. Fill it in, then run: pkc check")


def _stdin_is_terminal() -> bool:
    """Whether a person can answer questions (the tests replace this to answer through CliRunner's input)."""
    return sys.stdin.isatty()


def _ask_languages(text: str) -> tuple[str, ...]:
    try:
        return parse_languages(text)
    except PkcError as exc:
        raise click.UsageError(str(exc)) from None  # click.prompt shows the message and asks again


@main.command(name="init")
@click.argument("directory", metavar="DIR", type=_Path(path_type=Path))  # a file: our own error
@click.option("--name", help=f"The site's name, e.g. 'Porvoon perhekeskus'.  [default: {DEFAULT_NAME}, "
                             "in Swedish Familjecentret, in English Family centre]")
@click.option("--languages", metavar="fi,sv,en",
              help=f"The site's languages, the first is the default: fi, sv, en.  [default: {DEFAULT_LANGUAGES[0]}]")
@click.option("--municipality", help=f"The first municipality's name.  [default: {DEFAULT_MUNICIPALITY}]")
def init_command(directory: Path, name: str | None, languages: str | None, municipality: str | None) -> None:
    """Start a new site repository in DIR (new or empty): example content, schemas, workflows, pinned pkc.

    Options not given are asked for on a terminal; otherwise their defaults are used.
    """
    try:
        check_target(directory)  # before any question: a folder in use fails the same with or without answers
        chosen = parse_languages(languages) if languages is not None else None
        if _stdin_is_terminal():
            if name is None:
                answer = click.prompt("Name of the site", default=DEFAULT_NAME).strip()
                # the default answer keeps the Swedish and English names of the default
                name = None if answer == DEFAULT_NAME else answer
            if chosen is None:
                chosen = click.prompt("Languages, the first is the default (fi, sv, en)",
                                      default=",".join(DEFAULT_LANGUAGES), value_proc=_ask_languages)
            if municipality is None:
                municipality = click.prompt("The first municipality", default=DEFAULT_MUNICIPALITY)
        options = NewSite(name=name, languages=chosen or DEFAULT_LANGUAGES,
                          municipality=municipality if municipality is not None else DEFAULT_MUNICIPALITY)
        written = write_new_site(directory, options, dt.date.today())
    except PkcError as exc:
        _error(str(exc))
        sys.exit(1)
    click.echo(f"Wrote a new site into {directory}:")
    schemas = [path for path in written if path.parent == directory / "schemas"]
    for path in written:
        if path not in schemas:
            click.echo(f"  {path.relative_to(directory).as_posix()}")
    click.echo(f"  schemas/ ({len(schemas)} JSON Schemas for the editor's autocompletion)")
    click.echo("Every entry is an example: replace the texts, addresses and phone numbers. Next:")
    click.echo(f"  cd {shlex.quote(str(directory))}")
    click.echo("  pkc check --strict     validate the content")
    click.echo("  pkc serve              preview at http://127.0.0.1:8000/")
    click.echo("  git init               then commit, push to GitHub and turn on Pages (see README.md)")


@main.command(name="schema")
@site_option
def schema_command(site_dir: Path) -> None:
    """Write the JSON Schemas (schemas/) and the content reference (docs/content.md) into the site."""
    for path in write_schemas(site_dir):
        click.echo(f"Wrote {path}")


@main.command(name="report")
@site_option
@today_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def report_command(site_dir: Path, today: dt.date | None, as_json: bool) -> None:
    """What needs an editor's attention: translations, reviews, contacts, schedules, orphans."""
    options = BuildOptions(site_dir=site_dir, today=today)
    with _reporting_failures(site_dir, "fix them first; the report needs valid content"):
        checked = check(options)
    report = build_report(checked.catalog, options.build_date)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report, checked.catalog), nl=False)


@main.group(name="export")
def export_group() -> None:
    """Write the directory in an open data format."""


@export_group.command(name="hsds")
@site_option
@click.option("--out", "out_dir", type=_Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the files (replaced as a whole).  [default: SITE/hsds]")
@today_option
def export_hsds_command(site_dir: Path, out_dir: Path | None, today: dt.date | None) -> None:
    """Open Referral HSDS 3.0: JSON and a tabular data package (CSV) per language."""
    options = BuildOptions(site_dir=site_dir, today=today)
    out = out_dir if out_dir is not None else site_dir / "hsds"
    with _reporting_failures(site_dir, "nothing was written"):
        checked = check(options)
        files = write_export(checked.catalog, checked.strings, options.build_date, out, site_dir)
    _print_problems(checked.warnings, site_dir)
    size = sum(len(data) for data in files.values()) / 1024
    amount = f"{size / 1024:.1f} MiB" if size >= 1024 else f"{size:.0f} KiB"
    click.echo(f"Wrote {len(files)} HSDS files ({amount}) into {out}.")


@main.command(name="serve")
@site_option
@click.option("--host", default="127.0.0.1", callback=_one_line, show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@today_option
def serve_command(site_dir: Path, host: str, port: int, today: dt.date | None) -> None:
    """Preview the site: rebuilds on every save and reloads the open browser page."""
    from .serve import serve

    def say(message: str) -> None:
        click.echo(f"{time.strftime('%H:%M:%S')}  {message}", err=True)

    def ready(url: str) -> None:
        say(f"Serving {url} (press Ctrl+C to stop); open {url}fi/")

    try:
        serve(BuildOptions(site_dir=site_dir, today=today), host, port, say, ready)
    except OSError as exc:
        _error(f"cannot serve on {host}:{port}: {exc.strerror or exc}")
        sys.exit(1)


@main.group(name="import")
def import_group() -> None:
    """Bring content in from other systems."""


@import_group.command(name="ptv")
@click.argument("files", nargs=-1, required=True, type=_Path(dir_okay=False, path_type=Path))
@site_option
@click.option("--force", is_flag=True, help="Replace files an editor wrote or changed since the last import.")
@click.option("--dry-run", is_flag=True, help="Print the files that would be written; write nothing.")
def import_ptv_command(files: tuple[Path, ...], site_dir: Path, force: bool, dry_run: bool) -> None:
    """Import services, service channels and organisations from Suomi.fi Palvelutietovaranto (PTV Open API v11)."""
    from .ptv import format_result, import_ptv
    from .ptv.importer import ImportConflicts
    from .ptv.read import PtvInputError

    try:
        result = import_ptv(files, site_dir, force=force, dry_run=dry_run)
    except PtvInputError as exc:
        _print_problems(exc.problems, Path("."))
        click.echo("pkc: the input is not PTV Open API JSON; nothing was written", err=True)
        sys.exit(1)
    except ImportConflicts as exc:
        for message in exc.result.conflicts:
            _error(message)
        click.echo("pkc: nothing was written", err=True)
        sys.exit(1)
    except PkcError as exc:
        _error(str(exc))
        click.echo("pkc: nothing was written", err=True)
        sys.exit(1)
    click.echo(format_result(result, dry_run), nl=False)
