"""Weekly opening hours with exceptions (holidays, closed periods), as editors write them."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema, model_validator

from .fields import LocalText, describe, fail
from .timefields import Date, Time

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")

# Editors write weekdays the way their language abbreviates them. The Finnish (ma ti ke to pe la su),
# Swedish (må ti on to fr lö sö) and English (mo tu we th fr sa su) abbreviations never clash.
_DAY_ALIASES = {
    **{d: d for d in DAYS},
    "ma": "mo", "ti": "tu", "ke": "we", "to": "th", "pe": "fr", "la": "sa",
    "må": "mo", "on": "we", "lö": "sa", "sö": "su",
    "mon": "mo", "tue": "tu", "wed": "we", "thu": "th", "fri": "fr", "sat": "sa", "sun": "su",
}


def _day(word: str) -> str:
    code = _DAY_ALIASES.get(word.strip().lower())
    if code is None:
        raise fail(f"'{word.strip()}' is not a weekday",
                   "write weekdays as ma ti ke to pe la su (or mo tu we th fr sa su), a range as 'ma-pe'")
    return code


def _days(value: Any) -> tuple[str, ...]:
    """Weekdays from 'ti', 'ma-pe', 'ma, ke' or a list of those."""
    items = value if isinstance(value, list) else [value]
    if not items:
        raise fail("no weekdays are given", "write e.g. 'days: ti' or 'days: ma-pe'")
    result: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise fail(f"expected weekdays, found {describe(item)}", "write e.g. 'days: ti' or 'days: ma-pe'")
        for part in re.split(r"\s*,\s*", item.strip()):
            bounds = re.split(r"\s*[-–]\s*", part)
            if len(bounds) == 2:
                first, last = DAYS.index(_day(bounds[0])), DAYS.index(_day(bounds[1]))
                if last < first:
                    raise fail(f"the range '{part}' runs backwards", "write the earlier day first, e.g. 'ma-pe'")
                result.extend(DAYS[first:last + 1])
            elif len(bounds) == 1:
                result.append(_day(bounds[0]))
            else:
                raise fail(f"'{part}' is not a weekday or a range of weekdays")
    return tuple(d for d in DAYS if d in result)


Days = Annotated[tuple[str, ...], PlainValidator(_days),
                 WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                                 "examples": ["ti", "ma-pe", ["ma", "ke"]]})]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _check_order(opens: dt.time | None, closes: dt.time | None) -> None:
    if opens is not None and closes is not None and closes <= opens:
        raise fail(f"the closing time {closes:%H:%M} is not after the opening time {opens:%H:%M}",
                   "check the times; a place open past midnight is written as two entries", ("closes",))


class WeeklyHours(_Strict):
    """Recurring hours on some weekdays."""

    days: Days = Field(description="Weekdays: 'ti', 'ma-pe' or a list such as [ma, ke].")
    opens: Time = Field(description="Opening time, HH:MM.")
    closes: Time = Field(description="Closing time, HH:MM.")
    note: LocalText | None = Field(None, description="What happens then, e.g. 'Vauvakahvila'.")

    @model_validator(mode="after")
    def _times_in_order(self) -> WeeklyHours:
        _check_order(self.opens, self.closes)
        return self


class ScheduleException(_Strict):
    """A day or a period when the weekly hours do not apply: closed, or open at other times."""

    date: Date | None = Field(None, description="A single day, YYYY-MM-DD.")
    from_: Date | None = Field(None, alias="from", description="First day of a period, YYYY-MM-DD.")
    to: Date | None = Field(None, description="Last day of a period, YYYY-MM-DD.")
    closed: bool = Field(False, description="true when closed for the whole day or period.")
    opens: Time | None = Field(None, description="Opening time on that day, if open.")
    closes: Time | None = Field(None, description="Closing time on that day, if open.")
    note: LocalText | None = Field(None, description="The reason, e.g. 'Joulutauko'.")

    @model_validator(mode="after")
    def _consistent(self) -> ScheduleException:
        if self.date is None and (self.from_ is None or self.to is None):
            if self.from_ is None and self.to is None:
                raise fail("an exception needs 'date', or 'from' and 'to'",
                           "write 'date: 2026-12-24' for one day, or 'from:' and 'to:' for a period")
            raise fail("a period needs both 'from' and 'to'", "add the missing one",
                       ("to",) if self.to is None else ("from",))
        if self.date is not None and (self.from_ is not None or self.to is not None):
            raise fail("give either 'date' or 'from' and 'to', not both", None, ("date",))
        if self.from_ is not None and self.to is not None and self.to < self.from_:
            raise fail(f"the period ends ({self.to}) before it starts ({self.from_})",
                       "check the dates", ("to",))
        has_times = self.opens is not None or self.closes is not None
        if self.closed and has_times:
            raise fail("a closed day cannot have opening times", "remove 'closed: true' or the times", ("closed",))
        if not self.closed and not (self.opens is not None and self.closes is not None):
            raise fail("say whether it is closed or give both opening times",
                       "write 'closed: true', or both 'opens:' and 'closes:'")
        _check_order(self.opens, self.closes)
        return self

    @property
    def first_day(self) -> dt.date:
        return self.date or self.from_  # type: ignore[return-value]

    @property
    def last_day(self) -> dt.date:
        return self.date or self.to  # type: ignore[return-value]


class Schedule(_Strict):
    """Weekly hours, when they are valid, and their exceptions."""

    weekly: list[WeeklyHours] = Field(min_length=1, description="The regular weekly hours.")
    exceptions: list[ScheduleException] = Field(default_factory=list,
                                                description="Holidays and closed periods.")
    valid_from: Date | None = Field(None, description="First day these hours apply (e.g. the autumn season).")
    valid_to: Date | None = Field(None, description="Last day these hours apply.")
    note: LocalText | None = Field(None, description="Anything else families should know about the times.")

    @model_validator(mode="after")
    def _valid_period(self) -> Schedule:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise fail(f"'valid_to' ({self.valid_to}) is before 'valid_from' ({self.valid_from})",
                       "check the dates", ("valid_to",))
        return self
