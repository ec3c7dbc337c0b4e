"""Field types for reaching a service: phone numbers, email and web addresses, and the site's base URL."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

import phonenumbers
from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .fields import describe, fail, one_line


@dataclass(frozen=True)
class Phone:
    """A phone number as the editor wrote it, and in E.164 form for `tel:` links."""

    text: str
    e164: str


def _phone(value: Any) -> Phone:
    if isinstance(value, int) and not isinstance(value, bool):
        raise fail(f"the phone number {value} must be written in quotes",
                   "write it as text, e.g. \"019 520 2000\" (numbers lose their leading zero)")
    if not isinstance(value, str) or not value.strip():
        raise fail(f"expected a phone number, found {describe(value)}")
    text = " ".join(value.split())
    try:
        number = phonenumbers.parse(text, "FI")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise fail(f"'{text}' is not a valid phone number",
                   "write a Finnish number with its area code, e.g. '019 520 2000' or '+358 40 123 4567'")
    return Phone(text, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


PhoneNumber = Annotated[Phone, PlainValidator(_phone), WithJsonSchema({"type": "string"})]

_DOMAIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[A-Za-z0-9._%+'-]+@{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})+$")


def _email(value: Any) -> str:
    if not isinstance(value, str) or not _EMAIL.fullmatch(value.strip()):
        shown = describe(value)
        hint = "write it as name@example.fi"
        if isinstance(value, str) and "(at)" in value:
            hint = "write '@' instead of '(at)'"
        raise fail(f"{shown} is not a valid email address", hint)
    return value.strip()


Email = Annotated[str, PlainValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _url(value: Any) -> str:
    if isinstance(value, str):
        one_line(value.strip(), "the web address")
    if isinstance(value, str) and _URL.fullmatch(value.strip()):
        host = value.split("://", 1)[1].split("/", 1)[0]
        if "." in host or host.startswith("localhost"):
            return value.strip()
    hint = "web addresses start with https:// (or http://)"
    if isinstance(value, str) and value.startswith("www."):
        hint = f"add the scheme: 'https://{value}'"
    elif isinstance(value, str) and re.match(r"^\s*(javascript|data|vbscript|file):", value, re.IGNORECASE):
        hint = "only http and https addresses are allowed"
    raise fail(f"{describe(value)} is not a valid web address", hint)


Url = Annotated[str, PlainValidator(_url), WithJsonSchema({"type": "string", "format": "uri",
                                                            "pattern": "^https?://"})]


# What RFC 3986 lets a URL hold; a base URL is pasted into HTML, XML, JSON, robots.txt and iCalendar as it is,
# so a quote, a space, a '<' or a backslash must never reach them.
_NOT_URL_CHARACTER = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


def _base_url(value: Any) -> str:
    url = _url(value)
    outside = _NOT_URL_CHARACTER.search(url)
    if outside:
        raise fail(f"the base URL '{url}' contains '{outside.group()}', which a web address cannot hold as it is",
                   "percent-encode it (e.g. %20 for a space), or write the domain in its xn-- form")
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise fail(f"the base URL '{url}' contains a user name or password",
                   "give the public address only, e.g. https://perhekeskus.fi/")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise fail(f"the base URL '{url}' has a query ('?') or a fragment ('#')",
                   "give the address the site's pages are under, e.g. https://example.org/perhekeskus/")
    try:
        parts.port  # noqa: B018 - urlsplit checks the port only when asked
    except ValueError:
        raise fail(f"the base URL '{url}' has an invalid port", "write the port as a number 1-65535, or leave it out") \
            from None
    return url


class InvalidValue(ValueError):
    """A value outside content (a command-line option) that breaks a rule of the same setting in content."""

    def __init__(self, message: str, hint: str | None):
        super().__init__(message)
        self.message, self.hint = message, hint


def check_base_url(value: str) -> str:
    """`value` as a site's base URL, by the rules of base_url in site.yaml; InvalidValue says why not."""
    try:
        return _base_url(value)
    except PydanticCustomError as exc:
        raise InvalidValue(exc.context["message"], exc.context["hint"]) from None


BaseUrl = Annotated[str, PlainValidator(_base_url), WithJsonSchema({"type": "string", "format": "uri",
                                                                    "pattern": "^https?://[^?#@]*$"})]
