"""Field types for when: dates, times of day, and dates with times in Finnish time."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema

from .fields import describe, fail

# Dates far outside a family centre's lifetime are typing mistakes, and near year 1 or 9999 a week's arithmetic
# (recurrences, review intervals) would overflow.
YEARS = range(1900, 2200)


def in_years(day: dt.date) -> dt.date:
    """`day`, or a validation error when its year is outside `YEARS`."""
    if day.year not in YEARS:
        raise fail(f"the year {day.year} is not plausible",
                   f"write a date between {YEARS.start} and {YEARS.stop - 1}, as YYYY-MM-DD")
    return day


def _date(value: Any) -> dt.date:
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return in_years(day)
        finnish = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", value.strip())
        if finnish:
            day, month, year = finnish.groups()
            raise fail(f"'{value}' is not in the date format pkc reads",
                       f"write dates as YYYY-MM-DD: '{year}-{int(month):02d}-{int(day):02d}'")
    raise fail(f"expected a date, found {describe(value)}", "write dates as YYYY-MM-DD, e.g. 2026-09-01")


Date = Annotated[dt.date, PlainValidator(_date), WithJsonSchema({"type": "string", "format": "date"})]

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _time(value: Any) -> dt.time:
    if isinstance(value, str):
        match = _TIME.match(value.strip())
        if match:
            return dt.time(int(match.group(1)), int(match.group(2)))
    if isinstance(value, float):
        raise fail(f"the time {value} is ambiguous", "write times as HH:MM, e.g. '09:30'")
    raise fail(f"{describe(value)} is not a valid time",
               "write times as HH:MM on the 24-hour clock, e.g. 09:30 or 16:00")


Time = Annotated[dt.time, PlainValidator(_time),
                 WithJsonSchema({"type": "string", "pattern": "^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$"})]

HELSINKI = "Europe/Helsinki"
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _datetime(value: Any) -> dt.datetime:
    """A local date and time in Finland: '2027-03-12 09:00' (the time zone is always Europe/Helsinki)."""
    from zoneinfo import ZoneInfo

    if isinstance(value, str):
        match = _DATETIME.match(value.strip())
        if match:
            try:
                day = dt.date.fromisoformat(match.group(1))
            except ValueError:
                raise fail(f"'{value}' has a day that does not exist", "check the date") from None
            in_years(day)
            return dt.datetime(day.year, day.month, day.day, int(match.group(2)), int(match.group(3)),
                               tzinfo=ZoneInfo(HELSINKI))
        finnish = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(?:klo\s+)?(\d{1,2})[:.](\d{2})$", value.strip())
        if finnish:
            day, month, year, hour, minute = finnish.groups()
            raise fail(f"'{value}' is not in the form pkc reads",
                       f"write it as '{year}-{int(month):02d}-{int(day):02d} {int(hour):02d}:{minute}' (in quotes)")
    raise fail(f"{describe(value)} is not a date and time",
               "write it as YYYY-MM-DD HH:MM in Finnish time, e.g. '2027-03-12 09:00' (in quotes)")


DateTime = Annotated[dt.datetime, PlainValidator(_datetime),
                     WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}[:.]\d{2}$",
                                     "examples": ["2027-03-12 09:00"]})]
