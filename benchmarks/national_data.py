#!/usr/bin/env python3
"""A site the size of Finland for benchmarks: 309 municipalities in 21 wellbeing services counties.

    python benchmarks/national_data.py OUT_DIR [--scale 1.0] [--seed 2026]

Writes a complete pkc site (site.yaml, municipalities/, content/) that passes `pkc check`: about 6,000 services,
2,000 meeting places, 1,000 events, 300 news items and pages, with organisations, contacts and locations, in
Finnish, and in Swedish too where the municipality is bilingual. Deterministic: the same seed and scale write the
same bytes. `--scale` shrinks or grows every count (0.01 for a smoke test).
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

REGIONS = ["Itä-Uusimaa", "Keski-Uusimaa", "Länsi-Uusimaa", "Vantaa-Kerava", "Varsinais-Suomi", "Satakunta",
           "Kanta-Häme", "Pirkanmaa", "Päijät-Häme", "Kymenlaakso", "Etelä-Karjala", "Etelä-Savo", "Pohjois-Savo",
           "Pohjois-Karjala", "Keski-Suomi", "Etelä-Pohjanmaa", "Pohjanmaa", "Keski-Pohjanmaa", "Pohjois-Pohjanmaa",
           "Kainuu", "Lappi"]
BILINGUAL_REGIONS = {"Itä-Uusimaa", "Länsi-Uusimaa", "Pohjanmaa", "Varsinais-Suomi", "Keski-Pohjanmaa"}

_FIRST = ["Kallio", "Mänty", "Koivu", "Lumi", "Halla", "Ruska", "Kivi", "Sammal", "Kuusi", "Pihlaja", "Tuomi",
          "Haapa", "Vuori", "Lehto", "Suvi", "Aalto", "Louhi", "Kaisla", "Ilves", "Karhu", "Kotka", "Joutsen",
          "Virta", "Saari", "Niitty", "Pelto", "Harju", "Kangas", "Kaarna", "Tähti"]
_LAST = ["järvi", "koski", "lahti", "salmi", "mäki", "niemi", "vaara", "ranta", "joki", "lampi", "kylä", "vesi",
         "saari", "harju", "kangas", "suo"]
_SV_LAST = {"järvi": "träsk", "koski": "fors", "lahti": "vik", "salmi": "sund", "mäki": "backa", "niemi": "näs",
            "vaara": "berg", "ranta": "strand", "joki": "å", "lampi": "göl", "kylä": "by", "vesi": "vatten",
            "saari": "ö", "harju": "ås", "kangas": "mo", "suo": "mosse"}

SERVICE_KINDS = [  # (name, category, audiences, access)
    ("Äitiysneuvola", "P5.2", ["expecting", "parents"], ["appointment", "phone"]),
    ("Lastenneuvola", "P5.2", ["under-school-age", "parents"], ["appointment", "phone"]),
    ("Perhevalmennus", "P5.2", ["expecting"], ["appointment"]),
    ("Perhetyö", "P3.6", ["parents"], ["phone", "home-visit"]),
    ("Lapsiperheiden kotipalvelu", "P3.6", ["parents"], ["phone", "home-visit"]),
    ("Perheneuvola", "P3.7", ["school-age", "parents"], ["appointment", "phone"]),
    ("Lastenvalvoja", "P3.5", ["parents"], ["appointment", "e-service"]),
    ("Perheasioiden sovittelu", "P3.5", ["parents"], ["appointment"]),
    ("Varhaiskasvatus", "P3.4", ["under-school-age"], ["e-service"]),
    ("Avoin varhaiskasvatus", "P3.4", ["under-school-age", "parents"], ["drop-in"]),
    ("Puheterapia", "P5.13", ["under-school-age", "school-age"], ["referral"]),
    ("Kouluterveydenhuolto", "P5.9", ["school-age", "youth"], ["appointment"]),
    ("Nuorten vastaanotto", "P5.7", ["youth"], ["drop-in", "phone"]),
    ("Lasten suun terveydenhuolto", "P5.10", ["under-school-age", "school-age"], ["appointment"]),
    ("Parisuhdeneuvonta", "P3.1", ["parents"], ["appointment"]),
    ("Vertaisryhmät", "P5.16", ["parents"], ["drop-in"]),
    ("Isyyden vahvistaminen", "P3.3", ["expecting", "parents"], ["appointment"]),
    ("Maahan muuttaneiden perheiden tuki", "P3.6", ["parents"], ["appointment", "phone"]),
]
_SV_SERVICE = {"Äitiysneuvola": "Mödrarådgivning", "Lastenneuvola": "Barnrådgivning",
               "Perhevalmennus": "Familjeträning", "Perhetyö": "Familjearbete",
               "Lapsiperheiden kotipalvelu": "Hemservice för barnfamiljer",
               "Perheneuvola": "Familjerådgivning", "Lastenvalvoja": "Barnatillsyningsman",
               "Perheasioiden sovittelu": "Medling i familjefrågor", "Varhaiskasvatus": "Småbarnspedagogik",
               "Avoin varhaiskasvatus": "Öppen småbarnspedagogik", "Puheterapia": "Talterapi",
               "Kouluterveydenhuolto": "Skolhälsovård", "Nuorten vastaanotto": "Mottagning för unga",
               "Lasten suun terveydenhuolto": "Munhälsovård för barn", "Parisuhdeneuvonta": "Parrådgivning",
               "Vertaisryhmät": "Kamratstödsgrupper", "Isyyden vahvistaminen": "Fastställande av faderskap",
               "Maahan muuttaneiden perheiden tuki": "Stöd för inflyttade familjer"}
PLACE_TYPES = ["perhekahvila", "perhetupa", "perhepuisto", "avoin-paivakoti", "perhekerho"]

FI_SENTENCES = [
    "Palvelussa tuetaan lapsen kasvua ja kehitystä yhdessä vanhempien kanssa.",
    "Käynnillä keskustellaan perheen arjesta, voimavaroista ja mahdollisista huolista.",
    "Voit varata ajan puhelimitse tai sähköisessä asioinnissa, ja aika sovitaan perheen tilanteen mukaan.",
    "Tapaamisiin voivat osallistua molemmat vanhemmat, ja myös sisarukset ovat tervetulleita.",
    "Ota mukaan lapsen neuvolakortti ja mahdolliset aiemmat lausunnot.",
    "Työntekijät ohjaavat tarvittaessa muihin palveluihin, ja yhteistyö tehdään perheen luvalla.",
    "Palvelu on maksuton, eikä siihen tarvita lähetettä.",
    "Jos tarvitset tulkkia, kerro siitä ajanvarauksen yhteydessä.",
    "Kotikäynnit sovitaan erikseen, ja niiden tavoitteena on tukea perheen omia ratkaisuja.",
    "Ryhmässä tapaat muita samassa elämäntilanteessa olevia perheitä.",
    "Kesäaikana palvelu toimii supistetusti, ja kiireellisissä asioissa palvelee päivystävä työntekijä.",
    "Tilat ovat esteettömät, ja lastenvaunuille on säilytyspaikka sisäänkäynnin vieressä.",
]
SV_SENTENCES = [
    "Tjänsten stöder barnets tillväxt och utveckling tillsammans med föräldrarna.",
    "Vid besöket diskuterar vi familjens vardag, resurser och eventuella bekymmer.",
    "Du kan boka tid per telefon eller via e-tjänsten, och tiden anpassas efter familjens situation.",
    "Båda föräldrarna kan delta i träffarna, och syskon är också välkomna.",
    "Ta med barnets rådgivningskort och eventuella tidigare utlåtanden.",
    "Personalen hänvisar vid behov till andra tjänster, och samarbetet sker med familjens tillstånd.",
    "Tjänsten är avgiftsfri och kräver ingen remiss.",
    "Om du behöver tolk, berätta det när du bokar tid.",
]


def _text(rng: random.Random, languages: list[str], fi: list[str], sv: list[str], low: int, high: int) -> dict:
    count = rng.randint(low, high)
    picks = [rng.randrange(len(fi)) for _ in range(count)]
    text = {"fi": " ".join(fi[i] for i in picks)}
    if "sv" in languages:
        text["sv"] = " ".join(sv[i % len(sv)] for i in picks)
    return text


def _name(fi: str, sv: str | None, languages: list[str]) -> dict | str:
    return {"fi": fi, "sv": sv or fi} if "sv" in languages else fi


def _write(path: Path, data: dict, kind: str, depth: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    schema = f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json\n"
    path.write_text(schema + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def generate(out: Path, scale: float = 1.0, seed: int = 2026) -> dict[str, int]:
    """Write the national site into `out` (replacing it); return how many entries of each kind it holds."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "media").mkdir(parents=True)
    shutil.copyfile(REPO / "content" / "media" / "logo.svg", out / "content" / "media" / "logo.svg")

    def n(count: int) -> int:
        return max(1, round(count * scale))

    counts: dict[str, int] = {}
    regions = [(f"{name.lower().replace('ä', 'a').replace('ö', 'o')}", name) for name in REGIONS]
    region_langs: dict[str, list[str]] = {}
    municipality_count = n(309)
    for position, (slug, name) in enumerate(regions):
        # a region without municipalities (at small scales) counts as site-wide, and the site needs fi and sv
        empty = position >= municipality_count
        langs = ["fi", "sv"] if name in BILINGUAL_REGIONS or empty else ["fi"]
        region_langs[slug] = langs
        _write(out / "content/regions" / f"{slug}.yaml", {
            "name": _name(f"{name}n hyvinvointialue", f"Välfärdsområdet {name}", langs),
            "short_name": _name(name, name, langs),
            "description": _text(rng, langs, FI_SENTENCES, SV_SENTENCES, 3, 5),
            "organisation": f"{slug}-hva"}, "region", 2)
        _write(out / "content/organisations" / f"{slug}-hva.yaml", {
            "name": _name(f"{name}n hyvinvointialue", f"Välfärdsområdet {name}", langs), "type": "wellbeing-county",
            "region": slug, "description": _text(rng, langs, FI_SENTENCES, SV_SENTENCES, 1, 2)}, "organisation", 2)
    counts["regions"] = len(regions)

    municipalities: list[tuple[str, str, list[str]]] = []
    used: set[str] = set()
    for index in range(municipality_count):
        region_slug = regions[index % len(regions)][0]
        while True:
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            fi = first + last
            slug = fi.lower().replace("ä", "a").replace("ö", "o")
            if slug not in used:
                used.add(slug)
                break
        bilingual = "sv" in region_langs[region_slug] and rng.random() < 0.45
        langs = (["sv", "fi"] if rng.random() < 0.2 else ["fi", "sv"]) if bilingual else ["fi"]
        municipalities.append((slug, fi, langs))
        sv = first + _SV_LAST[last] if bilingual else None
        _write(out / "municipalities" / f"{slug}.yaml", {
            "name": _name(fi, sv, langs), "region": region_slug, "languages": langs,
            "introduction": _text(rng, langs, FI_SENTENCES, SV_SENTENCES, 3, 6),
            "family_centres": [f"{slug}-perhekeskus"], "contacts": [f"{slug}-neuvonta"]}, "municipality", 1)
        _write(out / "content/organisations" / f"{slug}-kunta.yaml", {
            "name": _name(f"{fi}n kunta", f"{sv} kommun" if sv else None, langs), "type": "municipality",
            "municipality": slug}, "organisation", 2)
        _write(out / "content/organisations" / f"{slug}-mll.yaml", {
            "name": _name(f"MLL:n {fi}n yhdistys", f"MLL i {sv}" if sv else None, langs), "type": "ngo",
            "municipality": slug, "description": _text(rng, langs, FI_SENTENCES, SV_SENTENCES, 1, 2)},
            "organisation", 2)
        for number, label in ((1, "perhekeskus"), (2, "neuvola")):
            _write(out / "content/locations" / f"{slug}-{label}.yaml", {
                "name": _name(f"{fi}n {label}", f"{sv} {'familjecenter' if number == 1 else 'rådgivning'}"
                              if sv else None, langs),
                "municipality": slug,
                "address": {"street": _name(f"Keskuskatu {number * 3}", f"Centralgatan {number * 3}", langs),
                            "postal_code": f"{10000 + index * 7 + number:05d}"},
                "coordinates": {"lat": round(60.2 + rng.random() * 7.5, 4), "lon": round(21.5 + rng.random() * 8, 4)},
                "accessibility": _text(rng, langs, FI_SENTENCES[-1:], SV_SENTENCES[-1:], 1, 1),
                "opening_hours": {"weekly": [{"days": "ma-pe", "opens": "8:00", "closes": "16:00"}]}},
                "location", 2)
        _write(out / "content/contacts" / f"{slug}-neuvonta.yaml", {
            "name": _name("Perhekeskuksen neuvonta", "Familjecentrets rådgivning", langs),
            "organisation": f"{slug}-kunta", "phone": f"040 000 {index % 10000:04d}",
            "email": f"perhekeskus@{slug}.example",
            "hours": {"weekly": [{"days": "ma-pe", "opens": "9:00", "closes": "11:00"}]}}, "contact", 2)
    counts["municipalities"] = len(municipalities)

    services = 0
    per_municipality = max(1, round(n(5600) / len(municipalities)))
    for slug, fi, langs in municipalities:
        for number in range(per_municipality):
            name, category, audiences, access = SERVICE_KINDS[(number + len(slug)) % len(SERVICE_KINDS)]
            service = f"{slug}-{number + 1:02d}"
            _write(out / "content/services" / f"{service}.yaml", {
                "name": _name(f"{name}, {fi}", f"{_SV_SERVICE[name]}" if "sv" in langs else None, langs),
                "summary": _name(FI_SENTENCES[number % len(FI_SENTENCES)],
                                 SV_SENTENCES[number % len(SV_SENTENCES)], langs),
                "description": _text(rng, langs, FI_SENTENCES, SV_SENTENCES, 4, 9),
                "categories": [category], "audiences": audiences, "provider": f"{slug}-kunta",
                "municipalities": [slug], "access": access, "languages": langs,
                "locations": [f"{slug}-perhekeskus"], "contacts": [f"{slug}-neuvonta"],
                "last_reviewed": (dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))).isoformat()},
                "service", 2)
            services += 1
    for region_slug, _ in regions:
        langs = region_langs[region_slug]
        for number in range(max(1, round(n(400) / len(regions)))):
            name, category, audiences, access = SERVICE_KINDS[number % len(SERVICE_KINDS)]
            _write(out / "content/services" / f"{region_slug}-alue-{number + 1:02d}.yaml", {
                "name": _name(name, _SV_SERVICE[name], langs),
                "description": _text(rng, langs, FI_SENTENCES, SV_SENTENCES, 4, 9),
                "categories": [category], "audiences": audiences, "provider": f"{region_slug}-hva",
                "region": region_slug, "access": access, "languages": langs,
                "last_reviewed": "2026-06-01"}, "service", 2)
            services += 1
    counts["services"] = services

    places = 0
    per_place = max(1, round(n(2000) / len(municipalities)))
    for index, (slug, fi, langs) in enumerate(municipalities):
        for number in range(per_place):
            kind = PLACE_TYPES[(number + index) % len(PLACE_TYPES)]
            _write(out / "content/meeting-places" / f"{slug}-{kind}-{number + 1}.yaml", {
                "name": _name(f"{kind.replace('-', ' ').capitalize()} {fi}", f"Familjecafé {fi}", langs),
                "type": kind, "organiser": [f"{slug}-mll"], "municipality": slug,
                "address": {"street": _name(f"Puistotie {number + 1}", f"Parkvägen {number + 1}", langs),
                            "postal_code": f"{10000 + index * 7:05d}"},
                "summary": _name("Avoin kohtaamispaikka lapsiperheille.", "Öppen mötesplats för barnfamiljer.", langs),
                "description": _text(rng, langs, FI_SENTENCES, SV_SENTENCES, 2, 5),
                "audiences": ["under-school-age", "parents"], "languages": langs,
                "schedule": {"weekly": [{"days": ["ma", "ti", "ke", "to", "pe"][number % 5], "opens": "9:30",
                                         "closes": "11:30"}],
                             "exceptions": [{"from": "2026-12-21", "to": "2027-01-06", "closed": True,
                                             "note": _name("Joulutauko", "Jullov", langs)}]},
                "last_reviewed": "2026-09-01"}, "place", 2)
            places += 1
    counts["meeting places"] = places

    start = dt.datetime(2026, 9, 1, 10, 0)
    for number in range(n(1000)):
        slug, fi, langs = municipalities[number % len(municipalities)]
        begins = start + dt.timedelta(days=(number * 3) % 360, hours=number % 6)
        _write(out / "content/events" / f"tapahtuma-{number + 1:04d}.yaml", {
            "title": _name(f"Perheiden iltapäivä, {fi}", f"Familjeeftermiddag, {fi}", langs),
            "type": ["event", "group", "training", "forum", "meeting"][number % 5],
            "description": _text(rng, langs, FI_SENTENCES, SV_SENTENCES, 2, 5),
            "start": begins.strftime("%Y-%m-%d %H:%M"),
            "end": (begins + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
            "location": f"{slug}-perhekeskus", "organiser": [f"{slug}-kunta"], "languages": langs},
            "event", 2)
    counts["events"] = n(1000)

    for number in range(n(298)):
        slug, fi, langs = municipalities[number % len(municipalities)]
        body = " ".join(rng.choice(FI_SENTENCES) for _ in range(6))
        front = {"title": f"Uutta perheille: {fi}", "date": (dt.date(2026, 1, 1) +
                                                           dt.timedelta(days=number % 320)).isoformat(),
                 "author": f"{slug}-kunta", "municipalities": [slug]}
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"
        (out / "content/news").mkdir(parents=True, exist_ok=True)
        (out / "content/news" / f"uutinen-{number + 1:03d}.md").write_text(text, encoding="utf-8")
        if "sv" in langs:
            sv = "---\ntitle: Nytt för familjer\n---\n" + " ".join(rng.choice(SV_SENTENCES) for _ in range(6)) + "\n"
            (out / "content/news" / f"uutinen-{number + 1:03d}.sv.md").write_text(sv, encoding="utf-8")
    counts["news"] = n(298)

    (out / "content/pages").mkdir(parents=True, exist_ok=True)
    for slug, title, sv_title in (("tietoa", "Tietoa perhekeskuksesta", "Om familjecentret"),
                                  ("tietosuoja", "Tietosuoja", "Dataskydd")):
        (out / "content/pages" / f"{slug}.md").write_text(f"---\ntitle: {title}\n---\n{FI_SENTENCES[0]}\n")
        (out / "content/pages" / f"{slug}.sv.md").write_text(f"---\ntitle: {sv_title}\n---\n{SV_SENTENCES[0]}\n")
    counts["pages"] = 2

    _write(out / "content/organisations" / "kansallinen-verkosto.yaml", {
        "name": {"fi": "Perhekeskusverkosto", "sv": "Familjecenternätverket"}, "type": "ngo"}, "organisation", 2)
    _write(out / "site.yaml", {
        "name": {"fi": "Perhekeskus – koko Suomi", "sv": "Familjecentret – hela Finland",
                 "en": "Family Centre – all of Finland"},
        "description": {"fi": "Lapsiperheiden palvelut koko maassa.", "sv": "Tjänster för barnfamiljer i hela landet.",
                        "en": "Services for families with children in all of Finland."},
        "languages": ["fi", "sv", "en"], "required_translations": ["fi", "sv"],
        "base_url": "https://perhekeskus.example/", "publisher": "kansallinen-verkosto",
        "feedback": {"email": "palaute@perhekeskus.example",
                     "handled_by": {"fi": "verkkotoimitus", "sv": "webbredaktionen", "en": "the web editors"}},
        "accessibility": {"status": "fully", "prepared": "2026-03-02", "reviewed": "2026-10-15",
                          "method": "self-assessment"},
        "theme": {"primary_colour": "#1d5a8a", "logo": "content/media/logo.svg"}}, "site", 0)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    counts = generate(args.out, args.scale, args.seed)
    print(", ".join(f"{count} {kind}" for kind, count in counts.items()))


if __name__ == "__main__":
    main()
