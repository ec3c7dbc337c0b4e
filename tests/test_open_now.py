"""The "open today" line, on the build side: the hours as compact JSON, the element and the script on the pages.

What the browser makes of them is in test_open_now_browser.py.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from pkc.errors import Problems
from pkc.localize import Localizer, hours_data
from pkc.model.schedule import Schedule
from pkc.theme import load_strings

from .conftest import REPO, TODAY
from .site_checks import html_pages, page

PORVOO_HOURS = {
    "weekly": [{"days": "ma-ke", "opens": "8:00", "closes": "16:00"},
               {"days": "to", "opens": "8:00", "closes": "18:00", "note": {"fi": "Iltavastaanotto"}},
               {"days": "pe", "opens": "8:00", "closes": "15:00"}],
    "exceptions": [{"date": "2026-06-19", "closed": True, "note": {"fi": "Juhannusaatto"}},
                   {"from": "2026-12-24", "to": "2026-12-26", "closed": True},
                   {"date": "2026-12-31", "opens": "8:00", "closes": "13:00"}],
}


def _localizer(lang: str, today: dt.date = TODAY) -> Localizer:
    strings = load_strings(REPO, [lang], Problems())
    return Localizer(lang, ("fi", "sv", "en"), strings[lang], today)


def test_the_hours_become_compact_json_without_past_exceptions() -> None:
    data = hours_data(Schedule.model_validate(PORVOO_HOURS), TODAY)
    assert data == ('{"w":[["motuwe","08:00","16:00"],["th","08:00","18:00"],["fr","08:00","15:00"]],'
                    '"x":[["2026-12-24","2026-12-26"],["2026-12-31","2026-12-31","08:00","13:00"]]}')


def test_validity_is_kept_and_nothing_empty_is_written() -> None:
    schedule = Schedule.model_validate({"weekly": [{"days": ["ma", "ke"], "opens": "9:30", "closes": "11:30"}],
                                        "valid_from": "2026-08-10", "valid_to": "2027-06-04"})
    assert json.loads(hours_data(schedule, TODAY)) == {"w": [["mowe", "09:30", "11:30"]],
                                                       "from": "2026-08-10", "to": "2027-06-04"}
    weekly_only = Schedule.model_validate({"weekly": [{"days": "la-su", "opens": "10:00", "closes": "14:00"}]})
    assert hours_data(weekly_only, TODAY) == '{"w":[["sasu","10:00","14:00"]]}'


def test_an_exception_ending_on_the_build_date_is_still_written() -> None:
    schedule = Schedule.model_validate(PORVOO_HOURS)
    assert json.loads(hours_data(schedule, dt.date(2026, 12, 26)))["x"][0] == ["2026-12-24", "2026-12-26"]
    assert json.loads(hours_data(schedule, dt.date(2026, 12, 27)))["x"] == [["2026-12-31", "2026-12-31",
                                                                            "08:00", "13:00"]]
    assert "x" not in json.loads(hours_data(schedule, dt.date(2027, 1, 1)))


def test_the_schedule_view_carries_the_json_and_is_made_once_per_schedule() -> None:
    loc = _localizer("sv")
    schedule = Schedule.model_validate(PORVOO_HOURS)
    view = loc.schedule(schedule)
    assert view.data == hours_data(schedule, TODAY)  # the same in every language: no words in it
    assert loc.schedule(schedule) is view


def test_the_script_gets_the_texts_days_and_time_pattern_of_each_language() -> None:
    assert {lang: _localizer(lang).open_status_texts() for lang in ("fi", "sv", "en")} == {
        "fi": {"open-today": "Avoinna tänään {times}", "opens": "Avataan {day} {time}",
               "closed-today": "Suljettu tänään", "days": "ma ti ke to pe la su", "time": "H.mm"},
        "sv": {"open-today": "Öppet i dag {times}", "opens": "Öppnar {day} {time}",
               "closed-today": "Stängt i dag", "days": "mån tis ons tors fre lör sön", "time": "H.mm"},
        "en": {"open-today": "Open today {times}", "opens": "Opens {day} {time}",
               "closed-today": "Closed today", "days": "Mon Tue Wed Thu Fri Sat Sun", "time": "HH:mm"},
    }


def _statuses(document: BeautifulSoup) -> list:
    return document.find_all(class_="open-status")


def _scripts(document: BeautifulSoup) -> list:
    return [s for s in document.find_all("script") if s.get("src", "").endswith("assets/open-now.js")]


def test_pages_with_hours_carry_a_hidden_empty_status_and_the_script_once(multilingual_out: Path) -> None:
    document = page(multilingual_out, "sv/verksamhetsstallen/kaksilan-perhekeskus/")
    [status] = _statuses(document)
    assert status.name == "p" and status.has_attr("hidden") and status.get_text() == ""
    assert status.find_parent(class_="essentials") is not None  # among the first screen's essentials
    assert not ({"role", "aria-live", "aria-hidden"} & set(status.attrs))  # read as ordinary text once shown
    hours = json.loads(status["data-open-hours"])
    assert hours["w"] == [["motuweth", "08:00", "16:00"], ["fr", "08:00", "14:00"]]
    [script] = _scripts(document)
    assert script.has_attr("defer") and script["src"] == "../../../assets/open-now.js"
    assert (script["data-open-today"], script["data-days"], script["data-time"]) == (
        "Öppet i dag {times}", "mån tis ons tors fre lör sön", "H.mm")
    assert document.find("div", class_="hours") is not None  # the weekly table stays, for no JavaScript


def test_every_place_card_with_hours_has_a_status_and_pages_without_hours_no_script(multilingual_out: Path) -> None:
    index = page(multilingual_out, "fi/kohtaamispaikat/")
    cards = index.find_all("article", class_="card-place")
    assert cards and all(len(_statuses(card)) == 1 for card in cards)
    assert len(_scripts(index)) == 1
    for path in html_pages(multilingual_out):
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert len(_scripts(document)) == (1 if _statuses(document) else 0), path


def test_the_json_attribute_needs_no_escaping(example_out: Path) -> None:
    """Written unescaped in a '-quoted attribute: only day codes, digits and JSON punctuation, never ' & < >."""
    values = [match.group(1) for path in html_pages(example_out)
              for match in re.finditer(r"data-open-hours='([^']*)'", path.read_text(encoding="utf-8"))]
    assert len(values) > 500
    for value in values:
        assert re.fullmatch(r'[a-z0-9:,"\-\[\]{}]+', value), value
        assert set(json.loads(value)) <= {"w", "x", "from", "to"}
    assert sorted(len(v) for v in values)[len(values) // 2] < 160  # the typical size, in bytes
