"""PTV service hours (DaysOfTheWeek, Exceptional, OverMidnight) as pkc's weekly schedule with exceptions."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .texts import Notes, items, per_language
from .yamltext import Flow, Quoted

# PTV's English weekday names, and the Finnish abbreviations editors write in pkc files
_PTV_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FI_DAYS = ("ma", "ti", "ke", "to", "pe", "la", "su")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$")
_LAST_MINUTE = "23:59"  # pkc's times end at 23:59; PTV writes midnight as 00:00 or 24:00


def _day(value: Any) -> int | None:
    return _PTV_DAYS.index(value) if value in _PTV_DAYS else None


def _time(value: Any) -> str | None:
    """'08:00:00' or '8:00' as '08:00'; '24:00' as '23:59'; None when it is not a time."""
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if (hour, minute) == (24, 0):
        return _LAST_MINUTE
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _date(value: Any) -> dt.date | None:
    """The date of PTV's '2026-12-24T00:00:00' (or '…Z'); None when absent or unreadable."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def days_text(days: list[int]) -> Any:
    """Weekdays as editors write them: 'ti', 'ma-pe', or [ma-ke, pe] for broken runs."""
    runs: list[list[int]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [_FI_DAYS[run[0]] if len(run) == 1 else f"{_FI_DAYS[run[0]]}-{_FI_DAYS[run[-1]]}" for run in runs]
    return parts[0] if len(parts) == 1 else Flow(parts)


class HoursResult:
    """A pkc schedule built from PTV service hours, or None when PTV gave no weekly hours."""

    def __init__(self) -> None:
        self.slots: list[tuple[int, str, str]] = []  # (weekday, opens, closes)
        self.exceptions: list[dict[str, Any]] = []
        self.valid_from: dt.date | None = None
        self.valid_to: dt.date | None = None
        self.note: dict[str, str] = {}

    def schedule(self) -> dict[str, Any] | None:
        if not self.slots:
            return None
        grouped: dict[tuple[str, str], list[int]] = {}
        for day, opens, closes in sorted(set(self.slots)):
            grouped.setdefault((opens, closes), []).append(day)
        weekly = [{"days": days_text(days), "opens": Quoted(opens), "closes": Quoted(closes)}
                  for (opens, closes), days in sorted(grouped.items(), key=lambda item: (min(item[1]), item[0]))]
        result: dict[str, Any] = {"weekly": weekly}
        if self.exceptions:
            result["exceptions"] = sorted(self.exceptions, key=lambda e: str(e.get("date") or e.get("from")))
        if self.valid_from:
            result["valid_from"] = self.valid_from
        if self.valid_to:
            result["valid_to"] = self.valid_to
        if self.note:
            result["note"] = self.note
        return result


def convert_hours(hours: Any, path: str, languages: list[str], notes: Notes, today: dt.date) -> dict[str, Any] | None:
    """pkc's schedule from PTV's `serviceHours` at `path`; what does not fit is noted."""
    result = HoursResult()
    regular = [(index, item) for index, item in enumerate(hours if isinstance(hours, list) else [])
               if isinstance(item, dict) and item.get("serviceHourType") in ("DaysOfTheWeek", "OverMidnight")]
    chosen = _current(regular, today)
    for index, item in regular:
        at = f"{path}[{index}]"
        if chosen is not None and item.get("serviceHourType") == "DaysOfTheWeek" and index != chosen and \
                _period(item) != _period(regular_item(regular, chosen)):
            notes.unmapped(at, f"weekly hours {_period_text(item)} not imported: pkc keeps one set of weekly "
                               "hours; add them as exceptions or update the file when they start")
            continue
        _regular(item, at, result, languages, notes)
    for index, item in enumerate(hours if isinstance(hours, list) else []):
        at = f"{path}[{index}]"
        if not isinstance(item, dict):
            continue
        kind = item.get("serviceHourType")
        if kind == "Exceptional":
            _exception(item, at, result, languages, notes)
        elif kind not in ("DaysOfTheWeek", "OverMidnight"):
            notes.unmapped(at, f"service hours of type '{kind}' not imported")
    schedule = result.schedule()
    if schedule is None and result.exceptions:
        notes.unmapped(path, f"{len(result.exceptions)} exception(s) to opening hours not imported: "
                             "pkc needs weekly hours to attach them to")
    return schedule


def regular_item(regular: list[tuple[int, dict]], index: int) -> dict:
    return next(item for i, item in regular if i == index)


def _period(item: dict) -> tuple[dt.date | None, dt.date | None]:
    return _date(item.get("validFrom")), _date(item.get("validTo"))


def _period_text(item: dict) -> str:
    start, end = _period(item)
    if start and end:
        return f"{start}–{end}"
    return f"from {start}" if start else (f"until {end}" if end else "without a period")


def _current(regular: list[tuple[int, dict]], today: dt.date) -> int | None:
    """The DaysOfTheWeek entries in force today (or the first without a period, or the first at all)."""
    weekly = [(index, item) for index, item in regular if item.get("serviceHourType") == "DaysOfTheWeek"]
    if not weekly:
        return None
    for index, item in weekly:
        if item.get("validForNow") is True:
            return index
    for index, item in weekly:
        start, end = _period(item)
        if (start is None or start <= today) and (end is None or today <= end):
            return index
    return weekly[0][0]


def _regular(item: dict, at: str, result: HoursResult, languages: list[str], notes: Notes) -> None:
    kind = item.get("serviceHourType")
    if kind == "DaysOfTheWeek":
        start, end = _period(item)
        result.valid_from = result.valid_from or start
        result.valid_to = result.valid_to or end
    note = per_language(item.get("additionalInformation"), languages, notes, f"{at}.additionalInformation")
    for lang, text in note.items():
        result.note.setdefault(lang, text)
    if item.get("isReservation") is True:
        notes.check(at, "PTV says these hours are by reservation only: say so in the service's booking text")
    if item.get("isClosed") is True:
        notes.unmapped(at, "weekly hours marked closed not imported: leave the days out instead")
        return
    if item.get("isAlwaysOpen") is True:
        result.slots.extend((day, "00:00", _LAST_MINUTE) for day in range(7))
        return
    for number, opening in enumerate(items(item.get("openingHour"))):
        where = f"{at}.openingHour[{number}]"
        first, opens, closes = _day(opening.get("dayFrom")), _time(opening.get("from")), _time(opening.get("to"))
        last = _day(opening.get("dayTo"))
        if first is None or opens is None or closes is None:
            notes.unmapped(where, "opening hour without a weekday and both times not imported")
            continue
        if kind == "DaysOfTheWeek" and last is not None and last != first and opens < closes:
            # a range of weekdays with the same hours (OverMidnight is the type for spans across nights)
            result.slots.extend(((first + offset) % 7, opens, closes) for offset in range((last - first) % 7 + 1))
            continue
        if kind == "OverMidnight" or (last is not None and last != first) or closes <= opens:
            _over_midnight(first, opens, last if last is not None else (first + 1) % 7, closes, result)
            continue
        result.slots.append((first, opens, closes))


def _over_midnight(first: int, opens: str, last: int, closes: str, result: HoursResult) -> None:
    """A span from `first` at `opens` to `last` at `closes` as one entry per day (pkc's hours end at 23:59)."""
    if last != first:
        span = (last - first) % 7
    else:
        span = 1 if closes <= opens else 0
    for offset in range(span + 1):
        day = (first + offset) % 7
        start = opens if offset == 0 else "00:00"
        end = closes if offset == span else _LAST_MINUTE
        if start < end:
            result.slots.append((day, start, end))


def _exception(item: dict, at: str, result: HoursResult, languages: list[str], notes: Notes) -> None:
    start, end = _period(item)
    if start is None:
        notes.unmapped(at, "exceptional hours without 'validFrom' not imported")
        return
    entry: dict[str, Any] = {}
    if end is None or end == start:
        entry["date"] = start
    elif end < start:
        notes.unmapped(at, f"exceptional hours ending ({end}) before they start ({start}) not imported")
        return
    else:
        entry["from"], entry["to"] = start, end
    openings = items(item.get("openingHour"))
    if item.get("isClosed") is True or not openings:
        entry["closed"] = True
    else:
        opens, closes = _time(openings[0].get("from")), _time(openings[0].get("to"))
        if opens is None or closes is None or closes <= opens:
            notes.unmapped(f"{at}.openingHour[0]", "exceptional opening hours without valid times not imported")
            return
        entry["opens"], entry["closes"] = Quoted(opens), Quoted(closes)
        if len(openings) > 1:
            notes.unmapped(f"{at}.openingHour[1]", f"{len(openings) - 1} more opening period(s) on "
                                                   f"{start} not imported: pkc keeps one per exception")
    note = per_language(item.get("additionalInformation"), languages, notes, f"{at}.additionalInformation")
    if note:
        entry["note"] = note
    result.exceptions.append(entry)
