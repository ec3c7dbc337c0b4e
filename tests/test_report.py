"""`pkc report`: what needs an editor's attention."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pkc.cli import main

from .conftest import SITES


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_report_as_a_table() -> None:
    result = run("report", "--site", str(SITES / "multilingual"), "--today", "2027-09-01")
    assert result.exit_code == 0
    assert result.stdout == """What needs attention on 2027-09-01

Missing translations
  none

Not reviewed for 12 months: 3
  content/services/kerho-yksila.yaml           last reviewed 2026-03-01
  content/services/perheneuvola.md             last reviewed 2026-07-01
  content/services/lastenneuvola-kaksila.yaml  last reviewed 2026-08-15

Services without a contact: 2
  content/services/kerho-yksila.yaml
  content/services/perheneuvola.md

Meeting places without a schedule: 0

Orphans: 0 (entries nothing links to)

(Orphans are contacts, locations, organisations that no other entry names.)
"""


def test_report_as_json_finds_every_kind_of_problem(scratch_site) -> None:
    site = scratch_site({
        "content/contacts/unohtunut.yaml": {"name": "Unohtunut numero", "phone": "040 000 0009"},
        "content/meeting-places/kahvila.yaml": {
            "name": "Perhekahvila", "type": "perhekahvila", "organiser": ["pikkulan-kunta"],
            "municipality": "pikkula", "address": {"street": "Tie 1", "postal_code": "99999"},
            "last_reviewed": "2026-10-01"},
        "municipalities/pikkula.yaml": {"name": "Pikkula", "region": "pohjola", "languages": ["fi", "sv"],
                                        "introduction": "Vain suomeksi."},
    }, base="minimal")
    (site / "site.yaml").write_text((site / "site.yaml").read_text().replace("languages: [fi]", "languages: [fi, sv]"))
    result = run("report", "--site", str(site), "--json", "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    missing = report["missing_translations"]["pikkula"]["sv"]
    assert {item["file"]: item["detail"] for item in missing} == {
        "municipalities/pikkula.yaml": "name, introduction",
        "content/services/lastenneuvola.yaml": "name, summary, description",
        "content/meeting-places/kahvila.yaml": "name, street",
        "content/organisations/pikkulan-kunta.yaml": "name",
    }
    assert [i["slug"] for i in report["services_without_contact"]] == ["lastenneuvola"]
    assert [i["slug"] for i in report["places_without_schedule"]] == ["kahvila"]
    assert [(i["kind"], i["slug"]) for i in report["orphans"]] == [("contact", "unohtunut")]
    assert report["not_reviewed"] == []


def test_report_needs_valid_content(scratch_site) -> None:
    site = scratch_site({"municipalities/pikkula.yaml": "name: [\n"})
    result = run("report", "--site", str(site))
    assert result.exit_code == 1
    assert "fix them first" in result.stderr
