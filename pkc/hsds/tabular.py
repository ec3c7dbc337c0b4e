"""HSDS 3.0 as a tabular data package: one CSV per table and the datapackage.json that describes them.

The tables and their columns are those of the HSDS 3.0 data package (every table is written, empty ones with
their header only, so that the package's foreign keys always name a table that exists). Rows come from
flattening the nested JSON records: every nested record already carries the id of its parent. Every resource
declares its CSV dialect, so that a reader need not guess it.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import Any

Json = dict[str, Any]

# The HSDS 3.0 tables: name, file, columns (an indented line continues a table). `:type` where it is not a
# string, `/format`, `!` required, `^` unique. A column named after a table plus `_id` is a foreign key to that
# table's id, as in HSDS's own datapackage.json (parent_organization_id, parent_id, link_id and resource_id may
# point to any record). tests/test_hsds.py checks this against the standard's datapackage.json.
_TABLES = """
organization organizations.csv id/uuid!^ name! alternate_name description! email/email website/uri tax_status
    tax_id year_incorporated:number legal_status logo uri/uri parent_organization_id/uuid
program programs.csv id/uuid!^ organization_id/uuid!^ name! alternate_name description!
service services.csv id/uuid!^ organization_id/uuid! program_id/uuid name! alternate_name description url/uri
    email/email status! interpretation_services application_process fees_description wait_time fees
    accreditations eligibility_description minimum_age:number maximum_age:number assured_date:date
    assurer_email/email licenses alert last_modified:datetime
attribute attributes.csv id/uuid!^ link_id/uuid! taxonomy_term_id/uuid! link_type link_entity! value
service_at_location service_at_location.csv id/uuid!^ service_id/uuid! location_id/uuid! description
location locations.csv id/uuid!^ location_type! url/uri organization_id/uuid name alternate_name description
    transportation latitude:number longitude:number external_identifier external_identifier_type
phone phones.csv id/uuid!^ location_id/uuid service_id/uuid organization_id/uuid contact_id/uuid
    service_at_location_id/uuid number! extension:number type description
contact contacts.csv id/uuid!^ organization_id/uuid service_id/uuid service_at_location_id/uuid location_id/uuid
    name title department email/email
address addresses.csv id/uuid!^ location_id/uuid attention address_1! address_2 city! region state_province!
    postal_code! country! address_type!
schedule schedules.csv id/uuid!^ service_id/uuid location_id/uuid service_at_location_id/uuid valid_from:date
    valid_to:date dtstart:date timezone:number until:date count:number wkst freq interval:number byday byweekno
    bymonthday byyearday description opens_at:time closes_at:time schedule_link/uri attending_type notes
funding funding.csv id/uuid!^ organization_id/uuid service_id/uuid source
service_area service_areas.csv id/uuid!^ service_id/uuid name description extent extent_type uri
required_document required_documents.csv id/uuid!^ service_id/uuid document uri/uri
language languages.csv id/uuid!^ service_id/uuid location_id/uuid phone_id/uuid name code note
accessibility accessibility.csv id/uuid!^ location_id/uuid description details url/uri
taxonomy_term taxonomy_terms.csv id/uuid!^ code^ name! description! parent_id/uuid taxonomy language
    taxonomy_id/uuid term_uri/uri
metadata metadata.csv id/uuid!^ resource_id/uuid! resource_type! last_action_date:date! last_action_type!
    field_name! previous_value! replacement_value! updated_by!
meta_table_description meta_table_descriptions.csv id/uuid!^ name language character_set
cost_option cost_options.csv id/uuid!^ service_id/uuid! valid_from:date valid_to:date option currency
    amount:number amount_description
organization_identifier organization_identifiers.csv id/uuid!^ organization_id/uuid! identifier_scheme
    identifier_type! identifier!
taxonomy taxonomies.csv id/uuid!^ name! description! uri/uri version
"""


def _field(spec: str) -> Json:
    required, unique = "!" in spec, "^" in spec
    spec = spec.replace("!", "").replace("^", "")
    spec, _, fmt = spec.partition("/")
    name, _, kind = spec.partition(":")
    field: Json = {"name": name, "type": kind or "string"}
    if fmt:
        field["format"] = fmt
    field["constraints"] = {"required": required, "unique": unique}
    return field


def _tables() -> dict[str, tuple[str, list[Json]]]:
    tables = {}
    for line in _TABLES.strip().replace("\n    ", " ").splitlines():
        name, path, *fields = line.split()
        tables[name] = (path, [_field(spec) for spec in fields])
    return tables


TABLES = _tables()

# Where a nested record sits in its parent -> the table it is a row of.
_TABLE_OF_KEY = {
    "organization": "organization", "services": "service", "service_at_locations": "service_at_location",
    "location": "location", "phones": "phone", "contacts": "contact", "addresses": "address",
    "schedules": "schedule", "service_areas": "service_area", "languages": "language",
    "accessibility": "accessibility", "attributes": "attribute", "taxonomy_term": "taxonomy_term",
    "cost_options": "cost_option", "taxonomy_detail": "taxonomy",
}


def flatten(table: str, records: Iterable[Json], rows: dict[str, dict[str, Json]],
            seen: set[int] | None = None) -> None:
    """Add `records` of `table` and everything nested in them to `rows` (table -> id -> row).

    `seen` holds the identity of every record object flattened so far: one object nested in many places (a
    location in each of its services, a taxonomy term in thousands of attributes) gives the same rows every
    time, so it is flattened once. The caller keeps the records alive (and unchanged) while `seen` is in use.
    """
    seen = set() if seen is None else seen
    for record in records:
        if id(record) in seen:
            continue
        seen.add(id(record))
        row = rows.setdefault(table, {}).setdefault(record["id"], {})
        for key, value in record.items():
            if isinstance(value, list):
                if value:  # most lists of a record are empty (phones, contacts …)
                    flatten(_TABLE_OF_KEY[key], value, rows, seen)
            elif isinstance(value, dict):
                flatten(_TABLE_OF_KEY[key], (value,), rows, seen)
            else:
                row[key] = value


# The CSV dialect every table is written in, as the Frictionless CSV Dialect (v1.2, Data Package v1) names it.
# Declared on every resource of datapackage.json: without it readers guess from the first rows, and the sniffer
# of Frictionless' JavaScript library (the engine of Open Referral's validator) finds no delimiter at all in
# cost_options.csv. With a dialect declared, that library and frictionless-py read it and guess nothing.
DIALECT: Json = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\n", "header": True,
                 "skipInitialSpace": False}

# CSV injection (OWASP "CSV Injection"): a spreadsheet that opens the open data takes a cell that begins with
# = + - or @ for a formula (=HYPERLINK("http://…") leaks what the reader types, +cmd|' /C calc'!A0 starts a
# program), and some first drop a leading tab, carriage return or space. Such a cell gets a leading apostrophe,
# which spreadsheets read as "the rest is text"; the csv module quotes a cell whenever its content needs it, and
# a quoted and an unquoted cell are the same cell to every reader (RFC 4180), so quoting adds nothing here.
# Checked on the values, not on the columns, so that no new column can slip through: only a value that is wholly
# a number may begin with - or + and stay as it is (a latitude, an amount, a phone number, which pkc writes in
# E.164: +358401234567), since digits cannot call a function. Only the CSV changes; the JSON, the pages and the
# search index keep the text as it was written.
_FORMULA_STARTS = ("=", "+", "-", "@")
_FORMULA_FIRST = "".join(_FORMULA_STARTS)
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?")


def _cell(value: object) -> str:
    if value is None:
        return ""
    # most cells are texts that need nothing done: no formula start, no leading space, no carriage return
    if type(value) is str and (not value or (value[0] not in _FORMULA_FIRST and not value[0].isspace()
                                             and "\r" not in value)):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    # A carriage return inside a text is a line break: written as the CSV's own `\n`, since the csv module quotes
    # only the characters of its line terminator and a bare `\r` would end the row for every reader.
    return _as_text(str(value)).replace("\r\n", "\n").replace("\r", "\n")


def _as_text(cell: str) -> str:
    """The cell as a spreadsheet will show it as text: with a leading `'` if it could start a formula."""
    if cell[:1] in ("\t", "\r") or (cell.lstrip().startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell)):
        return "'" + cell
    return cell


def csv_bytes(table: str, rows: dict[str, Json]) -> bytes:
    """The table's CSV in DIALECT: the HSDS columns in their order, rows sorted by id, no formula."""
    columns = [field["name"] for field in TABLES[table][1]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DIALECT["delimiter"], quotechar=DIALECT["quoteChar"],
                        doublequote=DIALECT["doubleQuote"], lineterminator=DIALECT["lineTerminator"],
                        skipinitialspace=DIALECT["skipInitialSpace"])
    writer.writerow(columns)
    # most columns are empty in every row: only those some row has are looked at
    present = set().union(*rows.values())
    filled = [(index, column) for index, column in enumerate(columns) if column in present]
    blank = [""] * len(columns)
    lines = []
    for record_id in sorted(rows):
        row, cells = rows[record_id], blank.copy()
        for index, column in filled:
            value = row.get(column)
            if value is not None:
                cells[index] = _cell(value)
        lines.append(cells)
    writer.writerows(lines)
    return buffer.getvalue().encode("utf-8")


def datapackage(name: str, title: str, description: str, homepage: str) -> Json:
    """The Frictionless tabular data package that describes every table's CSV."""
    resources = []
    for table, (path, fields) in TABLES.items():
        keys = [{"fields": field["name"], "reference": {"resource": field["name"][:-3], "fields": "id"}}
                for field in fields if field["name"].endswith("_id") and field["name"][:-3] in TABLES]
        schema: Json = {"fields": fields, "primaryKey": "id"}
        if keys:
            schema["foreignKeys"] = keys
        resources.append({"name": table, "path": path, "profile": "tabular-data-resource", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8", "dialect": dict(DIALECT),
                          "schema": schema})
    return {"profile": "tabular-data-package", "name": name, "title": title, "description": description,
            "homepage": homepage, "resources": resources}


def json_bytes(data: object, indent: int | None = None) -> bytes:
    """Sorted keys, UTF-8, one final newline; compact unless `indent` is given (the lists are large)."""
    separators = (",", ": ") if indent else (",", ":")
    return (json.dumps(data, ensure_ascii=False, indent=indent, separators=separators, sort_keys=True)
            + "\n").encode("utf-8")
