"""The Open Referral HSDS 3.0 export: valid against the standard's schemas, stable ids, one file set per language."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from pkc.build import BuildOptions, check
from pkc.cli import main
from pkc.hsds import export_files
from pkc.urls import Site

from .conftest import REPO, SITES, TESTS, TODAY

HSDS = TESTS / "data" / "hsds-3.0"
SCHEMAS = HSDS / "schema"
LANGUAGES = ("fi", "sv", "en")
# JSON list file -> the HSDS schema of each of its records
LISTS = {"services.json": "service.json", "organizations.json": "organization.json",
         "locations.json": "location.json", "service_at_locations.json": "service_at_location.json",
         "taxonomies.json": "taxonomy.json", "taxonomy_terms.json": "taxonomy_term.json"}


def _files(site_dir: Path) -> dict[str, bytes]:
    checked = check(BuildOptions(site_dir=site_dir, today=TODAY))
    site = Site(checked.catalog.site.base_url)
    return export_files(checked.catalog, checked.strings, site, TODAY)


@pytest.fixture(scope="module")
def example() -> dict[str, bytes]:
    return _files(REPO)


@pytest.fixture(scope="module")
def small() -> dict[str, bytes]:
    return _files(SITES / "multilingual")


def contents(files: dict[str, bytes], lang: str, name: str) -> list[dict]:
    return json.loads(files[f"{lang}/{name}"])["contents"]


def by_id(files: dict[str, bytes], lang: str, name: str) -> dict[str, dict]:
    return {record["id"]: record for record in contents(files, lang, name)}


def table(files: dict[str, bytes], lang: str, path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"{lang}/{path}"].decode("utf-8"))))


def hsds_id(base_url: str, path: str) -> str:
    return str(uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, base_url), path))


# --- the standard's schemas -------------------------------------------------------------------------

@cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator of one HSDS schema file; `$ref`s to the other files resolve by their file names."""
    resources = [(path.name, Resource.from_contents(_schema(path.name), default_specification=DRAFT202012))
                 for path in SCHEMAS.glob("*.json")]
    registry = Registry().with_resources(resources)
    return Draft202012Validator(_schema(name), registry=registry, format_checker=FormatChecker())


@cache
def standard_package() -> dict:
    return json.loads((HSDS / "datapackage.json").read_text(encoding="utf-8"))


def errors(validate: Draft202012Validator, record: dict) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validate.iter_errors(record)]


# --- JSON -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_json_record_is_valid_hsds(example: dict[str, bytes], lang: str) -> None:
    page_schema = _schema("openapi.json")["components"]["schemas"]["Page"]
    for name, schema in LISTS.items():
        page = json.loads(example[f"{lang}/{name}"])
        assert errors(Draft202012Validator(page_schema), page) == [], name
        assert page["total_items"] == page["size"] == len(page["contents"]) > 0, name
        validate = validator(schema)
        for record in page["contents"]:
            assert errors(validate, record) == [], f"{name}: {record.get('name', record['id'])}"
    # the services in the compiled shape the HSDS API returns for /services/{id}
    compiled = Draft202012Validator(json.loads((SCHEMAS / "compiled" / "service_with_definitions.json")
                                               .read_text(encoding="utf-8")), format_checker=FormatChecker())
    for service in contents(example, lang, "services.json"):
        assert errors(compiled, service) == [], service["name"]
    # an organization lists its services by id, name and status: each a valid service record of its own
    for organization in contents(example, lang, "organizations.json"):
        for service in organization["services"]:
            assert errors(validator("service.json"), service) == [], service["name"]


def test_the_example_exports_every_service_meeting_place_and_organisation(example: dict[str, bytes]) -> None:
    services = contents(example, "fi", "services.json")
    assert len(services) == 107 + 35
    assert len(contents(example, "fi", "organizations.json")) == len(list((REPO / "content/organisations").glob("*")))
    names = {service["name"] for service in services}
    assert "Lastenneuvola Porvoossa" in names
    assert "Barnrådgivning i Borgå" in {service["name"] for service in contents(example, "sv", "services.json")}
    assert all(service["status"] == "active" for service in services)
    # every address is a Finnish street address with a postal code
    for location in contents(example, "fi", "locations.json"):
        (address,) = location["addresses"]
        assert address["country"] == "FI" and re.fullmatch(r"\d{5}", address["postal_code"]), location["name"]
        assert -90 <= location.get("latitude", 60) <= 90


def test_texts_are_in_the_file_sets_language(small: dict[str, bytes]) -> None:
    """A bilingual municipality's service: Swedish names in the Swedish set, the Finnish ones as English fallback."""
    sid = hsds_id("https://testi.example/", "service/lastenneuvola-kaksila")
    seen = {}
    for lang in LANGUAGES:
        service = by_id(small, lang, "services.json")[sid]
        (at,) = service["service_at_locations"]
        (address,) = at["location"]["addresses"]
        (area,) = service["service_areas"]
        seen[lang] = (service["name"], service["description"], at["location"]["name"], address["address_1"],
                      address["city"], area["name"], service["url"])
    assert seen["sv"] == ("Barnrådgivning", "På rådgivningen följer man barnets tillväxt.", "Tvåby familjecenter",
                          "Skolgatan 1", "Tvåby", "Tvåby", "https://testi.example/sv/tjanster/lastenneuvola-kaksila/")
    assert seen["fi"] == ("Lastenneuvola", "Neuvolassa seurataan lapsen kasvua.", "Kaksilan perhekeskus",
                          "Koulukatu 1", "Kaksila", "Kaksila", "https://testi.example/fi/palvelut/lastenneuvola-kaksila/")
    assert seen["en"][:6] == seen["fi"][:6]  # no English text: the default language, as on the site
    assert seen["en"][6] == "https://testi.example/en/services/lastenneuvola-kaksila/"
    service = by_id(small, "sv", "services.json")[sid]
    assert service["organization"] == {
        "id": hsds_id("https://testi.example/", "organisation/testimaan-hyvinvointialue"),
        "name": "Testlands välfärdsområde", "description": "Välfärdsområde"}  # no description: its type
    assert [(lang["code"], lang["name"]) for lang in service["languages"]] == [("fi", "finska"), ("sv", "svenska")]
    assert (service["minimum_age"], service["maximum_age"], service["assured_date"]) == (0, 6, "2026-08-15")
    assert service["eligibility_description"] == "Barn under skolåldern"
    assert service["fees_description"] == "Avgiftsfri"
    assert service["application_process"] == ("Med tidsbokning, per telefon.\n\nRing rådgivningens tidsbokning."
                                               "\n\nhttps://asiointi.kaksila.example/neuvola")


def test_schedules_follow_rfc_5545(small: dict[str, bytes]) -> None:
    service = by_id(small, "fi", "services.json")[hsds_id("https://testi.example/", "service/lastenneuvola-kaksila")]
    (drop_in,) = service["schedules"]
    assert {k: drop_in[k] for k in ("freq", "wkst", "byday", "opens_at", "closes_at", "description")} == {
        "freq": "WEEKLY", "wkst": "MO", "byday": "WE", "opens_at": "12:00:00", "closes_at": "15:00:00",
        "description": "Keskiviikko 12.00–15.00 (Avovastaanotto ilman ajanvarausta)"}
    location = service["service_at_locations"][0]["location"]
    hours = [(s.get("byday"), s.get("opens_at"), s.get("closes_at"), s.get("valid_from"), s.get("valid_to"),
              s["description"]) for s in location["schedules"]]
    assert hours == [
        ("MO,TU,WE,TH", "08:00:00", "16:00:00", None, None, "Maanantai–torstai 8.00–16.00"),
        ("FR", "08:00:00", "14:00:00", None, None, "Perjantai 8.00–14.00"),
        (None, None, None, "2026-12-24", "2026-12-24", "24.12.2026 suljettu (Jouluaatto)"),
        # 5.1.2026 was over before the build date: left out, as on the page
    ]
    assert (location["latitude"], location["longitude"]) == (60.39, 25.66)
    # a meeting place's hours belong to the service at its place; the Christmas break is a closed period
    cafe = by_id(small, "sv", "services.json")[hsds_id("https://testi.example/", "place/perhekahvila-kaksila")]
    assert (cafe["name"], cafe["organization"]["name"]) == ("Familjecaféet Två", "Familjeföreningen i Tvåby")
    (at,) = cafe["service_at_locations"]
    assert [(s.get("byday"), s.get("opens_at"), s.get("valid_from"), s.get("valid_to"), s["description"])
            for s in at["schedules"]] == [
        ("TU", "09:30:00", None, None, "Tisdag 9.30–11.30 (Babycafé)"),
        (None, None, "2026-12-21", "2027-01-06", "21.12.2026–6.1.2027 stängt (Jullov)"),
    ]
    assert at["location"]["addresses"][0]["address_1"] == "Skolgatan 1"


def test_contacts_phones_and_taxonomy(small: dict[str, bytes]) -> None:
    service = by_id(small, "fi", "services.json")[hsds_id("https://testi.example/", "service/lastenneuvola-kaksila")]
    (contact,) = service["contacts"]
    (phone,) = contact["phones"]
    assert (contact["name"], contact["email"], phone["number"], phone["type"], phone["description"]) == (
        "Neuvolan ajanvaraus", "neuvola@kaksila.example", "+358400000002", "voice", "Maanantai–perjantai 8.00–10.00.")
    assert contact["service_id"] == service["id"] and phone["contact_id"] == contact["id"]
    terms = {(a["link_type"], a["taxonomy_term"]["code"], a["taxonomy_term"]["name"]) for a in service["attributes"]}
    assert terms == {("service_class", "P5.2", "Neuvolapalvelut"), ("audience", "under-school-age",
                                                                    "Alle kouluikäiset lapset"),
                     ("target_group", "KR1.2", "Lapset ja lapsiperheet"), ("life_event", "KE1", "Lapsen saaminen")}
    listed = {term["code"]: term for term in contents(small, "sv", "taxonomy_terms.json")}
    assert listed["P5.2"]["name"] == "Rådgivningstjänster"
    assert listed["P5.2"]["term_uri"] == "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P5.2"
    assert listed["P5.2"]["parent_id"] == listed["P5"]["id"]  # broader terms are listed, so parents resolve
    taxonomies = {t["id"]: t for t in contents(small, "sv", "taxonomies.json")}
    assert taxonomies[listed["P5.2"]["taxonomy_id"]]["uri"] == "http://uri.suomi.fi/codelist/ptv/ptvserclass2"


# --- ids --------------------------------------------------------------------------------------------

def test_ids_are_stable_and_the_same_in_every_language(small: dict[str, bytes]) -> None:
    assert _files(SITES / "multilingual") == small  # the same input builds the same bytes
    for path in ("services.csv", "locations.csv", "schedules.csv", "phones.csv", "attributes.csv",
                 "service_at_location.csv", "taxonomy_terms.csv"):
        ids = [sorted(row["id"] for row in table(small, lang, path)) for lang in LANGUAGES]
        assert ids[0] and ids[0] == ids[1] == ids[2], path
    services = {row["id"]: row["name"] for row in table(small, "sv", "services.csv")}
    assert services[hsds_id("https://testi.example/", "service/lastenneuvola-kaksila")] == "Barnrådgivning"
    assert services[hsds_id("https://testi.example/", "place/perhekahvila-kaksila")] == "Familjecaféet Två"


def test_no_clock_in_the_output(small: dict[str, bytes]) -> None:
    later = check(BuildOptions(site_dir=SITES / "multilingual", today=TODAY))
    files = export_files(later.catalog, later.strings, Site("https://testi.example/"), TODAY)
    assert files == small
    assert all(b"\r" not in data for data in small.values())
    assert not any(re.search(rb"T\d\d:\d\d", data) for data in small.values())  # no timestamps, only dates


# --- the tabular data package -----------------------------------------------------------------------

def test_the_data_package_describes_the_standard_tables(example: dict[str, bytes]) -> None:
    ours = json.loads(example["fi/datapackage.json"])
    assert ours["profile"] == "tabular-data-package" and ours["homepage"] == "https://perhekeskus.example/fi/"
    standard = {resource["name"]: resource for resource in standard_package()["resources"]}
    assert [r["name"] for r in ours["resources"]] == list(standard)
    for resource in ours["resources"]:
        expected = standard[resource["name"]]
        assert resource["path"] == expected["path"]
        fields = [{k: f.get(k) for k in ("name", "type", "format")} | {"required": f["constraints"]["required"],
                  "unique": f["constraints"]["unique"]} for f in resource["schema"]["fields"]]
        wanted = [{k: f.get(k) for k in ("name", "type", "format")} | {
            "required": f.get("constraints", {}).get("required", False),
            "unique": f.get("constraints", {}).get("unique", False)} for f in expected["schema"]["fields"]]
        assert fields == wanted, resource["name"]
        assert resource["schema"]["primaryKey"] == expected["schema"]["primaryKey"]
        keys = {json.dumps(k, sort_keys=True) for k in resource["schema"].get("foreignKeys", [])}
        assert keys == {json.dumps(k, sort_keys=True) for k in expected["schema"].get("foreignKeys") or []}


@cache
def _tabular_items() -> dict[str, dict]:
    tabular = json.loads((SCHEMAS / "compiled" / "tabular.json").read_text(encoding="utf-8"))
    return {name: prop["items"] for name, prop in tabular["properties"].items()}


def _typed(value: str, field: dict) -> object:
    kind = field["type"]
    if kind == "number":
        return float(value)
    if kind == "date":
        dt.date.fromisoformat(value)
    elif kind == "time":
        assert re.fullmatch(r"\d\d:\d\d:\d\d", value), value
    elif kind == "datetime":
        dt.datetime.fromisoformat(value)
    return value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csv_tables_have_the_standard_columns_and_their_keys_resolve(example: dict[str, bytes], lang: str) -> None:
    package = json.loads(example[f"{lang}/datapackage.json"])
    tables: dict[str, list[dict[str, str]]] = {}
    for resource in package["resources"]:
        data = example[f"{lang}/{resource['path']}"].decode("utf-8")
        header = next(csv.reader(io.StringIO(data)))
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["path"]
        rows = table(example, lang, resource["path"])
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)) and ids == sorted(ids), resource["path"]
        # every row, with its types, is valid against the tabular schema of HSDS
        item = Draft202012Validator(_tabular_items()[resource["name"]], format_checker=FormatChecker())
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        for row in rows:
            typed = {name: _typed(value, fields[name]) for name, value in row.items() if value != ""}
            assert errors(item, typed) == [], f"{resource['path']}: {row['id']}"
            missing = [name for name, f in fields.items() if f["constraints"]["required"] and row[name] == ""]
            assert missing == [], f"{resource['path']}: {row['id']}"  # an empty cell is null in a data package
        tables[resource["name"]] = rows
    for resource in package["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            targets = {row["id"] for row in tables[key["reference"]["resource"]]}
            for row in tables[resource["name"]]:
                value = row[key["fields"]]
                assert value == "" or value in targets, f"{resource['name']}.{key['fields']} -> {value}"
    # the rows that matter are there
    counts = {name: len(rows) for name, rows in tables.items()}
    assert counts["service"] == 107 + 35 and counts["location"] >= 35 and counts["schedule"] > 100
    assert counts["meta_table_description"] == len(package["resources"])
    assert {row["language"] for row in tables["meta_table_description"]} == {lang}
    # attributes point at any record by link_id: each one at a service or an organization that exists
    linked = {row["id"] for row in tables["service"]} | {row["id"] for row in tables["organization"]}
    assert all(row["link_id"] in linked for row in tables["attribute"])
    assert all(row["parent_id"] == "" or row["parent_id"] in {r["id"] for r in tables["taxonomy_term"]}
               for row in tables["taxonomy_term"])


def test_the_csv_rows_say_what_the_json_says(small: dict[str, bytes]) -> None:
    service = by_id(small, "sv", "services.json")[hsds_id("https://testi.example/", "service/lastenneuvola-kaksila")]
    (row,) = [r for r in table(small, "sv", "services.csv") if r["id"] == service["id"]]
    assert (row["name"], row["organization_id"], row["minimum_age"], row["assured_date"]) == (
        "Barnrådgivning", service["organization_id"], "0", "2026-08-15")
    phones = {r["number"]: r for r in table(small, "sv", "phones.csv")}
    assert phones["+358400000002"]["description"] == "Måndag–fredag 8.00–10.00."
    addresses = {r["address_1"] for r in table(small, "sv", "addresses.csv")}
    assert addresses == {"Skolgatan 1"}


# --- the build and the command ----------------------------------------------------------------------

def test_the_build_publishes_the_same_files_under_data(multilingual_out: Path, small: dict[str, bytes]) -> None:
    for rel, data in small.items():
        assert (multilingual_out / "data" / "hsds" / rel).read_bytes() == data, rel
    assert len(small) == 3 * (6 + 1 + len(standard_package()["resources"]))


def run(*args: str):
    from click.testing import CliRunner

    return CliRunner().invoke(main, list(args))


def test_export_hsds_writes_every_language(tmp_path: Path, small: dict[str, bytes]) -> None:
    out = tmp_path / "hsds"
    result = run("export", "hsds", "--site", str(SITES / "multilingual"), "--out", str(out), "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"Wrote 84 HSDS files \(\d+ KiB\) into {re.escape(str(out))}\.\n", result.stdout)
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written.pop(".pkc-build")
    assert written == small
    services = json.loads((out / "sv" / "services.json").read_bytes())["contents"]
    assert "Barnrådgivning" in {service["name"] for service in services}


def test_export_hsds_reports_content_errors_and_writes_nothing(scratch_site, tmp_path: Path) -> None:
    site = scratch_site({"content/services/rikki.yaml": {
        "name": "Rikki", "description": "x", "categories": ["P5.2"], "audiences": ["parents"],
        "provider": "pikkulan-kunta", "municipalities": ["pikula"], "access": ["drop-in"], "languages": ["fi"],
        "last_reviewed": "2026-01-01"}})
    out = tmp_path / "hsds"
    result = run("export", "hsds", "--site", str(site), "--out", str(out))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.stdout == ""
    assert re.search(r"content/services/rikki\.yaml:\d+:\d+: unknown municipality 'pikula'", result.stderr)
    assert result.stderr.rstrip().endswith("nothing was written")
    assert not out.exists()
