"""Single PTV values as pkc writes them: phone numbers, email and web addresses, languages, codes and dates."""
from __future__ import annotations

import datetime as dt
from typing import Any

import phonenumbers
from pydantic_core import PydanticCustomError

from ..codelists import CodeList
from ..model.contactfields import _email, _phone, _url
from ..model.fields import _language
from .texts import Notes, clean, items, name_of


def phone_text(item: dict) -> str | None:
    """A PTV phone number (prefix and number) as pkc writes it: '040 1234567' in Finland, international elsewhere."""
    prefix, number = clean(item.get("prefixNumber")), clean(item.get("number"))
    if not number:
        return None
    text = number if item.get("isFinnishServiceNumber") or not prefix else f"{prefix} {number}"
    try:
        parsed = phonenumbers.parse(text, "FI")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    style = phonenumbers.PhoneNumberFormat.NATIONAL if parsed.country_code == 358 else \
        phonenumbers.PhoneNumberFormat.INTERNATIONAL
    formatted = phonenumbers.format_number(parsed, style)
    try:
        _phone(formatted)
    except PydanticCustomError:
        return None
    return formatted


def pick_phone(values: Any, path: str, notes: Notes) -> str | None:
    """The first valid voice number of a PTV list of phone numbers; every other one is reported."""
    chosen = None
    for index, item in enumerate(values if isinstance(values, list) else []):
        if not isinstance(item, dict):
            continue
        at = f"{path}[{index}]"
        if item.get("type") not in (None, "Phone"):
            notes.unmapped(at, f"{str(item.get('type')).lower()} number not imported")
            continue
        text = phone_text(item)
        if text is None:
            notes.unmapped(at, f"phone number '{item.get('prefixNumber') or ''} {item.get('number') or ''}' "
                               "not imported: it is not a valid number")
            continue
        if chosen is not None:
            if text != chosen:
                notes.unmapped(at, f"another phone number {text} not imported: pkc keeps one per entry")
            continue
        chosen = text
        charge = clean(item.get("chargeDescription"))
        if item.get("serviceChargeType") == "Chargeable" or charge:
            notes.check(at, "calls are charged" + (f": {charge}" if charge else "") + " — say so in the note")
        if clean(item.get("additionalInformation")):
            notes.unmapped(f"{at}.additionalInformation", f"'{clean(item.get('additionalInformation'))}' not imported")
    return chosen


def _default_first(values: Any, languages: list[str]) -> list[tuple[int, dict]]:
    """The items of a PTV list with their indexes, the site's default language first (a stable sort)."""
    return sorted(enumerate(items(values)), key=lambda pair: pair[1].get("language") != languages[0])


def pick_email(values: Any, path: str, notes: Notes, languages: list[str]) -> str | None:
    """The email address of a PTV list, the default language's first; every other address is reported."""
    chosen = None
    for index, item in _default_first(values, languages):
        value = clean(item.get("value"))
        if not value:
            continue
        try:
            value = _email(value)
        except PydanticCustomError:
            notes.unmapped(f"{path}[{index}]", f"'{value}' not imported: it is not an email address")
            continue
        if chosen is None:
            chosen = value
        elif value != chosen:
            notes.unmapped(f"{path}[{index}]", f"another email address {value} not imported")
    return chosen


def web_addresses(values: Any, path: str, notes: Notes, languages: list[str]) -> list[tuple[str, str]]:
    """Every valid address of a PTV list of web pages as (JSON path, URL), the default language's first."""
    found: list[tuple[str, str]] = []
    for index, item in _default_first(values, languages):
        raw = clean(item.get("url"))
        if not raw:
            continue
        try:
            found.append((f"{path}[{index}]", _url(raw)))
        except PydanticCustomError:
            notes.unmapped(f"{path}[{index}]", f"'{raw}' not imported: not a web address")
    return found


def pick_url(values: Any, path: str, notes: Notes, languages: list[str], field: str) -> str | None:
    """The one address `field` takes from a PTV list of web pages; each other address is reported by name."""
    found = web_addresses(values, path, notes, languages)
    if not found:
        return None
    chosen = found[0][1]
    for at, url in found[1:]:
        if url != chosen:
            notes.unmapped(at, f"web address {url} not imported: '{field}' holds one address, {chosen}")
    return chosen


def pick_languages(values: Any, path: str, notes: Notes) -> list[str]:
    """The language codes of a PTV list, lower case, each once; what is not a code is reported."""
    found = []
    for index, value in enumerate(values if isinstance(values, list) else []):
        try:
            found.append(_language(str(value).lower()))
        except PydanticCustomError:
            notes.unmapped(f"{path}[{index}]", f"language '{value}' not imported: not a language code")
    return list(dict.fromkeys(found))


def pick_codes(values: Any, path: str, codelist: CodeList, notes: Notes, what: str, languages: list[str]) -> list[str]:
    """The codes of a PTV list of Finto items that `codelist` has (by code or URI); the others are reported."""
    found: list[str] = []
    by_uri = {code.uri: code.code for code in codelist if code.uri}
    for index, item in enumerate(values if isinstance(values, list) else []):
        if not isinstance(item, dict):
            continue
        code = str(item.get("code") or "")
        if code not in codelist:
            code = by_uri.get(str(item.get("uri") or ""), "")
        if code:
            if code not in found:
                found.append(code)
            continue
        label = name_of(item.get("name"), languages) or item.get("uri") or item.get("code")
        notes.unmapped(f"{path}[{index}]", f"{what} '{label}' not imported: it is not in pkc's code list")
    return found


def audiences(data: dict, life_events: list[str], notes: Notes, languages: list[str]) -> list[str]:
    """pkc's target groups from PTV's (KR1.2, KR1.3) and the life event KE1; the others are reported."""
    found: list[str] = []
    for index, item in enumerate(items(data.get("targetGroups"))):
        code = str(item.get("code") or str(item.get("uri") or "").rsplit("/", 1)[-1])
        if code == "KR1.2":
            found.append("parents")
            notes.check(f".targetGroups[{index}]", "PTV's 'Lapset ja lapsiperheet' (KR1.2) is imported as "
                                                   "'parents'; add expecting, under-school-age or school-age "
                                                   "where they fit")
        elif code == "KR1.3":
            found.append("youth")
        else:
            label = name_of(item.get("name"), languages) or code
            notes.unmapped(f".targetGroups[{index}]", f"target group '{label}' ({code}) not imported: "
                                                      "pkc's target groups are about families")
    if "KE1" in life_events:
        found.insert(0, "expecting")
    if not found:
        notes.check(".targetGroups", "no target group for families: 'audiences' is set to [parents]")
        found = ["parents"]
    return list(dict.fromkeys(found))


def modified(data: dict, today: dt.date) -> dt.date:
    """PTV's 'modified' as a date: what an editor last reviewed; `today` when PTV gives none."""
    try:
        return dt.date.fromisoformat(str(data.get("modified"))[:10])
    except ValueError:
        return today


def names(values: Any) -> list[str]:
    """Every non-empty value of a PTV list of texts."""
    return [clean(item.get("value")) for item in items(values) if clean(item.get("value"))]


def title(text: str) -> str:
    """PTV writes post offices in capitals: 'PORVOO' -> 'Porvoo'; mixed case is kept."""
    return text.title() if text.isupper() else text
