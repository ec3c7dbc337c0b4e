"""Open data that strict readers accept and spreadsheets cannot be tricked by: sitemap.xml against the sitemaps.org
XSD, the HSDS CSVs read alike with and without guessing their dialect, and no CSV cell a spreadsheet runs."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
import xmlschema
import yaml
from bs4 import BeautifulSoup

from pkc.build import BuildOptions, build, check
from pkc.hsds import export_files, tabular
from pkc.sitemap import sitemap_files
from pkc.urls import Site

from .conftest import REPO, TESTS, TODAY, overlay_site

XSD = TESTS / "data" / "sitemaps"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
LANGUAGES = ("fi", "sv", "en")


# --- sitemap.xml against the sitemaps.org schemas ---------------------------------------------------------

@cache
def sitemap_schema(name: str) -> xmlschema.XMLSchema10:
    """sitemap.xsd or siteindex.xsd. Their `xsd:any namespace="##other" processContents="strict"` needs a
    declaration for every foreign element: xmlschema loads W3C's XHTML 1.0 Strict schema for the xhtml
    namespace by itself (see tests/data/sitemaps/README.md), so `<xhtml:link>` is validated, not skipped."""
    return xmlschema.XMLSchema10(str(XSD / name))


def schema_errors(name: str, document: bytes) -> list[str]:
    return [f"{error.path}: {error.reason}" for error in sitemap_schema(name).iter_errors(io.BytesIO(document))][:5]


@cache
def example_check():
    """The example site, checked once for this file's tests."""
    return check(BuildOptions(site_dir=REPO, today=TODAY))


def example_catalog():
    return example_check().catalog


def test_the_example_sitemap_is_valid_against_the_sitemaps_org_xsd() -> None:
    catalog = example_catalog()
    files = sitemap_files(catalog, Site(catalog.site.base_url))
    assert schema_errors("sitemap.xsd", files["sitemap.xml"]) == []
    # strict, not lax: the xhtml:link alternates were checked against a declaration
    assert f"{XHTML}link" in sitemap_schema("sitemap.xsd").maps.elements
    urls = ET.fromstring(files["sitemap.xml"]).findall(f"{SITEMAP}url")
    reviewed = [url for url in urls if url.find(f"{SITEMAP}lastmod") is not None]
    assert len(reviewed) > 400  # the tester's 504 entries whose <lastmod> came after the alternates
    for url in reviewed:
        tags = [child.tag for child in url]
        assert tags[:2] == [f"{SITEMAP}loc", f"{SITEMAP}lastmod"] and set(tags[2:]) == {f"{XHTML}link"}
    # the root's choice of language is an indexable page of its own; 404.html and the search pages are not listed
    locs = {url.findtext(f"{SITEMAP}loc") for url in urls}
    assert catalog.site.base_url in locs
    assert not any(loc.endswith(("404.html", "/haku/", "/sok/", "/search/")) for loc in locs)


def test_the_checks_are_strict_enough_to_refuse_what_the_tester_found() -> None:
    """The validator used above refuses the old order and anything unknown in the xhtml namespace."""
    head = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
            b"<url><loc>https://pieni.example/fi/</loc>")
    link = b'<xhtml:link rel="alternate" hreflang="sv" href="https://pieni.example/sv/"/>'
    assert schema_errors("sitemap.xsd", head + b"<lastmod>2026-05-04</lastmod>" + link + b"</url></urlset>") == []
    assert schema_errors("sitemap.xsd", head + link + b"<lastmod>2026-05-04</lastmod></url></urlset>") != []
    assert schema_errors("sitemap.xsd", head + b'<xhtml:linc href="x"/></url></urlset>') != []


@pytest.mark.parametrize("wanted", [3, 7])
def test_a_sitemap_split_into_an_index_is_valid_against_both_schemas(wanted: int) -> None:
    catalog = example_catalog()
    site = Site(catalog.site.base_url)
    whole = ET.fromstring(sitemap_files(catalog, site)["sitemap.xml"]).findall(f"{SITEMAP}url")
    files = sitemap_files(catalog, site, max_urls=-(-len(whole) // wanted))
    assert ET.fromstring(files["sitemap.xml"]).tag == f"{SITEMAP}sitemapindex"
    assert schema_errors("siteindex.xsd", files["sitemap.xml"]) == []
    parts = [name for name in files if name.startswith("sitemap-")]
    assert len(parts) == wanted
    for name in parts:
        assert schema_errors("sitemap.xsd", files[name]) == [], name


def test_a_sitemap_is_split_before_it_outgrows_the_byte_limit() -> None:
    """sitemaps.org: at most 50 MiB per file; with every language's alternates, 50,000 addresses can be more."""
    catalog = example_catalog()
    site = Site(catalog.site.base_url)
    whole = sitemap_files(catalog, site)["sitemap.xml"]
    files = sitemap_files(catalog, site, max_bytes=len(whole) // 4)
    parts = [files[name] for name in files if name.startswith("sitemap-")]
    assert len(parts) in (4, 5) and all(len(part) <= len(whole) // 4 for part in parts)
    assert schema_errors("siteindex.xsd", files["sitemap.xml"]) == []
    listed = [loc for part in parts for loc in ET.fromstring(part).iter(f"{SITEMAP}loc")]
    assert [loc.text for loc in listed] == [loc.text for loc in ET.fromstring(whole).iter(f"{SITEMAP}loc")]


# --- HSDS: formulas in the CSVs ------------------------------------------------------------------------

# What a content pull request might name things: each a formula in a spreadsheet that opens the CSV.
HYPERLINK = '=HYPERLINK("http://x","y")'
COMMAND = "+cmd|' /C calc'!A0"
SUM = "@SUM(1)"
ARITHMETIC = "-2+3"


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory) -> Path:
    """The minimal site with formulas for names, descriptions and fees, a leading tab, and a phone."""
    site = tmp_path_factory.mktemp("hostile") / "site"
    overlay_site("minimal", None, site)
    service_file = site / "content/services/lastenneuvola.yaml"
    service = yaml.safe_load(service_file.read_text(encoding="utf-8"))
    service.update({"name": HYPERLINK, "description": COMMAND, "cost": "fee", "cost_details": ARITHMETIC,
                    "booking": "\t=1+2"})
    service_file.write_text(yaml.safe_dump(service, allow_unicode=True), encoding="utf-8")
    organisation_file = site / "content/organisations/pikkulan-kunta.yaml"
    organisation = yaml.safe_load(organisation_file.read_text(encoding="utf-8"))
    organisation.update({"name": SUM, "description": "=2+5", "phone": "040 123 4567"})
    organisation_file.write_text(yaml.safe_dump(organisation, allow_unicode=True), encoding="utf-8")
    out = site.parent / "public"
    build(BuildOptions(site_dir=site, out_dir=out, today=TODAY))
    return out


def read_table(data: bytes, dialect: dict) -> list[list[str]]:
    """A CSV read strictly in the dialect the data package declares, nothing guessed."""
    assert dialect["header"] is True and dialect["lineTerminator"] == "\n"
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=dialect["delimiter"],
                           quotechar=dialect["quoteChar"], doublequote=dialect["doubleQuote"],
                           skipinitialspace=dialect["skipInitialSpace"], strict=True))


def tables(hsds: Path) -> dict[str, list[dict[str, str]]]:
    """Each resource of datapackage.json as rows {column: cell}, read in its declared dialect."""
    package = json.loads((hsds / "datapackage.json").read_text(encoding="utf-8"))
    result = {}
    for resource in package["resources"]:
        header, *rows = read_table((hsds / resource["path"]).read_bytes(), resource["dialect"])
        result[resource["name"]] = [dict(zip(header, row, strict=True)) for row in rows]
    return result


def records(hsds: Path) -> dict[str, dict]:
    """Every record of the JSON lists, nested ones too, by id (a record nested in several places, merged)."""
    found: dict[str, dict] = {}

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if "id" in value:
                found.setdefault(value["id"], {}).update(
                    {key: item for key, item in value.items() if not isinstance(item, (dict, list))})
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(hsds.glob("*.json")):
        if path.name != "datapackage.json":
            walk(json.loads(path.read_text(encoding="utf-8"))["contents"])
    return found


def test_formulas_are_text_in_the_csv_and_as_written_everywhere_else(hostile_out: Path) -> None:
    hsds = hostile_out / "data/hsds/fi"
    rows = tables(hsds)
    service, organization = rows["service"][0], rows["organization"][0]
    assert service["name"] == "'" + HYPERLINK and service["description"] == "'" + COMMAND
    assert rows["cost_option"][0]["amount_description"] == "'" + ARITHMETIC
    assert organization["name"] == "'" + SUM
    # a text's leading tab or carriage return is gone before the CSV (texts are trimmed), the formula is not
    assert organization["description"] == "'=2+5"
    assert service["application_process"].endswith("\n\n=1+2")  # not at the start of the cell: no formula
    # the JSON and the page keep the text as written
    json_records = records(hsds)
    assert json_records[service["id"]]["name"] == HYPERLINK and json_records[service["id"]]["description"] == COMMAND
    assert json_records[organization["id"]]["name"] == SUM
    assert json_records[organization["id"]]["description"] == "=2+5"
    page = BeautifulSoup((hostile_out / "fi/palvelut/lastenneuvola/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.h1.get_text() == HYPERLINK
    # phone numbers stay numbers: E.164, as in the JSON
    phone = rows["phone"][0]
    assert phone["number"] == "+358401234567" == json_records[phone["id"]]["number"]


def test_the_writer_neutralises_tab_and_carriage_return_and_leaves_numbers_alone() -> None:
    row = {"id": "a", "location_type": "physical", "name": "\tcmd", "description": "\rcmd",
           "alternate_name": " =1+1", "transportation": "Bus 5\rTram 3\r\non foot", "external_identifier": "\n@x",
           "latitude": -23.5, "longitude": -46.0, "external_identifier_type": "-12"}
    data = tabular.csv_bytes("location", {"a": row})
    assert b"\r" not in data  # a carriage return is a line break, written the CSV's way and quoted
    header, cells = read_table(data, tabular.DIALECT)
    written = dict(zip(header, cells, strict=True))
    assert written["name"] == "'\tcmd" and written["description"] == "'\ncmd" and written["alternate_name"] == "' =1+1"
    assert written["transportation"] == "Bus 5\nTram 3\non foot" and written["external_identifier"] == "'\n@x"
    assert written["latitude"] == "-23.5" and written["longitude"] == "-46" and written["external_identifier_type"] == "-12"


def formula_like(cell: str) -> bool:
    return cell[:1] in ("\t", "\r") or cell.lstrip()[:1] in ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def example_hsds(tmp_path_factory) -> Path:
    """The example's HSDS files, written as the build writes them."""
    checked = example_check()
    out = tmp_path_factory.mktemp("example-hsds")
    for rel, data in export_files(checked.catalog, checked.strings, Site(checked.catalog.site.base_url),
                                  TODAY).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_only_numbers_begin_with_a_sign_in_the_example_csvs(example_hsds: Path, lang: str) -> None:
    """What the writer leaves alone can only be a number: numeric columns and the E.164 phone numbers."""
    package = json.loads((example_hsds / lang / "datapackage.json").read_text(encoding="utf-8"))
    kinds = {(r["name"], f["name"]): f["type"] for r in package["resources"] for f in r["schema"]["fields"]}
    neutralised = 0
    for table, rows in tables(example_hsds / lang).items():
        for row in rows:
            for column, cell in row.items():
                neutralised += cell.startswith("'") and formula_like(cell[1:])
                if formula_like(cell):
                    assert kinds[table, column] == "number" or (table, column) == ("phone", "number"), (table, cell)
                    assert re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", cell), (table, column, cell)
    assert neutralised > 0  # the example's accessibility notes are lists that begin with '- '


# --- HSDS: the CSV dialect -----------------------------------------------------------------------------

def sniffed_table(data: bytes, declared: str | None) -> list[list[str]]:
    """A CSV read as frictionless reads it: csv.Sniffer on the first 100 lines, among the declared delimiter
    or, when none is declared, among `,`, tab, `;` and `|`; the excel dialect when sniffing fails."""
    text = data.decode("utf-8")
    sample = "".join(text.splitlines(keepends=True)[:100])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=declared or ",\t;|")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text, newline=""), dialect))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_csv_reads_the_same_sniffed_or_in_its_declared_dialect(example_hsds: Path, lang: str) -> None:
    hsds = example_hsds / lang
    package = json.loads((hsds / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert resource["dialect"] == {"delimiter": ",", "quoteChar": '"', "doubleQuote": True,
                                       "lineTerminator": "\n", "header": True, "skipInitialSpace": False}
        data = (hsds / resource["path"]).read_bytes()
        strict = read_table(data, resource["dialect"])
        for declared in (resource["dialect"]["delimiter"], None):  # a reader that honours it, one that ignores it
            assert sniffed_table(data, declared) == strict, (resource["path"], declared)
        assert [len(row) for row in strict] == [len(resource["schema"]["fields"])] * len(strict), resource["path"]
    # the same rows, cells and number of records as the JSON lists
    json_records = records(hsds)
    csv_ids: set[str] = set()
    for table, rows in tables(hsds).items():
        if table == "meta_table_description":  # describes the tables themselves; not in the JSON lists
            continue
        for row in rows:
            csv_ids.add(row["id"])
            record = json_records[row["id"]]
            for column, cell in row.items():
                value = record.get(column)
                if isinstance(value, (int, float)):
                    assert float(cell) == value, (table, column)
                else:
                    assert cell in ((value or ""), "'" + (value or "")), (table, column, cell)
    assert csv_ids == set(json_records)
