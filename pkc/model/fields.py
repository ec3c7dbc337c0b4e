"""Field types shared by every content kind: texts per language, lists, references, codes, languages, colours.

Phones, emails and web addresses are in pkc.model.contactfields; dates and times in pkc.model.timefields.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from babel import Locale
from pydantic import PlainValidator, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..codelists import VOCABULARIES, CodeList
from ..errors import did_you_mean
from ..textchars import forbidden_char, forbidden_message

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_LANG = re.compile(r"^[a-z]{2,3}$")
MAX_ORDER = 10_000  # positions in menus and lists: a few dozen entries, with room for gaps


def fail(message: str, hint: str | None = None, subpath: tuple = (), at_key: bool = False) -> PydanticCustomError:
    """A validation error with an editor-facing message, an optional hint and a deeper location.

    `subpath` points below the validated value (a list index, a field); `at_key` points at the key itself
    rather than its value, for mistakes in the key (an unknown language code).
    """
    return PydanticCustomError("pkc", "{message}",
                               {"message": message, "hint": hint, "subpath": subpath, "at_key": at_key})


def describe(value: Any) -> str:
    """What an editor wrote, in words: 'a number', 'a list' ..."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def one_line(value: str, what: str) -> None:
    """Refuse a control character, tab or line break in a one-line value (an address, a code, a name)."""
    index = forbidden_char(value, multiline=False)
    if index is not None:
        raise fail(*forbidden_message(value, index, what))


# --- texts per language -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """A text a person reads, given in one or more languages."""

    values: Mapping[str, str]

    def pick(self, lang: str, fallbacks: tuple[str, ...]) -> tuple[str, str]:
        """The text in `lang`, else in the first fallback language that has it: (text, its language)."""
        for candidate in (lang, *fallbacks):
            if candidate in self.values:
                return self.values[candidate], candidate
        first = next(iter(self.values))
        return self.values[first], first

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.values.items())))


def _site_languages(info: ValidationInfo) -> tuple[list[str], str]:
    context = info.context or {}
    languages = list(context.get("languages") or ["fi", "sv", "en"])
    return languages, context.get("default_language") or languages[0]


def _text(value: Any, info: ValidationInfo) -> Text:
    languages, default = _site_languages(info)
    if isinstance(value, str):
        if not value.strip():
            raise fail("the text is empty", "write the text, or remove the key")
        return Text({default: value.strip()})
    if isinstance(value, dict):
        if not value:
            raise fail("no text is given", f"write the text, e.g. '{default}: …'")
        result: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in languages:
                raise fail(
                    f"'{lang}' is not one of the site's languages ({', '.join(languages)})"
                    + did_you_mean(lang, languages),
                    "give each translation under the site's language code, e.g. 'fi:' or 'sv:'",
                    (lang,), at_key=True,
                )
            if isinstance(text, (int, float)) and not isinstance(text, bool):
                text = str(text)
            if not isinstance(text, str):
                raise fail(f"expected text in '{lang}', found {describe(text)}", None, (lang,))
            if not text.strip():
                raise fail(f"the '{lang}' text is empty", "write the text, or remove the line", (lang,))
            result[lang] = text.strip()
        # keep the site's language order so that output does not depend on the order in the file
        return Text({lang: result[lang] for lang in languages if lang in result})
    raise fail(f"expected a text, found {describe(value)}",
               "write the text, or one text per language: 'fi: …' and 'sv: …' on their own lines")


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "patternProperties": {"^[a-z]{2,3}$": {"type": "string", "minLength": 1}},
         "additionalProperties": False, "minProperties": 1},
    ]
}

LocalText = Annotated[Text, PlainValidator(_text), WithJsonSchema(_TEXT_SCHEMA)]


class MarkdownMarker:
    """Marks a text field whose value is Markdown."""


Markdown = Annotated[Text, PlainValidator(_text), MarkdownMarker(),
                     WithJsonSchema({**_TEXT_SCHEMA, "format": "markdown"})]


# --- lists ------------------------------------------------------------------------------------------

def _as_list(value: Any) -> Any:
    """Let an editor write a single item without list syntax: `region: a` as well as `[a]`."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    return value


def _list_of(validate_one, what: str, example: str | None = None):
    """A validator for a list of items (a single item is accepted too); an error names the item's index."""
    def validate(value: Any) -> list:
        value = _as_list(value)
        if not isinstance(value, list):
            raise fail(f"expected a list of {what}, found {describe(value)}")
        if not value and example is not None:
            raise fail("the list is empty", f"give at least one, e.g. [{example}]")
        result = []
        for index, item in enumerate(value):
            try:
                result.append(validate_one(item))
            except PydanticCustomError as exc:
                raise fail(exc.context["message"], exc.context["hint"], (index,)) from None
        return _unique(result)
    return validate


def _unique(value: list) -> list:
    seen: set = set()
    for index, item in enumerate(value):
        key = repr(item)
        if key in seen:
            raise fail(f"{describe(item)} is listed twice", "remove the repeated item", (index,))
        seen.add(key)
    return value


# --- references and slugs ---------------------------------------------------------------------------

@dataclass(frozen=True)
class RefTo:
    """Marks a field that names another entry by its slug (its file name without the extension)."""

    kind: str


def _slug(value: Any) -> str:
    if not isinstance(value, str):
        raise fail(f"expected the name of an entry, found {describe(value)}")
    if not _SLUG.fullmatch(value):
        suggestion = slugify(value)
        raise fail(f"'{value}' is not a valid reference",
                   "references are file names without '.yaml': lowercase a-z, digits and hyphens"
                   + (f", e.g. '{suggestion}'" if suggestion else ""))
    return value


def Ref(kind: str) -> Any:  # noqa: N802 - reads like a type in model definitions
    """A reference to an entry of `kind`; existence is checked once every file is loaded."""
    return Annotated[str, RefTo(kind), PlainValidator(_slug),
                     WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})]


def RefList(kind: str) -> Any:  # noqa: N802
    """A list of references to entries of `kind` (a single name is accepted too)."""
    return Annotated[list[str], RefTo(kind), PlainValidator(_list_of(_slug, f"{kind} names")),
                     WithJsonSchema({"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}})]


_TRANSLITERATE = str.maketrans({"ä": "a", "å": "a", "ö": "o", "é": "e", "ü": "u", "æ": "ae", "ø": "o"})


def slugify(text: str) -> str:
    """A URL-safe slug from a name: 'Järvenpää' -> 'jarvenpaa'."""
    lowered = text.lower().translate(_TRANSLITERATE)
    return re.sub(r"[^a-z0-9]+", "-", lowered).strip("-")


# --- codes from code lists --------------------------------------------------------------------------

@dataclass(frozen=True)
class CodeFrom:
    """Marks a field whose value is a code from one of pkc's code lists."""

    list_name: str


def _code_validator(codelist: CodeList, example: str):
    def validate(value: Any) -> str:
        if isinstance(value, str) and value in codelist:
            return value
        text = str(value)
        by_label = {c.name(lang).lower(): c.code for c in codelist for lang in c.label}
        hint_code = by_label.get(text.strip().lower())
        if hint_code:
            return_hint = f"use the code '{hint_code}' ({codelist[hint_code].name('fi')})"
            raise fail(f"'{text}' is a label, not a code", return_hint)
        known = [c.code for c in codelist]
        suggestion = did_you_mean(text, known + list(by_label))
        raise fail(f"unknown {codelist.name} '{text}'{_as_code(suggestion, by_label)}",
                   f"use one of the codes: {', '.join(known)}" if len(known) <= 12
                   else f"use a code from the national list, e.g. '{example}'")
    return validate


def _as_code(suggestion: str, by_label: dict[str, str]) -> str:
    match = re.search(r"'(.*)'", suggestion)
    if match and match.group(1) in by_label:
        return f" (did you mean '{by_label[match.group(1)]}'?)"
    return suggestion


def Coded(list_name: str, example: str) -> Any:  # noqa: N802
    """A code from the named code list of `VOCABULARIES`."""
    codelist: CodeList = getattr(VOCABULARIES, list_name)
    return Annotated[str, CodeFrom(list_name), PlainValidator(_code_validator(codelist, example)),
                     WithJsonSchema({"type": "string", "enum": [c.code for c in codelist]})]


def CodedList(list_name: str, example: str) -> Any:  # noqa: N802
    """A non-empty list of codes (a single code is accepted too)."""
    validate = _list_of(_code_validator(getattr(VOCABULARIES, list_name), example), "codes", example)
    codelist: CodeList = getattr(VOCABULARIES, list_name)
    return Annotated[list[str], CodeFrom(list_name), PlainValidator(validate),
                     WithJsonSchema({"type": "array", "minItems": 1,
                                     "items": {"type": "string", "enum": [c.code for c in codelist]}})]


# --- languages --------------------------------------------------------------------------------------

_KNOWN_LANGUAGES = sorted(code for code in Locale("en").languages if _LANG.match(code))


def _language(value: Any) -> str:
    if isinstance(value, str) and value in _KNOWN_LANGUAGES:
        return value
    names = {name.lower(): code for code, name in Locale("en").languages.items() if _LANG.match(code)}
    names.update({name.lower(): code for code, name in Locale("fi").languages.items() if _LANG.match(code)})
    code = names.get(str(value).lower())
    if code:
        raise fail(f"'{value}' is a language name, not a code", f"use the code '{code}'")
    raise fail(f"unknown language code '{value}'" + did_you_mean(str(value), _KNOWN_LANGUAGES),
               "use two-letter ISO 639-1 codes such as fi, sv, en, ru, ar, so")


Language = Annotated[str, PlainValidator(_language), WithJsonSchema({"type": "string", "pattern": "^[a-z]{2,3}$"})]


_languages = _list_of(_language, "language codes", "fi")


LanguageList = Annotated[list[str], PlainValidator(_languages),
                         WithJsonSchema({"type": "array", "minItems": 1,
                                         "items": {"type": "string", "pattern": "^[a-z]{2,3}$"}})]


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _colour(value: Any) -> str:
    if isinstance(value, str) and _COLOUR.fullmatch(value):
        return value.lower()
    raise fail(f"{describe(value)} is not a colour", "write the colour as #rrggbb, e.g. '#1d5a8a' (in quotes)")


Colour = Annotated[str, PlainValidator(_colour), WithJsonSchema({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"})]


KEYWORDS = ("Words families use for this that its texts do not contain, comma-separated per language, e.g. "
            "'fi: riita, huoltajuus'; indexed for search, never shown.")
