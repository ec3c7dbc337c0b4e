"""Field formats: what editors may write and what they are told when it is wrong."""
from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, ValidationError

from pkc.model.contactfields import Email, PhoneNumber, Url
from pkc.model.fields import LocalText, slugify
from pkc.model.schedule import Days, Schedule
from pkc.model.timefields import Date, Time


class Sample(BaseModel):
    phone: PhoneNumber | None = None
    email: Email | None = None
    url: Url | None = None
    time: Time | None = None
    date: Date | None = None
    days: Days | None = None
    text: LocalText | None = None


def message(**data) -> str:
    with pytest.raises(ValidationError) as info:
        Sample.model_validate(data, context={"languages": ["fi", "sv", "en"]})
    return info.value.errors()[0]["ctx"]["message"]


def test_phone_numbers_keep_the_editors_spacing_and_get_an_e164_link() -> None:
    sample = Sample.model_validate({"phone": "019  520 2000"})
    assert sample.phone.text == "019 520 2000"
    assert sample.phone.e164 == "+358195202000"
    assert Sample.model_validate({"phone": "+358 40 000 1234"}).phone.e164 == "+358400001234"


@pytest.mark.parametrize("value, expected", [
    ("040 12", "'040 12' is not a valid phone number"),
    (400001234, "the phone number 400001234 must be written in quotes"),
])
def test_bad_phone_numbers(value, expected) -> None:
    assert message(phone=value) == expected


def test_emails_and_urls() -> None:
    assert message(email="neuvola(at)porvoo.fi") == "'neuvola(at)porvoo.fi' is not a valid email address"
    assert message(url="javascript:alert(1)") == "'javascript:alert(1)' is not a valid web address"
    assert message(url="www.porvoo.fi") == "'www.porvoo.fi' is not a valid web address"
    assert Sample.model_validate({"url": "https://www.porvoo.fi/neuvola"}).url == "https://www.porvoo.fi/neuvola"


def test_times_accept_finnish_and_iso_style() -> None:
    assert Sample.model_validate({"time": "9.30"}).time == dt.time(9, 30)
    assert Sample.model_validate({"time": "09:30"}).time == dt.time(9, 30)
    assert message(time="25:00") == "'25:00' is not a valid time"
    assert message(time=9.3) == "the time 9.3 is ambiguous"


def test_dates_in_finnish_order_get_the_iso_form_suggested() -> None:
    with pytest.raises(ValidationError) as info:
        Sample.model_validate({"date": "1.9.2026"})
    ctx = info.value.errors()[0]["ctx"]
    assert ctx["message"] == "'1.9.2026' is not in the date format pkc reads"
    assert ctx["hint"] == "write dates as YYYY-MM-DD: '2026-09-01'"


@pytest.mark.parametrize("written, days", [
    ("ti", ("tu",)),
    ("ma-pe", ("mo", "tu", "we", "th", "fr")),
    ("må–fr", ("mo", "tu", "we", "th", "fr")),
    (["ke", "pe"], ("we", "fr")),
    ("la, su", ("sa", "su")),
    ("mo-we", ("mo", "tu", "we")),
])
def test_weekdays_in_finnish_swedish_and_english(written, days) -> None:
    assert Sample.model_validate({"days": written}).days == days


def test_backwards_weekday_range() -> None:
    assert message(days="pe-ma") == "the range 'pe-ma' runs backwards"


def test_texts_per_language_keep_the_site_order_and_reject_unknown_languages() -> None:
    sample = Sample.model_validate({"text": {"sv": "Borgå", "fi": "Porvoo"}}, context={"languages": ["fi", "sv"]})
    assert list(sample.text.values) == ["fi", "sv"]
    assert message(text={"fi": "Porvoo", "se": "Borgå"}).startswith("'se' is not one of the site's languages")
    plain = Sample.model_validate({"text": "Porvoo"}, context={"languages": ["sv", "fi"]})
    assert plain.text.values == {"sv": "Porvoo"}  # a plain text is in the site's default language


def test_schedule_rejects_closing_before_opening() -> None:
    with pytest.raises(ValidationError) as info:
        Schedule.model_validate({"weekly": [{"days": "ti", "opens": "11:30", "closes": "9:30"}]})
    error = info.value.errors()[0]
    assert error["loc"] == ("weekly", 0)
    assert error["ctx"]["subpath"] == ("closes",)


def test_slugify() -> None:
    assert slugify("Järvenpää") == "jarvenpaa"
    assert slugify("Borgå svenska domkyrkoförsamling") == "borga-svenska-domkyrkoforsamling"
