"""Read YAML and Markdown-with-front-matter files into plain data that remembers where every value came from."""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, Problem
from .sitefiles import FileTooLarge, UnsafeFile, read_site_file
from .textchars import forbidden_char, forbidden_message

MAX_FILE_BYTES = 2 * 1024 * 1024
# Far more than any order, age, year or capacity needs; a longer literal is a mistake (or an attack: Python's
# int() refuses over 4,300 digits, and str() of a huge number is slow), never a value to carry on.
MAX_INTEGER_DIGITS = 15

Path_ = tuple  # a path into the data: keys and list indexes


# libyaml's parser when PyYAML has it (about ten times faster), the pure-Python one otherwise.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if yaml.__with_libyaml__ else yaml.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[valid-type, misc]
    """A safe loader that resolves plain scalars the YAML 1.2 way.

    YAML 1.1 (PyYAML's default) turns `no` into False, `06100` into the octal number 3136 and `10:30`
    into 630 (sexagesimal). Editors write postal codes and opening hours, so only the unambiguous forms
    are numbers and booleans here; everything else stays text.
    """

    yaml_implicit_resolvers: dict = {}


for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


@dataclass
class SourceDoc:
    """Plain data from one content file, with the location of every key and value in it."""

    file: str
    data: Any
    values: dict[Path_, Location] = field(default_factory=dict)
    keys: dict[Path_, Location] = field(default_factory=dict)
    body: str | None = None  # Markdown after the front matter, for .md files
    digest: bytes = b""  # what the file said (and its translations), for incremental builds: see text_digest

    def where(self, path: Path_ = ()) -> Location:
        """The location of the value at `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Location(self.file, 1, 1))

    def key_where(self, path: Path_) -> Location:
        """The location of the key that holds the value at `path` (falls back to `where`)."""
        return self.keys.get(tuple(path)) or self.where(path)


class _Reject(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str, hint: str | None = None,
                 char: tuple[str, yaml.Mark] | None = None):
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint
        self.char = char  # a forbidden character, and where its scalar ends: to point at its escape


def read_text(path: Path, rel: str, root: Path | None = None) -> tuple[str | None, Problem | None]:
    """The file's text as UTF-8 with CRLF normalised, or a problem that says why it can't be read.

    With a `root` (the site directory) only a regular file inside it is read: see pkc.sitefiles.
    """
    try:
        raw = read_site_file(path, root, MAX_FILE_BYTES)
    except FileTooLarge as exc:
        return None, Problem(Location(rel), exc.message, "split it into smaller files, one entry per file")
    except UnsafeFile as exc:
        return None, Problem(Location(rel), exc.message, exc.hint)
    except OSError as exc:
        return None, Problem(Location(rel), f"cannot read the file: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(
            Location(rel, line, column),
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read)",
            "save the file with UTF-8 encoding (most editors offer it under 'Save as' or 'Encoding')",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    index = forbidden_char(text)
    if index is not None:
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        message, hint = forbidden_message(text, index, "the file")
        return None, Problem(Location(rel, line, column), message, hint)
    return text, None


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[SourceDoc | None, list[Problem]]:
    """Parse one YAML document into a SourceDoc; YAML mistakes become problems, never exceptions."""
    doc = SourceDoc(rel, None)
    try:
        node = _compose(text)
        doc.data = _convert(node, (), doc, line_offset)
    except _Reject as exc:
        location = _location(rel, exc.mark, line_offset)
        if exc.char is not None and exc.mark is not None:
            location = _escape_location(text, exc.mark, *exc.char, rel, line_offset) or location
        return None, [Problem(location, exc.message, exc.hint)]
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(exc, rel, line_offset, text)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for syntax
        return None, [Problem(Location(rel), f"YAML error: {exc}")]
    if node is None:
        doc.values[()] = Location(rel, 1 + line_offset, 1)
    return doc, []


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def parse_markdown(text: str, rel: str) -> tuple[SourceDoc | None, list[Problem]]:
    """Split a Markdown file into YAML front matter (between `---` lines) and a body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---"):
            return None, [Problem(Location(rel, 1, 1), "the front matter is not closed",
                                  "end the YAML block at the top with a line that has only '---'")]
        doc = SourceDoc(rel, {}, {(): Location(rel, 1, 1)})
        doc.body = text
        return doc, []
    doc, problems = parse_yaml(match.group(1) or "", rel, line_offset=1)
    if doc is not None:
        if doc.data is None:
            doc.data = {}
        doc.body = text[match.end():]
    return doc, problems


def load_file(path: Path, rel: str, root: Path | None = None) -> tuple[SourceDoc | None, list[Problem]]:
    """Read and parse a .yaml/.yml or .md file; with a `root`, only a regular file inside it (pkc.sitefiles)."""
    text, problem = read_text(path, rel, root)
    if problem:
        return None, [problem]
    assert text is not None
    doc, problems = parse_markdown(text, rel) if path.suffix == ".md" else parse_yaml(text, rel)
    if doc is not None:
        doc.digest = text_digest(rel, text)
    return doc, problems


def text_digest(*parts: str | bytes) -> bytes:
    """A short hash of texts, each told apart from the next: two builds compare content by it."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        raw = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.digest()


def _compose(text: str) -> yaml.Node | None:
    # Composing is linear even for an alias bomb: an alias is the same node object again. The expansion
    # happens only in _convert, which refuses the second visit to any node.
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    return node


def _location(rel: str, mark: yaml.Mark | None, line_offset: int) -> Location:
    if mark is None:
        return Location(rel)
    return Location(rel, mark.line + 1 + line_offset, mark.column + 1)


def _convert(node: yaml.Node | None, path: Path_, doc: SourceDoc, offset: int, seen: set[int] | None = None) -> Any:
    if node is None:
        return None
    seen = set() if seen is None else seen
    if id(node) in seen:
        # Anchors and aliases let a tiny file expand into an enormous one (the "billion laughs" attack),
        # and editors do not need them: refuse them before anything is expanded.
        raise _Reject(node.start_mark, "YAML anchors and aliases ('&name', '*name') are not supported in content",
                      "write the value out in full instead of referring to an anchor")
    seen.add(id(node))
    doc.values[path] = _location(doc.file, node.start_mark, offset)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, doc, offset, seen)
    if isinstance(node, yaml.SequenceNode):
        _check_tag(node, "tag:yaml.org,2002:seq")
        return [_convert(item, path + (i,), doc, offset, seen) for i, item in enumerate(node.value)]
    return _convert_scalar(node, path)


def _convert_mapping(node: yaml.MappingNode, path: Path_, doc: SourceDoc, offset: int, seen: set[int]) -> dict:
    _check_tag(node, "tag:yaml.org,2002:map")
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Reject(key_node.start_mark, "a key must be a plain word, not a list or a mapping")
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Reject(key_node.start_mark, "merge keys ('<<') are not supported",
                          "write the keys out in full")
        key = key_node.value
        _check_text(key_node, key, "the key", multiline=False)
        if key in result:
            first = doc.keys[path + (key,)]
            raise _Reject(key_node.start_mark, f"duplicate key '{key}' (first given on line {first.line})",
                          "remove one of them: a key may appear only once in a mapping")
        doc.keys[path + (key,)] = _location(doc.file, key_node.start_mark, offset)
        result[key] = _convert(value_node, path + (key,), doc, offset, seen)
    return result


def _convert_scalar(node: yaml.ScalarNode, path: Path_ = ()) -> Any:
    if node.tag not in _SCALAR_TAGS:
        _check_tag(node, "tag:yaml.org,2002:str")
    value = node.value
    if node.tag == "tag:yaml.org,2002:int":
        if len(value.lstrip("+-")) > MAX_INTEGER_DIGITS:
            raise _Reject(node.start_mark, f"the number is too long ({len(value.lstrip('+-'))} digits)",
                          f"numbers in content have at most {MAX_INTEGER_DIGITS} digits; "
                          "if this is a text, put it in quotes")
        return int(value)
    if node.tag == "tag:yaml.org,2002:float":
        number = float(value)
        if not math.isfinite(number) or len(value) > 2 * MAX_INTEGER_DIGITS:
            raise _Reject(node.start_mark, f"the number {value[:20]}{'…' if len(value) > 20 else ''} is too large "
                          "or too long", "write an ordinary decimal number, e.g. 60.3932")
        return number
    keys = [part for part in path if isinstance(part, str)]
    _check_text(node, value, f"'{keys[-1]}'" if keys else "the text")
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return value


def _check_text(node: yaml.ScalarNode, text: str, what: str, multiline: bool = True) -> None:
    """Refuse a character no output may hold; escapes in double quotes ("\\0", "\\x1b") reach here, not read_text."""
    index = forbidden_char(text, multiline)
    if index is not None:
        message, hint = forbidden_message(text, index, what)
        raise _Reject(node.start_mark, message, hint, (text[index], node.end_mark))


# YAML's double-quoted escapes (YAML 1.1 section 5.7), to find the one that wrote a forbidden character.
_ESCAPE = re.compile(r'\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfreNLP_ "/\\\t])')
_ESCAPED = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", "N": "\x85", "L": "\u2028", "P": "\u2029"}


def _escape_location(text: str, start: yaml.Mark, char: str, end: yaml.Mark, rel: str, offset: int) -> Location | None:
    """Where `char` is written inside the scalar from `start` to `end`: as itself, or as an escape."""
    found = [match.start() for match in _ESCAPE.finditer(text, start.index, end.index)
             if (chr(int(match.group()[2:], 16)) if match.group()[1] in "xuU" else _ESCAPED.get(match.group()[1]))
             == char]
    raw = text.find(char, start.index, end.index)
    found += [raw] if raw >= 0 else []
    if not found:
        return None
    before = text[start.index:min(found)]
    line = start.line + before.count("\n")
    column = (start.column if "\n" not in before else 0) + len(before.rsplit("\n", 1)[-1])
    return Location(rel, line + 1 + offset, column + 1)


def _check_tag(node: yaml.Node, expected: str) -> None:
    if node.tag != expected:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Reject(node.start_mark, f"YAML tags such as '{tag}' are not allowed in content",
                      "remove the tag (the word starting with '!')")




def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.split("\n")
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _yaml_problem(exc: yaml.MarkedYAMLError, rel: str, offset: int, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    hint = None
    if "\\t" in problem or "tab" in problem or _char_at(text, mark) == "\t":
        message = "a tab character is used for indentation"
        hint = "YAML is indented with spaces only: replace the tab with spaces"
    elif "mapping values are not allowed" in problem:
        message = "a ':' where YAML does not expect one"
        hint = "if the text contains ': ', put the whole value in quotes; otherwise check the indentation"
    elif "could not find expected ':'" in problem:
        message = "a line is missing its ':' or is not indented like its neighbours"
        hint = "each line of a mapping is 'key: value'; check the indentation of this and the previous line"
    elif "found character '@'" in problem or "found character '`'" in problem:
        message = "a value cannot start with '@' or '`' unquoted"
        hint = "put the value in quotes"
    elif "expected <block end>" in problem or "expected a block" in problem:
        message = "the indentation is inconsistent"
        hint = "indent nested keys by the same number of spaces as their siblings"
    elif "found unexpected end of stream" in problem or "found unexpected end" in problem:
        message = "a quoted text is not closed"
        hint = "add the missing closing quote"
    elif "but found another document" in problem:
        message = "the file holds more than one YAML document ('---')"
        hint = "keep one entry per file; remove the extra '---' line"
    else:
        context = f"{exc.context}: " if exc.context else ""
        message = f"YAML syntax error: {context}{problem}"
    return Problem(_location(rel, mark, offset), message, hint)
