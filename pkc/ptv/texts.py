"""PTV's texts — lists of {language, value, type} — as pkc's texts per language, and the import's report."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Note:
    """One thing an import could not carry over, or that an editor should check."""

    category: str  # "unmapped", "missing" (a reference the site lacks) or "check"
    path: str  # JSON path in the input, e.g. "$.itemList[2].organizations[0]"; "" for the object as a whole
    message: str


@dataclass
class Notes:
    """What one PTV object lost on the way into pkc, with the JSON path of each dropped value."""

    base: str  # the object's JSON path in its file: "$", "$[3]" or "$.itemList[3]"
    lines: list[Note] = field(default_factory=list)
    foreign: dict[str, str] = field(default_factory=dict)  # language -> first path with a text in it

    def _add(self, category: str, path: str, message: str) -> None:
        note = Note(category, self.at(path), one_line(message))
        if note not in self.lines:
            self.lines.append(note)

    def at(self, path: str) -> str:
        """The full JSON path of `path` ('.serviceNames[2]') inside the object."""
        return self.base + path

    def unmapped(self, path: str, message: str) -> None:
        self._add("unmapped", path, message)

    def missing(self, path: str, message: str) -> None:
        self._add("missing", path, message)

    def check(self, path: str, message: str) -> None:
        self._add("check", path, message)

    def finish(self, languages: list[str]) -> list[Note]:
        """Every note, with the texts in languages the site does not have as one note at the end."""
        if self.foreign:
            first = next(iter(self.foreign.values()))
            self._add("unmapped", first, f"texts in {', '.join(sorted(self.foreign))} not imported: the site's "
                                         f"languages are {', '.join(languages)}")
            self.foreign.clear()
        return self.lines


def items(value: Any) -> list[dict[str, Any]]:
    """The dicts of a PTV list field (PTV writes null for an empty list)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def clean(text: Any) -> str:
    """A PTV text without surrounding space and with Unix line ends ('' for null)."""
    if not isinstance(text, str):
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def per_language(values: Any, languages: list[str], notes: Notes, path: str,
                 types: Iterable[str] | None = None) -> dict[str, str]:
    """{language: text} in the site's language order from the PTV list at `path`, of `types` only."""
    wanted = set(types) if types is not None else None
    found: dict[str, str] = {}
    for index, item in enumerate(values if isinstance(values, list) else []):
        if not isinstance(item, dict) or (wanted is not None and clean(item.get("type")) not in wanted):
            continue
        lang, text = str(item.get("language") or "").lower(), clean(item.get("value"))
        if not text or lang in found:
            continue
        if lang not in languages:
            notes.foreign.setdefault(lang or "an unnamed language", f"{path}[{index}]")
            continue
        found[lang] = text
    return {lang: found[lang] for lang in languages if lang in found}


def first_text(values: Any) -> str:
    """The first non-empty value of a PTV list of texts, in whatever language."""
    for item in items(values):
        text = clean(item.get("value"))
        if text:
            return text
    return ""


def name_of(values: Any, languages: list[str]) -> str:
    """A name for messages and file names, on one line: the default language's, else any."""
    for item in items(values):
        if item.get("language") == languages[0] and clean(item.get("value")):
            return one_line(clean(item.get("value")))
    return one_line(first_text(values))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """`text` without line breaks or control characters, which could forge or garble lines of the report."""
    return " ".join(_CONTROL.sub(" ", text).split())


_BULLET = re.compile(r"^[ \t]*[•·▪●◦‣–][ \t]*", re.MULTILINE)


def markdown(text: str) -> str:
    """PTV's plain text as Markdown: bullet characters become list items, each line break starts a paragraph."""
    lines = _BULLET.sub("- ", text).split("\n")
    result: list[str] = []
    for index, line in enumerate(lines):
        result.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        in_list = line.lstrip().startswith("- ") and following.lstrip().startswith("- ")
        if line.strip() and following.strip() and not in_list:
            result.append("")  # PTV shows a line break; Markdown needs an empty line for one
    return "\n".join(result)


def inner(item: Any, key: str) -> dict[str, Any]:
    """The object under `key` of a PTV item ({} when PTV sends null or something else)."""
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, dict) else {}
