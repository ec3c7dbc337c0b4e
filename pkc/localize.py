"""Turn model values into what a page in one language shows: texts with their language, dates, hours."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from urllib.parse import quote_plus

from babel import Locale
from babel.dates import format_date, format_time, get_day_names
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from .codelists import VOCABULARIES
from .markdown import first_sentence, render_markdown
from .model.contactfields import Phone
from .model.fields import Text
from .model.kinds import Address, Coordinates
from .model.schedule import DAYS, Schedule
from .theme import Strings

# Babel locales for formatting: Finnish and Swedish as used in Finland, English with a 24-hour clock.
_BABEL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}

# The patterns of dates and times are ours, not CLDR's: a reader and the tests see the same text whatever Babel
# (CLDR) version is installed. Babel still gives the month and weekday names. Times are written with a period
# in Finnish and in Finland-Swedish ("kl. 9.30"): the convention of the Institute for the Languages of Finland
# for both, the form of CLDR 48's sv_FI, and what a family reading both languages of a bilingual municipality's
# pages expects to see alike; English uses a 24-hour clock with a colon ("09:30").
# A site language outside this table gets CLDR's own medium patterns.
_PATTERNS = {
    "fi": {"long": "d. MMMM y", "short": "d.M.yyyy", "time": "H.mm", "weekday_date": "EEE d.M.yyyy"},
    "sv": {"long": "d MMMM y", "short": "d.M.yyyy", "time": "H.mm", "weekday_date": "EEE d.M.yyyy"},
    "en": {"long": "d MMMM y", "short": "d MMM yyyy", "time": "HH:mm", "weekday_date": "EEE d MMM yyyy"},
}
_CLDR_PATTERNS = {"long": "long", "short": "medium", "time": "short", "weekday_date": "full"}


@dataclass(frozen=True)
class Shown:
    """A text ready for a template; marked with its own `lang` when it is not in the page's language."""

    text: str
    lang: str
    page_lang: str

    _element = "span"

    @property
    def foreign(self) -> bool:
        return self.lang != self.page_lang

    def _html(self) -> str:
        return str(escape(self.text))

    def __html__(self) -> str:
        if self.foreign:
            return f'<{self._element} lang="{self.lang}">{self._html()}</{self._element}>'
        return self._html()

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ShownHtml(Shown):
    """Rendered, sanitized Markdown: a block, wrapped in a `div` with its `lang` when in another language."""

    _element = "div"

    def _html(self) -> str:
        return self.text


@dataclass(frozen=True)
class Link:
    """A link for a template: its address and its text."""

    href: str
    label: str | Shown
    lang: str | None = None  # hreflang, when the target is in another language


@dataclass(frozen=True)
class PhoneView:
    text: str
    href: str


@dataclass(frozen=True)
class AddressView:
    street: Shown
    postal_code: str
    city: Shown
    map_url: str

    @property
    def one_line(self) -> str:
        return f"{self.street.text}, {self.postal_code} {self.city.text}"


@dataclass(frozen=True)
class HoursRow:
    days: str
    times: str
    note: Shown | None


@dataclass(frozen=True)
class ScheduleView:
    rows: tuple[HoursRow, ...]
    exceptions: tuple[HoursRow, ...]
    validity: str | None
    note: Shown | None
    data: str  # the hours for open-now.js, see hours_data()


def hours_data(schedule: Schedule, today: dt.date) -> str:
    """The hours as compact JSON for the browser's "open today" line (templates/static/open-now.js).

    `{"w":[["motuwethfr","08:00","16:00"]],"x":[["2026-12-24","2026-12-26"],["2026-12-31","2026-12-31",
    "08:00","13:00"]],"from":"2026-08-10","to":"2027-06-04"}`: `w` the weekly rows (day codes mo..su written one
    after another, opening and closing time), `x` the exceptions not yet over on `today` (first and last day,
    then the times, or no times when closed), `from` and `to` the validity. Empty `x` and unset dates are left
    out: the value is repeated on every card of a list. It holds only day codes, digits, '-', ':' and JSON's
    punctuation, never a quote mark ' or an & or <, so a template may write it unescaped in a '-quoted attribute.
    """
    value: dict[str, object] = {"w": [["".join(h.days), f"{h.opens:%H:%M}", f"{h.closes:%H:%M}"]
                                      for h in schedule.weekly]}
    exceptions = []
    for exc in sorted(schedule.exceptions, key=lambda e: e.first_day):
        if exc.last_day < today:
            continue
        row = [exc.first_day.isoformat(), exc.last_day.isoformat()]
        if not exc.closed:
            row += [f"{exc.opens:%H:%M}", f"{exc.closes:%H:%M}"]
        exceptions.append(row)
    if exceptions:
        value["x"] = exceptions
    if schedule.valid_from:
        value["from"] = schedule.valid_from.isoformat()
    if schedule.valid_to:
        value["to"] = schedule.valid_to.isoformat()
    return json.dumps(value, separators=(",", ":"))


class Localizer:
    """Formats values for pages in one language, with fallbacks for missing translations."""

    def __init__(self, lang: str, languages: tuple[str, ...], strings: Strings, today: dt.date):
        self.lang = lang
        self.fallbacks = tuple(code for code in languages if code != lang)
        self.t = strings
        self.today = today
        # Values that recur on thousands of pages (code labels, times, a location's hours), formatted once.
        self._codes: dict[tuple[str, str], str] = {}
        self._times: dict[dt.time, str] = {}
        self._schedules: dict[int, tuple[Schedule, ScheduleView]] = {}
        self.locale = Locale.parse(_BABEL_LOCALES.get(lang, lang))
        self.patterns = _PATTERNS.get(lang, _CLDR_PATTERNS)

    # --- texts ---------------------------------------------------------------------------------------

    def text(self, value: Text) -> Shown:
        text, lang = value.pick(self.lang, self.fallbacks)
        return Shown(text, lang, self.lang)

    def maybe(self, value: Text | None) -> Shown | None:
        return None if value is None else self.text(value)

    def markdown(self, value: Text | None, top_level: int = 2) -> ShownHtml | None:
        if value is None:
            return None
        text, lang = value.pick(self.lang, self.fallbacks)
        return ShownHtml(Markup(render_markdown(text, top_level)), lang, self.lang)

    def summary(self, summary: Text | None, description: Text | None) -> Shown | None:
        """The one-line summary, or the first sentence of the description."""
        if summary is not None:
            return self.text(summary)
        if description is None:
            return None
        text, lang = description.pick(self.lang, self.fallbacks)
        return Shown(first_sentence(text), lang, self.lang)

    # --- codes and names -----------------------------------------------------------------------------

    def code(self, list_name: str, code: str) -> str:
        key = (list_name, code)
        if key not in self._codes:
            self._codes[key] = getattr(VOCABULARIES, list_name)[code].name(self.lang)
        return self._codes[key]

    def language_name(self, code: str) -> str:
        name = self.locale.languages.get(code, code)
        return name[0].upper() + name[1:] if self.lang == "en" else name

    def native_language_name(self, code: str) -> str:
        return Locale.parse(code).get_display_name(code) or code

    # --- dates and times -----------------------------------------------------------------------------

    def date(self, value: dt.date) -> str:
        """'3. syyskuuta 2026', '3 september 2026', '3 September 2026'."""
        return format_date(value, self.patterns["long"], locale=self.locale)

    def short_date(self, value: dt.date) -> str:
        """'21.12.2026' (Finnish and Finland-Swedish usage), '21 Dec 2026' in English."""
        return format_date(value, self.patterns["short"], locale=self.locale)

    def time(self, value: dt.time) -> str:
        """'9.30' in Finnish and Swedish, '09:30' in English."""
        if value not in self._times:
            self._times[value] = format_time(value, self.patterns["time"], locale=self.locale)
        return self._times[value]

    def event_time(self, start: dt.datetime, end: dt.datetime) -> str:
        """'ti 12.3.2027 klo 9.00–11.00', or from one day to another when it lasts longer."""
        pattern = self.patterns["weekday_date"]
        first = format_date(start, pattern, locale=self.locale)
        if start.date() == end.date():
            return self.t.fmt("at_time", date=first, time=self.times(start.time(), end.time()))
        last = format_date(end, pattern, locale=self.locale)
        return (f"{self.t.fmt('at_time', date=first, time=self.time(start.time()))} – "
                f"{self.t.fmt('at_time', date=last, time=self.time(end.time()))}")

    def file_size(self, size: int) -> str:
        """'240 kB', '1,2 MB' (decimal separator of the page's language)."""
        if size < 1_000_000:
            return f"{max(1, round(size / 1000))} kB"
        return f"{format_decimal(round(size / 1_000_000, 1), locale=self.locale)} MB"

    def times(self, opens: dt.time, closes: dt.time) -> str:
        return f"{self.time(opens)}–{self.time(closes)}"

    def days(self, days: tuple[str, ...], width: str = "wide") -> str:
        """'Maanantai–perjantai', 'Tiistai', 'Maanantai, keskiviikko'; abbreviated: 'ma–pe', 'mån–fre'."""
        names = get_day_names(width, context="stand-alone", locale=self.locale)
        indexes = [DAYS.index(d) for d in days]
        consecutive = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
        if len(indexes) >= 3 and consecutive:
            text = f"{names[indexes[0]]}–{names[indexes[-1]]}"
        else:
            text = ", ".join(names[i] for i in indexes)
        return text[0].upper() + text[1:] if width == "wide" else text

    def schedule(self, schedule: Schedule | None) -> ScheduleView | None:
        """Weekly hours, and the exceptions that are not yet over on the build date."""
        if schedule is None:
            return None
        cached = self._schedules.get(id(schedule))
        if cached is not None and cached[0] is schedule:  # the same object: its view is the same
            return cached[1]
        view = self._schedule(schedule)
        self._schedules[id(schedule)] = (schedule, view)
        return view

    def _schedule(self, schedule: Schedule) -> ScheduleView:
        rows = tuple(HoursRow(self.days(h.days), self.times(h.opens, h.closes), self.maybe(h.note))
                     for h in schedule.weekly)
        exceptions = []
        for exc in sorted(schedule.exceptions, key=lambda e: e.first_day):
            if exc.last_day < self.today:
                continue
            when = self.short_date(exc.first_day)
            if exc.last_day != exc.first_day:
                when = f"{when}–{self.short_date(exc.last_day)}"
            what = self.t.closed if exc.closed else self.times(exc.opens, exc.closes)  # type: ignore[arg-type]
            exceptions.append(HoursRow(when, what, self.maybe(exc.note)))
        validity = None
        if schedule.valid_from and schedule.valid_to:
            validity = self.t.fmt("valid_period", start=self.short_date(schedule.valid_from),
                                  end=self.short_date(schedule.valid_to))
        elif schedule.valid_from:
            validity = self.t.fmt("valid_from", start=self.short_date(schedule.valid_from))
        elif schedule.valid_to:
            validity = self.t.fmt("valid_until", end=self.short_date(schedule.valid_to))
        return ScheduleView(rows, tuple(exceptions), validity, self.maybe(schedule.note),
                            hours_data(schedule, self.today))

    def open_status_texts(self) -> dict[str, str]:
        """What open-now.js needs to write the status line in this language, once per page (data-* names).

        Its three texts, the weekday abbreviations from Monday ('ma', 'mån', 'Mon': those of `event_time`)
        and the pattern of `time` ('H.mm' or 'HH:mm'; a language outside our patterns gets 'HH:mm').
        """
        names = get_day_names("abbreviated", context="format", locale=self.locale)
        return {
            "open-today": self.t.open_today,
            "opens": self.t.opens_on,
            "closed-today": self.t.closed_today,
            "days": " ".join(names[i] for i in range(7)),
            "time": _PATTERNS[self.lang]["time"] if self.lang in _PATTERNS else "HH:mm",
        }

    # --- contact details -----------------------------------------------------------------------------

    def phone(self, phone: Phone | None) -> PhoneView | None:
        return None if phone is None else PhoneView(phone.text, f"tel:{phone.e164}")

    def address(self, address: Address, municipality_name: Text, coordinates: Coordinates | None) -> AddressView:
        street = self.text(address.street)
        city = self.text(address.city or municipality_name)
        query = f"{street.text}, {address.postal_code} {city.text}"
        if coordinates is not None:
            map_url = (f"https://www.openstreetmap.org/?mlat={coordinates.lat}&mlon={coordinates.lon}"
                       f"#map=17/{coordinates.lat}/{coordinates.lon}")
        else:
            map_url = f"https://www.openstreetmap.org/search?query={quote_plus(query)}"
        return AddressView(street, address.postal_code, city, map_url)
