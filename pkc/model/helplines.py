"""National helplines that site.yaml lists for families who need help now: 112, crisis and violence lines."""
from __future__ import annotations

from typing import Annotated, Any

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .contactfields import Phone, _phone
from .fields import LocalText, describe, fail


def _helpline_number(value: Any) -> Phone:
    """A full number ('0800 147 111') or a short one that Finland serves ('112', '116 111', '116 117')."""
    if isinstance(value, str) and value.strip():
        text = " ".join(value.split())
        try:
            number = phonenumbers.parse(text, "FI")
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and not phonenumbers.is_valid_number(number) \
                and shortnumberinfo.is_valid_short_number_for_region(number, "FI"):
            return Phone(text, phonenumbers.national_significant_number(number))  # tel:112, not tel:+358112
    try:
        return _phone(value)
    except PydanticCustomError:
        raise fail(f"{describe(value)} is not a phone number that can be called in Finland",
                   "write a number with its area code, e.g. '0800 147 111', or a short number such as '112' or "
                   "'116 117' in quotes") from None


HelplineNumber = Annotated[Phone, PlainValidator(_helpline_number), WithJsonSchema({"type": "string"})]


class Helpline(BaseModel):
    """A helpline shown on the home page and on sensitive life situations, e.g. 112 or the Nollalinja."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: LocalText = Field(description="Name of the line, e.g. 'Hätänumero' or 'Nollalinja'.")
    phone: HelplineNumber = Field(description="The number in quotes, e.g. '112' or '080 005 005'.")
    hours: LocalText = Field(description="When it answers, in words, e.g. 'aina' or 'ma–pe 14–20'.")
    description: LocalText | None = Field(None, description="For whom and for what, in one sentence.")
