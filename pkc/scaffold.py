"""`pkc new`: a commented starter file for a new entry, in the right folder, never over an existing one."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from .errors import PkcError
from .loader import RESERVED_NAMES
from .model.fields import SLUG_PATTERN, slugify
from .model.registry import KIND_BY_NAME

SCHEMA_FOLDER = "schemas"
# `pkc new` speaks the words editors use; they map to the content kinds.
NEW_KINDS = {"service": "service", "place": "place", "municipality": "municipality",
             "organisation": "organisation", "contact": "contact", "page": "page",
             "location": "location", "region": "region", "event": "event", "news": "news",
             "material": "material", "topic": "topic", "question": "question", "life-situation": "life-situation"}
# kinds whose starter file is Markdown with YAML front matter
MARKDOWN_KINDS = {"page", "news"}


class ScaffoldError(PkcError):
    """The starter file cannot be written (a bad name, or the file exists)."""


def schema_comment(kind: str, target: Path, site_dir: Path) -> str:
    """The first line of a content file: where VS Code's YAML extension finds the file's JSON Schema."""
    schema = site_dir / SCHEMA_FOLDER / f"{kind}.schema.json"
    relative = Path(os.path.relpath(schema, target.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}"


def _first(site_dir: Path, folder: str, fallback: str) -> str:
    names = sorted(p.stem for p in (site_dir / folder).glob("*.yaml")) if (site_dir / folder).is_dir() else []
    return names[0] if names else fallback


_TEMPLATES = {
    "service": """\
# Palvelu. Täydennä kaikki kohdat; valinnaiset rivit voi poistaa. Kenttien ohjeet: docs/content.md
name:
  fi: {title}
  # sv: …   (ruotsiksi, kun palvelu koskee kaksikielistä kuntaa)
summary:
  fi: Yksi lause siitä, mitä palvelu on ja kenelle.
description:
  fi: |
    Kerro, mitä palvelussa tapahtuu, kenelle se on tarkoitettu ja mitä mukaan kannattaa ottaa.
categories: [P5.2]          # palveluluokka: P5.2 neuvolapalvelut, P3.6 lapsiperheiden sosiaalipalvelut …
audiences: [parents]        # expecting, under-school-age, school-age, youth, parents
# ages: {{min: 0, max: 6}}    # lasten ikä vuosina
provider: {organisation}   # tuottaja: tiedoston nimi kansiosta content/organisations/
municipalities: [{municipality}]   # tai koko alue: region: …
access: [appointment]       # appointment, drop-in, phone, e-service, home-visit, referral
booking:
  fi: Varaa aika soittamalla ajanvaraukseen.
cost: free                  # free, fee tai income-based
languages: [fi]             # kielet, joilla palvelua saa
contacts: []                # tiedostojen nimet kansiosta content/contacts/
locations: []               # tiedostojen nimet kansiosta content/locations/
last_reviewed: {today}
""",
    "place": """\
# Kohtaamispaikka (perhekahvila, perhetupa …). Kenttien ohjeet: docs/content.md
name:
  fi: {title}
type: perhekahvila          # perhekahvila, perhetupa, perhepuisto, avoin-paivakoti, perhekerho, muu
organiser: [{organisation}]   # järjestäjä: tiedoston nimi kansiosta content/organisations/
municipality: {municipality}
address:
  street:
    fi: Katuosoite 1
  postal_code: "00100"      # lainausmerkeissä
# coordinates: {{lat: 60.39, lon: 25.66}}
summary:
  fi: Yksi lause siitä, mitä kohtaamispaikassa tehdään.
description:
  fi: |
    Kerro, mitä paikassa tapahtuu, kuka sen ohjaa ja onko tarjolla kahvia tai välipalaa.
audiences: [under-school-age, parents]
languages: [fi]
cost: free
accessibility:
  fi: Kerro sisäänkäynnistä, hissistä, esteettömästä wc:stä ja lastenvaunujen paikasta.
schedule:
  weekly:
    - days: ti              # ma ti ke to pe la su, väli esim. ma-pe
      opens: "9:30"
      closes: "11:30"
  exceptions:
    - from: {christmas_start}
      to: {christmas_end}
      closed: true
      note:
        fi: Joulutauko
last_reviewed: {today}
""",
    "municipality": """\
# Kunta. Kenttien ohjeet: docs/content.md
name:
  fi: {title}
  # sv: …   (kunnan ruotsinkielinen nimi, jos sellainen on)
region: {region}           # hyvinvointialue: tiedoston nimi kansiosta content/regions/
languages: [fi]             # virallinen kieli tai kielet: kaksikielinen kunta [fi, sv]
introduction:
  fi: |
    Kerro, miten kunnan perhekeskus toimii ja mistä perhe saa apua ensimmäiseksi.
family_centres: []          # toimipisteet kansiosta content/locations/
contacts: []                # yhteystiedot kansiosta content/contacts/
""",
    "organisation": """\
# Toimija: kunta, hyvinvointialue, järjestö, seurakunta tai yritys. Kenttien ohjeet: docs/content.md
name:
  fi: {title}
type: ngo                   # municipality, wellbeing-county, ngo, parish, company
municipality: {municipality}
description:
  fi: Kerro lyhyesti, mitä toimija tekee perheiden hyväksi.
# website: https://…
""",
    "contact": """\
# Yhteystieto: rooli tai palvelunumero, ei koskaan yksittäisen ihmisen nimeä. Kenttien ohjeet: docs/content.md
name:
  fi: {title}
organisation: {organisation}
phone: "040 123 4567"       # lainausmerkeissä
# email: nimi@esimerkki.fi
hours:                      # puhelinajat
  weekly:
    - days: ma-pe
      opens: "8:00"
      closes: "10:00"
last_reviewed: {today}
""",
    "location": """\
# Toimipiste: neuvola, perhekeskuksen talo tai muu paikka, jossa palveluja annetaan. Kenttien ohjeet: docs/content.md
name:
  fi: {title}
municipality: {municipality}
address:
  street:
    fi: Katuosoite 1
  postal_code: "00100"      # lainausmerkeissä
# coordinates: {{lat: 60.39, lon: 25.66}}
accessibility:
  fi: Kerro sisäänkäynnistä, hissistä, esteettömästä wc:stä ja pysäköinnistä.
opening_hours:
  weekly:
    - days: ma-pe
      opens: "8:00"
      closes: "16:00"
last_reviewed: {today}
""",
    "event": """\
# Tapahtuma: foorumi, koulutus, ryhmä, kokous tai perhetapahtuma. Kenttien ohjeet: docs/content.md
title:
  fi: {title}
type: event                 # forum, training, group, meeting, event
summary:
  fi: Yksi lause siitä, mitä tapahtumassa tehdään.
description:
  fi: |
    Kerro ohjelma, kenelle tapahtuma on ja mitä mukaan kannattaa ottaa.
start: "{today} 13:00"      # VVVV-KK-PP TT:MM Suomen aikaa, lainausmerkeissä
end: "{today} 15:00"
location: null              # toimipiste kansiosta content/locations/, tai place: kohtaamispaikka,
online_url: https://kokous.example/linkki   # tai address: ja municipality:, tai verkossa
organiser: [{organisation}]
municipalities: [{municipality}]
languages: [fi]
# audience: professionals   # jos tapahtuma on ammattilaisille (foorumi, koulutus, työryhmä); muuten perheille
# registration:
#   fi: Ilmoittaudu lomakkeella.
# registration_url: https://…
# registration_deadline: {today}
""",
    "material": """\
# Materiaali: ladattava asiakirja. Tallenna tiedosto kansioon content/media/. Kenttien ohjeet: docs/content.md
title:
  fi: {title}
description:
  fi: Yksi tai kaksi lausetta siitä, mitä asiakirjassa on.
file: content/media/{slug}.pdf   # tiedoston polku; tiedoston on oltava olemassa
language: fi                # asiakirjan oma kieli
organisation: {organisation}
date: {today}
""",
    "topic": """\
# Aihe, jonka alle kysymykset ja vastaukset kootaan. Kenttien ohjeet: docs/content.md
name:
  fi: {title}
description:
  fi: Mistä tämän aiheen kysymykset kertovat.
order: 100
""",
    "question": """\
# Kysymys ja vastaus. Kenttien ohjeet: docs/content.md
question:
  fi: {title}?
answer:
  fi: |
    Kirjoita vastaus tähän.
topic: {topic}              # aihe kansiosta content/topics/
answered_by: {organisation}
date: {today}
""",
    "life-situation": """\
# Elämäntilanne: polku palveluihin, kohtaamispaikkoihin, materiaaleihin ja vastauksiin. Kenttien ohjeet: docs/content.md
name:
  fi: {title}
summary:
  fi: Yksi lause etusivulle.
description:
  fi: |
    Mitä perheen kannattaa tietää ensin tässä tilanteessa.
# life_event: KE1           # kansallinen elämäntapahtuma; sen palvelut tulevat mukaan itsestään
services: []
places: []
materials: []
questions: []
order: 100
""",
    "region": """\
# Hyvinvointialue. Kenttien ohjeet: docs/content.md
name:
  fi: {title}
short_name:
  fi: {title}
description:
  fi: |
    Kerro, miten perheiden palvelut alueella toimivat.
""",
}

_NEWS_TEMPLATE = """\
---
{schema}
title: {title}
date: {today}
author: {organisation}       # julkaiseva toimija kansiosta content/organisations/
municipalities: [{municipality}]   # kunnat, joita uutinen koskee (tai [] koko sivustolle)
summary: Yksi lause listoille ja uutissyötteeseen.
---
Kirjoita uutinen tähän Markdownina.

Ruotsinkielinen versio kirjoitetaan tiedostoon {slug}.sv.md.
"""

_PAGE_TEMPLATE = """\
---
{schema}
title: {title}
description: Yksi lause siitä, mitä sivulla kerrotaan.
order: 100
---
Kirjoita sivun teksti tähän Markdownina. Väliotsikot merkitään ##-merkeillä.

Ruotsinkielinen versio kirjoitetaan tiedostoon {slug}.sv.md ja englanninkielinen tiedostoon {slug}.en.md.
"""


def starter(kind: str, slug: str, today: dt.date, refs: dict[str, str], schema_line: str) -> str:
    """The text of a starter file of `kind`, naming the entries in `refs`."""
    title = slug.replace("-", " ").capitalize()
    if kind == "page":  # pages and news are Markdown files
        return _PAGE_TEMPLATE.format(schema=schema_line, title=title, slug=slug)
    if kind == "news":
        return _NEWS_TEMPLATE.format(schema=schema_line, title=title, slug=slug, today=today.isoformat(), **refs)
    christmas = dt.date(today.year, 12, 21)
    return schema_line + "\n" + _TEMPLATES[kind].format(
        title=title, slug=slug, today=today.isoformat(), christmas_start=christmas.isoformat(),
        christmas_end=dt.date(today.year + 1, 1, 6).isoformat(), **refs)


_SITE_EXAMPLE = """\
# yaml-language-server: $schema=schemas/site.schema.json
name:
  fi: Perhekeskus
  sv: Familjecentret
  en: Family Centre
description:
  fi: Lapsiperheiden palvelut ja kohtaamispaikat.
  sv: Tjänster och mötesplatser för barnfamiljer.
  en: Services and meeting places for families with children.
languages: [fi, sv, en]
required_translations: [fi, sv]
base_url: https://perhekeskus.example/
publisher: perhekeskusverkosto
feedback:
  email: palaute@perhekeskus.example
  handled_by:
    fi: verkkotoimitus
    sv: webbredaktionen
    en: the web editors
accessibility:
  status: partially
  prepared: 2026-03-02
  reviewed: 2026-10-15
  method: self-assessment
  non_accessible:
    - fi: Osa PDF-liitteistä ei ole saavutettavia.
      sv: En del PDF-bilagor är inte tillgängliga.
      en: Some PDF attachments are not accessible.
theme:
  primary_colour: "#1d5a8a"
"""


def example_entry(kind: str) -> str:
    """A fixed example file of `kind` for the content reference ('site' for site.yaml)."""
    if kind == "site":
        return _SITE_EXAMPLE
    folder = KIND_BY_NAME[kind].folder
    depth = folder.count("/") + 1
    schema_line = f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{kind}.schema.json"
    refs = {"municipality": "porvoo", "region": "ita-uusimaa", "organisation": "porvoon-kaupunki",
            "topic": "kohtaamispaikat"}
    return starter(kind, f"esimerkki-{kind}", dt.date(2026, 9, 1), refs, schema_line)


def new_entry(site_dir: Path, kind_word: str, slug: str, today: dt.date) -> Path:
    """Write the starter file for a new entry of `kind_word` named `slug`; return its path."""
    if kind_word not in NEW_KINDS:
        raise ScaffoldError(f"unknown kind '{kind_word}': use one of {', '.join(NEW_KINDS)}")
    if not re.fullmatch(SLUG_PATTERN, slug) or slug in RESERVED_NAMES:
        suggestion = slugify(slug)
        raise ScaffoldError(f"'{slug}' cannot be a file name: use lowercase a-z, digits and hyphens"
                            + (f", e.g. '{suggestion}'" if suggestion and suggestion != slug else ""))
    kind = KIND_BY_NAME[NEW_KINDS[kind_word]]
    folder = site_dir / kind.folder
    suffix = ".md" if kind.name in MARKDOWN_KINDS else ".yaml"
    target = folder / f"{slug}{suffix}"
    existing = [p for p in folder.glob(f"{slug}.*") if p.suffix in (".yaml", ".yml", ".md")] if folder.is_dir() else []
    if existing:
        raise ScaffoldError(f"{existing[0].relative_to(site_dir)} already exists; pkc new never overwrites a file")
    refs = {"municipality": _first(site_dir, "municipalities", "kunnan-tiedosto"),
            "region": _first(site_dir, "content/regions", "alueen-tiedosto"),
            "organisation": _first(site_dir, "content/organisations", "toimijan-tiedosto"),
            "topic": _first(site_dir, "content/topics", "aiheen-tiedosto")}
    text = starter(kind.name, slug, today, refs, schema_comment(kind.name, target, site_dir))
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": fails rather than overwrite, even in a race
        handle.write(text)
    return target
