"""The interface texts exist for every language with the same keys."""
from __future__ import annotations

import yaml

from .conftest import REPO


def test_every_language_has_every_interface_text() -> None:
    files = sorted((REPO / "templates" / "i18n").glob("*.yaml"))
    assert [f.stem for f in files] == ["en", "fi", "sv"]
    keys = {f.stem: set(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in files}
    assert keys["fi"] == keys["sv"] == keys["en"]


def _localizer(lang: str):
    import datetime as dt

    from pkc.errors import Problems
    from pkc.localize import Localizer
    from pkc.theme import load_strings

    strings = load_strings(REPO, [lang], Problems())
    return Localizer(lang, ("fi", "sv", "en"), strings[lang], dt.date(2026, 11, 30))


def test_dates_and_times_read_the_same_whatever_cldr_version_is_installed() -> None:
    """Our own patterns: times with a period in Finnish and Finland-Swedish, a colon in English."""
    import datetime as dt

    shown = {}
    for lang in ("fi", "sv", "en"):
        loc = _localizer(lang)
        shown[lang] = (loc.time(dt.time(9, 30)), loc.times(dt.time(8), dt.time(16, 15)),
                       loc.date(dt.date(2026, 9, 3)), loc.short_date(dt.date(2026, 12, 21)),
                       loc.event_time(dt.datetime(2027, 3, 12, 9), dt.datetime(2027, 3, 12, 11, 30)))
    assert shown == {
        "fi": ("9.30", "8.00–16.15", "3. syyskuuta 2026", "21.12.2026", "pe 12.3.2027 klo 9.00–11.30"),
        "sv": ("9.30", "8.00–16.15", "3 september 2026", "21.12.2026", "fre 12.3.2027 kl. 9.00–11.30"),
        "en": ("09:30", "08:00–16:15", "3 September 2026", "21 Dec 2026", "Fri 12 Mar 2027, 09:00–11:30"),
    }


def test_a_template_reads_every_interface_text_as_an_attribute_but_never_instead_of_strings_own() -> None:
    import jinja2

    from pkc.theme import Strings

    t = Strings("fi", {"phone": "Puhelin", "fmt": "{n} kpl", "lang": "kieli", "values": "arvot"})
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
        "{{ t.phone }} | {{ t.fmt('fmt', n=3) }} | {{ t.lang }} | {{ t['lang'] }} | {{ t['values'] }}")
    assert template.render(t=t) == "Puhelin | 3 kpl | fi | kieli | arvot"
    assert t == Strings("fi", dict(t.values))  # still compared by its language and texts
