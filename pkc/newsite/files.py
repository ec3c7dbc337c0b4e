"""The files of a new site: minimal valid example content, the editors' guide, requirements and workflows."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

from ..errors import PkcError
from ..loader import RESERVED_NAMES
from ..model.fields import slugify
from ..model.registry import KIND_BY_NAME
from ..scaffold import schema_comment
from ..schema import write_schemas
from ..textchars import forbidden_char, forbidden_message
from .pins import requirements_text
from .texts import (
    CHECK_WORKFLOW,
    EXAMPLE_NOTE,
    GITIGNORE,
    NOTES,
    PUBLISH_WORKFLOW,
    README_FI,
    README_SV,
    SITE_NOTE,
    TEXTS,
)

# pkc has interface texts (templates/i18n/) for these, and example texts in texts.py
SUPPORTED_LANGUAGES = ("fi", "sv", "en")
DEFAULT_NAME = "Perhekeskus"
DEFAULT_LANGUAGES = ("fi",)
DEFAULT_MUNICIPALITY = "Esimerkkikunta"
REGION_SLUG = "esimerkkimaa"
PLACE_SLUG = "perhekahvila-nuppu"
_SITE = Path("site")  # a stand-in site root: the schema lines are relative paths inside the site


class NewSiteError(PkcError):
    """A new site cannot be written: a bad option, or the folder is not new or empty."""


@dataclass(frozen=True)
class NewSite:
    """The choices of `pkc init`; `name` None means Perhekeskus, Familjecentret and Family centre per language."""

    name: str | None = None
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    municipality: str = DEFAULT_MUNICIPALITY


def parse_languages(text: str) -> tuple[str, ...]:
    """'fi,sv' -> ('fi', 'sv'); raises NewSiteError for a language pkc has no texts for, or one given twice."""
    codes = [part.strip().lower() for part in text.split(",")]
    if not any(codes):
        raise NewSiteError("give at least one language, e.g. fi or fi,sv")
    return _checked_languages(codes)


def _checked_languages(codes: Sequence[str]) -> tuple[str, ...]:
    supported = ", ".join(SUPPORTED_LANGUAGES)
    for index, code in enumerate(codes):
        if code not in SUPPORTED_LANGUAGES:
            shown = f"'{code}' is not a language pkc supports" if code else "a language is empty"
            raise NewSiteError(f"{shown}: use {supported}, separated by commas (the first is the default)")
        if code in codes[:index]:
            raise NewSiteError(f"the language '{code}' is given twice")
    return tuple(codes)


def check_target(target: Path) -> None:
    """Raise NewSiteError unless `target` does not exist or is an empty folder (a hidden entry counts)."""
    if not (target.exists() or target.is_symlink()):
        return
    if not target.is_dir():
        raise NewSiteError(f"{target} is a file; pkc init writes a new site into a new or empty folder")
    try:
        entries = sorted(entry.name for entry in target.iterdir())
    except OSError as exc:
        raise NewSiteError(f"cannot read {target}: {exc.strerror or exc}") from None
    if entries:
        shown = ", ".join(entries[:3]) + (" …" if len(entries) > 3 else "")
        raise NewSiteError(f"{target} is not empty (it has {shown}); pkc init never writes into a folder that has "
                           "anything in it: give a new or empty folder")


# --- the content files ------------------------------------------------------------------------------

def _scalar(value: str) -> str:
    """`value` as a one-line YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    if "\n" not in value and " #" not in value and value == value.strip():
        try:
            if yaml.safe_load(f"key: {value}") == {"key": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _text(key: str, texts: Mapping[str, str], languages: Sequence[str], indent: str = "", comment: str = "") -> str:
    """A text per language under `key`; texts that end in a newline become Markdown blocks."""
    lines = [f"{indent}{key}:" + (f"  # {comment}" if comment else "")]
    for lang in languages:
        value = texts[lang]
        if value.endswith("\n"):
            lines.append(f"{indent}  {lang}: |")
            lines += [f"{indent}    {line}" if line else "" for line in value.rstrip("\n").split("\n")]
        else:
            lines.append(f"{indent}  {lang}: {_scalar(value)}")
    return "\n".join(lines)


def _list_item(texts: Mapping[str, str], languages: Sequence[str], indent: str) -> str:
    """One item of a list of texts per language: '- fi: …' with the other languages below it."""
    return "\n".join(f"{indent}{'- ' if index == 0 else '  '}{lang}: {_scalar(texts[lang])}"
                     for index, lang in enumerate(languages))


def _content_file(kind: str, rel: str, body: list[str]) -> str:
    """A content file: the schema line, the Finnish note that it is an example, what it is, then its keys."""
    head = [schema_comment(kind, _SITE / rel, _SITE), EXAMPLE_NOTE, f"# {NOTES[kind]}"]
    return "\n".join(head + body) + "\n"


def _flow(items: Sequence[str]) -> str:
    return f"[{', '.join(items)}]"


def _one_line_problem(value: str, what: str, example: str) -> str:
    """Why `value` cannot be written into site.yaml: the rule every text of content follows."""
    index = forbidden_char(value, multiline=False)
    if index is None:
        return f"{what} must be one line of text, e.g. {example}"
    message, hint = forbidden_message(value, index, what)
    return f"{message}; {hint}, e.g. {example}"


def content_files(options: NewSite, today: dt.date) -> dict[str, str]:
    """The example content by path in the site: site.yaml and one entry of each kind a family centre starts with."""
    langs = _checked_languages(options.languages)
    site_name = options.name.strip() if options.name is not None else None
    if site_name is not None and (not site_name or forbidden_char(site_name, multiline=False) is not None):
        raise NewSiteError(_one_line_problem(site_name, "the site's name", "--name 'Porvoon perhekeskus'"))
    municipality = options.municipality.strip()
    if forbidden_char(municipality, multiline=False) is not None:
        raise NewSiteError(_one_line_problem(municipality, "the municipality's name", "--municipality Porvoo"))
    slug = slugify(municipality)
    if not slug or slug in RESERVED_NAMES:
        raise NewSiteError(f"'{options.municipality}' cannot be a municipality's name: it gives no file name; "
                           "use letters, e.g. --municipality Porvoo")
    # A municipality's official languages are Finnish and Swedish; English is only ever a site language.
    official = [lang for lang in langs if lang in ("fi", "sv")] or ["fi"]
    # Texts tied to a place (street names) in the languages its readers are entitled to; English falls back.
    local = [lang for lang in langs if lang == langs[0] or lang in official]
    required = [lang for lang in langs if lang == langs[0] or lang != "en"]
    today_text = today.isoformat()
    names = {lang: site_name for lang in langs} if site_name else TEXTS["site_name"]
    place_names = {lang: municipality for lang in langs}
    service, contact = f"{slug}-lastenneuvola", f"{slug}-neuvolan-ajanvaraus"
    folder = {kind: KIND_BY_NAME[kind].folder for kind in ("region", "municipality", "organisation", "service",
                                                           "place", "contact")}
    files: dict[str, str] = {}

    site = [
        _text("name", names, langs, comment="muunkielinen nimi, jos sivustolla on sellainen"
              if site_name and len(langs) > 1 else ""),
        _text("description", TEXTS["site_description"], langs),
        f"languages: {_flow(langs)}  # sivuston kielet; ensimmäinen on oletuskieli",
        f"required_translations: {_flow(required)}  # kielet, joilla jokainen teksti on kirjoitettava",
        "base_url: https://perhekeskus.example/  # sivuston oikea osoite; avoimen datan tunnisteet lasketaan siitä",
        f"publisher: {slug}  # julkaisija: tiedoston nimi kansiosta content/organisations/",
        "feedback:",
        "  email: palaute@perhekeskus.example  # osoite, johon palaute tulee",
        _text("handled_by", TEXTS["feedback_handled_by"], langs, "  "),
        "accessibility:",
        "  # Saavutettavuusselosteen tiedot (laki 306/2019). Täytä ne totuudenmukaisesti, kun sivusto on arvioitu:",
        "  # status fully (täyttää vaatimukset), partially (osittain) tai not (ei täytä); method self-assessment",
        "  # (oma arvio) tai third-party (ulkopuolinen arvio). Päivitä reviewed vähintään kerran vuodessa.",
        "  status: partially",
        f"  prepared: {today_text}",
        f"  reviewed: {today_text}",
        "  method: self-assessment",
        "  non_accessible:  # mikä ei ole saavutettavaa ja miksi",
        _list_item(TEXTS["non_accessible"], langs, "    "),
        "theme:",
        '  primary_colour: "#1d5a8a"  # pääväri; pkc check tarkistaa, että kontrasti riittää',
        "  # logo: content/media/logo.svg  # SVG tai PNG; SVG ilman skriptejä ja linkkejä muihin tiedostoihin",
        "  # share_image:  # kuva, jonka some ja viestisovellukset näyttävät linkin kanssa (PNG/JPEG, 1200×630)",
        "  #   file: content/media/jakokuva.png",
        "  #   alt: {fi: Kuvan tekstivastine}",
        "example_notice: true  # ilmoitus esimerkkisivustosta jokaisella sivulla: poista, kun sisältö on oikeaa",
    ]
    files["site.yaml"] = "\n".join([schema_comment("site", _SITE / "site.yaml", _SITE), SITE_NOTE] + site) + "\n"

    rel = f"{folder['region']}/{REGION_SLUG}.yaml"
    files[rel] = _content_file("region", rel, [
        _text("name", TEXTS["region_name"], langs),
        _text("short_name", TEXTS["region_short_name"], langs),
        _text("description", TEXTS["region_description"], langs),
    ])

    rel = f"{folder['municipality']}/{slug}.yaml"
    files[rel] = _content_file("municipality", rel, [
        _text("name", place_names, langs, comment="ruotsiksi kunnan ruotsinkielinen nimi, jos sillä on sellainen"
              if "sv" in langs else ""),
        f"region: {REGION_SLUG}  # hyvinvointialue: tiedoston nimi kansiosta content/regions/",
        f"languages: {_flow(official)}  # kunnan viralliset kielet: kaksikielinen kunta [fi, sv]",
        _text("introduction", TEXTS["municipality_introduction"], langs),
        "family_centres: []  # toimipisteet kansiosta content/locations/ (pkc new location NIMI)",
        f"contacts: [{contact}]  # yhteystiedot, joista perhe voi aloittaa",
    ])

    rel = f"{folder['organisation']}/{slug}.yaml"
    files[rel] = _content_file("organisation", rel, [
        _text("name", place_names, langs, comment="virallinen nimi, esim. Porvoon kaupunki"),
        "type: municipality  # municipality, wellbeing-county, ngo, parish tai company",
        f"municipality: {slug}",
        _text("description", TEXTS["organisation_description"], langs),
        "# website: https://www.kunta.fi/",
    ])

    rel = f"{folder['service']}/{service}.yaml"
    files[rel] = _content_file("service", rel, [
        _text("name", TEXTS["service_name"], langs),
        _text("summary", TEXTS["service_summary"], langs),
        _text("description", TEXTS["service_description"], langs),
        "categories: [P5.2]  # palveluluokka P5.2 neuvolapalvelut; kaikki luokat: docs/content.md",
        "audiences: [under-school-age, parents]",
        "ages: {min: 0, max: 6}  # lasten ikä vuosina",
        f"provider: {slug}  # neuvolat järjestää yleensä hyvinvointialue: lisää se toimijaksi, nimeä se tähän",
        f"municipalities: [{slug}]",
        "access: [appointment, phone]",
        _text("booking", TEXTS["service_booking"], langs),
        "cost: free",
        f"languages: {_flow(official)}  # kielet, joilla palvelua saa",
        f"contacts: [{contact}]",
        "locations: []  # toimipisteet kansiosta content/locations/",
        f"last_reviewed: {today_text}  # päivä, jona tiedot viimeksi tarkistettiin",
    ])

    christmas = dt.date(today.year, 12, 21)
    rel = f"{folder['place']}/{PLACE_SLUG}.yaml"
    files[rel] = _content_file("place", rel, [
        _text("name", TEXTS["place_name"], langs),
        "type: perhekahvila  # perhekahvila, perhetupa, perhepuisto, avoin-paivakoti, perhekerho tai muu",
        f"organiser: [{slug}]  # järjestäjä; usein myös järjestö tai seurakunta",
        f"municipality: {slug}",
        "address:",
        _text("street", TEXTS["place_street"], local, "  "),
        '  postal_code: "00100"  # lainausmerkeissä',
        _text("summary", TEXTS["place_summary"], langs),
        _text("description", TEXTS["place_description"], langs),
        "audiences: [expecting, under-school-age, parents]",
        f"languages: {_flow(official)}",
        "cost: free",
        _text("accessibility", TEXTS["place_accessibility"], langs),
        "schedule:",
        "  weekly:",
        "    - days: ke  # ma ti ke to pe la su, väli esim. ma-pe",
        '      opens: "9:30"',
        '      closes: "11:30"',
        "  exceptions:",
        f"    - from: {christmas.isoformat()}",
        f"      to: {dt.date(today.year + 1, 1, 6).isoformat()}",
        "      closed: true",
        _text("note", TEXTS["christmas_break"], langs, "      "),
        f"last_reviewed: {today_text}",
    ])

    rel = f"{folder['contact']}/{contact}.yaml"
    files[rel] = _content_file("contact", rel, [
        _text("name", TEXTS["contact_name"], langs),
        f"organisation: {slug}",
        'phone: "040 123 4567"  # ESIMERKKINUMERO: vaihda ajanvarauksen oikeaan numeroon',
        "# email: neuvola@kunta.fi",
        "hours:  # puhelinajat",
        "  weekly:",
        "    - days: ma-pe",
        '      opens: "8:00"',
        '      closes: "10:00"',
        _text("note", TEXTS["contact_note"], langs),
        f"last_reviewed: {today_text}",
    ])
    return files


def site_files(options: NewSite, today: dt.date, requirements: str) -> dict[str, str]:
    """Every file of a new site but the schemas, by path: the content, the guide, requirements and workflows."""
    files = content_files(options, today)
    version = metadata.version("pkc")
    name = options.name.strip() if options.name else TEXTS["site_name"][options.languages[0]]
    readme = README_FI.format(name=name, municipality=slugify(options.municipality))
    files["README.md"] = readme + (README_SV if "sv" in options.languages else "")
    files[".gitignore"] = GITIGNORE
    files["requirements.txt"] = requirements
    files[".github/workflows/check.yml"] = CHECK_WORKFLOW.format(version=version)
    files[".github/workflows/publish.yml"] = PUBLISH_WORKFLOW.format(version=version)
    return files


def _outermost_missing(target: Path) -> Path | None:
    """The outermost folder of `target`'s path that does not exist yet (what creating it would create)."""
    missing = None
    for folder in [target.absolute(), *target.absolute().parents]:
        if folder.exists() or folder.is_symlink():
            break
        missing = folder
    return missing


def _remove_written(target: Path, created: Path | None) -> None:
    """Undo a half-written site: the folders this run created, or everything in the folder that was empty."""
    if created is not None:
        shutil.rmtree(created, ignore_errors=True)
        return
    for entry in target.iterdir() if target.is_dir() else []:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def write_new_site(target: Path, options: NewSite, today: dt.date) -> list[Path]:
    """Write a new site into `target` (missing or empty); return the files written. Nothing is left on failure."""
    files = site_files(options, today, requirements_text())  # every option is checked before anything is written
    check_target(target)
    created = _outermost_missing(target)
    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for rel, text in files.items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            # "x": never replace a file, even one that appeared after the folder was found empty
            with open(path, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            written.append(path)
        written += write_schemas(target)
    except BaseException as exc:
        _remove_written(target, created)
        if isinstance(exc, OSError):
            raise NewSiteError(f"cannot write {exc.filename or target}: {exc.strerror or exc}; "
                               "what was written is removed") from None
        raise
    return written
