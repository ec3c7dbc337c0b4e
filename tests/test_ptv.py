"""`pkc import ptv`: PTV Open API v11 JSON into pkc content that passes `pkc check`, and never over an editor's work."""
from __future__ import annotations

import copy
import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from pkc.build import BuildOptions, check
from pkc.cli import main
from pkc.ptv import import_ptv
from pkc.ptv import read as ptv_read
from pkc.ptv.coordinates import tm35fin_to_wgs84, wgs84_to_tm35fin
from pkc.ptv.hours import convert_hours
from pkc.ptv.importer import ImportConflicts
from pkc.ptv.read import PtvInputError
from pkc.ptv.site import read_text
from pkc.ptv.texts import Notes

from .conftest import REPO, SITES, TODAY

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ptv"
SHAPES = Path(__file__).resolve().parent / "data" / "ptv-open-api-v11"
ALL = sorted(FIXTURES.glob("*.json"))

LASTENNEUVOLA = "3a518239-33cf-4bb7-a02c-1082c4ea7ecb"
NASI = "b8e1b6fb-7f91-4c7d-a258-937c33e63119"
WRITTEN = {
    "content/locations/nasin-neuvola.yaml",
    "content/contacts/nasin-neuvola.yaml",
    "content/contacts/porvoon-neuvoloiden-ajanvaraus.yaml",
    "content/services/lastenneuvola.yaml",
    "content/services/perheneuvola.yaml",
    "content/services/lapsiperheiden-kotipalvelu.yaml",
    "content/organisations/perheapu-porvoo-oy.yaml",
}
KOTIPALVELU = FIXTURES / "kotipalvelu.json"
KANAVAT = FIXTURES / "kotipalvelu-kanavat.json"
PERHEAPU = FIXTURES / "perheapu-organisaatio.json"
PERHEAPU_ID = "d4f2a6b8-1c3e-4f5a-8b7c-9e0d1f2a3b4c"
# Where the fixture's service location is: WGS84 degrees, and the same point in ETRS-TM35FIN (EPSG:3067) as PROJ
# 9 computes it (pyproj 3.7, Transformer.from_crs(4326, 3067)); the fixture gives the metres, rounded to 1 mm.
NASI_WGS84 = (60.3960, 25.6595)
NASI_TM35FIN = (6696265.532178702, 426128.84001543274)  # northing, easting


# --- the fixtures follow PTV's shapes -------------------------------------------------------------------

def shape_schema(example, top: bool = False) -> dict:
    """A JSON Schema from one of PTV's example responses: no keys beyond the shape's, each value of its type."""
    if isinstance(example, dict):
        schema = {"type": "object", "additionalProperties": False,
                  "properties": {key: shape_schema(value) for key, value in example.items()}}
        if top:
            schema["required"] = ["id"]
        else:
            schema["type"] = ["object", "null"]
        return schema
    if isinstance(example, list):
        return {"type": ["array", "null"], "items": shape_schema(example[0])}
    if isinstance(example, bool):
        return {"type": ["boolean", "null"]}
    if isinstance(example, str) and re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-", example):
        return {"type": ["string", "null"], "pattern": r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"}
    if isinstance(example, str) and re.match(r"^\d{4}-\d{2}-\d{2}T", example):
        return {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?$"}
    return {"type": ["string", "null"]}


SHAPE_OF = {"service": "V11VmOpenApiService", "ServiceLocation": "V11VmOpenApiServiceLocationChannel",
            "Phone": "V11VmOpenApiPhoneChannel", "EChannel": "V11VmOpenApiElectronicChannel",
            "WebPage": "V11VmOpenApiWebPageChannel"}
# GET /api/v11/Organization/{id} answers with V10VmOpenApiOrganization; DVV publishes no example of it among the
# shapes, so the fixture is held to the model's documented property names.
ORGANIZATION_KEYS = {
    "id", "oid", "sourceId", "organizationType", "businessCode", "businessName", "organizationNames",
    "displayNameType", "areaType", "organizationDescriptions", "emails", "phoneNumbers", "webPages",
    "electronicInvoicings", "businessId", "versionId", "parentOrganizationId", "organizationRootId", "municipality",
    "areas", "areaMunicipalities", "addresses", "publishingStatus", "services", "responsibleOrganizationServices",
    "producerOrganizationServices", "modified", "subOrganizations", "availableLanguages"}


def schema_for(kind: str) -> dict:
    shape = json.loads((SHAPES / f"{SHAPE_OF[kind]}.json").read_text(encoding="utf-8"))
    return shape_schema(shape, top=True)


def fixture_items(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and "itemList" in data:
        assert set(data) == {"pageNumber", "pageSize", "pageCount", "itemList"}
        return data["itemList"]
    return data if isinstance(data, list) else [data]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_fixtures_follow_the_open_api_v11_shapes(path: Path) -> None:
    for item in fixture_items(path):
        if "organizationNames" in item:
            assert set(item) <= ORGANIZATION_KEYS, set(item) - ORGANIZATION_KEYS
            continue
        kind = item.get("serviceChannelType", "service")
        jsonschema.validate(item, schema_for(kind))


def test_the_shape_check_has_teeth() -> None:
    service = json.loads((FIXTURES / "lastenneuvola.json").read_text(encoding="utf-8"))
    schema = schema_for("service")
    for broken in ({**service, "serviceName": []},  # a misspelt key
                   {**service, "serviceVouchersInUse": "yes"},  # a wrong type
                   {**service, "modified": "14.8.2026"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)
    hour = json.loads((SHAPES / "V11VmOpenApiServiceHour.json").read_text(encoding="utf-8"))
    location = json.loads((FIXTURES / "nasin-neuvola.json").read_text(encoding="utf-8"))
    for item in location["serviceHours"]:  # the service hours also match the shape of their own
        jsonschema.validate(item, shape_schema(hour, top=False))


# --- importing into a copy of the example ---------------------------------------------------------------

def copy_example(target: Path) -> Path:
    target.mkdir()
    shutil.copyfile(REPO / "site.yaml", target / "site.yaml")
    shutil.copytree(REPO / "municipalities", target / "municipalities")
    shutil.copytree(REPO / "content", target / "content")
    return target


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def import_(site: Path, *args: str, files: list[Path] | None = None):
    return run("import", "ptv", *[str(p) for p in (files or ALL)], "--site", str(site), *args)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def load(site: Path, rel: str) -> dict:
    return yaml.safe_load((site / rel).read_text(encoding="utf-8"))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "site")


@pytest.fixture
def imported(example: Path) -> tuple[Path, str]:
    result = import_(example)
    assert result.exit_code == 0, result.output
    return example, result.output


def test_import_writes_files_that_pass_pkc_check(imported) -> None:
    site, output = imported
    for rel in WRITTEN:
        assert f"new        {rel}" in output
    checked = check(BuildOptions(site_dir=site, today=TODAY))  # raises ContentErrors on any error
    assert "nasin-neuvola" in checked.catalog.entries["location"]
    assert checked.catalog.entries["service"]["lastenneuvola"].locations == ["nasin-neuvola"]
    result = run("check", "--site", str(site), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert "The content is valid" in result.output


def test_every_file_has_the_schema_line_and_a_marker_with_its_ptv_id(imported) -> None:
    site, _ = imported
    for rel in WRITTEN:
        first, second = (site / rel).read_text(encoding="utf-8").split("\n")[:2]
        assert re.match(r"^# yaml-language-server: \$schema=\.\./\.\./schemas/(service|location|contact|organisation)"
                        r"\.schema\.json$",
                        first), first
        assert re.match(r"^# ptv: [0-9a-f-]{36}(/contact)? sha256:[0-9a-f]{16} ", second), second
    assert (site / "content/services/lastenneuvola.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/service.schema.json\n"
        f"# ptv: {LASTENNEUVOLA} sha256:")


def test_service_names_texts_classes_and_links(imported) -> None:
    site, _ = imported
    service = load(site, "content/services/lastenneuvola.yaml")
    assert service["name"] == {"fi": "Lastenneuvola", "sv": "Barnrådgivning", "en": "Child health clinic"}
    assert service["summary"]["sv"].startswith("Barnrådgivningen följer")
    # PTV's bullets and line breaks become Markdown paragraphs and a list
    assert "\n\n- Laajat terveystarkastukset 4 kk, 18 kk ja 4 v iässä\n- Kotikäynti" in service["description"]["fi"]
    assert service["categories"] == ["P5.2", "P5.3"]
    assert service["audiences"] == ["expecting", "parents"]  # KR1.2, and KE1 'Lapsen saaminen'
    assert service["life_events"] == ["KE1"]
    assert service["provider"] == "ita-uudenmaan-hyvinvointialue"
    assert service["municipalities"] == ["porvoo"]
    assert service["locations"] == ["nasin-neuvola"]
    assert service["contacts"] == ["porvoon-neuvoloiden-ajanvaraus"]
    assert service["access"] == ["appointment", "phone"]
    assert service["booking"]["fi"].startswith("Varaa aika soittamalla")
    assert service["cost"] == "free" and service["cost_details"]["fi"].startswith("Käynnit ovat maksuttomia")
    assert service["languages"] == ["fi", "sv", "en"]
    assert str(service["last_reviewed"]) == "2026-08-14"  # PTV's 'modified'


def test_paged_item_list_and_an_e_service_channel(imported) -> None:
    site, output = imported
    service = load(site, "content/services/perheneuvola.yaml")
    assert service["name"]["sv"] == "Familjerådgivning"
    assert service["categories"] == ["P3.7"] and service["life_events"] == ["KE7"]
    assert service["municipalities"] == ["loviisa", "porvoo", "sipoo"]  # the site's part of Itä-Uusimaa
    assert service["access"] == ["e-service"]
    assert service["booking_url"] == "https://asiointi.ita-uusimaa.example/perheneuvola"
    assert "-> booking_url of perheneuvola" in output


def test_service_location_address_coordinates_and_hours(imported) -> None:
    site, _ = imported
    location = load(site, "content/locations/nasin-neuvola.yaml")
    assert location["name"] == {"fi": "Näsin neuvola", "sv": "Näse rådgivning", "en": "Näsi child health clinic"}
    assert location["municipality"] == "porvoo"
    assert location["address"] == {"street": {"fi": "Näsinkallionkatu 8", "sv": "Näsebergsgatan 8"},
                                   "postal_code": "06100"}  # the post office PORVOO is the municipality's name
    lat, lon = location["coordinates"]["lat"], location["coordinates"]["lon"]
    assert distance_m((lat, lon), NASI_WGS84) < 1.0
    assert "- Sisäänkäynnille on luiska." in location["accessibility"]["fi"]
    assert "**Parkering**" in location["accessibility"]["sv"]
    hours = location["opening_hours"]
    assert hours["weekly"] == [{"days": "ma-to", "opens": "08:00", "closes": "16:00"},
                               {"days": "pe", "opens": "08:00", "closes": "14:30"}]
    christmas, new_years_eve = hours["exceptions"]
    assert christmas == {"from": christmas["from"], "to": christmas["to"], "closed": True,
                         "note": {"fi": "Joulu", "sv": "Jul", "en": "Christmas"}}
    assert (str(christmas["from"]), str(christmas["to"])) == ("2026-12-24", "2026-12-26")
    assert str(new_years_eve["date"]) == "2026-12-31"
    assert (new_years_eve["opens"], new_years_eve["closes"]) == ("08:00", "12:00")
    assert hours["note"]["fi"].startswith("Iltavastaanotto")
    # the location's phone and email become a contact it links to
    assert location["contacts"] == ["nasin-neuvola"]
    contact = load(site, "content/contacts/nasin-neuvola.yaml")
    assert contact["phone"] == "040 0005201"
    assert contact["email"] == "neuvola.nasi@ita-uusimaa.example"


def test_phone_channel_becomes_a_contact_with_a_normalised_number(imported) -> None:
    site, _ = imported
    contact = load(site, "content/contacts/porvoon-neuvoloiden-ajanvaraus.yaml")
    assert contact["phone"] == "040 0005102"  # PTV's '+358' and '0400005102'
    assert contact["organisation"] == "ita-uudenmaan-hyvinvointialue"  # by the name its services give the id
    assert contact["email"] == "neuvola.porvoo@ita-uusimaa.example"
    assert contact["hours"]["weekly"] == [{"days": "ma-pe", "opens": "08:00", "closes": "10:00"},
                                          {"days": "ma-to", "opens": "12:30", "closes": "13:30"}]
    assert contact["note"]["fi"].startswith("Varaa aika")


def test_the_report_names_file_and_json_path_of_what_was_not_imported(imported) -> None:
    _, output = imported
    assert "tests/fixtures/ptv/lastenneuvola.json: service 'Lastenneuvola' (3a518239" in output.replace("\\", "/")
    for line in (
        "not imported: $.serviceVouchers: 2 service vouchers not imported",
        "not imported: $.serviceNames[3]: alternative name not imported",
        "not imported: $.targetGroups[0]: target group 'Kansalaiset' (KR1) not imported",
        "not imported: $.generalDescriptionId: the general description not imported",
        "missing from the site: $.serviceChannels[2]: service channel 'Neuvolan sähköinen asiointi'",
        "missing from the site: $.itemList[0].areas[0]: 5 of the 8 municipalities of 'Itä-Uusimaa' are not in the site",
        "not imported: $.itemList[0].serviceDescriptions[4]: texts in ru not imported",
        "not imported: $.addresses[1]: postal address not imported",
        "not imported: $.serviceHours[1]: weekly hours 2027-06-14–2027-08-08 not imported",
        "not imported: $.phoneNumbers[1]: sms number not imported",
    ):
        assert line in output, line
    assert re.search(r"Imported 11 PTV object\(s\) into 7 file\(s\) \(7 new\); \d+ value\(s\) not imported, "
                     r"3 reference\(s\) missing from the site", output)


def test_references_the_site_lacks_are_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITES / "multilingual", site)  # Kaksila and Yksilä, no Porvoo, no wellbeing county
    result = import_(site, files=[FIXTURES / "lastenneuvola.json", FIXTURES / "nasin-neuvola.json"])
    assert result.exit_code == 0, result.output
    assert "missing from the site: $.areas[0]: municipality 'Porvoo' (638) is not in the site" in result.output
    assert ("missing from the site: $.addresses[0].streetAddress.municipality: municipality 'Porvoo' (638) is not "
            "in the site") in result.output
    # the organisation the service names, which the site lacks, is imported from its name, and linked
    assert ("lastenneuvola.json: service 'Lastenneuvola' (3a518239-33cf-4bb7-a02c-1082c4ea7ecb) -> "
            "content/services/lastenneuvola.yaml, content/organisations/ita-uudenmaan-hyvinvointialue.yaml"
            in result.output.replace("\\", "/"))
    assert ("check: $.organizations[1].organization: organisation 'Itä-Uudenmaan hyvinvointialue' is imported from "
            "its name only; 'type: wellbeing-county' is guessed from the name: check it, or import the "
            "organisation's JSON (GET /api/v11/Organization/187daa4f-2a84-49c4-9bd9-8eefc7dfd4e5)") in result.output
    assert load(site, "content/organisations/ita-uudenmaan-hyvinvointialue.yaml") == {
        "name": {"fi": "Itä-Uudenmaan hyvinvointialue"}, "type": "wellbeing-county"}
    assert load(site, "content/services/lastenneuvola.yaml")["provider"] == "ita-uudenmaan-hyvinvointialue"
    assert load(site, "content/contacts/nasin-neuvola.yaml")["organisation"] == "ita-uudenmaan-hyvinvointialue"


def test_reimport_updates_the_same_file(imported, tmp_path: Path) -> None:
    site, _ = imported
    again = import_(site)
    assert again.exit_code == 0, again.output
    assert "(7 unchanged)" in again.output
    changed = json.loads((FIXTURES / "nasin-neuvola.json").read_text(encoding="utf-8"))
    changed["serviceChannelNames"][1]["value"] = "Näse barnrådgivning"
    changed["serviceHours"][0]["openingHour"][4]["to"] = "15:00:00"
    changed_path = tmp_path / "nasin-neuvola.json"
    changed_path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    before = set(snapshot(site))
    result = import_(site, files=[changed_path])
    assert result.exit_code == 0, result.output
    assert "update     content/locations/nasin-neuvola.yaml" in result.output
    assert set(snapshot(site)) == before  # the same files, no 'nasin-neuvola-2'
    location = load(site, "content/locations/nasin-neuvola.yaml")
    assert location["name"]["sv"] == "Näse barnrådgivning"
    assert location["opening_hours"]["weekly"][1] == {"days": "pe", "opens": "08:00", "closes": "15:00"}


def test_an_edited_file_is_not_overwritten_without_force(imported) -> None:
    site, _ = imported
    path = site / "content/services/lastenneuvola.yaml"
    edited = path.read_text(encoding="utf-8").replace("audiences: [expecting, parents]",
                                                      "audiences: [expecting, under-school-age, parents]")
    path.write_text(edited, encoding="utf-8")
    (site / "content/services/perheneuvola.yaml").unlink()
    before = snapshot(site)
    result = import_(site)
    assert result.exit_code == 1
    assert "content/services/lastenneuvola.yaml has been edited since service 'Lastenneuvola'" in result.output
    assert "nothing was written" in result.output and "Traceback" not in result.output
    assert snapshot(site) == before  # not even the deleted perheneuvola.yaml came back
    forced = import_(site, "--force")
    assert forced.exit_code == 0, forced.output
    assert "replace    content/services/lastenneuvola.yaml" in forced.output
    assert load(site, "content/services/lastenneuvola.yaml")["audiences"] == ["expecting", "parents"]
    assert (site / "content/services/perheneuvola.yaml").is_file()
    assert "(7 unchanged)" in import_(site).output  # the replaced file is the import's own again


def test_an_editors_file_with_the_same_name_is_not_overwritten_without_force(example: Path) -> None:
    own = example / "content/services/lastenneuvola.yaml"
    shutil.copyfile(example / "content/services/hanko-lastenneuvola.yaml", own)
    text = own.read_bytes()
    result = import_(example)
    assert result.exit_code == 1
    assert ("content/services/lastenneuvola.yaml exists and was not imported from PTV: --force replaces it"
            in result.output)
    assert own.read_bytes() == text and not (example / "content/locations/nasin-neuvola.yaml").exists()
    forced = import_(example, "--force")
    assert forced.exit_code == 0, forced.output
    assert f"# ptv: {LASTENNEUVOLA} " in own.read_text(encoding="utf-8")


def test_a_markdown_entry_with_the_same_name_blocks_even_with_force(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITES / "multilingual", site)  # has content/services/perheneuvola.md
    for args in ((), ("--force",)):
        result = import_(site, *args, files=[FIXTURES / "perheneuvola-sivu.json"])
        assert result.exit_code == 1
        assert "content/services/perheneuvola.md is an editor's file" in result.output
        assert not (site / "content/services/perheneuvola.yaml").exists()


def test_dry_run_prints_the_files_and_writes_nothing(example: Path) -> None:
    before = snapshot(example)
    result = import_(example, "--dry-run")
    assert result.exit_code == 0, result.output
    assert snapshot(example) == before
    assert "new        content/locations/nasin-neuvola.yaml" in result.output
    assert f"    # ptv: {NASI} sha256:" in result.output
    assert "    opening_hours:" in result.output
    assert "Would write 11 PTV object(s) into 7 file(s) (7 new)" in result.output


@pytest.mark.parametrize("content, message", [
    (b'{"id": "3a518239-33cf-4bb7-a02c-1082c4ea7ecb", "serviceNames": [', "the file is not valid JSON"),
    (b"\xff\xfe{}", "the file is not UTF-8 text"),
    (b"42", "the file holds neither a PTV object nor a list of them"),
    (b'{"itemList": []}', "the file holds no PTV objects"),
    (b'{"id": "187daa4f-2a84-49c4-9bd9-8eefc7dfd4e5", "organizationType": "Region"}',
     "it has 'organizationType' but no list 'organizationNames'"),
    (b'{"id": "187daa4f-2a84-49c4-9bd9-8eefc7dfd4e5", "names": []}', "nor 'organizationNames' (an organisation)"),
    (b'[{"id": "not-a-uuid", "serviceNames": []}]', "$[0] is not a PTV service, service channel or organisation"),
    (b"[" * 100_000, "nested too deeply"),
])
def test_broken_input_is_an_error_and_nothing_is_written(example: Path, tmp_path: Path, content: bytes,
                                                         message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = snapshot(example)
    result = import_(example, files=[FIXTURES / "lastenneuvola.json", bad])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert "nothing was written" in result.output
    assert snapshot(example) == before


def test_too_big_and_missing_input(example: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ptv_read, "MAX_INPUT_BYTES", 1000)
    result = import_(example, files=[FIXTURES / "lastenneuvola.json", tmp_path / "puuttuu.json"])
    assert result.exit_code == 1
    assert "lastenneuvola.json: the file is larger than" in result.output
    assert "puuttuu.json: cannot read the file" in result.output


def test_no_site_is_an_error(tmp_path: Path) -> None:
    result = import_(tmp_path)
    assert result.exit_code == 1
    assert "no site.yaml" in result.output and "Traceback" not in result.output


# --- the parts ------------------------------------------------------------------------------------------

def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    north = (a[0] - b[0]) * 111_320
    east = (a[1] - b[1]) * 111_320 * math.cos(math.radians(a[0]))
    return math.hypot(north, east)


def test_tm35fin_conversion_agrees_with_proj() -> None:
    # reference points computed with PROJ 9 (pyproj 3.7, EPSG:3067 -> EPSG:4326)
    for (northing, easting), expected in [
        (NASI_TM35FIN, NASI_WGS84),
        ((6672500.0, 385480.0), (60.17328753278626, 24.93582021482769)),  # Helsinki
        ((7500000.0, 500000.0), (67.61552706167193, 27.0)),  # the central meridian, Lapland
        ((6700000.0, 100000.0), (60.239081912115296, 19.766714043209024)),  # Åland, far west of the meridian
        ((7700000.0, 730000.0), (69.31082131813847, 32.840878889560436)),  # far east
    ]:
        assert distance_m(tm35fin_to_wgs84(northing, easting), expected) < 0.01
        back = wgs84_to_tm35fin(*expected)
        assert math.hypot(back[0] - northing, back[1] - easting) < 0.01


def test_wgs84_coordinates_are_taken_as_they_are(example: Path, tmp_path: Path) -> None:
    location = json.loads((FIXTURES / "nasin-neuvola.json").read_text(encoding="utf-8"))
    street = location["addresses"][0]["streetAddress"]
    street["latitude"], street["longitude"] = "60.3960", "25.6595"
    path = tmp_path / "wgs84.json"
    path.write_text(json.dumps(location), encoding="utf-8")
    assert import_(example, files=[path]).exit_code == 0
    assert load(example, "content/locations/nasin-neuvola.yaml")["coordinates"] == {"lat": 60.396, "lon": 25.6595}


def hour(kind: str, opening: list[dict], **extra) -> dict:
    return {"serviceHourType": kind, "validFrom": None, "validTo": None, "isClosed": False, "validForNow": True,
            "isAlwaysOpen": False, "isReservation": False, "additionalInformation": [], "openingHour": opening,
            **extra}


def test_hours_over_midnight_become_one_entry_per_day() -> None:
    notes = Notes("$")
    schedule = convert_hours([
        hour("DaysOfTheWeek", [{"dayFrom": "Tuesday", "dayTo": None, "from": "09:00", "to": "11:30"},
                               {"dayFrom": "Wednesday", "dayTo": "Thursday", "from": "13:00", "to": "15:00"},
                               {"dayFrom": "Sunday", "dayTo": None, "from": "22:00", "to": "00:00"}]),
        hour("OverMidnight", [{"dayFrom": "Friday", "dayTo": "Saturday", "from": "18:00:00", "to": "02:00:00"}]),
    ], ".serviceHours", ["fi"], notes, TODAY)
    assert schedule == {"weekly": [{"days": "ti", "opens": "09:00", "closes": "11:30"},
                                   {"days": "ke-to", "opens": "13:00", "closes": "15:00"},
                                   {"days": "pe", "opens": "18:00", "closes": "23:59"},
                                   {"days": "la", "opens": "00:00", "closes": "02:00"},
                                   {"days": "su", "opens": "22:00", "closes": "23:59"}]}
    assert notes.lines == []


def test_hours_that_do_not_fit_are_reported() -> None:
    notes = Notes("$")
    schedule = convert_hours([
        hour("Exceptional", [], validFrom="2026-12-24T00:00:00", isClosed=True),
        hour("Holiday", []),
    ], ".serviceHours", ["fi"], notes, TODAY)
    assert schedule is None
    assert [note.message for note in notes.lines] == [
        "service hours of type 'Holiday' not imported",
        "1 exception(s) to opening hours not imported: pkc needs weekly hours to attach them to"]


def test_the_same_object_in_two_files_is_imported_once(example: Path, tmp_path: Path) -> None:
    newer = json.loads((FIXTURES / "lastenneuvola.json").read_text(encoding="utf-8"))
    older = copy.deepcopy(newer)
    older["modified"] = "2025-01-01T00:00:00Z"
    older["serviceNames"][0]["value"] = "Vanha nimi"
    (tmp_path / "a.json").write_text(json.dumps(newer), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([older]), encoding="utf-8")
    result = import_(example, files=[tmp_path / "a.json", tmp_path / "b.json"])
    assert result.exit_code == 0, result.output
    assert load(example, "content/services/lastenneuvola.yaml")["name"]["fi"] == "Lastenneuvola"
    assert "Imported 1 PTV object(s)" in result.output


# --- what the service catalogue really sends: areas, several web channels, organisations -----------------

def import_kotipalvelu(site: Path, *args: str, service: dict | None = None, tmp: Path | None = None):
    """Import the home-help service (or a changed copy of it), its four channels and its producer."""
    files = [KOTIPALVELU, KANAVAT, PERHEAPU]
    if service is not None:
        assert tmp is not None
        files[0] = tmp / "kotipalvelu.json"
        files[0].write_text(json.dumps(service, ensure_ascii=False), encoding="utf-8")
    return import_(site, *args, files=files)


def kotipalvelu() -> dict:
    return json.loads(KOTIPALVELU.read_text(encoding="utf-8"))


def test_municipality_areas_in_both_shapes(imported) -> None:
    site, output = imported
    service = load(site, "content/services/lapsiperheiden-kotipalvelu.yaml")
    # Porvoo and Loviisa arrive as {"code": null, "name": null, "municipalities": [...]}, Sipoo with its own name
    assert service["municipalities"] == ["porvoo", "loviisa", "sipoo"]
    assert "missing from the site: $.areas[2].municipalities[0]: municipality 'Lapinjärvi' (407) is not in the site" \
        in output
    assert ("not imported: $.areas[3]: BusinessRegions 'Porvoon seutukunta' not imported: PTV lists no "
            "municipalities in it and the site has no region of that name") in output


def test_a_wellbeing_services_county_area_becomes_the_region(example: Path, tmp_path: Path) -> None:
    service = kotipalvelu()
    service["areas"] = [{"type": "WellbeingServiceCounty", "code": "IUU",
                         "name": [{"value": "Itä-Uudenmaan hyvinvointialue", "language": "fi"}],
                         "municipalities": None}]
    result = import_kotipalvelu(example, service=service, tmp=tmp_path)
    assert result.exit_code == 0, result.output
    written = load(example, "content/services/lapsiperheiden-kotipalvelu.yaml")
    assert written["region"] == "ita-uusimaa" and "municipalities" not in written


def test_every_e_service_and_web_page_channel_is_kept_or_reported(imported) -> None:
    site, output = imported
    service = load(site, "content/services/lapsiperheiden-kotipalvelu.yaml")
    assert service["booking_url"] == "https://asiointi.ita-uusimaa.example/kotipalvelu"  # the first e-service
    assert service["website"] == "https://www.ita-uusimaa.example/kotipalvelu"  # the first web page
    assert service["access"] == ["e-service"]
    lines = output.replace("\\", "/").splitlines()
    # only the kept channels say they became something
    for heading in ("tests/fixtures/ptv/kotipalvelu-kanavat.json $[0]: e-service channel 'Kotipalvelun hakemus' "
                    "(0e7b3c51-2d4f-4a68-9b1c-5f6e7d8a9b01) -> booking_url of lapsiperheiden-kotipalvelu",
                    "tests/fixtures/ptv/kotipalvelu-kanavat.json $[1]: e-service channel 'Kotipalvelun asiakaspalaute' "
                    "(0e7b3c51-2d4f-4a68-9b1c-5f6e7d8a9b02)",
                    "tests/fixtures/ptv/kotipalvelu-kanavat.json $[3]: web page channel 'Kotipalvelun asiakasmaksut' "
                    "(5a9c8e71-3b2d-4c6f-8e1a-7d9b0c2e4f04)"):
        assert any(line.endswith(heading) for line in lines), heading
    for line in (
        "not imported: $.serviceChannels[2]: e-service channel 'Kotipalvelun asiakaspalaute' "
        "(https://palaute.ita-uusimaa.example/kotipalvelu) not imported: 'booking_url' holds one booking address, "
        "https://asiointi.ita-uusimaa.example/kotipalvelu of 'Kotipalvelun hakemus'",
        "not imported: $.serviceChannels[3]: web page channel 'Kotipalvelun asiakasmaksut' "
        "(https://www.ita-uusimaa.example/asiakasmaksut) not imported: 'website' holds one website, "
        "https://www.ita-uusimaa.example/kotipalvelu of 'Kotipalvelu hyvinvointialueen sivuilla'",
        "not imported: $[1]: each service that links to it keeps another channel: lapsiperheiden-kotipalvelu "
        "(booking_url: 'Kotipalvelun hakemus')",
        "not imported: $[0].webPages[1]: web address https://asiointi.ita-uusimaa.example/sv/hemservice not "
        "imported: 'booking_url' holds one address, https://asiointi.ita-uusimaa.example/kotipalvelu",
    ):
        assert f"  {line}" in lines, line


def test_an_organisation_response_becomes_an_organisation_its_services_name(imported) -> None:
    site, output = imported
    text = (site / "content/organisations/perheapu-porvoo-oy.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/organisation.schema.json\n"
                           f"# ptv: {PERHEAPU_ID} sha256:")
    assert load(site, "content/organisations/perheapu-porvoo-oy.yaml") == {
        "name": {"fi": "Perheapu Porvoo Oy", "sv": "Familjehjälp Borgå Ab"},
        "type": "company",
        "description": {"fi": "Perheapu tuottaa kotipalvelua lapsiperheille Itä-Uudellamaalla.\n",
                        "sv": "Familjehjälp producerar hemservice för barnfamiljer i Östra Nyland.\n"},
        "municipality": "porvoo",
        "website": "https://www.perheapu.example/",
        "email": "asiakaspalvelu@perheapu.example",
        "phone": "040 1234567",
    }
    # the producer provides the service; the responsible county, which pkc has no second place for, is reported
    assert load(site, "content/services/lapsiperheiden-kotipalvelu.yaml")["provider"] == "perheapu-porvoo-oy"
    assert ("not imported: $.organizations[0].organization: organisation 'Itä-Uudenmaan hyvinvointialue' "
            "(Responsible) not imported: a pkc service has one provider, 'perheapu-porvoo-oy'") in output
    for line in ("not imported: $.addresses[0]: postal address not imported",
                 "not imported: $.services: its 1 service(s) not imported",
                 "not imported: $.organizationNames[2]: alternative name not imported"):
        assert line in output, line


def test_an_organisations_visiting_address_becomes_its_address(example: Path, tmp_path: Path) -> None:
    """PTV's visiting address (type Visiting) is the organisation's `address:`, which its page and JSON-LD show."""
    organisation = json.loads(PERHEAPU.read_text(encoding="utf-8"))
    postal = organisation["addresses"][0]
    visiting = copy.deepcopy(postal)
    visiting["type"] = "Visiting"
    visiting["streetAddress"]["street"] = [{"language": "fi", "value": "Rauhankatu"},
                                           {"language": "sv", "value": "Fredsgatan"}]
    visiting["streetAddress"]["streetNumber"] = "20"
    organisation["addresses"] = [postal, visiting]
    path = tmp_path / "perheapu.json"
    path.write_text(json.dumps(organisation, ensure_ascii=False), encoding="utf-8")
    result = import_(example, files=[KOTIPALVELU, path])
    assert result.exit_code == 0, result.output
    written = load(example, "content/organisations/perheapu-porvoo-oy.yaml")
    assert written["address"] == {"street": {"fi": "Rauhankatu 20", "sv": "Fredsgatan 20"}, "postal_code": "06100"}
    assert "not imported: $.addresses[0]: postal address not imported" in result.output
    result = run("check", "--site", str(example), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output


def test_reimport_finds_the_organisation_by_its_ptv_id(imported, tmp_path: Path) -> None:
    site, _ = imported
    renamed = json.loads(PERHEAPU.read_text(encoding="utf-8"))
    renamed["organizationNames"][0]["value"] = "Perheapu Itä-Uusimaa Oy"
    path = tmp_path / "perheapu.json"
    path.write_text(json.dumps(renamed, ensure_ascii=False), encoding="utf-8")
    before = set(snapshot(site))
    result = import_(site, files=[KOTIPALVELU, path])
    assert result.exit_code == 0, result.output
    assert "update     content/organisations/perheapu-porvoo-oy.yaml" in result.output
    assert set(snapshot(site)) == before  # no perheapu-ita-uusimaa-oy.yaml
    assert load(site, "content/organisations/perheapu-porvoo-oy.yaml")["name"]["fi"] == "Perheapu Itä-Uusimaa Oy"
    # an editor's change stops the next import, unless --force
    org = site / "content/organisations/perheapu-porvoo-oy.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("type: company", "type: ngo"), encoding="utf-8")
    stopped = import_(site, files=[PERHEAPU])
    assert stopped.exit_code == 1
    assert "content/organisations/perheapu-porvoo-oy.yaml has been edited since organisation" in stopped.output
    assert "type: ngo" in org.read_text(encoding="utf-8")
    assert import_(site, "--force", files=[PERHEAPU]).exit_code == 0
    assert load(site, "content/organisations/perheapu-porvoo-oy.yaml")["type"] == "company"


def test_an_organisation_named_only_by_service_producers_is_imported_from_its_name(example: Path,
                                                                                   tmp_path: Path) -> None:
    service = kotipalvelu()
    service["organizations"] = [service["organizations"][0]]  # the county, responsible, which the site has
    producer = {"id": "e1d2c3b4-a596-4877-8899-aabbccddeeff", "name": "Kotiapu Sipoo Oy"}
    service["serviceProducers"] = [{"provisionType": "PurchaseServices", "additionalInformation": [],
                                    "organizations": [producer]}]  # the V11 service's producers
    result = import_kotipalvelu(example, service=service, tmp=tmp_path)
    assert result.exit_code == 0, result.output
    assert "new        content/organisations/kotiapu-sipoo-oy.yaml" in result.output
    assert load(example, "content/organisations/kotiapu-sipoo-oy.yaml") == {"name": {"fi": "Kotiapu Sipoo Oy"},
                                                                          "type": "company"}
    assert load(example, "content/services/lapsiperheiden-kotipalvelu.yaml")["provider"] == "kotiapu-sipoo-oy"
    assert ("check: $.serviceProducers[0].organizations[0]: organisation 'Kotiapu Sipoo Oy' is imported from its "
            "name only; 'type: company' is guessed from the name: check it, or import the organisation's JSON "
            "(GET /api/v11/Organization/e1d2c3b4-a596-4877-8899-aabbccddeeff)") in result.output
    # the editor completes it; a re-import links to it and leaves it alone (it is not PTV's data to update)
    stub = example / "content/organisations/kotiapu-sipoo-oy.yaml"
    stub.write_text(stub.read_text(encoding="utf-8") + "municipality: sipoo\n", encoding="utf-8")
    again = import_kotipalvelu(example, service=service, tmp=tmp_path)
    assert again.exit_code == 0, again.output
    assert "kotiapu-sipoo-oy.yaml" not in again.output.split("\n\n")[0]
    assert stub.read_text(encoding="utf-8").endswith("municipality: sipoo\n")
    assert load(example, "content/services/lapsiperheiden-kotipalvelu.yaml")["provider"] == "kotiapu-sipoo-oy"


def test_an_organisation_response_for_the_sites_own_organisation_needs_force(example: Path, tmp_path: Path) -> None:
    county = json.loads(PERHEAPU.read_text(encoding="utf-8"))
    county["id"] = "187daa4f-2a84-49c4-9bd9-8eefc7dfd4e5"
    county["organizationType"] = "Region"
    county["organizationNames"] = [{"language": "fi", "value": "Itä-Uudenmaan hyvinvointialue", "type": "Name"}]
    path = tmp_path / "county.json"
    path.write_text(json.dumps(county, ensure_ascii=False), encoding="utf-8")
    own = example / "content/organisations/ita-uudenmaan-hyvinvointialue.yaml"
    text = own.read_bytes()
    result = import_(example, files=[path])
    assert result.exit_code == 1
    assert ("content/organisations/ita-uudenmaan-hyvinvointialue.yaml exists and was not imported from PTV: --force "
            "replaces it") in result.output
    assert own.read_bytes() == text
    assert not (example / "content/organisations/ita-uudenmaan-hyvinvointialue-2.yaml").exists()
    forced = import_(example, "--force", files=[path])
    assert forced.exit_code == 0, forced.output
    replaced = load(example, "content/organisations/ita-uudenmaan-hyvinvointialue.yaml")
    assert replaced["type"] == "wellbeing-county" and replaced["region"] == "ita-uusimaa"


def test_dry_run_reports_the_organisation_and_the_channels_it_did_not_keep(example: Path) -> None:
    before = snapshot(example)
    result = import_(example, "--dry-run", files=[KOTIPALVELU, KANAVAT, PERHEAPU])
    assert result.exit_code == 0, result.output
    assert snapshot(example) == before
    assert "new        content/organisations/perheapu-porvoo-oy.yaml" in result.output
    assert f"    # ptv: {PERHEAPU_ID} sha256:" in result.output
    assert "    provider: perheapu-porvoo-oy" in result.output
    assert "    municipalities: [porvoo, loviisa, sipoo]" in result.output
    assert "e-service channel 'Kotipalvelun asiakaspalaute' (https://palaute.ita-uusimaa.example/kotipalvelu) " \
           "not imported" in result.output
    assert "Would write 6 PTV object(s) into 2 file(s) (2 new)" in result.output


def json_paths(value, path: tuple = ()):
    """Every path into a JSON value (the first two items of each list)."""
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from json_paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:2]):
            yield from json_paths(inner, (*path, index))


@pytest.mark.parametrize("fixture", [KOTIPALVELU, KANAVAT, PERHEAPU], ids=lambda p: p.name)
def test_null_or_a_list_anywhere_in_a_response_is_reported_never_a_crash(example: Path, tmp_path: Path,
                                                                          fixture: Path) -> None:
    """The catalogue sends null for much it leaves empty; a value of the wrong type must not crash the import."""
    original = json.loads(fixture.read_text(encoding="utf-8"))
    others = [path for path in (KOTIPALVELU, KANAVAT, PERHEAPU) if path != fixture]
    changed = tmp_path / fixture.name
    for path in [p for p in json_paths(original) if p]:
        for hostile in (None, ["x"]):  # null, and a list where a text, number or object belongs (unhashable)
            data = copy.deepcopy(original)
            target = data
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = hostile
            changed.write_text(json.dumps(data), encoding="utf-8")
            try:
                import_ptv([changed, *others], example, dry_run=True, today=TODAY)
            except (PtvInputError, ImportConflicts):
                pass  # reported with file and line, nothing written


def test_an_organisation_reference_cannot_forge_a_file_marker_or_a_report_line(example: Path, tmp_path: Path) -> None:
    service = kotipalvelu()
    forged = f"{PERHEAPU_ID}\nprovider: evil"
    service["organizations"][1]["organization"] = {
        "id": forged, "name": f"Paha\n  not imported: nothing\x1b[2J\n# ptv: {PERHEAPU_ID} Oy"}
    result = import_(example, files=[write_json(tmp_path / "kotipalvelu.json", service)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    # the name is one line of the report; the id that is no UUID makes no organisation and no marker
    assert (f"not imported: $.organizations[1].organization: organisation 'Paha not imported: nothing [2J # ptv: "
            f"{PERHEAPU_ID} Oy' (Producer) not imported: a pkc service has one provider, "
            "'ita-uudenmaan-hyvinvointialue'") in result.output
    assert not list((example / "content/organisations").glob("paha*"))
    written = (example / "content/services/lapsiperheiden-kotipalvelu.yaml").read_text(encoding="utf-8")
    assert "evil" not in written and load(example, "content/services/lapsiperheiden-kotipalvelu.yaml")[
        "provider"] == "ita-uudenmaan-hyvinvointialue"


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_control_characters_from_the_catalogue_are_left_out_and_the_import_builds(example: Path,
                                                                                   tmp_path: Path) -> None:
    """pkc check refuses control characters in content: an import writes none, whatever the catalogue sends."""
    service = json.loads((FIXTURES / "lastenneuvola.json").read_text(encoding="utf-8"))
    service["serviceNames"][0]["value"] = "Lasten\u0000neuvola\u001b[2J"
    for description in service["serviceDescriptions"]:
        description["value"] = "Ensimmäinen\u2028rivi\u0007 ja\u0085 toinen\uffff."
    (tmp_path / "palvelu.json").write_text(json.dumps(service), encoding="utf-8")
    result = import_(example, files=[tmp_path / "palvelu.json"])
    assert result.exit_code == 0, result.output
    rel = re.search(r"new +(content/services/\S+\.yaml)", result.output).group(1)
    written = (example / rel).read_text(encoding="utf-8")
    assert "\\u0000" not in written and "\\e" not in written and "\u2028" not in written
    assert load(example, rel)["name"]["fi"] == "Lastenneuvola[2J"
    assert "Ensimmäinen rivi ja toinen." in written
    result = run("check", "--site", str(example), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output


def test_a_file_in_the_site_linked_outside_or_a_pipe_is_never_read(example: Path, tmp_path: Path) -> None:
    """A pull request can commit a link or a named pipe: the import reads neither (a pipe used to hang it), nor
    replaces them without --force, and the file a link points to stays as it was."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: salaisuus\n", encoding="utf-8")
    (example / "content/services/lastenneuvola.yaml").symlink_to(secret)
    assert read_text(example / "content/services/lastenneuvola.yaml") == ""
    os.mkfifo(example / "content/services/perheneuvola.yaml")
    result = subprocess.run([sys.executable, "-m", "pkc", "import", "ptv", *map(str, ALL), "--site", str(example)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "lastenneuvola.yaml" in result.stdout + result.stderr and "--force" in result.stdout + result.stderr
    assert secret.read_text(encoding="utf-8") == "name: salaisuus\n"
    assert (example / "content/services/lastenneuvola.yaml").is_symlink()
