"""Problems found in content, and the one exception family the library raises."""
from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .sitefiles import UnsafeFile, read_site_file
from .textchars import replace_forbidden

Severity = Literal["error", "warning"]
MAX_SHOWN_LINE = 160  # a longer source line is cut after the problem's column


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: a path relative to the site directory, 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content: where, what, and how to fix it."""

    location: Location
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def as_error(self) -> Problem:
        """The same problem, raised to an error (for --strict)."""
        return Problem(self.location, self.message, self.hint, "error")

    def sort_key(self) -> tuple:
        return (self.location.file, self.location.line, self.location.column, self.message)


class PkcError(Exception):
    """Base of every error pkc raises on purpose; the CLI prints these without a traceback."""


class ContentErrors(PkcError):
    """The content has problems; nothing was written."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        errors = sum(1 for p in self.problems if p.severity == "error")
        super().__init__(f"{errors} error(s) in the content")


class BuildError(PkcError):
    """The build failed for a reason that is not a content mistake (templates, output directory)."""


@dataclass
class Problems:
    """Collects problems during a run, so that every problem is reported at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, location: Location, message: str, hint: str | None = None) -> None:
        self.items.append(Problem(location, message, hint, "error"))

    def warning(self, location: Location, message: str, hint: str | None = None) -> None:
        self.items.append(Problem(location, message, hint, "warning"))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentErrors(self.items)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or '' when none is close.

    The cutoff is high on purpose: a wrong suggestion ('ilmainen' -> 'maksullinen', free -> fee) is worse
    than none.
    """
    matches = difflib.get_close_matches(str(word), sorted(set(candidates)), n=1, cutoff=0.75)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def format_problem(problem: Problem, site_dir: Path | None = None) -> str:
    """Render a problem the way compilers do: location, message, the offending line, a hint."""
    label = "" if problem.severity == "error" else "warning: "
    # a file name or a quoted value may hold a control character: shown as U+FFFD, never run by the terminal
    lines = [replace_forbidden(f"{problem.location}: {label}{problem.message}", multiline=False)]
    source = _source_line(problem.location, site_dir)
    if source is not None:
        number = str(problem.location.line)
        lines.append(f"  {number} | {source}")
        if problem.location.column > 0:
            pad = " " * len(number)
            lines.append(f"  {pad} | {' ' * (problem.location.column - 1)}^")
    if problem.hint:
        lines.append(replace_forbidden(f"  = hint: {problem.hint}", multiline=False))
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem, site_dir: Path, workspace: Path) -> str:
    """The problem as a GitHub Actions workflow command, shown on the pull request's changed line."""
    level = "error" if problem.severity == "error" else "warning"
    path = os.path.relpath(site_dir / problem.location.file, workspace)
    properties = [f"file={_escape_property(Path(path).as_posix())}"]
    if problem.location.line > 0:
        properties += [f"line={problem.location.line}", f"col={max(problem.location.column, 1)}"]
    message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
    return f"::{level} {','.join(properties)}::{_escape_data(message)}"


_QUOTED_BYTES = 16 * 1024 * 1024  # larger than any file pkc reads, so that every file it read can be quoted


def _source_line(location: Location, site_dir: Path | None) -> str | None:
    if site_dir is None or location.line <= 0:
        return None
    # Only a regular file inside the site is quoted: never a line of a linked /etc/passwd, nor a pipe waited on.
    try:
        text = read_site_file(site_dir / location.file, site_dir, _QUOTED_BYTES).decode("utf-8-sig")
    except (UnsafeFile, OSError, UnicodeDecodeError):
        return None
    # split on newlines only, the way the YAML parser counts lines (splitlines() also splits at U+2028 and U+0085)
    source_lines = text.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n").split("\n") if text else []
    if location.line > len(source_lines):
        return None
    line = source_lines[location.line - 1].replace("\t", " ")
    if len(line) > MAX_SHOWN_LINE:
        line = line[:max(MAX_SHOWN_LINE, location.column + 20)] + "…"
    # a control character shown as it is would be run by the terminal (an escape sequence can rewrite the screen);
    # one replacement character keeps the caret under its column
    return replace_forbidden(line)
